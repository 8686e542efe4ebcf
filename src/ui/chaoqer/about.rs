//! chaoqer's About pane: the latest iOS and Android apps (version, what is new, where to
//! download), and the feedback key.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{block, cq, remote_placeholder, safe, single};
use crate::api::actor_chaoqer::CqResult;
use crate::api::chaoqer::model::AppVersion;
use crate::app::chaoqer::{CqSlot, loading};
use crate::app::keymap::Intent;
use crate::app::state::AppState;
use crate::ui::label_row;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = cq(state);
    let remote = &state.account.chaoqer.versions;
    let b = block(format!(" {} ", t.about_title), theme);
    if let Some(line) = remote_placeholder(state, theme, remote, loading(state, CqSlot::Versions)) {
        return single(frame, b, area, line);
    }
    let Some(v) = &remote.value else { return };
    let width = area.width.saturating_sub(2) as usize;
    let label_w = [t.ios, t.android]
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(8);
    let value_w = width.saturating_sub(label_w + 3);
    let row =
        |label: &str, text: String, style| label_row(theme, label, label_w, &text, value_w, style);
    let mut lines = Vec::new();
    let app = |label: &str, r: &CqResult<Option<AppVersion>>, lines: &mut Vec<Line>| match r {
        Ok(Some(a)) => {
            let forced = if a.forced_upgrade { t.forced } else { "" };
            lines.push(row(
                label,
                format!("{}{forced}", safe(&a.version_name)),
                theme.text,
            ));
            for l in a.version_desc.lines() {
                lines.push(row("", safe(l), theme.dim));
            }
            if !a.download_url.is_empty() {
                lines.push(row("", safe(&a.download_url), theme.accent));
            }
        }
        Ok(None) => lines.push(row(label, t.up_to_date.into(), theme.dim)),
        Err(e) => lines.push(row(
            label,
            format!("{}: {}", state.s().failed, safe(&e.to_string())),
            theme.error,
        )),
    };
    app(t.ios, &v.ios, &mut lines);
    app(t.android, &v.android, &mut lines);
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(" {} {}", state.keymap.label(Intent::Edit), t.key_feedback),
        theme.dim,
    ));
    frame.render_widget(Paragraph::new(lines).block(b), area);
}
