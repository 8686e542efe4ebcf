//! SealTalk's Blacklist pane (T13); Enter asks, then unblocks (T14).

use super::confirm::Confirm;
use super::profile::no_reply;
use super::{StSlot, any_loading, request};
use crate::api::actor_sealtalk::{StCommand, StResult};
use crate::api::sealtalk::model::BlockedUser;
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Msg, Tab};

pub fn reload(state: &mut AppState) -> Effect {
    request(state, StSlot::Blacklist, StCommand::Blacklist)
}

/// The blocked users shown, passing the `/` filter.
pub fn rows(state: &AppState) -> Vec<&BlockedUser> {
    let st = &state.account.sealtalk;
    let query = st.blacklist_list.filter.query();
    st.blacklist
        .value
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(|u| super::list::passes(&query, &[&u.nickname, &u.phone, &u.st_account]))
        .collect()
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    match intent {
        Intent::Retry => Some(vec![reload(state)]),
        Intent::Open => {
            let rows = rows(state);
            let at = state.account.sealtalk.blacklist_list.at(rows.len());
            if let Some(user) = rows.get(at) {
                let confirm = Confirm::Unblock {
                    id: user.id.clone(),
                    name: user.nickname.clone(),
                };
                state.account.sealtalk.confirm = Some(confirm);
            }
            Some(Vec::new())
        }
        _ => {
            let len = rows(state).len();
            super::list::intent(state, intent, len)
        }
    }
}

/// Unblocking was confirmed.
pub fn unblock(state: &mut AppState, id: String) -> Vec<Effect> {
    vec![request(state, StSlot::Unblock, StCommand::Unblock(id))]
}

/// T14 answered: the blacklist and the friends (a blocked friend is one again) reload.
pub fn on_unblocked(state: &mut AppState, result: StResult<()>) -> Vec<Effect> {
    let s = state.s().lang().st();
    match result {
        Ok(()) => {
            state.notify(Msg::Plain(s.unblocked.into()));
            vec![reload(state), super::friends::reload(state)]
        }
        Err(e) => {
            let e = crate::i18n::describe_st(&e, state.lang());
            state.alert(Msg::Plain(format!("{}: {e}", s.unblock_failed)));
            Vec::new()
        }
    }
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[StSlot::Blacklist, StSlot::Unblock])
}

pub static PANE: Pane = Pane {
    tab: Tab::Blacklist,
    intent,
    reply: no_reply,
    loading: is_loading,
};
