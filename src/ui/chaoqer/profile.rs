//! chaoqer's Profile pane: uid, nickname, avatar (its URL, and the picture beside the fields
//! when the pane is wide enough), bio (its lines), cards received; for a new account, what
//! to do first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{block, cq, remote_placeholder, safe, single};
use crate::app::chaoqer::{CqSlot, loading};
use crate::app::keymap::Intent;
use crate::app::state::AppState;
use crate::ui::label_row;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = cq(state);
    let c = &state.account.chaoqer;
    let b = block(format!(" {} ", t.tabs[0]), theme);
    if c.needs_profile {
        let line = Line::styled(
            crate::i18n::fill(t.complete_first, &[&state.keymap.label(Intent::Edit)]),
            theme.accent,
        );
        return single(frame, b, area, line);
    }
    let remote = &c.profile;
    if let Some(line) = remote_placeholder(state, theme, remote, loading(state, CqSlot::Profile)) {
        return single(frame, b, area, line);
    }
    let Some(p) = &remote.value else { return };
    let label_w = [t.uid, t.nickname, t.avatar, t.bio, t.cards_received]
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(8);
    // The avatar at the top right, the fields beside it (as Yunhu's Profile).
    let pictures = state.settings.images != crate::settings::ImageMode::Off;
    let fields_w = crate::geometry::profile_text_width(area, pictures);
    let inner_w = fields_w.saturating_sub(2) as usize;
    let value_w = inner_w.saturating_sub(label_w + 3);
    let row =
        |label: &str, value: String| label_row(theme, label, label_w, &value, value_w, theme.text);
    let mut lines = vec![
        row(t.uid, safe(&p.uid)),
        row(t.nickname, safe(&p.nickname)),
        row(
            t.avatar,
            if p.avatar.is_empty() {
                t.unset.to_owned()
            } else {
                safe(&p.avatar)
            },
        ),
        row(t.cards_received, p.card_total.to_string()),
    ];
    // The bio keeps its own lines (each made safe on its own).
    match p.bio.as_deref().filter(|b| !b.trim().is_empty()) {
        Some(bio) => {
            for (i, l) in bio.lines().enumerate() {
                lines.push(row(if i == 0 { t.bio } else { "" }, safe(l)));
            }
        }
        None => lines.push(row(t.bio, t.unset.to_owned())),
    }
    frame.render_widget(Paragraph::new(lines).block(b), area);
    if pictures
        && !p.avatar.is_empty()
        && let Some(avatar) = crate::geometry::profile_avatar(area)
    {
        crate::ui::picture::draw_picture(state, theme, frame, avatar, &p.avatar);
    }
}
