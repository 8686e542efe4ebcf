//! The coin history in the store: one row per record id. Reads are paged (for the
//! dashboard) or streamed row by row through a callback (export, counting): never the
//! whole history in memory.

use rusqlite::{Row, params};

use super::{Store, StoreError, now_ms};
use crate::api::model::CoinRecord;

/// A stored coin record.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCoin {
    pub record: CoinRecord,
    /// When this store first saw it, Unix ms.
    pub first_seen_ms: i64,
    /// A full resync no longer found it on the server (kept, never deleted).
    pub gone: bool,
}

/// What the store holds of the coin history.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CoinStats {
    /// Every stored record, gone ones too.
    pub count: u64,
    pub gone: u64,
    /// Oldest and newest `create_time`, Unix s.
    pub oldest: Option<i64>,
    pub newest: Option<i64>,
    /// A sync has reached the end of the history once (older records are all here).
    pub complete: bool,
    /// The last sync, Unix ms.
    pub synced_at_ms: Option<i64>,
}

/// A span of `create_time` (Unix s): `since` included, `until` excluded; `None` is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeRange {
    pub since: Option<i64>,
    pub until: Option<i64>,
}

impl TimeRange {
    /// Bounds for SQL: open ends become the extremes.
    fn bounds(self) -> (i64, i64) {
        (
            self.since.unwrap_or(i64::MIN),
            self.until.unwrap_or(i64::MAX),
        )
    }
}

/// Newest first; the id breaks ties so that paging is stable.
const ORDER: &str = "ORDER BY create_time DESC, id DESC";
const COLUMNS: &str =
    "id, create_time, typ, before, after, change, reason, remark, first_seen, gone";

pub(crate) const META_COMPLETE: &str = "coins_complete";
pub(crate) const META_SYNCED_AT: &str = "coins_synced_at";

impl Store {
    pub(super) fn coin_from_row(&self, r: &Row<'_>) -> rusqlite::Result<StoredCoin> {
        Ok(StoredCoin {
            record: CoinRecord {
                id: r.get(0)?,
                user_id: self.key.account_id.clone(),
                create_time: r.get(1)?,
                typ: r.get(2)?,
                before_amount: r.get(3)?,
                after_amount: r.get(4)?,
                change_amount: r.get(5)?,
                reason: r.get(6)?,
                remark: r.get(7)?,
            },
            first_seen_ms: r.get(8)?,
            gone: r.get::<_, i64>(9)? != 0,
        })
    }

    /// What is stored of the history, counted by SQLite (no rows are loaded).
    pub fn coin_stats(&self) -> Result<CoinStats, StoreError> {
        let (count, gone, oldest, newest) = self.read(|c| {
            c.query_row(
                "SELECT count(*), coalesce(sum(gone), 0), min(create_time), max(create_time)
                 FROM coin_records",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get(2)?,
                        r.get(3)?,
                    ))
                },
            )
        })?;
        Ok(CoinStats {
            count: count.max(0) as u64,
            gone: gone.max(0) as u64,
            oldest,
            newest,
            complete: self.meta(META_COMPLETE)?.as_deref() == Some("1"),
            synced_at_ms: self.meta(META_SYNCED_AT)?.and_then(|s| s.parse().ok()),
        })
    }

    /// How many stored records fall in `range` (gone ones too).
    pub fn coin_count(&self, range: TimeRange) -> Result<u64, StoreError> {
        let (since, until) = range.bounds();
        self.read(|c| {
            c.query_row(
                "SELECT count(*) FROM coin_records WHERE create_time >= ?1 AND create_time < ?2",
                params![since, until],
                |r| r.get::<_, i64>(0),
            )
        })
        .map(|n| n.max(0) as u64)
    }

    /// Up to `limit` records from the `offset`-th (0 is the newest), newest first.
    pub fn coin_page(&self, offset: u64, limit: u32) -> Result<Vec<StoredCoin>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM coin_records {ORDER} LIMIT ?1 OFFSET ?2"
            ))?;
            let rows = stmt.query_map(params![limit, offset as i64], |r| self.coin_from_row(r))?;
            rows.collect()
        })
    }

    /// Calls `f` with each stored record in `range`, newest first, one row at a time;
    /// stops at the first error `f` returns. Returns how many were passed.
    pub fn for_each_coin<E: From<StoreError>>(
        &self,
        range: TimeRange,
        mut f: impl FnMut(&StoredCoin) -> Result<(), E>,
    ) -> Result<u64, E> {
        let (since, until) = range.bounds();
        // The lock is held while `f` runs: `f` writes somewhere else, it does not wait.
        let conn = self.lock();
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM coin_records
                 WHERE create_time >= ?1 AND create_time < ?2 {ORDER}"
            ))
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query(params![since, until]).map_err(|e| self.err(e))?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let coin = self.coin_from_row(row).map_err(|e| self.err(e))?;
            f(&coin)?;
            n += 1;
        }
        Ok(n)
    }

    /// Keeps records fetched outside a sync (a page the dashboard or `coins --page` got):
    /// new ones are added, known ones updated, none of them ends a later sync (there may be
    /// a hole above them; see `in_sequence` in the schema). Returns how many were new.
    pub fn save_coin_page(&self, records: &[CoinRecord]) -> Result<usize, StoreError> {
        self.write(|tx| insert_records(tx, records, false))
    }
}

/// Adds or updates `records`; `in_sequence` marks them as reached from the top without a
/// gap (never unmarks). A record seen again is not gone. Returns how many were new.
pub(crate) fn insert_records(
    conn: &rusqlite::Connection,
    records: &[CoinRecord],
    in_sequence: bool,
) -> rusqlite::Result<usize> {
    let mut exists = conn.prepare_cached("SELECT 1 FROM coin_records WHERE id = ?1")?;
    let mut upsert = conn.prepare_cached(
        "INSERT INTO coin_records
            (id, create_time, typ, before, after, change, reason, remark, first_seen, in_sequence, gone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0)
         ON CONFLICT(id) DO UPDATE SET
            create_time = excluded.create_time, typ = excluded.typ, before = excluded.before,
            after = excluded.after, change = excluded.change, reason = excluded.reason,
            remark = excluded.remark, gone = 0,
            in_sequence = max(in_sequence, excluded.in_sequence)",
    )?;
    let now = now_ms();
    let mut new = 0;
    for r in records {
        if !exists.exists([r.id])? {
            new += 1;
        }
        upsert.execute(params![
            r.id,
            r.create_time,
            r.typ,
            r.before_amount,
            r.after_amount,
            r.change_amount,
            r.reason,
            r.remark,
            now,
            in_sequence as i64,
        ])?;
    }
    Ok(new)
}
