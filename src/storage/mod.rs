//! The browser storage: the account's base, the outbox of mutations not yet acknowledged by a
//! server, and this browser's client id, clock and UI settings, in IndexedDB
//! (`indexed_db_futures`). [`Storage`] is the only API; it does IO and nothing else — what a
//! change means is `contacts_core::change`.
//!
//! - [`schema`] — stores, versions and migrations (the layout is documented there).
//! - `buckets` — contacts kept in buckets of consecutive ids (as `contacts_core::codec` bytes),
//!   so a base loads in about a hundred reads. Memberships live inside each contact record, so
//!   they need no store of their own.
//! - `read` — the start-up load and the outbox; `write` — the one write path: data, outbox and
//!   stamper state in one transaction.
//! - `meta`, `outbox` — the records of those stores; `browser` — randomness, time, yielding;
//!   `measure` — the cold-load figure of the benchmark.
//!
//! Invariant: every change to data is a mutation added to the outbox in the same transaction
//! that writes the data and the stamper state (last HLC and sequence number); a failed write
//! leaves nothing of itself behind. UI settings are local preferences, not data: they are not
//! mutations.

pub mod browser;
mod buckets;
mod error;
mod measure;
mod meta;
mod outbox;
mod read;
pub mod schema;
mod write;

use std::cell::Cell;
use std::rc::Rc;

use contacts_core::change::{Changes, ClientId, Mutation, Op};
use contacts_core::fixtures;
use contacts_core::model::Base;
use indexed_db_futures::database::Database;
use indexed_db_futures::error::OpenDbError;
use indexed_db_futures::internals::SystemRepr;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

pub use error::StorageError;
pub use measure::{LoadFigures, measure_cold_load};

use error::{Doing, writing};
use write::{Records, write};

/// The name of the app's database.
pub const DEFAULT_NAME: &str = "contacts";

/// How many contacts one transaction of [`Storage::write_base`] writes.
pub const CHUNK: usize = 5_000;

/// How far a long write has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Contacts written so far.
    pub done: usize,
    /// Contacts to write in all.
    pub total: usize,
}

/// An open connection to the database. Cheap to clone (all clones share the connection, which
/// closes when the last is dropped); not `Send`, like every browser handle.
///
/// When another tab upgrades or deletes the database, this connection closes itself so that
/// tab is not held up, and every later call fails with [`StorageError::Superseded`].
#[derive(Clone)]
pub struct Storage {
    inner: Rc<Inner>,
}

struct Inner {
    db: Database,
    client: ClientId,
    erasure_key: Vec<u8>,
    /// Set when another tab asked this connection to close.
    superseded: Rc<Cell<bool>>,
    /// The connection's `versionchange` handler; unhooked before it is dropped.
    _on_version_change: Closure<dyn FnMut()>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        let db = self.db.as_sys();
        db.set_onversionchange(None);
        db.close();
    }
}

impl Storage {
    /// Opens the app's database ([`DEFAULT_NAME`]), creating or upgrading it, draws a client id
    /// on first use, and asks the browser to keep the data (`navigator.storage.persist()`).
    pub async fn open() -> Result<Storage, StorageError> {
        Self::open_named(DEFAULT_NAME).await
    }

    /// As [`Storage::open`], for the database called `name` (tests use their own names).
    pub async fn open_named(name: &str) -> Result<Storage, StorageError> {
        Self::open_at_version(name, schema::LATEST).await
    }

    /// Opens database `name` upgraded only as far as schema `version` (at most
    /// [`schema::LATEST`]): for testing upgrades. Reads that need a later version fail.
    pub async fn open_at_version(name: &str, version: u32) -> Result<Storage, StorageError> {
        schema::upgrade(name, version).await?;
        let db = Database::open(name)
            .with_version(version)
            .await
            .map_err(|e| match e {
                OpenDbError::Base(e) => StorageError::idb(Doing::Opening, e),
                _ => StorageError::Unavailable,
            })?;
        let superseded = Rc::new(Cell::new(false));
        let on_version_change = {
            let db = db.clone();
            let superseded = superseded.clone();
            Closure::<dyn FnMut()>::new(move || {
                superseded.set(true);
                db.as_sys().close();
            })
        };
        db.as_sys()
            .set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        let client = meta::client_id(&db).await?;
        let erasure_key = meta::erasure_key(&db).await?;
        browser::request_persistence();
        Ok(Storage {
            inner: Rc::new(Inner {
                db,
                client,
                erasure_key,
                superseded,
                _on_version_change: on_version_change,
            }),
        })
    }

    /// Deletes database `name`; connections to it close themselves first.
    pub async fn delete_named(name: &str) -> Result<(), StorageError> {
        Database::delete_by_name(name)
            .map_err(|_| StorageError::Unavailable)?
            .await
            .map_err(writing)
    }

    /// This database's client id: the author of its mutations.
    pub fn client(&self) -> ClientId {
        self.inner.client
    }

