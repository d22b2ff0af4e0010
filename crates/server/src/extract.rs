//! Request extractors for API handlers that reject bad input as [`AppError`] JSON, so a malformed
//! body or query gets a 4xx with the reason in the same `{"error": ...}` shape as every other
//! error, instead of axum's plain-text rejection.
//!
//! These only parse; they never validate domain rules (handlers and `contacts-core` do that).

use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON request body of type `T`. Rejects a missing `Content-Type: application/json` with 415,
/// syntax errors with 400, wrong shapes with 422 and bodies over the size limit with 413.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(value) = Json::<T>::from_request(request, state).await?;
        Ok(Self(value))
    }
}

/// A URL query string deserialized into `T`. Rejects one that does not fit `T` with 400.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(value) = Query::<T>::from_request_parts(parts, state).await?;
        Ok(Self(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::extract::DefaultBodyLimit;
    use axum::http::{StatusCode, header};
    use axum::routing::{get, post};
    use http_body_util::BodyExt;
    use serde::Deserialize;
    use tower::ServiceExt;

    #[derive(Deserialize)]
    struct Page {
        limit: u32,
    }

    const LIMIT: usize = 64;

    fn router() -> Router {
        Router::new()
            .route(
                "/echo",
                post(|ApiJson(value): ApiJson<serde_json::Value>| async move { value.to_string() }),
            )
            .route(
                "/page",
                get(|ApiQuery(page): ApiQuery<Page>| async move { page.limit.to_string() })
                    .post(|ApiJson(page): ApiJson<Page>| async move { page.limit.to_string() }),
            )
            .layer(DefaultBodyLimit::max(LIMIT))
    }

    async fn call(request: axum::http::Request<Body>) -> (StatusCode, String) {
        let response = router().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    fn post_json(body: impl Into<Body>) -> axum::http::Request<Body> {
        axum::http::Request::post("/echo")
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.into())
            .unwrap()
    }

    fn error_of(body: &str) -> String {
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        value["error"].as_str().unwrap().to_owned()
    }

    #[tokio::test]
    async fn good_json_is_extracted() {
        assert_eq!(
            call(post_json(r#"{"a":1}"#)).await,
            (StatusCode::OK, r#"{"a":1}"#.to_owned())
        );
    }

    #[tokio::test]
    async fn malformed_json_is_400_with_reason() {
        let (status, body) = call(post_json("{not json")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(error_of(&body).contains("as JSON"), "{body}");
    }

    #[tokio::test]
    async fn json_of_the_wrong_shape_is_422_with_reason() {
        let request = axum::http::Request::post("/page")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"limit":"many"}"#))
            .unwrap();
        let (status, body) = call(request).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_of(&body).contains("limit"), "{body}");
    }

    #[tokio::test]
    async fn json_without_its_content_type_is_415_with_reason() {
        let request = axum::http::Request::post("/echo")
            .body(Body::from("{}"))
            .unwrap();
        let (status, body) = call(request).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(error_of(&body).contains("Content-Type"), "{body}");
    }

    #[tokio::test]
    async fn body_over_the_limit_is_413_json() {
        let (status, body) = call(post_json(vec![b' '; LIMIT + 1])).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(!error_of(&body).is_empty());
    }

    #[tokio::test]
    async fn query_of_the_wrong_shape_is_400_with_reason() {
        let request = axum::http::Request::get("/page?limit=many")
            .body(Body::empty())
            .unwrap();
        let (status, body) = call(request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(error_of(&body).contains("limit"), "{body}");
    }
}
