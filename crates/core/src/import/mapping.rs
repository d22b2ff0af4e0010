//! Column mapping: what each column of the file becomes ([`Target`]), guessed from its header —
//! our own export headers, the catalogue's Russian and English labels and keys, and common
//! synonyms (Фамилия / Last name / surname, Почта / E-mail, Мобильный / Phone, …) — or, without a
//! known header, from its content (a column of e-mails or phones). The user edits the guess.

use std::collections::HashSet;

use crate::fields::{CATALOGUE, FieldId, FieldRef};
use crate::model::CustomFieldDef;
use crate::normalize::fold;
use crate::validate;

use super::table::Table;

/// What one column of the file becomes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// Nothing: the column is not imported.
    Skip,
    /// A catalogue field.
    Field(FieldId),
    /// An existing custom field, by its key.
    Custom(String),
    /// A new text custom field with this name, created by the import.
    NewCustom(String),
}

impl Target {
    /// The field this column writes, for a new custom field under the key
    /// [`new_custom_key`] gives it; `None` for [`Target::Skip`].
    pub fn field(&self) -> Option<FieldRef> {
        match self {
            Self::Skip => None,
            Self::Field(id) => Some(FieldRef::Builtin(*id)),
            Self::Custom(key) => Some(FieldRef::Custom(key.clone())),
            Self::NewCustom(name) => Some(FieldRef::Custom(new_custom_key(name))),
        }
    }
}

/// The key of a custom field the import creates from the name `name`: `import.` and the folded
/// name.
pub fn new_custom_key(name: &str) -> String {
    format!("import.{}", fold(name))
}

/// Synonyms of catalogue fields in headers of other systems, written as [`header_key`] folds
/// them; labels, keys and export headers of the catalogue need no entry.
const SYNONYMS: &[(&str, FieldId)] = &[
    ("surname", FieldId::LastName),
    ("familyname", FieldId::LastName),
    ("name", FieldId::FirstName),
    ("givenname", FieldId::FirstName),
    ("patronymic", FieldId::MiddleName),
    ("почта", FieldId::Email),
    ("электроннаяпочта", FieldId::Email),
    ("адресэлектроннойпочты", FieldId::Email),
    ("mail", FieldId::Email),
    ("emailaddress", FieldId::Email),
    ("емейл", FieldId::Email),
    ("емэйл", FieldId::Email),
    ("мобильный", FieldId::Phone),
    ("мобильныйтелефон", FieldId::Phone),
    ("сотовый", FieldId::Phone),
    ("тел", FieldId::Phone),
    ("номертелефона", FieldId::Phone),
    ("mobile", FieldId::Phone),
    ("mobilephone", FieldId::Phone),
    ("phonenumber", FieldId::Phone),
    ("tel", FieldId::Phone),
    ("telephone", FieldId::Phone),
    ("комментарий", FieldId::Description),
    ("примечание", FieldId::Description),
    ("comment", FieldId::Description),
    ("notes", FieldId::Description),
    ("note", FieldId::Description),
    ("city", FieldId::BillingCity),
    ("регион", FieldId::BillingRegion),
    ("область", FieldId::BillingRegion),
    ("state", FieldId::BillingRegion),
    ("индекс", FieldId::BillingPostcode),
    ("zip", FieldId::BillingPostcode),
    ("zipcode", FieldId::BillingPostcode),
    ("postalcode", FieldId::BillingPostcode),
    ("country", FieldId::BillingCountry),
    ("адрес", FieldId::BillingStreet),
    ("address", FieldId::BillingStreet),
    ("street", FieldId::BillingStreet),
    ("менеджер", FieldId::Manager),
    ("manager", FieldId::Manager),
    ("тег", FieldId::Tags),
    ("tag", FieldId::Tags),
    ("метки", FieldId::Tags),
    ("баллы", FieldId::Points),
    ("бонусы", FieldId::Points),
    ("часовойпояс", FieldId::UtcOffset),
    ("timezone", FieldId::UtcOffset),
    ("utc", FieldId::UtcOffset),
    ("vk", FieldId::Vk),
    ("vkontakte", FieldId::Vk),
];

