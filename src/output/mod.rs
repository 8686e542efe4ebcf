//! What the one-shot commands print: aligned text for people (widths by display columns,
//! so Chinese lines up) and stable JSON for scripts (numbers as numbers, timestamps as both
//! Unix seconds and RFC 3339). Every server string in the text goes through
//! [`crate::sanitize`]; the JSON is escaped by [`crate::sanitize::json`] when it is printed.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthChar;

use crate::api::model::{Bot, CoinRecord, Group, UserData, round_cents};
use crate::i18n::{EN, Lang, Strings, ZH, fill};
use crate::proto::{MedalInfo, VipStatus, get_user_response, user_info};
use crate::sanitize;

mod accounts;
mod chaoqer;
mod lists;
mod profile;
mod sealtalk;

use crate::timefmt::{
    birthday_date, local_date, local_datetime, parse_service_time, service_date, service_text_time,
    stamp,
};
pub use accounts::*;
pub use chaoqer::*;
pub use lists::*;
pub use profile::*;
pub use sealtalk::*;

/// Introductions in tables are cut to this many columns when stdout is a terminal.
pub(crate) const INTRO_COLUMNS: usize = 40;

/// What a command prints as text: the body for stdout (only the table or the values) and a
/// summary line ("page 1 of 13: …") for stderr, so a pipe gets only the data.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Text {
    pub body: String,
    pub summary: String,
}

impl Text {
    pub(crate) fn body(body: String) -> Text {
        Text {
            body,
            summary: String::new(),
        }
    }
}

/// How text output looks: the language of its labels, and whether long introductions and
/// remarks are cut to fit a terminal (never when stdout is a file or a pipe).
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    pub cut: bool,
}

impl Style {
    pub fn new(lang: Lang, cut: bool) -> Style {
        Style { lang, cut }
    }

    pub(crate) fn s(&self) -> &'static Strings {
        match self.lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    pub(crate) fn w(&self) -> &'static Words {
        match self.lang {
            Lang::Zh => &ZH_WORDS,
            Lang::En => &EN_WORDS,
        }
    }

    /// A column heading: the dashboard's label, in capitals in English.
    pub(crate) fn head(&self, label: &str) -> String {
        label.to_uppercase()
    }

    pub(crate) fn intro(&self, text: &str) -> String {
        let safe = sanitize::line(text);
        if self.cut {
            fit_width(&safe, INTRO_COLUMNS)
        } else {
            safe.into_owned()
        }
    }
}

/// The few phrases only the command line needs; labels come from the dashboard's
/// [`Strings`] so both front ends say the same.
pub struct Words {
    pub col_name: &'static str,
    pub col_medal: &'static str,
    pub col_intro: &'static str,
    pub ban: &'static str,
    pub ban_id: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub medals_one: &'static str,
    pub medals_many: &'static str,
    pub bots_one: &'static str,
    pub bots_many: &'static str,
    pub groups_one: &'static str,
    pub groups_many: &'static str,
    pub coins_page: &'static str,
    pub coins_all: &'static str,
    pub groups_summary: &'static str,
    pub last_page: &'static str,
    pub more_pages: &'static str,
    pub nickname_set: &'static str,
    pub avatar_set: &'static str,
}

pub static EN_WORDS: Words = Words {
    col_name: "Name",
    col_medal: "Medal",
    col_intro: "Introduction",
    ban: "Ban",
    ban_id: "id {}",
    yes: "yes",
    no: "no",
    medals_one: "{} medal",
    medals_many: "{} medals",
    bots_one: "{} bot",
    bots_many: "{} bots",
    groups_one: "{} group",
    groups_many: "{} groups",
    coins_page: "page {} of {}: {} of {} records",
    coins_all: "{} of {} records",
    groups_summary: "{} · page {} · {} · {}",
    last_page: "last page",
    more_pages: "more: --page {}",
    nickname_set: "nickname set: {}",
    avatar_set: "avatar set: {}",
};

pub static ZH_WORDS: Words = Words {
    col_name: "名称",
    col_medal: "勋章",
    col_intro: "简介",
    ban: "封禁",
    ban_id: "编号 {}",
    yes: "是",
    no: "否",
    medals_one: "共 {} 枚勋章",
    medals_many: "共 {} 枚勋章",
    bots_one: "{} 个机器人",
    bots_many: "{} 个机器人",
    groups_one: "{} 个群聊",
    groups_many: "{} 个群聊",
    coins_page: "第 {} 页，共 {} 页：本页 {} 条，共 {} 条记录",
    coins_all: "{} 条，共 {} 条记录",
    groups_summary: "{} · 第 {} 页 · {} · {}",
    last_page: "最后一页",
    more_pages: "更多：--page {}",
    nickname_set: "昵称已设置：{}",
    avatar_set: "头像已设置：{}",
};

/// `1 group`, `2 groups`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    fill(if n == 1 { one } else { many }, &[&n])
}

