//! The session cookie (Q2): taken by name and value from T1's `Set-Cookie` and sent back as
//! `Cookie: name=value` to the configured base URL. No cookie jar: the deployment's
//! `Domain` attribute often names another host than the one we use, and a jar would then
//! drop the cookie, so every attribute after the first `;` is ignored.

/// `name=value` of the session. Opaque; its `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionCookie {
    name: String,
    value: String,
}

impl std::fmt::Debug for SessionCookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionCookie")
            .field("name", &self.name)
            .field("value", &"<redacted>")
            .finish()
    }
}

/// A cookie name is an RFC 6265 token.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 256
        && name
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b))
}

/// A value we can send back in a header: visible ASCII without `;`, `,` or quotes.
fn valid_value(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 4096
        && value
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b";,\"\\".contains(&b))
}

impl SessionCookie {
    /// Builds a cookie from its parts; `None` when either could not travel in a header.
    pub fn new(name: &str, value: &str) -> Option<SessionCookie> {
        (valid_name(name) && valid_value(value)).then(|| SessionCookie {
            name: name.to_owned(),
            value: value.to_owned(),
        })
    }

    /// The `name=value` part of a `Set-Cookie` header. `None` for an empty value: that is
    /// T2's "forget it" answer, not a session.
    pub fn from_set_cookie(header: &str) -> Option<SessionCookie> {
        let pair = header.split(';').next()?.trim();
        let (name, value) = pair.split_once('=')?;
        Self::new(name.trim(), value.trim())
    }

    /// Reads back what [`SessionCookie::to_header`] wrote (how a stored cookie is kept).
    pub fn parse(stored: &str) -> Option<SessionCookie> {
        let (name, value) = stored.trim().split_once('=')?;
        Self::new(name, value)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The secret part. Callers store it like a password and never print it.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// `name=value`, as sent in the `Cookie` header.
    pub fn to_header(&self) -> String {
        format!("{}={}", self.name, self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_and_value_are_taken_and_attributes_ignored() {
        let c = SessionCookie::from_set_cookie("rong_auth_cookie=c71bad5b272a50473907e40aec78ad8bc925c71ef03f4c00; Max-Age=2592000; Domain=im.example.com; Path=/; Expires=Tue, 22 Dec 2026 21:11:56 GMT; HttpOnly").unwrap();
        assert_eq!(c.name(), "rong_auth_cookie");
        assert_eq!(
            c.to_header(),
            "rong_auth_cookie=c71bad5b272a50473907e40aec78ad8bc925c71ef03f4c00"
        );
        assert!(!format!("{c:?}").contains("c71bad"));
        assert_eq!(SessionCookie::parse(&c.to_header()), Some(c));
    }

    #[test]
    fn a_clearing_or_broken_cookie_is_no_session() {
        for header in [
            "rong_auth_cookie=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
            "novalue",
            "=abc",
            "a b=c",
            "n=va\u{7f}l",
        ] {
            assert_eq!(SessionCookie::from_set_cookie(header), None, "{header}");
        }
    }
}
