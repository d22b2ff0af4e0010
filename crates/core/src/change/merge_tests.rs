//! Tests of the sync merge ([`Replica`]) and the server's push rules ([`sync`]): the cases by
//! hand, then property tests — any order with duplicates converges, and several clients syncing
//! through a simulated server (retries, stale redelivered pushes, reordered pulls, erasures)
//! end with the server's base.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::sync::{self, PushError, PushRequest};
use super::*;
use crate::fields::{FieldId, FieldRef};
use crate::model::{
    Base, Category, CategoryId, Contact, ContactId, EmailStatus, Group, GroupId, HistoryKind,
    Timestamp,
};

const T0: i64 = 1_750_000_000_000;

fn hlc(ms: i64, client: u64) -> Hlc {
    Hlc::new(T0 + ms, 0, ClientId(client))
}

fn mutation(client: u64, seq: u64, ms: i64, op: Op) -> Mutation {
    Mutation {
        id: MutationId {
            client: ClientId(client),
            seq,
        },
        hlc: hlc(ms, client),
        op,
    }
}

fn person(id: u64, last_name: &str) -> Contact {
    Contact {
        id: ContactId(id),
        last_name: last_name.to_owned(),
        email: format!("p{id}@example.ru"),
        ..Contact::default()
    }
}

fn set(field: FieldId, value: &str, ids: &[u64]) -> Op {
    Op::SetFields {
        contacts: ids.iter().map(|&id| ContactId(id)).collect(),
        fields: vec![FieldSet {
            field: FieldRef::Builtin(field),
            value: NewValue::Text(value.to_owned()),
        }],
    }
}

fn erase(id: u64) -> Op {
    Op::EraseContacts(vec![ErasureHash {
        id: ContactId(id),
        email: Some([7; 32]),
        phone: None,
    }])
}

/// The base after applying `mutations` in this order.
fn merged(mutations: &[&Mutation]) -> Base {
    let mut replica = Replica::new();
    for m in mutations {
        replica.apply(m);
    }
    replica.to_base()
}

/// Every order of `mutations` gives the same base; returns it.
fn same_in_every_order(mutations: &[Mutation]) -> Base {
    let forward: Vec<&Mutation> = mutations.iter().collect();
    let backward: Vec<&Mutation> = mutations.iter().rev().collect();
    let twice: Vec<&Mutation> = mutations.iter().chain(mutations.iter().rev()).collect();
    let base = merged(&forward);
    assert_eq!(merged(&backward), base, "reversed");
    assert_eq!(merged(&twice), base, "with duplicates");
    base
}

#[test]
fn concurrent_edits_of_different_fields_both_survive() {
    let create = mutation(1, 1, 0, Op::CreateContacts(vec![person(1, "Иванов")]));
    let a = mutation(1, 2, 10, set(FieldId::LastName, "Петров", &[1]));
    let b = mutation(2, 1, 5, set(FieldId::BillingCity, "Казань", &[1]));
    let base = same_in_every_order(&[create, a, b]);
    let c = &base.contacts[0];
    assert_eq!(
        (c.last_name.as_str(), c.billing.city.as_str()),
        ("Петров", "Казань")
    );
}

#[test]
fn of_one_field_the_later_hlc_wins_whatever_the_arrival_order() {
    let create = mutation(1, 1, 0, Op::CreateContacts(vec![person(1, "Иванов")]));
    let early = mutation(1, 2, 10, set(FieldId::LastName, "Ранний", &[1]));
    let late = mutation(2, 1, 20, set(FieldId::LastName, "Поздний", &[1]));
    let base = same_in_every_order(&[late, create, early]);
    assert_eq!(base.contacts[0].last_name, "Поздний");
    // History shows the winning change once, in every order.
    let changes: Vec<_> = base.contacts[0]
        .history
        .iter()
        .filter(|e| matches!(e.kind, HistoryKind::FieldChanged { .. }))
        .collect();
    assert_eq!(changes.len(), 1);
}

#[test]
fn a_create_newer_than_an_edit_replaces_it_and_an_older_one_does_not() {
    let edit = mutation(2, 1, 10, set(FieldId::LastName, "Правка", &[1]));
    let older = mutation(1, 1, 5, Op::CreateContacts(vec![person(1, "Создан")]));
    assert_eq!(
        same_in_every_order(&[edit.clone(), older]).contacts[0].last_name,
        "Правка"
    );
    let newer = mutation(1, 1, 15, Op::CreateContacts(vec![person(1, "Создан")]));
    assert_eq!(
        same_in_every_order(&[edit, newer]).contacts[0].last_name,
        "Создан"
    );
}

