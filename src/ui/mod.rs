//! Pure rendering: reads the state, draws, never changes anything.

pub mod chaoqer;
pub mod coins;
pub mod discover;
pub mod edit;
pub mod field;
mod list;
pub mod login;
pub mod medals;
pub mod phone_login;
pub mod picture;
pub mod popup;
pub mod profile;
pub mod sealtalk;
pub mod settings;
mod switcher;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::help::HelpLine;
use crate::app::keymap::Intent;
use crate::app::state::{AppState, MIN_HEIGHT, MIN_WIDTH, Overlay, Screen, Tab};
use crate::i18n::fill;
use crate::output::money;
use theme::Theme;

pub use crate::text::{pad, wrap};

/// The captcha is drawn in this many cells.
pub const CAPTCHA_COLUMNS: u16 = 44;
pub const CAPTCHA_ROWS: u16 = 8;
pub fn spinner(state: &AppState) -> &'static str {
    state.spinner_frame()
}

pub fn render(state: &AppState, frame: &mut Frame) {
    let theme = Theme::new(&state.look(), state.grey());
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(state, &theme, frame, area);
        theme.paint_base(frame.buffer_mut());
        return;
    }
    match state.account.screen {
        Screen::Login if state.account.service == crate::service::Service::Sealtalk => {
            sealtalk::login::render(state, &theme, frame, area)
        }
        Screen::Login if state.account.service == crate::service::Service::Chaoqer => {
            chaoqer::login::render(state, &theme, frame, area)
        }
        Screen::Login => login::render(state, &theme, frame, area),
        Screen::Main => main_screen(state, &theme, frame, area),
    }
    match state.overlay {
        Overlay::None => {}
        Overlay::Help(scroll) => help(state, &theme, frame, area, scroll),
        Overlay::ConfirmQuit => confirm(state.s().confirm_quit, state, &theme, frame, area),
        Overlay::ConfirmDiscard => confirm(state.s().confirm_discard, state, &theme, frame, area),
        Overlay::ConfirmLogout => confirm(state.s().confirm_logout, state, &theme, frame, area),
        Overlay::Accounts(cursor) => switcher::render(state, &theme, frame, area, cursor),
    }
    // The light theme's background under everything (after popups cleared their areas).
    theme.paint_base(frame.buffer_mut());
}

fn too_small(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    // Laid out by hand: ratatui's centred wrapping can put a double-width character where
    // its second half falls outside a very narrow buffer.
    if area.width < 4 || area.height == 0 {
        return;
    }
    let text = fill(
        state.s().too_small,
        &[&MIN_WIDTH, &MIN_HEIGHT, &area.width, &area.height],
    );
    let width = area.width as usize;
    let lines: Vec<Line> = wrap(&text, width)
        .into_iter()
        .filter(|l| l.width() <= width)
        .map(|l| {
            Line::styled(
                format!("{}{l}", " ".repeat((width - l.width()) / 2)),
                theme.error,
            )
        })
        .collect();
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(Paragraph::new(lines), rect);
}

