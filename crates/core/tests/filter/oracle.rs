//! Property tests: on random small bases (empty values, ё and case variants, phones in mixed
//! formats, stray groups, wrongly typed custom values) and random valid filters, the index returns
//! exactly the naive evaluator's rows — also after random edits of an index whose columns are
//! already built.

use contacts_core::fields::{CATALOGUE, FieldKind, FieldRef};
use contacts_core::filter::{
    CompileOptions, CompiledFilter, Condition, Filter, GroupSelection, IndexedBase, naive,
};
use contacts_core::model::{
    Base, CategoryId, ChannelStatus, Consent, ConsentSource, Contact, ContactId, CustomValue,
    EmailStatus, GroupId, Membership, MembershipStatus, Money, Source, Timestamp, UtcOffset,
};
use contacts_core::values::Labelled;
use proptest::prelude::*;

use crate::common::schema;

/// SplitMix64: a small deterministic generator driven by proptest's seeds.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const TEXTS: &[&str] = &[
    "",
    " ",
    "Москва",
    "москва",
    "МОСКВА",
    "Санкт-Петербург",
    "Ёлкин",
    "елкин",
    "ЕЛКИНА",
    "Иванов",
    "иванова",
    "Пётр",
    "петр",
    "Straße",
    "ΣΊΣΥΦΟΣ",
    "a@mail.ru",
    "A@MAIL.RU",
    "b@yandex.ru",
    "o",
];
const PHONES: &[&str] = &[
    "",
    "8 (812) 123-45-67",
    "+7 812 123 45 67",
    "88121234567",
    "12345",
    "+7 916 000-11-22",
    "abc",
    "8 800 555 35 35",
    "+44 20 7946 0958",
];
const COUNTRIES: &[&str] = &["", "RU", "ru", "Kz", "BY"];
const TAGS: &[&str] = &["VIP", "vip", "Опт", "ёлка", "елка", " ", "Партнёр"];
const MONEY: &[Option<i64>] = &[
    None,
    Some(0),
    Some(99_999),
    Some(100_000),
    Some(100_001),
    Some(150_050),
    Some(-500),
];
const NUMBERS: &[Option<i64>] = &[None, Some(-5), Some(0), Some(1), Some(120), Some(1000)];
const OFFSETS: &[Option<i8>] = &[None, Some(-7), Some(0), Some(6), Some(11)];
const GROUPS: &[u64] = &[10, 11, 20, 21, 99];

/// The time zones filters are compiled in, in minutes east of UTC.
const ZONES: &[i32] = &[0, 180, -300, 330];

/// A midnight of 27.02–03.03.2024 in one of [`ZONES`], give or take a millisecond or half a day,
/// so day boundaries are hit exactly in every zone.
fn instant(rng: &mut Rng) -> Timestamp {
    let day = 1_709_251_200_000 + (rng.below(6) as i64 - 3) * 86_400_000;
    let zone = i64::from(rng.pick(ZONES)) * 60_000;
    let jitter = rng.pick(&[0, -1, 1, 43_200_000]);
    Timestamp(day - zone + jitter)
}

