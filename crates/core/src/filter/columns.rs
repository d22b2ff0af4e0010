//! Per-field columns laid out for scanning, built from a base's contacts and kept in step with
//! row edits: folded text and phone digits as dictionary ids, tags as lists of interned ids,
//! numbers and date-times as `i64` with a sentinel, options as `u8` codes, memberships as lists,
//! and per-group sorted member rows. It never evaluates a filter ([`super::scan`] does) and never
//! owns the contacts ([`super::IndexedBase`] does).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, DefaultHasher};

use crate::fields::{FieldId, FieldKind, FieldValue};
use crate::model::{Contact, CustomValue, GroupId, Membership};
use crate::normalize::{fold, phone_digits};

use super::compile::{Target, bool_code, option_code};
use super::interner::Interner;

/// A hash map with fixed keys: the core draws no randomness, not even for hashing.
pub(super) type FixedMap<K, V> = HashMap<K, V, BuildHasherDefault<DefaultHasher>>;

/// A hash set with fixed keys, as [`FixedMap`].
pub(super) type FixedSet<T> = HashSet<T, BuildHasherDefault<DefaultHasher>>;

/// The `i64` that stands for "no value" in number columns; a stored `i64::MIN` reads as none.
pub(super) const NO_NUMBER: i64 = i64::MIN;

/// What a phone column stores for a phone that has text but no digit: never equal to, nor
/// containing, any digit string, yet not empty.
const NO_DIGITS: &str = "-";

/// One field's values for every row, in base order.
#[derive(Debug)]
pub(super) enum Column {
    /// Folded text (text, e-mail, country) or phone digits, as dictionary ids; id 0 is no value.
    Strings(StringColumn),
    /// Each row's folded tags as interned ids.
    Tags(TagColumn),
    /// Money in minor units, date-times in ms, whole numbers, offsets in half hours.
    Numbers(Vec<i64>),
    /// Option codes (see [`option_code`]); 0 is no value.
    Codes(CodeColumn),
    /// Each row's memberships as (group, subscribed at in ms).
    Memberships(Lists<(GroupId, i64)>),
}

/// Dictionary-encoded strings, with how many rows use each dictionary entry.
#[derive(Debug)]
pub(super) struct StringColumn {
    /// The distinct strings.
    pub(super) dict: Interner,
    /// Each row's dictionary id.
    pub(super) ids: Vec<u32>,
    /// For each dictionary id, how many rows have it.
    pub(super) counts: Vec<u32>,
}

/// Tags as lists of ids into a dictionary of folded tags.
#[derive(Debug)]
pub(super) struct TagColumn {
    /// The distinct folded tags.
    pub(super) dict: Interner,
    /// Each row's tag ids.
    pub(super) lists: Lists<u32>,
}

/// Option codes with how many rows have each.
#[derive(Debug)]
pub(super) struct CodeColumn {
    /// Each row's code.
    pub(super) codes: Vec<u8>,
    /// For each code, how many rows have it.
    pub(super) counts: Vec<u32>,
}

/// A short list of items per row, all in one vector; replaced lists leave garbage that is
/// compacted once it outweighs the live items.
#[derive(Debug)]
pub(super) struct Lists<T> {
    spans: Vec<(u32, u32)>,
    items: Vec<T>,
    live: usize,
}

impl<T: Copy> Lists<T> {
    fn new() -> Self {
        Self {
            spans: Vec::new(),
            items: Vec::new(),
            live: 0,
        }
    }

    /// Row `row`'s list.
    pub(super) fn get(&self, row: u32) -> &[T] {
        let (start, len) = self.spans[row as usize];
        &self.items[start as usize..(start + len) as usize]
    }

    fn append(&mut self, list: impl IntoIterator<Item = T>) -> (u32, u32) {
        let start = self.items.len();
        self.items.extend(list);
        let len = self.items.len() - start;
        self.live += len;
        (start as u32, len as u32)
    }

    fn push(&mut self, list: impl IntoIterator<Item = T>) {
        let span = self.append(list);
        self.spans.push(span);
    }

    fn set(&mut self, row: u32, list: impl IntoIterator<Item = T>) {
        self.live -= self.spans[row as usize].1 as usize;
        self.spans[row as usize] = self.append(list);
        self.compact_if_sparse();
    }