fn main_screen(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let [header_area, tabs_area, body, status_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header(state, theme, frame, header_area);
    tabs(state, theme, frame, tabs_area);
    if state.account.service == crate::service::Service::Sealtalk {
        sealtalk::render_pane(state, theme, frame, body);
        status_line(state, theme, frame, status_area);
        sealtalk::render_popups(state, theme, frame, body);
        return;
    }
    if state.account.service == crate::service::Service::Chaoqer {
        chaoqer::render_pane(state, theme, frame, body);
        status_line(state, theme, frame, status_area);
        chaoqer::render_popups(state, theme, frame, body);
        return;
    }
    match state.tab {
        Tab::Profile => profile::render(state, theme, frame, body),
        Tab::Medals => medals::medals(state, theme, frame, body),
        Tab::Coins => coins::coins(state, theme, frame, body),
        Tab::Discover => discover::discover(state, theme, frame, body),
        Tab::Settings => settings::settings(state, theme, frame, body),
        Tab::Friends
        | Tab::Groups
        | Tab::Blacklist
        | Tab::ScreenCapture
        | Tab::About
        | Tab::Messages
        | Tab::Cards
        | Tab::Clubs
        | Tab::Events => {}
    }
    if state.account.edit.is_some() {
        edit::render(state, theme, frame, body);
    }
    // Before the popups: a verification popup on a small screen covers the status line too.
    status_line(state, theme, frame, status_area);
    match &state.account.popup {
        Some(crate::app::state::Popup::Group(_) | crate::app::state::Popup::Bot(_)) => {
            discover::detail_popup(state, theme, frame, body)
        }
        Some(crate::app::state::Popup::Verify(form)) => {
            login::verify_popup(state, form, theme, frame, body, area)
        }
        Some(crate::app::state::Popup::Export(form)) => {
            coins::export_popup(state, form, theme, frame, body)
        }
        Some(_) => settings::settings_popup(state, theme, frame, body),
        None => {}
    }
}

use crate::app::profile_view::vip_text;

fn header(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    // With several accounts, the one shown is named where the app's name would be.
    let account = state.accounts.active_name().map(crate::sanitize::line);
    let brand: &str = account.as_deref().unwrap_or("yunhu-tui");
    let spin = if crate::app::pane::shows_loading(state) {
        Some(format!(" {} ", spinner(state)))
    } else {
        None
    };
    let mut width = (area.width as usize).saturating_sub(spin.as_ref().map_or(0, |_| 3));
    // The data's age and the offline badge, when there is room beside the balance (the
    // name and balance come first; then the badge alone; then nothing).
    let fresh = crate::app::stored::freshness(state).and_then(|(text, offline)| {
        let room = width.saturating_sub(28);
        let short = s.offline_badge;
        if text.width() + 2 <= room {
            Some((text, offline))
        } else if offline && short.width() + 2 <= room {
            Some((short.to_owned(), offline))
        } else {
            None
        }
    });
    width -= fresh.as_ref().map_or(0, |(t, _)| t.width() + 2);
    let mut spans = Vec::new();
    match &state.account.profile.info.value {
        Some(info) => {
            // What gives way on a narrow screen is decided in one place (crate::text::header): the
            // balance is never cut; labels and the app's name go first.
            let name = crate::sanitize::line(&info.name);
            let vip = vip_text(s, info.is_vip, info.vip_status, info.vip_expired_timestamp);
            let vip_long = format!("{}{vip}", if info.is_vip { "★ " } else { "" });
            let vip_short = if info.is_vip { "★ VIP" } else { "" };
            let coins = money(info.coin);
            let fitted =
                crate::text::header(width, brand, &name, &vip_long, vip_short, s.coins, &coins);
            if fitted.brand {
                spans.push(Span::styled(
                    format!(" {brand} "),
                    theme.header.add_modifier(ratatui::style::Modifier::BOLD),
                ));
            }
            if let Some(name) = fitted.name {
                spans.push(Span::styled(format!(" {name} "), theme.header));
            }
            if let Some(vip) = fitted.vip {
                let vip_style = if info.is_vip {
                    theme.header.patch(theme.vip)
                } else {
                    theme.header
                };
                spans.push(Span::styled(format!(" {vip} "), vip_style));
            }
            if fitted.coins {
                let text = if fitted.coins_label {
                    format!(" {} {coins} ", s.coins)
                } else {
                    format!(" {coins} ")
                };
                spans.push(Span::styled(text, theme.header));
            }
        }
        None if let Some(name) =
            sealtalk::header_name(state).or_else(|| chaoqer::header_name(state)) =>
        {
            spans.push(Span::styled(
                format!(" {brand} "),
                theme.header.add_modifier(ratatui::style::Modifier::BOLD),
            ));
            let room = width.saturating_sub(brand.width() + 4);
            spans.push(Span::styled(
                format!(" {} ", crate::text::fit(&name, room).into_owned()),
                theme.header,
            ));
        }
        None if width >= brand.width() + 2 => spans.push(Span::styled(
            format!(" {brand} "),
            theme.header.add_modifier(ratatui::style::Modifier::BOLD),
        )),
        None => {}
    }
    if let Some((text, offline)) = fresh {
        let style = if offline {
            theme.header.patch(theme.error)
        } else {
            theme.header.patch(theme.dim)
        };
        spans.push(Span::styled(format!(" {text} "), style));
    }
    if let Some(spin) = spin {
        spans.push(Span::styled(spin, theme.header));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.header), area);
}

