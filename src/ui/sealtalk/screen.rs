//! SealTalk's Screen-capture pane: each friend's chat and each group, notice on or off.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use super::{TableColumns, block, fit, placeholder, single, st, table_of};
use crate::api::sealtalk::model::Conversation;
use crate::app::sealtalk::CaptureRow;
use crate::app::sealtalk::{StSlot, any_loading, screen};
use crate::app::state::AppState;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = st(state);
    let sta = &state.account.sealtalk;
    let rows = screen::rows(state);
    let b = block(
        state,
        format!(" {} ", t.captures_title),
        theme,
        Some(&sta.captures_list),
    );
    let busy = any_loading(state, &[StSlot::Captures, StSlot::Friends, StSlot::Groups]);
    if let Some(line) = placeholder(state, theme, &sta.captures, busy, rows.is_empty()) {
        return single(frame, b, area, line);
    }
    let name_w = (area.width as usize).saturating_sub(2 + 8 + 6 + 2);
    let row = |r: &&CaptureRow| {
        let kind = match r.conversation {
            Conversation::Private(_) => t.private_chat,
            Conversation::Group(_) => t.group_chat,
        };
        let status = match &r.status {
            Ok(true) => t.on.to_owned(),
            Ok(false) => t.off.to_owned(),
            Err(e) => format!("? {}", super::safe(e)),
        };
        vec![fit(&r.name, name_w), kind.to_owned(), status]
    };
    let header = vec![t.chat.to_owned(), String::new(), t.notice.to_owned()];
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Fill(1),
    ];
    let cursor = sta.captures_list.at(rows.len());
    let columns = TableColumns {
        header,
        widths: &widths,
    };
    table_of(frame, theme, area, b, columns, &rows, row, cursor);
}
