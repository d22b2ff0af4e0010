//! Browser tests of the IndexedDB storage, run by `wasm-bindgen-test-runner` in headless
//! Chromium: every field survives, a change and its outbox mutation are written together or not
//! at all, upgrades keep data, settings and the demo base round-trip, and the cold-load figure.
//!
//! Each test works in its own database, named at random, and deletes it at the end.
#![cfg(target_arch = "wasm32")]

use contacts::storage::{LoadFigures, Storage, StorageError, measure_cold_load, schema};
use contacts_core::change::{Mutation, Op};
use contacts_core::filter::IndexedBase;
use contacts_core::fixtures::{every_field, generate};
use contacts_core::model::{
    Base, Category, CategoryId, ContactId, CustomFieldDef, CustomKind, Timestamp,
};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A database name no other test uses.
fn scratch_name(test: &str) -> String {
    format!("test-{test}-{}", js_sys::Math::random())
}

/// Applies `op` to `memory` as the UI would, then commits it.
async fn change(storage: &Storage, memory: &mut IndexedBase, op: Op, now_ms: i64) -> Mutation {
    let changes = op.apply(memory, Timestamp(now_ms));
    storage
        .commit(op, now_ms, &changes)
        .await
        .expect("the change is stored")
}

/// Opens database `name` directly, at whatever version it has.
async fn raw(name: &str) -> Database {
    Database::open(name).await.expect("the database opens")
}

/// The `meta` values of the stamper: last HLC text and last sequence number.
async fn stamper_state(name: &str) -> (Option<String>, Option<f64>) {
    let db = raw(name).await;
    let tx = db.transaction("meta").build().unwrap();
    let store = tx.object_store("meta").unwrap();
    let hlc: Option<JsValue> = store.get("last_hlc").primitive().unwrap().await.unwrap();
    let seq: Option<JsValue> = store.get("last_seq").primitive().unwrap().await.unwrap();
    drop(tx);
    db.close();
    (
        hlc.and_then(|v| v.as_string()),
        seq.and_then(|v| v.as_f64()),
    )
}

/// The names of the outbox's indexes.
async fn outbox_indexes(name: &str) -> Vec<String> {
    let db = raw(name).await;
    let tx = db.transaction("outbox").build().unwrap();
    let names = tx.object_store("outbox").unwrap().index_names().collect();
    drop(tx);
    db.close();
    names
}

