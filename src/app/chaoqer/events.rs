//! chaoqer's Events pane: the upcoming public events (Q20, paged, by time), each marked
//! upcoming, live or over by its time against the clock now (the contract's window: live
//! from 30 minutes before to 30 minutes after its time), not by the status the server
//! computed when it answered, which ages.

use super::{CqSlot, any_loading, first_page, no_reply};
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Tab};

/// Half the live window around an event's time (ms).
pub const LIVE_HALF_WINDOW: i64 = 30 * 60_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Upcoming,
    Live,
    Over,
}

/// Where an event at `event_time` stands at `now` (both ms).
pub fn when(event_time: i64, now: i64) -> When {
    if now < event_time - LIVE_HALF_WINDOW {
        When::Upcoming
    } else if now <= event_time + LIVE_HALF_WINDOW {
        When::Live
    } else {
        When::Over
    }
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    if let Some(fx) = super::tab_intent(state, intent) {
        return Some(fx);
    }
    match intent {
        Intent::Retry => Some(vec![first_page(state, CqSlot::Events)]),
        _ => super::list_intent(state, CqSlot::Events, intent),
    }
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[CqSlot::Events])
}

pub static PANE: Pane = Pane {
    tab: Tab::Events,
    intent,
    reply: no_reply,
    loading: is_loading,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_live_window_is_half_an_hour_either_side() {
        let t = 10 * 3_600_000;
        assert_eq!(when(t, t - 31 * 60_000), When::Upcoming);
        assert_eq!(when(t, t - 30 * 60_000), When::Live);
        assert_eq!(when(t, t + 30 * 60_000), When::Live);
        assert_eq!(when(t, t + 31 * 60_000), When::Over);
    }
}
