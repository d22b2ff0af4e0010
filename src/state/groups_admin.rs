//! The «Группы» page as data: every category with its groups and their member counts (counted in
//! one pass over the base), and the questions asked before a deletion, which say how many groups
//! and members it touches; and each of the page's actions as the op it runs, names checked by
//! the core (trimmed, unique per account case-insensitively).

use std::collections::HashMap;

use contacts_core::change::Op;
use contacts_core::groups::{
    NameError, category_name, group_name, next_category_id, next_group_id,
};
use contacts_core::model::{Base, Category, CategoryId, Group, GroupId};

/// One group as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    /// Its id.
    pub id: GroupId,
    /// Its name.
    pub name: String,
    /// How many contacts are in it.
    pub members: usize,
}

/// One category with its groups, in id order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRow {
    /// Its id.
    pub id: CategoryId,
    /// Its name.
    pub name: String,
    /// Its groups.
    pub groups: Vec<GroupRow>,
}

impl CategoryRow {
    /// The members of all its groups, a contact counted once per group.
    pub fn members(&self) -> usize {
        self.groups.iter().map(|g| g.members).sum()
    }
}

/// Every category of `base` with its groups and member counts.
pub fn overview(base: &Base) -> Vec<CategoryRow> {
    let mut counts: HashMap<GroupId, usize> = HashMap::new();
    for contact in &base.contacts {
        for m in &contact.memberships {
            *counts.entry(m.group).or_default() += 1;
        }
    }
    let mut rows: Vec<CategoryRow> = base
        .categories
        .iter()
        .map(|c| CategoryRow {
            id: c.id,
            name: c.name.clone(),
            groups: base
                .groups
                .iter()
                .filter(|g| g.category == c.id)
                .map(|g| GroupRow {
                    id: g.id,
                    name: g.name.clone(),
                    members: counts.get(&g.id).copied().unwrap_or(0),
                })
                .collect(),
        })
        .collect();
    rows.sort_by_key(|c| c.id);
    for row in &mut rows {
        row.groups.sort_by_key(|g| g.id);
    }
    rows
}

/// The question asked before deleting group `name` with `members` members.
pub fn delete_group_question(name: &str, members: usize) -> String {
    if members == 0 {
        format!("Удалить группу «{name}»? В ней нет контактов.")
    } else {
        format!(
            "Удалить группу «{name}»? В ней контактов: {members} — они выйдут из группы, сами контакты останутся."
        )
    }
}

/// The question asked before deleting category `row` with its groups.
pub fn delete_category_question(row: &CategoryRow) -> String {
    let groups = row.groups.len();
    if groups == 0 {
        return format!("Удалить категорию «{}»? В ней нет групп.", row.name);
    }
    format!(
        "Удалить категорию «{}» и её группы ({groups})? В них контактов: {} — они выйдут из групп, сами контакты останутся.",
        row.name,
        row.members()
    )
}

/// One action of the «Группы» page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupAction {
    /// A new category.
    NewCategory,
    /// A new group in this category.
    NewGroup(CategoryId),
    /// Rename this category.
    RenameCategory(CategoryId),
    /// Rename this group.
    RenameGroup(GroupId),
    /// Move this group to that category.
    MoveGroup(GroupId, CategoryId),
    /// Delete this group; its members leave it.
    DeleteGroup(GroupId),
    /// Delete this category with its groups.
    DeleteCategory(CategoryId),
}

