//! The Contacts page at `/` (SPEC §3): «Всего» and «Найдено», the empty state with demo data,
//! the toolbar («Фильтр», «Вид», the ⚙ bulk actions, «Отменить», «Создать контакт», «Импорт»),
//! the selection line, the progress of a running change, the filter panel, «Видимые поля» and
//! the virtual table of the contacts matching the filter.
//!
//! The filter lives in the URL as `?f=<filter URL text>`: at mount a filter in the URL is
//! applied (a malformed one shows why and gives the empty filter), and from then on the URL is
//! kept in step with the applied filter, other query parameters untouched.

use contacts_core::filter::Filter;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::components::bulk_menu::BulkMenu;
use crate::components::busy_bar::BusyBar;
use crate::components::columns_dialog::ColumnsDialog;
use crate::components::demo_progress::DemoProgress;
use crate::components::empty_base::EmptyBase;
use crate::components::filter_panel::FilterPanel;
use crate::components::selection_bar::SelectionBar;
use crate::components::totals::Totals;
use crate::components::undo_button::UndoButton;
use crate::components::virtual_table::VirtualTable;
use crate::state::url::{FILTER_PARAM, query_with};
use crate::state::{AppState, LoadState};

/// The route of this page.
const LIST_PATH: &str = "/";

/// What the page body shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    Loading,
    Generating { done: usize, total: usize },
    Failed(String),
    Empty,
    Ready,
}

/// The Contacts page.
#[component]
pub fn ContactsPage() -> impl IntoView {
    let state = AppState::expect();
    if let Some(text) = use_query_map().with_untracked(|q| q.get(FILTER_PARAM)) {
        state.apply_filter_text(&text);
    }
    keep_url_in_step(state);
    let phase = Memo::new(move |_| match state.load_state() {
        LoadState::Loading => Phase::Loading,
        LoadState::Generating { done, total } => Phase::Generating { done, total },
        LoadState::Failed(message) => Phase::Failed(message),
        LoadState::Ready if state.total() == Some(0) => Phase::Empty,
        LoadState::Ready => Phase::Ready,
    });
    view! {
        <h1 class="page-title">"Контакты"</h1>
        <Totals />
        {move || {
            state
                .filter_notice()
                .map(|message| {
                    view! {
                        <p class="notice" role="alert">
                            {message}
                        </p>
                    }
                })
        }}
        {move || match phase.get() {
            Phase::Loading => view! { <p class="loading">"Загрузка базы…"</p> }.into_any(),
            Phase::Generating { done, total } => view! { <DemoProgress done total /> }.into_any(),
            Phase::Failed(message) => {
                view! {
                    <p class="error" role="alert">
                        {message}
                    </p>
                }
                    .into_any()
            }
            Phase::Empty => view! { <EmptyBase /> }.into_any(),
            Phase::Ready => view! { <Workspace /> }.into_any(),
        }}
    }
}

/// The toolbar, panels and table of a loaded, non-empty base.
#[component]
fn Workspace() -> impl IntoView {
    let state = AppState::expect();
    let filter_open = RwSignal::new(false);
    let columns_open = RwSignal::new(false);
    let active = move || {
        state
            .with_filter(|f| f.conditions.len() + f.groups.categories.len() + f.groups.groups.len())
    };
    let rows = Signal::derive(move || state.matches().rows);
    let columns = Signal::derive(move || state.visible_columns());
    view! {
        <div class="toolbar" role="toolbar" aria-label="Действия со списком">
            <button
                type="button"
                class="toolbar__filter"
                class=("active", move || active() > 0)
                aria-expanded=move || filter_open.get().to_string()
                on:click=move |_| filter_open.update(|o| *o = !*o)
            >
                "Фильтр"
                <Show when=move || { active() > 0 }>
                    <span class="badge">{active}</span>
                </Show>
            </button>
            <button
                type="button"
                aria-expanded=move || columns_open.get().to_string()
                on:click=move |_| columns_open.update(|o| *o = !*o)
            >
                "Вид"
            </button>
            <BulkMenu />
            <UndoButton />
            <span class="toolbar__spacer"></span>
            <a class="button" href="/contacts/new">
                "Создать контакт"
            </a>
            <a class="button" href="/import">
                    "Импорт"
                </a>
        </div>
        <SelectionBar />
        <BusyBar />
        <FilterPanel open=filter_open />
        <Show when=move || columns_open.get()>
            <ColumnsDialog open=columns_open />
        </Show>
        <VirtualTable
            rows
            columns
            label="Контакты"
            empty_text="Нет контактов, подходящих под фильтр"
        />
    }
}

/// Keeps the URL's `f` parameter equal to the applied filter while the list is the current
/// route, replacing the history entry so typing does not fill the back button. It reads the
/// router's location, which leads the address bar during a navigation.
fn keep_url_in_step(state: AppState) {
    let navigate = use_navigate();
    let location = use_location();
    Effect::new(move || {
        let text = state.with_filter(Filter::to_url_text);
        if location.pathname.get_untracked() != LIST_PATH {
            return;
        }
        let search = location.search.get_untracked();
        let current = if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        };
        let wanted = query_with(
            &search,
            FILTER_PARAM,
            (!text.is_empty()).then_some(text.as_str()),
        );
        if wanted != current {
            navigate(
                &format!("{LIST_PATH}{wanted}"),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        }
    });
}
