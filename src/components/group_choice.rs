//! The inputs of «Добавить в группу»: an existing group (listed by category), or
//! «В новую группу» with a name and a category.

use leptos::prelude::*;

use crate::state::AppState;

/// The value of the «В новую группу» choice.
pub const NEW_GROUP: &str = "new";

/// The group picker; `choice` holds a group id or [`NEW_GROUP`], `name` and `category` the new
/// group's name and category id.
#[component]
pub fn GroupChoice(
    /// The chosen group id, or [`NEW_GROUP`]; empty until chosen.
    choice: RwSignal<String>,
    /// The new group's name.
    name: RwSignal<String>,
    /// The new group's category id; empty for the first category.
    category: RwSignal<String>,
) -> impl IntoView {
    let state = AppState::expect();
    let tree = state.with_base_now(|index| {
        let base = index.base();
        base.categories
            .iter()
            .map(|c| {
                let groups: Vec<(String, String)> = base
                    .groups_of(c.id)
                    .map(|g| (g.id.0.to_string(), g.name.clone()))
                    .collect();
                (c.id.0.to_string(), c.name.clone(), groups)
            })
            .collect::<Vec<_>>()
    });
    let categories: Vec<(String, String)> = tree
        .iter()
        .map(|(id, name, _)| (id.clone(), name.clone()))
        .collect();
    if choice.get_untracked().is_empty() {
        let first = tree
            .iter()
            .flat_map(|(_, _, groups)| groups.first())
            .next()
            .map_or(NEW_GROUP.to_owned(), |(id, _)| id.clone());
        choice.set(first);
    }
    view! {
        <label class="dialog__field">
            "Группа"
            <select on:change=move |ev| choice.set(event_target_value(&ev))>
                {tree
                    .into_iter()
                    .map(|(_, category_name, groups)| {
                        view! {
                            <optgroup label=category_name>
                                {groups
                                    .into_iter()
                                    .map(|(id, group_name)| {
                                        let value = id.clone();
                                        view! {
                                            <option value=id selected=move || choice.get() == value>
                                                {group_name}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </optgroup>
                        }
                    })
                    .collect_view()}
                <option value=NEW_GROUP selected=move || choice.get() == NEW_GROUP>
                    "В новую группу"
                </option>
            </select>
        </label>
        <Show when=move || choice.get() == NEW_GROUP>
            <label class="dialog__field">
                "Название новой группы"
                <input
                    type="text"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </label>
            {
                let categories = categories.clone();
                (!categories.is_empty())
                    .then(|| {
                        view! {
                            <label class="dialog__field">
                                "Категория"
                                <select on:change=move |ev| category.set(event_target_value(&ev))>
                                    {categories
                                        .into_iter()
                                        .map(|(id, category_name)| {
                                            view! { <option value=id>{category_name}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </label>
                        }
                    })
            }
        </Show>
    }
}
