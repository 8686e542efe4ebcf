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
use crate::timefmt::{
    birthday_date, local_date, local_datetime, parse_service_time, service_date, service_text_time,
    stamp,
};

/// Introductions in tables are cut to this many columns when stdout is a terminal.
const INTRO_COLUMNS: usize = 40;

/// What a command prints as text: the body for stdout (only the table or the values) and a
/// summary line ("page 1 of 13: …") for stderr, so a pipe gets only the data.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Text {
    pub body: String,
    pub summary: String,
}

impl Text {
    fn body(body: String) -> Text {
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

    fn s(&self) -> &'static Strings {
        match self.lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    fn w(&self) -> &'static Words {
        match self.lang {
            Lang::Zh => &ZH_WORDS,
            Lang::En => &EN_WORDS,
        }
    }

    /// A column heading: the dashboard's label, in capitals in English.
    fn head(&self, label: &str) -> String {
        label.to_uppercase()
    }

    fn intro(&self, text: &str) -> String {
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
fn count(n: usize, one: &str, many: &str) -> String {
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

fn table(header: &[String], right_aligned: &[usize]) -> Table {
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
fn add_row(t: &mut Table, cells: Vec<String>) {
    t.add_row(
        cells
            .iter()
            .map(|c| sanitize::line(c).into_owned())
            .collect::<Vec<_>>(),
    );
}

fn render(t: &Table) -> String {
    let mut out: String = t.lines().map(|l| l.trim_end().to_owned() + "\n").collect();
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// `label  value` lines with the values in one column, every value made safe and
/// single-line.
fn key_values(rows: &[(&str, String)]) -> String {
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

/// VIP words: the last day of VIP is a calendar date of the service (UTC+8).
fn vip_words(s: &Strings, is_vip: bool, status: i32, expires: i64) -> String {
    match VipStatus::try_from(status) {
        Ok(VipStatus::Active) if is_vip => fill(s.vip_until, &[&service_date(expires)]),
        Ok(VipStatus::Expired) => fill(s.vip_expired, &[&service_date(expires)]),
        _ if is_vip => "VIP".into(),
        _ => s.not_vip.into(),
    }
}

fn vip_json(is_vip: bool, status: i32, expires: i64) -> Value {
    let name = match VipStatus::try_from(status) {
        Ok(VipStatus::Active) => "active",
        Ok(VipStatus::Expired) => "expired",
        _ => "none",
    };
    let end_date = Some(service_date(expires)).filter(|d| !d.is_empty());
    json!({"isVip": is_vip, "status": name, "expires": stamp(expires), "endDate": end_date})
}

/// The Location line of both front ends: province, city, district and the detailed
/// address (get-user's `profile_info.address`) when not empty, then the location code.
/// Empty when there is nothing.
pub fn location_text(data: &UserData, address: &str) -> String {
    let place: Vec<&str> = [
        data.province.as_str(),
        data.city.as_str(),
        data.district.as_str(),
        address,
    ]
    .into_iter()
    .map(str::trim)
    .filter(|p| !p.is_empty())
    .collect();
    let place = place.join(" ");
    match (place.is_empty(), data.location_code.trim()) {
        (_, "") => place,
        (true, code) => format!("({code})"),
        (false, code) => format!("{place} ({code})"),
    }
}

/// A ban, in both front ends: shown when the server gives a ban id or a reason; a ban
/// without an end time is permanent. `None` when there is no ban.
pub fn ban_text(s: &Strings, ban_id: i64, until: i64, reason: &str) -> Option<String> {
    let reason = reason.trim();
    if ban_id == 0 && reason.is_empty() {
        return None;
    }
    let text = if until > 0 {
        fill(s.banned_until, &[&local_datetime(until), &reason])
    } else {
        fill(s.banned_permanently, &[&reason])
    };
    // No reason given: no dangling "：" or ": ".
    Some(text.trim_end_matches([' ', ':', '：']).to_owned())
}

/// Everything the profile command shows: P1, P2 (own id) and P6.
///
/// Which answer wins where two carry the same field: P1 (`user/info`, the own account)
/// for name, avatar and VIP; P6 (`get-user-data`, the account's own profile record, the
/// one `save-user-data` writes) for introduction, gender, birthday, city and district.
/// P2's `profile_info` is the public view of the same record and only adds what P6 lacks:
/// `last_active_time` and `address`. The dashboard reads the same answers the same way.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileView {
    pub info: user_info::Data,
    pub user: get_user_response::Data,
    pub data: UserData,
}

impl ProfileView {
    fn public(&self) -> (String, String) {
        self.user
            .profile_info
            .as_ref()
            .map(|p| (p.last_active_time.clone(), p.address.clone()))
            .unwrap_or_default()
    }
}

pub fn profile_text(p: &ProfileView, style: Style) -> Text {
    let (info, user, data) = (&p.info, &p.user, &p.data);
    let (s, w) = (style.s(), style.w());
    let (last_active, address) = p.public();
    let mut rows = vec![
        (s.name, info.name.clone()),
        (s.id, info.id.clone()),
        (
            s.vip,
            vip_words(s, info.is_vip, info.vip_status, info.vip_expired_timestamp),
        ),
        (s.coins, money(info.coin)),
        (s.phone, info.phone.clone()),
        (s.email, info.email.clone()),
        (s.invitation, info.invitation_code.clone()),
        (s.registered, service_text_time(&user.register_time)),
        (
            s.online,
            fill(
                s.online_value,
                &[&user.online_day, &user.continuous_online_day],
            ),
        ),
        (s.ip_region, user.ip_geo.clone()),
        (s.medals, fill(s.medals_value, &[&user.medal.len()])),
        (s.gender, s.gender(data.gender).to_owned()),
        (
            s.birthday,
            birthday_date(data.birthday)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        (s.location, location_text(data, &address)),
        (s.introduction, data.introduction.clone()),
        (s.last_login, local_datetime(data.last_login_time)),
        (s.last_active, service_text_time(&last_active)),
        (s.updated, local_datetime(data.update_time)),
        (s.avatar, info.avatar_url.clone()),
    ];
    let ban = ban_text(s, user.ban_id, user.ban_until_timestamp, &user.ban_reason);
    if let Some(ban) = ban {
        let id = if user.ban_id == 0 {
            String::new()
        } else {
            format!(" ({})", fill(w.ban_id, &[&user.ban_id]))
        };
        rows.push((w.ban, format!("{ban}{id}")));
    }
    Text::body(key_values(&rows))
}

pub fn profile_json(p: &ProfileView) -> Value {
    let (info, user, data) = (&p.info, &p.user, &p.data);
    let (last_active, address) = p.public();
    let banned = user.ban_id != 0 || !user.ban_reason.trim().is_empty();
    let ban = banned.then(|| {
        json!({
            "id": user.ban_id,
            "until": stamp(user.ban_until_timestamp),
            "permanent": user.ban_until_timestamp <= 0,
            "reason": user.ban_reason,
        })
    });
    json!({
        "id": info.id,
        "name": info.name,
        "avatarUrl": info.avatar_url,
        "avatarId": info.avatar_id,
        "phone": info.phone,
        "email": info.email,
        "coin": round_cents(info.coin),
        "vip": vip_json(info.is_vip, info.vip_status, info.vip_expired_timestamp),
        "invitationCode": info.invitation_code,
        "registerTime": parse_service_time(&user.register_time).and_then(stamp),
        "onlineDays": user.online_day,
        "continuousOnlineDays": user.continuous_online_day,
        "ipGeo": user.ip_geo,
        "medalCount": user.medal.len(),
        "doNotDisturb": user.do_not_disturb,
        "lastActiveTime": last_active,
        "ban": ban,
        "profile": {
            "introduction": data.introduction,
            "gender": data.gender,
            "genderName": gender_name(data.gender),
            "birthday": stamp(data.birthday),
            "birthdayDate": birthday_date(data.birthday).map(|d| d.to_string()),
            "province": data.province,
            "city": data.city,
            "district": data.district,
            "address": address,
            "locationCode": data.location_code,
            "lastLoginTime": stamp(data.last_login_time),
            "updateTime": stamp(data.update_time),
        },
    })
}

/// Medals in display order (by `sort`, then id).
pub fn sorted_medals(medals: &[MedalInfo]) -> Vec<MedalInfo> {
    let mut sorted = medals.to_vec();
    crate::proto::sort_medals(&mut sorted);
    sorted
}

pub fn medals_text(medals: &[MedalInfo], style: Style) -> Text {
    let (s, w) = (style.s(), style.w());
    let mut t = table(
        &[
            style.head(s.sort),
            style.head(s.id),
            style.head(w.col_medal),
        ],
        &[0, 1],
    );
    for m in sorted_medals(medals) {
        add_row(
            &mut t,
            vec![m.sort.to_string(), m.id.to_string(), m.name.clone()],
        );
    }
    Text {
        body: render(&t),
        summary: count(medals.len(), w.medals_one, w.medals_many),
    }
}

pub fn medals_json(medals: &[MedalInfo]) -> Value {
    let list: Vec<Value> = sorted_medals(medals)
        .iter()
        .map(|m| json!({"id": m.id, "name": m.name, "sort": m.sort}))
        .collect();
    json!({"count": medals.len(), "medals": list})
}

/// Which records a coin listing holds: one page, or all of them.
pub struct CoinListing<'a> {
    pub records: &'a [CoinRecord],
    pub total: i64,
    /// `None` for `--all`.
    pub page: Option<(u32, u32)>,
}

pub fn coins_text(c: &CoinListing<'_>, style: Style) -> Text {
    let (s, w) = (style.s(), style.w());
    let mut t = table(
        &[s.time, s.change, s.balance, s.reason, s.remark].map(|h| style.head(h)),
        &[1, 2],
    );
    for r in c.records {
        add_row(
            &mut t,
            vec![
                local_datetime(r.create_time),
                signed_money(r.signed_change()),
                money(r.after_amount),
                r.reason.clone(),
                style.intro(&r.remark),
            ],
        );
    }
    let summary = match c.page {
        Some((page, size)) => {
            let pages = (c.total.max(0) as u64).div_ceil(u64::from(size.max(1)));
            fill(w.coins_page, &[&page, &pages, &c.records.len(), &c.total])
        }
        None => fill(w.coins_all, &[&c.records.len(), &c.total]),
    };
    Text {
        body: render(&t),
        summary,
    }
}

pub fn coins_json(c: &CoinListing<'_>) -> Value {
    let list: Vec<Value> = c
        .records
        .iter()
        .map(|r| {
            json!({
                "id": r.id, "type": r.typ, "change": r.signed_change(),
                "before": round_cents(r.before_amount), "after": round_cents(r.after_amount),
                "reason": r.reason, "remark": r.remark, "time": stamp(r.create_time),
            })
        })
        .collect();
    let mut out = json!({"total": c.total, "records": list});
    if let Some((page, size)) = c.page {
        out["page"] = json!(page);
        out["size"] = json!(size);
    }
    out
}

/// One row of `accounts`.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRow {
    pub name: String,
    pub service: crate::service::Service,
    pub server: String,
    pub default: bool,
    pub logged_in: bool,
}

/// `accounts`: the default one marked with `*`.
pub fn accounts_text(rows: &[AccountRow]) -> Text {
    let header: Vec<String> = ["", "NAME", "SERVICE", "SERVER", "LOGIN"]
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    let mut t = table(&header, &[]);
    for r in rows {
        let mark = if r.default { "*" } else { "" };
        let login = if r.logged_in { "saved" } else { "-" };
        add_row(
            &mut t,
            vec![
                mark.to_owned(),
                r.name.clone(),
                r.service.id().to_owned(),
                r.server.clone(),
                login.to_owned(),
            ],
        );
    }
    Text {
        body: render(&t),
        summary: format!(
            "{} account(s); * marks the default (--account NAME or YUNHU_TUI_ACCOUNT picks another)",
            rows.len()
        ),
    }
}

pub fn accounts_json(rows: &[AccountRow]) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| {
                json!({
                    "name": r.name,
                    "service": r.service.id(),
                    "server": r.server,
                    "default": r.default,
                    "loggedIn": r.logged_in,
                })
            })
            .collect(),
    )
}

pub fn categories_text(categories: &[String]) -> Text {
    Text::body(
        categories
            .iter()
            .map(|c| format!("{}\n", sanitize::line(c)))
            .collect(),
    )
}

pub fn categories_json(categories: &[String]) -> Value {
    json!({"categories": categories})
}

/// A page of groups; `last` when it is shorter than the page size.
pub struct GroupListing<'a> {
    pub category: &'a str,
    pub keyword: &'a str,
    pub page: u32,
    pub size: u32,
    pub groups: &'a [Group],
    /// The service's share prefix (M1 `shareUrl`), when it gave one.
    pub share_url: Option<&'a str>,
}

