//! A stand-in for Qiniu, T7's upload host, under `/_qiniu/` on the demo's port (no
//! SealTalk route starts so): the upload accepts only tokens T7 handed out, and uploaded
//! files are served back, so the portrait flow can run without the network.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use md5::{Digest, Md5};
use serde_json::json;

use super::state::Shared;

pub const PREFIX: &str = "/_qiniu/";
const UPLOAD: &str = "/_qiniu/upload";
pub const FILES: &str = "/_qiniu/files/";
/// Qiniu answers 413 above its limit; the demo's is small.
const MAX_FILE: usize = 2 * 1024 * 1024;

/// T7's `domain`: the download host and path, without a scheme.
pub fn download_domain(base_url: &str) -> String {
    let host = base_url
        .trim_start_matches("http://")
        .trim_start_matches("https://")
        .trim_end_matches('/');
    format!("{host}/_qiniu/files")
}

pub fn upload_url(base_url: &str) -> String {
    format!("{}{UPLOAD}", base_url.trim_end_matches('/'))
}

fn error(status: StatusCode, msg: &str) -> Response {
    (status, axum::Json(json!({ "error": msg }))).into_response()
}

pub async fn handle(state: Shared, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if let Some(key) = path.strip_prefix(FILES) {
        let file = state.lock().uploads.get(key).cloned();
        return match file {
            Some(bytes) => {
                let mut resp = bytes.into_response();
                resp.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/octet-stream"),
                );
                resp
            }
            // A friend's portrait the demo made up (see `routes::lists`): an identicon.
            None if key.starts_with("portrait-") && key.ends_with(".png") => {
                crate::demo::identicon::identicon_response(key)
            }
            None => error(StatusCode::NOT_FOUND, "no such file or directory"),
        };
    }
    if path != UPLOAD || req.method() != axum::http::Method::POST {
        return error(StatusCode::NOT_FOUND, "not found");
    }
    let Ok(mut form) = Multipart::from_request(req, &()).await else {
        return error(StatusCode::BAD_REQUEST, "invalid multipart form");
    };
    let (mut token, mut file, mut key) = (None, None, None);
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or("").to_owned();
        let Ok(bytes) = field.bytes().await else {
            return error(StatusCode::PAYLOAD_TOO_LARGE, "file too large");
        };
        match name.as_str() {
            "token" => token = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "file" => file = Some(bytes),
            "key" => key = Some(String::from_utf8_lossy(&bytes).into_owned()),
            _ => {}
        }
    }
    let mut st = state.lock();
    if !token.is_some_and(|t| st.image_tokens.contains(&t)) {
        return error(StatusCode::UNAUTHORIZED, "bad token");
    }
    let Some(file) = file else {
        return error(StatusCode::BAD_REQUEST, "file is empty");
    };
    if file.len() > MAX_FILE {
        return error(StatusCode::PAYLOAD_TOO_LARGE, "file too large");
    }
    let hash: String = Md5::digest(&file)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let hash = format!("Fdemo{hash}");
    let key = key
        .filter(|k| {
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        })
        .unwrap_or_else(|| hash.clone());
    st.uploads.insert(key.clone(), file.to_vec());
    axum::Json(json!({"hash": hash, "key": key})).into_response()
}
