//! Q1–Q3: the SMS code (always the demo code), the login that registers unknown numbers,
//! and the logout.

use serde_json::json;

use super::super::data::Account;
use super::super::data::DEMO_SMS_CODE;
use super::super::state::{DemoState, LiveSession, MAX_WRONG_CODES, Pending, now_ms, random_id};
use super::{Answer, blank, not_duplicate, text};
use crate::demo::chaoqer::gate::Call;
use crate::demo::chaoqer::reply::{self, Refusal};

const THIRTY_DAYS_MS: i64 = 30 * 86_400_000;

/// The phone fields: required, digits only, and "valid" (an approximation of
/// libphonenumber: +86 mobiles are 11 digits starting with 1, others 5–15 digits).
fn phone(call: &Call) -> Result<(String, String), Refusal> {
    let country = text(call, "countryCode")?;
    let mobile = text(call, "mobile")?;
    if blank(&country) {
        return Err(reply::refuse("国家地区码不能为空").into());
    }
    if blank(&mobile) {
        return Err(reply::refuse("手机号码不能为空").into());
    }
    let (country, mobile) = (country.unwrap_or_default(), mobile.unwrap_or_default());
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let valid = digits(&country)
        && digits(&mobile)
        && if country == "86" {
            mobile.len() == 11 && mobile.starts_with('1')
        } else {
            (1..=4).contains(&country.len()) && (5..=15).contains(&mobile.len())
        };
    if !valid {
        return Err(reply::refuse("请输入正确的手机号码").into());
    }
    Ok((country, mobile))
}

pub fn send_code(st: &mut DemoState, call: &Call) -> Answer {
    let (country, mobile) = phone(call)?;
    not_duplicate(st, call)?;
    st.pending.insert(
        (country, mobile),
        Pending {
            code: DEMO_SMS_CODE.into(),
            wrong: 0,
        },
    );
    Ok(reply::with_message("验证码已发送，请注意查收", json!({})))
}

pub fn login(st: &mut DemoState, call: &Call) -> Answer {
    let (country, mobile) = phone(call)?;
    let captcha = text(call, "captcha")?;
    if blank(&captcha) {
        return Err(reply::refuse("验证码不能为空").into());
    }
    let captcha = captcha.unwrap_or_default();
    if !(4..=6).contains(&captcha.len()) || !captcha.bytes().all(|b| b.is_ascii_digit()) {
        return Err(reply::refuse("验证码格式不正确").into());
    }
    not_duplicate(st, call)?;
    let key = (country.clone(), mobile.clone());
    let expired = "验证码已过期，请重新获取验证码";
    let Some(pending) = st.pending.get_mut(&key) else {
        return Err(reply::refuse(expired).into());
    };
    if pending.code != captcha {
        pending.wrong += 1;
        if pending.wrong >= MAX_WRONG_CODES {
            st.pending.remove(&key);
            return Err(reply::refuse(expired).into());
        }
        return Err(reply::refuse("验证码不正确").into());
    }
    st.pending.remove(&key);
    let existing = st
        .seed
        .accounts
        .iter()
        .find(|a| a.country_code == country && a.mobile == mobile)
        .map(|a| (a.uid.clone(), a.state));
    let (uid, message) = match existing {
        Some((_, state)) if state == -2 || state == -1 => {
            return Err(reply::failure("账号已被冻结", 100002).into());
        }
        Some((uid, _)) => (uid, "登录成功"),
        None => {
            let uid = random_id();
            st.seed.accounts.push(Account {
                uid: uid.clone(),
                country_code: country,
                mobile,
                state: 0,
                nickname: String::new(),
                avatar: String::new(),
                bio: None,
                allow_live: false,
            });
            (uid, "注册成功")
        }
    };
    // One session per account: a new login replaces the old pair at once.
    let session = LiveSession {
        token: random_id(),
        secret: random_id(),
        expire_time: now_ms() + THIRTY_DAYS_MS,
    };
    let result = json!({
        "accessSecret": session.secret,
        "accessToken": session.token,
        "expireTime": session.expire_time,
        "uid": uid,
    });
    st.sessions.insert(uid, session);
    Ok(reply::with_message(message, result))
}

pub fn logout(st: &mut DemoState, call: &Call) -> Answer {
    not_duplicate(st, call)?;
    st.sessions.remove(call.me());
    Ok(reply::with_message("退出成功", json!({})))
}
