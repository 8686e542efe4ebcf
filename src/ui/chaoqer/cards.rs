//! chaoqer's Cards pane: the cards I received (who, their bio's first line, when); `e`
//! sends my card, Enter asks before removing one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use super::{block, cq, fit, list_placeholder, list_table, list_title, single, when};
use crate::api::chaoqer::model::UserEntry;
use crate::app::chaoqer::{CqSlot, display_name, loading};
use crate::app::state::AppState;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = cq(state);
    let list = &state.account.chaoqer.cards;
    let b = block(list_title(t.tabs[3], list), theme);
    if let Some(line) = list_placeholder(state, theme, list, loading(state, CqSlot::Cards)) {
        return single(frame, b, area, line);
    }
    let rest = (area.width as usize).saturating_sub(2 + 16 + 2);
    let name_w = rest / 3;
    let bio_w = rest.saturating_sub(name_w);
    let row = |e: &UserEntry| {
        let bio = e
            .user_profile_result
            .as_ref()
            .and_then(|p| p.bio.as_deref())
            .and_then(|b| b.lines().next())
            .unwrap_or("");
        vec![
            fit(&display_name(e), name_w),
            fit(bio, bio_w),
            when(e.create_time),
        ]
    };
    let header = vec![t.nickname.into(), t.bio.into(), t.received_at.into()];
    let widths = [
        Constraint::Fill(1),
        Constraint::Fill(2),
        Constraint::Length(16),
    ];
    list_table(frame, theme, area, b, (header, &widths), list, row);
}
