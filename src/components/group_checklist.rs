//! The category/group tree of «Удалить из групп»: a category's checkbox ticks all its groups;
//! the ticked groups are the ones the contacts leave.

use std::collections::BTreeSet;

use contacts_core::model::GroupId;
use leptos::prelude::*;

use crate::state::AppState;

/// The checkbox tree; `ticked` holds the ticked groups.
#[component]
pub fn GroupChecklist(
    /// The ticked groups.
    ticked: RwSignal<BTreeSet<GroupId>>,
) -> impl IntoView {
    let state = AppState::expect();
    let tree = state.with_base_now(|index| {
        let base = index.base();
        base.categories
            .iter()
            .map(|c| {
                let groups: Vec<(GroupId, String)> = base
                    .groups_of(c.id)
                    .map(|g| (g.id, g.name.clone()))
                    .collect();
                (c.name.clone(), groups)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <ul class="tree" aria-label="Группы, из которых удалить">
            {tree
                .into_iter()
                .map(|(category, groups)| {
                    let ids: Vec<GroupId> = groups.iter().map(|(id, _)| *id).collect();
                    let all = ids.clone();
                    let all_ticked = move || {
                        ticked.with(|t| !all.is_empty() && all.iter().all(|id| t.contains(id)))
                    };
                    view! {
                        <li class="tree__category">
                            <label class="tree__label">
                                <input
                                    type="checkbox"
                                    prop:checked=all_ticked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        ticked
                                            .update(|t| {
                                                for id in &ids {
                                                    if on {
                                                        t.insert(*id);
                                                    } else {
                                                        t.remove(id);
                                                    }
                                                }
                                            });
                                    }
                                />
                                <span class="folder" aria-hidden="true"></span>
                                {category}
                            </label>
                            <ul class="tree__groups">
                                {groups
                                    .into_iter()
                                    .map(|(id, name)| {
                                        view! {
                                            <li>
                                                <label class="tree__label">
                                                    <input
                                                        type="checkbox"
                                                        prop:checked=move || ticked.with(|t| t.contains(&id))
                                                        on:change=move |ev| {
                                                            let on = event_target_checked(&ev);
                                                            ticked
                                                                .update(|t| {
                                                                    if on {
                                                                        t.insert(id);
                                                                    } else {
                                                                        t.remove(&id);
                                                                    }
                                                                });
                                                        }
                                                    />
                                                    {name}
                                                </label>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
