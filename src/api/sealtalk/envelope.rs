//! The `{"code":200,"result":…}` envelope (Q5): code 200 is success, any other code a
//! business failure mapped to the endpoint's sentence.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::endpoint::Endpoint;
use super::error::SealtalkError;

/// `code` is a number; the seed shows T21's as the string `"200"`, so both are read.
#[derive(Deserialize)]
#[serde(untagged)]
enum Code {
    Number(i64),
    Text(String),
}

impl Code {
    fn value(&self) -> Option<i64> {
        match self {
            Code::Number(n) => Some(*n),
            Code::Text(t) => t.trim().parse().ok(),
        }
    }
}

#[derive(Deserialize)]
struct Envelope<'a> {
    code: Code,
    #[serde(borrow, default)]
    result: Option<&'a RawValue>,
    /// Only a `NODE_ENV=development` server sends it.
    #[serde(default)]
    message: Option<String>,
}

fn envelope<'a>(endpoint: Endpoint, body: &'a [u8]) -> Result<Envelope<'a>, SealtalkError> {
    let env: Envelope = serde_json::from_slice(body).map_err(|e| {
        SealtalkError::Decode(format!("{} expected a JSON envelope: {e}", endpoint.id()))
    })?;
    let code = env
        .code
        .value()
        .ok_or_else(|| SealtalkError::Decode("the code is not a number".into()))?;
    if code != 200 {
        return Err(SealtalkError::Refused {
            code,
            sentence: endpoint.refusal(code),
            detail: env
                .message
                .as_deref()
                .map(|m| crate::sanitize::for_log(m, 300))
                .filter(|m| !m.is_empty()),
        });
    }
    Ok(env)
}

/// `{"code":200}` (any `result` ignored).
pub(super) fn ok(endpoint: Endpoint, body: &[u8]) -> Result<(), SealtalkError> {
    envelope(endpoint, body).map(|_| ())
}

/// The `result` of a success, decoded as `T`.
pub(super) fn result<T: DeserializeOwned>(
    endpoint: Endpoint,
    body: &[u8],
) -> Result<T, SealtalkError> {
    let env = envelope(endpoint, body)?;
    let raw = env.result.ok_or_else(|| {
        SealtalkError::Decode(format!("{} answered without a result", endpoint.id()))
    })?;
    raw_json(endpoint, raw.get().as_bytes())
}

/// An answer that is not wrapped (T18, T19), decoded as `T`.
pub(super) fn raw_json<T: DeserializeOwned>(
    endpoint: Endpoint,
    body: &[u8],
) -> Result<T, SealtalkError> {
    serde_json::from_slice(body)
        .map_err(|e| SealtalkError::Decode(format!("{}: {e}", endpoint.id())))
}
