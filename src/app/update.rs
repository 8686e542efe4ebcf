//! `update(state, action) -> effects`: the only place the state changes. No I/O here.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_input::backend::crossterm::EventHandler;

use crate::api::ApiError;
use crate::api::actor::{Command, Reply, RequestId, Response};
use crate::app::action::{Action, Effect};
use crate::app::form::{EditForm, Field};
use crate::app::keymap::Intent;
use crate::app::login::{CaptchaShown, LoginField, Method, Notice};
use crate::app::state::{AppState, Msg, MsgKey, Overlay, Popup, Screen, Tab};
use crate::app::{coins, discover, settings_pane};
use crate::i18n::{describe, fill};

pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    match action {
        Action::Resize(w, h) => {
            state.size = (w, h);
            Vec::new()
        }
        Action::Tick => {
            state.spinner = state.spinner.wrapping_add(1);
            Vec::new()
        }
        Action::Deadline => on_deadline(state, std::time::Instant::now()),
        Action::Api(response) => on_response(state, response),
        // Only presses act: releases and repeats (where the terminal reports them) do not.
        Action::Key(key) if key.kind != KeyEventKind::Press => Vec::new(),
        Action::Key(key) => on_key(state, key),
        Action::Mouse(mouse) => on_mouse(state, mouse),
        Action::Paste(text) => on_paste(state, &text),
    }
}

/// A deadline of `AppState::next_deadline` passed: an expired status message goes, a search
/// whose typing pause is over is sent.
pub fn on_deadline(state: &mut AppState, now: std::time::Instant) -> Vec<Effect> {
    state.expire_status(now);
    discover::deadline(state, now)
}

fn set_status(state: &mut AppState, msg: Msg, error: bool) {
    if error {
        state.alert(msg);
    } else {
        state.notify(msg);
    }
}

pub(crate) fn request(state: &mut AppState, command: Command) -> (RequestId, Effect) {
    let id = state.next_request();
    (id, Effect::Api(id, command))
}

// ---- loading ---------------------------------------------------------------------------

/// Every first request of a session, all at once.
pub fn start_session(state: &mut AppState) -> Vec<Effect> {
    let mut fx = vec![reload_info(state)];
    if let Some(id) = state.account_id.clone() {
        fx.push(reload_own(state, id));
    }
    fx.extend([reload_medals(state), reload_user_data(state)]);
    fx.extend(coins::reload(state));
    fx.push(reload_categories(state));
    if state.groups.category.is_empty() {
        // The service's first category; corrected when the list arrives, if it differs.
        state.groups.category = "精选".into();
    }
    fx.extend(discover::reload(state));
    fx.extend([
        reload_bots(state),
        reload_distribution(state),
        reload_gray(state),
    ]);
    fx.extend(settings_pane::load(state));
    fx
}

macro_rules! reloader {
    ($name:ident, $field:ident, $command:expr) => {
        pub(crate) fn $name(state: &mut AppState) -> Effect {
            let (id, fx) = request(state, $command);
            state.$field.begin(id);
            fx
        }
    };
}

reloader!(reload_info, info, Command::Info);
reloader!(reload_medals, medals, Command::Medals);
reloader!(reload_user_data, user_data, Command::UserData);
reloader!(reload_categories, categories, Command::Categories);
reloader!(reload_bots, bots, Command::Bots);
reloader!(reload_distribution, distribution, Command::Distribution);
reloader!(reload_gray, gray, Command::GrayStatus);

pub(crate) fn reload_own(state: &mut AppState, id: String) -> Effect {
    let (rid, fx) = request(state, Command::OwnUser { id });
    state.own.begin(rid);
    fx
}

/// `r` on the profile: reload everything it shows.
fn retry_profile(state: &mut AppState) -> Vec<Effect> {
    let mut fx = vec![reload_info(state)];
    if let Some(id) = own_id(state) {
        fx.push(reload_own(state, id));
    }
    fx.push(reload_user_data(state));
    fx
}

fn own_id(state: &AppState) -> Option<String> {
    state
        .info
        .value
        .as_ref()
        .map(|i| i.id.clone())
        .or_else(|| state.account_id.clone())
}

// ---- answers ---------------------------------------------------------------------------

fn on_response(state: &mut AppState, Response { id, reply }: Response) -> Vec<Effect> {
    // −101 from any answer that is still awaited: back to the login screen.
    let awaited = is_awaited(state, id);
    if awaited && let Some(ApiError::NotLoggedIn { msg }) = reply.error() {
        let msg = msg.clone();
        return session_expired(state, id, &msg);
    }
    let profile_reply = matches!(reply, Reply::Info(_) | Reply::UserData(_));
    let fx = on_reply(state, id, reply, awaited);
    if profile_reply && state.edit_requested && state.edit.is_none() && state.screen == Screen::Main
    {
        if state.info.value.is_some() && state.user_data.value.is_some() {
            state.status = None;
            open_edit(state);
        } else if state.info.error.is_some() || state.user_data.error.is_some() {
            // The data will not come: the status line already says why.
            state.edit_requested = false;
        }
    }
    fx
}

