//! chaoqer's Blacklist pane: the users I blocked, when; Enter asks before unblocking.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use super::{block, cq, fit, list_placeholder, list_table, list_title, safe, single, when};
use crate::api::chaoqer::model::UserEntry;
use crate::app::chaoqer::{CqSlot, display_name, loading};
use crate::app::state::AppState;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = cq(state);
    let list = &state.account.chaoqer.blacklist;
    let b = block(list_title(t.tabs[2], list), theme);
    if let Some(line) = list_placeholder(state, theme, list, loading(state, CqSlot::Blacklist)) {
        return single(frame, b, area, line);
    }
    let name_w = (area.width as usize).saturating_sub(2 + 32 + 16 + 2).max(8);
    let row = |e: &UserEntry| {
        vec![
            fit(&display_name(e), name_w),
            safe(&e.uid),
            when(e.create_time),
        ]
    };
    let header = vec![t.nickname.into(), t.uid.into(), t.blocked_at.into()];
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(32),
        Constraint::Length(16),
    ];
    list_table(frame, theme, area, b, (header, &widths), list, row);
}
