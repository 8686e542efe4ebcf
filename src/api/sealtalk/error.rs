//! The errors of the SealTalk client. Each variant is a different thing a user can act on;
//! server texts are kept verbatim (trimmed, sanitised, cut) next to a short explanation.

use std::time::Duration;

use super::endpoint::Endpoint;
use crate::api::ApiError;

/// Server texts longer than this are cut with `…`.
const MAX_TEXT_CHARS: usize = 300;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SealtalkError {
    /// No answer within the client timeout (Q18: T21 may never answer).
    #[error("no answer from the server within {:.0} s", .0.as_secs_f64())]
    Timeout(Duration),
    /// No HTTP answer at all: refused, reset, closed without answering.
    #[error("no answer from the server: {0}")]
    NoAnswer(String),
    /// A 3xx: SealTalk never redirects API calls, so none is followed (it would carry the
    /// cookie or a password elsewhere).
    #[error("the server answered HTTP {status}, a redirect to {location}, which is not followed")]
    Redirect { status: u16, location: String },
    /// The body passed the size cap; the rest was not read.
    #[error("the answer is too large (over {} MB); it was not read", .limit / (1024 * 1024))]
    TooLarge { limit: usize },
    /// No cookie, a 403 `Not loged in.`, or a 500 `Invalid cookie value!` (Q3): log in again.
    #[error("the session is not valid, log in again ({reason})")]
    NotLoggedIn { reason: String },
    /// HTTP 200 with a code other than 200 (Q5); `sentence` is what the code means for the
    /// endpoint, `detail` the message a development server adds.
    #[error("{sentence}{}", .detail.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Refused {
        code: i64,
        sentence: String,
        detail: Option<String>,
    },
    /// A 4xx/5xx with the server's text (400 `Empty nickname.`, 404 `Unknown user.`, 500 …).
    #[error("{}: {text}", explain(*.status))]
    Rejected { status: u16, text: String },
    /// Express's `Cannot POST /…` page: the server is older than the endpoint.
    #[error("this server does not support {what}")]
    NotSupported { what: &'static str },
    /// T1 answered 403 or 404: a server without password login (the 2025 Java rewrite).
    #[error("this server does not offer password login (it only supports SMS login)")]
    NoPasswordLogin,
    /// The body could not be read as what the endpoint answers.
    #[error("unreadable answer from the server: {0}")]
    Decode(String),
    /// Something the user gave could not be sent; nothing was sent.
    #[error("{0}")]
    Input(String),
}

fn explain(status: u16) -> String {
    match status {
        400 => "the server refused the input".into(),
        403 => "the server refused the request".into(),
        404 => "not found on the server".into(),
        500 => "the server failed".into(),
        _ => format!("the server answered HTTP {status}"),
    }
}

impl SealtalkError {
    pub fn is_not_logged_in(&self) -> bool {
        matches!(self, SealtalkError::NotLoggedIn { .. })
    }

    /// The transport failures of the shared helpers, in this client's terms.
    pub(super) fn from_transport(err: ApiError) -> Self {
        match err {
            ApiError::Timeout(d) => SealtalkError::Timeout(d),
            ApiError::Transport(text) => SealtalkError::NoAnswer(text),
            ApiError::TooLarge { limit } => SealtalkError::TooLarge { limit },
            ApiError::Redirect { status, location } => SealtalkError::Redirect { status, location },
            other => SealtalkError::Decode(other.to_string()),
        }
    }

    /// The error of a non-2xx answer of `endpoint`, from its status and body (Q3, Q11, T21).
    pub(super) fn from_status(endpoint: Endpoint, status: u16, body: &[u8]) -> Self {
        let text = error_text(body);
        match status {
            // T1 is public: a 403 or a `Cannot POST` there means no password login at all.
            403 | 404 if endpoint == Endpoint::Login => SealtalkError::NoPasswordLogin,
            // T21's refusals share the 403 status with "not logged in".
            403 if endpoint == Endpoint::SendMessage && !text.contains("Not loged in") => {
                SealtalkError::Rejected { status, text }
            }
            403 => SealtalkError::NotLoggedIn { reason: text },
            500 if text.starts_with("Invalid cookie value") => {
                SealtalkError::NotLoggedIn { reason: text }
            }
            404 if text.starts_with("Cannot ") && is_html(body) => SealtalkError::NotSupported {
                what: endpoint.purpose(),
            },
            _ => SealtalkError::Rejected { status, text },
        }
    }
}

fn is_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(64)]);
    head.trim_start().starts_with('<')
}

/// The text of an error body: Express's HTML page reduced to its `<pre>`, plain text kept
/// as it is; trimmed, one line, controls made visible, cut.
pub(super) fn error_text(body: &[u8]) -> String {
    let raw = String::from_utf8_lossy(&body[..body.len().min(64 * 1024)]);
    let pre = raw
        .find("<pre>")
        .and_then(|start| {
            let inner = &raw[start + 5..];
            inner.find("</pre>").map(|end| &inner[..end])
        })
        .filter(|_| is_html(body));
    let text = match pre {
        Some(inner) => inner.replace("<br>", " ").replace("&nbsp;", " "),
        None if is_html(body) => crate::api::body_excerpt(body, MAX_TEXT_CHARS),
        None => raw.into_owned(),
    };
    let line = crate::sanitize::line(text.trim()).into_owned();
    let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
    match words.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => format!("{}…", &words[..cut]),
        None => words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPRESS_404: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot POST /user/blacklist</pre>\n</body>\n</html>\n";

    #[test]
    fn express_pages_give_their_pre_and_old_servers_are_named() {
        assert_eq!(
            error_text(EXPRESS_404.as_bytes()),
            "Cannot POST /user/blacklist"
        );
        assert_eq!(
            SealtalkError::from_status(Endpoint::Blacklist, 404, EXPRESS_404.as_bytes()),
            SealtalkError::NotSupported {
                what: "the blacklist"
            }
        );
    }

    #[test]
    fn both_logged_out_forms_mean_log_in_again() {
        assert!(
            SealtalkError::from_status(Endpoint::Friends, 403, b"Not loged in.").is_not_logged_in()
        );
        assert!(
            SealtalkError::from_status(Endpoint::Friends, 500, b"Invalid cookie value!")
                .is_not_logged_in()
        );
        assert!(
            !SealtalkError::from_status(Endpoint::SendMessage, 403, b"User x is not your friend.")
                .is_not_logged_in()
        );
    }
}
