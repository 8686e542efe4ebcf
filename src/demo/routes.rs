//! Every endpoint of the spec, answering with the same methods, status codes, envelopes and
//! quirks as the service: 404 on a wrong method, JSON −101 without a token, protobuf −101 for
//! a wrong non-empty token on protobuf endpoints, −1 for VIP-only features of other accounts.

// The `Err` of these helpers is the HTTP answer itself, returned straight from a handler;
// boxing it would only add an allocation to every refusal.
#![allow(clippy::result_large_err)]

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use prost::Message;
use serde_json::{Map, Value, json};

use super::captcha;
use super::faults::{FaultPlan, SharedFaults};
use super::state::{DemoState, SharedState, Upload, random_hex};
use crate::proto;

/// The SMS code the demo "sends" to any phone.
pub const DEMO_SMS_CODE: &str = "123456";
/// The email code the demo "sends" to any address.
pub const DEMO_EMAIL_CODE: &str = "654321";
/// What the CDN wants in the Referer header.
const MEDIA_REFERER: &str = "http://myapp.jwznb.com";
const NOT_LOGGED_IN: &str = "未登录";
const VIP_ONLY: &str = "功能仅限VIP用户使用";

pub(crate) fn router(state: SharedState, faults: SharedFaults) -> Router {
    Router::new()
        // L: login and session
        .route("/v1/user/captcha", post(captcha_image))
        .route(
            "/v1/verification/get-verification-code",
            post(send_sms_code),
        )
        .route("/v1/user/verification-login", post(sms_login))
        .route("/v1/user/email-login", post(email_login))
        .route("/v1/user/logout", post(logout))
        .route(
            "/v1/verification/get-email-verification-code",
            post(send_email_code),
        )
        // P: profile
        .route("/v1/user/info", get(user_info))
        .route("/v1/user/get-user", post(get_user))
        .route("/v1/user/medal", post(medals))
        .route("/v1/user/edit-nickname", post(edit_nickname))
        .route("/v1/user/edit-avatar", post(edit_avatar))
        .route("/v1/user/get-user-data", post(get_user_data))
        .route("/v1/user/save-user-data", post(save_user_data))
        // C, D
        .route(
            "/v1/user/gold-coin-increase-decrease-record",
            post(coin_records),
        )
        .route("/v1/user/recommend-category-list", post(categories))
        .route("/v1/user/recommend-list", post(groups))
        .route("/v1/user/recommend", post(bots))
        // S: account settings
        .route("/v1/user/notification-status", post(notification_status))
        .route("/v1/user/notification-info", post(notification_set))
        .route("/v1/user/module-ignore-info", post(module_ignore_info))
        .route("/v1/user/module-ignore", post(module_ignore_set))
        .route("/v1/user/bing-phone", post(bind_phone))
        .route("/v1/user/bing-email", post(bind_email))
        .route("/v1/user/change-phone-check", post(change_phone))
        .route("/v1/user/change-email-check", post(change_email))
        .route("/v1/user/forget-password", post(forget_password))
        .route("/v1/user/get-user-show-adv", post(show_adv))
        // M: misc
        .route("/v1/misc/configure-distribution", get(distribution))
        .route("/v1/misc/qiniu-token", get(upload_token))
        .route("/v1/misc/setting", get(setting))
        .route("/v1/misc/gray-status", get(gray_status))
        .route("/v1/misc/auto-update", get(auto_update))
        // The upload host (Qiniu's form upload posts to "/") and the image CDN.
        .route("/", post(upload))
        .route("/img/{key}", get(image))
        .method_not_allowed_fallback(not_found)
        .fallback(not_found)
        .with_state(state.clone())
        .merge(control_router(faults.clone()))
        .layer(axum::middleware::from_fn_with_state(
            (state, faults),
            super::faults::middleware,
        ))
}