    fn retain(&mut self, keep: &[bool]) {
        let mut rows = keep.iter();
        self.spans.retain(|_| rows.next().copied().unwrap_or(true));
        self.live = self.spans.iter().map(|s| s.1 as usize).sum();
        self.compact_if_sparse();
    }

    fn compact_if_sparse(&mut self) {
        if self.items.len() <= 2 * self.live + 1024 {
            return;
        }
        let mut items = Vec::with_capacity(self.live);
        for span in &mut self.spans {
            let (start, len) = *span;
            *span = (items.len() as u32, len);
            items.extend_from_slice(&self.items[start as usize..(start + len) as usize]);
        }
        self.items = items;
    }
}

impl StringColumn {
    fn new() -> Self {
        Self {
            dict: Interner::new(),
            ids: Vec::new(),
            counts: vec![0],
        }
    }

    fn intern(&mut self, text: &str) -> u32 {
        let id = self.dict.intern(text);
        if id as usize == self.counts.len() {
            self.counts.push(0);
        }
        self.counts[id as usize] += 1;
        id
    }

    fn push(&mut self, text: &str) {
        let id = self.intern(text);
        self.ids.push(id);
    }

    fn set(&mut self, row: u32, text: &str) {
        self.counts[self.ids[row as usize] as usize] -= 1;
        self.ids[row as usize] = self.intern(text);
        if self.dict.len() > 2 * self.ids.len() + 1024 {
            self.rebuild();
        }
    }

    fn retain(&mut self, keep: &[bool]) {
        let mut rows = keep.iter();
        let counts = &mut self.counts;
        self.ids.retain(|&id| {
            let kept = rows.next().copied().unwrap_or(true);
            if !kept {
                counts[id as usize] -= 1;
            }
            kept
        });
    }

    /// Drops dictionary entries no row uses any more.
    fn rebuild(&mut self) {
        let old = std::mem::replace(self, Self::new());
        for &id in &old.ids {
            self.push(old.dict.get(id));
        }
    }
}

impl TagColumn {
    fn push(&mut self, tags: &[String]) {
        let ids = self.intern(tags);
        self.lists.push(ids);
    }

    fn set(&mut self, row: u32, tags: &[String]) {
        let ids = self.intern(tags);
        self.lists.set(row, ids);
        if self.dict.len() > 2 * self.lists.live + 1024 {
            let old = std::mem::replace(
                self,
                Self {
                    dict: Interner::new(),
                    lists: Lists::new(),
                },
            );
            for row in 0..old.lists.spans.len() as u32 {
                let tags: Vec<String> = old
                    .lists
                    .get(row)
                    .iter()
                    .map(|&id| old.dict.get(id).to_owned())
                    .collect();
                self.push(&tags);
            }
        }
    }

    fn intern(&mut self, tags: &[String]) -> Vec<u32> {
        let mut ids: Vec<u32> = tags
            .iter()
            .map(|t| fold(t))
            .filter(|t| !t.is_empty())
            .map(|t| self.dict.intern(&t))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

impl CodeColumn {
    fn push(&mut self, code: u8) {
        self.codes.push(code);
        self.counts[code as usize] += 1;
    }

    fn set(&mut self, row: u32, code: u8) {
        let old = std::mem::replace(&mut self.codes[row as usize], code);
        self.counts[old as usize] -= 1;
        self.counts[code as usize] += 1;
    }

    fn retain(&mut self, keep: &[bool]) {
        let mut rows = keep.iter();
        let counts = &mut self.counts;
        self.codes.retain(|&code| {
            let kept = rows.next().copied().unwrap_or(true);
            if !kept {
                counts[code as usize] -= 1;
            }
            kept
        });
    }
}

/// How a field's values are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Text,
    Phone,
    Tags,
    Number,
    Code,
    Memberships,
}

fn shape(kind: FieldKind) -> Shape {
    match kind {
        FieldKind::Text | FieldKind::Email | FieldKind::Country => Shape::Text,
        FieldKind::Phone => Shape::Phone,
        FieldKind::Tags => Shape::Tags,
        FieldKind::Money | FieldKind::Date | FieldKind::Integer | FieldKind::UtcOffset => {
            Shape::Number
        }
        FieldKind::Bool
        | FieldKind::EmailStatus
        | FieldKind::ChannelStatus
        | FieldKind::Source
        | FieldKind::Consent => Shape::Code,
        FieldKind::SubscriptionDate => Shape::Memberships,
    }
}

/// A field's value in one contact, as a column stores it.
enum Cell<'a> {
    Text(String),
    Tags(&'a [String]),
    Number(Option<i64>),
    Code(u8),
    Memberships(&'a [Membership]),
    /// A custom field without a value.
    None,
}

/// Reads `target` from `contact` in the form its column stores.
fn cell<'a>(contact: &'a Contact, target: &Target) -> Cell<'a> {
    match target {
        Target::Builtin(FieldId::Phone) => Cell::Text(phone_cell(contact)),
        Target::Builtin(id) => builtin_cell(contact.get(*id)),
        Target::Custom { key, .. } => match contact.custom.get(key) {
            Some(CustomValue::Text(text)) => Cell::Text(fold(text)),
            Some(CustomValue::Integer(n)) => Cell::Number(Some(*n)),
            Some(CustomValue::Date(at)) => Cell::Number(Some(at.0)),
            Some(CustomValue::Bool(b)) => Cell::Code(bool_code(Some(*b))),
            None => Cell::None,
        },
    }
}

