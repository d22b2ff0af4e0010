//! Export of contacts (SPEC §8) as CSV ([`CsvExport`]), XLSX ([`XlsxExport`]) or plain text
//! ([`TextExport`]): the columns of SPEC §8 in order, then one per custom field. Each writer is fed
//! contacts a slice at a time, so the page can show progress, and gives the file's bytes at the
//! end; [`Exporter`] drives any of them. Pure: the date of a file name and the creation time of
//! an XLSX file are arguments.

mod columns;
mod csv;
mod neutralise;
mod text;
mod xlsx;

pub use self::csv::{CsvExport, CsvSheet};
pub use columns::{Cell, Column, columns};
pub use neutralise::{FORMULA_STARTS, neutralise};
pub use text::TextExport;
pub use xlsx::{ExportError, XlsxExport};

use time::Date;

use crate::model::{Contact, CustomFieldDef, Timestamp};

/// A file format of export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// CSV for Excel.
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// Plain text, one contact per line.
    Text,
}

impl ExportFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Text => "txt",
        }
    }

    /// The MIME type of the file.
    pub fn mime_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv;charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Text => "text/plain;charset=utf-8",
        }
    }

    /// The name of an export file made on `date`: `contacts-2026-12-05.xlsx`.
    pub fn file_name(self, date: Date) -> String {
        format!(
            "contacts-{:04}-{:02}-{:02}.{}",
            date.year(),
            u8::from(date.month()),
            date.day(),
            self.extension()
        )
    }
}

/// An export in any format, fed contacts a slice at a time.
pub enum Exporter {
    /// CSV.
    Csv(CsvExport),
    /// XLSX.
    Xlsx(XlsxExport),
    /// Plain text.
    Text(TextExport),
}

impl Exporter {
    /// An export in `format` of a base with the custom fields `custom`, made at `now`.
    pub fn new(
        format: ExportFormat,
        custom: &[CustomFieldDef],
        now: Timestamp,
    ) -> Result<Self, ExportError> {
        Ok(match format {
            ExportFormat::Csv => Self::Csv(CsvExport::new(custom)),
            ExportFormat::Xlsx => Self::Xlsx(XlsxExport::new(custom, now)?),
            ExportFormat::Text => Self::Text(TextExport::new(custom)),
        })
    }

    /// Appends these contacts.
    pub fn write(&mut self, contacts: &[Contact]) -> Result<(), ExportError> {
        match self {
            Self::Csv(e) => e.write(contacts),
            Self::Xlsx(e) => e.write(contacts)?,
            Self::Text(e) => e.write(contacts),
        }
        Ok(())
    }

    /// The file's bytes.
    pub fn finish(self) -> Result<Vec<u8>, ExportError> {
        Ok(match self {
            Self::Csv(e) => e.finish(),
            Self::Xlsx(e) => e.finish()?,
            Self::Text(e) => e.finish(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;

    #[test]
    fn file_names_carry_the_date() {
        let date = Date::from_calendar_date(2026, Month::December, 5).unwrap();
        assert_eq!(
            ExportFormat::Xlsx.file_name(date),
            "contacts-2026-12-05.xlsx"
        );
        assert_eq!(
            ExportFormat::Text.file_name(date),
            "contacts-2026-12-05.txt"
        );
    }
}
