//! A virtualised contacts table: fixed-height rows, only the rows in view (plus a few) in the
//! DOM, keyed by contact id, over a scroll area as tall as all rows. Column headers sort it with
//! the core's `sort_rows`. Smooth over hundreds of thousands of rows.

use std::sync::Arc;

use contacts_core::model::ContactId;
use contacts_core::sort::{Direction, SortBy, sort_rows};
use leptos::html::Div;
use leptos::prelude::*;

use super::contact_row::ContactRow;
use super::sort_header::SortHeader;
use crate::state::window::{ROW_HEIGHT, window};
use crate::state::{AppState, columns};

/// Width of the tick-box column, in CSS pixels.
const TICK_WIDTH: u16 = 44;

/// A table of the contacts at `rows` (positions in the base) with `columns`.
#[component]
pub fn VirtualTable(
    /// The rows to show, in base order; the table sorts them itself.
    #[prop(into)]
    rows: Signal<Arc<Vec<u32>>>,
    /// The columns, in order.
    #[prop(into)]
    columns: Signal<Vec<SortBy>>,
    /// The table's accessible name.
    label: &'static str,
    /// What the table says when it has no row.
    empty_text: &'static str,
) -> impl IntoView {
    let state = AppState::expect();
    let sort = RwSignal::new(None::<(SortBy, Direction)>);
    let sorted = Memo::new(move |_| {
        let rows = rows.get();
        match sort.get() {
            Some((by, direction)) => {
                Arc::new(state.with_base(|index| sort_rows(index.base(), &rows, &by, direction)))
            }
            None => rows,
        }
    });
    let scroll_top = RwSignal::new(0_u32);
    let viewport = RwSignal::new(600_u32);
    let scroller = NodeRef::<Div>::new();
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            viewport.set(u32::try_from(el.client_height()).unwrap_or(0));
        }
    };
    Effect::new(move || {
        if scroller.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let layout = Memo::new(move |_| {
        window(
            scroll_top.get(),
            viewport.get(),
            sorted.with(|rows| rows.len()),
        )
    });
    let visible = Memo::new(move |_| {
        let range = layout.with(|w| w.rows.clone());
        sorted.with(|rows| {
            state.with_base(|index| {
                rows[range]
                    .iter()
                    .filter_map(|&row| index.base().contacts.get(row as usize).map(|c| c.id))
                    .collect::<Vec<ContactId>>()
            })
        })
    });
    let template = move || {
        let widths: Vec<u16> = columns.with(|cols| {
            std::iter::once(TICK_WIDTH)
                .chain(cols.iter().map(columns::width))
                .collect()
        });
        let total: u32 = widths.iter().map(|&w| u32::from(w)).sum();
        let widths: Vec<String> = widths.iter().map(|w| format!("{w}px")).collect();
        format!(
            "--columns: {}; --table-width: {total}px; --row-height: {ROW_HEIGHT}px",
            widths.join(" ")
        )
    };
    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(u32::try_from(el.scroll_top()).unwrap_or(0));
        }
    };
    view! {
        <div
            class="vtable"
            role="table"
            aria-label=label
            aria-rowcount=move || sorted.with(|r| r.len()) + 1
            style=template
            node_ref=scroller
            on:scroll=on_scroll
        >
            <div class="vtable__head" role="rowgroup">
                <div class="vrow vrow--head" role="row">
                    <div class="vcell vcell--check" role="columnheader">
                        <input
                            type="checkbox"
                            aria-label="Выбрать видимые строки"
                            prop:checked=move || {
                                visible
                                    .with(|ids| !ids.is_empty() && ids.iter().all(|&id| state.is_selected(id)))
                            }
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                visible.with_untracked(|ids| state.set_selected(ids, on));
                            }
                        />
                    </div>
                    <For each=move || columns.get() key=|column| column.clone() let:column>
                        <SortHeader column sort />
                    </For>
                </div>
            </div>
            <div
                class="vtable__body"
                role="rowgroup"
                style:height=move || format!("{}px", layout.with(|w| w.height))
            >
                <div
                    class="vtable__window"
                    style:transform=move || format!("translateY({}px)", layout.with(|w| w.offset))
                >
                    <For each=move || visible.get() key=|id| *id let:id>
                        <ContactRow id columns />
                    </For>
                </div>
            </div>
            <Show when=move || sorted.with(|r| r.is_empty())>
                <p class="vtable__empty">{empty_text}</p>
            </Show>
        </div>
    }
}
