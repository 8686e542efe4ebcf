//! The Coins pane over the local store: the pane keeps a window of rows around the cursor,
//! the number of stored records, the filter's count, the chart's points and the month bars,
//! never the whole history. Each is read from the store (`Effect::Store`) when it is wanted:
//! a window when the cursor leaves the one kept, the count and the first window when the
//! filter changes, the chart when the period changes.
//!
//! While the store holds no record (or is not used), the pane pages the server as before.

use crate::app::action::Effect;
use crate::app::coins::{CoinFilter, CoinRow};
use crate::app::state::AppState;
use crate::geometry::coins_rows;
use crate::store::protocol::{StoreCommand, StoreId, StoreReply, StoreResponse};
use crate::store::query::{BalanceSeries, ChartPeriod, CoinQuery, CoinSign, MonthTotal};

/// Rows kept around the cursor: a few screens of the largest terminal.
pub const WINDOW: u32 = 240;
/// Months of bars read (the pane shows the newest that fit).
pub const MONTHS: u32 = 24;
/// The chart's points at most.
pub const CHART_POINTS: usize = 600;

/// What a store answer fills.
#[derive(Debug, Clone, PartialEq)]
enum Ask {
    /// Every stored record, filter or not.
    Total,
    /// The filter's count, for this query.
    Count(CoinQuery),
    /// The window from `start` for this query.
    Window(u64, CoinQuery),
    Series(ChartPeriod),
    Months,
    /// The coin sync (new records from the server into the store).
    Sync,
}

#[derive(Debug, Clone, Default)]
pub struct StoredCoins {
    /// Records in the store, `None` until counted.
    pub total: Option<u64>,
    /// Records passing the filter, `None` until counted (or when the filter changed).
    pub count: Option<u64>,
    /// The window: `rows[i]` is the `start + i`-th record passing the filter.
    pub start: u64,
    pub rows: Vec<CoinRow>,
    pub period: ChartPeriod,
    pub series: BalanceSeries,
    pub months: Vec<MonthTotal>,
    /// The store answers awaited, and what each fills; a newer ask of the same kind
    /// supersedes the older one (its answer is dropped).
    asked: Vec<(StoreId, Ask)>,
}

impl StoredCoins {
    /// The pane shows the store: it holds records and has not failed.
    pub fn in_use(&self) -> bool {
        self.total.is_some_and(|n| n > 0)
    }

    /// A coin sync is running.
    pub fn syncing(&self) -> bool {
        self.awaits(|a| *a == Ask::Sync)
    }

