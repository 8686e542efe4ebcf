//! Checks of what a user types, made before anything is sent. Each failure says why.

use chrono::{Datelike, NaiveDate};

/// The longest nickname accepted, in characters.
pub const MAX_NICKNAME_CHARS: usize = 20;
/// The longest self-introduction accepted, in characters.
pub const MAX_INTRODUCTION_CHARS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("the nickname is empty")]
    EmptyNickname,
    #[error("the nickname is longer than {MAX_NICKNAME_CHARS} characters")]
    NicknameTooLong,
    #[error("control characters are not allowed")]
    ControlCharacter,
    #[error("the introduction is longer than {MAX_INTRODUCTION_CHARS} characters")]
    IntroductionTooLong,
    #[error("write the date as YYYY-MM-DD")]
    DateFormat,
    #[error("{0} is not a date")]
    ImpossibleDate(String),
    #[error("the birthday is in the future")]
    FutureBirthday,
    #[error("the location code must be 6 digits")]
    LocationCode,
    #[error("a mobile number is 11 digits starting with 1")]
    Phone,
    #[error("the nickname is longer than {SEALTALK_NICKNAME_CHARS} characters")]
    SealtalkNicknameTooLong,
    #[error(
        "'<' and '>' are not allowed: SealTalk stores them HTML-escaped (&lt; &gt;), so the nickname would not read as typed"
    )]
    AngleBracket,
    #[error(
        "emoji and other characters beyond U+FFFF are not allowed: a stock SealTalk database cannot store them"
    )]
    BeyondBmp,
    #[error("the new password is empty")]
    EmptyPassword,
    #[error("the new password has a space; SealTalk does not allow one")]
    PasswordSpace,
    #[error(
        "the new password has {0} characters; SealTalk takes {SEALTALK_PASSWORD_MIN} to {SEALTALK_PASSWORD_MAX}"
    )]
    PasswordLength(usize),
}

/// The longest SealTalk nickname, in characters (T5, after escaping: Q10).
pub const SEALTALK_NICKNAME_CHARS: usize = 32;
/// A SealTalk password's length, in characters (T8).
pub const SEALTALK_PASSWORD_MIN: usize = 6;
pub const SEALTALK_PASSWORD_MAX: usize = 20;

/// A SealTalk nickname, trimmed: 1 to 32 characters, none of which the server would change
/// (`<`, `>` are escaped before the length check) or cannot store (beyond the BMP with the
/// stock 3-byte `utf8` tables), no control characters.
pub fn sealtalk_nickname(input: &str) -> Result<String, Invalid> {
    let name = input.trim();
    if name.is_empty() {
        return Err(Invalid::EmptyNickname);
    }
    if name.chars().any(char::is_control) {
        return Err(Invalid::ControlCharacter);
    }
    if name.contains(['<', '>']) {
        return Err(Invalid::AngleBracket);
    }
    if name.chars().any(|c| u32::from(c) > 0xFFFF) {
        return Err(Invalid::BeyondBmp);
    }
    if name.chars().count() > SEALTALK_NICKNAME_CHARS {
        return Err(Invalid::SealtalkNicknameTooLong);
    }
    Ok(name.to_owned())
}

/// A new SealTalk password, as the server checks it (T8): 6 to 20 characters, no space
/// (U+0020). Taken as typed, not trimmed.
pub fn sealtalk_new_password(input: &str) -> Result<(), Invalid> {
    if input.is_empty() {
        return Err(Invalid::EmptyPassword);
    }
    if input.contains(' ') {
        return Err(Invalid::PasswordSpace);
    }
    let n = input.chars().count();
    if !(SEALTALK_PASSWORD_MIN..=SEALTALK_PASSWORD_MAX).contains(&n) {
        return Err(Invalid::PasswordLength(n));
    }
    Ok(())
}

/// A nickname, trimmed.
pub fn nickname(input: &str) -> Result<String, Invalid> {
    let name = input.trim();
    if name.is_empty() {
        return Err(Invalid::EmptyNickname);
    }
    if name.chars().any(char::is_control) {
        return Err(Invalid::ControlCharacter);
    }
    if name.chars().count() > MAX_NICKNAME_CHARS {
        return Err(Invalid::NicknameTooLong);
    }
    Ok(name.to_owned())
}

/// A self-introduction: newlines and tabs are fine, other control characters are not.
pub fn introduction(input: &str) -> Result<String, Invalid> {
    let text = input.trim();
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Invalid::ControlCharacter);
    }
    if text.chars().count() > MAX_INTRODUCTION_CHARS {
        return Err(Invalid::IntroductionTooLong);
    }
    Ok(text.to_owned())
}

/// A birthday as `YYYY-MM-DD`, not after `today`.
pub fn birthday(input: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let text = input.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let well_formed = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(len, p)| p.len() == *len && p.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        return Err(Invalid::DateFormat);
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Invalid::ImpossibleDate(text.to_owned()))?;
    if date > today {
        return Err(Invalid::FutureBirthday);
    }
    if date.year() < 1900 {
        return Err(Invalid::ImpossibleDate(text.to_owned()));
    }
    Ok(date)
}

