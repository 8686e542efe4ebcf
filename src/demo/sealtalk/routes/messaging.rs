//! T21 sends an IM message as the user (never answers when "RongCloud" rejects it, Q18);
//! T22 the apps' raw sync, whose ids are database numbers.

use axum::http::Method;
use serde_json::{Value, json};

use super::super::pipeline::Call;
use super::super::reply;
use super::super::rules::integer;
use super::super::state::{Published, Shared};
use super::{Handler, Outcome, me, type_error};

/// The object names the demo's "RongCloud" knows.
const OBJECT_NAMES: &[&str] = &[
    "RC:TxtMsg",
    "RC:ImgMsg",
    "RC:VcMsg",
    "RC:FileMsg",
    "RC:LBSMsg",
];

pub fn find(call: &Call) -> Option<Handler> {
    match (&call.method, call.route.as_str()) {
        (&Method::POST, "/misc/send_message") => Some(send_message),
        (&Method::GET, r) if r.starts_with("/user/sync/") => Some(sync),
        _ => None,
    }
}

fn send_message(state: &Shared, call: &Call) -> Outcome {
    let (Some(kind), Some(target), Some(object), Some(content)) = (
        call.str_field("conversationType"),
        call.str_field("targetId"),
        call.str_field("objectName"),
        call.str_field("content"),
    ) else {
        return type_error("toUpperCase").into();
    };
    let mut st = state.lock();
    let mine = me(call);
    let kind = match kind {
        "PRIVATE" => {
            let friend = st.user_by_id(target).map(|u| u.num);
            let is_friend = st
                .friendships
                .iter()
                .any(|f| f.user == mine && Some(f.friend) == friend && f.status == 20);
            if !is_friend {
                return reply::text(403, &format!("User {target} is not your friend.")).into();
            }
            1
        }
        "GROUP" => {
            let member = st
                .memberships
                .iter()
                .any(|m| m.user == mine && m.group == target)
                && st.groups.iter().any(|g| g.id == target && !g.dismissed);
            if !member {
                return reply::text(403, &format!("Your are not member of Group {target}.")).into();
            }
            3
        }
        _ => return reply::text(403, "Unsupported conversation type.").into(),
    };
    let is_json = serde_json::from_str::<Value>(content).is_ok_and(|v| v.is_object());
    if !is_json || !OBJECT_NAMES.contains(&object) {
        // The server throws inside RongCloud's callback and never answers.
        return Outcome::Hang;
    }
    let sender_id = st.id_of(mine);
    st.published.push(Published {
        sender_id,
        conversation_type: kind,
        target_id: target.to_owned(),
        object_name: object.to_owned(),
        content: content.to_owned(),
    });
    reply::ok().into()
}

fn sync(state: &Shared, call: &Call) -> Outcome {
    let Some(version) = call.tail("/user/sync/").and_then(integer) else {
        return reply::bad_request("Version parameter is not integer.").into();
    };
    let st = state.lock();
    let mine = me(call);
    if version >= st.version_ms {
        return reply::result(json!({
            "version": null, "user": null, "blacklist": [], "friends": [], "groups": [],
            "group_members": null,
        }))
        .into();
    }
    let user = st.user(mine).map_or(Value::Null, |u| {
        json!({"id": u.num, "nickname": u.nickname, "portraitUri": u.portrait_uri, "timestamp": u.updated_ms})
    });
    let raw_user = |num: u32| {
        st.user(num).map_or(Value::Null, |u| {
            json!({"id": u.num, "nickname": u.nickname, "portraitUri": u.portrait_uri, "timestamp": u.updated_ms})
        })
    };
    let mine_rows = st.friendships.iter().filter(|f| f.user == mine);
    let blacklist: Vec<Value> = mine_rows
        .clone()
        .filter(|f| f.status == 31)
        .map(|f| json!({"friendId": f.friend, "status": true, "timestamp": f.updated_ms, "user": raw_user(f.friend)}))
        .collect();
    let friends: Vec<Value> = mine_rows
        .filter(|f| f.status != 31)
        .map(|f| json!({"friendId": f.friend, "displayName": f.display_name, "status": f.status, "timestamp": f.updated_ms, "user": raw_user(f.friend)}))
        .collect();
    let groups: Vec<Value> = st
        .memberships
        .iter()
        .filter(|m| m.user == mine)
        .map(|m| {
            // Raw database numbers, as the real T22 sends (a bug of the server).
            let num = st
                .groups
                .iter()
                .position(|g| g.id == m.group)
                .map_or(0, |i| 20001 + i);
            json!({"groupId": num, "displayName": "", "role": m.role, "isDeleted": false})
        })
        .collect();
    reply::result(json!({
        "version": st.version_ms, "user": user, "blacklist": blacklist,
        "friends": friends, "groups": groups, "group_members": [],
    }))
    .into()
}
