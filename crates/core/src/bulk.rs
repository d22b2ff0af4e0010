//! The bulk actions of the Contacts page's ⚙ menu (SPEC §6) as ops over a frozen set of
//! contacts: the ids are resolved by the caller when the user confirms, and every action
//! touches exactly those — never more, never a fallback to all contacts.

use std::fmt;

use crate::change::{FieldSet, Op};
use crate::fields::{FieldId, FieldRef};
use crate::form;
use crate::groups::{self, NameError};
use crate::model::{Base, Category, CategoryId, ContactId, Group, GroupId, Timestamp};

/// The fields «Редактировать» can set for many contacts at once, in menu order: фамилия, имя,
/// отчество, телефон, город, описание.
pub const EDITABLE: [FieldId; 6] = [
    FieldId::LastName,
    FieldId::FirstName,
    FieldId::MiddleName,
    FieldId::Phone,
    FieldId::BillingCity,
    FieldId::Description,
];

/// The name of the category a new group goes to when the account has none.
pub const DEFAULT_CATEGORY: &str = "Без категории";

/// Why a bulk action cannot run; its `Display` is the Russian text for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkError {
    /// Nothing is selected.
    NothingSelected,
    /// The field is not one «Редактировать» sets (its label).
    NotEditable(&'static str),
    /// The new value does not fit the field (why).
    Value(String),
    /// The new group's name is blank or taken.
    Name(NameError),
    /// The chosen group or category does not exist (any more).
    Unknown,
    /// No group is ticked.
    NoGroup,
}

impl fmt::Display for BulkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NothingSelected => f.write_str(
                "Не выбрано ни одного контакта: отметьте строки или нажмите «Выбрать все по фильтру»",
            ),
            Self::NotEditable(label) => {
                write!(f, "Поле «{label}» нельзя менять у многих контактов сразу")
            }
            Self::Value(why) => f.write_str(why),
            Self::Name(error) => error.fmt(f),
            Self::Unknown => f.write_str("Такой группы или категории нет: возможно, её удалили"),
            Self::NoGroup => f.write_str("Отметьте хотя бы одну группу"),
        }
    }
}

impl std::error::Error for BulkError {}

impl From<NameError> for BulkError {
    fn from(error: NameError) -> Self {
        Self::Name(error)
    }
}

/// Where «Добавить в группу» puts the contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupTarget {
    /// An existing group.
    Existing(GroupId),
    /// «В новую группу»: a group created with this name in `category` (or, when `None`, in
    /// the first category, or in a new «Без категории» when the account has none).
    New {
        /// The new group's name.
        name: String,
        /// Its category.
        category: Option<CategoryId>,
    },
}

/// «Редактировать»: sets `field` to the text `raw` (blank clears it) for `ids`.
pub fn edit(ids: &[ContactId], field: FieldId, raw: &str) -> Result<Op, BulkError> {
    require(ids)?;
    if !EDITABLE.contains(&field) {
        return Err(BulkError::NotEditable(field.def().label_ru));
    }
    let field = FieldRef::Builtin(field);
    let value = form::parse(&[], &field, raw).map_err(|e| BulkError::Value(e.to_string()))?;
    Ok(Op::SetFields {
        contacts: ids.to_vec(),
        fields: vec![FieldSet { field, value }],
    })
}

/// «Добавить в контакты»: the ops that put `ids` in `target` at `now` (creating the group, and
/// its category, first when it is new). Members already in the group keep their subscription.
pub fn add_to_group(
    base: &Base,
    ids: &[ContactId],
    target: &GroupTarget,
    now: Timestamp,
) -> Result<Vec<Op>, BulkError> {
    require(ids)?;
    let mut ops = Vec::new();
    let group = match target {
        GroupTarget::Existing(group) => {
            if !base.groups.iter().any(|g| g.id == *group) {
                return Err(BulkError::Unknown);
            }
            *group
        }
        GroupTarget::New { name, category } => {
            let name = groups::group_name(base, name, None)?;
            let category = match category {
                Some(id) if base.categories.iter().any(|c| c.id == *id) => *id,
                Some(_) => return Err(BulkError::Unknown),
                None => match base.categories.first() {
                    Some(first) => first.id,
                    None => {
                        let id = groups::next_category_id(base);
                        ops.push(Op::PutCategories(vec![Category {
                            id,
                            name: DEFAULT_CATEGORY.to_owned(),
                        }]));
                        id
                    }
                },
            };
            let id = groups::next_group_id(base);
            ops.push(Op::PutGroups(vec![Group { id, category, name }]));
            id
        }
    };
    ops.push(Op::AddToGroup {
        contacts: ids.to_vec(),
        group,
        subscribed_at: now,
    });
    Ok(ops)
}

/// «Удалить из групп»: `ids` leave every group of `groups`.
pub fn remove_from_groups(ids: &[ContactId], groups: &[GroupId]) -> Result<Op, BulkError> {
    require(ids)?;
    if groups.is_empty() {
        return Err(BulkError::NoGroup);
    }
    Ok(Op::RemoveFromGroups {
        contacts: ids.to_vec(),
        groups: groups.to_vec(),
    })
}

/// «Удалить контакты»: deletes `ids`.
pub fn delete(ids: &[ContactId]) -> Result<Op, BulkError> {
    require(ids)?;
    Ok(Op::DeleteContacts(ids.to_vec()))
}