/// Cuts `text` to at most `max` display columns (an ellipsis included), on one line.
pub fn fit_width(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let total: usize = flat.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= max {
        return flat;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in flat.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

pub(crate) fn table(header: &[String], right_aligned: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    for i in 0..header.len() {
        if let Some(col) = t.column_mut(i) {
            col.set_padding((0, 2));
            if right_aligned.contains(&i) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    t
}

/// Adds a row, every cell made safe and single-line.
pub(crate) fn add_row(t: &mut Table, cells: Vec<String>) {
    t.add_row(
        cells
            .iter()
            .map(|c| sanitize::line(c).into_owned())
            .collect::<Vec<_>>(),
    );
}

pub(crate) fn render(t: &Table) -> String {
    let mut out: String = t.lines().map(|l| l.trim_end().to_owned() + "\n").collect();
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// `label  value` lines with the values in one column, every value made safe and
/// single-line.
pub(crate) fn key_values(rows: &[(&str, String)]) -> String {
    use unicode_width::UnicodeWidthStr;
    let width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    rows.iter()
        .map(|(k, v)| {
            let pad = " ".repeat(width - k.width());
            format!("{k}{pad}  {}", sanitize::line(v))
                .trim_end()
                .to_owned()
                + "\n"
        })
        .collect()
}

pub fn money(x: f64) -> String {
    format!("{:.2}", round_cents(x))
}

pub fn signed_money(x: f64) -> String {
    let x = round_cents(x);
    if x > 0.0 {
        format!("+{x:.2}")
    } else {
        format!("{x:.2}")
    }
}

pub fn gender_name(code: i64) -> &'static str {
    EN.gender(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn fit_width_counts_columns_not_chars() {
        assert_eq!(fit_width("短", 10), "短");
        let cut = fit_width("一二三四五六七八九十", 9);
        assert_eq!(cut, "一二三四…");
        assert!(cut.width() <= 9);
        assert_eq!(fit_width("a\nb", 10), "a b");
    }

    #[test]
    fn tables_align_chinese_by_display_width() {
        let medals = vec![
            MedalInfo {
                id: 3,
                name: "早期用户".into(),
                sort: 10,
            },
            MedalInfo {
                id: 12,
                name: "x".into(),
                sort: 5,
            },
        ];
        let out = medals_text(&medals, Style::new(Lang::En, true));
        assert_eq!(out.summary, "2 medals");
        let text = out.body;
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        // The MEDAL column starts at the same display column on every row.
        let col = |l: &str| {
            l.find(|c: char| !c.is_ascii_digit() && c != ' ')
                .map(|i| l[..i].width())
        };
        assert_eq!(col(lines[1]), col(lines[2]));
        assert!(lines[1].ends_with('x'), "sorted by sort: {text}");
    }

    #[test]
    fn counts_are_singular_for_one() {
        let one = medals_text(&[MedalInfo::default()], Style::new(Lang::En, true));
        assert_eq!(one.summary, "1 medal");
        assert_eq!(bots_text(&[], Style::new(Lang::En, true)).summary, "0 bots");
        assert_eq!(
            medals_text(&[MedalInfo::default()], Style::new(Lang::Zh, true)).summary,
            "共 1 枚勋章"
        );
    }

    #[test]
    fn bans_show_with_an_id_or_a_reason_and_are_permanent_without_an_end() {
        assert_eq!(ban_text(&EN, 0, 0, ""), None);
        assert_eq!(ban_text(&EN, 0, 0, "  "), None);
        assert_eq!(
            ban_text(&EN, 0, 0, "spam").as_deref(),
            Some("banned permanently: spam")
        );
        assert_eq!(
            ban_text(&EN, 9, 0, "").as_deref(),
            Some("banned permanently")
        );
        assert_eq!(
            ban_text(&ZH, 9, 0, "广告").as_deref(),
            Some("永久封禁：广告")
        );
        let timed = ban_text(&EN, 9, 1_893_456_000, "spam").unwrap();
        assert!(timed.starts_with("banned until 20"), "{timed}");
        assert!(timed.ends_with(": spam"), "{timed}");
    }

    #[test]
    fn location_has_the_address_when_there_is_one() {
        let mut d = UserData {
            province: "北京市".into(),
            city: "北京城区".into(),
            district: "东城区".into(),
            location_code: "110101".into(),
            ..UserData::default()
        };
        assert_eq!(location_text(&d, ""), "北京市 北京城区 东城区 (110101)");
        assert_eq!(
            location_text(&d, "东华门大街 1 号"),
            "北京市 北京城区 东城区 东华门大街 1 号 (110101)"
        );
        d.location_code.clear();
        assert_eq!(location_text(&d, " "), "北京市 北京城区 东城区");
        assert_eq!(location_text(&UserData::default(), ""), "");
    }

    #[test]
    fn table_cells_are_sanitised_and_cut_only_for_terminals() {
        let bots = vec![Bot {
            chat_id: "1\u{1b}[2J".into(),
            nickname: "n\u{202e}x".into(),
            introduction: format!("{}\nend", "x".repeat(60)),
            ..Bot::default()
        }];
        let piped = bots_text(&bots, Style::new(Lang::En, false)).body;
        assert!(
            piped.contains("1\\u{1b}[2J") && piped.contains("n\\u{202e}x"),
            "{piped}"
        );
        assert!(
            piped.contains(&format!("{} end", "x".repeat(60))),
            "{piped}"
        );
        let tty = bots_text(&bots, Style::new(Lang::En, true)).body;
        assert!(tty.contains('…') && !tty.contains("end"), "{tty}");
        assert!(!piped.contains('\u{1b}') && !tty.contains('\u{1b}'));
    }

    #[test]
    fn money_has_two_decimals_and_a_sign() {
        assert_eq!(money(357.01), "357.01");
        assert_eq!(signed_money(2.0), "+2.00");
        assert_eq!(signed_money(-0.5), "-0.50");
        assert_eq!(signed_money(0.0), "0.00");
    }
}
