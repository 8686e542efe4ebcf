//! Errors and refusals in words: API errors (the server's own message kept, and translated
//! in English when the service is known to send it) and refused input.

use super::{Lang, Strings, ZH, fill};
use crate::api::ApiError;
use crate::validate::Invalid;

/// An API error in the user's language, on one line and safe to show: everything that came
/// from the server goes through [`crate::sanitize::line`]. A server message the service is
/// known to send is translated in English, the original kept in brackets.
pub fn describe(err: &ApiError, s: &Strings) -> String {
    use crate::sanitize::line;
    match err {
        ApiError::Timeout(d) => fill(s.err_timeout, &[&format!("{:.0}", d.as_secs_f64())]),
        ApiError::Transport(detail) => fill(s.err_transport, &[&line(detail)]),
        ApiError::Http { status, excerpt } if excerpt.is_empty() => fill(s.err_http, &[status]),
        ApiError::Http { status, excerpt } => {
            format!("{}: {}", fill(s.err_http, &[status]), line(excerpt))
        }
        ApiError::Redirect { status, location } => fill(s.err_redirect, &[status, &line(location)]),
        ApiError::TooLarge { limit } => fill(s.err_too_large, &[&(limit / (1024 * 1024))]),
        // "未登录" is the whole message in Chinese; said once, not "未登录 (未登录)".
        ApiError::NotLoggedIn { msg }
            if msg.trim().is_empty() || msg.trim() == ZH.err_not_logged_in =>
        {
            s.err_not_logged_in.to_owned()
        }
        ApiError::NotLoggedIn { msg } => {
            format!(
                "{} ({})",
                s.err_not_logged_in,
                server_message(msg, s.lang())
            )
        }
        ApiError::Api { code, msg } => match (s.lang(), known_server_message(msg, *code)) {
            (Lang::En, Some(_)) => server_message_for(msg, *code, Lang::En),
            _ => format!("{} ({code})", line(msg)),
        },
        ApiError::Decode(detail) => fill(s.err_decode, &[&line(detail)]),
        ApiError::Input(detail) => line(detail).into_owned(),
    }
}

/// The English for messages the service (or its demo) is known to send, by message, then by
/// code for the codes whose meaning is documented.
fn known_server_message(msg: &str, code: i64) -> Option<&'static str> {
    let msg = msg.trim().trim_end_matches(['。', '！', '!', '.']);
    let by_message = match msg {
        "未登录" => "Not logged in",
        "图形验证码错误" => "Wrong characters from the picture",
        "验证码错误" => "Wrong verification code",
        "邮箱或密码错误" => "Wrong email or password",
        "功能仅限VIP用户使用" => "Only for VIP users",
        "手机号格式不正确" => "Not a valid phone number",
        "邮箱格式不正确" => "Not a valid email address",
        "该手机号未注册" => "No account has this phone number",
        "该邮箱未注册" => "No account has this email",
        "该用户不存在" => "No such user",
        "昵称不能为空" => "The nickname is empty",
        "昵称不合法" => "The nickname is not allowed",
        "头像地址无效" => "The avatar address is not valid",
        "性别参数错误" => "Not a valid gender",
        "地区编码格式错误" => "Not a valid location code",
        "生日不合法" => "Not a valid birthday",
        "简介过长" => "The introduction is too long",
        "参数错误" => "Invalid request parameters",
        "该手机号已被绑定" => "This phone number belongs to another account",
        "该邮箱已被绑定" => "This email belongs to another account",
        "已绑定手机号，请更换手机号" => {
            "A phone number is bound already: change it instead"
        }
        "已绑定邮箱，请更换邮箱" => "An email is bound already: change it instead",
        "尚未绑定手机号" => "No phone number is bound yet",
        "尚未绑定邮箱" => "No email is bound yet",
        "密码长度应为6-32位" => "The password needs 6–32 characters",
        "用户已被封禁" | "账号已被封禁" => "This account is banned",
        _ => "",
    };
    if !by_message.is_empty() {
        return Some(by_message);
    }
    match code {
        4402 => Some("No such user"),
        7100 => Some("This account is banned"),
        -9 => Some("Added already"),
        _ => None,
    }
}

/// A message from the server as a person reads it: sanitised to one line; in English, a
/// known message is translated with the original kept in brackets, e.g.
/// "Only for VIP users (功能仅限VIP用户使用)". Chinese, and unknown messages, stay verbatim.
pub fn server_message(msg: &str, lang: Lang) -> String {
    server_message_for(msg, 0, lang)
}

fn server_message_for(msg: &str, code: i64, lang: Lang) -> String {
    let original = crate::sanitize::line(msg);
    match (lang, known_server_message(msg, code)) {
        (Lang::En, Some(english)) if original.trim().is_empty() => english.to_owned(),
        (Lang::En, Some(english)) => format!("{english} ({})", original.trim()),
        _ => original.into_owned(),
    }
}

