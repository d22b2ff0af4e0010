//! The progress bar of a long task — a change being applied and written (a bulk action on
//! 100 000 contacts takes a moment) or an export: what runs and how far it has got.

use leptos::prelude::*;

use crate::state::AppState;

/// Shown while a change runs; nothing otherwise.
#[component]
pub fn BusyBar() -> impl IntoView {
    let state = AppState::expect();
    move || {
        state.busy().map(|busy| {
            let text = format!("{}: {}…", busy.label, busy.step_label);
            view! {
                <div class="busy-bar" role="status">
                    <progress
                        max=busy.total
                        value=busy.done
                        aria-label=busy.label.clone()
                    ></progress>
                    <span>{text}</span>
                </div>
            }
        })
    }
}
