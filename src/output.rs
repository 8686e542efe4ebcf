//! What the one-shot commands print: aligned text for people (widths by display columns,
//! so Chinese lines up) and stable JSON for scripts (numbers as numbers, timestamps as both
//! Unix seconds and RFC 3339).

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthChar;

use crate::api::model::{Bot, CoinRecord, Group, UserData, round_cents};
use crate::proto::{MedalInfo, VipStatus, get_user_response, user_info};
use crate::timefmt::{birthday_date, local_date, local_datetime, parse_service_time, stamp};

/// Introductions in tables are cut to this many columns.
const INTRO_COLUMNS: usize = 40;

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

fn table(header: &[&str], right_aligned: &[usize]) -> Table {
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

fn render(t: &Table) -> String {
    let mut out: String = t.lines().map(|l| l.trim_end().to_owned() + "\n").collect();
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// `label  value` lines with the values in one column.
fn key_values(rows: &[(&str, String)]) -> String {
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(k, v)| format!("{k:<width$}  {v}\n").trim_end().to_owned() + "\n")
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
    crate::app::i18n::EN.gender(code)
}

fn vip_words(is_vip: bool, status: i32, expires: i64) -> String {
    match VipStatus::try_from(status) {
        Ok(VipStatus::Active) if is_vip => format!("VIP until {}", local_date(expires)),
        Ok(VipStatus::Expired) => format!("expired on {}", local_date(expires)),
        _ if is_vip => "VIP".into(),
        _ => "no".into(),
    }
}

fn vip_json(is_vip: bool, status: i32, expires: i64) -> Value {
    let name = match VipStatus::try_from(status) {
        Ok(VipStatus::Active) => "active",
        Ok(VipStatus::Expired) => "expired",
        _ => "none",
    };
    json!({"isVip": is_vip, "status": name, "expires": stamp(expires)})
}

/// Everything the profile command shows: P1, P2 (own id) and P6.
pub struct ProfileView {
    pub info: user_info::Data,
    pub user: get_user_response::Data,
    pub data: UserData,
}

pub fn profile_text(p: &ProfileView) -> String {
    let (info, user, data) = (&p.info, &p.user, &p.data);
    let location = [
        data.province.as_str(),
        data.city.as_str(),
        data.district.as_str(),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ");
    let location = if data.location_code.is_empty() {
        location
    } else {
        format!("{location} ({})", data.location_code)
    };
    let rows = [
        ("Name", info.name.clone()),
        ("ID", info.id.clone()),
        (
            "VIP",
            vip_words(info.is_vip, info.vip_status, info.vip_expired_timestamp),
        ),
        ("Coins", money(info.coin)),
        ("Phone", info.phone.clone()),
        ("Email", info.email.clone()),
        ("Invitation code", info.invitation_code.clone()),
        ("Registered", user.register_time.clone()),
        (
            "Online days",
            format!(
                "{} (streak {})",
                user.online_day, user.continuous_online_day
            ),
        ),
        ("IP region", user.ip_geo.clone()),
        ("Medals", user.medal.len().to_string()),
        ("Gender", gender_name(data.gender).to_owned()),
        (
            "Birthday",
            birthday_date(data.birthday)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        ("Location", location),
        ("Introduction", data.introduction.replace('\n', " ")),
        ("Last login", local_datetime(data.last_login_time)),
        ("Avatar", info.avatar_url.clone()),
    ];
    key_values(&rows)
}

pub fn profile_json(p: &ProfileView) -> Value {
    let (info, user, data) = (&p.info, &p.user, &p.data);
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
        "profile": {
            "introduction": data.introduction,
            "gender": data.gender,
            "genderName": gender_name(data.gender),
            "birthday": stamp(data.birthday),
            "birthdayDate": birthday_date(data.birthday).map(|d| d.to_string()),
            "province": data.province,
            "city": data.city,
            "district": data.district,
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

pub fn medals_text(medals: &[MedalInfo]) -> String {
    let mut t = table(&["SORT", "ID", "MEDAL"], &[0, 1]);
    for m in sorted_medals(medals) {
        t.add_row(vec![m.sort.to_string(), m.id.to_string(), m.name.clone()]);
    }
    format!("{}{} medals\n", render(&t), medals.len())
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

pub fn coins_text(c: &CoinListing<'_>) -> String {
    let mut t = table(&["TIME", "CHANGE", "BALANCE", "REASON", "REMARK"], &[1, 2]);
    for r in c.records {
        t.add_row(vec![
            local_datetime(r.create_time),
            signed_money(r.signed_change()),
            money(r.after_amount),
            r.reason.clone(),
            fit_width(&r.remark, INTRO_COLUMNS),
        ]);
    }
    let footer = match c.page {
        Some((page, size)) => {
            let pages = (c.total.max(0) as u64).div_ceil(u64::from(size.max(1)));
            format!(
                "page {page} of {pages}: {} of {} records\n",
                c.records.len(),
                c.total
            )
        }
        None => format!("{} of {} records\n", c.records.len(), c.total),
    };
    format!("{}{footer}", render(&t))
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

pub fn categories_text(categories: &[String]) -> String {
    categories.iter().map(|c| format!("{c}\n")).collect()
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
}

impl GroupListing<'_> {
    pub fn is_last(&self) -> bool {
        self.groups.len() < self.size as usize
    }
}

pub fn groups_text(g: &GroupListing<'_>) -> String {
    let mut t = table(&["ID", "NAME", "MEMBERS", "CREATED", "INTRODUCTION"], &[2]);
    for group in g.groups {
        t.add_row(vec![
            group.chat_id.clone(),
            group.nickname.clone(),
            group.headcount.to_string(),
            local_date(group.create_time),
            fit_width(&group.introduction, INTRO_COLUMNS),
        ]);
    }
    let more = if g.is_last() {
        "last page".to_owned()
    } else {
        format!("more: --page {}", g.page + 1)
    };
    format!(
        "{}{} · page {} · {} groups · {more}\n",
        render(&t),
        g.category,
        g.page,
        g.groups.len()
    )
}

pub fn groups_json(g: &GroupListing<'_>) -> Value {
    let list: Vec<Value> = g
        .groups
        .iter()
        .map(|x| {
            json!({"chatId": x.chat_id, "name": x.nickname, "headcount": x.headcount, "banId": x.ban_id,
                   "introduction": x.introduction, "avatarUrl": x.avatar_url, "created": stamp(x.create_time)})
        })
        .collect();
    json!({"category": g.category, "keyword": g.keyword, "page": g.page, "size": g.size, "last": g.is_last(), "groups": list})
}

pub fn bots_text(bots: &[Bot]) -> String {
    let mut t = table(&["ID", "NAME", "USERS", "ADDABLE", "INTRODUCTION"], &[2]);
    for b in bots {
        t.add_row(vec![
            b.chat_id.clone(),
            b.nickname.clone(),
            b.headcount.to_string(),
            if b.is_add { "yes" } else { "no" }.to_owned(),
            fit_width(&b.introduction, INTRO_COLUMNS),
        ]);
    }
    format!("{}{} bots\n", render(&t), bots.len())
}

pub fn bots_json(bots: &[Bot]) -> Value {
    let list: Vec<Value> = bots
        .iter()
        .map(|b| {
            json!({"chatId": b.chat_id, "name": b.nickname, "users": b.headcount, "canAdd": b.is_add,
                   "introduction": b.introduction, "avatarUrl": b.avatar_url})
        })
        .collect();
    json!({"count": bots.len(), "bots": list})
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
        let text = medals_text(&medals);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        // The MEDAL column starts at the same display column on every row.
        let col = |l: &str| {
            l.find(|c: char| !c.is_ascii_digit() && c != ' ')
                .map(|i| l[..i].width())
        };
        assert_eq!(col(lines[1]), col(lines[2]));
        assert!(lines[1].ends_with('x'), "sorted by sort: {text}");
    }

    #[test]
    fn money_has_two_decimals_and_a_sign() {
        assert_eq!(money(357.01), "357.01");
        assert_eq!(signed_money(2.0), "+2.00");
        assert_eq!(signed_money(-0.5), "-0.50");
        assert_eq!(signed_money(0.0), "0.00");
    }
}
