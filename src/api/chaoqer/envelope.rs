//! The envelopes: `{"status":1,"message":…,"result":…}` and
//! `{"status":0,"message":…,"errorCode":N}` (no `result`). Decided after the HTTP status.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::endpoint::Endpoint;
use super::error::ChaoqerError;

#[derive(Deserialize)]
struct Envelope<'a> {
    status: i64,
    #[serde(default)]
    message: String,
    #[serde(borrow, default)]
    result: Option<&'a RawValue>,
    #[serde(rename = "errorCode", default)]
    error_code: i64,
}

/// A success: the server's message and the raw `result`.
pub(super) struct Success<'a> {
    pub message: String,
    pub result: Option<&'a RawValue>,
}

/// Either the success or the failure envelope's error.
pub(super) fn open<'a>(endpoint: Endpoint, body: &'a [u8]) -> Result<Success<'a>, ChaoqerError> {
    let env: Envelope = serde_json::from_slice(body).map_err(|e| {
        ChaoqerError::Decode(format!("{} expected a JSON envelope: {e}", endpoint.id()))
    })?;
    if env.status != 1 {
        return Err(ChaoqerError::from_envelope(
            endpoint,
            env.error_code,
            &env.message,
        ));
    }
    Ok(Success {
        message: env.message,
        result: env.result,
    })
}

/// The `result` of a success, decoded as `T`.
pub(super) fn result<T: DeserializeOwned>(
    endpoint: Endpoint,
    body: &[u8],
) -> Result<T, ChaoqerError> {
    let success = open(endpoint, body)?;
    let raw = success.result.ok_or_else(|| {
        ChaoqerError::Decode(format!("{} answered without a result", endpoint.id()))
    })?;
    serde_json::from_str(raw.get())
        .map_err(|e| ChaoqerError::Decode(format!("{}: {e}", endpoint.id())))
}

/// A success whose `result` is `{}`: its message (e.g. `屏蔽成功`).
pub(super) fn message(endpoint: Endpoint, body: &[u8]) -> Result<String, ChaoqerError> {
    open(endpoint, body).map(|s| crate::sanitize::for_log(&s.message, 300))
}
