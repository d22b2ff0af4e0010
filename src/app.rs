//! The top-level [`App`] component: page header and the «Всего» counter.
//!
//! Reads the demo base size from the page URL once, at mount; it never writes anywhere.

use leptos::prelude::*;

use crate::demo;

/// The whole Contacts page: a header «Контакты» and the total number of contacts.
///
/// The base is a generated demo base whose size comes from the `demo` query parameter
/// (see [`demo::count_from_query`]). The total is rendered as plain digits, «Всего: 1000»,
/// in an element marked `data-testid="total"`.
#[component]
pub fn App() -> impl IntoView {
    let search = window().location().search().unwrap_or_default();
    let total = demo::base_total(demo::count_from_query(&search));

    view! {
        <header class="topbar">
            <span class="topbar__crumb">"CRM"</span>
            <h1 class="topbar__title">"Контакты"</h1>
        </header>
        <main class="page">
            <section class="summary">
                <p class="summary__total" data-testid="total">"Всего: " {total}</p>
            </section>
        </main>
    }
}
