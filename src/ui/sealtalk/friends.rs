//! SealTalk's Friends pane: name (remark or nickname), phone, gender, SealTalk ID; the
//! incoming requests counted in the title.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

use super::{TableColumns, block, fit, placeholder, safe, single, st, table_of};
use crate::api::sealtalk::model::Friendship;
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
    let (list, details) = crate::geometry::friend_details(area);
    let name_w = (list.width as usize).saturating_sub(2 + 13 + 7 + 3) / 2;
    let row = |f: &&Friendship| {
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
    };
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
    let columns = TableColumns {
        header,
        widths: &widths,
    };
    table_of(frame, theme, list, b, columns, &rows, row, cursor);
    if let (Some(details), Some(friend)) = (details, friends::selected(state)) {
        friend_details(state, theme, frame, details, friend);
    }
}

/// The selected friend: their picture, then who they are.
fn friend_details(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    friend: &crate::api::sealtalk::model::Friendship,
) {
    use ratatui::text::{Line, Span};
    use ratatui::widgets::{Block, Paragraph};
    let t = st(state);
    let block = Block::bordered()
        .title(format!(" {} ", fit(friend.name(), 28)))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let pictures = state.settings.images != crate::settings::ImageMode::Off;
    let pic_h = if pictures { 8.min(inner.height / 2) } else { 0 };
    if pic_h > 0 {
        let pic = Rect::new(
            inner.x + (inner.width - pic_h * 2) / 2,
            inner.y,
            pic_h * 2,
            pic_h,
        );
        crate::ui::picture::draw_picture(state, theme, frame, pic, &friend.user.portrait_uri);
    }
    let label = |text: &str| Span::styled(format!("{} ", crate::text::pad(text, 10)), theme.label);
    let value = |text: &str| Span::styled(fit(text, 20), theme.text);
    let gender = match friend.user.gender.as_str() {
        "female" => t.female.to_owned(),
        "male" => t.male.to_owned(),
        other => safe(other),
    };
    let lines = vec![
        Line::from(vec![label(t.name), value(&friend.user.nickname)]),
        Line::from(vec![label(state.s().phone), value(&friend.user.phone)]),
        Line::from(vec![label(t.gender), value(&gender)]),
        Line::from(vec![label(t.st_account), value(&friend.user.st_account)]),
    ];
    let text = Rect {
        y: inner.y + pic_h + u16::from(pic_h > 0),
        height: inner.height.saturating_sub(pic_h + u16::from(pic_h > 0)),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), text);
}
