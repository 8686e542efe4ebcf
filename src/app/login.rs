//! The login screen's state: email + password, or phone + captcha → SMS code.

use tui_input::Input;

use crate::api::actor::RequestId;
use crate::app::remote::Remote;

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
