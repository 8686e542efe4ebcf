//! chaoqer's Messages pane: each message's unread mark, time, title, content (its first
//! line) and deep link (a known kind named, any other URL shown made safe).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{
    block, cq, detail_rect, fit, list_placeholder, list_table, list_title, safe, short_id, single,
    when,
};
use crate::api::chaoqer::model::{DeepLink, MessageEntry};
use crate::app::chaoqer::{CqSlot, loading};
use crate::app::state::AppState;
use crate::ui::popup::titled;
use crate::ui::theme::Theme;

/// A deep link as a row shows it.
pub fn link_text(link: &DeepLink) -> String {
    match link {
        DeepLink::Profile(id) => format!("profile/{}", short_id(id)),
        DeepLink::Event(id) => format!("event/{}", short_id(id)),
        DeepLink::Room(id) => format!("room/{}", short_id(id)),
        DeepLink::Other(url) => fit(url, 24),
    }
}

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = cq(state);
    let list = &state.account.chaoqer.messages;
    let b = block(list_title(t.tabs[1], list), theme);
    if let Some(line) = list_placeholder(state, theme, list, loading(state, CqSlot::Messages)) {
        return single(frame, b, area, line);
    }
    let time_w = 16;
    let link_w = 18;
    let rest = (area.width as usize).saturating_sub(2 + 2 + time_w + link_w + 4);
    let title_w = rest * 2 / 5;
    let content_w = rest.saturating_sub(title_w);
    let row = |e: &MessageEntry| match &e.user_message_result {
        Some(m) => vec![
            if m.unread { "●".into() } else { " ".into() },
            when(m.create_time),
            fit(&m.message_body.title, title_w),
            fit(
                m.message_body.content.lines().next().unwrap_or(""),
                content_w,
            ),
            m.link().map(|l| link_text(&l)).unwrap_or_default(),
        ],
        None => vec![
            " ".into(),
            String::new(),
            t.unavailable.into(),
            String::new(),
            String::new(),
        ],
    };
    let header = vec![
        String::new(),
        t.time.into(),
        t.title.into(),
        t.content.into(),
        t.link.into(),
    ];
    let widths = [
        Constraint::Length(1),
        Constraint::Length(time_w as u16),
        Constraint::Fill(2),
        Constraint::Fill(3),
        Constraint::Length(link_w as u16),
    ];
    list_table(frame, theme, area, b, (header, &widths), list, row);
}

/// The message under the cursor, whole: title, sender, time, every line of its content,
/// and its link.
pub fn detail(state: &AppState, m: &MessageEntry, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = cq(state);
    let rect = detail_rect(frame, area);
    let Some(msg) = &m.user_message_result else {
        return;
    };
    let b = titled(&fit(&msg.message_body.title, 60), theme);
    let from = msg.sender().map_or_else(|| t.system.to_owned(), short_id);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", t.from), theme.label),
            Span::styled(from, theme.text),
            Span::styled(format!("  {} ", t.time), theme.label),
            Span::styled(when(msg.create_time), theme.text),
        ]),
        Line::default(),
    ];
    // Each line of the content made safe on its own (a line break is kept as one).
    for l in msg.message_body.content.lines() {
        lines.push(Line::styled(safe(l), theme.text));
    }
    if let Some(url) = msg.message_body.url.as_deref() {
        lines.push(Line::default());
        let shown = match DeepLink::parse(url) {
            DeepLink::Other(_) => safe(url),
            link => format!("{} ({})", link_text(&link), safe(url)),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", t.link), theme.label),
            Span::styled(shown, theme.accent),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines).block(b).wrap(Wrap { trim: false }),
        rect,
    );
}
