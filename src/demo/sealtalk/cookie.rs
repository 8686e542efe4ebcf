//! The demo's session cookie: lower-case hex of `<salt>|<numeric user id>|<ms>` under a
//! keystream, like the real server's AES-256-CTR with a fixed key (no MAC, no expiry,
//! nothing revoked: Q4). MD5 in counter mode stands in for AES: the client treats the
//! value as opaque, and what matters is that an edited cookie fails to decode (Q3).

use md5::{Digest, Md5};

const KEY: &[u8] = b"sealtalk-demo-auth-cookie-key";

fn keystream(len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 16);
    let mut counter: u32 = 0;
    while out.len() < len {
        let mut h = Md5::new();
        h.update(KEY);
        h.update(counter.to_be_bytes());
        out.extend_from_slice(&h.finalize());
        counter += 1;
    }
    out.truncate(len);
    out
}

pub fn encode(salt: u32, user: u32, ms: i64) -> String {
    let plain = format!("{salt}|{user}|{ms}");
    plain
        .bytes()
        .zip(keystream(plain.len()))
        .map(|(p, k)| format!("{:02x}", p ^ k))
        .collect()
}

/// The user id in a cookie value, or `None` when it does not decrypt to the format.
pub fn decode(value: &str) -> Option<u32> {
    if !value.len().is_multiple_of(2) || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Vec<u8> = (0..value.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(value.get(i..i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    let plain: Vec<u8> = bytes
        .iter()
        .zip(keystream(bytes.len()))
        .map(|(c, k)| c ^ k)
        .collect();
    let text = String::from_utf8(plain).ok()?;
    let mut parts = text.split('|');
    let salt: u32 = parts.next()?.parse().ok()?;
    let user: u32 = parts.next()?.parse().ok()?;
    let _ms: i64 = parts.next()?.parse().ok()?;
    ((1000..=9998).contains(&salt) && parts.next().is_none()).then_some(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_round_trips_and_an_edited_one_does_not() {
        let c = encode(4321, 10001, 1_760_000_000_000);
        assert_eq!(decode(&c), Some(10001));
        let mut edited = c.clone().into_bytes();
        edited[0] = if edited[0] == b'0' { b'1' } else { b'0' };
        assert_eq!(decode(&String::from_utf8(edited).unwrap()), None);
        assert_eq!(decode("zz"), None);
    }
}
