//! The gateway's checks before any controller runs, in its order: routing (404/405/415),
//! the client headers (`ClientLoginInterceptor`), `Authorization` and the account state
//! (`UserLoginInterceptor`), then the signature (`ParamVerifyInterceptor`).

use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::Response;
use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::{Map, Value, json};

use super::reply::{self, Refusal};
use super::state::Shared;
use crate::api::chaoqer::Endpoint;
use crate::api::chaoqer::sign::{self, Json};

/// Bounds what one request may make the demo hold.
pub const BODY_LIMIT: usize = 256 * 1024;

/// The routes: method, path pattern (`{id}` = 32 lower-case hex), endpoint.
const ROUTES: &[(&str, &str, Endpoint)] = &[
    ("POST", "/account/captcha", Endpoint::SendCode),
    ("POST", "/account/login/captcha", Endpoint::Login),
    ("POST", "/account/logout", Endpoint::Logout),
    ("POST", "/user/profile/init", Endpoint::InitProfile),
    ("PUT", "/user/profile", Endpoint::EditProfile),
    ("GET", "/user/{id}/profile", Endpoint::Profile),
    ("GET", "/user/block", Endpoint::Blocked),
    ("POST", "/user/{id}/block", Endpoint::Block),
    ("DELETE", "/user/{id}/block", Endpoint::Unblock),
    ("GET", "/user/message", Endpoint::Messages),
    ("GET", "/user/message/unread_total", Endpoint::UnreadTotal),
    ("GET", "/user/card", Endpoint::Cards),
    ("POST", "/user/{id}/card", Endpoint::SendCard),
    ("DELETE", "/user/{id}/card", Endpoint::DeleteCard),
    ("GET", "/club", Endpoint::Clubs),
    ("GET", "/club/{id}", Endpoint::Club),
    ("GET", "/club/{id}/member", Endpoint::ClubMembers),
    ("POST", "/club/{id}/join", Endpoint::JoinClub),
    ("POST", "/club/{id}/leave", Endpoint::LeaveClub),
    ("GET", "/event", Endpoint::Events),
    ("GET", "/event/{id}", Endpoint::Event),
    ("GET", "/app/version/upgrade", Endpoint::LatestVersion),
    ("POST", "/app/feedback", Endpoint::Feedback),
    ("POST", "/aliyun/image/upload", Endpoint::UploadSlot),
];

/// What a route's handler gets once every check passed.
pub struct Call {
    pub endpoint: Endpoint,
    pub path: String,
    /// The path id (`{uid}`, `{clubId}`, `{eventId}`).
    pub id: String,
    /// The authenticated user.
    pub uid: Option<String>,
    pub client_type: i64,
    pub version_name: String,
    pub version_code: i64,
    /// Decoded query parameters, first value of each name.
    pub query: Vec<(String, String)>,
    /// The JSON body's members, as Jackson would bind them.
    pub body: Map<String, Value>,
}

impl Call {
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The authenticated uid (every route but Q1, Q2 and Q22 has one).
    pub fn me(&self) -> &str {
        self.uid.as_deref().unwrap_or_default()
    }

    /// The identity of a write for the duplicate rule: user, endpoint, fields without
    /// `ts` and `sign`, and for Q1–Q3 and Q23 the client headers.
    pub fn write_identity(&self) -> String {
        let fields: Vec<(String, String)> = self
            .body
            .iter()
            .filter(|(k, _)| *k != "ts" && *k != "sign")
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect();
        let mut identity = format!(
            "{}|{}|{}|{}",
            self.me(),
            self.endpoint.id(),
            self.id,
            sign::canonical(
                fields.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                "",
                "&"
            )
        );
        if matches!(
            self.endpoint,
            Endpoint::SendCode | Endpoint::Login | Endpoint::Logout | Endpoint::Feedback
        ) {
            identity.push_str(&format!(
                "|{}|{}|{}",
                self.client_type, self.version_name, self.version_code
            ));
        }
        identity
    }
}

