//! Answers decoded: JSON or protobuf by the first byte, the envelope's code checked, the
//! service's errors (−101 among them) turned into `ApiError`.

use prost::Message;
use serde::de::DeserializeOwned;

use super::ApiError;
use super::error::body_excerpt;
use super::model::Envelope;
use crate::proto::HasStatus;

/// JSON or protobuf is decided by the first byte alone: every protobuf answer starts with
/// 0x0a (field 1, length-delimited), which is JSON whitespace, so skipping whitespace would
/// read a 123-byte status message (length byte `{`) as broken JSON.
pub(super) fn is_json(body: &[u8]) -> bool {
    body.first() == Some(&b'{')
}

fn envelope(body: &[u8]) -> Result<Envelope<'_>, ApiError> {
    if !is_json(body) {
        return Err(ApiError::Decode(format!(
            "expected JSON, got {:?}",
            body_excerpt(body, 40)
        )));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::Decode(format!("invalid JSON envelope: {e}")))
}

/// Decodes a protobuf answer, sniffing the body first: the service answers some errors
/// (-101 at least) with a JSON envelope even on protobuf endpoints.
pub fn decode_proto<T: Message + Default + HasStatus>(body: &[u8]) -> Result<T, ApiError> {
    if is_json(body) {
        let env = envelope(body)?;
        if env.code != 1 {
            return Err(ApiError::from_code(env.code, env.msg));
        }
        return Err(ApiError::Decode(
            "expected protobuf, got a JSON success envelope".into(),
        ));
    }
    let msg = T::decode(body).map_err(|e| ApiError::Decode(format!("invalid protobuf: {e}")))?;
    let status = msg
        .status()
        .ok_or_else(|| ApiError::Decode("protobuf answer has no status".into()))?;
    if status.code != 1 {
        return Err(ApiError::from_code(
            i64::from(status.code),
            status.msg.clone(),
        ));
    }
    Ok(msg)
}

/// Decodes the `data` of a JSON envelope, after checking its code.
pub fn decode_json_data<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let env = envelope(body)?;
    if env.code != 1 {
        return Err(ApiError::from_code(env.code, env.msg));
    }
    match env.data {
        Some(raw) if raw.get() != "null" => serde_json::from_str(raw.get())
            .map_err(|e| ApiError::Decode(format!("unexpected data: {e}"))),
        _ => Err(ApiError::Decode("the answer has no data".into())),
    }
}

/// Checks the code of a JSON envelope whose data does not matter.
pub fn decode_json_ok(body: &[u8]) -> Result<(), ApiError> {
    let env = envelope(body)?;
    if env.code != 1 {
        return Err(ApiError::from_code(env.code, env.msg));
    }
    Ok(())
}
