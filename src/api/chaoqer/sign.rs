//! The gateway's signature (`ParamVerifyInterceptor`, contract "The signature"): every
//! parameter rendered as fastjson's `getString` would, the `key=value` strings sorted as
//! Java's `String.compareTo`, `accessSecret=<secret>` appended, joined by `$$$`, MD5.
//!
//! Number literals must be rendered from their text (`1.50` stays `1.50`, `1e5` becomes
//! `1E+5`), so JSON values are read here into [`Json`], which keeps them, not into
//! `serde_json::Value`, which would turn them into `f64`.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use md5::{Digest, Md5};
use serde_json::value::RawValue;

/// The README's default secret, used whenever no `Authorization` is sent.
pub const DEFAULT_SECRET: &str = "Hx!0k!K}5E.]EoP";
/// The README's delimiter.
pub const DELIMITER: &str = "$$$";

/// A JSON value with its number literals kept as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The literal as it appeared, e.g. `1.50` or `1e5`.
    Number(String),
    Text(String),
    Array(Vec<Json>),
    /// Members in the order read; a repeated key keeps its last value (fastjson's map).
    Object(Vec<(String, Json)>),
}

/// Why a body could not be read as the gateway reads it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SignInputError {
    #[error("the body is not JSON: {0}")]
    NotJson(String),
    #[error("the body is not a JSON object")]
    NotObject,
}

impl Json {
    /// Parses JSON text (serde_json does the syntax; number literals are kept).
    pub fn parse(text: &str) -> Result<Json, SignInputError> {
        let raw: &RawValue =
            serde_json::from_str(text).map_err(|e| SignInputError::NotJson(e.to_string()))?;
        Json::from_raw(raw)
    }

    fn from_raw(raw: &RawValue) -> Result<Json, SignInputError> {
        let text = raw.get();
        let bad = |e: serde_json::Error| SignInputError::NotJson(e.to_string());
        Ok(match text.as_bytes().first() {
            Some(b'{') => {
                let members: Vec<(String, &RawValue)> =
                    serde_json::from_str::<ObjectInOrder>(text).map_err(bad)?.0;
                let mut out: Vec<(String, Json)> = Vec::with_capacity(members.len());
                for (key, value) in members {
                    let value = Json::from_raw(value)?;
                    match out.iter_mut().find(|(k, _)| *k == key) {
                        Some(slot) => slot.1 = value,
                        None => out.push((key, value)),
                    }
                }
                Json::Object(out)
            }
            Some(b'[') => {
                let items: Vec<&RawValue> = serde_json::from_str(text).map_err(bad)?;
                Json::Array(
                    items
                        .into_iter()
                        .map(Json::from_raw)
                        .collect::<Result<_, _>>()?,
                )
            }
            Some(b'"') => Json::Text(serde_json::from_str(text).map_err(bad)?),
            Some(b't') => Json::Bool(true),
            Some(b'f') => Json::Bool(false),
            Some(b'n') => Json::Null,
            _ => Json::Number(text.to_owned()),
        })
    }

    /// The top-level members of a JSON object body, as the gateway takes them.
    pub fn object_members(text: &str) -> Result<Vec<(String, Json)>, SignInputError> {
        match Json::parse(text)? {
            Json::Object(members) => Ok(members),
            _ => Err(SignInputError::NotObject),
        }
    }
}

/// A JSON object's members in document order, values left raw.
struct ObjectInOrder<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for ObjectInOrder<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = ObjectInOrder<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> Result<Self::Value, M::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(ObjectInOrder(out))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// A value as fastjson's `getString` renders it for the signature (step 4).
pub fn render_value(value: &Json) -> String {
    match value {
        Json::Text(text) => text.clone(),
        other => {
            let mut out = String::new();
            write_compact(other, &mut out);
            out
        }
    }
}

/// fastjson's compact JSON: object keys in Java order, null members dropped.
fn write_compact(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(literal) => out.push_str(&java_number(literal)),
        Json::Text(text) => write_string(text, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Json::Object(members) => {
            let mut kept: Vec<&(String, Json)> =
                members.iter().filter(|(_, v)| *v != Json::Null).collect();
            kept.sort_by(|a, b| java_cmp(&a.0, &b.0));
            out.push('{');
            for (i, (key, item)) in kept.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_compact(item, out);
            }
            out.push('}');
        }
    }
}

fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON number literal as Java renders what fastjson parsed: an integer as plain digits,
/// anything with a fraction or exponent as `BigDecimal.toString()`.
pub fn java_number(literal: &str) -> String {
    let (negative, rest) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, literal),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], rest[at + 1..].parse::<i64>().ok()),
        None => (rest, Some(0)),
    };
    let Some(exponent) = exponent else {
        return literal.to_owned();
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let is_integer = !rest.contains(['.', 'e', 'E']);
    let digits: String = format!("{int_part}{frac_part}");
    let trimmed = digits.trim_start_matches('0');
    let coefficient = if trimmed.is_empty() { "0" } else { trimmed };
    // Neither Integer nor BigDecimal has a negative zero.
    let sign = if negative && coefficient != "0" {
        "-"
    } else {
        ""
    };
    if is_integer {
        return format!("{sign}{coefficient}");
    }
    let scale = frac_part.len() as i64 - exponent;
    if scale == 0 {
        return format!("{sign}{coefficient}");
    }
    let len = coefficient.len() as i64;
    let adjusted = -scale + (len - 1);
    if scale > 0 && adjusted >= -6 {
        let body = if len > scale {
            let cut = (len - scale) as usize;
            format!("{}.{}", &coefficient[..cut], &coefficient[cut..])
        } else {
            format!("0.{}{coefficient}", "0".repeat((scale - len) as usize))
        };
        return format!("{sign}{body}");
    }
    let mut out = format!("{sign}{}", &coefficient[..1]);
    if len > 1 {
        out.push('.');
        out.push_str(&coefficient[1..]);
    }
    if adjusted != 0 {
        out.push('E');
        if adjusted > 0 {
            out.push('+');
        }
        out.push_str(&adjusted.to_string());
    }
    out
}

/// Java's `String.compareTo`: UTF-16 code units, then length.
pub fn java_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The string that is hashed, from parameters already rendered as text (`sign` left out).
pub fn canonical<'a>(
    params: impl IntoIterator<Item = (&'a str, &'a str)>,
    secret: &str,
    delimiter: &str,
) -> String {
    let mut entries: Vec<String> = params
        .into_iter()
        .filter(|(k, _)| *k != "sign")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    entries.sort_by(|a, b| java_cmp(a, b));
    entries.push(format!("accessSecret={secret}"));
    entries.join(delimiter)
}

/// Lower-case hex MD5 of the UTF-8 bytes.
pub fn md5_hex(text: &str) -> String {
    let digest = Md5::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The canonical string of a JSON object body's members.
pub fn canonical_json(members: &[(String, Json)], secret: &str, delimiter: &str) -> String {
    let rendered: Vec<(&str, String)> = members
        .iter()
        .map(|(k, v)| (k.as_str(), render_value(v)))
        .collect();
    canonical(
        rendered.iter().map(|(k, v)| (*k, v.as_str())),
        secret,
        delimiter,
    )
}

/// The canonical string of a raw query string: percent-decoded as UTF-8, `+` a space, a
/// repeated name counted with its first value.
pub fn canonical_query(query: &str, secret: &str, delimiter: &str) -> String {
    let pairs = decode_query(query);
    canonical(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        secret,
        delimiter,
    )
}

/// The decoded parameters of a query string, first value of each name.
pub fn decode_query(query: &str) -> Vec<(String, String)> {
    let mut seen: BTreeMap<String, ()> = BTreeMap::new();
    let mut out = Vec::new();
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        if seen.insert(k.to_string(), ()).is_none() {
            out.push((k.into_owned(), v.into_owned()));
        }
    }
    out
}

/// `sign` of a JSON object body text (the gateway's reading of it).
pub fn sign_json_text(body: &str, secret: &str, delimiter: &str) -> Result<String, SignInputError> {
    Ok(md5_hex(&canonical_json(
        &Json::object_members(body)?,
        secret,
        delimiter,
    )))
}

/// `sign` of a raw query string.
pub fn sign_query(query: &str, secret: &str, delimiter: &str) -> String {
    md5_hex(&canonical_query(query, secret, delimiter))
}

