//! Q22–Q24: the newest official app (Web always "up to date"), feedback, and upload slots
//! on the demo's OSS stand-in.

use serde_json::json;

use super::super::oss;
use super::super::state::{DemoState, random_id};
use super::{Answer, int, java_len, not_duplicate, text};
use crate::demo::chaoqer::gate::Call;
use crate::demo::chaoqer::reply;

pub fn latest_version(st: &DemoState, call: &Call) -> axum::response::Response {
    let up_to_date = || reply::failure("当前已经是最新版本", 0);
    if call.client_type == 0 {
        return up_to_date();
    }
    let mine: Vec<_> = st
        .seed
        .versions
        .iter()
        .filter(|v| v.client_type == call.client_type && v.code >= call.version_code)
        .collect();
    let Some(newest) = mine.iter().max_by_key(|v| v.code) else {
        return up_to_date();
    };
    if newest.code <= call.version_code {
        return up_to_date();
    }
    let forced = mine.iter().any(|v| v.forced) || mine.len() >= 5;
    reply::success(json!({
        "clientType": newest.client_type,
        "createTime": newest.time,
        "downloadUrl": if newest.client_type == 1 {
            "https://apps.apple.com/cn/app/id1556448380".to_owned()
        } else {
            format!("https://cdn.chaoqer.com/app/chaoqer-{}.apk", newest.name)
        },
        "forcedUpgrade": i64::from(forced),
        "versionCode": newest.code,
        "versionDesc": newest.desc,
        "versionId": crate::demo::chaoqer::data::id(&format!("version:{}:{}", newest.client_type, newest.code)),
        "versionName": newest.name,
    }))
}

pub fn feedback(st: &mut DemoState, call: &Call) -> Answer {
    let origin_type = int(call, "originFeedbackType")?.unwrap_or(0);
    if !(0..=1).contains(&origin_type) {
        return Err(reply::refuse("反馈来源类型不存在").into());
    }
    if text(call, "originId")?.is_none() {
        return Err(reply::refuse("反馈来源ID不能为空").into());
    }
    if int(call, "feedbackType")? != Some(0) {
        return Err(reply::refuse("反馈类型不存在").into());
    }
    let content = text(call, "feedbackContent")?;
    if super::blank(&content) {
        return Err(reply::refuse("反馈内容不能为空").into());
    }
    if content.as_deref().is_some_and(|c| java_len(c) > 500) {
        return Err(reply::refuse("反馈内容不能超过500个字").into());
    }
    match call.body.get("feedbackImageList") {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::Array(list)) if list.len() > 3 => {
            return Err(reply::refuse("至多添加三张图片").into());
        }
        Some(serde_json::Value::Array(_)) => {}
        Some(_) => {
            return Err(reply::spring(axum::http::StatusCode::BAD_REQUEST, &call.path).into());
        }
    }
    not_duplicate(st, call)?;
    st.feedback.push(json!({
        "uid": call.me(),
        "content": content,
        "images": call.body.get("feedbackImageList"),
        "clientType": call.client_type,
        "versionName": call.version_name,
        "versionCode": call.version_code,
    }));
    Ok(reply::with_message("反馈成功", json!({})))
}

pub fn upload_slot(st: &mut DemoState, call: &Call) -> Answer {
    let dir = text(call, "imageDir")?;
    let Some(dir) = dir.filter(|d| !d.trim().is_empty()) else {
        return Err(reply::refuse("imageDir不能为空").into());
    };
    if !["avatar", "cover", "room", "feedback"].contains(&dir.as_str()) {
        return Err(reply::refuse("imageDir类型不存在").into());
    }
    let image_id = random_id();
    let object = format!("image/{}/{dir}/{image_id}.jpg", call.me());
    let signature = random_id();
    st.upload_slots.insert(object.clone(), signature.clone());
    Ok(reply::success(json!({
        "imageId": image_id,
        "uploadAddress": oss::upload_address(&st.base_url, &object, &signature),
        "imageURL": oss::image_url(&st.base_url, &object),
    })))
}