/// `GET|POST /__demo/faults`: read or replace the fault plan of a running demo server.
fn control_router(faults: SharedFaults) -> Router {
    async fn read(State(f): State<SharedFaults>) -> Response {
        let plan = f.lock().map(|p| p.clone()).unwrap_or_default();
        axum::Json(plan).into_response()
    }
    async fn write(State(f): State<SharedFaults>, body: Bytes) -> Response {
        match serde_json::from_slice::<FaultPlan>(&body) {
            Ok(plan) => {
                if let Ok(mut current) = f.lock() {
                    *current = plan.clone();
                }
                axum::Json(plan).into_response()
            }
            Err(e) => (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
        }
    }
    Router::new()
        .route("/__demo/faults", get(read).post(write))
        .with_state(faults)
}

// ---- answers -------------------------------------------------------------------------------

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "404 page not found").into_response()
}

fn json_ok(data: Value) -> Response {
    axum::Json(json!({"code": 1, "msg": "success", "data": data})).into_response()
}

fn json_done() -> Response {
    axum::Json(json!({"code": 1, "msg": "success"})).into_response()
}

pub(crate) fn json_error(code: i64, msg: &str) -> Response {
    axum::Json(json!({"code": code, "msg": msg})).into_response()
}

fn bad_request(msg: &str) -> Response {
    (StatusCode::BAD_REQUEST, msg.to_owned()).into_response()
}

fn protobuf(msg: &impl Message) -> Response {
    let mut resp = msg.encode_to_vec().into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-protobuf"),
    );
    resp
}

fn status(st: &mut DemoState, code: i32, msg: &str) -> Option<proto::Status> {
    Some(proto::Status {
        request_id: st.next_request_id(),
        code,
        msg: msg.to_owned(),
    })
}

fn pb_status(st: &mut DemoState, code: i32, msg: &str) -> Response {
    protobuf(&proto::StatusResponse {
        status: status(st, code, msg),
    })
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

// ---- requests ------------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Kind {
    Json,
    Proto,
}

/// The account of the request's token. Without a token the service answers JSON −101 on
/// every endpoint; a wrong non-empty token gets a protobuf −101 on protobuf endpoints.
fn auth(st: &mut DemoState, headers: &HeaderMap, kind: Kind) -> Result<usize, Response> {
    let token = headers
        .get("token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim();
    if token.is_empty() {
        return Err(json_error(-101, NOT_LOGGED_IN));
    }
    match st.sessions.get(token) {
        Some(&index) => Ok(index),
        None => Err(match kind {
            Kind::Json => json_error(-101, NOT_LOGGED_IN),
            Kind::Proto => pb_status(st, -101, NOT_LOGGED_IN),
        }),
    }
}

type Body = Map<String, Value>;

/// A JSON object body; anything else is HTTP 400, as the service does for bad parameters.
fn json_body(headers: &HeaderMap, bytes: &[u8]) -> Result<Body, Response> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !ct.starts_with("application/json") {
        return Err(bad_request("Content-Type must be application/json"));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(bad_request("invalid JSON body")),
    }
}

/// A protobuf body; an empty one is the empty message.
fn proto_body<M: Message + Default>(headers: &HeaderMap, bytes: &[u8]) -> Result<M, Response> {
    if bytes.is_empty() {
        return Ok(M::default());
    }
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !ct.starts_with("application/x-protobuf") {
        return Err(bad_request("Content-Type must be application/x-protobuf"));
    }
    M::decode(bytes).map_err(|_| bad_request("invalid protobuf body"))
}

/// A string field: missing is empty (as a Go server decodes), another type is HTTP 400.
fn text(body: &Body, key: &str) -> Result<String, Response> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(bad_request(&format!("{key} must be a string"))),
    }
}

/// An integer field: missing is 0, another type is HTTP 400.
fn int(body: &Body, key: &str) -> Result<i64, Response> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(0),
        Some(v) => v
            .as_i64()
            .ok_or_else(|| bad_request(&format!("{key} must be an integer"))),
    }
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(resp) => return resp,
        }
    };
}

fn valid_phone(phone: &str) -> bool {
    phone.len() == 11 && phone.starts_with('1') && phone.bytes().all(|b| b.is_ascii_digit())
}

fn valid_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// Checks and consumes a captcha: each one can be tried once.
fn take_captcha(st: &mut DemoState, id: &str, text: &str) -> bool {
    st.captchas
        .remove(id)
        .is_some_and(|expected| expected.eq_ignore_ascii_case(text.trim()))
}

// ---- L: login and session ------------------------------------------------------------------

