//! What the demo answers: the service's envelopes (JSON and protobuf), and [`Reply`], the
//! refusal that extractors and handlers return with `?`. Used by the routes and the faults.

use std::borrow::Cow;

use axum::Json;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use prost::Message;
use serde_json::{Value, json};

use super::state::DemoState;
use crate::proto;

pub const NOT_LOGGED_IN: &str = "未登录";
const NOT_FOUND: &str = "404 page not found";

/// A handler's answer: the response, or the refusal.
pub type Answer = Result<Response, Reply>;

/// `{"code":1,"msg":"success","data":…}`
pub fn json_ok(data: Value) -> Response {
    Json(json!({"code": 1, "msg": "success", "data": data})).into_response()
}

/// `{"code":1,"msg":"success"}`: a write that worked.
pub fn json_done() -> Response {
    Json(json!({"code": 1, "msg": "success"})).into_response()
}

/// A protobuf answer.
pub fn protobuf(msg: &impl Message) -> Response {
    let mut resp = msg.encode_to_vec().into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-protobuf"),
    );
    resp
}

/// Field 1 of every protobuf answer, with a fresh request id.
pub fn status(st: &mut DemoState, code: i32, msg: &str) -> Option<proto::Status> {
    Some(new_status(st, code, msg))
}

fn new_status(st: &mut DemoState, code: i32, msg: &str) -> proto::Status {
    proto::Status {
        request_id: st.next_request_id(),
        code,
        msg: msg.to_owned(),
    }
}

/// A protobuf `StatusResponse`: the whole answer of a protobuf write.
pub fn pb_status(st: &mut DemoState, code: i32, msg: &str) -> Response {
    protobuf(&proto::StatusResponse {
        status: status(st, code, msg),
    })
}

/// A refusal, answered as the service answers it.
#[derive(Debug)]
pub enum Reply {
    /// HTTP 200 with the JSON envelope of a failure: `{"code":-1,"msg":"…"}`.
    Json { code: i64, msg: &'static str },
    /// HTTP 200 with a protobuf `StatusResponse` of a failure.
    Proto(proto::Status),
    /// An HTTP error with a plain-text body: 400 for bad parameters, 403, 404, 500.
    Text(StatusCode, Cow<'static, str>),
    /// An error of the upload host, in its shape: `{"error":"…"}`.
    Qiniu(StatusCode, &'static str),
    /// A body that could not be read (too large), as axum answers it.
    Body(BytesRejection),
}

impl Reply {
    /// The JSON envelope with a failure `code` and the service's words.
    pub fn code(code: i64, msg: &'static str) -> Self {
        Reply::Json { code, msg }
    }

    /// JSON −101: no session.
    pub fn not_logged_in() -> Self {
        Reply::code(-101, NOT_LOGGED_IN)
    }

    /// A protobuf `StatusResponse` with a failure `code` (it takes a request id).
    pub fn proto(st: &mut DemoState, code: i32, msg: &str) -> Self {
        Reply::Proto(new_status(st, code, msg))
    }

    /// HTTP 400: wrong parameters.
    pub fn bad_request(msg: impl Into<Cow<'static, str>>) -> Self {
        Reply::Text(StatusCode::BAD_REQUEST, msg.into())
    }

    /// HTTP 404, the answer to an unknown path or a wrong method.
    pub fn not_found() -> Self {
        Reply::Text(StatusCode::NOT_FOUND, Cow::Borrowed(NOT_FOUND))
    }
}

impl From<BytesRejection> for Reply {
    fn from(rejection: BytesRejection) -> Self {
        Reply::Body(rejection)
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        match self {
            Reply::Json { code, msg } => Json(json!({"code": code, "msg": msg})).into_response(),
            Reply::Proto(status) => protobuf(&proto::StatusResponse {
                status: Some(status),
            }),
            Reply::Text(status, msg) => (status, msg).into_response(),
            Reply::Qiniu(status, msg) => (status, Json(json!({"error": msg}))).into_response(),
            Reply::Body(rejection) => rejection.into_response(),
        }
    }
}