fn matches_pattern(pattern: &str, path: &str) -> Option<String> {
    let mut id = String::new();
    let mut p = pattern.split('/');
    let mut s = path.split('/');
    loop {
        match (p.next(), s.next()) {
            (None, None) => return Some(id),
            (Some("{id}"), Some(seg)) if crate::api::chaoqer::is_id(seg) => id = seg.to_owned(),
            (Some(a), Some(b)) if a == b => {}
            _ => return None,
        }
    }
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// An integer header as Java's `Integer.parseInt` after a blank check: blank is 0, junk
/// throws (500).
fn int_header(headers: &HeaderMap, name: &str) -> Result<i64, Refusal> {
    let text = header_text(headers, name).unwrap_or("").trim();
    if text.is_empty() {
        return Ok(0);
    }
    text.parse::<i32>()
        .map(i64::from)
        .map_err(|_| reply::empty(StatusCode::INTERNAL_SERVER_ERROR).into())
}

fn is_login_route(endpoint: Endpoint) -> bool {
    !matches!(
        endpoint,
        Endpoint::SendCode | Endpoint::Login | Endpoint::LatestVersion
    )
}

/// `Basic xxx` → (uid, token): the first 6 characters skipped unseen, base64 with or
/// without padding (else 500), then exactly two parts after Java's `split(":")` (else 401).
fn parse_authorization(value: &str) -> Result<(String, String), Refusal> {
    let Some(encoded) = value.get(6..).filter(|_| value.chars().count() >= 6) else {
        return Err(reply::empty(StatusCode::INTERNAL_SERVER_ERROR).into());
    };
    let engine = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let decoded = engine
        .decode(encoded)
        .map_err(|_| reply::empty(StatusCode::INTERNAL_SERVER_ERROR))?;
    let text = String::from_utf8_lossy(&decoded);
    let mut parts: Vec<&str> = text.split(':').collect();
    while parts.last() == Some(&"") {
        parts.pop();
    }
    match parts.as_slice() {
        [uid, token] => Ok(((*uid).to_owned(), (*token).to_owned())),
        _ => Err(reply::empty(StatusCode::UNAUTHORIZED).into()),
    }
}

/// Runs every check; `Err` is the gateway's answer when one fails.
pub async fn prepare(
    state: &Shared,
    method: Method,
    path: String,
    raw_query: Option<String>,
    headers: &HeaderMap,
    body: Body,
) -> Result<Call, Box<Response>> {
    prepare_inner(state, method, path, raw_query, headers, body).await
}

async fn prepare_inner(
    state: &Shared,
    method: Method,
    path: String,
    raw_query: Option<String>,
    headers: &HeaderMap,
    body: Body,
) -> Result<Call, Refusal> {
    if method == Method::OPTIONS {
        return Err(reply::empty(StatusCode::OK).into());
    }
    // Routing.
    let candidates: Vec<(&str, Endpoint, String)> = ROUTES
        .iter()
        .filter_map(|(m, p, e)| matches_pattern(p, &path).map(|id| (*m, *e, id)))
        .collect();
    if candidates.is_empty() {
        return Err(reply::spring(StatusCode::NOT_FOUND, &path).into());
    }
    let Some((_, endpoint, id)) = candidates
        .into_iter()
        .find(|(m, _, _)| *m == method.as_str())
    else {
        return Err(reply::spring(StatusCode::METHOD_NOT_ALLOWED, &path).into());
    };
    let content_type = header_text(headers, header::CONTENT_TYPE.as_str()).unwrap_or("");
    let exact_json = content_type == "application/json";
    let json_media = content_type
        .split(';')
        .next()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
    if method != Method::GET && !json_media {
        return Err(reply::spring(StatusCode::UNSUPPORTED_MEDIA_TYPE, &path).into());
    }
    let body = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| reply::empty(StatusCode::PAYLOAD_TOO_LARGE))?;
    // The client headers.
    let client_type = match int_header(headers, "Client-Type")? {
        n @ 0..=2 => n,
        _ => 0,
    };
    let version_code = int_header(headers, "Version-Code")?;
    let version_name = header_text(headers, "Version-Name")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("UNKNOWN")
        .to_owned();
    // Authorization and the account state.
    let authorization = headers
        .get(header::AUTHORIZATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let mut uid = None;
    let mut secret: Option<String> = None;
    match authorization {
        None if is_login_route(endpoint) => {
            return Err(reply::empty(StatusCode::UNAUTHORIZED).into());
        }
        None => {}
        Some(value) => {
            let (user, token) = parse_authorization(&value)?;
            let st = state.lock();
            let session = st
                .sessions
                .get(&user)
                .filter(|s| s.token == token && s.expire_time > super::state::now_ms())
                .ok_or_else(|| reply::empty(StatusCode::UNAUTHORIZED))?;
            let account = st
                .account(&user)
                .ok_or_else(|| reply::empty(StatusCode::UNAUTHORIZED))?;
            if account.state < 0 {
                return Err(reply::empty(StatusCode::UNAUTHORIZED).into());
            }
            if account.state == 0 {
                registering(endpoint, &method, &path, version_code)?;
            }
            secret = Some(session.secret.clone());
            uid = Some(user);
        }
    }
    // The signature, from the JSON body or the query string.
    let query = raw_query
        .as_deref()
        .map(sign::decode_query)
        .unwrap_or_default();
    let mut members: Map<String, Value> = Map::new();
    let mut signed: Vec<(String, String)> = Vec::new();
    if exact_json {
        let text = std::str::from_utf8(&body)
            .map_err(|_| reply::empty(StatusCode::INTERNAL_SERVER_ERROR))?;
        let parsed = Json::object_members(text)
            .map_err(|_| reply::empty(StatusCode::INTERNAL_SERVER_ERROR))?;
        signed = parsed
            .iter()
            .map(|(k, v)| (k.clone(), sign::render_value(v)))
            .collect();
    } else {
        signed.clone_from(&query);
    }
    if json_media && !body.is_empty() {
        match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(map)) => members = map,
            _ => return Err(reply::spring(StatusCode::BAD_REQUEST, &path).into()),
        }
    }
    if endpoint != Endpoint::LatestVersion {
        let field = |name: &str| {
            signed
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let (Some(received), Some(_ts)) = (field("sign"), field("ts")) else {
            return Err(reply::empty(StatusCode::BAD_REQUEST).into());
        };
        let secret = secret.unwrap_or_else(|| sign::DEFAULT_SECRET.to_owned());
        let expected = sign::md5_hex(&sign::canonical(
            signed.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            &secret,
            sign::DELIMITER,
        ));
        if !sign::sign_matches(&received, &expected) {
            return Err(reply::empty(StatusCode::UNAUTHORIZED).into());
        }
    }
    Ok(Call {
        endpoint,
        path,
        id,
        uid,
        client_type,
        version_name,
        version_code,
        query,
        body: members,
    })
}

/// A registering account (state 0): a few paths work, `/club` and `/event` answer an
/// empty success, everything else errorCode 200000 (before the signature is checked).
fn registering(
    endpoint: Endpoint,
    method: &Method,
    path: &str,
    version_code: i64,
) -> Result<(), Refusal> {
    if matches!(
        endpoint,
        Endpoint::Logout | Endpoint::InitProfile | Endpoint::UnreadTotal | Endpoint::UploadSlot
    ) {
        return Ok(());
    }
    let club = path == "/club" || path.starts_with("/club/");
    let event = path == "/event" || path.starts_with("/event/");
    let empty = if version_code <= 26 {
        (club && *method == Method::GET) || event
    } else {
        club || event
    };
    if empty {
        return Err(reply::success(json!({})).into());
    }
    Err(reply::failure("用户资料未初始化", 200000).into())
}