async fn captcha_image(State(s): State<SharedState>) -> Response {
    use base64::Engine;
    let (code, png) = {
        let mut rng = rand::rng();
        let code = captcha::random_code(&mut rng);
        let png = captcha::render_png(&code, &mut rng);
        (code, png)
    };
    let Ok(png) = png else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "captcha rendering failed",
        )
            .into_response();
    };
    let id = random_hex(8);
    s.lock().captchas.insert(id.clone(), code);
    let b64 = base64::engine::general_purpose::STANDARD.encode(png);
    json_ok(json!({"b64s": format!("data:image/png;base64,{b64}"), "id": id}))
}

async fn send_sms_code(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let body = tri!(json_body(&headers, &bytes));
    let (mobile, code, id) = (
        tri!(text(&body, "mobile")),
        tri!(text(&body, "code")),
        tri!(text(&body, "id")),
    );
    let mut st = s.lock();
    if !take_captcha(&mut st, &id, &code) {
        return json_error(-1, "图形验证码错误");
    }
    if !valid_phone(&mobile) {
        return json_error(-1, "手机号格式不正确");
    }
    st.sms_codes.insert(mobile, DEMO_SMS_CODE.to_owned());
    json_done()
}

async fn sms_login(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let body = tri!(json_body(&headers, &bytes));
    let (mobile, code) = (tri!(text(&body, "mobile")), tri!(text(&body, "captcha")));
    let mut st = s.lock();
    if st
        .sms_codes
        .get(&mobile)
        .is_none_or(|sent| *sent != code.trim())
    {
        return json_error(-1, "验证码错误");
    }
    let Some(index) = st.account_by_phone(&mobile) else {
        return json_error(4402, "该手机号未注册");
    };
    st.sms_codes.remove(&mobile);
    let token = st.open_session(index);
    json_ok(json!({"token": token}))
}

async fn email_login(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let body = tri!(json_body(&headers, &bytes));
    let (email, password) = (tri!(text(&body, "email")), tri!(text(&body, "password")));
    let mut st = s.lock();
    match st.account_by_email(&email) {
        Some(index) if st.accounts[index].password == password => {
            let token = st.open_session(index);
            json_ok(json!({"token": token}))
        }
        _ => json_error(-1, "邮箱或密码错误"),
    }
}

async fn logout(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let mut st = s.lock();
    tri!(auth(&mut st, &headers, Kind::Json));
    let _ = tri!(json_body(&headers, &bytes));
    let token = headers
        .get("token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim()
        .to_owned();
    st.sessions.remove(&token);
    json_done()
}

async fn send_email_code(
    State(s): State<SharedState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let body = tri!(json_body(&headers, &bytes));
    let (email, typ) = (tri!(text(&body, "email")), tri!(text(&body, "typ")));
    let (code, id) = (tri!(text(&body, "code")), tri!(text(&body, "id")));
    let mut st = s.lock();
    if !take_captcha(&mut st, &id, &code) {
        return json_error(-1, "图形验证码错误");
    }
    if !valid_email(&email) {
        return json_error(-1, "邮箱格式不正确");
    }
    if typ == "forget_password" && st.account_by_email(&email).is_none() {
        return json_error(4402, "该邮箱未注册");
    }
    st.email_codes
        .insert(email.trim().to_lowercase(), DEMO_EMAIL_CODE.to_owned());
    json_done()
}

// ---- P: profile ----------------------------------------------------------------------------

async fn user_info(State(s): State<SharedState>, headers: HeaderMap) -> Response {
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Proto));
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
    protobuf(&proto::UserInfo {
        status,
        data: Some(data),
    })
}

fn medal_list(a: &super::data::Account) -> Vec<proto::MedalInfo> {
    a.medals
        .iter()
        .map(|m| proto::MedalInfo {
            id: m.id,
            name: m.name.clone(),
            sort: m.sort,
        })
        .collect()
}

