//! The contact card screen at `/contacts/:id`: the card of the contact with that id, or
//! «Контакт не найден» for an unknown or malformed id, with a link back to the list that keeps
//! the filter.

use contacts_core::model::ContactId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::list_path;
use crate::components::contact_card::ContactCard;
use crate::state::AppState;
use crate::state::card::{Card, card};

/// What the card screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shown {
    Loading,
    NotFound,
    Found(Box<Card>),
}

/// The card screen.
#[component]
pub fn ContactCardPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let offset = state.utc_offset_minutes();
    let shown = Memo::new(move |_| {
        if !state.is_ready() {
            return Shown::Loading;
        }
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<u64>().ok()));
        id.and_then(|id| {
            state.with_base(|index| {
                index
                    .contact(ContactId(id))
                    .map(|c| Shown::Found(Box::new(card(index.base(), c, offset))))
            })
        })
        .unwrap_or(Shown::NotFound)
    });
    view! {
        <nav class="back">
            <a href=move || list_path(state)>"← Все контакты"</a>
        </nav>
        {move || match shown.get() {
            Shown::Loading => view! { <p class="loading">"Загрузка базы…"</p> }.into_any(),
            Shown::NotFound => {
                view! {
                    <h1 class="page-title">"Контакт не найден"</h1>
                    <p>"Контакта с таким номером нет: возможно, ссылка неверна или он удалён."</p>
                }
                    .into_any()
            }
            Shown::Found(card) => view! { <ContactCard card=*card /> }.into_any(),
        }}
    }
}
