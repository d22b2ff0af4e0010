//! Tests of the change module: the HLC's order, text form and causality (property tests), the
//! stamper, what each op does to a base, and serde round trips through JSON (the wire) and
//! postcard (the browser's outbox).

use proptest::prelude::*;

use super::*;
use crate::filter::IndexedBase;
use crate::fixtures::{every_field, generate};
use crate::model::{
    Base, Category, CategoryId, ContactId, CustomFieldDef, CustomKind, Group, GroupId, Timestamp,
};

const ME: ClientId = ClientId(0x00c0_ffee_0000_0001);
const THEM: ClientId = ClientId(0xfeed_0000_0000_0002);

fn hlc() -> impl Strategy<Value = Hlc> {
    (0..=MAX_WALL_MS, any::<u32>(), any::<u64>())
        .prop_map(|(wall, counter, client)| Hlc::new(wall, counter, ClientId(client)))
}

/// Wall readings that jump around: near a base time (equal, slightly back, slightly ahead) or
/// anywhere at all, including before 1970 and past the largest wall time.
fn now() -> impl Strategy<Value = i64> {
    prop_oneof![
        (-5i64..5).prop_map(|d| 1_750_000_000_000 + d),
        any::<i64>(),
        Just(MAX_WALL_MS),
    ]
}

#[derive(Debug, Clone)]
enum Event {
    Tick(i64),
    Observe(Hlc, i64),
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        now().prop_map(Event::Tick),
        (hlc(), now()).prop_map(|(remote, now)| Event::Observe(remote, now)),
    ]
}

proptest! {
    #[test]
    fn the_text_form_round_trips_and_sorts_like_the_timestamps(a in hlc(), b in hlc()) {
        let (ta, tb) = (a.to_string(), b.to_string());
        prop_assert_eq!(ta.len(), 38);
        prop_assert_eq!(ta.parse::<Hlc>(), Ok(a));
        prop_assert_eq!(ta.cmp(&tb), a.cmp(&b));
    }

    #[test]
    fn ticks_strictly_increase_whatever_the_wall_clock_does(
        nows in proptest::collection::vec(now(), 1..60),
    ) {
        let mut clock = HlcClock::new(ME);
        let mut previous = clock.last();
        for now in nows {
            let next = clock.tick(now);
            prop_assert!(next > previous, "{next} after {previous} at {now}");
            prop_assert_eq!(next.client(), ME);
            previous = next;
        }
    }

    #[test]
    fn observing_keeps_causality(events in proptest::collection::vec(event(), 1..60)) {
        let mut clock = HlcClock::new(ME);
        let mut previous = clock.last();
        for event in events {
            let next = match event {
                Event::Tick(now) => clock.tick(now),
                Event::Observe(remote, now) => {
                    let receipt = clock.observe(remote, now);
                    prop_assert!(receipt > remote, "{receipt} does not follow {remote}");
                    let after = clock.clone().tick(now);
                    prop_assert!(after > remote, "a tick after {remote} gave {after}");
                    receipt
                }
            };
            prop_assert!(next > previous, "{next} after {previous}");
            prop_assert_eq!(next.client(), ME);
            previous = next;
        }
    }

    #[test]
    fn serde_round_trips_in_json_and_postcard(a in hlc()) {
        let json = serde_json::to_string(&a).unwrap();
        prop_assert_eq!(&json, &format!("\"{a}\""));
        prop_assert_eq!(serde_json::from_str::<Hlc>(&json).unwrap(), a);
        let bytes = postcard::to_allocvec(&a).unwrap();
        prop_assert_eq!(postcard::from_bytes::<Hlc>(&bytes).unwrap(), a);
    }
}

#[test]
fn the_text_form_reads_as_wall_counter_client() {
    let a = Hlc::new(0x0197_a3b4_c5d6, 7, ClientId(0x9f3a_4b5c_6d7e_8f90));
    assert_eq!(a.to_string(), "0197a3b4c5d6-00000007-9f3a4b5c6d7e8f90");
    assert_eq!(ME.to_string(), "00c0ffee00000001");
    assert_eq!("00c0ffee00000001".parse(), Ok(ME));
}