/// Whether a received `sign` matches: LF removed, case ignored (step 8).
pub fn sign_matches(received: &str, expected: &str) -> bool {
    received.replace('\n', "").eq_ignore_ascii_case(expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const USER: &str = "e31bc25bcc6641a1a998eacb6ca9d244";

    fn body(text: &str, secret: &str) -> (String, String) {
        let members = Json::object_members(text).unwrap();
        let c = canonical_json(&members, secret, DELIMITER);
        let s = md5_hex(&c);
        (c, s)
    }

    fn query(text: &str, secret: &str) -> (String, String) {
        let c = canonical_query(text, secret, DELIMITER);
        let s = md5_hex(&c);
        (c, s)
    }

    #[test]
    fn v1_captcha_default_secret() {
        let (c, s) = body(
            r#"{"countryCode":"86","mobile":"13900000002","ts":1700000000000}"#,
            DEFAULT_SECRET,
        );
        assert_eq!(
            c,
            "countryCode=86$$$mobile=13900000002$$$ts=1700000000000$$$accessSecret=Hx!0k!K}5E.]EoP"
        );
        assert_eq!(s, "c52864e14e0cfdf9415d4d466715b37c");
    }

    #[test]
    fn v2_login_ts_as_string() {
        let (c, s) = body(
            r#"{"countryCode":"86","mobile":"13900000002","captcha":"246810","ts":"1700000001000"}"#,
            DEFAULT_SECRET,
        );
        assert_eq!(
            c,
            "captcha=246810$$$countryCode=86$$$mobile=13900000002$$$ts=1700000001000$$$accessSecret=Hx!0k!K}5E.]EoP"
        );
        assert_eq!(s, "7a744fd487b15323f18b94c55b4c260c");
    }

    #[test]
    fn v3_query_with_empty_value() {
        let (c, s) = query("count=20&lastId=&ts=1700000002000", USER);
        assert_eq!(
            c,
            "count=20$$$lastId=$$$ts=1700000002000$$$accessSecret=e31bc25bcc6641a1a998eacb6ca9d244"
        );
        assert_eq!(s, "301e190a8b59fc2b1d5acb651d6212cf");
    }

    #[test]
    fn v4_profile_with_cjk_newline_and_emoji() {
        let (c, s) = body(
            r#"{"nickname":"参考·超圈用户","avatar":"https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/avatar/3f1e9c2b7d5a4e6f8a0b1c2d3e4f5a6b.jpg","bio":"你好，超圈！\n第二行 🙂","ts":1700000003000}"#,
            USER,
        );
        assert_eq!(
            c,
            "avatar=https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/avatar/3f1e9c2b7d5a4e6f8a0b1c2d3e4f5a6b.jpg$$$bio=你好，超圈！\n第二行 🙂$$$nickname=参考·超圈用户$$$ts=1700000003000$$$accessSecret=e31bc25bcc6641a1a998eacb6ca9d244"
        );
        assert_eq!(s, "7f8184dd6f16d1d6dcc04a6c5680c24b");
    }

    #[test]
    fn v5_feedback_with_array_and_empty_string() {
        let (c, s) = body(
            r#"{"originFeedbackType":0,"originId":"","feedbackType":0,"feedbackContent":"希望支持深色模式","feedbackImageList":["https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/feedback/1.jpg","https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/feedback/2.jpg"],"ts":1700000004000}"#,
            USER,
        );
        assert_eq!(
            c,
            "feedbackContent=希望支持深色模式$$$feedbackImageList=[\"https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/feedback/1.jpg\",\"https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/feedback/2.jpg\"]$$$feedbackType=0$$$originFeedbackType=0$$$originId=$$$ts=1700000004000$$$accessSecret=e31bc25bcc6641a1a998eacb6ca9d244"
        );
        assert_eq!(s, "eaad78f5be49fa107887cbf481dc5679");
    }

    #[test]
    fn v6_body_without_fields() {
        let (c, s) = body(r#"{"ts":1700000005000}"#, USER);
        assert_eq!(
            c,
            "ts=1700000005000$$$accessSecret=e31bc25bcc6641a1a998eacb6ca9d244"
        );
        assert_eq!(s, "90fcb71417027f62c18b793dcad5dd46");
    }

    #[test]
    fn v7_decoded_query_value_is_signed() {
        let (c, s) = query(
            "count=5&lastId=1614421213477%3Ab4688e4583244aad8363d390073c86ff&ts=1700000006000",
            USER,
        );
        assert_eq!(
            c,
            "count=5$$$lastId=1614421213477:b4688e4583244aad8363d390073c86ff$$$ts=1700000006000$$$accessSecret=e31bc25bcc6641a1a998eacb6ca9d244"
        );
        assert_eq!(s, "36dc4b6926245fd26ebe0a2d85e6db5a");
    }

    #[test]
    fn v8_whole_string_sort_and_plus() {
        let (c, s) = query(
            "id=7&id2=x&q=%E8%B6%85%E5%9C%88+%E6%B5%8B%E8%AF%95&ts=1",
            DEFAULT_SECRET,
        );
        assert_eq!(
            c,
            "id2=x$$$id=7$$$q=超圈 测试$$$ts=1$$$accessSecret=Hx!0k!K}5E.]EoP"
        );
        assert_eq!(s, "1cd37aba66221f56bbb1a063a6a53da6");
    }

    #[test]
    fn v9_nested_null_bool_decimal() {
        let (c, s) = body(
            r#"{"flag":true,"n":null,"amount":1.50,"big":1e5,"obj":{"z":"末\u2028","a":[1,"x\"y",null],"skip":null},"ts":"1"}"#,
            DEFAULT_SECRET,
        );
        assert_eq!(
            c,
            "amount=1.50$$$big=1E+5$$$flag=true$$$n=null$$$obj={\"a\":[1,\"x\\\"y\",null],\"z\":\"末\\u2028\"}$$$ts=1$$$accessSecret=Hx!0k!K}5E.]EoP"
        );
        assert_eq!(s, "5ec1f2339d7e84f650d39ec6d134ae32");
    }

    #[test]
    fn java_big_decimal_forms() {
        for (literal, java) in [
            ("1.50", "1.50"),
            ("1e5", "1E+5"),
            ("1.5e3", "1.5E+3"),
            ("0.5", "0.5"),
            ("0.0000001", "1E-7"),
            ("0.000001", "0.000001"),
            ("-2.50", "-2.50"),
            ("-0", "0"),
            ("-0.0", "0.0"),
            ("12e-1", "1.2"),
            ("123", "123"),
            ("0e2", "0E+2"),
        ] {
            assert_eq!(java_number(literal), java, "{literal}");
        }
    }

    #[test]
    fn java_order_is_utf16_not_utf8() {
        // U+FF01 is above U+1F642 in UTF-8 bytes order but below it in UTF-16 units.
        assert_eq!(java_cmp("a=\u{ff01}", "a=\u{1f642}"), Ordering::Greater);
        assert_eq!(java_cmp("B=1", "a=1"), Ordering::Less);
    }

    #[test]
    fn control_characters_in_nested_strings() {
        let v = Json::parse(r#"["\u0001\u007f\u0085\t/é"]"#).unwrap();
        assert_eq!(render_value(&v), "[\"\\u0001\\u007F\\u0085\\t/é\"]");
    }

    #[test]
    fn sign_compare_drops_lf_and_case() {
        assert!(sign_matches("ABC\ndef", "abcdef"));
        assert!(!sign_matches("abcde", "abcdef"));
    }

    fn scalar() -> impl Strategy<Value = Json> {
        prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
            any::<i64>().prop_map(|n| Json::Number(n.to_string())),
            "\\PC{0,12}".prop_map(Json::Text),
        ]
    }

    fn to_text(v: &Json) -> String {
        match v {
            Json::Null => "null".into(),
            Json::Bool(b) => b.to_string(),
            Json::Number(n) => n.clone(),
            Json::Text(t) => serde_json::to_string(t).unwrap(),
            Json::Array(items) => format!(
                "[{}]",
                items.iter().map(to_text).collect::<Vec<_>>().join(",")
            ),
            Json::Object(m) => format!(
                "{{{}}}",
                m.iter()
                    .map(|(k, v)| format!("{}:{}", serde_json::to_string(k).unwrap(), to_text(v)))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }

    fn members() -> impl Strategy<Value = Vec<(String, Json)>> {
        prop::collection::btree_map(
            "[a-zA-Z0-9_.-]{1,8}",
            prop_oneof![
                scalar(),
                prop::collection::vec(scalar(), 0..4).prop_map(Json::Array),
                prop::collection::btree_map("[a-z]{1,4}", scalar(), 0..4)
                    .prop_map(|m| Json::Object(m.into_iter().collect())),
            ],
            1..8,
        )
        .prop_map(|m| m.into_iter().collect())
    }

    proptest! {
        #[test]
        fn key_order_never_matters(members in members(), seed in any::<u64>()) {
            let mut shuffled = members.clone();
            // A deterministic permutation of the top level and of nested objects.
            let n = shuffled.len();
            shuffled.rotate_left((seed as usize) % n);
            if seed % 2 == 1 { shuffled.reverse(); }
            for (_, v) in shuffled.iter_mut() {
                if let Json::Object(inner) = v { inner.reverse(); }
            }
            let a = Json::object_members(&to_text(&Json::Object(members))).unwrap();
            let b = Json::object_members(&to_text(&Json::Object(shuffled))).unwrap();
            prop_assert_eq!(canonical_json(&a, USER, DELIMITER), canonical_json(&b, USER, DELIMITER));
        }

        #[test]
        fn a_changed_value_changes_the_sign(members in members(), pick in any::<usize>(), extra in "[a-z0-9]{1,6}") {
            let original = Json::object_members(&to_text(&Json::Object(members.clone()))).unwrap();
            let mut tampered = original.clone();
            let i = pick % tampered.len();
            // Append to the rendered value: always a different text for the same key.
            let changed = format!("{}{extra}", render_value(&tampered[i].1));
            tampered[i].1 = Json::Text(changed);
            prop_assert_ne!(
                md5_hex(&canonical_json(&original, USER, DELIMITER)),
                md5_hex(&canonical_json(&tampered, USER, DELIMITER))
            );
        }

        #[test]
        fn a_changed_query_value_changes_the_sign(v1 in "\\PC{0,10}", v2 in "\\PC{0,10}") {
            prop_assume!(v1 != v2);
            let q = |v: &str| format!("count=20&lastId={}&ts=1", url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>());
            prop_assert_ne!(sign_query(&q(&v1), USER, DELIMITER), sign_query(&q(&v2), USER, DELIMITER));
        }
    }
}
