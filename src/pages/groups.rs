//! «Группы» at `/groups`: every category with its groups and member counts; create a category or
//! a group in one, rename either, move a group to another category, delete a group (the question
//! says how many members leave it) or a category (how many groups and members). Names are checked
//! by the core; each action is one op run through `AppState::run`, without undo.

use contacts_core::model::CategoryId;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::AppState;
use crate::state::actions::Undoable;
use crate::state::groups_admin::{
    CategoryRow, GroupAction, delete_category_question, delete_group_question, overview,
};

/// The open dialog: the action, the name it starts with, and the question it asks.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Open {
    action: GroupAction,
    name: String,
    question: Option<String>,
}

/// The «Группы» screen.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let state = AppState::expect();
    let rows = Memo::new(move |_| {
        if state.is_ready() {
            Some(state.with_base(|index| overview(index.base())))
        } else {
            None
        }
    });
    let open = RwSignal::new(None::<Open>);
    let ask = move |action: GroupAction, name: String, question: Option<String>| {
        open.set(Some(Open {
            action,
            name,
            question,
        }))
    };
    view! {
        <h1 class="page-title">"Группы"</h1>
        <div class="groups-toolbar">
            <button type="button" on:click=move |_| ask(GroupAction::NewCategory, String::new(), None)>
                "Создать категорию"
            </button>
        </div>
        {move || match rows.get() {
            None => view! { <p class="loading">"Загрузка базы…"</p> }.into_any(),
            Some(rows) if rows.is_empty() => {
                view! { <p class="blank">"Категорий пока нет. Создайте первую."</p> }.into_any()
            }
            Some(rows) => {
                let categories: Vec<(CategoryId, String)> =
                    rows.iter().map(|r| (r.id, r.name.clone())).collect();
                rows.into_iter()
                    .map(|row| category_view(row, categories.clone(), ask, state))
                    .collect_view()
                    .into_any()
            }
        }}
        {move || open.get().map(|o| view! { <GroupDialog open=o on_close=Callback::new(move |()| open.set(None)) /> })}
    }
}

/// One category: its heading with its actions, and its groups.
fn category_view(
    row: CategoryRow,
    categories: Vec<(CategoryId, String)>,
    ask: impl Fn(GroupAction, String, Option<String>) + Copy + 'static,
    state: AppState,
) -> impl IntoView {
    let question = delete_category_question(&row);
    let CategoryRow { id, name, groups } = row;
    let heading = name.clone();
    let rename_name = name.clone();
    let group_rows = groups
        .into_iter()
        .map(|g| {
            let gid = g.id;
            let rename_name = g.name.clone();
            let question = delete_group_question(&g.name, g.members);
            let move_label = format!("Категория группы «{}»", g.name);
            let options = categories.clone();
            view! {
                <li class="groups-page__group">
                    <a class="group-link" href=format!("/groups/{}", gid.0)>{g.name}</a>
                    <span class="groups-page__count">"Контактов: " {g.members}</span>
                    <select
                        aria-label=move_label
                        on:change=move |ev| {
                            if let Ok(to) = event_target_value(&ev).parse::<u64>() {
                                run(state, GroupAction::MoveGroup(gid, CategoryId(to)), String::new());
                            }
                        }
                    >
                        {options
                            .into_iter()
                            .map(|(cid, cname)| {
                                view! {
                                    <option value=cid.0.to_string() selected=cid == id>
                                        {cname}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button
                        type="button"
                        on:click=move |_| ask(GroupAction::RenameGroup(gid), rename_name.clone(), None)
                    >
                        "Переименовать"
                    </button>
                    <button
                        type="button"
                        class="danger"
                        on:click=move |_| ask(GroupAction::DeleteGroup(gid), String::new(), Some(question.clone()))
                    >
                        "Удалить"
                    </button>
                </li>
            }
        })
        .collect_view();
    let label = format!("Категория «{name}»");
    view! {
        <section class="card__section groups-page__category" aria-label=label>
            <h2>
                <span class="folder" aria-hidden="true"></span>
                {heading}
            </h2>
            <div class="groups-page__actions">
                <button type="button" on:click=move |_| ask(GroupAction::NewGroup(id), String::new(), None)>
                    "Создать группу"
                </button>
                <button
                    type="button"
                    on:click=move |_| ask(GroupAction::RenameCategory(id), rename_name.clone(), None)
                >
                    "Переименовать категорию"
                </button>
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| ask(GroupAction::DeleteCategory(id), String::new(), Some(question.clone()))
                >
                    "Удалить категорию"
                </button>
            </div>
            <ul class="groups-page__groups">{group_rows}</ul>
        </section>
    }
}

/// Runs `action` with `name` as one change without undo; a refusal or a failed write is shown
/// as a problem.
fn run(state: AppState, action: GroupAction, name: String) {
    spawn_local(async move {
        let result = state
            .run(action.title(), Undoable::No, move |index| {
                action
                    .op(index.base(), &name)
                    .ok()
                    .flatten()
                    .into_iter()
                    .collect()
            })
            .await;
        if let Err(reason) = result {
            state.report_problem(reason);
        }
    });
}

/// The dialog of one action: a name to type, or a question to confirm.
#[component]
fn GroupDialog(
    /// The action and what it starts with.
    open: Open,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let state = AppState::expect();
    let Open {
        action,
        name,
        question,
    } = open;
    let name = RwSignal::new(name);
    let error = RwSignal::new(None::<String>);
    let confirm = move || {
        let typed = name.get_untracked();
        match state.with_base_now(|index| action.op(index.base(), &typed)) {
            Err(refusal) => error.set(Some(refusal.to_string())),
            Ok(_) => {
                on_close.run(());
                run(state, action, typed);
            }
        }
    };
    let title_id = "group-dialog-title";
    view! {
        <div class="dialog-backdrop">
            <form
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id
                on:submit=move |ev| {
                    ev.prevent_default();
                    confirm();
                }
            >
                <h2 id=title_id>{action.title()}</h2>
                {question.map(|q| view! { <p class="dialog__warning">{q}</p> })}
                {action
                    .takes_name()
                    .then(|| {
                        view! {
                            <label for="group-dialog-name">"Название"</label>
                            <input
                                id="group-dialog-name"
                                type="text"
                                prop:value=move || name.get()
                                on:input=move |ev| name.set(event_target_value(&ev))
                            />
                        }
                    })}
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
                    <button type="submit" class="primary" class:danger=!action.takes_name()>
                        {action.confirm_label()}
                    </button>
                    <button type="button" on:click=move |_| on_close.run(())>
                        "Отмена"
                    </button>
                </div>
            </form>
        </div>
    }
}
