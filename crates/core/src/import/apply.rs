//! An [`ImportPlan`] as changes: its numbers, a preview of the first rows as they will be
//! stored, the ops that carry it out in chunks (for a progress bar) and the one op that undoes it.

use crate::change::Op;
use crate::filter::IndexedBase;
use crate::model::{Base, Contact, ContactId};

use super::plan::{Counts, ImportPlan};

/// A previewed row: its line and the contact as it will be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Its line in the file.
    pub line: usize,
    /// Whether it updates an existing contact (else it creates one).
    pub updates: bool,
    /// The contact as it will be stored.
    pub contact: Contact,
}

impl ImportPlan {
    /// The dry run's numbers.
    pub fn counts(&self) -> Counts {
        Counts {
            create: self.creates.len(),
            update: self.updates.len(),
            skip: self.skipped.len(),
            reject: self.rejected.len(),
        }
    }

    /// The first `limit` created or updated rows in file order, each contact as it will be
    /// stored: an update is its op applied to a copy of the existing contact in `base`.
    pub fn preview(&self, base: &IndexedBase, limit: usize) -> Vec<Preview> {
        let created = self.creates.iter().take(limit).map(|c| Preview {
            line: c.line,
            updates: false,
            contact: c.contact.clone(),
        });
        let updated = self.updates.iter().take(limit).filter_map(|u| {
            let existing = base.contact(u.id)?.clone();
            let mut copy = IndexedBase::new(Base {
                custom_fields: base.base().custom_fields.clone(),
                contacts: vec![existing],
                ..Base::default()
            });
            let op = Op::SetFields {
                contacts: vec![u.id],
                fields: u.fields.clone(),
            };
            let contact = op.apply(&mut copy, self.now).contacts.pop()?;
            Some(Preview {
                line: u.line,
                updates: true,
                contact,
            })
        });
        let mut rows: Vec<Preview> = created.chain(updated).collect();
        rows.sort_by_key(|p| p.line);
        rows.truncate(limit);
        rows
    }

    /// The ops that carry the import out, in chunks of at most `chunk_size` rows (at least 1):
    /// the first chunk starts by creating the new custom fields; each chunk creates or updates
    /// its contacts and adds them to the target groups. Apply them in order.
    pub fn ops_in_chunks(&self, chunk_size: usize) -> Vec<Vec<Op>> {
        let chunk_size = chunk_size.max(1);
        let mut chunks = Vec::new();
        for creates in self.creates.chunks(chunk_size) {
            let contacts: Vec<Contact> = creates.iter().map(|c| c.contact.clone()).collect();
            let ids = contacts.iter().map(|c| c.id).collect();
            let mut ops = vec![Op::CreateContacts(contacts)];
            ops.extend(self.join_groups(ids));
            chunks.push(ops);
        }
        for updates in self.updates.chunks(chunk_size) {
            let mut ops: Vec<Op> = updates
                .iter()
                .filter(|u| !u.fields.is_empty())
                .map(|u| Op::SetFields {
                    contacts: vec![u.id],
                    fields: u.fields.clone(),
                })
                .collect();
            ops.extend(self.join_groups(updates.iter().map(|u| u.id).collect()));
            chunks.push(ops);
        }
        if !self.new_custom_fields.is_empty() {
            let put = Op::PutCustomFields(self.new_custom_fields.clone());
            match chunks.first_mut() {
                Some(first) => first.insert(0, put),
                None => chunks.push(vec![put]),
            }
        }
        chunks
    }

    /// The ops that add `ids` to each target group, subscribed at the time of the import.
    fn join_groups(&self, ids: Vec<ContactId>) -> impl Iterator<Item = Op> + '_ {
        self.groups.iter().map(move |&group| Op::AddToGroup {
            contacts: ids.clone(),
            group,
            subscribed_at: self.now,
        })
    }

    /// The op that undoes the whole import («Отменить импорт») when applied right after it:
    /// built from `before`, the base as it was before the import, it removes the created
    /// contacts and puts the updated ones back as they were. The custom fields it created stay.
    pub fn undo(&self, before: &IndexedBase) -> Op {
        Op::Restore {
            contacts: self
                .updates
                .iter()
                .filter_map(|u| before.contact(u.id).cloned())
                .collect(),
            removed: self.creates.iter().map(|c| c.contact.id).collect(),
        }
    }
}
