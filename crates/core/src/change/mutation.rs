//! Mutations: [`Op`] (what changes), [`Mutation`] (an op stamped with its id and [`Hlc`]),
//! [`Stamper`] (issues those stamps) and [`Changes`] (the records an op wrote, for storage).
//!
//! Applying an op to an [`IndexedBase`] is the one place its meaning is defined; the browser
//! storage only writes the [`Changes`] it returns. Nothing here reads a clock or does IO.

use serde::{Deserialize, Serialize};

use std::collections::{BTreeMap, BTreeSet};

use super::edit::{self, ErasureHash, FieldSet};
use super::hlc::{ClientId, Hlc, HlcClock};
use crate::fields::FieldRef;
use crate::filter::IndexedBase;
use crate::model::{
    Base, Category, CategoryId, Contact, ContactId, CustomFieldDef, EmailStatus, Group, GroupId,
    HistoryEvent, HistoryKind, Membership, MembershipStatus, Timestamp,
};

/// Identifies a mutation: its client and that client's sequence number, which starts at 1 and
/// only grows (a write that failed may leave a gap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MutationId {
    /// The client that made it.
    pub client: ClientId,
    /// Its place among that client's mutations.
    pub seq: u64,
}

/// One change to an account's base, as it is recorded in the outbox and sent to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mutation {
    /// Its id.
    pub id: MutationId,
    /// When it was made, by its client's clock.
    pub hlc: Hlc,
    /// What it changes.
    pub op: Op,
}

impl Mutation {
    /// Applies the op to `base` at the wall time of its HLC; see [`Op::apply`].
    pub fn apply(&self, base: &mut IndexedBase) -> Changes {
        self.op.apply(base, Timestamp(self.hlc.wall_ms()))
    }
}

/// What a mutation changes. Each variant names its target and carries the values it sets.
///
/// Binary encodings (the browser's outbox) record the variant by its position: add new variants
/// at the end and never reorder or remove one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Creates these categories, or replaces those whose id exists.
    PutCategories(Vec<Category>),
    /// Creates these groups, or replaces those whose id exists.
    PutGroups(Vec<Group>),
    /// Creates these custom field definitions, or replaces those whose key exists.
    PutCustomFields(Vec<CustomFieldDef>),
    /// Creates these contacts whole; one whose id exists is replaced (so a repeated op changes
    /// nothing more).
    CreateContacts(Vec<Contact>),
    /// Sets these fields of these contacts (the card's edit, the bulk «Редактировать»); history
    /// records each field whose shown value changed. A value whose kind does not fit its field
    /// is skipped; ids with no contact are skipped.
    SetFields {
        /// The contacts.
        contacts: Vec<ContactId>,
        /// The fields and their new values, applied in order.
        fields: Vec<FieldSet>,
    },
    /// Adds these contacts to `group`, subscribed at `subscribed_at` and active; a contact
    /// already in the group keeps its membership (subscription date and status) as it is.
    AddToGroup {
        /// The contacts.
        contacts: Vec<ContactId>,
        /// The group.
        group: GroupId,
        /// The new members' subscription date.
        subscribed_at: Timestamp,
    },
    /// Takes these contacts out of these groups.
    RemoveFromGroups {
        /// The contacts.
        contacts: Vec<ContactId>,
        /// The groups they leave.
        groups: Vec<GroupId>,
    },
    /// Deletes these contacts.
    DeleteContacts(Vec<ContactId>),
    /// Erases the personal data of these contacts (152-FZ / GDPR), which cannot be undone: each
    /// keeps only its id, status «не существует» and one [`HistoryKind::Erased`] event at the
    /// time of erasure with its [`ErasureHash`]. Build it with [`Op::erase`].
    EraseContacts(Vec<ErasureHash>),
    /// The undo: puts these contacts back whole as they were (recreating deleted ones where id
    /// order puts them) and removes those of `removed`. Build it with [`Op::inverse`].
    Restore {
        /// Contacts to put back whole.
        contacts: Vec<Contact>,
        /// Contacts to remove (ones the undone op created).
        removed: Vec<ContactId>,
    },
    /// Deletes these groups; their members leave them (history records it).
    DeleteGroups(Vec<GroupId>),
    /// Deletes these categories together with their groups, whose members leave them.
    DeleteCategories(Vec<CategoryId>),
}

impl Op {
    /// The op that erases the contacts of `base` with these ids, hashing their e-mail and phone
    /// under `key` (the account's secret; the core makes none). Ids with no contact are left out.
    pub fn erase(base: &IndexedBase, ids: &[ContactId], key: &[u8]) -> Op {
        Op::EraseContacts(
            unique(ids)
                .filter_map(|id| base.contact(id))
                .map(|c| ErasureHash::of(c, key))
                .collect(),
        )
    }

