//! Text by display width, for the screen (used by `app` for hit-testing and paging and by
//! `ui` for drawing, so both agree): server strings made safe before layout, cuts that never
//! change a number, one ellipsis at most, hints or labels shown whole or not at all, and
//! wrapping with Chinese line-breaking rules.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub const ELLIPSIS: char = '…';

/// A server string for a single-line place on screen, made safe (`sanitize::line`: control,
/// bidi and format characters visible, newlines as spaces) before it is measured, so the
/// widths the layout computes are the widths drawn; then [`fit`].
pub fn safe_fit(s: &str, max: usize) -> String {
    fit(&crate::sanitize::line(s), max).into_owned()
}

/// Characters that belong to a number when they stand between digits (`357.01`,
/// `2026-12-31`, `23:32`, `1,000`).
fn joins_digits(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '-' | '/')
}

/// Where a cut after `kept` characters must move back to so it does not fall inside a
/// number: the start of the number (`kept` itself when it does not cut one).
fn back_off_numbers(chars: &[char], kept: usize) -> usize {
    let is_num = |i: usize| {
        chars.get(i).is_some_and(|c| {
            c.is_ascii_digit()
                || (joins_digits(*c)
                    && i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        })
    };
    if kept == 0 || kept >= chars.len() || !is_num(kept) || !is_num(kept - 1) {
        return kept;
    }
    let mut at = kept;
    while at > 0 && is_num(at - 1) {
        at -= 1;
    }
    at
}

/// `text` in at most `max` display columns. A cut ends in one `…`, never inside a number (the
/// whole number goes instead: "Coins 357." would read as another value) and never after
/// an ellipsis or a space already there.
pub fn fit(text: &str, max: usize) -> Cow<'_, str> {
    if text.width() <= max {
        return Cow::Borrowed(text);
    }
    Cow::Owned(cut(text, max))
}

/// `text` cut to make room for one `…` within `max` columns, whether or not it fitted (the
/// last visible line of something longer).
pub fn ellipsize(text: &str, max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let trimmed = text.trim_end_matches([ELLIPSIS, ' ']);
    if trimmed.width() < max {
        return format!("{trimmed}{ELLIPSIS}");
    }
    cut(trimmed, max)
}

fn cut(text: &str, max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut used = 0;
    let mut kept = 0;
    for c in &chars {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        kept += 1;
    }
    let kept = back_off_numbers(&chars, kept);
    let mut out: String = chars[..kept].iter().collect();
    let clean_len = out.trim_end_matches([ELLIPSIS, ' ', '.']).len();
    out.truncate(clean_len);
    out.push(ELLIPSIS);
    out
}

/// How many of `items` (display widths, in order) fit in `max` columns, each whole: the
/// first that does not fit ends the run, so what is shown keeps its order.
pub fn whole_items(widths: impl IntoIterator<Item = usize>, max: usize) -> usize {
    let mut used = 0;
    let mut n = 0;
    for w in widths {
        if used + w > max {
            break;
        }
        used += w;
        n += 1;
    }
    n
}

/// The first item of a strip of labels (display widths) to draw so that item `selected` is
/// whole in `max` columns, with `gap` columns after each label and `marker` columns
/// reserved on each side that has labels scrolled away.
pub fn strip_start(
    widths: &[usize],
    selected: usize,
    max: usize,
    gap: usize,
    marker: usize,
) -> usize {
    let total: usize = widths.iter().map(|w| w + gap).sum();
    if total <= max || widths.is_empty() {
        return 0;
    }
    let selected = selected.min(widths.len() - 1);
    let mut start = 0;
    while start < selected {
        let left = if start > 0 { marker } else { 0 };
        let right = if selected + 1 < widths.len() {
            marker
        } else {
            0
        };
        let span: usize = widths[start..=selected].iter().map(|w| w + gap).sum();
        if left + span + right <= max {
            break;
        }
        start += 1;
    }
    start
}

/// One piece of the header, in the order drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderFit {
    pub brand: bool,
    /// The nickname as drawn (possibly cut), or none.
    pub name: Option<String>,
    /// The long VIP text, the short one, or none.
    pub vip: Option<String>,
    /// The coins label is shown before the number.
    pub coins_label: bool,
    /// The number is shown (whole) at all.
    pub coins: bool,
}

