//! The Contacts browser app: a Leptos client-side-rendered CRM compiled to WebAssembly.
//!
//! The app is thin. Every decision about contacts comes from `contacts-core`; this crate reads
//! browser input (the URL, clicks), keeps reactive state over the core's in-memory base
//! (`state`), lays it out (`pages`, `components`) and, later, talks to the sync server. It
//! compiles natively too, so its pure helpers are tested with a plain `cargo test`.

mod app;
pub mod bench;
pub mod components;
pub mod demo;
pub mod download;
pub mod pages;
pub mod state;
pub mod storage;

pub use app::App;
