//! Explicit cases of SPEC §4 over the hand-made base of `common`: every field kind with every
//! match type it allows, the no-value rules, ё/case folding, days in a time zone, kopecks, phone
//! formats, tags as a set, custom fields, categories, OR within and AND across conditions, and
//! the rejection of everything that makes no sense.

use contacts_core::fields::{CATALOGUE, FieldKind, FieldRef, MatchType};
use contacts_core::filter::{CompileError, Condition, Filter};
use contacts_core::values::ValueError;

use crate::common::{base, check, check_at, check_error, compile_errors};

/// One `#[test]` per line: `name: "filter text" => [matching ids];`.
macro_rules! cases {
    ($($name:ident: $text:literal => [$($id:expr),*];)+) => {
        $(
            #[test]
            fn $name() {
                check($text, &[$($id),*]);
            }
        )+
    };
}

cases! {
    empty_filter_matches_everyone: "" => [1, 2, 3, 4, 5, 6];
    text_eq_folds_yo: "1~last_name:eq:елкин" => [1];
    text_eq_folds_case: "1~last_name:eq:ЁЛКИН" => [1];
    text_eq_is_whole_value: "1~last_name:eq:елк" => [];
    text_eq_values_are_ored: "1~last_name:eq:Елкин,Иванов" => [1, 3];
    text_ne_includes_contacts_without_value: "1~last_name:ne:елкин" => [2, 3, 4, 5, 6];
    text_ne_means_none_of_the_values: "1~last_name:ne:елкин,иванов" => [2, 4, 5, 6];
    text_contains_folds_yo: "1~last_name:contains:ёлк" => [1, 2];
    text_contains_substring: "1~last_name:contains:ов" => [3, 4, 5];
    text_contains_values_are_ored: "1~last_name:contains:ов,елк" => [1, 2, 3, 4, 5];
    text_empty: "1~last_name:empty" => [6];
    text_not_empty: "1~last_name:notempty" => [1, 2, 3, 4, 5];
    first_name_eq_yo_either_way: "1~first_name:eq:петр" => [1, 5];
    first_name_eq_typed_with_yo: "1~first_name:eq:алёна" => [2];
    middle_name_empty: "1~middle_name:empty" => [2, 3, 5, 6];
    middle_name_contains: "1~middle_name:contains:вна" => [4];
    email_eq_ignores_case: "1~email:eq:petr.elkin@mail.ru" => [1];
    email_contains_domain: "1~email:contains:@MAIL.RU" => [1, 5, 6];
    email_empty: "1~email:empty" => [3];
    email_ne: "1~email:ne:olga@mail.ru" => [1, 2, 3, 4, 5];
    email_not_empty: "1~email:notempty" => [1, 2, 4, 5, 6];
    phone_eq_8_812_form_matches_plus_7_form: "1~phone:eq:8 (812) 123-45-67" => [1, 2];
    phone_eq_plus_7_form: "1~phone:eq:+7 812 123 45 67" => [1, 2];
    phone_eq_bare_digits: "1~phone:eq:88121234567" => [1, 2];
    phone_eq_ten_digits: "1~phone:eq:8121234567" => [1, 2];
    phone_contains_area_code: "1~phone:contains:812" => [1, 2];
    phone_contains_digit_run: "1~phone:contains:123" => [1, 2, 4, 5];
    phone_contains_ignores_punctuation: "1~phone:contains:555-35" => [6];
    phone_eq_invalid_number_by_digits: "1~phone:eq:12-345" => [5];
    phone_eq_toll_free: "1~phone:eq:8 800 555-35-35" => [6];
    phone_empty: "1~phone:empty" => [3];
    phone_ne: "1~phone:ne:8 (812) 123-45-67" => [3, 4, 5, 6];
    phone_not_empty: "1~phone:notempty" => [1, 2, 4, 5, 6];
    description_contains_folds_case: "1~description:contains:СКИДКИ" => [1];
    client_info_empty: "1~client_info:empty" => [2, 3, 4, 5, 6];
    client_info_eq: "1~client_info:eq:звонить после 18!:00" => [1];
    email_exists_yes: "1~email_exists:eq:да" => [1];
    email_exists_no: "1~email_exists:eq:нет" => [2];
    email_exists_ne_yes_includes_unknown: "1~email_exists:ne:да" => [2, 3, 4, 5, 6];
    email_exists_empty_is_unknown: "1~email_exists:empty" => [3, 4, 5, 6];
    email_exists_not_empty: "1~email_exists:notempty" => [1, 2];
    email_exists_yes_or_no: "1~email_exists:eq:да,нет" => [1, 2];
    status_by_label: "1~status:eq:активен" => [1];
    status_by_codes: "1~status:eq:active,bounced" => [1, 4];
    status_ne_label_without_yo: "1~status:ne:не подтвержден" => [1, 3, 4, 5, 6];
    status_does_not_exist: "1~status:eq:Не существует" => [6];
    sms_status_by_label: "1~sms_status:eq:отказался" => [5];
    call_status_by_code: "1~call_status:eq:opted_out" => [2];
    call_status_ne: "1~call_status:ne:неизвестно" => [1, 2, 6];
    money_gt_whole_roubles: "1~paid_total:gt:1000" => [1, 6];
    money_ge: "1~paid_total:ge:1000" => [1, 2, 6];
    money_eq_kopecks_with_comma: "1~paid_total:eq:1500!,50" => [1];
    money_eq_kopecks_with_point: "1~paid_total:eq:1500.5" => [1];
    money_eq_with_spaces: "1~paid_total:eq:1 500.50" => [1];
    money_lt_excludes_no_value: "1~paid_total:lt:1000" => [4, 5];
    money_le_kopecks: "1~paid_total:le:999!,99" => [4, 5];
    money_gt_kopecks: "1~paid_total:gt:999!,99" => [1, 2, 6];
    money_ne_includes_no_value: "1~paid_total:ne:1000" => [1, 3, 4, 5, 6];
    money_eq_zero_is_a_value: "1~paid_total:eq:0" => [5];
    money_empty: "1~paid_total:empty" => [3];
    money_not_empty: "1~paid_total:notempty" => [1, 2, 4, 5, 6];
    money_gt_values_are_ored: "1~paid_total:gt:5000,1000" => [1, 6];
    date_eq_moscow_day: "1~registered_at:eq:01.03.2024" => [1];
    date_eq_after_moscow_midnight: "1~registered_at:eq:02.03.2024" => [2];
    date_eq_short_form: "1~registered_at:eq:2.3.2024" => [2];
    date_gt: "1~registered_at:gt:01.03.2024" => [2];
    date_ge: "1~registered_at:ge:01.03.2024" => [1, 2];
    date_lt_last_minute_of_year: "1~registered_at:lt:01.01.2024" => [4];
    date_le: "1~registered_at:le:31.12.2023" => [4];
    date_empty: "1~registered_at:empty" => [3, 5, 6];
    date_not_empty: "1~registered_at:notempty" => [1, 2, 4];
    date_ne_includes_no_value: "1~registered_at:ne:01.03.2024" => [2, 3, 4, 5, 6];
    tags_eq_is_has_tag_any_case: "1~tags:eq:vip" => [1, 2, 6];
    tags_eq_cyrillic_case: "1~tags:eq:ОПТ" => [1, 4];
    tags_eq_folds_yo: "1~tags:eq:елка" => [4, 5];
    tags_eq_whole_tag_only: "1~tags:eq:vi" => [];
    tags_eq_values_are_ored: "1~tags:eq:партнер,опт" => [1, 4, 6];
    tags_ne_means_has_none: "1~tags:ne:vip" => [3, 4, 5];
    tags_ne_none_of_several: "1~tags:ne:vip,опт" => [3, 5];
    tags_contains_some_tag_contains: "1~tags:contains:парт" => [6];
    tags_contains_folds_yo: "1~tags:contains:ёл" => [4, 5];
    tags_contains_latin: "1~tags:contains:V" => [1, 2, 6];
    tags_empty: "1~tags:empty" => [3];
    tags_not_empty: "1~tags:notempty" => [1, 2, 4, 5, 6];
    subscribed_eq_any_membership: "1~group_subscribed_at:eq:15.01.2024" => [1, 6];
    subscribed_eq_moscow_day: "1~group_subscribed_at:eq:01.02.2024" => [1, 4];
    subscribed_only_selected_groups: "1~g:10~group_subscribed_at:eq:01.02.2024" => [];
    subscribed_in_selected_group: "1~g:20~group_subscribed_at:eq:01.02.2024" => [1, 4];
    subscribed_lt_any_membership: "1~group_subscribed_at:lt:01.01.2024" => [4];
    subscribed_lt_selected_group_only: "1~g:20~group_subscribed_at:lt:01.01.2024" => [];
    subscribed_empty_without_memberships: "1~group_subscribed_at:empty" => [3];
    subscribed_empty_in_selected_group: "1~g:21~group_subscribed_at:empty" => [];
    subscribed_ne_none_equal: "1~group_subscribed_at:ne:15.01.2024" => [2, 3, 4, 5];
    subscribed_ge: "1~group_subscribed_at:ge:01.03.2024" => [5];
    subscribed_gt_excludes_same_day: "1~group_subscribed_at:gt:10.02.2024" => [5];
    subscribed_le: "1~group_subscribed_at:le:31.12.2023" => [4];
    subscribed_not_empty_in_category: "1~c:2~group_subscribed_at:notempty" => [1, 4, 5];
    manager_eq_folds_case: "1~manager:eq:АННА СМИРНОВА" => [1, 2];
    manager_empty: "1~manager:empty" => [3, 4, 5, 6];
    utc_offset_eq: "1~utc_offset:eq:+3" => [1, 2];
    utc_offset_eq_half_hour: "1~utc_offset:eq:5!:30" => [4];
    utc_offset_lt_negative_half_hour: "1~utc_offset:lt:0" => [5];
    utc_offset_ge: "1~utc_offset:ge:3" => [1, 2, 4];
    utc_offset_gt: "1~utc_offset:gt:UTC+3" => [4];
    utc_offset_le: "1~utc_offset:le:-3.5" => [5];
    utc_offset_ne: "1~utc_offset:ne:3" => [3, 4, 5, 6];
    utc_offset_empty: "1~utc_offset:empty" => [3, 6];
    points_gt: "1~points:gt:100" => [1, 5];
    points_eq_zero: "1~points:eq:0" => [2];
    points_lt_negative: "1~points:lt:0" => [4];
    points_le: "1~points:le:0" => [2, 4];
    points_ge: "1~points:ge:120" => [1, 5];
    points_ne_includes_no_value: "1~points:ne:0" => [1, 3, 4, 5, 6];
    points_empty: "1~points:empty" => [3, 6];
    points_eq_with_thousands_space: "1~points:eq:1 000" => [5];
    city_eq_folds_case: "1~billing.city:eq:Москва" => [1, 2, 6];
    city_eq_two_cities: "1~billing.city:eq:Москва,Санкт-Петербург" => [1, 2, 3, 6];
    city_eq_folds_yo: "1~billing.city:eq:елкино" => [5];
    city_contains: "1~billing.city:contains:петер" => [3];
    city_ne: "1~billing.city:ne:москва" => [3, 4, 5];
    street_contains: "1~billing.street:contains:твер" => [1];
    house_empty: "1~billing.house:empty" => [2, 3, 4, 5, 6];
    house_eq: "1~billing.house:eq:Д. 1!, КВ. 5" => [1];
    region_eq: "1~billing.region:eq:татарстан" => [4];
    postcode_eq: "1~billing.postcode:eq:125009" => [1, 2];
    postcode_contains: "1~billing.postcode:contains:250" => [1, 2];
    country_eq_ignores_case: "1~billing.country:eq:ru" => [1, 2, 4];
    country_eq_two: "1~billing.country:eq:RU,by" => [1, 2, 4, 6];
    country_ne_includes_no_value: "1~billing.country:ne:RU" => [3, 5, 6];
    country_empty: "1~billing.country:empty" => [3, 5];
    country_not_empty: "1~billing.country:notempty" => [1, 2, 4, 6];
    shipping_city_eq: "1~shipping.city:eq:москва" => [4];
    shipping_country_eq: "1~shipping.country:eq:kz" => [4];
    shipping_street_empty: "1~shipping.street:empty" => [1, 2, 3, 4, 5, 6];
    shipping_house_not_empty: "1~shipping.house:notempty" => [];
    shipping_region_contains: "1~shipping.region:contains:а" => [];
    shipping_postcode_ne: "1~shipping.postcode:ne:101000" => [1, 2, 3, 4, 5, 6];
    utm_first_source_eq: "1~utm_first.source:eq:Yandex" => [1];
    utm_last_source_not_empty: "1~utm_last.source:notempty" => [1];
    telegram_contains: "1~telegram:contains:ELK" => [1];
    vk_empty: "1~vk:empty" => [1, 2, 3, 4, 5, 6];
    source_eq_label: "1~source:eq:импорт" => [2];
    source_eq_codes: "1~source:eq:form,migration" => [1, 4];
    source_ne_label: "1~source:ne:вручную" => [1, 2, 4, 6];
    consent_eq_label: "1~consent:eq:двойное подтверждение" => [1];
    consent_eq_code: "1~consent:eq:migration" => [4];
    consent_ne_includes_no_consent: "1~consent:ne:migration" => [1, 2, 3, 5, 6];
    consent_empty: "1~consent:empty" => [2, 3, 5, 6];
    consent_not_empty: "1~consent:notempty" => [1, 4];
    custom_integer_gt_wrong_type_is_no_value: "1~*vip_level:gt:2" => [1, 6];
    custom_integer_empty: "1~*vip_level:empty" => [3, 4, 5];
    custom_integer_ne: "1~*vip_level:ne:1" => [1, 3, 4, 5, 6];
    custom_text_eq_folds_case: "1~*pet:eq:кот" => [1, 2];
    custom_text_contains: "1~*pet:contains:О" => [1, 2];
    custom_text_empty: "1~*pet:empty" => [3, 4, 5, 6];
    custom_date_eq: "1~*birthday:eq:05.05.1990" => [1];
    custom_date_lt: "1~*birthday:lt:01.01.1990" => [4];
    custom_bool_eq: "1~*newsletter:eq:да" => [1, 6];
    custom_bool_ne: "1~*newsletter:ne:да" => [2, 3, 4, 5];
    custom_bool_empty: "1~*newsletter:empty" => [3, 4, 5];
    group_one: "1~g:10" => [1, 6];
    groups_any_of_two: "1~g:10,20" => [1, 4, 6];
    category_selects_its_groups: "1~c:1" => [1, 2, 6];
    other_category: "1~c:2" => [1, 4, 5];
    category_and_group_together: "1~c:1~g:21" => [1, 2, 4, 5, 6];
    category_without_groups_selects_nobody: "1~c:3" => [];
    conditions_are_anded: "1~tags:eq:vip~points:notempty" => [1, 2];
    benchmark_shape: "1~g:10,20~billing.city:eq:москва~paid_total:gt:1000~status:eq:активен" => [1];
    groups_and_conditions: "1~c:1~tags:ne:vip" => [];
    condition_order_does_not_matter: "1~points:notempty~tags:eq:vip" => [1, 2];
}

