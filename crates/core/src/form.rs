//! The contact form: «Создать контакт» and «Редактировать» in the card. Which fields it shows
//! and how each is typed in ([`InputKind`]), the text a field starts with, reading typed text
//! into a [`NewValue`] with the field's validation, the hand-made new contact, the edits of an
//! existing one, and the contacts an e-mail or phone would duplicate.

use std::collections::BTreeMap;

use crate::change::{FieldSet, NewValue, write};
use crate::fields::{CATALOGUE, FieldId, FieldKind, FieldRef, FieldValue};
use crate::model::{
    ChannelStatus, Contact, ContactId, CustomFieldDef, CustomKind, CustomValue, HistoryEvent,
    HistoryKind, Money, Source, Timestamp,
};
use crate::normalize::{normalize_email, phone_to_e164};
use crate::validate::{self, FieldError};
use crate::values::{
    Labelled, date_of, day_start, format_date, format_money_minor, parse_bool, parse_integer,
};

/// The currency of money typed without one.
pub const DEFAULT_CURRENCY: &str = "RUB";

/// How a form field is typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    /// Free text.
    Text,
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
    /// A date дд.мм.гггг.
    Date,
    /// A number.
    Number,
    /// One of a few values: (typed text, Russian label); the empty text means "not set".
    Choice(Vec<(&'static str, &'static str)>),
}

/// The catalogue fields the form edits, in card order: every field but those the system keeps
/// (memberships, source, consent and the e-mail status that follows consent and delivery).
pub fn form_fields() -> impl Iterator<Item = FieldId> {
    CATALOGUE.iter().map(|d| d.id).filter(|id| {
        !matches!(
            id,
            FieldId::GroupSubscribedAt | FieldId::Source | FieldId::Consent | FieldId::Status
        )
    })
}

/// How field `field` is typed in; custom fields by their definition in `defs`.
pub fn input_kind(defs: &[CustomFieldDef], field: &FieldRef) -> InputKind {
    let kind = match field {
        FieldRef::Builtin(id) => id.def().kind,
        FieldRef::Custom(key) => match custom_kind(defs, key) {
            Some(kind) => FieldKind::of_custom(kind),
            None => FieldKind::Text,
        },
    };
    match kind {
        FieldKind::Email => InputKind::Email,
        FieldKind::Phone => InputKind::Phone,
        FieldKind::Date => InputKind::Date,
        FieldKind::Money | FieldKind::Integer => InputKind::Number,
        FieldKind::Bool => {
            InputKind::Choice(vec![("", "неизвестно"), ("да", "да"), ("нет", "нет")])
        }
        FieldKind::ChannelStatus => InputKind::Choice(
            ChannelStatus::ALL
                .iter()
                .map(|s| (s.label_ru(), s.label_ru()))
                .collect(),
        ),
        _ => InputKind::Text,
    }
}

