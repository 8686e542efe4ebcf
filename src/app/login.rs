//! The login screen's state: email + password, or phone + captcha → SMS code (the
//! [`CodeFlow`] shared with the settings pane's verifications).

use crate::app::layer::Layer;
use crate::app::state::Screen;
use std::ops::ControlFlow;

use crate::api::actor::Reply;
use crate::app::session::logged_in;
use crate::i18n::describe;
use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::ApiError;
use crate::api::actor::Command;
use crate::app::action::Effect;
use crate::app::code_flow::{Channel, CodeFlow, Notice, Refusal};
use crate::app::requests::{Slot, request};
use crate::app::state::AppState;
use crate::app::update::{ask_quit, is_ctrl};
use crate::i18n::Strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Email,
    Sms,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginField {
    Method,
    Email,
    Password,
    Phone,
    CaptchaText,
    SmsCode,
}

#[derive(Debug, Clone)]
pub struct LoginForm {
    pub method: Method,
    pub focus: LoginField,
    pub email: Input,
    pub password: Input,
    /// The SMS way: the phone, its captcha, where the code was sent and the code.
    pub sms: CodeFlow,
    pub notice: Option<Notice>,
}

impl Default for LoginForm {
    fn default() -> Self {
        LoginForm {
            method: Method::Email,
            focus: LoginField::Email,
            email: Input::default(),
            password: Input::default(),
            sms: CodeFlow::new(Channel::Sms, ""),
            notice: None,
        }
    }
}

impl LoginForm {
    /// The fields of the current method, in focus order.
    pub fn fields(&self) -> Vec<LoginField> {
        match self.method {
            Method::Email => vec![LoginField::Method, LoginField::Email, LoginField::Password],
            Method::Sms if self.sms.sent_to.is_some() => {
                vec![
                    LoginField::Method,
                    LoginField::Phone,
                    LoginField::CaptchaText,
                    LoginField::SmsCode,
                ]
            }
            Method::Sms => vec![
                LoginField::Method,
                LoginField::Phone,
                LoginField::CaptchaText,
            ],
        }
    }

    pub fn move_focus(&mut self, forward: bool) {
        self.focus = crate::app::cycle(&self.fields(), self.focus, forward);
    }

    pub fn input_mut(&mut self, field: LoginField) -> Option<&mut Input> {
        match field {
            LoginField::Method => None,
            LoginField::Email => Some(&mut self.email),
            LoginField::Password => Some(&mut self.password),
            LoginField::Phone => Some(&mut self.sms.target),
            LoginField::CaptchaText => Some(&mut self.sms.captcha_text),
            LoginField::SmsCode => Some(&mut self.sms.code),
        }
    }

    pub fn input(&self, field: LoginField) -> Option<&Input> {
        match field {
            LoginField::Method => None,
            LoginField::Email => Some(&self.email),
            LoginField::Password => Some(&self.password),
            LoginField::Phone => Some(&self.sms.target),
            LoginField::CaptchaText => Some(&self.sms.captcha_text),
            LoginField::SmsCode => Some(&self.sms.code),
        }
    }

    /// Says why the SMS way refused, and puts the cursor where the fix goes.
    fn refuse(&mut self, refusal: Refusal, s: &Strings) {
        let (text, field) = match refusal {
            Refusal::Target => (s.need_phone, LoginField::Phone),
            Refusal::CaptchaText => (s.need_captcha, LoginField::CaptchaText),
            Refusal::Code => (s.need_sms_code, LoginField::SmsCode),
            // A new captcha says enough.
            Refusal::NoCaptcha => return,
        };
        self.notice = Some(Notice::error(text));
        self.focus = field;
    }

    /// Switches between email and SMS login, keeping everything typed.
    pub fn toggle_method(&mut self) {
        self.method = match self.method {
            Method::Email => Method::Sms,
            Method::Sms => Method::Email,
        };
        self.notice = None;
    }

    /// Forgets the secrets once they have served (after a login).
    pub fn clear_secrets(&mut self) {
        self.password = Input::default();
        self.sms.reset();
        self.notice = None;
    }
}

// ---- keys and submitting ----------------------------------------------------------------

