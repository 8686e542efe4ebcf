//! `update(state, action) -> effects`: the only place the state changes. No I/O here.

use std::ops::ControlFlow;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::api::ApiError;
use crate::api::actor::{Reply, Response};
use crate::app::action::{Action, Effect};
use crate::app::edit::EditLayer;
use crate::app::keymap::Intent;
use crate::app::layer::LAYERS;
use crate::app::layer::Layer;
use crate::app::login::LoginScreen;
use crate::app::pane::{pane, pane_in};
use crate::app::pointer::{on_mouse, on_paste};
use crate::app::requests::{Owner, Slot};
use crate::app::session::{ask_logout, logout, session_expired};
use crate::app::state::{AppState, Msg, MsgKey, Overlay, Tab};
use crate::app::{discover, links, session, stored};

pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut fx = dispatch(state, action);
    // Whatever changed what is on screen: the pictures it wants and does not have.
    fx.extend(crate::app::pictures::wanted(state));
    if state.offline {
        return stored::hold_requests(state, fx);
    }
    fx
}

fn dispatch(state: &mut AppState, action: Action) -> Vec<Effect> {
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
        Action::Graphics(answer) => {
            state.pictures.graphics = answer.unwrap_or_default();
            Vec::new()
        }
        Action::Api(Response {
            id,
            reply: Reply::Picture { url, result },
        }) => crate::app::pictures::on_reply(state, id, url, result),
        Action::Api(response) => on_response(state, response),
        Action::Stored(response) => match crate::app::pictures::on_stored(state, response) {
            Ok(fx) => fx,
            Err(response) => crate::app::stored::on_stored(state, response),
        },
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
    let mut fx = discover::deadline(state, now);
    if state.account.next_refresh.is_some_and(|due| due <= now) {
        fx.extend(session::refresh(state, now));
    }
    fx
}

pub(crate) fn set_status(state: &mut AppState, msg: Msg, error: bool) {
    if error {
        state.alert(msg);
    } else {
        state.notify(msg);
    }
}

pub(crate) fn on_response(state: &mut AppState, Response { id, reply }: Response) -> Vec<Effect> {
    // An answer no longer awaited (superseded, or its session is over) is dropped here.
    let Some(slot) = state.account.requests.take(id) else {
        return Vec::new();
    };
    // −101: back to the login screen.
    if let Some(ApiError::NotLoggedIn { msg }) = reply.error() {
        let msg = msg.clone();
        return session_expired(state, &msg);
    }
    on_reply(state, slot, reply)
}

fn on_reply(state: &mut AppState, slot: Slot, reply: Reply) -> Vec<Effect> {
    // A failed load keeps what was shown; the status line says why it is not fresh.
    if slot.is_load()
        && let Some(err) = reply.error()
    {
        let msg = Msg::Join(vec![Msg::key(MsgKey::Failed), Msg::Api(err.clone())]);
        set_status(state, msg, true);
    }
    let fresh = reply.error().is_none();
    if slot.is_load() {
        stored::load_answered(state, !fresh);
    }
    // SealTalk's and chaoqer's loads: their errors are their own kinds.
    match (slot, &reply) {
        (Slot::Sealtalk(s), Reply::Sealtalk(r)) if s.is_load() => {
            stored::load_answered(state, r.error().is_some());
        }
        (Slot::Chaoqer(s), Reply::Chaoqer(r)) if s.is_load() => {
            // A new account's 200000 is not a lost connection: its profile form opens.
            let failed = r.error().is_some() && r.profile_not_initialised().is_none();
            stored::load_answered(state, failed);
        }
        _ => {}
    }
    // Straight to what the slot belongs to.
    let flow = match slot.owner() {
        Owner::Pane(tab) => pane(tab).on_reply(state, slot, reply),
        Owner::LoginScreen => LoginScreen.on_reply(state, slot, reply),
        Owner::EditForm => EditLayer.on_reply(state, slot, reply),
        Owner::Session => session::on_reply(state, slot, reply),
        Owner::Sealtalk => match (slot, reply) {
            (Slot::Sealtalk(slot), Reply::Sealtalk(reply)) => {
                ControlFlow::Break(crate::app::sealtalk::on_reply(state, slot, reply))
            }
            (_, other) => ControlFlow::Continue(other),
        },
        Owner::Chaoqer => match (slot, reply) {
            (Slot::Chaoqer(slot), Reply::Chaoqer(reply)) => {
                ControlFlow::Break(crate::app::chaoqer::on_reply(state, slot, reply))
            }
            (_, other) => ControlFlow::Continue(other),
        },
    };
    match flow {
        ControlFlow::Break(mut fx) => {
            // Each fresh answer is kept for the next start.
            if fresh {
                fx.extend(stored::write_back(state, slot));
            }
            fx
        }
        ControlFlow::Continue(unexpected) => {
            // A reply of another kind than its slot's: a bug, not the server's doing.
            tracing::warn!(?slot, reply = ?std::mem::discriminant(&unexpected), "an answer its slot does not take");
            Vec::new()
        }
    }
}

