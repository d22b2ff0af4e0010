//! CSV as Russian Excel opens it: UTF-8 with a byte order mark, `;` between fields, fields quoted
//! when they need it, CRLF line ends. [`CsvSheet`] writes rows of text (the rejected-rows report
//! uses it too); [`CsvExport`] writes contacts in the export columns, neutralising text cells.

use crate::model::{Contact, CustomFieldDef};

use super::columns::{Column, columns};
use super::neutralise::neutralise;

/// A CSV file being written, row by row, in memory.
pub struct CsvSheet {
    writer: Box<csv::Writer<Vec<u8>>>,
}

impl CsvSheet {
    /// A sheet whose first row is `headers`.
    pub fn new<S: AsRef<str>>(headers: &[S]) -> Self {
        let mut sheet = Self {
            writer: Box::new(
                csv::WriterBuilder::new()
                    .delimiter(b';')
                    .terminator(csv::Terminator::CRLF)
                    .flexible(true)
                    .from_writer("\u{feff}".as_bytes().to_vec()),
            ),
        };
        sheet.row(headers.iter().map(|h| neutralise(h.as_ref()).into_owned()));
        sheet
    }

    /// Appends a row of cells, written as they are.
    pub fn row<I: IntoIterator<Item = S>, S: AsRef<[u8]>>(&mut self, cells: I) {
        self.writer
            .write_record(cells)
            .expect("writing CSV to memory cannot fail");
    }

    /// The file's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.writer
            .into_inner()
            .unwrap_or_else(|_| unreachable!("flushing to memory cannot fail"))
    }
}

/// A CSV export being written, fed contacts a slice at a time.
pub struct CsvExport {
    columns: Vec<Column>,
    sheet: CsvSheet,
}

impl CsvExport {
    /// An export of a base with the custom fields `custom`, its header row written.
    pub fn new(custom: &[CustomFieldDef]) -> Self {
        let columns = columns(custom);
        let headers: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
        let sheet = CsvSheet::new(&headers);
        Self { columns, sheet }
    }

    /// Appends a row per contact.
    pub fn write(&mut self, contacts: &[Contact]) {
        for contact in contacts {
            let cells = self.columns.iter().map(|column| {
                let text = column.text(contact);
                if column.is_numeric() {
                    text
                } else {
                    neutralise(&text).into_owned()
                }
            });
            self.sheet.row(cells);
        }
    }

    /// The file's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.sheet.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_semicolons_quoting_and_neutralised_cells() {
        let mut sheet = CsvSheet::new(&["a", "b"]);
        sheet.row(["x;y", "say \"hi\"\nbye"]);
        let text = String::from_utf8(sheet.finish()).unwrap();
        assert_eq!(text, "\u{feff}a;b\r\n\"x;y\";\"say \"\"hi\"\"\nbye\"\r\n");
    }
}