/// A header as matching sees it: folded, letters and digits only («E-mail» → `email`).
fn header_key(header: &str) -> String {
    fold(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether import can write field `id`: every catalogue field but the ones the system keeps
/// (group subscription dates, source, consent).
pub fn importable(id: FieldId) -> bool {
    !matches!(
        id,
        FieldId::GroupSubscribedAt | FieldId::Source | FieldId::Consent
    )
}

/// The importable catalogue field a header names: an export header, a Russian or English label,
/// a key or a synonym.
pub fn header_target(header: &str) -> Option<FieldId> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    CATALOGUE
        .iter()
        .filter(|d| importable(d.id))
        .find(|d| {
            d.export_column.is_some_and(|c| header_key(c) == key)
                || [d.label_ru, d.label_en, d.key]
                    .iter()
                    .any(|l| header_key(l) == key)
        })
        .map(|d| d.id)
        .or_else(|| SYNONYMS.iter().find(|(s, _)| *s == key).map(|(_, id)| *id))
}

/// How many non-blank cells of a column the content guess looks at.
const SAMPLE_CELLS: usize = 50;

/// The target of each column of `table`: by header (catalogue fields, then the account's
/// `custom` fields by name or key), else by content (e-mails, phones), else [`Target::Skip`].
/// A field goes to its first column only.
pub fn guess(table: &Table, custom: &[CustomFieldDef]) -> Vec<Target> {
    let mut taken = HashSet::new();
    (0..table.width())
        .map(|column| {
            let header = table.header(column);
            let target = header_target(header)
                .map(Target::Field)
                .or_else(|| custom_target(header, custom))
                .or_else(|| content_target(table, column))
                .unwrap_or(Target::Skip);
            if target != Target::Skip && !taken.insert(target.clone()) {
                Target::Skip
            } else {
                target
            }
        })
        .collect()
}

/// The existing custom field a header names, by its name or key.
fn custom_target(header: &str, custom: &[CustomFieldDef]) -> Option<Target> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    custom
        .iter()
        .find(|d| header_key(&d.label) == key || header_key(&d.key) == key)
        .map(|d| Target::Custom(d.key.clone()))
}

/// E-mail or phone when at least 4 in 5 of the column's first non-blank cells are one.
fn content_target(table: &Table, column: usize) -> Option<Target> {
    let cells: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|r| r.cells.get(column))
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .take(SAMPLE_CELLS)
        .collect();
    if cells.is_empty() {
        return None;
    }
    let most =
        |check: fn(&str) -> bool| cells.iter().filter(|c| check(c)).count() * 5 >= cells.len() * 4;
    if most(|c| validate::email(c).is_ok()) {
        Some(Target::Field(FieldId::Email))
    } else if most(|c| validate::phone(c).is_ok()) {
        Some(Target::Field(FieldId::Phone))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::EXPORT_ORDER;
    use crate::import::table::Row;
    use crate::model::CustomKind;

    fn table(headers: Option<&[&str]>, rows: &[&[&str]]) -> Table {
        let row = |line, cells: &[&str]| Row {
            line,
            cells: cells.iter().map(|c| (*c).to_owned()).collect(),
        };
        Table {
            headers: headers.map(|h| row(1, h)),
            rows: rows.iter().map(|r| row(2, r)).collect(),
        }
    }

    #[test]
    fn russian_and_english_headers() {
        let cases = [
            ("Фамилия", FieldId::LastName),
            ("Last name", FieldId::LastName),
            ("surname", FieldId::LastName),
            ("Имя", FieldId::FirstName),
            ("First Name", FieldId::FirstName),
            ("E-mail", FieldId::Email),
            ("Email", FieldId::Email),
            ("Почта", FieldId::Email),
            ("Телефон", FieldId::Phone),
            ("Phone", FieldId::Phone),
            ("Мобильный", FieldId::Phone),
            ("Город", FieldId::BillingCity),
            ("City", FieldId::BillingCity),
            ("Теги", FieldId::Tags),
        ];
        for (header, id) in cases {
            assert_eq!(header_target(header), Some(id), "{header}");
        }
        assert_eq!(header_target("Размер обуви"), None);
        assert_eq!(header_target(" - "), None);
    }

    #[test]
    fn our_export_headers_map_back_exactly() {
        for id in EXPORT_ORDER {
            assert_eq!(header_target(id.def().export_column.unwrap()), Some(id));
        }
    }

    #[test]
    fn content_custom_fields_and_fields_taken_once() {
        let custom = [CustomFieldDef {
            key: "clothing_size".into(),
            label: "Размер одежды".into(),
            kind: CustomKind::Text,
        }];
        let t = table(
            Some(&["Телефон", "Мобильный", "Размер одежды", "Контакт", "Прочее"]),
            &[&["+7 916 123-45-67", "", "M", "a@b.ru", "x"]],
        );
        assert_eq!(
            guess(&t, &custom),
            [
                Target::Field(FieldId::Phone),
                Target::Skip,
                Target::Custom("clothing_size".into()),
                Target::Field(FieldId::Email),
                Target::Skip,
            ]
        );
        let emails = table(None, &[&["a@b.ru"], &["c@d.ru"]]);
        assert_eq!(guess(&emails, &[]), [Target::Field(FieldId::Email)]);
        assert_eq!(
            Target::NewCustom("Размер Обуви".into()).field(),
            Some(FieldRef::Custom("import.размер обуви".into()))
        );
    }
}
