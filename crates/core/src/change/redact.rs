//! Erasure reaches the outbox too: a mutation not yet sent may still carry an erased person's
//! values (the contact as created, an edit of its fields, an undo's copy of it).
//! [`Op::redact`] gives such an op without them, so the transaction that erases can rewrite the
//! outbox and no personal value of the person stays behind.

use std::collections::BTreeSet;

use super::mutation::Op;
use crate::model::{Contact, ContactId};

/// What is left of an op once erased contacts are taken out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redacted {
    /// The op names none of them with values: keep it as it is.
    Unchanged,
    /// The op without the erased contacts.
    Changed(Op),
    /// Nothing is left: drop the op.
    Empty,
}

impl Op {
    /// The contacts this op erases (none but for [`Op::EraseContacts`]).
    pub fn erased(&self) -> Vec<ContactId> {
        match self {
            Op::EraseContacts(hashes) => hashes.iter().map(|h| h.id).collect(),
            _ => Vec::new(),
        }
    }

    /// This op without any value of the contacts in `erased`. Ops that name contacts only by
    /// id (group changes, deletion, erasure itself) carry no personal value and stay unchanged.
    pub fn redact(&self, erased: &BTreeSet<ContactId>) -> Redacted {
        let keep = |c: &Contact| !erased.contains(&c.id);
        match self {
            Op::CreateContacts(contacts) if !contacts.iter().all(keep) => {
                let left: Vec<Contact> = contacts.iter().filter(|c| keep(c)).cloned().collect();
                if left.is_empty() {
                    Redacted::Empty
                } else {
                    Redacted::Changed(Op::CreateContacts(left))
                }
            }
            Op::SetFields { contacts, fields } if contacts.iter().any(|id| erased.contains(id)) => {
                let left: Vec<ContactId> = contacts
                    .iter()
                    .filter(|id| !erased.contains(id))
                    .copied()
                    .collect();
                if left.is_empty() {
                    Redacted::Empty
                } else {
                    Redacted::Changed(Op::SetFields {
                        contacts: left,
                        fields: fields.clone(),
                    })
                }
            }
            Op::Restore { contacts, removed } if !contacts.iter().all(keep) => {
                let left: Vec<Contact> = contacts.iter().filter(|c| keep(c)).cloned().collect();
                if left.is_empty() && removed.is_empty() {
                    Redacted::Empty
                } else {
                    Redacted::Changed(Op::Restore {
                        contacts: left,
                        removed: removed.clone(),
                    })
                }
            }
            _ => Redacted::Unchanged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::{FieldSet, NewValue};
    use crate::fields::{FieldId, FieldRef};

    fn contact(id: u64, name: &str) -> Contact {
        Contact {
            id: ContactId(id),
            last_name: name.to_owned(),
            ..Contact::default()
        }
    }

    fn erased(ids: &[u64]) -> BTreeSet<ContactId> {
        ids.iter().map(|&id| ContactId(id)).collect()
    }

    #[test]
    fn created_contacts_lose_the_erased_ones() {
        let op = Op::CreateContacts(vec![contact(1, "Иванов"), contact(2, "Петров")]);
        assert_eq!(
            op.redact(&erased(&[2])),
            Redacted::Changed(Op::CreateContacts(vec![contact(1, "Иванов")]))
        );
        assert_eq!(op.redact(&erased(&[1, 2])), Redacted::Empty);
        assert_eq!(op.redact(&erased(&[3])), Redacted::Unchanged);
    }

    #[test]
    fn an_edit_of_only_erased_contacts_is_dropped() {
        let op = Op::SetFields {
            contacts: vec![ContactId(1), ContactId(2)],
            fields: vec![FieldSet {
                field: FieldRef::Builtin(FieldId::LastName),
                value: NewValue::Text("Сидоров".to_owned()),
            }],
        };
        let Redacted::Changed(Op::SetFields { contacts, .. }) = op.redact(&erased(&[1])) else {
            panic!("the edit should stay for contact 2");
        };
        assert_eq!(contacts, vec![ContactId(2)]);
        assert_eq!(op.redact(&erased(&[1, 2])), Redacted::Empty);
    }

    #[test]
    fn an_undo_keeps_its_removals() {
        let op = Op::Restore {
            contacts: vec![contact(1, "Иванов")],
            removed: vec![ContactId(5)],
        };
        assert_eq!(
            op.redact(&erased(&[1])),
            Redacted::Changed(Op::Restore {
                contacts: Vec::new(),
                removed: vec![ContactId(5)],
            })
        );
    }

    #[test]
    fn ops_by_id_only_are_kept() {
        let op = Op::DeleteContacts(vec![ContactId(1)]);
        assert_eq!(op.redact(&erased(&[1])), Redacted::Unchanged);
    }
}
