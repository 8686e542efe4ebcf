//! The tables, and the steps from each schema version to the next (`PRAGMA user_version`).
//! A database from a newer version is refused, never changed: that version may need what we
//! would break.

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

/// Each step takes the schema from its index to its index + 1. Append only: a released
/// step never changes.
const STEPS: &[&str] = &[
    // 0 → 1
    "CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE snapshots (
        key        TEXT PRIMARY KEY,      -- 'profile', 'medals', 'groups:<category>', …
        json       TEXT NOT NULL,
        fetched_at INTEGER NOT NULL       -- Unix ms
    );
    CREATE TABLE coin_records (
        id          INTEGER PRIMARY KEY,  -- the server's record id
        create_time INTEGER NOT NULL,     -- Unix s
        typ         INTEGER NOT NULL,
        before      REAL NOT NULL,
        after       REAL NOT NULL,
        change      REAL NOT NULL,        -- as sent (its sign is not reliable)
        reason      TEXT NOT NULL,
        remark      TEXT NOT NULL,
        first_seen  INTEGER NOT NULL,     -- Unix ms
        -- 1 when a sync from the top reached it without a gap above it: only those
        -- records end a sync (a page saved on its own may leave a hole above it).
        in_sequence INTEGER NOT NULL DEFAULT 0,
        -- 1 when a full resync no longer found it on the server; kept, never deleted.
        gone        INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX coin_records_time ON coin_records(create_time DESC, id DESC);",
    // 1 → 2: the balance chart and the monthly totals read (time, balances) in time order
    // from this index alone, never the rows with their text.
    "CREATE INDEX coin_records_balance ON coin_records(create_time, id, before, after);",
    // 2 → 3: pictures (avatars) as small PNG thumbnails, by their address, so that a second
    // start draws them in its first frame and offline. Bounded by `pictures::MAX_PICTURES`.
    "CREATE TABLE pictures (
        url     TEXT PRIMARY KEY,
        png     BLOB NOT NULL,
        used_at INTEGER NOT NULL          -- Unix ms of the last save or read
    );
    CREATE INDEX pictures_used ON pictures(used_at);",
];

/// The schema this build writes.
pub const VERSION: i64 = STEPS.len() as i64;

/// Brings `conn` to [`VERSION`], one step per transaction with its version bump. The
/// version is read again inside each transaction: another instance may have migrated since.
pub fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let err = |e| StoreError::from_sqlite(path, e);
    let version = |conn: &Connection| -> Result<i64, StoreError> {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)
    };
    let newer = |found| StoreError::NewerSchema {
        path: path.to_owned(),
        found,
        ours: VERSION,
    };
    let found = version(conn)?;
    if found > VERSION {
        return Err(newer(found));
    }
    for (from, step) in STEPS.iter().enumerate().skip(found.max(0) as usize) {
        conn.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
        let result = (|| {
            let now = version(conn)?;
            if now > VERSION {
                return Err(newer(now));
            }
            if now <= from as i64 {
                conn.execute_batch(step).map_err(err)?;
                conn.execute_batch(&format!("PRAGMA user_version = {}", from + 1))
                    .map_err(err)?;
            }
            conn.execute_batch("COMMIT").map_err(err)
        })();
        if result.is_err() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        result?;
    }
    Ok(())
}
