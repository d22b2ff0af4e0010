//! One row of a contacts table: the tick box, then a cell per visible column. Names and
//! e-mails link to the card; the groups cell links to «Подписчики». Values are text nodes only.

use contacts_core::model::ContactId;
use contacts_core::sort::SortBy;
use leptos::prelude::*;

use super::groups_cell::GroupsCell;
use crate::state::cells::{self, Cell};
use crate::state::{AppState, columns};

/// The row of contact `id` with cells for `columns`.
#[component]
pub fn ContactRow(
    /// The contact.
    id: ContactId,
    /// The columns to show, in order.
    columns: Signal<Vec<SortBy>>,
) -> impl IntoView {
    let state = AppState::expect();
    let offset = state.utc_offset_minutes();
    let content = move || {
        let columns = columns.get();
        let found = state.with_base(|index| {
            index.contact(id).map(|contact| {
                let cells: Vec<(bool, Cell)> = columns
                    .iter()
                    .map(|column| {
                        let cell = cells::cell(index.base(), contact, column, offset);
                        (columns::is_numeric(column), cell)
                    })
                    .collect();
                (contact.display_name(), cells::card_path(contact), cells)
            })
        });
        found.map(|(name, path, cells)| {
            let tick_label = format!("Выбрать: {name}");
            view! {
                <div class="vcell vcell--check" role="cell">
                    <input
                        type="checkbox"
                        aria-label=tick_label
                        prop:checked=move || state.is_selected(id)
                        on:change=move |_| state.toggle_selected(id)
                    />
                </div>
                {cells
                    .into_iter()
                    .map(|(numeric, cell)| {
                        view! {
                            <div class="vcell" class:vcell--num=numeric role="cell">
                                {cell_view(cell, &path)}
                            </div>
                        }
                    })
                    .collect_view()}
            }
        })
    };
    view! {
        <div class="vrow" role="row">
            {content}
        </div>
    }
}

fn cell_view(cell: Cell, card_path: &str) -> AnyView {
    match cell {
        Cell::CardLink(text) => {
            let title = text.clone();
            view! {
                <a class="card-link" href=card_path.to_owned() title=title>
                    {text}
                </a>
            }
            .into_any()
        }
        Cell::Groups(groups) => view! { <GroupsCell groups /> }.into_any(),
        Cell::Text(text) => {
            let title = text.clone();
            view! { <span title=title>{text}</span> }.into_any()
        }
    }
}
