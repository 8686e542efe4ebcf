//! Q15–Q19: my clubs, a club, its members, join (answers `joined: 0`), leave (refused for
//! the creator while others are in).

use serde_json::{Value, json};

use super::super::data::{Club, Membership};
use super::super::state::{DemoState, now_ms};
use super::{Answer, not_duplicate, page_request, paginate, profile_json};
use crate::demo::chaoqer::gate::Call;
use crate::demo::chaoqer::reply::{self, Refusal};

fn no_club() -> Refusal {
    reply::failure("圈子不存在", 500000).into()
}

fn club_json(st: &DemoState, club: &Club, viewer: Option<&str>) -> Value {
    let members = st.seed.members.iter().filter(|m| m.club == club.id);
    let total = members.clone().count();
    let joined = viewer.is_some_and(|v| members.clone().any(|m| m.uid == v));
    json!({
        "clubId": club.id,
        "cover": club.cover,
        "createTime": club.create_time,
        "joined": i64::from(joined),
        "memberTotal": total,
        "name": club.name,
        "uid": club.creator,
    })
}

fn find<'a>(st: &'a DemoState, id: &str) -> Result<&'a Club, Refusal> {
    st.seed
        .clubs
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(no_club)
}

pub fn clubs(st: &DemoState, call: &Call) -> Answer {
    let request = page_request(call)?;
    let mut rows: Vec<&Membership> = st
        .seed
        .members
        .iter()
        .filter(|m| m.uid == call.me())
        .collect();
    rows.sort_by(|a, b| (b.time, &b.club).cmp(&(a.time, &a.club)));
    let items = rows
        .into_iter()
        .map(|m| {
            let sequence = format!("{}:{}", m.time, m.club);
            let mut item = json!({"clubId": m.club, "createTime": m.time, "sequenceId": sequence});
            if let Some(club) = st.seed.clubs.iter().find(|c| c.id == m.club) {
                item["clubResult"] = club_json(st, club, Some(call.me()));
            }
            (sequence, item)
        })
        .collect();
    Ok(reply::success(paginate(items, &request, false)))
}

pub fn club(st: &DemoState, call: &Call) -> Answer {
    let club = find(st, &call.id)?;
    Ok(reply::success(club_json(st, club, Some(call.me()))))
}

pub fn members(st: &DemoState, call: &Call) -> Answer {
    let request = page_request(call)?;
    find(st, &call.id)?;
    let mut rows: Vec<&Membership> = st
        .seed
        .members
        .iter()
        .filter(|m| m.club == call.id)
        .collect();
    rows.sort_by(|a, b| (b.time, &b.uid).cmp(&(a.time, &a.uid)));
    let items = rows
        .into_iter()
        .map(|m| {
            let sequence = format!("{}:{}", m.time, m.club);
            let mut item = json!({"createTime": m.time, "sequenceId": sequence, "uid": m.uid});
            let profile = profile_json(st, &m.uid, call.me());
            if !profile.is_null() {
                item["userProfileResult"] = profile;
            }
            (sequence, item)
        })
        .collect();
    Ok(reply::success(paginate(items, &request, false)))
}

pub fn join(st: &mut DemoState, call: &Call) -> Answer {
    find(st, &call.id)?;
    not_duplicate(st, call)?;
    let me = call.me().to_owned();
    if !st
        .seed
        .members
        .iter()
        .any(|m| m.club == call.id && m.uid == me)
    {
        st.seed.members.push(Membership {
            club: call.id.clone(),
            uid: me,
            time: now_ms(),
        });
    }
    // As stored: `joined` is not computed here.
    let club = find(st, &call.id)?;
    Ok(reply::success(club_json(st, club, None)))
}

pub fn leave(st: &mut DemoState, call: &Call) -> Answer {
    let creator = find(st, &call.id)?.creator.clone();
    let me = call.me().to_owned();
    if !st
        .seed
        .members
        .iter()
        .any(|m| m.club == call.id && m.uid == me)
    {
        return Err(no_club());
    }
    not_duplicate(st, call)?;
    let others = st
        .seed
        .members
        .iter()
        .filter(|m| m.club == call.id && m.uid != me)
        .count();
    if creator == me && others > 0 {
        return Err(reply::refuse("创建人暂时无法退出圈子").into());
    }
    st.seed
        .members
        .retain(|m| !(m.club == call.id && m.uid == me));
    if others == 0 {
        st.seed.clubs.retain(|c| c.id != call.id);
    }
    Ok(reply::success(json!({})))
}
