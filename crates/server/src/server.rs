//! Starting and running the server: open the database, bind the listener, serve [`crate::app`]
//! until told to stop, then close the database.
//!
//! It reads no flags or environment (see `config.rs`) and prints nothing to stdout (the binary
//! prints the `listening on` line); it only logs.

use std::future::Future;
use std::io;
use std::net::SocketAddr;

use axum::Router;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::db::{Db, DbError};
use crate::state::AppState;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The database could not be opened, created or migrated.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The listen address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The OS error.
        source: io::Error,
    },
}

/// A server with its database open and its socket bound, accepting connections into the
/// backlog until [`Server::run`] serves them.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    local_addr: SocketAddr,
    db: Db,
    app: Router,
}

impl Server {
    /// Opens (or creates) the database, then binds `config.addr`. A missing dist directory is
    /// logged as a warning; the API still works.
    pub async fn start(config: &Config) -> Result<Self, StartError> {
        let db = Db::open_config(config).await?;
        if !config.dist.is_dir() {
            tracing::warn!(
                dist = %config.dist.display(),
                "the dist directory does not exist; only /api will answer"
            );
        }
        let bind_error = |source| StartError::Bind {
            addr: config.addr,
            source,
        };
        let listener = TcpListener::bind(config.addr).await.map_err(bind_error)?;
        let local_addr = listener.local_addr().map_err(bind_error)?;
        let app = crate::app(AppState::new(db.clone(), &config.dist).with_limits(config));
        Ok(Self {
            listener,
            local_addr,
            db,
            app,
        })
    }

    /// The address actually bound (the real port when port 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Serves until `shutdown` completes, lets requests in flight finish, then closes the
    /// database.
    pub async fn run<F>(self, shutdown: F) -> io::Result<()>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let served = axum::serve(self.listener, self.app)
            .with_graceful_shutdown(shutdown)
            .await;
        self.db.close().await;
        served
    }
}
