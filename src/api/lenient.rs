//! Field decoders that accept what the service really sends: numbers as strings
//! (bots' `headcount: "123"`), strings as numbers, `null` for anything, and bools as 0/1.
//! Use with `#[serde(default, deserialize_with = "lenient::…")]`.

use serde::{Deserialize, Deserializer, de::Error};

#[derive(Deserialize)]
#[serde(untagged)]
enum Loose {
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Null(()),
    // Objects and arrays end up here; they are never a valid scalar.
    Other(serde::de::IgnoredAny),
}

pub fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match Loose::deserialize(d)? {
        Loose::Bool(b) => Ok(i64::from(b)),
        Loose::Int(i) => Ok(i),
        Loose::UInt(u) => i64::try_from(u).map_err(|_| D::Error::custom("integer out of range")),
        Loose::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
        Loose::Float(f) => Err(D::Error::custom(format!("expected an integer, got {f}"))),
        Loose::Str(s) => parse_int_str(&s).map_err(D::Error::custom),
        Loose::Null(()) => Ok(0),
        Loose::Other(_) => Err(D::Error::custom(
            "expected an integer, got an object or array",
        )),
    }
}

pub fn f64<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    match Loose::deserialize(d)? {
        Loose::Bool(b) => Ok(f64::from(u8::from(b))),
        Loose::Int(i) => Ok(i as f64),
        Loose::UInt(u) => Ok(u as f64),
        Loose::Float(f) => Ok(f),
        Loose::Str(s) if s.trim().is_empty() => Ok(0.0),
        Loose::Str(s) => s
            .trim()
            .parse::<f64>()
            .map_err(|_| D::Error::custom(format!("expected a number, got {s:?}"))),
        Loose::Null(()) => Ok(0.0),
        Loose::Other(_) => Err(D::Error::custom(
            "expected a number, got an object or array",
        )),
    }
}

pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Loose::deserialize(d)? {
        Loose::Bool(b) => Ok(b.to_string()),
        Loose::Int(i) => Ok(i.to_string()),
        Loose::UInt(u) => Ok(u.to_string()),
        Loose::Float(f) => Ok(f.to_string()),
        Loose::Str(s) => Ok(s),
        Loose::Null(()) => Ok(String::new()),
        Loose::Other(_) => Err(D::Error::custom(
            "expected a string, got an object or array",
        )),
    }
}

pub fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match Loose::deserialize(d)? {
        Loose::Bool(b) => Ok(b),
        Loose::Int(i) => Ok(i != 0),
        Loose::UInt(u) => Ok(u != 0),
        Loose::Float(f) => Ok(f != 0.0),
        Loose::Str(s) => match s.trim() {
            "" | "0" | "false" => Ok(false),
            "1" | "true" => Ok(true),
            other => Err(D::Error::custom(format!("expected a flag, got {other:?}"))),
        },
        Loose::Null(()) => Ok(false),
        Loose::Other(_) => Err(D::Error::custom("expected a flag, got an object or array")),
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
