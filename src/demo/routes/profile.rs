//! P: profile (token). P1–P5 speak protobuf, P6–P7 JSON.

use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};
use serde_json::json;

use super::now;
use crate::demo::data::Account as DemoAccount;
use crate::demo::extract::{Account, JsonBody, ProtoAccount, ProtoCall};
use crate::demo::reply::{Answer, Reply, json_done, json_ok, pb_status, protobuf, status};
use crate::demo::state::SharedState;
use crate::proto;
use crate::validate::MAX_NICKNAME_CHARS;

pub(super) fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/user/info", get(user_info))
        .route("/v1/user/get-user", post(get_user))
        .route("/v1/user/medal", post(medals))
        .route("/v1/user/edit-nickname", post(edit_nickname))
        .route("/v1/user/edit-avatar", post(edit_avatar))
        .route("/v1/user/get-user-data", post(get_user_data))
        .route("/v1/user/save-user-data", post(save_user_data))
}

fn medal_list(a: &DemoAccount) -> Vec<proto::MedalInfo> {
    a.medals
        .iter()
        .map(|m| proto::MedalInfo {
            id: m.id,
            name: m.name.clone(),
            sort: m.sort,
        })
        .collect()
}

/// P1
async fn user_info(State(s): State<SharedState>, ProtoAccount(i): ProtoAccount) -> Answer {
    let mut st = s.lock();
    let status = status(&mut st, 1, "success");
    let a = &st.accounts[i];
    let data = proto::user_info::Data {
        id: a.id.clone(),
        name: a.name.clone(),
        field3: a.field3,
        avatar_url: a.avatar_url.clone(),
        avatar_id: a.avatar_id as i64,
        phone: a.phone.clone(),
        email: a.email.clone(),
        coin: a.coin_balance(),
        is_vip: a.is_vip,
        vip_expired_timestamp: a.vip_expired_timestamp,
        vip_status: a.vip_status,
        invitation_code: a.invitation_code.clone(),
    };
    Ok(protobuf(&proto::UserInfo {
        status,
        data: Some(data),
    }))
}

/// P2
async fn get_user(
    State(s): State<SharedState>,
    ProtoCall { msg: req, .. }: ProtoCall<proto::GetUserRequest>,
) -> Answer {
    let mut st = s.lock();
    let Some(i) = st.accounts.iter().position(|a| a.id == req.id) else {
        let status = status(&mut st, 4402, "该用户不存在");
        return Ok(protobuf(&proto::GetUserResponse { status, data: None }));
    };
    let status = status(&mut st, 1, "success");
    let a = &st.accounts[i];
    let p = &a.profile;
    let data = proto::get_user_response::Data {
        id: a.id.clone(),
        name: a.name.clone(),
        name_id: a.name_id,
        avatar_url: a.avatar_url.clone(),
        avatar_id: a.avatar_id,
        medal: medal_list(a),
        register_time: a.register_time.clone(),
        do_not_disturb: a.do_not_disturb,
        ban_id: a.ban_id,
        ban_until_timestamp: a.ban_until_timestamp,
        online_day: a.online_day,
        continuous_online_day: a.continuous_online_day,
        is_vip: a.is_vip,
        vip_expired_timestamp: a.vip_expired_timestamp.max(0) as u64,
        vip_status: a.vip_status,
        is_blocked: false,
        top: false,
        remark_info: None,
        profile_info: Some(proto::ProfileInfo {
            last_active_time: p.last_active_time.clone(),
            introduction: p.introduction.clone(),
            gender: p.gender as i32,
            birthday_timestamp: p.birthday.max(0) as u64,
            city: p.city.clone(),
            district: p.district.clone(),
            address: p.address.clone(),
        }),
        ip_geo: a.ip_geo.clone(),
        ban_reason: a.ban_reason.clone(),
    };
    Ok(protobuf(&proto::GetUserResponse {
        status,
        data: Some(data),
    }))
}

/// P3
async fn medals(State(s): State<SharedState>, ProtoAccount(i): ProtoAccount) -> Answer {
    let mut st = s.lock();
    let status = status(&mut st, 1, "success");
    Ok(protobuf(&proto::GetSelfMedal {
        status,
        medal: medal_list(&st.accounts[i]),
    }))
}

/// P4
async fn edit_nickname(
    State(s): State<SharedState>,
    ProtoCall {
        account: i,
        msg: req,
    }: ProtoCall<proto::EditNicknameRequest>,
) -> Answer {
    let mut st = s.lock();
    let name = req.name.trim();
    if name.is_empty() {
        return Err(Reply::proto(&mut st, -1, "昵称不能为空"));
    }
    if name.chars().count() > MAX_NICKNAME_CHARS || name.chars().any(char::is_control) {
        return Err(Reply::proto(&mut st, -1, "昵称不合法"));
    }
    st.accounts[i].name = name.to_owned();
    Ok(pb_status(&mut st, 1, "success"))
}

/// P5
async fn edit_avatar(
    State(s): State<SharedState>,
    ProtoCall {
        account: i,
        msg: req,
    }: ProtoCall<proto::EditAvatarRequest>,
) -> Answer {
    let mut st = s.lock();
    let ok = url::Url::parse(&req.url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    if !ok {
        return Err(Reply::proto(&mut st, -1, "头像地址无效"));
    }
    let a = &mut st.accounts[i];
    a.avatar_url = req.url;
    a.avatar_id += 1;
    Ok(pb_status(&mut st, 1, "success"))
}

/// P6
async fn get_user_data(State(s): State<SharedState>, account: Account) -> Answer {
    let st = s.lock();
    let a = &st.accounts[account.index];
    let p = &a.profile;
    Ok(json_ok(json!({"data": {
        "id": p.id, "userId": a.id, "lastLoginTime": p.last_login_time, "update_time": p.update_time,
        "introduction": p.introduction, "gender": p.gender, "birthday": p.birthday,
        "province": p.province, "city": p.city, "district": p.district, "locationCode": p.location_code,
    }})))
}

/// P7
async fn save_user_data(State(s): State<SharedState>, account: Account, body: JsonBody) -> Answer {
    let introduction = body.text("introduction")?;
    let gender = body.int("gender")?;
    let birthday = body.int("birthday")?;
    let (province, city, district) = (
        body.text("province")?,
        body.text("city")?,
        body.text("district")?,
    );
    let location_code = body.text("locationCode")?;
    if !(1..=3).contains(&gender) {
        return Err(Reply::code(-1, "性别参数错误"));
    }
    if crate::validate::location_code(&location_code).is_err() {
        return Err(Reply::code(-1, "地区编码格式错误"));
    }
    if birthday < 0 || birthday > now() {
        return Err(Reply::code(-1, "生日不合法"));
    }
    if introduction.chars().count() > 500 {
        return Err(Reply::code(-1, "简介过长"));
    }
    let mut st = s.lock();
    let p = &mut st.accounts[account.index].profile;
    p.introduction = introduction;
    p.gender = gender;
    p.birthday = birthday;
    p.province = province;
    p.city = city;
    p.district = district;
    p.location_code = location_code;
    p.update_time = now();
    Ok(json_done())
}
