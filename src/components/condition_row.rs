//! One condition of the «Фильтр» panel: field → match type (only those the field allows) →
//! value boxes, «+» for another value, «×» to remove the condition, and the compile errors of
//! this condition right below it.

use contacts_core::fields::MatchType;
use leptos::prelude::*;

use super::condition_value::ConditionValue;
use crate::state::AppState;
use crate::state::filter_draft::{field_from_key, field_key, field_options, match_types};
use crate::state::filter_editor::{Apply, FilterEditor};

/// The row of condition `id` of `editor`'s draft.
#[component]
pub fn ConditionRow(
    /// The filter being edited.
    editor: FilterEditor,
    /// The condition's id in the draft.
    id: u32,
) -> impl IntoView {
    let state = AppState::expect();
    let fields = untrack(|| state.with_base(|b| field_options(b.base())));
    let field = Memo::new(move |_| editor.read(|d| d.condition(id).map(|c| c.field.clone())));
    let current_key = Memo::new(move |_| field.get().map(|f| field_key(&f)).unwrap_or_default());
    let match_type = Memo::new(move |_| editor.read(|d| d.condition(id).map(|c| c.match_type)));
    let allowed = Memo::new(move |_| {
        field
            .get()
            .map(|f| state.with_base(|b| match_types(b.base(), &f)))
            .unwrap_or(&[])
    });
    let index = Memo::new(move |_| editor.read(|d| d.index_of(id)));
    let value_ids = move || {
        editor.read(|d| {
            d.condition(id)
                .map(|c| c.values.iter().map(|v| v.id).collect::<Vec<u32>>())
                .unwrap_or_default()
        })
    };
    let errors = move || {
        let index = index.get();
        state
            .matches()
            .errors
            .iter()
            .filter(|e| index.is_some() && e.condition() == index)
            .map(ToString::to_string)
            .collect::<Vec<String>>()
    };
    let takes_values = move || match_type.get().is_some_and(MatchType::takes_values);
    let title = move || format!("Условие {}", index.get().map_or(0, |i| i + 1));
    view! {
        <div class="condition" role="group" aria-label=title>
            <div class="condition__line">
                <select
                    aria-label="Поле"
                    on:change=move |ev| {
                        if let Some(field) = field_from_key(&event_target_value(&ev)) {
                            editor.edit(Apply::Now, |d, base| d.set_field(base, id, field));
                        }
                    }
                >
                    {fields
                        .into_iter()
                        .map(|option| {
                            let key = option.key.clone();
                            view! {
                                <option
                                    value=option.key
                                    prop:selected=move || current_key.with(|k| *k == key)
                                >
                                    {option.label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <select
                    aria-label="Сравнение"
                    on:change=move |ev| {
                        if let Some(m) = MatchType::from_code(&event_target_value(&ev)) {
                            editor.edit(Apply::Now, |d, base| d.set_match_type(base, id, m));
                        }
                    }
                >
                    {move || {
                        allowed
                            .get()
                            .iter()
                            .map(|&m| {
                                view! {
                                    <option
                                        value=m.code()
                                        prop:selected=move || match_type.get() == Some(m)
                                    >
                                        {m.label_ru()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <For each=value_ids key=|v| *v let:value>
                    <ConditionValue editor condition=id value />
                </For>
                <Show when=takes_values>
                    <button
                        type="button"
                        class="icon-button add-value"
                        aria-label="Добавить значение"
                        title="Добавить значение"
                        on:click=move |_| editor.edit(Apply::Now, |d, base| d.add_value(base, id))
                    >
                        "+"
                    </button>
                </Show>
                <button
                    type="button"
                    class="icon-button remove"
                    aria-label="Удалить условие"
                    title="Удалить условие"
                    on:click=move |_| editor.edit(Apply::Now, |d, _| d.remove_condition(id))
                >
                    "×"
                </button>
            </div>
            <ul class="condition__errors">
                {move || {
                    errors()
                        .into_iter()
                        .map(|e| view! { <li role="alert">{e}</li> })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