fn random_contact(rng: &mut Rng, id: u64) -> Contact {
    let mut c = Contact {
        id: ContactId(id),
        ..Contact::default()
    };
    for def in CATALOGUE {
        if let Some(text) = c.text_mut(def.id) {
            *text = rng.pick(TEXTS).to_owned();
        }
    }
    c.email = rng.pick(TEXTS).to_owned();
    c.set_phone(rng.pick(PHONES));
    c.billing.country = rng.pick(COUNTRIES).to_owned();
    c.shipping.country = rng.pick(COUNTRIES).to_owned();
    c.email_exists = rng.pick(&[None, Some(true), Some(false)]);
    c.status = rng.pick(EmailStatus::ALL);
    c.sms_status = rng.pick(ChannelStatus::ALL);
    c.call_status = rng.pick(ChannelStatus::ALL);
    c.source = rng.pick(Source::ALL);
    c.paid_total = rng.pick(MONEY).map(|minor| Money {
        minor,
        currency: "RUB".into(),
    });
    c.registered_at = rng.chance(70).then(|| instant(rng));
    c.tags = TAGS
        .iter()
        .filter(|_| rng.chance(30))
        .map(|t| (*t).to_owned())
        .collect();
    c.utc_offset = rng.pick(OFFSETS).and_then(UtcOffset::from_half_hours);
    c.points = rng.pick(NUMBERS);
    c.consent = rng.chance(50).then(|| Consent {
        confirmed_at: instant(rng),
        source: rng.pick(ConsentSource::ALL),
        evidence: String::new(),
    });
    for &group in GROUPS {
        if rng.chance(35) {
            let subscribed_at = instant(rng);
            c.memberships.push(Membership {
                group: GroupId(group),
                subscribed_at,
                status: MembershipStatus::Active,
            });
        }
    }
    let values = [
        (
            "vip_level",
            [
                None,
                Some(CustomValue::Integer(rng.pick(&[0, 1, 3]))),
                Some(CustomValue::Text("abc".into())),
            ],
        ),
        (
            "birthday",
            [
                None,
                Some(CustomValue::Date(instant(rng))),
                Some(CustomValue::Bool(true)),
            ],
        ),
        (
            "pet",
            [
                None,
                Some(CustomValue::Text(rng.pick(TEXTS).into())),
                Some(CustomValue::Integer(1)),
            ],
        ),
        (
            "newsletter",
            [
                None,
                Some(CustomValue::Bool(rng.chance(50))),
                Some(CustomValue::Text("да".into())),
            ],
        ),
    ];
    for (key, options) in values {
        if let Some(value) = rng.pick(&options) {
            c.custom.insert(key.to_owned(), value);
        }
    }
    c
}

fn random_base(rng: &mut Rng, count: usize) -> Base {
    let mut base = schema();
    base.contacts = (0..count as u64)
        .map(|id| random_contact(rng, id + 1))
        .collect();
    base
}

fn labels<T: Labelled>() -> Vec<&'static str> {
    T::ALL
        .iter()
        .flat_map(|o| [o.code(), o.label_ru()])
        .collect()
}

/// Valid values a user might type for a field of `kind`.
fn values_for(kind: FieldKind) -> Vec<&'static str> {
    match kind {
        FieldKind::Text | FieldKind::Email => {
            vec![
                "москва",
                "Ёлкин",
                "елк",
                "@mail.ru",
                "A@MAIL.RU",
                "ов",
                "Санкт-Петербург",
                "o",
                "σ",
                "ss",
            ]
        }
        FieldKind::Phone => vec![
            "8 (812) 123-45-67",
            "812",
            "123",
            "12345",
            "+7 916 000-11-22",
            "555 35",
            "4420",
        ],
        FieldKind::Tags => vec!["vip", "ОПТ", "ёлка", "ел", "v", "партнер"],
        FieldKind::Country => vec!["ru", "KZ", "by"],
        FieldKind::Money => vec!["0", "999,99", "1000", "1000,01", "1500,50", "-5"],
        FieldKind::Integer => vec!["-5", "0", "1", "3", "120", "1000"],
        FieldKind::UtcOffset => vec!["+3", "5:30", "-3:30", "0"],
        FieldKind::Date | FieldKind::SubscriptionDate => {
            vec![
                "27.02.2024",
                "28.02.2024",
                "29.02.2024",
                "01.03.2024",
                "02.03.2024",
                "03.03.2024",
            ]
        }
        FieldKind::Bool => vec!["да", "нет"],
        FieldKind::EmailStatus => labels::<EmailStatus>(),
        FieldKind::ChannelStatus => labels::<ChannelStatus>(),
        FieldKind::Source => labels::<Source>(),
        FieldKind::Consent => labels::<ConsentSource>(),
    }
}

fn random_condition(rng: &mut Rng, base: &Base) -> Condition {
    let (field, kind) = if rng.chance(20) {
        let def = rng.pick(&base.custom_fields);
        (
            FieldRef::Custom(def.key.clone()),
            FieldKind::of_custom(def.kind),
        )
    } else {
        let def = rng.pick(CATALOGUE);
        (FieldRef::Builtin(def.id), def.kind)
    };
    let match_type = rng.pick(kind.match_types());
    let count = if match_type.takes_values() {
        1 + rng.below(3)
    } else {
        0
    };
    let pool = values_for(kind);
    Condition::new(field, match_type, (0..count).map(|_| rng.pick(&pool)))
}

