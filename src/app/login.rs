//! The login screen's state: email + password, or phone + captcha → SMS code.

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::actor::{Command, RequestId};
use crate::app::action::Effect;
use crate::app::remote::Remote;
use crate::app::state::AppState;
use crate::app::update::{ask_quit, is_ctrl, request};

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

/// The sizes (columns × rows) the captcha is prepared in, largest first: the screen draws the
/// largest that fits, so the captcha is there at every supported terminal size.
pub const CAPTCHA_SIZES: [(u16, u16); 3] = [(44, 8), (30, 6), (22, 4)];

/// A captcha on screen: its id and the PNG as the server sent it. The renderer turns the
/// bytes into a terminal picture (in each of [`CAPTCHA_SIZES`]); nothing here decodes images.
#[derive(Clone)]
pub struct CaptchaShown {
    pub id: String,
    pub png: Vec<u8>,
}

impl CaptchaShown {
    pub fn new(id: String, png: Vec<u8>) -> CaptchaShown {
        CaptchaShown { id, png }
    }
}

impl std::fmt::Debug for CaptchaShown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptchaShown")
            .field("id", &self.id)
            .field("png_len", &self.png.len())
            .finish()
    }
}

#[derive(Debug, Clone)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone)]
pub struct LoginForm {
    pub method: Method,
    pub focus: LoginField,
    pub email: Input,
    pub password: Input,
    pub phone: Input,
    pub captcha_text: Input,
    pub sms_code: Input,
    pub captcha: Remote<CaptchaShown>,
    /// The phone the SMS code was sent to.
    pub sms_sent_to: Option<String>,
    /// The login (or SMS request) in flight.
    pub pending: Option<RequestId>,
    pub notice: Option<Notice>,
}

impl Default for LoginForm {
    fn default() -> Self {
        LoginForm {
            method: Method::Email,
            focus: LoginField::Email,
            email: Input::default(),
            password: Input::default(),
            phone: Input::default(),
            captcha_text: Input::default(),
            sms_code: Input::default(),
            captcha: Remote::default(),
            sms_sent_to: None,
            pending: None,
            notice: None,
        }
    }
}

impl LoginForm {
    /// The fields of the current method, in focus order.
    pub fn fields(&self) -> Vec<LoginField> {
        match self.method {
            Method::Email => vec![LoginField::Method, LoginField::Email, LoginField::Password],
            Method::Sms if self.sms_sent_to.is_some() => {
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
            LoginField::Phone => Some(&mut self.phone),
            LoginField::CaptchaText => Some(&mut self.captcha_text),
            LoginField::SmsCode => Some(&mut self.sms_code),
        }
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
        self.captcha_text = Input::default();
        self.sms_code = Input::default();
        self.sms_sent_to = None;
        self.captcha.clear();
        self.pending = None;
        self.notice = None;
    }
}

// ---- keys and submitting ----------------------------------------------------------------

pub(crate) fn new_captcha(state: &mut AppState) -> Effect {
    let (id, fx) = request(state, Command::Captcha);
    state.login.captcha.begin(id);
    fx
}

pub(crate) fn login_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
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

pub(crate) fn submit_login(state: &mut AppState) -> Vec<Effect> {
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
