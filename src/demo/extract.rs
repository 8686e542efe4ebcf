//! The demo's extractors: the signed-in account (from the `token` header) and the JSON or
//! protobuf body, each refusing with the service's own answer.
//!
//! The service's quirks, kept here so that handlers need not know them:
//! - without a token every endpoint answers JSON −101, protobuf ones included;
//! - a wrong non-empty token gets JSON −101 on JSON endpoints, protobuf −101 on protobuf ones;
//! - a JSON body is checked after the token (`Account` comes before `JsonBody`), while a
//!   protobuf body is decoded before it, so a bad one is HTTP 400 even without a token:
//!   [`ProtoCall`] keeps that order.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use prost::Message;
use serde_json::{Map, Value};

use super::reply::{NOT_LOGGED_IN, Reply};
use super::state::SharedState;

/// The trimmed `token` header; empty when there is none.
fn token(headers: &HeaderMap) -> &str {
    headers
        .get("token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim()
}

fn content_type_is(headers: &HeaderMap, expected: &str) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .starts_with(expected)
}

/// Which envelope a refusal of a wrong token takes.
#[derive(Clone, Copy)]
enum Kind {
    Json,
    Proto,
}

/// The index of the account whose session `token` is.
fn sign_in(state: &SharedState, token: &str, kind: Kind) -> Result<usize, Reply> {
    if token.is_empty() {
        return Err(Reply::not_logged_in());
    }
    let mut st = state.lock();
    match st.sessions.get(token) {
        Some(&index) => Ok(index),
        None => Err(match kind {
            Kind::Json => Reply::not_logged_in(),
            Kind::Proto => Reply::proto(&mut st, -101, NOT_LOGGED_IN),
        }),
    }
}

/// The signed-in account of a JSON endpoint: an index into the accounts, and the session's
/// token (for logging out).
pub struct Account {
    pub index: usize,
    pub token: String,
}

impl FromRequestParts<SharedState> for Account {
    type Rejection = Reply;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> Result<Self, Reply> {
        let token = token(&parts.headers);
        let index = sign_in(state, token, Kind::Json)?;
        Ok(Account {
            index,
            token: token.to_owned(),
        })
    }
}

/// The signed-in account of a protobuf endpoint without a request body.
pub struct ProtoAccount(pub usize);

impl FromRequestParts<SharedState> for ProtoAccount {
    type Rejection = Reply;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> Result<Self, Reply> {
        sign_in(state, token(&parts.headers), Kind::Proto).map(ProtoAccount)
    }
}

/// A JSON object body; anything else is HTTP 400, as the service answers bad parameters.
/// Fields are read as a Go server decodes them: missing is empty or 0, a wrong type is 400.
pub struct JsonBody(Map<String, Value>);

impl JsonBody {
    /// A string field.
    pub fn text(&self, key: &str) -> Result<String, Reply> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(Reply::bad_request(format!("{key} must be a string"))),
        }
    }

    /// An integer field.
    pub fn int(&self, key: &str) -> Result<i64, Reply> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(0),
            Some(v) => v
                .as_i64()
                .ok_or_else(|| Reply::bad_request(format!("{key} must be an integer"))),
        }
    }
}

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = Reply;

    async fn from_request(req: Request, state: &S) -> Result<Self, Reply> {
        let json = content_type_is(req.headers(), "application/json");
        let bytes = Bytes::from_request(req, state).await?;
        if !json {
            return Err(Reply::bad_request("Content-Type must be application/json"));
        }
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => Ok(JsonBody(map)),
            _ => Err(Reply::bad_request("invalid JSON body")),
        }
    }
}

/// A protobuf body; an empty one is the empty message.
pub struct Protobuf<M>(pub M);

impl<S, M> FromRequest<S> for Protobuf<M>
where
    S: Send + Sync,
    M: Message + Default,
{
    type Rejection = Reply;

    async fn from_request(req: Request, state: &S) -> Result<Self, Reply> {
        let protobuf = content_type_is(req.headers(), "application/x-protobuf");
        let bytes = Bytes::from_request(req, state).await?;
        if bytes.is_empty() {
            return Ok(Protobuf(M::default()));
        }
        if !protobuf {
            return Err(Reply::bad_request(
                "Content-Type must be application/x-protobuf",
            ));
        }
        M::decode(bytes)
            .map(Protobuf)
            .map_err(|_| Reply::bad_request("invalid protobuf body"))
    }
}

/// A protobuf request of a signed-in account, checked in the service's order: the body
/// first, then the token.
pub struct ProtoCall<M> {
    pub account: usize,
    pub msg: M,
}

impl<M: Message + Default> FromRequest<SharedState> for ProtoCall<M> {
    type Rejection = Reply;

    async fn from_request(req: Request, state: &SharedState) -> Result<Self, Reply> {
        let token = token(req.headers()).to_owned();
        let Protobuf(msg) = Protobuf::from_request(req, state).await?;
        let account = sign_in(state, &token, Kind::Proto)?;
        Ok(ProtoCall { account, msg })
    }
}
