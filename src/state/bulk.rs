//! The ⚙ menu of the Contacts page: which bulk actions it offers, in what order, with what
//! labels, and whether each can be undone. What an action does is `contacts_core::bulk`.

use super::actions::Undoable;

/// A bulk action of the ⚙ menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BulkKind {
    /// «Редактировать»: one field, one new value.
    Edit,
    /// «Добавить в группу»: an existing group or «В новую группу».
    AddToGroup,
    /// «Удалить из групп»: the ticked groups of the tree.
    RemoveFromGroups,
    /// «Удалить контакты».
    Delete,
    /// «Удалить персональные данные»: erasure, which cannot be undone.
    Erase,
}

impl BulkKind {
    /// The menu, in order.
    pub const MENU: [BulkKind; 5] = [
        BulkKind::Edit,
        BulkKind::AddToGroup,
        BulkKind::RemoveFromGroups,
        BulkKind::Delete,
        BulkKind::Erase,
    ];

    /// The menu item's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Edit => "Редактировать",
            Self::AddToGroup => "Добавить в группу",
            Self::RemoveFromGroups => "Удалить из групп",
            Self::Delete => "Удалить контакты",
            Self::Erase => "Удалить персональные данные",
        }
    }

    /// The label of the button that confirms it in its dialog.
    pub fn confirm_label(self) -> &'static str {
        match self {
            Self::Edit => "Применить",
            Self::AddToGroup => "Добавить в контакты",
            other => other.label(),
        }
    }

    /// Whether «Отменить» can undo it. An erasure never can: undoing it would bring the
    /// personal data back.
    pub fn undoable(self) -> Undoable {
        match self {
            Self::Erase => Undoable::No,
            _ => Undoable::Yes,
        }
    }

    /// Whether it destroys something, so its button is styled as dangerous.
    pub fn is_destructive(self) -> bool {
        matches!(self, Self::Delete | Self::Erase)
    }
}

/// The line a dialog shows before confirming: how many contacts the action will touch.
pub fn touch_line(count: usize) -> String {
    format!("Будет затронуто контактов: {count}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_offers_each_action_once_and_only_erasure_cannot_be_undone() {
        let labels: Vec<&str> = BulkKind::MENU.iter().map(|k| k.label()).collect();
        assert_eq!(
            labels,
            [
                "Редактировать",
                "Добавить в группу",
                "Удалить из групп",
                "Удалить контакты",
                "Удалить персональные данные"
            ]
        );
        for kind in BulkKind::MENU {
            assert_eq!(kind.undoable() == Undoable::No, kind == BulkKind::Erase);
        }
        assert_eq!(BulkKind::AddToGroup.confirm_label(), "Добавить в контакты");
    }

    #[test]
    fn the_touch_line_names_the_count() {
        assert_eq!(touch_line(1234), "Будет затронуто контактов: 1234");
    }
}
