//! chaoqer's login screen (Q1: the server sends an SMS code to the phone; Q2: the code logs
//! in, registering an unknown number). The session (uid, token and secret together) is
//! handed to the runtime (`Effect::ChaoqerSession`), which keeps it in the account's 0600
//! session file. A 401 brings the account back here with everything typed kept.

use crossterm::event::KeyEvent;
use tui_input::Input;

use super::{CqSlot, loading, request};
use crate::api::actor_chaoqer::{CqCommand, CqResult};
use crate::api::chaoqer::model::LoginOutcome;
use crate::app::action::Effect;
use crate::app::layer::Layer;
use crate::app::phone_login::{self, PhoneField, PhoneLoginForm};
use crate::app::state::{AppState, Screen};
use crate::service::Service;

/// Picks a sentence of the chaoqer strings (in the language of the moment).
type Words = fn(&crate::i18n::CqStrings) -> &'static str;

/// The country code as Q1 and Q2 take it: without `+`.
fn country(form: &PhoneLoginForm) -> String {
    form.calling_code
        .value()
        .trim()
        .trim_start_matches('+')
        .to_owned()
}

/// What is missing or malformed for Q1 (the code not needed yet).
fn phone_refusal(form: &PhoneLoginForm) -> Option<(PhoneField, Words)> {
    form.number_refusal().map(|field| {
        let words: Words = match field {
            PhoneField::CallingCode => |s| s.need_country_code,
            _ => |s| s.need_phone,
        };
        (field, words)
    })
}

/// What is missing or malformed for Q2: the SMS code is 4 to 6 digits.
fn refusal(form: &PhoneLoginForm) -> Option<(PhoneField, Words)> {
    phone_refusal(form).or_else(|| {
        let code = form.secret.value().trim();
        let ok = (4..=6).contains(&code.len()) && code.chars().all(|c| c.is_ascii_digit());
        (!ok).then_some((PhoneField::Secret, |s: &crate::i18n::CqStrings| s.need_code))
    })
}

/// Q1 with the typed number, or says what is missing; the cursor goes to the code.
pub fn send_code(state: &mut AppState) -> Vec<Effect> {
    if loading(state, CqSlot::SendCode) {
        return Vec::new();
    }
    let s = state.s().lang().cq();
    let form = &mut state.account.chaoqer.login;
    if let Some((field, text)) = phone_refusal(form) {
        form.focus = field;
        form.notice = Some((text(s).to_owned(), true));
        return Vec::new();
    }
    form.notice = Some((s.sending_code.to_owned(), false));
    form.focus = PhoneField::Secret;
    let command = CqCommand::SendCode {
        country_code: country(form),
        mobile: form.phone.value().trim().to_owned(),
    };
    vec![request(state, CqSlot::SendCode, command)]
}

/// Q2 with what is typed, or says what is missing.
pub fn submit(state: &mut AppState) -> Vec<Effect> {
    if loading(state, CqSlot::Login) {
        return Vec::new();
    }
    let s = state.s().lang().cq();
    let form = &mut state.account.chaoqer.login;
    if let Some((field, text)) = refusal(form) {
        form.focus = field;
        form.notice = Some((text(s).to_owned(), true));
        return Vec::new();
    }
    form.notice = Some((s.logging_in.to_owned(), false));
    let command = CqCommand::Login {
        country_code: country(form),
        mobile: form.phone.value().trim().to_owned(),
        code: form.secret.value().trim().to_owned(),
    };
    vec![request(state, CqSlot::Login, command)]
}

/// Q1 answered: the server's own words (`验证码已发送，请注意查收`), or why not.
pub fn on_code_sent(state: &mut AppState, result: CqResult<String>) -> Vec<Effect> {
    let form = &mut state.account.chaoqer.login;
    form.notice = Some(match result {
        Ok(text) => (crate::sanitize::line(&text).into_owned(), false),
        Err(e) => {
            form.focus = PhoneField::Phone;
            (crate::sanitize::line(&e.to_string()).into_owned(), true)
        }
    });
    Vec::new()
}

/// Q2 answered.
pub fn on_logged_in(state: &mut AppState, result: CqResult<LoginOutcome>) -> Vec<Effect> {
    match result {
        Ok(outcome) => {
            let form = &mut state.account.chaoqer.login;
            // A code is good once: it goes; the number stays for the next login.
            form.secret = Input::default();
            form.notice = None;
            state.account.chaoqer.needs_profile = outcome.registered;
            state.account.screen = Screen::Main;
            state.account.account_id = Some(outcome.session.uid.clone());
            state.status = None;
            let mut fx = vec![Effect::ChaoqerSession(Some(outcome.session))];
            fx.extend(super::start(state));
            fx
        }
        Err(e) => {
            // Everything typed stays; the cursor goes where a wrong code is fixed.
            let form = &mut state.account.chaoqer.login;
            form.notice = Some((crate::sanitize::line(&e.to_string()).into_owned(), true));
            form.focus = PhoneField::Secret;
            Vec::new()
        }
    }
}

