//! The one error type of the API layer. Each variant is a different thing a user can act on.

use std::time::Duration;

/// A server message longer than this is cut (with `…`).
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// The service's code for "session invalid: log in again".
pub const CODE_NOT_LOGGED_IN: i64 = -101;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No answer within the client timeout.
    #[error("the server did not answer within {:.1} s", .0.as_secs_f64())]
    Timeout(Duration),
    /// The request never got an HTTP answer (refused, reset, DNS, TLS).
    #[error("cannot reach the server: {0}")]
    Transport(String),
    /// An HTTP status other than 2xx, with the start of the body (HTML reduced to its text).
    #[error("the server answered HTTP {status}{}", if .excerpt.is_empty() { String::new() } else { format!(": {}", .excerpt) })]
    Http { status: u16, excerpt: String },
    /// A 3xx: the service never redirects API calls, so none is followed.
    #[error("the server answered HTTP {status}, a redirect to {location}, which is not followed")]
    Redirect { status: u16, location: String },
    /// The body passed the size cap; the rest was not read.
    #[error("the answer is too large (over {} MB); it was not read", .limit / (1024 * 1024))]
    TooLarge { limit: usize },
    /// Code -101, whether it came as a JSON envelope or a protobuf Status.
    #[error("not logged in (code -101: {msg})")]
    NotLoggedIn { msg: String },
    /// Any other code than 1; `msg` is the server's text, verbatim.
    #[error("{msg} (code {code})")]
    Api { code: i64, msg: String },
    /// The body could not be decoded as what the endpoint answers.
    #[error("unreadable answer from the server: {0}")]
    Decode(String),
    /// A local problem with what the user gave (a file that is not an image, …); nothing was sent.
    #[error("{0}")]
    Input(String),
}

impl ApiError {
    /// Builds the error of a non-success API code, recognising -101. The server's message is
    /// kept verbatim up to `MAX_MESSAGE_CHARS` (real ones are a few words; a megabyte of
    /// message would only slow every screen and line that shows it).
    pub fn from_code(code: i64, msg: impl Into<String>) -> Self {
        let mut msg: String = msg.into();
        if let Some((cut, _)) = msg.char_indices().nth(MAX_MESSAGE_CHARS) {
            msg.truncate(cut);
            msg.push('…');
        }
        if code == CODE_NOT_LOGGED_IN {
            ApiError::NotLoggedIn { msg }
        } else {
            ApiError::Api { code, msg }
        }
    }

    /// True for the failures the client logs itself as they happen (no usable HTTP answer);
    /// the rest (codes, undecodable bodies, local input) are logged by whoever handles them.
    pub fn is_logged_by_client(&self) -> bool {
        matches!(
            self,
            ApiError::Timeout(_)
                | ApiError::Transport(_)
                | ApiError::Http { .. }
                | ApiError::Redirect { .. }
                | ApiError::TooLarge { .. }
        )
    }

    pub fn is_not_logged_in(&self) -> bool {
        matches!(self, ApiError::NotLoggedIn { .. })
    }

    pub(crate) fn from_reqwest(err: &reqwest::Error, timeout: Duration) -> Self {
        if err.is_timeout() {
            return ApiError::Timeout(timeout);
        }
        // reqwest's own text is "error sending request for url (…)"; the useful part
        // ("Connection refused") sits in the source chain.
        let mut parts = vec![err.to_string()];
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            let text = s.to_string();
            if !parts.iter().any(|p| p.contains(&text)) {
                parts.push(text);
            }
            source = s.source();
        }
        ApiError::Transport(parts.join(": "))
    }
}

/// A short, single-line, human-readable excerpt of an error body: HTML is reduced to its
/// text with repeated pieces said once (nginx puts "502 Bad Gateway" in both the title and
/// the heading), controls made visible, whitespace collapsed, and the result cut at
/// `max_chars`. Only the first 64 KiB of a body are looked at.
pub fn body_excerpt(body: &[u8], max_chars: usize) -> String {
    let head = &body[..body.len().min(64 * 1024)];
    let text = String::from_utf8_lossy(head);
    let looks_html = text.trim_start().starts_with('<');
    let mut plain = String::with_capacity(text.len().min(4 * max_chars));
    if looks_html {
        let mut pieces: Vec<String> = Vec::new();
        let mut piece = String::new();
        let mut in_tag = false;
        let flush = |piece: &mut String, pieces: &mut Vec<String>| {
            let words = piece.split_whitespace().collect::<Vec<_>>().join(" ");
            if !words.is_empty() && !pieces.contains(&words) {
                pieces.push(words);
            }
            piece.clear();
        };
        for c in text.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    flush(&mut piece, &mut pieces);
                }
                '>' => in_tag = false,
                _ if !in_tag => piece.push(c),
                _ => {}
            }
        }
        flush(&mut piece, &mut pieces);
        plain = pieces.join(" ");
    } else {
        plain.push_str(&text);
    }
    let plain = crate::sanitize::line(&plain);
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut joined = String::new();
    for word in words {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
        if joined.chars().count() > max_chars {
            break;
        }
    }
    if joined.chars().count() > max_chars {
        let mut cut: String = joined.chars().take(max_chars).collect();
        cut.push('…');
        cut
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_bodies_are_reduced_to_their_text() {
        let html = b"<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>";
        assert_eq!(body_excerpt(html, 200), "502 Bad Gateway nginx");
    }

    #[test]
    fn long_bodies_are_cut_on_a_char_boundary() {
        let body = "错误".repeat(100);
        let out = body_excerpt(body.as_bytes(), 10);
        assert_eq!(out, format!("{}…", "错误".repeat(5)));
    }

    #[test]
    fn minus_101_is_not_logged_in_and_others_are_api_errors() {
        assert!(ApiError::from_code(-101, "未登录").is_not_logged_in());
        assert_eq!(
            ApiError::from_code(-1, "功能仅限VIP用户使用"),
            ApiError::Api {
                code: -1,
                msg: "功能仅限VIP用户使用".into()
            }
        );
    }
}