#[test]
fn erasure_wins_over_concurrent_and_later_edits_and_is_permanent() {
    let create = mutation(1, 1, 0, Op::CreateContacts(vec![person(1, "Иванов")]));
    let erased = mutation(1, 2, 10, erase(1));
    let later_edit = mutation(2, 1, 50, set(FieldId::LastName, "Вернулся", &[1]));
    let recreate = mutation(2, 2, 60, Op::CreateContacts(vec![person(1, "Снова")]));
    let join = mutation(
        2,
        3,
        70,
        Op::AddToGroup {
            contacts: vec![ContactId(1)],
            group: GroupId(1),
            subscribed_at: Timestamp(T0),
        },
    );
    let base = same_in_every_order(&[later_edit, create, recreate, erased, join]);
    let c = &base.contacts[0];
    assert_eq!(c.id, ContactId(1));
    assert_eq!(c.status, EmailStatus::DoesNotExist);
    assert!(c.last_name.is_empty() && c.email.is_empty() && c.memberships.is_empty());
    assert_eq!(c.history.len(), 1);
    assert!(matches!(c.history[0].kind, HistoryKind::Erased { .. }));
    assert_eq!(c.history[0].at, Timestamp(T0 + 10));
}

#[test]
fn membership_is_last_writer_wins_and_keeps_the_first_date_after_a_removal() {
    let create = mutation(1, 1, 0, Op::CreateContacts(vec![person(1, "Иванов")]));
    let add = |client, seq, ms, day| {
        mutation(
            client,
            seq,
            ms,
            Op::AddToGroup {
                contacts: vec![ContactId(1)],
                group: GroupId(3),
                subscribed_at: Timestamp(day),
            },
        )
    };
    let remove = mutation(
        2,
        1,
        20,
        Op::RemoveFromGroups {
            contacts: vec![ContactId(1)],
            groups: vec![GroupId(3)],
        },
    );
    // Added, removed later: out.
    let base = same_in_every_order(&[create.clone(), add(1, 2, 10, 1), remove.clone()]);
    assert!(base.contacts[0].memberships.is_empty());
    // Re-added after the removal by two clients: in, with the first re-add's date.
    let base = same_in_every_order(&[
        add(1, 3, 40, 4),
        remove,
        add(3, 1, 30, 3),
        create,
        add(1, 2, 10, 1),
    ]);
    let m = &base.contacts[0].memberships;
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].subscribed_at, Timestamp(3));
}

#[test]
fn deleting_a_group_or_its_category_clears_older_memberships() {
    let catalogue = [
        mutation(
            1,
            1,
            0,
            Op::PutCategories(vec![Category {
                id: CategoryId(1),
                name: "Рассылки".into(),
            }]),
        ),
        mutation(
            1,
            2,
            1,
            Op::PutGroups(vec![Group {
                id: GroupId(1),
                category: CategoryId(1),
                name: "Новости".into(),
            }]),
        ),
        mutation(1, 3, 2, Op::CreateContacts(vec![person(1, "Иванов")])),
        mutation(
            2,
            1,
            5,
            Op::AddToGroup {
                contacts: vec![ContactId(1)],
                group: GroupId(1),
                subscribed_at: Timestamp(T0),
            },
        ),
    ];
    let mut with_delete = catalogue.to_vec();
    with_delete.push(mutation(
        3,
        1,
        10,
        Op::DeleteCategories(vec![CategoryId(1)]),
    ));
    let base = same_in_every_order(&with_delete);
    assert!(base.groups.is_empty() && base.categories.is_empty());
    assert!(base.contacts[0].memberships.is_empty());
    let mut with_group_delete = catalogue.to_vec();
    with_group_delete.push(mutation(3, 1, 10, Op::DeleteGroups(vec![GroupId(1)])));
    let base = same_in_every_order(&with_group_delete);
    assert!(base.groups.is_empty() && base.contacts[0].memberships.is_empty());
}

#[test]
fn delete_and_undo_are_last_writer_wins() {
    let create = mutation(1, 1, 0, Op::CreateContacts(vec![person(1, "Иванов")]));
    let delete = mutation(1, 2, 10, Op::DeleteContacts(vec![ContactId(1)]));
    assert!(
        same_in_every_order(&[create.clone(), delete.clone()])
            .contacts
            .is_empty()
    );
    let undo = mutation(
        1,
        3,
        20,
        Op::Restore {
            contacts: vec![person(1, "Иванов")],
            removed: vec![],
        },
    );
    let base = same_in_every_order(&[undo, delete, create]);
    assert_eq!(base.contacts[0].last_name, "Иванов");
}

