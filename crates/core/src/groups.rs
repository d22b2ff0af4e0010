//! Rules for naming and numbering categories and groups: a name is trimmed, not blank and
//! unique per account among its kind, case-insensitively (ё = е); new ids follow the largest.

use std::fmt;

use crate::model::{Base, CategoryId, GroupId};
use crate::normalize::fold;

/// Why a category or group name cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// The name is blank.
    Blank,
    /// Another group (or category) already has this name.
    Taken(String),
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Blank => f.write_str("Введите название"),
            Self::Taken(name) => write!(f, "Название «{name}» уже занято"),
        }
    }
}

impl std::error::Error for NameError {}

/// The name a group would get (trimmed), unless it is blank or another group than `except` has
/// it.
pub fn group_name(base: &Base, name: &str, except: Option<GroupId>) -> Result<String, NameError> {
    unique(
        name,
        base.groups
            .iter()
            .filter(|g| Some(g.id) != except)
            .map(|g| g.name.as_str()),
    )
}

/// The name a category would get (trimmed), unless it is blank or another category than
/// `except` has it.
pub fn category_name(
    base: &Base,
    name: &str,
    except: Option<CategoryId>,
) -> Result<String, NameError> {
    unique(
        name,
        base.categories
            .iter()
            .filter(|c| Some(c.id) != except)
            .map(|c| c.name.as_str()),
    )
}

/// `name` trimmed, unless it is blank or one of `taken` (compared folded).
fn unique<'a>(name: &str, mut taken: impl Iterator<Item = &'a str>) -> Result<String, NameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(NameError::Blank);
    }
    let folded = fold(name);
    match taken.find(|other| fold(other) == folded) {
        Some(other) => Err(NameError::Taken(other.to_owned())),
        None => Ok(name.to_owned()),
    }
}

/// The id for a new group.
pub fn next_group_id(base: &Base) -> GroupId {
    GroupId(base.groups.iter().map(|g| g.id.0 + 1).max().unwrap_or(1))
}

/// The id for a new category.
pub fn next_category_id(base: &Base) -> CategoryId {
    CategoryId(
        base.categories
            .iter()
            .map(|c| c.id.0 + 1)
            .max()
            .unwrap_or(1),
    )
}

/// How many contacts are members of `group`.
pub fn member_count(base: &Base, group: GroupId) -> usize {
    base.contacts
        .iter()
        .filter(|c| c.memberships.iter().any(|m| m.group == group))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Group};

    fn base() -> Base {
        Base {
            categories: vec![Category {
                id: CategoryId(3),
                name: "Рассылки".to_owned(),
            }],
            groups: vec![Group {
                id: GroupId(7),
                category: CategoryId(3),
                name: "Новости Ёлки".to_owned(),
            }],
            ..Base::default()
        }
    }

    #[test]
    fn names_are_unique_case_insensitively() {
        let base = base();
        assert_eq!(
            group_name(&base, " новости елки ", None),
            Err(NameError::Taken("Новости Ёлки".to_owned()))
        );
        assert_eq!(
            group_name(&base, "новости елки", Some(GroupId(7))).as_deref(),
            Ok("новости елки")
        );
        assert_eq!(group_name(&base, "  ", None), Err(NameError::Blank));
        assert_eq!(
            category_name(&base, "РАССЫЛКИ", None)
                .unwrap_err()
                .to_string(),
            "Название «Рассылки» уже занято"
        );
        assert_eq!(
            category_name(&base, "Новости Ёлки", None).as_deref(),
            Ok("Новости Ёлки")
        );
    }

    #[test]
    fn new_ids_follow_the_largest() {
        let base = base();
        assert_eq!(next_group_id(&base), GroupId(8));
        assert_eq!(next_category_id(&base), CategoryId(4));
        assert_eq!(next_group_id(&Base::default()), GroupId(1));
    }
}