impl GroupListing<'_> {
    pub fn is_last(&self) -> bool {
        self.groups.len() < self.size as usize
    }
}

/// Chat type of a group in share links.
const CHAT_TYPE_GROUP: u8 = 2;
/// Chat type of a bot in share links.
const CHAT_TYPE_BOT: u8 = 3;

fn share(share_url: Option<&str>, chat_id: &str, chat_type: u8) -> Option<String> {
    share_url
        .filter(|u| !u.trim().is_empty())
        .map(|u| crate::app::discover::share_link(u, chat_id, chat_type))
}

pub fn groups_text(g: &GroupListing<'_>, style: Style) -> Text {
    let (s, w) = (style.s(), style.w());
    let mut t = table(
        &[s.id, w.col_name, s.members, s.created, w.col_intro].map(|h| style.head(h)),
        &[2],
    );
    for group in g.groups {
        add_row(
            &mut t,
            vec![
                group.chat_id.clone(),
                group.nickname.clone(),
                group.headcount.to_string(),
                local_date(group.create_time),
                style.intro(&group.introduction),
            ],
        );
    }
    let more = if g.is_last() {
        w.last_page.to_owned()
    } else {
        fill(w.more_pages, &[&(g.page + 1)])
    };
    let summary = fill(
        w.groups_summary,
        &[
            &sanitize::line(g.category),
            &g.page,
            &count(g.groups.len(), w.groups_one, w.groups_many),
            &more,
        ],
    );
    Text {
        body: render(&t),
        summary,
    }
}

