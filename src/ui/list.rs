//! What the list panes share: their block, the loading/failed/empty placeholders, the
//! row at the end of a paged list, and the `/` filter bar on a list's bottom border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Wrap};
use unicode_width::UnicodeWidthStr;

use super::field::input_line;
use super::theme::Theme;
use super::{placeholder, spinner, wrap};
use crate::app::filter::{self, FilterList};
use crate::app::paged::Paged;
use crate::app::remote::Remote;
use crate::app::state::AppState;
use crate::i18n::{describe, fill};
use crate::text::ellipsize;

pub(super) fn block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered().title(title).border_style(theme.border)
}

/// Loading / failed / empty, for a remote list; `true` if it drew one of them.
pub(super) fn remote_state<T>(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    title: String,
    remote: &Remote<Vec<T>>,
) -> bool {
    let lines = match placeholder(state, theme, remote) {
        Some(lines) => lines,
        None if remote.value.as_ref().is_some_and(Vec::is_empty) => {
            vec![Line::styled(state.s().empty, theme.dim)]
        }
        None => return false,
    };
    // A long error wraps inside the border instead of being cut by it.
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(title, theme)),
        area,
    );
    true
}

/// Loading / failed / empty, for a paged list with nothing loaded yet.
pub(super) fn paged_state<T>(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    title: String,
    list: &Paged<T>,
    shown: usize,
) -> bool {
    let s = state.s();
    let lines = match (&list.error, list.pages) {
        (Some((_, e)), 0) => vec![
            Line::styled(format!("{}: {}", s.failed, describe(e, s)), theme.error),
            Line::styled(s.retry_hint, theme.dim),
        ],
        (None, 0) => vec![Line::styled(super::loading_text(state), theme.dim)],
        _ if shown == 0 && list.complete => vec![Line::styled(s.empty, theme.dim)],
        _ => return false,
    };
    // A long error wraps inside the border instead of being cut by it.
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(title, theme)),
        area,
    );
    true
}

/// The last row of a paged list: more is coming, or the page failed (Enter retries). The
/// failure's text is drawn over the whole row afterwards by [`tail_error`] (a cell would
/// cut it at the first column).
pub(super) fn tail_row<T>(
    state: &AppState,
    theme: &Theme,
    list: &Paged<T>,
    loading: bool,
    height: u16,
) -> Option<Row<'static>> {
    let s = state.s();
    if list.error.is_some() {
        return Some(Row::new([Cell::from("")]).height(height));
    }
    loading.then(|| {
        Row::new([Cell::from(Span::styled(
            format!("{} {}", spinner(state), s.loading_more),
            theme.dim,
        ))])
        .height(height)
    })
}

/// The `/` filter of `list`, drawn on the bottom border of its box `area` while it is typed
/// in or applied: the text, the match count, and (while typing) the keys. The list keeps
/// all its rows.
pub(super) fn filter_bar(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    list: FilterList,
) {
    let f = crate::app::filter::get(state, list);
    if !(f.editing || f.is_active()) || area.height < 3 || area.width < 12 {
        return;
    }
    let s = state.s();
    let y = area.bottom() - 1;
    let right = area.right().saturating_sub(1);
    let mut x = area.x + 1;
    let label = format!(" / {}: ", s.find);
    let buf = frame.buffer_mut();
    buf.set_stringn(x, y, &label, usize::from(right - x), theme.accent);
    x += label.width() as u16;
    let input_w = 20.min(right.saturating_sub(x + 1));
    let input_area = Rect::new(x, y, input_w, 1);
    // Over the border: the box's cells are blanked first.
    let style = if f.editing {
        theme.input_focused
    } else {
        theme.input
    };
    buf.set_string(x, y, " ".repeat(usize::from(input_w)), style);
    let cursor = input_line(frame, input_area, &f.input, false, style, f.editing);
    if let Some(at) = cursor {
        frame.set_cursor_position(at);
    }
    x += input_w;
    // The count is said whole or not at all; then the keys, if they fit.
    // Coins: of the records loaded so far ("12+" until all are in).
    // Over the local store the count is of the whole stored history: exact.
    let coins = &state.account.coins;
    let more = list == FilterList::Coins && !coins.list.complete && !coins.stored.in_use();
    let count = format!(
        "{}{}",
        filter::match_count(state, list),
        if more { "+" } else { "" }
    );
    let mut tail = vec![fill(s.find_matches, &[&count])];
    if f.editing {
        tail.push(s.find_keys.to_owned());
    }
    let buf = frame.buffer_mut();
    for part in tail {
        let text = format!(" {part} ");
        let w = text.width() as u16;
        if x + w > right {
            break;
        }
        buf.set_string(x, y, &text, theme.dim);
        x += w;
    }
}

/// A failed page's message over the whole width of its tail row (the `before` rows of
/// `row_h` lines above it), wrapped into the row's `height` lines.
pub(super) fn tail_error<T>(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    table: Rect,
    (before, row_h, height): (usize, u16, u16),
    list: &Paged<T>,
) {
    let Some((_, e)) = &list.error else { return };
    let s = state.s();
    let y = table.y + 2 + before as u16 * row_h;
    let width = table.width.saturating_sub(2);
    if y + height > table.bottom().saturating_sub(1) || width < 4 {
        return;
    }
    let text = fill(s.page_failed, &[&describe(e, s)]);
    let mut lines = wrap(&text, usize::from(width));
    if lines.len() > usize::from(height) {
        lines.truncate(usize::from(height));
        if let Some(last) = lines.last_mut() {
            *last = ellipsize(last, usize::from(width));
        }
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::styled(l, theme.error))
        .collect();
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(table.x + 1, y, width, height),
    );
}