/// The header's pieces for `width` columns. Each piece is drawn with a space either side.
/// What gives way first: the app's name, then the nickname (down to a few characters), the
/// long VIP text (for a short one), the word "Coins", the VIP badge; the balance is never
/// cut, and is dropped whole only when nothing else is left.
pub fn header(
    width: usize,
    brand: &str,
    name: &str,
    vip_long: &str,
    vip_short: &str,
    coins_label: &str,
    coins: &str,
) -> HeaderFit {
    // An empty piece takes no room (a non-VIP account has no short VIP text).
    let pad = |s: &str| if s.is_empty() { 0 } else { s.width() + 2 };
    let name_w = name.width();
    // (brand, vip text, label, name at least this wide)
    let stages: [(bool, Option<&str>, bool, usize); 6] = [
        (true, Some(vip_long), true, name_w.min(12)),
        (false, Some(vip_long), true, name_w.min(12)),
        (false, Some(vip_short), true, name_w.min(8)),
        (false, Some(vip_short), false, name_w.min(6)),
        (false, None, false, name_w.min(6)),
        (false, None, false, 0),
    ];
    let number = pad(coins);
    for (brand_on, vip, label, name_min) in stages {
        let mut fixed = number;
        if brand_on {
            fixed += pad(brand);
        }
        if let Some(v) = vip {
            fixed += pad(v);
        }
        if label {
            fixed += coins_label.width() + 1;
        }
        if fixed > width {
            continue;
        }
        let room = (width - fixed).saturating_sub(2).min(30);
        if name_min > 0 && room < name_min {
            continue;
        }
        let name = (name_min > 0 && !name.is_empty()).then(|| fit(name, room).into_owned());
        return HeaderFit {
            brand: brand_on,
            name,
            vip: vip.filter(|v| !v.is_empty()).map(str::to_owned),
            coins_label: label,
            coins: true,
        };
    }
    HeaderFit {
        brand: false,
        name: None,
        vip: None,
        coins_label: false,
        coins: false,
    }
}

/// `138****8000`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// `d***@yhchat.example`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((user, domain)) => format!(
            "{}***@{domain}",
            user.chars().next().map(String::from).unwrap_or_default()
        ),
        None if email.is_empty() => String::new(),
        None => "***".into(),
    }
}

/// Wraps `text` into lines of at most `width` display columns: Chinese breaks anywhere
/// (never before closing punctuation); latin words move whole to the next line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        let mut word = String::new();
        let mut word_w = 0;
        let flush_word = |line: &mut String,
                          used: &mut usize,
                          word: &mut String,
                          word_w: &mut usize,
                          lines: &mut Vec<String>| {
            if *used + *word_w > width && *used > 0 {
                // An opening bracket goes down with the word it opens (with its first
                // character, when the word is too long for a line anyway).
                let need = if *word_w + 2 <= width { *word_w } else { 1 };
                let carried = take_openers(line, need, width);
                lines.push(std::mem::take(line).trim_end().to_owned());
                *used = carried.width();
                *line = carried;
            }
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if *used + w > width {
                    lines.push(std::mem::take(line));
                    *used = 0;
                }
                line.push(c);
                *used += w;
            }
            word.clear();
            *word_w = 0;
        };
        for c in paragraph.chars() {
            let w = c.width().unwrap_or(0);
            // Latin text breaks at spaces; double-width (CJK) text anywhere.
            if !c.is_whitespace() && w == 1 && !NO_LINE_START.contains(c) {
                word.push(c);
                word_w += w;
            } else {
                flush_word(&mut line, &mut used, &mut word, &mut word_w, &mut lines);
                if used + w > width {
                    // Chinese line breaking: closing punctuation never starts a line, so the
                    // character before it comes down too.
                    let mut carried = String::new();
                    if NO_LINE_START.contains(c)
                        && line.chars().count() > 1
                        && let Some(prev) = line.pop()
                    {
                        carried.push(prev);
                    }
                    // Nor does opening punctuation end one: it comes down too.
                    let openers = take_openers(&mut line, carried.width() + w, width);
                    carried.insert_str(0, &openers);
                    lines.push(std::mem::take(&mut line));
                    used = carried.width();
                    line = carried;
                }
                if !(used == 0 && c == ' ') {
                    line.push(c);
                    used += w;
                }
            }
        }
        flush_word(&mut line, &mut used, &mut word, &mut word_w, &mut lines);
        lines.push(line);
    }
    lines
}

/// Punctuation that must not begin a line (the core of the Chinese kinsoku rules).
const NO_LINE_START: &str = "，。、；：！？）】」』》〉”’…·,.;:!?)]}%";

/// Punctuation that must not end a line: opening brackets and quotes.
const NO_LINE_END: &str = "（【「『《〈“‘";

/// Takes the opening punctuation off the end of `line` (never its only character), to go
/// down to the next line with `following` columns after it, if that fits in `width`.
fn take_openers(line: &mut String, following: usize, width: usize) -> String {
    let mut taken = String::new();
    while line.chars().count() > 1
        && line.ends_with(|c| NO_LINE_END.contains(c))
        && let Some(c) = line.chars().last()
        && taken.width() + c.width().unwrap_or(0) + following <= width
    {
        line.pop();
        taken.insert(0, c);
    }
    taken
}

