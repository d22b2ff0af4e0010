//! The bar above every page: the product crumb, the links to the contacts list and to «Группы»,
//! and any storage problem the user must know about.

use leptos::prelude::*;

use crate::state::AppState;

/// The top bar with «CRM → Контакты» and storage problems as an alert.
#[component]
pub fn TopBar() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <header class="topbar">
            <span class="topbar__crumb">"CRM"</span>
            <a class="topbar__title" href="/">"Контакты"</a>
            <a class="topbar__link" href="/groups">"Группы"</a>
            {move || {
                state
                    .problem()
                    .map(|message| {
                        view! {
                            <p class="topbar__problem" role="alert">
                                {message}
                            </p>
                        }
                    })
            }}
        </header>
    }
}
