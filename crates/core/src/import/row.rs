//! One data row to the contact it describes: each mapped cell read by the field's parser (the
//! form's, plus the e-mail status, which import may carry over), written into a new contact with
//! source «импорт», no e-mail consent and a «создан» history event.

use crate::change::{FieldSet, NewValue, write};
use crate::fields::{FieldId, FieldRef};
use crate::form;
use crate::model::{
    Contact, ContactId, CustomFieldDef, EmailStatus, HistoryEvent, HistoryKind, Source, Timestamp,
};
use crate::validate::{self, FieldError};
use crate::values::Labelled;

use super::mapping::Target;

/// The reason a row without an e-mail and a phone is rejected.
pub const NO_EMAIL_OR_PHONE: &str = "нет ни e-mail, ни телефона";

/// The values of one row: each mapped, non-blank cell read for its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowValues {
    /// The fields and values, in column order.
    pub sets: Vec<FieldSet>,
    /// The phone in E.164, read once while checking it (phone parsing is the costliest step).
    phone_e164: String,
}

/// Reads the cells of a row for the columns' `targets`, or says what is wrong with each cell
/// that does not read (in Russian, with the value).
pub fn read_row(
    defs: &[CustomFieldDef],
    targets: &[(usize, FieldRef)],
    cells: &[String],
) -> Result<RowValues, Vec<FieldError>> {
    let mut sets = Vec::with_capacity(targets.len());
    let mut errors = Vec::new();
    let mut phone_e164 = String::new();
    for (column, field) in targets {
        let raw = cells.get(*column).map_or("", String::as_str);
        if raw.trim().is_empty() {
            continue;
        }
        let value = if *field == FieldRef::Builtin(FieldId::Phone) {
            validate::phone(raw).map(|e164| {
                phone_e164 = e164;
                NewValue::Text(raw.trim().to_owned())
            })
        } else {
            parse_cell(defs, field, raw)
        };
        match value {
            Ok(value) => sets.push(FieldSet {
                field: field.clone(),
                value,
            }),
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() {
        Ok(RowValues { sets, phone_e164 })
    } else {
        Err(errors)
    }
}

/// Reads one cell: the e-mail status by its code or label, every other field as the form does.
fn parse_cell(
    defs: &[CustomFieldDef],
    field: &FieldRef,
    raw: &str,
) -> Result<NewValue, FieldError> {
    if *field == FieldRef::Builtin(FieldId::Status) {
        return EmailStatus::parse_option(raw)
            .map(NewValue::EmailStatus)
            .map_err(|_| FieldError::Choice(raw.trim().to_owned()));
    }
    form::parse(defs, field, raw)
}

/// The (column, field) pairs of the mapped columns of `targets`.
pub fn mapped_columns(targets: &[Target]) -> Vec<(usize, FieldRef)> {
    targets
        .iter()
        .enumerate()
        .filter_map(|(column, t)| t.field().map(|f| (column, f)))
        .collect()
}

impl RowValues {
    /// The contact these values make, with id `id`, imported at `now`.
    pub fn contact(&self, id: ContactId, now: Timestamp) -> Contact {
        let mut contact = Contact {
            id,
            source: Source::Import,
            consent: None,
            history: vec![HistoryEvent {
                at: now,
                kind: HistoryKind::Created {
                    source: Source::Import,
                },
            }],
            ..Contact::default()
        };
        for set in &self.sets {
            match (&set.field, &set.value) {
                (FieldRef::Builtin(FieldId::Phone), NewValue::Text(phone)) => {
                    phone.clone_into(&mut contact.phone);
                    self.phone_e164.clone_into(&mut contact.phone_e164);
                }
                (field, value) => {
                    write(&mut contact, field, value);
                }
            }
        }
        contact
    }

    /// The values of these, as written into `incoming`, that differ from `existing`'s: what
    /// «Обновить» writes. An e-mail that differs only in case (it matched) is no change.
    pub fn changes_to(&self, incoming: &Contact, existing: &Contact) -> Vec<FieldSet> {
        self.sets
            .iter()
            .filter(|s| {
                let (new, old) = (
                    form::text_of(incoming, &s.field),
                    form::text_of(existing, &s.field),
                );
                if s.field == FieldRef::Builtin(FieldId::Email) {
                    new.to_lowercase() != old.to_lowercase()
                } else {
                    new != old
                }
            })
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn a_row_becomes_an_imported_contact_without_consent() {
        let targets = mapped_columns(&[
            Target::Field(FieldId::Email),
            Target::Skip,
            Target::Field(FieldId::Status),
            Target::NewCustom("Размер".into()),
        ]);
        let values = read_row(&[], &targets, &cells(&["A@Mail.RU", "x", "отписан", "M"])).unwrap();
        let contact = values.contact(ContactId(7), Timestamp(5));
        assert_eq!(contact.email, "A@mail.ru");
        assert_eq!(contact.status, EmailStatus::Unsubscribed);
        assert_eq!(
            (contact.source, contact.consent.is_none()),
            (Source::Import, true)
        );
        assert_eq!(contact.custom.len(), 1);
        assert_eq!(
            contact.history[0].kind,
            HistoryKind::Created {
                source: Source::Import
            }
        );
    }

    #[test]
    fn every_bad_cell_is_named() {
        let targets = mapped_columns(&[
            Target::Field(FieldId::Email),
            Target::Field(FieldId::Phone),
            Target::Field(FieldId::Status),
        ]);
        let errors = read_row(&[], &targets, &cells(&["ivan@", "12", "zzz"])).unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "«ivan@» — неверный адрес e-mail",
                "«12» — не номер телефона",
                "«zzz» — нет такого значения"
            ]
        );
    }
}
