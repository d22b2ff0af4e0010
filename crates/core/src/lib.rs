//! The pure contacts domain: model, field catalogue, normalisation, filter engine and fixtures.
//!
//! This crate is deterministic: it performs no IO, reads no clock and draws no randomness of its
//! own. Time, ids and seeds are arguments. The browser app and the sync server both build on it.

pub mod bulk;
pub mod change;
pub mod codec;
pub mod export;
pub mod fields;
pub mod filter;
pub mod fixtures;
pub mod form;
pub mod groups;
pub mod import;
pub mod model;
pub mod normalize;
pub mod sort;
pub mod validate;
pub mod values;
