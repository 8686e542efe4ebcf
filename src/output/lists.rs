//! The lists: medals, coins, categories, groups, bots, and the lines after a change.

use super::*;

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
pub(crate) const CHAT_TYPE_GROUP: u8 = 2;
/// Chat type of a bot in share links.
pub(crate) const CHAT_TYPE_BOT: u8 = 3;

pub(crate) fn share(share_url: Option<&str>, chat_id: &str, chat_type: u8) -> Option<String> {
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
