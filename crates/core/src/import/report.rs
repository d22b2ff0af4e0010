//! The rejected-rows report: a CSV written like the export (UTF-8 with BOM, `;`) with the file's
//! own columns, then «Строка» (the line in the file) and «Причина», ready to fix and import again
//! (import skips those two columns: their headers name no field).

use crate::export::{CsvSheet, neutralise};

use super::plan::Rejected;
use super::table::Table;

/// The report of `rejected`, rows of `table`.
pub fn rejected_report(table: &Table, rejected: &[Rejected]) -> Vec<u8> {
    let width = table.width();
    let mut headers: Vec<String> = (0..width)
        .map(|column| match table.header(column) {
            "" => format!("Колонка {}", column + 1),
            header => header.to_owned(),
        })
        .collect();
    headers.extend(["Строка".to_owned(), "Причина".to_owned()]);
    let mut sheet = CsvSheet::new(&headers);
    for row in rejected {
        let cells = (0..width)
            .map(|column| row.cells.get(column).map_or("", String::as_str))
            .map(|cell| neutralise(cell).into_owned())
            .chain([row.line.to_string(), row.reason.clone()]);
        sheet.row(cells);
    }
    sheet.finish()
}
