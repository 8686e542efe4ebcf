//! What the commands of a SealTalk account print: its profile, friends, groups, blacklist,
//! screen-capture notices and client versions, as text and as JSON. Nicknames are shown as
//! the server stores them (HTML-escaped by T5: `&lt;b&gt;` stays `&lt;b&gt;`, Q10); every
//! cell still goes through the sanitiser like Yunhu's. Ids are shown verbatim
//! (case-sensitive). Millisecond times are `{"unix", "rfc3339"}` in seconds, as elsewhere.

use super::*;
use crate::api::sealtalk::model::{
    BlockedUser, ClientVersions, DesktopRelease, Friendship, GroupMembership, GroupRole,
    MobileRelease, User,
};

/// The command line's SealTalk labels (the dashboard's panes bring their own).
pub struct StWords {
    pub nickname: &'static str,
    pub id: &'static str,
    pub st_account: &'static str,
    pub phone: &'static str,
    pub gender: &'static str,
    pub portrait: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub members: &'static str,
    pub muted: &'static str,
    pub joining: &'static str,
    pub owner: &'static str,
    pub kind: &'static str,
    pub notice: &'static str,
    pub client: &'static str,
    pub version: &'static str,
    pub released: &'static str,
    pub url: &'static str,
    pub notes: &'static str,
    pub role_owner: &'static str,
    pub role_manager: &'static str,
    pub role_member: &'static str,
    pub approval: &'static str,
    pub free: &'static str,
    pub on: &'static str,
    pub off: &'static str,
    pub friend: &'static str,
    pub group: &'static str,
    pub male: &'static str,
    pub female: &'static str,
    pub me: &'static str,
    pub up_to_date: &'static str,
    pub friends_summary: &'static str,
    pub groups_summary: &'static str,
    pub blocked_summary: &'static str,
    pub notices_summary: &'static str,
    pub gender_set: &'static str,
}

pub static ST_EN: StWords = StWords {
    nickname: "Nickname",
    id: "ID",
    st_account: "SealTalk ID",
    phone: "Phone",
    gender: "Gender",
    portrait: "Portrait",
    name: "Name",
    role: "Role",
    members: "Members",
    muted: "Muted",
    joining: "Joining",
    owner: "Owner",
    kind: "Kind",
    notice: "Notice",
    client: "Client",
    version: "Version",
    released: "Released",
    url: "URL",
    notes: "Notes",
    role_owner: "owner",
    role_manager: "manager",
    role_member: "member",
    approval: "needs approval",
    free: "free",
    on: "on",
    off: "off",
    friend: "friend",
    group: "group",
    male: "male",
    female: "female",
    me: "me",
    up_to_date: "{} is the latest",
    friends_summary: "{} friend(s) · {} incoming request(s)",
    groups_summary: "{} group(s)",
    blocked_summary: "{} blocked user(s)",
    notices_summary: "{} conversation(s), {} with the notice on",
    gender_set: "gender set: {}",
};

pub static ST_ZH: StWords = StWords {
    nickname: "昵称",
    id: "ID",
    st_account: "SealTalk 号",
    phone: "手机号",
    gender: "性别",
    portrait: "头像",
    name: "名称",
    role: "身份",
    members: "成员",
    muted: "全员禁言",
    joining: "入群",
    owner: "群主",
    kind: "类型",
    notice: "截屏通知",
    client: "客户端",
    version: "版本",
    released: "发布",
    url: "链接",
    notes: "说明",
    role_owner: "群主",
    role_manager: "管理员",
    role_member: "成员",
    approval: "需验证",
    free: "自由加入",
    on: "开",
    off: "关",
    friend: "好友",
    group: "群组",
    male: "男",
    female: "女",
    me: "我",
    up_to_date: "{} 已是最新版本",
    friends_summary: "{} 位好友 · {} 个好友请求",
    groups_summary: "{} 个群组",
    blocked_summary: "黑名单 {} 人",
    notices_summary: "{} 个会话，{} 个开启截屏通知",
    gender_set: "性别已设置：{}",
};

fn words(style: Style) -> &'static StWords {
    match style.lang {
        Lang::Zh => &ST_ZH,
        Lang::En => &ST_EN,
    }
}

fn heads(style: Style, labels: &[&str]) -> Vec<String> {
    labels.iter().map(|l| style.head(l)).collect()
}

