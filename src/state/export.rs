//! Export from the Contacts page (SPEC §8): of the frozen selection, or of everything the
//! filter matches when nothing is selected. The core writes the file a slice of contacts at a
//! time while the progress bar moves; the bytes are then offered as a download.

use contacts_core::export::{ExportFormat, Exporter};
use contacts_core::model::{ContactId, Timestamp};
use contacts_core::values::date_of;
use leptos::prelude::*;

use super::AppState;
use super::actions::Busy;
use crate::download;
use crate::storage::browser::{now_ms, yield_to_browser};

/// Contacts written between two progress updates.
const SLICE: usize = 5_000;

/// What an export covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportScope {
    /// The contacts, in the order they are written.
    pub ids: Vec<ContactId>,
    /// Whether they are the selection (else: all the filter matches).
    pub selected: bool,
}

impl ExportScope {
    /// The line the export dialog shows before writing.
    pub fn describe(&self) -> String {
        let of = if self.selected {
            "выбранные"
        } else {
            "все найденные по фильтру"
        };
        format!("Будет выгружено контактов: {} ({of})", self.ids.len())
    }
}

/// The label of the menu item of `format` (SPEC §6: csv, excel, простой текст).
pub fn menu_label(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "excel",
        ExportFormat::Text => "простой текст",
    }
}

impl AppState {
    /// What an export would cover now: the selection, or the filter's matches when nothing is
    /// selected (not tracked: resolved when the dialog opens).
    pub fn export_scope(&self) -> ExportScope {
        let selected = untrack(|| self.selected_ids());
        if !selected.is_empty() {
            return ExportScope {
                ids: selected,
                selected: true,
            };
        }
        let rows = self.matches.get_untracked().rows;
        let ids = self.base.with_value(|index| {
            rows.iter()
                .map(|&r| index.base().contacts[r as usize].id)
                .collect()
        });
        ExportScope {
            ids,
            selected: false,
        }
    }

    /// Writes the contacts of `scope` as `format` with progress and offers the file; the Russian
    /// reason when it could not.
    pub async fn export(&self, format: ExportFormat, scope: ExportScope) -> Result<(), String> {
        if let Some(busy) = self.busy.get_untracked() {
            return Err(format!("Подождите: ещё выполняется «{}»", busy.label));
        }
        let label = format!("Экспорт: {}", menu_label(format));
        let result = self.write_export(format, &scope.ids, &label).await;
        self.set_busy(None);
        let bytes = result.map_err(|e| format!("{label} не выполнен: {e}"))?;
        let now = now_ms();
        let name = format.file_name(date_of(Timestamp(now), self.utc_offset_minutes));
        download::save(&bytes, &name, format.mime_type())
    }

    async fn write_export(
        &self,
        format: ExportFormat,
        ids: &[ContactId],
        label: &str,
    ) -> Result<Vec<u8>, String> {
        let custom = self.base.with_value(|b| b.base().custom_fields.clone());
        let mut exporter =
            Exporter::new(format, &custom, Timestamp(now_ms())).map_err(|e| e.to_string())?;
        let total = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        for (n, slice) in ids.chunks(SLICE).enumerate() {
            self.set_busy(Some(Busy {
                label: label.to_owned(),
                step_label: "Запись".to_owned(),
                done: u32::try_from(n * SLICE).unwrap_or(total),
                total,
            }));
            yield_to_browser().await;
            let contacts: Vec<_> = self.base.with_value(|index| {
                slice
                    .iter()
                    .filter_map(|&id| index.contact(id).cloned())
                    .collect()
            });
            exporter.write(&contacts).map_err(|e| e.to_string())?;
        }
        self.set_busy(Some(Busy {
            label: label.to_owned(),
            step_label: "Сборка файла".to_owned(),
            done: total,
            total,
        }));
        yield_to_browser().await;
        exporter.finish().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_line_says_how_many_and_which() {
        let selected = ExportScope {
            ids: vec![ContactId(1), ContactId(2)],
            selected: true,
        };
        assert_eq!(
            selected.describe(),
            "Будет выгружено контактов: 2 (выбранные)"
        );
        let filtered = ExportScope {
            ids: vec![ContactId(3)],
            selected: false,
        };
        assert_eq!(
            filtered.describe(),
            "Будет выгружено контактов: 1 (все найденные по фильтру)"
        );
    }

    #[test]
    fn menu_labels_are_those_of_the_spec() {
        let labels: Vec<&str> = [ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Text]
            .into_iter()
            .map(menu_label)
            .collect();
        assert_eq!(labels, ["csv", "excel", "простой текст"]);
    }
}
