//! Records of the `outbox` store: `{seq, hlc, m}` — the mutation's sequence number (the key),
//! its HLC in text form (indexed by `by_hlc`) and the mutation itself as bytes
//! (`contacts_core::codec`). It builds and reads records; the transactions are the caller's.

use contacts_core::change::Mutation;
use contacts_core::codec::{decode_mutation, encode_mutation};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::error::{StorageError, corrupt};

/// The outbox record of `mutation`.
pub(crate) fn record(mutation: &Mutation) -> Result<JsValue, StorageError> {
    let record = Object::new();
    let bytes = encode_mutation(mutation);
    for (name, value) in [
        ("seq", JsValue::from_f64(mutation.id.seq as f64)),
        ("hlc", JsValue::from_str(&mutation.hlc.to_string())),
        ("m", Uint8Array::from(bytes.as_slice()).into()),
    ] {
        Reflect::set(&record, &JsValue::from_str(name), &value)
            .map_err(|_| StorageError::Write(format!("cannot build the outbox record `{name}`")))?;
    }
    Ok(record.into())
}

/// The mutation of an outbox record.
pub(crate) fn mutation(record: &JsValue) -> Result<Mutation, StorageError> {
    let bytes = Reflect::get(record, &JsValue::from_str("m"))
        .ok()
        .and_then(|m| m.dyn_into::<Uint8Array>().ok())
        .ok_or_else(|| StorageError::Corrupt("an outbox record has no mutation".to_owned()))?;
    decode_mutation(&bytes.to_vec()).map_err(corrupt)
}
