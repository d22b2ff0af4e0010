//! The IndexedDB schema: store names, and the migrations that build it as an ordered list, run
//! in the `upgradeneeded` event of an open. It never reads or writes records outside a migration.
//!
//! Version by version:
//! 1. the stores: `contacts` (buckets of contacts keyed by `id >> 10`, see `super::buckets`;
//!    memberships live inside each contact), `categories` and `groups` (key path `id`),
//!    `custom_fields` (key path `key`), `outbox` (key path `seq`: mutations not yet acknowledged
//!    by a server, each `{seq, hlc, m}`), `meta` (out-of-line string keys: client id, clock state,
//!    UI settings).
//! 2. the unique index `by_hlc` of `outbox` on `hlc` (the text form, which sorts like the clock):
//!    sync sends the outbox in HLC order. Records written at version 1 already carry `hlc`, so
//!    the index covers them as it is built.
//!
//! A migration only adds: stores and indexes, and rewrites of records that keep every value.
//! One that throws aborts the upgrade, and the database stays at its old version, untouched.
//!
//! `indexed_db_futures` 0.6 does not hand the upgrade transaction to its callbacks
//! (Alorel/rust-indexed-db#66), and adding an index to an existing store needs it, so this module
//! opens with `web_sys` for the upgrade; the caller then opens its working connection with the
//! wrapper.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbIndexParameters, IdbObjectStoreParameters, IdbOpenDbRequest, IdbTransaction,
    IdbVersionChangeEvent,
};

use super::error::{Doing, StorageError};

/// Buckets of contacts.
pub(crate) const CONTACTS: &str = "contacts";
/// Categories by id.
pub(crate) const CATEGORIES: &str = "categories";
/// Groups by id.
pub(crate) const GROUPS: &str = "groups";
/// Custom field definitions by key.
pub(crate) const CUSTOM_FIELDS: &str = "custom_fields";
/// Mutations not yet acknowledged by a server.
pub(crate) const OUTBOX: &str = "outbox";
/// Client id, clock state and UI settings.
pub(crate) const META: &str = "meta";
/// The index of [`OUTBOX`] by HLC text.
pub(crate) const OUTBOX_BY_HLC: &str = "by_hlc";

/// One schema step: run on the upgrade transaction when the database is older than `version`.
struct Migration {
    version: u32,
    run: fn(&IdbDatabase, &IdbTransaction) -> Result<(), JsValue>,
}

/// Every step, oldest first; version `n` is `MIGRATIONS[n - 1]`.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        run: create_stores,
    },
    Migration {
        version: 2,
        run: index_outbox_by_hlc,
    },
];

/// The schema version this code writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// Version 1: every store.
fn create_stores(db: &IdbDatabase, _: &IdbTransaction) -> Result<(), JsValue> {
    let keyed = |path: &str| {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str(path));
        params
    };
    db.create_object_store(CONTACTS)?;
    db.create_object_store_with_optional_parameters(CATEGORIES, &keyed("id"))?;
    db.create_object_store_with_optional_parameters(GROUPS, &keyed("id"))?;
    db.create_object_store_with_optional_parameters(CUSTOM_FIELDS, &keyed("key"))?;
    db.create_object_store_with_optional_parameters(OUTBOX, &keyed("seq"))?;
    db.create_object_store(META)?;
    Ok(())
}

/// Version 2: the outbox by HLC.
fn index_outbox_by_hlc(_: &IdbDatabase, upgrade: &IdbTransaction) -> Result<(), JsValue> {
    let params = IdbIndexParameters::new();
    params.set_unique(true);
    upgrade
        .object_store(OUTBOX)?
        .create_index_with_str_and_optional_parameters(OUTBOX_BY_HLC, "hlc", &params)?;
    Ok(())
}

/// Opens database `name` with `web_sys`, runs the migrations from its version up to `version`,
/// and closes it again.
///
/// While another connection at an older version stays open, the browser holds this open back;
/// the storage's own connections close themselves when asked (see `super::Storage`).
pub(crate) async fn upgrade(name: &str, version: u32) -> Result<(), StorageError> {
    let opening = |e: JsValue| StorageError::plain(Doing::Opening, describe(&e));
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(StorageError::Unavailable)?;
    let request = factory.open_with_u32(name, version).map_err(opening)?;
    let failure: Rc<RefCell<Option<String>>> = Rc::default();
    let on_upgrade = {
        let request = request.clone();
        let failure = failure.clone();
        Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |event: IdbVersionChangeEvent| {
            if let Err(e) = migrate(&request, event.old_version() as u32, version) {
                failure.replace(Some(describe(&e)));
                if let Some(upgrade) = request.transaction() {
                    // Aborting fails only when the transaction already ended, which is what we want.
                    let _ = upgrade.abort();
                }
            }
        })
    };
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(done).await;
    request.set_onupgradeneeded(None);
    request.set_onsuccess(None);
    request.set_onerror(None);
    drop(on_upgrade);
    match outcome {
        Ok(_) => {
            request
                .result()
                .map_err(opening)?
                .unchecked_into::<IdbDatabase>()
                .close();
            Ok(())
        }
        Err(_) => Err(match (failure.take(), request.error()) {
            (Some(detail), _) => StorageError::Open(format!("migration failed: {detail}")),
            (None, Ok(Some(e))) => StorageError::dom(Doing::Opening, &e.name(), &e.message()),
            (None, _) => StorageError::Open("the browser refused to open it".to_owned()),
        }),
    }
}

/// Runs the migrations after `old` up to `new` on the open request's upgrade transaction.
fn migrate(request: &IdbOpenDbRequest, old: u32, new: u32) -> Result<(), JsValue> {
    let db: IdbDatabase = request.result()?.unchecked_into();
    let upgrade = request
        .transaction()
        .ok_or_else(|| JsValue::from_str("no upgrade transaction"))?;
    for step in MIGRATIONS
        .iter()
        .filter(|m| m.version > old && m.version <= new)
    {
        (step.run)(&db, &upgrade)?;
    }
    Ok(())
}

/// A readable text of a thrown JS value.
pub(crate) fn describe(value: &JsValue) -> String {
    if let Some(e) = value.dyn_ref::<web_sys::DomException>() {
        format!("{}: {}", e.name(), e.message())
    } else if let Some(e) = value.dyn_ref::<js_sys::Error>() {
        String::from(e.message())
    } else {
        format!("{value:?}")
    }
}
