//! The verification flows of the settings pane: bind or change the phone (captcha → SMS
//! code → confirm), bind or change the email (captcha → email code → confirm), and change
//! the password (captcha → email code → new password typed twice, hidden).

use tui_input::Input;

use crate::api::actor::{Command, RequestId};
use crate::api::model::EmailCodePurpose;
use crate::app::login::{CaptchaShown, Notice};
use crate::app::remote::Remote;
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
    /// The phone or email the code goes to (the account's email for a password change).
    pub target: Input,
    pub captcha: Remote<CaptchaShown>,
    pub captcha_text: Input,
    /// Where the code was sent; then the code (and new password) fields appear.
    pub sent_to: Option<String>,
    pub code: Input,
    pub password: Input,
    pub password_again: Input,
    pub focus: VerifyField,
    pub pending: Option<RequestId>,
    pub notice: Option<Notice>,
}

impl VerifyForm {
    pub fn new(kind: VerifyKind, current: &str, email: &str) -> VerifyForm {
        let target = match kind {
            VerifyKind::Password => email.to_owned(),
            _ => String::new(),
        };
        VerifyForm {
            kind,
            replacing: !current.is_empty(),
            target: Input::new(target),
            captcha: Remote::default(),
            captcha_text: Input::default(),
            sent_to: None,
            code: Input::default(),
            password: Input::default(),
            password_again: Input::default(),
            focus: VerifyField::Target,
            pending: None,
            notice: None,
        }
    }

    pub fn fields(&self) -> Vec<VerifyField> {
        match (&self.sent_to, self.kind) {
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
            VerifyField::Target => &mut self.target,
            VerifyField::CaptchaText => &mut self.captcha_text,
            VerifyField::Code => &mut self.code,
            VerifyField::Password => &mut self.password,
            VerifyField::PasswordAgain => &mut self.password_again,
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

    /// The next request of the flow, or `None` with the reason in the notice.
    pub fn submit(&mut self, s: &Strings) -> Option<Command> {
        let target = self.target.value().trim().to_owned();
        let Some(sent_to) = self.sent_to.clone() else {
            let valid = match self.kind {
                VerifyKind::Phone => crate::validate::phone(&target).is_ok(),
                _ => target
                    .split_once('@')
                    .is_some_and(|(u, d)| !u.is_empty() && d.contains('.')),
            };
            if !valid {
                let why = if self.kind == VerifyKind::Phone {
                    s.need_phone
                } else {
                    s.need_email
                };
                return self.refuse(why, VerifyField::Target);
            }
            let text = self.captcha_text.value().trim().to_owned();
            if text.is_empty() {
                return self.refuse(s.need_captcha, VerifyField::CaptchaText);
            }
            let captcha_id = self.captcha.value.as_ref().map(|c| c.id.clone())?;
            return Some(match self.kind {
                VerifyKind::Phone => Command::RequestSms {
                    mobile: target,
                    captcha_text: text,
                    captcha_id,
                },
                VerifyKind::Email => Command::RequestEmailCode {
                    email: target,
                    purpose: EmailCodePurpose::Bind,
                    captcha_text: text,
                    captcha_id,
                },
                VerifyKind::Password => Command::RequestEmailCode {
                    email: target,
                    purpose: EmailCodePurpose::ResetPassword,
                    captcha_text: text,
                    captcha_id,
                },
            });
        };
        let code = self.code.value().trim().to_owned();
        if code.is_empty() {
            return self.refuse(s.need_code, VerifyField::Code);
        }
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
        f.sent_to = Some("a@b.cn".into());
        f.code = Input::new("654321".into());
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
    fn binding_or_changing_depends_on_what_the_account_has() {
        let mut f = VerifyForm::new(VerifyKind::Phone, "13800138000", "");
        f.sent_to = Some("13900139000".into());
        f.code = Input::new("123456".into());
        assert!(matches!(f.submit(&EN), Some(Command::ChangePhone { .. })));
        let mut f = VerifyForm::new(VerifyKind::Phone, "", "");
        f.sent_to = Some("13900139000".into());
        f.code = Input::new("123456".into());
        assert!(matches!(f.submit(&EN), Some(Command::BindPhone { .. })));
    }
}
