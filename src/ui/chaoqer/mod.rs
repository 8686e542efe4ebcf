//! Drawing a chaoqer account: its login screen, its seven panes (one file each), its forms
//! and popups, and its part of the key bar. Pure, as the rest of `ui`; everything from
//! the server goes through `crate::sanitize` (via `safe`/`fit`) before it is drawn.

pub mod about;
pub mod blacklist;
pub mod cards;
pub mod clubs;
pub mod events;
pub mod form;
pub mod login;
pub mod messages;
pub mod profile;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::Block;

use super::theme::Theme;
use crate::api::chaoqer::ChaoqerError;
use crate::app::chaoqer::CqList;
use crate::app::keymap::Intent;
use crate::app::state::{AppState, Tab};
use crate::i18n::CqStrings;
use crate::ui::sealtalk::{TableColumns, table_of};
pub use crate::ui::sealtalk::{fit, safe, single};

pub fn cq(state: &AppState) -> &'static CqStrings {
    state.s().lang().cq()
}

/// The pane on the current tab.
pub fn render_pane(state: &AppState, theme: &Theme, frame: &mut Frame, body: Rect) {
    match state.tab {
        Tab::Messages => messages::render(state, theme, frame, body),
        Tab::Blacklist => blacklist::render(state, theme, frame, body),
        Tab::Cards => cards::render(state, theme, frame, body),
        Tab::Clubs => clubs::render(state, theme, frame, body),
        Tab::Events => events::render(state, theme, frame, body),
        Tab::About => about::render(state, theme, frame, body),
        _ => profile::render(state, theme, frame, body),
    }
}

/// The account's forms, details and questions over the pane.
pub fn render_popups(state: &AppState, theme: &Theme, frame: &mut Frame, body: Rect) {
    let c = &state.account.chaoqer;
    if c.message_open
        && let Some(m) = c.messages.current()
    {
        messages::detail(state, m, theme, frame, body);
    }
    if let Some(d) = &c.club {
        clubs::detail(state, d, theme, frame, body);
    }
    if let Some(f) = &c.edit {
        form::profile(state, f, theme, frame, body);
    }
    if let Some(f) = &c.card_form {
        let t = cq(state);
        form::one_field(
            state,
            t.send_card_title,
            t.uid,
            t.uid_hint,
            f,
            theme,
            frame,
            body,
        );
    }
    if let Some(f) = &c.club_form {
        let t = cq(state);
        form::one_field(
            state,
            t.open_club_title,
            t.club_id,
            t.club_id_hint,
            f,
            theme,
            frame,
            body,
        );
    }
    if let Some(f) = &c.feedback {
        let t = cq(state);
        form::one_field(
            state,
            t.feedback_title,
            t.feedback,
            t.feedback_hint,
            f,
            theme,
            frame,
            body,
        );
    }
    if let Some(q) = &c.confirm {
        form::confirm(state, q, theme, frame, body);
    }
}

/// A details popup's place over the pane (most of it, at most 72 wide), cleared.
pub fn detail_rect(frame: &mut Frame, area: Rect) -> Rect {
    let rect = crate::ui::centered(
        area,
        area.width.saturating_sub(4).min(72),
        area.height.saturating_sub(2),
    );
    crate::ui::clear_popup(frame, rect);
    rect
}

/// The pane's frame.
pub fn block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .title(ratatui::text::Span::styled(title, theme.title))
        .border_style(theme.border)
}

/// A failure's line: what failed, why, and the key that retries.
fn failed_line(state: &AppState, theme: &Theme, e: &ChaoqerError) -> Line<'static> {
    let s = state.s();
    Line::styled(
        format!(
            " {}: {} ({} {})",
            s.failed,
            safe(&e.to_string()),
            state.keymap.label(Intent::Retry),
            s.key_retry
        ),
        theme.error,
    )
}

fn loading_line(state: &AppState, theme: &Theme, loading: bool) -> Line<'static> {
    let s = state.s();
    if loading {
        Line::styled(
            format!(" {} {}", state.spinner_frame(), s.loading),
            theme.dim,
        )
    } else {
        Line::styled(format!(" {}", s.loading), theme.dim)
    }
}

/// Loading, failed or empty: the line to show instead of a list's rows (`None`: draw
/// them).
pub fn list_placeholder<T>(
    state: &AppState,
    theme: &Theme,
    list: &CqList<T>,
    loading: bool,
) -> Option<Line<'static>> {
    if !list.loaded && list.stored_at.is_none() {
        return Some(match &list.error {
            Some(e) => failed_line(state, theme, e),
            None => loading_line(state, theme, loading),
        });
    }
    list.items
        .is_empty()
        .then(|| Line::styled(format!(" {}", cq(state).empty_list), theme.dim))
}