fn builtin_cell(value: FieldValue<'_>) -> Cell<'_> {
    match value {
        FieldValue::Text(text) => Cell::Text(fold(text)),
        FieldValue::Money(money) => Cell::Number(money.map(|m| m.minor)),
        FieldValue::Date(at) => Cell::Number(at.map(|t| t.0)),
        FieldValue::Integer(n) => Cell::Number(n),
        FieldValue::Bool(b) => Cell::Code(bool_code(b)),
        FieldValue::UtcOffset(offset) => Cell::Number(offset.map(|o| i64::from(o.half_hours()))),
        FieldValue::Tags(tags) => Cell::Tags(tags),
        FieldValue::EmailStatus(status) => Cell::Code(option_code(Some(status))),
        FieldValue::ChannelStatus(status) => Cell::Code(option_code(Some(status))),
        FieldValue::Source(source) => Cell::Code(option_code(Some(source))),
        FieldValue::Consent(consent) => Cell::Code(option_code(consent.map(|c| c.source))),
        FieldValue::Memberships(memberships) => Cell::Memberships(memberships),
    }
}

/// The digits a contact's phone is compared on: its stored E.164 form's when it has one.
fn phone_cell(contact: &Contact) -> String {
    let digits = if contact.phone_e164.is_empty() {
        phone_digits(&contact.phone)
    } else {
        phone_digits(&contact.phone_e164)
    };
    if digits.is_empty() && !contact.phone.trim().is_empty() {
        return NO_DIGITS.to_owned();
    }
    digits
}

impl Column {
    /// The column of `target`, of type `kind`, over `contacts`.
    pub(super) fn build(contacts: &[Contact], target: &Target, kind: FieldKind) -> Self {
        let mut column = match shape(kind) {
            Shape::Text | Shape::Phone => Self::Strings(StringColumn::new()),
            Shape::Tags => Self::Tags(TagColumn {
                dict: Interner::new(),
                lists: Lists::new(),
            }),
            Shape::Number => Self::Numbers(Vec::with_capacity(contacts.len())),
            Shape::Code => Self::Codes(CodeColumn {
                codes: Vec::new(),
                counts: vec![0; 256],
            }),
            Shape::Memberships => Self::Memberships(Lists::new()),
        };
        for contact in contacts {
            column.push(contact, target);
        }
        column
    }

    /// Appends `contact` as a new last row.
    pub(super) fn push(&mut self, contact: &Contact, target: &Target) {
        match (self, cell(contact, target)) {
            (Self::Strings(c), Cell::Text(text)) => c.push(&text),
            (Self::Tags(c), Cell::Tags(tags)) => c.push(tags),
            (Self::Numbers(c), Cell::Number(n)) => c.push(number(n)),
            (Self::Codes(c), Cell::Code(code)) => c.push(code),
            (Self::Memberships(c), Cell::Memberships(ms)) => c.push(membership_items(ms)),
            (column, _) => column.push_none(),
        }
    }

    /// Replaces row `row` with `contact`.
    pub(super) fn set(&mut self, row: u32, contact: &Contact, target: &Target) {
        match (self, cell(contact, target)) {
            (Self::Strings(c), Cell::Text(text)) => c.set(row, &text),
            (Self::Tags(c), Cell::Tags(tags)) => c.set(row, tags),
            (Self::Numbers(c), Cell::Number(n)) => c[row as usize] = number(n),
            (Self::Codes(c), Cell::Code(code)) => c.set(row, code),
            (Self::Memberships(c), Cell::Memberships(ms)) => c.set(row, membership_items(ms)),
            (column, _) => column.set_none(row),
        }
    }

    /// Keeps the rows whose `keep` entry is true (rows past its end are kept).
    pub(super) fn retain(&mut self, keep: &[bool]) {
        match self {
            Self::Strings(c) => c.retain(keep),
            Self::Tags(c) => c.lists.retain(keep),
            Self::Numbers(c) => {
                let mut rows = keep.iter();
                c.retain(|_| rows.next().copied().unwrap_or(true));
            }
            Self::Codes(c) => c.retain(keep),
            Self::Memberships(c) => c.retain(keep),
        }
    }

    /// Appends a row without a value: no custom value, or one whose type does not fit the field's.
    fn push_none(&mut self) {
        match self {
            Self::Strings(c) => c.push(""),
            Self::Tags(c) => c.lists.push([]),
            Self::Numbers(c) => c.push(NO_NUMBER),
            Self::Codes(c) => c.push(0),
            Self::Memberships(c) => c.push([]),
        }
    }

    fn set_none(&mut self, row: u32) {
        match self {
            Self::Strings(c) => c.set(row, ""),
            Self::Tags(c) => c.lists.set(row, []),
            Self::Numbers(c) => c[row as usize] = NO_NUMBER,
            Self::Codes(c) => c.set(row, 0),
            Self::Memberships(c) => c.set(row, []),
        }
    }
}

fn number(value: Option<i64>) -> i64 {
    value.unwrap_or(NO_NUMBER)
}

fn membership_items(memberships: &[Membership]) -> impl Iterator<Item = (GroupId, i64)> + '_ {
    memberships.iter().map(|m| (m.group, m.subscribed_at.0))
}

