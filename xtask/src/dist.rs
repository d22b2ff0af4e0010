//! Building the app into `dist/` with Trunk in release mode, offline, with npm's wasm-opt.

use crate::run::{Cmd, path_with};
use crate::{paths, tools};

/// Installs the build tools if missing, then builds `dist/`.
pub fn build() -> Result<(), String> {
    tools::ensure_build_tools()?;
    Cmd::new("trunk", &["build", "--release", "--offline"])
        .env("PATH", path_with(&paths::npm_bin()))
        .run()
}
