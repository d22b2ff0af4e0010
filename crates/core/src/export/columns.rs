//! The export columns: SPEC §8's order with its headers ([`EXPORT_ORDER`]), then one per custom
//! field under its name; and each cell's value, typed for XLSX ([`Cell`]) or as text.

use crate::fields::{EXPORT_ORDER, FieldKind, FieldRef, FieldValue};
use crate::form;
use crate::model::{Contact, CustomFieldDef, CustomValue, Timestamp};

/// One export column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its header.
    pub header: String,
    /// The field it shows.
    pub field: FieldRef,
    /// The field's kind.
    pub kind: FieldKind,
}

/// The columns of an export from a base with the custom fields `custom`.
pub fn columns(custom: &[CustomFieldDef]) -> Vec<Column> {
    let builtin = EXPORT_ORDER.iter().map(|id| Column {
        header: id
            .def()
            .export_column
            .unwrap_or(id.def().label_ru)
            .to_owned(),
        field: FieldRef::Builtin(*id),
        kind: id.def().kind,
    });
    let custom = custom.iter().map(|d| Column {
        header: d.label.clone(),
        field: FieldRef::Custom(d.key.clone()),
        kind: FieldKind::of_custom(d.kind),
    });
    builtin.chain(custom).collect()
}

/// A cell's value, typed as a spreadsheet stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text; empty for no value.
    Text(String),
    /// A number (points, whole-number custom fields, UTC offsets in hours).
    Number(f64),
    /// A date (date custom fields).
    Date(Timestamp),
}

impl Column {
    /// Whether this column's cells are numbers we write ourselves, never text a user typed.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Integer | FieldKind::UtcOffset | FieldKind::Money | FieldKind::Date
        )
    }

    /// The cell's text, as the card's form shows it and import reads it back.
    pub fn text(&self, contact: &Contact) -> String {
        form::text_of(contact, &self.field)
    }

    /// The cell's typed value.
    pub fn cell(&self, contact: &Contact) -> Cell {
        let number = match &self.field {
            FieldRef::Builtin(id) => match contact.get(*id) {
                FieldValue::Integer(Some(n)) => Some(Cell::Number(n as f64)),
                FieldValue::UtcOffset(Some(o)) => {
                    Some(Cell::Number(f64::from(o.half_hours()) / 2.0))
                }
                _ => None,
            },
            FieldRef::Custom(key) => match contact.custom.get(key) {
                Some(CustomValue::Integer(n)) => Some(Cell::Number(*n as f64)),
                Some(CustomValue::Date(at)) => Some(Cell::Date(*at)),
                _ => None,
            },
        };
        number.unwrap_or_else(|| Cell::Text(self.text(contact)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::FieldId;
    use crate::fixtures::{every_field, generate};
    use crate::model::ContactId;

    #[test]
    fn spec_order_then_custom_fields() {
        let base = generate(1, 1);
        let columns = columns(&base.custom_fields);
        assert_eq!(columns.len(), 41 + base.custom_fields.len());
        assert_eq!(columns[0].header, "Фамилия");
        assert_eq!(columns[3].header, "Телефон");
        assert_eq!(columns[4].header, "Email");
        assert_eq!(columns[40].header, "Тег");
        assert_eq!(columns[41].header, base.custom_fields[0].label);
    }

    #[test]
    fn cells_are_typed() {
        let contact = every_field(ContactId(1));
        let column = |id: FieldId| {
            columns(&[])
                .into_iter()
                .find(|c| c.field == FieldRef::Builtin(id))
                .unwrap()
        };
        assert_eq!(column(FieldId::Points).cell(&contact), Cell::Number(-42.0));
        assert_eq!(column(FieldId::UtcOffset).cell(&contact), Cell::Number(3.5));
        assert_eq!(
            column(FieldId::Status).cell(&contact),
            Cell::Text("жалоба на спам".into())
        );
        assert_eq!(column(FieldId::Tags).text(&contact), "vip, опт");
    }
}
