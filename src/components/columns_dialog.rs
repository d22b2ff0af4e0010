//! «Видимые поля», opened by «Вид»: a checkbox per column of the contacts table (catalogue
//! fields and the account's custom fields). The choice is kept in state and saved by the loader.

use leptos::prelude::*;

use crate::state::{AppState, columns};

/// The «Видимые поля» panel; `open` is set to false by «Готово».
#[component]
pub fn ColumnsDialog(
    /// Whether the panel is shown.
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = AppState::expect();
    let all = move || {
        state.with_base(|b| {
            let custom = &b.base().custom_fields;
            columns::all(custom)
                .into_iter()
                .map(|c| {
                    let label = columns::label(&c, custom);
                    (c, label)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="columns-dialog" role="dialog" aria-labelledby="columns-title">
            <h2 id="columns-title">"Видимые поля"</h2>
            <div class="columns-dialog__list">
                <For each=all key=|(c, _)| c.clone() let:item>
                    {
                        let (column, label) = item;
                        let fixed = !columns::can_hide(&column);
                        let shown = column.clone();
                        view! {
                            <label class="columns-dialog__item">
                                <input
                                    type="checkbox"
                                    disabled=fixed
                                    prop:checked=move || state.is_column_visible(&shown)
                                    on:change=move |ev| {
                                        state.set_column_visible(column.clone(), event_target_checked(&ev))
                                    }
                                />
                                {label}
                            </label>
                        }
                    }
                </For>
            </div>
            <button type="button" class="primary" on:click=move |_| open.set(false)>
                "Готово"
            </button>
        </section>
    }
}
