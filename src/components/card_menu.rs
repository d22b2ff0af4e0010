//! The card's ⚙ menu: «Редактировать» (the page switches to the form) and «Удалить персональные
//! данные», which first opens a dialog naming everything the erasure does and that it cannot be
//! undone; on confirm the erasure runs under the account's key, without undo.

use contacts_core::change::Op;
use contacts_core::model::ContactId;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::AppState;
use crate::state::actions::Undoable;

/// The title and confirm button of the erasure.
const ERASE: &str = "Удалить персональные данные";

/// The ⚙ button of the card of contact `id`, its menu and the erasure dialog.
#[component]
pub fn CardMenu(
    /// The contact.
    id: ContactId,
    /// Switches the card to its edit form.
    on_edit: Callback<()>,
) -> impl IntoView {
    let state = AppState::expect();
    let open = RwSignal::new(false);
    let erasing = RwSignal::new(false);
    let confirm = move |_| {
        erasing.set(false);
        let Some(key) = state.erasure_key() else {
            state.report_problem("Хранилище ещё не открыто, попробуйте через секунду".to_owned());
            return;
        };
        spawn_local(async move {
            let label = format!("{ERASE} (1)");
            let run = state.run(&label, Undoable::No, move |base| {
                vec![Op::erase(base, &[id], &key)]
            });
            if let Err(reason) = run.await {
                state.report_problem(reason);
            }
        });
    };
    let title_id = "erase-dialog-title";
    view! {
        <div class="bulk-menu card-menu">
            <button
                type="button"
                aria-label="Действия с контактом"
                title="Действия с контактом"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                disabled=move || state.busy().is_some()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "⚙"
            </button>
            <Show when=move || open.get()>
                <div class="bulk-menu__list" role="menu" aria-label="Действия с контактом">
                    <button
                        type="button"
                        role="menuitem"
                        on:click=move |_| {
                            open.set(false);
                            on_edit.run(());
                        }
                    >
                        "Редактировать"
                    </button>
                    <button
                        type="button"
                        role="menuitem"
                        class="danger"
                        on:click=move |_| {
                            open.set(false);
                            erasing.set(true);
                        }
                    >
                        {ERASE}
                    </button>
                </div>
            </Show>
            <Show when=move || erasing.get()>
                <div class="dialog-backdrop">
                    <section class="dialog" role="dialog" aria-modal="true" aria-labelledby=title_id>
                        <h2 id=title_id>{ERASE}</h2>
                        <p class="dialog__warning">
                            "Все личные поля контакта будут стёрты, он выйдет из всех групп, теги и история будут очищены, статус станет «не существует». Останутся только номер контакта и время удаления. Это действие нельзя отменить."
                        </p>
                        <div class="dialog__actions">
                            <button type="button" class="primary danger" on:click=confirm>
                                {ERASE}
                            </button>
                            <button type="button" on:click=move |_| erasing.set(false)>
                                "Отмена"
                            </button>
                        </div>
                    </section>
                </div>
            </Show>
        </div>
    }
}
