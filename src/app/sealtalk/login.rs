//! SealTalk's login screen (T1: calling code, phone, password). The session's cookie is
//! handed to the runtime (`Effect::SealtalkSession`), which keeps it in the account's 0600
//! cookie file; the IM token T1 also answers is never read by the client.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::{StSlot, loading, request};
use crate::api::actor_sealtalk::{LoginRequest, StCommand, StResult};
use crate::api::sealtalk::model::Session;
use crate::app::action::Effect;
use crate::app::layer::Layer;
use crate::app::state::{AppState, Screen};
use crate::service::Service;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StLoginField {
    Region,
    Phone,
    Password,
}

const FIELDS: [StLoginField; 3] = [
    StLoginField::Region,
    StLoginField::Phone,
    StLoginField::Password,
];

/// Picks a sentence of the SealTalk strings (in the language of the moment).
type Words = fn(&crate::i18n::StStrings) -> &'static str;

#[derive(Debug, Clone)]
pub struct StLoginForm {
    pub focus: StLoginField,
    pub region: Input,
    pub phone: Input,
    pub password: Input,
    /// What the screen says (the text, and whether it is an error).
    pub notice: Option<(String, bool)>,
}

impl Default for StLoginForm {
    fn default() -> Self {
        StLoginForm {
            focus: StLoginField::Phone,
            // Q19: the calling code without `+`; 86 is the stock deployment's.
            region: Input::new("86".into()),
            phone: Input::default(),
            password: Input::default(),
            notice: None,
        }
    }
}

impl StLoginForm {
    pub fn input(&self, field: StLoginField) -> &Input {
        match field {
            StLoginField::Region => &self.region,
            StLoginField::Phone => &self.phone,
            StLoginField::Password => &self.password,
        }
    }

    pub(crate) fn input_mut(&mut self, field: StLoginField) -> &mut Input {
        match field {
            StLoginField::Region => &mut self.region,
            StLoginField::Phone => &mut self.phone,
            StLoginField::Password => &mut self.password,
        }
    }

    fn move_focus(&mut self, forward: bool) {
        self.focus = crate::app::cycle(&FIELDS, self.focus, forward);
    }

    /// The first thing missing or malformed, and where it goes.
    fn refusal(&self) -> Option<(StLoginField, Words)> {
        let region = self.region.value().trim().trim_start_matches('+');
        if region.is_empty() || !region.chars().all(|c| c.is_ascii_digit()) {
            return Some((StLoginField::Region, |s| s.need_region));
        }
        if self.phone.value().trim().is_empty() {
            return Some((StLoginField::Phone, |s| s.need_phone));
        }
        if self.password.value().is_empty() {
            return Some((StLoginField::Password, |s| s.need_password));
        }
        None
    }
}

/// Sends T1 with what is typed, or says what is missing.
pub fn submit(state: &mut AppState) -> Vec<Effect> {
    if loading(state, StSlot::Login) {
        return Vec::new();
    }
    let s = state.s().lang().st();
    let form = &mut state.account.sealtalk.login;
    if let Some((field, text)) = form.refusal() {
        form.focus = field;
        form.notice = Some((text(s).to_owned(), true));
        return Vec::new();
    }
    form.notice = Some((s.logging_in.to_owned(), false));
    let login = LoginRequest {
        region: form.region.value().trim().to_owned(),
        phone: form.phone.value().trim().to_owned(),
        password: form.password.value().to_owned(),
    };
    vec![request(state, StSlot::Login, StCommand::Login(login))]
}

/// T1 answered.
pub fn on_logged_in(state: &mut AppState, result: StResult<Session>) -> Vec<Effect> {
    match result {
        Ok(session) => {
            let form = &mut state.account.sealtalk.login;
            form.password = Input::default();
            form.notice = None;
            state.account.screen = Screen::Main;
            state.account.account_id = Some(session.user_id.clone());
            state.status = None;
            let mut fx = vec![Effect::SealtalkSession(Some(session))];
            fx.extend(super::start(state));
            fx
        }
        Err(e) => {
            // Everything typed stays; the cursor goes where a wrong password is fixed.
            let text = crate::i18n::describe_st(&e, state.lang());
            let form = &mut state.account.sealtalk.login;
            form.notice = Some((crate::sanitize::line(&text).into_owned(), true));
            form.focus = StLoginField::Password;
            Vec::new()
        }
    }
}

/// T2 answered (the session is forgotten locally either way, Q4).
pub fn on_logged_out(state: &mut AppState, result: StResult<()>) -> Vec<Effect> {
    let fx = super::end_session(state);
    let s = state.s().lang().st();
    state.account.sealtalk.login.notice = Some(match result {
        Ok(()) => (s.logged_out.to_owned(), false),
        Err(e) => (
            format!(
                "{}: {}",
                s.logged_out,
                crate::i18n::describe_st(&e, state.lang())
            ),
            true,
        ),
    });
    fx
}

/// `L` confirmed on a SealTalk account.
pub fn logout(state: &mut AppState) -> Vec<Effect> {
    if loading(state, StSlot::Logout) {
        return Vec::new();
    }
    vec![request(state, StSlot::Logout, StCommand::Logout)]
}

/// The login screen of a SealTalk account, as a layer over the panes.
pub struct StLoginScreen;

impl Layer for StLoginScreen {
    fn is_open(&self, state: &AppState) -> bool {
        state.account.service == Service::Sealtalk && state.account.screen == Screen::Login
    }

    fn on_key(&self, state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
        let form = &mut state.account.sealtalk.login;
        match key.code {
            KeyCode::Tab | KeyCode::Down => form.move_focus(true),
            KeyCode::BackTab | KeyCode::Up => form.move_focus(false),
            KeyCode::Enter if form.focus != StLoginField::Password => form.move_focus(true),
            KeyCode::Enter => return submit(state),
            // As on Yunhu's login screen: Esc quits (asking first when a form holds edits).
            KeyCode::Esc => return crate::app::update::ask_quit(state),
            _ if crate::app::update::is_ctrl(&key, 's') => return submit(state),
            _ => {
                let field = form.focus;
                form.input_mut(field).handle_event(&Event::Key(key));
            }
        }
        Vec::new()
    }

    fn is_loading(&self, state: &AppState) -> bool {
        loading(state, StSlot::Login)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_are_named_before_anything_is_sent() {
        let mut f = StLoginForm::default();
        assert_eq!(f.refusal().map(|r| r.0), Some(StLoginField::Phone));
        f.phone = Input::new("13900000001".into());
        assert_eq!(f.refusal().map(|r| r.0), Some(StLoginField::Password));
        f.region = Input::new("+8a".into());
        assert_eq!(f.refusal().map(|r| r.0), Some(StLoginField::Region));
        f.region = Input::new("+86".into());
        f.password = Input::new("x".into());
        assert!(f.refusal().is_none());
    }
}
