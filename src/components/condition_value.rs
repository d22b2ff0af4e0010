//! One value box of a filter condition: a text box (dates as дд.мм.гггг, numbers, text) or a
//! select of Russian labels for enumerations, and «×» to remove it when the condition has more
//! than one value. Typing is applied after a short pause.

use leptos::prelude::*;

use crate::state::AppState;
use crate::state::filter_draft::{ValueInput, field_kind, value_input};
use crate::state::filter_editor::{Apply, FilterEditor};

/// The box of value `value` of condition `condition`.
#[component]
pub fn ConditionValue(
    /// The filter being edited.
    editor: FilterEditor,
    /// The condition's id.
    condition: u32,
    /// The value's id.
    value: u32,
) -> impl IntoView {
    let state = AppState::expect();
    let input = Memo::new(move |_| {
        let field = editor.read(|d| d.condition(condition).map(|c| c.field.clone()));
        let kind = field.and_then(|f| state.with_base(|b| field_kind(b.base(), &f)));
        value_input(kind)
    });
    let text = Memo::new(move |_| {
        editor.read(|d| {
            d.condition(condition)
                .and_then(|c| c.values.iter().find(|v| v.id == value))
                .map(|v| v.text.clone())
                .unwrap_or_default()
        })
    });
    let removable =
        move || editor.read(|d| d.condition(condition).is_some_and(|c| c.values.len() > 1));
    let set = move |when: Apply, new_text: String| {
        editor.edit(when, |d, _| d.set_value(condition, value, new_text));
    };
    let control = move || {
        match input.get() {
        ValueInput::Text { placeholder } => view! {
            <input
                type="text"
                aria-label="Значение"
                placeholder=placeholder
                prop:value=move || text.get()
                on:input=move |ev| set(Apply::AfterTyping, event_target_value(&ev))
            />
        }
        .into_any(),
        ValueInput::Select(options) => view! {
            <select aria-label="Значение" on:change=move |ev| set(Apply::Now, event_target_value(&ev))>
                {options
                    .into_iter()
                    .map(|(code, label)| {
                        view! {
                            <option value=code prop:selected=move || text.with(|t| t == code)>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
    }
    };
    view! {
        <span class="condition__value">
            {control}
            <Show when=removable>
                <button
                    type="button"
                    class="icon-button"
                    aria-label="Удалить значение"
                    title="Удалить значение"
                    on:click=move |_| editor.edit(Apply::Now, |d, _| d.remove_value(condition, value))
                >
                    "×"
                </button>
            </Show>
        </span>
    }
}
