//! The local store: one SQLite database per account (service, server, account id) in the
//! data dir, holding the last answer of every pane and the coin history, so that a start
//! can show the account at once and `--offline` has something to show.
//!
//! Never a token or a password in it. Every failure is a [`StoreError`] with a one-sentence
//! message; callers go on without the store (it is a cache, never a reason to stop).
//!
//! - [`schema`]: the tables and their migrations (`user_version`);
//! - [`coins`]: the coin history (paged and streaming reads, bounded memory);
//! - [`panes`]: typed snapshots of the panes' answers (profile, medals, …);
//! - [`query`]: what the Coins pane reads (a filtered window, counts, the balance chart,
//!   monthly totals);
//! - [`sync`]: the incremental coin sync against the server;
//! - [`export`]: CSV, JSON and NDJSON export of the history, streamed.

pub mod actor;
pub mod chaoqer;
pub mod coins;
pub mod export;
pub mod panes;
pub mod pictures;
pub mod protocol;
pub mod query;
mod schema;
pub mod sealtalk;
pub mod sync;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use md5::{Digest, Md5};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

use crate::paths::ensure_private_dir;
use crate::service::Service;

pub use coins::{CoinStats, StoredCoin, TimeRange};
pub use query::{BalanceSeries, ChartPeriod, CoinQuery, CoinSign, MonthTotal};
pub use sync::{SyncMode, SyncSummary, sync_coins};

/// How long a write waits for another instance's write before it gives up: short, since
/// the store is never worth a frozen screen.
const BUSY_TIMEOUT: Duration = Duration::from_millis(200);

/// Which account a store is for. The same key for a saved account and for a
/// `YUNHU_TOKEN` + `--server` login of the same account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreKey {
    pub service: Service,
    /// The API base URL, as the client uses it (a trailing slash is ignored).
    pub server: String,
    pub account_id: String,
}

impl StoreKey {
    pub fn new(service: Service, server: &str, account_id: &str) -> StoreKey {
        StoreKey {
            service,
            server: server.trim_end_matches('/').to_owned(),
            account_id: account_id.to_owned(),
        }
    }

    /// The database's file name: a hash of the key, so that no server name or account id
    /// has to be made safe for a path (they are stored inside, in `meta`).
    pub fn file_name(&self) -> String {
        let mut h = Md5::new();
        for part in [self.service.id(), &self.server, &self.account_id] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        format!("{}-{hex}.sqlite3", self.service.id())
    }
}

/// Why the store cannot be used. Each says in one sentence what is wrong and that the
/// program goes on without it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the local store {path} is damaged (not a readable database); delete it or run `yunhu-tui cache clear`"
    )]
    Corrupt { path: PathBuf },
    #[error("the local store {path} is busy: another yunhu-tui is writing to it")]
    Locked { path: PathBuf },
    #[error(
        "the local store {path} was written by a newer yunhu-tui (schema {found}, this one knows up to {ours}); it is left as it is"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        ours: i64,
    },
    #[error("the local store {path} cannot be written (read-only disk or directory)")]
    ReadOnly { path: PathBuf },
    #[error("the local store {path} belongs to another account ({found}); it is left as it is")]
    OtherAccount { path: PathBuf, found: String },
    #[error("no data dir for the local store: {0}")]
    NoDir(String),
    #[error("the local store {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the local store {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// A stored value that does not decode (e.g. a snapshot from an older format).
    #[error("the local store {path} holds a value that cannot be read: {what}")]
    BadValue { path: PathBuf, what: String },
}

impl StoreError {
    /// Sorts an SQLite failure into what it means to the user.
    pub(crate) fn from_sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
        let path = path.to_owned();
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt { path }
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                StoreError::Locked { path }
            }
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                StoreError::ReadOnly { path }
            }
            _ => StoreError::Sqlite { path, source: e },
        }
    }
}

/// A pane's stored answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// JSON, as the pane's module wrote it (see [`panes`]).
    pub json: String,
    /// When it was fetched, Unix milliseconds.
    pub fetched_at_ms: i64,
}

