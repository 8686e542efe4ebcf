//! A session of the account: what is asked for when it starts, −101 (the session is over,
//! everything typed is kept), logging in and out.

use crate::service::Service;
use std::ops::ControlFlow;

use crate::api::actor::{Command, Reply};
use crate::app::action::Effect;
use crate::app::code_flow::Notice;
use crate::app::requests::{Slot, cancel, request};
use crate::app::state::{AppState, Overlay, Screen};
use crate::app::{coins, discover, settings_pane};
use crate::i18n::describe;

/// Every first request of a session, all at once: what the account's service asks for.
pub fn start_session(state: &mut AppState) -> Vec<Effect> {
    schedule_refresh(state, std::time::Instant::now());
    match state.account.service {
        Service::Yunhu => start_yunhu(state),
        Service::Sealtalk => crate::app::sealtalk::start(state),
        Service::Chaoqer => crate::app::chaoqer::start(state),
    }
}

/// With `refresh_secs` on, the next refresh is due that long after `from`; the loop wakes
/// for it through `AppState::next_deadline` (no tick, so nothing runs in between).
pub(crate) fn schedule_refresh(state: &mut AppState, from: std::time::Instant) {
    let secs = state.settings.refresh_secs;
    // 0: the clock was not read yet (a test's state); no age is better than a wrong one.
    state.account.refreshed_ms = (state.now_ms > 0).then_some(state.now_ms);
    state.account.next_refresh =
        (secs > 0).then(|| from + std::time::Duration::from_secs(u64::from(secs)));
}

/// `refresh_secs` passed: everything the panes show is asked for again, each kept on screen
/// until its answer comes. Lists keep their place (the coin history and the groups are not
/// started over under the cursor).
pub(crate) fn refresh(state: &mut AppState, now: std::time::Instant) -> Vec<Effect> {
    schedule_refresh(state, now);
    if state.account.screen != Screen::Main {
        return Vec::new();
    }
    if state.account.service == Service::Sealtalk {
        return crate::app::sealtalk::start(state);
    }
    if state.account.service == Service::Chaoqer {
        return crate::app::chaoqer::start(state);
    }
    let mut fx = retry_profile(state);
    fx.extend([
        reload_medals(state),
        reload_categories(state),
        reload_bots(state),
        reload_distribution(state),
        reload_grey(state),
    ]);
    fx.extend(settings_pane::load(state));
    fx
}

fn start_yunhu(state: &mut AppState) -> Vec<Effect> {
    let mut fx = vec![reload_info(state)];
    if let Some(id) = state.account.account_id.clone() {
        fx.push(reload_own(state, id));
    }
    fx.extend([reload_medals(state), reload_user_data(state)]);
    fx.extend(coins::reload(state));
    fx.push(reload_categories(state));
    if state.account.discover.groups.category.is_empty() {
        // The service's first category; corrected when the list arrives, if it differs.
        state.account.discover.groups.category = "精选".into();
    }
    fx.extend(discover::reload(state));
    fx.extend([
        reload_bots(state),
        reload_distribution(state),
        reload_grey(state),
    ]);
    fx.extend(settings_pane::load(state));
    fx
}

macro_rules! reloader {
    ($name:ident, $($field:ident).+, $slot:expr, $command:expr) => {
        pub(crate) fn $name(state: &mut AppState) -> Effect {
            state.account.$($field).+.begin();
            request(state, $slot, $command)
        }
    };
}

reloader!(reload_info, profile.info, Slot::Info, Command::Info);
reloader!(reload_medals, medals.list, Slot::Medals, Command::Medals);
reloader!(
    reload_user_data,
    profile.user_data,
    Slot::UserData,
    Command::UserData
);
reloader!(
    reload_categories,
    discover.categories,
    Slot::Categories,
    Command::Categories
);
reloader!(reload_bots, discover.bots, Slot::Bots, Command::Bots);
reloader!(
    reload_distribution,
    settings.distribution,
    Slot::Distribution,
    Command::Distribution
);
reloader!(reload_grey, settings.grey, Slot::Grey, Command::GrayStatus);

pub(crate) fn reload_own(state: &mut AppState, id: String) -> Effect {
    state.account.profile.own.begin();
    request(state, Slot::Own, Command::OwnUser { id })
}

/// `r` on the profile: reload everything it shows.
pub(crate) fn retry_profile(state: &mut AppState) -> Vec<Effect> {
    let mut fx = vec![reload_info(state)];
    if let Some(id) = own_id(state) {
        fx.push(reload_own(state, id));
    }
    fx.push(reload_user_data(state));
    fx
}