fn on_reply(state: &mut AppState, id: RequestId, reply: Reply, awaited: bool) -> Vec<Effect> {
    let reply = match settings_pane::on_reply(state, id, reply) {
        std::ops::ControlFlow::Break(fx) => return fx,
        std::ops::ControlFlow::Continue(reply) => reply,
    };
    // A failed load keeps what was shown; the status line says why it is not fresh.
    let is_load = matches!(
        reply,
        Reply::Info(_)
            | Reply::OwnUser(_)
            | Reply::Medals(_)
            | Reply::UserData(_)
            | Reply::Coins { .. }
            | Reply::Categories(_)
            | Reply::Groups { .. }
            | Reply::Bots(_)
            | Reply::Distribution(_)
            | Reply::GrayStatus(_)
    );
    if awaited
        && is_load
        && let Some(err) = reply.error()
    {
        let msg = Msg::Join(vec![Msg::key(MsgKey::Failed), Msg::Api(err.clone())]);
        set_status(state, msg, true);
    }
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
        Reply::Medals(r) => {
            let sorted = r.map(|mut m| {
                crate::proto::sort_medals(&mut m);
                m
            });
            state.medals.settle(id, sorted);
        }
        Reply::UserData(r) => {
            state.user_data.settle(id, r);
        }
        Reply::Coins { page, result } => fx.extend(coins::on_page(state, id, page, result)),
        Reply::Categories(r) => {
            let accepted = state.categories.settle(id, r);
            let cats = state.categories.value.as_deref().unwrap_or_default();
            if accepted
                && !cats.contains(&state.groups.category)
                && let Some(first) = cats.first().cloned()
            {
                state.groups.category = first;
                fx.extend(discover::reload(state));
            }
        }
        Reply::Groups { page, result, .. } => fx.extend(discover::on_page(state, id, page, result)),
        Reply::Bots(r) => {
            state.bots.settle(id, r);
        }
        Reply::Distribution(r) => {
            state.distribution.settle(id, r);
        }
        Reply::GrayStatus(r) => {
            state.gray.settle(id, r);
        }
        Reply::Captcha(r) => {
            let shown = shown_captcha(r);
            state.login.captcha.settle(id, shown);
        }
        Reply::SmsRequested(r) if state.login.pending == Some(id) => {
            state.login.pending = None;
            let s = state.s();
            match r {
                Ok(()) => {
                    let phone = state.login.phone.value().trim().to_owned();
                    state.login.notice = Some(Notice {
                        text: fill(s.code_sent, &[&phone]),
                        error: false,
                    });
                    state.login.sms_sent_to = Some(phone);
                    state.login.focus = LoginField::SmsCode;
                }
                Err(e) => {
                    state.login.notice = Some(Notice {
                        text: describe(&e, s),
                        error: true,
                    });
                    // A captcha is good for one try: show a fresh one.
                    state.login.captcha_text = tui_input::Input::default();
                    fx.push(new_captcha(state));
                }
            }
        }
        Reply::LoggedIn(r) if state.login.pending == Some(id) => {
            state.login.pending = None;
            match r {
                Ok(token) => fx.extend(logged_in(state, token)),
                Err(e) => {
                    state.login.notice = Some(Notice {
                        text: describe(&e, state.s()),
                        error: true,
                    })
                }
            }
        }
        Reply::LoggedOut(r) if state.logout_pending == Some(id) => {
            state.logout_pending = None;
            fx.extend(end_session(state));
            // The token is gone locally either way; on failure, say why the server did not hear of it.
            let (text, error) = match r {
                Ok(()) => (state.s().logged_out.to_owned(), false),
                Err(e) => (
                    format!("{}: {}", state.s().logged_out, describe(&e, state.s())),
                    true,
                ),
            };
            state.login.notice = Some(Notice { text, error });
        }
        Reply::NicknameSaved(r) => fx.extend(part_answered(state, id, r.map(drop))),
        Reply::AvatarSaved(r) => fx.extend(part_answered(state, id, r.map(drop))),
        Reply::UserDataSaved(r) => fx.extend(part_answered(state, id, r)),
        // Answers to requests no longer awaited (the settings pane took its own above).
        Reply::SmsRequested(_)
        | Reply::LoggedIn(_)
        | Reply::LoggedOut(_)
        | Reply::Notification(_)
        | Reply::NotificationSet(_)
        | Reply::Modules(_)
        | Reply::ModulesSet(_)
        | Reply::ServiceSetting(_)
        | Reply::LatestVersion { .. }
        | Reply::EmailCodeSent(_)
        | Reply::Verified(_) => {}
    }
    fx
}