    /// The filter's count as far as known (the rows kept until it is counted).
    pub fn len(&self) -> u64 {
        self.count.unwrap_or(self.start + self.rows.len() as u64)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th record passing the filter, if it is in the window.
    pub fn row(&self, i: u64) -> Option<&CoinRow> {
        i.checked_sub(self.start)
            .and_then(|k| self.rows.get(k as usize))
    }

    /// A read of this kind is awaited.
    fn awaits(&self, which: impl Fn(&Ask) -> bool) -> bool {
        self.asked.iter().any(|(_, a)| which(a))
    }

    /// A window read is on its way.
    pub fn loading_window(&self) -> bool {
        self.awaits(|a| matches!(a, Ask::Window(..)))
    }

    fn take(&mut self, id: StoreId) -> Option<Ask> {
        let at = self.asked.iter().position(|(i, _)| *i == id)?;
        Some(self.asked.remove(at).1)
    }
}

fn same_kind(a: &Ask, b: &Ask) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Asks the store, superseding what the same kind of ask awaited.
fn ask(state: &mut AppState, what: Ask, command: StoreCommand) -> Effect {
    let id = state.next_request();
    let s = &mut state.account.coins.stored;
    s.asked.retain(|(_, a)| !same_kind(a, &what));
    s.asked.push((id, what));
    Effect::Store(id, command)
}

/// The query of the pane's filter now (`f` and `/`).
pub fn query(state: &AppState) -> CoinQuery {
    let c = &state.account.coins;
    CoinQuery {
        text: c.query.clone(),
        sign: match c.filter {
            CoinFilter::All => CoinSign::All,
            CoinFilter::Income => CoinSign::Income,
            CoinFilter::Spending => CoinSign::Spending,
        },
    }
}

/// Everything read again (a start, `r`): what is shown stays until the answers come.
pub fn reload(state: &mut AppState) -> Vec<Effect> {
    // The store is the account's: nothing to ask until its id is known (`info` brings it).
    if state.account.store_down || state.account.account_id.is_none() {
        return Vec::new();
    }
    let mut fx = vec![ask(
        state,
        Ask::Total,
        StoreCommand::CountMatching {
            query: CoinQuery::default(),
        },
    )];
    fx.extend(refilter(state));
    fx.push(series(state));
    fx.push(ask(
        state,
        Ask::Months,
        StoreCommand::Months {
            utc_offset_s: None,
            months: MONTHS,
        },
    ));
    fx
}

/// The coin history's new records, from the server into the store (a start, `r`): newest
/// first until a page reaches a stored record, so a start with nothing new costs one
/// request. `None` when the store cannot take them (not used, the account id not known yet,
/// `--offline`): the pane pages the server instead.
pub fn sync(state: &mut AppState) -> Option<Effect> {
    if !state.sync_coins
        || state.account.store_down
        || state.account.account_id.is_none()
        || state.offline
    {
        return None;
    }
    Some(ask(state, Ask::Sync, StoreCommand::SyncCoins))
}

/// A coin sync is running.
pub fn syncing(state: &AppState) -> bool {
    state.account.coins.stored.syncing()
}

/// The filter changed: its count, and the window at the cursor, are read again.
pub fn refilter(state: &mut AppState) -> Vec<Effect> {
    if state.account.store_down {
        return Vec::new();
    }
    let q = query(state);
    let mut fx = vec![ask(
        state,
        Ask::Count(q.clone()),
        StoreCommand::CountMatching { query: q },
    )];
    fx.push(window_at(state, window_start(state)));
    fx
}

fn series(state: &mut AppState) -> Effect {
    let period = state.account.coins.stored.period;
    ask(
        state,
        Ask::Series(period),
        StoreCommand::Balance {
            period,
            now: None,
            points: CHART_POINTS,
        },
    )
}

/// `p`: the next period (week → month → year → all), read from the store.
pub fn next_period(state: &mut AppState) -> Vec<Effect> {
    let s = &mut state.account.coins.stored;
    s.period = s.period.next();
    if state.account.store_down || !state.account.coins.stored.in_use() {
        return Vec::new();
    }
    vec![series(state)]
}

/// Where a window around the cursor starts: the screen shown in its middle.
fn window_start(state: &AppState) -> u64 {
    let rows = coins_rows(state.size) as u64;
    let offset = state.account.coins.cursor.offset as u64;
    (offset + rows / 2).saturating_sub(u64::from(WINDOW) / 2)
}

fn window_at(state: &mut AppState, start: u64) -> Effect {
    let q = query(state);
    let count = state.account.coins.stored.count;
    ask(
        state,
        Ask::Window(start, q.clone()),
        StoreCommand::CoinsMatching {
            query: q,
            offset: start,
            limit: WINDOW,
            count,
        },
    )
}

/// After a move: a new window when the screen (and a screen either side) is not all in the
/// one kept, unless that window is already on its way.
pub fn follow(state: &mut AppState) -> Vec<Effect> {
    let s = &state.account.coins.stored;
    if !s.in_use() || state.account.store_down {
        return Vec::new();
    }
    let rows = coins_rows(state.size) as u64;
    let len = s.len();
    let offset = state.account.coins.cursor.offset as u64;
    let want_from = offset.saturating_sub(rows);
    let want_to = (offset + 2 * rows).min(len);
    let kept_to = s.start + s.rows.len() as u64;
    if want_from >= s.start && want_to <= kept_to {
        return Vec::new();
    }
    let start = window_start(state);
    let q = query(state);
    if s.awaits(|a| *a == Ask::Window(start, q.clone())) {
        return Vec::new();
    }
    vec![window_at(state, start)]
}

/// A store answer for the Coins pane: `Err` gives it back when it is not one.
pub fn on_stored(
    state: &mut AppState,
    response: StoreResponse,
) -> Result<Vec<Effect>, StoreResponse> {
    let Some(what) = state.account.coins.stored.take(response.id) else {
        return Err(response);
    };
    let rows_on_screen = coins_rows(state.size);
    let mut fx = Vec::new();
    match (what, response.reply) {
        (Ask::Total, StoreReply::Count(Ok(n))) => {
            let was = state.account.coins.stored.in_use();
            state.account.coins.stored.total = Some(n);
            if !was && n > 0 {
                // The store has the history: the cursor starts at its top, or at its end
                // when `G` was pressed over the server's pages before the count came.
                let c = &mut state.account.coins;
                c.cursor = Default::default();
                if std::mem::take(&mut c.to_end) {
                    let len = c.stored.len().max(n) as usize;
                    c.cursor.set(len - 1, len, rows_on_screen);
                }
            }
            if n == 0 {
                // Nothing stored yet (a first start): the server's first page is shown
                // while the sync fills the store.
                fx.extend(crate::app::coins::page_the_server(state));
            }
        }
        (Ask::Sync, StoreReply::Synced { result, .. }) => match result {
            // What is new is read from the store; nothing new, nothing to read again.
            Ok(done) if done.new > 0 => fx.extend(reload(state)),
            Ok(_) => {}
            Err(e) => {
                use crate::app::state::{Msg, MsgKey};
                let msg = Msg::Key(MsgKey::CoinSyncFailed, vec![Msg::Plain(e)]);
                state.alert(msg);
                fx.extend(crate::app::coins::page_the_server(state));
            }
        },
        (Ask::Count(q), StoreReply::Count(Ok(n))) if q == query(state) => {
            let c = &mut state.account.coins;
            c.stored.count = Some(n);
            // The cursor is the store's only while the pane shows it: with nothing stored
            // it belongs to the server's pages (and to `r`'s way back to its record).
            if c.stored.in_use() {
                let at = c.cursor.cursor.min(n.saturating_sub(1) as usize);
                c.cursor.set(at, n as usize, rows_on_screen);
            }
            fx.extend(follow(state));
        }
        (Ask::Window(start, q), StoreReply::Coins(Ok(coins))) if q == query(state) => {
            let records = coins.into_iter().map(|c| c.record).collect();
            let rows = state.account.coins.rows(records);
            let s = &mut state.account.coins.stored;
            s.start = start;
            s.rows = rows;
            fx.extend(follow(state));
        }
        (Ask::Series(p), StoreReply::Balance(Ok(series)))
            if p == state.account.coins.stored.period =>
        {
            state.account.coins.stored.series = series;
        }
        (Ask::Months, StoreReply::Months(Ok(months))) => {
            state.account.coins.stored.months = months;
        }
        (_, reply) => {
            // A failure is said once by the store's own handler; a stale answer is dropped.
            if let Some(e) = reply.error() {
                crate::app::stored::store_failed(state, e);
            }
        }
    }
    Ok(fx)
}
