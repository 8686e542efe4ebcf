//! What the Profile pane says, as text: every field of info, the own get-user and
//! get-user-data, each value wrapped under its label and made safe, an error said once. The
//! renderer styles these lines; `update` scrolls over the same ones.

use unicode_width::UnicodeWidthStr;

use crate::app::remote::Remote;
use crate::app::state::AppState;
use crate::i18n::Strings;
use crate::i18n::{describe, fill};
use crate::output::{ban_text, location_text, money};
use crate::proto::VipStatus;
use crate::text::{mask_email, mask_phone, pad, wrap};
use crate::timefmt::{birthday_date, local_datetime, service_date, service_text_time};

/// A line of the Profile pane.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfileLine {
    /// A label (or its indent, on a wrapped line) and (part of) its value.
    Field {
        head: String,
        text: String,
        failed: bool,
    },
    /// The ban, when there is one.
    Ban(String),
}

/// A value that depends on a request: its text, or why it is missing.
fn from<T>(state: &AppState, remote: &Remote<T>, f: impl Fn(&T) -> String) -> (String, bool) {
    match (&remote.value, &remote.error) {
        (Some(v), _) => (f(v), false),
        (None, Some(e)) => (describe(e, state.s()), true),
        (None, None) => (
            format!("{} {}", state.spinner_frame(), state.s().loading),
            false,
        ),
    }
}

/// How far the profile can scroll at the current size: until its last line is at the bottom.
pub fn max_scroll(state: &AppState) -> usize {
    let body = crate::geometry::body(state.size);
    let pictures = state.settings.images != crate::settings::ImageMode::Off;
    profile_lines(state, crate::geometry::profile_text_width(body, pictures))
        .len()
        .saturating_sub(usize::from(body.height.saturating_sub(2)))
}

/// The pane's lines for a pane `width` columns wide (none before the account is known).
pub fn profile_lines(state: &AppState, width: u16) -> Vec<ProfileLine> {
    let Some(info) = &state.account.profile.info.value else {
        return Vec::new();
    };
    let s = state.s();
    let contact = |value: &str, mask: fn(&str) -> String| {
        if value.is_empty() {
            "—".to_owned()
        } else if state.account.profile.reveal_contacts {
            value.to_owned()
        } else {
            format!("{}{}", mask(value), s.reveal_hint)
        }
    };
    let rows: Vec<(&str, (String, bool))> = vec![
        (s.name, (info.name.clone(), false)),
        (s.id, (info.id.clone(), false)),
        (
            s.vip,
            (
                vip_text(s, info.is_vip, info.vip_status, info.vip_expired_timestamp),
                false,
            ),
        ),
        (s.coins, (money(info.coin), false)),
        (s.phone, (contact(&info.phone, mask_phone), false)),
        (s.email, (contact(&info.email, mask_email), false)),
        (
            s.invitation,
            (format!("{}{}", info.invitation_code, s.copy_hint), false),
        ),
        (
            s.registered,
            from(state, &state.account.profile.own, |u| {
                service_text_time(&u.register_time)
            }),
        ),
        (
            s.online,
            from(state, &state.account.profile.own, |u| {
                fill(s.online_value, &[&u.online_day, &u.continuous_online_day])
            }),
        ),
        (
            s.ip_region,
            from(state, &state.account.profile.own, |u| u.ip_geo.clone()),
        ),
        (
            s.medals,
            from(state, &state.account.profile.own, |u| {
                fill(s.medals_value, &[&u.medal.len()])
            }),
        ),
        (
            s.gender,
            from(state, &state.account.profile.user_data, |d| {
                s.gender(d.gender).to_owned()
            }),
        ),
        (
            s.birthday,
            from(state, &state.account.profile.user_data, |d| {
                birthday_date(d.birthday)
                    .map(|b| b.to_string())
                    .unwrap_or_else(|| "—".into())
            }),
        ),
        (
            s.location,
            from(state, &state.account.profile.user_data, |d| {
                // The detailed address is only in get-user's profile_info.
                let address = state
                    .account
                    .profile
                    .own
                    .value
                    .as_ref()
                    .and_then(|u| u.profile_info.as_ref())
                    .map_or("", |p| p.address.as_str());
                let place = location_text(d, address);
                if place.is_empty() {
                    "—".into()
                } else {
                    place
                }
            }),
        ),
        (
            s.introduction,
            from(state, &state.account.profile.user_data, |d| {
                if d.introduction.is_empty() {
                    "—".into()
                } else {
                    d.introduction.clone()
                }
            }),
        ),
        (
            s.last_login,
            from(state, &state.account.profile.user_data, |d| {
                local_datetime(d.last_login_time)
            }),
        ),
        (
            s.last_active,
            from(state, &state.account.profile.own, |u| {
                u.profile_info
                    .as_ref()
                    .map(|p| service_text_time(&p.last_active_time))
                    .unwrap_or_default()
            }),
        ),
        (
            s.updated,
            from(state, &state.account.profile.user_data, |d| {
                local_datetime(d.update_time)
            }),
        ),
        (s.avatar, (info.avatar_url.clone(), false)),
    ];
    let label_w = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let value_w = (width as usize).saturating_sub(label_w + 5).max(8);
    let mut lines = Vec::new();
    // An error shared by several rows (one failed request) is said once.
    let mut errors_shown: Vec<String> = Vec::new();
    for (label, (value, failed)) in rows {
        // Every value may hold server text: made safe before it is measured and wrapped.
        let value = if label == s.introduction {
            crate::sanitize::text(&value)
        } else {
            crate::sanitize::line(&value)
        };
        let value = if !failed {
            value
        } else if errors_shown.iter().any(|e| *e == value) {
            std::borrow::Cow::Borrowed(s.same_error)
        } else {
            errors_shown.push(value.clone().into_owned());
            value
        };
        for (i, part) in wrap(&value, value_w).into_iter().enumerate() {
            let head = if i == 0 {
                pad(label, label_w)
            } else {
                " ".repeat(label_w)
            };
            lines.push(ProfileLine::Field {
                head: format!(" {head}  "),
                text: part,
                failed,
            });
        }
    }
    // A ban is shown when it has an id or a reason; without an end it is permanent.
    if let Some(text) = state
        .account
        .profile
        .own
        .value
        .as_ref()
        .and_then(|u| ban_text(s, u.ban_id, u.ban_until_timestamp, &u.ban_reason))
    {
        lines.push(ProfileLine::Ban(format!(
            " {}",
            crate::sanitize::line(&text)
        )));
    }
    lines
}

/// VIP words for the header and the profile: "VIP 至 2026-12-31", "VIP 已于 … 过期", "非会员".
pub fn vip_text(s: &Strings, is_vip: bool, status: i32, expires: i64) -> String {
    match VipStatus::try_from(status) {
        // A calendar date of the service (UTC+8): it never shifts a day west of China.
        Ok(VipStatus::Active) if is_vip => fill(s.vip_until, &[&service_date(expires)]),
        Ok(VipStatus::Expired) => fill(s.vip_expired, &[&service_date(expires)]),
        _ if is_vip => "VIP".into(),
        _ => s.not_vip.into(),
    }
}