/// A refused input in the user's language.
pub fn invalid(err: &Invalid, s: &Strings) -> String {
    use crate::validate::{MAX_INTRODUCTION_CHARS, MAX_NICKNAME_CHARS};
    match err {
        Invalid::EmptyNickname => s.inv_empty_nickname.into(),
        Invalid::NicknameTooLong => fill(s.inv_nickname_long, &[&MAX_NICKNAME_CHARS]),
        Invalid::ControlCharacter => s.inv_control.into(),
        Invalid::IntroductionTooLong => fill(s.inv_intro_long, &[&MAX_INTRODUCTION_CHARS]),
        Invalid::DateFormat => s.inv_date_format.into(),
        Invalid::ImpossibleDate(d) => fill(s.inv_date, &[d]),
        Invalid::FutureBirthday => s.inv_future.into(),
        Invalid::LocationCode => s.inv_location.into(),
        Invalid::Phone => s.inv_phone.into(),
        // SealTalk's rules: only the command line uses them so far, in English.
        Invalid::SealtalkNicknameTooLong
        | Invalid::AngleBracket
        | Invalid::BeyondBmp
        | Invalid::EmptyPassword
        | Invalid::PasswordSpace
        | Invalid::PasswordLength(_) => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;

    #[test]
    fn fill_replaces_slots_in_order() {
        assert_eq!(fill("{} of {}", &[&3, &"10"]), "3 of 10");
        assert_eq!(fill("no slots", &[&1]), "no slots");
        assert_eq!(fill("{} and {}", &[&1]), "1 and ");
    }

    #[test]
    fn server_messages_stay_verbatim() {
        let e = ApiError::Api {
            code: -1,
            msg: "功能仅限VIP用户使用".into(),
        };
        assert_eq!(describe(&e, &ZH), "功能仅限VIP用户使用 (-1)");
        assert_eq!(
            describe(
                &ApiError::Http {
                    status: 502,
                    excerpt: String::new()
                },
                &ZH
            ),
            "服务器错误 HTTP 502"
        );
    }

    #[test]
    fn known_server_messages_are_translated_in_english_with_the_original() {
        let vip = ApiError::Api {
            code: -1,
            msg: "功能仅限VIP用户使用".into(),
        };
        assert_eq!(
            describe(&vip, &EN),
            "Only for VIP users (功能仅限VIP用户使用)"
        );
        for (msg, english) in [
            ("图形验证码错误", "Wrong characters from the picture"),
            ("邮箱或密码错误", "Wrong email or password"),
            ("验证码错误", "Wrong verification code"),
        ] {
            let e = ApiError::Api {
                code: -1,
                msg: msg.into(),
            };
            assert_eq!(describe(&e, &EN), format!("{english} ({msg})"));
            assert_eq!(
                describe(&e, &ZH),
                format!("{msg} (-1)"),
                "Chinese stays verbatim"
            );
        }
        let not_logged_in = ApiError::NotLoggedIn {
            msg: "未登录".into(),
        };
        assert_eq!(describe(&not_logged_in, &EN), "Not logged in");
        assert_eq!(describe(&not_logged_in, &ZH), "未登录", "said once");
        // Unknown messages stay as they are, with the code; known codes are explained.
        let odd = ApiError::Api {
            code: -3,
            msg: "奇怪的错误".into(),
        };
        assert_eq!(describe(&odd, &EN), "奇怪的错误 (-3)");
        let banned = ApiError::Api {
            code: 7100,
            msg: "违规".into(),
        };
        assert_eq!(describe(&banned, &EN), "This account is banned (违规)");
        assert_eq!(
            server_message("验证码错误", Lang::En),
            "Wrong verification code (验证码错误)"
        );
        assert_eq!(server_message("验证码错误", Lang::Zh), "验证码错误");
    }

    #[test]
    fn server_text_in_errors_is_sanitised() {
        let e = ApiError::Api {
            code: -1,
            msg: "bad\u{1b}]52;c;eA==\u{7}\u{202e}x\nline".into(),
        };
        let shown = describe(&e, &EN);
        assert!(!shown.chars().any(crate::sanitize::is_unsafe), "{shown:?}");
        assert!(
            shown.contains("\\u{1b}") && shown.contains("\\u{202e}"),
            "{shown:?}"
        );
        let http = ApiError::Http {
            status: 502,
            excerpt: "soft\u{ad}hyphen".into(),
        };
        assert!(!describe(&http, &ZH).contains('\u{ad}'));
        let redirect = ApiError::Redirect {
            status: 302,
            location: "evil.example\u{1b}[2J".into(),
        };
        assert!(!describe(&redirect, &EN).contains('\u{1b}'));
    }
}