fn tabs(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let mut spans = vec![Span::raw(" ")];
    let service = state.account.service;
    for (i, name) in crate::app::sealtalk::tab_labels(state, area.width)
        .iter()
        .enumerate()
    {
        let style = if i == state.tab.index_in(service) {
            theme.tab_active
        } else {
            theme.tab
        };
        let tab = if name.is_empty() {
            format!(" {} ", i + 1)
        } else {
            format!(" {} {} ", i + 1, name)
        };
        spans.push(Span::styled(tab, style));
        spans.push(Span::raw(" "));
    }
    // The pane's stored data shows its age, greyed, at the row's end when it fits.
    if let Some(at) = crate::app::stored::pane_stored_at(state, state.tab) {
        let age = fill(
            s.stored_ago,
            &[&crate::app::stored::age_text(s, state.now_ms, at)],
        );
        let used: usize = spans.iter().map(|sp| sp.content.width()).sum();
        let free = (area.width as usize).saturating_sub(used);
        if age.width() < free {
            spans.push(Span::raw(" ".repeat(free - age.width() - 1)));
            spans.push(Span::styled(age, theme.dim));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys that work right now, as `key label` pairs.
fn key_hints(state: &AppState) -> Vec<(String, &'static str)> {
    let s = state.s();
    let k = |i: Intent| state.keymap.label(i);
    if state.account.service == crate::service::Service::Sealtalk {
        return sealtalk::key_hints(state);
    }
    if state.account.service == crate::service::Service::Chaoqer {
        return chaoqer::key_hints(state);
    }
    if state.account.popup.is_some() {
        return vec![("Esc".into(), s.close)];
    }
    if state.account.discover.search.is_some() {
        // As the search prompt says: Enter is done (the search runs as you type).
        return vec![("Enter".into(), s.key_done), ("Esc".into(), s.key_cancel)];
    }
    if let Some(form) = &state.account.edit {
        if state.account.edit_saving() {
            return vec![];
        }
        let mut hints = vec![
            ("Enter".into(), s.key_save),
            ("Esc".into(), s.key_cancel),
            ("Tab".into(), s.key_next_field),
        ];
        if form.field() == crate::app::form::Field::Gender {
            hints.push(("←→".into(), s.key_choose));
        }
        return hints;
    }
    if crate::app::filter::editing(state).is_some() {
        return vec![("Enter".into(), s.key_done), ("Esc".into(), s.key_cancel)];
    }
    // `/` filters the list in view (the groups have their own search).
    let find = (k(Intent::Search), s.find);
    let mut hints = vec![
        (k(Intent::Quit), s.key_quit),
        (k(Intent::Help), s.key_help),
        ("1-5".into(), s.key_tabs),
    ];
    let moves = (format!("{}/{}", k(Intent::Down), k(Intent::Up)), s.key_move);
    match state.tab {
        Tab::Profile => hints.extend([
            (k(Intent::Edit), s.key_edit),
            (k(Intent::Reveal), s.key_reveal),
            (k(Intent::Copy), s.key_copy),
        ]),
        Tab::Medals => hints.extend([moves, find]),
        Tab::Coins => hints.extend([
            moves,
            (
                format!("{}/{}", k(Intent::Top), k(Intent::Bottom)),
                s.key_top_bottom,
            ),
            (k(Intent::Filter), s.key_filter),
            find,
        ]),
        Tab::Discover => {
            hints.push((
                format!("{}/{}", k(Intent::Left), k(Intent::Right)),
                s.key_category,
            ));
            // The keyword search is of groups; on the bots sub-tab `/` filters the bots.
            if state.account.discover.show_bots {
                hints.push(find);
            } else {
                hints.push((k(Intent::Search), s.key_search));
            }
            hints.push((k(Intent::Open), s.key_open));
        }
        Tab::Settings => hints.extend([moves, (k(Intent::Open), s.key_change), find]),
        Tab::Friends
        | Tab::Groups
        | Tab::Blacklist
        | Tab::ScreenCapture
        | Tab::About
        | Tab::Messages
        | Tab::Cards
        | Tab::Clubs
        | Tab::Events => {}
    }
    hints.push((k(Intent::Retry), s.key_retry));
    // Last, so a narrow bar keeps reload; the chart's title names `p` already.
    if state.tab == Tab::Coins {
        hints.push((k(Intent::Export), s.hint_export));
    }
    hints
}

pub fn hint_spans(hints: &[(String, &str)], theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (key, label) in hints {
        spans.push(Span::styled(format!(" {key} "), theme.accent));
        spans.push(Span::styled(format!("{label} "), theme.dim));
    }
    spans
}

fn status_line(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let hints = key_hints(state);
    // The status wins the space (an error must be readable); the hints that fit beside it
    // are shown whole, in order, and the rest dropped whole (never cut mid-word).
    let status = state.status.as_ref().map(|status| {
        let style = if status.error { theme.error } else { theme.ok };
        let text = status.text(state.s());
        let text = crate::text::fit(
            &crate::sanitize::line(&text),
            area.width.saturating_sub(1) as usize,
        )
        .into_owned();
        (text, style)
    });
    let status_width = status.as_ref().map_or(0, |(t, _)| t.width() as u16 + 1);
    let room = area.width.saturating_sub(status_width) as usize;
    let shown = crate::text::whole_items(
        hints
            .iter()
            .map(|(key, label)| key.width() + label.width() + 3),
        room,
    );
    let spans = hint_spans(&hints[..shown], theme);
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(status_width)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
    if let Some((text, style)) = status {
        let text = if shown == 0 { format!(" {text}") } else { text };
        frame.render_widget(Paragraph::new(Span::styled(text, style)), right);
    }
}

/// A read-only row of facts: the label padded to `label_w`, then the value cut to `value_w`.
pub fn label_row(
    theme: &Theme,
    label: &str,
    label_w: usize,
    value: &str,
    value_w: usize,
    style: ratatui::style::Style,
) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {} ", pad(label, label_w)), theme.label),
        Span::styled(crate::text::fit(value, value_w).into_owned(), style),
    ])
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears a popup's area and one column either side: a wide (Chinese) character cut in half
/// by the popup's border would otherwise push the border out of place.
pub fn clear_popup(frame: &mut Frame, rect: Rect) {
    let area = frame.area();
    let x = rect.x.saturating_sub(1).max(area.x);
    let right = (rect.right() + 1).min(area.right());
    frame.render_widget(
        Clear,
        Rect {
            x,
            width: right - x,
            ..rect
        },
    );
}

fn confirm(question: &str, state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let answers = if state.overlay == Overlay::ConfirmLogout {
        state.s().yes_no_enter
    } else {
        state.s().yes_no
    };
    let w = (question.width().max(answers.width()) + 6) as u16;
    let rect = centered(area, w, 5);
    clear_popup(frame, rect);
    let lines = vec![
        Line::styled(question.to_owned(), theme.title),
        Line::default(),
        Line::styled(answers, theme.accent),
    ];
    let block = Block::bordered().border_style(theme.accent);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .block(block),
        rect,
    );
}