/// Whether request `id` is one the app still waits for.
fn is_awaited(state: &AppState, id: RequestId) -> bool {
    let pending = [
        state.info.pending,
        state.own.pending,
        state.user_data.pending,
        state.medals.pending,
        state.coins.list.pending.map(|(p, _)| p),
        state.categories.pending,
        state.groups.list.pending.map(|(p, _)| p),
        state.bots.pending,
        state.distribution.pending,
        state.gray.pending,
        state.login.pending,
        state.login.captcha.pending,
        state.logout_pending,
    ];
    pending.contains(&Some(id))
        || state
            .edit
            .as_ref()
            .is_some_and(|e| e.pending.iter().any(|(p, _)| *p == id))
        || settings_pane::awaits(state, id)
}

/// A captcha answer as kept in the state: its id and PNG (the renderer draws it).
pub(crate) fn shown_captcha(
    r: Result<(crate::api::model::Captcha, Vec<u8>), ApiError>,
) -> Result<CaptchaShown, ApiError> {
    r.map(|(captcha, png)| CaptchaShown::new(captcha.id, png))
}

/// −101: the session is over. Everything typed stays (login fields, an open edit form).
fn session_expired(state: &mut AppState, id: RequestId, server_msg: &str) -> Vec<Effect> {
    // Requests of the dead session are forgotten; their answers would be stale.
    for pending in [
        &mut state.info.pending,
        &mut state.own.pending,
        &mut state.user_data.pending,
        &mut state.medals.pending,
        &mut state.categories.pending,
        &mut state.bots.pending,
        &mut state.distribution.pending,
        &mut state.gray.pending,
        &mut state.notification.pending,
        &mut state.modules.pending,
        &mut state.limits.pending,
        &mut state.switch_pending,
    ] {
        *pending = None;
    }
    state.coins.list.pending = None;
    state.groups.list.pending = None;
    for (_, v) in &mut state.versions {
        v.pending = None;
    }
    // A verification in flight is over with the session; what was typed stays.
    if let Some(Popup::Verify(form)) = state.popup.as_mut() {
        form.pending = None;
    }
    if let Some(form) = &mut state.edit {
        form.pending.retain(|(p, _)| *p != id);
        form.pending.clear();
    }
    state.logout_pending = None;
    state.screen = Screen::Login;
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
    state.login.notice = Some(Notice { text, error: true });
    vec![Effect::SetToken(None), Effect::DeleteToken]
}

fn logged_in(state: &mut AppState, token: String) -> Vec<Effect> {
    state.login.clear_secrets();
    state.screen = Screen::Main;
    state.status = None;
    let mut fx = vec![
        Effect::SaveToken(token.clone()),
        Effect::SetToken(Some(token)),
    ];
    fx.extend(start_session(state));
    fx
}

/// Logout: forget the account's data and the token, keep the typed login identifiers.
fn end_session(state: &mut AppState) -> Vec<Effect> {
    state.info.clear();
    state.own.clear();
    state.user_data.clear();
    state.medals.clear();
    state.coins = Default::default();
    // The list filters went with the account's lists (the coins' with `coins` above).
    state.filters = Default::default();
    state.groups.list.reset();
    state.groups.keyword.clear();
    state.bots.clear();
    state.notification.clear();
    state.modules.clear();
    state.popup = None;
    state.search = None;
    state.edit = None;
    state.account_id = None;
    state.reveal_contacts = false;
    state.screen = Screen::Login;
    state.login.clear_secrets();
    vec![Effect::SetToken(None), Effect::DeleteToken]
}

fn part_answered(state: &mut AppState, id: RequestId, result: Result<(), ApiError>) -> Vec<Effect> {
    let s = state.s();
    let Some(form) = state.edit.as_mut() else {
        return Vec::new();
    };
    let Some(at) = form.pending.iter().position(|(p, _)| *p == id) else {
        return Vec::new();
    };
    let (_, part) = form.pending.remove(at);
    let refused = match result {
        Ok(()) => {
            form.part_saved(part);
            form.saved_some = true;
            None
        }
        Err(e) => {
            form.part_failed(part, describe(&e, s));
            Some(e)
        }
    };
    let (still_saving, saved_some) = (form.is_saving(), form.saved_some);
    if let Some(e) = refused {
        // Said as a failed save, not as a failed load.
        set_status(
            state,
            Msg::Join(vec![Msg::key(MsgKey::SaveFailed), Msg::Api(e)]),
            true,
        );
    }
    if still_saving {
        return Vec::new();
    }
    let failed = state
        .edit
        .as_ref()
        .is_some_and(|f| f.errors.iter().any(Option::is_some) || f.form_error.is_some());
    if !failed {
        state.edit = None;
        set_status(state, Msg::key(MsgKey::Saved), false);
    }
    if !saved_some {
        // Nothing changed on the server: nothing to reload.
        return Vec::new();
    }
    // Show what the server now has (for the parts that were saved).
    let mut fx = vec![reload_info(state), reload_user_data(state)];
    if let Some(uid) = own_id(state) {
        fx.push(reload_own(state, uid));
    }
    fx
}