#[test]
fn days_follow_the_users_time_zone() {
    check_at(0, "1~registered_at:eq:01.03.2024", &[1, 2]);
    check_at(0, "1~group_subscribed_at:eq:01.02.2024", &[4]);
    check_at(0, "1~group_subscribed_at:eq:31.01.2024", &[1]);
    check_at(300, "1~registered_at:lt:01.01.2024", &[]);
    check_at(300, "1~registered_at:eq:01.01.2024", &[4]);
}

#[test]
fn match_types_that_make_no_sense_are_rejected() {
    check_error(
        "1~points:contains:5",
        "Условие 1 («Баллы»): сравнение «содержит» не подходит",
    );
    check_error("1~last_name:gt:а", "сравнение «больше» не подходит");
    check_error("1~status:empty", "сравнение «пусто» не подходит");
    check_error("1~tags:lt:x", "сравнение «меньше» не подходит");
    check_error(
        "1~billing.country:contains:r",
        "можно: соответствует, не соответствует, пусто, не пусто",
    );
    check_error("1~*vip_level:contains:1", "Условие 1 («Уровень»)");
    check_error("1~email_exists:ge:да", "не подходит");
    check_error("1~consent:contains:x", "не подходит");
}

#[test]
fn every_catalogue_field_rejects_exactly_the_match_types_it_does_not_offer() {
    for def in CATALOGUE {
        for match_type in MatchType::ALL {
            let values: Vec<&str> = if match_type.takes_values() {
                vec![sample(def.kind)]
            } else {
                vec![]
            };
            let filter = Filter {
                conditions: vec![Condition::new(
                    FieldRef::Builtin(def.id),
                    match_type,
                    values,
                )],
                ..Filter::default()
            };
            let result = filter.compile(&base(), &Default::default());
            if def.kind.match_types().contains(&match_type) {
                assert!(result.is_ok(), "{} {match_type:?}: {result:?}", def.key);
            } else {
                assert!(
                    matches!(&result, Err(e) if matches!(e.0[..], [CompileError::MatchTypeNotAllowed { .. }])),
                    "{} {match_type:?}: {result:?}",
                    def.key
                );
            }
        }
    }
}