    /// The op that undoes this one when applied right after it to the base it saw before,
    /// `before`: it restores exactly the previous contacts (values, memberships with their
    /// subscription dates, history) and recreates deleted ones. `None` for an erasure, which
    /// cannot be undone, and for the ops that write or delete categories, groups and custom
    /// fields, which have no undo yet.
    pub fn inverse(&self, before: &IndexedBase) -> Option<Op> {
        let ids: Vec<ContactId> = match self {
            Op::PutCategories(_)
            | Op::PutGroups(_)
            | Op::PutCustomFields(_)
            | Op::DeleteGroups(_)
            | Op::DeleteCategories(_)
            | Op::EraseContacts(_) => return None,
            Op::CreateContacts(contacts) => contacts.iter().map(|c| c.id).collect(),
            Op::SetFields { contacts, .. }
            | Op::AddToGroup { contacts, .. }
            | Op::RemoveFromGroups { contacts, .. }
            | Op::DeleteContacts(contacts) => contacts.clone(),
            Op::Restore { contacts, removed } => contacts
                .iter()
                .map(|c| c.id)
                .chain(removed.iter().copied())
                .collect(),
        };
        let mut contacts = Vec::new();
        let mut removed = Vec::new();
        for id in unique(&ids) {
            match before.contact(id) {
                Some(contact) => contacts.push(contact.clone()),
                None => removed.push(id),
            }
        }
        if let Op::Restore { removed: gone, .. } = self {
            let gone: BTreeSet<ContactId> = gone.iter().copied().collect();
            removed.retain(|id| !gone.contains(id));
        }
        Some(Op::Restore { contacts, removed })
    }

    /// Applies this op to `base` at wall time `now` (the mutation's HLC wall time; it dates
    /// history events and erasure) and gives back the records it wrote.
    ///
    /// Categories and groups stay in id order and custom fields in key order — the order in
    /// which storage loads them; new contacts go after the others.
    pub fn apply(&self, base: &mut IndexedBase, now: Timestamp) -> Changes {
        match self {
            Op::PutCategories(categories) => {
                let mut all = base.base().categories.clone();
                upsert_sorted(&mut all, categories, |c| c.id);
                let groups = base.base().groups.clone();
                base.set_groups(all, groups);
                Changes {
                    categories: categories.clone(),
                    ..Changes::default()
                }
            }
            Op::PutGroups(groups) => {
                let mut all = base.base().groups.clone();
                upsert_sorted(&mut all, groups, |g| g.id);
                let categories = base.base().categories.clone();
                base.set_groups(categories, all);
                Changes {
                    groups: groups.clone(),
                    ..Changes::default()
                }
            }
            Op::PutCustomFields(defs) => {
                let mut all = base.base().custom_fields.clone();
                upsert_sorted(&mut all, defs, |d| d.key.clone());
                base.set_custom_fields(all);
                Changes {
                    custom_fields: defs.clone(),
                    ..Changes::default()
                }
            }
            Op::CreateContacts(contacts) => {
                for contact in contacts {
                    base.upsert_contact(contact.clone());
                }
                Changes {
                    contacts: contacts.clone(),
                    ..Changes::default()
                }
            }
            Op::SetFields { contacts, fields } => edit_each(base, contacts, |c| {
                for set in fields {
                    let old = edit::display(c, &set.field);
                    if edit::write(c, &set.field, &set.value) {
                        let new = edit::display(c, &set.field);
                        if new != old {
                            let field = match &set.field {
                                FieldRef::Builtin(id) => id.def().key.to_owned(),
                                FieldRef::Custom(key) => key.clone(),
                            };
                            c.history.push(HistoryEvent {
                                at: now,
                                kind: HistoryKind::FieldChanged { field, old, new },
                            });
                        }
                    }
                }
            }),
            Op::AddToGroup {
                contacts,
                group,
                subscribed_at,
            } => edit_each(base, contacts, |c| {
                if c.memberships.iter().all(|m| m.group != *group) {
                    c.memberships.push(Membership {
                        group: *group,
                        subscribed_at: *subscribed_at,
                        status: MembershipStatus::Active,
                    });
                    c.history.push(HistoryEvent {
                        at: now,
                        kind: HistoryKind::GroupJoined { group: *group },
                    });
                }
            }),
            Op::RemoveFromGroups { contacts, groups } => edit_each(base, contacts, |c| {
                let mut left = Vec::new();
                c.memberships.retain(|m| {
                    let leaves = groups.contains(&m.group);
                    if leaves {
                        left.push(m.group);
                    }
                    !leaves
                });
                c.history.extend(left.into_iter().map(|group| HistoryEvent {
                    at: now,
                    kind: HistoryKind::GroupLeft { group },
                }));
            }),
            Op::DeleteContacts(ids) => Changes {
                removed_contacts: base.remove_contacts(ids).iter().map(|c| c.id).collect(),
                ..Changes::default()
            },
            Op::EraseContacts(hashes) => {
                let mut changed = Vec::new();
                for hash in hashes {
                    let erased = Contact {
                        id: hash.id,
                        status: EmailStatus::DoesNotExist,
                        history: vec![HistoryEvent {
                            at: now,
                            kind: HistoryKind::Erased {
                                email_hash: hash.email,
                                phone_hash: hash.phone,
                            },
                        }],
                        ..Contact::default()
                    };
                    if base.contact(hash.id).is_some() {
                        base.upsert_contact(erased.clone());
                        changed.push(erased);
                    }
                }
                Changes {
                    contacts: changed,
                    ..Changes::default()
                }
            }
            Op::Restore { contacts, removed } => {
                let removed_contacts = base.remove_contacts(removed).iter().map(|c| c.id).collect();
                if contacts.iter().all(|c| base.contact(c.id).is_some()) {
                    for contact in contacts {
                        base.upsert_contact(contact.clone());
                    }
                } else {
                    let taken = std::mem::replace(base, IndexedBase::new(Base::default()));
                    let mut whole = taken.into_base();
                    whole.contacts = put_in_id_order(std::mem::take(&mut whole.contacts), contacts);
                    *base = IndexedBase::new(whole);
                }
                Changes {
                    contacts: contacts.clone(),
                    removed_contacts,
                    ..Changes::default()
                }
            }
            Op::DeleteGroups(groups) => delete_groups(base, groups, Vec::new(), now),
            Op::DeleteCategories(categories) => {
                let groups = base
                    .base()
                    .groups
                    .iter()
                    .filter(|g| categories.contains(&g.category))
                    .map(|g| g.id)
                    .collect::<Vec<_>>();
                delete_groups(base, &groups, categories.clone(), now)
            }
        }
    }
}