#[test]
fn a_replica_round_trips_through_json() {
    let mutations = [
        mutation(1, 1, 0, Op::CreateContacts(vec![person(1, "Иванов")])),
        mutation(1, 2, 10, set(FieldId::LastName, "Петров", &[1])),
        mutation(1, 3, 11, erase(2)),
    ];
    let mut replica = Replica::new();
    for m in &mutations {
        replica.apply(m);
    }
    let text = serde_json::to_string(&replica).unwrap();
    let back: Replica = serde_json::from_str(&text).unwrap();
    assert_eq!(back, replica);
    assert_eq!(
        back.erased().keys().copied().collect::<Vec<_>>(),
        vec![ContactId(2)]
    );
}

#[test]
fn from_base_holds_the_base() {
    let base = crate::fixtures::generate(30, 4);
    let replica = Replica::from_base(&base, hlc(0, 9));
    let mut sorted = base.clone();
    sorted.contacts.sort_by_key(|c| c.id);
    assert_eq!(replica.to_base(), sorted);
}

#[test]
fn a_push_is_checked_whole() {
    let now = T0 + 1_000;
    let ok = PushRequest {
        client_id: ClientId(1),
        mutations: vec![
            mutation(1, 1, 0, Op::CreateContacts(vec![person(1, "Иванов")])),
            mutation(1, 3, 60_000, set(FieldId::LastName, "Петров", &[1])),
        ],
    };
    assert_eq!(sync::check_push(&ok, now), Ok(()));
    let mut future = ok.clone();
    future.mutations[1].hlc = hlc(61_001 + 1_000, 1);
    assert!(matches!(
        sync::check_push(&future, now),
        Err(PushError::FromTheFuture(_))
    ));
    let mut foreign = ok.clone();
    foreign.mutations[0].id.client = ClientId(2);
    assert!(matches!(
        sync::check_push(&foreign, now),
        Err(PushError::Invalid(_))
    ));
    let mut backwards = ok.clone();
    backwards.mutations[1].id.seq = 1;
    assert!(matches!(
        sync::check_push(&backwards, now),
        Err(PushError::Invalid(_))
    ));
    let mut misfit = ok;
    misfit.mutations[1].op = Op::SetFields {
        contacts: vec![ContactId(1)],
        fields: vec![FieldSet {
            field: FieldRef::Builtin(FieldId::Points),
            value: NewValue::Text("много".into()),
        }],
    };
    let Err(PushError::Invalid(reason)) = sync::check_push(&misfit, now) else {
        panic!("a value of the wrong kind is invalid");
    };
    assert!(reason.contains("points"), "{reason}");
}

#[test]
fn the_server_stores_no_value_of_an_erased_contact_nor_erasure_hashes() {
    let erased: BTreeSet<ContactId> = [ContactId(1)].into();
    let both = mutation(
        1,
        1,
        0,
        Op::CreateContacts(vec![person(1, "Иванов"), person(2, "Петров")]),
    );
    let stored = sync::stored_form(&both, &erased).unwrap();
    assert_eq!(stored.op, Op::CreateContacts(vec![person(2, "Петров")]));
    let only = mutation(1, 2, 1, set(FieldId::LastName, "Сидоров", &[1]));
    assert_eq!(sync::stored_form(&only, &erased), None);
    let erasure = sync::stored_form(&mutation(1, 3, 2, erase(1)), &erased).unwrap();
    assert_eq!(
        erasure.op,
        Op::EraseContacts(vec![ErasureHash {
            id: ContactId(1),
            email: None,
            phone: None
        }])
    );
    assert!(sync::mentions(&both.op, &erased));
    assert!(!sync::mentions(
        &Op::DeleteContacts(vec![ContactId(1)]),
        &erased
    ));
}

// ---------------------------------------------------------------------------------------------
// Property tests.

const CONTACTS: u64 = 5;
const GROUPS: u64 = 3;