#[test]
fn malformed_texts_are_rejected() {
    for text in [
        "",
        "0197a3b4c5d6-00000007",
        "0197a3b4c5d6-00000007-9f3a4b5c6d7e8f90-0",
        "0197A3B4C5D6-00000007-9f3a4b5c6d7e8f90",
        "197a3b4c5d6-00000007-9f3a4b5c6d7e8f90",
        "0197a3b4c5d6-0000007-9f3a4b5c6d7e8f90",
        "0197a3b4c5d6-00000007-9f3a4b5c6d7e8f9",
        "0197a3b4c5d6-0000000g-9f3a4b5c6d7e8f90",
        "+197a3b4c5d6-00000007-9f3a4b5c6d7e8f90",
    ] {
        assert_eq!(text.parse::<Hlc>(), Err(HlcParseError), "{text:?}");
    }
    assert!("00c0ffee0000001".parse::<ClientId>().is_err());
    assert!(serde_json::from_str::<Hlc>("\"nope\"").is_err());
    let before_1970 = postcard::to_allocvec(&(-1i64, 0u32, ME)).unwrap();
    assert!(postcard::from_bytes::<Hlc>(&before_1970).is_err());
}

#[test]
fn the_clock_follows_the_wall_clock_when_it_is_ahead_and_counts_when_not() {
    let mut clock = HlcClock::new(ME);
    assert_eq!(clock.tick(1_000), Hlc::new(1_000, 0, ME));
    assert_eq!(clock.tick(1_000), Hlc::new(1_000, 1, ME));
    assert_eq!(clock.tick(400), Hlc::new(1_000, 2, ME));
    assert_eq!(clock.tick(1_001), Hlc::new(1_001, 0, ME));
    assert_eq!(
        clock.observe(Hlc::new(5_000, 9, THEM), 1_002),
        Hlc::new(5_000, 10, ME)
    );
    assert_eq!(clock.tick(1_003), Hlc::new(5_000, 11, ME));
    assert_eq!(
        clock.observe(Hlc::new(10, 3, THEM), 6_000),
        Hlc::new(6_000, 0, ME)
    );
    assert_eq!(
        clock.observe(Hlc::new(6_000, 4, THEM), 6_000),
        Hlc::new(6_000, 5, ME)
    );
}

#[test]
fn an_exhausted_counter_moves_to_the_next_ms() {
    let mut clock = HlcClock::resume(ME, Hlc::new(5, u32::MAX, THEM));
    assert_eq!(clock.last(), Hlc::new(5, u32::MAX, ME));
    assert_eq!(clock.tick(0), Hlc::new(6, 0, ME));
    let mut at_the_end = HlcClock::resume(ME, Hlc::new(MAX_WALL_MS, u32::MAX - 1, ME));
    assert_eq!(
        at_the_end.tick(i64::MAX),
        Hlc::new(MAX_WALL_MS, u32::MAX, ME)
    );
    assert_eq!(Hlc::new(-7, 0, ME).wall_ms(), 0);
}

#[test]
fn the_stamper_numbers_mutations_and_catches_up_with_a_saved_state() {
    let mut stamper = Stamper::new(ME);
    let first = stamper.stamp(Op::PutCategories(Vec::new()), 1_000);
    let second = stamper.stamp(Op::PutGroups(Vec::new()), 900);
    assert_eq!(first.id, MutationId { client: ME, seq: 1 });
    assert_eq!(second.id.seq, 2);
    assert!(second.hlc > first.hlc);

    let mut other_tab = Stamper::resume(ME, first.hlc, 1);
    other_tab.catch_up(stamper.last_hlc(), stamper.last_seq());
    let third = other_tab.stamp(Op::PutGroups(Vec::new()), 0);
    assert_eq!(third.id.seq, 3);
    assert!(third.hlc > second.hlc);

    other_tab.catch_up(first.hlc, 1);
    assert_eq!((other_tab.last_hlc(), other_tab.last_seq()), (third.hlc, 3));
}

/// Writes `base` as a client would: its catalogue, then its contacts in chunks.
fn ops_writing(base: &Base, chunk: usize) -> Vec<Op> {
    let mut ops = vec![
        Op::PutCategories(base.categories.clone()),
        Op::PutGroups(base.groups.clone()),
        Op::PutCustomFields(base.custom_fields.clone()),
    ];
    ops.extend(
        base.contacts
            .chunks(chunk)
            .map(|c| Op::CreateContacts(c.to_vec())),
    );
    ops
}