impl GroupAction {
    /// The title of its dialog.
    pub fn title(self) -> &'static str {
        match self {
            Self::NewCategory => "Новая категория",
            Self::NewGroup(_) => "Новая группа",
            Self::RenameCategory(_) => "Переименовать категорию",
            Self::RenameGroup(_) => "Переименовать группу",
            Self::MoveGroup(..) => "Переместить группу",
            Self::DeleteGroup(_) => "Удалить группу",
            Self::DeleteCategory(_) => "Удалить категорию",
        }
    }

    /// The text of its confirm button.
    pub fn confirm_label(self) -> &'static str {
        match self {
            Self::NewCategory | Self::NewGroup(_) => "Создать",
            Self::RenameCategory(_) | Self::RenameGroup(_) => "Переименовать",
            Self::MoveGroup(..) => "Переместить",
            Self::DeleteGroup(_) | Self::DeleteCategory(_) => "Удалить",
        }
    }

    /// Whether its dialog asks for a name.
    pub fn takes_name(self) -> bool {
        matches!(
            self,
            Self::NewCategory | Self::NewGroup(_) | Self::RenameCategory(_) | Self::RenameGroup(_)
        )
    }

    /// The op it runs on `base` with `name` typed (ignored by the actions without one), or why
    /// the name cannot be used. A group or category no longer there gives no op.
    pub fn op(self, base: &Base, name: &str) -> Result<Option<Op>, NameError> {
        let group = |id: GroupId| base.groups.iter().find(|g| g.id == id).cloned();
        Ok(match self {
            Self::NewCategory => Some(Op::PutCategories(vec![Category {
                id: next_category_id(base),
                name: category_name(base, name, None)?,
            }])),
            Self::NewGroup(category) => Some(Op::PutGroups(vec![Group {
                id: next_group_id(base),
                category,
                name: group_name(base, name, None)?,
            }])),
            Self::RenameCategory(id) => {
                let name = category_name(base, name, Some(id))?;
                base.categories
                    .iter()
                    .any(|c| c.id == id)
                    .then(|| Op::PutCategories(vec![Category { id, name }]))
            }
            Self::RenameGroup(id) => {
                let name = group_name(base, name, Some(id))?;
                group(id).map(|g| Op::PutGroups(vec![Group { name, ..g }]))
            }
            Self::MoveGroup(id, category) => group(id)
                .filter(|g| g.category != category)
                .map(|g| Op::PutGroups(vec![Group { category, ..g }])),
            Self::DeleteGroup(id) => Some(Op::DeleteGroups(vec![id])),
            Self::DeleteCategory(id) => Some(Op::DeleteCategories(vec![id])),
        })
    }
}

#[cfg(test)]
mod tests {
    use contacts_core::fixtures;
    use contacts_core::groups::member_count;

    use super::*;

    #[test]
    fn the_overview_counts_members_like_the_core() {
        let base = fixtures::generate(300, 2);
        let rows = overview(&base);
        assert_eq!(rows.len(), base.categories.len());
        let listed: usize = rows.iter().map(|r| r.groups.len()).sum();
        assert_eq!(listed, base.groups.len());
        for group in rows.iter().flat_map(|r| &r.groups) {
            assert_eq!(
                group.members,
                member_count(&base, group.id),
                "{}",
                group.name
            );
        }
    }

    #[test]
    fn names_are_checked_and_records_changed_whole() {
        let base = fixtures::generate(50, 2);
        let first = base.groups[0].clone();
        let other = base.groups[1].name.to_uppercase();
        assert_eq!(
            GroupAction::RenameGroup(first.id).op(&base, &other),
            Err(NameError::Taken(base.groups[1].name.clone()))
        );
        assert_eq!(
            GroupAction::NewCategory.op(&base, "  "),
            Err(NameError::Blank)
        );
        let Ok(Some(Op::PutGroups(groups))) =
            GroupAction::RenameGroup(first.id).op(&base, " Новое имя ")
        else {
            panic!("a rename puts the group");
        };
        assert_eq!(groups[0].name, "Новое имя");
        assert_eq!(groups[0].category, first.category);
        let Ok(Some(Op::PutGroups(groups))) =
            GroupAction::NewGroup(first.category).op(&base, "Свежая")
        else {
            panic!("a new group is put");
        };
        assert_eq!(groups[0].id, next_group_id(&base));
        let target = base
            .categories
            .iter()
            .find(|c| c.id != first.category)
            .unwrap()
            .id;
        let Ok(Some(Op::PutGroups(groups))) =
            GroupAction::MoveGroup(first.id, target).op(&base, "")
        else {
            panic!("a move puts the group");
        };
        assert_eq!(
            (groups[0].name.as_str(), groups[0].category),
            (first.name.as_str(), target)
        );
        assert_eq!(
            GroupAction::MoveGroup(first.id, first.category).op(&base, ""),
            Ok(None)
        );
    }

    #[test]
    fn deletion_questions_say_how_many() {
        assert_eq!(
            delete_group_question("Акция", 3),
            "Удалить группу «Акция»? В ней контактов: 3 — они выйдут из группы, сами контакты останутся."
        );
        assert_eq!(
            delete_group_question("Пусто", 0),
            "Удалить группу «Пусто»? В ней нет контактов."
        );
        let row = CategoryRow {
            id: CategoryId(1),
            name: "Рассылки".to_owned(),
            groups: vec![
                GroupRow {
                    id: GroupId(1),
                    name: "А".to_owned(),
                    members: 11,
                },
                GroupRow {
                    id: GroupId(2),
                    name: "Б".to_owned(),
                    members: 10,
                },
            ],
        };
        assert_eq!(
            delete_category_question(&row),
            "Удалить категорию «Рассылки» и её группы (2)? В них контактов: 21 — они выйдут из групп, сами контакты останутся."
        );
    }
}