/// The text field `field` of `contact` starts with in the form; reading it back with
/// [`parse`] gives the same value.
pub fn text_of(contact: &Contact, field: &FieldRef) -> String {
    let id = match field {
        FieldRef::Custom(key) => {
            return match contact.custom.get(key) {
                None => String::new(),
                Some(CustomValue::Text(t)) => t.clone(),
                Some(CustomValue::Integer(n)) => n.to_string(),
                Some(CustomValue::Date(at)) => format_date(date_of(*at, 0)),
                Some(CustomValue::Bool(b)) => yes_no(*b).to_owned(),
            };
        }
        FieldRef::Builtin(id) => *id,
    };
    match contact.get(id) {
        FieldValue::Text(t) => t.to_owned(),
        FieldValue::Money(m) => m.map(|m| format_money_minor(m.minor)).unwrap_or_default(),
        FieldValue::Date(d) => d.map(|at| format_date(date_of(at, 0))).unwrap_or_default(),
        FieldValue::Integer(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        FieldValue::Bool(b) => b.map(|b| yes_no(b).to_owned()).unwrap_or_default(),
        FieldValue::UtcOffset(o) => o.map(|o| o.to_string()).unwrap_or_default(),
        FieldValue::Tags(tags) => tags.join(", "),
        FieldValue::ChannelStatus(s) => s.label_ru().to_owned(),
        FieldValue::EmailStatus(s) => s.label_ru().to_owned(),
        FieldValue::Source(s) => s.label_ru().to_owned(),
        FieldValue::Consent(_) | FieldValue::Memberships(_) => String::new(),
    }
}

/// Reads the text typed into field `field` as the value to store, checking it as
/// [`validate`] does; blank text clears the field. Money without a currency is in roubles.
pub fn parse(defs: &[CustomFieldDef], field: &FieldRef, raw: &str) -> Result<NewValue, FieldError> {
    let text = raw.trim();
    let blank = text.is_empty();
    let id = match field {
        FieldRef::Custom(key) => return parse_custom(custom_kind(defs, key), text),
        FieldRef::Builtin(id) => *id,
    };
    Ok(match id.def().kind {
        FieldKind::Email if !blank => NewValue::Text(validate::email(text)?),
        FieldKind::Phone if !blank => {
            NewValue::Text(validate::phone(text).map(|_| text.to_owned())?)
        }
        FieldKind::Country => NewValue::Text(text.to_uppercase()),
        FieldKind::Money => NewValue::Money(if blank {
            None
        } else {
            Some(Money {
                minor: validate::money(text)?,
                currency: DEFAULT_CURRENCY.to_owned(),
            })
        }),
        FieldKind::Date => NewValue::Date(
            (!blank)
                .then(|| validate::date(text))
                .transpose()?
                .map(|d| day_start(d, 0)),
        ),
        FieldKind::Integer => {
            NewValue::Integer((!blank).then(|| validate::points(text)).transpose()?)
        }
        FieldKind::UtcOffset => {
            NewValue::UtcOffset((!blank).then(|| validate::utc_offset(text)).transpose()?)
        }
        FieldKind::Bool => NewValue::Bool(
            (!blank)
                .then(|| parse_bool(text).map_err(|_| FieldError::Choice(text.to_owned())))
                .transpose()?,
        ),
        FieldKind::Tags => NewValue::Tags(text.split(',').map(str::to_owned).collect()),
        FieldKind::ChannelStatus if blank => NewValue::ChannelStatus(ChannelStatus::Unknown),
        FieldKind::ChannelStatus => NewValue::ChannelStatus(
            ChannelStatus::parse_option(text).map_err(|_| FieldError::Choice(text.to_owned()))?,
        ),
        _ => NewValue::Text(text.to_owned()),
    })
}

/// Reads a custom field's typed text by the field's kind (text when it is unknown).
fn parse_custom(kind: Option<CustomKind>, text: &str) -> Result<NewValue, FieldError> {
    if text.is_empty() {
        return Ok(NewValue::Custom(None));
    }
    let value = match kind.unwrap_or(CustomKind::Text) {
        CustomKind::Text => CustomValue::Text(text.to_owned()),
        CustomKind::Integer => CustomValue::Integer(
            parse_integer(text).map_err(|_| FieldError::Integer(text.to_owned()))?,
        ),
        CustomKind::Date => CustomValue::Date(day_start(validate::date(text)?, 0)),
        CustomKind::Bool => {
            CustomValue::Bool(parse_bool(text).map_err(|_| FieldError::Choice(text.to_owned()))?)
        }
    };
    Ok(NewValue::Custom(Some(value)))
}

/// The kind of custom field `key`.
fn custom_kind(defs: &[CustomFieldDef], key: &str) -> Option<CustomKind> {
    defs.iter().find(|d| d.key == key).map(|d| d.kind)
}

/// «да» or «нет».
fn yes_no(b: bool) -> &'static str {
    if b { "да" } else { "нет" }
}

/// What is wrong with a filled-in form: each field's error, by field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormErrors(pub BTreeMap<FieldRef, String>);

