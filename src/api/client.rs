//! `ApiClient`: one shared `reqwest::Client`, one typed async method per endpoint of the spec.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use prost::Message;
use reqwest::Method;
use reqwest::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

use super::decode::{decode_json_data, decode_json_ok, decode_proto};
use super::error::{ApiError, body_excerpt};
use super::transport::{http_client, read_capped, redirect_target};
use crate::proto::HasStatus;

pub const DEFAULT_BASE_URL: &str = "https://chat-go.jwzhd.com";
/// The Qiniu upload host the official clients use.
pub const DEFAULT_UPLOAD_URL: &str = "https://upload-z2.qiniup.com";
/// Uploaded images are served from here, by key.
pub const DEFAULT_IMAGE_BASE: &str = "https://chat-img.jwznb.com/";
/// The media CDN answers 403 without this Referer.
pub const MEDIA_REFERER: &str = "http://myapp.jwznb.com";

const PROTOBUF: &str = "application/x-protobuf";
const JSON: &str = "application/json";
const EXCERPT_CHARS: usize = 160;
/// Log fields longer than this are cut.
pub const LOG_FIELD_CHARS: usize = 512;
/// The most an API answer may be: the largest real answer (a captcha PNG, a page of 100
/// records) is well under 1 MB. A larger body is refused, not read.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// The most records a paged listing gathers in all, whatever `total` the server claims.
pub const MAX_RECORDS: usize = 1_000_000;
/// An avatar file larger than this is refused before it is read, whatever M3 says.
pub const MAX_AVATAR_BYTES: u64 = 20 * 1024 * 1024;
/// Decoded images wider or taller than this are refused, not allocated.
pub const MAX_IMAGE_SIDE: u32 = 8192;

/// Where and how the client talks; everything a test or the demo mode needs to point elsewhere.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub base_url: String,
    /// The multipart upload endpoint (Qiniu in production).
    pub upload_url: String,
    /// Prefix of the URL an uploaded image is served under; the key is appended.
    pub image_base: String,
    pub timeout: Duration,
    /// Stable per installation, generated once and kept in the config dir.
    pub device_id: String,
    /// `linux`, `macos` or `windows`: the service's own values.
    pub platform: String,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: DEFAULT_BASE_URL.into(),
            upload_url: DEFAULT_UPLOAD_URL.into(),
            image_base: DEFAULT_IMAGE_BASE.into(),
            timeout: Duration::from_secs(10),
            device_id: String::new(),
            platform: current_platform().into(),
        }
    }
}

/// A warning when `base_url` is plain HTTP to another machine: the token would cross the
/// network unencrypted. Loopback servers (the demo) stay quiet.
pub fn plain_http_warning(base_url: &str) -> Option<String> {
    let url = url::Url::parse(base_url).ok()?;
    if url.scheme() != "http" {
        return None;
    }
    let loopback = match url.host()? {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    };
    (!loopback).then(|| {
        format!(
            "{} is plain HTTP: the saved token is sent to it unencrypted; use https://",
            crate::sanitize::line(url.host_str().unwrap_or("the server"))
        )
    })
}

/// The platform name the service knows for this build.
pub fn current_platform() -> &'static str {
    if cfg!(target_os = "macos") {
        "macos"
    } else if cfg!(target_os = "windows") {
        "windows"
    } else {
        "linux"
    }
}

pub(super) enum Body {
    None,
    Json(serde_json::Value),
    Proto(Vec<u8>),
}

/// Cheap to clone: the HTTP client and the config are shared.
#[derive(Clone)]
pub struct ApiClient {
    pub(super) http: reqwest::Client,
    pub(super) config: Arc<ClientConfig>,
    pub(super) token: Option<String>,
}

impl std::fmt::Debug for ApiClient {
    // Hand-written so the token can never reach a log through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClient")
            .field("config", &self.config)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl ApiClient {
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        let http = http_client(config.timeout)?;
        Ok(ApiClient {
            http,
            config: Arc::new(config),
            token: None,
        })
    }

    pub fn with_token(mut self, token: Option<String>) -> Self {
        self.token = token;
        self
    }

