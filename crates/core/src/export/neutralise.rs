//! Formula-injection neutralisation for CSV: a text cell that a spreadsheet would evaluate —
//! one starting with `=`, `+`, `-`, `@`, tab or carriage return — gets a leading `'`.
//!
//! Phones are text cells too: `+7 916 123-45-67` is written `'+7 916 123-45-67`, which Excel shows
//! as the readable phone it is (opened raw, Excel would evaluate it and show an error), and import
//! takes the `'` off again ([`crate::import::clean_cell`]). Numbers we write ourselves (points, UTC
//! offsets) are not text and stay as they are; XLSX cells are typed strings, never evaluated, so
//! XLSX needs no neutralisation.

use std::borrow::Cow;

/// The first characters that make a spreadsheet evaluate a cell.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text`, with a leading `'` when a spreadsheet would evaluate it.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_a_quote_and_other_text_stays() {
        for evil in ["=1+1", "+7 916 123-45-67", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(evil), format!("'{evil}"));
        }
        for fine in ["Иванов", "8 916 123-45-67", "a=b", ""] {
            assert_eq!(neutralise(fine), fine);
        }
    }
}
