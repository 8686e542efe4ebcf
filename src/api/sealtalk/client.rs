//! `SealtalkClient`: one shared `reqwest::Client`, the session cookie, and the one place
//! requests are sent and answers classified. The endpoints are in the section modules.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use serde::Serialize;

use super::cookie::SessionCookie;
use super::endpoint::Endpoint;
use super::error::SealtalkError;
use crate::api::MAX_BODY_BYTES;
use crate::api::transport::{http_client, read_capped, redirect_target};

/// Q18: T1, T14 and T21 can hang on a RongCloud outage; 15 s, then "no answer".
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);
/// The Qiniu upload host of the stock region (T7's flow).
pub const DEFAULT_UPLOAD_URL: &str = "https://upload.qiniup.com";
const LOG_FIELD_CHARS: usize = 512;

/// Where the client talks. The base URL is per deployment: there is no default.
#[derive(Debug, Clone)]
pub struct SealtalkConfig {
    pub base_url: String,
    /// Qiniu's upload endpoint for portrait files (T7).
    pub upload_url: String,
    pub timeout: Duration,
}

impl SealtalkConfig {
    pub fn new(base_url: impl Into<String>) -> Self {
        SealtalkConfig {
            base_url: base_url.into(),
            upload_url: DEFAULT_UPLOAD_URL.into(),
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// A raw answer: status, the `Set-Cookie` headers (only T1 and T2 look), the capped body.
pub(super) struct Answer {
    pub status: u16,
    pub set_cookies: Vec<String>,
    pub body: Bytes,
}

/// Cheap to clone: the HTTP client and the config are shared.
#[derive(Clone)]
pub struct SealtalkClient {
    pub(super) http: reqwest::Client,
    pub(super) config: Arc<SealtalkConfig>,
    pub(super) cookie: Option<SessionCookie>,
    /// The own user id (T1's `result.id`), kept for T4.
    pub(super) user_id: Option<String>,
}

impl std::fmt::Debug for SealtalkClient {
    // Hand-written so the cookie can never reach a log through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealtalkClient")
            .field("config", &self.config)
            .field("cookie", &self.cookie)
            .field("user_id", &self.user_id)
            .finish()
    }
}

impl SealtalkClient {
    pub fn new(config: SealtalkConfig) -> Result<Self, SealtalkError> {
        let http = http_client(config.timeout).map_err(SealtalkError::from_transport)?;
        Ok(SealtalkClient {
            http,
            config: Arc::new(config),
            cookie: None,
            user_id: None,
        })
    }

    /// A client with a saved session (cookie and own user id).
    pub fn with_session(mut self, cookie: SessionCookie, user_id: impl Into<String>) -> Self {
        self.cookie = Some(cookie);
        self.user_id = Some(user_id.into());
        self
    }

    pub fn cookie(&self) -> Option<&SessionCookie> {
        self.cookie.as_ref()
    }

    pub fn user_id(&self) -> Option<&str> {
        self.user_id.as_deref()
    }

    pub fn config(&self) -> &SealtalkConfig {
        &self.config
    }

    /// Forgets the session locally (the server revokes nothing, Q4).
    pub fn forget_session(&mut self) {
        self.cookie = None;
        self.user_id = None;
    }

    // ---- transport ------------------------------------------------------------------------

    /// Sends one request and returns its 2xx answer; anything else is classified here.
    /// `auth`: the endpoint needs the cookie, so without one nothing is sent. A public
    /// endpoint still gets the cookie when there is one (Q2: it is ignored there).
    pub(super) async fn send(
        &self,
        endpoint: Endpoint,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        auth: bool,
    ) -> Result<Answer, SealtalkError> {
        if auth && self.cookie.is_none() {
            return Err(SealtalkError::NotLoggedIn {
                reason: "no saved login".into(),
            });
        }
        let url = format!("{}{}", self.config.base_url.trim_end_matches('/'), path);
        let mut req = self.http.request(method.clone(), &url);
        if let Some(cookie) = &self.cookie {
            req = req.header(COOKIE, cookie.to_header());
        }
        if let Some(body) = body {
            req = req.header(CONTENT_TYPE, "application/json").body(body);
        }
        let started = Instant::now();
        let result = self.finish(endpoint, req).await;
        let ms = started.elapsed().as_millis();
        // The path only: T22's version and T18's query are harmless, but the body may hold
        // a password and is never logged.
        match &result {
            Ok(answer) => {
                tracing::debug!(%method, path, ms, status = answer.status, len = answer.body.len(), "sealtalk ok")
            }
            Err(err) => {
                // A hostile server may echo the cookie in its error text: never into the log.
                let mut text = err.to_string();
                if let Some(cookie) = self.cookie.as_ref().filter(|c| !c.value().is_empty()) {
                    text = text.replace(cookie.value(), "[cookie]");
                }
                tracing::warn!(
                    %method,
                    path,
                    ms,
                    error = %crate::sanitize::for_log(&text, LOG_FIELD_CHARS),
                    "sealtalk failed"
                )
            }
        }
        result
    }

    async fn finish(
        &self,
        endpoint: Endpoint,
        req: reqwest::RequestBuilder,
    ) -> Result<Answer, SealtalkError> {
        let timeout = self.config.timeout;
        let resp = req.send().await.map_err(|e| {
            SealtalkError::from_transport(crate::api::ApiError::from_reqwest(&e, timeout))
        })?;
        let status = resp.status();
        if status.is_redirection() {
            return Err(SealtalkError::Redirect {
                status: status.as_u16(),
                location: redirect_target(&resp),
            });
        }
        let set_cookies = resp
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        let body = read_capped(resp, MAX_BODY_BYTES, timeout)
            .await
            .map_err(SealtalkError::from_transport)?;
        if !status.is_success() {
            return Err(SealtalkError::from_status(endpoint, status.as_u16(), &body));
        }
        Ok(Answer {
            status: status.as_u16(),
            set_cookies,
            body,
        })
    }

    /// A GET answered with the `{"code":200,"result":…}` envelope.
    pub(super) async fn get<T: serde::de::DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        path: &str,
        auth: bool,
    ) -> Result<T, SealtalkError> {
        let answer = self.send(endpoint, Method::GET, path, None, auth).await?;
        super::envelope::result(endpoint, &answer.body)
    }

    /// A POST of a JSON object answered with the envelope.
    pub(super) async fn post<B: Serialize, T: serde::de::DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        path: &str,
        body: &B,
    ) -> Result<T, SealtalkError> {
        let answer = self.post_raw(endpoint, path, body, true).await?;
        super::envelope::result(endpoint, &answer.body)
    }

    /// A POST of a JSON object answered with `{"code":200}`.
    pub(super) async fn post_ok<B: Serialize>(
        &self,
        endpoint: Endpoint,
        path: &str,
        body: &B,
    ) -> Result<(), SealtalkError> {
        let answer = self.post_raw(endpoint, path, body, true).await?;
        super::envelope::ok(endpoint, &answer.body)
    }

    pub(super) async fn post_raw<B: Serialize>(
        &self,
        endpoint: Endpoint,
        path: &str,
        body: &B,
        auth: bool,
    ) -> Result<Answer, SealtalkError> {
        // Q7/Q8: the server checks fields in key order, so the body is serialised from a
        // struct whose field order is the contract's.
        let bytes = serde_json::to_vec(body)
            .map_err(|e| SealtalkError::Input(format!("cannot encode the request: {e}")))?;
        self.send(endpoint, Method::POST, path, Some(bytes), auth)
            .await
    }

    /// The own id, for endpoints that need it.
    pub(super) fn own_id(&self) -> Result<&str, SealtalkError> {
        self.user_id
            .as_deref()
            .ok_or_else(|| SealtalkError::NotLoggedIn {
                reason: "no saved login".into(),
            })
    }
}