/// `label` padded with spaces to `width` display columns.
pub fn pad(label: &str, width: usize) -> String {
    format!("{label}{}", " ".repeat(width.saturating_sub(label.width())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_just_enough() {
        assert_eq!(mask_phone("13800138000"), "138****8000");
        assert_eq!(mask_phone("123"), "***");
        assert_eq!(mask_email("demo@yhchat.example"), "d***@yhchat.example");
        assert_eq!(mask_email("张三@例子.中国"), "张***@例子.中国");
        assert_eq!(mask_email(""), "");
    }

    #[test]
    fn numbers_are_never_cut() {
        assert_eq!(fit("Coins 357.01", 10), "Coins…");
        assert_eq!(fit("Coins 357.01", 12), "Coins 357.01");
        assert_eq!(fit("VIP until 2026-12-31", 15), "VIP until…");
        assert_eq!(fit("1234567", 5), "…");
        // A cut between words or in Chinese is an ordinary cut.
        assert_eq!(fit("一二三四五六七八九十", 9), "一二三四…");
        assert_eq!(fit("hello world", 8), "hello w…");
        for max in 0..20 {
            let out = fit("余额 357.01 金币", max);
            assert!(out.width() <= max, "{max}: {out}");
            assert!(
                !out.contains("357") || out.contains("357.01"),
                "{max}: {out}"
            );
        }
    }

    #[test]
    fn there_is_never_a_double_ellipsis() {
        assert_eq!(ellipsize("一起学习", 20), "一起学习…");
        assert_eq!(ellipsize("管理员会不定期清理…", 20), "管理员会不定期清理…");
        assert_eq!(ellipsize("(since ", 20), "(since…");
        assert_eq!(ellipsize("abcdef", 4), "abc…");
        assert_eq!(fit("等一下……然后", 9), "等一下…");
        assert_eq!(fit("wait... then", 9), "wait…");
        for max in 1..14 {
            for text in ["每周日晚上 8 点固定分享会", "Rust 1.80 发布……", "ab…"]
            {
                let out = ellipsize(text, max);
                assert!(!out.contains("……"), "{text} {max}: {out}");
                assert!(out.width() <= max, "{text} {max}: {out}");
            }
        }
    }

    #[test]
    fn safe_text_has_no_format_characters() {
        use crate::sanitize::{line, text};
        assert_eq!(line("a\u{ad}b\u{200b}c"), "a\\u{ad}b\\u{200b}c");
        assert_eq!(line("a\nb"), "a b");
        assert_eq!(text("a\nb\u{202e}"), "a\nb\\u{202e}");
        assert!(matches!(line("云湖"), Cow::Borrowed(_)));
        assert_eq!(safe_fit("名\u{202e}字", 6), "名\\u{…");
    }

    #[test]
    fn items_are_taken_whole_and_in_order() {
        assert_eq!(whole_items([5, 5, 5], 14), 2);
        assert_eq!(
            whole_items([5, 20, 1], 14),
            1,
            "the first misfit ends the run"
        );
        assert_eq!(whole_items([5], 5), 1);
        assert_eq!(whole_items([], 5), 0);
    }

    #[test]
    fn the_selected_label_of_a_strip_is_always_whole() {
        let widths = [6, 8, 6, 11, 6, 6, 10, 11];
        assert_eq!(strip_start(&widths, 7, 200, 1, 1), 0, "all fit: no scroll");
        for max in 12..80 {
            for sel in 0..widths.len() {
                let start = strip_start(&widths, sel, max, 1, 1);
                assert!(start <= sel);
                let left = if start > 0 { 1 } else { 0 };
                let right = if sel + 1 < widths.len() { 1 } else { 0 };
                let span: usize = widths[start..=sel].iter().map(|w| w + 1).sum();
                assert!(left + span + right <= max || start == sel, "{max} {sel}");
            }
        }
    }

    #[test]
    fn the_header_drops_labels_before_it_cuts_the_balance() {
        let h = |w| {
            header(
                w,
                "yunhu-tui",
                "云湖测试用户",
                "★ VIP until 2026-12-31",
                "★ VIP",
                "Coins",
                "357.01",
            )
        };
        let all = h(120);
        assert!(all.brand && all.coins_label && all.coins);
        assert_eq!(all.name.as_deref(), Some("云湖测试用户"));
        let at60 = h(60);
        assert!(!at60.brand && at60.coins_label && at60.coins, "{at60:?}");
        assert_eq!(at60.name.as_deref(), Some("云湖测试用户"));
        assert_eq!(at60.vip.as_deref(), Some("★ VIP until 2026-12-31"));
        let narrow = h(30);
        assert!(narrow.coins && !narrow.coins_label, "{narrow:?}");
        let tiny = h(9);
        assert!(tiny.coins && tiny.name.is_none() && tiny.vip.is_none());
        assert!(!h(5).coins, "dropped whole, never cut");
    }
}
