//! Field edits and erasure for [`super::Op`]: typed new values ([`NewValue`], [`FieldSet`]), how
//! one is written into a contact, the display text history records for a field, and the keyed
//! hashes ([`ErasureHash`]) that remember an erased person's e-mail and phone.
//!
//! The hashes are HMAC-SHA-256 (RustCrypto's `hmac` and `sha2`, already in the app's dependency
//! tree): a standard keyed construction, so without the account's key nobody can test a guessed
//! address against them. The key is an argument; the core makes none.

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::fields::{FieldId, FieldRef, FieldValue};
use crate::model::{
    Base, ChannelStatus, Contact, ContactId, CustomValue, EmailStatus, HistoryKind, Money,
    Timestamp, UtcOffset,
};
use crate::normalize::{normalize_email, phone_to_e164};
use crate::values::{Labelled, date_of, format_date, format_money_minor};

/// A field's new value, typed as the field stores it; `None` and empty text clear it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NewValue {
    /// Text, e-mail (normalised on write), phone (as entered; E.164 derived) or country code.
    Text(String),
    /// Money (Оплатил на сумму).
    Money(Option<Money>),
    /// A date-time (Дата первой регистрации).
    Date(Option<Timestamp>),
    /// A whole number (Баллы).
    Integer(Option<i64>),
    /// Yes, no or unknown (Существует e-mail).
    Bool(Option<bool>),
    /// A UTC offset.
    UtcOffset(Option<UtcOffset>),
    /// A set of tags (normalised as [`Contact::set_tags`] does).
    Tags(Vec<String>),
    /// The global e-mail status.
    EmailStatus(EmailStatus),
    /// An SMS or call status.
    ChannelStatus(ChannelStatus),
    /// A custom field's value.
    Custom(Option<CustomValue>),
}

/// One field and the value it gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSet {
    /// The field.
    pub field: FieldRef,
    /// Its new value.
    pub value: NewValue,
}

/// Writes `value` into `field` of `contact`; `false` (and nothing written) when the value's
/// kind does not fit the field or the field is not editable (memberships, source, consent).
pub(crate) fn write(contact: &mut Contact, field: &FieldRef, value: &NewValue) -> bool {
    use FieldId as F;
    use NewValue as V;
    let id = match field {
        FieldRef::Custom(key) => {
            let V::Custom(value) = value else {
                return false;
            };
            match value {
                Some(v) => contact.custom.insert(key.clone(), v.clone()),
                None => contact.custom.remove(key),
            };
            return true;
        }
        FieldRef::Builtin(id) => *id,
    };
    match (id, value) {
        (F::Email, V::Text(text)) => contact.set_email(text),
        (F::Phone, V::Text(text)) => contact.set_phone(text),
        (_, V::Text(text)) => match contact.text_mut(id) {
            Some(slot) => text.clone_into(slot),
            None => return false,
        },
        (F::PaidTotal, V::Money(m)) => contact.paid_total = m.clone(),
        (F::RegisteredAt, V::Date(d)) => contact.registered_at = *d,
        (F::Points, V::Integer(n)) => contact.points = *n,
        (F::EmailExists, V::Bool(b)) => contact.email_exists = *b,
        (F::UtcOffset, V::UtcOffset(o)) => contact.utc_offset = *o,
        (F::Tags, V::Tags(tags)) => contact.set_tags(tags),
        (F::Status, V::EmailStatus(s)) => contact.status = *s,
        (F::SmsStatus, V::ChannelStatus(s)) => contact.sms_status = *s,
        (F::CallStatus, V::ChannelStatus(s)) => contact.call_status = *s,
        _ => return false,
    }
    true
}