// ---- keys ------------------------------------------------------------------------------

fn is_ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(c)
}

fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if is_ctrl(&key, 'c') {
        return ask_quit(state);
    }
    if is_ctrl(&key, 'z') {
        return vec![Effect::Suspend];
    }
    match state.overlay {
        Overlay::Help(scroll) => {
            let max = crate::app::help::help_max_scroll(state);
            state.overlay = match key.code {
                KeyCode::Down | KeyCode::Char('j') => Overlay::Help((scroll + 1).min(max)),
                KeyCode::Up | KeyCode::Char('k') => Overlay::Help(scroll.saturating_sub(1)),
                KeyCode::PageDown | KeyCode::Char(' ') => Overlay::Help((scroll + 10).min(max)),
                KeyCode::PageUp => Overlay::Help(scroll.saturating_sub(10)),
                _ => Overlay::None,
            };
            return Vec::new();
        }
        Overlay::ConfirmLogout => {
            match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => {
                    state.overlay = Overlay::None;
                    return logout(state);
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                    state.overlay = Overlay::None;
                }
                // Anything else (another stray key) leaves the question open.
                _ => {}
            }
            return Vec::new();
        }
        Overlay::ConfirmQuit | Overlay::ConfirmDiscard => {
            let confirm = state.overlay;
            state.overlay = Overlay::None;
            if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                if confirm == Overlay::ConfirmQuit {
                    state.quit = true;
                    return vec![Effect::Quit];
                }
                state.edit = None;
            }
            return Vec::new();
        }
        Overlay::None => {}
    }
    if state.screen == Screen::Login {
        return login_key(state, key);
    }
    if state.popup.is_some() {
        return popup_key(state, key);
    }
    if state.edit.is_some() {
        return form_key(state, key);
    }
    if state.search.is_some() {
        return discover::search_key(state, key, std::time::Instant::now());
    }
    // The `/` filter of the list in view: its box takes every key; Esc clears it.
    if let Some(fx) = crate::app::filter::key(state, key) {
        return fx;
    }
    let Some(intent) = state.keymap.intent(&key) else {
        return Vec::new();
    };
    main_intent(state, intent)
}

fn popup_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let detail = match &state.popup {
        Some(Popup::Group(i)) => state
            .groups
            .list
            .items
            .get(*i)
            .map(|g| (g.chat_id.clone(), 2)),
        Some(Popup::Bot(i)) => state
            .bots
            .value
            .as_ref()
            .and_then(|b| b.get(*i))
            .map(|b| (b.chat_id.clone(), 3)),
        _ => return settings_pane::popup_key(state, key),
    };
    if key.code == KeyCode::Char('c') {
        let share = state
            .distribution
            .value
            .as_ref()
            .map(|d| d.share_url.clone())
            .filter(|u| !u.is_empty());
        if let (Some((chat_id, kind)), Some(share)) = (detail, share) {
            set_status(state, Msg::key(MsgKey::LinkCopied), false);
            return vec![Effect::Copy(discover::share_link(&share, &chat_id, kind))];
        }
        return Vec::new();
    }
    if state.keymap.intent(&key) == Some(Intent::OpenLink) {
        return match share_link_of(state, detail) {
            Some(link) => open_link(state, link),
            None => Vec::new(),
        };
    }
    state.popup = None;
    Vec::new()
}

fn ask_quit(state: &mut AppState) -> Vec<Effect> {
    if state.has_unsaved_edits() && state.overlay != Overlay::ConfirmQuit {
        state.overlay = Overlay::ConfirmQuit;
        return Vec::new();
    }
    state.quit = true;
    vec![Effect::Quit]
}

