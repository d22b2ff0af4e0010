//! The Contacts sync server: serves the built app (Trunk's `dist/`) and the `/api` endpoints
//! (accounts, and sync push/pull over the core's merge rules) over an embedded SQLite database or
//! PostgreSQL.
//!
//! [`app`] builds the whole HTTP surface from an [`AppState`], so tests can drive it without a
//! socket; [`Server`] opens the database, binds and runs it. The library never reads flags or the
//! environment and never prints: `main.rs` does that. Domain rules belong to `contacts-core`.

mod auth;
mod config;
mod db;
mod error;
mod extract;
mod routes;
mod server;
mod state;
mod static_files;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use config::{
    Command, Config, ConfigError, DEFAULT_LOG_KEEP, DEFAULT_MAX_BODY_BYTES, USAGE, parse,
};
pub use db::{Db, DbError};
pub use error::AppError;
pub use extract::{ApiJson, ApiQuery};
pub use server::{Server, StartError};
pub use state::AppState;

/// The largest request body an extractor accepts by default, in bytes (16 MiB); larger ones get
/// 413. `CONTACTS_MAX_BODY_BYTES` changes it.
pub const MAX_BODY_BYTES: usize = DEFAULT_MAX_BODY_BYTES;

/// The whole HTTP surface: `/api` routes, the static app with its fallback, and the layers for
/// fault logging, the body limit, compression and tracing.
pub fn app(state: AppState) -> Router {
    let static_files = static_files::router(state.dist());
    let body_limit = state.max_body_bytes();
    Router::new()
        .merge(routes::api())
        .with_state(state)
        .fallback_service(static_files)
        .layer(middleware::from_fn(error::log_server_faults))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().on_failure(()))
}
