//! The incremental coin sync: the history is fetched newest first (the API pages by number
//! and size) until a page reaches a record already stored from an earlier sync; a second
//! sync with nothing new costs one request.
//!
//! - From the top: pages until one holds a record that is `in_sequence` (reached from the
//!   top before, so nothing above it is missing), or the end of the history. Only then are
//!   this run's records marked `in_sequence`: a sync cut short leaves no hole that a later
//!   one would stop above.
//! - Backfill: while the history has never been walked to its end (the first sync was cut
//!   short), the next sync goes on from the page of the oldest in-sequence record.
//! - Full: every page; records the server no longer returns are marked `gone` (never
//!   deleted). Run on request, and when the server's total disagrees with what is stored.

use std::sync::atomic::Ordering;

use rusqlite::params;

use super::coins::{META_COMPLETE, META_SYNCED_AT, insert_records};
use super::{Store, StoreError, now_ms};
use crate::api::model::CoinRecord;
use crate::api::{ApiClient, ApiError};

/// Records per request: the API's largest page.
pub const SYNC_PAGE_SIZE: u32 = 100;
/// A server that never ends its history (a total of 10^12, a page that always holds new
/// ids) cannot keep a sync going for ever: 10 million records at most.
const MAX_PAGES: u32 = 100_000;
/// The server's total at the last full resync: a server whose total never matches what it
/// returns does not get a full resync on every start.
const META_FULL_TOTAL: &str = "coins_full_total";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SyncMode {
    /// New records from the top, then what an earlier sync left to do.
    #[default]
    Incremental,
    /// Every page, marking what the server no longer returns as gone.
    Full,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncSummary {
    /// Records stored for the first time.
    pub new: u64,
    /// Records marked gone by this sync.
    pub gone: u64,
    /// Every stored record (gone ones too) after the sync.
    pub total_stored: u64,
    /// The server's `total` in its last answer.
    pub server_total: i64,
    /// Coin-history requests sent.
    pub requests: u32,
    /// The whole history has been walked to its end at least once.
    pub complete: bool,
    /// A full resync was done (asked for, or the totals disagreed).
    pub full: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The server failed; what was fetched before is kept.
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("a coin sync of this store is already running")]
    Busy,
}

/// Syncs the coin history of `store`'s account from `client`. What was fetched before a
/// failure is kept (and a later sync goes on from it).
pub async fn sync_coins(
    client: &ApiClient,
    store: &Store,
    mode: SyncMode,
) -> Result<SyncSummary, SyncError> {
    if store.syncing.swap(true, Ordering::AcqRel) {
        return Err(SyncError::Busy);
    }
    let result = run(client, store, mode).await;
    store.syncing.store(false, Ordering::Release);
    result
}

/// How a walk over the pages ended.
#[derive(Debug, PartialEq)]
enum WalkEnd {
    /// A page held an in-sequence record (incremental walks stop there).
    Connected,
    /// The end of the history: a short or empty page, the total reached, or a page with
    /// nothing this run had not seen (a server that ignores the page number).
    End,
    /// Stopped by [`MAX_PAGES`].
    Limit,
}

async fn run(client: &ApiClient, store: &Store, mode: SyncMode) -> Result<SyncSummary, SyncError> {
    let mut summary = SyncSummary::default();
    let was_complete = store.meta(META_COMPLETE)?.as_deref() == Some("1");
    let had_sequence = store.in_sequence_count()? > 0;
    store.begin_run()?;
    let end = match walk(client, store, 1, mode == SyncMode::Full, true, &mut summary).await {
        Ok(end) => end,
        Err(e) => {
            // With nothing in sequence before, what came is the top of the history without
            // a gap: the next sync connects to it and goes on below (not from scratch).
            if !had_sequence {
                store.mark_run_in_sequence()?;
            }
            return Err(e);
        }
    };
    if end != WalkEnd::Limit {
        // Reached from the top without a gap: this run's records are in sequence.
        store.mark_run_in_sequence()?;
    }
    let mut complete = was_complete || end == WalkEnd::End;
    if mode == SyncMode::Full && end == WalkEnd::End {
        summary.full = true;
        summary.gone = store.mark_gone_unseen()?;
        store.set_meta(META_FULL_TOTAL, &summary.server_total.to_string())?;
    } else if !complete && end == WalkEnd::Connected {
        // An earlier sync was cut short: go on below what is in sequence.
        let in_seq = store.in_sequence_count()?;
        let start = if in_seq == 0 {
            1
        } else {
            ((in_seq - 1) / u64::from(SYNC_PAGE_SIZE) + 1) as u32
        };
        let end = walk(client, store, start, true, false, &mut summary).await?;
        complete = end == WalkEnd::End;
    } else if complete && mode == SyncMode::Incremental {
        let live = store.live_count()?;
        let last_full = store.meta(META_FULL_TOTAL)?;
        if live != summary.server_total.max(0) as u64
            && last_full.as_deref() != Some(&summary.server_total.to_string())
        {
            // Something was removed (or added below the top): only a full walk can tell.
            store.begin_run()?;
            if walk(client, store, 1, true, true, &mut summary).await? == WalkEnd::End {
                store.mark_run_in_sequence()?;
                summary.full = true;
                summary.gone = store.mark_gone_unseen()?;
                store.set_meta(META_FULL_TOTAL, &summary.server_total.to_string())?;
            }
        }
    }
    if complete {
        store.set_meta(META_COMPLETE, "1")?;
    }
    store.set_meta(META_SYNCED_AT, &now_ms().to_string())?;
    summary.complete = complete;
    summary.total_stored = store.coin_stats()?.count;
    Ok(summary)
}

