//! The server's validation rules, as the contract pins them (validator 4.9, xss 0.2, semver 5).

/// Q10: `<`/`>` escaped, `<!-- … -->` removed; then, if the input was at most `limit` UTF-16
/// units and the escaped text is longer, the text is cut to `limit` units.
pub fn escape(input: &str, limit: usize) -> String {
    let mut without_comments = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(start) = rest.find("<!--") {
        without_comments.push_str(&rest[..start]);
        match rest[start + 4..].find("-->") {
            Some(end) => rest = &rest[start + 4 + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    without_comments.push_str(rest);
    let escaped = without_comments.replace('<', "&lt;").replace('>', "&gt;");
    let units = |s: &str| s.encode_utf16().count();
    if units(input) <= limit && units(&escaped) > limit {
        let mut cut = String::new();
        let mut n = 0;
        for c in escaped.chars() {
            n += c.len_utf16();
            if n > limit {
                break;
            }
            cut.push(c);
        }
        cut
    } else {
        escaped
    }
}

/// Q9: the mainland pattern for region 86.
pub fn mainland_phone(phone: &str) -> bool {
    let number = phone
        .strip_prefix("+86")
        .or_else(|| phone.strip_prefix("86-"))
        .unwrap_or(phone);
    if number.len() != 11 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let b = number.as_bytes();
    let (second, third) = (b[1], b[2]);
    match (second, third) {
        (b'3', _) | (b'8', _) => true,
        (b'4', b'5' | b'7') => true,
        (b'5', t) => t != b'4',
        (b'7', b'6'..=b'8') => true,
        (b'7', b'0') => matches!(b[3], b'0' | b'5' | b'9'),
        _ => false,
    }
}

/// T6: an absolute http(s) URL as validator's `isURL` with the server's options sees it.
pub fn absolute_url(url: &str) -> bool {
    if url.len() >= 2083 || url.chars().any(char::is_whitespace) {
        return false;
    }
    let Some(rest) = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
    else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    if let Some(port) = port
        && !port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p))
    {
        return false;
    }
    if host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::Ipv4Addr>().is_ok() {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2
        || labels.iter().any(|l| {
            l.is_empty()
                || l.starts_with('-')
                || l.ends_with('-')
                || !l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
    {
        return false;
    }
    let tld = labels[labels.len() - 1];
    tld.starts_with("xn--") || (tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
}

/// T10's pattern: a letter, then letters, digits, `_` or `-`.
pub fn st_account_pattern(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// T18: strict SemVer with an optional leading `v`.
pub fn semver(version: &str) -> Option<semver::Version> {
    let v = version.strip_prefix('v').unwrap_or(version);
    semver::Version::parse(v).ok()
}

/// T22: `^[-+]?(0|[1-9]\d*)$`.
pub fn integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let ok = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if !ok {
        return None;
    }
    // Too large for the demo's data means "newer than anything".
    Some(s.parse().unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_cuts_only_what_escaping_made_long() {
        assert_eq!(escape("<b>", 32), "&lt;b&gt;");
        assert_eq!(escape("a<!-- x -->b", 32), "ab");
        assert_eq!(escape(&"<".repeat(32), 32), "&lt;".repeat(8));
        assert_eq!(escape(&"a".repeat(40), 32).len(), 40);
    }

    #[test]
    fn the_mainland_pattern_follows_q9() {
        for ok in [
            "13900000001",
            "+8613900000001",
            "86-14500000000",
            "15000000008",
            "17000000000",
            "17600000000",
            "18600000004",
        ] {
            assert!(mainland_phone(ok), "{ok}");
        }
        for bad in [
            "16600000000",
            "19900000000",
            "14000000000",
            "15400000000",
            "17100000000",
            "17010000000",
            "1390000000",
            "139000000011",
        ] {
            assert!(!mainland_phone(bad), "{bad}");
        }
    }

    #[test]
    fn urls_need_a_scheme_and_a_real_host() {
        for ok in [
            "http://ref-st-img.example.com/FkOV1",
            "https://127.0.0.1:8585/a",
            "http://localhost/x",
            "http://xn--fiqs8s.xn--fiqs8s/a",
        ] {
            assert!(absolute_url(ok), "{ok}");
        }
        for bad in [
            "http://host/x.png",
            "HTTP://a.example.com/x",
            "ftp://a.example.com/x",
            "http://a.example.com/x y",
            "http://a.example.com:0/x",
            "a.example.com",
        ] {
            assert!(!absolute_url(bad), "{bad}");
        }
    }

    #[test]
    fn versions_are_strict() {
        assert!(semver("v1.0.0").is_some() && semver("2.2.0-beta.1+b").is_some());
        for bad in ["1.0", "=1.0.0", "01.0.0", " 1.0.0", ""] {
            assert!(semver(bad).is_none(), "{bad}");
        }
        assert_eq!(integer("0"), Some(0));
        assert_eq!(integer("-12"), Some(-12));
        assert!(integer("01").is_none() && integer("1.5").is_none() && integer("").is_none());
    }
}
