//! What the demo gateway answers: compact JSON envelopes, empty 400/401/500 bodies, and
//! Spring's error JSON for a route that does not exist.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// A refusal travelling up through `?` (boxed: a `Response` is large).
pub type Refusal = Box<Response>;

fn json_body(status: StatusCode, value: &Value) -> Response {
    let mut resp = (status, value.to_string()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// `{"status":1,"message":"Success","result":…}`
pub fn success(result: Value) -> Response {
    with_message("Success", result)
}

/// A success with the service's own text (`屏蔽成功`) and usually `{}`.
pub fn with_message(message: &str, result: Value) -> Response {
    json_body(
        StatusCode::OK,
        &json!({"status": 1, "message": message, "result": result}),
    )
}

/// `{"status":0,"message":…,"errorCode":N}`, no `result`.
pub fn failure(message: &str, code: i64) -> Response {
    json_body(
        StatusCode::OK,
        &json!({"status": 0, "message": message, "errorCode": code}),
    )
}

/// A plain refusal (validation and most refusals): errorCode 0.
pub fn refuse(message: &str) -> Response {
    failure(message, 0)
}

pub fn duplicate() -> Response {
    failure("Call Duplicate", -1)
}

/// An HTTP status with an empty body (400 ts/sign missing, 401, 500).
pub fn empty(status: StatusCode) -> Response {
    status.into_response()
}

/// Spring's error page as JSON (404/405/415, and 400 for a field of the wrong type).
pub fn spring(status: StatusCode, path: &str) -> Response {
    json_body(
        status,
        &json!({
            "timestamp": chrono::Utc::now().to_rfc3339(),
            "status": status.as_u16(),
            "error": status.canonical_reason().unwrap_or(""),
            "message": "",
            "path": path,
        }),
    )
}
