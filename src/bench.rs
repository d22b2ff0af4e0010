//! The wasm side of the browser benchmark (`tests/e2e/bench/browser-bench.mjs`, run by
//! `cargo xtask bench`): two exports the harness calls through `window.wasmBindings`.
//!
//! [`bench_prepare`] generates a base with the core's fixture generator (the same one
//! `cargo xtask fixtures` writes as JSON for the JavaScript peer, so both sides hold the same
//! contacts) and keeps it as an [`IndexedBase`]; [`bench_filter`] compiles a URL filter text
//! against it and filters, as the Contacts page does on every filter change. Timing is done by
//! the harness in JavaScript, with the same code for the wasm and the JavaScript filter.
//!
//! The exports live in the shipped bundle (a few hundred bytes on top of code the app links
//! anyway), so the benchmark measures the very wasm users get. They touch nothing of the app's
//! state and no storage.

use std::cell::RefCell;

use contacts_core::filter::{CompileOptions, Filter, IndexedBase};
use contacts_core::fixtures;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The base prepared by [`bench_prepare`], if any.
    static BASE: RefCell<Option<IndexedBase>> = const { RefCell::new(None) };
}

/// Generates `count` contacts with `seed` and keeps them for [`bench_filter`]; returns how many
/// contacts the base holds. Scan columns are built by the first filter that needs them.
#[wasm_bindgen]
pub fn bench_prepare(count: u32, seed: u32) -> u32 {
    let base = fixtures::generate(count as usize, u64::from(seed));
    let len = base.contacts.len() as u32;
    BASE.with_borrow_mut(|slot| *slot = Some(IndexedBase::new(base)));
    len
}

/// Compiles the filter URL text `url_text` (e.g. `1~g:3,7~status:eq:активен`) against the
/// prepared base, filters it and returns the number of matching contacts.
///
/// Fails when [`bench_prepare`] has not run, or the text does not parse or compile.
#[wasm_bindgen]
pub fn bench_filter(url_text: &str) -> Result<u32, JsError> {
    BASE.with_borrow(|slot| {
        let index = slot
            .as_ref()
            .ok_or_else(|| JsError::new("bench_prepare has not run"))?;
        let options = CompileOptions {
            utc_offset_minutes: 180,
        };
        let filter = Filter::from_url_text(url_text)
            .map_err(|e| JsError::new(&e.to_string()))?
            .compile(index.base(), &options)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(index.filter(&filter).len() as u32)
    })
}
