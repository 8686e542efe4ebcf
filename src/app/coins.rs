//! The coin history: pages fetched on demand (the next one while the cursor is still a
//! screen away from the end), a filter, `g`/`G` (loading what is needed), and the chart data.

use crate::api::ApiError;
use crate::api::actor::Command;
use crate::api::model::CoinPage;
use crate::app::action::Effect;
use crate::app::coin_window::{self, StoredCoins};
use crate::app::filter::ListFilter;
use crate::app::keymap::Intent;
use crate::app::paged::{ListCursor, Paged};
use crate::app::pane::Pane;
use crate::app::requests::{Slot, request};
use crate::app::state::Tab;
use crate::app::state::{AppState, Msg, MsgKey};
use crate::geometry::coins_rows;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoinFilter {
    All,
    Income,
    Spending,
}

impl CoinFilter {
    pub fn next(self) -> CoinFilter {
        match self {
            CoinFilter::All => CoinFilter::Income,
            CoinFilter::Income => CoinFilter::Spending,
            CoinFilter::Spending => CoinFilter::All,
        }
    }

    pub fn keeps(self, r: &CoinRow) -> bool {
        match self {
            CoinFilter::All => true,
            CoinFilter::Income => r.signed_change() > 0.0,
            CoinFilter::Spending => r.signed_change() < 0.0,
        }
    }
}

/// A coin record as the dashboard keeps it: what it shows and no more. The reason is shared
/// between records (there are a handful of reasons and up to 100 000 records).
#[derive(Debug, Clone, PartialEq)]
pub struct CoinRow {
    pub id: i64,
    pub create_time: i64,
    pub before: f64,
    pub after: f64,
    pub reason: std::sync::Arc<str>,
    pub remark: Option<Box<str>>,
}

impl CoinRow {
    /// The change with its true sign, from the balances (rounded to cents).
    pub fn signed_change(&self) -> f64 {
        crate::api::model::round_cents(self.after - self.before)
    }

    pub fn remark(&self) -> &str {
        self.remark.as_deref().unwrap_or("")
    }
}

/// The most points the balance chart is given (min and max of each time bucket).
pub const CHART_POINTS: usize = 600;

#[derive(Debug, Clone)]
pub struct CoinsState {
    pub list: Paged<CoinRow>,
    /// Every reason seen, each stored once.
    reasons: std::collections::HashSet<std::sync::Arc<str>>,
    pub filter: CoinFilter,
    /// Indices into `list.items` that pass the filter, in order.
    pub view: Vec<usize>,
    pub cursor: ListCursor,
    /// `G` was pressed: keep loading, then stand on the last record.
    pub to_end: bool,
    /// The `/` filter's text (trimmed, ASCII lower case): reason or remark must contain it.
    pub query: String,
    /// `r` reloads from page 1: load until this cursor (and window) can be stood on again.
    pub restore: Option<ListCursor>,
    /// (Unix time, balance after), oldest first, at most `CHART_POINTS`.
    pub chart: Vec<(f64, f64)>,
    /// The `/` box whose text becomes `query`.
    pub list_filter: ListFilter,
    /// The history in the local store: when it holds records, the pane is a window over
    /// it and `cursor` moves over the store's records (see [`crate::app::coin_window`]).
    pub stored: StoredCoins,
    /// `x`: the export the store is writing, if any.
    pub exporting: Option<crate::app::export::Exporting>,
}

impl Default for CoinsState {
    fn default() -> Self {
        CoinsState {
            list: Paged::default(),
            reasons: Default::default(),
            filter: CoinFilter::All,
            view: Vec::new(),
            cursor: ListCursor::default(),
            to_end: false,
            query: String::new(),
            restore: None,
            chart: Vec::new(),
            list_filter: ListFilter::default(),
            stored: StoredCoins::default(),
            exporting: None,
        }
    }
}

impl CoinsState {
    /// The rows of `records`, their reasons shared with the rows already kept.
    pub fn rows(&mut self, records: Vec<crate::api::model::CoinRecord>) -> Vec<CoinRow> {
        records
            .into_iter()
            .map(|r| {
                let reason = match self.reasons.get(r.reason.as_str()) {
                    Some(shared) => shared.clone(),
                    None => {
                        let shared: std::sync::Arc<str> = r.reason.into();
                        self.reasons.insert(shared.clone());
                        shared
                    }
                };
                let remark = (!r.remark.is_empty()).then(|| r.remark.into_boxed_str());
                CoinRow {
                    id: r.id,
                    create_time: r.create_time,
                    before: r.before_amount,
                    after: r.after_amount,
                    reason,
                    remark,
                }
            })
            .collect()
    }

    /// Puts `records` in as if they had been paged in (tests and benchmarks).
    pub fn load_records(&mut self, records: Vec<crate::api::model::CoinRecord>) {
        let rows = self.rows(records);
        self.list.items.extend(rows);
        self.rebuild_view();
        self.rebuild_chart();
    }

