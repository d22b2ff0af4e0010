//! Tests of the contact ops of issue 5: field edits, group membership, deletion, erasure and
//! the undo ([`Op::inverse`] / [`Op::Restore`]), including a property test that an op followed
//! by its inverse gives back exactly the previous base.

use proptest::prelude::*;

use super::*;
use crate::codec::{decode_mutation, encode_mutation};
use crate::fields::{CATALOGUE, FieldId, FieldRef, FieldValue};
use crate::filter::IndexedBase;
use crate::fixtures::{every_field, generate};
use crate::model::{
    Base, ContactId, CustomValue, EmailStatus, GroupId, HistoryEvent, HistoryKind, Membership,
    MembershipStatus, Money, Timestamp,
};

const NOW: Timestamp = Timestamp(1_750_000_000_000);
const KEY: &[u8] = b"account secret key for erasure hashes";

fn text(field: FieldId, value: &str) -> FieldSet {
    FieldSet {
        field: FieldRef::Builtin(field),
        value: NewValue::Text(value.to_owned()),
    }
}

/// Applies `op` at `NOW` and checks that its inverse, applied next, gives back `before` exactly;
/// returns the base after `op` and its changes.
fn apply_and_undo(base: &mut IndexedBase, op: &Op) -> Changes {
    let before = base.base().clone();
    let undo = op.inverse(base).expect("undoable");
    let changes = op.apply(base, NOW);
    let after = base.base().clone();
    let mut undone = IndexedBase::new(after.clone());
    let redo = undo.inverse(&undone).expect("the undo is undoable");
    undo.apply(&mut undone, Timestamp(NOW.0 + 1));
    assert_eq!(undone.base(), &before, "undo of {op:?}");
    redo.apply(&mut undone, Timestamp(NOW.0 + 2));
    assert_eq!(undone.base(), &after, "redo of {op:?}");
    changes
}

#[test]
fn set_fields_records_each_changed_field_at_the_mutation_time_and_undoes() {
    let mut base = IndexedBase::new(generate(20, 3));
    let ids = [ContactId(2), ContactId(5), ContactId(99)];
    let old_city = base.contact(ContactId(2)).unwrap().billing.city.clone();
    let op = Op::SetFields {
        contacts: ids.to_vec(),
        fields: vec![
            text(FieldId::LastName, "Иванов"),
            text(FieldId::Phone, "8 (812) 123-45-67"),
            text(FieldId::BillingCity, "Казань"),
            FieldSet {
                field: FieldRef::Builtin(FieldId::Points),
                value: NewValue::Integer(Some(7)),
            },
            FieldSet {
                field: FieldRef::Builtin(FieldId::Points),
                value: NewValue::Text("не число".into()),
            },
            FieldSet {
                field: FieldRef::Custom("orders_count".into()),
                value: NewValue::Custom(Some(CustomValue::Integer(3))),
            },
        ],
    };
    let mutation = Stamper::new(ClientId(1)).stamp(op.clone(), NOW.0);
    let undo = op.inverse(&base).unwrap();
    let before = base.base().clone();
    let changes = mutation.apply(&mut base);
    assert_eq!(changes.contacts.len(), 2, "the missing id is skipped");
    let c = base.contact(ContactId(2)).unwrap();
    assert_eq!(changes.contacts[0], *c);
    assert_eq!(c.last_name, "Иванов");
    assert_eq!(c.phone_e164, "+78121234567");
    assert_eq!(c.points, Some(7));
    assert_eq!(c.custom["orders_count"], CustomValue::Integer(3));
    let city = c
        .history
        .iter()
        .find(|e| matches!(&e.kind, HistoryKind::FieldChanged { field, .. } if field == "billing.city"))
        .expect("the city change is in history");
    assert_eq!(city.at, NOW, "dated by the mutation's HLC wall time");
    assert_eq!(
        city.kind,
        HistoryKind::FieldChanged {
            field: "billing.city".into(),
            old: old_city,
            new: "Казань".into()
        }
    );
    undo.apply(&mut base, NOW);
    assert_eq!(base.base(), &before);
    assert_eq!(base.contact(ContactId(2)), before.contacts.get(1));
}

#[test]
fn an_unchanged_value_records_no_history() {
    let mut base = IndexedBase::new(generate(3, 1));
    let name = base.contact(ContactId(1)).unwrap().last_name.clone();
    let before = base.contact(ContactId(1)).unwrap().clone();
    Op::SetFields {
        contacts: vec![ContactId(1)],
        fields: vec![text(FieldId::LastName, &name)],
    }
    .apply(&mut base, NOW);
    assert_eq!(base.contact(ContactId(1)), Some(&before));
}

