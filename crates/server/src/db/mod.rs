//! The database handle: opens (and on first start creates) the SQLite file, applies the embedded
//! migrations from `crates/server/migrations/`, records when this server instance was created, and
//! answers the few queries the server makes.
//!
//! All SQL lives here and uses runtime queries with bound parameters, never text built from request
//! data, so a PostgreSQL backend can later sit behind the same methods. This module knows nothing
//! of HTTP.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::migrate::MigrateError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};

/// How long a request waits for a free connection before the database counts as unavailable.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// How long SQLite waits on a lock held by another connection before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A pool of connections to the server's database; cheap to clone (clones share the pool).
#[derive(Debug, Clone)]
pub struct Db {
    pool: SqlitePool,
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
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(|source| DbError::Open {
                path: path.to_owned(),
                source,
            })?;
        sqlx::migrate!()
            .run(&pool)
            .await
            .map_err(|source| DbError::Migrate {
                path: path.to_owned(),
                source,
            })?;
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ('created_at', $1) ON CONFLICT (key) DO NOTHING",
        )
        .bind(now_rfc3339())
        .execute(&pool)
        .await?;
        Ok(Self { pool })
    }

    /// The name of the database backend, as reported by `/api/health`.
    pub fn backend(&self) -> &'static str {
        "sqlite"
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
