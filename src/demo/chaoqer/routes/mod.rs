//! The controllers: field checks with the gateway's exact messages, then the services'
//! behaviour (including their quirks) on the demo state.

mod account;
mod app;
mod club;
mod event;
mod user;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::gate::Call;
use super::reply::{self, Refusal};
use super::state::{DemoState, Shared};
use crate::api::chaoqer::Endpoint;

pub fn dispatch(state: &Shared, call: &Call) -> Response {
    let mut st = state.lock();
    let answer = match call.endpoint {
        Endpoint::SendCode => account::send_code(&mut st, call),
        Endpoint::Login => account::login(&mut st, call),
        Endpoint::Logout => account::logout(&mut st, call),
        Endpoint::InitProfile => user::init_profile(&mut st, call),
        Endpoint::EditProfile => user::edit_profile(&mut st, call),
        Endpoint::Profile => user::profile(&st, call),
        Endpoint::Blocked => user::blocked(&st, call),
        Endpoint::Block => user::block(&mut st, call),
        Endpoint::Unblock => user::unblock(&mut st, call),
        Endpoint::Messages => user::messages(&mut st, call),
        Endpoint::UnreadTotal => Ok(user::unread_total(&st, call)),
        Endpoint::Cards => user::cards(&st, call),
        Endpoint::SendCard => user::send_card(&mut st, call),
        Endpoint::DeleteCard => user::delete_card(&mut st, call),
        Endpoint::Clubs => club::clubs(&st, call),
        Endpoint::Club => club::club(&st, call),
        Endpoint::ClubMembers => club::members(&st, call),
        Endpoint::JoinClub => club::join(&mut st, call),
        Endpoint::LeaveClub => club::leave(&mut st, call),
        Endpoint::Events => event::events(&st, call),
        Endpoint::Event => event::event(&st, call),
        Endpoint::LatestVersion => Ok(app::latest_version(&st, call)),
        Endpoint::Feedback => app::feedback(&mut st, call),
        Endpoint::UploadSlot => app::upload_slot(&mut st, call),
        Endpoint::Upload => Err(reply::spring(StatusCode::NOT_FOUND, &call.path).into()),
    };
    answer.unwrap_or_else(|refusal| *refusal)
}

/// A handler's answer; `Err` is any refusal (an envelope or an HTTP status).
type Answer = Result<Response, Refusal>;

/// A text field as Jackson binds it: absent/null → `None`, numbers and booleans as their
/// text, an object or array → 400.
fn text(call: &Call, name: &str) -> Result<Option<String>, Refusal> {
    match call.body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(_) => Err(reply::spring(StatusCode::BAD_REQUEST, &call.path).into()),
    }
}

/// An integer field: numbers and numeric strings, anything else 400.
fn int(call: &Call, name: &str) -> Result<Option<i64>, Refusal> {
    let bad = || -> Refusal { reply::spring(StatusCode::BAD_REQUEST, &call.path).into() };
    match call.body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(bad),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| bad()),
        Some(_) => Err(bad()),
    }
}

fn blank(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(|s| s.trim().is_empty())
}

fn java_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The duplicate rule, after the fields passed (the gateway validates before the RPC).
fn not_duplicate(st: &mut DemoState, call: &Call) -> Result<(), Refusal> {
    if st.is_duplicate(call.write_identity()) {
        Err(reply::duplicate().into())
    } else {
        Ok(())
    }
}

/// `count` (1–100) and `lastId` (absent or blank = first page) of a paged GET.
struct PageRequest {
    count: usize,
    last_id: Option<String>,
    /// `lastId` as sent, echoed in `page` whenever it was there.
    echo: Option<String>,
}

fn page_request(call: &Call) -> Result<PageRequest, Refusal> {
    let count = match call.query("count") {
        None => return Err(reply::refuse("count只能在0到100之间").into()),
        Some(text) => text
            .trim()
            .parse::<i64>()
            .map_err(|_| reply::refuse("count类型不正确"))?,
    };
    if !(1..=100).contains(&count) {
        return Err(reply::refuse("count只能在0到100之间").into());
    }
    let echo = call.query("lastId").map(str::to_owned);
    Ok(PageRequest {
        count: count as usize,
        last_id: echo.clone().filter(|l| !l.trim().is_empty()),
        echo,
    })
}

/// The order of a `sequenceId`: `"<ms>:<id>"` or a bare integer.
fn sequence_key(id: &str) -> (i64, String) {
    match id.split_once(':') {
        Some((ms, rest)) => (ms.parse().unwrap_or(0), rest.to_owned()),
        None => (id.parse().unwrap_or(0), String::new()),
    }
}

/// One page of `items` (already in list order, `ascending` or not, each with its
/// `sequenceId`): from `lastId` inclusive, skipping exactly one row, as the gateway does.
fn paginate(items: Vec<(String, Value)>, request: &PageRequest, ascending: bool) -> Value {
    let start = match &request.last_id {
        None => 0,
        Some(last) => {
            let last = sequence_key(last);
            items
                .iter()
                .position(|(id, _)| {
                    let key = sequence_key(id);
                    if ascending { key >= last } else { key <= last }
                })
                .map_or(items.len(), |p| p + 1)
        }
    };
    let list: Vec<Value> = items
        .into_iter()
        .skip(start)
        .take(request.count)
        .map(|(_, v)| v)
        .collect();
    let mut page = json!({"count": request.count});
    if let Some(echo) = &request.echo {
        page["lastId"] = json!(echo);
    }
    json!({"page": page, "list": list})
}

/// A profile as `viewer` sees it (`FixedUtil`): `bio` absent when empty.
fn profile_json(st: &DemoState, uid: &str, viewer: &str) -> Value {
    let Some(account) = st.account(uid) else {
        return Value::Null;
    };
    let me = uid == viewer;
    let card_total = st
        .seed
        .cards
        .iter()
        .filter(|c| c.recipient == uid && !c.hidden)
        .count();
    let mut value = json!({
        "allowLive": i64::from(account.allow_live),
        "avatar": account.avatar,
        "blocked": i64::from(!me && st.seed.blocks.iter().any(|b| b.owner == viewer && b.target == uid)),
        "cardTotal": card_total,
        "nickname": account.nickname,
        "sendCard": i64::from(!me && st.seed.cards.iter().any(|c| c.sender == viewer && c.recipient == uid)),
        "uid": uid,
    });
    if let Some(bio) = account.bio.as_deref().filter(|b| !b.is_empty()) {
        value["bio"] = json!(bio);
    }
    value
}
