//! The coin history: pages fetched on demand (the next one while the cursor is still a
//! screen away from the end), a filter, `g`/`G` (loading what is needed), and the chart data.

use crate::api::ApiError;
use crate::api::actor::{Command, RequestId};
use crate::api::model::CoinPage;
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::state::AppState;
use crate::app::update::request;
use crate::ui::layout::coins_rows;

fn ask(state: &mut AppState, page: u32) -> Effect {
    let size = state.page_sizes.coins;
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
    vec![ask(state, 1)]
}

/// Asks for the next page when the cursor is within a screen of the end of what is loaded
/// (or `G` wants everything).
pub fn prefetch(state: &mut AppState) -> Vec<Effect> {
    let rows = coins_rows(state.size);
    let c = &state.coins;
    let near_end = c.cursor.rows_after(c.view.len()) < rows.max(1) * 2;
    match c.list.next_page() {
        Some(page) if near_end || c.to_end => vec![ask(state, page)],
        _ => Vec::new(),
    }
}

pub fn on_page(
    state: &mut AppState,
    id: RequestId,
    page: u32,
    result: Result<CoinPage, ApiError>,
) -> Vec<Effect> {
    let size = state.page_sizes.coins;
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
    if c.list.error.is_some() {
        c.to_end = false;
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
                None if intent == Intent::Retry => reload(state),
                None => Vec::new(),
            });
        }
        _ => return None,
    }
    Some(prefetch(state))
}