pub(crate) fn new_captcha(state: &mut AppState) -> Effect {
    state.account.login.sms.captcha_requested();
    request(state, Slot::LoginCaptcha, Command::Captcha)
}

pub(crate) fn login_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if state.account.loading(Slot::Login) {
        return Vec::new();
    }
    let captcha_loading = state.account.loading(Slot::LoginCaptcha);
    let login = &mut state.account.login;
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
            if login.method == Method::Sms && login.sms.wants_captcha(captcha_loading) {
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

pub(crate) fn submit_login(state: &mut AppState) -> Vec<Effect> {
    let s = state.s();
    let captcha_loading = state.account.loading(Slot::LoginCaptcha);
    let login = &mut state.account.login;
    let command = match login.method {
        Method::Email => {
            let (email, password) = (
                login.email.value().trim().to_owned(),
                login.password.value().to_owned(),
            );
            if email.is_empty() || password.is_empty() {
                login.notice = Some(Notice::error(s.need_email_password));
                return Vec::new();
            }
            Command::EmailLogin { email, password }
        }
        Method::Sms if login.sms.sent_to.is_some() && login.focus == LoginField::SmsCode => {
            match login.sms.typed_code() {
                Ok(code) => Command::SmsLogin {
                    mobile: login.sms.sent_to.clone().unwrap_or_default(),
                    code,
                },
                Err(refusal) => {
                    login.refuse(refusal, s);
                    return Vec::new();
                }
            }
        }
        Method::Sms => match login.sms.request_code() {
            Ok(command) => command,
            Err(refusal) => {
                login.refuse(refusal, s);
                return if login.sms.wants_captcha(captcha_loading) {
                    vec![new_captcha(state)]
                } else {
                    Vec::new()
                };
            }
        },
    };
    state.account.login.notice = Some(Notice {
        text: s.logging_in.into(),
        error: false,
    });
    vec![request(state, Slot::Login, command)]
}

/// The answer to the SMS request: on to the code, or a new captcha after a refusal.
pub(crate) fn sms_answered(state: &mut AppState, r: Result<(), ApiError>) -> Vec<Effect> {
    let s = state.s();
    let login = &mut state.account.login;
    match login.sms.code_answered(r, s) {
        Ok(notice) => {
            login.notice = Some(notice);
            login.focus = LoginField::SmsCode;
            Vec::new()
        }
        Err(notice) => {
            login.notice = Some(notice);
            vec![new_captcha(state)]
        }
    }
}

/// The login screen's answers: a captcha, the SMS code request, the login.
pub fn on_reply(state: &mut AppState, slot: Slot, reply: Reply) -> ControlFlow<Vec<Effect>, Reply> {
    let mut fx = Vec::new();
    match reply {
        Reply::Captcha(r) if slot == Slot::LoginCaptcha => {
            state.account.login.sms.captcha_arrived(r)
        }
        Reply::SmsRequested(r) if slot == Slot::Login => fx.extend(sms_answered(state, r)),
        Reply::LoggedIn(r) if slot == Slot::Login => match r {
            Ok(token) => fx.extend(logged_in(state, token)),
            Err(e) => {
                state.account.login.notice = Some(Notice {
                    text: describe(&e, state.s()),
                    error: true,
                })
            }
        },
        other => return ControlFlow::Continue(other),
    }
    ControlFlow::Break(fx)
}

/// The layer, as `update` sees it (see [`crate::app::layer::Layer`]).
pub struct LoginScreen;

impl Layer for LoginScreen {
    fn is_open(&self, state: &AppState) -> bool {
        // A SealTalk account has its own login screen (`app::sealtalk::login`).
        state.account.screen == Screen::Login
            && state.account.service == crate::service::Service::Yunhu
    }
    fn on_key(&self, state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
        self::login_key(state, key)
    }
    fn on_reply(
        &self,
        state: &mut AppState,
        slot: Slot,
        reply: Reply,
    ) -> ControlFlow<Vec<Effect>, Reply> {
        self::on_reply(state, slot, reply)
    }
    fn is_loading(&self, state: &AppState) -> bool {
        state.account.login_loading()
    }
}
