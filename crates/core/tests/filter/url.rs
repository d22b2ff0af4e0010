//! The URL text of a filter: its exact form, escaping, errors with positions, and property tests
//! that printing then parsing gives the filter back and that no input makes the parser panic.

use contacts_core::fields::{CATALOGUE, FieldId, FieldRef, MatchType};
use contacts_core::filter::{Condition, Filter, FilterParseErrorKind as Kind, GroupSelection};
use contacts_core::model::{CategoryId, GroupId};
use proptest::prelude::*;

fn builtin(id: FieldId) -> FieldRef {
    FieldRef::Builtin(id)
}

#[test]
fn empty_filter_is_the_empty_string() {
    assert_eq!(Filter::default().to_url_text(), "");
    assert_eq!(Filter::from_url_text(""), Ok(Filter::default()));
    assert_eq!(Filter::from_url_text("1"), Ok(Filter::default()));
}

#[test]
fn text_is_short_and_readable() {
    let filter = Filter {
        groups: GroupSelection {
            categories: vec![],
            groups: vec![GroupId(3), GroupId(7)],
        },
        conditions: vec![
            Condition::new(
                builtin(FieldId::BillingCity),
                MatchType::Eq,
                ["Москва", "Санкт-Петербург"],
            ),
            Condition::new(builtin(FieldId::PaidTotal), MatchType::Gt, ["1000"]),
            Condition::new(
                builtin(FieldId::Phone),
                MatchType::Empty,
                Vec::<String>::new(),
            ),
        ],
    };
    let text = "1~g:3,7~billing.city:eq:Москва,Санкт-Петербург~paid_total:gt:1000~phone:empty";
    assert_eq!(filter.to_url_text(), text);
    assert_eq!(Filter::from_url_text(text), Ok(filter));
}

#[test]
fn separators_in_values_and_keys_are_escaped() {
    let filter = Filter {
        groups: GroupSelection {
            categories: vec![CategoryId(1)],
            groups: vec![],
        },
        conditions: vec![
            Condition::new(
                builtin(FieldId::Description),
                MatchType::Contains,
                ["a~b:c,d!e", ""],
            ),
            Condition::new(FieldRef::Custom("*к:л".into()), MatchType::Eq, ["1,5"]),
        ],
    };
    let text = "1~c:1~description:contains:a!~b!:c!,d!!e,~**к!:л:eq:1!,5";
    assert_eq!(filter.to_url_text(), text);
    assert_eq!(Filter::from_url_text(text), Ok(filter));
}

#[test]
fn no_values_and_one_empty_value_differ() {
    let none = Filter::from_url_text("1~last_name:eq").unwrap();
    let blank = Filter::from_url_text("1~last_name:eq:").unwrap();
    assert!(none.conditions[0].values.is_empty());
    assert_eq!(blank.conditions[0].values, [""]);
}

#[test]
fn custom_keys_never_clash_with_catalogue_keys() {
    let filter = Filter::from_url_text("1~*last_name:eq:x").unwrap();
    assert_eq!(
        filter.conditions[0].field,
        FieldRef::Custom("last_name".into())
    );
    for def in CATALOGUE {
        assert!(
            !matches!(def.key, "c" | "g") && !def.key.starts_with('*'),
            "{}",
            def.key
        );
        assert!(!def.key.contains(['~', ':', ',', '!']), "{}", def.key);
    }
}

/// Checks that `text` fails with `kind` at character `position`.
#[track_caller]
fn check_parse_error(text: &str, position: usize, kind: Kind) {
    let error = Filter::from_url_text(text).expect_err(text);
    assert_eq!(
        (error.position(), &error.kind),
        (position, &kind),
        "{text}: {error}"
    );
    assert!(
        error
            .to_string()
            .starts_with(&format!("Фильтр в адресе повреждён (символ {position})"))
    );
}

#[test]
fn malformed_texts_say_what_and_where() {
    check_parse_error("2~g:1", 1, Kind::UnsupportedVersion("2".into()));
    check_parse_error("x", 1, Kind::UnsupportedVersion("x".into()));
    check_parse_error("1~nope:eq:1", 3, Kind::UnknownField("nope".into()));
    check_parse_error("1~last_name:zz:1", 13, Kind::UnknownMatchType("zz".into()));
    check_parse_error("1~last_name", 12, Kind::MissingMatchType);
    check_parse_error("1~~g:1", 3, Kind::EmptyItem);
    check_parse_error("1~", 3, Kind::EmptyItem);
    check_parse_error("1~last_name:eq:a!x", 18, Kind::BadEscape('x'));
    check_parse_error("1~last_name:eq:a!", 17, Kind::DanglingEscape);
    check_parse_error("1~g:1~g:2", 7, Kind::DuplicateSection('g'));
    check_parse_error("1~c:1~c:2", 7, Kind::DuplicateSection('c'));
    check_parse_error("1~g:1,x", 7, Kind::BadId("x".into()));
    check_parse_error("1~g:1,", 7, Kind::BadId("".into()));
    check_parse_error("1~g:+1", 5, Kind::BadId("+1".into()));
    check_parse_error(
        "1~g:99999999999999999999",
        5,
        Kind::BadId("99999999999999999999".into()),
    );
    check_parse_error("1~g", 4, Kind::BadId("".into()));
    check_parse_error("1~g:1:2", 6, Kind::TooManyParts);
    check_parse_error("1~last_name:eq:a:b", 17, Kind::TooManyParts);
    check_parse_error("1~last_name,first_name:eq:a", 12, Kind::UnexpectedComma);
    check_parse_error("1~last_name:eq,ne:a", 15, Kind::UnexpectedComma);
    check_parse_error("1~*a!~,b:eq:a", 7, Kind::UnexpectedComma);
}

