//! The read paths: the whole base (the start-up load, which has a speed budget) and the outbox.
//! Read-only transactions; it never writes.
//!
//! The base loads bucket by bucket: every bucket's read is placed at once, and each is decoded
//! as soon as the browser hands it over, while the browser goes on reading the next ones.

use contacts_core::change::Mutation;
use contacts_core::codec::decode_contacts_into;
use contacts_core::model::{Base, Category, CustomFieldDef, Group};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

use super::error::{StorageError, corrupt, reading};
use super::outbox;
use super::schema::{CATEGORIES, CONTACTS, CUSTOM_FIELDS, GROUPS, OUTBOX, OUTBOX_BY_HLC};

/// The whole base: contacts in id order, categories and groups in id order, custom fields in
/// key order.
pub(crate) async fn base(db: &Database) -> Result<Base, StorageError> {
    let tx = db
        .transaction([CONTACTS, CATEGORIES, GROUPS, CUSTOM_FIELDS])
        .build()
        .map_err(reading)?;
    let contacts_store = tx.object_store(CONTACTS).map_err(reading)?;
    let keys = contacts_store
        .get_all_keys::<f64>()
        .primitive()
        .map_err(reading)?;
    let categories = tx
        .object_store(CATEGORIES)
        .map_err(reading)?
        .get_all::<Category>()
        .serde()
        .map_err(reading)?;
    let groups = tx
        .object_store(GROUPS)
        .map_err(reading)?
        .get_all::<Group>()
        .serde()
        .map_err(reading)?;
    let custom_fields = tx
        .object_store(CUSTOM_FIELDS)
        .map_err(reading)?
        .get_all::<CustomFieldDef>()
        .serde()
        .map_err(reading)?;

    let mut reads = Vec::new();
    for key in keys.await.map_err(reading)? {
        let key = key.map_err(reading)?;
        reads.push(contacts_store.get(key).primitive().map_err(reading)?);
    }
    let mut contacts = Vec::new();
    let mut scratch = Vec::new();
    for read in reads {
        let bucket: Option<JsValue> = read.await.map_err(reading)?;
        if let Some(bucket) = bucket {
            bytes_into(&bucket, &mut scratch)?;
            decode_contacts_into(&scratch, &mut contacts).map_err(corrupt)?;
        }
    }
    Ok(Base {
        categories: categories
            .await
            .map_err(reading)?
            .collect::<Result<_, _>>()
            .map_err(reading)?,
        groups: groups
            .await
            .map_err(reading)?
            .collect::<Result<_, _>>()
            .map_err(reading)?,
        custom_fields: custom_fields
            .await
            .map_err(reading)?
            .collect::<Result<_, _>>()
            .map_err(reading)?,
        contacts,
    })
}

/// The outbox in HLC order.
pub(crate) async fn outbox(db: &Database) -> Result<Vec<Mutation>, StorageError> {
    let tx = db.transaction(OUTBOX).build().map_err(reading)?;
    let records = tx
        .object_store(OUTBOX)
        .map_err(reading)?
        .index(OUTBOX_BY_HLC)
        .map_err(reading)?
        .get_all::<JsValue>()
        .primitive()
        .map_err(reading)?
        .await
        .map_err(reading)?;
    records
        .map(|record| outbox::mutation(&record.map_err(reading)?))
        .collect()
}

/// Copies the bytes of a stored bucket (a `Uint8Array`) into `out`, replacing what it held.
pub(crate) fn bytes_into(value: &JsValue, out: &mut Vec<u8>) -> Result<(), StorageError> {
    let array = value
        .dyn_ref::<Uint8Array>()
        .ok_or_else(|| StorageError::Corrupt("a bucket of contacts is not bytes".to_owned()))?;
    out.resize(array.length() as usize, 0);
    array.copy_to(out);
    Ok(())
}
