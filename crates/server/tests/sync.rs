//! The sync API over real HTTP on 127.0.0.1, against SQLite and PostgreSQL alike: accounts and
//! tokens, idempotent pushes, account isolation, malformed, invalid, oversized and
//! future-clocked pushes (refused whole), pull paging and reset, and the erasure purge checked
//! by reading every table.
//!
//! Each test runs once per database (`sqlite` and `postgres` in a module named after it). The
//! PostgreSQL runs need `DATABASE_URL` (a server where the user may create databases; each test
//! makes its own); without it they are skipped loudly, and fail when `CONTACTS_REQUIRE_POSTGRES=1`
//! (as `cargo xtask test` sets).

mod support;

use std::sync::atomic::{AtomicU32, Ordering};

use contacts_core::change::sync::{PullResponse, PushRequest, Snapshot};
use contacts_core::change::{
    ClientId, ErasureHash, FieldSet, Mutation, NewValue, Op, Replica, Stamper,
};
use contacts_core::fields::{FieldId, FieldRef};
use contacts_core::model::{Contact, ContactId};
use contacts_server::{Config, Server};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::{AnyPool, Row};
use support::Fixture;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

#[derive(Clone, Copy, Debug)]
enum Backend {
    Sqlite,
    Postgres,
}

/// A running server on one database, and a way to read that database directly.
struct Env {
    _fixture: Fixture,
    url: String,
    base: String,
    client: reqwest::Client,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

static DATABASES: AtomicU32 = AtomicU32::new(0);

/// A fresh PostgreSQL database on the server of `DATABASE_URL`; `None` (loudly) without one.
async fn fresh_postgres() -> Option<String> {
    let Ok(admin) = std::env::var("DATABASE_URL") else {
        if std::env::var("CONTACTS_REQUIRE_POSTGRES").as_deref() == Ok("1") {
            panic!("CONTACTS_REQUIRE_POSTGRES=1 but DATABASE_URL is not set");
        }
        eprintln!(
            "\n!!! SKIPPED a PostgreSQL test: DATABASE_URL is not set \
             (cargo xtask test starts a throwaway PostgreSQL and sets it) !!!\n"
        );
        return None;
    };
    sqlx::any::install_default_drivers();
    let name = format!(
        "contacts_test_{}_{}",
        std::process::id(),
        DATABASES.fetch_add(1, Ordering::SeqCst)
    );
    let pool = AnyPool::connect(&admin)
        .await
        .expect("connect to DATABASE_URL");
    // The name is made here of a fixed prefix and numbers.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&pool)
        .await
        .expect("create a test database");
    pool.close().await;
    let (before_query, query) = match admin.split_once('?') {
        Some((url, query)) => (url.to_owned(), format!("?{query}")),
        None => (admin.clone(), String::new()),
    };
    let (server, _) = before_query
        .rsplit_once('/')
        .expect("DATABASE_URL names a database");
    Some(format!("{server}/{name}{query}"))
}

impl Env {
    async fn start(backend: Backend, change: impl FnOnce(&mut Config)) -> Option<Self> {
        let fixture = Fixture::new();
        let mut config = fixture.config();
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}", fixture.database().display()),
            Backend::Postgres => {
                let url = fresh_postgres().await?;
                config.database_url = Some(url.clone());
                url
            }
        };
        change(&mut config);
        let server = Server::start(&config).await.expect("server starts");
        let base = format!("http://{}", server.local_addr());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        Some(Self {
            _fixture: fixture,
            url,
            base,
            client,
            stop,
            task,
        })
    }

    /// Stops the server; the fixture (and the SQLite file) lives on in what it returns.
    async fn stop(self) -> Fixture {
        self.stop.send(()).unwrap();
        self.task.await.unwrap().unwrap();
        self._fixture
    }

    async fn db(&self) -> AnyPool {
        sqlx::any::install_default_drivers();
        AnyPool::connect(&self.url).await.unwrap()
    }

    fn post(&self, path: &str, token: Option<&str>) -> reqwest::RequestBuilder {
        let request = self.client.post(format!("{}{path}", self.base));
        match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    fn get(&self, path: &str, token: &str) -> reqwest::RequestBuilder {
        self.client
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
    }

    /// Signs up `email` and returns its token.
    async fn signup(&self, email: &str) -> String {
        let response = self
            .post("/api/signup", None)
            .json(&json!({"email": email, "password": "correct horse"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.unwrap();
        body["token"].as_str().unwrap().to_owned()
    }

    async fn push(&self, token: &str, push: &PushRequest) -> (StatusCode, Value) {
        let response = self
            .post("/api/push", Some(token))
            .json(push)
            .send()
            .await
            .unwrap();
        (response.status(), response.json().await.unwrap())
    }

    async fn pull(&self, token: &str, cursor: u64, limit: u64) -> PullResponse {
        let response = self
            .get(&format!("/api/pull?cursor={cursor}&limit={limit}"), token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn person(id: u64, last_name: &str) -> Contact {
    let mut c = Contact {
        id: ContactId(id),
        last_name: last_name.to_owned(),
        ..Contact::default()
    };
    c.set_email(&format!("person{id}@example.ru"));
    c
}

fn rename(id: u64, last_name: &str) -> Op {
    Op::SetFields {
        contacts: vec![ContactId(id)],
        fields: vec![FieldSet {
            field: FieldRef::Builtin(FieldId::LastName),
            value: NewValue::Text(last_name.to_owned()),
        }],
    }
}

/// One client making mutations now.
struct Device {
    stamper: Stamper,
}

impl Device {
    fn new(id: u64) -> Self {
        Self {
            stamper: Stamper::new(ClientId(id)),
        }
    }

    fn make(&mut self, op: Op) -> Mutation {
        self.stamper.stamp(op, now_ms())
    }

    fn push(&self, mutations: &[Mutation]) -> PushRequest {
        PushRequest {
            client_id: self.stamper.client(),
            mutations: mutations.to_vec(),
        }
    }
}

/// Runs a test once per database.
macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name(super::Backend::Sqlite).await;
            }
            #[tokio::test]
            async fn postgres() {
                super::$name(super::Backend::Postgres).await;
            }
        }
    };
}

on_both!(a_retried_push_never_applies_twice);
async fn a_retried_push_never_applies_twice(backend: Backend) {
    let Some(env) = Env::start(backend, |_| {}).await else {
        return;
    };
    let token = env.signup("owner@example.ru").await;
    let mut device = Device::new(1);
    let first = [
        device.make(Op::CreateContacts(vec![person(1, "Иванов")])),
        device.make(rename(1, "Петров")),
    ];
    let (status, body) = env.push(&token, &device.push(&first)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"last_mutation_seq": 2, "applied": 2, "cursor": 2})
    );
    // The answer was lost: the same push again, then with one more mutation.
    let (_, again) = env.push(&token, &device.push(&first)).await;
    assert_eq!(
        again,
        json!({"last_mutation_seq": 2, "applied": 0, "cursor": 2})
    );
    let mut more = first.to_vec();
    more.push(device.make(rename(1, "Сидоров")));
    let (_, body) = env.push(&token, &device.push(&more)).await;
    assert_eq!(
        body,
        json!({"last_mutation_seq": 3, "applied": 1, "cursor": 3})
    );
    let pulled = env.pull(&token, 0, 100).await;
    let seqs: Vec<u64> = pulled.changes.iter().map(|c| c.seq).collect();
    assert_eq!(seqs, [1, 2, 3]);
    let ids: Vec<u64> = pulled.changes.iter().map(|c| c.mutation.id.seq).collect();
    assert_eq!(ids, [1, 2, 3]);
    assert!(!pulled.has_more && !pulled.reset);
    env.stop().await;
}

