//! Test fixtures shared by the integration tests: a temporary dist directory holding an
//! `index.html` and one hashed asset, a temporary database path, and a direct look into the
//! database file. Fixtures only build inputs; they assert nothing.

use std::path::PathBuf;

use contacts_server::Config;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use tempfile::TempDir;

/// The `index.html` every fixture serves.
pub const INDEX_HTML: &str = "<!doctype html><title>Contacts</title><p>app shell</p>";

/// The hashed asset's file name, as Trunk would write it.
pub const ASSET: &str = "contacts-0123456789abcdef_bg.wasm";

/// A temporary directory with `dist/` and a database path under a not-yet-created `data/`.
pub struct Fixture {
    /// Keeps the directory alive; removed when dropped.
    pub dir: TempDir,
}

impl Fixture {
    /// Writes the dist directory; the database does not exist yet.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let dist = dir.path().join("dist");
        std::fs::create_dir(&dist).expect("dist dir");
        std::fs::write(dist.join("index.html"), INDEX_HTML).expect("index.html");
        std::fs::write(dist.join(ASSET), asset_bytes()).expect("asset");
        Self { dir }
    }

    /// The dist directory.
    pub fn dist(&self) -> PathBuf {
        self.dir.path().join("dist")
    }

    /// The database file, two directories below the temp dir so its parents must be created.
    pub fn database(&self) -> PathBuf {
        self.dir
            .path()
            .join("data")
            .join("nested")
            .join("contacts.sqlite")
    }

    /// A configuration on 127.0.0.1:0 over this fixture.
    pub fn config(&self) -> Config {
        Config::new(
            "127.0.0.1:0".parse().expect("addr"),
            self.dist(),
            self.database(),
        )
    }

    /// A pool opened directly on the database file, bypassing the server.
    // Each test binary compiles this module; `sync.rs` reads its databases through `Any`.
    #[allow(dead_code)]
    pub async fn open_database(&self) -> SqlitePool {
        let options = SqliteConnectOptions::new().filename(self.database());
        SqlitePool::connect_with(options)
            .await
            .expect("open database")
    }
}

/// The asset's content: the wasm magic number, then enough compressible bytes to be compressed.
pub fn asset_bytes() -> Vec<u8> {
    let mut bytes = b"\0asm\x01\0\0\0".to_vec();
    bytes.extend(std::iter::repeat_n(b'a', 4096));
    bytes
}
