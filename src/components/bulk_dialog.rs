//! The dialog of one bulk action: how many contacts it will touch (the selection frozen when
//! the dialog opened), the action's own inputs, and the confirm button. On confirm the core
//! builds the ops for exactly those ids; a refusal (a bad value, a taken group name) is shown
//! in the dialog and nothing runs.

use std::collections::BTreeSet;

use contacts_core::bulk::{self, BulkError, GroupTarget};
use contacts_core::change::Op;
use contacts_core::model::{ContactId, GroupId, Timestamp};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::bulk_edit_fields::BulkEditFields;
use super::group_checklist::GroupChecklist;
use super::group_choice::{GroupChoice, NEW_GROUP};
use crate::state::AppState;
use crate::state::bulk::{BulkKind, touch_line};
use crate::storage::browser::now_ms;

/// The dialog of `kind`; `on_close` is called when it is confirmed or cancelled.
#[component]
pub fn BulkDialog(
    /// The action.
    kind: BulkKind,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let state = AppState::expect();
    let ids = StoredValue::new(untrack(|| state.selected_ids()));
    let count = ids.with_value(Vec::len);
    let error = RwSignal::new(None::<String>);
    let edit_field = RwSignal::new(bulk::EDITABLE[0]);
    let edit_value = RwSignal::new(String::new());
    let group_choice = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let new_category = RwSignal::new(String::new());
    let ticked = RwSignal::new(BTreeSet::<GroupId>::new());

    let build = move || -> Result<Vec<Op>, String> {
        let ids = ids.get_value();
        match kind {
            BulkKind::Edit => bulk::edit(
                &ids,
                edit_field.get_untracked(),
                &edit_value.get_untracked(),
            )
            .map(|op| vec![op]),
            BulkKind::AddToGroup => group_target(
                &group_choice.get_untracked(),
                &new_name.get_untracked(),
                &new_category.get_untracked(),
            )
            .and_then(|target| {
                state.with_base_now(|index| {
                    bulk::add_to_group(index.base(), &ids, &target, Timestamp(now_ms()))
                })
            }),
            BulkKind::RemoveFromGroups => {
                let groups: Vec<GroupId> = ticked.get_untracked().into_iter().collect();
                bulk::remove_from_groups(&ids, &groups).map(|op| vec![op])
            }
            BulkKind::Delete => bulk::delete(&ids).map(|op| vec![op]),
            BulkKind::Erase => return erase(state, &ids),
        }
        .map_err(|refusal| refusal.to_string())
    };
    let confirm = move |_| match build() {
        Err(refusal) => error.set(Some(refusal)),
        Ok(ops) => {
            on_close.run(());
            let label = format!("{} ({count})", kind.label());
            spawn_local(async move {
                if let Err(reason) = state.run(&label, kind.undoable(), move |_| ops).await {
                    state.report_problem(reason);
                }
            });
        }
    };
    let title_id = "bulk-dialog-title";
    view! {
        <div class="dialog-backdrop">
            <section class="dialog" role="dialog" aria-modal="true" aria-labelledby=title_id>
                <h2 id=title_id>{kind.label()}</h2>
                <p class="dialog__count" data-testid="bulk-count">
                    {touch_line(count)}
                </p>
                {match kind {
                    BulkKind::Edit => {
                        view! { <BulkEditFields field=edit_field value=edit_value /> }.into_any()
                    }
                    BulkKind::AddToGroup => {
                        view! {
                            <GroupChoice choice=group_choice name=new_name category=new_category />
                        }
                            .into_any()
                    }
                    BulkKind::RemoveFromGroups => view! { <GroupChecklist ticked /> }.into_any(),
                    BulkKind::Delete => {
                        view! {
                            <p>"Контакты будут удалены из базы вместе с их историей и группами."</p>
                        }
                            .into_any()
                    }
                    BulkKind::Erase => {
                        view! {
                            <p class="dialog__warning">
                                "Все личные поля будут стёрты, контакты выйдут из всех групп, теги и история будут очищены, статус станет «не существует». Останутся только номер контакта и время удаления. Это действие нельзя отменить."
                            </p>
                        }
                            .into_any()
                    }
                }}
                {move || {
                    error
                        .get()
                        .map(|message| {
                            view! {
                                <p class="error" role="alert">
                                    {message}
                                </p>
                            }
                        })
                }}
                <div class="dialog__actions">
                    <button
                        type="button"
                        class="primary"
                        class:danger=kind.is_destructive()
                        on:click=confirm
                    >
                        {kind.confirm_label()}
                    </button>
                    <button type="button" on:click=move |_| on_close.run(())>
                        "Отмена"
                    </button>
                </div>
            </section>
        </div>
    }
}

/// Reads the «Добавить в группу» inputs: an existing group's id, or [`NEW_GROUP`] with a name
/// and an optional category id.
fn group_target(choice: &str, name: &str, category: &str) -> Result<GroupTarget, BulkError> {
    if choice == NEW_GROUP {
        return Ok(GroupTarget::New {
            name: name.to_owned(),
            category: category.parse().ok().map(contacts_core::model::CategoryId),
        });
    }
    choice
        .parse()
        .map(|id| GroupTarget::Existing(GroupId(id)))
        .map_err(|_| BulkError::NoGroup)
}

/// The erasure of `ids` under the account's key.
fn erase(state: AppState, ids: &[ContactId]) -> Result<Vec<Op>, String> {
    if ids.is_empty() {
        return Err(BulkError::NothingSelected.to_string());
    }
    let key = state
        .erasure_key()
        .ok_or_else(|| "Хранилище ещё не открыто, попробуйте через секунду".to_owned())?;
    Ok(vec![
        state.with_base_now(|index| Op::erase(index, ids, &key)),
    ])
}
