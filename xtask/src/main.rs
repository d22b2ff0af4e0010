//! `cargo xtask`: the project's commands. `serve` builds the app and starts the server with its
//! SQLite database on http://127.0.0.1:8080; `test` runs every test layer; `bench` prints figures;
//! `fixtures` writes a generated base; `tidy` checks the source habits. Each installs what it
//! needs and skips what is already there.

mod bench;
mod dist;
mod fixtures;
mod paths;
mod postgres;
mod run;
mod serve;
mod test;
mod tidy;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve                      build the app and serve it with the sync server on http://127.0.0.1:8080
  test                       install what is missing, then run every test layer
  test-server                the server's tests alone, on SQLite and a throwaway PostgreSQL
  bench                      print benchmark figures as `name: value unit` lines
  bench-server               the server's push throughput alone (SQLite and PostgreSQL)
  fixtures --count N --seed S --out FILE
                             write a generated base as JSON
  tidy                       check that every Rust file opens with a `//!` comment";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::run(),
        Some("test") => test::run(),
        Some("test-server") => test::server(),
        Some("bench") => bench::run(),
        Some("bench-server") => bench::server(),
        Some("fixtures") => fixtures::run(&args[1..]),
        Some("tidy") => tidy::run(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
