//! The one write path: a single read-write transaction over every store that stamps the ops
//! (reading the stamper's saved state first, so tabs sharing the database never reuse an id),
//! writes their records, saves the stamper and adds the mutations to the outbox. Either all of
//! it is kept or, on any failure, none of it.

use std::collections::BTreeSet;

use contacts_core::change::{Changes, ClientId, Mutation, Op, Redacted};
use contacts_core::codec::{decode_contacts_into, encode_contacts};
use contacts_core::model::{
    Category, CategoryId, Contact, ContactId, CustomFieldDef, Group, GroupId,
};
use indexed_db_futures::database::Database;
use indexed_db_futures::future::VoidRequest;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use js_sys::Uint8Array;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::buckets::{bucket_of, by_bucket, covers_whole_bucket, merge, remove};
use super::error::{StorageError, corrupt, writing};
use super::meta;
use super::outbox;
use super::read::bytes_into;
use super::schema::{CATEGORIES, CONTACTS, CUSTOM_FIELDS, GROUPS, META, OUTBOX};

/// The records a write puts, each by its key, as they are after it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Records<'a> {
    /// Categories to put.
    pub categories: &'a [Category],
    /// Groups to put.
    pub groups: &'a [Group],
    /// Custom field definitions to put.
    pub custom_fields: &'a [CustomFieldDef],
    /// Contacts to put, whole.
    pub contacts: &'a [Contact],
    /// Contacts to delete.
    pub removed_contacts: &'a [ContactId],
    /// Groups to delete.
    pub removed_groups: &'a [GroupId],
    /// Categories to delete.
    pub removed_categories: &'a [CategoryId],
}

impl<'a> From<&'a Changes> for Records<'a> {
    fn from(changes: &'a Changes) -> Self {
        Self {
            categories: &changes.categories,
            groups: &changes.groups,
            custom_fields: &changes.custom_fields,
            contacts: &changes.contacts,
            removed_contacts: &changes.removed_contacts,
            removed_groups: &changes.removed_groups,
            removed_categories: &changes.removed_categories,
        }
    }
}

/// Stamps `ops` (made at `now_ms`) as mutations of `client` and writes them with `records` in
/// one transaction; gives the mutations back once it has committed.
///
/// The outbox records are placed last, after every data write, so a failure there (say, a
/// sequence number already taken) still has data to roll back.
pub(crate) async fn write(
    db: &Database,
    client: ClientId,
    ops: Vec<Op>,
    now_ms: i64,
    records: Records<'_>,
) -> Result<Vec<Mutation>, StorageError> {
    let tx = db
        .transaction([CONTACTS, CATEGORIES, GROUPS, CUSTOM_FIELDS, OUTBOX, META])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .map_err(writing)?;
    let meta_store = tx.object_store(META).map_err(writing)?;
    let mut stamper = meta::stamper(&meta_store, client).await?;
    let mutations: Vec<Mutation> = ops
        .into_iter()
        .map(|op| stamper.stamp(op, now_ms))
        .collect();

    let mut pending = Vec::new();
    put_serde(&tx, CATEGORIES, records.categories, &mut pending)?;
    put_serde(&tx, GROUPS, records.groups, &mut pending)?;
    put_serde(&tx, CUSTOM_FIELDS, records.custom_fields, &mut pending)?;
    delete_keys(
        &tx,
        GROUPS,
        records.removed_groups.iter().map(|g| g.0),
        &mut pending,
    )?;
    delete_keys(
        &tx,
        CATEGORIES,
        records.removed_categories.iter().map(|c| c.0),
        &mut pending,
    )?;
    put_contacts(
        &tx,
        records.contacts,
        records.removed_contacts,
        &mut pending,
    )
    .await?;
    pending.extend(meta::save_stamper(&meta_store, &stamper)?);
    let outbox_store = tx.object_store(OUTBOX).map_err(writing)?;
    let erased: BTreeSet<ContactId> = mutations.iter().flat_map(|m| m.op.erased()).collect();
    if !erased.is_empty() {
        redact_outbox(&outbox_store, &erased, &mut pending).await?;
    }
    for mutation in &mutations {
        let request = outbox_store
            .add(outbox::record(mutation)?)
            .primitive()
            .map_err(writing)?;
        pending.push(request);
    }

    for request in pending {
        request.await.map_err(writing)?;
    }
    tx.commit().await.map_err(writing)?;
    Ok(mutations)
}

