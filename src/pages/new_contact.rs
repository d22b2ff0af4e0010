//! «Создать контакт» at `/contacts/new`: the contact form over the field catalogue. «Создать»
//! saves nothing while any field is wrong; a known e-mail or phone (or an erased person's) is
//! shown with a link to that card, and the user chooses «Всё равно создать» or edits the form.
//! The saved contact gets the next id, goes through `AppState::run` (undoable) and its card
//! opens.

use contacts_core::change::Op;
use contacts_core::form::FormErrors;
use contacts_core::model::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::list_path;
use crate::components::contact_form::ContactForm;
use crate::state::AppState;
use crate::state::actions::Undoable;
use crate::state::contact_form::{
    Decision, Warning, decide, fields, initial_texts, next_contact_id, typed,
};
use crate::storage::browser::now_ms;

/// The «Создать контакт» screen.
#[component]
pub fn NewContactPage() -> impl IntoView {
    let state = AppState::expect();
    let ready = Memo::new(move |_| state.is_ready());
    view! {
        <nav class="back">
            <a href=move || list_path(state)>"← Все контакты"</a>
        </nav>
        <h1 class="page-title">"Создать контакт"</h1>
        {move || {
            if ready.get() {
                view! { <NewContactForm /> }.into_any()
            } else {
                view! { <p class="loading">"Загрузка базы…"</p> }.into_any()
            }
        }}
    }
}

/// The form, its warnings and what «Создать» does.
#[component]
fn NewContactForm() -> impl IntoView {
    let state = AppState::expect();
    let navigate = StoredValue::new_local(use_navigate());
    let fields = StoredValue::new(state.with_base_now(|index| fields(&index.base().custom_fields)));
    let texts: Vec<RwSignal<String>> = fields
        .with_value(|f| initial_texts(f, None))
        .into_iter()
        .map(RwSignal::new)
        .collect();
    let all_texts = StoredValue::new(texts.clone());
    let errors = RwSignal::new(FormErrors::default());
    let warnings = RwSignal::new(Vec::<Warning>::new());
    let save = move |force: bool| {
        let typed = fields.with_value(|f| {
            let texts: Vec<String> =
                all_texts.with_value(|t| t.iter().map(|s| s.get_untracked()).collect());
            typed(f, &texts)
        });
        let Some(key) = state.erasure_key() else {
            state.report_problem("Хранилище ещё не открыто, попробуйте через секунду".to_owned());
            return;
        };
        let decision = state.with_base_now(|index| {
            let base = index.base();
            decide(
                base,
                &key,
                next_contact_id(base),
                Timestamp(now_ms()),
                &typed,
                force,
            )
        });
        match decision {
            Decision::Invalid(found) => {
                errors.set(found);
                warnings.set(Vec::new());
            }
            Decision::Doubtful {
                warnings: found, ..
            } => {
                errors.set(FormErrors::default());
                warnings.set(found);
            }
            Decision::Ready(contact) => {
                errors.set(FormErrors::default());
                warnings.set(Vec::new());
                let path = format!("/contacts/{}", contact.id.0);
                spawn_local(async move {
                    let ops = vec![Op::CreateContacts(vec![*contact])];
                    match state
                        .run("Создание контакта", Undoable::Yes, move |_| ops)
                        .await
                    {
                        Ok(_) => navigate.with_value(|go| go(&path, Default::default())),
                        Err(reason) => state.report_problem(reason),
                    }
                });
            }
        }
    };
    view! {
        <ContactForm
            fields=fields.get_value()
            texts
            errors
            submit_label="Создать"
            on_submit=Callback::new(move |()| save(false))
        />
        <Show when=move || warnings.with(|w| !w.is_empty())>
            <section class="form-warnings" role="alert" aria-label="Похожие контакты">
                <ul>
                    {move || {
                        warnings
                            .get()
                            .into_iter()
                            .map(|w| {
                                view! {
                                    <li>
                                        {w.text} " "
                                        {w
                                            .link
                                            .map(|(href, name)| view! { <a href=href>{name}</a> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <button type="button" class="primary" on:click=move |_| save(true)>
                    "Всё равно создать"
                </button>
            </section>
        </Show>
    }
}
