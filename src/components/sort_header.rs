//! A column header of a contacts table: its label as a button that sorts by the column, with an
//! arrow for the direction; a second click reverses it.

use contacts_core::sort::{Direction, SortBy};
use leptos::prelude::*;

use crate::state::{AppState, columns};

/// The header of `column`; `sort` is the table's current sort, which clicks change.
#[component]
pub fn SortHeader(
    /// The column.
    column: SortBy,
    /// The table's sort: the column and direction, or `None` for base order.
    sort: RwSignal<Option<(SortBy, Direction)>>,
) -> impl IntoView {
    let state = AppState::expect();
    let label = untrack(|| state.with_base(|b| columns::label(&column, &b.base().custom_fields)));
    let numeric = columns::is_numeric(&column);
    let direction = {
        let column = column.clone();
        move || {
            sort.with(|s| match s {
                Some((by, direction)) if *by == column => Some(*direction),
                _ => None,
            })
        }
    };
    let aria_sort = {
        let direction = direction.clone();
        move || match direction() {
            Some(Direction::Ascending) => "ascending",
            Some(Direction::Descending) => "descending",
            None => "none",
        }
    };
    let mark = {
        let direction = direction.clone();
        move || match direction() {
            Some(Direction::Ascending) => "▲",
            Some(Direction::Descending) => "▼",
            None => "",
        }
    };
    let click = move |_| {
        let next = match direction() {
            Some(d) => d.toggled(),
            None => Direction::Ascending,
        };
        sort.set(Some((column.clone(), next)));
    };
    view! {
        <div class="vcell vcell--head" class:vcell--num=numeric role="columnheader" aria-sort=aria_sort>
            <button type="button" class="sort" title="Сортировать" on:click=click>
                {label}
                <span class="sort__mark" aria-hidden="true">
                    {mark}
                </span>
            </button>
        </div>
    }
}