#[test]
fn applying_the_ops_that_write_a_base_rebuilds_it_and_reports_their_records() {
    let base = generate(1_200, 3);
    let mut stamper = Stamper::new(ME);
    let mut rebuilt = IndexedBase::new(Base::default());
    let mut written = Changes::default();
    for op in ops_writing(&base, 500) {
        let changes = stamper.stamp(op, 1_000).apply(&mut rebuilt);
        written.categories.extend(changes.categories);
        written.groups.extend(changes.groups);
        written.custom_fields.extend(changes.custom_fields);
        written.contacts.extend(changes.contacts);
    }
    assert_eq!(rebuilt.base(), &base);
    assert_eq!(written.categories, base.categories);
    assert_eq!(written.groups, base.groups);
    assert_eq!(written.custom_fields, base.custom_fields);
    assert_eq!(written.contacts, base.contacts);
}

#[test]
fn puts_replace_by_key_and_keep_key_order() {
    let mut base = IndexedBase::new(generate(50, 9));
    let renamed = Category {
        id: CategoryId(2),
        name: "Переименована".into(),
    };
    let late = Category {
        id: CategoryId(1_000),
        name: "Новая".into(),
    };
    let early = Category {
        id: CategoryId(0),
        name: "Первая".into(),
    };
    let before = base.base().categories.len();
    Op::PutCategories(vec![late.clone(), renamed.clone(), early.clone()])
        .apply(&mut base, Timestamp(0));
    let categories = &base.base().categories;
    assert_eq!(categories.len(), before + 2);
    assert!(categories.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(categories[0], early);
    assert_eq!(categories.last(), Some(&late));
    assert!(categories.contains(&renamed));

    let moved = Group {
        id: GroupId(1),
        category: CategoryId(1_000),
        name: "Перенесена".into(),
    };
    Op::PutGroups(vec![moved.clone()]).apply(&mut base, Timestamp(0));
    assert_eq!(base.base().groups[0], moved);

    let defs = vec![
        CustomFieldDef {
            key: "aaa".into(),
            label: "Первое".into(),
            kind: CustomKind::Bool,
        },
        CustomFieldDef {
            key: "zzz".into(),
            label: "Последнее".into(),
            kind: CustomKind::Text,
        },
    ];
    Op::PutCustomFields(defs.clone()).apply(&mut base, Timestamp(0));
    let keys: Vec<&str> = base
        .base()
        .custom_fields
        .iter()
        .map(|d| d.key.as_str())
        .collect();
    assert_eq!(
        keys,
        ["aaa", "birthday", "clothing_size", "orders_count", "zzz"]
    );

    let mut changed = base.base().contacts[3].clone();
    changed.first_name = "Изменённый".into();
    let created = every_field(ContactId(777));
    Op::CreateContacts(vec![changed.clone(), created.clone()]).apply(&mut base, Timestamp(0));
    assert_eq!(base.len(), 51);
    assert_eq!(base.contact(changed.id), Some(&changed));
    assert_eq!(base.base().contacts.last(), Some(&created));
}

#[test]
fn mutations_round_trip_through_json_and_postcard() {
    let mut contacts = generate(300, 5).contacts;
    contacts.push(every_field(ContactId(1_000)));
    let mut stamper = Stamper::new(ME);
    let base = generate(1, 5);
    let mutations: Vec<Mutation> = ops_writing(&base, 1)
        .into_iter()
        .chain([Op::CreateContacts(contacts)])
        .map(|op| stamper.stamp(op, 1_750_000_000_000))
        .collect();
    for mutation in &mutations {
        let json = serde_json::to_string(mutation).unwrap();
        assert_eq!(&serde_json::from_str::<Mutation>(&json).unwrap(), mutation);
        let bytes = postcard::to_allocvec(mutation).unwrap();
        assert_eq!(&postcard::from_bytes::<Mutation>(&bytes).unwrap(), mutation);
    }
    let json = serde_json::to_value(&mutations[0]).unwrap();
    assert_eq!(json["id"]["client"], "00c0ffee00000001");
    assert_eq!(json["id"]["seq"], 1);
    assert_eq!(json["hlc"], mutations[0].hlc.to_string());
    assert!(json["op"]["put_categories"].is_array());
}
