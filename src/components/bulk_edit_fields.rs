//! The inputs of the bulk «Редактировать»: which of фамилия, имя, отчество, телефон, город,
//! описание, and its new value (blank clears the field).

use contacts_core::bulk::EDITABLE;
use contacts_core::fields::FieldId;
use leptos::prelude::*;

/// The field picker and the value box.
#[component]
pub fn BulkEditFields(
    /// The chosen field.
    field: RwSignal<FieldId>,
    /// The new value as typed.
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="dialog__field">
            "Поле"
            <select on:change=move |ev| {
                let key = event_target_value(&ev);
                if let Some(id) = EDITABLE.into_iter().find(|f| f.def().key == key) {
                    field.set(id);
                }
            }>
                {EDITABLE
                    .into_iter()
                    .map(|id| {
                        let def = id.def();
                        view! {
                            <option value=def.key selected=move || field.get() == id>
                                {def.label_ru}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
        <label class="dialog__field">
            "Новое значение"
            <input
                type="text"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}