fn main_intent(state: &mut AppState, intent: Intent) -> Vec<Effect> {
    let tab = state.tab.index();
    let handled = match state.tab {
        Tab::Coins => coins::intent(state, intent),
        Tab::Discover => discover::intent(state, intent),
        Tab::Settings => settings_pane::intent(state, intent),
        Tab::Medals => medals_intent(state, intent),
        Tab::Profile => None,
    };
    if let Some(fx) = handled {
        return fx;
    }
    match intent {
        Intent::Quit => return ask_quit(state),
        Intent::Help => state.overlay = Overlay::Help(0),
        Intent::NextTab => state.tab = Tab::from_index(tab + 1),
        Intent::PrevTab => state.tab = Tab::from_index(tab + Tab::ALL.len() - 1),
        Intent::Tab(i) => state.tab = Tab::from_index(i),
        Intent::Up => state.cursor[tab] = state.cursor[tab].saturating_sub(1),
        Intent::Down => {
            state.cursor[tab] = (state.cursor[tab] + 1).min(list_len(state).saturating_sub(1))
        }
        Intent::PageUp => state.cursor[tab] = state.cursor[tab].saturating_sub(10),
        Intent::PageDown => {
            state.cursor[tab] = (state.cursor[tab] + 10).min(list_len(state).saturating_sub(1))
        }
        Intent::Top => state.cursor[tab] = 0,
        Intent::Bottom => state.cursor[tab] = list_len(state).saturating_sub(1),
        Intent::Search => return crate::app::filter::open(state),
        Intent::Left | Intent::Right | Intent::Filter | Intent::Open => {}
        Intent::OpenLink => return open_selected(state),
        Intent::Retry => return retry_profile(state),
        Intent::Edit if state.tab == Tab::Profile => open_edit(state),
        Intent::Reveal if state.tab == Tab::Profile => {
            state.reveal_contacts = !state.reveal_contacts
        }
        Intent::Copy if state.tab == Tab::Profile => {
            if let Some(code) = state
                .info
                .value
                .as_ref()
                .map(|i| i.invitation_code.clone())
                .filter(|c| !c.is_empty())
            {
                set_status(state, Msg::key(MsgKey::Copied), false);
                return vec![Effect::Copy(code)];
            }
        }
        Intent::Logout => ask_logout(state),
        Intent::Edit | Intent::Reveal | Intent::Copy => {}
    }
    Vec::new()
}

/// How many rows the profile scrolls over.
pub fn list_len(state: &AppState) -> usize {
    match state.tab {
        // The profile scrolls until its last line is at the bottom, no further.
        Tab::Profile => crate::app::profile_view::max_scroll(state) + 1,
        _ => 0,
    }
}

fn medals_intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    let rows = crate::geometry::medals_rows(state.size);
    let n = crate::app::filter::medals_len(state);
    let c = &mut state.medal_cursor;
    match intent {
        Intent::Down => c.move_by(1, n, rows),
        Intent::Up => c.move_by(-1, n, rows),
        Intent::PageDown => c.move_by(rows as isize, n, rows),
        Intent::PageUp => c.move_by(-(rows as isize), n, rows),
        Intent::Top => c.set(0, n, rows),
        Intent::Bottom => c.set(n.saturating_sub(1), n, rows),
        Intent::Retry => return Some(vec![reload_medals(state)]),
        _ => return None,
    }
    Some(Vec::new())
}

/// `L` or Settings → log out: a stray key must not end the session (logging in again costs a
/// captcha and an SMS), so it asks first.
pub(crate) fn ask_logout(state: &mut AppState) {
    if state.logout_pending.is_none() {
        state.overlay = Overlay::ConfirmLogout;
    }
}

/// The share link of a group or bot (`(chat id, chat type)`), once the prefix is known.
fn share_link_of(state: &AppState, detail: Option<(String, u8)>) -> Option<String> {
    let share = state
        .distribution
        .value
        .as_ref()
        .map(|d| d.share_url.as_str())
        .filter(|u| !u.is_empty())?;
    let (chat_id, kind) = detail?;
    Some(discover::share_link(share, &chat_id, kind))
}

/// `o` outside a popup: the avatar on the profile, the selected group's or bot's share link
/// on Discover.
fn open_selected(state: &mut AppState) -> Vec<Effect> {
    let link = match state.tab {
        Tab::Profile => state
            .info
            .value
            .as_ref()
            .map(|i| i.avatar_url.clone())
            .filter(|u| !u.is_empty()),
        Tab::Discover if state.show_bots => {
            let detail = state
                .bots
                .value
                .as_ref()
                .and_then(|b| b.get(state.bot_cursor.cursor))
                .map(|b| (b.chat_id.clone(), 3));
            share_link_of(state, detail)
        }
        Tab::Discover => {
            let detail = state
                .groups
                .list
                .items
                .get(state.groups.cursor.cursor)
                .map(|g| (g.chat_id.clone(), 2));
            share_link_of(state, detail)
        }
        _ => None,
    };
    match link {
        Some(link) => open_link(state, link),
        None => Vec::new(),
    }
}

/// Asks the runtime to open `link` in the browser (web links only).
fn open_link(state: &mut AppState, link: String) -> Vec<Effect> {
    if !url::Url::parse(&link).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
        return Vec::new();
    }
    set_status(
        state,
        Msg::Key(MsgKey::Opening, vec![Msg::Plain(link.clone())]),
        false,
    );
    vec![Effect::OpenUrl(link)]
}

/// Ends the session on the server; the token goes when it answers (or fails to).
pub(crate) fn logout(state: &mut AppState) -> Vec<Effect> {
    if state.logout_pending.is_some() {
        return Vec::new();
    }
    let (id, fx) = request(state, Command::Logout);
    state.logout_pending = Some(id);
    vec![fx]
}