async fn get_user(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let req: proto::GetUserRequest = tri!(proto_body(&headers, &bytes));
    let mut st = s.lock();
    tri!(auth(&mut st, &headers, Kind::Proto));
    let Some(i) = st.accounts.iter().position(|a| a.id == req.id) else {
        let status = status(&mut st, 4402, "该用户不存在");
        return protobuf(&proto::GetUserResponse { status, data: None });
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
    protobuf(&proto::GetUserResponse {
        status,
        data: Some(data),
    })
}

async fn medals(State(s): State<SharedState>, headers: HeaderMap) -> Response {
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Proto));
    let status = status(&mut st, 1, "success");
    protobuf(&proto::GetSelfMedal {
        status,
        medal: medal_list(&st.accounts[i]),
    })
}

use crate::validate::MAX_NICKNAME_CHARS;

async fn edit_nickname(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let req: proto::EditNicknameRequest = tri!(proto_body(&headers, &bytes));
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Proto));
    let name = req.name.trim();
    if name.is_empty() {
        return pb_status(&mut st, -1, "昵称不能为空");
    }
    if name.chars().count() > MAX_NICKNAME_CHARS || name.chars().any(char::is_control) {
        return pb_status(&mut st, -1, "昵称不合法");
    }
    st.accounts[i].name = name.to_owned();
    pb_status(&mut st, 1, "success")
}

async fn edit_avatar(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let req: proto::EditAvatarRequest = tri!(proto_body(&headers, &bytes));
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Proto));
    let ok = url::Url::parse(&req.url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    if !ok {
        return pb_status(&mut st, -1, "头像地址无效");
    }
    let a = &mut st.accounts[i];
    a.avatar_url = req.url;
    a.avatar_id += 1;
    pb_status(&mut st, 1, "success")
}

async fn get_user_data(State(s): State<SharedState>, headers: HeaderMap) -> Response {
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Json));
    let a = &st.accounts[i];
    let p = &a.profile;
    json_ok(json!({"data": {
        "id": p.id, "userId": a.id, "lastLoginTime": p.last_login_time, "update_time": p.update_time,
        "introduction": p.introduction, "gender": p.gender, "birthday": p.birthday,
        "province": p.province, "city": p.city, "district": p.district, "locationCode": p.location_code,
    }}))
}

async fn save_user_data(
    State(s): State<SharedState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Json));
    let body = tri!(json_body(&headers, &bytes));
    let introduction = tri!(text(&body, "introduction"));
    let gender = tri!(int(&body, "gender"));
    let birthday = tri!(int(&body, "birthday"));
    let (province, city, district) = (
        tri!(text(&body, "province")),
        tri!(text(&body, "city")),
        tri!(text(&body, "district")),
    );
    let location_code = tri!(text(&body, "locationCode"));
    if !(1..=3).contains(&gender) {
        return json_error(-1, "性别参数错误");
    }
    if crate::validate::location_code(&location_code).is_err() {
        return json_error(-1, "地区编码格式错误");
    }
    if birthday < 0 || birthday > now() {
        return json_error(-1, "生日不合法");
    }
    if introduction.chars().count() > 500 {
        return json_error(-1, "简介过长");
    }
    let p = &mut st.accounts[i].profile;
    p.introduction = introduction;
    p.gender = gender;
    p.birthday = birthday;
    p.province = province;
    p.city = city;
    p.district = district;
    p.location_code = location_code;
    p.update_time = now();
    json_done()
}

// ---- C, D: coins, discover, bots -----------------------------------------------------------

/// Page bounds shared by the paged endpoints.
fn page_range(page: i64, size: i64, len: usize) -> Result<std::ops::Range<usize>, Response> {
    if page < 1 || !(1..=100).contains(&size) {
        return Err(bad_request("page must be ≥ 1 and size 1–100"));
    }
    let start = ((page - 1) * size).min(len as i64) as usize;
    let end = (start + size as usize).min(len);
    Ok(start..end)
}

async fn coin_records(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Json));
    let body = tri!(json_body(&headers, &bytes));
    let (size, page) = (tri!(int(&body, "size")), tri!(int(&body, "page")));
    let a = &st.accounts[i];
    let range = tri!(page_range(page, size, a.coin_records.len()));
    let records: Vec<Value> = a.coin_records[range]
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if let Value::Object(map) = &mut r {
                map.insert("userId".into(), Value::String(a.id.clone()));
            }
            r
        })
        .collect();
    json_ok(json!({"goldCoinRecord": records, "total": a.coin_records.len()}))
}

