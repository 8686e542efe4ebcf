//! SealTalk's Friends pane (T11): the friends (status 20), each by my remark or their
//! nickname; incoming requests (status 11) are only counted, in the title.

use super::profile::no_reply;
use super::{StSlot, any_loading, request};
use crate::api::actor_sealtalk::StCommand;
use crate::api::sealtalk::model::{FriendStatus, Friendship};
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Tab};

pub fn reload(state: &mut AppState) -> Effect {
    request(state, StSlot::Friends, StCommand::Friends)
}

/// The friends shown: status 20, passing the `/` filter (name, phone, SealTalk id).
pub fn rows(state: &AppState) -> Vec<&Friendship> {
    let st = &state.account.sealtalk;
    let query = st.friends_list.filter.query();
    st.friends
        .value
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(|f| f.status() == FriendStatus::Friend)
        .filter(|f| {
            super::list::passes(
                &query,
                &[
                    f.name(),
                    &f.user.nickname,
                    &f.user.phone,
                    &f.user.st_account,
                ],
            )
        })
        .collect()
}

/// The friend under the cursor, if any.
pub fn selected(state: &AppState) -> Option<&Friendship> {
    let rows = rows(state);
    let at = state.account.sealtalk.friends_list.at(rows.len());
    rows.get(at).copied()
}

/// Requests from others waiting for my answer (status 11).
pub fn incoming(state: &AppState) -> usize {
    (state.account.sealtalk.friends.value.as_deref())
        .unwrap_or_default()
        .iter()
        .filter(|f| f.status() == FriendStatus::Pending)
        .count()
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    if intent == Intent::Retry {
        return Some(vec![reload(state)]);
    }
    let len = rows(state).len();
    super::list::intent(state, intent, len)
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[StSlot::Friends])
}

pub static PANE: Pane = Pane {
    tab: Tab::Friends,
    intent,
    reply: no_reply,
    loading: is_loading,
};