/// A valid value for every kind.
fn sample(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text | FieldKind::Email | FieldKind::Tags => "а",
        FieldKind::Phone => "8 (812) 123-45-67",
        FieldKind::Money => "10,50",
        FieldKind::Date | FieldKind::SubscriptionDate => "01.03.2024",
        FieldKind::Integer => "7",
        FieldKind::Bool => "да",
        FieldKind::UtcOffset => "+3",
        FieldKind::Country => "RU",
        FieldKind::EmailStatus => "активен",
        FieldKind::ChannelStatus => "разрешено",
        FieldKind::Source => "импорт",
        FieldKind::Consent => "перенос",
    }
}

#[test]
fn values_are_required_unless_empty_or_not_empty() {
    check_error(
        "1~last_name:eq",
        "Условие 1 («Фамилия»): для сравнения «соответствует» введите хотя бы одно значение",
    );
    check_error(
        "1~last_name:empty:x",
        "сравнение «пусто» не принимает значений",
    );
    check_error(
        "1~paid_total:notempty:",
        "сравнение «не пусто» не принимает значений",
    );
    check_error(
        "1~last_name:eq:  ",
        "пустое значение; чтобы найти контакты без значения, выберите «пусто»",
    );
    check_error("1~last_name:eq:а,", "пустое значение");
}

