//! The account switcher: one row per account (number, name, service, server, logged in or
//! not), the one shown marked, the cursor's row highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{centered, clear_popup};
use crate::app::state::AppState;
use crate::text::{fit, pad};

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, cursor: usize) {
    let s = state.s();
    let switcher = &state.accounts;
    // Columns aligned by display width: names and servers may be Chinese.
    let names: Vec<String> = switcher
        .entries
        .iter()
        .map(|e| crate::sanitize::line(&e.name).into_owned())
        .collect();
    let name_w = names.iter().map(|n| n.width()).max().unwrap_or(0);
    let servers: Vec<String> = switcher
        .entries
        .iter()
        .map(|e| crate::sanitize::line(&e.server).into_owned())
        .collect();
    let server_w = servers.iter().map(|n| n.width()).max().unwrap_or(0);
    let service_w = (switcher.entries.iter())
        .map(|e| e.service.id().len())
        .max()
        .unwrap_or(0);
    let rows: Vec<(String, bool)> = switcher
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mark = if i == switcher.active { "●" } else { " " };
            let number = if i < 9 {
                format!("{}", i + 1)
            } else {
                " ".into()
            };
            let logged_in = switcher.is_logged_in(state.account.screen, i);
            let status = if logged_in {
                s.account_logged_in
            } else {
                s.account_logged_out
            };
            let line = format!(
                "{mark} {number}  {}  {:<service_w$}  {}  {status}",
                pad(&names[i], name_w),
                e.service.id(),
                pad(&servers[i], server_w)
            );
            (line, logged_in)
        })
        .collect();
    let widest = rows
        .iter()
        .map(|(l, _)| l.width())
        .chain([s.accounts_hint.width(), s.accounts_title.width() + 2])
        .max()
        .unwrap_or(0);
    // A border and a margin on each side; never wider than the screen, where each row is cut
    // at the right.
    let w = (widest + 4).min(area.width as usize) as u16;
    let h = (rows.len() + 4).min(area.height as usize) as u16;
    let rect = centered(area, w, h);
    clear_popup(frame, rect);
    let inner = (w as usize).saturating_sub(4);
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, (line, logged_in))| {
            let style = if i == cursor {
                theme.selected
            } else if *logged_in {
                theme.text
            } else {
                theme.dim
            };
            Line::styled(format!(" {}", pad(&fit(line, inner), inner)), style)
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(" {}", fit(s.accounts_hint, inner)),
        theme.dim,
    ));
    let block = Block::bordered()
        .title(format!(" {} ", s.accounts_title))
        .title_style(theme.title)
        .border_style(theme.accent);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
