//! Installing what the commands need, once: the wasm target, Trunk, wasm-bindgen-cli at the
//! version Cargo.lock pins, the npm packages (Playwright's core and wasm-opt), and Debian's
//! Chromium with its driver. Each check is cheap, so a warm machine skips every install.

use std::path::Path;

use crate::paths;
use crate::run::Cmd;

/// The Trunk version known to build with this toolchain (0.22 needs a newer rustc).
const TRUNK_VERSION: &str = "0.21.14";

/// Installs what building the app needs: wasm target, Trunk, wasm-bindgen-cli, npm packages.
pub fn ensure_build_tools() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_npm_packages()
}

/// Installs what the browser tests need on top of the build tools: Chromium and chromedriver.
pub fn ensure_browser() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = Cmd::new("rustup", &["target", "list", "--installed"]).output();
    if installed.is_some_and(|list| list.lines().any(|l| l == "wasm32-unknown-unknown")) {
        return Ok(());
    }
    Cmd::new("rustup", &["target", "add", "wasm32-unknown-unknown"]).run()
}

fn ensure_trunk() -> Result<(), String> {
    let wanted = format!("trunk {TRUNK_VERSION}");
    if Cmd::new("trunk", &["--version"]).output().as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    Cmd::new(
        "cargo",
        &["install", "--locked", "trunk", "--version", TRUNK_VERSION],
    )
    .run()
}

fn ensure_wasm_bindgen() -> Result<(), String> {
    let version = locked_version("wasm-bindgen")?;
    let wanted = format!("wasm-bindgen {version}");
    if Cmd::new("wasm-bindgen", &["--version"]).output().as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    // `--locked` fails to build this version; the unlocked build works (see the guide).
    Cmd::new(
        "cargo",
        &["install", "wasm-bindgen-cli", "--version", &version],
    )
    .run()
}

fn ensure_npm_packages() -> Result<(), String> {
    let dir = paths::e2e();
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules").join(".package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(lock), Some(installed)) = (modified(&lock), modified(&installed))
        && installed >= lock
    {
        return Ok(());
    }
    Cmd::new("npm", &["ci", "--no-audit", "--no-fund"])
        .dir(&dir)
        .run()
}

/// Installs Debian packages, refreshing the package lists first.
pub fn apt_install(packages: &[&str]) -> Result<(), String> {
    Cmd::new("apt-get", &["update", "-q"]).run()?;
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend_from_slice(packages);
    Cmd::new("apt-get", &args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()
}

/// The version of `package` that Cargo.lock pins.
pub fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(paths::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == name_line
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_owned());
        }
    }
    Err(format!("Cargo.lock does not pin {package}"))
}
