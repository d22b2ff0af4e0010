//! The groups cell of a contacts table: the first group as a link to its «Подписчики», then a
//! blue «+N» that expands the full list in place.

use leptos::prelude::*;

use crate::state::cells::{GroupLink, group_path};

/// A contact's groups: the first one, and «+N» for the others.
#[component]
pub fn GroupsCell(
    /// The groups in membership order.
    groups: Vec<GroupLink>,
) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let Some(first) = groups.first().cloned() else {
        return ().into_any();
    };
    let more = groups.len() - 1;
    view! {
        <span class="groups-cell">
            <a class="group-link" href=group_path(first.id)>
                {first.name}
            </a>
            {(more > 0)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="more"
                            title="Все группы контакта"
                            aria-expanded=move || expanded.get().to_string()
                            on:click=move |_| expanded.update(|e| *e = !*e)
                        >
                            "+"
                            {more}
                        </button>
                    }
                })}
            <Show when=move || expanded.get()>
                <ul class="groups-cell__all" aria-label="Все группы контакта">
                    {groups
                        .iter()
                        .map(|g| {
                            view! {
                                <li>
                                    <a class="group-link" href=group_path(g.id)>
                                        {g.name.clone()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Show>
        </span>
    }
    .into_any()
}
