//! SealTalk's Groups pane: name, my role, members / max, muted, join approval, owner.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use super::{TableColumns, block, fit, placeholder, single, st, table_of};
use crate::api::sealtalk::model::GroupMembership;
use crate::api::sealtalk::model::GroupRole;
use crate::app::sealtalk::{StSlot, groups, loading};
use crate::app::state::AppState;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = st(state);
    let sta = &state.account.sealtalk;
    let rows = groups::rows(state);
    let title = match &sta.groups.value {
        Some(_) => format!(" {} {} ", t.groups_title, rows.len()),
        None => format!(" {} ", t.groups_title),
    };
    let b = block(state, title, theme, Some(&sta.groups_list));
    let busy = loading(state, StSlot::Groups);
    if let Some(line) = placeholder(state, theme, &sta.groups, busy, rows.is_empty()) {
        return single(frame, b, area, line);
    }
    let wide = area.width >= 100;
    let name_w = (area.width as usize).saturating_sub(2 + 8 + 9 + 5 + 5 + 5) / 2;
    let yes_no = |b: bool| if b { t.yes } else { t.no }.to_owned();
    let row = |m: &&GroupMembership| {
        let role = match m.role {
            Some(GroupRole::Owner) => t.roles[0].to_owned(),
            Some(GroupRole::Member) => t.roles[1].to_owned(),
            Some(GroupRole::Manager) => t.roles[2].to_owned(),
            Some(GroupRole::Other(n)) => n.to_string(),
            None => "-".into(),
        };
        let g = &m.group;
        vec![
            fit(&g.name, name_w),
            role,
            format!("{}/{}", g.member_count, g.max_member_count),
            yes_no(g.muted),
            yes_no(g.join_needs_approval()),
            fit(&groups::owner_name(state, &g.creator_id), name_w),
        ]
    };
    let header = vec![
        t.group.to_owned(),
        t.role.to_owned(),
        t.members.to_owned(),
        t.muted.to_owned(),
        t.approval.to_owned(),
        t.owner.to_owned(),
    ];
    let flag = if wide { 8 } else { 4 };
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(7),
        Constraint::Length(9),
        Constraint::Length(flag),
        Constraint::Length(flag),
        Constraint::Fill(1),
    ];
    let cursor = sta.groups_list.at(rows.len());
    let columns = TableColumns {
        header,
        widths: &widths,
    };
    table_of(frame, theme, area, b, columns, &rows, row, cursor);
}