#[test]
fn unparsable_values_say_which_value_which_field_and_why() {
    let errors = compile_errors("1~paid_total:gt:много");
    assert!(matches!(
        &errors.0[..],
        [CompileError::BadValue { condition: 0, field, reason: ValueError::NotANumber(v), .. }]
            if field == "Оплатил на сумму" && v == "много"
    ));
    assert_eq!(
        errors.to_string(),
        "Условие 1 («Оплатил на сумму»): «много» — не число; ожидается сумма, например 1 500,50"
    );
    check_error("1~paid_total:eq:1!,005", "«1,005» — не число");
    check_error(
        "1~registered_at:eq:2024-03-01",
        "«2024-03-01» — не дата в формате дд.мм.гггг",
    );
    check_error("1~registered_at:eq:31.02.2024", "не дата");
    check_error("1~group_subscribed_at:gt:вчера", "не дата");
    check_error(
        "1~status:eq:ok",
        "«ok» — нет такого значения; ожидается одно из: активен, не подтверждён",
    );
    check_error("1~sms_status:eq:да", "нет такого значения");
    check_error(
        "1~source:eq:сайт",
        "ожидается одно из: форма подписки, вручную, импорт, перенос, синхронизация",
    );
    check_error("1~consent:eq:да", "нет такого значения");
    check_error("1~email_exists:eq:может быть", "ожидается «да» или «нет»");
    check_error("1~utc_offset:eq:+15", "не часовой пояс");
    check_error("1~points:gt:1.5", "«1.5» — не число; ожидается целое число");
    check_error(
        "1~billing.country:eq:Россия",
        "код страны из двух латинских букв",
    );
    check_error("1~phone:eq:abc", "ожидается номер телефона");
    check_error("1~*birthday:eq:завтра", "Условие 1 («День рождения»)");
    check_error("1~*newsletter:eq:иногда", "«да» или «нет»");
}

#[test]
fn unknown_groups_categories_and_custom_fields_are_rejected() {
    check_error("1~g:99", "Группы №99 больше нет");
    check_error("1~c:99", "Категории №99 больше нет");
    check_error("1~*nope:eq:1", "Условие 1 («nope»): такого доп. поля нет");
}

#[test]
fn all_errors_are_reported_in_order() {
    let errors = compile_errors("1~g:99~points:contains:5~paid_total:gt:x,y");
    let conditions: Vec<Option<usize>> = errors.0.iter().map(CompileError::condition).collect();
    assert_eq!(conditions, [None, Some(0), Some(1), Some(1)]);
    assert_eq!(errors.to_string().lines().count(), 4);
}
