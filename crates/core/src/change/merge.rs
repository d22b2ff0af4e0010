//! The sync merge: a [`Replica`] takes in [`Mutation`]s in any order, any number of times, and
//! always ends in the same base — the one rule every device and the sync server share.
//!
//! A replica keeps, instead of the base itself, registers whose value depends only on the *set*
//! of mutations it has seen (a state-based CRDT), and renders the base from them:
//! - per contact, whether it exists — the create/restore or delete with the greatest [`Hlc`];
//! - per contact, the latest whole record (create or undo) and, per field, the latest
//!   [`Op::SetFields`] write newer than it: each field is last-writer-wins by HLC, so concurrent
//!   edits of different fields both survive and of one field the later one wins;
//! - per contact and group, the latest removal and the adds after it: a contact is in the group
//!   when an add is newer than every removal (its own, the group's deletion, its category's), and
//!   keeps the subscription date of the first such add — what [`Op::apply`] does in HLC order;
//! - categories, groups and custom field definitions: last-writer-wins per id;
//! - erasure: permanent. The first erasure of a contact wins over every edit, concurrent or
//!   later; the replica drops everything else it held about the contact and ignores every later
//!   mutation of it. What remains is [`Op::EraseContacts`]' record: id, status «не существует»
//!   and one erased event.
//!
//! History is rendered too: the whole record's history, then one «field changed» event per
//! field write that wins, in HLC order. Intermediate edits overwritten by a later one of the same
//! field are not kept, so every replica shows the same history.
//!
//! Pure: no IO, no clock. Mutation HLCs are the only time it reads.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::edit::{self, ErasureHash, FieldSet, NewValue};
use super::hlc::Hlc;
use super::mutation::{Mutation, Op};
use crate::fields::{FieldId, FieldRef};
use crate::model::{
    Base, Category, CategoryId, Contact, ContactId, CustomFieldDef, EmailStatus, Group, GroupId,
    HistoryEvent, HistoryKind, Membership, MembershipStatus, Timestamp,
};

/// A merged copy of one account's base; see the module documentation.
///
/// Serialisable (the server keeps one as its snapshot); its JSON form is not meant to be read by
/// anything but another [`Replica`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replica {
    contacts: BTreeMap<ContactId, Record>,
    categories: BTreeMap<CategoryId, Register<Category>>,
    groups: BTreeMap<GroupId, Register<Group>>,
    custom_fields: BTreeMap<String, Register<CustomFieldDef>>,
    /// The latest deletion of each group: memberships older than it are gone.
    groups_cleared: BTreeMap<GroupId, Hlc>,
    /// The latest deletion of each category: its groups' memberships older than it are gone.
    categories_cleared: BTreeMap<CategoryId, Hlc>,
}

/// A last-writer-wins value; `None` is a deletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Register<T> {
    hlc: Hlc,
    value: Option<T>,
}

/// What a replica knows of one contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Record {
    /// Set once it is erased; then nothing else is kept.
    erased: Option<Erasure>,
    /// The latest create/restore (`true`) or delete (`false`).
    alive: Option<(Hlc, bool)>,
    /// The latest whole record (create or undo).
    whole: Option<(Hlc, Contact)>,
    /// Per field (by [`field_key`]), the latest write newer than `whole`.
    fields: BTreeMap<String, FieldWrite>,
    /// Per group, removals and adds.
    groups: BTreeMap<GroupId, MemberRegister>,
}

/// The erasure that won: the earliest one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Erasure {
    hlc: Hlc,
    email_hash: Option<[u8; 32]>,
    phone_hash: Option<[u8; 32]>,
}

/// One field write of an [`Op::SetFields`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FieldWrite {
    hlc: Hlc,
    set: FieldSet,
}

/// One contact's membership of one group: its latest removal and the adds after it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct MemberRegister {
    removed: Option<Hlc>,
    adds: BTreeMap<Hlc, (Timestamp, MembershipStatus)>,
}

/// What one mutation changed in a replica, so a caller can refresh just that.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// Contacts whose rendered record may have changed (read them with [`Replica::contact`]).
    pub contacts: BTreeSet<ContactId>,
    /// Whether categories, groups or custom field definitions may have changed (and with a
    /// deleted group, every member's memberships).
    pub catalogue: bool,
}

/// The key of a field's register: the catalogue key, or `custom:` and the custom field's key.
fn field_key(field: &FieldRef) -> String {
    match field {
        FieldRef::Builtin(id) => id.def().key.to_owned(),
        FieldRef::Custom(key) => format!("custom:{key}"),
    }
}

