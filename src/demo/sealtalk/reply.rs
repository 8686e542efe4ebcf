//! What the demo answers, shaped like Express: JSON envelopes, plain-text errors sent as
//! `text/html`, Express's own 404 page, `Cache-Control: private` everywhere (Q5, Q12).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

fn with_type(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut resp = (status, body).into_response();
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
    resp
}

/// Any JSON body with status 200.
pub fn json(value: &Value) -> Response {
    with_type(
        StatusCode::OK,
        "application/json; charset=utf-8",
        value.to_string(),
    )
}

/// `{"code":200}`
pub fn ok() -> Response {
    json(&json!({"code": 200}))
}

/// `{"code":200,"result":…}`
pub fn result(value: Value) -> Response {
    json(&json!({"code": 200, "result": value}))
}

/// A business failure, HTTP 200 and no message, as in production.
pub fn code(code: i64) -> Response {
    json(&json!({ "code": code }))
}

/// A plain-text error (`res.status(n).send(text)` sends it as `text/html`).
pub fn text(status: u16, text: &str) -> Response {
    with_type(
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        "text/html; charset=utf-8",
        text.to_owned(),
    )
}

pub fn bad_request(msg: &str) -> Response {
    text(400, msg)
}

/// A JavaScript error caught by the error handler.
pub fn server_error(msg: &str) -> Response {
    text(500, msg)
}

/// `Empty <field>.` (Q7).
pub fn empty(field: &str) -> Response {
    bad_request(&format!("Empty {field}."))
}

/// Express's `finalhandler` page for an unknown route.
pub fn express_404(method: &str, path: &str) -> Response {
    let path = path
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    text(
        404,
        &format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot {method} {path}</pre>\n</body>\n</html>\n"
        ),
    )
}

/// T18's "up to date": 204, no body, no Content-Type.
pub fn no_content() -> Response {
    let mut resp = StatusCode::NO_CONTENT.into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
    resp
}
