//! SealTalk's Screen-capture pane (T15/T16): the notice of each friend's chat and each
//! group. Turning it on or off posts a message into that chat as the user (T16), so Enter
//! asks first and says so.

use super::confirm::Confirm;
use super::profile::no_reply;
use super::{CaptureRow, StSlot, any_loading, loading, request};
use crate::api::actor_sealtalk::{StCommand, StResult};
use crate::api::sealtalk::model::{Conversation, FriendStatus};
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Msg, Tab};

/// Each friend's chat and each group, with its name.
fn conversations(state: &AppState) -> Vec<(Conversation, String)> {
    let st = &state.account.sealtalk;
    let friends = (st.friends.value.as_deref().unwrap_or_default().iter())
        .filter(|f| f.status() == FriendStatus::Friend)
        .map(|f| {
            (
                Conversation::Private(f.user.id.clone()),
                f.name().to_owned(),
            )
        });
    let groups = (st.groups.value.as_deref().unwrap_or_default().iter()).map(|g| {
        (
            Conversation::Group(g.group.id.clone()),
            g.group.name.clone(),
        )
    });
    friends.chain(groups).collect()
}

/// Asks for every status once the friends and the groups are both known.
pub fn maybe_load(state: &mut AppState) -> Vec<Effect> {
    let st = &state.account.sealtalk;
    if st.friends.value.is_none() || st.groups.value.is_none() {
        return Vec::new();
    }
    if loading(state, StSlot::Friends) || loading(state, StSlot::Groups) {
        return Vec::new();
    }
    reload(state)
}

pub fn reload(state: &mut AppState) -> Vec<Effect> {
    let list = conversations(state).into_iter().map(|(c, _)| c).collect();
    vec![request(
        state,
        StSlot::Captures,
        StCommand::ScreenCaptures(list),
    )]
}

pub fn on_statuses(state: &mut AppState, rows: Vec<(Conversation, StResult<bool>)>) -> Vec<Effect> {
    let names = conversations(state);
    let lang = state.lang();
    let rows = rows
        .into_iter()
        .map(|(conversation, status)| CaptureRow {
            name: (names.iter())
                .find(|(c, _)| *c == conversation)
                .map_or_else(|| conversation.target_id().to_owned(), |(_, n)| n.clone()),
            conversation,
            status: status.map_err(|e| crate::i18n::describe_st(&e, lang)),
        })
        .collect();
    state.account.sealtalk.captures.settle(Ok(rows));
    Vec::new()
}

/// The rows shown, passing the `/` filter.
pub fn rows(state: &AppState) -> Vec<&CaptureRow> {
    let st = &state.account.sealtalk;
    let query = st.captures_list.filter.query();
    (st.captures.value.as_deref().unwrap_or_default().iter())
        .filter(|r| super::list::passes(&query, &[&r.name, r.conversation.target_id()]))
        .collect()
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    match intent {
        Intent::Retry => {
            let mut fx = vec![super::friends::reload(state), super::groups::reload(state)];
            // The statuses follow once both lists are in (see `maybe_load`).
            state.account.sealtalk.captures.error = None;
            fx.shrink_to_fit();
            Some(fx)
        }
        Intent::Open => {
            let rows = rows(state);
            let at = state.account.sealtalk.captures_list.at(rows.len());
            // A row whose status is unknown cannot be toggled: there is no "other" state.
            if let Some(CaptureRow {
                conversation,
                name,
                status: Ok(on),
            }) = rows.get(at).map(|r| (*r).clone())
            {
                state.account.sealtalk.confirm = Some(Confirm::Capture {
                    conversation,
                    name,
                    on: !on,
                });
            }
            Some(Vec::new())
        }
        _ => {
            let len = rows(state).len();
            super::list::intent(state, intent, len)
        }
    }
}

/// Toggling was confirmed.
pub fn set(state: &mut AppState, conversation: Conversation, on: bool) -> Vec<Effect> {
    vec![request(
        state,
        StSlot::SetCapture,
        StCommand::SetScreenCapture(conversation, on),
    )]
}

pub fn on_set(state: &mut AppState, result: StResult<()>) -> Vec<Effect> {
    let s = state.s().lang().st();
    match result {
        Ok(()) => {
            state.notify(Msg::Plain(s.capture_set.into()));
            reload(state)
        }
        Err(e) => {
            let e = crate::i18n::describe_st(&e, state.lang());
            state.alert(Msg::Plain(format!("{}: {e}", s.capture_failed)));
            Vec::new()
        }
    }
}

fn is_loading(state: &AppState) -> bool {
    any_loading(
        state,
        &[
            StSlot::Captures,
            StSlot::SetCapture,
            StSlot::Friends,
            StSlot::Groups,
        ],
    )
}

pub static PANE: Pane = Pane {
    tab: Tab::ScreenCapture,
    intent,
    reply: no_reply,
    loading: is_loading,
};