/// The help's lines, styled.
fn help_lines(state: &AppState, theme: &Theme) -> Vec<Line<'static>> {
    let s = state.s();
    crate::app::help::help_lines(state)
        .into_iter()
        .map(|line| match line {
            HelpLine::Blank => Line::default(),
            HelpLine::Title(group) => Line::styled(
                format!(" {}", group.title(s)),
                theme
                    .title
                    .add_modifier(ratatui::style::Modifier::UNDERLINED),
            ),
            HelpLine::Keys { keys, label } => Line::from(vec![
                Span::styled(keys, theme.accent),
                Span::styled(label.to_owned(), theme.text),
            ]),
        })
        .collect()
}

fn help(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, scroll: u16) {
    let s = state.s();
    let lines = help_lines(state, theme);
    let width = (lines.iter().map(Line::width).max().unwrap_or(20) as u16 + 4)
        .max(s.help_scroll.width() as u16 + 6);
    let rect = centered(area, width, lines.len() as u16 + 2);
    clear_popup(frame, rect);
    let max = (lines.len() as u16).saturating_sub(rect.height.saturating_sub(2));
    let block = Block::bordered()
        .title(format!(" {} ", s.help_title))
        .title_bottom(Line::styled(format!(" {} ", s.help_scroll), theme.dim))
        .border_style(theme.accent);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max), 0)),
        rect,
    );
}

