//! The captcha → code → confirm flow, one for SMS login and for the settings pane's phone,
//! email and password changes: the target (a mobile number or an email address) and the
//! characters of a captcha bring a code to the target; the code then confirms what the form
//! is for (a login, a binding, a new password). A captcha is good for one try, so a refused
//! code request brings a new one. The forms keep their own request in flight and notice (on
//! the login screen both are shared with the email way and with session messages).

use tui_input::Input;

use crate::api::ApiError;
use crate::api::actor::Command;
use crate::api::model::{Captcha, EmailCodePurpose};
use crate::app::remote::Remote;
use crate::i18n::{Strings, describe, fill};

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

/// The one-line message under a form: what was refused or failed, or how it went.
#[derive(Debug, Clone)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

impl Notice {
    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            error: true,
        }
    }
}

/// Where the code goes, and so how the target is checked and which request asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Sms,
    Email(EmailCodePurpose),
}

/// Why a step was refused before anything was sent (each form words it and moves the cursor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a mainland mobile number (SMS), or not an email address.
    Target,
    /// No captcha on screen (on its way, or it failed); its characters wait for one.
    NoCaptcha,
    /// The characters of the captcha are not typed.
    CaptchaText,
    /// The code is not typed.
    Code,
}

/// One run of the flow: a code request (target, captcha and its characters), then the code.
#[derive(Debug, Clone)]
pub struct CodeFlow {
    pub channel: Channel,
    /// The mobile number or email address the code goes to.
    pub target: Input,
    pub captcha: Remote<CaptchaShown>,
    pub captcha_text: Input,
    /// Where the code was sent; then the code field appears.
    pub sent_to: Option<String>,
    pub code: Input,
}

impl CodeFlow {
    pub fn new(channel: Channel, target: &str) -> CodeFlow {
        CodeFlow {
            channel,
            target: Input::new(target.to_owned()),
            captcha: Remote::default(),
            captcha_text: Input::default(),
            sent_to: None,
            code: Input::default(),
        }
    }

    /// A new captcha was asked for (the one shown stays until it arrives).
    pub fn captcha_requested(&mut self) {
        self.captcha.begin();
    }

    /// The answer to the captcha request awaited (the registry drops stale ones).
    pub fn captcha_arrived(&mut self, r: Result<(Captcha, Vec<u8>), ApiError>) {
        self.captcha
            .settle(r.map(|(captcha, png)| CaptchaShown::new(captcha.id, png)));
    }

    /// No captcha is shown and none is on its way (`loading`): one should be asked for.
    pub fn wants_captcha(&self, loading: bool) -> bool {
        self.captcha.value.is_none() && !loading
    }

    /// The request for a code, once the target and the captcha's characters are right. A new
    /// request forgets where an earlier code went.
    pub fn request_code(&mut self) -> Result<Command, Refusal> {
        let target = self.target.value().trim().to_owned();
        let valid = match self.channel {
            Channel::Sms => crate::validate::phone(&target).is_ok(),
            Channel::Email(_) => target
                .split_once('@')
                .is_some_and(|(u, d)| !u.is_empty() && d.contains('.')),
        };
        if !valid {
            return Err(Refusal::Target);
        }
        let captcha_id = match &self.captcha.value {
            Some(c) => c.id.clone(),
            None => return Err(Refusal::NoCaptcha),
        };
        let captcha_text = self.captcha_text.value().trim().to_owned();
        if captcha_text.is_empty() {
            return Err(Refusal::CaptchaText);
        }
        self.sent_to = None;
        Ok(match self.channel {
            Channel::Sms => Command::RequestSms {
                mobile: target,
                captcha_text,
                captcha_id,
            },
            Channel::Email(purpose) => Command::RequestEmailCode {
                email: target,
                purpose,
                captcha_text,
                captcha_id,
            },
        })
    }

    /// The answer to the code request, with the notice to show: `Ok` when the code was sent
    /// (then [`sent_to`](Self::sent_to) says where), `Err` when not: then the captcha's
    /// characters are cleared and a new captcha is wanted (a captcha is good for one try).
    pub fn code_answered(
        &mut self,
        r: Result<(), ApiError>,
        s: &Strings,
    ) -> Result<Notice, Notice> {
        match r {
            Ok(()) => {
                let target = self.target.value().trim().to_owned();
                let text = fill(s.code_sent, &[&target]);
                self.sent_to = Some(target);
                Ok(Notice { text, error: false })
            }
            Err(e) => {
                self.captcha_text = Input::default();
                Err(Notice::error(describe(&e, s)))
            }
        }
    }

    /// The code as typed, trimmed; refused when empty.
    pub fn typed_code(&self) -> Result<String, Refusal> {
        let code = self.code.value().trim();
        if code.is_empty() {
            return Err(Refusal::Code);
        }
        Ok(code.to_owned())
    }

