//! The shared state handed to every request handler: the database handle and the dist directory.
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
}

impl AppState {
    /// State over an open database and the directory of the built app.
    pub fn new(db: Db, dist: impl Into<PathBuf>) -> Self {
        Self {
            db,
            dist: dist.into(),
        }
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
