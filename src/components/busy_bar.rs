//! The progress bar of a change being applied and written (a bulk action on 100 000 contacts
//! takes a moment): what runs and which of its steps it is at.

use leptos::prelude::*;

use crate::state::AppState;
use crate::state::actions::STEPS;

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
                        max=STEPS
                        value=busy.step
                        aria-label=busy.label.clone()
                    ></progress>
                    <span>{text}</span>
                </div>
            }
        })
    }
}
