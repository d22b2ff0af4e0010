//! The import page's choices as plain values (SPEC §7): what a mapping select's value means,
//! the encodings and delimiters it offers, how a read file and a dry run are described. The
//! work — reading, mapping guesses, the dry run, the ops — is `contacts_core::import`.

use contacts_core::fields::{CATALOGUE, FieldId};
use contacts_core::import::{Counts, Delimiter, Encoding, FileKind, Target, importable};
use contacts_core::model::CustomFieldDef;

/// The select value of «Пропустить».
pub const SKIP: &str = "skip";

/// The select value of «Новое поле» (a new custom field named after the column).
pub const NEW_CUSTOM: &str = "new";

/// The select value of «Определить автоматически».
pub const AUTO: &str = "auto";

/// The select value of `target`.
pub fn target_value(target: &Target) -> String {
    match target {
        Target::Skip => SKIP.to_owned(),
        Target::Field(id) => format!("field:{}", id.def().key),
        Target::Custom(key) => format!("custom:{key}"),
        Target::NewCustom(_) => NEW_CUSTOM.to_owned(),
    }
}

/// The target a mapping select's `value` stands for in the column headed `header` (a new
/// custom field takes the header as its name, or «Столбец N» without one).
pub fn target_from_value(value: &str, header: &str, column: usize) -> Target {
    if value == NEW_CUSTOM {
        let name = header.trim();
        return Target::NewCustom(if name.is_empty() {
            format!("Столбец {}", column + 1)
        } else {
            name.to_owned()
        });
    }
    if let Some(key) = value.strip_prefix("field:")
        && let Some(id) = FieldId::from_key(key)
    {
        return Target::Field(id);
    }
    if let Some(key) = value.strip_prefix("custom:") {
        return Target::Custom(key.to_owned());
    }
    Target::Skip
}

/// The choices of a mapping select, as (value, label): «Пропустить», every importable field
/// of the catalogue, the account's custom fields, «Новое поле».
pub fn target_choices(custom: &[CustomFieldDef]) -> Vec<(String, String)> {
    let mut choices = vec![(SKIP.to_owned(), "Пропустить".to_owned())];
    choices.extend(
        CATALOGUE
            .iter()
            .filter(|def| importable(def.id))
            .map(|def| {
                (
                    target_value(&Target::Field(def.id)),
                    def.label_ru.to_owned(),
                )
            }),
    );
    choices.extend(custom.iter().map(|def| {
        (
            target_value(&Target::Custom(def.key.clone())),
            def.label.clone(),
        )
    }));
    choices.push((NEW_CUSTOM.to_owned(), "Новое поле".to_owned()));
    choices
}

/// The encoding chosen by a select value (its label); `None` for [`AUTO`].
pub fn encoding_from_value(value: &str) -> Option<Encoding> {
    Encoding::ALL.into_iter().find(|e| e.label() == value)
}

/// The delimiter chosen by a select value (its label); `None` for [`AUTO`].
pub fn delimiter_from_value(value: &str) -> Option<Delimiter> {
    Delimiter::ALL.into_iter().find(|d| d.label() == value)
}

/// How a file was read, for the page: «Прочитано строк: 3 (текст, кодировка UTF-8, …)».
pub fn describe_kind(kind: FileKind, rows: usize) -> String {
    let how = match kind {
        FileKind::Text {
            encoding,
            delimiter,
        } => format!(
            "текст, кодировка {}, разделитель {}",
            encoding.label(),
            delimiter.label()
        ),
        FileKind::Spreadsheet => "таблица Excel, первый лист".to_owned(),
    };
    format!("Прочитано строк: {rows} ({how})")
}

/// The dry run's numbers as (label, count), in the order the page shows them.
pub fn count_lines(counts: Counts) -> [(&'static str, usize); 4] {
    [
        ("Будет создано", counts.create),
        ("Будет обновлено", counts.update),
        ("Будет пропущено", counts.skip),
        ("Будет отклонено", counts.reject),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use contacts_core::model::CustomKind;

    #[test]
    fn every_choice_reads_back_as_the_target_it_shows() {
        let custom = vec![CustomFieldDef {
            key: "club".to_owned(),
            label: "Клуб".to_owned(),
            kind: CustomKind::Text,
        }];
        for (value, _) in target_choices(&custom) {
            let target = target_from_value(&value, "Заметки", 2);
            assert_eq!(target_value(&target), value);
        }
        assert_eq!(
            target_from_value(NEW_CUSTOM, "  ", 2),
            Target::NewCustom("Столбец 3".to_owned())
        );
        assert_eq!(target_from_value("field:nonsense", "", 0), Target::Skip);
    }

    #[test]
    fn the_catalogue_choices_start_with_the_name_fields() {
        let labels: Vec<String> = target_choices(&[]).into_iter().map(|(_, l)| l).collect();
        assert_eq!(labels[..4], ["Пропустить", "Фамилия", "Имя", "Отчество"]);
        assert_eq!(labels.last().map(String::as_str), Some("Новое поле"));
    }

    #[test]
    fn encodings_and_delimiters_are_chosen_by_their_labels() {
        assert_eq!(
            encoding_from_value("Windows-1251"),
            Some(Encoding::Windows1251)
        );
        assert_eq!(encoding_from_value(AUTO), None);
        assert_eq!(
            delimiter_from_value(Delimiter::Tab.label()),
            Some(Delimiter::Tab)
        );
    }

    #[test]
    fn a_dry_run_is_told_in_four_numbers() {
        let counts = Counts {
            create: 5,
            update: 1,
            skip: 2,
            reject: 3,
        };
        assert_eq!(
            count_lines(counts),
            [
                ("Будет создано", 5),
                ("Будет обновлено", 1),
                ("Будет пропущено", 2),
                ("Будет отклонено", 3)
            ]
        );
    }
}
