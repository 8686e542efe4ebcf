//! The popups SealTalk's and chaoqer's screens draw alike: a titled frame for a form, its
//! "saving" row, and a question asked before an action (the service brings the question and
//! its keys' line).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::state::AppState;
use crate::ui::theme::Theme;
use crate::ui::{centered, clear_popup};

/// A form's frame, its title set in.
pub fn titled<'a>(title: &str, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.title))
        .border_style(theme.accent)
}

/// The question, wrapped to the popup, over the line of keys that answer it.
pub fn question(question: &str, keys: &str, theme: &Theme, frame: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(60);
    let text_w = w.saturating_sub(4) as usize;
    let wrapped = crate::text::wrap(question, text_w);
    let h = (wrapped.len() as u16 + 4).min(area.height);
    let rect = centered(area, w, h);
    clear_popup(frame, rect);
    let block = Block::bordered().border_style(theme.accent);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines: Vec<Line> = wrapped
        .into_iter()
        .map(|l| Line::styled(l, theme.title))
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(keys.to_owned(), theme.accent));
    frame.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center),
        Rect {
            x: inner.x + 1,
            width: inner.width.saturating_sub(2),
            ..inner
        },
    );
}

/// A form's last row while it is being saved: the spinner and "saving".
pub fn saving_row(state: &AppState, theme: &Theme, frame: &mut Frame, inner: Rect) {
    if inner.height == 0 {
        return;
    }
    let line = Line::styled(
        format!("{} {}", state.spinner_frame(), state.s().saving),
        theme.dim,
    );
    frame.render_widget(
        Paragraph::new(line),
        Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        },
    );
}
