//! The profile pane: every field of info, own get-user and get-user-data, for people.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{pad, placeholder, vip_text, wrap};
use crate::app::i18n::{describe, fill};
use crate::app::remote::Remote;
use crate::app::state::{AppState, Tab};
use crate::output::{ban_text, location_text, money};
use crate::timefmt::{birthday_date, local_datetime, service_text_time};

/// How many field rows the pane has (the cursor scrolls over them).
pub const ROWS: usize = 19;

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

/// A value that depends on a request: its text, or why it is missing.
fn from<T>(state: &AppState, remote: &Remote<T>, f: impl Fn(&T) -> String) -> (String, bool) {
    match (&remote.value, &remote.error) {
        (Some(v), _) => (f(v), false),
        (None, Some(e)) => (describe(e, state.s()), true),
        (None, None) => (
            format!("{} {}", super::spinner(state), state.s().loading),
            false,
        ),
    }
}

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let block = Block::bordered()
        .title(format!(" {} ", s.tabs[0]))
        .border_style(theme.border);
    let Some(info) = &state.info.value else {
        let lines = placeholder(state, theme, &state.info).unwrap_or_default();
        // A long error wraps inside the border instead of being cut by it.
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(ratatui::widgets::Wrap { trim: false })
                .block(block),
            area,
        );
        return;
    };
    let lines = lines(state, info, theme, area.width);
    let inner_h = usize::from(area.height.saturating_sub(2));
    // Scrolled no further than the last line at the bottom (update clamps the same way).
    let scroll = state.cursor[Tab::Profile.index()].min(lines.len().saturating_sub(inner_h)) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

/// How far the profile can scroll at the current size: until its last line is at the bottom.
pub fn max_scroll(state: &AppState) -> usize {
    let Some(info) = &state.info.value else {
        return 0;
    };
    let body = super::layout::body(state.size);
    let theme = Theme::new(&state.look, false);
    lines(state, info, &theme, body.width)
        .len()
        .saturating_sub(usize::from(body.height.saturating_sub(2)))
}

/// The pane's lines for a pane `width` columns wide.
fn lines(
    state: &AppState,
    info: &crate::proto::user_info::Data,
    theme: &Theme,
    width: u16,
) -> Vec<Line<'static>> {
    let s = state.s();
    let contact = |value: &str, mask: fn(&str) -> String| {
        if value.is_empty() {
            "—".to_owned()
        } else if state.reveal_contacts {
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
            from(state, &state.own, |u| service_text_time(&u.register_time)),
        ),
        (
            s.online,
            from(state, &state.own, |u| {
                fill(s.online_value, &[&u.online_day, &u.continuous_online_day])
            }),
        ),
        (s.ip_region, from(state, &state.own, |u| u.ip_geo.clone())),
        (
            s.medals,
            from(state, &state.own, |u| {
                fill(s.medals_value, &[&u.medal.len()])
            }),
        ),
        (
            s.gender,
            from(state, &state.user_data, |d| s.gender(d.gender).to_owned()),
        ),
        (
            s.birthday,
            from(state, &state.user_data, |d| {
                birthday_date(d.birthday)
                    .map(|b| b.to_string())
                    .unwrap_or_else(|| "—".into())
            }),
        ),
        (
            s.location,
            from(state, &state.user_data, |d| {
                // The detailed address is only in get-user's profile_info.
                let address = state
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
            from(state, &state.user_data, |d| {
                if d.introduction.is_empty() {
                    "—".into()
                } else {
                    d.introduction.clone()
                }
            }),
        ),
        (
            s.last_login,
            from(state, &state.user_data, |d| {
                local_datetime(d.last_login_time)
            }),
        ),
        (
            s.last_active,
            from(state, &state.own, |u| {
                u.profile_info
                    .as_ref()
                    .map(|p| service_text_time(&p.last_active_time))
                    .unwrap_or_default()
            }),
        ),
        (
            s.updated,
            from(state, &state.user_data, |d| local_datetime(d.update_time)),
        ),
        (s.avatar, (info.avatar_url.clone(), false)),
    ];
    let label_w = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let value_w = (width as usize).saturating_sub(label_w + 5).max(8);
    let mut lines = Vec::new();
    // An error shared by several rows (one failed request) is said once.
    let mut errors_shown: Vec<String> = Vec::new();
    for (label, (value, failed)) in rows {
        let style = if failed { theme.error } else { theme.text };
        // Every value may hold server text: made safe before it is measured and wrapped.
        let value = if label == s.introduction {
            super::fit::safe_text(&value)
        } else {
            super::fit::safe(&value)
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
            lines.push(Line::from(vec![
                Span::styled(format!(" {head}  "), theme.label),
                Span::styled(part, style),
            ]));
        }
    }
    // A ban is shown when it has an id or a reason; without an end it is permanent.
    if let Some(text) = state
        .own
        .value
        .as_ref()
        .and_then(|u| ban_text(s, u.ban_id, u.ban_until_timestamp, &u.ban_reason))
    {
        lines.push(Line::styled(
            format!(" {}", super::fit::safe(&text)),
            theme.error,
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(state: &AppState) -> String {
        use crate::app::state::Look;
        use crate::settings::ThemeName;
        let look = Look {
            theme: ThemeName::Dark,
            no_color: true,
        };
        let theme = Theme::new(&look, false);
        let backend = ratatui::backend::TestBackend::new(100, 30);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal
            .draw(|f| render(state, &theme, f, f.area()))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    }

    #[test]
    fn address_joins_the_location_and_a_ban_without_end_is_permanent() {
        use crate::api::model::UserData;
        use crate::app::i18n::Lang;
        use crate::proto::{ProfileInfo, get_user_response, user_info};
        let mut state = AppState::new(
            Lang::En,
            crate::app::state::Look {
                theme: crate::settings::ThemeName::Dark,
                no_color: true,
            },
            crate::app::keymap::Keymap::default(),
            crate::settings::PageSizes::default(),
            "http://demo".into(),
        );
        state.info.value = Some(user_info::Data {
            name: "n".into(),
            ..Default::default()
        });
        state.own.value = Some(get_user_response::Data {
            ban_id: 0,
            ban_until_timestamp: 0,
            ban_reason: "spam".into(),
            profile_info: Some(ProfileInfo {
                address: "Main St 1".into(),
                ..Default::default()
            }),
            ..Default::default()
        });
        state.user_data.value = Some(UserData {
            city: "Springfield".into(),
            location_code: "110101".into(),
            ..Default::default()
        });
        let screen = rendered(&state);
        assert!(
            screen.contains("Springfield Main St 1 (110101)"),
            "{screen}"
        );
        assert!(screen.contains("banned permanently: spam"), "{screen}");
        // No ban id and no reason: no ban line, whatever the timestamp says.
        state.own.value = Some(get_user_response::Data::default());
        assert!(!rendered(&state).contains("banned"));
    }

    #[test]
    fn masks_keep_just_enough() {
        assert_eq!(mask_phone("13800138000"), "138****8000");
        assert_eq!(mask_phone("123"), "***");
        assert_eq!(mask_email("demo@yhchat.example"), "d***@yhchat.example");
        assert_eq!(mask_email("张三@例子.中国"), "张***@例子.中国");
        assert_eq!(mask_email(""), "");
    }
}