#[test]
fn adding_to_a_group_keeps_members_subscription_dates_and_undoes() {
    let mut base = IndexedBase::new(Base::default());
    let mut member = every_field(ContactId(1));
    member.memberships = vec![Membership {
        group: GroupId(9),
        subscribed_at: Timestamp(5),
        status: MembershipStatus::Unsubscribed,
    }];
    let newcomer = every_field(ContactId(2));
    Op::CreateContacts(vec![member.clone(), newcomer]).apply(&mut base, NOW);
    let op = Op::AddToGroup {
        contacts: vec![ContactId(1), ContactId(2), ContactId(2)],
        group: GroupId(9),
        subscribed_at: NOW,
    };
    let changes = apply_and_undo(&mut base, &op);
    assert_eq!(changes.contacts.len(), 2);
    assert_eq!(
        base.contact(ContactId(1)),
        Some(&member),
        "an old member is untouched"
    );
    let joined = base.contact(ContactId(2)).unwrap();
    let added: Vec<_> = joined
        .memberships
        .iter()
        .filter(|m| m.group == GroupId(9))
        .collect();
    assert_eq!(
        added,
        [&Membership {
            group: GroupId(9),
            subscribed_at: NOW,
            status: MembershipStatus::Active
        }]
    );
    assert_eq!(
        joined.history.last(),
        Some(&HistoryEvent {
            at: NOW,
            kind: HistoryKind::GroupJoined { group: GroupId(9) }
        })
    );
}

#[test]
fn removing_from_groups_and_deleting_undo_exactly() {
    let mut base = IndexedBase::new(generate(40, 8));
    let ids: Vec<ContactId> = (1..=40).map(ContactId).collect();
    let groups: Vec<GroupId> = base.base().groups.iter().take(20).map(|g| g.id).collect();
    apply_and_undo(
        &mut base,
        &Op::RemoveFromGroups {
            contacts: ids.clone(),
            groups: groups.clone(),
        },
    );
    assert!(
        base.base()
            .contacts
            .iter()
            .all(|c| c.memberships.iter().all(|m| !groups.contains(&m.group)))
    );
    let changes = apply_and_undo(
        &mut base,
        &Op::DeleteContacts(vec![ContactId(3), ContactId(17), ContactId(500)]),
    );
    assert_eq!(changes.removed_contacts, [ContactId(3), ContactId(17)]);
    assert_eq!(base.len(), 38);
    assert!(base.contact(ContactId(17)).is_none());
}

#[test]
fn creating_contacts_is_undone_by_removing_the_new_ones() {
    let mut base = IndexedBase::new(generate(5, 2));
    let mut replaced = base.contact(ContactId(4)).unwrap().clone();
    replaced.first_name = "Новое".into();
    apply_and_undo(
        &mut base,
        &Op::CreateContacts(vec![replaced, every_field(ContactId(6))]),
    );
    assert_eq!(base.len(), 6);
}

/// Every personal text the contact had, for the "no value left anywhere" check.
fn personal_texts(c: &crate::model::Contact) -> Vec<String> {
    let mut texts = Vec::new();
    for def in CATALOGUE {
        match c.get(def.id) {
            FieldValue::Text(t) if !t.is_empty() => texts.push(t.to_owned()),
            FieldValue::Tags(tags) => texts.extend(tags.iter().cloned()),
            _ => {}
        }
    }
    texts.push(c.phone_e164.clone());
    texts.extend(c.custom.values().filter_map(|v| match v {
        CustomValue::Text(t) => Some(t.clone()),
        _ => None,
    }));
    texts.retain(|t| t.chars().count() >= 3);
    texts
}

#[test]
fn erasure_leaves_no_personal_value_and_keeps_matching_hashes() {
    let mut base = IndexedBase::new(generate(10, 4));
    let mut victim = every_field(ContactId(11));
    victim.set_email("Ivan.Petrov@Example.COM");
    victim.set_phone("8 (812) 123-45-67");
    Op::CreateContacts(vec![victim.clone()]).apply(&mut base, NOW);
    let op = Op::erase(&base, &[ContactId(11), ContactId(11), ContactId(404)], KEY);
    assert_eq!(op.inverse(&base), None, "an erasure cannot be undone");
    let Op::EraseContacts(hashes) = &op else {
        panic!("{op:?}")
    };
    assert_eq!(hashes.len(), 1);
    let changes = op.apply(&mut base, NOW);

    let erased = base.contact(ContactId(11)).unwrap();
    assert_eq!(changes.contacts, std::slice::from_ref(erased));
    assert_eq!(erased.status, EmailStatus::DoesNotExist);
    assert!(erased.memberships.is_empty() && erased.tags.is_empty() && erased.custom.is_empty());
    assert_eq!(erased.paid_total, None);
    assert_eq!(erased.consent, None);
    assert_eq!(erased.registered_at, None);
    assert_eq!(erased.points, None);
    assert_eq!(erased.utc_offset, None);
    assert!(personal_texts(erased).is_empty(), "{erased:?}");
    let [event] = erased.history.as_slice() else {
        panic!("one event: {:?}", erased.history)
    };
    assert_eq!(event.at, NOW, "the time of erasure");
    let HistoryKind::Erased {
        email_hash: email,
        phone_hash: phone,
    } = &event.kind
    else {
        panic!("{event:?}")
    };
    assert_eq!(*email, email_hash(KEY, "ivan.petrov@example.com"));
    assert_eq!(*phone, phone_hash(KEY, "+7 812 123 45 67"));
    assert!(email.is_some() && phone.is_some());

    let record = format!("{erased:?}");
    for value in personal_texts(&victim) {
        assert!(!record.contains(&value), "«{value}» survived in {record}");
    }

    let base = base.base();
    assert_eq!(
        erased_matches(base, KEY, " IVAN.PETROV@example.com", ""),
        [ContactId(11)]
    );
    assert_eq!(
        erased_matches(base, KEY, "", "+78121234567"),
        [ContactId(11)]
    );
    assert!(erased_matches(base, b"another key", "ivan.petrov@example.com", "").is_empty());
    assert!(erased_matches(base, KEY, "", "").is_empty());
}