// ---- keys ------------------------------------------------------------------------------

pub(crate) fn is_ctrl(key: &KeyEvent, c: char) -> bool {
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
                state.account.edit = None;
                // A SealTalk account's open form (only one is open at a time).
                if state.account.sealtalk.password.is_some() {
                    state.account.sealtalk.password = None;
                } else {
                    state.account.sealtalk.edit = None;
                }
                crate::app::chaoqer::discard_forms(state);
            }
            return Vec::new();
        }
        Overlay::Accounts(cursor) => return crate::app::switcher::on_key(state, cursor, key),
        Overlay::None => {}
    }
    // F2 opens the switcher from anywhere, the login screen too (where `a` is typed).
    if key.code == KeyCode::F(2) {
        return crate::app::switcher::open(state);
    }
    // The login screen, a popup or the edit form: the first open takes the key.
    if let Some(layer) = LAYERS.iter().find(|l| l.is_open(state)) {
        return layer.on_key(state, key);
    }
    if state.account.discover.search.is_some() {
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

pub(crate) fn ask_quit(state: &mut AppState) -> Vec<Effect> {
    if state.has_unsaved_edits() && state.overlay != Overlay::ConfirmQuit {
        state.overlay = Overlay::ConfirmQuit;
        return Vec::new();
    }
    state.quit = true;
    vec![Effect::Quit]
}

pub(crate) fn main_intent(state: &mut AppState, intent: Intent) -> Vec<Effect> {
    let service = state.account.service;
    let tab = state.tab.index_in(service);
    let count = Tab::of(service).len();
    if let Some(fx) = pane_in(service, state.tab).on_intent(state, intent) {
        return fx;
    }
    match intent {
        Intent::Quit => return ask_quit(state),
        Intent::Help => state.overlay = Overlay::Help(0),
        Intent::NextTab => state.tab = Tab::from_index_in(service, tab + 1),
        Intent::PrevTab => state.tab = Tab::from_index_in(service, tab + count - 1),
        Intent::Tab(i) if i < count => state.tab = Tab::from_index_in(service, i),
        Intent::Tab(_) => {}
        Intent::Search => return crate::app::filter::open(state),
        Intent::OpenLink => return links::open_selected(state),
        Intent::Logout => ask_logout(state),
        Intent::Accounts => return crate::app::switcher::open(state),
        // What a pane did not take does nothing here.
        Intent::Up
        | Intent::Down
        | Intent::PageUp
        | Intent::PageDown
        | Intent::Top
        | Intent::Bottom
        | Intent::Left
        | Intent::Right
        | Intent::Filter
        | Intent::Period
        | Intent::Export
        | Intent::Open
        | Intent::Retry
        | Intent::Edit
        | Intent::Reveal
        | Intent::Copy => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::actor::{Command, RequestId};
    use crate::app::account::tests::state;
    use crate::app::state::Screen;

    fn key(c: char) -> Action {
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn session_start_sends_every_first_request_at_once() {
        let mut st = state();
        st.account.account_id = Some("7058262".into());
        let fx = crate::app::session::start_session(&mut st);
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

    fn ids(fx: &[Effect]) -> Vec<RequestId> {
        fx.iter()
            .filter_map(|f| match f {
                Effect::Api(id, _) => Some(*id),
                _ => None,
            })
            .collect()
    }

    fn answer(st: &mut AppState, id: RequestId, reply: Reply) -> Vec<Effect> {
        update(st, Action::Api(Response { id, reply }))
    }

    fn coin_page(n: i64) -> Reply {
        let record = crate::api::model::CoinRecord {
            id: n,
            after_amount: 1.0,
            reason: "sign-in".into(),
            ..Default::default()
        };
        Reply::Coins {
            page: 1,
            result: Ok(crate::api::model::CoinPage {
                gold_coin_record: vec![record],
                total: 1,
            }),
        }
    }

    #[test]
    fn an_answer_to_a_superseded_request_is_dropped() {
        let mut st = state();
        st.account.screen = Screen::Main;
        let first = ids(&crate::app::coins::reload(&mut st));
        let second = ids(&crate::app::coins::reload(&mut st));
        assert!(!st.account.requests.is_awaited(first[0]));
        // The first page of the first load comes late: it fills nothing.
        assert!(answer(&mut st, first[0], coin_page(1)).is_empty());
        assert!(st.account.coins.list.items.is_empty());
        assert!(
            st.account.loading(Slot::Coins),
            "the second is still awaited"
        );
        answer(&mut st, second[0], coin_page(2));
        assert_eq!(st.account.coins.list.items.len(), 1);
        assert_eq!(st.account.coins.list.items[0].id, 2);
        assert!(!st.account.loading(Slot::Coins));
        // Its answer comes once: a repeat is stale too.
        answer(&mut st, second[0], coin_page(3));
        assert_eq!(st.account.coins.list.items[0].id, 2);

        // A captcha asked for twice: only the second is shown.
        st.account.screen = Screen::Login;
        let old = ids(&[crate::app::login::new_captcha(&mut st)]);
        let new = ids(&[crate::app::login::new_captcha(&mut st)]);
        let captcha = |id: &str| {
            let c = crate::api::model::Captcha {
                id: id.into(),
                ..Default::default()
            };
            Reply::Captcha(Ok((c, vec![1])))
        };
        answer(&mut st, old[0], captcha("old"));
        assert!(st.account.login.sms.captcha.value.is_none());
        answer(&mut st, new[0], captcha("new"));
        let shown = st
            .account
            .login
            .sms
            .captcha
            .value
            .as_ref()
            .map(|c| c.id.as_str());
        assert_eq!(shown, Some("new"));
    }

    #[test]
    fn minus_101_stops_everything_in_flight_and_later_answers_fill_nothing() {
        let mut st = state();
        st.account.screen = Screen::Main;
        st.account.account_id = Some("7058262".into());
        let sent = ids(&crate::app::session::start_session(&mut st));
        assert_eq!(st.account.requests.len(), sent.len());
        let expired = Reply::Medals(Err(ApiError::NotLoggedIn { msg: String::new() }));
        let at = sent[3];
        let fx = answer(&mut st, at, expired);
        let cancelled: Vec<RequestId> = fx
            .iter()
            .filter_map(|f| match f {
                Effect::Cancel(id) => Some(*id),
                _ => None,
            })
            .collect();
        let others: Vec<RequestId> = sent.iter().copied().filter(|id| *id != at).collect();
        assert_eq!(cancelled, others, "every other request is stopped");
        assert!(fx.contains(&Effect::DeleteToken));
        assert!(st.account.requests.is_empty());
        assert_eq!(st.account.screen, Screen::Login);
        assert!(!crate::app::pane::shows_loading(&st));
        // An answer already on its way when they were stopped changes nothing.
        let info = Box::new(crate::proto::user_info::Data {
            id: "7058262".into(),
            ..Default::default()
        });
        assert!(answer(&mut st, sent[0], Reply::Info(Ok(info))).is_empty());
        assert!(st.account.profile.info.value.is_none());
    }

    #[test]
    fn key_releases_do_nothing_and_tabs_switch() {
        let mut st = state();
        st.account.screen = Screen::Main;
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
        st.account.screen = Screen::Main;
        assert_eq!(update(&mut st, key('q')), vec![Effect::Quit]);
    }
}
