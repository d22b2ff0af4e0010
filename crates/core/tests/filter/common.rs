//! The hand-made base the explicit filter cases run against, and the `check` helpers that run a
//! filter text through parsing, compilation, the index and the naive evaluator. No randomness.

use contacts_core::filter::{CompileErrors, CompileOptions, Filter, IndexedBase, naive};
use contacts_core::model::{
    Base, Category, CategoryId, ChannelStatus, Consent, ConsentSource, Contact, ContactId,
    CustomFieldDef, CustomKind, CustomValue, EmailStatus, Group, GroupId, Membership,
    MembershipStatus, Money, Source, Timestamp, UtcOffset,
};
use contacts_core::values::{day_start, parse_date};

/// Moscow, minutes east of UTC: the offset the cases use unless they say otherwise.
pub const MSK: i32 = 180;

/// Moscow wall-clock time `dd.mm.yyyy hh:mm` as a timestamp.
pub fn msk(date: &str, hour: i64, minute: i64) -> Timestamp {
    let day = day_start(parse_date(date).expect("a valid test date"), MSK);
    Timestamp(day.0 + hour * 3_600_000 + minute * 60_000)
}

fn money(minor: i64) -> Option<Money> {
    Some(Money {
        minor,
        currency: "RUB".to_owned(),
    })
}

fn member(group: u64, at: Timestamp) -> Membership {
    Membership {
        group: GroupId(group),
        subscribed_at: at,
        status: MembershipStatus::Active,
    }
}

fn offset(half_hours: i8) -> Option<UtcOffset> {
    UtcOffset::from_half_hours(half_hours)
}

fn custom(pairs: &[(&str, CustomValue)]) -> std::collections::BTreeMap<String, CustomValue> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

/// The schema every test base shares: categories 1 «Клиенты» (groups 10, 11), 2 «Рассылки»
/// (groups 20, 21), 3 «Архив» (no group); custom fields vip_level (integer), birthday (date),
/// pet (text), newsletter (yes/no).
pub fn schema() -> Base {
    let category = |id, name: &str| Category {
        id: CategoryId(id),
        name: name.to_owned(),
    };
    let group = |id, category, name: &str| Group {
        id: GroupId(id),
        category: CategoryId(category),
        name: name.to_owned(),
    };
    let def = |key: &str, label: &str, kind| CustomFieldDef {
        key: key.to_owned(),
        label: label.to_owned(),
        kind,
    };
    Base {
        categories: vec![
            category(1, "Клиенты"),
            category(2, "Рассылки"),
            category(3, "Архив"),
        ],
        groups: vec![
            group(10, 1, "Москва VIP"),
            group(11, 1, "Питер"),
            group(20, 2, "Новости"),
            group(21, 2, "Акции"),
        ],
        custom_fields: vec![
            def("vip_level", "Уровень", CustomKind::Integer),
            def("birthday", "День рождения", CustomKind::Date),
            def("pet", "Питомец", CustomKind::Text),
            def("newsletter", "Рассылка", CustomKind::Bool),
        ],
        contacts: Vec::new(),
    }
}

/// Six contacts that between them have, and lack, a value in every field.
pub fn base() -> Base {
    let mut base = schema();
    base.contacts = vec![c1(), c2(), c3(), c4(), c5(), c6()];
    base
}

fn contact(id: u64) -> Contact {
    Contact {
        id: ContactId(id),
        ..Contact::default()
    }
}

fn c1() -> Contact {
    let mut c = contact(1);
    (c.last_name, c.first_name, c.middle_name) =
        ("Ёлкин".into(), "Пётр".into(), "Сергеевич".into());
    c.set_email("Petr.Elkin@Mail.RU");
    c.set_phone("8 (812) 123-45-67");
    c.description = "Постоянный клиент, любит скидки".into();
    c.client_info = "Звонить после 18:00".into();
    c.email_exists = Some(true);
    (c.status, c.sms_status, c.call_status) = (
        EmailStatus::Active,
        ChannelStatus::Allowed,
        ChannelStatus::Allowed,
    );
    c.paid_total = money(150_050);
    c.registered_at = Some(msk("01.03.2024", 10, 0));
    c.set_tags(["VIP", "опт"]);
    c.manager = "Анна Смирнова".into();
    c.utc_offset = offset(6);
    c.points = Some(120);
    c.billing.street = "Тверская".into();
    c.billing.house = "д. 1, кв. 5".into();
    c.billing.city = "Москва".into();
    c.billing.region = "Москва".into();
    c.billing.postcode = "125009".into();
    c.billing.country = "RU".into();
    c.shipping.city = "Химки".into();
    c.shipping.country = "RU".into();
    c.utm_first.source = "yandex".into();
    c.utm_last.source = "google".into();
    c.messengers.telegram = "@elkin".into();
    c.source = Source::Form;
    c.consent = Some(Consent {
        confirmed_at: msk("01.03.2024", 10, 5),
        source: ConsentSource::DoubleOptIn,
        evidence: "req-1".into(),
    });
    c.memberships = vec![
        member(10, msk("15.01.2024", 12, 0)),
        member(20, msk("01.02.2024", 0, 30)),
    ];
    c.custom = custom(&[
        ("vip_level", CustomValue::Integer(3)),
        ("birthday", CustomValue::Date(msk("05.05.1990", 0, 0))),
        ("pet", CustomValue::Text("Кот".into())),
        ("newsletter", CustomValue::Bool(true)),
    ]);
    c
}

