//! Where things are: the workspace root and the folders the commands use.

use std::path::PathBuf;

/// The workspace root (the folder with the top-level Cargo.toml).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The end-to-end test package, which also holds the npm tools the build uses (wasm-opt).
pub fn e2e() -> PathBuf {
    root().join("tests").join("e2e")
}

/// The npm binaries folder, put first on PATH for Trunk so it finds wasm-opt there.
pub fn npm_bin() -> PathBuf {
    e2e().join("node_modules").join(".bin")
}

/// The cargo target folder.
pub fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}
