//! The dry run ([`plan`]): what importing a mapped table into a base would do — create, update,
//! skip or reject each row — before anything is written, and the ops that then do it in chunks
//! ([`ImportPlan::ops_in_chunks`]) and undo it ([`ImportPlan::undo`]).
//!
//! Duplicates are matched on the e-mail (case-insensitive), then on the phone in E.164, against
//! the base and against the rows above in the file. A row whose e-mail or phone belongs to an
//! erased person is rejected. «Пропустить» leaves a duplicate as it is (and out of the target
//! groups); «Обновить» writes the row's non-blank cells that differ into the existing contact
//! and adds it to the target groups; «Создать новый» creates a contact anyway. A repeat within
//! the file is skipped unless the policy is «Создать новый».

use std::collections::{HashMap, HashSet};

use crate::change::{FieldSet, email_hash, phone_hash};
use crate::fields::FieldRef;
use crate::filter::IndexedBase;
use crate::model::{
    Base, Contact, ContactId, CustomFieldDef, CustomKind, GroupId, HistoryKind, Timestamp,
};
use crate::normalize::normalize_email;

use super::mapping::{Target, new_custom_key};
use super::row::{NO_EMAIL_OR_PHONE, mapped_columns, read_row};
use super::table::{Row, Table};

/// The reason a row of an erased person is rejected.
pub const ERASED: &str = "этот человек просил удалить его данные";

/// What to do with a row that duplicates a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OnDuplicate {
    /// «Пропустить»: leave the contact as it is.
    #[default]
    Skip,
    /// «Обновить»: write the row's non-blank values into the contact.
    Update,
    /// «Создать новый»: create another contact.
    CreateNew,
}

/// The choices of the import page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOptions {
    /// What each column becomes, one per column of the table.
    pub targets: Vec<Target>,
    /// The existing groups the imported contacts join.
    pub groups: Vec<GroupId>,
    /// What to do with duplicates.
    pub on_duplicate: OnDuplicate,
    /// The account's erasure key, to recognise erased people (see [`crate::change::Op::erase`]).
    pub erasure_key: Vec<u8>,
    /// The id of the first contact created; the others follow it.
    pub first_id: ContactId,
    /// The time of the import.
    pub now: Timestamp,
}

/// A row that will create a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Create {
    /// Its line in the file.
    pub line: usize,
    /// The contact as it will be stored (before joining the target groups).
    pub contact: Contact,
}

/// A row that will update an existing contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// Its line in the file.
    pub line: usize,
    /// The contact it updates.
    pub id: ContactId,
    /// The values that change.
    pub fields: Vec<FieldSet>,
}

/// What a skipped row duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateOf {
    /// A contact of the base.
    Contact(ContactId),
    /// An earlier row of the file, by its line.
    Line(usize),
}

/// A row left out as a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skipped {
    /// Its line in the file.
    pub line: usize,
    /// What it duplicates.
    pub of: DuplicateOf,
}

/// A row that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Its line in the file.
    pub line: usize,
    /// Its cells as read.
    pub cells: Vec<String>,
    /// Why, in Russian.
    pub reason: String,
}

/// How many rows each outcome has: the dry run's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Contacts created.
    pub create: usize,
    /// Contacts updated.
    pub update: usize,
    /// Duplicates skipped.
    pub skip: usize,
    /// Rows rejected.
    pub reject: usize,
}

/// What an import will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// Custom fields the import creates (text fields).
    pub new_custom_fields: Vec<CustomFieldDef>,
    /// Rows that create contacts, in file order.
    pub creates: Vec<Create>,
    /// Rows that update contacts, in file order.
    pub updates: Vec<Update>,
    /// Rows skipped as duplicates.
    pub skipped: Vec<Skipped>,
    /// Rows rejected.
    pub rejected: Vec<Rejected>,
    /// The groups the created and updated contacts join.
    pub groups: Vec<GroupId>,
    /// The time of the import (subscription date of the memberships).
    pub now: Timestamp,
}

/// Plans importing `table` into `base` as `options` say; writes nothing. For a long table
/// that must not block, feed its rows to a [`Planner`] a slice at a time instead.
pub fn plan(table: &Table, base: &IndexedBase, options: PlanOptions) -> ImportPlan {
    let mut planner = Planner::new(base, options);
    planner.add(base, &table.rows);
    planner.finish()
}

/// A dry run in progress, fed rows a slice at a time (so the page stays responsive); rows must
/// come in file order, each once, and the base must not change in between.
pub struct Planner {
    options: PlanOptions,
    defs: Vec<CustomFieldDef>,
    columns: Vec<(usize, FieldRef)>,
    known: Index<ContactId>,
    erased: HashSet<[u8; 32]>,
    seen: Index<usize>,
    next_id: u64,
    plan: ImportPlan,
}

impl Planner {
    /// A dry run of importing into `base` as `options` say, with no row yet.
    pub fn new(base: &IndexedBase, options: PlanOptions) -> Self {
        let base_fields = &base.base().custom_fields;
        let new_custom_fields = new_custom_fields(&options.targets, base_fields);
        let defs = base_fields
            .iter()
            .chain(&new_custom_fields)
            .cloned()
            .collect();
        let mut known = Index::default();
        for contact in &base.base().contacts {
            known.insert(&Keys::of(contact), contact.id);
        }
        Self {
            defs,
            columns: mapped_columns(&options.targets),
            known,
            erased: erased_hashes(base.base()),
            seen: Index::default(),
            next_id: options.first_id.0,
            plan: ImportPlan {
                new_custom_fields,
                creates: Vec::new(),
                updates: Vec::new(),
                skipped: Vec::new(),
                rejected: Vec::new(),
                groups: options.groups.clone(),
                now: options.now,
            },
            options,
        }
    }