#[test]
fn every_new_op_round_trips_through_the_codec_and_json() {
    let base = IndexedBase::new(generate(3, 5));
    let ops = [
        Op::SetFields {
            contacts: vec![ContactId(1), ContactId(2)],
            fields: vec![
                text(FieldId::BillingCity, "Казань"),
                FieldSet {
                    field: FieldRef::Builtin(FieldId::PaidTotal),
                    value: NewValue::Money(Some(Money {
                        minor: 150_050,
                        currency: "RUB".into(),
                    })),
                },
                FieldSet {
                    field: FieldRef::Custom("birthday".into()),
                    value: NewValue::Custom(None),
                },
            ],
        },
        Op::AddToGroup {
            contacts: vec![ContactId(3)],
            group: GroupId(4),
            subscribed_at: NOW,
        },
        Op::RemoveFromGroups {
            contacts: vec![ContactId(3)],
            groups: vec![GroupId(4), GroupId(5)],
        },
        Op::DeleteContacts(vec![ContactId(2)]),
        Op::erase(&base, &[ContactId(1)], KEY),
        Op::Restore {
            contacts: vec![every_field(ContactId(8))],
            removed: vec![ContactId(9)],
        },
    ];
    let mut stamper = Stamper::new(ClientId(3));
    for op in ops {
        let mutation = stamper.stamp(op, NOW.0);
        assert_eq!(
            decode_mutation(&encode_mutation(&mutation)),
            Ok(mutation.clone())
        );
        let json = serde_json::to_string(&mutation.op).unwrap();
        assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), mutation.op);
    }
}

/// One step of the property test, resolved against the base when it runs.
#[derive(Debug, Clone)]
enum Action {
    Set(Vec<u64>, Vec<(u8, u16)>),
    Add(Vec<u64>, usize, i64),
    Remove(Vec<u64>, Vec<usize>),
    Delete(Vec<u64>),
    Create(u64),
}

fn action() -> impl Strategy<Value = Action> {
    let ids = || prop::collection::vec(1u64..=210, 0..12);
    prop_oneof![
        (ids(), prop::collection::vec((0u8..11, any::<u16>()), 1..4))
            .prop_map(|(i, f)| Action::Set(i, f)),
        (ids(), 0usize..80, 0i64..2_000_000_000_000).prop_map(|(i, g, t)| Action::Add(i, g, t)),
        (ids(), prop::collection::vec(0usize..80, 1..6)).prop_map(|(i, g)| Action::Remove(i, g)),
        ids().prop_map(Action::Delete),
        (1u64..=5).prop_map(Action::Create),
    ]
}

/// A field edit of kind `which` with a value drawn from `n`.
fn field_set(which: u8, n: u16) -> FieldSet {
    let builtin = |id, value| FieldSet {
        field: FieldRef::Builtin(id),
        value,
    };
    let t = |s: String| NewValue::Text(s);
    match which {
        0 => builtin(FieldId::LastName, t(format!("Фамилия{}", n % 7))),
        1 => builtin(FieldId::FirstName, t(String::new())),
        2 => builtin(
            FieldId::Phone,
            t(format!("8 812 123-{:02}-{:02}", n % 100, n % 37)),
        ),
        3 => builtin(FieldId::BillingCity, t(format!("Город {}", n % 5))),
        4 => builtin(FieldId::Description, t(format!("описание {n}"))),
        5 => builtin(FieldId::Email, t(format!("user{n}@Mail.RU"))),
        6 => builtin(FieldId::Points, NewValue::Integer(Some(i64::from(n % 9)))),
        7 => builtin(
            FieldId::Tags,
            NewValue::Tags(vec![format!("t{}", n % 4), "vip".into()]),
        ),
        8 => FieldSet {
            field: FieldRef::Custom("orders_count".into()),
            value: NewValue::Custom(
                (!n.is_multiple_of(3)).then_some(CustomValue::Integer(i64::from(n))),
            ),
        },
        9 => builtin(FieldId::Status, NewValue::EmailStatus(EmailStatus::Bounced)),
        _ => builtin(
            FieldId::PaidTotal,
            NewValue::Money(Some(Money {
                minor: i64::from(n),
                currency: "RUB".into(),
            })),
        ),
    }
}

