//! L: login and session. No token needed, except to log out.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use serde_json::json;

use super::{valid_email, valid_phone};
use crate::demo::captcha;
use crate::demo::extract::{Account, JsonBody};
use crate::demo::reply::{Answer, Reply, json_done, json_ok};
use crate::demo::state::{DemoState, SharedState, random_hex};

/// The SMS code the demo "sends" to any phone.
pub const DEMO_SMS_CODE: &str = "123456";
/// The email code the demo "sends" to any address.
pub const DEMO_EMAIL_CODE: &str = "654321";

pub(super) fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/user/captcha", post(captcha_image))
        .route(
            "/v1/verification/get-verification-code",
            post(send_sms_code),
        )
        .route("/v1/user/verification-login", post(sms_login))
        .route("/v1/user/email-login", post(email_login))
        .route("/v1/user/logout", post(logout))
        .route(
            "/v1/verification/get-email-verification-code",
            post(send_email_code),
        )
}

/// Checks and consumes a captcha: each one can be tried once.
fn take_captcha(st: &mut DemoState, id: &str, text: &str) -> bool {
    st.captchas
        .remove(id)
        .is_some_and(|expected| expected.eq_ignore_ascii_case(text.trim()))
}

/// L1
async fn captcha_image(State(s): State<SharedState>) -> Answer {
    use base64::Engine;
    let (code, png) = {
        let mut rng = rand::rng();
        let code = captcha::random_code(&mut rng);
        let png = captcha::render_png(&code, &mut rng);
        (code, png)
    };
    let Ok(png) = png else {
        return Err(Reply::Text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "captcha rendering failed".into(),
        ));
    };
    let id = random_hex(8);
    s.lock().captchas.insert(id.clone(), code);
    let b64 = base64::engine::general_purpose::STANDARD.encode(png);
    Ok(json_ok(
        json!({"b64s": format!("data:image/png;base64,{b64}"), "id": id}),
    ))
}

/// L2
async fn send_sms_code(State(s): State<SharedState>, body: JsonBody) -> Answer {
    let (mobile, code, id) = (body.text("mobile")?, body.text("code")?, body.text("id")?);
    let mut st = s.lock();
    if !take_captcha(&mut st, &id, &code) {
        return Err(Reply::code(-1, "图形验证码错误"));
    }
    if !valid_phone(&mobile) {
        return Err(Reply::code(-1, "手机号格式不正确"));
    }
    st.sms_codes.insert(mobile, DEMO_SMS_CODE.to_owned());
    Ok(json_done())
}

/// L3
async fn sms_login(State(s): State<SharedState>, body: JsonBody) -> Answer {
    let (mobile, code) = (body.text("mobile")?, body.text("captcha")?);
    let mut st = s.lock();
    if st
        .sms_codes
        .get(&mobile)
        .is_none_or(|sent| *sent != code.trim())
    {
        return Err(Reply::code(-1, "验证码错误"));
    }
    let Some(index) = st.account_by_phone(&mobile) else {
        return Err(Reply::code(4402, "该手机号未注册"));
    };
    st.sms_codes.remove(&mobile);
    let token = st.open_session(index);
    Ok(json_ok(json!({"token": token})))
}

/// L4
async fn email_login(State(s): State<SharedState>, body: JsonBody) -> Answer {
    let (email, password) = (body.text("email")?, body.text("password")?);
    let mut st = s.lock();
    match st.account_by_email(&email) {
        Some(index) if st.accounts[index].password == password => {
            let token = st.open_session(index);
            Ok(json_ok(json!({"token": token})))
        }
        _ => Err(Reply::code(-1, "邮箱或密码错误")),
    }
}

/// L5
async fn logout(State(s): State<SharedState>, account: Account, _: JsonBody) -> Answer {
    s.lock().sessions.remove(&account.token);
    Ok(json_done())
}

/// L6
async fn send_email_code(State(s): State<SharedState>, body: JsonBody) -> Answer {
    let (email, typ) = (body.text("email")?, body.text("typ")?);
    let (code, id) = (body.text("code")?, body.text("id")?);
    let mut st = s.lock();
    if !take_captcha(&mut st, &id, &code) {
        return Err(Reply::code(-1, "图形验证码错误"));
    }
    if !valid_email(&email) {
        return Err(Reply::code(-1, "邮箱格式不正确"));
    }
    if typ == "forget_password" && st.account_by_email(&email).is_none() {
        return Err(Reply::code(4402, "该邮箱未注册"));
    }
    st.email_codes
        .insert(email.trim().to_lowercase(), DEMO_EMAIL_CODE.to_owned());
    Ok(json_done())
}