/// Replaces `slot` with `(hlc, value)` when `hlc` is at least its time (so the later of two
/// values in one mutation wins, and applying a mutation again changes nothing).
fn lww<T>(slot: &mut Option<(Hlc, T)>, hlc: Hlc, value: T) -> bool {
    if slot.as_ref().is_none_or(|(at, _)| hlc >= *at) {
        *slot = Some((hlc, value));
        true
    } else {
        false
    }
}

/// [`lww`] for the catalogue registers.
fn put<K: Ord, T>(map: &mut BTreeMap<K, Register<T>>, key: K, hlc: Hlc, value: Option<T>) {
    let slot = map.entry(key).or_insert(Register { hlc, value: None });
    if hlc >= slot.hlc {
        *slot = Register { hlc, value };
    }
}

impl Replica {
    /// An empty replica.
    pub fn new() -> Self {
        Self::default()
    }

    /// A replica holding `base` as if one mutation at `hlc` had created all of it (how a device
    /// that worked before sync starts).
    pub fn from_base(base: &Base, hlc: Hlc) -> Self {
        let mut replica = Self::new();
        for op in [
            Op::PutCategories(base.categories.clone()),
            Op::PutGroups(base.groups.clone()),
            Op::PutCustomFields(base.custom_fields.clone()),
            Op::CreateContacts(base.contacts.clone()),
        ] {
            replica.apply_op(&op, hlc);
        }
        replica
    }

    /// Takes in `mutation`. Applying a mutation again, or mutations in another order, ends in the
    /// same replica.
    pub fn apply(&mut self, mutation: &Mutation) -> Touched {
        self.apply_op(&mutation.op, mutation.hlc)
    }

    /// Takes in `op` made at `hlc`.
    fn apply_op(&mut self, op: &Op, hlc: Hlc) -> Touched {
        let mut touched = Touched::default();
        match op {
            Op::PutCategories(categories) => {
                for c in categories {
                    put(&mut self.categories, c.id, hlc, Some(c.clone()));
                }
                touched.catalogue = true;
            }
            Op::PutGroups(groups) => {
                for g in groups {
                    put(&mut self.groups, g.id, hlc, Some(g.clone()));
                }
                touched.catalogue = true;
            }
            Op::PutCustomFields(defs) => {
                for d in defs {
                    put(&mut self.custom_fields, d.key.clone(), hlc, Some(d.clone()));
                }
                touched.catalogue = true;
            }
            Op::DeleteGroups(groups) => {
                for &g in groups {
                    put(&mut self.groups, g, hlc, None);
                    raise(&mut self.groups_cleared, g, hlc);
                }
                self.touch_all(&mut touched);
            }
            Op::DeleteCategories(categories) => {
                for &c in categories {
                    put(&mut self.categories, c, hlc, None);
                    raise(&mut self.categories_cleared, c, hlc);
                }
                self.touch_all(&mut touched);
            }
            Op::CreateContacts(contacts) | Op::Restore { contacts, .. } => {
                for contact in contacts {
                    if let Some(record) = self.live_record(contact.id, &mut touched) {
                        record.replace(contact, hlc);
                    }
                }
                if let Op::Restore { removed, .. } = op {
                    for &id in removed {
                        if let Some(record) = self.live_record(id, &mut touched) {
                            lww(&mut record.alive, hlc, false);
                        }
                    }
                }
            }
            Op::SetFields { contacts, fields } => {
                for &id in contacts {
                    if let Some(record) = self.live_record(id, &mut touched) {
                        record.set_fields(fields, hlc);
                    }
                }
            }
            Op::AddToGroup {
                contacts,
                group,
                subscribed_at,
            } => {
                for &id in contacts {
                    if let Some(record) = self.live_record(id, &mut touched) {
                        let member = record.groups.entry(*group).or_default();
                        if member.removed.is_none_or(|r| hlc > r) {
                            member
                                .adds
                                .insert(hlc, (*subscribed_at, MembershipStatus::Active));
                        }
                    }
                }
            }
            Op::RemoveFromGroups { contacts, groups } => {
                for &id in contacts {
                    if let Some(record) = self.live_record(id, &mut touched) {
                        for &g in groups {
                            record.groups.entry(g).or_default().remove(hlc);
                        }
                    }
                }
            }
            Op::DeleteContacts(ids) => {
                for &id in ids {
                    if let Some(record) = self.live_record(id, &mut touched) {
                        lww(&mut record.alive, hlc, false);
                    }
                }
            }
            Op::EraseContacts(hashes) => {
                for hash in hashes {
                    let record = self.contacts.entry(hash.id).or_default();
                    touched.contacts.insert(hash.id);
                    if let Some(erasure) = record.erased.as_mut().filter(|e| e.hlc <= hlc) {
                        if erasure.hlc == hlc {
                            // The same erasure again, perhaps as the server keeps it (without
                            // hashes): keep the hashes either copy has.
                            erasure.email_hash = erasure.email_hash.max(hash.email);
                            erasure.phone_hash = erasure.phone_hash.max(hash.phone);
                        }
                        continue;
                    }
                    *record = Record {
                        erased: Some(Erasure {
                            hlc,
                            email_hash: hash.email,
                            phone_hash: hash.phone,
                        }),
                        ..Record::default()
                    };
                }
            }
        }
        touched
    }

