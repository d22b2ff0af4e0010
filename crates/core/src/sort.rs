//! Sorting the rows of a contacts table by one column: names, groups, any catalogue or custom
//! field, or a contact's subscription to one group.
//!
//! Keys are computed once per sort (folded text, or whole numbers for money, dates, numbers and
//! flags), then row positions are ordered by them. Contacts without a value always come last, in
//! both directions, and equal keys keep their input order (the sort is stable). Enumerations sort
//! by their Russian label, as the table shows them. This module never edits the base.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::fields::{FieldId, FieldRef, FieldValue};
use crate::model::{Base, Contact, CustomValue, GroupId};
use crate::normalize::{fold, phone_digits};
use crate::values::Labelled;

/// A column rows can be sorted by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SortBy {
    /// «Фамилия Имя Отчество»; contacts without any name part count as having no value.
    Name,
    /// The name of the contact's first group.
    FirstGroup,
    /// A catalogue or custom field.
    Field(FieldRef),
    /// The date the contact subscribed to this group.
    Subscribed(GroupId),
    /// The status of the contact's membership of this group.
    SubscriptionStatus(GroupId),
}

/// Which way a sort goes. Contacts without a value come last either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Smallest first: А→Я, 0→9, oldest first.
    #[default]
    Ascending,
    /// Largest first.
    Descending,
}

impl Direction {
    /// The other direction.
    pub fn toggled(self) -> Self {
        match self {
            Self::Ascending => Self::Descending,
            Self::Descending => Self::Ascending,
        }
    }
}

/// One contact's sort key. Numbers sort before text when a column mixes them (a custom field
/// whose values do not all have its declared type).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// Money in minor units, milliseconds, points, half hours, 0/1 for no/yes.
    Number(i64),
    /// Folded text (lower case, ё = е).
    Text(Box<str>),
}

/// Returns `rows` (positions in `base.contacts`) ordered by `by` in `direction`.
///
/// Contacts without a value come last in both directions; contacts with equal keys keep their
/// order in `rows`. A row outside the base counts as having no value.
pub fn sort_rows(base: &Base, rows: &[u32], by: &SortBy, direction: Direction) -> Vec<u32> {
    let keyer = Keyer::new(base, by);
    let keys: Vec<Option<Key>> = rows
        .iter()
        .map(|&row| {
            base.contacts
                .get(row as usize)
                .and_then(|contact| keyer.key(contact))
        })
        .collect();
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let by_key = match (&keys[a as usize], &keys[b as usize]) {
            (Some(x), Some(y)) => match direction {
                Direction::Ascending => x.cmp(y),
                Direction::Descending => y.cmp(x),
            },
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_key.then(a.cmp(&b))
    });
    order.into_iter().map(|i| rows[i as usize]).collect()
}

/// Computes keys for one column; holds what is looked up once per sort.
struct Keyer<'a> {
    by: &'a SortBy,
    /// Folded group names, for [`SortBy::FirstGroup`].
    group_names: HashMap<GroupId, Box<str>>,
}

impl<'a> Keyer<'a> {
    fn new(base: &Base, by: &'a SortBy) -> Self {
        let group_names = match by {
            SortBy::FirstGroup => base
                .groups
                .iter()
                .map(|g| (g.id, fold(&g.name).into_boxed_str()))
                .collect(),
            _ => HashMap::new(),
        };
        Self { by, group_names }
    }

    fn key(&self, contact: &Contact) -> Option<Key> {
        match self.by {
            SortBy::Name => name_key(contact),
            SortBy::FirstGroup => contact
                .memberships
                .first()
                .and_then(|m| self.group_names.get(&m.group))
                .map(|name| Key::Text(name.clone())),
            SortBy::Field(FieldRef::Builtin(FieldId::Phone)) => phone_key(contact),
            SortBy::Field(FieldRef::Builtin(id)) => value_key(contact.get(*id)),
            SortBy::Field(FieldRef::Custom(key)) => custom_key(contact.custom.get(key)?),
            SortBy::Subscribed(group) => contact
                .memberships
                .iter()
                .find(|m| m.group == *group)
                .map(|m| Key::Number(m.subscribed_at.0)),
            SortBy::SubscriptionStatus(group) => contact
                .memberships
                .iter()
                .find(|m| m.group == *group)
                .map(|m| label_key(m.status)),
        }
    }
}

