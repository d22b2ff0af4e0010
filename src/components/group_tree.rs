//! The category/group tree of the «Фильтр» panel: every category as a blue folder with a
//! checkbox, its groups below it.

use leptos::prelude::*;

use super::category_node::CategoryNode;
use crate::state::AppState;
use crate::state::filter_editor::FilterEditor;

/// The tree of all categories and groups of the base, ticked as `editor`'s draft says.
#[component]
pub fn GroupTree(
    /// The filter being edited.
    editor: FilterEditor,
) -> impl IntoView {
    let state = AppState::expect();
    let categories = move || state.with_base(|b| b.base().categories.clone());
    view! {
        <ul class="tree" aria-label="Категории и группы">
            <For each=categories key=|c| c.id let:category>
                <CategoryNode editor category />
            </For>
        </ul>
    }
}