/// One stored snapshot, as `cache` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotInfo {
    pub key: String,
    pub fetched_at_ms: i64,
    pub bytes: i64,
}

/// An account's store: an open SQLite connection behind a mutex, so that `&Store` can go
/// into a spawned task (a sync) while the owner reads from it. No lock is held across an
/// await.
pub struct Store {
    conn: Mutex<Connection>,
    /// A coin sync is running (one at a time: it keeps its state in a temporary table).
    pub(crate) syncing: std::sync::atomic::AtomicBool,
    /// `None` for an in-memory store (`--demo`).
    path: Option<PathBuf>,
    key: StoreKey,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("key", &self.key)
            .finish()
    }
}

/// Now, Unix milliseconds.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Store {
    /// The store of `key` in the data dir (`paths::data_dir`).
    pub fn open_default(key: &StoreKey) -> Result<Store, StoreError> {
        let dir = crate::paths::data_dir().map_err(|e| StoreError::NoDir(e.to_string()))?;
        Store::open(&dir, key)
    }

    /// The store of `key` in `dir`, created (0600, in a 0700 dir we create) if there is
    /// none, migrated to our schema if it is older.
    pub fn open(dir: &Path, key: &StoreKey) -> Result<Store, StoreError> {
        let path = dir.join(key.file_name());
        ensure_private_dir(dir).map_err(|e| match e {
            crate::paths::FileError::Io { source, .. }
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                StoreError::ReadOnly { path: path.clone() }
            }
            crate::paths::FileError::Io { source, .. } => StoreError::Io {
                path: path.clone(),
                source,
            },
            other => StoreError::NoDir(other.to_string()),
        })?;
        create_private_file(&path)?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::from_sqlite(&path, e))?;
        Store::init(conn, Some(path), key)
    }

    /// A store in memory, gone when dropped: `--demo` writes nothing on disk.
    pub fn open_in_memory(key: &StoreKey) -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()
            .map_err(|e| StoreError::from_sqlite(Path::new(":memory:"), e))?;
        Store::init(conn, None, key)
    }

    fn init(conn: Connection, path: Option<PathBuf>, key: &StoreKey) -> Result<Store, StoreError> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let err = |e| StoreError::from_sqlite(&shown, e);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        // A small page cache (512 KiB, not SQLite's 2 MiB): walks over the whole history read
        // each page once, and the OS caches the file anyway; the dashboard stays small.
        conn.pragma_update(None, "cache_size", -512).map_err(err)?;
        if path.is_some() {
            // WAL: a crash leaves the last committed state, and readers (another instance's
            // dashboard) never wait for a writer.
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(err)?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(err)?;
        }
        schema::migrate(&conn, &shown)?;
        let store = Store {
            conn: Mutex::new(conn),
            syncing: Default::default(),
            path,
            key: key.clone(),
        };
        store.claim(key)?;
        Ok(store)
    }

    /// Writes the key into `meta` the first time, and refuses a file that names another
    /// account (a hash collision, or a file copied by hand).
    fn claim(&self, key: &StoreKey) -> Result<(), StoreError> {
        let found = (
            self.meta("service")?,
            self.meta("server")?,
            self.meta("account_id")?,
        );
        match found {
            (Some(s), Some(srv), Some(id)) => {
                if s != key.service.id() || srv != key.server || id != key.account_id {
                    return Err(StoreError::OtherAccount {
                        path: self.shown_path(),
                        found: format!("{s} {srv} {id}"),
                    });
                }
                Ok(())
            }
            _ => self.write(|tx| {
                for (k, v) in [
                    ("service", key.service.id()),
                    ("server", key.server.as_str()),
                    ("account_id", key.account_id.as_str()),
                ] {
                    tx.execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
                        params![k, v],
                    )?;
                }
                Ok(())
            }),
        }
    }

    /// Where the database is (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn key(&self) -> &StoreKey {
        &self.key
    }

    fn shown_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"))
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.shown_path(), e)
    }

    /// The connection; a panic elsewhere while it was held leaves nothing half-done that
    /// SQLite would not roll back, so a poisoned lock is taken as is.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs `f` on the connection.
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        f(&self.lock()).map_err(|e| self.err(e))
    }

    /// Runs `f` in a write transaction taken at once (IMMEDIATE), so that a busy store fails
    /// at the start, after the busy timeout, not half-way; committed if `f` succeeds.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| self.err(e))?;
        let value = f(&tx).map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(value)
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.read(|c| {
            c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()
        })
    }

    pub(crate) fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.read(|c| {
            c.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map(|_| ())
        })
    }

    /// The stored answer of a pane (`"profile"`, `"medals"`, `"groups:<category>"`, …).
    pub fn snapshot(&self, key: &str) -> Result<Option<Snapshot>, StoreError> {
        self.read(|c| {
            c.query_row(
                "SELECT json, fetched_at FROM snapshots WHERE key = ?1",
                [key],
                |r| {
                    Ok(Snapshot {
                        json: r.get(0)?,
                        fetched_at_ms: r.get(1)?,
                    })
                },
            )
            .optional()
        })
    }

    /// Keeps a pane's answer (replacing the one before).
    pub fn put_snapshot(
        &self,
        key: &str,
        json: &str,
        fetched_at_ms: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO snapshots(key, json, fetched_at) VALUES (?1, ?2, ?3)",
                params![key, json, fetched_at_ms],
            )
            .map(|_| ())
        })
    }

    /// Every stored snapshot's key, time and size, by key.
    pub fn snapshot_list(&self) -> Result<Vec<SnapshotInfo>, StoreError> {
        self.read(|c| {
            let mut stmt =
                c.prepare("SELECT key, fetched_at, length(json) FROM snapshots ORDER BY key")?;
            let rows = stmt.query_map([], |r| {
                Ok(SnapshotInfo {
                    key: r.get(0)?,
                    fetched_at_ms: r.get(1)?,
                    bytes: r.get(2)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Empties the store (snapshots, coin history, sync state); the account key stays.
    pub fn clear(&self) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute_batch(
                "DELETE FROM snapshots; DELETE FROM coin_records; DELETE FROM pictures;
                 DELETE FROM meta WHERE key NOT IN ('service', 'server', 'account_id');",
            )
        })?;
        // Give the space back, so `cache` shows the file small again.
        self.read(|c| c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;"))
    }

    /// The bytes on disk: the database and its WAL (0 in memory).
    pub fn size_on_disk(&self) -> u64 {
        let Some(path) = &self.path else { return 0 };
        let mut wal = path.clone().into_os_string();
        wal.push("-wal");
        [path.as_path(), Path::new(&wal)]
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum()
    }
}

/// The keys of the stores in `dir` for `service` on `server` (read only: nothing is created
/// or migrated). For `--offline` with `YUNHU_TOKEN`, whose account id is not known without
/// asking the server. Files that cannot be read are skipped.
pub fn stored_keys(dir: &Path, service: Service, server: &str) -> Vec<StoreKey> {
    let server = server.trim_end_matches('/');
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let prefix = format!("{}-", service.id());
    let mut keys = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(&prefix) || !name.ends_with(".sqlite3") {
            continue;
        }
        let Ok(conn) = Connection::open_with_flags(entry.path(), OpenFlags::SQLITE_OPEN_READ_ONLY)
        else {
            continue;
        };
        let get = |k: &str| -> Option<String> {
            conn.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
                .ok()
        };
        if get("service").as_deref() == Some(service.id())
            && get("server").as_deref() == Some(server)
            && let Some(id) = get("account_id")
        {
            keys.push(StoreKey::new(service, server, &id));
        }
    }
    keys
}

/// Creates the database file 0600 before SQLite does (SQLite would use the umask); an
/// existing file is left as it is. The WAL and shared-memory files SQLite makes take the
/// database file's mode.
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Err(StoreError::ReadOnly {
                path: path.to_owned(),
            })
        }
        Err(source) => Err(StoreError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests;
