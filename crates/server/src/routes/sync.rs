//! `POST /api/push`, `GET /api/pull?cursor=n[&limit=m]`, `GET /api/snapshot`: the sync protocol
//! of `contacts_core::change::sync`, for the signed-in account only.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use contacts_core::change::sync::{self, PullResponse, PushError, PushRequest, PushResponse};
use serde::Deserialize;

use crate::auth::Authed;
use crate::db::now_ms;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiQuery};
use crate::state::AppState;

/// Changes in one pull page unless the client asks for fewer.
const DEFAULT_PAGE: u64 = 1_000;
/// The most changes one pull page gives.
const MAX_PAGE: u64 = 5_000;

/// Applies a push: 200 with [`PushResponse`]; 422 with the reason, and nothing applied, when a
/// mutation is invalid or its clock is too far ahead of the server's.
pub async fn push(
    State(state): State<AppState>,
    authed: Authed,
    ApiJson(push): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, AppError> {
    sync::check_push(&push, now_ms()).map_err(|error| {
        let reason = match &error {
            PushError::Invalid(reason) => format!("invalid mutation: {reason}"),
            PushError::FromTheFuture(reason) => format!("clock ahead of the server: {reason}"),
        };
        AppError::client(StatusCode::UNPROCESSABLE_ENTITY, reason)
    })?;
    let answer = state
        .db()
        .push(authed.account, &push, state.log_keep())
        .await?;
    Ok(Json(answer))
}

/// The pull query.
#[derive(Debug, Deserialize)]
pub struct PullQuery {
    cursor: u64,
    limit: Option<u64>,
}

/// The changes after `cursor`: 200 with [`PullResponse`].
pub async fn pull(
    State(state): State<AppState>,
    authed: Authed,
    ApiQuery(query): ApiQuery<PullQuery>,
) -> Result<Json<PullResponse>, AppError> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let answer = state.db().pull(authed.account, query.cursor, limit).await?;
    Ok(Json(answer))
}

/// The account's snapshot, `{"cursor": n, "replica": …}`, to start again from after `reset`.
pub async fn snapshot(State(state): State<AppState>, authed: Authed) -> Result<Response, AppError> {
    let (cursor, replica) = state.db().snapshot(authed.account).await?;
    let body = format!("{{\"cursor\":{cursor},\"replica\":{replica}}}");
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}
