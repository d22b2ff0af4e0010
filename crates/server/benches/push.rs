//! Server throughput: `push_mutations_per_s` over HTTP on 127.0.0.1, on SQLite and, when
//! `DATABASE_URL` is set (as `cargo xtask bench` does), on PostgreSQL. One account, one client
//! pushing field edits of 1 000 contacts in pushes of 500 mutations, after a push that creates
//! them. Prints `name: value unit` lines.

use std::time::Instant;

use contacts_core::change::sync::PushRequest;
use contacts_core::change::{ClientId, FieldSet, Mutation, NewValue, Op, Stamper};
use contacts_core::fields::{FieldId, FieldRef};
use contacts_core::model::{Contact, ContactId};
use contacts_server::{Config, Server};
use serde_json::json;

/// Mutations pushed in the measured part.
const MUTATIONS: usize = 10_000;
/// Mutations per push.
const BATCH: usize = 500;
/// Contacts they edit.
const CONTACTS: u64 = 1_000;

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// Pushes `MUTATIONS` edits to a server started on `config`; mutations per second.
async fn measure(config: Config) -> f64 {
    let server = Server::start(&config).await.expect("server starts");
    let base = format!("http://{}", server.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let signed: serde_json::Value = client
        .post(format!("{base}/api/signup"))
        .json(&json!({"email": "bench@example.ru", "password": "bench password"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = signed["token"].as_str().unwrap().to_owned();
    let mut stamper = Stamper::new(ClientId(1));
    let push = |mutations: Vec<Mutation>| {
        let request = PushRequest {
            client_id: ClientId(1),
            mutations,
        };
        let call = client
            .post(format!("{base}/api/push"))
            .bearer_auth(&token)
            .json(&request)
            .send();
        async move {
            let response = call.await.unwrap();
            assert!(response.status().is_success(), "{}", response.status());
        }
    };
    let contacts = (1..=CONTACTS)
        .map(|id| Contact {
            id: ContactId(id),
            last_name: format!("Контакт {id}"),
            ..Contact::default()
        })
        .collect();
    push(vec![stamper.stamp(Op::CreateContacts(contacts), now_ms())]).await;
    let mutations: Vec<Mutation> = (0..MUTATIONS)
        .map(|i| {
            let op = Op::SetFields {
                contacts: vec![ContactId(i as u64 % CONTACTS + 1)],
                fields: vec![FieldSet {
                    field: FieldRef::Builtin(FieldId::BillingCity),
                    value: NewValue::Text(format!("Город {i}")),
                }],
            };
            stamper.stamp(op, now_ms())
        })
        .collect();
    let started = Instant::now();
    for batch in mutations.chunks(BATCH) {
        push(batch.to_vec()).await;
    }
    let per_s = MUTATIONS as f64 / started.elapsed().as_secs_f64();
    stop.send(()).unwrap();
    task.await.unwrap().unwrap();
    per_s
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::new(
        "127.0.0.1:0".parse().unwrap(),
        dir.path().join("dist"),
        dir.path().join("bench.sqlite"),
    );
    let sqlite = measure(config.clone()).await;
    println!("push_mutations_per_s_sqlite: {sqlite:.0} mutations/s");
    match std::env::var("DATABASE_URL") {
        Ok(url) => {
            let postgres = measure(Config {
                database_url: Some(url),
                ..config
            })
            .await;
            println!("push_mutations_per_s_postgres: {postgres:.0} mutations/s");
        }
        Err(_) => eprintln!("push_mutations_per_s_postgres: skipped (DATABASE_URL is not set)"),
    }
}
