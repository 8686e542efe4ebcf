//! The verification flows of the settings pane: bind or change the phone (captcha → SMS
//! code → confirm), bind or change the email (captcha → email code → confirm), and change
//! the password (captcha → email code → new password typed twice, hidden).

use tui_input::Input;

use crate::api::actor::Command;
use crate::api::model::EmailCodePurpose;
use crate::app::code_flow::{Channel, CodeFlow, Notice, Refusal};
use crate::i18n::Strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyKind {
    Phone,
    Email,
    Password,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyField {
    Target,
    CaptchaText,
    Code,
    Password,
    PasswordAgain,
}

#[derive(Debug, Clone)]
pub struct VerifyForm {
    pub kind: VerifyKind,
    /// Whether the account already has one (then it is a change, not a binding).
    pub replacing: bool,
    /// The phone or email the code goes to (the account's email for a password change), its
    /// captcha, where the code was sent (then the code and new password fields appear) and
    /// the code.
    pub flow: CodeFlow,
    pub password: Input,
    pub password_again: Input,
    pub focus: VerifyField,
    pub notice: Option<Notice>,
}

impl VerifyForm {
    pub fn new(kind: VerifyKind, current: &str, email: &str) -> VerifyForm {
        let flow = match kind {
            VerifyKind::Phone => CodeFlow::new(Channel::Sms, ""),
            VerifyKind::Email => CodeFlow::new(Channel::Email(EmailCodePurpose::Bind), ""),
            VerifyKind::Password => {
                CodeFlow::new(Channel::Email(EmailCodePurpose::ResetPassword), email)
            }
        };
        VerifyForm {
            kind,
            replacing: !current.is_empty(),
            flow,
            password: Input::default(),
            password_again: Input::default(),
            focus: VerifyField::Target,
            notice: None,
        }
    }

    pub fn fields(&self) -> Vec<VerifyField> {
        match (&self.flow.sent_to, self.kind) {
            (None, _) => vec![VerifyField::Target, VerifyField::CaptchaText],
            (Some(_), VerifyKind::Password) => vec![
                VerifyField::Code,
                VerifyField::Password,
                VerifyField::PasswordAgain,
            ],
            (Some(_), _) => vec![VerifyField::Code],
        }
    }

    pub fn move_focus(&mut self, forward: bool) {
        self.focus = crate::app::cycle(&self.fields(), self.focus, forward);
    }

    pub fn input_mut(&mut self, field: VerifyField) -> &mut Input {
        match field {
            VerifyField::Target => &mut self.flow.target,
            VerifyField::CaptchaText => &mut self.flow.captcha_text,
            VerifyField::Code => &mut self.flow.code,
            VerifyField::Password => &mut self.password,
            VerifyField::PasswordAgain => &mut self.password_again,
        }
    }

    pub fn input(&self, field: VerifyField) -> &Input {
        match field {
            VerifyField::Target => &self.flow.target,
            VerifyField::CaptchaText => &self.flow.captcha_text,
            VerifyField::Code => &self.flow.code,
            VerifyField::Password => &self.password,
            VerifyField::PasswordAgain => &self.password_again,
        }
    }

    fn refuse(&mut self, text: &str, focus: VerifyField) -> Option<Command> {
        self.notice = Some(Notice {
            text: text.to_owned(),
            error: true,
        });
        self.focus = focus;
        None
    }

    /// Says why a step of the flow was refused; a missing captcha says nothing (a new one
    /// comes).
    fn refuse_step(&mut self, refusal: Refusal, s: &Strings) -> Option<Command> {
        match refusal {
            Refusal::Target if self.kind == VerifyKind::Phone => {
                self.refuse(s.need_phone, VerifyField::Target)
            }
            Refusal::Target => self.refuse(s.need_email, VerifyField::Target),
            Refusal::CaptchaText => self.refuse(s.need_captcha, VerifyField::CaptchaText),
            Refusal::Code => self.refuse(s.need_code, VerifyField::Code),
            Refusal::NoCaptcha => None,
        }
    }

    /// The next request of the flow, or `None` with the reason in the notice.
    pub fn submit(&mut self, s: &Strings) -> Option<Command> {
        let Some(sent_to) = self.flow.sent_to.clone() else {
            return match self.flow.request_code() {
                Ok(command) => Some(command),
                Err(refusal) => self.refuse_step(refusal, s),
            };
        };
        let code = match self.flow.typed_code() {
            Ok(code) => code,
            Err(refusal) => return self.refuse_step(refusal, s),
        };
        Some(match (self.kind, self.replacing) {
            (VerifyKind::Phone, false) => Command::BindPhone {
                phone: sent_to,
                code,
            },
            (VerifyKind::Phone, true) => Command::ChangePhone {
                phone: sent_to,
                code,
            },
            (VerifyKind::Email, false) => Command::BindEmail {
                email: sent_to,
                code,
            },
            (VerifyKind::Email, true) => Command::ChangeEmail {
                email: sent_to,
                code,
            },
            (VerifyKind::Password, _) => {
                let password = self.password.value().to_owned();
                if !(6..=32).contains(&password.chars().count()) {
                    return self.refuse(s.password_length, VerifyField::Password);
                }
                if password != self.password_again.value() {
                    return self.refuse(s.passwords_differ, VerifyField::PasswordAgain);
                }
                Command::ResetPassword {
                    email: sent_to,
                    code,
                    password,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    #[test]
    fn passwords_are_checked_before_sending() {
        let mut f = VerifyForm::new(VerifyKind::Password, "", "a@b.cn");
        f.flow.sent_to = Some("a@b.cn".into());
        f.flow.code = Input::new("654321".into());
        f.password = Input::new("short".into());
        assert_eq!(f.submit(&EN), None);
        assert_eq!(f.focus, VerifyField::Password);
        f.password = Input::new("新的密码123".into());
        f.password_again = Input::new("新的密码124".into());
        assert_eq!(f.submit(&EN), None);
        assert_eq!(
            f.notice.as_ref().map(|n| n.text.as_str()),
            Some(EN.passwords_differ)
        );
        f.password_again = Input::new("新的密码123".into());
        assert_eq!(
            f.submit(&EN),
            Some(Command::ResetPassword {
                email: "a@b.cn".into(),
                code: "654321".into(),
                password: "新的密码123".into()
            })
        );
    }

    #[test]
    fn the_target_is_checked_as_a_phone_or_an_email_address() {
        let mut f = VerifyForm::new(VerifyKind::Phone, "", "");
        f.flow.target = Input::new("a@b.cn".into());
        f.focus = VerifyField::CaptchaText;
        assert_eq!(f.submit(&EN), None);
        assert_eq!(
            f.notice.as_ref().map(|n| n.text.as_str()),
            Some(EN.need_phone)
        );
        assert_eq!(f.focus, VerifyField::Target);
        f.flow.target = Input::new("13900139000".into());
        f.notice = None;
        assert_eq!(f.submit(&EN), None, "no captcha yet");
        assert!(f.notice.is_none(), "the new captcha says enough");

        let f = VerifyForm::new(VerifyKind::Password, "", "a@b.cn");
        assert_eq!(f.flow.target.value(), "a@b.cn", "the account's email");
        let purpose = EmailCodePurpose::ResetPassword;
        assert_eq!(f.flow.channel, Channel::Email(purpose));
    }

    #[test]
    fn binding_or_changing_depends_on_what_the_account_has() {
        let mut f = VerifyForm::new(VerifyKind::Phone, "13800138000", "");
        f.flow.sent_to = Some("13900139000".into());
        f.flow.code = Input::new("123456".into());
        assert!(matches!(f.submit(&EN), Some(Command::ChangePhone { .. })));
        let mut f = VerifyForm::new(VerifyKind::Phone, "", "");
        f.flow.sent_to = Some("13900139000".into());
        f.flow.code = Input::new("123456".into());
        assert!(matches!(f.submit(&EN), Some(Command::BindPhone { .. })));
    }
}
