//! The one place the base is loaded and settings are kept: at start-up it opens storage, reads
//! the saved columns and filter, loads the base and, when the base is empty and the URL asks
//! with `?demo=N`, writes a generated demo base with progress. «Загрузить демо-данные» does the
//! same on demand. Column, filter and selection changes are saved back as settings.

use contacts_core::filter::Filter;
use contacts_core::model::ContactId;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;

use super::{AppState, LoadState, url};
use crate::demo;
use crate::storage::{Storage, StorageError};

/// The setting holding the keys of the visible columns.
pub const COLUMNS_SETTING: &str = "contacts.columns";

/// The setting holding the Contacts page's filter as URL text.
pub const FILTER_SETTING: &str = "contacts.filter";

/// The setting holding the frozen selection: the ticked contacts' ids.
pub const SELECTION_SETTING: &str = "contacts.selection";

/// Starts loading for a page opened with the query string `search`, and keeps settings saved
/// from then on. Call it once, in the app's root component.
pub fn start(state: AppState, search: &str) {
    let demo = demo::count_from_query(search);
    let url_has_filter = url::query_param(search, url::FILTER_PARAM).is_some();
    spawn_local(async move {
        if let Err(error) = open_and_load(state, demo, url_has_filter).await {
            state.set_load_state(LoadState::Failed(format!("База не загружена. {error}")));
        }
    });
    save_on_change(state, FILTER_SETTING, move || {
        state.with_filter(Filter::to_url_text)
    });
    save_on_change(state, COLUMNS_SETTING, move || state.column_keys());
    save_on_change(state, SELECTION_SETTING, move || {
        state
            .selected_ids()
            .into_iter()
            .map(|id| id.0)
            .collect::<Vec<u64>>()
    });
}

/// Writes a demo base of `count` contacts (the «Загрузить демо-данные» button).
pub fn load_demo(state: AppState, count: usize) {
    let Some(storage) = state.storage.get_value() else {
        state.report_problem("Хранилище ещё не открыто, попробуйте через секунду".to_owned());
        return;
    };
    spawn_local(async move {
        if let Err(error) = write_demo(state, &storage, count).await {
            state.set_load_state(LoadState::Failed(format!(
                "Демо-данные не записаны. {error}"
            )));
        }
    });
}

async fn open_and_load(
    state: AppState,
    demo: Option<usize>,
    url_has_filter: bool,
) -> Result<(), StorageError> {
    let storage = Storage::open().await?;
    state.storage.set_value(Some(storage.clone()));
    if let Some(keys) = storage.setting::<Vec<String>>(COLUMNS_SETTING).await? {
        state.set_column_keys(&keys);
    }
    if !url_has_filter && let Some(text) = storage.setting::<String>(FILTER_SETTING).await? {
        state.apply_filter_text(&text);
    }
    let selection = storage
        .setting::<Vec<u64>>(SELECTION_SETTING)
        .await?
        .unwrap_or_default();
    let base = storage.load().await?;
    match demo {
        Some(count) if base.contacts.is_empty() => write_demo(state, &storage, count).await,
        _ => {
            state.set_base(base);
            let ids: Vec<ContactId> = selection.into_iter().map(ContactId).collect();
            state.restore_selection(&ids);
            Ok(())
        }
    }
}

async fn write_demo(state: AppState, storage: &Storage, count: usize) -> Result<(), StorageError> {
    state.set_load_state(LoadState::Generating {
        done: 0,
        total: count,
    });
    let base = storage
        .load_demo(count, demo::SEED, |progress| {
            state.set_load_state(LoadState::Generating {
                done: progress.done,
                total: progress.total,
            });
        })
        .await?;
    state.set_base(base);
    Ok(())
}

/// Saves `read()` under `key` whenever it changes once the base is ready (and once when it
/// becomes ready, so a filter opened from a link is remembered too).
fn save_on_change<T>(state: AppState, key: &'static str, read: impl Fn() -> T + 'static)
where
    T: Serialize + Clone + PartialEq + 'static,
{
    Effect::new(move |previous: Option<(bool, T)>| {
        let current = (state.is_ready(), read());
        if current.0 && previous.as_ref() != Some(&current) {
            let value = current.1.clone();
            if let Some(storage) = state.storage.get_value() {
                spawn_local(async move {
                    if let Err(error) = storage.set_setting(key, &value).await {
                        state.report_problem(format!("Настройка не сохранена. {error}"));
                    }
                });
            }
        }
        current
    });
}