impl FormErrors {
    /// Whether the form has no error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Reads every typed field, or says what is wrong with each that does not read.
fn parse_all(
    defs: &[CustomFieldDef],
    typed: &[(FieldRef, String)],
) -> Result<Vec<FieldSet>, FormErrors> {
    let mut sets = Vec::with_capacity(typed.len());
    let mut errors = FormErrors::default();
    for (field, raw) in typed {
        match parse(defs, field, raw) {
            Ok(value) => sets.push(FieldSet {
                field: field.clone(),
                value,
            }),
            Err(error) => {
                errors.0.insert(field.clone(), error.to_string());
            }
        }
    }
    if errors.is_empty() {
        Ok(sets)
    } else {
        Err(errors)
    }
}

/// The contact «Создать контакт» makes with id `id` at `now` from the typed fields: source
/// «вручную», no e-mail consent, history «создан». It needs an e-mail or a phone.
pub fn new_contact(
    defs: &[CustomFieldDef],
    id: ContactId,
    now: Timestamp,
    typed: &[(FieldRef, String)],
) -> Result<Contact, FormErrors> {
    let sets = parse_all(defs, typed)?;
    let mut contact = Contact {
        id,
        source: Source::Manual,
        consent: None,
        history: vec![HistoryEvent {
            at: now,
            kind: HistoryKind::Created {
                source: Source::Manual,
            },
        }],
        ..Contact::default()
    };
    for set in &sets {
        write(&mut contact, &set.field, &set.value);
    }
    if contact.email.is_empty() && contact.phone.is_empty() {
        let mut errors = FormErrors::default();
        errors.0.insert(
            FieldRef::Builtin(FieldId::Email),
            "Укажите e-mail или телефон".to_owned(),
        );
        return Err(errors);
    }
    Ok(contact)
}

/// The edits that make `contact` what the form shows: a [`FieldSet`] for each typed field whose
/// text differs from [`text_of`]; errors for those that do not read.
pub fn edits(
    defs: &[CustomFieldDef],
    contact: &Contact,
    typed: &[(FieldRef, String)],
) -> Result<Vec<FieldSet>, FormErrors> {
    let changed: Vec<(FieldRef, String)> = typed
        .iter()
        .filter(|(field, raw)| raw.trim() != text_of(contact, field).trim())
        .cloned()
        .collect();
    parse_all(defs, &changed)
}

/// Why a contact looks like another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateOn {
    /// The same e-mail (case-insensitive).
    Email,
    /// The same phone in E.164.
    Phone,
}

/// An existing contact that a new e-mail or phone duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The existing contact.
    pub id: ContactId,
    /// Its display name.
    pub name: String,
    /// What they share.
    pub on: DuplicateOn,
}

