//! The selection line of the Contacts page: «Выбрано: N», «Выбрать все по фильтру (N)» and
//! «Снять выделение». The selection is frozen: ids resolved when ticked, untouched by later
//! filter edits; only «Снять выделение» clears it.

use leptos::prelude::*;

use crate::state::AppState;

/// The selection counter and its buttons.
#[component]
pub fn SelectionBar() -> impl IntoView {
    let state = AppState::expect();
    let matched = move || state.matches().rows.len();
    let selected = move || state.selected_count();
    view! {
        <div class="selection-bar">
            <span class="selection-bar__count" data-testid="selected">
                "Выбрано: "
                {selected}
            </span>
            <button
                type="button"
                disabled=move || matched() == 0
                on:click=move |_| state.select_all_matching()
            >
                {move || format!("Выбрать все по фильтру ({})", matched())}
            </button>
            <button
                type="button"
                class="link-button"
                disabled=move || selected() == 0
                on:click=move |_| state.clear_selection()
            >
                "Снять выделение"
            </button>
        </div>
    }
}