/// Opens the edit form; asked before the profile has arrived, it opens when it does.
fn open_edit(state: &mut AppState) {
    match (&state.info.value, &state.user_data.value) {
        (Some(info), Some(data)) => {
            state.edit = Some(EditForm::new(&info.name, data));
            state.edit_requested = false;
        }
        _ => {
            state.edit_requested = true;
            set_status(state, Msg::key(MsgKey::Loading), false);
        }
    }
}

fn form_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let Some(form) = state.edit.as_mut() else {
        return Vec::new();
    };
    if form.is_saving() {
        // Typing while a save is in flight could make what is shown differ from what is saved;
        // Esc gives up on the save: the requests are stopped, the form stays as typed.
        if key.code == KeyCode::Esc {
            let cancelled: Vec<Effect> = form
                .pending
                .drain(..)
                .map(|(id, _)| Effect::Cancel(id))
                .collect();
            set_status(state, Msg::key(MsgKey::SaveCancelled), false);
            return cancelled;
        }
        return Vec::new();
    }
    match key.code {
        KeyCode::Esc => {
            if form.is_dirty() {
                state.overlay = Overlay::ConfirmDiscard;
            } else {
                state.edit = None;
            }
        }
        KeyCode::Tab | KeyCode::Down => form.next(),
        KeyCode::BackTab | KeyCode::Up => form.prev(),
        KeyCode::Enter => return save_form(state),
        _ if is_ctrl(&key, 's') => return save_form(state),
        KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') if form.field() == Field::Gender => {
            form.cycle_gender(key.code != KeyCode::Left);
        }
        _ if form.field() == Field::Gender => {}
        _ => {
            let field = form.field();
            form.input_mut(field)
                .handle_event(&crossterm::event::Event::Key(key));
            form.errors[field.index()] = None;
        }
    }
    Vec::new()
}

fn save_form(state: &mut AppState) -> Vec<Effect> {
    let s = state.s();
    let today = chrono::Local::now().date_naive();
    let Some(form) = state.edit.as_mut() else {
        return Vec::new();
    };
    let Some(plan) = form.plan(today, s) else {
        return Vec::new();
    };
    if plan.is_empty() {
        state.edit = None;
        set_status(state, Msg::key(MsgKey::NothingChanged), false);
        return Vec::new();
    }
    if let Some(form) = state.edit.as_mut() {
        form.saved_some = false;
    }
    let mut fx = Vec::new();
    for (part, command) in plan {
        state.next_id += 1;
        let id = state.next_id;
        if let Some(form) = state.edit.as_mut() {
            form.pending.push((id, part));
        }
        fx.push(Effect::Api(id, command));
    }
    fx
}

// ---- login -----------------------------------------------------------------------------

fn new_captcha(state: &mut AppState) -> Effect {
    let (id, fx) = request(state, Command::Captcha);
    state.login.captcha.begin(id);
    fx
}

fn login_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let login = &mut state.login;
    if login.pending.is_some() {
        return Vec::new();
    }
    match key.code {
        KeyCode::Esc => return ask_quit(state),
        KeyCode::Tab | KeyCode::Down => login.move_focus(true),
        KeyCode::BackTab | KeyCode::Up => login.move_focus(false),
        KeyCode::Enter => return submit_login(state),
        _ if is_ctrl(&key, 'r') && login.method == Method::Sms => return vec![new_captcha(state)],
        KeyCode::Left
        | KeyCode::Right
        | KeyCode::Char(' ')
        | KeyCode::Char('h')
        | KeyCode::Char('l')
            if login.focus == LoginField::Method =>
        {
            login.toggle_method();
            if login.method == Method::Sms
                && login.captcha.value.is_none()
                && !login.captcha.is_loading()
            {
                return vec![new_captcha(state)];
            }
        }
        _ => {
            let field = login.focus;
            if let Some(input) = login.input_mut(field) {
                input.handle_event(&crossterm::event::Event::Key(key));
            }
        }
    }
    Vec::new()
}

fn submit_login(state: &mut AppState) -> Vec<Effect> {
    let s = state.s();
    let login = &mut state.login;
    let notice = |text: &str| {
        Some(Notice {
            text: text.into(),
            error: true,
        })
    };
    let command = match login.method {
        Method::Email => {
            let (email, password) = (
                login.email.value().trim().to_owned(),
                login.password.value().to_owned(),
            );
            if email.is_empty() || password.is_empty() {
                login.notice = notice(s.need_email_password);
                return Vec::new();
            }
            Command::EmailLogin { email, password }
        }
        Method::Sms if login.sms_sent_to.is_some() && login.focus == LoginField::SmsCode => {
            let code = login.sms_code.value().trim().to_owned();
            if code.is_empty() {
                login.notice = notice(s.need_sms_code);
                return Vec::new();
            }
            Command::SmsLogin {
                mobile: login.sms_sent_to.clone().unwrap_or_default(),
                code,
            }
        }
        Method::Sms => {
            let Ok(phone) = crate::validate::phone(login.phone.value()) else {
                login.notice = notice(s.need_phone);
                login.focus = LoginField::Phone;
                return Vec::new();
            };
            let text = login.captcha_text.value().trim().to_owned();
            let Some(captcha_id) = login.captcha.value.as_ref().map(|c| c.id.clone()) else {
                return vec![new_captcha(state)];
            };
            if text.is_empty() {
                login.notice = notice(s.need_captcha);
                login.focus = LoginField::CaptchaText;
                return Vec::new();
            }
            login.sms_sent_to = None;
            Command::RequestSms {
                mobile: phone,
                captcha_text: text,
                captcha_id,
            }
        }
    };
    state.login.notice = Some(Notice {
        text: s.logging_in.into(),
        error: false,
    });
    let (id, fx) = request(state, command);
    state.login.pending = Some(id);
    vec![fx]
}

