//! The errors of the chaoqer client. Each variant is something a user can act on; the
//! server's message is kept verbatim (sanitised, cut) beside an English sentence. Nothing
//! here ever holds the uid, token or secret: URLs are stripped from transport errors.

use std::time::Duration;

use super::endpoint::Endpoint;
use crate::api::ApiError;

/// Server texts longer than this are cut with `…`.
const MAX_TEXT_CHARS: usize = 300;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChaoqerError {
    #[error("no answer from the server within {:.0} s", .0.as_secs_f64())]
    Timeout(Duration),
    /// No HTTP answer at all: refused, reset, closed without answering.
    #[error("no answer from the server: {0}")]
    NoAnswer(String),
    /// A 3xx: the gateway never redirects, and following one would carry the signed
    /// request and the Basic header elsewhere.
    #[error("the server answered HTTP {status}, a redirect to {location}, which is not followed")]
    Redirect { status: u16, location: String },
    #[error("the answer is too large (over {} MB); it was not read", .limit / (1024 * 1024))]
    TooLarge { limit: usize },
    /// No saved session, or HTTP 401 (expired, replaced, limited account, or a refused
    /// signature: the gateway does not tell them apart).
    #[error("the session is not valid, log in again ({reason})")]
    LoggedOut { reason: String },
    /// errorCode 200000: the account must complete its profile (nickname and avatar, Q4).
    #[error("complete your profile first: a nickname and an avatar (server: {message})")]
    ProfileNotInitialised { message: String },
    /// errorCode -1 "Call Duplicate": the same write was sent twice within 500 ms and the
    /// second was dropped; callers may ignore it.
    #[error("the same request was sent twice within half a second; the repeat was dropped")]
    Duplicate,
    /// A failure envelope: `sentence` is what the code means, `message` the server's text.
    #[error("{}", refusal_text(.sentence, .message))]
    Refused {
        code: i64,
        sentence: Option<String>,
        message: String,
    },
    /// A non-200 HTTP status other than 401.
    #[error("{sentence} (HTTP {status}{})", .text.as_ref().map(|t| format!(": {t}")).unwrap_or_default())]
    Http {
        status: u16,
        sentence: &'static str,
        text: Option<String>,
    },
    /// The body could not be read as what the endpoint answers.
    #[error("unreadable answer from the server: {0}")]
    Decode(String),
    /// Something the user gave could not be sent; nothing was sent.
    #[error("{0}")]
    Input(String),
}

fn refusal_text(sentence: &Option<String>, message: &str) -> String {
    match (sentence, message.is_empty()) {
        (Some(s), true) => s.clone(),
        (Some(s), false) => format!("{s} (server: {message})"),
        (None, false) => format!("the server refused: {message}"),
        (None, true) => "the server refused without saying why".into(),
    }
}

impl ChaoqerError {
    pub fn is_logged_out(&self) -> bool {
        matches!(self, ChaoqerError::LoggedOut { .. })
    }

    pub fn is_profile_not_initialised(&self) -> bool {
        matches!(self, ChaoqerError::ProfileNotInitialised { .. })
    }

    /// The failure envelope's errorCode, when that is what this is.
    pub fn error_code(&self) -> Option<i64> {
        match self {
            ChaoqerError::Refused { code, .. } => Some(*code),
            ChaoqerError::ProfileNotInitialised { .. } => Some(200000),
            ChaoqerError::Duplicate => Some(-1),
            _ => None,
        }
    }