/// Deletes `categories` and `groups` from `base`, taking every member out of those groups.
fn delete_groups(
    base: &mut IndexedBase,
    groups: &[GroupId],
    categories: Vec<CategoryId>,
    now: Timestamp,
) -> Changes {
    let members: Vec<ContactId> = base
        .base()
        .contacts
        .iter()
        .filter(|c| c.memberships.iter().any(|m| groups.contains(&m.group)))
        .map(|c| c.id)
        .collect();
    let mut changes = Op::RemoveFromGroups {
        contacts: members,
        groups: groups.to_vec(),
    }
    .apply(base, now);
    let all_categories = base
        .base()
        .categories
        .iter()
        .filter(|c| !categories.contains(&c.id))
        .cloned()
        .collect();
    let all_groups = base
        .base()
        .groups
        .iter()
        .filter(|g| !groups.contains(&g.id))
        .cloned()
        .collect();
    base.set_groups(all_categories, all_groups);
    changes.removed_groups = groups.to_vec();
    changes.removed_categories = categories;
    changes
}

/// Each id of `ids` once, in first-seen order.
fn unique(ids: &[ContactId]) -> impl Iterator<Item = ContactId> + '_ {
    let mut seen = BTreeSet::new();
    ids.iter().copied().filter(move |id| seen.insert(*id))
}

/// Edits each existing contact of `ids` (once) with `edit` and reports them whole.
fn edit_each(
    base: &mut IndexedBase,
    ids: &[ContactId],
    mut edit: impl FnMut(&mut Contact),
) -> Changes {
    let mut changed = Vec::new();
    for id in unique(ids) {
        if let Some(contact) = base.update_contact(id, |c| {
            edit(c);
            c.clone()
        }) {
            changed.push(contact);
        }
    }
    Changes {
        contacts: changed,
        ..Changes::default()
    }
}

/// `contacts` with each of `put` in place of the contact with its id, and the others of `put`
/// inserted where id order puts them (before the first contact with a greater id); a later one of
/// `put` wins over an earlier one with the same id. Linear apart from sorting `put`.
fn put_in_id_order(contacts: Vec<Contact>, put: &[Contact]) -> Vec<Contact> {
    let mut put: BTreeMap<ContactId, &Contact> = put.iter().map(|c| (c.id, c)).collect();
    let contacts: Vec<Contact> = contacts
        .into_iter()
        .map(|c| put.remove(&c.id).cloned().unwrap_or(c))
        .collect();
    let mut missing = put.into_values().peekable();
    let mut merged = Vec::with_capacity(contacts.len() + missing.len());
    for contact in contacts {
        while let Some(new) = missing.next_if(|m| m.id < contact.id) {
            merged.push(new.clone());
        }
        merged.push(contact);
    }
    merged.extend(missing.cloned());
    merged
}

