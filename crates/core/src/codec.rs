//! The compact binary form of contacts and mutations, as the browser stores them: a format byte
//! then postcard. Pure: bytes in, values out; where the bytes are kept is the caller's business.
//!
//! Postcard is not self-describing: it stores fields by position. So a change to the serde shape
//! of [`Contact`] or [`Mutation`] (a field added, removed, reordered or retyped) makes bytes that
//! are already stored unreadable. `the_stored_shape_is_pinned` below fails when that happens; the
//! fix is to bump [`FORMAT`] and give the browser storage a migration that decodes the old format
//! with a frozen copy of the old types and writes the new one. New [`crate::change::Op`] variants
//! appended at the end need neither.

use std::fmt;

use serde::de::{DeserializeSeed, SeqAccess, Visitor};

use crate::change::Mutation;
use crate::model::Contact;

/// The format byte that starts every value this version encodes.
pub const FORMAT: u8 = 1;

/// Bytes that do not decode: another format, truncated or damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(String);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

/// Encodes a run of contacts.
pub fn encode_contacts(contacts: &[Contact]) -> Vec<u8> {
    encode(contacts)
}

/// Decodes a run of contacts encoded by [`encode_contacts`], appending them to `out` (so many
/// runs decode into one vector without copies).
pub fn decode_contacts_into(bytes: &[u8], out: &mut Vec<Contact>) -> Result<(), DecodeError> {
    let mut deserializer = postcard::Deserializer::from_bytes(body(bytes)?);
    serde::Deserializer::deserialize_seq(&mut deserializer, Extend(out))
        .map_err(|e| DecodeError(format!("contacts: {e}")))
}

/// Encodes a mutation.
pub fn encode_mutation(mutation: &Mutation) -> Vec<u8> {
    encode(mutation)
}

/// Decodes a mutation encoded by [`encode_mutation`].
pub fn decode_mutation(bytes: &[u8]) -> Result<Mutation, DecodeError> {
    postcard::from_bytes(body(bytes)?).map_err(|e| DecodeError(format!("mutation: {e}")))
}

/// The format byte, then postcard. Postcard fails only on sequences of unknown length or a
/// `Serialize` impl that errs, and the model has neither.
fn encode<T: serde::Serialize + ?Sized>(value: &T) -> Vec<u8> {
    postcard::to_extend(value, vec![FORMAT]).expect("the model always encodes")
}

/// The postcard after the format byte, which must be [`FORMAT`].
fn body(bytes: &[u8]) -> Result<&[u8], DecodeError> {
    match bytes.split_first() {
        Some((&FORMAT, body)) => Ok(body),
        Some((format, _)) => Err(DecodeError(format!("unknown format {format}"))),
        None => Err(DecodeError("no bytes".to_owned())),
    }
}

/// Deserialises a sequence of contacts by pushing each onto a vector, with no vector in between.
struct Extend<'a>(&'a mut Vec<Contact>);

impl<'de> Visitor<'de> for Extend<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence of contacts")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.reserve(seq.size_hint().unwrap_or(0));
        while let Some(contact) = seq.next_element()? {
            self.0.push(contact);
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Extend<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::{ClientId, Op, Stamper};
    use crate::fixtures::{every_field, generate};
    use crate::model::{
        Category, CategoryId, ContactId, CustomFieldDef, CustomKind, Group, GroupId,
    };

    /// FNV-1a: a hash that never changes between Rust releases.
    fn fnv(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }

    #[test]
    fn contacts_and_mutations_round_trip() {
        let mut contacts = generate(300, 11).contacts;
        contacts.push(every_field(ContactId(301)));
        let bytes = encode_contacts(&contacts);
        assert_eq!(bytes[0], FORMAT);
        let mut out = vec![every_field(ContactId(0))];
        decode_contacts_into(&bytes, &mut out).unwrap();
        decode_contacts_into(&encode_contacts(&[]), &mut out).unwrap();
        assert_eq!(out[1..], contacts[..]);

        let mutation =
            Stamper::new(ClientId(7)).stamp(Op::CreateContacts(contacts), 1_750_000_000_000);
        assert_eq!(decode_mutation(&encode_mutation(&mutation)), Ok(mutation));
    }

    #[test]
    fn foreign_and_damaged_bytes_are_errors_not_panics() {
        let mut out = Vec::new();
        assert!(decode_contacts_into(&[], &mut out).is_err());
        assert!(decode_contacts_into(&[FORMAT + 1, 0], &mut out).is_err());
        let bytes = encode_contacts(&generate(3, 1).contacts);
        assert!(decode_contacts_into(&bytes[..bytes.len() / 2], &mut out).is_err());
        assert!(decode_mutation(&[FORMAT, 0xff, 0xff]).is_err());
        let error = decode_mutation(&[2]).unwrap_err();
        assert_eq!(error.to_string(), "unknown format 2");
    }

    /// Guards the stored format. If this fails, the serde shape of `Contact` or `Mutation`
    /// changed and bytes already in users' browsers no longer decode: bump [`FORMAT`], add a
    /// migration (see the module doc), then update the figures here.
    #[test]
    fn the_stored_shape_is_pinned() {
        let contact = every_field(ContactId(42));
        let bytes = encode_contacts(std::slice::from_ref(&contact));
        assert_eq!(
            (bytes.len(), fnv(&bytes)),
            (752, 755518305088822676),
            "contacts"
        );
        let mut stamper = Stamper::new(ClientId(7));
        let ops = [
            Op::PutCategories(vec![Category {
                id: CategoryId(1),
                name: "Клиенты".into(),
            }]),
            Op::PutGroups(vec![Group {
                id: GroupId(2),
                category: CategoryId(1),
                name: "Оптовые".into(),
            }]),
            Op::PutCustomFields(vec![CustomFieldDef {
                key: "size".into(),
                label: "Размер".into(),
                kind: CustomKind::Text,
            }]),
            Op::CreateContacts(vec![contact]),
        ];
        let bytes: Vec<u8> = ops
            .into_iter()
            .flat_map(|op| encode_mutation(&stamper.stamp(op, 1_750_000_000_000)))
            .collect();
        assert_eq!(
            (bytes.len(), fnv(&bytes)),
            (854, 16340312414884180509),
            "mutations"
        );
    }
}
