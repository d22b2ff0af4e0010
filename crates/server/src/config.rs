//! Start-up configuration: the listen address, the dist directory and the database, read from
//! command-line flags, then environment variables (`CONTACTS_*`, and `DATABASE_URL` for
//! PostgreSQL), then built-in defaults.
//!
//! This module only parses; it never touches the network, the file system or the process (no
//! printing, no exiting). `main.rs` decides what to do with a [`ConfigError`].

use std::net::SocketAddr;
use std::path::PathBuf;

/// The usage text printed by `--help` and after a usage error.
pub const USAGE: &str = "\
Usage: contacts-server [--addr HOST:PORT] [--dist DIR] [--database FILE]

Options (each flag overrides its environment variable, which overrides the default):
  --addr HOST:PORT   address to listen on        [env CONTACTS_ADDR, default 127.0.0.1:8080]
  --dist DIR         built app to serve          [env CONTACTS_DIST, default dist]
  --database FILE    SQLite database file        [env CONTACTS_DATABASE, default data/contacts.sqlite]
  -h, --help         print this help and exit

Environment only:
  DATABASE_URL              postgres://… to keep the data in PostgreSQL instead of the SQLite file
  CONTACTS_LOG_KEEP         sync changes kept per account before older ones fold into its snapshot
                            [default 100000]
  CONTACTS_MAX_BODY_BYTES   largest request body accepted [default 16777216]

The log level is read from RUST_LOG (default info); logs go to stderr.";

/// Changes kept per account by default before the oldest fold into its snapshot.
pub const DEFAULT_LOG_KEEP: u64 = 100_000;

/// The largest request body accepted by default, in bytes (16 MiB); larger ones get 413.
pub const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Where the server listens, what it serves and where it keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Socket address to bind; port 0 asks the OS for a free port.
    pub addr: SocketAddr,
    /// Directory of the built app (Trunk's `dist/`), served for every non-API path.
    pub dist: PathBuf,
    /// SQLite database file, created with its parent directory on first start; not used when
    /// `database_url` is set.
    pub database: PathBuf,
    /// A `postgres://` URL (from `DATABASE_URL`): keep the data in PostgreSQL.
    pub database_url: Option<String>,
    /// Sync changes kept per account; when twice as many have piled up, the older ones fold into
    /// the account's snapshot and a pull from before them answers `reset`.
    pub log_keep: u64,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
}

impl Config {
    /// A configuration with the defaults for everything but where it listens, what it serves
    /// and its SQLite file.
    pub fn new(addr: SocketAddr, dist: impl Into<PathBuf>, database: impl Into<PathBuf>) -> Self {
        Self {
            addr,
            dist: dist.into(),
            database: database.into(),
            database_url: None,
            log_keep: DEFAULT_LOG_KEEP,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Run the server with this configuration.
    Serve(Config),
    /// Print [`USAGE`] and exit successfully.
    Help,
}

/// A command line or environment the server cannot start from; a usage error (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// An argument that is not one of the known flags.
    #[error("unknown argument `{0}`")]
    UnknownArgument(String),
    /// A flag given as the last argument, without its value.
    #[error("`{0}` needs a value")]
    MissingValue(&'static str),
    /// A flag or environment variable set to the empty string.
    #[error("{0} must not be empty")]
    Empty(String),
    /// A listen address that is not `HOST:PORT` with a numeric IP host.
    #[error("{source_name} `{value}` is not an address like 127.0.0.1:8080")]
    InvalidAddr {
        /// The flag or environment variable the value came from.
        source_name: String,
        /// The value as given.
        value: String,
    },
    /// An environment variable whose value does not fit it.
    #[error("{name} `{value}` is not valid: {expected}")]
    InvalidEnv {
        /// The variable.
        name: &'static str,
        /// The value as given.
        value: String,
        /// What it should be.
        expected: &'static str,
    },
}

/// One setting's flag, environment variable and default.
struct Setting {
    flag: &'static str,
    env: &'static str,
    default: &'static str,
}

const ADDR: Setting = Setting {
    flag: "--addr",
    env: "CONTACTS_ADDR",
    default: "127.0.0.1:8080",
};
const DIST: Setting = Setting {
    flag: "--dist",
    env: "CONTACTS_DIST",
    default: "dist",
};
const DATABASE: Setting = Setting {
    flag: "--database",
    env: "CONTACTS_DATABASE",
    default: "data/contacts.sqlite",
};

/// Parses the arguments after the program name, falling back to `env` (a lookup such as
/// `|name| std::env::var(name).ok()`) and then to the defaults.
///
/// Flags take their value as the next argument or after `=` (`--addr=127.0.0.1:0`).
pub fn parse<I, E>(args: I, env: E) -> Result<Command, ConfigError>
where
    I: IntoIterator<Item = String>,
    E: Fn(&str) -> Option<String>,
{
    let mut given: [Option<String>; 3] = [None, None, None];
    let settings = [&ADDR, &DIST, &DATABASE];
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let Some(index) = settings.iter().position(|s| s.flag == name) else {
            return Err(ConfigError::UnknownArgument(arg));
        };
        let flag = settings[index].flag;
        let value = match inline {
            Some(value) => value,
            None => args.next().ok_or(ConfigError::MissingValue(flag))?,
        };
        given[index] = Some(value);
    }

    let [addr, dist, database] = given;
    let (addr_source, addr) = resolve(&ADDR, addr, &env)?;
    let addr = addr.parse().map_err(|_| ConfigError::InvalidAddr {
        source_name: addr_source,
        value: addr,
    })?;
    let (_, dist) = resolve(&DIST, dist, &env)?;
    let (_, database) = resolve(&DATABASE, database, &env)?;
    let database_url = match env("DATABASE_URL").filter(|url| !url.is_empty()) {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Some(url)
        }
        Some(value) => {
            return Err(ConfigError::InvalidEnv {
                name: "DATABASE_URL",
                value,
                expected: "a postgres:// or postgresql:// URL",
            });
        }
        None => None,
    };
    let number = |name: &'static str, default: u64| match env(name) {
        None => Ok(default),
        Some(value) => {
            value
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(ConfigError::InvalidEnv {
                    name,
                    value,
                    expected: "a whole number above 0",
                })
        }
    };
    let log_keep = number("CONTACTS_LOG_KEEP", DEFAULT_LOG_KEEP)?;
    let max_body_bytes = number("CONTACTS_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES as u64)? as usize;
    Ok(Command::Serve(Config {
        addr,
        dist: dist.into(),
        database: database.into(),
        database_url,
        log_keep,
        max_body_bytes,
    }))
}

