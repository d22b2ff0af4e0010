//! The source-habit check: every Rust file opens with a `//!` comment saying what it owns.

use std::path::{Path, PathBuf};

use crate::paths;

/// Checks every `.rs` file under `src`, `crates`, `xtask` and `tests`.
pub fn run() -> Result<(), String> {
    let root = paths::root();
    let mut files = Vec::new();
    for dir in ["src", "crates", "xtask", "tests"] {
        collect_rust_files(&root.join(dir), &mut files);
    }
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !opens_with_module_doc(f))
        .map(|f| f.strip_prefix(&root).unwrap_or(f).display().to_string())
        .collect();
    println!(
        "tidy: {} files checked, {} without a `//!` opening",
        files.len(),
        missing.len()
    );
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "these files do not open with a `//!` comment: {}",
            missing.join(", ")
        ))
    }
}

fn collect_rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "node_modules" || name == "target" {
            continue;
        }
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn opens_with_module_doc(file: &Path) -> bool {
    std::fs::read_to_string(file).is_ok_and(|text| text.trim_start().starts_with("//!"))
}
