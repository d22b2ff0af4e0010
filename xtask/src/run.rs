//! Running external commands: print them, inherit the terminal, and turn failures into messages.

use std::path::Path;
use std::process::{Command, Stdio};

/// A command line about to run, with its working folder and extra environment.
pub struct Cmd {
    command: Command,
    shown: String,
}

impl Cmd {
    /// `program` with `args`, run in the workspace root.
    pub fn new(program: &str, args: &[&str]) -> Self {
        let mut command = Command::new(program);
        command.args(args).current_dir(crate::paths::root());
        Self {
            command,
            shown: format!("{program} {}", args.join(" ")),
        }
    }

    /// Runs it in `dir` instead of the workspace root.
    pub fn dir(mut self, dir: &Path) -> Self {
        self.command.current_dir(dir);
        self
    }

    /// Sets an environment variable for it.
    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    /// Runs it with the terminal inherited; an error says which command failed and how.
    pub fn run(mut self) -> Result<(), String> {
        eprintln!("$ {}", self.shown);
        let status = self
            .command
            .stdin(Stdio::null())
            .status()
            .map_err(|e| format!("could not start `{}`: {e}", self.shown))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.shown))
        }
    }

    /// Runs it quietly and returns its trimmed stdout, or `None` if it could not run or failed.
    pub fn output(mut self) -> Option<String> {
        let out = self
            .command
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }
}

/// A PATH with `first` in front of the current one.
pub fn path_with(first: &Path) -> std::ffi::OsString {
    let mut parts = vec![first.to_path_buf()];
    if let Some(path) = std::env::var_os("PATH") {
        parts.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(parts).unwrap_or_default()
}