fn resolve(base: &IndexedBase, action: &Action) -> Op {
    let ids = |raw: &[u64]| raw.iter().copied().map(ContactId).collect::<Vec<_>>();
    let group = |i: usize| base.base().groups.get(i).map_or(GroupId(999), |g| g.id);
    match action {
        Action::Set(i, f) => Op::SetFields {
            contacts: ids(i),
            fields: f.iter().map(|&(w, n)| field_set(w, n)).collect(),
        },
        Action::Add(i, g, t) => Op::AddToGroup {
            contacts: ids(i),
            group: group(*g),
            subscribed_at: Timestamp(*t),
        },
        Action::Remove(i, g) => Op::RemoveFromGroups {
            contacts: ids(i),
            groups: g.iter().map(|&g| group(g)).collect(),
        },
        Action::Delete(i) => Op::DeleteContacts(ids(i)),
        Action::Create(n) => {
            let next = base
                .base()
                .contacts
                .iter()
                .map(|c| c.id.0)
                .max()
                .unwrap_or(0);
            Op::CreateContacts((1..=*n).map(|k| every_field(ContactId(next + k))).collect())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_action_then_its_inverse_gives_back_exactly_the_previous_base(
        count in 0usize..=200,
        seed in any::<u64>(),
        actions in prop::collection::vec(action(), 1..8),
    ) {
        let mut base = IndexedBase::new(generate(count, seed));
        for action in &actions {
            let op = resolve(&base, action);
            apply_and_undo(&mut base, &op);
        }
    }
}

#[test]
fn deleting_a_group_takes_its_members_out() {
    let mut base = IndexedBase::new(generate(300, 4));
    let group = base.base().groups[0].id;
    let members = crate::groups::member_count(base.base(), group);
    assert!(members > 0);
    let changes = Op::DeleteGroups(vec![group]).apply(&mut base, NOW);
    assert_eq!(changes.removed_groups, vec![group]);
    assert_eq!(changes.contacts.len(), members);
    assert!(base.base().groups.iter().all(|g| g.id != group));
    assert_eq!(crate::groups::member_count(base.base(), group), 0);
    assert!(
        changes.contacts.iter().all(|c| {
            c.history.last().map(|e| &e.kind) == Some(&HistoryKind::GroupLeft { group })
        })
    );
}

#[test]
fn deleting_a_category_deletes_its_groups() {
    let mut base = IndexedBase::new(generate(300, 4));
    let category = base.base().categories[0].id;
    let groups: Vec<GroupId> = base.base().groups_of(category).map(|g| g.id).collect();
    assert!(!groups.is_empty());
    let changes = Op::DeleteCategories(vec![category]).apply(&mut base, NOW);
    assert_eq!(changes.removed_categories, vec![category]);
    assert_eq!(changes.removed_groups, groups);
    assert!(base.base().categories.iter().all(|c| c.id != category));
    assert!(base.base().groups.iter().all(|g| g.category != category));
    assert!(
        base.base()
            .contacts
            .iter()
            .all(|c| c.memberships.iter().all(|m| !groups.contains(&m.group)))
    );
}

#[test]
fn changes_then_keeps_each_record_once_as_the_later_op_left_it() {
    let mut base = IndexedBase::new(generate(50, 5));
    let ids: Vec<ContactId> = base.base().contacts.iter().take(3).map(|c| c.id).collect();
    let group = base.base().groups[0].id;
    let first = Op::AddToGroup {
        contacts: ids.clone(),
        group,
        subscribed_at: NOW,
    }
    .apply(&mut base, NOW);
    let second = Op::DeleteContacts(vec![ids[0]]).apply(&mut base, NOW);
    let third = Op::RemoveFromGroups {
        contacts: vec![ids[1]],
        groups: vec![group],
    }
    .apply(&mut base, NOW);
    let all = first.then(second).then(third);
    assert_eq!(all.removed_contacts, vec![ids[0]]);
    let written: Vec<ContactId> = all.contacts.iter().map(|c| c.id).collect();
    assert_eq!(written.len(), 2);
    for contact in &all.contacts {
        assert_eq!(Some(contact), base.contact(contact.id));
    }
}
