//! The form of «Создать контакт» and of the card's «Редактировать»: one labelled input per
//! field of `state::contact_form::fields`, each with its error (if any) right under it, named by
//! the input's `aria-describedby`. It only edits texts; the page decides what «Сохранить» does.

use contacts_core::form::{FormErrors, InputKind};
use leptos::prelude::*;

use crate::state::contact_form::FormField;

/// The form's inputs and buttons.
#[component]
pub fn ContactForm(
    /// The inputs, in order.
    fields: Vec<FormField>,
    /// What each input holds, in the same order.
    texts: Vec<RwSignal<String>>,
    /// The errors to show next to fields.
    errors: RwSignal<FormErrors>,
    /// The submit button's text.
    submit_label: &'static str,
    /// Called on submit.
    on_submit: Callback<()>,
    /// Called by «Отмена», which is shown only when this is given.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let has_errors = move || errors.with(|e| !e.is_empty());
    view! {
        <form
            class="contact-form"
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                on_submit.run(());
            }
        >
            <Show when=has_errors>
                <p class="error" role="alert">
                    "Исправьте поля, отмеченные ниже: пока есть ошибки, ничего не сохраняется."
                </p>
            </Show>
            <div class="contact-form__fields">
                {fields
                    .into_iter()
                    .zip(texts)
                    .map(|(field, text)| field_view(field, text, errors))
                    .collect_view()}
            </div>
            <div class="contact-form__actions">
                <button type="submit" class="primary">
                    {submit_label}
                </button>
                {on_cancel
                    .map(|cancel| {
                        view! {
                            <button type="button" on:click=move |_| cancel.run(())>
                                "Отмена"
                            </button>
                        }
                    })}
            </div>
        </form>
    }
}

/// One labelled input with its error.
fn field_view(
    field: FormField,
    text: RwSignal<String>,
    errors: RwSignal<FormErrors>,
) -> impl IntoView {
    let key = field.field.clone();
    let error = Memo::new(move |_| errors.with(|e| e.0.get(&key).cloned()));
    let input_id = field.input_id.clone();
    let error_id = field.error_id();
    let described = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let input = match field.input {
        InputKind::Choice(options) => view! {
            <select
                id=input_id.clone()
                aria-invalid=invalid
                aria-describedby=described
                on:change=move |ev| text.set(event_target_value(&ev))
            >
                {options
                    .into_iter()
                    .map(|(value, label)| {
                        view! {
                            <option value=value selected=move || text.with(|t| t == value)>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
        kind => {
            let (kind_attr, hint) = match kind {
                InputKind::Email => ("email", None),
                InputKind::Phone => ("tel", None),
                InputKind::Date => ("text", Some("дд.мм.гггг")),
                InputKind::Number => ("text", None),
                _ => ("text", None),
            };
            view! {
                <input
                    id=input_id.clone()
                    type=kind_attr
                    placeholder=hint
                    aria-invalid=invalid
                    aria-describedby=described
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="contact-form__field" class:invalid=move || error.with(Option::is_some)>
            <label for=input_id>{field.label}</label>
            {input}
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field-error" id=error_id.clone() role="alert">
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
