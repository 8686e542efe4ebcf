//! SealTalk's About pane: the latest desktop (T18), iOS and Android (T19/T20) clients.

use super::profile::no_reply;
use super::{StSlot, any_loading, request};
use crate::api::actor_sealtalk::StCommand;
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Tab};

pub fn reload(state: &mut AppState) -> Effect {
    request(state, StSlot::Versions, StCommand::Versions)
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    (intent == Intent::Retry).then(|| vec![reload(state)])
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[StSlot::Versions])
}

pub static PANE: Pane = Pane {
    tab: Tab::About,
    intent,
    reply: no_reply,
    loading: is_loading,
};
