//! «Отменить»: undoes the last bulk action or edit, as a new change (so it syncs too). Shown
//! only while there is something to undo, naming it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::AppState;
use crate::state::actions::undo_button_text;

/// The undo button and the name of what it undoes.
#[component]
pub fn UndoButton() -> impl IntoView {
    let state = AppState::expect();
    let undo = move |_| {
        spawn_local(async move {
            if let Err(reason) = state.undo().await {
                state.report_problem(reason);
            }
        });
    };
    move || {
        state.undo_label().map(|label| {
            view! {
                <span class="undo">
                    <button
                        type="button"
                        disabled=move || state.busy().is_some()
                        on:click=undo
                    >
                        {undo_button_text(&label)}
                    </button>
                    <span class="undo__what" data-testid="undo-what">
                        {label}
                    </span>
                </span>
            }
        })
    }
}