fn require(ids: &[ContactId]) -> Result<(), BulkError> {
    if ids.is_empty() {
        Err(BulkError::NothingSelected)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::IndexedBase;
    use crate::fixtures::generate;
    use crate::model::MembershipStatus;

    const NOW: Timestamp = Timestamp(1_780_000_000_000);

    fn apply(base: &mut IndexedBase, ops: &[Op]) {
        for op in ops {
            op.apply(base, NOW);
        }
    }

    #[test]
    fn every_action_refuses_an_empty_selection() {
        let base = generate(10, 1);
        assert_eq!(
            edit(&[], FieldId::FirstName, "Иван"),
            Err(BulkError::NothingSelected)
        );
        let target = GroupTarget::Existing(base.groups[0].id);
        assert_eq!(
            add_to_group(&base, &[], &target, NOW),
            Err(BulkError::NothingSelected)
        );
        assert_eq!(
            remove_from_groups(&[], &[base.groups[0].id]),
            Err(BulkError::NothingSelected)
        );
        assert_eq!(delete(&[]), Err(BulkError::NothingSelected));
    }

    #[test]
    fn edit_sets_the_field_of_exactly_the_selected_contacts() {
        let mut base = IndexedBase::new(generate(20, 2));
        let ids: Vec<ContactId> = base.base().contacts[..5].iter().map(|c| c.id).collect();
        let op = edit(&ids, FieldId::BillingCity, "  Тверь ").unwrap();
        apply(&mut base, &[op]);
        for contact in &base.base().contacts {
            let is_selected = ids.contains(&contact.id);
            assert_eq!(
                contact.billing.city == "Тверь",
                is_selected,
                "{:?}",
                contact.id
            );
        }
    }

    #[test]
    fn edit_rejects_a_bad_phone_and_fields_outside_the_menu() {
        let ids = [ContactId(1)];
        assert!(matches!(
            edit(&ids, FieldId::Phone, "позвонить"),
            Err(BulkError::Value(m)) if m.contains("не номер телефона")
        ));
        assert_eq!(
            edit(&ids, FieldId::Email, "a@b.ru"),
            Err(BulkError::NotEditable("E-mail"))
        );
    }

    #[test]
    fn a_new_group_is_created_and_only_the_selection_joins_it() {
        let mut base = IndexedBase::new(generate(30, 3));
        let ids: Vec<ContactId> = base.base().contacts[3..9].iter().map(|c| c.id).collect();
        let target = GroupTarget::New {
            name: "Весенняя акция".to_owned(),
            category: None,
        };
        let ops = add_to_group(base.base(), &ids, &target, NOW).unwrap();
        apply(&mut base, &ops);
        let group = base
            .base()
            .groups
            .iter()
            .find(|g| g.name == "Весенняя акция")
            .expect("group created")
            .id;
        assert_eq!(groups::member_count(base.base(), group), ids.len());
        for id in &ids {
            let contact = base.contact(*id).unwrap();
            let membership = contact
                .memberships
                .iter()
                .find(|m| m.group == group)
                .unwrap();
            assert_eq!(membership.subscribed_at, NOW);
            assert_eq!(membership.status, MembershipStatus::Active);
        }
    }

    #[test]
    fn a_taken_group_name_is_refused_whatever_its_case() {
        let base = generate(10, 4);
        let taken = base.groups[0].name.to_uppercase();
        let target = GroupTarget::New {
            name: taken,
            category: None,
        };
        assert!(matches!(
            add_to_group(&base, &[ContactId(1)], &target, NOW),
            Err(BulkError::Name(NameError::Taken(_)))
        ));
    }

    #[test]
    fn a_new_group_in_an_empty_account_gets_a_default_category() {
        let mut base = IndexedBase::new(Base::default());
        let target = GroupTarget::New {
            name: "Первая".to_owned(),
            category: None,
        };
        let ops = add_to_group(base.base(), &[ContactId(1)], &target, NOW).unwrap();
        assert_eq!(ops.len(), 3);
        apply(&mut base, &ops);
        assert_eq!(base.base().categories[0].name, DEFAULT_CATEGORY);
        assert_eq!(base.base().groups[0].category, base.base().categories[0].id);
    }

    #[test]
    fn members_already_in_the_group_keep_their_subscription_date() {
        let mut base = IndexedBase::new(generate(200, 5));
        let member = base
            .base()
            .contacts
            .iter()
            .find(|c| !c.memberships.is_empty())
            .unwrap();
        let (id, kept) = (member.id, member.memberships[0].clone());
        let target = GroupTarget::Existing(kept.group);
        let ops = add_to_group(base.base(), &[id], &target, NOW).unwrap();
        apply(&mut base, &ops);
        let after = base.contact(id).unwrap();
        assert!(after.memberships.contains(&kept));
    }

    #[test]
    fn remove_from_groups_needs_a_group_and_an_existing_target_is_checked() {
        let base = generate(10, 6);
        assert_eq!(
            remove_from_groups(&[ContactId(1)], &[]),
            Err(BulkError::NoGroup)
        );
        assert_eq!(
            add_to_group(
                &base,
                &[ContactId(1)],
                &GroupTarget::Existing(GroupId(9_999)),
                NOW
            ),
            Err(BulkError::Unknown)
        );
    }
}