    /// Adds the records from `from` on to the filtered view.
    pub fn extend_view(&mut self, from: usize) {
        let filter = self.filter;
        let query = self.query.as_str();
        let start = self.view.len();
        self.view.extend((from..self.list.items.len()).filter(|&i| {
            let r = &self.list.items[i];
            filter.keeps(r)
                && (crate::app::filter::matches(&r.reason, query)
                    || crate::app::filter::matches(r.remark(), query))
        }));
        debug_assert!(self.view.len() >= start);
    }

    pub fn rebuild_view(&mut self) {
        self.view.clear();
        self.extend_view(0);
    }

    /// The balance over time, bucketed so the chart costs the same for any number of records.
    pub fn rebuild_chart(&mut self) {
        let items = &self.list.items;
        self.chart.clear();
        if items.is_empty() {
            return;
        }
        // Oldest first; the records are newest first.
        let point = |i: usize| {
            let r = &items[items.len() - 1 - i];
            (r.create_time as f64, r.after)
        };
        if items.len() <= CHART_POINTS {
            self.chart.extend((0..items.len()).map(point));
            return;
        }
        let per = items.len().div_ceil(CHART_POINTS / 2);
        for start in (0..items.len()).step_by(per) {
            let bucket = (start..(start + per).min(items.len())).map(point);
            let (mut lo, mut hi) = ((0.0, f64::INFINITY), (0.0, f64::NEG_INFINITY));
            for p in bucket {
                if p.1 < lo.1 {
                    lo = p;
                }
                if p.1 > hi.1 {
                    hi = p;
                }
            }
            let (first, second) = if lo.0 <= hi.0 { (lo, hi) } else { (hi, lo) };
            self.chart.push(first);
            if second != first {
                self.chart.push(second);
            }
        }
    }
}

fn ask(state: &mut AppState, page: u32) -> Effect {
    let size = state.page_sizes().coins;
    state.account.coins.list.begin();
    request(state, Slot::Coins, Command::Coins { page, size })
}

/// Starts over from page 1.
pub fn reload(state: &mut AppState) -> Vec<Effect> {
    state.account.coins.list.reset();
    state.account.coins.view.clear();
    state.account.coins.chart.clear();
    state.account.coins.cursor = Default::default();
    state.account.coins.to_end = false;
    state.account.coins.restore = None;
    // With the store: what it holds is shown at once and only what is new is fetched.
    // Without: the server is paged, as before.
    let mut fx = coin_window::reload(state);
    match coin_window::sync(state) {
        Some(sync) => fx.push(sync),
        None => fx.insert(0, ask(state, 1)),
    }
    fx
}

/// The server's first page, shown while the store has nothing (or the sync failed), unless
/// the pane already shows pages of the server or waits for one.
pub(crate) fn page_the_server(state: &mut AppState) -> Vec<Effect> {
    let c = &state.account.coins;
    if c.stored.in_use() || !c.list.is_blank() || state.account.loading(Slot::Coins) {
        return Vec::new();
    }
    vec![ask(state, 1)]
}

/// Asks for the next page when the cursor is within a screen of the end of what is loaded
/// (or `G` wants everything).
pub fn prefetch(state: &mut AppState) -> Vec<Effect> {
    let rows = coins_rows(state.size);
    let c = &state.account.coins;
    let near_end = c.cursor.rows_after(c.view.len()) < rows.max(1) * 2;
    match c.list.next_page(state.account.loading(Slot::Coins)) {
        Some(page) if near_end || c.to_end || c.restore.is_some() => vec![ask(state, page)],
        _ => Vec::new(),
    }
}

pub fn on_page(state: &mut AppState, page: u32, result: Result<CoinPage, ApiError>) -> Vec<Effect> {
    let size = state.page_sizes().coins;
    let before = state.account.coins.list.items.len();
    let result = result.map(|p| (state.account.coins.rows(p.gold_coin_record), Some(p.total)));
    state.account.coins.list.settle(page, size, result);
    let c = &mut state.account.coins;
    if c.list.items.len() > before {
        c.extend_view(before);
        c.rebuild_chart();
    }
    if let Some((page, e)) = c.list.error.clone() {
        c.to_end = false;
        c.restore = None;
        if page > 1 {
            // The error row may be far below the window: say it where the eye is.
            say_page_failed(state, page, e);
        }
        show_tail(state);
    } else if let Some(wanted) = c.restore {
        // `r` reloaded: stand where the cursor was once enough is loaded again.
        let len = c.view.len();
        if len > wanted.cursor || c.list.complete {
            let rows = coins_rows(state.size);
            let c = &mut state.account.coins;
            c.cursor = wanted;
            c.cursor.set(wanted.cursor, len, rows);
            c.restore = None;
        }
    } else if c.to_end {
        let rows = coins_rows(state.size);
        let c = &mut state.account.coins;
        c.cursor
            .set(c.view.len().saturating_sub(1), c.view.len(), rows);
        if c.list.complete {
            c.to_end = false;
        }
    }
    prefetch(state)
}

