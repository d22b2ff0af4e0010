//! Tests of the whole server. Over real HTTP on 127.0.0.1: the server runs in-process on port 0
//! over a temporary dist directory and database, and `reqwest` calls it. The binary's command
//! line: its exit code for an unknown flag and its `listening on` line. And `oneshot` calls into
//! `app(state)` for what is awkward over a socket.

mod support;

use std::process::Stdio;

use contacts_server::{Config, Server};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, ALLOW, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE};
use serde_json::Value;
use support::{ASSET, Fixture, INDEX_HTML};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A server running on its own task until [`Running::stop`].
struct Running {
    base: String,
    client: reqwest::Client,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    async fn start(config: &Config) -> Self {
        let server = Server::start(config).await.expect("server starts");
        let base = format!("http://{}", server.local_addr());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("client");
        Self {
            base,
            client,
            stop,
            task,
        }
    }

    fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client.get(format!("{}{path}", self.base))
    }

    /// Stops serving and waits until the database is closed.
    async fn stop(self) {
        self.stop.send(()).expect("server still running");
        self.task.await.expect("server task").expect("server ran");
    }
}

async fn json(response: reqwest::Response) -> Value {
    response.json().await.expect("JSON body")
}

fn header(response: &reqwest::Response, name: impl reqwest::header::AsHeaderName) -> &str {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn health_reports_ok_version_and_database() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture.config()).await;

    let response = server.get("/api/health").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, CONTENT_TYPE).starts_with("application/json"));
    assert_eq!(
        json(response).await,
        serde_json::json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "database": "sqlite",
        })
    );
    server.stop().await;
}

#[tokio::test]
async fn first_start_creates_the_database_file_with_its_schema() {
    let fixture = Fixture::new();
    assert!(!fixture.database().exists());
    let server = Running::start(&fixture.config()).await;
    server.stop().await;

    assert!(fixture.database().is_file());
    let pool = fixture.open_database().await;
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM meta ORDER BY key")
        .fetch_all(&pool)
        .await
        .unwrap();
    let keys: Vec<&str> = rows.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["created_at", "schema_version"]);
    assert_eq!(rows[1].1, "2");
    let created_at = &rows[0].1;
    assert_eq!(
        created_at.len(),
        "2025-01-01T00:00:00Z".len(),
        "{created_at}"
    );
    assert!(
        created_at.ends_with('Z') && created_at.as_bytes()[10] == b'T',
        "{created_at}"
    );
}

#[tokio::test]
async fn second_start_on_the_same_file_keeps_schema_and_data() {
    let fixture = Fixture::new();
    Running::start(&fixture.config()).await.stop().await;

    let pool = fixture.open_database().await;
    sqlx::query("INSERT INTO meta (key, value) VALUES ('test_marker', 'kept')")
        .execute(&pool)
        .await
        .unwrap();
    let created_before: (String,) =
        sqlx::query_as("SELECT value FROM meta WHERE key = 'created_at'")
            .fetch_one(&pool)
            .await
            .unwrap();
    pool.close().await;

    let server = Running::start(&fixture.config()).await;
    let response = server.get("/api/health").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    server.stop().await;

    let pool = fixture.open_database().await;
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM meta ORDER BY key")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(
        rows,
        [
            ("created_at".to_owned(), created_before.0),
            ("schema_version".to_owned(), "2".to_owned()),
            ("test_marker".to_owned(), "kept".to_owned()),
        ]
    );
    let migrations: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(migrations.0, 2);
}

#[tokio::test]
async fn spa_fallback_serves_index_html_for_root_and_client_routes() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture.config()).await;

    for path in ["/", "/contacts/42", "/index.html", "/apiary"] {
        let response = server.get(path).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(
            header(&response, CONTENT_TYPE).starts_with("text/html"),
            "{path}"
        );
        assert_eq!(header(&response, CACHE_CONTROL), "no-cache", "{path}");
        assert_eq!(response.text().await.unwrap(), INDEX_HTML, "{path}");
    }
    server.stop().await;
}

#[tokio::test]
async fn hashed_asset_is_wasm_immutable_and_compressed_on_request() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture.config()).await;
    let path = format!("/{ASSET}");

    let response = server.get(&path).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_TYPE), "application/wasm");
    assert_eq!(
        header(&response, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header(&response, CONTENT_ENCODING), "");
    assert_eq!(
        response.bytes().await.unwrap().as_ref(),
        support::asset_bytes()
    );

    for encoding in ["gzip", "br"] {
        let response = server
            .get(&path)
            .header(ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header(&response, CONTENT_ENCODING), encoding);
        let compressed = response.bytes().await.unwrap();
        assert!(compressed.len() < support::asset_bytes().len() / 4);
    }
    server.stop().await;
}

