//! The Contacts browser app: a Leptos client-side-rendered CRM compiled to WebAssembly.
//!
//! The app is thin. Every decision about contacts comes from `contacts-core`; this crate only
//! reads browser input (the URL), builds views and, later, talks to storage and the sync server.
//! It compiles natively too, so its pure helpers are tested with a plain `cargo test`.

mod app;
mod demo;

pub use app::App;
