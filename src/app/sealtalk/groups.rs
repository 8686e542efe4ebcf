//! SealTalk's Groups pane (T12): my groups, my role, members / max, mute, join approval,
//! owner.

use super::profile::no_reply;
use super::{StSlot, any_loading, request};
use crate::api::actor_sealtalk::StCommand;
use crate::api::sealtalk::model::GroupMembership;
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Tab};

pub fn reload(state: &mut AppState) -> Effect {
    request(state, StSlot::Groups, StCommand::Groups)
}

/// The groups shown, passing the `/` filter (name or id).
pub fn rows(state: &AppState) -> Vec<&GroupMembership> {
    let st = &state.account.sealtalk;
    let query = st.groups_list.filter.query();
    st.groups
        .value
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(|g| super::list::passes(&query, &[&g.group.name, &g.group.id]))
        .collect()
}

/// The owner's name as far as this account knows it: me, a friend, else the id.
pub fn owner_name(state: &AppState, id: &str) -> String {
    let st = &state.account.sealtalk;
    if state.account.account_id.as_deref() == Some(id)
        && let Some(me) = &st.profile.value
    {
        return me.nickname.clone();
    }
    (st.friends.value.as_deref().unwrap_or_default().iter())
        .find(|f| f.user.id == id)
        .map_or_else(|| id.to_owned(), |f| f.name().to_owned())
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    if intent == Intent::Retry {
        return Some(vec![reload(state)]);
    }
    let len = rows(state).len();
    super::list::intent(state, intent, len)
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[StSlot::Groups])
}

pub static PANE: Pane = Pane {
    tab: Tab::Groups,
    intent,
    reply: no_reply,
    loading: is_loading,
};