fn random_filter(rng: &mut Rng, base: &Base) -> Filter {
    let groups = if rng.chance(40) {
        GroupSelection {
            categories: [1, 2, 3]
                .into_iter()
                .filter(|_| rng.chance(30))
                .map(CategoryId)
                .collect(),
            groups: [10, 11, 20, 21]
                .into_iter()
                .filter(|_| rng.chance(30))
                .map(GroupId)
                .collect(),
        }
    } else {
        GroupSelection::default()
    };
    let conditions = (0..rng.below(4))
        .map(|_| random_condition(rng, base))
        .collect();
    Filter { groups, conditions }
}

fn compiled(rng: &mut Rng, base: &Base) -> (String, CompiledFilter) {
    let filter = random_filter(rng, base);
    let options = CompileOptions {
        utc_offset_minutes: rng.pick(ZONES),
    };
    let compiled = filter
        .compile(base, &options)
        .unwrap_or_else(|e| panic!("{}: {e}", filter.to_url_text()));
    (
        format!(
            "{} at {:+} min",
            filter.to_url_text(),
            options.utc_offset_minutes
        ),
        compiled,
    )
}

fn agree(index: &IndexedBase, what: &str, filter: &CompiledFilter) -> Result<(), TestCaseError> {
    let engine = index.filter(filter);
    let reference = naive::filter(index.base(), filter);
    prop_assert_eq!(engine.rows(), &reference[..], "{}", what);
    Ok(())
}

/// One random edit through the index's editing methods.
fn edit(rng: &mut Rng, index: &mut IndexedBase, next_id: &mut u64) {
    let ids: Vec<ContactId> = index.base().contacts.iter().map(|c| c.id).collect();
    match (rng.below(5), ids.is_empty()) {
        (0, false) => {
            let id = rng.pick(&ids);
            let mut fresh = random_contact(rng, id.0);
            fresh.id = id;
            index.upsert_contact(fresh);
        }
        (1, false) => {
            let doomed: Vec<ContactId> = ids.iter().copied().filter(|_| rng.chance(25)).collect();
            index.remove_contacts(&doomed);
        }
        (2, false) => {
            let id = rng.pick(&ids);
            let group = GroupId(rng.pick(GROUPS));
            let at = instant(rng);
            index.update_contact(id, |c| {
                match c.memberships.iter().position(|m| m.group == group) {
                    Some(i) => {
                        c.memberships.remove(i);
                    }
                    None => c.memberships.push(Membership {
                        group,
                        subscribed_at: at,
                        status: MembershipStatus::Active,
                    }),
                }
            });
        }
        (3, false) => {
            let id = rng.pick(&ids);
            let tag = rng.pick(TAGS);
            let city = rng.pick(TEXTS);
            let phone = rng.pick(PHONES);
            index.update_contact(id, |c| {
                c.tags.push(tag.to_owned());
                c.billing.city = city.to_owned();
                c.set_phone(phone);
                c.points = c.points.map(|p| p + 1);
            });
        }
        _ => {
            *next_id += 1;
            index.upsert_contact(random_contact(rng, *next_id));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn index_agrees_with_the_naive_evaluator(seed in any::<u64>(), count in 0..30usize) {
        let mut rng = Rng(seed);
        let base = random_base(&mut rng, count);
        let index = IndexedBase::new(base);
        for _ in 0..4 {
            let (what, filter) = compiled(&mut rng, index.base());
            agree(&index, &what, &filter)?;
        }
    }

    #[test]
    fn index_stays_correct_through_edits(seed in any::<u64>(), count in 0..20usize) {
        let mut rng = Rng(seed);
        let base = random_base(&mut rng, count);
        let mut index = IndexedBase::new(base);
        let filters: Vec<(String, CompiledFilter)> = (0..4).map(|_| compiled(&mut rng, index.base())).collect();
        for (what, filter) in &filters {
            agree(&index, what, filter)?;
        }
        let mut next_id = 1_000;
        for _ in 0..6 {
            edit(&mut rng, &mut index, &mut next_id);
            for (what, filter) in &filters {
                agree(&index, what, filter)?;
            }
        }
    }
}