/// Fetches pages from `start` on and stores them, until the end of the history, or (unless
/// `to_end`) a page that connects to what is in sequence. `from_top`: the records wait for
/// [`Store::mark_run_in_sequence`]; else (a backfill, which starts on a connected page)
/// they are in sequence as they come, once the first page connected.
async fn walk(
    client: &ApiClient,
    store: &Store,
    start: u32,
    to_end: bool,
    from_top: bool,
    summary: &mut SyncSummary,
) -> Result<WalkEnd, SyncError> {
    let mut connected_once = false;
    for page in start..start.saturating_add(MAX_PAGES) {
        let p = client.coin_records(page, SYNC_PAGE_SIZE).await?;
        summary.requests += 1;
        summary.server_total = p.total;
        let records = p.gold_coin_record;
        let outcome = store.store_run_page(&records, !from_top && connected_once)?;
        if !from_top && !connected_once {
            if !outcome.connects {
                // The page of the oldest in-sequence record no longer holds it (the history
                // moved under us): keep what came, loose, and let the next sync go on.
                return Ok(WalkEnd::Limit);
            }
            connected_once = true;
            store.mark_in_sequence(&records)?;
        }
        summary.new += outcome.new as u64;
        let short = records.len() < SYNC_PAGE_SIZE as usize;
        let reached_total = i64::from(page).saturating_mul(i64::from(SYNC_PAGE_SIZE)) >= p.total;
        if short || reached_total || outcome.fresh_in_run == 0 {
            return Ok(WalkEnd::End);
        }
        if outcome.connects && from_top && !to_end {
            return Ok(WalkEnd::Connected);
        }
    }
    Ok(WalkEnd::Limit)
}

/// What storing one page found.
pub(super) struct PageOutcome {
    /// Records stored for the first time.
    new: usize,
    /// Records this run had not fetched yet.
    fresh_in_run: usize,
    /// The page holds a record that was in sequence before it came.
    connects: bool,
}

impl Store {
    /// Starts a run: the ids it fetches are noted in a temporary table (this connection
    /// only, on disk: the ids of a 10-million-record history are not held in memory).
    pub(super) fn begin_run(&self) -> Result<(), StoreError> {
        self.read(|c| {
            c.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS sync_seen (id INTEGER PRIMARY KEY);
                 DELETE FROM temp.sync_seen;",
            )
        })
    }

    pub(super) fn store_run_page(
        &self,
        records: &[CoinRecord],
        in_sequence: bool,
    ) -> Result<PageOutcome, StoreError> {
        self.write(|tx| {
            let mut connects = false;
            {
                let mut is_in_seq = tx.prepare_cached(
                    "SELECT 1 FROM coin_records WHERE id = ?1 AND in_sequence = 1",
                )?;
                for r in records {
                    if is_in_seq.exists([r.id])? {
                        connects = true;
                        break;
                    }
                }
            }
            let mut fresh_in_run = 0;
            {
                let mut note =
                    tx.prepare_cached("INSERT OR IGNORE INTO temp.sync_seen(id) VALUES (?1)")?;
                for r in records {
                    fresh_in_run += note.execute([r.id])?;
                }
            }
            let new = insert_records(tx, records, in_sequence)?;
            Ok(PageOutcome {
                new,
                fresh_in_run,
                connects,
            })
        })
    }

    fn mark_in_sequence(&self, records: &[CoinRecord]) -> Result<(), StoreError> {
        self.write(|tx| {
            let mut mark =
                tx.prepare_cached("UPDATE coin_records SET in_sequence = 1 WHERE id = ?1")?;
            for r in records {
                mark.execute([r.id])?;
            }
            Ok(())
        })
    }

    pub(super) fn mark_run_in_sequence(&self) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE coin_records SET in_sequence = 1
                 WHERE in_sequence = 0 AND id IN (SELECT id FROM temp.sync_seen)",
                [],
            )
            .map(|_| ())
        })
    }

    /// After a full walk: what it did not see is gone. Returns how many became gone.
    fn mark_gone_unseen(&self) -> Result<u64, StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE coin_records SET gone = 1
                 WHERE gone = 0 AND id NOT IN (SELECT id FROM temp.sync_seen)",
                params![],
            )
            .map(|n| n as u64)
        })
    }

    fn in_sequence_count(&self) -> Result<u64, StoreError> {
        self.read(|c| {
            c.query_row(
                "SELECT count(*) FROM coin_records WHERE in_sequence = 1",
                [],
                |r| r.get::<_, i64>(0),
            )
        })
        .map(|n| n.max(0) as u64)
    }

    fn live_count(&self) -> Result<u64, StoreError> {
        self.read(|c| {
            c.query_row(
                "SELECT count(*) FROM coin_records WHERE gone = 0",
                [],
                |r| r.get::<_, i64>(0),
            )
        })
        .map(|n| n.max(0) as u64)
    }
}
