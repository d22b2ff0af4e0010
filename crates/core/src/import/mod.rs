//! Import of contacts (SPEC §7) from CSV, TXT, XLSX or pasted text, in steps the import page
//! walks through:
//!
//! 1. [`read`] (a file) or [`read_delimited`] (pasted text): bytes to a [`Table`] — the encoding
//!    ([`decode`]) and delimiter detected or named by the user, spreadsheets by their magic bytes
//!    ([`read_spreadsheet`]); at most [`MAX_ROWS`] rows; binary garbage is a [`ReadError`].
//! 2. [`guess`]: what each column becomes ([`Target`]), for the user to edit.
//! 3. [`plan`] (or a [`Planner`] fed a slice of rows at a time): the dry run — create, update,
//!    skip or reject each row ([`ImportPlan`], its [`ImportPlan::counts`] and
//!    [`ImportPlan::preview`]), and [`rejected_report`].
//! 4. [`ImportPlan::ops_in_chunks`]: the ops to commit, a chunk at a time with progress;
//!    [`ImportPlan::undo`]: the op of «Отменить импорт».
//!
//! Pure: ids, the time of the import and the erasure key are arguments.

mod apply;
mod decode;
mod delimited;
mod error;
mod mapping;
mod plan;
mod report;
mod row;
mod sheet;
mod table;

pub use apply::Preview;
pub use decode::{Decoded, Encoding, decode};
pub use delimited::{Delimiter, detect_delimiter, read_delimited};
pub use error::ReadError;
pub use mapping::{Target, guess, header_target, importable, new_custom_key};
pub use plan::{
    Counts, Create, DuplicateOf, ERASED, ImportPlan, OnDuplicate, PlanOptions, Planner, Rejected,
    Skipped, Update, plan,
};
pub use report::rejected_report;
pub use row::NO_EMAIL_OR_PHONE;
pub use sheet::{is_spreadsheet, read_spreadsheet};
pub use table::{MAX_ROWS, Row, Table, clean_cell};

/// How to read a file; `None` means detect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadOptions {
    /// The text encoding (ignored for spreadsheets).
    pub encoding: Option<Encoding>,
    /// The field delimiter (ignored for spreadsheets).
    pub delimiter: Option<Delimiter>,
}

/// How a file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Delimited text in this encoding with this delimiter.
    Text {
        /// The encoding used.
        encoding: Encoding,
        /// The delimiter used.
        delimiter: Delimiter,
    },
    /// A spreadsheet (its first sheet).
    Spreadsheet,
}

/// Reads a file — a spreadsheet when its bytes say so, else delimited text — as a table.
pub fn read(bytes: &[u8], options: ReadOptions) -> Result<(Table, FileKind), ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if is_spreadsheet(bytes) {
        return Ok((read_spreadsheet(bytes)?, FileKind::Spreadsheet));
    }
    let decoded = decode(bytes, options.encoding)?;
    let (table, delimiter) = read_delimited(&decoded.text, options.delimiter)?;
    let kind = FileKind::Text {
        encoding: decoded.encoding,
        delimiter,
    };
    Ok((table, kind))
}
