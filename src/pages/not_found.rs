//! The page for a path the app does not have.

use leptos::prelude::*;

/// «Страница не найдена» with a link to the contacts list.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1 class="page-title">"Страница не найдена"</h1>
        <p>
            "Такой страницы нет. "
            <a href="/">"Перейти к контактам"</a>
        </p>
    }
}