    /// The server's own message of a failure envelope.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            ChaoqerError::Refused { message, .. }
            | ChaoqerError::ProfileNotInitialised { message } => Some(message),
            _ => None,
        }
    }

    pub(super) fn from_transport(err: ApiError) -> Self {
        match err {
            ApiError::Timeout(d) => ChaoqerError::Timeout(d),
            ApiError::Transport(text) => ChaoqerError::NoAnswer(text),
            ApiError::TooLarge { limit } => ChaoqerError::TooLarge { limit },
            ApiError::Redirect { status, location } => ChaoqerError::Redirect { status, location },
            other => ChaoqerError::Decode(other.to_string()),
        }
    }

    /// A reqwest failure without its URL: the query holds the signature, and Q6's path the
    /// own uid.
    pub(super) fn from_reqwest(err: reqwest::Error, timeout: Duration) -> Self {
        Self::from_transport(ApiError::from_reqwest(&err.without_url(), timeout))
    }

    /// The same error with every occurrence of `secrets` (the session's uid, token and
    /// secret) replaced: transport texts may quote a URL whose path holds the own uid.
    pub(super) fn scrubbed(self, secrets: &[&str]) -> Self {
        let scrub = |mut text: String| {
            for secret in secrets.iter().filter(|s| !s.is_empty()) {
                text = text.replace(secret, "<hidden>");
            }
            text
        };
        match self {
            ChaoqerError::NoAnswer(text) => ChaoqerError::NoAnswer(scrub(text)),
            ChaoqerError::Decode(text) => ChaoqerError::Decode(scrub(text)),
            ChaoqerError::LoggedOut { reason } => ChaoqerError::LoggedOut {
                reason: scrub(reason),
            },
            ChaoqerError::ProfileNotInitialised { message } => {
                ChaoqerError::ProfileNotInitialised {
                    message: scrub(message),
                }
            }
            ChaoqerError::Refused {
                code,
                sentence,
                message,
            } => ChaoqerError::Refused {
                code,
                sentence,
                message: scrub(message),
            },
            ChaoqerError::Http {
                status,
                sentence,
                text,
            } => ChaoqerError::Http {
                status,
                sentence,
                text: text.map(scrub),
            },
            ChaoqerError::Redirect { status, location } => ChaoqerError::Redirect {
                status,
                location: scrub(location),
            },
            other => other,
        }
    }

    /// A failure envelope of `endpoint`.
    pub(super) fn from_envelope(endpoint: Endpoint, code: i64, message: &str) -> Self {
        let message = clean(message);
        match code {
            -1 => ChaoqerError::Duplicate,
            200000 => ChaoqerError::ProfileNotInitialised { message },
            _ => ChaoqerError::Refused {
                code,
                sentence: endpoint.code_sentence(code),
                message,
            },
        }
    }

    /// The error of a non-200 answer (contract: "HTTP statuses").
    pub(super) fn from_status(status: u16, body: &[u8]) -> Self {
        let empty = body.iter().all(u8::is_ascii_whitespace);
        let text = (!empty).then(|| crate::api::body_excerpt(body, MAX_TEXT_CHARS));
        let sentence = match status {
            401 => {
                return ChaoqerError::LoggedOut {
                    reason: "the gateway answered 401: the login expired or was replaced by \
                             another one, the account is limited, or the request's signature \
                             was refused"
                        .into(),
                };
            }
            400 if empty => "the gateway refused the request: ts or sign missing (a client bug)",
            400 => "the gateway refused a field of the wrong type (a client bug)",
            404 | 503 if empty => "the chaoqer service is unavailable, retry later",
            404 | 405 | 406 | 415 => "the gateway has no such route (a client bug)",
            500 => "the gateway failed",
            502..=504 => "the chaoqer service is unavailable, retry later",
            403 => "a proxy in front of the gateway refused the request",
            _ => "the server answered an unexpected status",
        };
        ChaoqerError::Http {
            status,
            sentence,
            text,
        }
    }
}

/// A server text for showing: one line, controls made visible, cut.
fn clean(text: &str) -> String {
    crate::sanitize::for_log(text.trim(), MAX_TEXT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_the_server_message() {
        let e = ChaoqerError::from_envelope(Endpoint::Club, 500000, "圈子不存在");
        assert_eq!(
            e.to_string(),
            "this club does not exist (server: 圈子不存在)"
        );
        let e = ChaoqerError::from_envelope(Endpoint::Login, 0, "验证码不正确");
        assert_eq!(e.to_string(), "the server refused: 验证码不正确");
    }

    #[test]
    fn credentials_are_scrubbed_from_every_text() {
        let uid = "2701a6fbd0464da99789c9ad1ca1c654";
        let err = ChaoqerError::NoAnswer(format!("error reading body from /user/{uid}/profile"))
            .scrubbed(&[uid, "", "secret"]);
        assert_eq!(
            err.to_string(),
            "no answer from the server: error reading body from /user/<hidden>/profile"
        );
        let err = ChaoqerError::Http {
            status: 500,
            sentence: "the gateway failed",
            text: Some(format!("token secret for {uid}")),
        }
        .scrubbed(&[uid, "secret"]);
        assert!(!err.to_string().contains(uid) && !err.to_string().contains("secret"));
    }

    #[test]
    fn a_401_means_log_in_again() {
        assert!(ChaoqerError::from_status(401, b"").is_logged_out());
        assert!(!ChaoqerError::from_status(500, b"").is_logged_out());
    }
}