on_both!(one_account_never_sees_or_changes_another_s_data);
async fn one_account_never_sees_or_changes_another_s_data(backend: Backend) {
    let Some(env) = Env::start(backend, |_| {}).await else {
        return;
    };
    let alice = env.signup("alice@example.ru").await;
    let bob = env.signup("bob@example.ru").await;
    let mut a = Device::new(7);
    let mine = [a.make(Op::CreateContacts(vec![person(1, "Алисина")]))];
    assert_eq!(env.push(&alice, &a.push(&mine)).await.0, StatusCode::OK);
    // Bob sees nothing of Alice's, in the log or the snapshot.
    let pulled = env.pull(&bob, 0, 100).await;
    assert!(
        pulled.changes.is_empty() && pulled.cursor == 0,
        "{pulled:?}"
    );
    let snapshot: Snapshot = env
        .get("/api/snapshot", &bob)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(snapshot.replica.to_base().contacts.is_empty());
    // Bob's device with the same client id and seq is not taken for Alice's, and his edit of
    // contact 1 lands in his account only.
    let mut b = Device::new(7);
    let his = [b.make(rename(1, "Бобов"))];
    let (_, body) = env.push(&bob, &b.push(&his)).await;
    assert_eq!(body["applied"], 1);
    let pulled = env.pull(&alice, 0, 100).await;
    assert_eq!(pulled.changes.len(), 1);
    assert_eq!(pulled.changes[0].mutation, mine[0]);
    env.stop().await;
}

