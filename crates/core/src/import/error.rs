//! Why a file could not be read as a table ([`ReadError`]), said in Russian for the import page.

use std::fmt;

use super::table::MAX_ROWS;

/// Why a file or pasted text could not be read as a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing in it (0 bytes, or only blank lines).
    Empty,
    /// Binary data: neither text nor a spreadsheet.
    Binary,
    /// A spreadsheet file that could not be read; the reader's own words.
    Spreadsheet(String),
    /// More data rows than [`MAX_ROWS`].
    TooManyRows,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "Файл пуст: в нём нет ни одной строки"),
            Self::Binary => write!(
                f,
                "Это не таблица: файл не похож ни на текст (CSV, TXT), ни на файл Excel"
            ),
            Self::Spreadsheet(why) => write!(f, "Не удалось прочитать файл Excel: {why}"),
            Self::TooManyRows => write!(
                f,
                "В файле больше {MAX_ROWS} строк: разделите его на несколько файлов"
            ),
        }
    }
}

impl std::error::Error for ReadError {}