// ---- mouse and paste -------------------------------------------------------------------

fn on_mouse(state: &mut AppState, mouse: MouseEvent) -> Vec<Effect> {
    if state.screen != Screen::Main
        || state.edit.is_some()
        || state.overlay != Overlay::None
        || state.popup.is_some()
    {
        return Vec::new();
    }
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) if mouse.row == crate::geometry::TAB_ROW => {
            if let Some(tab) =
                crate::geometry::tab_at(&state.s().tabs, mouse.column).map(Tab::from_index)
            {
                state.tab = tab;
            }
            Vec::new()
        }
        MouseEventKind::Down(MouseButton::Left) => click(state, mouse.column, mouse.row),
        MouseEventKind::ScrollDown => main_intent(state, Intent::Down),
        MouseEventKind::ScrollUp => main_intent(state, Intent::Up),
        _ => Vec::new(),
    }
}

/// A click on a sub-tab or a row selects it.
fn click(state: &mut AppState, x: u16, y: u16) -> Vec<Effect> {
    use crate::geometry;
    let body = geometry::body(state.size);
    let pick = |area: ratatui::layout::Rect, row_height: u16, offset: usize| -> Option<usize> {
        let top = geometry::first_row(area);
        let bottom = area.y + area.height.saturating_sub(1);
        (y >= top && y < bottom && x > area.x && x < area.right())
            .then(|| offset + usize::from((y - top) / row_height))
    };
    match state.tab {
        Tab::Medals => {
            let rows = geometry::medals_rows(state.size);
            let n = crate::app::filter::medals_len(state);
            if let Some(i) = pick(geometry::medals_split(body).0, 1, state.medal_cursor.offset)
                .filter(|i| *i < n)
            {
                state.medal_cursor.set(i, n, rows);
            }
        }
        Tab::Coins => {
            let rows = geometry::coins_rows(state.size);
            let n = state.coins.view.len();
            if let Some(i) =
                pick(geometry::coins_split(body).1, 1, state.coins.cursor.offset).filter(|i| *i < n)
            {
                state.coins.cursor.set(i, n, rows);
                return coins::prefetch(state);
            }
        }
        Tab::Discover => {
            let (tabs_row, list) = geometry::discover_split(body);
            if y == tabs_row.y {
                let labels = crate::app::discover::discover_tab_labels(state);
                if let Some(i) = crate::geometry::label_at(&labels, x) {
                    return discover::select_tab(state, i);
                }
                return Vec::new();
            }
            let rows = geometry::discover_rows(state.size);
            let h = geometry::GROUP_ROW_HEIGHT;
            if state.show_bots {
                let n = crate::app::filter::bots_len(state);
                if let Some(i) = pick(list, h, state.bot_cursor.offset).filter(|i| *i < n) {
                    state.bot_cursor.set(i, n, rows);
                }
            } else {
                let n = state.groups.list.items.len();
                if let Some(i) = pick(list, h, state.groups.cursor.offset).filter(|i| *i < n) {
                    state.groups.cursor.set(i, n, rows);
                    return discover::prefetch(state);
                }
            }
        }
        Tab::Settings => {
            let first = body.y + 1;
            if y >= first {
                let row = crate::app::settings_view::setting_at_line(state, usize::from(y - first));
                if let Some(i) = row {
                    state.cursor[Tab::Settings.index()] = i;
                }
            }
        }
        Tab::Profile => {}
    }
    Vec::new()
}

/// The longest value a paste may leave in a text field (characters). The nickname and the
/// introduction have the service's limits; the others generous bounds for their kind.
const PASTE_LIMIT: usize = 256;
const PASTE_LIMIT_LONG: usize = 4096;

fn edit_field_limit(field: Field) -> usize {
    match field {
        Field::Nickname => crate::validate::MAX_NICKNAME_CHARS,
        Field::Introduction => crate::validate::MAX_INTRODUCTION_CHARS,
        Field::Avatar => PASTE_LIMIT_LONG,
        _ => PASTE_LIMIT,
    }
}

