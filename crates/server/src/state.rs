//! The shared state handed to every request handler: the database handle, the dist directory and
//! the limits from the configuration.
//!
//! It holds handles only; it never opens, creates or migrates anything itself (see `db.rs` and
//! `server.rs`).

use std::path::{Path, PathBuf};

use crate::db::Db;

/// What handlers share; cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    db: Db,
    dist: PathBuf,
    log_keep: u64,
    max_body_bytes: usize,
}

impl AppState {
    /// State over an open database and the directory of the built app, with the default limits.
    pub fn new(db: Db, dist: impl Into<PathBuf>) -> Self {
        Self {
            db,
            dist: dist.into(),
            log_keep: crate::config::DEFAULT_LOG_KEEP,
            max_body_bytes: crate::config::DEFAULT_MAX_BODY_BYTES,
        }
    }

    /// The same state with the limits of `config`.
    pub fn with_limits(mut self, config: &crate::Config) -> Self {
        self.log_keep = config.log_keep;
        self.max_body_bytes = config.max_body_bytes;
        self
    }

    /// Sync changes kept per account before older ones fold into its snapshot.
    pub fn log_keep(&self) -> u64 {
        self.log_keep
    }

    /// The largest request body accepted, in bytes.
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// The database handle.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The directory of the built app, served for every non-API path.
    pub fn dist(&self) -> &Path {
        &self.dist
    }
}