/// The contacts of `contacts` other than `except` with the e-mail `email` or the phone `phone`
/// (as typed; either may be blank).
pub fn duplicates(
    contacts: &[Contact],
    email: &str,
    phone: &str,
    except: Option<ContactId>,
) -> Vec<Duplicate> {
    let email = normalize_email(email).to_lowercase();
    let phone = phone_to_e164(phone);
    contacts
        .iter()
        .filter(|c| Some(c.id) != except)
        .filter_map(|c| {
            let on = if !email.is_empty() && c.email.to_lowercase() == email {
                DuplicateOn::Email
            } else if phone.as_deref().is_some_and(|p| c.phone_e164 == p) {
                DuplicateOn::Phone
            } else {
                return None;
            };
            Some(Duplicate {
                id: c.id,
                name: c.display_name(),
                on,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use crate::model::EmailStatus;

    fn builtin(id: FieldId, text: &str) -> (FieldRef, String) {
        (FieldRef::Builtin(id), text.to_owned())
    }

    #[test]
    fn a_new_contact_is_manual_without_consent() {
        let typed = [
            builtin(FieldId::LastName, " Иванов "),
            builtin(FieldId::Email, "Ivan@Mail.RU"),
            builtin(FieldId::Phone, "8 (812) 123-45-67"),
            builtin(FieldId::RegisteredAt, "01.02.2024"),
            builtin(FieldId::PaidTotal, "1 500,50"),
            builtin(FieldId::Tags, "vip, опт"),
        ];
        let c = new_contact(&[], ContactId(9), Timestamp(5), &typed).unwrap();
        assert_eq!(c.last_name, "Иванов");
        assert_eq!(c.email, "Ivan@mail.ru");
        assert_eq!(c.phone_e164, "+78121234567");
        assert_eq!(c.paid_total.as_ref().map(|m| m.minor), Some(150_050));
        assert_eq!(c.tags, vec!["vip", "опт"]);
        assert_eq!(c.source, Source::Manual);
        assert_eq!(c.consent, None);
        assert_eq!(c.status, EmailStatus::Unconfirmed);
        assert_eq!(
            text_of(&c, &FieldRef::Builtin(FieldId::RegisteredAt)),
            "01.02.2024"
        );
    }

    #[test]
    fn each_bad_field_says_what_is_wrong() {
        let typed = [
            builtin(FieldId::Email, "ivan@"),
            builtin(FieldId::Phone, "12"),
            builtin(FieldId::RegisteredAt, "31.02.2024"),
            builtin(FieldId::UtcOffset, "+15"),
            builtin(FieldId::PaidTotal, "много"),
            builtin(FieldId::Points, "1,5"),
        ];
        let errors = new_contact(&[], ContactId(1), Timestamp(0), &typed).unwrap_err();
        assert_eq!(errors.0.len(), 6);
        assert_eq!(
            errors.0[&FieldRef::Builtin(FieldId::Email)],
            "«ivan@» — неверный адрес e-mail"
        );
    }

    #[test]
    fn a_contact_needs_an_email_or_a_phone() {
        let errors = new_contact(
            &[],
            ContactId(1),
            Timestamp(0),
            &[builtin(FieldId::LastName, "Иванов")],
        )
        .unwrap_err();
        assert_eq!(
            errors.0[&FieldRef::Builtin(FieldId::Email)],
            "Укажите e-mail или телефон"
        );
    }

    #[test]
    fn every_form_field_reads_back_its_own_text() {
        let contact = fixtures::every_field(ContactId(1));
        let defs: Vec<CustomFieldDef> = contact
            .custom
            .iter()
            .map(|(key, value)| CustomFieldDef {
                key: key.clone(),
                label: key.clone(),
                kind: match value {
                    CustomValue::Text(_) => CustomKind::Text,
                    CustomValue::Integer(_) => CustomKind::Integer,
                    CustomValue::Date(_) => CustomKind::Date,
                    CustomValue::Bool(_) => CustomKind::Bool,
                },
            })
            .collect();
        let fields = form_fields()
            .map(FieldRef::Builtin)
            .chain(defs.iter().map(|d| FieldRef::Custom(d.key.clone())));
        for field in fields {
            let text = text_of(&contact, &field);
            assert!(!text.is_empty(), "{field:?} is filled in the fixture");
            let value =
                parse(&defs, &field, &text).unwrap_or_else(|e| panic!("{field:?} `{text}`: {e}"));
            let mut copy = contact.clone();
            assert!(write(&mut copy, &field, &value), "{field:?}");
            assert_eq!(text_of(&copy, &field), text, "{field:?}");
        }
    }

    #[test]
    fn edits_are_only_the_changed_fields() {
        let base = fixtures::generate(5, 1);
        let contact = &base.contacts[0];
        let typed: Vec<(FieldRef, String)> = form_fields()
            .map(|id| {
                let field = FieldRef::Builtin(id);
                let text = text_of(contact, &field);
                (field, text)
            })
            .chain([builtin(FieldId::BillingCity, "Казань")])
            .collect();
        let sets = edits(&base.custom_fields, contact, &typed).unwrap();
        let expected = usize::from(contact.billing.city != "Казань");
        assert_eq!(sets.len(), expected);
    }

    #[test]
    fn duplicates_by_email_then_phone() {
        let mut a = Contact {
            id: ContactId(1),
            last_name: "Иванов".to_owned(),
            ..Contact::default()
        };
        a.set_email("ivan@mail.ru");
        let mut b = Contact {
            id: ContactId(2),
            ..Contact::default()
        };
        b.set_phone("+7 812 123-45-67");
        let contacts = [a, b];
        let found = duplicates(&contacts, "IVAN@mail.ru", "8 (812) 123 45 67", None);
        assert_eq!(
            found.iter().map(|d| (d.id.0, d.on)).collect::<Vec<_>>(),
            vec![(1, DuplicateOn::Email), (2, DuplicateOn::Phone)]
        );
        assert_eq!(found[0].name, "Иванов");
        assert!(duplicates(&contacts, "ivan@mail.ru", "", Some(ContactId(1))).is_empty());
    }
}
