//! `cargo xtask test`: installs what is missing, then runs every test layer in turn — source
//! habits, format, lints, native tests (core, server over HTTP on SQLite and on a throwaway
//! PostgreSQL, app), wasm tests in headless
//! Chromium, and Playwright end-to-end tests against the built app on the real server. Every
//! layer runs even when an earlier one failed, so one run shows every failure.

use std::time::Instant;

use crate::postgres::Postgres;
use crate::run::Cmd;
use crate::{dist, paths, tidy, tools};

/// One test layer: runs, and says what failed.
type Layer = fn() -> Result<(), String>;

/// Runs all layers and fails if any failed.
pub fn run() -> Result<(), String> {
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    let layers: [(&str, Layer); 6] = [
        ("tidy", tidy::run),
        ("fmt", || {
            Cmd::new("cargo", &["fmt", "--all", "--", "--check"]).run()
        }),
        ("clippy", || {
            Cmd::new(
                "cargo",
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            )
            .run()
        }),
        ("native tests", native_tests),
        ("wasm tests", wasm_tests),
        ("end-to-end tests", end_to_end),
    ];
    let mut failed = Vec::new();
    for (name, layer) in layers {
        let started = Instant::now();
        eprintln!("\n=== {name}");
        let result = layer();
        let secs = started.elapsed().as_secs_f32();
        match result {
            Ok(()) => eprintln!("=== {name}: ok in {secs:.1} s"),
            Err(message) => {
                eprintln!("=== {name}: FAILED in {secs:.1} s: {message}");
                failed.push(name);
            }
        }
    }
    println!(
        "test layers: {} passed, {} failed",
        layers.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed layers: {}", failed.join(", ")))
    }
}

/// `cargo test --workspace` with a throwaway PostgreSQL for the server's tests, which must not
/// skip it here (`CONTACTS_REQUIRE_POSTGRES=1`).
fn native_tests() -> Result<(), String> {
    let postgres = Postgres::start()?;
    Cmd::new("cargo", &["test", "--workspace"])
        .env("DATABASE_URL", postgres.url())
        .env("CONTACTS_REQUIRE_POSTGRES", "1")
        .run()
}

/// `cargo xtask test-server`: the server's tests alone, with the throwaway PostgreSQL.
pub fn server() -> Result<(), String> {
    let postgres = Postgres::start()?;
    Cmd::new("cargo", &["test", "-p", "contacts-server"])
        .env("DATABASE_URL", postgres.url())
        .env("CONTACTS_REQUIRE_POSTGRES", "1")
        .run()
}

fn wasm_tests() -> Result<(), String> {
    Cmd::new(
        "cargo",
        &[
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "contacts",
        ],
    )
    .env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
        "wasm-bindgen-test-runner",
    )
    .env("CHROMEDRIVER", "/usr/bin/chromedriver")
    // The 100 000-contact cold-load test writes and reads a whole base in a debug build: give
    // the runner room beyond its 20 s default on a busy 2-core machine.
    .env("WASM_BINDGEN_TEST_TIMEOUT", "300")
    .run()
}

fn end_to_end() -> Result<(), String> {
    dist::build()?;
    Cmd::new("cargo", &["build", "-p", "contacts-server"]).run()?;
    let server = paths::target().join("debug").join("contacts-server");
    Cmd::new("npm", &["test"])
        .dir(&paths::e2e())
        .env("CONTACTS_SERVER_BIN", server)
        .run()
}
