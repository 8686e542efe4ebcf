//! What the Settings pane says, as text: each row's label and value (or error), the values
//! wrapped under their rows, the scroll, and which row a line shows. The renderer styles and
//! draws these lines; mouse clicks and the `/` filter use the same ones, so they agree.

use unicode_width::UnicodeWidthStr;

use crate::app::filter;
use crate::app::requests::Slot;
use crate::app::settings_pane::{SETTING_ROWS, SettingRow};
use crate::app::state::AppState;
use crate::geometry;
use crate::i18n::{describe, fill};
use crate::settings::{Language, ThemeName};
use crate::text::{mask_email, mask_phone, wrap};

/// A line of the settings pane.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingLine {
    /// A section title: app, account, service.
    Section(usize),
    /// Row `index` of `SETTING_ROWS` with (the first line of) its value.
    Row {
        index: usize,
        value: String,
        failed: bool,
    },
    /// A further line of row `index`'s value (a long value or error, wrapped).
    More {
        index: usize,
        text: String,
        failed: bool,
    },
}

impl SettingLine {
    pub fn row(&self) -> Option<usize> {
        match self {
            SettingLine::Section(_) => None,
            SettingLine::Row { index, .. } | SettingLine::More { index, .. } => Some(*index),
        }
    }
}

/// The widest setting label, and the columns before a value: " › label ".
pub fn setting_prefix(state: &AppState) -> (usize, usize) {
    let label_w = SETTING_ROWS
        .iter()
        .map(|r| setting_label(state, *r).width())
        .max()
        .unwrap_or(10);
    (label_w, label_w + 4)
}

/// The pane's lines for a pane `width` columns wide (borders included): values wrapped
/// under their row, an error said once (later rows with the same error say so in a word).
pub fn setting_lines(state: &AppState, width: u16) -> Vec<SettingLine> {
    let s = state.s();
    let (_, prefix) = setting_prefix(state);
    let room = (width as usize).saturating_sub(2 + prefix).max(8);
    let mut lines = Vec::new();
    let mut errors_shown: Vec<String> = Vec::new();
    let mut section = None;
    for (index, row) in SETTING_ROWS.iter().enumerate() {
        // Rows the `/` filter leaves out are not drawn, nor a section left empty.
        if !filter::setting_visible(state, index) {
            continue;
        }
        let this = match row {
            SettingRow::Server
            | SettingRow::Language
            | SettingRow::Theme
            | SettingRow::CoinsPage
            | SettingRow::GroupsPage
            | SettingRow::Mouse
            | SettingRow::Images => 0,
            SettingRow::Limits | SettingRow::Versions | SettingRow::Grey => 2,
            _ => 1,
        };
        if section != Some(this) {
            section = Some(this);
            lines.push(SettingLine::Section(this));
        }
        let (mut value, failed) = setting_value(state, *row);
        if failed {
            if errors_shown.contains(&value) {
                value = s.same_error.to_owned();
            } else {
                errors_shown.push(value.clone());
            }
        }
        let mut parts = wrap(&value, room).into_iter();
        lines.push(SettingLine::Row {
            index,
            value: parts.next().unwrap_or_default(),
            failed,
        });
        lines.extend(parts.map(|text| SettingLine::More {
            index,
            text,
            failed,
        }));
    }
    lines
}

/// How far the settings pane is scrolled: the selected row's last line stays in view.
pub fn settings_scroll(lines: &[SettingLine], cursor: usize, inner_h: usize) -> usize {
    let last = lines
        .iter()
        .rposition(|l| l.row() == Some(cursor))
        .unwrap_or(0);
    last.saturating_sub(inner_h.saturating_sub(1))
}

/// The settings row on line `line` of the pane's inside as drawn now (mouse clicks): the
/// pane's scroll and wrapped values are taken into account.
pub fn setting_at_line(state: &AppState, line: usize) -> Option<usize> {
    let body = geometry::body(state.size);
    let lines = setting_lines(state, body.width);
    let cursor = state.account.settings.cursor;
    let scroll = settings_scroll(&lines, cursor, body.height.saturating_sub(2) as usize);
    lines.get(line + scroll).and_then(SettingLine::row)
}

fn on_off(s: &crate::i18n::Strings, on: bool) -> &'static str {
    if on { s.on } else { s.off }
}

