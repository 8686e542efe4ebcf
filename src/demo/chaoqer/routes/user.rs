//! Q4–Q14: profiles, blocks, the inbox (opening it zeroes the unread total and marks what
//! it returns read), and cards (Q14 answers success but keeps a visible card: the bug).

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::super::data::{Block, Card, Message};
use super::super::state::{DemoState, now_ms};
use super::{Answer, blank, java_len, not_duplicate, page_request, paginate, profile_json, text};
use crate::demo::chaoqer::gate::Call;
use crate::demo::chaoqer::reply::{self, Refusal};

fn nickname_and_avatar(call: &Call) -> Result<(String, String), Refusal> {
    let nickname = text(call, "nickname")?;
    let avatar = text(call, "avatar")?;
    if blank(&nickname) {
        return Err(reply::refuse("名字不能为空").into());
    }
    let nickname = nickname.unwrap_or_default();
    if java_len(&nickname) > 20 {
        return Err(reply::refuse("设置的名字不能超过20个字").into());
    }
    if blank(&avatar) {
        return Err(reply::refuse("头像不能为空").into());
    }
    Ok((nickname, avatar.unwrap_or_default()))
}

fn user_not_found() -> axum::response::Response {
    reply::failure("用户不存在", 200002)
}

pub fn init_profile(st: &mut DemoState, call: &Call) -> Answer {
    let (nickname, avatar) = nickname_and_avatar(call)?;
    not_duplicate(st, call)?;
    let account = st.account_mut(call.me()).ok_or_else(user_not_found)?;
    if account.state == 0 {
        account.nickname = nickname;
        account.avatar = avatar;
        account.state = 1;
    }
    // The stored profile without viewer fields: every counter 0.
    let mut value = json!({
        "allowLive": i64::from(account.allow_live),
        "avatar": account.avatar,
        "blocked": 0,
        "cardTotal": 0,
        "nickname": account.nickname,
        "sendCard": 0,
        "uid": account.uid,
    });
    if let Some(bio) = account.bio.as_deref().filter(|b| !b.is_empty()) {
        value["bio"] = json!(bio);
    }
    Ok(reply::success(value))
}

pub fn edit_profile(st: &mut DemoState, call: &Call) -> Answer {
    let (nickname, avatar) = nickname_and_avatar(call)?;
    let bio = text(call, "bio")?;
    if bio.as_deref().is_some_and(|b| java_len(b) > 1000) {
        return Err(reply::refuse("介绍不能超过1000个字").into());
    }
    not_duplicate(st, call)?;
    let me = call.me().to_owned();
    let account = st.account_mut(&me).ok_or_else(user_not_found)?;
    account.nickname = nickname;
    account.avatar = avatar;
    // Absent, empty or blank deletes the bio; values are stored as sent.
    account.bio = bio.filter(|b| !b.trim().is_empty());
    Ok(reply::success(profile_json(st, &me, &me)))
}

pub fn profile(st: &DemoState, call: &Call) -> Answer {
    st.visible_user(&call.id).ok_or_else(user_not_found)?;
    Ok(reply::success(profile_json(st, &call.id, call.me())))
}

/// A list item of users (Q7, Q12, Q17).
fn user_entry(
    st: &DemoState,
    uid: &str,
    sequence: String,
    time: i64,
    viewer: &str,
) -> (String, Value) {
    let mut item = json!({"createTime": time, "sequenceId": sequence, "uid": uid});
    let profile = profile_json(st, uid, viewer);
    if !profile.is_null() {
        item["userProfileResult"] = profile;
    }
    (sequence, item)
}

pub fn blocked(st: &DemoState, call: &Call) -> Answer {
    let request = page_request(call)?;
    let mut rows: Vec<&Block> = st
        .seed
        .blocks
        .iter()
        .filter(|b| b.owner == call.me())
        .collect();
    rows.sort_by(|a, b| (b.time, &b.target).cmp(&(a.time, &a.target)));
    let items = rows
        .into_iter()
        .map(|b| {
            user_entry(
                st,
                &b.target,
                format!("{}:{}", b.time, b.target),
                b.time,
                call.me(),
            )
        })
        .collect();
    Ok(reply::success(paginate(items, &request, false)))
}

pub fn block(st: &mut DemoState, call: &Call) -> Answer {
    if call.id == call.me() {
        return Err(reply::refuse("无法屏蔽自己").into());
    }
    st.visible_user(&call.id).ok_or_else(user_not_found)?;
    not_duplicate(st, call)?;
    let me = call.me().to_owned();
    if !st
        .seed
        .blocks
        .iter()
        .any(|b| b.owner == me && b.target == call.id)
    {
        st.seed.blocks.push(Block {
            owner: me,
            target: call.id.clone(),
            time: now_ms(),
        });
    }
    Ok(reply::with_message("屏蔽成功", json!({})))
}