/// Folded text, or no value when it is blank.
fn text_key(text: &str) -> Option<Key> {
    let folded = fold(text);
    (!folded.is_empty()).then(|| Key::Text(folded.into_boxed_str()))
}

fn label_key<T: Labelled>(value: T) -> Key {
    Key::Text(fold(value.label_ru()).into_boxed_str())
}

fn name_key(contact: &Contact) -> Option<Key> {
    let parts = [
        &contact.last_name,
        &contact.first_name,
        &contact.middle_name,
    ];
    let name: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    text_key(&name.join(" "))
}

/// Phones sort by their E.164 digits when valid, else by the digits typed.
fn phone_key(contact: &Contact) -> Option<Key> {
    let digits = if contact.phone_e164.is_empty() {
        phone_digits(&contact.phone)
    } else {
        phone_digits(&contact.phone_e164)
    };
    (!digits.is_empty()).then(|| Key::Text(digits.into_boxed_str()))
}

fn value_key(value: FieldValue<'_>) -> Option<Key> {
    match value {
        FieldValue::Text(text) => text_key(text),
        FieldValue::Money(money) => money.map(|m| Key::Number(m.minor)),
        FieldValue::Date(at) => at.map(|t| Key::Number(t.0)),
        FieldValue::Integer(n) => n.map(Key::Number),
        FieldValue::Bool(b) => b.map(|b| Key::Number(i64::from(b))),
        FieldValue::UtcOffset(offset) => offset.map(|o| Key::Number(i64::from(o.half_hours()))),
        FieldValue::Tags(tags) => text_key(&tags.join(", ")),
        FieldValue::EmailStatus(status) => Some(label_key(status)),
        FieldValue::ChannelStatus(status) => Some(label_key(status)),
        FieldValue::Source(source) => Some(label_key(source)),
        FieldValue::Consent(consent) => consent.map(|c| Key::Number(c.confirmed_at.0)),
        FieldValue::Memberships(memberships) => memberships
            .iter()
            .map(|m| m.subscribed_at.0)
            .min()
            .map(Key::Number),
    }
}

