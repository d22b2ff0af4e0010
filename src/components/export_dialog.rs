//! The export dialog (⚙ → csv, excel, простой текст): how many contacts will be written and
//! whether they are the selection or everything the filter matches, then «Скачать».

use contacts_core::export::ExportFormat;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::AppState;
use crate::state::export::menu_label;

/// The dialog exporting as `format`; `on_close` is called when it is confirmed or cancelled.
#[component]
pub fn ExportDialog(
    /// The file format.
    format: ExportFormat,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let state = AppState::expect();
    let scope = StoredValue::new(state.export_scope());
    let line = scope.with_value(|s| s.describe());
    let empty = scope.with_value(|s| s.ids.is_empty());
    let title = format!("Экспорт: {}", menu_label(format));
    let download = move |_| {
        on_close.run(());
        let scope = scope.get_value();
        spawn_local(async move {
            if let Err(reason) = state.export(format, scope).await {
                state.report_problem(reason);
            }
        });
    };
    view! {
        <div class="dialog-backdrop">
            <section class="dialog" role="dialog" aria-modal="true" aria-labelledby="export-title">
                <h2 id="export-title">{title}</h2>
                <p class="dialog__count" data-testid="export-count">
                    {line}
                </p>
                <div class="dialog__actions">
                    <button type="button" class="primary" disabled=empty on:click=download>
                        "Скачать"
                    </button>
                    <button type="button" on:click=move |_| on_close.run(())>
                        "Отмена"
                    </button>
                </div>
            </section>
        </div>
    }
}
