//! The database handle: opens (and on first start creates) the SQLite file, or connects to
//! PostgreSQL, applies the embedded migrations from `crates/server/migrations/`, records when this
//! server instance was created, and answers the queries the server makes (`accounts.rs`: accounts
//! and sessions; `sync.rs`: push, pull and snapshots).
//!
//! One code path for both databases: `sqlx::Any` picks the driver from the URL, and the SQL
//! (migrations included) is written in the dialect both share. All SQL lives in this module and
//! uses runtime queries with bound parameters, never text built from request data. This module
//! knows nothing of HTTP.

mod accounts;
mod sync;

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::MigrateError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

/// How long a request waits for a free connection before the database counts as unavailable.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// How long SQLite waits on a lock held by another connection before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A pool of connections to the server's database; cheap to clone (clones share the pool).
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: &'static str,
}

/// Why the database could not be opened or queried.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DbError {
    /// The directory that should hold the database file could not be created.
    #[error("cannot create the database directory {}: {source}", path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The file-system error.
        source: io::Error,
    },
    /// The database file could not be opened or created.
    #[error("cannot open the database {}: {source}", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// The driver's error.
        source: sqlx::Error,
    },
    /// The schema migrations could not be applied.
    #[error("cannot migrate the database {}: {source}", path.display())]
    Migrate {
        /// The database file.
        path: PathBuf,
        /// The migrator's error.
        source: MigrateError,
    },
    /// A query failed.
    #[error("database query failed: {0}")]
    Query(#[from] sqlx::Error),
    /// Stored data did not read back (a bug, or a database edited by hand).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl Db {
    /// Opens the SQLite database at `path`, creating the file and its parent directory if missing,
    /// brings the schema up to date and records the instance creation time on first start.
    pub async fn open(path: &Path) -> Result<Self, DbError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            tokio::fs::create_dir_all(parent)
                .await
                .map_err(|source| DbError::CreateDir {
                    path: parent.to_owned(),
                    source,
                })?;
        }
        let open_error = |source| DbError::Open {
            path: path.to_owned(),
            source,
        };
        // Create the file in WAL mode with the SQLite driver itself (the mode is kept in the
        // file), then use it through `Any` like PostgreSQL.
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(BUSY_TIMEOUT);
        SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .map_err(open_error)?
            .close()
            .await;
        let url = format!("sqlite://{}", path.display());
        Self::connect(&url, "sqlite")
            .await
            .map_err(|error| match error {
                DbError::Open { source, .. } => open_error(source),
                DbError::Migrate { source, .. } => DbError::Migrate {
                    path: path.to_owned(),
                    source,
                },
                other => other,
            })
    }

    /// Connects to the PostgreSQL database at `url` (`postgres://…`), brings the schema up to
    /// date and records the instance creation time on first start.
    pub async fn open_postgres(url: &str) -> Result<Self, DbError> {
        Self::connect(url, "postgres").await
    }

    /// Opens the database a configuration names: PostgreSQL when it has a URL, else its SQLite
    /// file.
    pub async fn open_config(config: &crate::Config) -> Result<Self, DbError> {
        match &config.database_url {
            Some(url) => Self::open_postgres(url).await,
            None => Self::open(&config.database).await,
        }
    }

    async fn connect(url: &str, backend: &'static str) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        // The URL may hold a password: name the database by its backend only.
        let shown = PathBuf::from(format!("<{backend} database>"));
        let pool = AnyPoolOptions::new()
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if backend == "sqlite" {
                        // Deleted rows (an erased person's values) are overwritten in the file,
                        // not left in free pages.
                        sqlx::query("PRAGMA secure_delete = ON")
                            .execute(&mut *connection)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
            .map_err(|source| DbError::Open {
                path: shown.clone(),
                source,
            })?;
        sqlx::migrate!()
            .run(&pool)
            .await
            .map_err(|source| DbError::Migrate {
                path: shown,
                source,
            })?;
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ('created_at', $1) ON CONFLICT (key) DO NOTHING",
        )
        .bind(now_rfc3339())
        .execute(&pool)
        .await?;
        Ok(Self { pool, backend })
    }

    /// The name of the database backend, as reported by `/api/health`.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// Runs `SELECT 1` to prove a connection can be had and answers.
    pub async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection and waits for them to finish; later queries fail.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The current time in ms since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    let now = time::OffsetDateTime::now_utc();
    (now.unix_timestamp_nanos() / 1_000_000) as i64
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}