/// Puts `text` into `input` at its cursor in one operation (a character at a time costs the
/// square of the length: a 1 MB paste took minutes), keeping the value within `limit`
/// characters. Control characters (line breaks, tabs) become spaces. Returns whether the
/// paste was cut.
pub fn paste_into(input: &mut tui_input::Input, text: &str, limit: usize) -> bool {
    let current = input.value();
    let cursor = input.cursor();
    let room = limit.saturating_sub(current.chars().count());
    let mut added = String::with_capacity(text.len().min(room * 4));
    let mut count = 0;
    let mut cut = false;
    for c in text.chars() {
        if count == room {
            cut = true;
            break;
        }
        added.push(if c.is_control() { ' ' } else { c });
        count += 1;
    }
    let at = current
        .char_indices()
        .nth(cursor)
        .map_or(current.len(), |(i, _)| i);
    let mut value = String::with_capacity(current.len() + added.len());
    value.push_str(&current[..at]);
    value.push_str(&added);
    value.push_str(&current[at..]);
    *input = tui_input::Input::new(value).with_cursor(cursor + count);
    cut
}

/// A bracketed paste goes into the focused text field as typed text, cut to the field's
/// limit (the status line, or the login screen's notice, says so).
fn on_paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    // A copied line usually ends with its line break: that is not part of the value.
    let text = text.trim_end_matches(['\n', '\r']);
    let (input, limit) = if state.screen == Screen::Login {
        let field = state.login.focus;
        (state.login.input_mut(field), PASTE_LIMIT)
    } else if let Some(search) = state.search.as_mut() {
        search.due = Some(std::time::Instant::now() + crate::app::state::SEARCH_PAUSE);
        (Some(&mut search.input), PASTE_LIMIT)
    } else if crate::app::filter::editing(state).is_some() {
        (crate::app::filter::editing_input(state), PASTE_LIMIT)
    } else if let Some(Popup::SettingInput { input, .. }) = state.popup.as_mut() {
        (Some(input), PASTE_LIMIT_LONG)
    } else if let Some(Popup::Verify(form)) = state.popup.as_mut() {
        let field = form.focus;
        (Some(form.input_mut(field)), PASTE_LIMIT)
    } else if let Some(form) = state
        .edit
        .as_mut()
        .filter(|f| f.field() != Field::Gender && !f.is_saving())
    {
        let field = form.field();
        form.errors[field.index()] = None;
        (Some(form.input_mut(field)), edit_field_limit(field))
    } else {
        (None, 0)
    };
    let Some(input) = input else {
        return Vec::new();
    };
    if paste_into(input, text, limit) {
        let msg = Msg::Key(MsgKey::PasteCut, vec![Msg::Plain(limit.to_string())]);
        if state.screen == Screen::Login {
            state.login.notice = Some(Notice {
                text: msg.render(state.s()),
                error: true,
            });
        } else {
            set_status(state, msg, true);
        }
    }
    // A paste into a list's filter filters at once, as typing does.
    if let Some(list) = crate::app::filter::editing(state) {
        return crate::app::filter::refresh(state, list);
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;
    use crate::app::state::Look;
    use crate::settings::{PageSizes, ThemeName};

    fn state() -> AppState {
        let look = Look {
            theme: ThemeName::Dark,
            no_color: false,
        };
        AppState::new(
            crate::i18n::Lang::En,
            look,
            Keymap::default(),
            PageSizes::default(),
            "http://x".into(),
        )
    }

    fn key(c: char) -> Action {
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn session_start_sends_every_first_request_at_once() {
        let mut st = state();
        st.account_id = Some("7058262".into());
        let fx = start_session(&mut st);
        let commands: Vec<&Command> = fx
            .iter()
            .filter_map(|f| {
                if let Effect::Api(_, c) = f {
                    Some(c)
                } else {
                    None
                }
            })
            .collect();
        // The ten of the dashboard issue, plus the settings pane's (S1, S3, M3, M5 × 4).
        assert_eq!(commands.len(), 17, "{commands:?}");
        assert!(commands.contains(&&Command::OwnUser {
            id: "7058262".into()
        }));
    }

    #[test]
    fn key_releases_do_nothing_and_tabs_switch() {
        let mut st = state();
        st.screen = Screen::Main;
        let mut release = KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        update(&mut st, Action::Key(release));
        assert_eq!(st.tab, Tab::Profile);
        update(&mut st, key('2'));
        assert_eq!(st.tab, Tab::Medals);
        update(
            &mut st,
            Action::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        );
        assert_eq!(st.tab, Tab::Profile);
        update(
            &mut st,
            Action::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        );
        assert_eq!(st.tab, Tab::Settings);
    }

    #[test]
    fn q_quits_at_once_without_edits() {
        let mut st = state();
        st.screen = Screen::Main;
        assert_eq!(update(&mut st, key('q')), vec![Effect::Quit]);
    }
}
