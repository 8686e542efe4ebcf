//! The Profile pane's answers: the account (info), its public card (get-user) and its
//! editable data (get-user-data). What the pane says is in `profile_view.rs`.

use std::ops::ControlFlow;

use crate::api::actor::{Reply, RequestId};
use crate::app::action::Effect;
use crate::app::edit::open_edit;
use crate::app::keymap::Intent;
use crate::app::session::{reload_own, retry_profile};
use crate::app::state::{AppState, Msg, MsgKey, Tab};
use crate::app::update::set_status;

/// How many rows the profile scrolls over: until its last line is at the bottom, no further.
fn scroll_rows(state: &AppState) -> usize {
    crate::app::profile_view::max_scroll(state) + 1
}

/// The Profile pane's keys: scrolling, reload, edit, show contacts, copy the invitation code.
pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    let at = Tab::Profile.index();
    let last = || scroll_rows(state).saturating_sub(1);
    match intent {
        Intent::Up => state.cursor[at] = state.cursor[at].saturating_sub(1),
        Intent::Down => state.cursor[at] = (state.cursor[at] + 1).min(last()),
        Intent::PageUp => state.cursor[at] = state.cursor[at].saturating_sub(10),
        Intent::PageDown => state.cursor[at] = (state.cursor[at] + 10).min(last()),
        Intent::Top => state.cursor[at] = 0,
        Intent::Bottom => state.cursor[at] = last(),
        Intent::Retry => return Some(retry_profile(state)),
        Intent::Edit => open_edit(state),
        Intent::Reveal => state.reveal_contacts = !state.reveal_contacts,
        Intent::Copy => {
            if let Some(code) = state
                .info
                .value
                .as_ref()
                .map(|i| i.invitation_code.clone())
                .filter(|c| !c.is_empty())
            {
                set_status(state, Msg::key(MsgKey::Copied), false);
                return Some(vec![Effect::Copy(code)]);
            }
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// Something the Profile pane shows is on its way.
pub fn is_loading(state: &AppState) -> bool {
    state.own.is_loading() || state.user_data.is_loading()
}

pub fn on_reply(
    state: &mut AppState,
    id: RequestId,
    reply: Reply,
) -> ControlFlow<Vec<Effect>, Reply> {
    let mut fx = Vec::new();
    match reply {
        Reply::Info(r) => {
            if state.info.settle(id, r.map(|b| *b))
                && let Some(info) = &state.info.value
            {
                let uid = info.id.clone();
                if state.account_id.as_deref() != Some(&uid) {
                    state.account_id = Some(uid.clone());
                    fx.push(Effect::SaveAccountId(uid.clone()));
                }
                if state.own.value.as_ref().is_none_or(|o| o.id != uid) && !state.own.is_loading() {
                    fx.push(reload_own(state, uid));
                }
            }
        }
        Reply::OwnUser(r) => {
            state.own.settle(id, r.map(|b| *b));
        }
        Reply::UserData(r) => {
            state.user_data.settle(id, r);
        }
        other => return ControlFlow::Continue(other),
    }
    ControlFlow::Break(fx)
}
