//! What every service's HTTP client shares: a client that never follows redirects and
//! always names itself, and the capped reading of answers.

use std::time::Duration;

use bytes::Bytes;

use super::error::ApiError;

/// The `User-Agent` of every request, whatever the service (SealTalk fails without one, Q1).
pub const USER_AGENT: &str = concat!("yunhu-tui/", env!("CARGO_PKG_VERSION"));

/// A `reqwest::Client` with our User-Agent, the timeout on connecting and on the whole
/// request, and no redirects: none of the services redirects API calls, and following one
/// would carry credentials (a token header, a cookie, a login body) to another origin.
pub(crate) fn http_client(timeout: Duration) -> Result<reqwest::Client, ApiError> {
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .connect_timeout(timeout)
        .build()
        .map_err(|e| ApiError::Transport(format!("cannot set up HTTP: {e}")))
}

/// The host (and port, when not the default) a redirect points to, for the error message.
pub(crate) fn redirect_target(resp: &reqwest::Response) -> String {
    let Some(location) = resp
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
    else {
        return "nowhere".into();
    };
    match resp.url().join(location) {
        Ok(url) => match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => crate::sanitize::line(&format!("{host}:{port}")).into(),
            (Some(host), None) => crate::sanitize::line(host).into(),
            _ => "an unknown host".into(),
        },
        Err(_) => "an unreadable address".into(),
    }
}

/// Reads a body of at most `limit` bytes: a `Content-Length` over it is refused before
/// reading, and a body without one is read chunk by chunk and refused once it passes it.
pub(crate) async fn read_capped(
    mut resp: reqwest::Response,
    limit: usize,
    timeout: Duration,
) -> Result<Bytes, ApiError> {
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(ApiError::TooLarge { limit });
    }
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| ApiError::from_reqwest(&e, timeout))?
    {
        if body.len() + chunk.len() > limit {
            return Err(ApiError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
