//! A stand-in for Aliyun OSS (Q24b) under `/_oss/…` and the CDN under `/_cdn/…`: a PUT
//! with the slot's signature and `Content-Type: image/jpeg` stores the bytes, anything
//! else gets OSS's 403 XML.

use axum::body::Body;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::state::Shared;

pub const OSS_PREFIX: &str = "/_oss/";
pub const CDN_PREFIX: &str = "/_cdn/";
const IMAGE_LIMIT: usize = 8 * 1024 * 1024;

pub fn upload_address(base: &str, object: &str, signature: &str) -> String {
    format!(
        "{base}{OSS_PREFIX}{object}?Expires=4102444800&OSSAccessKeyId=STS.demo&Signature={signature}&security-token=demo"
    )
}

pub fn image_url(base: &str, object: &str) -> String {
    format!("{base}{CDN_PREFIX}{object}")
}

fn oss_error(code: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>demo OSS refused the request</Message>\n</Error>\n"
    );
    let mut resp = (StatusCode::FORBIDDEN, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml"),
    );
    resp
}

pub async fn handle(
    state: Shared,
    method: Method,
    path: &str,
    query: Option<&str>,
    content_type: Option<&str>,
    body: Body,
) -> Response {
    if let Some(object) = path.strip_prefix(CDN_PREFIX) {
        let bytes = state.lock().images.get(object).cloned();
        return match bytes {
            Some(bytes) if method == Method::GET => {
                let mut resp = bytes.into_response();
                resp.headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
                resp
            }
            // The seed's own avatars and covers (see `Seed::serve_pictures_from`).
            None if method == Method::GET && object.starts_with("image/") => {
                crate::demo::identicon::identicon_response(object)
            }
            _ => StatusCode::NOT_FOUND.into_response(),
        };
    }
    let object = path.strip_prefix(OSS_PREFIX).unwrap_or_default().to_owned();
    if method != Method::PUT {
        return oss_error("AccessDenied");
    }
    let signature = query
        .map(crate::api::chaoqer::sign::decode_query)
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == "Signature")
        .map(|(_, v)| v);
    let expected = state.lock().upload_slots.get(&object).cloned();
    if expected.is_none() || signature != expected {
        return oss_error("AccessDenied");
    }
    if content_type != Some("image/jpeg") {
        return oss_error("SignatureDoesNotMatch");
    }
    let Ok(bytes) = axum::body::to_bytes(body, IMAGE_LIMIT).await else {
        return oss_error("EntityTooLarge");
    };
    let mut st = state.lock();
    st.upload_slots.remove(&object);
    st.images.insert(object, bytes.to_vec());
    StatusCode::OK.into_response()
}

#[cfg(test)]
mod picture_tests {
    use crate::api::{ApiClient, ClientConfig};

    /// Issue 13: the demo's avatars and club covers are on its own CDN, and are pictures.
    #[tokio::test]
    async fn the_seed_s_avatars_and_covers_are_served_as_pictures() {
        let server = crate::demo::chaoqer::ChaoqerDemoServer::start()
            .await
            .unwrap();
        let base = server.base_url();
        let mut seed = super::super::data::seed(0);
        seed.serve_pictures_from(&base);
        let client = ApiClient::new(ClientConfig::default()).unwrap();
        for url in [&seed.accounts[0].avatar, &seed.clubs[0].cover] {
            assert!(url.starts_with(&base), "{url}");
            let picture = client.picture(url).await.unwrap();
            assert!(picture.image.width() > 0);
        }
    }
}
