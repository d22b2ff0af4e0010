//! Plain text: one contact per line — its name, then each non-blank export column as
//! «Заголовок: значение», separated by «; »; line breaks and tabs inside values become spaces.

use crate::fields::{FieldId, FieldRef};
use crate::model::{Contact, CustomFieldDef};

use super::columns::{Column, columns};

/// A text export being written, fed contacts a slice at a time.
pub struct TextExport {
    columns: Vec<Column>,
    text: String,
}

impl TextExport {
    /// An export of a base with the custom fields `custom`.
    pub fn new(custom: &[CustomFieldDef]) -> Self {
        let name = [FieldId::LastName, FieldId::FirstName, FieldId::MiddleName];
        let columns = columns(custom)
            .into_iter()
            .filter(|c| !matches!(c.field, FieldRef::Builtin(id) if name.contains(&id)))
            .collect();
        Self {
            columns,
            text: String::new(),
        }
    }

    /// Appends a line per contact.
    pub fn write(&mut self, contacts: &[Contact]) {
        for contact in contacts {
            let mut parts = vec![one_line(&contact.display_name())];
            for column in &self.columns {
                let value = column.text(contact);
                if !value.trim().is_empty() {
                    parts.push(format!("{}: {}", column.header, one_line(&value)));
                }
            }
            self.text.push_str(&parts.join("; "));
            self.text.push('\n');
        }
    }

    /// The file's bytes (UTF-8).
    pub fn finish(self) -> Vec<u8> {
        self.text.into_bytes()
    }
}

/// `text` on one line: line breaks and tabs become spaces.
fn one_line(text: &str) -> String {
    text.trim().replace(['\r', '\n', '\t'], " ")
}
