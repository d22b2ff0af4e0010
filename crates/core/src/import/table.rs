//! The table read from a file: an optional header row and the data rows, each with the line of
//! the file it starts on, so a rejected row can be named. [`Table::new`] drops blank rows and
//! decides whether the first row is a header.

use super::mapping::header_target;

/// The most data rows one import takes; past it, reading stops with
/// [`super::ReadError::TooManyRows`].
pub const MAX_ROWS: usize = 1_000_000;

/// One row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The 1-based line of the file (or spreadsheet row) it starts on.
    pub line: usize,
    /// Its cells, trimmed.
    pub cells: Vec<String>,
}

/// A table read from a file or pasted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The header row, when the first row names the columns.
    pub headers: Option<Row>,
    /// The data rows, without blank ones.
    pub rows: Vec<Row>,
}

impl Table {
    /// The table of `rows` (blank ones dropped), its first row taken as the header when
    /// [`first_row_is_header`] says so.
    pub fn new(rows: Vec<Row>) -> Self {
        let mut rows: Vec<Row> = rows
            .into_iter()
            .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
            .collect();
        let header = first_row_is_header(&rows);
        let headers = header.then(|| rows.remove(0));
        Self { headers, rows }
    }

    /// Takes the first row as the header (`true`) or as data (`false`): the user's correction
    /// of the guess.
    pub fn set_header(&mut self, header: bool) {
        match (header, self.headers.take()) {
            (true, None) if !self.rows.is_empty() => self.headers = Some(self.rows.remove(0)),
            (false, Some(row)) => self.rows.insert(0, row),
            (_, kept) => self.headers = kept,
        }
    }

    /// The number of columns: the widest row.
    pub fn width(&self) -> usize {
        self.headers
            .iter()
            .chain(&self.rows)
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0)
    }

    /// The header of column `column`, empty when there is none.
    pub fn header(&self, column: usize) -> &str {
        self.headers
            .as_ref()
            .and_then(|h| h.cells.get(column))
            .map_or("", String::as_str)
    }
}

/// Whether the first of `rows` names the columns: one of its cells is a known header, or none of
/// its cells looks like a value while the second row has one that does.
pub fn first_row_is_header(rows: &[Row]) -> bool {
    let Some(first) = rows.first() else {
        return false;
    };
    if first.cells.iter().any(|c| header_target(c).is_some()) {
        return true;
    }
    let has_value = |row: &Row| row.cells.iter().any(|c| looks_like_value(c));
    !has_value(first) && rows.get(1).is_some_and(has_value)
}

/// Whether a cell looks like data rather than a column name: it has an `@` or three digits.
fn looks_like_value(cell: &str) -> bool {
    cell.contains('@') || cell.chars().filter(char::is_ascii_digit).count() >= 3
}

/// A cell as import reads it: trimmed, and without the `'` that export puts before text that a
/// spreadsheet would take for a formula ([`crate::export::neutralise`]).
pub fn clean_cell(raw: &str) -> String {
    let trimmed = raw.trim();
    match trimmed.strip_prefix('\'') {
        Some(rest) if rest.starts_with(crate::export::FORMULA_STARTS) => rest.to_owned(),
        _ => trimmed.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Row> {
        lines
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                line: i + 1,
                cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            })
            .collect()
    }

    #[test]
    fn known_headers_or_values_below_names_make_a_header() {
        assert!(
            Table::new(rows(&[&["Фамилия", "Почта"], &["Иванов", "a@b.ru"]]))
                .headers
                .is_some()
        );
        assert!(
            Table::new(rows(&[&["Клиент", "Контакт"], &["Иванов", "a@b.ru"]]))
                .headers
                .is_some()
        );
        let emails = Table::new(rows(&[&["a@b.ru"], &["c@d.ru"]]));
        assert!(emails.headers.is_none());
        assert_eq!(emails.rows.len(), 2);
    }

    #[test]
    fn blank_rows_are_dropped_and_the_header_can_be_corrected() {
        let mut table = Table::new(rows(&[&["Имя"], &["", ""], &["Анна"]]));
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].line, 3);
        table.set_header(false);
        assert_eq!((table.headers.is_none(), table.rows.len()), (true, 2));
        table.set_header(true);
        assert_eq!(table.header(0), "Имя");
        assert_eq!(table.width(), 1);
    }

    #[test]
    fn export_quotes_are_taken_off() {
        assert_eq!(clean_cell(" '+7 916 123-45-67 "), "+7 916 123-45-67");
        assert_eq!(clean_cell("'=1+1"), "=1+1");
        assert_eq!(clean_cell("'quoted'"), "'quoted'");
    }
}
