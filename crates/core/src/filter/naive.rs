//! The reference evaluator: per contact, per condition, read the value through [`Contact::get`],
//! fold or normalise a fresh copy and compare — no columns, no ordering, no cleverness. It is the
//! benchmark's baseline and the oracle the index is tested against; the app never uses it.

use crate::fields::{FieldId, FieldValue};
use crate::model::{Base, Contact, CustomKind, CustomValue, GroupId, Membership};
use crate::normalize::fold;
use crate::values::date_of;

use super::compile::{
    CompiledFilter, Target, Test, Typed, bool_code, option_code, phone_match_digits,
};

/// The rows of `base` matching `filter`, in base order, by scanning every contact.
pub fn filter(base: &Base, filter: &CompiledFilter) -> Vec<u32> {
    base.contacts
        .iter()
        .enumerate()
        .filter(|(_, contact)| matches(contact, filter))
        .map(|(row, _)| row as u32)
        .collect()
}

/// Whether `contact` matches `filter`.
pub fn matches(contact: &Contact, filter: &CompiledFilter) -> bool {
    let groups = filter.groups.as_deref();
    if let Some(groups) = groups
        && !contact
            .memberships
            .iter()
            .any(|m| groups.contains(&m.group))
    {
        return false;
    }
    filter
        .conditions
        .iter()
        .all(|c| holds(contact, c, groups, filter.utc_offset_minutes) != c.negate)
}

fn holds(contact: &Contact, typed: &Typed, groups: Option<&[GroupId]>, offset: i32) -> bool {
    let value = match &typed.target {
        Target::Builtin(FieldId::Phone) => return phone_holds(&contact.phone, &typed.test),
        Target::Builtin(id) => contact.get(*id),
        Target::Custom { key, kind } => custom_value(contact.custom.get(key), *kind),
    };
    value_holds(value, &typed.test, groups, offset)
}

/// A custom value as the field value it stands for; a value of another type is no value.
fn custom_value(value: Option<&CustomValue>, kind: CustomKind) -> FieldValue<'_> {
    match (kind, value) {
        (CustomKind::Text, Some(CustomValue::Text(text))) => FieldValue::Text(text),
        (CustomKind::Text, _) => FieldValue::Text(""),
        (CustomKind::Integer, Some(CustomValue::Integer(n))) => FieldValue::Integer(Some(*n)),
        (CustomKind::Integer, _) => FieldValue::Integer(None),
        (CustomKind::Date, Some(CustomValue::Date(at))) => FieldValue::Date(Some(*at)),
        (CustomKind::Date, _) => FieldValue::Date(None),
        (CustomKind::Bool, Some(CustomValue::Bool(b))) => FieldValue::Bool(Some(*b)),
        (CustomKind::Bool, _) => FieldValue::Bool(None),
    }
}

fn phone_holds(phone: &str, test: &Test) -> bool {
    match test {
        Test::Empty => phone.trim().is_empty(),
        Test::Phone { contains, values } => {
            let digits = phone_match_digits(phone);
            !digits.is_empty() && text_hit(&digits, *contains, values)
        }
        _ => false,
    }
}

fn text_hit(value: &str, contains: bool, values: &[String]) -> bool {
    values.iter().any(|v| {
        if contains {
            value.contains(v.as_str())
        } else {
            value == v
        }
    })
}

fn value_holds(
    value: FieldValue<'_>,
    test: &Test,
    groups: Option<&[GroupId]>,
    offset: i32,
) -> bool {
    match (value, test) {
        (FieldValue::Text(text), Test::Empty) => text.trim().is_empty(),
        (FieldValue::Text(text), Test::Text { contains, values }) => {
            let folded = fold(text);
            !folded.is_empty() && text_hit(&folded, *contains, values)
        }
        (FieldValue::Tags(tags), Test::Empty) => tags.iter().all(|t| t.trim().is_empty()),
        (FieldValue::Tags(tags), Test::Tags { contains, values }) => tags.iter().any(|t| {
            let folded = fold(t);
            !folded.is_empty() && text_hit(&folded, *contains, values)
        }),
        (FieldValue::Money(money), test) => number_holds(money.map(|m| m.minor), test),
        (FieldValue::Integer(n), test) => number_holds(n, test),
        (FieldValue::UtcOffset(o), test) => {
            number_holds(o.map(|o| i64::from(o.half_hours())), test)
        }
        (FieldValue::Date(at), Test::Empty) => at.is_none(),
        (FieldValue::Date(at), Test::Day { cmp, days }) => {
            at.is_some_and(|at| days.iter().any(|&d| cmp.holds(date_of(at, offset), d)))
        }
        (FieldValue::Bool(b), test) => code_holds(b.map(|b| bool_code(Some(b))), test),
        (FieldValue::EmailStatus(s), test) => code_holds(Some(option_code(Some(s))), test),
        (FieldValue::ChannelStatus(s), test) => code_holds(Some(option_code(Some(s))), test),
        (FieldValue::Source(s), test) => code_holds(Some(option_code(Some(s))), test),
        (FieldValue::Consent(c), test) => code_holds(c.map(|c| option_code(Some(c.source))), test),
        (FieldValue::Memberships(ms), test) => subscribed_holds(ms, groups, test, offset),
        _ => false,
    }
}

fn number_holds(value: Option<i64>, test: &Test) -> bool {
    match test {
        Test::Empty => value.is_none(),
        Test::Number { cmp, values } => {
            value.is_some_and(|v| values.iter().any(|&q| cmp.holds(v, q)))
        }
        _ => false,
    }
}

fn code_holds(code: Option<u8>, test: &Test) -> bool {
    match test {
        Test::Empty => code.is_none(),
        Test::Code(codes) => code.is_some_and(|c| codes.contains(&c)),
        _ => false,
    }
}

fn subscribed_holds(
    memberships: &[Membership],
    groups: Option<&[GroupId]>,
    test: &Test,
    offset: i32,
) -> bool {
    let relevant: Vec<&Membership> = memberships
        .iter()
        .filter(|m| groups.is_none_or(|gs| gs.contains(&m.group)))
        .collect();
    match test {
        Test::Empty => relevant.is_empty(),
        Test::Day { cmp, days } => relevant.iter().any(|m| {
            days.iter()
                .any(|&d| cmp.holds(date_of(m.subscribed_at, offset), d))
        }),
        _ => false,
    }
}