pub fn groups_json(g: &GroupListing<'_>) -> Value {
    let list: Vec<Value> = g
        .groups
        .iter()
        .map(|x| {
            json!({"chatId": x.chat_id, "name": x.nickname, "headcount": x.headcount, "banId": x.ban_id,
                   "introduction": x.introduction, "avatarUrl": x.avatar_url, "created": stamp(x.create_time),
                   "shareUrl": share(g.share_url, &x.chat_id, CHAT_TYPE_GROUP)})
        })
        .collect();
    json!({"category": g.category, "keyword": g.keyword, "page": g.page, "size": g.size, "last": g.is_last(), "groups": list})
}

pub fn bots_text(bots: &[Bot], style: Style) -> Text {
    let (s, w) = (style.s(), style.w());
    let mut t = table(
        &[s.id, w.col_name, s.users, s.can_add, w.col_intro].map(|h| style.head(h)),
        &[2],
    );
    for b in bots {
        add_row(
            &mut t,
            vec![
                b.chat_id.clone(),
                b.nickname.clone(),
                b.headcount.to_string(),
                if b.is_add { w.yes } else { w.no }.to_owned(),
                style.intro(&b.introduction),
            ],
        );
    }
    Text {
        body: render(&t),
        summary: count(bots.len(), w.bots_one, w.bots_many),
    }
}

pub fn bots_json(bots: &[Bot], share_url: Option<&str>) -> Value {
    let list: Vec<Value> = bots
        .iter()
        .map(|b| {
            json!({"chatId": b.chat_id, "name": b.nickname, "users": b.headcount, "canAdd": b.is_add,
                   "introduction": b.introduction, "avatarUrl": b.avatar_url,
                   "shareUrl": share(share_url, &b.chat_id, CHAT_TYPE_BOT)})
        })
        .collect();
    json!({"count": bots.len(), "bots": list})
}

/// `nickname set: …` after a nickname change.
pub fn nickname_set(name: &str, style: Style) -> Text {
    Text::body(format!(
        "{}\n",
        fill(style.w().nickname_set, &[&sanitize::line(name)])
    ))
}

/// `avatar set: …` after an avatar change.
pub fn avatar_set(url: &str, style: Style) -> Text {
    Text::body(format!(
        "{}\n",
        fill(style.w().avatar_set, &[&sanitize::line(url)])
    ))
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