    /// Plans these rows, the next ones of the table.
    pub fn add(&mut self, base: &IndexedBase, rows: &[Row]) {
        for row in rows {
            self.row(base, row);
        }
    }

    /// The plan of every row added.
    pub fn finish(self) -> ImportPlan {
        self.plan
    }

    fn row(&mut self, base: &IndexedBase, row: &Row) {
        let plan = &mut self.plan;
        let reject = |reason: String| Rejected {
            line: row.line,
            cells: row.cells.clone(),
            reason,
        };
        let values = match read_row(&self.defs, &self.columns, &row.cells) {
            Ok(values) => values,
            Err(errors) => {
                let reasons: Vec<String> = errors.iter().map(ToString::to_string).collect();
                plan.rejected.push(reject(reasons.join("; ")));
                return;
            }
        };
        let incoming = values.contact(ContactId(self.next_id), self.options.now);
        let keys = Keys::of(&incoming);
        if keys.email.is_none() && keys.phone.is_none() {
            plan.rejected.push(reject(NO_EMAIL_OR_PHONE.to_owned()));
            return;
        }
        if is_erased(&self.erased, &incoming, &self.options.erasure_key) {
            plan.rejected.push(reject(ERASED.to_owned()));
            return;
        }
        let policy = self.options.on_duplicate;
        if policy != OnDuplicate::CreateNew
            && let Some(line) = self.seen.find(&keys)
        {
            plan.skipped.push(Skipped {
                line: row.line,
                of: DuplicateOf::Line(line),
            });
            return;
        }
        self.seen.insert(&keys, row.line);
        let existing = self.known.find(&keys).and_then(|id| base.contact(id));
        match existing {
            Some(existing) if policy == OnDuplicate::Skip => plan.skipped.push(Skipped {
                line: row.line,
                of: DuplicateOf::Contact(existing.id),
            }),
            Some(existing) if policy == OnDuplicate::Update => plan.updates.push(Update {
                line: row.line,
                id: existing.id,
                fields: values.changes_to(&incoming, existing),
            }),
            _ => {
                self.next_id += 1;
                plan.creates.push(Create {
                    line: row.line,
                    contact: incoming,
                });
            }
        }
    }
}

/// The definitions of the new custom fields of `targets` whose key `existing` lacks.
fn new_custom_fields(targets: &[Target], existing: &[CustomFieldDef]) -> Vec<CustomFieldDef> {
    let mut defs: Vec<CustomFieldDef> = Vec::new();
    for target in targets {
        if let Target::NewCustom(name) = target {
            let key = new_custom_key(name);
            if !existing.iter().chain(&defs).any(|d| d.key == key) {
                defs.push(CustomFieldDef {
                    key,
                    label: name.trim().to_owned(),
                    kind: CustomKind::Text,
                });
            }
        }
    }
    defs
}

/// The matching keys of a contact: its e-mail folded to lower case, its phone in E.164.
struct Keys {
    email: Option<String>,
    phone: Option<String>,
}

impl Keys {
    fn of(contact: &Contact) -> Self {
        let email = normalize_email(&contact.email).to_lowercase();
        Self {
            email: (!email.is_empty()).then_some(email),
            phone: (!contact.phone_e164.is_empty()).then(|| contact.phone_e164.clone()),
        }
    }
}

/// E-mails and phones, each with what it was first seen in (a contact or a line of the file).
struct Index<V> {
    emails: HashMap<String, V>,
    phones: HashMap<String, V>,
}

impl<V> Default for Index<V> {
    fn default() -> Self {
        Self {
            emails: HashMap::new(),
            phones: HashMap::new(),
        }
    }
}

impl<V: Copy> Index<V> {
    /// Records `keys` as `value`'s, unless they are taken.
    fn insert(&mut self, keys: &Keys, value: V) {
        if let Some(email) = &keys.email {
            self.emails.entry(email.clone()).or_insert(value);
        }
        if let Some(phone) = &keys.phone {
            self.phones.entry(phone.clone()).or_insert(value);
        }
    }

    /// What the e-mail, else the phone, of `keys` belongs to.
    fn find(&self, keys: &Keys) -> Option<V> {
        keys.email
            .as_ref()
            .and_then(|e| self.emails.get(e))
            .or_else(|| keys.phone.as_ref().and_then(|p| self.phones.get(p)))
            .copied()
    }
}

/// The e-mail and phone hashes of the erased people of `base`.
fn erased_hashes(base: &Base) -> HashSet<[u8; 32]> {
    let mut hashes = HashSet::new();
    for contact in &base.contacts {
        for event in &contact.history {
            if let HistoryKind::Erased {
                email_hash,
                phone_hash,
            } = &event.kind
            {
                hashes.extend(email_hash.iter().chain(phone_hash));
            }
        }
    }
    hashes
}

/// Whether `contact`'s e-mail or phone hashed under `key` is one of `erased`.
fn is_erased(erased: &HashSet<[u8; 32]>, contact: &Contact, key: &[u8]) -> bool {
    !erased.is_empty()
        && [
            email_hash(key, &contact.email),
            phone_hash(key, &contact.phone),
        ]
        .iter()
        .flatten()
        .any(|h| erased.contains(h))
}
