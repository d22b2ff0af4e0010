//! The columns of the contacts tables: which exist (name, groups, every catalogue field, every
//! custom field), which are shown by default, their headers, widths and the keys the «Вид»
//! choice is saved under. A column is a [`SortBy`], so every column can sort the table.

use contacts_core::fields::{CATALOGUE, FieldId, FieldRef};
use contacts_core::model::{CustomFieldDef, GroupId};
use contacts_core::sort::SortBy;

/// The columns shown until the user picks others in «Вид», in display order.
pub fn default_visible() -> Vec<SortBy> {
    let field = |id| SortBy::Field(FieldRef::Builtin(id));
    vec![
        SortBy::Name,
        field(FieldId::Email),
        field(FieldId::Phone),
        SortBy::FirstGroup,
        field(FieldId::BillingCity),
        field(FieldId::Status),
        field(FieldId::Tags),
        field(FieldId::RegisteredAt),
        field(FieldId::Points),
        field(FieldId::PaidTotal),
    ]
}

/// Every column the contacts table can show, in display order: the default ones first, then the
/// rest of the catalogue in its order, then the account's custom fields.
pub fn all(custom_fields: &[CustomFieldDef]) -> Vec<SortBy> {
    let mut columns = default_visible();
    for def in CATALOGUE {
        let column = SortBy::Field(FieldRef::Builtin(def.id));
        if !columns.contains(&column) {
            columns.push(column);
        }
    }
    columns.extend(
        custom_fields
            .iter()
            .map(|def| SortBy::Field(FieldRef::Custom(def.key.clone()))),
    );
    columns
}

/// The columns of the «Подписчики» table of `group`.
pub fn subscribers(group: GroupId) -> Vec<SortBy> {
    let field = |id| SortBy::Field(FieldRef::Builtin(id));
    vec![
        SortBy::Name,
        field(FieldId::Email),
        field(FieldId::Phone),
        SortBy::Subscribed(group),
        SortBy::SubscriptionStatus(group),
        field(FieldId::BillingCity),
        field(FieldId::Status),
    ]
}

/// `visible` in display order (that of [`all`]); columns the base no longer has are dropped and
/// the name column is always kept, since it opens the card.
pub fn in_display_order(visible: &[SortBy], custom_fields: &[CustomFieldDef]) -> Vec<SortBy> {
    all(custom_fields)
        .into_iter()
        .filter(|c| *c == SortBy::Name || visible.contains(c))
        .collect()
}

/// Whether the user may hide this column in «Вид» (the name column opens the card: it stays).
pub fn can_hide(column: &SortBy) -> bool {
    *column != SortBy::Name
}

/// The column's header: a catalogue or custom field label, or the table's own names.
pub fn label(column: &SortBy, custom_fields: &[CustomFieldDef]) -> String {
    match column {
        SortBy::Name => "Фамилия Имя Отчество".to_owned(),
        SortBy::FirstGroup => "Группы".to_owned(),
        SortBy::Field(FieldRef::Builtin(id)) => id.def().label_ru.to_owned(),
        SortBy::Field(FieldRef::Custom(key)) => custom_fields
            .iter()
            .find(|d| d.key == *key)
            .map_or_else(|| key.clone(), |d| d.label.clone()),
        SortBy::Subscribed(_) => "Дата подписки".to_owned(),
        SortBy::SubscriptionStatus(_) => "Статус подписки".to_owned(),
    }
}

/// The column's width in CSS pixels.
pub fn width(column: &SortBy) -> u16 {
    use FieldId as F;
    match column {
        SortBy::Name => 270,
        SortBy::FirstGroup => 230,
        SortBy::Field(FieldRef::Builtin(id)) => match id {
            F::Email | F::ClientInfo | F::Description | F::Tags => 230,
            F::Phone | F::Status | F::Manager | F::Consent => 170,
            F::Points | F::UtcOffset | F::BillingCountry | F::ShippingCountry => 100,
            F::RegisteredAt | F::GroupSubscribedAt | F::PaidTotal => 140,
            _ => 160,
        },
        SortBy::Field(FieldRef::Custom(_)) => 160,
        SortBy::Subscribed(_) | SortBy::SubscriptionStatus(_) => 150,
    }
}

