//! `cargo xtask fixtures --count N --seed S --out FILE`: writes the core's generated base as JSON.

use std::time::Instant;

/// Parses the flags, generates the base and writes it.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut count: usize = 10_000;
    let mut seed: u64 = 1;
    let mut out: Option<String> = None;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--count" => {
                count = value()?
                    .parse()
                    .map_err(|_| "--count takes a whole number")?
            }
            "--seed" => {
                seed = value()?
                    .parse()
                    .map_err(|_| "--seed takes a whole number")?
            }
            "--out" => out = Some(value()?.clone()),
            other => return Err(format!("unknown flag {other}; see `cargo xtask`")),
        }
    }
    let out = out.ok_or("--out FILE is required")?;
    let started = Instant::now();
    let base = contacts_core::fixtures::generate(count, seed);
    let json = serde_json::to_vec(&base).map_err(|e| format!("cannot serialise the base: {e}"))?;
    std::fs::write(&out, json).map_err(|e| format!("cannot write {out}: {e}"))?;
    println!(
        "wrote {count} contacts in {} groups to {out} in {} ms",
        base.groups.len(),
        started.elapsed().as_millis()
    );
    Ok(())
}