on_both!(bad_tokens_get_401_with_a_reason);
async fn bad_tokens_get_401_with_a_reason(backend: Backend) {
    let Some(env) = Env::start(backend, |_| {}).await else {
        return;
    };
    let token = env.signup("owner@example.ru").await;
    let reason = |body: Value| body["error"].as_str().unwrap_or_default().to_owned();
    let url = format!("{}/api/pull?cursor=0", env.base);
    let none = env.client.get(&url).send().await.unwrap();
    assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
    assert!(reason(none.json().await.unwrap()).contains("Bearer"));
    for header in ["Bearer nonsense", "Basic b3duZXI6cHc=", "Bearer "] {
        let response = env
            .client
            .get(&url)
            .header("Authorization", header)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{header}");
        assert!(!reason(response.json().await.unwrap()).is_empty());
    }
    // A wrong password; a taken e-mail; then a good sign-in.
    let wrong = env
        .post("/api/signin", None)
        .json(&json!({"email": "owner@example.ru", "password": "wrong horse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let taken = env
        .post("/api/signup", None)
        .json(&json!({"email": " Owner@Example.ru", "password": "another horse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    let second: Value = env
        .post("/api/signin", None)
        .json(&json!({"email": "OWNER@example.ru", "password": "correct horse"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let second = second["token"].as_str().unwrap().to_owned();
    // Sign-out revokes that token only.
    let out = env.post("/api/signout", Some(&token)).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let revoked = env.get("/api/pull?cursor=0", &token).send().await.unwrap();
    assert_eq!(revoked.status(), StatusCode::UNAUTHORIZED);
    assert!(reason(revoked.json().await.unwrap()).contains("revoked"));
    let ok = env.get("/api/pull?cursor=0", &second).send().await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    // An expired session.
    let db = env.db().await;
    sqlx::query("UPDATE sessions SET expires_at = 0")
        .execute(&db)
        .await
        .unwrap();
    let expired = env.get("/api/pull?cursor=0", &second).send().await.unwrap();
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    assert!(reason(expired.json().await.unwrap()).contains("expired"));
    db.close().await;
    env.stop().await;
}

on_both!(malformed_invalid_and_oversized_pushes_apply_nothing);
async fn malformed_invalid_and_oversized_pushes_apply_nothing(backend: Backend) {
    let Some(env) = Env::start(backend, |config| config.max_body_bytes = 64 * 1024).await else {
        return;
    };
    let token = env.signup("owner@example.ru").await;
    let send = |body: String| {
        env.post("/api/push", Some(&token))
            .header("Content-Type", "application/json")
            .body(body)
            .send()
    };
    let response = send("{not json".to_owned()).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"].is_string());
    let response = send(r#"{"client_id":"0000000000000001","mutations":[{"id":1}]}"#.into())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // One good mutation and one whose value does not fit its field: none applied.
    let mut device = Device::new(1);
    let good = device.make(Op::CreateContacts(vec![person(1, "Иванов")]));
    let bad = device.make(Op::SetFields {
        contacts: vec![ContactId(1)],
        fields: vec![FieldSet {
            field: FieldRef::Builtin(FieldId::Points),
            value: NewValue::Text("много".into()),
        }],
    });
    let (status, body) = env.push(&token, &device.push(&[good.clone(), bad])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"].as_str().unwrap().contains("points"), "{body}");
    // Another client's mutation in the push: refused.
    let mut other = Device::new(2);
    let foreign = device.push(&[other.make(Op::CreateContacts(vec![person(3, "Чужой")]))]);
    assert_eq!(
        env.push(&token, &foreign).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Over the body limit.
    let huge = device.make(Op::CreateContacts(
        (10..2_000).map(|id| person(id, "Большой")).collect(),
    ));
    let response = env
        .post("/api/push", Some(&token))
        .json(&device.push(&[huge]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // A bad cursor.
    let response = env
        .get("/api/pull?cursor=abc", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(env.pull(&token, 0, 100).await.changes.is_empty());
    // The good mutation alone still applies: nothing was recorded of the refused pushes.
    let (status, body) = env.push(&token, &device.push(&[good])).await;
    assert_eq!((status, &body["applied"]), (StatusCode::OK, &json!(1)));
    env.stop().await;
}

on_both!(a_clock_from_the_future_is_refused_whole);
async fn a_clock_from_the_future_is_refused_whole(backend: Backend) {
    let Some(env) = Env::start(backend, |_| {}).await else {
        return;
    };
    let token = env.signup("owner@example.ru").await;
    let mut device = Device::new(3);
    let now = device.make(Op::CreateContacts(vec![person(1, "Иванов")]));
    let future = device
        .stamper
        .stamp(rename(1, "Из будущего"), now_ms() + 10 * 60 * 1000);
    let (status, body) = env.push(&token, &device.push(&[now.clone(), future])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"].as_str().unwrap().contains("clock"), "{body}");
    assert!(env.pull(&token, 0, 100).await.changes.is_empty());
    let (_, body) = env.push(&token, &device.push(&[now])).await;
    assert_eq!(body["applied"], 1);
    env.stop().await;
}

on_both!(pulls_come_in_pages_and_a_stale_cursor_resets_to_the_snapshot);
async fn pulls_come_in_pages_and_a_stale_cursor_resets_to_the_snapshot(backend: Backend) {
    let Some(env) = Env::start(backend, |config| config.log_keep = 3).await else {
        return;
    };
    let token = env.signup("owner@example.ru").await;
    let mut device = Device::new(4);
    let mut all = vec![device.make(Op::CreateContacts(vec![person(1, "А"), person(2, "Б")]))];
    // Six changes stay under 2 × log_keep: nothing folds yet.
    for i in 0..5 {
        all.push(device.make(rename(1 + i % 2, &format!("Имя {i}"))));
    }
    env.push(&token, &device.push(&all)).await;
    let mut cursor = 0;
    let mut pages = Vec::new();
    loop {
        let page = env.pull(&token, cursor, 4).await;
        assert!(!page.reset);
        pages.push(page.changes.len());
        cursor = page.cursor;
        if !page.has_more {
            break;
        }
    }
    assert_eq!((pages, cursor), (vec![4, 2], 6));
    // Two more: eight changes, so all but the last three fold into the snapshot.
    for i in 5..7 {
        all.push(device.make(rename(2, &format!("Имя {i}"))));
    }
    env.push(&token, &device.push(&all)).await;
    let stale = env.pull(&token, 2, 100).await;
    assert!(stale.reset && stale.changes.is_empty(), "{stale:?}");
    assert_eq!(stale.cursor, 5);
    let future = env.pull(&token, 99, 100).await;
    assert!(future.reset);
    let snapshot: Snapshot = env
        .get("/api/snapshot", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(snapshot.cursor, 5);
    let rest = env.pull(&token, snapshot.cursor, 100).await;
    assert_eq!(rest.changes.len(), 3);
    let mut replica = snapshot.replica;
    for change in &rest.changes {
        replica.apply(&change.mutation);
    }
    let mut local = Replica::new();
    for m in &all {
        local.apply(m);
    }
    assert_eq!(replica.to_base(), local.to_base());
    env.stop().await;
}

/// Every value of every row of every table of the database, as text.
async fn every_value(db: &AnyPool, backend: Backend) -> Vec<String> {
    let tables_sql = match backend {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table'",
        Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = 'public'"
        }
    };
    let tables: Vec<String> = sqlx::query(tables_sql)
        .fetch_all(db)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert!(tables.iter().any(|t| t == "changes"), "{tables:?}");
    let mut values = Vec::new();
    // `_sqlx_migrations` holds the migrations' own SQL, and a column type `Any` cannot read.
    for table in tables.iter().filter(|t| !t.starts_with("_sqlx")) {
        for row in // Table names come from the database catalogue.
            sqlx::query(sqlx::AssertSqlSafe(format!("SELECT * FROM {table}")))
                .fetch_all(db)
                .await
                .unwrap()
        {
            for i in 0..row.len() {
                let value = row
                    .try_get::<String, _>(i)
                    .or_else(|_| row.try_get::<i64, _>(i).map(|n| n.to_string()))
                    .or_else(|_| {
                        row.try_get::<Vec<u8>, _>(i)
                            .map(|b| String::from_utf8_lossy(&b).into_owned())
                    })
                    .unwrap_or_default();
                values.push(value);
            }
        }
    }
    values
}

on_both!(erasure_leaves_no_personal_value_in_any_table);
async fn erasure_leaves_no_personal_value_in_any_table(backend: Backend) {
    let Some(env) = Env::start(backend, |config| config.log_keep = 1).await else {
        return;
    };
    let token = env.signup("owner@example.ru").await;
    let mut device = Device::new(5);
    let mut secret = person(1, "Секретова");
    secret.set_phone("+7 912 345-67-89");
    secret.set_email("secret.person@example.ru");
    secret.description = "тайное описание".into();
    let mut all = vec![
        device.make(Op::CreateContacts(vec![secret, person(2, "Обычный")])),
        device.make(rename(1, "Секретова-Новая")),
        device.make(rename(2, "Обычный-2")),
    ];
    // log_keep 1: the create and first edit fold into the snapshot.
    env.push(&token, &device.push(&all)).await;
    let markers = [
        "Секретова",
        "secret.person",
        "912 345",
        "79123456789",
        "тайное",
    ];
    let db = env.db().await;
    let before = every_value(&db, backend).await.join("\n");
    assert!(before.contains("Секретова"), "the values were stored");
    all.push(device.make(Op::EraseContacts(vec![ErasureHash {
        id: ContactId(1),
        email: Some([1; 32]),
        phone: Some([2; 32]),
    }])));
    env.push(&token, &device.push(&all)).await;
    // Another device, offline meanwhile, edits the erased contact: dropped.
    let mut late = Device::new(6);
    let comeback = [late.make(rename(1, "Секретова-Вернулась"))];
    let (status, body) = env.push(&token, &late.push(&comeback)).await;
    assert_eq!((status, &body["applied"]), (StatusCode::OK, &json!(1)));
    let after = every_value(&db, backend).await;
    for marker in markers {
        assert!(
            !after.iter().any(|v| v.contains(marker)),
            "{marker} is still stored: {after:?}"
        );
    }
    let hash_text = format!("{:?}", [1u8; 32]);
    assert!(!after.iter().any(|v| v.contains(&hash_text[1..20])));
    let erased: Vec<(i64, i64)> = sqlx::query("SELECT contact_id, seq FROM erasures")
        .fetch_all(&db)
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    assert_eq!(erased, [(1, 4)]);
    db.close().await;
    // Pull from the start resets to the snapshot, where contact 1 is only its erasure.
    let pulled = env.pull(&token, 0, 100).await;
    assert!(pulled.reset);
    let snapshot: Snapshot = env
        .get("/api/snapshot", &token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rest = env.pull(&token, snapshot.cursor, 100).await;
    let mut replica = snapshot.replica;
    for change in &rest.changes {
        replica.apply(&change.mutation);
    }
    let base = replica.to_base();
    let one = base.contacts.iter().find(|c| c.id == ContactId(1)).unwrap();
    assert!(one.last_name.is_empty() && one.email.is_empty() && one.phone.is_empty());
    assert_eq!(
        base.contacts
            .iter()
            .find(|c| c.id == ContactId(2))
            .unwrap()
            .last_name,
        "Обычный-2"
    );
    assert!(replica.erased().contains_key(&ContactId(1)));
    let from_start = env.pull(&token, snapshot.cursor, 100).await;
    assert!(from_start.erased.iter().all(|e| e.id == ContactId(1)));
    let fixture = env.stop().await;
    if let Backend::Sqlite = backend {
        // Nor in the file's free space (secure_delete), once the server has closed it.
        let bytes = std::fs::read(fixture.database()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("secret.person"),
            "the e-mail is left in the file"
        );
    }
}

on_both!(concurrent_pushes_of_one_account_get_distinct_increasing_seqs);
async fn concurrent_pushes_of_one_account_get_distinct_increasing_seqs(backend: Backend) {
    let Some(env) = Env::start(backend, |_| {}).await else {
        return;
    };
    let token = env.signup("owner@example.ru").await;
    let pushes: Vec<PushRequest> = (1..=6)
        .map(|client| {
            let mut device = Device::new(client);
            let mutations: Vec<Mutation> = (0..5)
                .map(|i| device.make(rename(client, &format!("Имя {i}"))))
                .collect();
            device.push(&mutations)
        })
        .collect();
    let answers =
        futures_join_all(pushes.iter().map(|push| env.push(&token, push)).collect()).await;
    for (status, body) in &answers {
        assert_eq!(*status, StatusCode::OK, "{body}");
        assert_eq!(body["applied"], 5);
    }
    let pulled = env.pull(&token, 0, 100).await;
    let seqs: Vec<u64> = pulled.changes.iter().map(|c| c.seq).collect();
    assert_eq!(seqs, (1..=30).collect::<Vec<u64>>());
    env.stop().await;
}

/// Runs the futures concurrently on this task and gives their outputs in order.
async fn futures_join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut set = Vec::new();
    for future in futures {
        set.push(Box::pin(future));
    }
    let mut outputs: Vec<Option<F::Output>> = set.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in set.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *output = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(Option::unwrap).collect()
}
