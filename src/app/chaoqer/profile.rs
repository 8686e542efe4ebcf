//! chaoqer's Profile pane: Q6 for the own uid; `e` opens the profile form (or, for a new
//! account, the form that completes it).

use super::{CqSlot, any_loading, no_reply, request};
use crate::api::actor_chaoqer::CqCommand;
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Tab};

pub fn reload(state: &mut AppState) -> Effect {
    request(state, CqSlot::Profile, CqCommand::Profile)
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    if let Some(fx) = super::tab_intent(state, intent) {
        return Some(fx);
    }
    match intent {
        Intent::Retry => Some(vec![reload(state)]),
        Intent::Edit => {
            super::profile_form::open(state);
            Some(Vec::new())
        }
        _ => None,
    }
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[CqSlot::Profile])
}

pub static PANE: Pane = Pane {
    tab: Tab::Profile,
    intent,
    reply: no_reply,
    loading: is_loading,
};
