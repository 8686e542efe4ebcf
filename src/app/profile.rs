//! The Profile pane's answers: the account (info), its public card (get-user) and its
//! editable data (get-user-data). What the pane says is in `profile_view.rs`.

use crate::app::pane::Pane;
use crate::app::state::Tab;
use std::ops::ControlFlow;

use crate::api::actor::Reply;
use crate::api::model::UserData;
use crate::app::action::Effect;
use crate::app::edit::{open_edit, open_when_ready};
use crate::app::keymap::Intent;
use crate::app::remote::Remote;
use crate::app::requests::Slot;
use crate::app::session::{reload_own, retry_profile};
use crate::app::state::{AppState, Msg, MsgKey};
use crate::app::update::set_status;
use crate::proto::{get_user_response, user_info};

/// What the Profile pane shows.
#[derive(Debug, Clone, Default)]
pub struct ProfileState {
    pub info: Remote<user_info::Data>,
    pub own: Remote<get_user_response::Data>,
    pub user_data: Remote<UserData>,
    /// Phone and email shown in full.
    pub reveal_contacts: bool,
    /// `e` was pressed before the profile arrived: open the form when it does.
    pub edit_requested: bool,
    /// How far the pane is scrolled.
    pub scroll: usize,
}

/// How many rows the profile scrolls over: until its last line is at the bottom, no further.
fn scroll_rows(state: &AppState) -> usize {
    crate::app::profile_view::max_scroll(state) + 1
}

/// The Profile pane's keys: scrolling, reload, edit, show contacts, copy the invitation code.
pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    let last = scroll_rows(state).saturating_sub(1);
    let scroll = &mut state.account.profile.scroll;
    match intent {
        Intent::Up => *scroll = scroll.saturating_sub(1),
        Intent::Down => *scroll = (*scroll + 1).min(last),
        Intent::PageUp => *scroll = scroll.saturating_sub(10),
        Intent::PageDown => *scroll = (*scroll + 10).min(last),
        Intent::Top => *scroll = 0,
        Intent::Bottom => *scroll = last,
        Intent::Retry => return Some(retry_profile(state)),
        Intent::Edit => open_edit(state),
        Intent::Reveal => {
            state.account.profile.reveal_contacts = !state.account.profile.reveal_contacts
        }
        Intent::Copy => {
            if let Some(code) = state
                .account
                .profile
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

pub fn on_reply(state: &mut AppState, _: Slot, reply: Reply) -> ControlFlow<Vec<Effect>, Reply> {
    let mut fx = Vec::new();
    let a = &mut state.account;
    match reply {
        Reply::Info(r) => {
            a.profile.info.settle(r.map(|b| *b));
            if let Some(uid) = a.profile.info.value.as_ref().map(|info| info.id.clone()) {
                if a.account_id.as_deref() != Some(&uid) {
                    a.account_id = Some(uid.clone());
                    fx.push(Effect::SaveAccountId(uid.clone()));
                    // The account's store can be read now (its key is the id).
                    let period = a.coins.stored.period;
                    a.coins.stored = Default::default();
                    a.coins.stored.period = period;
                    fx.extend(crate::app::coin_window::reload(state));
                    fx.extend(crate::app::coin_window::sync(state));
                }
                let a = &state.account;
                let own = a.profile.own.value.as_ref();
                if own.is_none_or(|o| o.id != uid) && !a.loading(Slot::Own) {
                    fx.push(reload_own(state, uid));
                }
            }
            open_when_ready(state);
        }
        Reply::OwnUser(r) => a.profile.own.settle(r.map(|b| *b)),
        Reply::UserData(r) => {
            a.profile.user_data.settle(r);
            open_when_ready(state);
        }
        other => return ControlFlow::Continue(other),
    }
    ControlFlow::Break(fx)
}

/// The pane, as `update` sees it (see [`crate::app::pane::Pane`]).
pub static PANE: Pane = Pane {
    tab: Tab::Profile,
    intent,
    reply: on_reply,
    loading: is_loading,
};

/// Something the pane shows is on its way.
fn is_loading(state: &AppState) -> bool {
    let a = &state.account;
    a.loading(Slot::Own) || a.loading(Slot::UserData)
}