/// A random op over a small id space, so ops collide often.
fn op_strategy() -> impl Strategy<Value = Op> {
    let ids = prop::collection::vec(1..=CONTACTS, 1..3)
        .prop_map(|ids| ids.into_iter().map(ContactId).collect::<Vec<_>>());
    let names = prop::sample::select(vec!["Иванов", "Петров", "Сидоров", ""]);
    let field = prop::sample::select(vec![
        FieldId::LastName,
        FieldId::BillingCity,
        FieldId::Email,
    ]);
    prop_oneof![
        3 => (prop::collection::vec(1..=CONTACTS, 1..3), names.clone(), 0..GROUPS + 1).prop_map(
            |(ids, name, group)| {
                Op::CreateContacts(
                    ids.into_iter()
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .map(|id| {
                            let mut c = person(id, name);
                            if group > 0 {
                                c.memberships.push(crate::model::Membership {
                                    group: GroupId(group),
                                    subscribed_at: Timestamp(group as i64),
                                    status: crate::model::MembershipStatus::Active,
                                });
                            }
                            c
                        })
                        .collect(),
                )
            }
        ),
        5 => (ids.clone(), field, names.clone()).prop_map(|(contacts, field, name)| Op::SetFields {
            contacts,
            fields: vec![FieldSet {
                field: FieldRef::Builtin(field),
                value: NewValue::Text(name.to_owned()),
            }],
        }),
        2 => (ids.clone(), names).prop_map(|(contacts, name)| Op::SetFields {
            contacts,
            fields: vec![FieldSet {
                field: FieldRef::Custom("level".into()),
                value: NewValue::Custom((!name.is_empty()).then(|| {
                    crate::model::CustomValue::Text(name.to_owned())
                })),
            }],
        }),
        3 => (ids.clone(), 1..=GROUPS, 0..100i64).prop_map(|(contacts, g, day)| Op::AddToGroup {
            contacts,
            group: GroupId(g),
            subscribed_at: Timestamp(day),
        }),
        2 => (ids.clone(), 1..=GROUPS).prop_map(|(contacts, g)| Op::RemoveFromGroups {
            contacts,
            groups: vec![GroupId(g)],
        }),
        1 => ids.clone().prop_map(Op::DeleteContacts),
        1 => (1..=CONTACTS).prop_map(erase),
        1 => (1..=GROUPS, names_of_groups()).prop_map(|(g, name)| Op::PutGroups(vec![Group {
            id: GroupId(g),
            category: CategoryId(1),
            name: name.to_owned(),
        }])),
        1 => (1..=GROUPS).prop_map(|g| Op::DeleteGroups(vec![GroupId(g)])),
        1 => (1..=CONTACTS, prop::sample::select(vec!["Восстановлен", "Откат"])).prop_map(
            |(id, name)| Op::Restore {
                contacts: vec![person(id, name)],
                removed: vec![ContactId(id % CONTACTS + 1)],
            }
        ),
    ]
}

fn names_of_groups() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["Новости", "Акции"])
}

/// The base with erasure hashes blanked: they stay only on the device that erased (the server
/// never keeps them), everything else must be equal.
fn comparable(mut base: Base) -> Base {
    for c in &mut base.contacts {
        for event in &mut c.history {
            if let HistoryKind::Erased {
                email_hash,
                phone_hash,
            } = &mut event.kind
            {
                *email_hash = None;
                *phone_hash = None;
            }
        }
    }
    base
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Mutations of three clients with skewed clocks, applied in any order with duplicates,
    /// give the same base.
    #[test]
    fn any_order_with_duplicates_converges(
        made in prop::collection::vec((0..3u64, 0..50i64, op_strategy()), 1..25),
        order in prop::collection::vec(any::<u32>(), 50),
    ) {
        let mut stampers: Vec<Stamper> = (1..=3).map(|c| Stamper::new(ClientId(c))).collect();
        let mutations: Vec<Mutation> = made
            .into_iter()
            .enumerate()
            .map(|(i, (client, skew, op))| {
                stampers[client as usize].stamp(op, T0 + i as i64 * 10 + skew)
            })
            .collect();
        let in_order = merged(&mutations.iter().collect::<Vec<_>>());
        let mut shuffled: Vec<(u32, &Mutation)> = mutations
            .iter()
            .chain(mutations.iter().take(order.len() % 7))
            .enumerate()
            .map(|(i, m)| (order[i % order.len()].rotate_left(i as u32), m))
            .collect();
        shuffled.sort_by_key(|(key, _)| *key);
        let shuffled: Vec<&Mutation> = shuffled.into_iter().map(|(_, m)| m).collect();
        prop_assert_eq!(merged(&shuffled), in_order);
    }

    /// Clients edit offline, push (acks lost, stale pushes redelivered), pull in pages applied
    /// out of order; at the end everyone pushes and pulls everything and all equal the server.
    #[test]
    fn clients_syncing_through_the_server_converge_on_its_base(
        events in prop::collection::vec((0..3usize, 0..10u8, 0..40i64, op_strategy()), 1..40),
    ) {
        let mut server = Server::default();
        let mut clients: Vec<Client> = (1..=3).map(|c| Client::new(ClientId(c))).collect();
        let mut now = T0;
        for (who, action, skew, op) in events {
            now += 7;
            let client = &mut clients[who];
            match action {
                0..=4 => client.make(op, now + skew),
                5 => client.push(&mut server, true),
                6 => client.push(&mut server, false),
                7 => client.redeliver_stale(&mut server),
                _ => client.pull(&server, 3, action == 9),
            }
        }
        for client in &mut clients {
            client.push(&mut server, true);
            client.push(&mut server, true);
        }
        let expected = comparable(server.replica.to_base());
        for client in &mut clients {
            client.pull(&server, usize::MAX, true);
            prop_assert_eq!(comparable(client.replica.to_base()), expected.clone());
        }
        // The server's log holds no value of an erased contact.
        let erased: BTreeSet<ContactId> = server.replica.erased().keys().copied().collect();
        for m in &server.log {
            prop_assert!(!sync::mentions(&m.op, &erased), "{:?}", m.op);
        }
    }
}