fn gender_word(w: &StWords, gender: &str) -> String {
    match gender {
        "male" => w.male.into(),
        "female" => w.female.into(),
        // Whatever else an operator's server sends, as sent.
        other => other.into(),
    }
}

fn yes_no(style: Style, b: bool) -> &'static str {
    if b { style.w().yes } else { style.w().no }
}

/// `+86 13900000001`; the number alone when the region is unknown.
fn phone_with_region(region: &str, phone: &str) -> String {
    match (region.trim(), phone.trim()) {
        (_, "") => String::new(),
        ("", p) => p.into(),
        (r, p) => format!("+{r} {p}"),
    }
}

/// A millisecond time as the project's JSON stamp (seconds); `null` for 0.
fn stamp_ms(ms: i64) -> Value {
    json!(stamp(ms.div_euclid(1000)))
}

// ---- profile ----------------------------------------------------------------------------

pub fn st_profile_text(user: &User, style: Style) -> Text {
    let w = words(style);
    Text::body(key_values(&[
        (w.nickname, user.nickname.clone()),
        (w.id, user.id.clone()),
        (w.st_account, user.st_account.clone()),
        (w.phone, user.phone.clone()),
        (w.gender, gender_word(w, &user.gender)),
        (w.portrait, user.portrait_uri.clone()),
    ]))
}

pub fn st_profile_json(user: &User) -> Value {
    json!({
        "id": user.id,
        "nickname": user.nickname,
        "stAccount": user.st_account,
        "phone": user.phone,
        "gender": user.gender,
        "portraitUri": user.portrait_uri,
    })
}

/// `gender set: female` after T9.
pub fn gender_set(gender: &str, style: Style) -> Text {
    let w = words(style);
    Text::body(format!(
        "{}\n",
        fill(w.gender_set, &[&gender_word(w, gender)])
    ))
}

// ---- friends ------------------------------------------------------------------------------

/// T11 split as the Friends pane shows it: friends (status 20, by name then id) and the
/// count of incoming requests (status 11).
pub struct FriendListing<'a> {
    pub friends: Vec<&'a Friendship>,
    pub incoming: usize,
}

impl<'a> FriendListing<'a> {
    pub fn of(rows: &'a [Friendship]) -> FriendListing<'a> {
        use crate::api::sealtalk::model::FriendStatus;
        let mut friends: Vec<&Friendship> = rows
            .iter()
            .filter(|f| f.status() == FriendStatus::Friend)
            .collect();
        friends.sort_by(|a, b| a.name().cmp(b.name()).then(a.user.id.cmp(&b.user.id)));
        let incoming = rows
            .iter()
            .filter(|f| f.status() == FriendStatus::Pending)
            .count();
        FriendListing { friends, incoming }
    }
}

pub fn friends_text(listing: &FriendListing<'_>, style: Style) -> Text {
    let w = words(style);
    let mut t = table(
        &heads(
            style,
            &[w.name, w.nickname, w.id, w.phone, w.gender, w.st_account],
        ),
        &[],
    );
    for f in &listing.friends {
        add_row(
            &mut t,
            vec![
                f.name().to_owned(),
                f.user.nickname.clone(),
                f.user.id.clone(),
                phone_with_region(&f.user.region, &f.user.phone),
                gender_word(w, &f.user.gender),
                f.user.st_account.clone(),
            ],
        );
    }
    Text {
        body: render(&t),
        summary: fill(
            w.friends_summary,
            &[&listing.friends.len(), &listing.incoming],
        ),
    }
}

pub fn friends_json(listing: &FriendListing<'_>) -> Value {
    let friends: Vec<Value> = listing
        .friends
        .iter()
        .map(|f| {
            json!({
                "id": f.user.id,
                "name": f.name(),
                "remark": f.display_name,
                "nickname": f.user.nickname,
                "region": f.user.region,
                "phone": f.user.phone,
                "gender": f.user.gender,
                "stAccount": f.user.st_account,
                "portraitUri": f.user.portrait_uri,
                "updated": stamp_ms(f.updated_time),
            })
        })
        .collect();
    json!({
        "count": friends.len(),
        "friends": friends,
        "incomingRequests": listing.incoming,
    })
}

// ---- groups -------------------------------------------------------------------------------

/// A group and, when looked up, its owner's nickname.
pub struct GroupRow<'a> {
    pub membership: &'a GroupMembership,
    pub owner_name: Option<String>,
}

