//! chaoqer's Events pane: each event's state (upcoming, live, over: its time against the
//! clock now), time, name, people and whether a reminder is booked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Text;
use ratatui::widgets::{Cell, Row, Table, TableState};

use super::{block, cq, fit, list_placeholder, list_title, single, when};
use crate::app::chaoqer::events::{When, when as state_of};
use crate::app::chaoqer::{CqSlot, loading, offset};
use crate::app::state::AppState;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = cq(state);
    let list = &state.account.chaoqer.events;
    let b = block(list_title(t.tabs[5], list), theme);
    if let Some(line) = list_placeholder(state, theme, list, loading(state, CqSlot::Events)) {
        return single(frame, b, area, line);
    }
    let status_w = [t.upcoming, t.live, t.over]
        .iter()
        .map(|s| unicode_width::UnicodeWidthStr::width(*s))
        .max()
        .unwrap_or(8) as u16;
    let name_w = (area.width as usize).saturating_sub(2 + status_w as usize + 16 + 6 + 4);
    let visible = area.height.saturating_sub(3) as usize;
    let cursor = list.selected.min(list.items.len().saturating_sub(1));
    let first = offset(cursor, visible);
    let rows: Vec<Row> = list
        .items
        .iter()
        .skip(first)
        .take(visible)
        .map(|e| {
            let time = e
                .event_result
                .as_ref()
                .map_or(e.event_time, |ev| ev.event_time);
            let (label, style) = match state_of(time, state.now_ms) {
                When::Upcoming => (t.upcoming, theme.accent),
                When::Live => (t.live, theme.ok),
                When::Over => (t.over, theme.dim),
            };
            let (name, people, notify) = match &e.event_result {
                Some(ev) => (
                    fit(&ev.name, name_w),
                    ev.member_uid_list.len().to_string(),
                    if ev.notify { "⏰" } else { "" },
                ),
                None => (t.unavailable.into(), String::new(), ""),
            };
            Row::new(vec![
                Cell::from(Text::styled(label, style)),
                Cell::from(when(time)),
                Cell::from(name),
                Cell::from(people),
                Cell::from(notify),
            ])
        })
        .collect();
    let header = Row::new(vec![
        String::new(),
        t.time.to_owned(),
        t.event.to_owned(),
        t.people.to_owned(),
        String::new(),
    ])
    .style(theme.label);
    let widths = [
        Constraint::Length(status_w),
        Constraint::Length(16),
        Constraint::Fill(1),
        Constraint::Length(6),
        Constraint::Length(2),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(b)
        .style(theme.text)
        .row_highlight_style(theme.selected)
        .column_spacing(1);
    let mut ts = TableState::default().with_selected(Some(cursor - first));
    frame.render_stateful_widget(table, area, &mut ts);
}
