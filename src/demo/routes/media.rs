//! The upload host (Qiniu's form upload posts to "/") and the image CDN, as the official
//! clients use them for avatars.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::json;

use crate::demo::faults::MAX_BODY;
use crate::demo::reply::{Answer, Reply};
use crate::demo::state::{SharedState, Upload, random_hex};

/// What the CDN wants in the Referer header.
const MEDIA_REFERER: &str = "http://myapp.jwznb.com";

pub(super) fn routes() -> Router<SharedState> {
    Router::new()
        // Avatars may be far larger than axum's default body limit (2 MB): the client takes
        // up to 20 MB and M3 announces 40/50 MB. The fault middleware caps every body.
        .route("/", post(upload).layer(DefaultBodyLimit::max(MAX_BODY)))
        .route("/img/{key}", get(image))
}

/// Qiniu's form upload: multipart fields `token`, `key`, `file`.
async fn upload(State(s): State<SharedState>, mut form: Multipart) -> Answer {
    let bad_body = || Reply::Qiniu(StatusCode::BAD_REQUEST, "bad multipart body");
    let (mut token, mut key, mut file) = (None, None, None);
    while let Some(field) = form.next_field().await.map_err(|_| bad_body())? {
        let name = field.name().unwrap_or("").to_owned();
        let content_type = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_owned();
        let data = field.bytes().await.map_err(|_| bad_body())?;
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
    let (Some(token), Some(file)) = (token, file) else {
        return Err(Reply::Qiniu(
            StatusCode::BAD_REQUEST,
            "token and file are required",
        ));
    };
    let mut st = s.lock();
    if !st.upload_tokens.contains(&token) {
        return Err(Reply::Qiniu(StatusCode::UNAUTHORIZED, "bad token"));
    }
    if file.bytes.is_empty() {
        return Err(Reply::Qiniu(StatusCode::BAD_REQUEST, "empty file"));
    }
    let key = key
        .filter(|k| !k.is_empty() && !k.contains('/'))
        .unwrap_or_else(|| random_hex(16));
    let hash = crate::api::image_key(&file.bytes, "");
    st.uploads.insert(key.clone(), file);
    Ok(axum::Json(json!({"hash": hash.trim_end_matches('.'), "key": key})).into_response())
}

/// The image CDN: answers 403 without the app's Referer, as the real one does.
async fn image(
    State(s): State<SharedState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Answer {
    let referer = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !referer.starts_with(MEDIA_REFERER) {
        return Err(Reply::Text(StatusCode::FORBIDDEN, "403 Forbidden".into()));
    }
    let st = s.lock();
    let Some(upload) = st.uploads.get(&key) else {
        // The demo's own avatars (its data has the real CDN's keys): an identicon each.
        if st.is_own_picture(&key) {
            return Ok(crate::demo::identicon::identicon_response(&key));
        }
        return Err(Reply::not_found());
    };
    let mut resp = upload.bytes.clone().into_response();
    if let Ok(ct) = HeaderValue::from_str(&upload.content_type) {
        resp.headers_mut().insert(header::CONTENT_TYPE, ct);
    }
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use crate::demo::DemoServer;

    /// Over axum's default body limit, under the client's: the demo used to answer 400
    /// "bad multipart body".
    #[tokio::test]
    async fn a_3_mb_avatar_is_stored_and_served_back() {
        let server = DemoServer::start().await.unwrap();
        let token = server.handle().logins()[0].token.clone();
        let base = server.base_url();
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let answer: serde_json::Value = http
            .get(format!("{base}/v1/misc/qiniu-token"))
            .header("token", token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let upload_token = answer["data"]["token"].as_str().unwrap().to_owned();
        let file: Vec<u8> = (0..3 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
        let part = reqwest::multipart::Part::bytes(file.clone())
            .file_name("big.png")
            .mime_str("image/png")
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("token", upload_token)
            .text("key", "big.png")
            .part("file", part);
        let resp = http
            .post(format!("{base}/"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
        let served = http
            .get(format!("{base}/img/big.png"))
            .header("referer", "http://myapp.jwznb.com")
            .send()
            .await
            .unwrap();
        assert_eq!(served.status(), 200);
        assert!(
            served.bytes().await.unwrap() == file,
            "served back byte for byte"
        );
    }
}