/// Q3 answered (the session is forgotten locally either way).
pub fn on_logged_out(state: &mut AppState, result: CqResult<String>) -> Vec<Effect> {
    let fx = super::end_session(state);
    let s = state.s().lang().cq();
    state.account.chaoqer.login.notice = Some(match result {
        Ok(_) => (s.logged_out.to_owned(), false),
        Err(e) => (
            crate::sanitize::line(&format!("{}: {e}", s.logged_out)).into_owned(),
            true,
        ),
    });
    fx
}

/// `L` confirmed on a chaoqer account.
pub fn logout(state: &mut AppState) -> Vec<Effect> {
    if loading(state, CqSlot::Logout) {
        return Vec::new();
    }
    vec![request(state, CqSlot::Logout, CqCommand::Logout)]
}

/// Enter on the country code goes on to the phone, on the phone asks for a code (Q1), on the
/// code logs in (Q2).
fn enter(state: &mut AppState) -> Vec<Effect> {
    let form = &mut state.account.chaoqer.login;
    match form.focus {
        PhoneField::CallingCode => {
            form.move_focus(true);
            Vec::new()
        }
        PhoneField::Phone => send_code(state),
        PhoneField::Secret => submit(state),
    }
}

/// The login screen of a chaoqer account, as a layer over the panes.
pub struct CqLoginScreen;

impl Layer for CqLoginScreen {
    fn is_open(&self, state: &AppState) -> bool {
        state.account.service == Service::Chaoqer && state.account.screen == Screen::Login
    }

    fn on_key(&self, state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
        phone_login::on_key(
            state,
            key,
            |st| &mut st.account.chaoqer.login,
            enter,
            submit,
        )
    }

    fn is_loading(&self, state: &AppState) -> bool {
        loading(state, CqSlot::Login) || loading(state, CqSlot::SendCode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::actor::Command;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn state() -> AppState {
        let mut st = crate::app::account::tests::state();
        st.account.service = Service::Chaoqer;
        st
    }

    fn key(st: &mut AppState, code: KeyCode) -> Vec<Effect> {
        CqLoginScreen.on_key(st, KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn typed(st: &mut AppState, text: &str) {
        for c in text.chars() {
            key(st, KeyCode::Char(c));
        }
    }

    #[test]
    fn missing_fields_are_named_before_anything_is_sent() {
        let mut f = PhoneLoginForm::default();
        assert_eq!(refusal(&f).map(|r| r.0), Some(PhoneField::Phone));
        f.phone = Input::new("13900000002".into());
        assert!(phone_refusal(&f).is_none());
        assert_eq!(refusal(&f).map(|r| r.0), Some(PhoneField::Secret));
        f.secret = Input::new("12a4".into());
        assert_eq!(refusal(&f).map(|r| r.0), Some(PhoneField::Secret));
        f.calling_code = Input::new("+8x".into());
        assert_eq!(refusal(&f).map(|r| r.0), Some(PhoneField::CallingCode));
        f.calling_code = Input::new("+86".into());
        f.secret = Input::new("246810".into());
        assert!(refusal(&f).is_none());
        assert_eq!(country(&f), "86");
    }

    #[test]
    fn enter_on_the_phone_sends_the_code_and_enter_on_the_code_logs_in() {
        let mut st = state();
        assert!(CqLoginScreen.is_open(&st));
        let fx = key(&mut st, KeyCode::Enter);
        assert!(fx.is_empty(), "no number yet");
        assert!(
            st.account
                .chaoqer
                .login
                .notice
                .as_ref()
                .is_some_and(|n| n.1)
        );
        typed(&mut st, "13900000002");
        let fx = key(&mut st, KeyCode::Enter);
        assert!(matches!(
            &fx[..],
            [Effect::Api(_, Command::Chaoqer(CqCommand::SendCode { country_code, mobile }))]
                if country_code == "86" && mobile == "13900000002"
        ));
        assert_eq!(st.account.chaoqer.login.focus, PhoneField::Secret);
        typed(&mut st, "246810");
        let fx = key(&mut st, KeyCode::Enter);
        assert!(matches!(
            &fx[..],
            [Effect::Api(_, Command::Chaoqer(CqCommand::Login { code, .. }))] if code == "246810"
        ));
        assert!(CqLoginScreen.is_loading(&st));
    }

    #[test]
    fn a_refused_code_keeps_everything_typed() {
        let mut st = state();
        typed(&mut st, "13900000002");
        key(&mut st, KeyCode::Tab);
        typed(&mut st, "111111");
        let err = crate::api::chaoqer::ChaoqerError::Refused {
            code: 0,
            sentence: None,
            message: "验证码不正确".into(),
        };
        on_logged_in(&mut st, Err(err));
        let form = &st.account.chaoqer.login;
        assert_eq!(form.phone.value(), "13900000002");
        assert_eq!(form.secret.value(), "111111");
        assert_eq!(form.focus, PhoneField::Secret);
        assert!(
            form.notice
                .as_ref()
                .is_some_and(|n| n.1 && n.0.contains("验证码不正确"))
        );
        assert_eq!(st.account.screen, Screen::Login);
    }
}