/// Whether the column holds numbers or amounts, shown right-aligned.
pub fn is_numeric(column: &SortBy) -> bool {
    matches!(
        column,
        SortBy::Field(FieldRef::Builtin(FieldId::Points | FieldId::PaidTotal))
    )
}

/// The key a column is saved under: `name`, `groups`, a catalogue key, or `*` and a custom key.
/// The «Подписчики» columns of one group are not saved and have no key.
pub fn key(column: &SortBy) -> Option<String> {
    match column {
        SortBy::Name => Some("name".to_owned()),
        SortBy::FirstGroup => Some("groups".to_owned()),
        SortBy::Field(FieldRef::Builtin(id)) => Some(id.def().key.to_owned()),
        SortBy::Field(FieldRef::Custom(key)) => Some(format!("*{key}")),
        SortBy::Subscribed(_) | SortBy::SubscriptionStatus(_) => None,
    }
}

/// The column saved under `key`, if the key is one [`key`] gives.
pub fn from_key(key: &str) -> Option<SortBy> {
    match key {
        "name" => Some(SortBy::Name),
        "groups" => Some(SortBy::FirstGroup),
        _ => match key.strip_prefix('*') {
            Some(custom) if !custom.is_empty() => {
                Some(SortBy::Field(FieldRef::Custom(custom.to_owned())))
            }
            Some(_) => None,
            None => FieldId::from_key(key).map(|id| SortBy::Field(FieldRef::Builtin(id))),
        },
    }
}

#[cfg(test)]
mod tests {
    use contacts_core::model::CustomKind;

    use super::*;

    fn custom() -> Vec<CustomFieldDef> {
        vec![CustomFieldDef {
            key: "birthday".into(),
            label: "Дата рождения".into(),
            kind: CustomKind::Date,
        }]
    }

    #[test]
    fn every_column_once_with_the_catalogue_and_custom_fields() {
        let all = all(&custom());
        assert_eq!(all.len(), 2 + CATALOGUE.len() + 1);
        for (i, column) in all.iter().enumerate() {
            assert!(!all[..i].contains(column), "{column:?} twice");
        }
        let labels: Vec<String> = all.iter().map(|c| label(c, &custom())).collect();
        for expected in [
            "Фамилия Имя Отчество",
            "E-mail",
            "Телефон",
            "Группы",
            "Город",
            "Статус @",
            "Теги",
            "Дата первой регистрации",
            "Баллы",
            "Оплатил на сумму",
        ] {
            assert!(labels[..10].iter().any(|l| l == expected), "{expected}");
        }
        assert_eq!(labels.last().map(String::as_str), Some("Дата рождения"));
    }

    #[test]
    fn keys_round_trip() {
        for column in all(&custom()) {
            let key = key(&column).expect("table columns have keys");
            assert_eq!(from_key(&key), Some(column), "{key}");
        }
        assert_eq!(from_key("*"), None);
        assert_eq!(from_key("no_such_field"), None);
        assert_eq!(key(&SortBy::Subscribed(GroupId(1))), None);
    }

    #[test]
    fn display_order_keeps_the_name_and_drops_unknown_custom_fields() {
        let visible = vec![
            SortBy::Field(FieldRef::Builtin(FieldId::Points)),
            SortBy::Field(FieldRef::Custom("gone".into())),
            SortBy::Field(FieldRef::Builtin(FieldId::Email)),
        ];
        assert_eq!(
            in_display_order(&visible, &custom()),
            vec![
                SortBy::Name,
                SortBy::Field(FieldRef::Builtin(FieldId::Email)),
                SortBy::Field(FieldRef::Builtin(FieldId::Points)),
            ]
        );
        assert!(!can_hide(&SortBy::Name));
    }
}