/// Replaces the item of `list` with each new item's key, or inserts it where the key order puts
/// it; a later item of `items` wins over an earlier one with the same key.
fn upsert_sorted<T: Clone, K: Ord>(list: &mut Vec<T>, items: &[T], key: impl Fn(&T) -> K) {
    for item in items {
        let k = key(item);
        match list.iter().position(|x| key(x) == k) {
            Some(at) => list[at] = item.clone(),
            None => {
                let at = list.partition_point(|x| key(x) < k);
                list.insert(at, item.clone());
            }
        }
    }
}

/// The records an op wrote, as they are after it: storage puts exactly these (each by its key)
/// in the transaction that records the mutation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// Categories created or replaced.
    pub categories: Vec<Category>,
    /// Groups created or replaced.
    pub groups: Vec<Group>,
    /// Custom field definitions created or replaced.
    pub custom_fields: Vec<CustomFieldDef>,
    /// Contacts created or replaced, whole (memberships live inside the contact).
    pub contacts: Vec<Contact>,
    /// Contacts deleted.
    pub removed_contacts: Vec<ContactId>,
    /// Groups deleted.
    pub removed_groups: Vec<GroupId>,
    /// Categories deleted.
    pub removed_categories: Vec<CategoryId>,
}

impl Changes {
    /// The records of this op followed by those of `later` (an op applied after it): each
    /// record appears once, as `later` left it, so one transaction can write both.
    pub fn then(mut self, later: Changes) -> Changes {
        replace_by_key(&mut self.categories, later.categories, |c| c.id);
        replace_by_key(&mut self.groups, later.groups, |g| g.id);
        replace_by_key(&mut self.custom_fields, later.custom_fields, |d| {
            d.key.clone()
        });
        let removed: BTreeSet<ContactId> = later.removed_contacts.iter().copied().collect();
        self.contacts.retain(|c| !removed.contains(&c.id));
        let put: BTreeSet<ContactId> = later.contacts.iter().map(|c| c.id).collect();
        self.removed_contacts.retain(|id| !put.contains(id));
        replace_by_key(&mut self.contacts, later.contacts, |c| c.id);
        self.removed_contacts.extend(later.removed_contacts);
        let removed_groups: BTreeSet<GroupId> = later.removed_groups.iter().copied().collect();
        self.groups.retain(|g| !removed_groups.contains(&g.id));
        self.removed_groups.extend(later.removed_groups);
        let removed_categories: BTreeSet<CategoryId> =
            later.removed_categories.iter().copied().collect();
        self.categories
            .retain(|c| !removed_categories.contains(&c.id));
        self.removed_categories.extend(later.removed_categories);
        self
    }
}

/// Appends `later` to `records`, dropping the earlier record of any key `later` holds.
fn replace_by_key<T, K: Ord>(records: &mut Vec<T>, later: Vec<T>, key: impl Fn(&T) -> K) {
    let keys: BTreeSet<K> = later.iter().map(&key).collect();
    records.retain(|r| !keys.contains(&key(r)));
    records.extend(later);
}

/// Stamps ops into [`Mutation`]s for one client: the next sequence number and a tick of its
/// [`HlcClock`].
///
/// Its state is the last mutation id and HLC it issued; storage keeps both with every mutation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamper {
    clock: HlcClock,
    last_seq: u64,
}

impl Stamper {
    /// A stamper of `client` that has issued nothing.
    pub fn new(client: ClientId) -> Self {
        Self {
            clock: HlcClock::new(client),
            last_seq: 0,
        }
    }

    /// The stamper of `client` resumed after it issued `last_seq` at `last_hlc`.
    pub fn resume(client: ClientId, last_hlc: Hlc, last_seq: u64) -> Self {
        Self {
            clock: HlcClock::resume(client, last_hlc),
            last_seq,
        }
    }

    /// Its client.
    pub fn client(&self) -> ClientId {
        self.clock.client()
    }

    /// The HLC of the last mutation it issued (or the last remote timestamp it observed).
    pub fn last_hlc(&self) -> Hlc {
        self.clock.last()
    }

    /// The sequence number of the last mutation it issued, 0 before the first.
    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    /// Moves its state forward to a state saved elsewhere for the same client (another tab of
    /// the same browser), so that it never issues an id or HLC again; a state behind its own
    /// changes nothing.
    pub fn catch_up(&mut self, last_hlc: Hlc, last_seq: u64) {
        if last_hlc > self.clock.last() {
            self.clock = HlcClock::resume(self.client(), last_hlc);
        }
        self.last_seq = self.last_seq.max(last_seq);
    }

    /// Stamps `op`, made at wall time `now_ms`, with the next id and a new HLC.
    pub fn stamp(&mut self, op: Op, now_ms: i64) -> Mutation {
        self.last_seq += 1;
        Mutation {
            id: MutationId {
                client: self.client(),
                seq: self.last_seq,
            },
            hlc: self.clock.tick(now_ms),
            op,
        }
    }
}