pub(crate) fn own_id(state: &AppState) -> Option<String> {
    state
        .account
        .profile
        .info
        .value
        .as_ref()
        .map(|i| i.id.clone())
        .or_else(|| state.account.account_id.clone())
}

/// −101: the session is over. Everything typed stays (login fields, an open edit form).
pub(crate) fn session_expired(state: &mut AppState, server_msg: &str) -> Vec<Effect> {
    // Requests of the dead session are forgotten (their answers would be stale) and stopped.
    let mut fx = cancel(state.account.requests.clear());
    state.account.screen = Screen::Login;
    state.overlay = Overlay::None;
    // The server's own words first (translated in English when known): the notice is one
    // row, and its end is what a narrow screen cuts.
    let s = state.s();
    let said = crate::i18n::server_message(server_msg, s.lang());
    let text = if said.trim().is_empty() {
        s.session_expired.to_owned()
    } else {
        format!("{}: {}", said.trim(), s.session_expired)
    };
    state.account.login.notice = Some(Notice { text, error: true });
    fx.extend([Effect::SetToken(None), Effect::DeleteToken]);
    fx
}

pub(crate) fn logged_in(state: &mut AppState, token: String) -> Vec<Effect> {
    state.account.login.clear_secrets();
    state.account.screen = Screen::Main;
    state.status = None;
    let mut fx = vec![
        Effect::SaveToken(token.clone()),
        Effect::SetToken(Some(token)),
    ];
    fx.extend(start_session(state));
    fx
}

/// Logout: forget the account's data and the token, keep the typed login identifiers.
pub(crate) fn end_session(state: &mut AppState) -> Vec<Effect> {
    state.account.profile.info.clear();
    state.account.profile.own.clear();
    state.account.profile.user_data.clear();
    state.account.medals.list.clear();
    state.account.coins = Default::default();
    // The list filters went with the account's lists (the coins' with `coins` above).
    state.account.medals.list_filter = Default::default();
    state.account.discover.bot_filter = Default::default();
    state.account.settings.list_filter = Default::default();
    state.account.discover.groups.list.reset();
    state.account.discover.groups.stored_at = None;
    state.account.offline = false;
    state.account.discover.groups.keyword.clear();
    state.account.discover.bots.clear();
    state.account.settings.notification.clear();
    state.account.settings.modules.clear();
    state.account.popup = None;
    state.account.discover.search = None;
    state.account.edit = None;
    state.account.account_id = None;
    state.account.profile.reveal_contacts = false;
    state.account.screen = Screen::Login;
    state.account.login.clear_secrets();
    // What the session still had in flight is over with it.
    let mut fx = cancel(state.account.requests.clear());
    fx.extend([Effect::SetToken(None), Effect::DeleteToken]);
    fx
}

/// `L` or Settings → log out: a stray key must not end the session (logging in again costs a
/// captcha and an SMS), so it asks first.
pub(crate) fn ask_logout(state: &mut AppState) {
    if !state.account.loading(Slot::Logout) {
        state.overlay = Overlay::ConfirmLogout;
    }
}

/// Ends the session on the server; the token goes when it answers (or fails to).
pub(crate) fn logout(state: &mut AppState) -> Vec<Effect> {
    if state.account.service == Service::Sealtalk {
        return crate::app::sealtalk::login::logout(state);
    }
    if state.account.service == Service::Chaoqer {
        return crate::app::chaoqer::login::logout(state);
    }
    if state.account.loading(Slot::Logout) {
        return Vec::new();
    }
    vec![request(state, Slot::Logout, Command::Logout)]
}

/// The session's own answer: logging out.
pub fn on_reply(state: &mut AppState, slot: Slot, reply: Reply) -> ControlFlow<Vec<Effect>, Reply> {
    let mut fx = Vec::new();
    match reply {
        Reply::LoggedOut(r) if slot == Slot::Logout => {
            fx.extend(end_session(state));
            // The token is gone locally either way; on failure, say why the server did not hear of it.
            let (text, error) = match r {
                Ok(()) => (state.s().logged_out.to_owned(), false),
                Err(e) => (
                    format!("{}: {}", state.s().logged_out, describe(&e, state.s())),
                    true,
                ),
            };
            state.account.login.notice = Some(Notice { text, error });
        }
        other => return ControlFlow::Continue(other),
    }
    ControlFlow::Break(fx)
}