#[test]
fn positions_count_characters_not_bytes() {
    check_parse_error("1~last_name:eq:Ёлка!x", 21, Kind::BadEscape('x'));
}

#[test]
fn parse_errors_tell_the_user_what_to_do() {
    let error = Filter::from_url_text("1~nope:eq:1").unwrap_err();
    assert_eq!(
        error.to_string(),
        "Фильтр в адресе повреждён (символ 3): нет поля «nope». Сбросьте фильтр и задайте его заново."
    );
}

#[test]
fn filters_are_serde_values() {
    let filter = Filter::from_url_text("1~c:1~g:2~*pet:eq:кот~billing.city:ne:Москва").unwrap();
    let json = serde_json::to_string(&filter).unwrap();
    assert!(json.contains(r#"{"builtin":"billing.city"}"#), "{json}");
    assert!(json.contains(r#"{"custom":"pet"}"#), "{json}");
    assert_eq!(serde_json::from_str::<Filter>(&json).unwrap(), filter);
    assert!(serde_json::from_str::<FieldRef>(r#"{"builtin":"nope"}"#).is_err());
}

/// Text that likes separators, escapes, Cyrillic, ё and odd Unicode.
fn weird_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[~:,!*a-zа-яёЁ0-9 \\\\%&#+\u{0}\u{301}\u{1F600}\u{FEFF}]{0,12}",
    ]
}

fn field_ref() -> impl Strategy<Value = FieldRef> {
    prop_oneof![
        (0..CATALOGUE.len()).prop_map(|i| FieldRef::Builtin(CATALOGUE[i].id)),
        weird_text().prop_map(FieldRef::Custom),
    ]
}

fn condition() -> impl Strategy<Value = Condition> {
    (
        field_ref(),
        proptest::sample::select(MatchType::ALL.to_vec()),
        prop::collection::vec(weird_text(), 0..4),
    )
        .prop_map(|(field, match_type, values)| Condition {
            field,
            match_type,
            values,
        })
}

fn filter() -> impl Strategy<Value = Filter> {
    (
        prop::collection::vec(any::<u64>().prop_map(CategoryId), 0..3),
        prop::collection::vec(any::<u64>().prop_map(GroupId), 0..4),
        prop::collection::vec(condition(), 0..5),
    )
        .prop_map(|(categories, groups, conditions)| Filter {
            groups: GroupSelection { categories, groups },
            conditions,
        })
}

/// Checks that parsing `text` does not panic and that an error points inside it (or just past).
fn parses_or_points_inside(text: &str) -> Result<(), TestCaseError> {
    if let Err(error) = Filter::from_url_text(text) {
        let len = text.chars().count();
        prop_assert!(
            (1..=len + 1).contains(&error.position()),
            "{text:?}: {error}"
        );
        prop_assert!(!error.to_string().is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn printing_then_parsing_gives_the_filter_back(filter in filter()) {
        let text = filter.to_url_text();
        prop_assert_eq!(text.is_empty(), filter.groups.categories.is_empty() && filter.groups.groups.is_empty() && filter.conditions.is_empty());
        prop_assert_eq!(Filter::from_url_text(&text), Ok(filter));
    }

    #[test]
    fn any_string_parses_or_fails_with_a_position(text in weird_text()) {
        parses_or_points_inside(&text)?;
        parses_or_points_inside(&format!("1~{text}"))?;
    }

    #[test]
    fn mutated_valid_texts_parse_or_fail_with_a_position(
        filter in filter(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..3u8, proptest::char::any()), 1..4),
    ) {
        let mut chars: Vec<char> = filter.to_url_text().chars().collect();
        for (at, op, c) in edits {
            let seps = ['~', ':', ',', '!', '*', c];
            match (op, chars.is_empty()) {
                (0, false) => { chars.remove(at.index(chars.len())); }
                (1, false) => { let i = at.index(chars.len()); chars[i] = seps[at.index(seps.len())]; }
                _ => { let i = at.index(chars.len() + 1); chars.insert(i, seps[at.index(seps.len())]); }
            }
        }
        parses_or_points_inside(&chars.into_iter().collect::<String>())?;
    }
}