async fn categories(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let mut st = s.lock();
    tri!(auth(&mut st, &headers, Kind::Json));
    let _ = tri!(json_body(&headers, &bytes));
    json_ok(json!({"categories": st.discover.categories}))
}

async fn groups(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    let mut st = s.lock();
    tri!(auth(&mut st, &headers, Kind::Json));
    let body = tri!(json_body(&headers, &bytes));
    let (category, keyword) = (tri!(text(&body, "category")), tri!(text(&body, "keyword")));
    let (size, page) = (tri!(int(&body, "size")), tri!(int(&body, "page")));
    let keyword = keyword.trim().to_lowercase();
    let matches = |g: &&Value| {
        keyword.is_empty()
            || ["nickname", "introduction"].iter().any(|k| {
                g.get(*k)
                    .and_then(Value::as_str)
                    .is_some_and(|v| v.to_lowercase().contains(&keyword))
            })
    };
    let found: Vec<&Value> = st
        .discover
        .groups
        .get(&category)
        .map(|g| g.iter().filter(matches).collect())
        .unwrap_or_default();
    let range = tri!(page_range(page, size, found.len()));
    json_ok(json!({"groupList": found[range]}))
}

async fn bots(State(s): State<SharedState>, headers: HeaderMap) -> Response {
    let mut st = s.lock();
    tri!(auth(&mut st, &headers, Kind::Json));
    json_ok(json!({"botList": st.bots}))
}

// ---- S: account settings -------------------------------------------------------------------

async fn notification_status(
    State(s): State<SharedState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Json));
    let body = tri!(json_body(&headers, &bytes));
    let device_id = tri!(text(&body, "deviceId"));
    let a = &st.accounts[i];
    let n = &a.notification;
    json_ok(json!({"notification": {
        "id": n.id, "userId": a.id, "deviceId": device_id, "registrationId": n.registration_id,
        "isOpen": n.is_open, "type": n.kind, "delFlag": n.del_flag, "createTime": n.create_time, "updateTime": n.update_time,
    }}))
}

async fn notification_set(
    State(s): State<SharedState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Json));
    let body = tri!(json_body(&headers, &bytes));
    let is_open = tri!(int(&body, "isOpen"));
    if !(0..=1).contains(&is_open) {
        return json_error(-1, "参数错误");
    }
    let n = &mut st.accounts[i].notification;
    n.is_open = is_open;
    n.update_time = now();
    json_done()
}

async fn module_ignore_info(
    State(s): State<SharedState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Json));
    let body = tri!(json_body(&headers, &bytes));
    let device_id = tri!(text(&body, "deviceId"));
    let a = &st.accounts[i];
    if !a.is_vip {
        return json_error(-1, VIP_ONLY);
    }
    json_ok(
        json!({"ignore": {"id": a.profile.id, "userId": a.id, "updateTime": a.notification.update_time,
        "deviceId": device_id, "ignore": a.module_ignore}}),
    )
}

async fn module_ignore_set(
    State(s): State<SharedState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let mut st = s.lock();
    let i = tri!(auth(&mut st, &headers, Kind::Json));
    let body = tri!(json_body(&headers, &bytes));
    let ignore = tri!(text(&body, "ignore"));
    if !st.accounts[i].is_vip {
        return json_error(-1, VIP_ONLY);
    }
    let valid = ignore
        .split(',')
        .filter(|p| !p.is_empty())
        .all(|p| matches!(p, "10" | "20" | "30"));
    if !valid || (!ignore.is_empty() && !ignore.starts_with(',')) {
        return json_error(-1, "参数错误");
    }
    st.accounts[i].module_ignore = ignore;
    json_done()
}

/// What a bind/change request replaces.
#[derive(Clone, Copy, PartialEq)]
enum Contact {
    Phone,
    Email,
}

