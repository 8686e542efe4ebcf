//! The coin history: pages fetched on demand (the next one while the cursor is still a
//! screen away from the end), a filter, `g`/`G` (loading what is needed), and the chart data.

use crate::api::ApiError;
use crate::api::actor::{Command, RequestId};
use crate::api::model::CoinPage;
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::state::{AppState, Msg, MsgKey};
use crate::app::update::request;
use crate::geometry::coins_rows;

fn ask(state: &mut AppState, page: u32) -> Effect {
    let size = state.page_sizes().coins;
    let (id, fx) = request(state, Command::Coins { page, size });
    state.coins.list.begin(id, page);
    fx
}

/// Starts over from page 1.
pub fn reload(state: &mut AppState) -> Vec<Effect> {
    state.coins.list.reset();
    state.coins.view.clear();
    state.coins.chart.clear();
    state.coins.cursor = Default::default();
    state.coins.to_end = false;
    state.coins.restore = None;
    vec![ask(state, 1)]
}

/// Asks for the next page when the cursor is within a screen of the end of what is loaded
/// (or `G` wants everything).
pub fn prefetch(state: &mut AppState) -> Vec<Effect> {
    let rows = coins_rows(state.size);
    let c = &state.coins;
    let near_end = c.cursor.rows_after(c.view.len()) < rows.max(1) * 2;
    match c.list.next_page() {
        Some(page) if near_end || c.to_end || c.restore.is_some() => vec![ask(state, page)],
        _ => Vec::new(),
    }
}

pub fn on_page(
    state: &mut AppState,
    id: RequestId,
    page: u32,
    result: Result<CoinPage, ApiError>,
) -> Vec<Effect> {
    let size = state.page_sizes().coins;
    let before = state.coins.list.items.len();
    let result = result.map(|p| (state.coins.rows(p.gold_coin_record), Some(p.total)));
    if !state.coins.list.settle(id, page, size, result) {
        return Vec::new();
    }
    let c = &mut state.coins;
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
            let c = &mut state.coins;
            c.cursor = wanted;
            c.cursor.set(wanted.cursor, len, rows);
            c.restore = None;
        }
    } else if c.to_end {
        let rows = coins_rows(state.size);
        let c = &mut state.coins;
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
    let c = &mut state.coins;
    let len = c.view.len();
    let tail = c.list.error.is_some() || c.list.pending.is_some();
    if tail && len > 0 && c.cursor.cursor + 1 >= len && rows >= 2 && len + 1 > rows {
        c.cursor.offset = c.cursor.offset.max(len + 1 - rows);
    }
}

/// Keys of the coins tab; `None` for keys it does not take.
pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    let rows = coins_rows(state.size);
    let len = state.coins.view.len();
    let c = &mut state.coins;
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
                    let at = state.coins.cursor;
                    let fx = reload(state);
                    state.coins.restore = (at.cursor > 0).then_some(at);
                    fx
                }
                None => Vec::new(),
            });
        }
        _ => return None,
    }
    let moving_on = matches!(intent, Intent::Down | Intent::PageDown | Intent::Bottom);
    show_tail(state);
    let c = &state.coins;
    if moving_on
        && c.cursor.cursor + 1 >= c.view.len()
        && let Some((page, e)) = c.list.error.clone()
    {
        // At the end with a failed page: the cursor does not stop without a word.
        say_page_failed(state, page, e);
    }
    Some(prefetch(state))
}

/// The Coins pane's answers: pages of the history.
pub fn on_reply(
    state: &mut AppState,
    id: RequestId,
    reply: crate::api::actor::Reply,
) -> std::ops::ControlFlow<Vec<Effect>, crate::api::actor::Reply> {
    match reply {
        crate::api::actor::Reply::Coins { page, result } => {
            std::ops::ControlFlow::Break(on_page(state, id, page, result))
        }
        other => std::ops::ControlFlow::Continue(other),
    }
}
