//! A throwaway PostgreSQL for the server's tests: installs Debian's `postgresql` when no server
//! binaries are there, `initdb`s a cluster in a temporary folder (trust authentication, no
//! fsync), starts it on a free port of 127.0.0.1 and stops and deletes it when dropped. As root
//! the cluster runs as the `postgres` user the package creates (PostgreSQL refuses root).

use std::net::TcpListener;
use std::path::{Path, PathBuf};

use crate::run::Cmd;
use crate::tools;

/// A running throwaway cluster.
pub struct Postgres {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    url: String,
}

impl Postgres {
    /// Installs (if missing), creates and starts a cluster.
    pub fn start() -> Result<Self, String> {
        let bin = match server_bin() {
            Some(bin) => bin,
            None => {
                tools::apt_install(&["postgresql"])?;
                server_bin().ok_or("postgresql installed but no pg_ctl found")?
            }
        };
        // `/proc/self` belongs to the process's effective user.
        let as_postgres = std::fs::metadata("/proc/self")
            .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
            .unwrap_or(false);
        let dir = std::env::temp_dir().join(format!("contacts-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let postgres = Self {
            bin,
            dir,
            as_postgres,
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        };
        if as_postgres {
            Cmd::new(
                "chown",
                &["postgres:postgres", &postgres.dir.to_string_lossy()],
            )
            .run()?;
        }
        let data = postgres.dir.join("data");
        let data = data.to_string_lossy();
        postgres.pg(
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ],
        )?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off",
            postgres.dir.display()
        );
        let log = postgres.dir.join("log").to_string_lossy().into_owned();
        postgres.pg(
            "pg_ctl",
            &["-D", &data, "-l", &log, "-o", &options, "-w", "start"],
        )?;
        eprintln!("PostgreSQL started for the tests on 127.0.0.1:{port}");
        Ok(postgres)
    }

    /// The URL of its `postgres` database as its superuser.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs one of the server's programs, as `postgres` when we are root.
    fn pg(&self, program: &str, args: &[&str]) -> Result<(), String> {
        let program = self.bin.join(program);
        let program = program.to_string_lossy();
        if self.as_postgres {
            let mut all = vec!["-u", "postgres", "--", &program];
            all.extend_from_slice(args);
            Cmd::new("runuser", &all).dir(&self.dir).run()
        } else {
            Cmd::new(&program, args).dir(&self.dir).run()
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.join("data").to_string_lossy().into_owned();
        let _ = self.pg("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The newest installed PostgreSQL's `bin` folder.
fn server_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| Path::new(bin).join("pg_ctl").exists())
        .collect();
    versions.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    versions.pop()
}
