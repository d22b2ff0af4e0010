//! The «Фильтр» panel: the category/group tree beside the condition rows, «Добавить условие»
//! and «Сбросить фильтр», and the errors that concern the group selection. It stays mounted
//! while the page is open (hidden when closed), so its draft and focus survive toggling.

use leptos::prelude::*;

use super::condition_row::ConditionRow;
use super::group_tree::GroupTree;
use crate::state::AppState;
use crate::state::filter_draft::DraftFilter;
use crate::state::filter_editor::{Apply, FilterEditor};

/// The filter panel, shown while `open` is true.
#[component]
pub fn FilterPanel(
    /// Whether the panel is shown.
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = AppState::expect();
    let editor = FilterEditor::new(state);
    let condition_ids =
        move || editor.read(|d| d.conditions.iter().map(|c| c.id).collect::<Vec<u32>>());
    let selection_errors = move || {
        state
            .matches()
            .errors
            .iter()
            .filter(|e| e.condition().is_none())
            .map(|e| view! { <li role="alert">{e.to_string()}</li> })
            .collect_view()
    };
    view! {
        <section class="filter-panel" aria-label="Фильтр" hidden=move || !open.get()>
            <div class="filter-panel__groups">
                <h2>"Группы"</h2>
                <GroupTree editor />
                <ul class="condition__errors">{selection_errors}</ul>
            </div>
            <div class="filter-panel__conditions">
                <h2>"Условия"</h2>
                <p class="hint">
                    "Условия выполняются все сразу; значения одного условия — любое из них."
                </p>
                <For each=condition_ids key=|id| *id let:id>
                    <ConditionRow editor id />
                </For>
                <div class="filter-panel__actions">
                    <button
                        type="button"
                        on:click=move |_| {
                            editor.edit(Apply::Now, |d, _| {
                                d.add_condition();
                            })
                        }
                    >
                        "Добавить условие"
                    </button>
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| editor.edit(Apply::Now, |d, _| *d = DraftFilter::default())
                    >
                        "Сбросить фильтр"
                    </button>
                </div>
            </div>
        </section>
    }
}