/// S5–S8: checks the code sent to the new phone/email, then stores it. Binding needs none
/// bound yet; changing needs one bound. The same phone/email cannot be on two accounts.
fn bind_contact(
    s: &SharedState,
    headers: &HeaderMap,
    bytes: &[u8],
    what: Contact,
    change: bool,
) -> Response {
    let mut st = s.lock();
    let i = tri!(auth(&mut st, headers, Kind::Json));
    let body = tri!(json_body(headers, bytes));
    let key = if what == Contact::Phone {
        "phone"
    } else {
        "email"
    };
    let value = tri!(text(&body, key)).trim().to_owned();
    let code = tri!(text(&body, "captcha"));
    let (valid, sent) = match what {
        Contact::Phone => (valid_phone(&value), st.sms_codes.get(&value)),
        Contact::Email => (
            valid_email(&value),
            st.email_codes.get(&value.to_lowercase()),
        ),
    };
    if !valid {
        return json_error(
            -1,
            if what == Contact::Phone {
                "手机号格式不正确"
            } else {
                "邮箱格式不正确"
            },
        );
    }
    if sent.is_none_or(|c| *c != code.trim()) {
        return json_error(-1, "验证码错误");
    }
    let owner = match what {
        Contact::Phone => st.account_by_phone(&value),
        Contact::Email => st.account_by_email(&value),
    };
    if owner.is_some_and(|o| o != i) {
        return json_error(
            -9,
            if what == Contact::Phone {
                "该手机号已被绑定"
            } else {
                "该邮箱已被绑定"
            },
        );
    }
    let a = &mut st.accounts[i];
    let current = if what == Contact::Phone {
        &mut a.phone
    } else {
        &mut a.email
    };
    if !change && !current.is_empty() {
        return json_error(
            -1,
            if what == Contact::Phone {
                "已绑定手机号，请更换手机号"
            } else {
                "已绑定邮箱，请更换邮箱"
            },
        );
    }
    if change && current.is_empty() {
        return json_error(
            -1,
            if what == Contact::Phone {
                "尚未绑定手机号"
            } else {
                "尚未绑定邮箱"
            },
        );
    }
    *current = value.clone();
    match what {
        Contact::Phone => st.sms_codes.remove(&value),
        Contact::Email => st.email_codes.remove(&value.to_lowercase()),
    };
    json_done()
}

async fn bind_phone(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    bind_contact(&s, &headers, &bytes, Contact::Phone, false)
}

async fn bind_email(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    bind_contact(&s, &headers, &bytes, Contact::Email, false)
}

async fn change_phone(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    bind_contact(&s, &headers, &bytes, Contact::Phone, true)
}

async fn change_email(State(s): State<SharedState>, headers: HeaderMap, bytes: Bytes) -> Response {
    bind_contact(&s, &headers, &bytes, Contact::Email, true)
}

async fn forget_password(
    State(s): State<SharedState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let body = tri!(json_body(&headers, &bytes));
    let (email, code, password) = (
        tri!(text(&body, "email")),
        tri!(text(&body, "captcha")),
        tri!(text(&body, "password")),
    );
    let mut st = s.lock();
    let key = email.trim().to_lowercase();
    if st.email_codes.get(&key).is_none_or(|c| *c != code.trim()) {
        return json_error(-1, "验证码错误");
    }
    let Some(i) = st.account_by_email(&email) else {
        return json_error(4402, "该邮箱未注册");
    };
    if !(6..=32).contains(&password.chars().count()) {
        return json_error(-1, "密码长度应为6-32位");
    }
    st.email_codes.remove(&key);
    st.accounts[i].password = password;
    json_done()
}

async fn show_adv(State(s): State<SharedState>, headers: HeaderMap) -> Response {
    let mut st = s.lock();
    tri!(auth(&mut st, &headers, Kind::Json));
    json_ok(st.service.show_adv.clone())
}

// ---- M: misc -------------------------------------------------------------------------------

async fn distribution(State(s): State<SharedState>, headers: HeaderMap) -> Response {
    let mut st = s.lock();
    tri!(auth(&mut st, &headers, Kind::Json));
    let mut data = st.service.distribution.clone();
    // Images uploaded to the demo are served by the demo itself.
    if let Value::Object(map) = &mut data {
        map.insert(
            "imageUrl".into(),
            Value::String(format!("{}/img/", st.base_url)),
        );
    }
    json_ok(data)
}

async fn upload_token(State(s): State<SharedState>, headers: HeaderMap) -> Response {
    let mut st = s.lock();
    tri!(auth(&mut st, &headers, Kind::Json));
    let token = format!("demoak:{}", random_hex(12));
    st.upload_tokens.insert(token.clone());
    json_ok(json!({"token": token}))
}