/// Places a delete of each of `keys` (numbers) in store `name`.
fn delete_keys(
    tx: &Transaction<'_>,
    name: &str,
    keys: impl ExactSizeIterator<Item = u64>,
    pending: &mut Vec<VoidRequest>,
) -> Result<(), StorageError> {
    if keys.len() == 0 {
        return Ok(());
    }
    let store = tx.object_store(name).map_err(writing)?;
    for key in keys {
        pending.push(store.delete(key as f64).primitive().map_err(writing)?);
    }
    Ok(())
}

/// Places the rewrites that take every value of the `erased` contacts out of the mutations
/// already in the outbox ([`Op::redact`]): a mutation left with nothing is deleted.
async fn redact_outbox(
    store: &ObjectStore<'_>,
    erased: &BTreeSet<ContactId>,
    pending: &mut Vec<VoidRequest>,
) -> Result<(), StorageError> {
    let records: Vec<JsValue> = store
        .get_all::<JsValue>()
        .primitive()
        .map_err(writing)?
        .await
        .map_err(writing)?
        .collect::<Result<_, _>>()
        .map_err(writing)?;
    for record in records {
        let mut mutation = outbox::mutation(&record)?;
        match mutation.op.redact(erased) {
            Redacted::Unchanged => {}
            Redacted::Changed(op) => {
                mutation.op = op;
                pending.push(
                    store
                        .put(outbox::record(&mutation)?)
                        .primitive()
                        .map_err(writing)?,
                );
            }
            Redacted::Empty => pending.push(
                store
                    .delete(mutation.id.seq as f64)
                    .primitive()
                    .map_err(writing)?,
            ),
        }
    }
    Ok(())
}

/// Places a put of each of `items` in store `name` (whose key path is inside the item).
fn put_serde<T: Serialize>(
    tx: &Transaction<'_>,
    name: &str,
    items: &[T],
    pending: &mut Vec<VoidRequest>,
) -> Result<(), StorageError> {
    if items.is_empty() {
        return Ok(());
    }
    let store = tx.object_store(name).map_err(writing)?;
    for item in items {
        pending.push(store.put(item).serde().map_err(writing)?);
    }
    Ok(())
}

/// Places the writes of every bucket that `contacts` or `removed` fall into: each bucket is
/// read, the removed contacts taken out and the changed ones written in, and it is put back
/// whole, or deleted once it holds no contact.
async fn put_contacts(
    tx: &Transaction<'_>,
    contacts: &[Contact],
    removed: &[ContactId],
    pending: &mut Vec<VoidRequest>,
) -> Result<(), StorageError> {
    if contacts.is_empty() && removed.is_empty() {
        return Ok(());
    }
    let store = tx.object_store(CONTACTS).map_err(writing)?;
    let mut buckets = by_bucket(contacts);
    for &id in removed {
        buckets.entry(bucket_of(id)).or_default();
    }
    let mut reads = Vec::with_capacity(buckets.len());
    for (&key, changed) in &buckets {
        reads.push(if covers_whole_bucket(changed) {
            None
        } else {
            Some(store.get(key as f64).primitive().map_err(writing)?)
        });
    }
    let mut removed = removed.to_vec();
    removed.sort_unstable();
    let mut scratch = Vec::new();
    for ((&key, changed), read) in buckets.iter().zip(reads) {
        let mut bucket = Vec::new();
        if let Some(read) = read {
            let stored: Option<JsValue> = read.await.map_err(writing)?;
            if let Some(stored) = stored {
                bytes_into(&stored, &mut scratch)?;
                decode_contacts_into(&scratch, &mut bucket).map_err(corrupt)?;
            }
        }
        remove(&mut bucket, &removed);
        merge(&mut bucket, changed);
        let request = if bucket.is_empty() {
            store.delete(key as f64).primitive().map_err(writing)?
        } else {
            let bytes = Uint8Array::from(encode_contacts(&bucket).as_slice());
            store
                .put(JsValue::from(bytes))
                .with_key(key as f64)
                .without_key_type()
                .primitive()
                .map_err(writing)?
        };
        pending.push(request);
    }
    Ok(())
}