pub fn unblock(st: &mut DemoState, call: &Call) -> Answer {
    st.visible_user(&call.id).ok_or_else(user_not_found)?;
    not_duplicate(st, call)?;
    let me = call.me().to_owned();
    st.seed
        .blocks
        .retain(|b| !(b.owner == me && b.target == call.id));
    Ok(reply::with_message("解除屏蔽成功", json!({})))
}

fn message_json(m: &Message) -> Value {
    let mut body = json!({"title": m.title, "content": m.content});
    if let Some(url) = &m.url {
        body["url"] = json!(url);
    }
    let mut value = json!({
        "createTime": m.time,
        "messageBody": body,
        "messageId": m.id,
        "messageType": 0,
        "originPushType": m.push_type,
        "uid": m.owner,
        "unread": i64::from(m.unread),
    });
    if let Some(origin) = &m.origin_uid {
        value["originUid"] = json!(origin);
    }
    value
}

pub fn messages(st: &mut DemoState, call: &Call) -> Answer {
    let request = page_request(call)?;
    // `lastId` is bound as a Long: anything else is an exception.
    if request
        .last_id
        .as_deref()
        .is_some_and(|l| l.trim().parse::<i64>().is_err())
    {
        return Err(reply::empty(StatusCode::INTERNAL_SERVER_ERROR).into());
    }
    let me = call.me().to_owned();
    let mut rows: Vec<&Message> = st.seed.messages.iter().filter(|m| m.owner == me).collect();
    rows.sort_by_key(|m| std::cmp::Reverse(m.id));
    let items: Vec<(String, Value)> = rows
        .into_iter()
        .map(|m| {
            let item = json!({
                "messageId": m.id,
                "sequenceId": m.id.to_string(),
                "userMessageResult": message_json(m),
            });
            (m.id.to_string(), item)
        })
        .collect();
    let page = paginate(items, &request, false);
    // Side effects: the total becomes 0, and what was returned is now read (this answer
    // still shows the old marks).
    let returned: Vec<i64> = page["list"]
        .as_array()
        .map(|l| l.iter().filter_map(|i| i["messageId"].as_i64()).collect())
        .unwrap_or_default();
    for m in st
        .seed
        .messages
        .iter_mut()
        .filter(|m| returned.contains(&m.id))
    {
        m.unread = false;
    }
    st.seed.unread = 0;
    Ok(reply::success(page))
}

pub fn unread_total(st: &DemoState, call: &Call) -> axum::response::Response {
    let total = if call.me() == super::super::data::demo_uid() {
        st.seed.unread
    } else {
        0
    };
    reply::success(json!(total))
}

pub fn cards(st: &DemoState, call: &Call) -> Answer {
    let request = page_request(call)?;
    let mut rows: Vec<&Card> = st
        .seed
        .cards
        .iter()
        .filter(|c| c.recipient == call.me() && !c.hidden)
        .collect();
    rows.sort_by(|a, b| (b.time, &b.sender).cmp(&(a.time, &a.sender)));
    let items = rows
        .into_iter()
        .map(|c| {
            user_entry(
                st,
                &c.sender,
                format!("{}:{}", c.time, c.sender),
                c.time,
                call.me(),
            )
        })
        .collect();
    Ok(reply::success(paginate(items, &request, false)))
}

pub fn send_card(st: &mut DemoState, call: &Call) -> Answer {
    if call.id == call.me() {
        return Err(reply::refuse("无法发送名片给自己").into());
    }
    st.visible_user(&call.id).ok_or_else(user_not_found)?;
    not_duplicate(st, call)?;
    let me = call.me().to_owned();
    if !st
        .seed
        .cards
        .iter()
        .any(|c| c.sender == me && c.recipient == call.id)
    {
        // Stored hidden when the recipient blocked me.
        let hidden = st
            .seed
            .blocks
            .iter()
            .any(|b| b.owner == call.id && b.target == me);
        let now = now_ms();
        st.seed.cards.push(Card {
            sender: me.clone(),
            recipient: call.id.clone(),
            time: now,
            hidden,
        });
        let nickname = st
            .account(&me)
            .map(|a| a.nickname.clone())
            .unwrap_or_default();
        st.seed.messages.push(Message {
            owner: call.id.clone(),
            id: now * 1000,
            origin_uid: Some(me.clone()),
            push_type: 2,
            title: "你收到了一张名片".into(),
            content: format!("{nickname}给了你一张名片"),
            url: Some(format!("chaoqer://profile/{me}")),
            unread: true,
            time: now,
        });
    }
    Ok(reply::with_message("你给了对方一张自己的名片", json!({})))
}

pub fn delete_card(st: &mut DemoState, call: &Call) -> Answer {
    st.visible_user(&call.id).ok_or_else(user_not_found)?;
    not_duplicate(st, call)?;
    // The server bug, kept on purpose: only an already hidden card is rewritten, so a
    // visible one stays although the answer says it was deleted.
    Ok(reply::with_message("删除成功", json!({})))
}
