//! Lists: T11 friendships, T12 groups, T13 the blacklist, T14 unblocking.

use axum::http::Method;
use serde_json::{Value, json};

use super::super::pipeline::{Call, decodable};
use super::super::reply;
use super::super::state::{DemoState, Shared};
use super::{Handler, Outcome, iso, me, type_error};

pub fn find(call: &Call) -> Option<Handler> {
    match (&call.method, call.route.as_str()) {
        (&Method::GET, "/friendship/all") => Some(friendships),
        (&Method::GET, "/user/groups") => Some(groups),
        (&Method::GET, "/user/blacklist") => Some(blacklist),
        (&Method::POST, "/user/remove_from_blacklist") => Some(unblock),
        _ => None,
    }
}

fn friend_user(st: &DemoState, num: u32) -> Value {
    match st.user(num) {
        Some(u) => json!({
            "id": u.id, "nickname": u.nickname, "region": u.region, "phone": u.phone,
            "portraitUri": portrait(st, &u.portrait_uri, u.id), "gender": u.gender,
            "stAccount": u.st_account,
        }),
        None => Value::Null,
    }
}

/// A friend's portrait: theirs, or when they have none the demo's identicon for them on its
/// own file host (so the dashboard draws friends' pictures without the network).
fn portrait(st: &DemoState, own: &str, id: &str) -> String {
    if !own.is_empty() {
        return own.to_owned();
    }
    format!(
        "{}{}portrait-{id}.png",
        st.base_url.trim_end_matches('/'),
        crate::demo::sealtalk::qiniu::FILES
    )
}

fn friendships(state: &Shared, call: &Call) -> Outcome {
    let st = state.lock();
    let rows: Vec<Value> = st
        .friendships
        .iter()
        .filter(|f| f.user == me(call))
        .map(|f| {
            json!({
                "displayName": f.display_name, "message": f.message, "status": f.status,
                "updatedAt": iso(f.updated_ms), "user": friend_user(&st, f.friend),
                "updatedTime": f.updated_ms,
            })
        })
        .collect();
    reply::result(Value::Array(rows)).into()
}

fn groups(state: &Shared, call: &Call) -> Outcome {
    let st = state.lock();
    let items: Vec<Value> = st
        .memberships
        .iter()
        .filter(|m| m.user == me(call))
        .map(|m| {
            let group = st
                .groups
                .iter()
                .find(|g| g.id == m.group && !g.dismissed)
                .map_or(Value::Null, |g| {
                    json!({
                        "id": g.id, "name": g.name, "portraitUri": g.portrait_uri,
                        "creatorId": st.id_of(g.creator), "memberCount": g.member_count,
                        "maxMemberCount": 500, "isMute": g.is_mute, "certiStatus": g.certi_status,
                    })
                });
            json!({"role": m.role, "group": group})
        })
        .collect();
    reply::result(Value::Array(items)).into()
}

fn blacklist(state: &Shared, call: &Call) -> Outcome {
    let st = state.lock();
    let items: Vec<Value> = st
        .friendships
        .iter()
        .filter(|f| f.user == me(call) && f.status == 31)
        .map(|f| {
            let user = st.user(f.friend).map_or(Value::Null, |u| {
                json!({
                    "id": u.id, "nickname": u.nickname, "portraitUri": u.portrait_uri,
                    "gender": u.gender, "stAccount": u.st_account, "phone": u.phone,
                    "updatedAt": iso(u.updated_ms), "updatedTime": u.updated_ms,
                })
            });
            json!({ "user": user })
        })
        .collect();
    reply::result(Value::Array(items)).into()
}

/// 200 also for an id not on the list; a blocked relationship becomes a friendship again.
fn unblock(state: &Shared, call: &Call) -> Outcome {
    let Some(id) = call.field("friendId").and_then(decodable) else {
        return type_error("toString").into();
    };
    let mut st = state.lock();
    let Some(num) = st.user_by_id(id).map(|u| u.num) else {
        return reply::ok().into();
    };
    let now = st.touch();
    let mine = me(call);
    for f in st
        .friendships
        .iter_mut()
        .filter(|f| f.user == mine && f.friend == num && f.status == 31)
    {
        f.status = 20;
        f.updated_ms = now;
    }
    reply::ok().into()
}
