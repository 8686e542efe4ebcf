//! `ChaoqerClient`: one shared `reqwest::Client`, the session, the clock for `ts`, and the
//! one place requests are signed, sent and answered. The endpoints are in the section
//! modules (account, user, club, event, app).

use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::Value;

use super::endpoint::Endpoint;
use super::error::ChaoqerError;
use super::model::Session;
use super::sign;
use crate::api::MAX_BODY_BYTES;
use crate::api::transport::{http_client, read_capped, redirect_target};

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// The `Version-Code` this build sends: major·10000 + minor·100 + patch, so it only grows
/// (and stays above 26, where a registering account sees `/club` and `/event` empty).
pub const VERSION_CODE: i64 = {
    const fn num(s: &str) -> i64 {
        let b = s.as_bytes();
        let mut i = 0;
        let mut n = 0;
        while i < b.len() {
            n = n * 10 + (b[i] - b'0') as i64;
            i += 1;
        }
        n
    }
    num(env!("CARGO_PKG_VERSION_MAJOR")) * 10000
        + num(env!("CARGO_PKG_VERSION_MINOR")) * 100
        + num(env!("CARGO_PKG_VERSION_PATCH"))
};

/// The milliseconds sent as `ts` (replaceable so tests can send the contract's literals).
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// Where and as what the client talks. The base URL is per deployment: there is no default.
#[derive(Clone)]
pub struct ChaoqerConfig {
    pub base_url: String,
    pub timeout: Duration,
    /// Signs requests sent without `Authorization` (the README's value by default).
    pub default_secret: String,
    /// Joins the entries of the signed string (the README's `$$$` by default).
    pub delimiter: String,
    pub version_name: String,
    pub version_code: i64,
    pub clock: Clock,
}

impl std::fmt::Debug for ChaoqerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChaoqerConfig")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("version_name", &self.version_name)
            .field("version_code", &self.version_code)
            .finish_non_exhaustive()
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl ChaoqerConfig {
    pub fn new(base_url: impl Into<String>) -> Self {
        ChaoqerConfig {
            base_url: base_url.into(),
            timeout: DEFAULT_TIMEOUT,
            default_secret: sign::DEFAULT_SECRET.into(),
            delimiter: sign::DELIMITER.into(),
            version_name: env!("CARGO_PKG_VERSION").into(),
            version_code: VERSION_CODE,
            clock: Arc::new(now_ms),
        }
    }
}

/// How a request is signed and which headers it carries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Auth {
    /// Q1/Q2: never `Authorization`, the default secret.
    Anonymous,
    /// Everything else: `Authorization` and the user's secret; refused locally without a
    /// session.
    User,
}

/// A request's parameters in the order they are sent (the contract's samples' order).
pub(super) type Params = Vec<(&'static str, Value)>;

/// Cheap to clone: the HTTP client and the config are shared.
#[derive(Clone)]
pub struct ChaoqerClient {
    pub(super) http: reqwest::Client,
    pub(super) config: Arc<ChaoqerConfig>,
    pub(super) session: Option<Session>,
}

impl std::fmt::Debug for ChaoqerClient {
    // Hand-written: the session's Debug hides the credentials, and nothing else is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChaoqerClient")
            .field("config", &self.config)
            .field("session", &self.session)
            .finish()
    }
}

impl ChaoqerClient {
    pub fn new(config: ChaoqerConfig) -> Result<Self, ChaoqerError> {
        let http = http_client(config.timeout).map_err(ChaoqerError::from_transport)?;
        Ok(ChaoqerClient {
            http,
            config: Arc::new(config),
            session: None,
        })
    }

    pub fn with_session(mut self, session: Session) -> Self {
        self.session = Some(session);
        self
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    pub fn config(&self) -> &ChaoqerConfig {
        &self.config
    }

    /// Forgets the session locally (after Q3, or a 401).
    pub fn forget_session(&mut self) {
        self.session = None;
    }

    pub(super) fn own_uid(&self) -> Result<&str, ChaoqerError> {
        self.session
            .as_ref()
            .map(|s| s.uid.as_str())
            .ok_or_else(no_login)
    }

    /// `Basic base64(uid:accessToken)`.
    pub fn authorization(session: &Session) -> String {
        let pair = format!("{}:{}", session.uid, session.access_token);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        )
    }

    fn secret(&self, auth: Auth) -> Result<(Option<&Session>, &str), ChaoqerError> {
        match auth {
            Auth::Anonymous => Ok((None, &self.config.default_secret)),
            Auth::User => {
                let session = self.session.as_ref().ok_or_else(no_login)?;
                Ok((Some(session), &session.access_secret))
            }
        }
    }

    // ---- requests -------------------------------------------------------------------------

