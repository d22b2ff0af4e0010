//! One category of the group tree: a folder with a checkbox that ticks all its groups (and
//! looks half-ticked when some are), a button that shows or hides its groups, and the groups'
//! own checkboxes.

use contacts_core::model::{Category, Group};
use leptos::prelude::*;

use crate::state::AppState;
use crate::state::filter_draft::Tick;
use crate::state::filter_editor::{Apply, FilterEditor};

/// The node of `category` in the group tree.
#[component]
pub fn CategoryNode(
    /// The filter being edited.
    editor: FilterEditor,
    /// The category.
    category: Category,
) -> impl IntoView {
    let state = AppState::expect();
    let id = category.id;
    let open = RwSignal::new(false);
    let groups =
        move || state.with_base(|b| b.base().groups_of(id).cloned().collect::<Vec<Group>>());
    let tick = move || state.with_base(|b| editor.read(|d| d.category_tick(b.base(), id)));
    let toggle_label = format!("Группы категории «{}»", category.name);
    view! {
        <li class="tree__category">
            <div class="tree__row">
                <button
                    type="button"
                    class="tree__toggle"
                    aria-label=toggle_label
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || if open.get() { "▾" } else { "▸" }}
                </button>
                <label class="tree__label">
                    <input
                        type="checkbox"
                        prop:checked=move || tick() == Tick::Checked
                        prop:indeterminate=move || tick() == Tick::Partial
                        on:change=move |_| {
                            editor.edit(Apply::Now, |d, base| d.toggle_category(base, id))
                        }
                    />
                    <span class="folder" aria-hidden="true"></span>
                    {category.name}
                </label>
            </div>
            <Show when=move || open.get()>
                <ul class="tree__groups">
                    <For each=groups key=|g| g.id let:group>
                        <li>
                            <label class="tree__label">
                                <input
                                    type="checkbox"
                                    prop:checked=move || {
                                        state.with_base(|b| editor.read(|d| d.group_ticked(b.base(), group.id)))
                                    }
                                    on:change=move |_| {
                                        editor.edit(Apply::Now, |d, base| d.toggle_group(base, group.id))
                                    }
                                />
                                {group.name}
                            </label>
                        </li>
                    </For>
                </ul>
            </Show>
        </li>
    }
}
