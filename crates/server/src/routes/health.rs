//! `GET /api/health`: proves the server answers and its database does, with a real `SELECT 1`.
//!
//! It reads nothing else and changes nothing.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::error::AppError;
use crate::state::AppState;

/// The health report.
#[derive(Debug, Serialize)]
pub struct Health {
    /// Always `"ok"` when the report is sent with 200.
    status: &'static str,
    /// This crate's version.
    version: &'static str,
    /// The database backend's name.
    database: &'static str,
}

/// 200 with [`Health`] when the database answers; 503 with the reason when it does not.
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    let db = state.db();
    db.ping()
        .await
        .map_err(|error| AppError::Unavailable(format!("database unavailable: {error}")))?;
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        database: db.backend(),
    }))
}
