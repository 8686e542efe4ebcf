//! chaoqer's Blacklist pane: the users I blocked (Q7, paged); Enter asks, then unblocks
//! (Q9).

use super::confirm::CqConfirm;
use super::{CqSlot, any_loading, first_page, no_reply, request};
use crate::api::actor_chaoqer::{CqCommand, CqResult};
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Tab};

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    if let Some(fx) = super::tab_intent(state, intent) {
        return Some(fx);
    }
    match intent {
        Intent::Retry => Some(vec![first_page(state, CqSlot::Blacklist)]),
        Intent::Open => {
            let cq = &mut state.account.chaoqer;
            if let Some(e) = cq.blacklist.current() {
                let name = super::display_name(e);
                cq.confirm = Some(CqConfirm::Unblock {
                    uid: e.uid.clone(),
                    name,
                });
            }
            Some(Vec::new())
        }
        _ => super::list_intent(state, CqSlot::Blacklist, intent),
    }
}

/// Unblocking was confirmed.
pub fn unblock(state: &mut AppState, uid: String) -> Vec<Effect> {
    vec![request(state, CqSlot::Unblock, CqCommand::Unblock(uid))]
}

/// Q9 answered: the user leaves the list shown; the server's words in the status line.
pub fn on_unblocked(state: &mut AppState, uid: String, result: CqResult<String>) -> Vec<Effect> {
    let cq = &mut state.account.chaoqer;
    if result.is_ok() {
        cq.blacklist.items.retain(|e| e.uid != uid);
        let len = cq.blacklist.items.len();
        cq.blacklist.selected = cq.blacklist.selected.min(len.saturating_sub(1));
    }
    let failed = state.s().lang().cq().unblock_failed;
    super::say(state, &result, failed);
    Vec::new()
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[CqSlot::Blacklist, CqSlot::Unblock])
}

pub static PANE: Pane = Pane {
    tab: Tab::Blacklist,
    intent,
    reply: no_reply,
    loading: is_loading,
};