fn role_word(w: &StWords, role: Option<GroupRole>) -> String {
    match role {
        Some(GroupRole::Owner) => w.role_owner.into(),
        Some(GroupRole::Manager) => w.role_manager.into(),
        Some(GroupRole::Member) => w.role_member.into(),
        Some(GroupRole::Other(n)) => n.to_string(),
        None => String::new(),
    }
}

fn role_id(role: Option<GroupRole>) -> Value {
    match role {
        Some(GroupRole::Owner) => json!("owner"),
        Some(GroupRole::Manager) => json!("manager"),
        Some(GroupRole::Member) => json!("member"),
        Some(GroupRole::Other(n)) => json!(n),
        None => Value::Null,
    }
}

pub fn st_groups_text(rows: &[GroupRow<'_>], own_id: &str, style: Style) -> Text {
    let w = words(style);
    let mut t = table(
        &heads(
            style,
            &[w.name, w.id, w.role, w.members, w.muted, w.joining, w.owner],
        ),
        &[3],
    );
    for r in rows {
        let g = &r.membership.group;
        let owner = if g.creator_id == own_id {
            w.me.to_owned()
        } else {
            match &r.owner_name {
                Some(name) => format!("{name} ({})", g.creator_id),
                None => g.creator_id.clone(),
            }
        };
        add_row(
            &mut t,
            vec![
                g.name.clone(),
                g.id.clone(),
                role_word(w, r.membership.role),
                format!("{}/{}", g.member_count, g.max_member_count),
                yes_no(style, g.muted).to_owned(),
                if g.join_needs_approval() {
                    w.approval
                } else {
                    w.free
                }
                .to_owned(),
                owner,
            ],
        );
    }
    Text {
        body: render(&t),
        summary: fill(w.groups_summary, &[&rows.len()]),
    }
}

pub fn st_groups_json(rows: &[GroupRow<'_>]) -> Value {
    let groups: Vec<Value> = rows
        .iter()
        .map(|r| {
            let g = &r.membership.group;
            json!({
                "id": g.id,
                "name": g.name,
                "role": role_id(r.membership.role),
                "memberCount": g.member_count,
                "maxMemberCount": g.max_member_count,
                "muted": g.muted,
                "joinNeedsApproval": g.join_needs_approval(),
                "ownerId": g.creator_id,
                "ownerName": r.owner_name,
                "portraitUri": g.portrait_uri,
            })
        })
        .collect();
    json!({"count": groups.len(), "groups": groups})
}

// ---- blacklist ----------------------------------------------------------------------------

pub fn blacklist_text(users: &[BlockedUser], style: Style) -> Text {
    let w = words(style);
    let mut t = table(
        &heads(style, &[w.nickname, w.id, w.phone, w.gender, w.st_account]),
        &[],
    );
    for u in users {
        add_row(
            &mut t,
            vec![
                u.nickname.clone(),
                u.id.clone(),
                u.phone.clone(),
                gender_word(w, &u.gender),
                u.st_account.clone(),
            ],
        );
    }
    Text {
        body: render(&t),
        summary: fill(w.blocked_summary, &[&users.len()]),
    }
}

pub fn blacklist_json(users: &[BlockedUser]) -> Value {
    let list: Vec<Value> = users
        .iter()
        .map(|u| {
            json!({
                "id": u.id,
                "nickname": u.nickname,
                "phone": u.phone,
                "gender": u.gender,
                "stAccount": u.st_account,
                "portraitUri": u.portrait_uri,
                // The blocked user's last profile change, not when they were blocked.
                "profileUpdated": stamp_ms(u.updated_time),
            })
        })
        .collect();
    json!({"count": list.len(), "blocked": list})
}

// ---- screen-capture notices ---------------------------------------------------------------

/// A friend's or group's screen-capture notice.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeRow {
    pub group: bool,
    pub id: String,
    pub name: String,
    pub on: bool,
}

pub fn notices_text(rows: &[NoticeRow], style: Style) -> Text {
    let w = words(style);
    let mut t = table(&heads(style, &[w.kind, w.name, w.id, w.notice]), &[]);
    for r in rows {
        add_row(
            &mut t,
            vec![
                if r.group { w.group } else { w.friend }.to_owned(),
                r.name.clone(),
                r.id.clone(),
                if r.on { w.on } else { w.off }.to_owned(),
            ],
        );
    }
    let on = rows.iter().filter(|r| r.on).count();
    Text {
        body: render(&t),
        summary: fill(w.notices_summary, &[&rows.len(), &on]),
    }
}

pub fn notices_json(rows: &[NoticeRow]) -> Value {
    let of = |group: bool| -> Vec<Value> {
        rows.iter()
            .filter(|r| r.group == group)
            .map(|r| json!({"id": r.id, "name": r.name, "on": r.on}))
            .collect()
    };
    json!({"friends": of(false), "groups": of(true)})
}

// ---- client versions ----------------------------------------------------------------------

/// T18 and T19: the desktop release newer than `asked` (none: `asked` is the latest; with
/// no version asked, the server has no desktop release) and the mobile clients.
pub struct StVersions {
    pub asked: Option<String>,
    pub desktop: Option<DesktopRelease>,
    pub mobile: ClientVersions,
}

pub fn st_versions_text(v: &StVersions, style: Style) -> Text {
    let w = words(style);
    let mut t = table(
        &heads(style, &[w.client, w.version, w.released, w.url, w.notes]),
        &[],
    );
    match &v.desktop {
        Some(d) => add_row(
            &mut t,
            vec![
                "desktop".into(),
                d.version.clone(),
                d.pub_date.clone(),
                d.url.clone(),
                style.intro(&d.notes),
            ],
        ),
        None => add_row(
            &mut t,
            vec![
                "desktop".into(),
                v.asked
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |a| fill(w.up_to_date, &[a])),
                String::new(),
                String::new(),
                String::new(),
            ],
        ),
    }
    for (name, release) in [("iOS", &v.mobile.ios), ("Android", &v.mobile.android)] {
        if let Some(r) = release {
            add_row(
                &mut t,
                vec![
                    name.into(),
                    r.version.clone(),
                    r.build.clone().unwrap_or_default(),
                    r.url.clone(),
                    String::new(),
                ],
            );
        }
    }
    Text::body(render(&t))
}