/// Picks the flag's value, else the environment's, else the default; returns where it came from
/// (for error messages) and the value.
fn resolve<E>(
    setting: &Setting,
    flag_value: Option<String>,
    env: &E,
) -> Result<(String, String), ConfigError>
where
    E: Fn(&str) -> Option<String>,
{
    let (source, value) = match (flag_value, env(setting.env)) {
        (Some(value), _) => (setting.flag.to_owned(), value),
        (None, Some(value)) => (setting.env.to_owned(), value),
        (None, None) => ("default".to_owned(), setting.default.to_owned()),
    };
    if value.is_empty() {
        return Err(ConfigError::Empty(source));
    }
    Ok((source, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn serve(command: Result<Command, ConfigError>) -> Config {
        match command {
            Ok(Command::Serve(config)) => config,
            other => panic!("expected a config, got {other:?}"),
        }
    }

    #[test]
    fn defaults_apply_with_no_flags_and_no_env() {
        let config = serve(parse(args(&[]), no_env));
        assert_eq!(config.addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(config.dist, PathBuf::from("dist"));
        assert_eq!(config.database, PathBuf::from("data/contacts.sqlite"));
    }

    #[test]
    fn flags_override_env_which_overrides_defaults() {
        let env = |name: &str| match name {
            "CONTACTS_ADDR" => Some("127.0.0.1:9000".to_owned()),
            "CONTACTS_DIST" => Some("/srv/app".to_owned()),
            _ => None,
        };
        let config = serve(parse(args(&["--addr", "127.0.0.1:0"]), env));
        assert_eq!(config.addr, "127.0.0.1:0".parse().unwrap());
        assert_eq!(config.dist, PathBuf::from("/srv/app"));
        assert_eq!(config.database, PathBuf::from("data/contacts.sqlite"));
    }

    #[test]
    fn flags_accept_inline_values() {
        let config = serve(parse(
            args(&["--dist=public", "--database=/tmp/x.sqlite"]),
            no_env,
        ));
        assert_eq!(config.dist, PathBuf::from("public"));
        assert_eq!(config.database, PathBuf::from("/tmp/x.sqlite"));
    }

    #[test]
    fn database_url_and_limits_come_from_the_environment() {
        let env = |name: &str| match name {
            "DATABASE_URL" => Some("postgres://u@127.0.0.1:5432/contacts".to_owned()),
            "CONTACTS_LOG_KEEP" => Some("10".to_owned()),
            _ => None,
        };
        let config = serve(parse(args(&[]), env));
        assert_eq!(
            config.database_url.as_deref(),
            Some("postgres://u@127.0.0.1:5432/contacts")
        );
        assert_eq!(config.log_keep, 10);
        assert_eq!(config.max_body_bytes, DEFAULT_MAX_BODY_BYTES);
        let mysql = |name: &str| (name == "DATABASE_URL").then(|| "mysql://x".to_owned());
        assert!(matches!(
            parse(args(&[]), mysql),
            Err(ConfigError::InvalidEnv {
                name: "DATABASE_URL",
                ..
            })
        ));
        let zero = |name: &str| (name == "CONTACTS_MAX_BODY_BYTES").then(|| "0".to_owned());
        assert!(matches!(
            parse(args(&[]), zero),
            Err(ConfigError::InvalidEnv { .. })
        ));
    }

    #[test]
    fn help_wins_over_everything_before_it() {
        assert_eq!(
            parse(args(&["--addr", "1.2.3.4:5", "--help"]), no_env),
            Ok(Command::Help)
        );
        assert_eq!(parse(args(&["-h"]), no_env), Ok(Command::Help));
    }

    #[test]
    fn usage_errors_name_the_problem() {
        assert_eq!(
            parse(args(&["--port", "80"]), no_env),
            Err(ConfigError::UnknownArgument("--port".to_owned()))
        );
        assert_eq!(
            parse(args(&["extra"]), no_env),
            Err(ConfigError::UnknownArgument("extra".to_owned()))
        );
        assert_eq!(
            parse(args(&["--dist"]), no_env),
            Err(ConfigError::MissingValue("--dist"))
        );
        assert_eq!(
            parse(args(&["--database="]), no_env),
            Err(ConfigError::Empty("--database".to_owned()))
        );
        let env = |name: &str| (name == "CONTACTS_ADDR").then(|| "localhost".to_owned());
        assert_eq!(
            parse(args(&[]), env),
            Err(ConfigError::InvalidAddr {
                source_name: "CONTACTS_ADDR".to_owned(),
                value: "localhost".to_owned(),
            })
        );
    }
}