/// A 6-digit administrative location code; empty is allowed (no location).
pub fn location_code(input: &str) -> Result<String, Invalid> {
    let code = input.trim();
    if code.is_empty() || (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())) {
        Ok(code.to_owned())
    } else {
        Err(Invalid::LocationCode)
    }
}

/// A mainland China mobile number, trimmed: 11 ASCII digits starting with 1 (the rule the
/// service applies to `mobile`: 手机号格式不正确 otherwise). No country code, spaces or dashes.
pub fn phone(input: &str) -> Result<String, Invalid> {
    let number = input.trim();
    if number.len() == 11 && number.starts_with('1') && number.bytes().all(|b| b.is_ascii_digit()) {
        Ok(number.to_owned())
    } else {
        Err(Invalid::Phone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn nicknames() {
        assert_eq!(nickname("  新昵称 "), Ok("新昵称".into()));
        assert_eq!(nickname("   "), Err(Invalid::EmptyNickname));
        assert_eq!(nickname("a\u{7}b"), Err(Invalid::ControlCharacter));
        assert_eq!(nickname(&"长".repeat(20)), Ok("长".repeat(20)));
        assert_eq!(nickname(&"长".repeat(21)), Err(Invalid::NicknameTooLong));
    }

    #[test]
    fn sealtalk_nicknames_follow_the_servers_rules() {
        assert_eq!(sealtalk_nickname(" 海星 "), Ok("海星".into()));
        assert_eq!(sealtalk_nickname(&"长".repeat(32)), Ok("长".repeat(32)));
        assert_eq!(
            sealtalk_nickname(&"长".repeat(33)),
            Err(Invalid::SealtalkNicknameTooLong)
        );
        assert_eq!(sealtalk_nickname("  "), Err(Invalid::EmptyNickname));
        assert_eq!(sealtalk_nickname("<b>"), Err(Invalid::AngleBracket));
        assert_eq!(sealtalk_nickname("hi 😀"), Err(Invalid::BeyondBmp));
        assert_eq!(
            sealtalk_nickname("a\u{1b}b"),
            Err(Invalid::ControlCharacter)
        );
        // Ampersands are stored as typed: only < and > are escaped.
        assert_eq!(sealtalk_nickname("A&B"), Ok("A&B".into()));
    }

    #[test]
    fn sealtalk_passwords_follow_the_servers_rules() {
        assert_eq!(sealtalk_new_password("P@ssw0rdNew"), Ok(()));
        assert_eq!(sealtalk_new_password(&"x".repeat(20)), Ok(()));
        assert_eq!(
            sealtalk_new_password("12345"),
            Err(Invalid::PasswordLength(5))
        );
        assert_eq!(
            sealtalk_new_password(&"x".repeat(21)),
            Err(Invalid::PasswordLength(21))
        );
        assert_eq!(
            sealtalk_new_password("two words"),
            Err(Invalid::PasswordSpace)
        );
        assert_eq!(sealtalk_new_password(""), Err(Invalid::EmptyPassword));
    }

    #[test]
    fn birthdays() {
        let today = day("2026-11-22");
        assert_eq!(birthday("2000-01-01", today), Ok(day("2000-01-01")));
        assert_eq!(birthday("2024-02-29", today), Ok(day("2024-02-29")));
        assert_eq!(
            birthday("2023-02-29", today),
            Err(Invalid::ImpossibleDate("2023-02-29".into()))
        );
        assert_eq!(
            birthday("2000-13-01", today),
            Err(Invalid::ImpossibleDate("2000-13-01".into()))
        );
        assert_eq!(birthday("2000-1-1", today), Err(Invalid::DateFormat));
        assert_eq!(birthday("二〇〇〇-01-01", today), Err(Invalid::DateFormat));
        assert_eq!(birthday("2026-11-23", today), Err(Invalid::FutureBirthday));
        assert_eq!(
            birthday("1899-12-31", today),
            Err(Invalid::ImpossibleDate("1899-12-31".into()))
        );
    }

    #[test]
    fn location_codes() {
        assert_eq!(location_code("110101"), Ok("110101".into()));
        assert_eq!(location_code(""), Ok(String::new()));
        assert_eq!(location_code("11010"), Err(Invalid::LocationCode));
        assert_eq!(location_code("11010a"), Err(Invalid::LocationCode));
        assert_eq!(location_code("１１０１０１"), Err(Invalid::LocationCode));
    }

    #[test]
    fn introductions_keep_newlines_but_not_other_controls() {
        assert_eq!(introduction("第一行\n第二行"), Ok("第一行\n第二行".into()));
        assert_eq!(introduction("a\u{1b}[31m"), Err(Invalid::ControlCharacter));
        assert_eq!(
            introduction(&"字".repeat(501)),
            Err(Invalid::IntroductionTooLong)
        );
    }

    #[test]
    fn phones() {
        assert_eq!(phone("13800138000"), Ok("13800138000".into()));
        assert_eq!(phone(" 19912345678\n"), Ok("19912345678".into()));
        for bad in [
            "",
            "1380013800",
            "138001380000",
            "23800138000",
            "1380013800a",
            "138 0013 8000",
            "+8613800138000",
            "１３８００１３８０００",
            "1380013800\u{663}",
        ] {
            assert_eq!(phone(bad), Err(Invalid::Phone), "{bad:?}");
        }
    }
}
