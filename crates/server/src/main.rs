//! The `contacts-server` binary: reads the command line and environment, sets up logging to
//! stderr, starts the server, prints `listening on http://ADDR` to stdout once it accepts, and
//! stops gracefully on Ctrl-C or SIGTERM.
//!
//! Exit codes: 0 after a clean stop or `--help`, 1 when the server cannot start or fails,
//! 2 for a usage error. It holds no server logic of its own.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use contacts_server::{Command, Server, USAGE};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let command = contacts_server::parse(std::env::args().skip(1), |name| std::env::var(name).ok());
    let config = match command {
        Ok(Command::Serve(config)) => config,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("contacts-server: {error}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    init_logging();

    let server = match Server::start(&config).await {
        Ok(server) => server,
        Err(error) => {
            tracing::error!("cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    let addr = server.local_addr();
    let database = match &config.database_url {
        Some(_) => "PostgreSQL (DATABASE_URL)".to_owned(),
        None => config.database.display().to_string(),
    };
    tracing::info!(%addr, dist = %config.dist.display(), database, "started");
    if let Err(error) = announce(&format!("listening on http://{addr}")) {
        tracing::error!("cannot write to stdout: {error}");
        return ExitCode::FAILURE;
    }
    match server.run(shutdown_signal()).await {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!("server failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr, filtered by `RUST_LOG` (default `info`), so stdout carries only the
/// `listening on` line.
fn init_logging() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

/// Writes one line to stdout and flushes it, for whoever waits on it.
fn announce(line: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}")?;
    stdout.flush()
}

/// Completes on Ctrl-C, or on SIGTERM where there are signals.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!("cannot listen for Ctrl-C: {error}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!("cannot listen for SIGTERM: {error}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
