//! The ⚙ menu of the Contacts page: the bulk actions over the frozen selection, then export
//! (csv, excel, простой текст) of the selection or, with nothing selected, of everything the
//! filter matches. With nothing selected every bulk action is disabled and the menu says why;
//! choosing an item opens its dialog.

use contacts_core::bulk::BulkError;
use contacts_core::export::ExportFormat;
use leptos::prelude::*;

use super::bulk_dialog::BulkDialog;
use super::export_dialog::ExportDialog;
use crate::state::AppState;
use crate::state::bulk::BulkKind;
use crate::state::export::menu_label;

/// The ⚙ button, its menu and the dialog of the chosen action.
#[component]
pub fn BulkMenu() -> impl IntoView {
    let state = AppState::expect();
    let open = RwSignal::new(false);
    let chosen = RwSignal::new(None::<BulkKind>);
    let export = RwSignal::new(None::<ExportFormat>);
    let nothing = move || state.selected_count() == 0;
    let reason = StoredValue::new(BulkError::NothingSelected.to_string());
    view! {
        <div class="bulk-menu">
            <button
                type="button"
                aria-label="Действия с выбранными"
                title="Действия с выбранными"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                disabled=move || state.busy().is_some()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "⚙"
            </button>
            <Show when=move || open.get()>
                <div class="bulk-menu__list" role="menu" aria-label="Действия с выбранными">
                    <Show when=nothing>
                        <p class="bulk-menu__reason">{move || reason.get_value()}</p>
                    </Show>
                    {BulkKind::MENU
                        .into_iter()
                        .map(|kind| {
                            view! {
                                <button
                                    type="button"
                                    role="menuitem"
                                    class:danger=kind.is_destructive()
                                    disabled=nothing
                                    on:click=move |_| {
                                        open.set(false);
                                        chosen.set(Some(kind));
                                    }
                                >
                                    {kind.label()}
                                </button>
                            }
                        })
                        .collect_view()}
                    <p class="bulk-menu__heading">"Экспорт"</p>
                    {[ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Text]
                        .into_iter()
                        .map(|format| {
                            view! {
                                <button
                                    type="button"
                                    role="menuitem"
                                    on:click=move |_| {
                                        open.set(false);
                                        export.set(Some(format));
                                    }
                                >
                                    {menu_label(format)}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </Show>
            {move || {
                export
                    .get()
                    .map(|format| {
                        view! { <ExportDialog format on_close=Callback::new(move |()| export.set(None)) /> }
                    })
            }}
            {move || {
                chosen
                    .get()
                    .map(|kind| {
                        view! { <BulkDialog kind on_close=Callback::new(move |()| chosen.set(None)) /> }
                    })
            }}
        </div>
    }
}
