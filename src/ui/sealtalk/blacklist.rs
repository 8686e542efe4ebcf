//! SealTalk's Blacklist pane: the users I blocked; Enter asks before unblocking.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use super::{TableColumns, block, fit, placeholder, safe, single, st, table_of};
use crate::api::sealtalk::model::BlockedUser;
use crate::app::sealtalk::{StSlot, blacklist, loading};
use crate::app::state::AppState;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = st(state);
    let sta = &state.account.sealtalk;
    let rows = blacklist::rows(state);
    let title = match &sta.blacklist.value {
        Some(_) => format!(" {} {} ", t.blacklist_title, rows.len()),
        None => format!(" {} ", t.blacklist_title),
    };
    let b = block(state, title, theme, Some(&sta.blacklist_list));
    let busy = loading(state, StSlot::Blacklist);
    if let Some(line) = placeholder(state, theme, &sta.blacklist, busy, rows.is_empty()) {
        return single(frame, b, area, line);
    }
    let name_w = (area.width as usize).saturating_sub(2 + 13 + 2) / 2;
    let row = |u: &&BlockedUser| {
        vec![
            fit(&u.nickname, name_w),
            safe(&u.phone),
            fit(&u.st_account, name_w),
        ]
    };
    let header = vec![
        t.nickname.to_owned(),
        state.s().phone.to_owned(),
        t.st_account.to_owned(),
    ];
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(13),
        Constraint::Fill(1),
    ];
    let cursor = sta.blacklist_list.at(rows.len());
    let columns = TableColumns {
        header,
        widths: &widths,
    };
    table_of(frame, theme, area, b, columns, &rows, row, cursor);
}
