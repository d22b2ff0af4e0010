//! What one cell of a contacts table shows: a link to the card (name, e-mail), the contact's
//! groups (first one, then the others behind «+N»), or plain text. Pure, tested natively; the
//! table component only lays these out.

use contacts_core::fields::{FieldId, FieldRef};
use contacts_core::model::{Base, Contact, GroupId};
use contacts_core::sort::SortBy;
use contacts_core::values::Labelled;

use super::format;

/// The content of one table cell. Every string is shown as text, never as HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text that opens the contact's card.
    CardLink(String),
    /// The contact's groups in membership order.
    Groups(Vec<GroupLink>),
    /// Plain text; empty when the contact has no value.
    Text(String),
}

/// A group a contact is in, for the groups cell and the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupLink {
    /// The group, for its «Подписчики» page.
    pub id: GroupId,
    /// Its name, or «Группа №N» when the base no longer has it.
    pub name: String,
}

/// The name of group `id` in `base`, or «Группа №id» when it is gone.
pub fn group_name(base: &Base, id: GroupId) -> String {
    base.groups
        .iter()
        .find(|g| g.id == id)
        .map_or_else(|| format!("Группа №{}", id.0), |g| g.name.clone())
}

/// The path of the contact's card.
pub fn card_path(contact: &Contact) -> String {
    format!("/contacts/{}", contact.id.0)
}

/// The path of a group's «Подписчики» page.
pub fn group_path(id: GroupId) -> String {
    format!("/groups/{}", id.0)
}

/// The cell of `contact` in `column`, with dates in a time zone `offset_minutes` east of UTC.
pub fn cell(base: &Base, contact: &Contact, column: &SortBy, offset_minutes: i32) -> Cell {
    match column {
        SortBy::Name => Cell::CardLink(contact.display_name()),
        SortBy::Field(FieldRef::Builtin(FieldId::Email)) if !contact.email.is_empty() => {
            Cell::CardLink(contact.email.clone())
        }
        SortBy::FirstGroup => Cell::Groups(
            contact
                .memberships
                .iter()
                .map(|m| GroupLink {
                    id: m.group,
                    name: group_name(base, m.group),
                })
                .collect(),
        ),
        SortBy::Field(FieldRef::Builtin(id)) => {
            Cell::Text(format::field_text(contact.get(*id), offset_minutes))
        }
        SortBy::Field(FieldRef::Custom(key)) => Cell::Text(
            contact
                .custom
                .get(key)
                .map(|v| format::custom_text(v, offset_minutes))
                .unwrap_or_default(),
        ),
        SortBy::Subscribed(group) => Cell::Text(
            contact
                .memberships
                .iter()
                .find(|m| m.group == *group)
                .map(|m| format::date(m.subscribed_at, offset_minutes))
                .unwrap_or_default(),
        ),
        SortBy::SubscriptionStatus(group) => Cell::Text(
            contact
                .memberships
                .iter()
                .find(|m| m.group == *group)
                .map(|m| m.status.label_ru().to_owned())
                .unwrap_or_default(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use contacts_core::model::{Category, CategoryId, ContactId, Group, Membership, Timestamp};
    use contacts_core::model::{CustomValue, MembershipStatus};

    use super::*;

    fn base() -> Base {
        Base {
            categories: vec![Category {
                id: CategoryId(1),
                name: "Клиенты".into(),
            }],
            groups: vec![Group {
                id: GroupId(7),
                category: CategoryId(1),
                name: "VIP-клиенты".into(),
            }],
            ..Base::default()
        }
    }

    fn ivanov() -> Contact {
        let mut c = Contact {
            id: ContactId(42),
            last_name: "Иванов".into(),
            first_name: "Иван".into(),
            points: Some(120),
            ..Contact::default()
        };
        c.memberships = [7, 9]
            .into_iter()
            .map(|g| Membership {
                group: GroupId(g),
                subscribed_at: Timestamp(0),
                status: MembershipStatus::Unconfirmed,
            })
            .collect();
        c.custom
            .insert("size".into(), CustomValue::Text("XL".into()));
        c
    }

    #[test]
    fn names_and_emails_link_to_the_card() {
        let c = ivanov();
        assert_eq!(
            cell(&base(), &c, &SortBy::Name, 0),
            Cell::CardLink("Иванов Иван".into())
        );
        let email = SortBy::Field(FieldRef::Builtin(FieldId::Email));
        assert_eq!(cell(&base(), &c, &email, 0), Cell::Text(String::new()));
        let mut with_email = c;
        with_email.email = "ivan@example.ru".into();
        assert_eq!(
            cell(&base(), &with_email, &email, 0),
            Cell::CardLink("ivan@example.ru".into())
        );
        assert_eq!(card_path(&with_email), "/contacts/42");
    }

    #[test]
    fn groups_in_membership_order_with_unknown_ones_numbered() {
        assert_eq!(
            cell(&base(), &ivanov(), &SortBy::FirstGroup, 0),
            Cell::Groups(vec![
                GroupLink {
                    id: GroupId(7),
                    name: "VIP-клиенты".into()
                },
                GroupLink {
                    id: GroupId(9),
                    name: "Группа №9".into()
                },
            ])
        );
        assert_eq!(group_path(GroupId(7)), "/groups/7");
    }

    #[test]
    fn fields_custom_fields_and_subscriptions_as_text() {
        let c = ivanov();
        let text = |column: SortBy| cell(&base(), &c, &column, 0);
        assert_eq!(
            text(SortBy::Field(FieldRef::Builtin(FieldId::Points))),
            Cell::Text("120".into())
        );
        assert_eq!(
            text(SortBy::Field(FieldRef::Custom("size".into()))),
            Cell::Text("XL".into())
        );
        assert_eq!(
            text(SortBy::Subscribed(GroupId(7))),
            Cell::Text("01.01.1970".into())
        );
        assert_eq!(
            text(SortBy::SubscriptionStatus(GroupId(9))),
            Cell::Text("не подтверждён".into())
        );
        assert_eq!(
            text(SortBy::Subscribed(GroupId(1))),
            Cell::Text(String::new())
        );
    }
}
