//! The server's middleware in its order, before any route runs: the JSON body parser (Q6),
//! the User-Agent read (Q1), the cookie check of non-public paths (Q3, Q11), then route
//! matching that ignores case and a trailing slash (Q11), and the generic empty check of
//! body fields (Q7) that every route gets.

use axum::body::Body;
use axum::http::{HeaderMap, Method, header};
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;

use super::cookie;
use super::data::COOKIE_NAME;
use super::reply;
use super::state::Shared;

/// body-parser's default limit.
const BODY_LIMIT: usize = 100 * 1024;

/// Exactly these paths need no cookie; `/user/login/` or `/User/Login` do (Q11).
const PUBLIC_PATHS: &[&str] = &[
    "/user/login",
    "/user/register",
    "/user/send_code",
    "/user/verify_code",
    "/user/reset_password",
    "/ping",
    "/misc/latest_update",
    "/misc/client_version",
    "/misc/mobile_version",
];

/// Fields the generic empty check skips (Q7).
const EXEMPT: &[&str] = &[
    "displayName",
    "pushContent",
    "bulletin",
    "region",
    "phone",
    "groupNickname",
    "WeChat",
    "Alipay",
    "memberDesc",
    "description",
    "imageUri",
];

/// The top-level fields of a JSON body in their order (the server checks in key order,
/// and `serde_json::Map` would sort them).
#[derive(Debug, Default)]
pub struct Fields(pub Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object or array")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Fields, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    // Like `JSON.parse`, a repeated key keeps the last value in the first place.
                    match out
                        .iter_mut()
                        .find(|(key, _): &&mut (String, Value)| *key == k)
                    {
                        Some(slot) => slot.1 = v,
                        None => out.push((k, v)),
                    }
                }
                Ok(Fields(out))
            }
            // An array parses but carries no fields (Q6).
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Fields, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Fields::default())
            }
        }
        d.deserialize_any(Visit)
    }
}

/// One request, after the middleware.
pub struct Call {
    pub method: Method,
    /// As sent (ids in it keep their case).
    pub path: String,
    /// Lower-cased (ASCII only, so byte offsets match `path`), without a trailing slash.
    pub route: String,
    pub query: Option<String>,
    pub fields: Fields,
    /// The signed-in user's database id; `None` on public paths without a valid cookie.
    pub user: Option<u32>,
}

impl Call {
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields
            .0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    pub fn str_field(&self, name: &str) -> Option<&str> {
        self.field(name).and_then(Value::as_str)
    }

    /// The part of the original path after the route prefix `prefix` (matched lower-cased).
    pub fn tail(&self, prefix: &str) -> Option<&str> {
        self.route
            .strip_prefix(prefix)
            .map(|rest| &self.path[self.path.len() - rest.len()..])
            .map(|t| t.trim_end_matches('/'))
    }
}

/// Node's `JSON.parse` message for a body serde could not read.
fn parse_error(body: &[u8], err: &serde_json::Error) -> String {
    if err.is_eof() {
        return "Unexpected end of JSON input".into();
    }
    let text = String::from_utf8_lossy(body);
    let mut pos = 0;
    for (n, line) in text.split('\n').enumerate() {
        if n + 1 == err.line() {
            pos += line
                .char_indices()
                .nth(err.column().saturating_sub(1))
                .map_or(line.len(), |(i, _)| i);
            break;
        }
        pos += line.len() + 1;
    }
    let token = text[pos.min(text.len())..].chars().next().unwrap_or(' ');
    format!("Unexpected token {token} in JSON at position {pos}")
}

fn content_type_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        })
}

/// The cookie's value by the deployment's name; `None` when absent or empty.
fn cookie_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Runs the middleware; `Err` is the answer that ends the request there.
pub async fn prepare(
    state: &Shared,
    method: Method,
    path: String,
    query: Option<String>,
    headers: &HeaderMap,
    body: Body,
) -> Result<Call, Box<Response>> {
    let fields = if content_type_json(headers) {
        let bytes = axum::body::to_bytes(body, BODY_LIMIT + 1)
            .await
            .map_err(|_| Box::new(reply::server_error("request entity too large")))?;
        if bytes.len() > BODY_LIMIT {
            return Err(Box::new(reply::server_error("request entity too large")));
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            Fields::default()
        } else {
            serde_json::from_slice::<Fields>(&bytes)
                .map_err(|e| Box::new(reply::server_error(&parse_error(&bytes, &e))))?
        }
    } else {
        Fields::default()
    };
    if !headers.contains_key(header::USER_AGENT) {
        return Err(Box::new(reply::server_error(
            "Cannot read property 'substr' of undefined",
        )));
    }
    let user = if PUBLIC_PATHS.contains(&path.as_str()) {
        None
    } else {
        let value =
            cookie_value(headers).ok_or_else(|| Box::new(reply::text(403, "Not loged in.")))?;
        let num = cookie::decode(&value)
            .filter(|num| state.lock().user(*num).is_some())
            .ok_or_else(|| Box::new(reply::server_error("Invalid cookie value!")))?;
        Some(num)
    };
    let mut route = path.to_ascii_lowercase();
    while route.len() > 1 && route.ends_with('/') {
        route.pop();
    }
    Ok(Call {
        method,
        path,
        route,
        query,
        fields,
        user,
    })
}

/// An id the server's N3D decoder accepts (the demo's stand-in: 1–12 characters of its
/// alphabet). Numbers and anything else do not decode (Q7).
pub fn decodable(value: &Value) -> Option<&str> {
    value
        .as_str()
        .filter(|s| (1..=12).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Q7: the first field in key order that is empty (or an id that does not decode) gives
/// `400 Empty <field>.`, which is returned.
pub fn empty_check(call: &Call) -> Option<Response> {
    for (name, value) in &call.fields.0 {
        if EXEMPT.contains(&name.as_str()) {
            continue;
        }
        let bad = if name.ends_with("Ids") {
            value
                .as_array()
                .is_none_or(|ids| ids.is_empty() || ids.iter().any(|v| decodable(v).is_none()))
        } else if name.ends_with("Id") {
            decodable(value).is_none()
        } else {
            is_empty(value)
        };
        if bad {
            return Some(reply::empty(name));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_keep_their_order_and_arrays_carry_none() {
        let f: Fields = serde_json::from_str(r#"{"z":1,"a":"","m":null}"#).unwrap();
        let names: Vec<_> = f.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["z", "a", "m"]);
        let f: Fields = serde_json::from_str(r#"[{"a":1}]"#).unwrap();
        assert!(f.0.is_empty());
        assert!(serde_json::from_str::<Fields>("\"x\"").is_err());
    }

    #[test]
    fn parse_errors_read_like_node() {
        let body = br#"{"a": x}"#;
        let err = serde_json::from_slice::<Fields>(body).unwrap_err();
        assert_eq!(
            parse_error(body, &err),
            "Unexpected token x in JSON at position 6"
        );
    }
}
