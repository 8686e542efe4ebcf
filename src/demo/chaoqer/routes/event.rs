//! Q20–Q21: public events from an hour ago on, ascending, with `eventTimeStatus` computed
//! at answer time; an event.

use serde_json::{Value, json};

use super::super::data::Event;
use super::super::state::{DemoState, now_ms};
use super::{Answer, page_request, paginate};
use crate::demo::chaoqer::gate::Call;
use crate::demo::chaoqer::reply;

fn event_json(st: &DemoState, e: &Event, viewer: &str, now: i64) -> Value {
    const HALF_HOUR: i64 = 30 * 60_000;
    let status = if now <= e.time - HALF_HOUR {
        0
    } else if now <= e.time + HALF_HOUR {
        1
    } else {
        2
    };
    let notify = st
        .seed
        .reminders
        .iter()
        .any(|(u, id)| u == viewer && *id == e.id);
    let mut value = json!({
        "createTime": e.create_time,
        "eventId": e.id,
        "eventTime": e.time,
        "eventTimeStatus": status,
        "memberUidList": e.members,
        "name": e.name,
        "notify": i64::from(notify),
        "uid": e.creator,
    });
    if let Some(desc) = e.desc.as_deref().filter(|d| !d.is_empty()) {
        value["desc"] = json!(desc);
    }
    value
}

pub fn events(st: &DemoState, call: &Call) -> Answer {
    let request = page_request(call)?;
    let now = now_ms();
    let mut rows: Vec<&Event> = st
        .seed
        .events
        .iter()
        .filter(|e| e.time >= now - 3_600_000)
        .collect();
    rows.sort_by(|a, b| (a.time, &a.id).cmp(&(b.time, &b.id)));
    let items = rows
        .into_iter()
        .map(|e| {
            let sequence = format!("{}:{}", e.time, e.id);
            let item = json!({
                "eventId": e.id,
                "eventResult": event_json(st, e, call.me(), now),
                "eventTime": e.time,
                "sequenceId": sequence,
            });
            (sequence, item)
        })
        .collect();
    Ok(reply::success(paginate(items, &request, true)))
}

pub fn event(st: &DemoState, call: &Call) -> Answer {
    let e = st
        .seed
        .events
        .iter()
        .find(|e| e.id == call.id)
        .ok_or_else(|| reply::failure("日程不存在", 600000))?;
    Ok(reply::success(event_json(st, e, call.me(), now_ms())))
}
