//! SealTalk's Profile pane: id, nickname (verbatim, as stored), portrait URL, gender,
//! SealTalk ID, phone.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{block, placeholder, safe, single, st};
use crate::app::sealtalk::{StSlot, loading};
use crate::app::state::AppState;
use crate::ui::label_row;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = st(state);
    let remote = &state.account.sealtalk.profile;
    let b = block(state, format!(" {} ", t.tabs[0]), theme, None);
    if let Some(line) = placeholder(state, theme, remote, loading(state, StSlot::Profile), false) {
        return single(frame, b, area, line);
    }
    let Some(u) = &remote.value else { return };
    let gender = match u.gender.as_str() {
        "female" => t.female.to_owned(),
        "male" => t.male.to_owned(),
        other => safe(other),
    };
    let or_unset = |v: &str| {
        if v.is_empty() {
            t.unset.to_owned()
        } else {
            safe(v)
        }
    };
    let rows = [
        (t.id, safe(&u.id)),
        (t.nickname, safe(&u.nickname)),
        (t.portrait, or_unset(&u.portrait_uri)),
        (t.gender, gender),
        (t.st_account, or_unset(&u.st_account)),
        (state.s().phone, or_unset(&u.phone)),
    ];
    let label_w = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(8);
    let inner_w = area.width.saturating_sub(2) as usize;
    let value_w = inner_w.saturating_sub(label_w + 3);
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|(label, value)| label_row(theme, label, label_w, &value, value_w, theme.text))
        .collect();
    frame.render_widget(Paragraph::new(lines).block(b), area);
}