    pub fn set_token(&mut self, token: Option<String>) {
        self.token = token;
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    // ---- transport ------------------------------------------------------------------------

    pub(super) async fn send(
        &self,
        method: Method,
        path: &str,
        body: Body,
        auth: bool,
    ) -> Result<Bytes, ApiError> {
        let url = format!("{}{}", self.config.base_url.trim_end_matches('/'), path);
        let mut req = self.http.request(method.clone(), &url);
        if auth {
            match self.token.as_ref().filter(|t| !t.is_empty()) {
                Some(token) => {
                    check_token(token)?;
                    req = req.header("token", token);
                }
                None => {
                    return Err(ApiError::NotLoggedIn {
                        msg: "no saved login".into(),
                    });
                }
            }
        }
        req = match body {
            Body::None => req,
            Body::Json(value) => req.header(CONTENT_TYPE, JSON).body(value.to_string()),
            Body::Proto(bytes) => req.header(CONTENT_TYPE, PROTOBUF).body(bytes),
        };
        self.finish(req, &method, path).await
    }

    pub(super) async fn finish(
        &self,
        req: reqwest::RequestBuilder,
        method: &Method,
        path: &str,
    ) -> Result<Bytes, ApiError> {
        let started = Instant::now();
        let result = async {
            let resp = req
                .send()
                .await
                .map_err(|e| ApiError::from_reqwest(&e, self.config.timeout))?;
            let status = resp.status();
            if status.is_redirection() {
                return Err(ApiError::Redirect {
                    status: status.as_u16(),
                    location: redirect_target(&resp),
                });
            }
            let bytes = read_capped(resp, MAX_BODY_BYTES, self.config.timeout).await?;
            if !status.is_success() {
                return Err(ApiError::Http {
                    status: status.as_u16(),
                    excerpt: body_excerpt(&bytes, EXCERPT_CHARS),
                });
            }
            Ok(bytes)
        }
        .await;
        let ms = started.elapsed().as_millis();
        match &result {
            Ok(bytes) => tracing::debug!(%method, path, ms, len = bytes.len(), "api ok"),
            // Logged once, here, cut and sanitised: a server message can be huge or hostile.
            Err(err) => tracing::warn!(
                %method,
                path,
                ms,
                error = %crate::sanitize::for_log(&err.to_string(), LOG_FIELD_CHARS),
                "api failed"
            ),
        }
        result
    }

    pub(super) async fn proto<T: Message + Default + HasStatus>(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
    ) -> Result<T, ApiError> {
        let bytes = self.send(method, path, Body::Proto(body), true).await?;
        decode_proto(&bytes)
    }

    pub(super) async fn proto_get<T: Message + Default + HasStatus>(
        &self,
        path: &str,
    ) -> Result<T, ApiError> {
        let bytes = self.send(Method::GET, path, Body::None, true).await?;
        decode_proto(&bytes)
    }

    pub(super) async fn json_data<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Body,
        auth: bool,
    ) -> Result<T, ApiError> {
        let bytes = self.send(method, path, body, auth).await?;
        decode_json_data(&bytes)
    }

    pub(super) async fn json_ok(
        &self,
        path: &str,
        body: serde_json::Value,
        auth: bool,
    ) -> Result<(), ApiError> {
        let bytes = self
            .send(Method::POST, path, Body::Json(body), auth)
            .await?;
        decode_json_ok(&bytes)
    }
}

/// A token must be usable as an HTTP header value: visible ASCII, no spaces or line breaks,
/// at most 4 KiB. Checked where a token enters (a login answer, `YUNHU_TOKEN`, the token
/// file) so a bad one is named there instead of failing every request later.
pub fn check_token(token: &str) -> Result<(), ApiError> {
    let ok =
        !token.is_empty() && token.len() <= 4096 && token.bytes().all(|b| b.is_ascii_graphic());
    if ok {
        Ok(())
    } else {
        Err(ApiError::Input(
            "the token is not valid (it must be printable ASCII without spaces or line breaks)"
                .into(),
        ))
    }
}
