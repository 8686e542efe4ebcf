//! Profile: T4 a user, T5–T10 the own profile's edits (with the server's escaping and
//! limits, Q10), T7 the image token of the demo's stand-in for Qiniu.

use axum::http::Method;
use base64::Engine;
use md5::{Digest, Md5};
use serde_json::{Value, json};

use super::super::data::User;
use super::super::pipeline::Call;
use super::super::rules::{absolute_url, escape, st_account_pattern};
use super::super::state::Shared;
use super::super::{qiniu, reply};
use super::{Handler, Outcome, me, type_error};

pub fn find(call: &Call) -> Option<Handler> {
    let post = call.method == Method::POST;
    let get = call.method == Method::GET;
    Some(match call.route.as_str() {
        "/user/set_nickname" if post => set_nickname,
        "/user/set_portrait_uri" if post => set_portrait_uri,
        "/user/get_image_token" if get => image_token,
        "/user/change_password" if post => change_password,
        "/user/set_gender" if post => set_gender,
        "/user/set_st_account" if post => set_st_account,
        r if get && r.starts_with("/user/") && !r["/user/".len()..].contains('/') => user,
        _ => return None,
    })
}

pub fn user_json(u: &User) -> Value {
    json!({
        "id": u.id, "nickname": u.nickname, "portraitUri": u.portrait_uri,
        "gender": u.gender, "stAccount": u.st_account, "phone": u.phone,
    })
}

fn user(state: &Shared, call: &Call) -> Outcome {
    let id = call.tail("/user/").unwrap_or_default();
    match state.lock().user_by_id(id) {
        Some(u) => reply::result(user_json(u)).into(),
        None => reply::text(404, "Unknown user.").into(),
    }
}

/// The first character the stock 3-byte `utf8` tables cannot store, as MySQL names it.
fn outside_bmp(s: &str) -> Option<String> {
    s.chars().find(|c| c.len_utf16() > 1).map(|c| {
        let mut buf = [0u8; 4];
        c.encode_utf8(&mut buf)
            .bytes()
            .map(|b| format!("\\x{b:02X}"))
            .collect()
    })
}

fn set_nickname(state: &Shared, call: &Call) -> Outcome {
    let Some(raw) = call.str_field("nickname") else {
        return type_error("replace").into();
    };
    let nickname = escape(raw, 32);
    if !(1..=32).contains(&nickname.chars().count()) {
        return reply::bad_request("Invalid nickname length.").into();
    }
    if let Some(bytes) = outside_bmp(&nickname) {
        return reply::server_error(&format!(
            "ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: Incorrect string value: '{bytes}' for column 'nickname' at row 1"
        ))
        .into();
    }
    let mut st = state.lock();
    let now = st.touch();
    if let Some(u) = st.user_mut(me(call)) {
        u.nickname = nickname;
        u.updated_ms = now;
    }
    reply::ok().into()
}

fn set_portrait_uri(state: &Shared, call: &Call) -> Outcome {
    let Some(raw) = call.str_field("portraitUri") else {
        return type_error("replace").into();
    };
    let uri = escape(raw, 256);
    if !absolute_url(&uri) {
        return reply::bad_request("Invalid portraitUri format.").into();
    }
    if !(12..=256).contains(&uri.chars().count()) {
        return reply::bad_request("Invalid portraitUri length.").into();
    }
    let mut st = state.lock();
    let now = st.touch();
    if let Some(u) = st.user_mut(me(call)) {
        u.portrait_uri = uri;
        u.updated_ms = now;
    }
    reply::ok().into()
}

/// A Qiniu-shaped token `<AccessKey>:<sig>:<base64 {"scope","deadline"}>`, valid an hour,
/// that the demo's upload stand-in accepts.
fn image_token(state: &Shared, _: &Call) -> Outcome {
    let mut st = state.lock();
    let deadline = chrono::Utc::now().timestamp() + 3600;
    let policy = json!({"scope": "sealtalk-demo", "deadline": deadline}).to_string();
    let url_b64 = base64::engine::general_purpose::URL_SAFE;
    let sig = url_b64.encode(Md5::digest(format!("{policy}{}", st.image_tokens.len())));
    let token = format!("demoAK:{sig}:{}", url_b64.encode(policy));
    st.image_tokens.push(token.clone());
    let domain = qiniu::download_domain(&st.base_url);
    reply::result(json!({"target": "qiniu", "domain": domain, "token": token})).into()
}

fn change_password(state: &Shared, call: &Call) -> Outcome {
    let Some(new) = call.str_field("newPassword") else {
        return type_error("indexOf").into();
    };
    if new.contains(' ') {
        return reply::bad_request("New password must have no space.").into();
    }
    if !(6..=20).contains(&new.chars().count()) {
        return reply::bad_request("Invalid new password length.").into();
    }
    let old = call.str_field("oldPassword").unwrap_or("undefined");
    let mut st = state.lock();
    match st.user_mut(me(call)) {
        Some(u) if u.password == old => {
            u.password = new.to_owned();
            reply::ok().into()
        }
        _ => reply::code(1000).into(),
    }
}

fn set_gender(state: &Shared, call: &Call) -> Outcome {
    let gender = match call.str_field("gender") {
        Some(g @ ("male" | "female")) => g.to_owned(),
        _ => return reply::bad_request("Parameter error.").into(),
    };
    let mut st = state.lock();
    let now = st.touch();
    if let Some(u) = st.user_mut(me(call)) {
        u.gender = gender;
        u.updated_ms = now;
    }
    reply::ok().into()
}

fn set_st_account(state: &Shared, call: &Call) -> Outcome {
    let Some(account) = call.field("stAccount").map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }) else {
        return type_error("length").into();
    };
    if !(6..=20).contains(&account.chars().count()) {
        return reply::bad_request("Incorrect parameter length.").into();
    }
    if !st_account_pattern(&account) {
        return reply::bad_request("Not letter beginning or invalid symbol.").into();
    }
    let mut st = state.lock();
    // Taken by anybody, yourself included, compared case-insensitively.
    if st
        .users
        .iter()
        .any(|u| u.st_account.eq_ignore_ascii_case(&account))
    {
        return reply::code(1000).into();
    }
    let now = st.touch();
    if let Some(u) = st.user_mut(me(call)) {
        u.st_account = account;
        u.updated_ms = now;
    }
    reply::ok().into()
}
