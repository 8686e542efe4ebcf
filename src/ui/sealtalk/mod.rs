//! Drawing a SealTalk account: its login screen, its six panes (one file each), its forms
//! and popups, and its part of the key bar. Pure, as the rest of `ui`.

pub mod about;
pub mod blacklist;
pub mod form;
pub mod friends;
pub mod groups;
pub mod login;
pub mod profile;
pub mod screen;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

use super::theme::Theme;
use crate::app::keymap::Intent;
use crate::app::sealtalk::StRemote;
use crate::app::sealtalk::list::{ListState, offset};
use crate::app::state::{AppState, Tab};
use crate::i18n::StStrings;

pub fn st(state: &AppState) -> &'static StStrings {
    state.s().lang().st()
}

/// The pane on the current tab.
pub fn render_pane(state: &AppState, theme: &Theme, frame: &mut Frame, body: Rect) {
    match state.tab {
        Tab::Friends => friends::render(state, theme, frame, body),
        Tab::Groups => groups::render(state, theme, frame, body),
        Tab::Blacklist => blacklist::render(state, theme, frame, body),
        Tab::ScreenCapture => screen::render(state, theme, frame, body),
        Tab::About => about::render(state, theme, frame, body),
        _ => profile::render(state, theme, frame, body),
    }
}

/// The account's forms and questions over the pane.
pub fn render_popups(state: &AppState, theme: &Theme, frame: &mut Frame, body: Rect) {
    let st = &state.account.sealtalk;
    if let Some(f) = &st.edit {
        form::edit(state, f, theme, frame, body);
    }
    if let Some(f) = &st.password {
        form::password(state, f, theme, frame, body);
    }
    if let Some(c) = &st.confirm {
        form::confirm(state, c, theme, frame, body);
    }
}

/// Server text made safe for one row (controls and bidi overrides shown, not obeyed).
pub fn safe(text: &str) -> String {
    crate::sanitize::line(text).into_owned()
}

/// The pane's frame, with the filter typed (if any) on its bottom border.
pub fn block<'a>(
    state: &AppState,
    title: String,
    theme: &Theme,
    list: Option<&ListState>,
) -> Block<'a> {
    let mut block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    if let Some(l) = list
        && (l.filter.editing || l.filter.is_active())
    {
        let cursor = if l.filter.editing { "▏" } else { "" };
        let text = format!(
            " {} {}{cursor} ",
            state.keymap.label(Intent::Search),
            safe(l.filter.input.value())
        );
        block = block.title_bottom(Span::styled(text, theme.accent));
    }
    block
}

/// Loading, failed or empty: the line to show instead of the rows (`None`: draw them).
pub fn placeholder<T>(
    state: &AppState,
    theme: &Theme,
    remote: &StRemote<T>,
    loading: bool,
    empty: bool,
) -> Option<Line<'static>> {
    let s = state.s();
    if remote.value.is_none() {
        return Some(match &remote.error {
            Some(e) => Line::styled(
                format!(
                    " {}: {} ({} {})",
                    s.failed,
                    safe(&crate::i18n::describe_st(e, state.lang())),
                    state.keymap.label(Intent::Retry),
                    s.key_retry
                ),
                theme.error,
            ),
            None if loading => Line::styled(
                format!(" {} {}", state.spinner_frame(), s.loading),
                theme.dim,
            ),
            None => Line::styled(format!(" {}", s.loading), theme.dim),
        });
    }
    empty.then(|| Line::styled(format!(" {}", st(state).empty_list), theme.dim))
}

/// A table's header and column widths.
pub struct TableColumns<'a> {
    pub header: Vec<String>,
    pub widths: &'a [Constraint],
}

/// A table of `items`, each made a row by `row` only when it is on screen (a list of
/// 10 000 costs what its visible rows cost), the cursor's row selected and kept on screen.
#[allow(clippy::too_many_arguments)]
pub fn table_of<T>(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    block: Block<'_>,
    columns: TableColumns<'_>,
    items: &[T],
    row: impl Fn(&T) -> Vec<String>,
    cursor: usize,
) {
    let TableColumns { header, widths } = columns;
    let visible = area.height.saturating_sub(3) as usize;
    let first = offset(cursor, visible);
    let body: Vec<Row> = (items.iter())
        .skip(first)
        .take(visible)
        .map(|item| Row::new(row(item)))
        .collect();
    let table = Table::new(body, widths.to_vec())
        .header(Row::new(header).style(theme.label))
        .block(block)
        .style(theme.text)
        .row_highlight_style(theme.selected)
        .column_spacing(1);
    let mut ts = TableState::default().with_selected(Some(cursor - first));
    frame.render_stateful_widget(table, area, &mut ts);
}

/// A pane that shows one line (loading, failed, empty) in its frame.
pub fn single(frame: &mut Frame, block: Block<'_>, area: Rect, line: Line<'static>) {
    frame.render_widget(Paragraph::new(line).block(block), area);
}

/// Text cut to `max` display columns with `…`.
pub fn fit(text: &str, max: usize) -> String {
    crate::text::fit(&safe(text), max).into_owned()
}

/// The header's name for the account: its nickname, verbatim (Q10).
pub fn header_name(state: &AppState) -> Option<String> {
    (state.account.sealtalk.profile.value.as_ref()).map(|u| safe(&u.nickname))
}

/// The keys of the SealTalk pane in view, as `key label` pairs.
pub fn key_hints(state: &AppState) -> Vec<(String, &'static str)> {
    let s = state.s();
    let t = st(state);
    let k = |i: Intent| state.keymap.label(i);
    let sta = &state.account.sealtalk;
    if sta.confirm.is_some() {
        return vec![("y".into(), s.key_done), ("n".into(), s.key_cancel)];
    }
    if sta.edit.is_some() || sta.password.is_some() {
        let mut hints = vec![
            ("Enter".into(), s.key_save),
            ("Esc".into(), s.key_cancel),
            ("Tab".into(), s.key_next_field),
        ];
        if sta
            .edit
            .as_ref()
            .is_some_and(|f| f.focus == crate::app::sealtalk::profile_form::Part::Gender)
        {
            hints.push(("←→".into(), s.key_choose));
        }
        return hints;
    }
    if crate::app::sealtalk::list::filter_editing(state) {
        return vec![("Enter".into(), s.key_done), ("Esc".into(), s.key_cancel)];
    }
    let moves = (format!("{}/{}", k(Intent::Down), k(Intent::Up)), s.key_move);
    let find = (k(Intent::Search), s.find);
    let mut hints = vec![
        (k(Intent::Quit), s.key_quit),
        (k(Intent::Help), s.key_help),
        ("1-6".into(), s.key_tabs),
    ];
    match state.tab {
        Tab::Friends | Tab::Groups => hints.extend([moves, find]),
        Tab::Blacklist => hints.extend([moves, (k(Intent::Open), t.key_unblock), find]),
        Tab::ScreenCapture => hints.extend([moves, (k(Intent::Open), t.key_toggle), find]),
        Tab::About => {}
        _ => hints.extend([
            (k(Intent::Edit), s.key_edit),
            (k(Intent::Period), t.key_password),
        ]),
    }
    hints.push((k(Intent::Retry), s.key_retry));
    hints
}