/// The sync server's rules, in memory: what `crates/server` does with SQL.
#[derive(Default)]
struct Server {
    replica: Replica,
    log: Vec<Mutation>,
    last_seq: BTreeMap<ClientId, u64>,
}

impl Server {
    fn push(&mut self, push: &PushRequest) -> u64 {
        sync::check_push(push, i64::MAX / 2).expect("valid push");
        let last = self.last_seq.entry(push.client_id).or_default();
        for m in &push.mutations {
            if m.id.seq <= *last {
                continue;
            }
            *last = m.id.seq;
            let erased: BTreeSet<ContactId> = self.replica.erased().keys().copied().collect();
            let Some(stored) = sync::stored_form(m, &erased) else {
                continue;
            };
            let newly: BTreeSet<ContactId> = stored.op.erased().into_iter().collect();
            if !newly.is_empty() {
                // Entries keep their place (and sequence number); one left with nothing keeps
                // an op that changes nothing.
                for old in &mut self.log {
                    *old = sync::stored_form(old, &newly).unwrap_or(Mutation {
                        op: Op::DeleteContacts(Vec::new()),
                        ..old.clone()
                    });
                }
            }
            self.replica.apply(&stored);
            self.log.push(stored);
        }
        *last
    }
}

/// One device: its replica, outbox and cursor.
struct Client {
    stamper: Stamper,
    replica: Replica,
    outbox: Vec<Mutation>,
    cursor: usize,
    sent: Vec<PushRequest>,
}

impl Client {
    fn new(id: ClientId) -> Self {
        Self {
            stamper: Stamper::new(id),
            replica: Replica::new(),
            outbox: Vec::new(),
            cursor: 0,
            sent: Vec::new(),
        }
    }

    fn make(&mut self, op: Op, now_ms: i64) {
        let m = self.stamper.stamp(op, now_ms);
        self.replica.apply(&m);
        self.outbox.push(m);
    }

    /// Pushes the outbox; with `acked` false the answer is lost and the outbox kept.
    fn push(&mut self, server: &mut Server, acked: bool) {
        let push = PushRequest {
            client_id: self.stamper.client(),
            mutations: self.outbox.clone(),
        };
        let last = server.push(&push);
        self.sent.push(push);
        if acked {
            self.outbox.retain(|m| m.id.seq > last);
        }
    }

    /// A push sent earlier arrives again, late.
    fn redeliver_stale(&mut self, server: &mut Server) {
        if let Some(push) = self.sent.first() {
            server.push(push);
        }
    }

    /// Pulls up to `page` changes; with `reversed` applies them last first.
    fn pull(&mut self, server: &Server, page: usize, reversed: bool) {
        let end = server.log.len().min(self.cursor.saturating_add(page));
        let mut changes: Vec<&Mutation> = server.log[self.cursor.min(end)..end].iter().collect();
        if reversed {
            changes.reverse();
        }
        for m in changes {
            self.replica.apply(m);
        }
        self.cursor = end;
    }
}