fn mobile_json(r: &Option<MobileRelease>) -> Value {
    match r {
        Some(r) => json!({"version": r.version, "build": r.build, "url": r.url}),
        None => Value::Null,
    }
}

pub fn st_versions_json(v: &StVersions) -> Value {
    let newer = v.desktop.as_ref().map(|d| {
        json!({
            "version": d.version,
            "name": d.name,
            "url": d.url,
            "notes": d.notes,
            "pubDate": d.pub_date,
        })
    });
    json!({
        "desktop": {"asked": v.asked, "newer": newer},
        "iOS": mobile_json(&v.mobile.ios),
        "Android": mobile_json(&v.mobile.android),
    })
}

/// Yunhu's M5 for each platform, in the settings pane's order.
pub fn yunhu_versions_text(rows: &[(&str, crate::api::model::UpdateInfo)], style: Style) -> Text {
    let w = words(style);
    let mut t = table(&heads(style, &[w.client, w.version, w.url]), &[]);
    for (platform, info) in rows {
        add_row(
            &mut t,
            vec![(*platform).into(), info.version.clone(), info.url.clone()],
        );
    }
    Text::body(render(&t))
}

pub fn yunhu_versions_json(rows: &[(&str, crate::api::model::UpdateInfo)]) -> Value {
    let map: serde_json::Map<String, Value> = rows
        .iter()
        .map(|(platform, info)| {
            (
                (*platform).to_owned(),
                json!({"version": info.version, "url": info.url, "os": info.os}),
            )
        })
        .collect();
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_nicknames_are_shown_as_stored_and_cells_are_sanitised() {
        let user = User {
            id: "Kq3ZbT0aa".into(),
            nickname: "&lt;b&gt;粗体&lt;/b&gt;\u{1b}[2J".into(),
            portrait_uri: String::new(),
            gender: "male".into(),
            st_account: "bold_one".into(),
            phone: "13700000003".into(),
        };
        let text = st_profile_text(&user, Style::new(Lang::En, false)).body;
        assert!(text.contains("&lt;b&gt;粗体&lt;/b&gt;"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
        assert_eq!(
            st_profile_json(&user)["nickname"],
            "&lt;b&gt;粗体&lt;/b&gt;\u{1b}[2J"
        );
    }

    #[test]
    fn millisecond_times_become_the_usual_stamp() {
        assert_eq!(
            stamp_ms(1_760_000_011_000),
            json!({"unix": 1_760_000_011, "rfc3339": "2025-10-09T08:53:31Z"})
        );
        assert_eq!(stamp_ms(0), Value::Null);
        assert_eq!(phone_with_region("86", "138"), "+86 138");
        assert_eq!(phone_with_region("", "138"), "138");
    }
}
