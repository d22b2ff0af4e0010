//! `cargo xtask bench`: runs the benchmarks, which print `name: value unit` lines — first the
//! core's native filter, import and export benchmarks, then the server's push throughput on
//! SQLite and a throwaway PostgreSQL (`push_mutations_per_s_sqlite`, `…_postgres`), then the
//! browser benchmark (`tests/e2e/bench/browser-bench.mjs`): the release build in headless
//! Chromium against the debug server, with a generated base written as JSON for its JavaScript
//! side.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use crate::run::Cmd;
use crate::{dist, paths, tools};

/// Contacts in the browser benchmark's base.
const BROWSER_COUNT: usize = 100_000;

/// Seed of the browser benchmark's base: the native benchmark's, so the wasm and the native
/// filter figures are over the same contacts.
const BROWSER_SEED: u64 = 42;

/// Runs the native benchmarks (filter, import and export), the server's push throughput, then
/// the browser one.
pub fn run() -> Result<(), String> {
    for bench in ["filter", "import"] {
        Cmd::new(
            "cargo",
            &["bench", "--quiet", "-p", "contacts-core", "--bench", bench],
        )
        .run()?;
    }
    server()?;
    browser()
}

/// The server's push throughput (`push_mutations_per_s_sqlite`, `…_postgres`), on SQLite and on
/// a throwaway PostgreSQL.
pub fn server() -> Result<(), String> {
    let postgres = crate::postgres::Postgres::start()?;
    Cmd::new(
        "cargo",
        &[
            "bench",
            "--quiet",
            "-p",
            "contacts-server",
            "--bench",
            "push",
        ],
    )
    .env("DATABASE_URL", postgres.url())
    .run()
}

/// Builds `dist/` and the server, writes the base as JSON, and runs the browser benchmark.
fn browser() -> Result<(), String> {
    tools::ensure_browser()?;
    dist::build()?;
    Cmd::new("cargo", &["build", "-p", "contacts-server"]).run()?;
    let base = write_base()?;
    let server = paths::target().join("debug").join("contacts-server");
    Cmd::new("node", &["bench/browser-bench.mjs"])
        .dir(&paths::e2e())
        .env("CONTACTS_SERVER_BIN", server)
        .env("CONTACTS_BENCH_BASE", &base)
        .env("CONTACTS_BENCH_COUNT", BROWSER_COUNT.to_string())
        .env("CONTACTS_BENCH_SEED", BROWSER_SEED.to_string())
        .run()
}

/// Writes the generated base the wasm side regenerates in the page, for the JavaScript side.
fn write_base() -> Result<PathBuf, String> {
    let dir = paths::target().join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!("base-{BROWSER_COUNT}-seed{BROWSER_SEED}.json"));
    eprintln!("writing {}", path.display());
    let base = contacts_core::fixtures::generate(BROWSER_COUNT, BROWSER_SEED);
    let cannot = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let mut out = BufWriter::new(File::create(&path).map_err(|e| cannot(&e))?);
    serde_json::to_writer(&mut out, &base).map_err(|e| cannot(&e))?;
    out.flush().map_err(|e| cannot(&e))?;
    Ok(path)
}
