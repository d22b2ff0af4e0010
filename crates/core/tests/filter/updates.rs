//! Edits through [`IndexedBase`] after its columns are built: replaced, inserted and removed
//! contacts, membership changes, custom field changes, and enough churn to compact the columns.

use contacts_core::filter::{CompileOptions, Filter, IndexedBase, naive};
use contacts_core::model::{
    Contact, ContactId, CustomFieldDef, CustomKind, CustomValue, GroupId, Membership,
    MembershipStatus,
};

use crate::common::{MSK, base, ids_of, msk};

/// The ids `text` matches in `index`, checked against the naive evaluator.
#[track_caller]
fn ids(index: &IndexedBase, text: &str) -> Vec<u64> {
    let filter = Filter::from_url_text(text).unwrap();
    let compiled = filter
        .compile(
            index.base(),
            &CompileOptions {
                utc_offset_minutes: MSK,
            },
        )
        .unwrap();
    let rows = index.filter(&compiled);
    assert_eq!(
        rows.rows(),
        naive::filter(index.base(), &compiled),
        "{text}"
    );
    assert_eq!(
        rows.ids(index).map(|id| id.0).collect::<Vec<_>>(),
        ids_of(index.base(), rows.rows())
    );
    ids_of(index.base(), rows.rows())
}

fn member(group: u64) -> Membership {
    Membership {
        group: GroupId(group),
        subscribed_at: msk("05.03.2024", 12, 0),
        status: MembershipStatus::Active,
    }
}

const EVERYTHING: &[&str] = &[
    "1~billing.city:eq:москва",
    "1~tags:eq:vip",
    "1~phone:contains:812",
    "1~paid_total:gt:1000",
    "1~status:eq:активен",
    "1~g:10",
    "1~group_subscribed_at:eq:05.03.2024",
    "1~*pet:eq:кот",
];

/// Builds the columns the edits below touch.
fn warmed() -> IndexedBase {
    let index = IndexedBase::new(base());
    for text in EVERYTHING {
        ids(&index, text);
    }
    index
}

#[test]
fn editing_a_contact_updates_built_columns() {
    let mut index = warmed();
    assert_eq!(ids(&index, "1~billing.city:eq:москва"), [1, 2, 6]);
    index.update_contact(ContactId(3), |c| {
        c.billing.city = "МОСКВА".into();
        c.set_tags(["VIP"]);
        c.set_phone("+7 (812) 000-00-00");
    });
    assert_eq!(ids(&index, "1~billing.city:eq:москва"), [1, 2, 3, 6]);
    assert_eq!(ids(&index, "1~tags:eq:vip"), [1, 2, 3, 6]);
    assert_eq!(ids(&index, "1~phone:contains:812"), [1, 2, 3]);
    index.update_contact(ContactId(1), |c| c.billing.city.clear());
    assert_eq!(ids(&index, "1~billing.city:eq:москва"), [2, 3, 6]);
    assert_eq!(ids(&index, "1~billing.city:empty"), [1]);
}

#[test]
fn update_of_an_unknown_contact_does_nothing() {
    let mut index = warmed();
    assert_eq!(
        index.update_contact(ContactId(77), |c| c.points = Some(1)),
        None
    );
    assert_eq!(index.len(), 6);
}

#[test]
fn an_edit_cannot_change_the_id() {
    let mut index = warmed();
    index.update_contact(ContactId(2), |c| c.id = ContactId(1));
    assert_eq!(index.base().contacts[1].id, ContactId(2));
    assert_eq!(index.row_of(ContactId(2)), Some(1));
}

#[test]
fn upsert_replaces_in_place_or_appends() {
    let mut index = warmed();
    let mut seventh = Contact {
        id: ContactId(7),
        ..Contact::default()
    };
    seventh.billing.city = "Москва".into();
    seventh.set_tags(["vip"]);
    seventh.memberships = vec![member(10)];
    assert_eq!(index.upsert_contact(seventh), None);
    assert_eq!(ids(&index, "1~billing.city:eq:москва"), [1, 2, 6, 7]);
    assert_eq!(ids(&index, "1~g:10"), [1, 6, 7]);
    assert_eq!(ids(&index, "1~group_subscribed_at:eq:05.03.2024"), [7]);
    let replaced = index.upsert_contact(Contact {
        id: ContactId(1),
        ..Contact::default()
    });
    assert_eq!(replaced.map(|c| c.last_name), Some("Ёлкин".to_owned()));
    assert_eq!(ids(&index, "1~billing.city:eq:москва"), [2, 6, 7]);
    assert_eq!(ids(&index, "1~g:10"), [6, 7]);
    assert!(ids(&index, "1~status:eq:активен").is_empty());
    assert_eq!(
        index.contact(ContactId(7)).map(|c| c.billing.city.as_str()),
        Some("Москва")
    );
}

