//! The Medals pane: the medals in display order, with the selected one's details. Lists
//! draw only the rows in their window.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::list::{block, filter_bar, remote_state};
use super::pad;
use super::theme::Theme;
use crate::app::filter::{self, FilterList};
use crate::app::state::AppState;
use crate::geometry;
use crate::i18n::fill;

pub fn medals(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let title = format!(" {} ", s.tabs[1]);
    if remote_state(
        state,
        theme,
        frame,
        area,
        title.clone(),
        &state.account.medals.list,
    ) {
        return;
    }
    let list = state
        .account
        .medals
        .list
        .value
        .as_deref()
        .unwrap_or_default();
    let (table_area, detail_area) = geometry::medals_split(area);
    let rows_fit = geometry::table_rows(table_area, 1);
    let c = state.account.medals.cursor;
    // The medals the `/` filter leaves (all of them without one); only the window is drawn.
    let shown = filter::medals_len(state);
    let window = || {
        filter::medals(state)
            .skip(c.offset)
            .take(rows_fit)
            .filter_map(|i| list.get(i))
    };
    // Numbers are never cut: their columns are as wide as the widest number on screen.
    let sort_w = window()
        .map(|m| m.sort.to_string().len())
        .chain([6, s.sort.width()])
        .max()
        .unwrap_or(6) as u16;
    let id_w = window()
        .map(|m| m.id.to_string().len())
        .chain([6, s.id.width()])
        .max()
        .unwrap_or(6) as u16;
    let rows = window().map(|m| {
        Row::new([
            m.sort.to_string(),
            m.id.to_string(),
            crate::sanitize::line(&m.name).into_owned(),
        ])
    });
    let header = Row::new([s.sort, s.id, s.medals]).style(theme.label);
    let title = format!("{title}· {} ", fill(s.medal_count, &[&list.len()]));
    let table = Table::new(
        rows,
        [
            Constraint::Length(sort_w),
            Constraint::Length(id_w),
            Constraint::Min(10),
        ],
    )
    .header(header)
    .row_highlight_style(theme.selected)
    .block(block(title, theme));
    let mut ts =
        TableState::default().with_selected((shown > 0).then(|| c.cursor.saturating_sub(c.offset)));
    frame.render_stateful_widget(table, table_area, &mut ts);
    filter_bar(state, theme, frame, table_area, FilterList::Medals);

    if let Some(m) = filter::medal_at(state, c.cursor).and_then(|i| list.get(i)) {
        let label = |t: &str| Span::styled(format!("{} ", pad(t, 6)), theme.label);
        let lines = vec![
            Line::styled(
                format!("🏅 {}", crate::sanitize::line(&m.name)),
                theme.title,
            ),
            Line::default(),
            Line::from(vec![
                label(s.id),
                Span::styled(m.id.to_string(), theme.text),
            ]),
            Line::from(vec![
                label(s.sort),
                Span::styled(m.sort.to_string(), theme.text),
            ]),
            Line::from(vec![
                label("#"),
                Span::styled(format!("{} / {shown}", c.cursor + 1), theme.text),
            ]),
        ];
        frame.render_widget(
            Paragraph::new(lines).block(block(format!(" {} ", s.detail), theme)),
            detail_area,
        );
    }
}
