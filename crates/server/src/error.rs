//! The one error type of the HTTP layer, [`AppError`], its JSON rendering, and the middleware
//! that logs server faults.
//!
//! Client faults become a 4xx with `{"error": reason}` and are never logged as errors. Server
//! faults are logged exactly once, by [`log_server_faults`]; an internal fault's detail never
//! reaches the client, which gets a bare `{"error": "internal error"}`. This module decides no
//! routes and touches no storage.

use axum::Json;
use axum::extract::Request;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::db::DbError;

/// A failed request, answered as JSON `{"error": "..."}`.
#[derive(Debug)]
#[non_exhaustive]
pub enum AppError {
    /// The client's request is at fault: answered with this 4xx status and reason.
    Client {
        /// A 4xx status.
        status: StatusCode,
        /// What was wrong, for the client to act on.
        reason: String,
    },
    /// A service the server needs (the database) is down: 503 with the reason, logged once.
    Unavailable(String),
    /// A bug or an unexpected failure: a bare 500, the detail logged once and kept from the client.
    Internal(String),
}

impl AppError {
    /// A client fault with the given 4xx status and reason.
    pub fn client(status: StatusCode, reason: impl Into<String>) -> Self {
        Self::Client {
            status,
            reason: reason.into(),
        }
    }

    /// Maps an extractor rejection: its status and text, or an internal fault if it is a 5xx.
    fn from_rejection(status: StatusCode, text: String) -> Self {
        if status.is_server_error() {
            Self::Internal(text)
        } else {
            Self::client(status, text)
        }
    }
}

/// The detail of a server fault, carried in the response extensions from [`AppError`] to
/// [`log_server_faults`], which logs it.
#[derive(Debug, Clone)]
struct FaultDetail(String);

/// The JSON body of every error response.
#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            Self::Client { status, reason } => {
                (status, Json(ErrorBody { error: &reason })).into_response()
            }
            Self::Unavailable(reason) => {
                let mut response = (
                    StatusCode::SERVICE_UNAVAILABLE,
                    Json(ErrorBody { error: &reason }),
                )
                    .into_response();
                response.extensions_mut().insert(FaultDetail(reason));
                response
            }
            Self::Internal(detail) => {
                let mut response = (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(ErrorBody {
                        error: "internal error",
                    }),
                )
                    .into_response();
                response.extensions_mut().insert(FaultDetail(detail));
                response
            }
        }
    }
}

impl From<DbError> for AppError {
    fn from(error: DbError) -> Self {
        Self::Internal(error.to_string())
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        Self::from_rejection(rejection.status(), rejection.body_text())
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        Self::from_rejection(rejection.status(), rejection.body_text())
    }
}

/// Middleware that logs every 5xx response once, with the fault's detail when an [`AppError`]
/// produced it. Client faults pass through unlogged.
pub async fn log_server_faults(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    if status.is_server_error() {
        let detail = response
            .extensions()
            .get::<FaultDetail>()
            .map_or("no detail", |FaultDetail(detail)| detail.as_str());
        tracing::error!(%method, path, status = status.as_u16(), "server fault: {detail}");
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    async fn parts(error: AppError) -> (StatusCode, serde_json::Value, bool) {
        let response = error.into_response();
        let status = response.status();
        let has_detail = response.extensions().get::<FaultDetail>().is_some();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap(), has_detail)
    }

    #[tokio::test]
    async fn client_fault_is_its_status_and_reason_and_not_reported() {
        let (status, body, reported) =
            parts(AppError::client(StatusCode::CONFLICT, "already there")).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body, serde_json::json!({"error": "already there"}));
        assert!(!reported);
    }

    #[tokio::test]
    async fn unavailable_is_503_with_reason_and_reported() {
        let (status, body, reported) = parts(AppError::Unavailable("db down".into())).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body, serde_json::json!({"error": "db down"}));
        assert!(reported);
    }

    #[tokio::test]
    async fn internal_fault_hides_its_detail_from_the_client() {
        let (status, body, reported) = parts(AppError::Internal("secret path /x".into())).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body, serde_json::json!({"error": "internal error"}));
        assert!(reported);
    }

    #[tokio::test]
    async fn database_errors_are_internal_faults() {
        let error = AppError::from(DbError::Query(sqlx::Error::PoolClosed));
        let (status, body, _) = parts(error).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body, serde_json::json!({"error": "internal error"}));
    }
}
