//! `cargo xtask serve`: builds the app and starts the sync server on http://127.0.0.1:8080 with
//! its embedded SQLite database under `data/`.

use crate::dist;
use crate::run::Cmd;

/// Builds `dist/`, then runs the release server in the foreground.
pub fn run() -> Result<(), String> {
    dist::build()?;
    Cmd::new(
        "cargo",
        &[
            "run",
            "--release",
            "-p",
            "contacts-server",
            "--",
            "--addr",
            "127.0.0.1:8080",
            "--dist",
            "dist",
            "--database",
            "data/contacts.sqlite",
        ],
    )
    .run()
}
