//! Prints how many contacts of a generated demo base match a filter given in its URL text.
//!
//! `cargo run -p contacts-core --example count_filter -- <count> <seed> <filter-url-text>
//! [utc-offset-minutes]` prints one number. The end-to-end tests compare the app's «Найдено»
//! with it, so the browser and the core are checked against each other on the same base.

use std::process::ExitCode;

use contacts_core::filter::{CompileOptions, Filter, IndexedBase};
use contacts_core::fixtures::generate;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(count) => {
            println!("{count}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("count_filter: {message}");
            eprintln!("usage: count_filter <count> <seed> <filter-url-text> [utc-offset-minutes]");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<usize, String> {
    let [count, seed, text, rest @ ..] = args else {
        return Err("expected at least three arguments".to_owned());
    };
    let count: usize = count.parse().map_err(|_| format!("bad count «{count}»"))?;
    let seed: u64 = seed.parse().map_err(|_| format!("bad seed «{seed}»"))?;
    let utc_offset_minutes: i32 = match rest {
        [] => 0,
        [offset] => offset
            .parse()
            .map_err(|_| format!("bad offset «{offset}»"))?,
        _ => return Err("too many arguments".to_owned()),
    };
    let filter = Filter::from_url_text(text).map_err(|e| e.to_string())?;
    let index = IndexedBase::new(generate(count, seed));
    let compiled = filter
        .compile(index.base(), &CompileOptions { utc_offset_minutes })
        .map_err(|e| e.to_string())?;
    Ok(index.filter(&compiled).len())
}
