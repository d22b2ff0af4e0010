//! [`IndexedBase`]: the in-memory base with lazily built scan columns, and the only way to edit
//! its contacts so that built columns stay correct. It owns the data but never evaluates a filter
//! (that is [`super::scan`]) nor lays out a column (that is [`super::columns`]).

use std::sync::OnceLock;

use crate::fields::{CATALOGUE, FieldKind};
use crate::model::{Base, Category, Contact, ContactId, CustomFieldDef, Group, GroupId};

use super::columns::{Column, FixedMap, FixedSet, GroupMembers};
use super::compile::Target;

/// A base held for filtering: the [`Base`] itself plus per-field columns, each built on first
/// use, and kept in step by the editing methods.
///
/// Rows are positions in [`Base::contacts`]; they stay valid until the next edit. Contact ids are
/// expected to be unique.
#[derive(Debug)]
pub struct IndexedBase {
    base: Base,
    /// Each contact's row, built on first edit or lookup.
    rows: OnceLock<FixedMap<ContactId, u32>>,
    /// One column per catalogue field, by [`crate::fields::FieldId`] position.
    builtin: Vec<OnceLock<Column>>,
    /// One column per custom field, parallel to [`Base::custom_fields`].
    custom: Vec<OnceLock<Column>>,
    /// Each group's member rows.
    members: OnceLock<GroupMembers>,
}

impl IndexedBase {
    /// Takes `base` over; nothing is built yet, so this is cheap.
    pub fn new(base: Base) -> Self {
        let custom = base.custom_fields.iter().map(|_| OnceLock::new()).collect();
        Self {
            base,
            rows: OnceLock::new(),
            builtin: CATALOGUE.iter().map(|_| OnceLock::new()).collect(),
            custom,
            members: OnceLock::new(),
        }
    }

    /// The base, read-only: edit it through this type's methods.
    pub fn base(&self) -> &Base {
        &self.base
    }

    /// Gives the base back.
    pub fn into_base(self) -> Base {
        self.base
    }

    /// How many contacts it holds.
    pub fn len(&self) -> usize {
        self.base.contacts.len()
    }

    /// Whether it holds no contact.
    pub fn is_empty(&self) -> bool {
        self.base.contacts.is_empty()
    }

    /// The row of the contact with id `id`.
    pub fn row_of(&self, id: ContactId) -> Option<u32> {
        self.rows().get(&id).copied()
    }

    /// The contact with id `id`.
    pub fn contact(&self, id: ContactId) -> Option<&Contact> {
        self.row_of(id).map(|row| &self.base.contacts[row as usize])
    }

    /// Inserts `contact` as the last row, or replaces the contact with its id in place; gives
    /// back the replaced contact.
    pub fn upsert_contact(&mut self, contact: Contact) -> Option<Contact> {
        match self.row_of(contact.id) {
            Some(row) => {
                let old = std::mem::replace(&mut self.base.contacts[row as usize], contact);
                self.reindex(row, &groups_of(&old));
                Some(old)
            }
            None => {
                let row = self.base.contacts.len() as u32;
                self.base.contacts.push(contact);
                self.index_new_row(row);
                None
            }
        }
    }

    /// Edits the contact with id `id` in place with `edit` (fields, tags, memberships…) and
    /// re-indexes it; `None` when there is no such contact. A change of the id is undone.
    pub fn update_contact<R>(
        &mut self,
        id: ContactId,
        edit: impl FnOnce(&mut Contact) -> R,
    ) -> Option<R> {
        let row = self.row_of(id)?;
        let contact = &mut self.base.contacts[row as usize];
        let old_groups = groups_of(contact);
        let result = edit(contact);
        contact.id = id;
        self.reindex(row, &old_groups);
        Some(result)
    }

    /// Removes the contacts with these ids, keeping the others' order; gives back the removed
    /// ones in base order.
    pub fn remove_contacts(&mut self, ids: &[ContactId]) -> Vec<Contact> {
        let doomed: FixedSet<ContactId> = ids.iter().copied().collect();
        let keep: Vec<bool> = self
            .base
            .contacts
            .iter()
            .map(|c| !doomed.contains(&c.id))
            .collect();
        if keep.iter().all(|&k| k) {
            return Vec::new();
        }
        let (kept, removed) = std::mem::take(&mut self.base.contacts)
            .into_iter()
            .partition(|c| !doomed.contains(&c.id));
        self.base.contacts = kept;
        for column in self
            .builtin
            .iter_mut()
            .chain(&mut self.custom)
            .filter_map(OnceLock::get_mut)
        {
            column.retain(&keep);
        }
        if let Some(members) = self.members.get_mut() {
            members.retain(&keep);
        }
        self.rows = OnceLock::new();
        removed
    }