#[tokio::test]
async fn unknown_api_path_is_404_json() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture.config()).await;

    let response = server.get("/api/nope").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = json(response).await;
    assert!(
        body["error"].as_str().unwrap().contains("/api/nope"),
        "{body}"
    );
    server.stop().await;
}

#[tokio::test]
async fn post_to_health_is_405_json_with_allow() {
    let fixture = Fixture::new();
    let server = Running::start(&fixture.config()).await;

    let response = server
        .client
        .post(format!("{}/api/health", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(header(&response, ALLOW).contains("GET"));
    let body = json(response).await;
    assert!(body["error"].as_str().unwrap().contains("POST"), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn missing_dist_directory_still_serves_the_api() {
    let fixture = Fixture::new();
    let config = Config {
        dist: fixture.dir.path().join("no-such-dist"),
        ..fixture.config()
    };
    let server = Running::start(&config).await;

    let health = server.get("/api/health").send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let page = server.get("/contacts/42").send().await.unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    server.stop().await;
}

#[test]
fn binary_rejects_an_unknown_flag_with_exit_code_2() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_contacts-server"))
        .arg("--bogus")
        .output()
        .expect("run the binary");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--bogus"), "{stderr}");
    assert!(stderr.contains("Usage:"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[tokio::test]
async fn binary_prints_its_listening_line_serves_and_stops_on_sigterm() {
    let fixture = Fixture::new();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_contacts-server"))
        .args(["--addr", "127.0.0.1:0", "--dist"])
        .arg(fixture.dist())
        .env("CONTACTS_DATABASE", fixture.database())
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn the binary");

    let stdout = child.stdout.take().expect("stdout");
    let line = BufReader::new(stdout)
        .lines()
        .next_line()
        .await
        .unwrap()
        .expect("a listening line");
    let base = line.strip_prefix("listening on ").expect(&line);
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");
    assert!(!base.ends_with(":0"), "{line}");

    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let response = client
        .get(format!("{base}/api/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(fixture.database().is_file());

    let pid = child.id().expect("still running").to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let status = child.wait().await.unwrap();
    assert_eq!(status.code(), Some(0));
}

/// In-process tests of `app(state)` through `oneshot`, with no socket: the paths that are awkward
/// over real HTTP, such as a database that has gone away.
mod in_process {
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use contacts_server::{AppState, Db, app};
    use http_body_util::BodyExt;
    use serde_json::Value;
    use tower::ServiceExt;

    use crate::support::Fixture;

    async fn call(state: AppState, request: Request<Body>) -> (StatusCode, Option<String>, Value) {
        let response = app(state).oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|value| value.to_str().unwrap().to_owned());
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, content_type, body)
    }

    fn get(path: &str) -> Request<Body> {
        Request::get(path).body(Body::empty()).unwrap()
    }

    #[tokio::test]
    async fn health_is_ok_while_the_database_answers() {
        let fixture = Fixture::new();
        let db = Db::open(&fixture.database()).await.unwrap();
        let (status, _, body) = call(
            AppState::new(db.clone(), fixture.dist()),
            get("/api/health"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["status"], "ok");
        db.close().await;
    }

    #[tokio::test]
    async fn health_is_503_json_with_a_reason_when_the_database_is_gone() {
        let fixture = Fixture::new();
        let db = Db::open(&fixture.database()).await.unwrap();
        db.close().await;
        let (status, content_type, body) =
            call(AppState::new(db, fixture.dist()), get("/api/health")).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(content_type.as_deref(), Some("application/json"));
        let reason = body["error"].as_str().unwrap();
        assert!(reason.starts_with("database unavailable"), "{reason}");
    }

    #[tokio::test]
    async fn head_on_health_is_allowed_and_other_methods_are_405_json() {
        let fixture = Fixture::new();
        let db = Db::open(&fixture.database()).await.unwrap();
        let state = AppState::new(db.clone(), fixture.dist());

        let head = Request::head("/api/health").body(Body::empty()).unwrap();
        assert_eq!(call(state.clone(), head).await.0, StatusCode::OK);
        let delete = Request::delete("/api/health").body(Body::empty()).unwrap();
        let (status, _, body) = call(state, delete).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert!(body["error"].as_str().unwrap().contains("DELETE"));
        db.close().await;
    }

    #[tokio::test]
    async fn every_unrouted_path_under_api_is_a_json_404_not_the_app() {
        let fixture = Fixture::new();
        let db = Db::open(&fixture.database()).await.unwrap();
        let state = AppState::new(db.clone(), fixture.dist());
        for path in ["/api", "/api/", "/api/health/", "/api/health/extra"] {
            let (status, content_type, body) = call(state.clone(), get(path)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(content_type.as_deref(), Some("application/json"), "{path}");
            assert!(body["error"].is_string(), "{path}");
        }
        db.close().await;
    }
}
