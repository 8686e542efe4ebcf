//! What the commands of a chaoqer account print: its profile, inbox, block list, cards,
//! clubs, events and the official apps, as text and as JSON. Every server string goes
//! through the sanitiser like the other services' (cells by `add_row`, values by
//! `key_values`, the whole text once more by `emit`); labels are English only for now.
//! Millisecond times are `{"unix", "rfc3339"}` in seconds, as elsewhere.

use super::*;
use crate::api::chaoqer::model::{
    AppVersion, Club, ClubEntry, DeepLink, EventEntry, EventTimeStatus, MessageEntry, Platform,
    UserEntry, UserProfile,
};

/// A millisecond time as the project's JSON stamp (seconds); `null` for 0.
fn stamp_ms(ms: i64) -> Value {
    json!(stamp(ms.div_euclid(1000)))
}

/// A millisecond time for a table cell, in the machine's zone; empty for 0.
fn time_ms(ms: i64) -> String {
    if ms == 0 {
        return String::new();
    }
    local_datetime(ms.div_euclid(1000))
}

fn heads(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|l| l.to_uppercase()).collect()
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "" }
}

// ---- profile ------------------------------------------------------------------------------

pub fn cq_profile_text(p: &UserProfile) -> Text {
    Text::body(key_values(&[
        ("Nickname", p.nickname.clone()),
        ("UID", p.uid.clone()),
        ("Bio", p.bio.clone().unwrap_or_default()),
        ("Avatar", p.avatar.clone()),
        ("Cards received", p.card_total.to_string()),
    ]))
}

pub fn cq_profile_json(p: &UserProfile) -> Value {
    json!({
        "uid": p.uid,
        "nickname": p.nickname,
        "bio": p.bio,
        "avatar": p.avatar,
        "cardTotal": p.card_total,
        "allowLive": p.allow_live,
    })
}

/// `bio set` after Q5: the bio as the server stored it.
pub fn bio_set(bio: Option<&str>) -> Text {
    Text::body(match bio {
        Some(b) if !b.trim().is_empty() => format!("bio set: {}\n", sanitize::line(b)),
        _ => "bio removed\n".into(),
    })
}

// ---- users: block list, cards, members ----------------------------------------------------

/// Q7, Q12 and Q17 items as a table; `when` names the time column.
pub fn user_entries_text(entries: &[UserEntry], when: &str, summary: String) -> Text {
    let mut t = table(&heads(&["Nickname", "UID", when, "Bio"]), &[]);
    for e in entries {
        let p = e.user_profile_result.as_ref();
        add_row(
            &mut t,
            vec![
                p.map(|p| p.nickname.clone()).unwrap_or_default(),
                e.uid.clone(),
                time_ms(e.create_time),
                p.and_then(|p| p.bio.clone()).unwrap_or_default(),
            ],
        );
    }
    Text {
        body: render(&t),
        summary,
    }
}

pub fn user_entries_json(entries: &[UserEntry], key: &str) -> Value {
    let list: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "uid": e.uid,
                "time": stamp_ms(e.create_time),
                "profile": e.user_profile_result.as_ref().map(cq_profile_json),
            })
        })
        .collect();
    json!({"count": list.len(), key: list})
}

// ---- messages -----------------------------------------------------------------------------

fn link_json(link: Option<DeepLink>) -> Value {
    match link {
        None => Value::Null,
        Some(DeepLink::Profile(id)) => json!({"kind": "profile", "id": id}),
        Some(DeepLink::Event(id)) => json!({"kind": "event", "id": id}),
        Some(DeepLink::Room(id)) => json!({"kind": "room", "id": id}),
        Some(DeepLink::Other(url)) => json!({"kind": "other", "url": url}),
    }
}

/// The inbox, newest first; `unread` marks the messages as the server sent them (reading
/// the list marks them read there).
pub fn messages_text(entries: &[MessageEntry], more: bool) -> Text {
    let mut t = table(&heads(&["", "Time", "Title", "Content", "Link"]), &[]);
    for m in entries
        .iter()
        .filter_map(|e| e.user_message_result.as_ref())
    {
        add_row(
            &mut t,
            vec![
                if m.unread { "*".into() } else { String::new() },
                time_ms(m.create_time),
                m.message_body.title.clone(),
                m.message_body.content.clone(),
                m.message_body.url.clone().unwrap_or_default(),
            ],
        );
    }
    let unread = entries
        .iter()
        .filter_map(|e| e.user_message_result.as_ref())
        .filter(|m| m.unread)
        .count();
    let mut summary = format!("{} messages, {unread} unread (*)", entries.len());
    if more {
        summary.push_str("; older ones: messages --all");
    }
    Text {
        body: render(&t),
        summary,
    }
}

pub fn messages_json(entries: &[MessageEntry], more: bool) -> Value {
    let list: Vec<Value> = entries
        .iter()
        .map(|e| {
            let m = e.user_message_result.as_ref();
            json!({
                "messageId": e.message_id,
                "sequenceId": e.sequence_id,
                "time": m.map(|m| stamp_ms(m.create_time)),
                "unread": m.map(|m| m.unread),
                "title": m.map(|m| &m.message_body.title),
                "content": m.map(|m| &m.message_body.content),
                "url": m.and_then(|m| m.message_body.url.as_ref()),
                "link": link_json(m.and_then(|m| m.link())),
                "sender": m.and_then(|m| m.sender()),
            })
        })
        .collect();
    json!({"count": list.len(), "more": more, "messages": list})
}

// ---- clubs --------------------------------------------------------------------------------

fn club_json(c: &Club) -> Value {
    json!({
        "clubId": c.club_id,
        "name": c.name,
        "creator": c.uid,
        "cover": c.cover,
        "memberTotal": c.member_total,
        "joined": c.joined,
        "created": stamp_ms(c.create_time),
    })
}

