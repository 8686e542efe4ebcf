//! Screen-capture notices: T15 read, T16 set (publishes `ST:ConNtf` into the chat), T17
//! the "screenshot taken" notice. Friendship and membership are not checked, like the server.

use axum::http::Method;
use serde_json::{Value, json};

use super::super::pipeline::{Call, decodable};
use super::super::reply;
use super::super::state::{Published, Shared};
use super::{Handler, Outcome, me, type_error};

pub fn find(call: &Call) -> Option<Handler> {
    match (&call.method, call.route.as_str()) {
        (&Method::POST, "/misc/get_screen_capture") => Some(get),
        (&Method::POST, "/misc/set_screen_capture") => Some(set),
        (&Method::POST, "/misc/send_sc_msg") => Some(send_notice),
        _ => None,
    }
}

/// Q17: T15/T16 take 1/3 as numbers or numeric strings.
fn loose_type(call: &Call) -> Option<i64> {
    match call.field("conversationType")? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A private chat's status is shared by the pair, a group's by all members.
fn key(kind: i64, me: &str, target: &str) -> String {
    if kind == 1 {
        let (a, b) = if me <= target {
            (me, target)
        } else {
            (target, me)
        };
        format!("1:{a}:{b}")
    } else {
        format!("{kind}:{target}")
    }
}

fn target(call: &Call) -> Option<&str> {
    call.field("targetId").and_then(decodable)
}

fn get(state: &Shared, call: &Call) -> Outcome {
    let Some(target) = target(call) else {
        return reply::empty("targetId").into();
    };
    let kind = loose_type(call).unwrap_or(0);
    let st = state.lock();
    let stored = st
        .screen_capture
        .get(&key(kind, &st.id_of(me(call)), target));
    let status = stored.map_or(0, |v| i64::from(opens(v)));
    reply::result(json!({ "status": status })).into()
}

/// JavaScript's `noticeStatus == 0` is false for these.
fn opens(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => s.trim().parse::<f64>().ok() != Some(0.0) && !s.trim().is_empty(),
        Value::Bool(b) => *b,
        _ => true,
    }
}

fn publish(state: &Shared, call: &Call, kind: i64, target: &str, operation: &str) {
    let mut st = state.lock();
    let sender_id = st.id_of(me(call));
    // In the contract's key order (a `json!` map would sort them); ids are alphanumeric.
    let content = format!(r#"{{"operatorUserId":"{sender_id}","operation":"{operation}"}}"#);
    st.published.push(Published {
        sender_id,
        conversation_type: kind,
        target_id: target.to_owned(),
        object_name: "ST:ConNtf".into(),
        content,
    });
}

fn set(state: &Shared, call: &Call) -> Outcome {
    let Some(target) = target(call) else {
        return reply::empty("targetId").into();
    };
    let Some(status) = call.field("noticeStatus").cloned() else {
        return type_error("toString").into();
    };
    let kind = loose_type(call).unwrap_or(0);
    let on = opens(&status);
    {
        let mut st = state.lock();
        let k = key(kind, &st.id_of(me(call)), target);
        // Stored as given, before the type is looked at.
        st.screen_capture.insert(k, status);
    }
    if kind != 1 && kind != 3 {
        return reply::server_error("Cannot read property 'then' of undefined").into();
    }
    let operation = if on {
        "openScreenNtf"
    } else {
        "closeScreenNtf"
    };
    publish(state, call, kind, target, operation);
    reply::ok().into()
}

fn send_notice(state: &Shared, call: &Call) -> Outcome {
    let Some(target) = target(call) else {
        return reply::empty("targetId").into();
    };
    // Only JSON numbers here: `"3"` fails (Q17).
    let kind = match call.field("conversationType") {
        Some(Value::Number(n)) if matches!(n.as_i64(), Some(1 | 3)) => n.as_i64().unwrap_or(0),
        _ => return reply::server_error("Cannot read property 'then' of undefined").into(),
    };
    publish(state, call, kind, target, "sendScreenNtf");
    reply::ok().into()
}
