//! `cargo xtask bench`: runs the benchmarks, which print `name: value unit` lines.

use crate::run::Cmd;

/// Runs the core's filter benchmark in the optimised bench profile.
pub fn run() -> Result<(), String> {
    Cmd::new(
        "cargo",
        &[
            "bench",
            "--quiet",
            "-p",
            "contacts-core",
            "--bench",
            "filter",
        ],
    )
    .run()
}
