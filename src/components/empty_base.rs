//! The empty state of the Contacts page: what the user can do with an empty base — create a
//! contact or import (both in their own later issue, shown disabled with a tooltip saying so),
//! or load a generated demo base of a chosen size.

use leptos::prelude::*;

use crate::demo;
use crate::state::{AppState, loader};

/// The empty-base panel with «Создать контакт», «Импорт» and «Загрузить демо-данные».
#[component]
pub fn EmptyBase() -> impl IntoView {
    let state = AppState::expect();
    let count = RwSignal::new(demo::DEFAULT_COUNT.to_string());
    let invalid = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match count.with_untracked(|c| demo::parse_count(c)) {
            Some(n) => {
                invalid.set(false);
                loader::load_demo(state, n);
            }
            None => invalid.set(true),
        }
    };
    view! {
        <section class="empty" aria-labelledby="empty-title">
            <h2 id="empty-title">"В базе пока нет контактов"</h2>
            <p class="empty__text">
                "Добавьте контакты или загрузите демо-данные, чтобы посмотреть, как работают таблица и фильтр."
            </p>
            <div class="empty__actions">
                <a class="button" href="/contacts/new">
                    "Создать контакт"
                </a>
                <a class="button" href="/import">
                    "Импорт"
                </a>
            </div>
            <form class="demo-form" on:submit=submit>
                <label class="demo-form__label">
                    "Количество контактов"
                    <input
                        type="number"
                        min="1"
                        max=demo::MAX_COUNT
                        step="1"
                        required
                        prop:value=count
                        on:input=move |ev| count.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" class="primary">
                    "Загрузить демо-данные"
                </button>
                <Show when=move || invalid.get()>
                    <p class="error" role="alert">
                        "Введите целое число от 1 до 1 000 000"
                    </p>
                </Show>
            </form>
        </section>
    }
}
