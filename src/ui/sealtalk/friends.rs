//! SealTalk's Friends pane: name (remark or nickname), phone, gender, SealTalk ID; the
//! incoming requests counted in the title.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use super::{block, fit, placeholder, safe, single, st, table};
use crate::app::sealtalk::{StSlot, friends, loading};
use crate::app::state::AppState;
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = st(state);
    let sta = &state.account.sealtalk;
    let rows = friends::rows(state);
    let incoming = friends::incoming(state);
    let mut title = format!(" {} ", t.friends_title);
    if sta.friends.value.is_some() {
        title = format!(
            " {} {} · {incoming} {} ",
            t.friends_title,
            rows.len(),
            t.incoming
        );
    }
    let b = block(state, title, theme, Some(&sta.friends_list));
    let busy = loading(state, StSlot::Friends);
    if let Some(line) = placeholder(state, theme, &sta.friends, busy, rows.is_empty()) {
        return single(frame, b, area, line);
    }
    let name_w = (area.width as usize).saturating_sub(2 + 13 + 7 + 3) / 2;
    let cells = rows
        .iter()
        .map(|f| {
            let gender = match f.user.gender.as_str() {
                "female" => t.female.to_owned(),
                "male" => t.male.to_owned(),
                other => safe(other),
            };
            vec![
                fit(f.name(), name_w),
                safe(&f.user.phone),
                gender,
                fit(&f.user.st_account, name_w),
            ]
        })
        .collect();
    let header = vec![
        t.name.to_owned(),
        state.s().phone.to_owned(),
        t.gender.to_owned(),
        t.st_account.to_owned(),
    ];
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(13),
        Constraint::Length(6),
        Constraint::Fill(1),
    ];
    let cursor = sta.friends_list.at(rows.len());
    table(frame, theme, area, b, header, cells, &widths, cursor);
}
