//! M: misc (GET): service configuration, the upload token, the update feed.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use serde_json::{Value, json};

use crate::demo::extract::Account;
use crate::demo::reply::{Answer, Reply, json_ok};
use crate::demo::state::{SharedState, random_hex};

pub(super) fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/misc/configure-distribution", get(distribution))
        .route("/v1/misc/qiniu-token", get(upload_token))
        .route("/v1/misc/setting", get(setting))
        .route("/v1/misc/gray-status", get(gray_status))
        .route("/v1/misc/auto-update", get(auto_update))
}

/// M1 (token)
async fn distribution(State(s): State<SharedState>, _: Account) -> Answer {
    let st = s.lock();
    let mut data = st.service.distribution.clone();
    // Images uploaded to the demo are served by the demo itself.
    if let Value::Object(map) = &mut data {
        map.insert(
            "imageUrl".into(),
            Value::String(format!("{}/img/", st.base_url)),
        );
    }
    Ok(json_ok(data))
}

/// M2 (token): an upload token for the upload host.
async fn upload_token(State(s): State<SharedState>, _: Account) -> Answer {
    let token = format!("demoak:{}", random_hex(12));
    s.lock().upload_tokens.insert(token.clone());
    Ok(json_ok(json!({"token": token})))
}

/// M3
async fn setting(State(s): State<SharedState>) -> Answer {
    Ok(json_ok(s.lock().service.setting.clone()))
}

/// M4
async fn gray_status(State(s): State<SharedState>) -> Answer {
    Ok(json_ok(json!({"status": s.lock().gray_status})))
}

#[derive(serde::Deserialize)]
struct UpdateQuery {
    platform: Option<String>,
    #[serde(rename = "userId")]
    _user_id: Option<String>,
}

/// M5: the Sparkle feed of the latest official client for a platform.
async fn auto_update(State(s): State<SharedState>, Query(q): Query<UpdateQuery>) -> Answer {
    use quick_xml::escape::escape;
    let st = s.lock();
    let platform = q.platform.unwrap_or_default();
    let Some(u) = st.service.updates.iter().find(|u| u.platform == platform) else {
        return Err(Reply::bad_request("unknown platform"));
    };
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
    Ok(resp)
}