fn custom_key(value: &CustomValue) -> Option<Key> {
    match value {
        CustomValue::Text(text) => text_key(text),
        CustomValue::Integer(n) => Some(Key::Number(*n)),
        CustomValue::Date(at) => Some(Key::Number(at.0)),
        CustomValue::Bool(b) => Some(Key::Number(i64::from(*b))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::generate;
    use crate::model::{
        Category, CategoryId, ContactId, Group, Membership, MembershipStatus, Money, Timestamp,
    };

    fn contact(id: u64, edit: impl FnOnce(&mut Contact)) -> Contact {
        let mut c = Contact {
            id: ContactId(id),
            ..Contact::default()
        };
        edit(&mut c);
        c
    }

    fn base(contacts: Vec<Contact>) -> Base {
        Base {
            categories: vec![Category {
                id: CategoryId(1),
                name: "Клиенты".into(),
            }],
            groups: ["Юг", "Акции", "ёлка"]
                .iter()
                .enumerate()
                .map(|(i, name)| Group {
                    id: GroupId(i as u64 + 1),
                    category: CategoryId(1),
                    name: (*name).into(),
                })
                .collect(),
            custom_fields: Vec::new(),
            contacts,
        }
    }

    /// Sorts every row of `base` and gives the contact ids in the sorted order.
    #[track_caller]
    fn check(base: &Base, by: SortBy, direction: Direction, expected: &[u64]) {
        let rows: Vec<u32> = (0..base.contacts.len() as u32).collect();
        let ids: Vec<u64> = sort_rows(base, &rows, &by, direction)
            .into_iter()
            .map(|row| base.contacts[row as usize].id.0)
            .collect();
        assert_eq!(ids, expected, "{by:?} {direction:?}");
    }

    fn builtin(id: FieldId) -> SortBy {
        SortBy::Field(FieldRef::Builtin(id))
    }

    #[test]
    fn names_fold_case_and_yo_and_empty_names_go_last() {
        let b = base(vec![
            contact(1, |c| c.last_name = "Ёлкин".into()),
            contact(2, |c| c.email = "a@b.ru".into()),
            contact(3, |c| c.last_name = "абрамов".into()),
            contact(4, |c| c.last_name = "Елизаров".into()),
            contact(5, |c| c.first_name = "Борис".into()),
        ]);
        check(&b, SortBy::Name, Direction::Ascending, &[3, 5, 4, 1, 2]);
        check(&b, SortBy::Name, Direction::Descending, &[1, 4, 5, 3, 2]);
    }

    #[test]
    fn numbers_sort_numerically_not_as_text() {
        let b = base(vec![
            contact(1, |c| c.points = Some(100)),
            contact(2, |c| c.points = Some(9)),
            contact(3, |_| {}),
            contact(4, |c| c.points = Some(-5)),
        ]);
        check(
            &b,
            builtin(FieldId::Points),
            Direction::Ascending,
            &[4, 2, 1, 3],
        );
        check(
            &b,
            builtin(FieldId::Points),
            Direction::Descending,
            &[1, 2, 4, 3],
        );
    }

    #[test]
    fn money_and_dates_compare_by_amount_and_time() {
        let money = |minor| {
            Some(Money {
                minor,
                currency: "RUB".into(),
            })
        };
        let b = base(vec![
            contact(1, |c| {
                c.paid_total = money(150_050);
                c.registered_at = Some(Timestamp(30));
            }),
            contact(2, |c| {
                c.paid_total = money(99);
                c.registered_at = Some(Timestamp(-10));
            }),
            contact(3, |_| {}),
        ]);
        check(
            &b,
            builtin(FieldId::PaidTotal),
            Direction::Ascending,
            &[2, 1, 3],
        );
        check(
            &b,
            builtin(FieldId::RegisteredAt),
            Direction::Descending,
            &[1, 2, 3],
        );
    }

    #[test]
    fn equal_keys_keep_input_order_in_both_directions() {
        let b = base(vec![
            contact(1, |c| c.billing.city = "Москва".into()),
            contact(2, |c| c.billing.city = "Казань".into()),
            contact(3, |c| c.billing.city = "москва".into()),
            contact(4, |_| {}),
            contact(5, |c| c.billing.city = "Казань".into()),
            contact(6, |_| {}),
        ]);
        let city = builtin(FieldId::BillingCity);
        check(&b, city.clone(), Direction::Ascending, &[2, 5, 1, 3, 4, 6]);
        check(&b, city, Direction::Descending, &[1, 3, 2, 5, 4, 6]);
    }

    #[test]
    fn enums_sort_by_russian_label_and_tags_as_their_list() {
        use crate::model::EmailStatus;
        let b = base(vec![
            contact(1, |c| c.status = EmailStatus::Unsubscribed),
            contact(2, |c| {
                c.status = EmailStatus::Active;
                c.set_tags(["vip", "опт"]);
            }),
            contact(3, |c| {
                c.status = EmailStatus::Complained;
                c.set_tags(["акция"]);
            }),
        ]);
        // «активен» < «жалоба на спам» < «отписан».
        check(
            &b,
            builtin(FieldId::Status),
            Direction::Ascending,
            &[2, 3, 1],
        );
        check(&b, builtin(FieldId::Tags), Direction::Ascending, &[2, 3, 1]);
    }

    #[test]
    fn phones_sort_by_normalised_digits() {
        let b = base(vec![
            contact(1, |c| c.set_phone("8 (812) 123-45-67")),
            contact(2, |c| c.set_phone("+7 495 000-00-00")),
            contact(3, |_| {}),
        ]);
        check(
            &b,
            builtin(FieldId::Phone),
            Direction::Ascending,
            &[2, 1, 3],
        );
    }

    #[test]
    fn groups_sort_by_first_group_name_and_by_subscription_in_one_group() {
        let join = |group, at, status| Membership {
            group: GroupId(group),
            subscribed_at: Timestamp(at),
            status,
        };
        let b = base(vec![
            contact(1, |c| {
                c.memberships = vec![join(1, 50, MembershipStatus::Active)]
            }),
            contact(2, |c| {
                c.memberships = vec![
                    join(3, 10, MembershipStatus::Unsubscribed),
                    join(1, 20, MembershipStatus::Unsubscribed),
                ]
            }),
            contact(3, |_| {}),
            contact(4, |c| {
                c.memberships = vec![join(2, 5, MembershipStatus::Active)]
            }),
        ]);
        // «акции» < «елка» (ё folded) < «юг».
        check(&b, SortBy::FirstGroup, Direction::Ascending, &[4, 2, 1, 3]);
        check(
            &b,
            SortBy::Subscribed(GroupId(1)),
            Direction::Ascending,
            &[2, 1, 3, 4],
        );
        // «отписан» < «подписан».
        check(
            &b,
            SortBy::SubscriptionStatus(GroupId(1)),
            Direction::Descending,
            &[1, 2, 3, 4],
        );
    }

    #[test]
    fn custom_fields_sort_by_their_values() {
        let b = base(vec![
            contact(1, |c| {
                c.custom.insert("orders".into(), CustomValue::Integer(12));
            }),
            contact(2, |c| {
                c.custom.insert("orders".into(), CustomValue::Integer(3));
            }),
            contact(3, |_| {}),
        ]);
        check(
            &b,
            SortBy::Field(FieldRef::Custom("orders".into())),
            Direction::Ascending,
            &[2, 1, 3],
        );
    }

    #[test]
    fn sorts_a_subset_of_rows_and_ignores_rows_outside_the_base() {
        let b = base(vec![
            contact(1, |c| c.points = Some(3)),
            contact(2, |c| c.points = Some(1)),
            contact(3, |c| c.points = Some(2)),
        ]);
        let sorted = sort_rows(
            &b,
            &[2, 99, 0],
            &builtin(FieldId::Points),
            Direction::Ascending,
        );
        assert_eq!(sorted, vec![2, 0, 99]);
    }

    #[test]
    fn a_generated_base_sorted_by_each_kind_is_ordered_and_a_permutation() {
        let b = generate(3_000, 7);
        let rows: Vec<u32> = (0..b.contacts.len() as u32).rev().collect();
        for by in [
            SortBy::Name,
            SortBy::FirstGroup,
            builtin(FieldId::Email),
            builtin(FieldId::PaidTotal),
            builtin(FieldId::RegisteredAt),
            builtin(FieldId::Consent),
            builtin(FieldId::GroupSubscribedAt),
            SortBy::Field(FieldRef::Custom("birthday".into())),
        ] {
            for direction in [Direction::Ascending, Direction::Descending] {
                let sorted = sort_rows(&b, &rows, &by, direction);
                let mut same = sorted.clone();
                same.sort_unstable();
                assert_eq!(same, (0..3_000).collect::<Vec<u32>>(), "{by:?}");
                let keyer = Keyer::new(&b, &by);
                let keys: Vec<Option<Key>> = sorted
                    .iter()
                    .map(|&r| keyer.key(&b.contacts[r as usize]))
                    .collect();
                for pair in keys.windows(2) {
                    let ok = match (&pair[0], &pair[1]) {
                        (Some(x), Some(y)) => match direction {
                            Direction::Ascending => x <= y,
                            Direction::Descending => x >= y,
                        },
                        (_, None) => true,
                        (None, Some(_)) => false,
                    };
                    assert!(ok, "{by:?} {direction:?}: {pair:?}");
                }
            }
        }
    }
}