/// The text history shows for `field` of `contact`: dates as дд.мм.гггг (UTC), money with its
/// currency, statuses by their Russian label, tags joined by commas; empty for no value.
pub(super) fn display(contact: &Contact, field: &FieldRef) -> String {
    let id = match field {
        FieldRef::Builtin(id) => *id,
        FieldRef::Custom(key) => {
            return match contact.custom.get(key) {
                None => String::new(),
                Some(CustomValue::Text(t)) => t.clone(),
                Some(CustomValue::Integer(n)) => n.to_string(),
                Some(CustomValue::Date(at)) => format_date(date_of(*at, 0)),
                Some(CustomValue::Bool(b)) => yes_no(*b).to_owned(),
            };
        }
    };
    match contact.get(id) {
        FieldValue::Text(t) => t.to_owned(),
        FieldValue::Money(m) => m
            .map(|m| format!("{} {}", format_money_minor(m.minor), m.currency))
            .unwrap_or_default(),
        FieldValue::Date(d) => d.map(|at| format_date(date_of(at, 0))).unwrap_or_default(),
        FieldValue::Integer(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        FieldValue::Bool(b) => b.map(|b| yes_no(b).to_owned()).unwrap_or_default(),
        FieldValue::UtcOffset(o) => o.map(|o| o.to_string()).unwrap_or_default(),
        FieldValue::Tags(tags) => tags.join(", "),
        FieldValue::EmailStatus(s) => s.label_ru().to_owned(),
        FieldValue::ChannelStatus(s) => s.label_ru().to_owned(),
        FieldValue::Source(s) => s.label_ru().to_owned(),
        FieldValue::Consent(c) => c.map(|_| yes_no(true)).unwrap_or_default().to_owned(),
        FieldValue::Memberships(m) => m.len().to_string(),
    }
}

/// «да» or «нет».
fn yes_no(b: bool) -> &'static str {
    if b { "да" } else { "нет" }
}

/// The erased contact's record of what it was: keyed hashes of its normalised e-mail and its
/// phone in E.164, each `None` when the contact had none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureHash {
    /// The erased contact.
    pub id: ContactId,
    /// HMAC-SHA-256 of the normalised e-mail.
    pub email: Option<[u8; 32]>,
    /// HMAC-SHA-256 of the phone in E.164.
    pub phone: Option<[u8; 32]>,
}

impl ErasureHash {
    /// The hashes of `contact`'s e-mail and phone under `key`.
    pub fn of(contact: &Contact, key: &[u8]) -> Self {
        Self {
            id: contact.id,
            email: email_hash(key, &contact.email),
            phone: phone_hash(key, &contact.phone),
        }
    }
}

/// The keyed hash of an e-mail as entered (normalised first); `None` for an empty one.
pub fn email_hash(key: &[u8], email: &str) -> Option<[u8; 32]> {
    let email = normalize_email(email).to_lowercase();
    (!email.is_empty()).then(|| hmac(key, b'e', &email))
}

/// The keyed hash of a phone as entered (read as E.164, default region RU); `None` when it does
/// not parse.
pub fn phone_hash(key: &[u8], phone: &str) -> Option<[u8; 32]> {
    phone_to_e164(phone).map(|e164| hmac(key, b'p', &e164))
}

/// HMAC-SHA-256 under `key` of a domain byte (so an e-mail and a phone never collide) and `text`.
fn hmac(key: &[u8], domain: u8, text: &str) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(&[domain]);
    mac.update(text.as_bytes());
    mac.finalize().into_bytes().into()
}

/// The erased contacts of `base` whose e-mail or phone hashed under `key` matches `email` or
/// `phone` (either may be empty): "this person asked to be erased".
pub fn erased_matches(base: &Base, key: &[u8], email: &str, phone: &str) -> Vec<ContactId> {
    let email = email_hash(key, email);
    let phone = phone_hash(key, phone);
    base.contacts
        .iter()
        .filter(|c| {
            c.history.iter().any(|event| match &event.kind {
                HistoryKind::Erased {
                    email_hash,
                    phone_hash,
                } => {
                    (email.is_some() && *email_hash == email)
                        || (phone.is_some() && *phone_hash == phone)
                }
                _ => false,
            })
        })
        .map(|c| c.id)
        .collect()
}