pub fn clubs_text(entries: &[ClubEntry], own_uid: &str) -> Text {
    let mut t = table(
        &heads(&["Name", "Club ID", "Members", "Joined", "Mine"]),
        &[2],
    );
    for e in entries {
        let c = e.club_result.as_ref();
        add_row(
            &mut t,
            vec![
                c.map(|c| c.name.clone()).unwrap_or_default(),
                e.club_id.clone(),
                c.map(|c| c.member_total.to_string()).unwrap_or_default(),
                time_ms(e.create_time),
                yes(c.is_some_and(|c| c.uid == own_uid)).into(),
            ],
        );
    }
    Text {
        body: render(&t),
        summary: format!("{} clubs (details: club ID)", entries.len()),
    }
}

pub fn clubs_json(entries: &[ClubEntry]) -> Value {
    let list: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "clubId": e.club_id,
                "joinedAt": stamp_ms(e.create_time),
                "club": e.club_result.as_ref().map(club_json),
            })
        })
        .collect();
    json!({"count": list.len(), "clubs": list})
}

pub fn club_text(club: &Club, members: &[UserEntry]) -> Text {
    let mut body = key_values(&[
        ("Name", club.name.clone()),
        ("Club ID", club.club_id.clone()),
        ("Creator", club.uid.clone()),
        ("Members", club.member_total.to_string()),
        ("Joined", if club.joined { "yes" } else { "no" }.into()),
        ("Created", time_ms(club.create_time)),
        ("Cover", club.cover.clone()),
    ]);
    body.push('\n');
    body.push_str(&user_entries_text(members, "Joined", String::new()).body);
    Text {
        body,
        summary: format!("{} members listed", members.len()),
    }
}

pub fn club_detail_json(club: &Club, members: &[UserEntry]) -> Value {
    json!({"club": club_json(club), "members": user_entries_json(members, "members")["members"]})
}

// ---- events -------------------------------------------------------------------------------

fn status_word(s: EventTimeStatus) -> String {
    match s {
        EventTimeStatus::Upcoming => "upcoming".into(),
        EventTimeStatus::Live => "live".into(),
        EventTimeStatus::Over => "over".into(),
        EventTimeStatus::Unknown(n) => format!("status {n}"),
    }
}

pub fn events_text(entries: &[EventEntry]) -> Text {
    let mut t = table(
        &heads(&["Time", "Status", "Name", "Event ID", "Reminder"]),
        &[],
    );
    for e in entries {
        let ev = e.event_result.as_ref();
        add_row(
            &mut t,
            vec![
                time_ms(ev.map_or(e.event_time, |v| v.event_time)),
                ev.map(|v| status_word(v.event_time_status))
                    .unwrap_or_default(),
                ev.map(|v| v.name.clone()).unwrap_or_default(),
                e.event_id.clone(),
                yes(ev.is_some_and(|v| v.notify)).into(),
            ],
        );
    }
    Text {
        body: render(&t),
        summary: format!("{} public events, soonest first", entries.len()),
    }
}

pub fn events_json(entries: &[EventEntry]) -> Value {
    let list: Vec<Value> = entries
        .iter()
        .map(|e| {
            let ev = e.event_result.as_ref();
            json!({
                "eventId": e.event_id,
                "time": stamp_ms(ev.map_or(e.event_time, |v| v.event_time)),
                "status": ev.map(|v| status_word(v.event_time_status)),
                "name": ev.map(|v| &v.name),
                "desc": ev.and_then(|v| v.desc.as_ref()),
                "creator": ev.map(|v| &v.uid),
                "memberCount": ev.map(|v| v.member_uid_list.len()),
                "reminder": ev.map(|v| v.notify),
            })
        })
        .collect();
    json!({"count": list.len(), "events": list})
}

// ---- versions -----------------------------------------------------------------------------

fn platform_name(p: Platform) -> &'static str {
    match p {
        Platform::Ios => "iOS",
        Platform::Android => "Android",
    }
}

pub fn cq_versions_text(rows: &[(Platform, Option<AppVersion>)]) -> Text {
    let mut t = table(
        &heads(&["App", "Version", "Released", "Forced", "URL"]),
        &[],
    );
    let mut notes = String::new();
    for (p, v) in rows {
        match v {
            Some(v) => {
                add_row(
                    &mut t,
                    vec![
                        platform_name(*p).into(),
                        v.version_name.clone(),
                        time_ms(v.create_time),
                        yes(v.forced_upgrade).into(),
                        v.download_url.clone(),
                    ],
                );
                if !v.version_desc.trim().is_empty() {
                    notes.push_str(&format!(
                        "\n{} {}:\n{}\n",
                        platform_name(*p),
                        sanitize::line(&v.version_name),
                        sanitize::text(v.version_desc.trim())
                    ));
                }
            }
            None => add_row(
                &mut t,
                vec![
                    platform_name(*p).into(),
                    "none published".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
            ),
        }
    }
    Text::body(render(&t) + &notes)
}

pub fn cq_versions_json(rows: &[(Platform, Option<AppVersion>)]) -> Value {
    let list: Vec<Value> = rows
        .iter()
        .map(|(p, v)| {
            json!({
                "platform": platform_name(*p),
                "latest": v.as_ref().map(|v| json!({
                    "versionName": v.version_name,
                    "versionCode": v.version_code,
                    "released": stamp_ms(v.create_time),
                    "forcedUpgrade": v.forced_upgrade,
                    "downloadUrl": v.download_url,
                    "notes": v.version_desc,
                })),
            })
        })
        .collect();
    json!({"apps": list})
}
