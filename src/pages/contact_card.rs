//! The contact card screen at `/contacts/:id`: the card of the contact with that id, or
//! «Контакт не найден» for an unknown or malformed id, with a link back to the list that keeps
//! the filter. Its ⚙ menu edits the contact in place (the same form as «Создать контакт»,
//! «Сохранить» writes only the changed fields, undoably) or erases its personal data.

use contacts_core::change::Op;
use contacts_core::form::{FormErrors, edits};
use contacts_core::model::ContactId;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::list_path;
use crate::components::card_menu::CardMenu;
use crate::components::contact_card::ContactCard;
use crate::components::contact_form::ContactForm;
use crate::state::AppState;
use crate::state::actions::Undoable;
use crate::state::card::{Card, card};
use crate::state::contact_form::{fields, initial_texts, typed};

/// What the card screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shown {
    Loading,
    NotFound,
    Found(ContactId, Box<Card>),
}

impl Shown {
    /// The contact shown, if any.
    fn id(&self) -> Option<ContactId> {
        match self {
            Shown::Found(id, _) => Some(*id),
            _ => None,
        }
    }
}

/// Which view the screen is in; it changes only with the route, loading or edit mode, so a
/// change to the base redraws the card's content but never replaces the form being edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Loading,
    NotFound,
    Card,
    Edit(ContactId),
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
                    .map(|c| Shown::Found(c.id, Box::new(card(index.base(), c, offset))))
            })
        })
        .unwrap_or(Shown::NotFound)
    });
    let editing = RwSignal::new(None::<ContactId>);
    let mode = Memo::new(move |_| {
        shown.with(|s| match s {
            Shown::Loading => Mode::Loading,
            Shown::NotFound => Mode::NotFound,
            Shown::Found(id, _) if editing.get() == Some(*id) => Mode::Edit(*id),
            Shown::Found(..) => Mode::Card,
        })
    });
    let shown_id = Memo::new(move |_| shown.with(Shown::id));
    let on_edit = Callback::new(move |()| editing.set(shown_id.get_untracked()));
    let on_done = Callback::new(move |()| editing.set(None));
    let title = move || {
        shown.with(|s| match s {
            Shown::Found(_, card) => card.title.clone(),
            _ => String::new(),
        })
    };
    view! {
        <nav class="back">
            <a href=move || list_path(state)>"← Все контакты"</a>
        </nav>
        {move || match mode.get() {
            Mode::Loading => view! { <p class="loading">"Загрузка базы…"</p> }.into_any(),
            Mode::NotFound => {
                view! {
                    <h1 class="page-title">"Контакт не найден"</h1>
                    <p>"Контакта с таким номером нет: возможно, ссылка неверна или он удалён."</p>
                }
                    .into_any()
            }
            Mode::Edit(id) => {
                view! {
                    <h1 class="page-title">"Редактирование: " {title}</h1>
                    <EditForm id on_done />
                }
                    .into_any()
            }
            Mode::Card => {
                view! {
                    <div class="card-toolbar">
                        {move || shown_id.get().map(|id| view! { <CardMenu id on_edit /> })}
                    </div>
                    {move || {
                        shown
                            .with(|s| match s {
                                Shown::Found(_, card) => Some((**card).clone()),
                                _ => None,
                            })
                            .map(|card| view! { <ContactCard card /> })
                    }}
                }
                    .into_any()
            }
        }}
    }
}

/// The card's edit form for contact `id`, filled with its values as they are when it opens.
#[component]
fn EditForm(
    /// The contact.
    id: ContactId,
    /// Leaves edit mode (after a save or «Отмена»).
    on_done: Callback<()>,
) -> impl IntoView {
    let state = AppState::expect();
    let (form_fields, start) = state.with_base_now(|index| {
        let form_fields = fields(&index.base().custom_fields);
        let start = initial_texts(&form_fields, index.contact(id));
        (form_fields, start)
    });
    let texts: Vec<RwSignal<String>> = start.into_iter().map(RwSignal::new).collect();
    let all_texts = StoredValue::new(texts.clone());
    let stored_fields = StoredValue::new(form_fields.clone());
    let errors = RwSignal::new(FormErrors::default());
    let save = move |()| {
        let now: Vec<String> =
            all_texts.with_value(|t| t.iter().map(|s| s.get_untracked()).collect());
        let typed = stored_fields.with_value(|f| typed(f, &now));
        let sets = state.with_base_now(|index| {
            index
                .contact(id)
                .map(|c| edits(&index.base().custom_fields, c, &typed))
        });
        match sets {
            None => on_done.run(()),
            Some(Err(found)) => errors.set(found),
            Some(Ok(sets)) if sets.is_empty() => on_done.run(()),
            Some(Ok(sets)) => {
                errors.set(FormErrors::default());
                spawn_local(async move {
                    let ops = vec![Op::SetFields {
                        contacts: vec![id],
                        fields: sets,
                    }];
                    match state
                        .run("Изменение контакта", Undoable::Yes, move |_| ops)
                        .await
                    {
                        Ok(_) => on_done.run(()),
                        Err(reason) => state.report_problem(reason),
                    }
                });
            }
        }
    };
    view! {
        <ContactForm
            fields=form_fields
            texts
            errors
            submit_label="Сохранить"
            on_submit=Callback::new(save)
            on_cancel=on_done
        />
    }
}
