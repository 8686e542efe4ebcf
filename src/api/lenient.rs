//! Field decoders that accept what the service really sends: numbers as strings
//! (bots' `headcount: "123"`), strings as numbers, `null` for anything, and bools as 0/1.
//! Use with `#[serde(default, deserialize_with = "lenient::…")]`.
//!
//! Each is a visitor over `deserialize_any`, so a value is read once and never buffered.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// What a scalar arrived as.
enum Scalar<'a> {
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(std::borrow::Cow<'a, str>),
    Null,
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, a string, a bool or null")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::UInt(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(v.into()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(v.to_owned().into()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Scalar::Str(v.into()))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
    // Objects and arrays are read to their end and refused: they are never a scalar.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Err(de::Error::custom("expected a scalar, got an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Err(de::Error::custom("expected a scalar, got an object"))
    }
}

fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Scalar<'de>, D::Error> {
    d.deserialize_any(ScalarVisitor)
}

pub fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match scalar(d)? {
        Scalar::Bool(b) => Ok(i64::from(b)),
        Scalar::Int(i) => Ok(i),
        Scalar::UInt(u) => i64::try_from(u).map_err(|_| de::Error::custom("integer out of range")),
        Scalar::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
        Scalar::Float(f) => Err(de::Error::custom(format!("expected an integer, got {f}"))),
        Scalar::Str(s) => parse_int_str(&s).map_err(de::Error::custom),
        Scalar::Null => Ok(0),
    }
}

pub fn f64<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    match scalar(d)? {
        Scalar::Bool(b) => Ok(f64::from(u8::from(b))),
        Scalar::Int(i) => Ok(i as f64),
        Scalar::UInt(u) => Ok(u as f64),
        Scalar::Float(f) => Ok(f),
        Scalar::Str(s) if s.trim().is_empty() => Ok(0.0),
        Scalar::Str(s) => s
            .trim()
            .parse::<f64>()
            .map_err(|_| de::Error::custom(format!("expected a number, got {s:?}"))),
        Scalar::Null => Ok(0.0),
    }
}

pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match scalar(d)? {
        Scalar::Bool(b) => Ok(b.to_string()),
        Scalar::Int(i) => Ok(i.to_string()),
        Scalar::UInt(u) => Ok(u.to_string()),
        Scalar::Float(f) => Ok(f.to_string()),
        Scalar::Str(s) => Ok(s.into_owned()),
        Scalar::Null => Ok(String::new()),
    }
}

pub fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match scalar(d)? {
        Scalar::Bool(b) => Ok(b),
        Scalar::Int(i) => Ok(i != 0),
        Scalar::UInt(u) => Ok(u != 0),
        Scalar::Float(f) => Ok(f != 0.0),
        Scalar::Str(s) => match s.trim() {
            "" | "0" | "false" => Ok(false),
            "1" | "true" => Ok(true),
            other => Err(de::Error::custom(format!("expected a flag, got {other:?}"))),
        },
        Scalar::Null => Ok(false),
    }
}

/// A list that may be `null` or missing.
pub fn vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

fn parse_int_str(s: &str) -> Result<i64, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(0);
    }
    if let Ok(i) = t.parse::<i64>() {
        return Ok(i);
    }
    match t.parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
        _ => Err(format!("expected an integer, got {s:?}")),
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug, PartialEq, Default)]
    #[serde(default)]
    struct T {
        #[serde(deserialize_with = "super::i64")]
        i: i64,
        #[serde(deserialize_with = "super::f64")]
        f: f64,
        #[serde(deserialize_with = "super::string")]
        s: String,
        #[serde(deserialize_with = "super::bool")]
        b: bool,
    }

    fn t(json: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn each_scalar_takes_every_reasonable_form() {
        assert_eq!(
            t(r#"{"i":"12","f":"55.01","s":7058262,"b":"1"}"#).unwrap(),
            T {
                i: 12,
                f: 55.01,
                s: "7058262".into(),
                b: true
            }
        );
        assert_eq!(
            t(r#"{"i":3.0,"f":2,"s":true,"b":0}"#).unwrap(),
            T {
                i: 3,
                f: 2.0,
                s: "true".into(),
                b: false
            }
        );
        assert_eq!(
            t(r#"{"i":null,"f":null,"s":null,"b":null}"#).unwrap(),
            T::default()
        );
        assert_eq!(t(r#"{"i":""}"#).unwrap(), T::default());
        assert_eq!(t("{}").unwrap(), T::default());
    }

    #[test]
    fn garbage_is_refused() {
        assert!(t(r#"{"i":"很多"}"#).is_err());
        assert!(t(r#"{"i":1.5}"#).is_err());
        assert!(t(r#"{"i":[1]}"#).is_err());
        assert!(t(r#"{"s":{"a":1}}"#).is_err());
        assert!(t(r#"{"b":"maybe"}"#).is_err());
        assert!(t(r#"{"i":18446744073709551615}"#).is_err());
    }
}