async fn setting(State(s): State<SharedState>) -> Response {
    json_ok(s.lock().service.setting.clone())
}

async fn gray_status(State(s): State<SharedState>) -> Response {
    json_ok(json!({"status": s.lock().gray_status}))
}

#[derive(serde::Deserialize)]
struct UpdateQuery {
    platform: Option<String>,
    #[serde(rename = "userId")]
    _user_id: Option<String>,
}

async fn auto_update(State(s): State<SharedState>, Query(q): Query<UpdateQuery>) -> Response {
    let st = s.lock();
    let platform = q.platform.unwrap_or_default();
    let Some(u) = st.service.updates.iter().find(|u| u.platform == platform) else {
        return bad_request("unknown platform");
    };
    use quick_xml::escape::escape;
    let xml = format!(
        concat!(
            "<rss version=\"2.0\" xmlns:sparkle=\"http://www.andymatuschak.org/xml-namespaces/sparkle\">\n",
            "  <channel>\n    <title>云湖社交</title>\n    <description>云湖社交更新中</description>\n    <item>\n",
            "      <enclosure url=\"{}\" sparkle:dsaSignature=\"\" sparkle:version=\"{}\" sparkle:os=\"{}\" length=\"{}\" type=\"application/octet-stream\"></enclosure>\n",
            "    </item>\n  </channel>\n</rss>\n"
        ),
        escape(u.url.as_str()),
        escape(u.version.as_str()),
        escape(u.platform.as_str()),
        u.length
    );
    let mut resp = xml.into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml; charset=utf-8"),
    );
    resp
}

// ---- upload host and image CDN -------------------------------------------------------------

fn qiniu_error(status: StatusCode, msg: &str) -> Response {
    (status, axum::Json(json!({"error": msg}))).into_response()
}

/// Qiniu's form upload: multipart fields `token`, `key`, `file`.
async fn upload(State(s): State<SharedState>, mut form: Multipart) -> Response {
    let (mut token, mut key, mut file) = (None, None, None);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_owned();
                let content_type = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_owned();
                let Ok(data) = field.bytes().await else {
                    return qiniu_error(StatusCode::BAD_REQUEST, "bad multipart body");
                };
                match name.as_str() {
                    "token" => token = Some(String::from_utf8_lossy(&data).into_owned()),
                    "key" => key = Some(String::from_utf8_lossy(&data).into_owned()),
                    "file" => {
                        file = Some(Upload {
                            bytes: data,
                            content_type,
                        })
                    }
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => return qiniu_error(StatusCode::BAD_REQUEST, "bad multipart body"),
        }
    }
    let (Some(token), Some(file)) = (token, file) else {
        return qiniu_error(StatusCode::BAD_REQUEST, "token and file are required");
    };
    let mut st = s.lock();
    if !st.upload_tokens.contains(&token) {
        return qiniu_error(StatusCode::UNAUTHORIZED, "bad token");
    }
    if file.bytes.is_empty() {
        return qiniu_error(StatusCode::BAD_REQUEST, "empty file");
    }
    let key = key
        .filter(|k| !k.is_empty() && !k.contains('/'))
        .unwrap_or_else(|| random_hex(16));
    let hash = crate::api::image_key(&file.bytes, "");
    st.uploads.insert(key.clone(), file);
    axum::Json(json!({"hash": hash.trim_end_matches('.'), "key": key})).into_response()
}

/// The image CDN: answers 403 without the app's Referer, as the real one does.
async fn image(
    State(s): State<SharedState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Response {
    let referer = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !referer.starts_with(MEDIA_REFERER) {
        return (StatusCode::FORBIDDEN, "403 Forbidden").into_response();
    }
    let st = s.lock();
    let Some(upload) = st.uploads.get(&key) else {
        return not_found_sync();
    };
    let mut resp = upload.bytes.clone().into_response();
    if let Ok(ct) = HeaderValue::from_str(&upload.content_type) {
        resp.headers_mut().insert(header::CONTENT_TYPE, ct);
    }
    resp
}

fn not_found_sync() -> Response {
    (StatusCode::NOT_FOUND, "404 page not found").into_response()
}
