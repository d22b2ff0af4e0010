//! XLSX with `rust_xlsxwriter`: one sheet «Контакты», a bold header row that stays frozen with an
//! autofilter over the data, text as text (never evaluated, so no neutralisation), numbers as
//! numbers, dates as dates (дд.мм.гггг). Zip compression level 1: writing is much faster and the
//! file somewhat larger. The document's creation time is an argument, so the same contacts give
//! the same file (`rust_xlsxwriter` reads the clock for its default creation time, which is
//! overwritten; its `wasm` feature makes that read work in the browser).

use std::fmt;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::model::{Contact, CustomFieldDef, Timestamp};

use super::columns::{Cell, Column, columns};

/// Why an XLSX file could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(String);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Не удалось записать файл Excel: {}", self.0)
    }
}

impl std::error::Error for ExportError {}

impl From<XlsxError> for ExportError {
    fn from(error: XlsxError) -> Self {
        Self(error.to_string())
    }
}

/// An XLSX export being written, fed contacts a slice at a time.
pub struct XlsxExport {
    workbook: Box<Workbook>,
    columns: Vec<Column>,
    date: Format,
    last_row: u32,
}

impl XlsxExport {
    /// An export of a base with the custom fields `custom`, created at `created`, its header
    /// row written.
    pub fn new(custom: &[CustomFieldDef], created: Timestamp) -> Result<Self, ExportError> {
        let mut workbook = Box::new(Workbook::new());
        let created = ExcelDateTime::from_timestamp(created.0.div_euclid(1000))?;
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        workbook.set_zip_compression_level(1);
        let columns = columns(custom);
        let sheet = workbook.add_worksheet();
        sheet.set_name("Контакты")?;
        let bold = Format::new().set_bold();
        for (at, column) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, col(at)?, &column.header, &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(Self {
            workbook,
            columns,
            date: Format::new().set_num_format("dd.mm.yyyy"),
            last_row: 0,
        })
    }

    /// Appends a row per contact.
    pub fn write(&mut self, contacts: &[Contact]) -> Result<(), ExportError> {
        let sheet = self.workbook.worksheet_from_index(0)?;
        for contact in contacts {
            self.last_row += 1;
            for (at, column) in self.columns.iter().enumerate() {
                write_cell(
                    sheet,
                    self.last_row,
                    col(at)?,
                    column.cell(contact),
                    &self.date,
                )?;
            }
        }
        Ok(())
    }

    /// The file's bytes, with the autofilter over every written row.
    pub fn finish(mut self) -> Result<Vec<u8>, ExportError> {
        let last_column = col(self.columns.len().saturating_sub(1))?;
        let last_row = self.last_row;
        self.workbook
            .worksheet_from_index(0)?
            .autofilter(0, 0, last_row, last_column)?;
        Ok(self.workbook.save_to_buffer()?)
    }
}

/// Column `at` as the sheet numbers it.
fn col(at: usize) -> Result<u16, ExportError> {
    u16::try_from(at).map_err(|_| ExportError::from(XlsxError::RowColumnLimitError))
}

/// Writes one cell; empty text writes nothing.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    cell: Cell,
    date: &Format,
) -> Result<(), ExportError> {
    match cell {
        Cell::Text(text) if text.is_empty() => {}
        Cell::Text(text) => {
            sheet.write_string(row, column, text)?;
        }
        Cell::Number(n) => {
            sheet.write_number(row, column, n)?;
        }
        Cell::Date(at) => {
            let day = ExcelDateTime::from_timestamp(at.0.div_euclid(1000))?;
            sheet.write_datetime_with_format(row, column, &day, date)?;
        }
    }
    Ok(())
}