fn say_page_failed(state: &mut AppState, page: u32, e: ApiError) {
    state.alert(Msg::Key(
        MsgKey::CoinPageFailed,
        vec![Msg::Plain(page.to_string()), Msg::Api(e)],
    ));
}

/// With the cursor on the last loaded record, the window keeps one row for what comes after
/// it (the loading row, or the failed page's row), so it is seen.
fn show_tail(state: &mut AppState) {
    let rows = coins_rows(state.size);
    let loading = state.account.loading(Slot::Coins);
    let c = &mut state.account.coins;
    let len = c.view.len();
    let tail = c.list.error.is_some() || loading;
    if tail && len > 0 && c.cursor.cursor + 1 >= len && rows >= 2 && len + 1 > rows {
        c.cursor.offset = c.cursor.offset.max(len + 1 - rows);
    }
}

/// Keys of the coins tab; `None` for keys it does not take.
pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    if intent == Intent::Period {
        return Some(coin_window::next_period(state));
    }
    if intent == Intent::Export {
        return Some(crate::app::export::open(state));
    }
    if state.account.coins.stored.in_use() {
        return stored_intent(state, intent);
    }
    let rows = coins_rows(state.size);
    let len = state.account.coins.view.len();
    let c = &mut state.account.coins;
    match intent {
        Intent::Down => c.cursor.move_by(1, len, rows),
        Intent::Up => c.cursor.move_by(-1, len, rows),
        Intent::PageDown => c.cursor.move_by(rows as isize, len, rows),
        Intent::PageUp => c.cursor.move_by(-(rows as isize), len, rows),
        Intent::Top => {
            c.to_end = false;
            c.cursor.set(0, len, rows);
        }
        Intent::Bottom => {
            c.cursor.set(len.saturating_sub(1), len, rows);
            c.to_end = !c.list.complete;
        }
        Intent::Filter => {
            c.filter = c.filter.next();
            c.rebuild_view();
            let len = c.view.len();
            c.cursor.set(0, len, rows);
        }
        Intent::Retry | Intent::Open => {
            return Some(match c.list.error.as_ref().map(|(page, _)| *page) {
                // The error row retries its page, keeping what is loaded.
                Some(page) => vec![ask(state, page)],
                None if intent == Intent::Retry => {
                    // A reload starts over from page 1 but comes back to the same record.
                    let at = state.account.coins.cursor;
                    let fx = reload(state);
                    state.account.coins.restore = (at.cursor > 0).then_some(at);
                    fx
                }
                None => Vec::new(),
            });
        }
        _ => return None,
    }
    let moving_on = matches!(intent, Intent::Down | Intent::PageDown | Intent::Bottom);
    show_tail(state);
    let c = &state.account.coins;
    if moving_on
        && c.cursor.cursor + 1 >= c.view.len()
        && let Some((page, e)) = c.list.error.clone()
    {
        // At the end with a failed page: the cursor does not stop without a word.
        say_page_failed(state, page, e);
    }
    Some(prefetch(state))
}

/// Keys of the coins tab while it shows the store: moves over the whole stored history at
/// once (a window is read when the cursor leaves the one kept).
fn stored_intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    let rows = coins_rows(state.size);
    let c = &mut state.account.coins;
    let len = c.stored.len() as usize;
    match intent {
        Intent::Down => c.cursor.move_by(1, len, rows),
        Intent::Up => c.cursor.move_by(-1, len, rows),
        Intent::PageDown => c.cursor.move_by(rows as isize, len, rows),
        Intent::PageUp => c.cursor.move_by(-(rows as isize), len, rows),
        Intent::Top => c.cursor.set(0, len, rows),
        Intent::Bottom => c.cursor.set(len.saturating_sub(1), len, rows),
        Intent::Filter => {
            c.filter = c.filter.next();
            c.rebuild_view();
            c.stored.count = None;
            c.cursor = Default::default();
            return Some(coin_window::refilter(state));
        }
        Intent::Retry => {
            // The server's history again, and the store read again where the cursor is.
            let at = c.cursor;
            let fx = reload(state);
            state.account.coins.cursor = at;
            return Some(fx);
        }
        _ => return None,
    }
    Some(coin_window::follow(state))
}

/// The Coins pane's answers: pages of the history.
pub fn on_reply(
    state: &mut AppState,
    _: Slot,
    reply: crate::api::actor::Reply,
) -> std::ops::ControlFlow<Vec<Effect>, crate::api::actor::Reply> {
    match reply {
        crate::api::actor::Reply::Coins { page, result } => {
            std::ops::ControlFlow::Break(on_page(state, page, result))
        }
        other => std::ops::ControlFlow::Continue(other),
    }
}

/// The pane, as `update` sees it (see [`crate::app::pane::Pane`]).
pub static PANE: Pane = Pane {
    tab: Tab::Coins,
    intent,
    reply: on_reply,
    loading: is_loading,
};

/// Something the pane shows is on its way.
fn is_loading(state: &AppState) -> bool {
    state.account.loading(Slot::Coins) || coin_window::syncing(state)
}