    /// Forgets the captcha and the code once they have served; the target stays.
    pub fn reset(&mut self) {
        self.captcha_text = Input::default();
        self.code = Input::default();
        self.sent_to = None;
        self.captcha.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    fn shown(flow: &mut CodeFlow, captcha_id: &str) {
        flow.captcha_requested();
        let captcha = Captcha {
            b64s: String::new(),
            id: captcha_id.into(),
        };
        flow.captcha_arrived(Ok((captcha, vec![1, 2, 3])));
    }

    // That a superseded captcha is dropped is the registry's (update.rs tests).
    #[test]
    fn a_captcha_is_wanted_until_one_is_shown_and_a_failed_one_keeps_the_last() {
        let mut flow = CodeFlow::new(Channel::Sms, "");
        assert!(flow.wants_captcha(false));
        assert!(!flow.wants_captcha(true), "one is on its way");
        shown(&mut flow, "c3");
        assert_eq!(
            flow.captcha.value.as_ref().map(|c| c.id.as_str()),
            Some("c3")
        );
        assert!(!flow.wants_captcha(false));
        flow.captcha_requested();
        flow.captcha_arrived(Err(ApiError::Transport("down".into())));
        assert!(flow.captcha.error.is_some());
        assert_eq!(
            flow.captcha.value.as_ref().map(|c| c.id.as_str()),
            Some("c3"),
            "a failed reload keeps the one shown"
        );
    }

    #[test]
    fn the_code_request_checks_target_then_captcha_then_its_characters() {
        let mut flow = CodeFlow::new(Channel::Sms, "1380013800");
        assert_eq!(flow.request_code(), Err(Refusal::Target));
        flow.target = Input::new(" 13800138000 ".into());
        assert_eq!(flow.request_code(), Err(Refusal::NoCaptcha));
        shown(&mut flow, "c1");
        assert_eq!(flow.request_code(), Err(Refusal::CaptchaText));
        flow.captcha_text = Input::new(" AB12 ".into());
        flow.sent_to = Some("an earlier number".into());
        assert_eq!(
            flow.request_code(),
            Ok(Command::RequestSms {
                mobile: "13800138000".into(),
                captcha_text: "AB12".into(),
                captcha_id: "c1".into(),
            })
        );
        assert_eq!(flow.sent_to, None, "a new request forgets the old code");
    }

    #[test]
    fn an_email_code_is_asked_for_with_its_purpose() {
        let purpose = EmailCodePurpose::ResetPassword;
        let mut flow = CodeFlow::new(Channel::Email(purpose), "not-an-address");
        shown(&mut flow, "c1");
        flow.captcha_text = Input::new("AB12".into());
        assert_eq!(flow.request_code(), Err(Refusal::Target));
        flow.target = Input::new("a@b.cn".into());
        assert_eq!(
            flow.request_code(),
            Ok(Command::RequestEmailCode {
                email: "a@b.cn".into(),
                purpose,
                captcha_text: "AB12".into(),
                captcha_id: "c1".into(),
            })
        );
    }

    #[test]
    fn a_sent_code_says_where_and_a_refusal_clears_the_captcha_text() {
        let mut flow = CodeFlow::new(Channel::Sms, "13800138000");
        shown(&mut flow, "c1");
        flow.captcha_text = Input::new("zzzz".into());
        let refused = ApiError::Api {
            code: -1,
            msg: "图形验证码错误".into(),
        };
        let notice = flow.code_answered(Err(refused), &EN).expect_err("not sent");
        assert!(notice.error && notice.text.contains("图形验证码错误"));
        assert_eq!(
            flow.captcha_text.value(),
            "",
            "a captcha is good for one try"
        );
        assert_eq!(flow.sent_to, None);
        assert_eq!(flow.target.value(), "13800138000", "the target stays");

        let notice = flow.code_answered(Ok(()), &EN).expect("sent");
        assert!(!notice.error);
        assert_eq!(notice.text, "Code sent to 13800138000");
        assert_eq!(flow.sent_to.as_deref(), Some("13800138000"));
    }

    #[test]
    fn the_code_is_needed_and_reset_forgets_all_but_the_target() {
        let mut flow = CodeFlow::new(Channel::Sms, "13800138000");
        shown(&mut flow, "c1");
        flow.captcha_text = Input::new("AB12".into());
        flow.sent_to = Some("13800138000".into());
        flow.code = Input::new("  ".into());
        assert_eq!(flow.typed_code(), Err(Refusal::Code));
        flow.code = Input::new(" 123456 ".into());
        assert_eq!(flow.typed_code().as_deref(), Ok("123456"));
        flow.reset();
        assert_eq!(flow.target.value(), "13800138000");
        assert!(flow.captcha.value.is_none() && flow.sent_to.is_none());
        assert_eq!((flow.captcha_text.value(), flow.code.value()), ("", ""));
        assert!(flow.wants_captcha(false));
    }
}
