//! SealTalk's About pane: the latest desktop, iOS and Android clients.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{block, placeholder, safe, single, st};
use crate::app::sealtalk::{StSlot, loading};
use crate::app::state::AppState;
use crate::ui::label_row;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = st(state);
    let remote = &state.account.sealtalk.versions;
    let b = block(state, format!(" {} ", t.about_title), theme, None);
    if let Some(line) = placeholder(
        state,
        theme,
        remote,
        loading(state, StSlot::Versions),
        false,
    ) {
        return single(frame, b, area, line);
    }
    let Some(v) = &remote.value else { return };
    let width = area.width.saturating_sub(2) as usize;
    let label_w = [t.desktop, t.ios, t.android]
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(8);
    let value_w = width.saturating_sub(label_w + 3);
    let row =
        |label: &str, text: String, style| label_row(theme, label, label_w, &text, value_w, style);
    let failed = |e: &crate::api::sealtalk::SealtalkError| {
        format!(
            "{}: {}",
            state.s().failed,
            safe(&crate::i18n::describe_st(e, state.lang()))
        )
    };
    let mut lines = Vec::new();
    match &v.desktop {
        Ok(Some(d)) => {
            lines.push(row(t.desktop, safe(&d.version), theme.text));
            if !d.url.is_empty() {
                lines.push(row("", safe(&d.url), theme.dim));
            }
            if !d.pub_date.is_empty() {
                lines.push(row("", safe(&d.pub_date), theme.dim));
            }
        }
        Ok(None) => lines.push(row(t.desktop, t.none_published.into(), theme.dim)),
        Err(e) => lines.push(row(t.desktop, failed(e), theme.error)),
    }
    match &v.mobile {
        Ok(m) => {
            for (label, release) in [(t.ios, &m.ios), (t.android, &m.android)] {
                match release {
                    Some(r) => {
                        let build = r.build.as_deref().map(|b| format!(" ({})", safe(b)));
                        lines.push(row(
                            label,
                            format!("{}{}", safe(&r.version), build.unwrap_or_default()),
                            theme.text,
                        ));
                        if !r.url.is_empty() {
                            lines.push(row("", safe(&r.url), theme.dim));
                        }
                    }
                    None => lines.push(row(label, t.none_published.into(), theme.dim)),
                }
            }
        }
        Err(e) => lines.push(row(t.ios, failed(e), theme.error)),
    }
    frame.render_widget(Paragraph::new(lines).block(b), area);
}