#[wasm_bindgen_test]
async fn every_field_survives_a_write_and_a_load() {
    let name = scratch_name("fields");
    let storage = Storage::open_named(&name).await.unwrap();
    let mut memory = IndexedBase::new(Base::default());
    let fields = vec![
        CustomFieldDef {
            key: "birthday".into(),
            label: "Дата рождения".into(),
            kind: CustomKind::Date,
        },
        CustomFieldDef {
            key: "vip".into(),
            label: "VIP".into(),
            kind: CustomKind::Bool,
        },
    ];
    let mut second = every_field(ContactId(2));
    second.first_name = "<img src=x onerror=alert(1)>".into();
    second.custom.clear();
    second.consent = None;
    change(&storage, &mut memory, Op::PutCustomFields(fields), 1_000).await;
    change(
        &storage,
        &mut memory,
        Op::CreateContacts(vec![every_field(ContactId(1)), second]),
        2_000,
    )
    .await;
    drop(storage);

    let reopened = Storage::open_named(&name).await.unwrap();
    assert_eq!(&reopened.load().await.unwrap(), memory.base());
    drop(reopened);
    Storage::delete_named(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_change_and_its_mutation_are_written_together() {
    let name = scratch_name("outbox");
    let storage = Storage::open_named(&name).await.unwrap();
    let mut memory = IndexedBase::new(Base::default());
    let op = Op::CreateContacts(vec![every_field(ContactId(7))]);
    let first = change(&storage, &mut memory, op, 1_750_000_000_000).await;
    assert_eq!(first.id.client, storage.client());
    assert_eq!(first.id.seq, 1);
    let client = storage.client();
    drop(storage);

    let reopened = Storage::open_named(&name).await.unwrap();
    assert_eq!(reopened.client(), client, "the client id is kept");
    assert_eq!(&reopened.load().await.unwrap(), memory.base());
    assert_eq!(
        reopened.outbox().await.unwrap(),
        std::slice::from_ref(&first)
    );
    let (hlc, seq) = stamper_state(&name).await;
    assert_eq!(
        (hlc.as_deref(), seq),
        (Some(first.hlc.to_string().as_str()), Some(1.0))
    );

    // The wall clock went back an hour: the next mutation still follows the first.
    let category = Category {
        id: CategoryId(1),
        name: "Клиенты".into(),
    };
    let op = Op::PutCategories(vec![category]);
    let second = change(&reopened, &mut memory, op, 1_749_996_400_000).await;
    assert_eq!(second.id.seq, 2);
    assert!(second.hlc > first.hlc);
    assert_eq!(reopened.outbox().await.unwrap(), [first, second]);
    assert_eq!(&reopened.load().await.unwrap(), memory.base());
    drop(reopened);
    Storage::delete_named(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn deleted_contacts_are_gone_after_a_reload_and_an_emptied_bucket_is_dropped() {
    let name = scratch_name("delete");
    let storage = Storage::open_named(&name).await.unwrap();
    let mut memory = IndexedBase::new(Base::default());
    // Ids 1 and 2 share the first bucket; 5000 sits alone in a later one.
    let contacts = [1, 2, 5_000].map(|id| every_field(ContactId(id))).to_vec();
    change(
        &storage,
        &mut memory,
        Op::CreateContacts(contacts),
        1_750_000_000_000,
    )
    .await;
    let delete = Op::DeleteContacts(vec![ContactId(2), ContactId(5_000)]);
    change(&storage, &mut memory, delete, 1_750_000_000_001).await;
    drop(storage);

    let reopened = Storage::open_named(&name).await.unwrap();
    let loaded = reopened.load().await.unwrap();
    let ids: Vec<u64> = loaded.contacts.iter().map(|c| c.id.0).collect();
    assert_eq!(ids, [1]);
    assert_eq!(&loaded, memory.base());
    drop(reopened);
    let db = raw(&name).await;
    let tx = db.transaction("contacts").build().unwrap();
    let store = tx.object_store("contacts").unwrap();
    let buckets: u32 = store.count().primitive().unwrap().await.unwrap();
    assert_eq!(
        buckets, 1,
        "the bucket of 5000 held no contact and was deleted"
    );
    drop(tx);
    db.close();
    Storage::delete_named(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn two_connections_never_reuse_a_mutation_id() {
    let name = scratch_name("tabs");
    let tab_a = Storage::open_named(&name).await.unwrap();
    let tab_b = Storage::open_named(&name).await.unwrap();
    assert_eq!(tab_a.client(), tab_b.client());
    let mut memory = IndexedBase::new(Base::default());
    let mut seqs = Vec::new();
    for (i, tab) in [&tab_a, &tab_b, &tab_b, &tab_a].into_iter().enumerate() {
        let op = Op::CreateContacts(vec![every_field(ContactId(i as u64 + 1))]);
        seqs.push(change(tab, &mut memory, op, 5_000).await.id.seq);
    }
    assert_eq!(seqs, [1, 2, 3, 4]);
    let outbox = tab_a.outbox().await.unwrap();
    assert!(outbox.windows(2).all(|w| w[0].hlc < w[1].hlc));
    drop((tab_a, tab_b));
    Storage::delete_named(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_failed_write_leaves_nothing_behind() {
    let name = scratch_name("rollback");
    let storage = Storage::open_named(&name).await.unwrap();
    let mut memory = IndexedBase::new(Base::default());
    let op = Op::CreateContacts(vec![every_field(ContactId(1))]);
    change(&storage, &mut memory, op, 10_000).await;
    let base_before = storage.load().await.unwrap();
    let outbox_before = storage.outbox().await.unwrap();
    drop(storage);

    // Roll the saved sequence number back, as a damaged or restored meta would: the next write
    // then adds an outbox record whose key is taken, after its data writes went out.
    let db = raw(&name).await;
    let tx = db
        .transaction("meta")
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store("meta")
        .unwrap()
        .put(JsValue::from_f64(0.0))
        .with_key("last_seq")
        .without_key_type()
        .primitive()
        .unwrap()
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.close();
    let meta_before = stamper_state(&name).await;

    let storage = Storage::open_named(&name).await.unwrap();
    let mut renamed = every_field(ContactId(1));
    renamed.first_name = "Переименована".into();
    let ops = [
        Op::CreateContacts(vec![renamed, every_field(ContactId(500))]),
        Op::PutCategories(vec![Category {
            id: CategoryId(9),
            name: "Новая".into(),
        }]),
    ];
    for op in ops {
        let changes = op.apply(&mut memory, Timestamp(20_000));
        let error = storage.commit(op, 20_000, &changes).await.unwrap_err();
        assert!(matches!(error, StorageError::Write(_)), "{error:?}");
        let message = error.to_string();
        assert!(message.contains("не сохранено"), "{message}");
        assert!(message.contains("ConstraintError"), "{message}");
    }

    assert_eq!(storage.load().await.unwrap(), base_before);
    assert_eq!(storage.outbox().await.unwrap(), outbox_before);
    assert_eq!(stamper_state(&name).await, meta_before);
    drop(storage);
    Storage::delete_named(&name).await.unwrap();
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Columns {
    visible: Vec<String>,
    widths: Vec<u16>,
}

#[wasm_bindgen_test]
async fn settings_round_trip() {
    let name = scratch_name("settings");
    let storage = Storage::open_named(&name).await.unwrap();
    assert_eq!(storage.setting::<Columns>("columns").await.unwrap(), None);
    let columns = Columns {
        visible: vec!["last_name".into(), "email".into(), "custom:birthday".into()],
        widths: vec![120, 240, 90],
    };
    storage.set_setting("columns", &columns).await.unwrap();
    storage
        .set_setting("filter", &"g=1;c=city:eq:Казань")
        .await
        .unwrap();
    storage.set_setting("filter", &"").await.unwrap();
    drop(storage);

    let reopened = Storage::open_named(&name).await.unwrap();
    assert_eq!(reopened.setting("columns").await.unwrap(), Some(columns));
    assert_eq!(
        reopened.setting::<String>("filter").await.unwrap(),
        Some(String::new())
    );
    assert!(matches!(
        reopened.setting::<u32>("columns").await,
        Err(StorageError::Corrupt(_))
    ));
    assert!(
        reopened.outbox().await.unwrap().is_empty(),
        "settings are not mutations"
    );
    drop(reopened);
    Storage::delete_named(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_demo_base_loads_back_equal_to_the_generated_one() {
    let name = scratch_name("demo");
    let storage = Storage::open_named(&name).await.unwrap();
    let count = 12_000;
    let mut progress = Vec::new();
    let written = storage
        .load_demo(count, 42, |p| progress.push(p))
        .await
        .unwrap();
    assert_eq!(written, generate(count, 42));
    let done: Vec<usize> = progress.iter().map(|p| p.done).collect();
    assert_eq!(done, [0, 5_000, 10_000, 12_000]);
    assert!(progress.iter().all(|p| p.total == count));
    let outbox = storage.outbox().await.unwrap();
    drop(storage);

    let reopened = Storage::open_named(&name).await.unwrap();
    assert_eq!(reopened.load().await.unwrap(), written);
    let sizes: Vec<Option<usize>> = outbox
        .iter()
        .map(|m| match &m.op {
            Op::CreateContacts(contacts) => Some(contacts.len()),
            _ => None,
        })
        .collect();
    assert_eq!(
        sizes,
        [None, None, None, Some(5_000), Some(5_000), Some(2_000)]
    );
    drop(reopened);
    Storage::delete_named(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_upgrade_from_version_1_keeps_the_data() {
    let name = scratch_name("upgrade");
    let old = Storage::open_at_version(&name, 1).await.unwrap();
    let written = old.load_demo(700, 3, |_| {}).await.unwrap();
    old.set_setting("columns", &["email"]).await.unwrap();
    let client = old.client();
    drop(old);
    assert!(outbox_indexes(&name).await.is_empty());
    let (hlc, seq) = stamper_state(&name).await;

    let upgraded = Storage::open_named(&name).await.unwrap();
    let db = raw(&name).await;
    assert_eq!(db.version(), f64::from(schema::LATEST));
    db.close();
    assert_eq!(outbox_indexes(&name).await, ["by_hlc"]);
    assert_eq!(upgraded.client(), client);
    assert_eq!(upgraded.load().await.unwrap(), written);
    assert_eq!(
        upgraded.setting::<Vec<String>>("columns").await.unwrap(),
        Some(vec!["email".to_owned()])
    );
    let outbox = upgraded.outbox().await.unwrap();
    assert_eq!(outbox.len(), 4, "three catalogue mutations and one chunk");
    assert_eq!(outbox.last().map(|m| m.hlc.to_string()), hlc);
    assert_eq!(outbox.last().map(|m| m.id.seq as f64), seq);
    drop(upgraded);
    Storage::delete_named(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_app_is_reported_not_damaged() {
    let name = scratch_name("newer");
    let newer = Database::open(name.as_str())
        .with_version(schema::LATEST + 1)
        .await
        .unwrap();
    newer.close();
    let error = Storage::open_named(&name).await.err().expect("it refuses");
    assert_eq!(error, StorageError::TooNew);
    assert!(error.to_string().contains("более новой версией"));
    Storage::delete_named(&name).await.unwrap();
}

/// The start-up figure: 100 000 generated contacts written, then loaded on a fresh connection.
/// A debug build (the routine test run) is several times slower than the app's release build,
/// so this prints the figure and leaves the 500 ms budget to the benchmark.
#[wasm_bindgen_test]
async fn cold_load_of_100_000_contacts() {
    let count = 100_000;
    let LoadFigures {
        contacts,
        write_ms,
        open_ms,
        load_ms,
    } = measure_cold_load(count, 7).await.unwrap();
    assert_eq!(contacts, count);
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    console_log!(
        "cold_load_100k_ms: {load_ms:.0} ms ({build} build; open {open_ms:.0} ms, \
         write {write_ms:.0} ms)"
    );
}
