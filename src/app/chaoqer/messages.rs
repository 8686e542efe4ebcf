//! chaoqer's Messages pane: the inbox (Q10), paged as the cursor nears its end. Reading
//! its first page zeroes the unread total on the server (Q11, read after it, agrees).
//! Enter shows the message under the cursor whole.

use super::{CqSlot, any_loading, first_page, no_reply};
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Tab};

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    if let Some(fx) = super::tab_intent(state, intent) {
        return Some(fx);
    }
    match intent {
        Intent::Retry => Some(vec![first_page(state, CqSlot::Messages)]),
        Intent::Open => {
            let cq = &mut state.account.chaoqer;
            cq.message_open = cq.messages.current().is_some();
            Some(Vec::new())
        }
        _ => super::list_intent(state, CqSlot::Messages, intent),
    }
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[CqSlot::Messages])
}

pub static PANE: Pane = Pane {
    tab: Tab::Messages,
    intent,
    reply: no_reply,
    loading: is_loading,
};
