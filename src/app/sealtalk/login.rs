//! SealTalk's login screen (T1: calling code, phone, password). The session's cookie is
//! handed to the runtime (`Effect::SealtalkSession`), which keeps it in the account's 0600
//! cookie file; the IM token T1 also answers is never read by the client.

use crossterm::event::KeyEvent;
use tui_input::Input;

use super::{StSlot, loading, request};
use crate::api::actor_sealtalk::{LoginRequest, StCommand, StResult};
use crate::api::sealtalk::model::Session;
use crate::app::action::Effect;
use crate::app::layer::Layer;
use crate::app::phone_login::{self, PhoneField, PhoneLoginForm};
use crate::app::state::{AppState, Screen};
use crate::service::Service;

/// Picks a sentence of the SealTalk strings (in the language of the moment).
type Words = fn(&crate::i18n::StStrings) -> &'static str;

/// The first thing missing or malformed, and where it goes.
fn refusal(form: &PhoneLoginForm) -> Option<(PhoneField, Words)> {
    match form.number_refusal() {
        Some(PhoneField::CallingCode) => Some((PhoneField::CallingCode, |s| s.need_region)),
        Some(field) => Some((field, |s| s.need_phone)),
        None if form.secret.value().is_empty() => Some((PhoneField::Secret, |s| s.need_password)),
        None => None,
    }
}

/// Sends T1 with what is typed, or says what is missing.
pub fn submit(state: &mut AppState) -> Vec<Effect> {
    if loading(state, StSlot::Login) {
        return Vec::new();
    }
    let s = state.s().lang().st();
    let form = &mut state.account.sealtalk.login;
    if let Some((field, text)) = refusal(form) {
        form.focus = field;
        form.notice = Some((text(s).to_owned(), true));
        return Vec::new();
    }
    form.notice = Some((s.logging_in.to_owned(), false));
    let login = LoginRequest {
        region: form.calling_code.value().trim().to_owned(),
        phone: form.phone.value().trim().to_owned(),
        password: form.secret.value().to_owned(),
    };
    vec![request(state, StSlot::Login, StCommand::Login(login))]
}

/// T1 answered.
pub fn on_logged_in(state: &mut AppState, result: StResult<Session>) -> Vec<Effect> {
    match result {
        Ok(session) => {
            let form = &mut state.account.sealtalk.login;
            form.secret = Input::default();
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
            form.focus = PhoneField::Secret;
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

/// Enter goes on to the next box, and on the password logs in.
fn enter(state: &mut AppState) -> Vec<Effect> {
    let form = &mut state.account.sealtalk.login;
    if form.focus != PhoneField::Secret {
        form.move_focus(true);
        return Vec::new();
    }
    submit(state)
}

/// The login screen of a SealTalk account, as a layer over the panes.
pub struct StLoginScreen;

impl Layer for StLoginScreen {
    fn is_open(&self, state: &AppState) -> bool {
        state.account.service == Service::Sealtalk && state.account.screen == Screen::Login
    }

    fn on_key(&self, state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
        phone_login::on_key(
            state,
            key,
            |st| &mut st.account.sealtalk.login,
            enter,
            submit,
        )
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
        let mut f = PhoneLoginForm::default();
        assert_eq!(refusal(&f).map(|r| r.0), Some(PhoneField::Phone));
        f.phone = Input::new("13900000001".into());
        assert_eq!(refusal(&f).map(|r| r.0), Some(PhoneField::Secret));
        f.calling_code = Input::new("+8a".into());
        assert_eq!(refusal(&f).map(|r| r.0), Some(PhoneField::CallingCode));
        f.calling_code = Input::new("+86".into());
        f.secret = Input::new("x".into());
        assert!(refusal(&f).is_none());
    }
}