#[test]
fn removal_keeps_order_and_renumbers_rows() {
    let mut index = warmed();
    let removed = index.remove_contacts(&[ContactId(4), ContactId(1), ContactId(42)]);
    assert_eq!(removed.iter().map(|c| c.id.0).collect::<Vec<_>>(), [1, 4]);
    assert_eq!(ids(&index, ""), [2, 3, 5, 6]);
    assert_eq!(ids(&index, "1~billing.city:eq:москва"), [2, 6]);
    assert_eq!(ids(&index, "1~g:10,20,21"), [5, 6]);
    assert_eq!(ids(&index, "1~tags:eq:vip"), [2, 6]);
    assert_eq!(index.row_of(ContactId(6)), Some(3));
    assert!(index.remove_contacts(&[ContactId(42)]).is_empty());
}

#[test]
fn membership_changes_move_contacts_between_groups() {
    let mut index = warmed();
    assert_eq!(ids(&index, "1~g:10"), [1, 6]);
    index.update_contact(ContactId(3), |c| c.memberships.push(member(10)));
    assert_eq!(ids(&index, "1~g:10"), [1, 3, 6]);
    assert_eq!(ids(&index, "1~c:1"), [1, 2, 3, 6]);
    index.update_contact(ContactId(1), |c| {
        c.memberships.retain(|m| m.group != GroupId(10))
    });
    assert_eq!(ids(&index, "1~g:10"), [3, 6]);
    assert_eq!(ids(&index, "1~g:20"), [1, 4]);
    assert_eq!(ids(&index, "1~g:10~group_subscribed_at:eq:05.03.2024"), [3]);
}

#[test]
fn custom_field_changes_rebuild_their_columns() {
    let mut index = warmed();
    assert_eq!(ids(&index, "1~*pet:eq:кот"), [1, 2]);
    index.update_contact(ContactId(3), |c| {
        c.custom
            .insert("pet".into(), CustomValue::Text("КОТ".into()));
    });
    assert_eq!(ids(&index, "1~*pet:eq:кот"), [1, 2, 3]);
    let mut defs = index.base().custom_fields.clone();
    defs.retain(|d| d.key != "pet");
    defs.push(CustomFieldDef {
        key: "pet".into(),
        label: "Питомец".into(),
        kind: CustomKind::Integer,
    });
    let stale = Filter::from_url_text("1~*pet:eq:кот")
        .unwrap()
        .compile(index.base(), &CompileOptions::default())
        .unwrap();
    index.set_custom_fields(defs);
    assert!(
        index.filter(&stale).is_empty(),
        "a filter compiled for the old type sees no values"
    );
    assert_eq!(ids(&index, "1~*pet:empty"), [1, 2, 3, 4, 5, 6]);
    index.update_contact(ContactId(5), |c| {
        c.custom.insert("pet".into(), CustomValue::Integer(2));
    });
    assert_eq!(ids(&index, "1~*pet:gt:1"), [5]);
    assert_eq!(ids(&index, "1~*vip_level:gt:2"), [1, 6]);
}

#[test]
fn dropped_groups_are_unknown_to_new_filters() {
    let mut index = warmed();
    let base = index.base().clone();
    index.set_groups(
        base.categories,
        base.groups
            .into_iter()
            .filter(|g| g.id != GroupId(10))
            .collect(),
    );
    let filter = Filter::from_url_text("1~g:10").unwrap();
    assert!(
        filter
            .compile(index.base(), &CompileOptions::default())
            .is_err()
    );
    assert_eq!(ids(&index, "1~c:1"), [2, 6]);
}

#[test]
fn heavy_churn_compacts_columns_and_stays_correct() {
    let mut index = warmed();
    for i in 0..5_000u32 {
        let id = ContactId(u64::from(i % 6) + 1);
        index.update_contact(id, |c| {
            c.billing.city = format!("Город {i}");
            c.set_tags([format!("тег {i}"), "VIP".to_owned()]);
            c.memberships = vec![member(u64::from(10 + i % 2))];
            c.set_phone(&format!("+7 812 {:03} 00 00", i % 1000));
        });
    }
    assert_eq!(ids(&index, "1~billing.city:eq:город 4999"), [2]);
    assert_eq!(
        ids(&index, "1~billing.city:contains:город 499"),
        [1, 2, 3, 4, 5, 6]
    );
    assert_eq!(ids(&index, "1~tags:eq:тег 4998"), [1]);
    assert_eq!(ids(&index, "1~tags:eq:vip"), [1, 2, 3, 4, 5, 6]);
    assert_eq!(ids(&index, "1~g:10"), [1, 3, 5]);
    assert_eq!(ids(&index, "1~phone:eq:+7 812 999 00 00"), [2]);
}
