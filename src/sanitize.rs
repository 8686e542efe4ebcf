//! The one sanitiser for every human-facing sink: text output, error lines, log fields, the
//! clipboard and the dashboard. Server strings may carry ESC sequences (OSC 52 clipboard
//! writes, window titles, cursor moves), C1 controls and bidi or zero-width format characters
//! that reorder or hide text; all of them are shown as visible escapes such as `\u{1b}`.

use std::borrow::Cow;

/// True for characters that must never reach a terminal, a log or the clipboard as they are:
/// C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, zero-width and direction
/// marks, the soft hyphen, the byte-order mark, and the line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{ad}'
        | '\u{61c}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
    )
}

fn escape_into(out: &mut String, c: char) {
    use std::fmt::Write;
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

fn clean(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' if keep_newlines => out.push('\n'),
            '\t' if keep_newlines => out.push_str("    "),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe(c) => escape_into(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A single-line field (a nickname, an id, an error message): newlines and tabs become
/// spaces, every other unsafe character a visible escape.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// A multi-line field (an introduction): newlines are kept, tabs become spaces, every other
/// unsafe character a visible escape.
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// [`line`], then cut to at most `max_chars` characters with `…` and the original length,
/// for log fields: one huge server message must not make a huge log.
pub fn for_log(s: &str, max_chars: usize) -> String {
    let safe = line(s);
    let count = safe.chars().count();
    if count <= max_chars {
        return safe.into_owned();
    }
    let mut cut: String = safe.chars().take(max_chars).collect();
    cut.push_str(&format!("… ({count} chars)"));
    cut
}

/// Serialised JSON (compact or pretty) with DEL, C1 controls and format characters written
/// as `\uXXXX` escapes too. serde_json escapes C0 inside strings itself, and outside strings
/// C0 can only be the whitespace between tokens, which is left alone; every other unsafe
/// character can only stand inside a string, where `\uXXXX` means the same character.
pub fn json(serialised: String) -> String {
    let needs = |c: char| !c.is_ascii_control() && is_unsafe(c);
    if !serialised.chars().any(needs) {
        return serialised;
    }
    let mut out = String::with_capacity(serialised.len() + 16);
    for c in serialised.chars() {
        if needs(c) {
            // Only BMP characters are in the unsafe set, so one \u escape is enough.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let osc52 = "\u{1b}]52;c;ZXZpbA==\u{7}name";
        assert_eq!(line(osc52), "\\u{1b}]52;c;ZXZpbA==\\u{7}name");
        assert_eq!(line("a\u{9b}31mb"), "a\\u{9b}31mb");
        assert_eq!(line("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(line("soft\u{ad}hyphen"), "soft\\u{ad}hyphen");
        assert_eq!(line("zero\u{200b}width"), "zero\\u{200b}width");
        assert_eq!(line("iso\u{2066}late"), "iso\\u{2066}late");
    }

    #[test]
    fn newlines_are_spaces_in_lines_and_kept_in_text() {
        assert_eq!(line("a\nb\r\nc\td"), "a b c d");
        assert_eq!(text("a\nb\r\nc\u{1b}"), "a\nb\nc\\u{1b}");
    }

    #[test]
    fn clean_text_is_borrowed_and_chinese_untouched() {
        assert!(matches!(line("云湖测试用户 ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_c1_and_bidi() {
        let s = serde_json::to_string(&serde_json::json!({"n": "a\u{85}\u{202e}\u{1b}"})).unwrap();
        let safe = json(s);
        assert_eq!(safe, r#"{"n":"a\u0085\u202e\u001b"}"#);
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["n"], "a\u{85}\u{202e}\u{1b}");
        // Pretty output: the newlines between tokens stay newlines.
        let value = serde_json::json!({"n": "x\u{9b}y", "m": [1, 2]});
        let pretty = json(serde_json::to_string_pretty(&value).unwrap());
        assert!(
            pretty.contains("\n  ") && pretty.contains("\\u009b"),
            "{pretty}"
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&pretty).unwrap(),
            value
        );
    }

    #[test]
    fn log_fields_are_cut() {
        let long = "x".repeat(1_000_000);
        let logged = for_log(&long, 512);
        assert!(logged.len() < 600, "{}", logged.len());
        assert!(logged.ends_with("(1000000 chars)"));
    }
}
