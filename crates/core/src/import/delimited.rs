//! Delimited text (CSV, TXT, pasted text) to a [`Table`]: the delimiter detected among `,` `;`
//! tab and `|` (or named by the user), fields parsed by the `csv` crate — quoted fields with
//! embedded delimiters, doubled quotes and line breaks — each row with the line it starts on.

use csv::{ReaderBuilder, StringRecord};

use super::error::ReadError;
use super::table::{MAX_ROWS, Row, Table, clean_cell};

/// A field delimiter import recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delimiter {
    /// `;`, what Russian Excel writes.
    Semicolon,
    /// `,`.
    Comma,
    /// A tab.
    Tab,
    /// `|`.
    Pipe,
}

impl Delimiter {
    /// Every delimiter; on a tie, detection prefers the earlier.
    pub const ALL: [Delimiter; 4] = [Self::Semicolon, Self::Comma, Self::Tab, Self::Pipe];

    /// Its byte.
    pub fn byte(self) -> u8 {
        match self {
            Self::Semicolon => b';',
            Self::Comma => b',',
            Self::Tab => b'\t',
            Self::Pipe => b'|',
        }
    }

    /// The name the import page shows.
    pub fn label(self) -> &'static str {
        match self {
            Self::Semicolon => "точка с запятой «;»",
            Self::Comma => "запятая «,»",
            Self::Tab => "табуляция",
            Self::Pipe => "вертикальная черта «|»",
        }
    }
}

/// How many leading records detection looks at.
const SAMPLE_RECORDS: usize = 50;

/// The delimiter of `text`: the one whose first records most often split into the same number
/// (more than one) of fields; `;` when none splits them.
pub fn detect_delimiter(text: &str) -> Delimiter {
    let score = |delimiter: Delimiter| {
        let counts: Vec<usize> = reader(text, delimiter)
            .records()
            .take(SAMPLE_RECORDS)
            .map_while(Result::ok)
            .map(|r| r.len())
            .collect();
        let width = modal(&counts);
        let agreeing = counts.iter().filter(|&&c| c == width).count();
        if width > 1 { (agreeing, width) } else { (0, 0) }
    };
    let mut best = (Delimiter::Semicolon, (0, 0));
    for delimiter in Delimiter::ALL {
        let s = score(delimiter);
        if s > best.1 {
            best = (delimiter, s);
        }
    }
    best.0
}

/// The most frequent of `counts` (the largest on a tie), 0 for none.
fn modal(counts: &[usize]) -> usize {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    let mut best = (0, 0);
    for run in sorted.chunk_by(|a, b| a == b) {
        if (run.len(), run[0]) > best {
            best = (run.len(), run[0]);
        }
    }
    best.1
}

/// Reads `text` as a table with `delimiter` (detected when `None`); gives the delimiter used.
pub fn read_delimited(
    text: &str,
    delimiter: Option<Delimiter>,
) -> Result<(Table, Delimiter), ReadError> {
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text));
    let mut rows = Vec::new();
    let mut record = StringRecord::new();
    let mut csv = reader(text, delimiter);
    // The line a record starts on, counted from its byte offset: the reader's own line count
    // goes wrong on CRLF line ends (Windows files), so count the `\n`s before each record.
    let mut counted = (0_usize, 1_usize);
    // Reading a `&str` cannot meet invalid UTF-8 or an IO error, and `flexible` allows any row
    // length, so an error here means input the reader cannot follow: not a table.
    while csv
        .read_record(&mut record)
        .map_err(|_| ReadError::Binary)?
    {
        if rows.len() > MAX_ROWS {
            return Err(ReadError::TooManyRows);
        }
        let start = record.position().map_or(counted.0, |p| {
            usize::try_from(p.byte()).unwrap_or(counted.0)
        });
        // A record may be said to start at the line break that ended the one before it (a CRLF
        // is read as `\r`, then `\n`): the record itself starts after the breaks.
        let mut start = start.clamp(counted.0, text.len());
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        counted.1 += text.as_bytes()[counted.0..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted.0 = start;
        let line = counted.1;
        rows.push(Row {
            line,
            cells: record.iter().map(clean_cell).collect(),
        });
    }
    let table = Table::new(rows);
    if table.rows.len() > MAX_ROWS {
        return Err(ReadError::TooManyRows);
    }
    if table.headers.is_none() && table.rows.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok((table, delimiter))
}

fn reader(text: &str, delimiter: Delimiter) -> csv::Reader<&[u8]> {
    ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_that_splits_rows_alike_wins() {
        assert_eq!(detect_delimiter("a;b;c\n1;2;3\n"), Delimiter::Semicolon);
        assert_eq!(detect_delimiter("a,b\n1,2\n"), Delimiter::Comma);
        assert_eq!(detect_delimiter("a\tb\n1\t2\n"), Delimiter::Tab);
        assert_eq!(detect_delimiter("a|b\n1|2\n"), Delimiter::Pipe);
        assert_eq!(
            detect_delimiter("Имя;Адрес\nАнна;ул. Ленина, 5\nОлег;пр. Мира\n"),
            Delimiter::Semicolon
        );
        assert_eq!(detect_delimiter("\"a;b\",c\n\"1;2\",3\n"), Delimiter::Comma);
        assert_eq!(detect_delimiter("a@b.ru\nc@d.ru\n"), Delimiter::Semicolon);
    }

    #[test]
    fn quoted_fields_keep_delimiters_quotes_and_line_breaks() {
        let text = "Имя;Описание;E-mail\nАнна;\"строка 1\nстрока 2; «ещё» \"\"в кавычках\"\"\";a@b.ru\nОлег;;c@d.ru\n";
        let (table, delimiter) = read_delimited(text, None).unwrap();
        assert_eq!(delimiter, Delimiter::Semicolon);
        assert_eq!(table.header(1), "Описание");
        assert_eq!(
            table.rows[0].cells[1],
            "строка 1\nстрока 2; «ещё» \"в кавычках\""
        );
        assert_eq!((table.rows[0].line, table.rows[1].line), (2, 4));
    }

    #[test]
    fn windows_line_ends_give_the_same_line_numbers() {
        for text in ["a;b\r\nc;d\r\ne;f\r\ng;h", "a;b\nc;d\ne;f\ng;h"] {
            let (table, _) = read_delimited(text, None).unwrap();
            let lines: Vec<usize> = table
                .headers
                .iter()
                .chain(&table.rows)
                .map(|r| r.line)
                .collect();
            assert_eq!(lines, [1, 2, 3, 4], "{text:?}");
        }
    }

    #[test]
    fn ragged_rows_and_nothing_but_blank_lines() {
        let (table, _) = read_delimited("a@b.ru;Анна\nc@d.ru\n", None).unwrap();
        assert_eq!(table.rows[1].cells, ["c@d.ru"]);
        assert_eq!(
            read_delimited(";;\n;\n", None).unwrap_err(),
            ReadError::Empty
        );
    }
}
