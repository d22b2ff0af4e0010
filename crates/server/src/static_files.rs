//! Serving the built app from the dist directory: files as they are, `index.html` for every path
//! with no file (the single-page-app fallback, status 200), and the `Cache-Control` header.
//!
//! Only a request path naming an existing regular file other than `index.html`, `sw.js` or
//! `manifest.webmanifest` is cached as immutable (Trunk hashes those names); everything else,
//! including every fallback to `index.html`, is `no-cache`. This module never serves outside the
//! dist directory and knows nothing of `/api`.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::services::{ServeDir, ServeFile};

/// `Cache-Control` for files whose names change with their content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` for everything else: the browser must revalidate before reuse.
const NO_CACHE: &str = "no-cache";

/// Files that keep their names across builds, so they must be revalidated.
const STABLE_NAMES: [&str; 3] = ["index.html", "sw.js", "manifest.webmanifest"];

/// A router that serves `dist`, falling back to `dist/index.html`, with cache headers set.
pub fn router(dist: &Path) -> Router {
    let serve = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    Router::new()
        .fallback_service(serve)
        .layer(middleware::from_fn_with_state(
            Arc::<Path>::from(dist),
            cache_control,
        ))
}

/// Middleware: sets `Cache-Control` from whether the request names an immutable asset.
async fn cache_control(State(dist): State<Arc<Path>>, request: Request, next: Next) -> Response {
    let immutable = match asset_path(request.uri().path()) {
        Some(relative) => tokio::fs::metadata(dist.join(relative))
            .await
            .is_ok_and(|meta| meta.is_file()),
        None => false,
    };
    let mut response = next.run(request).await;
    let value = if immutable { IMMUTABLE } else { NO_CACHE };
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// The dist-relative path of a request that may name a content-hashed asset, or `None` for a
/// directory, a stable name, an HTML page, or anything that is not a plain relative path.
fn asset_path(request_path: &str) -> Option<PathBuf> {
    let relative = Path::new(request_path.strip_prefix('/')?);
    let name = relative.file_name()?.to_str()?;
    let plain = relative
        .components()
        .all(|component| matches!(component, Component::Normal(_)));
    let hashed = !STABLE_NAMES.contains(&name) && !name.ends_with(".html");
    (plain && hashed && !request_path.ends_with('/') && !request_path.contains('\\'))
        .then(|| relative.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_asset_paths_are_candidates() {
        assert_eq!(
            asset_path("/contacts-1a2b3c_bg.wasm"),
            Some(PathBuf::from("contacts-1a2b3c_bg.wasm"))
        );
        assert_eq!(
            asset_path("/icons/icon-192.png"),
            Some(PathBuf::from("icons/icon-192.png"))
        );
    }

    #[test]
    fn stable_names_pages_and_directories_are_not() {
        for path in [
            "/",
            "/index.html",
            "/sw.js",
            "/manifest.webmanifest",
            "/icons/sw.js",
            "/other.html",
            "/icons/",
        ] {
            assert_eq!(asset_path(path), None, "{path}");
        }
    }

    #[test]
    fn paths_leaving_the_directory_are_not() {
        for path in [
            "/../secret.js",
            "/a/../b.js",
            "/./a.js",
            "/a\\b.js",
            "//etc/passwd",
        ] {
            assert_eq!(asset_path(path), None, "{path}");
        }
    }
}
