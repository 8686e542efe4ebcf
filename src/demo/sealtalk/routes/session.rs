//! Session: T1 login, T2 logout, T3 ping.

use axum::http::{HeaderValue, Method, header};
use serde_json::{Value, json};

use super::super::data::{COOKIE_DOMAIN, COOKIE_NAME};
use super::super::pipeline::Call;
use super::super::rules::mainland_phone;
use super::super::state::Shared;
use super::super::{cookie, reply};
use super::{Handler, Outcome};

const MAX_AGE_SECS: i64 = 30 * 24 * 3600;

pub fn find(call: &Call) -> Option<Handler> {
    match (&call.method, call.route.as_str()) {
        (_, "/ping") => Some(|_, _| reply::ok().into()),
        (&Method::POST, "/user/login") => Some(login),
        (&Method::POST, "/user/logout") => Some(logout),
        _ => None,
    }
}

/// A string or a number as the text the server compares.
fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => "undefined".into(),
    }
}

fn login(state: &Shared, call: &Call) -> Outcome {
    let region = text_of(call.field("region"));
    let phone = text_of(call.field("phone"));
    // Absent counts as the text `undefined`.
    let password = text_of(call.field("password"));
    if region == "86" && !mainland_phone(&phone) {
        return reply::bad_request("Invalid region and phone number.").into();
    }
    let mut st = state.lock();
    let Some(user) = st
        .users
        .iter()
        .find(|u| u.region == region && u.phone == phone)
        .cloned()
    else {
        return reply::code(1000).into();
    };
    if user.password != password {
        return reply::code(1001).into();
    }
    st.logins += 1;
    let salt = 1000 + (st.logins * 7919) % 8999;
    let now = chrono::Utc::now();
    let value = cookie::encode(salt, user.num, now.timestamp_millis());
    let expires =
        (now + chrono::Duration::seconds(MAX_AGE_SECS)).format("%a, %d %b %Y %H:%M:%S GMT");
    let mut resp = reply::result(json!({
        "id": user.id,
        // The RongCloud IM token: clients must neither show, log nor store it.
        "token": format!("demoRCtoken/{}+{:08x}==", user.num, salt),
    }));
    let set_cookie = format!(
        "{COOKIE_NAME}={value}; Max-Age={MAX_AGE_SECS}; Domain={COOKIE_DOMAIN}; Path=/; Expires={expires}; HttpOnly"
    );
    if let Ok(v) = HeaderValue::from_str(&set_cookie) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp.into()
}

/// Revokes nothing (Q4): the cookie keeps working.
fn logout(_: &Shared, _: &Call) -> Outcome {
    let mut resp = reply::ok();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{COOKIE_NAME}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
    )) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp.into()
}