    /// The record of contact `id` for an edit, created empty if new; `None` once it is erased.
    fn live_record(&mut self, id: ContactId, touched: &mut Touched) -> Option<&mut Record> {
        touched.contacts.insert(id);
        let record = self.contacts.entry(id).or_default();
        record.erased.is_none().then_some(record)
    }

    /// Marks every contact and the catalogue as touched.
    fn touch_all(&self, touched: &mut Touched) {
        touched.catalogue = true;
        touched.contacts.extend(self.contacts.keys().copied());
    }

    /// Contact `id` as the merge renders it: `None` when it does not exist (never created,
    /// deleted, or only edited so far).
    pub fn contact(&self, id: ContactId) -> Option<Contact> {
        let record = self.contacts.get(&id)?;
        if let Some(erasure) = &record.erased {
            return Some(Contact {
                id,
                status: EmailStatus::DoesNotExist,
                history: vec![HistoryEvent {
                    at: Timestamp(erasure.hlc.wall_ms()),
                    kind: HistoryKind::Erased {
                        email_hash: erasure.email_hash,
                        phone_hash: erasure.phone_hash,
                    },
                }],
                ..Contact::default()
            });
        }
        if !matches!(record.alive, Some((_, true))) {
            return None;
        }
        Some(record.render(id, |g| self.group_cleared(g)))
    }

    /// When the memberships of group `g` were last cleared: by its deletion, or by the deletion
    /// of the category it is in.
    fn group_cleared(&self, g: GroupId) -> Option<Hlc> {
        let category = self
            .groups
            .get(&g)
            .and_then(|r| r.value.as_ref())
            .and_then(|group| self.categories_cleared.get(&group.category));
        self.groups_cleared.get(&g).max(category).copied()
    }

    /// The whole base as merged: categories and groups in id order, custom fields in key order,
    /// contacts in id order. A group whose category was deleted after the group was written is
    /// gone with it.
    pub fn to_base(&self) -> Base {
        let categories = self
            .categories
            .values()
            .filter_map(|r| r.value.clone())
            .collect();
        let groups = self
            .groups
            .values()
            .filter(|r| {
                r.value.as_ref().is_some_and(|g| {
                    self.categories_cleared
                        .get(&g.category)
                        .is_none_or(|cleared| *cleared < r.hlc)
                })
            })
            .filter_map(|r| r.value.clone())
            .collect();
        let custom_fields = self
            .custom_fields
            .values()
            .filter_map(|r| r.value.clone())
            .collect();
        let contacts = self
            .contacts
            .keys()
            .filter_map(|&id| self.contact(id))
            .collect();
        Base {
            categories,
            groups,
            custom_fields,
            contacts,
        }
    }

    /// The erased contacts and when each was erased.
    pub fn erased(&self) -> BTreeMap<ContactId, Timestamp> {
        self.contacts
            .iter()
            .filter_map(|(&id, r)| r.erased.as_ref().map(|e| (id, Timestamp(e.hlc.wall_ms()))))
            .collect()
    }
}

/// Raises `map[key]` to `hlc`.
fn raise<K: Ord>(map: &mut BTreeMap<K, Hlc>, key: K, hlc: Hlc) {
    let slot = map.entry(key).or_insert(hlc);
    *slot = (*slot).max(hlc);
}

impl Record {
    /// A create or undo at `hlc`: the contact whole, alive.
    fn replace(&mut self, contact: &Contact, hlc: Hlc) {
        lww(&mut self.alive, hlc, true);
        if lww(&mut self.whole, hlc, contact.clone()) {
            self.fields.retain(|_, w| w.hlc > hlc);
            for member in self.groups.values_mut() {
                member.adds.retain(|at, _| *at > hlc);
            }
        }
    }

    /// Field writes at `hlc`, each kept when newer than the whole record and the field's last
    /// write. A value that does not fit its field is skipped, as [`Op::apply`] skips it.
    fn set_fields(&mut self, fields: &[FieldSet], hlc: Hlc) {
        if self.whole.as_ref().is_some_and(|(at, _)| *at >= hlc) {
            return;
        }
        for set in fields {
            if !fits(&set.field, &set.value) {
                continue;
            }
            let slot = self
                .fields
                .entry(field_key(&set.field))
                .or_insert(FieldWrite {
                    hlc,
                    set: set.clone(),
                });
            if hlc >= slot.hlc {
                *slot = FieldWrite {
                    hlc,
                    set: set.clone(),
                };
            }
        }
    }