fn c2() -> Contact {
    let mut c = contact(2);
    (c.last_name, c.first_name) = ("ЕЛКИНА".into(), "Алёна".into());
    c.set_email("alena@yandex.ru");
    c.set_phone("+7 812 123 45 67");
    c.email_exists = Some(false);
    c.call_status = ChannelStatus::OptedOut;
    c.paid_total = money(100_000);
    c.registered_at = Some(msk("02.03.2024", 1, 0));
    c.set_tags(["vip"]);
    c.manager = "анна смирнова".into();
    c.utc_offset = offset(6);
    c.points = Some(0);
    c.billing.city = "москва".into();
    c.billing.postcode = "125009".into();
    c.billing.country = "ru".into();
    c.source = Source::Import;
    c.memberships = vec![member(11, msk("10.02.2024", 9, 0))];
    c.custom = custom(&[
        ("vip_level", CustomValue::Integer(1)),
        ("pet", CustomValue::Text("кОТ".into())),
        ("newsletter", CustomValue::Bool(false)),
    ]);
    c
}

fn c3() -> Contact {
    let mut c = contact(3);
    (c.last_name, c.first_name) = ("Иванов".into(), "Иван".into());
    c.billing.city = "Санкт-Петербург".into();
    c.status = EmailStatus::Unsubscribed;
    c
}

fn c4() -> Contact {
    let mut c = contact(4);
    (c.last_name, c.first_name, c.middle_name) =
        ("Сидорова".into(), "Мария".into(), "Ивановна".into());
    c.set_email("maria@company.com");
    c.set_phone("+7 916 123-45-67");
    (c.status, c.sms_status) = (EmailStatus::Bounced, ChannelStatus::Failed);
    c.paid_total = money(99_999);
    c.registered_at = Some(msk("31.12.2023", 23, 59));
    c.set_tags(["Опт", "ёлка"]);
    c.utc_offset = offset(11);
    c.points = Some(-5);
    c.billing.city = "Казань".into();
    c.billing.region = "Татарстан".into();
    c.billing.country = "RU".into();
    c.shipping.city = "Москва".into();
    c.shipping.country = "KZ".into();
    c.source = Source::Migration;
    c.consent = Some(Consent {
        confirmed_at: msk("01.01.2024", 0, 0),
        source: ConsentSource::Migration,
        evidence: "migration-7".into(),
    });
    c.memberships = vec![
        member(20, msk("01.02.2024", 12, 0)),
        member(21, msk("31.12.2023", 10, 0)),
    ];
    c.custom = custom(&[("birthday", CustomValue::Date(msk("01.01.1985", 0, 0)))]);
    c
}

fn c5() -> Contact {
    let mut c = contact(5);
    (c.last_name, c.first_name) = ("Петров".into(), "Пётр".into());
    c.set_email("PETROV@mail.ru");
    c.set_phone("12345");
    (c.status, c.sms_status) = (EmailStatus::Complained, ChannelStatus::OptedOut);
    c.paid_total = money(0);
    c.points = Some(1000);
    c.set_tags(["елка"]);
    c.utc_offset = offset(-7);
    c.billing.city = "Ёлкино".into();
    c.memberships = vec![member(21, msk("01.03.2024", 0, 0))];
    c.custom = custom(&[("vip_level", CustomValue::Text("abc".into()))]);
    c
}

fn c6() -> Contact {
    let mut c = contact(6);
    c.first_name = "Ольга".into();
    c.set_email("olga@mail.ru");
    c.set_phone("8 800 555 35 35");
    (c.status, c.call_status) = (EmailStatus::DoesNotExist, ChannelStatus::Failed);
    c.paid_total = money(1_000_000);
    c.set_tags(["VIP", "Партнёр"]);
    c.billing.city = "Москва".into();
    c.billing.country = "BY".into();
    c.source = Source::Sync;
    c.memberships = vec![
        member(10, msk("15.01.2024", 23, 0)),
        member(11, msk("10.02.2024", 0, 0)),
    ];
    c.custom = custom(&[
        ("newsletter", CustomValue::Bool(true)),
        ("vip_level", CustomValue::Integer(5)),
    ]);
    c
}

/// The ids of `rows` of `base`.
pub fn ids_of(base: &Base, rows: &[u32]) -> Vec<u64> {
    rows.iter()
        .map(|&r| base.contacts[r as usize].id.0)
        .collect()
}

/// Runs `text` over [`base`] in Moscow time and checks the matching ids.
#[track_caller]
pub fn check(text: &str, expected: &[u64]) {
    check_at(MSK, text, expected);
}

/// Runs `text` over [`base`] with the user's time zone `offset` and checks the matching ids,
/// from the index and from the naive evaluator alike.
#[track_caller]
pub fn check_at(offset: i32, text: &str, expected: &[u64]) {
    let filter = Filter::from_url_text(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(filter.to_url_text(), text, "the test text is canonical");
    let index = IndexedBase::new(base());
    let options = CompileOptions {
        utc_offset_minutes: offset,
    };
    let compiled = filter
        .compile(index.base(), &options)
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    let engine = ids_of(index.base(), index.filter(&compiled).rows());
    let reference = ids_of(index.base(), &naive::filter(index.base(), &compiled));
    assert_eq!(engine, expected, "index, {text}");
    assert_eq!(reference, expected, "naive, {text}");
}

/// Compiles `text` against [`base`] and returns the errors; panics when it compiles.
#[track_caller]
pub fn compile_errors(text: &str) -> CompileErrors {
    let filter = Filter::from_url_text(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    match filter.compile(
        &base(),
        &CompileOptions {
            utc_offset_minutes: MSK,
        },
    ) {
        Ok(_) => panic!("{text} compiled"),
        Err(errors) => errors,
    }
}

/// Checks that `text` does not compile and that its message contains `expected`.
#[track_caller]
pub fn check_error(text: &str, expected: &str) {
    let message = compile_errors(text).to_string();
    assert!(
        message.contains(expected),
        "{text}: «{message}» lacks «{expected}»"
    );
}
