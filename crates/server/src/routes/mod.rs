//! The `/api` router: one route table for every endpoint, plus JSON answers for unknown API paths
//! (404) and wrong methods (405, with the `Allow` header axum sets).
//!
//! Handlers live in one file per endpoint group; this module only wires them. It never serves
//! static files.

mod accounts;
mod health;
mod sync;

use axum::Router;
use axum::extract::OriginalUri;
use axum::http::{Method, StatusCode};
use axum::routing::{any, get, post};

use crate::error::AppError;
use crate::state::AppState;

/// The router for every path under `/api`.
pub fn api() -> Router<AppState> {
    let endpoints = Router::new()
        .route("/health", get(health::health))
        .route("/signup", post(accounts::signup))
        .route("/signin", post(accounts::signin))
        .route("/signout", post(accounts::signout))
        .route("/push", post(sync::push))
        .route("/pull", get(sync::pull))
        .route("/snapshot", get(sync::snapshot))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found);
    Router::new()
        .nest("/api", endpoints)
        // `nest` leaves `/api/` itself to the outer router, which would serve the app there.
        .route("/api/", any(not_found))
}

/// Any `/api/...` path with no route.
async fn not_found(OriginalUri(uri): OriginalUri) -> AppError {
    AppError::client(
        StatusCode::NOT_FOUND,
        format!("no API endpoint at {}", uri.path()),
    )
}

/// A known API path asked with a method it does not support.
async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> AppError {
    AppError::client(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", uri.path()),
    )
}
