//! The cold-load figure of the benchmark: write a generated base to a scratch database, then
//! open it afresh and time the way from IndexedDB to an in-memory [`IndexedBase`]. It deletes
//! its database afterwards and touches no other.

use contacts_core::filter::IndexedBase;
use contacts_core::fixtures;

use super::browser::random_client_id;
use super::{Storage, StorageError};

/// What [`measure_cold_load`] measured, in ms of `performance.now()`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadFigures {
    /// Contacts in the base.
    pub contacts: usize,
    /// Writing the base with [`Storage::write_base`] (generation not included).
    pub write_ms: f64,
    /// Opening the database on a fresh connection.
    pub open_ms: f64,
    /// [`Storage::load`] plus [`IndexedBase::new`]: stored base to a filterable one.
    pub load_ms: f64,
}

/// Writes `fixtures::generate(count, seed)` to a scratch database, reopens it and times the
/// load; the benchmark's `cold_start_*` figures come from here.
pub async fn measure_cold_load(count: usize, seed: u64) -> Result<LoadFigures, StorageError> {
    let name = format!("contacts-measure-{}", random_client_id()?);
    let base = fixtures::generate(count, seed);
    let storage = Storage::open_named(&name).await?;
    let started = now();
    storage.write_base(&base, |_| {}).await?;
    let write_ms = now() - started;
    drop((storage, base));

    let started = now();
    let storage = Storage::open_named(&name).await?;
    let open_ms = now() - started;
    let started = now();
    let loaded = IndexedBase::new(storage.load().await?);
    let load_ms = now() - started;
    let contacts = loaded.len();
    drop((storage, loaded));
    Storage::delete_named(&name).await?;
    Ok(LoadFigures {
        contacts,
        write_ms,
        open_ms,
        load_ms,
    })
}

/// `performance.now()`, or 0 where there is none.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
