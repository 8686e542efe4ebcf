//! chaoqer's Clubs pane (my clubs: name, members, joined when) and a club's details popup
//! (creator, members total, whether I am in, its members paged).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{
    block, cq, detail_rect, fit, list_placeholder, list_table, list_title, remote_placeholder,
    short_id, single, when,
};
use crate::api::chaoqer::model::{ClubEntry, UserEntry};
use crate::app::chaoqer::clubs::ClubDetail;
use crate::app::chaoqer::{CqSlot, display_name, loading};
use crate::app::state::AppState;
use crate::ui::popup::titled;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = cq(state);
    let list = &state.account.chaoqer.clubs;
    let b = block(list_title(t.tabs[4], list), theme);
    if let Some(line) = list_placeholder(state, theme, list, loading(state, CqSlot::Clubs)) {
        return single(frame, b, area, line);
    }
    let name_w = (area.width as usize).saturating_sub(2 + 8 + 16 + 2).max(8);
    let row = |e: &ClubEntry| match &e.club_result {
        Some(c) => vec![
            fit(&c.name, name_w),
            c.member_total.to_string(),
            when(e.create_time),
        ],
        None => vec![short_id(&e.club_id), String::new(), when(e.create_time)],
    };
    let header = vec![t.club.into(), t.members.into(), t.joined_at.into()];
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Length(16),
    ];
    list_table(frame, theme, area, b, (header, &widths), list, row);
}

/// The details popup over the pane.
pub fn detail(state: &AppState, d: &ClubDetail, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = cq(state);
    let rect = detail_rect(frame, area);
    let name = d
        .club
        .value
        .as_ref()
        .map_or(d.name.as_str(), |c| c.name.as_str());
    let outer = titled(&fit(name, 40), theme);
    let inner = outer.inner(rect);
    frame.render_widget(outer, rect);
    // The cover beside the facts when pictures are on and the popup has the room.
    let cover_url = (d.club.value.as_ref()).map_or("", |c| c.cover.as_str());
    let cover = (state.settings.images != crate::settings::ImageMode::Off && !cover_url.is_empty())
        .then(|| crate::geometry::club_cover(inner))
        .flatten();
    let facts_h = cover.map_or(3, |c| c.height);
    let [facts, members] =
        Layout::vertical([Constraint::Length(facts_h), Constraint::Min(3)]).areas(inner);
    if let Some(cover) = cover {
        crate::ui::picture::draw_picture(state, theme, frame, cover, cover_url);
    }
    let busy = loading(state, CqSlot::Club);
    let lines = match remote_placeholder(state, theme, &d.club, busy) {
        Some(line) => vec![line],
        None => match &d.club.value {
            Some(c) => vec![
                Line::from(vec![
                    Span::styled(format!(" {} ", t.members), theme.label),
                    Span::styled(c.member_total.to_string(), theme.text),
                    Span::styled(format!("  {} ", t.created_at), theme.label),
                    Span::styled(when(c.create_time), theme.text),
                ]),
                Line::from(vec![
                    Span::styled(format!(" {} ", t.club_id), theme.label),
                    Span::styled(fit(&c.club_id, 40), theme.dim),
                ]),
                if c.joined {
                    Line::styled(format!(" ✓ {}", t.you_are_in), theme.ok)
                } else {
                    Line::styled(format!(" · {}", t.you_are_not_in), theme.dim)
                },
            ],
            None => Vec::new(),
        },
    };
    frame.render_widget(Paragraph::new(lines), facts);
    let list = &d.members;
    let b = block(list_title(t.members, list), theme);
    let busy = loading(state, CqSlot::ClubMembers);
    if let Some(line) = list_placeholder(state, theme, list, busy) {
        return single(frame, b, members, line);
    }
    let name_w = (members.width as usize).saturating_sub(2 + 16 + 2).max(8);
    let row = |e: &UserEntry| vec![fit(&display_name(e), name_w), when(e.create_time)];
    let header = vec![t.nickname.into(), t.joined_at.into()];
    let widths = [Constraint::Fill(1), Constraint::Length(16)];
    list_table(frame, theme, members, b, (header, &widths), list, row);
}
