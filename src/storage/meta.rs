//! The `meta` store: this browser's client id, the key of its erasure hashes, the state of its mutation stamper (last HLC and
//! sequence number) and the UI settings, each under its own string key. Text values are kept as
//! JS strings and the sequence number as a JS number, so they read plainly in devtools.

use contacts_core::change::{ClientId, HlcParseError, Stamper};
use indexed_db_futures::database::Database;
use indexed_db_futures::future::VoidRequest;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;

use super::browser::{random_bytes, random_client_id};
use super::error::{StorageError, reading, writing};
use super::schema::META;

/// Key of the client id (16 hex digits).
const CLIENT_ID: &str = "client_id";
/// Key of the last HLC the stamper issued (its text form).
const LAST_HLC: &str = "last_hlc";
/// Key of the last mutation sequence number issued.
const LAST_SEQ: &str = "last_seq";
/// Key of the erasure hashes' key (64 hex digits).
const ERASURE_KEY: &str = "erasure_key";

/// The key of UI setting `key`.
fn setting_key(key: &str) -> String {
    format!("setting:{key}")
}

/// The JSON text of UI setting `key`, if it was ever saved.
pub(crate) async fn setting(db: &Database, key: &str) -> Result<Option<String>, StorageError> {
    let tx = db.transaction(META).build().map_err(reading)?;
    let stored: Option<JsValue> = tx
        .object_store(META)
        .map_err(reading)?
        .get(setting_key(key).as_str())
        .primitive()
        .map_err(reading)?
        .await
        .map_err(reading)?;
    stored
        .map(|value| {
            value
                .as_string()
                .ok_or_else(|| StorageError::Corrupt(format!("setting `{key}` is not text")))
        })
        .transpose()
}

/// Saves UI setting `key` as the JSON text `json`.
pub(crate) async fn set_setting(db: &Database, key: &str, json: &str) -> Result<(), StorageError> {
    let tx = db
        .transaction(META)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .map_err(writing)?;
    tx.object_store(META)
        .map_err(writing)?
        .put(JsValue::from_str(json))
        .with_key(setting_key(key).as_str())
        .without_key_type()
        .primitive()
        .map_err(writing)?
        .await
        .map_err(writing)?;
    tx.commit().await.map_err(writing)
}

/// This database's client id; drawn at random and kept on first use.
pub(crate) async fn client_id(db: &Database) -> Result<ClientId, StorageError> {
    let text = kept_or_drawn(db, CLIENT_ID, || Ok(random_client_id()?.to_string())).await?;
    parse(&JsValue::from_str(&text), CLIENT_ID)
}

/// This database's key for the hashes erasure keeps (32 random bytes, as hex); drawn and kept
/// on first use. It never leaves the browser.
pub(crate) async fn erasure_key(db: &Database) -> Result<Vec<u8>, StorageError> {
    let text = kept_or_drawn(db, ERASURE_KEY, || {
        Ok(random_bytes::<32>()?
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect())
    })
    .await?;
    (0..text.len())
        .step_by(2)
        .map(|i| {
            text.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .filter(|key| key.len() == 32)
        .ok_or_else(|| StorageError::Corrupt(format!("meta `{ERASURE_KEY}` is malformed")))
}

/// The text kept under meta key `key`, or `draw()`'s, kept there now, on first use.
async fn kept_or_drawn(
    db: &Database,
    key: &str,
    draw: impl FnOnce() -> Result<String, StorageError>,
) -> Result<String, StorageError> {
    let tx = db
        .transaction(META)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .map_err(writing)?;
    let store = tx.object_store(META).map_err(writing)?;
    let stored: Option<JsValue> = store
        .get(key)
        .primitive()
        .map_err(writing)?
        .await
        .map_err(writing)?;
    if let Some(stored) = stored {
        return stored
            .as_string()
            .ok_or_else(|| StorageError::Corrupt(format!("meta `{key}` is not text")));
    }
    let text = draw()?;
    store
        .put(JsValue::from_str(&text))
        .with_key(key)
        .without_key_type()
        .primitive()
        .map_err(writing)?
        .await
        .map_err(writing)?;
    tx.commit().await.map_err(writing)?;
    Ok(text)
}

/// The stamper of `client` as `store` (meta, in a write transaction) last saved it.
pub(crate) async fn stamper(
    store: &ObjectStore<'_>,
    client: ClientId,
) -> Result<Stamper, StorageError> {
    let hlc = store.get(LAST_HLC).primitive().map_err(writing)?;
    let seq = store.get(LAST_SEQ).primitive().map_err(writing)?;
    let hlc: Option<JsValue> = hlc.await.map_err(writing)?;
    let seq: Option<JsValue> = seq.await.map_err(writing)?;
    let Some(hlc) = hlc else {
        return Ok(Stamper::new(client));
    };
    let seq = seq
        .and_then(|s| s.as_f64())
        .ok_or_else(|| StorageError::Corrupt(format!("meta `{LAST_SEQ}` is not a number")))?;
    Ok(Stamper::resume(client, parse(&hlc, LAST_HLC)?, seq as u64))
}

/// Places the writes that save `stamper`'s state in `store` (meta, in a write transaction).
pub(crate) fn save_stamper(
    store: &ObjectStore<'_>,
    stamper: &Stamper,
) -> Result<[VoidRequest; 2], StorageError> {
    let hlc = store
        .put(JsValue::from_str(&stamper.last_hlc().to_string()))
        .with_key(LAST_HLC)
        .without_key_type()
        .primitive()
        .map_err(writing)?;
    let seq = store
        .put(JsValue::from_f64(stamper.last_seq() as f64))
        .with_key(LAST_SEQ)
        .without_key_type()
        .primitive()
        .map_err(writing)?;
    Ok([hlc, seq])
}

/// Parses a text value of meta key `key`.
fn parse<T: std::str::FromStr<Err = HlcParseError>>(
    value: &JsValue,
    key: &str,
) -> Result<T, StorageError> {
    value
        .as_string()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| StorageError::Corrupt(format!("meta `{key}` is malformed")))
}
