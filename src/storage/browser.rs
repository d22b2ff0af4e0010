//! The few browser services storage needs besides IndexedDB: randomness for the client id and
//! the erasure key, the wall clock, persistence, and yielding to the event loop. No IndexedDB
//! here.

use contacts_core::change::ClientId;
use wasm_bindgen_futures::JsFuture;

use super::error::{Doing, StorageError};
use super::schema::describe;

/// A fresh client id from `crypto.getRandomValues`.
pub(crate) fn random_client_id() -> Result<ClientId, StorageError> {
    Ok(ClientId(u64::from_le_bytes(random_bytes::<8>()?)))
}

/// `N` random bytes from `crypto.getRandomValues`.
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N], StorageError> {
    let crypto = web_sys::window()
        .ok_or(StorageError::Unavailable)?
        .crypto()
        .map_err(|e| StorageError::plain(Doing::Opening, describe(&e)))?;
    let mut bytes = [0u8; N];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|e| StorageError::plain(Doing::Opening, describe(&e)))?;
    Ok(bytes)
}

/// The wall clock in ms since the Unix epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Asks the browser not to evict this site's data (`navigator.storage.persist()`), in the
/// background; a refusal or a missing API changes nothing.
pub(crate) fn request_persistence() {
    let Some(promise) = web_sys::window().and_then(|w| w.navigator().storage().persist().ok())
    else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        // The answer only tells whether the browser agreed; storage works either way.
        let _ = JsFuture::from(promise).await;
    });
}

/// Lets the browser run its queued tasks (and paint) before going on: a zero-delay timeout.
pub async fn yield_to_browser() {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_ok()
        });
        if !scheduled {
            // Without a timer, go on at once: only the pause is lost.
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    // A timer's promise never rejects.
    let _ = JsFuture::from(tick).await;
}