pub fn setting_value(state: &AppState, row: SettingRow) -> (String, bool) {
    let s = state.s();
    let remote_text = |r: Result<String, String>| match r {
        Ok(v) => (v, false),
        Err(e) => (e, true),
    };
    let from = |loading: bool, err: Option<&crate::api::ApiError>| -> Result<String, String> {
        match err {
            Some(e) => Err(describe(e, s)),
            None if loading => Ok(format!("{} {}", state.spinner_frame(), s.loading)),
            None => Ok(String::new()),
        }
    };
    match row {
        // The server in use (the demo's under --demo, a flag's or YUNHU_SERVER's), and what
        // config.toml says when that differs.
        SettingRow::Server
            if state.settings.server.trim_end_matches('/')
                != state.account.server.trim_end_matches('/') =>
        {
            (
                format!(
                    "{}{}",
                    crate::sanitize::line(&state.account.server),
                    fill(
                        s.server_config,
                        &[&crate::sanitize::line(&state.settings.server)]
                    )
                ),
                false,
            )
        }
        SettingRow::Server => (
            crate::sanitize::line(&state.account.server).into_owned(),
            false,
        ),
        SettingRow::Language => (
            s.languages[match state.settings.language {
                Language::Auto => 0,
                Language::Zh => 1,
                Language::En => 2,
            }]
            .into(),
            false,
        ),
        SettingRow::Theme => (
            s.themes[usize::from(state.settings.theme == ThemeName::Light)].into(),
            false,
        ),
        SettingRow::CoinsPage => (state.settings.page_size.coins.to_string(), false),
        SettingRow::GroupsPage => (state.settings.page_size.groups.to_string(), false),
        SettingRow::Mouse => (on_off(s, state.settings.mouse).into(), false),
        SettingRow::Images => (
            s.image_modes[match state.settings.images {
                crate::settings::ImageMode::Auto => 0,
                crate::settings::ImageMode::Halfblocks => 1,
                crate::settings::ImageMode::Off => 2,
            }]
            .into(),
            false,
        ),
        SettingRow::Notification => match &state.account.settings.notification.value {
            Some(n) => (on_off(s, n.is_open).into(), false),
            None => remote_text(from(
                state.account.loading(Slot::Notification),
                state.account.settings.notification.error.as_ref(),
            )),
        },
        SettingRow::Module(id) => match &state.account.settings.modules.value {
            Some(m) => (on_off(s, m.modules().contains(&id)).into(), false),
            None => remote_text(from(
                state.account.loading(Slot::Modules),
                state.account.settings.modules.error.as_ref(),
            )),
        },
        SettingRow::Phone => {
            let phone = state
                .account
                .profile
                .info
                .value
                .as_ref()
                .map(|i| i.phone.clone())
                .unwrap_or_default();
            (
                if phone.is_empty() {
                    s.none_bound.into()
                } else {
                    crate::sanitize::line(&mask_phone(&phone)).into_owned()
                },
                false,
            )
        }
        SettingRow::Email => {
            let email = state
                .account
                .profile
                .info
                .value
                .as_ref()
                .map(|i| i.email.clone())
                .unwrap_or_default();
            (
                if email.is_empty() {
                    s.none_bound.into()
                } else {
                    crate::sanitize::line(&mask_email(&email)).into_owned()
                },
                false,
            )
        }
        SettingRow::Password | SettingRow::Logout => (String::new(), false),
        SettingRow::Limits => match &state.account.settings.limits.value {
            Some(l) => {
                let n = |x: f64| format!("{x}");
                let args: [&dyn std::fmt::Display; 6] = [
                    &n(l.image_size_limit_normal),
                    &n(l.image_size_limit_vip),
                    &n(l.file_size_limit_normal),
                    &n(l.file_size_limit_vip),
                    &n(l.video_size_limit_normal),
                    &n(l.video_size_limit_vip),
                ];
                (fill(s.limits_value, &args), false)
            }
            None => remote_text(from(
                state.account.loading(Slot::Limits),
                state.account.settings.limits.error.as_ref(),
            )),
        },
        SettingRow::Versions => {
            // Every platform failed: say why, once. Otherwise a missing version is a dash.
            let failed: Vec<&crate::api::ApiError> = state
                .account
                .settings
                .versions
                .iter()
                .filter_map(|(_, r)| r.error.as_ref())
                .collect();
            if failed.len() == state.account.settings.versions.len()
                && let Some(first) = failed.first()
            {
                return (describe(first, s), true);
            }
            let parts: Vec<String> = state
                .account
                .settings
                .versions
                .iter()
                .map(|(p, r)| match (&r.value, &r.error) {
                    (Some(u), _) if !u.version.trim().is_empty() => {
                        format!("{p} {}", crate::sanitize::line(u.version.trim()))
                    }
                    (Some(_), _) | (None, Some(_)) => format!("{p} —"),
                    _ => format!("{p} …"),
                })
                .collect();
            (parts.join(" · "), false)
        }
        SettingRow::Grey => match (
            &state.account.settings.grey.value,
            &state.account.settings.grey.error,
        ) {
            (Some(on), _) => (on_off(s, *on).into(), false),
            (None, e) => remote_text(from(state.account.loading(Slot::Grey), e.as_ref())),
        },
    }
}

pub fn setting_label(state: &AppState, row: SettingRow) -> String {
    let s = state.s();
    let has = |f: fn(&crate::proto::user_info::Data) -> &String| {
        state
            .account
            .profile
            .info
            .value
            .as_ref()
            .is_some_and(|i| !f(i).is_empty())
    };
    match row {
        SettingRow::Server => s.server.into(),
        SettingRow::Language => s.language.into(),
        SettingRow::Theme => s.theme.into(),
        SettingRow::CoinsPage => s.coins_page.into(),
        SettingRow::GroupsPage => s.groups_page.into(),
        SettingRow::Mouse => s.mouse.into(),
        SettingRow::Images => s.images.into(),
        SettingRow::Notification => s.notifications.into(),
        SettingRow::Module(id) => format!(
            "{}{}",
            s.module_names[(id / 10).clamp(1, 3) as usize - 1],
            s.vip_only
        ),
        SettingRow::Phone => if has(|i| &i.phone) {
            s.change_phone
        } else {
            s.bind_phone
        }
        .into(),
        SettingRow::Email => if has(|i| &i.email) {
            s.change_email
        } else {
            s.bind_email
        }
        .into(),
        SettingRow::Password => s.change_password.into(),
        SettingRow::Logout => s.key_logout.into(),
        SettingRow::Limits => s.upload_limits.into(),
        SettingRow::Versions => s.versions.into(),
        SettingRow::Grey => s.grey_mode.into(),
    }
}
