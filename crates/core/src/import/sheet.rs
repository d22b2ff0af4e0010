//! Spreadsheets (xlsx, and the xls, xlsb and ods that `calamine` also reads) to a [`Table`]: the
//! first sheet, each cell as the text the value parsers accept — dates as дд.мм.гггг, whole
//! numbers without a fraction, yes/no as «да»/«нет».

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::error::ReadError;
use super::table::{MAX_ROWS, Row, Table, clean_cell};

/// Whether `bytes` start like a spreadsheet file: a zip archive (xlsx, xlsb, ods) or an OLE
/// compound file (xls).
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads the first sheet of a spreadsheet file.
pub fn read_spreadsheet(bytes: &[u8]) -> Result<Table, ReadError> {
    let fail = |e: calamine::Error| ReadError::Spreadsheet(e.to_string());
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(fail)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(ReadError::Empty)?
        .map_err(fail)?;
    if range.height() > MAX_ROWS + 1 {
        return Err(ReadError::TooManyRows);
    }
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let first_column = range.start().map_or(0, |(_, column)| column as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            line: first_row + i + 1,
            cells: std::iter::repeat_n(String::new(), first_column)
                .chain(cells.iter().map(|c| clean_cell(&cell_text(c))))
                .collect(),
        })
        .collect();
    let table = Table::new(rows);
    if table.headers.is_none() && table.rows.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(table)
}

/// The text of one cell as the value parsers read it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "да" } else { "нет" }.to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            format!("{day:02}.{month:02}.{year:04}")
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(iso) => iso_date_text(iso),
    }
}

/// A number without a fraction when it is whole («79161234567», not «79161234567.0»).
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// An ISO 8601 date (`2024-02-01…`) as дд.мм.гггг; other text as it is.
fn iso_date_text(iso: &str) -> String {
    let date = iso.get(..10).unwrap_or("");
    match date.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}.{m}.{y}"),
        _ => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_the_value_parsers_expect() {
        assert_eq!(cell_text(&Data::Float(79_161_234_567.0)), "79161234567");
        assert_eq!(cell_text(&Data::Float(5.5)), "5.5");
        assert_eq!(cell_text(&Data::Int(-42)), "-42");
        assert_eq!(cell_text(&Data::Bool(true)), "да");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2024-02-01T10:00:00".into())),
            "01.02.2024"
        );
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn a_zip_that_is_no_spreadsheet_is_an_error_not_a_panic() {
        let bytes = b"PK\x03\x04 not really a zip";
        assert!(is_spreadsheet(bytes));
        assert!(matches!(
            read_spreadsheet(bytes),
            Err(ReadError::Spreadsheet(_))
        ));
    }
}