/// A one-value pane's placeholder (loading or failed).
pub fn remote_placeholder<T>(
    state: &AppState,
    theme: &Theme,
    remote: &crate::app::chaoqer::CqRemote<T>,
    loading: bool,
) -> Option<Line<'static>> {
    if remote.value.is_some() {
        return None;
    }
    Some(match &remote.error {
        Some(e) => failed_line(state, theme, e),
        None => loading_line(state, theme, loading),
    })
}

/// A list's title: its name, how many are shown, and `+` while more can be paged in.
pub fn list_title<T>(name: &str, list: &CqList<T>) -> String {
    if !list.loaded && list.stored_at.is_none() {
        return format!(" {name} ");
    }
    let more = if list.next.is_some() { "+" } else { "" };
    format!(" {name} {}{more} ", list.items.len())
}

/// A short id: its first 8 characters and `…` (ids are 32 hex characters).
pub fn short_id(id: &str) -> String {
    let id = safe(id);
    if id.chars().count() > 9 {
        format!("{}…", id.chars().take(8).collect::<String>())
    } else {
        id
    }
}

/// A time of the gateway (ms) as the user's local date and time.
pub fn when(ms: i64) -> String {
    crate::timefmt::local_datetime(ms.div_euclid(1000))
}

/// The header's name for the account: its nickname.
pub fn header_name(state: &AppState) -> Option<String> {
    (state.account.chaoqer.profile.value.as_ref()).map(|p| safe(&p.nickname))
}

/// The keys of the chaoqer pane in view, as `key label` pairs.
pub fn key_hints(state: &AppState) -> Vec<(String, &'static str)> {
    let s = state.s();
    let t = cq(state);
    let k = |i: Intent| state.keymap.label(i);
    let c = &state.account.chaoqer;
    if c.confirm.is_some() {
        return vec![("y".into(), s.key_done), ("n".into(), s.key_cancel)];
    }
    if c.edit.is_some() {
        return vec![
            ("Enter".into(), s.key_save),
            ("Esc".into(), s.key_cancel),
            ("Tab".into(), s.key_next_field),
        ];
    }
    if c.club_form.is_some() {
        return vec![
            ("Enter".into(), t.key_details),
            ("Esc".into(), s.key_cancel),
        ];
    }
    if c.card_form.is_some() || c.feedback.is_some() {
        return vec![("Enter".into(), t.key_send), ("Esc".into(), s.key_cancel)];
    }
    if c.message_open {
        return vec![("Esc".into(), s.close)];
    }
    if let Some(d) = &c.club {
        let action = match &d.club.value {
            Some(club) if club.joined => t.key_leave,
            Some(_) => t.key_join,
            None => "",
        };
        let mut hints = vec![(format!("{}/{}", k(Intent::Down), k(Intent::Up)), s.key_move)];
        if !action.is_empty() {
            hints.push(("Enter".into(), action));
        }
        hints.push(("Esc".into(), s.close));
        return hints;
    }
    let moves = (format!("{}/{}", k(Intent::Down), k(Intent::Up)), s.key_move);
    let mut hints = vec![
        (k(Intent::Quit), s.key_quit),
        (k(Intent::Help), s.key_help),
        ("1-7".into(), s.key_tabs),
    ];
    match state.tab {
        Tab::Messages => hints.extend([moves, (k(Intent::Open), t.key_read)]),
        Tab::Events => hints.push(moves),
        Tab::Blacklist => hints.extend([moves, (k(Intent::Open), t.key_unblock)]),
        Tab::Cards => hints.extend([
            moves,
            (k(Intent::Edit), t.key_send_card),
            (k(Intent::Open), t.key_remove),
        ]),
        Tab::Clubs => hints.extend([
            moves,
            (k(Intent::Open), t.key_details),
            (k(Intent::Edit), t.key_open_club),
        ]),
        Tab::About => hints.push((k(Intent::Edit), t.key_feedback)),
        _ => hints.push((k(Intent::Edit), s.key_edit)),
    }
    hints.push((k(Intent::Retry), s.key_retry));
    hints
}

/// A paged list as a table under `columns` (its header and widths): a row is made only for
/// what is on screen, and the list's cursor is selected and kept on screen.
#[allow(clippy::too_many_arguments)]
pub fn list_table<T>(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    block: Block<'_>,
    (header, widths): (Vec<String>, &[Constraint]),
    list: &CqList<T>,
    row: impl Fn(&T) -> Vec<String>,
) {
    let cursor = list.selected.min(list.items.len().saturating_sub(1));
    let columns = TableColumns { header, widths };
    table_of(frame, theme, area, block, columns, &list.items, row, cursor);
}