    /// Replaces the categories and groups; members of a group that no longer exists stay
    /// members until their contacts are edited.
    pub fn set_groups(&mut self, categories: Vec<Category>, groups: Vec<Group>) {
        self.base.categories = categories;
        self.base.groups = groups;
    }

    /// Replaces the custom field definitions; columns of fields whose key and type are unchanged
    /// are kept, the others are dropped and rebuilt on use.
    pub fn set_custom_fields(&mut self, defs: Vec<CustomFieldDef>) {
        let mut old: Vec<(CustomFieldDef, OnceLock<Column>)> =
            std::mem::take(&mut self.base.custom_fields)
                .into_iter()
                .zip(std::mem::take(&mut self.custom))
                .collect();
        self.custom = defs
            .iter()
            .map(|def| {
                match old
                    .iter()
                    .position(|(o, _)| o.key == def.key && o.kind == def.kind)
                {
                    Some(i) => old.swap_remove(i).1,
                    None => OnceLock::new(),
                }
            })
            .collect();
        self.base.custom_fields = defs;
    }

    /// The column of `target`, built now if it was not; `None` for a custom field the base no
    /// longer has with that type.
    pub(super) fn column(&self, target: &Target) -> Option<&Column> {
        let contacts = &self.base.contacts;
        match target {
            Target::Builtin(id) => {
                let kind = id.def().kind;
                Some(
                    self.builtin[*id as usize]
                        .get_or_init(|| Column::build(contacts, target, kind)),
                )
            }
            Target::Custom { key, kind } => {
                let i = self
                    .base
                    .custom_fields
                    .iter()
                    .position(|d| d.key == *key && d.kind == *kind)?;
                let kind = FieldKind::of_custom(*kind);
                Some(self.custom[i].get_or_init(|| Column::build(contacts, target, kind)))
            }
        }
    }

    /// Each group's member rows, built now if they were not.
    pub(super) fn members(&self) -> &GroupMembers {
        self.members
            .get_or_init(|| GroupMembers::build(&self.base.contacts))
    }

    fn rows(&self) -> &FixedMap<ContactId, u32> {
        self.rows.get_or_init(|| {
            let mut rows =
                FixedMap::with_capacity_and_hasher(self.base.contacts.len(), Default::default());
            for (row, contact) in self.base.contacts.iter().enumerate() {
                rows.entry(contact.id).or_insert(row as u32);
            }
            rows
        })
    }

    fn index_new_row(&mut self, row: u32) {
        let Self {
            base,
            rows,
            builtin,
            custom,
            members,
        } = self;
        let contact = &base.contacts[row as usize];
        for (target, column) in built_columns(builtin, &base.custom_fields, custom) {
            column.push(contact, &target);
        }
        if let Some(members) = members.get_mut() {
            members.add(row, contact);
        }
        if let Some(rows) = rows.get_mut() {
            rows.entry(contact.id).or_insert(row);
        }
    }

    fn reindex(&mut self, row: u32, old_groups: &[GroupId]) {
        let Self {
            base,
            builtin,
            custom,
            members,
            ..
        } = self;
        let contact = &base.contacts[row as usize];
        for (target, column) in built_columns(builtin, &base.custom_fields, custom) {
            column.set(row, contact, &target);
        }
        if let Some(members) = members.get_mut() {
            members.update(row, old_groups, contact);
        }
    }
}

/// The target of each built column, with the column.
fn built_columns<'a>(
    builtin: &'a mut [OnceLock<Column>],
    defs: &'a [CustomFieldDef],
    custom: &'a mut [OnceLock<Column>],
) -> impl Iterator<Item = (Target, &'a mut Column)> {
    let builtin = CATALOGUE
        .iter()
        .zip(builtin)
        .filter_map(|(def, cell)| Some((Target::Builtin(def.id), cell.get_mut()?)));
    let custom = defs.iter().zip(custom).filter_map(|(def, cell)| {
        Some((
            Target::Custom {
                key: def.key.clone(),
                kind: def.kind,
            },
            cell.get_mut()?,
        ))
    });
    builtin.chain(custom)
}

impl From<Base> for IndexedBase {
    fn from(base: Base) -> Self {
        Self::new(base)
    }
}

fn groups_of(contact: &Contact) -> Vec<GroupId> {
    contact.memberships.iter().map(|m| m.group).collect()
}
