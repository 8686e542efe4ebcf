//! The Medals pane: its answer (sorted into display order once, as it arrives) and its keys.

use crate::app::pane::Pane;
use crate::app::state::Tab;
use std::ops::ControlFlow;

use crate::api::actor::Reply;
use crate::app::action::Effect;
use crate::app::filter::ListFilter;
use crate::app::keymap::Intent;
use crate::app::paged::ListCursor;
use crate::app::remote::Remote;
use crate::app::requests::Slot;
use crate::app::session::reload_medals;
use crate::app::state::AppState;
use crate::proto::MedalInfo;

/// The medals, sorted for display, and where the cursor and the `/` filter stand.
#[derive(Debug, Clone, Default)]
pub struct MedalsState {
    pub list: Remote<Vec<MedalInfo>>,
    pub cursor: ListCursor,
    pub list_filter: ListFilter,
}

pub fn on_reply(state: &mut AppState, _: Slot, reply: Reply) -> ControlFlow<Vec<Effect>, Reply> {
    match reply {
        Reply::Medals(r) => {
            let sorted = r.map(|mut m| {
                crate::proto::sort_medals(&mut m);
                m
            });
            state.account.medals.list.settle(sorted);
            ControlFlow::Break(Vec::new())
        }
        other => ControlFlow::Continue(other),
    }
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    let rows = crate::geometry::medals_rows(state.size);
    let n = crate::app::filter::medals_len(state);
    let c = &mut state.account.medals.cursor;
    match intent {
        Intent::Down => c.move_by(1, n, rows),
        Intent::Up => c.move_by(-1, n, rows),
        Intent::PageDown => c.move_by(rows as isize, n, rows),
        Intent::PageUp => c.move_by(-(rows as isize), n, rows),
        Intent::Top => c.set(0, n, rows),
        Intent::Bottom => c.set(n.saturating_sub(1), n, rows),
        Intent::Retry => return Some(vec![reload_medals(state)]),
        _ => return None,
    }
    Some(Vec::new())
}

/// The pane, as `update` sees it (see [`crate::app::pane::Pane`]).
pub static PANE: Pane = Pane {
    tab: Tab::Medals,
    intent,
    reply: on_reply,
    loading: is_loading,
};

/// Something the pane shows is on its way.
fn is_loading(state: &AppState) -> bool {
    state.account.loading(Slot::Medals)
}