/// Each group's member rows, sorted, whatever the membership's status.
#[derive(Debug, Default)]
pub(super) struct GroupMembers {
    rows: FixedMap<GroupId, Vec<u32>>,
}

impl GroupMembers {
    /// The member lists of `contacts`' groups.
    pub(super) fn build(contacts: &[Contact]) -> Self {
        let mut members = Self::default();
        for (row, contact) in contacts.iter().enumerate() {
            members.add(row as u32, contact);
        }
        members
    }

    /// The rows of `group`'s members, sorted.
    pub(super) fn of(&self, group: GroupId) -> &[u32] {
        self.rows.get(&group).map_or(&[], Vec::as_slice)
    }

    /// Adds row `row` (at or past every row held) to `contact`'s groups.
    pub(super) fn add(&mut self, row: u32, contact: &Contact) {
        for m in &contact.memberships {
            let rows = self.rows.entry(m.group).or_default();
            if rows.last() != Some(&row) {
                rows.push(row);
            }
        }
    }

    /// Moves row `row` from the groups in `old` to those of `contact`.
    pub(super) fn update(&mut self, row: u32, old: &[GroupId], contact: &Contact) {
        for group in old {
            if let Some(rows) = self.rows.get_mut(group)
                && let Ok(i) = rows.binary_search(&row)
            {
                rows.remove(i);
            }
        }
        for m in &contact.memberships {
            let rows = self.rows.entry(m.group).or_default();
            if let Err(i) = rows.binary_search(&row) {
                rows.insert(i, row);
            }
        }
    }

    /// Keeps the rows whose `keep` entry is true and renumbers them.
    pub(super) fn retain(&mut self, keep: &[bool]) {
        let mut renumbered = Vec::with_capacity(keep.len());
        let mut next = 0u32;
        for &kept in keep {
            renumbered.push(kept.then_some(next));
            next += u32::from(kept);
        }
        for rows in self.rows.values_mut() {
            rows.retain_mut(
                |row| match renumbered.get(*row as usize).copied().flatten() {
                    Some(new) => {
                        *row = new;
                        true
                    }
                    None => false,
                },
            );
        }
    }
}
