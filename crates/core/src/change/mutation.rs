//! Mutations: [`Op`] (what changes), [`Mutation`] (an op stamped with its id and [`Hlc`]),
//! [`Stamper`] (issues those stamps) and [`Changes`] (the records an op wrote, for storage).
//!
//! Applying an op to an [`IndexedBase`] is the one place its meaning is defined; the browser
//! storage only writes the [`Changes`] it returns. Nothing here reads a clock or does IO.

use serde::{Deserialize, Serialize};

use super::hlc::{ClientId, Hlc, HlcClock};
use crate::filter::IndexedBase;
use crate::model::{Category, Contact, CustomFieldDef, Group};

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
    /// Applies the op to `base`; see [`Op::apply`].
    pub fn apply(&self, base: &mut IndexedBase) -> Changes {
        self.op.apply(base)
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
}

impl Op {
    /// Applies this op to `base` and gives back the records it wrote.
    ///
    /// Categories and groups stay in id order and custom fields in key order — the order in
    /// which storage loads them; new contacts go after the others.
    pub fn apply(&self, base: &mut IndexedBase) -> Changes {
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
        }
    }
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