    /// A signed GET: the parameters, `ts` and `sign` in the query string, no Content-Type.
    pub(super) async fn get(
        &self,
        endpoint: Endpoint,
        path: &str,
        params: &[(&'static str, String)],
        auth: Auth,
    ) -> Result<Bytes, ChaoqerError> {
        let (session, secret) = self.secret(auth)?;
        let ts = (self.config.clock)().to_string();
        let mut pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        pairs.push(("ts", &ts));
        let signature = sign::md5_hex(&sign::canonical(
            pairs.iter().copied(),
            secret,
            &self.config.delimiter,
        ));
        pairs.push(("sign", &signature));
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        let url = format!("{}{path}?{query}", self.base());
        let req = self.http.request(Method::GET, url);
        self.send(endpoint, req, session).await
    }

    /// A signed POST/PUT/DELETE: a JSON object of the fields, `ts` and `sign`, with
    /// `Content-Type: application/json` exactly.
    pub(super) async fn write(
        &self,
        endpoint: Endpoint,
        method: Method,
        path: &str,
        params: Params,
        auth: Auth,
    ) -> Result<Bytes, ChaoqerError> {
        let (session, secret) = self.secret(auth)?;
        let body = signed_body(
            params,
            (self.config.clock)(),
            secret,
            &self.config.delimiter,
        )?;
        let url = format!("{}{path}", self.base());
        let req = self
            .http
            .request(method, url)
            .header(CONTENT_TYPE, "application/json")
            .body(body);
        self.send(endpoint, req, session).await
    }

    /// An unsigned GET with its own `Client-Type` and `Version-Code` (Q22).
    pub(super) async fn get_unsigned(
        &self,
        endpoint: Endpoint,
        path: &str,
        client_type: u8,
        version_code: i64,
    ) -> Result<Bytes, ChaoqerError> {
        let url = format!("{}{path}", self.base());
        let req = self
            .http
            .get(url)
            .header("Client-Type", client_type.to_string())
            .header("Version-Name", &self.config.version_name)
            .header("Version-Code", version_code.to_string());
        self.finish(endpoint, req).await
    }

    fn base(&self) -> &str {
        self.config.base_url.trim_end_matches('/')
    }

    async fn send(
        &self,
        endpoint: Endpoint,
        req: reqwest::RequestBuilder,
        session: Option<&Session>,
    ) -> Result<Bytes, ChaoqerError> {
        let mut req = req
            .header("Client-Type", "0")
            .header("Version-Name", &self.config.version_name)
            .header("Version-Code", self.config.version_code.to_string());
        if let Some(session) = session {
            req = req.header(AUTHORIZATION, Self::authorization(session));
        }
        self.finish(endpoint, req).await
    }

    async fn finish(
        &self,
        endpoint: Endpoint,
        req: reqwest::RequestBuilder,
    ) -> Result<Bytes, ChaoqerError> {
        let started = Instant::now();
        let result = self.exchange(req).await.map_err(|err| match &self.session {
            Some(s) => err.scrubbed(&[&s.uid, &s.access_token, &s.access_secret]),
            None => err,
        });
        let ms = started.elapsed().as_millis();
        // The endpoint id only: paths hold uids, queries and bodies the signature.
        match &result {
            Ok(body) => {
                tracing::debug!(endpoint = endpoint.id(), ms, len = body.len(), "chaoqer ok")
            }
            Err(err) => tracing::warn!(
                endpoint = endpoint.id(),
                ms,
                error = %crate::sanitize::for_log(&err.to_string(), 512),
                "chaoqer failed"
            ),
        }
        result
    }

    async fn exchange(&self, req: reqwest::RequestBuilder) -> Result<Bytes, ChaoqerError> {
        let timeout = self.config.timeout;
        let resp = req
            .send()
            .await
            .map_err(|e| ChaoqerError::from_reqwest(e, timeout))?;
        let status = resp.status();
        if status.is_redirection() {
            return Err(ChaoqerError::Redirect {
                status: status.as_u16(),
                location: redirect_target(&resp),
            });
        }
        let body = read_capped(resp, MAX_BODY_BYTES, timeout)
            .await
            .map_err(ChaoqerError::from_transport)?;
        if status.as_u16() != 200 {
            return Err(ChaoqerError::from_status(status.as_u16(), &body));
        }
        Ok(body)
    }
}

fn no_login() -> ChaoqerError {
    ChaoqerError::LoggedOut {
        reason: "no saved login".into(),
    }
}

/// The JSON text of `params` and `ts`, then `sign` computed over exactly that text as the
/// gateway reads it, appended last.
pub(super) fn signed_body(
    params: Params,
    ts: i64,
    secret: &str,
    delimiter: &str,
) -> Result<String, ChaoqerError> {
    let mut members: Vec<String> = Vec::with_capacity(params.len() + 2);
    for (key, value) in params.iter().chain([("ts", Value::from(ts))].iter()) {
        let key = serde_json::to_string(key).map_err(encode_error)?;
        let value = serde_json::to_string(value).map_err(encode_error)?;
        members.push(format!("{key}:{value}"));
    }
    let unsigned = format!("{{{}}}", members.join(","));
    let signature = sign::sign_json_text(&unsigned, secret, delimiter)
        .map_err(|e| ChaoqerError::Input(format!("cannot sign the request: {e}")))?;
    members.push(format!("\"sign\":\"{signature}\""));
    Ok(format!("{{{}}}", members.join(",")))
}

fn encode_error(e: serde_json::Error) -> ChaoqerError {
    ChaoqerError::Input(format!("cannot encode the request: {e}"))
}
