//! SealTalk's Profile pane: T4 for the own id; `e` opens the edit form, `p` the password
//! form.

use std::ops::ControlFlow;

use super::{StSlot, any_loading, request};
use crate::api::actor::Reply;
use crate::api::actor_sealtalk::StCommand;
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::requests::Slot;
use crate::app::state::{AppState, Tab};

pub fn reload(state: &mut AppState) -> Effect {
    request(state, StSlot::Profile, StCommand::Profile)
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    match intent {
        Intent::Retry => Some(vec![reload(state)]),
        Intent::Edit => {
            super::profile_form::open(state);
            Some(Vec::new())
        }
        // `p`: the password (the key is the coins' period on Yunhu).
        Intent::Period => {
            state.account.sealtalk.password = Some(Default::default());
            Some(Vec::new())
        }
        _ => None,
    }
}

/// SealTalk answers go to `sealtalk::on_reply`, never through here.
pub fn no_reply(_: &mut AppState, _: Slot, reply: Reply) -> ControlFlow<Vec<Effect>, Reply> {
    ControlFlow::Continue(reply)
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[StSlot::Profile])
}

pub static PANE: Pane = Pane {
    tab: Tab::Profile,
    intent,
    reply: no_reply,
    loading: is_loading,
};