/// A pane's body while it has nothing to show: loading, failed (with the reason), or empty.
pub fn placeholder<T>(
    state: &AppState,
    theme: &Theme,
    remote: &crate::app::remote::Remote<T>,
) -> Option<Vec<Line<'static>>> {
    let s = state.s();
    if remote.value.is_some() {
        return None;
    }
    if let Some(err) = &remote.error {
        return Some(vec![
            Line::styled(
                format!("{}: {}", s.failed, crate::i18n::describe(err, s)),
                theme.error,
            ),
            Line::styled(s.retry_hint, theme.dim),
        ]);
    }
    Some(vec![Line::styled(loading_text(state), theme.dim)])
}

/// What stands where data has not come: "Loading…" with the spinner, or with `--offline`
/// (nothing comes) that nothing was stored.
pub fn loading_text(state: &AppState) -> String {
    if state.offline {
        state.s().not_stored.to_owned()
    } else {
        format!("{} {}", spinner(state), state.s().loading)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_width() {
        let lines = wrap("深圳打工人，白天写后端，晚上折腾 Rust 和开源小工具。", 12);
        assert!(lines.iter().all(|l| l.width() <= 12), "{lines:?}");
        assert_eq!(
            lines.concat().replace(' ', ""),
            "深圳打工人，白天写后端，晚上折腾Rust和开源小工具。"
        );
        assert!(
            lines.iter().any(|l| l.contains("Rust")),
            "latin words stay whole: {lines:?}"
        );
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let lines = wrap("每周日晚上八点固定分享会，轮流主持。", 24);
        assert_eq!(lines, ["每周日晚上八点固定分享", "会，轮流主持。"]);
        for width in 6..30 {
            for line in wrap(
                "深圳打工人，白天写后端，晚上折腾 Rust 和开源小工具。喜欢骑行！",
                width,
            )
            .iter()
            .skip(1)
            {
                assert!(
                    !line.starts_with(['，', '。', '！']),
                    "width {width}: {line:?}"
                );
            }
        }
    }

    #[test]
    fn opening_brackets_never_end_a_line() {
        let lines = wrap("图片 40/50 MB · 视频 40/200 MB（普通/会员）", 30);
        assert!(lines.iter().all(|l| !l.ends_with('（')), "{lines:?}");
        assert!(lines.iter().all(|l| l.width() <= 30), "{lines:?}");
        for width in 4..40 {
            let lines = wrap("他说：“你好”。然后（小声）说 hello（world）再见", width);
            assert!(
                lines
                    .iter()
                    .all(|l| !l.ends_with(['（', '“']) || l.chars().count() == 1),
                "{width}: {lines:?}"
            );
            assert!(
                lines.iter().all(|l| l.width() <= width),
                "{width}: {lines:?}"
            );
        }
    }
}