    /// This database's secret key for the hashes an erasure keeps ([`Op::erase`]).
    pub fn erasure_key(&self) -> &[u8] {
        &self.inner.erasure_key
    }

    /// The connection, unless another tab took the database over.
    fn db(&self) -> Result<&Database, StorageError> {
        if self.inner.superseded.get() {
            Err(StorageError::Superseded)
        } else {
            Ok(&self.inner.db)
        }
    }

    /// The whole base: contacts in id order, categories and groups in id order, custom fields in
    /// key order.
    pub async fn load(&self) -> Result<Base, StorageError> {
        read::base(self.db()?).await
    }

    /// Generates the demo base `fixtures::generate(count, seed)`, writes it with
    /// [`Storage::write_base`] and gives it back.
    pub async fn load_demo(
        &self,
        count: usize,
        seed: u64,
        on_progress: impl FnMut(Progress),
    ) -> Result<Base, StorageError> {
        let base = fixtures::generate(count, seed);
        self.write_base(&base, on_progress).await?;
        Ok(base)
    }

    /// Writes `base` as mutations: its categories, groups and custom fields in one transaction
    /// (one mutation for each list that is not empty), then its contacts in transactions of
    /// [`CHUNK`] (one `CreateContacts` mutation each). Between transactions it reports progress
    /// and yields to the browser, so a progress bar can paint. Each transaction is whole or
    /// absent; if one fails, the ones before it stay.
    pub async fn write_base(
        &self,
        base: &Base,
        mut on_progress: impl FnMut(Progress),
    ) -> Result<(), StorageError> {
        let total = base.contacts.len();
        on_progress(Progress { done: 0, total });
        let catalogue: Vec<Op> = [
            (!base.categories.is_empty()).then(|| Op::PutCategories(base.categories.clone())),
            (!base.groups.is_empty()).then(|| Op::PutGroups(base.groups.clone())),
            (!base.custom_fields.is_empty())
                .then(|| Op::PutCustomFields(base.custom_fields.clone())),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !catalogue.is_empty() {
            let records = Records {
                categories: &base.categories,
                groups: &base.groups,
                custom_fields: &base.custom_fields,
                contacts: &[],
                ..Records::default()
            };
            write(
                self.db()?,
                self.client(),
                catalogue,
                browser::now_ms(),
                records,
            )
            .await?;
        }
        let mut done = 0;
        for chunk in base.contacts.chunks(CHUNK) {
            browser::yield_to_browser().await;
            let records = Records {
                contacts: chunk,
                ..Records::default()
            };
            let op = Op::CreateContacts(chunk.to_vec());
            write(
                self.db()?,
                self.client(),
                vec![op],
                browser::now_ms(),
                records,
            )
            .await?;
            done += chunk.len();
            on_progress(Progress { done, total });
        }
        Ok(())
    }

    /// UI setting `key`, as [`Storage::set_setting`] saved it; `None` if it never was.
    pub async fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let Some(json) = meta::setting(self.db()?, key).await? else {
            return Ok(None);
        };
        serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| StorageError::Corrupt(format!("setting `{key}`: {e}")))
    }

    /// Saves UI setting `key` (as JSON text). A local preference, not a mutation: it is not
    /// synced.
    pub async fn set_setting<T: Serialize>(
        &self,
        key: &str,
        value: &T,
    ) -> Result<(), StorageError> {
        let json = serde_json::to_string(value)
            .map_err(|e| StorageError::Write(format!("setting `{key}`: {e}")))?;
        meta::set_setting(self.db()?, key, &json).await
    }

    /// The general write path: stamps `op` (made at wall time `now_ms`) with the next mutation
    /// id and an HLC, and in one transaction writes `changed` (what `op.apply` returned for the
    /// in-memory base), the mutation to the outbox and the stamper's state. On error nothing of
    /// it is stored, and the error's text tells the user so.
    pub async fn commit(
        &self,
        op: Op,
        now_ms: i64,
        changed: &Changes,
    ) -> Result<Mutation, StorageError> {
        let mut mutations = write(
            self.db()?,
            self.client(),
            vec![op],
            now_ms,
            Records::from(changed),
        )
        .await?;
        Ok(mutations.remove(0))
    }

    /// As [`Storage::commit`] for several ops applied in order (`changed` is what they wrote,
    /// joined with [`Changes::then`]): one transaction, so either all of them are kept or none.
    pub async fn commit_all(
        &self,
        ops: Vec<Op>,
        now_ms: i64,
        changed: &Changes,
    ) -> Result<Vec<Mutation>, StorageError> {
        write(
            self.db()?,
            self.client(),
            ops,
            now_ms,
            Records::from(changed),
        )
        .await
    }

    /// The outbox: every mutation not yet acknowledged by a server, in HLC order.
    pub async fn outbox(&self) -> Result<Vec<Mutation>, StorageError> {
        read::outbox(self.db()?).await
    }
}