    /// The contact: the whole record, then the winning field writes in HLC order (each that
    /// changes what is shown adds a history event), then the memberships.
    fn render(&self, id: ContactId, cleared: impl Fn(GroupId) -> Option<Hlc>) -> Contact {
        let (whole_hlc, mut contact) = match &self.whole {
            Some((hlc, contact)) => (Some(*hlc), contact.clone()),
            None => (None, Contact::default()),
        };
        contact.id = id;
        let mut writes: Vec<&FieldWrite> = self.fields.values().collect();
        writes.sort_by_key(|w| w.hlc);
        for write in writes {
            let old = edit::display(&contact, &write.set.field);
            edit::write(&mut contact, &write.set.field, &write.set.value);
            let new = edit::display(&contact, &write.set.field);
            if new != old {
                let field = match &write.set.field {
                    FieldRef::Builtin(id) => id.def().key.to_owned(),
                    FieldRef::Custom(key) => key.clone(),
                };
                contact.history.push(HistoryEvent {
                    at: Timestamp(write.hlc.wall_ms()),
                    kind: HistoryKind::FieldChanged { field, old, new },
                });
            }
        }
        let mut memberships: Vec<Membership> = Vec::new();
        let mut seen = BTreeSet::new();
        // The whole record's memberships, unless removed after it.
        for m in &contact.memberships {
            let threshold = self
                .groups
                .get(&m.group)
                .and_then(|r| r.removed)
                .max(cleared(m.group));
            let kept = whole_hlc.is_some_and(|w| threshold.is_none_or(|t| w > t));
            if kept && seen.insert(m.group) {
                memberships.push(m.clone());
            }
        }
        // Then the groups joined after it, in the order of their first add.
        let mut added: Vec<(Hlc, Membership)> = Vec::new();
        for (&group, member) in &self.groups {
            if seen.contains(&group) {
                continue;
            }
            let threshold = member.removed.max(cleared(group)).max(whole_hlc);
            if let Some((&at, &(subscribed_at, status))) = member
                .adds
                .iter()
                .find(|(at, _)| threshold.is_none_or(|t| **at > t))
            {
                added.push((
                    at,
                    Membership {
                        group,
                        subscribed_at,
                        status,
                    },
                ));
            }
        }
        added.sort_by_key(|(at, _)| *at);
        memberships.extend(added.into_iter().map(|(_, m)| m));
        contact.memberships = memberships;
        contact
    }
}

impl MemberRegister {
    /// A removal at `hlc`: forgets the adds before it.
    fn remove(&mut self, hlc: Hlc) {
        if self.removed.is_none_or(|r| hlc > r) {
            self.removed = Some(hlc);
            self.adds.retain(|at, _| *at > hlc);
        }
    }
}

/// Whether `value` is of the kind `field` stores and the field is editable.
fn fits(field: &FieldRef, value: &NewValue) -> bool {
    edit::write(&mut Contact::default(), field, value)
}

/// Why a mutation cannot be accepted, whatever the state it meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidOp(pub String);

impl std::fmt::Display for InvalidOp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidOp {}

impl Op {
    /// Checks what can be checked of an op without a base: every field value fits its field
    /// (and the field is one an edit may write); a contact created or restored appears once.
    pub fn validate(&self) -> Result<(), InvalidOp> {
        match self {
            Op::SetFields { fields, .. } => {
                for set in fields {
                    if !fits(&set.field, &set.value) {
                        let name = match &set.field {
                            FieldRef::Builtin(FieldId::GroupSubscribedAt) => "memberships".into(),
                            FieldRef::Builtin(id) => id.def().key.to_owned(),
                            FieldRef::Custom(key) => format!("custom field {key}"),
                        };
                        return Err(InvalidOp(format!(
                            "set_fields: the value given for {name} does not fit that field"
                        )));
                    }
                }
                Ok(())
            }
            Op::CreateContacts(contacts) | Op::Restore { contacts, .. } => {
                let mut ids = BTreeSet::new();
                match contacts.iter().find(|c| !ids.insert(c.id)) {
                    Some(c) => Err(InvalidOp(format!(
                        "contact {} appears twice in one op",
                        c.id.0
                    ))),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }

    /// This op as the server keeps it: an erasure without the hashes of the erased person's
    /// e-mail and phone (the server keeps only who was erased, and when).
    pub fn without_erasure_hashes(&self) -> Op {
        match self {
            Op::EraseContacts(hashes) => Op::EraseContacts(
                hashes
                    .iter()
                    .map(|h| ErasureHash {
                        id: h.id,
                        email: None,
                        phone: None,
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}
