//! The Discover pane: the category sub-tabs, the groups (or the bots), keyword search,
//! and the details popup with the share link.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::field::input_line;
use super::list::{block, filter_bar, paged_state, remote_state, tail_error, tail_row};
use super::theme::Theme;
use super::{centered, clear_popup, pad, placeholder, spinner, wrap};
use crate::app::discover::share_link;
use crate::app::filter::{self, FilterList};
use crate::app::requests::Slot;
use crate::app::state::{AppState, Popup};
use crate::geometry;
use crate::text::{ellipsize, safe_fit};
use crate::timefmt::local_date;

use crate::app::discover::{SUB_TAB_MAX, discover_tab_strip};

pub fn discover(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (tabs_area, list_area) = geometry::discover_split(area);
    let selected = crate::app::discover::selected(state);
    match &state.account.discover.categories.value {
        Some(_) => {
            let (labels, left, right) = discover_tab_strip(state, tabs_area.width);
            let buf = frame.buffer_mut();
            if left {
                buf.set_string(tabs_area.x + 1, tabs_area.y, "‹", theme.dim);
            }
            let mut end = tabs_area.x;
            for (i, (label, a, b)) in labels.iter().enumerate() {
                if a == b {
                    continue;
                }
                let style = if i == selected {
                    theme.tab_active
                } else {
                    theme.tab
                };
                buf.set_stringn(
                    tabs_area.x + a,
                    tabs_area.y,
                    label,
                    usize::from(b - a),
                    style,
                );
                end = tabs_area.x + b;
            }
            if right && end + 1 < tabs_area.right() {
                buf.set_string(end + 1, tabs_area.y, "›", theme.dim);
            }
        }
        None => {
            let spans: Vec<Span> = placeholder(state, theme, &state.account.discover.categories)
                .unwrap_or_default()
                .into_iter()
                .flat_map(|l| l.spans)
                .collect();
            frame.render_widget(Paragraph::new(Line::from(spans)), tabs_area);
        }
    }
    if state.account.discover.show_bots {
        bots(state, theme, frame, list_area);
    } else {
        groups(state, theme, frame, list_area);
    }
}

/// An introduction in two lines of `width` columns (server text, made safe first); the
/// second ends in one `…` when there is more.
pub fn two_lines(text: &str, width: usize) -> String {
    let width = width.max(4);
    let mut lines = wrap(&crate::sanitize::text(text), width);
    if lines.len() > 2 {
        lines.truncate(2);
        lines[1] = ellipsize(&lines[1], width);
    }
    lines.join("\n")
}

fn groups(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let g = &state.account.discover.groups;
    let mut title = format!(" {} · {} ", s.groups, safe_fit(&g.category, SUB_TAB_MAX));
    if !g.keyword.is_empty() || state.account.discover.search.is_some() {
        let typed = state
            .account
            .discover
            .search
            .as_ref()
            .map_or(g.keyword.as_str(), |b| b.input.value());
        title.push_str(&format!("· {} “{}” ", s.search, safe_fit(typed, 30)));
    }
    if g.list.complete && !g.list.items.is_empty() {
        title.push_str(&format!("· {} {} ", g.list.items.len(), s.all_loaded));
    }
    let (list_area, search_area) = if state.account.discover.search.is_some() {
        (
            Rect {
                height: area.height.saturating_sub(1),
                ..area
            },
            Some(Rect {
                y: area.bottom().saturating_sub(1),
                height: 1,
                ..area
            }),
        )
    } else {
        (area, None)
    };
    if let Some(search_area) = search_area {
        search_line(state, theme, frame, search_area);
    }
    if paged_state(
        state,
        theme,
        frame,
        list_area,
        title.clone(),
        &g.list,
        g.list.items.len(),
    ) {
        return;
    }
    let h = geometry::GROUP_ROW_HEIGHT;
    let rows_fit = geometry::table_rows(list_area, h);
    let window = || g.list.items.iter().skip(g.cursor.offset).take(rows_fit);
    // The member count is never cut; the name gives way to the introduction when narrow.
    let members_w = window()
        .map(|x| x.headcount.to_string().len())
        .chain([7, s.members.width()])
        .max()
        .unwrap_or(7);
    let inner = (list_area.width as usize).saturating_sub(2);
    let name_w = (inner.saturating_sub(members_w + 10 + 3) / 2).clamp(12, 30);
    let intro_w = inner.saturating_sub(name_w + members_w + 10 + 3).max(10);
    let mut rows: Vec<Row> = window()
        .map(|x| {
            Row::new([
                Cell::from(safe_fit(&x.nickname, name_w)),
                Cell::from(Line::from(x.headcount.to_string()).right_aligned()),
                Cell::from(local_date(x.create_time)),
                Cell::from(two_lines(&x.introduction, intro_w)),
            ])
            .height(h)
        })
        .collect();
    let before = rows.len();
    if rows.len() < rows_fit
        && let Some(tail) = tail_row(
            state,
            theme,
            &g.list,
            state.account.loading(Slot::Groups),
            h,
        )
    {
        rows.push(tail);
    }
    let header = Row::new([s.groups, s.members, s.created, s.introduction]).style(theme.label);
    let widths = [
        Constraint::Length(name_w as u16),
        Constraint::Length(members_w as u16),
        Constraint::Length(10),
        Constraint::Min(10),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected)
        .block(block(title, theme));
    let mut ts =
        TableState::default().with_selected(Some(g.cursor.cursor.saturating_sub(g.cursor.offset)));
    frame.render_stateful_widget(table, list_area, &mut ts);
    if before < rows_fit {
        tail_error(state, theme, frame, list_area, (before, h, h), &g.list);
    }
}

fn search_line(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(search) = &state.account.discover.search else {
        return;
    };
    let s = state.s();
    let label = format!(" / {} ", s.search);
    let lw = label.width() as u16;
    frame.render_widget(
        Paragraph::new(Span::styled(label, theme.accent)),
        Rect {
            width: lw.min(area.width),
            ..area
        },
    );
    let input_area = Rect {
        x: area.x + lw,
        width: area.width.saturating_sub(lw).min(30),
        ..area
    };
    if let Some(at) = input_line(
        frame,
        input_area,
        &search.input,
        false,
        theme.input_focused,
        true,
    ) {
        frame.set_cursor_position(at);
    }
    // The hint's parts ("… · Enter done · Esc clears") are shown whole or not at all.
    let hint_x = input_area.right() + 1;
    if hint_x < area.right() {
        let parts: Vec<&str> = s.search_hint.split(" · ").collect();
        let room = usize::from(area.right() - hint_x);
        let n = crate::text::whole_items(
            parts
                .iter()
                .enumerate()
                .map(|(i, p)| p.width() + if i > 0 { 3 } else { 0 }),
            room,
        );
        frame.render_widget(
            Paragraph::new(Span::styled(parts[..n].join(" · "), theme.dim)),
            Rect {
                x: hint_x,
                width: area.right() - hint_x,
                ..area
            },
        );
    }
}

fn bots(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let title = format!(" {} ", s.bots);
    if remote_state(
        state,
        theme,
        frame,
        area,
        title.clone(),
        &state.account.discover.bots,
    ) {
        return;
    }
    let list = state
        .account
        .discover
        .bots
        .value
        .as_deref()
        .unwrap_or_default();
    let h = geometry::GROUP_ROW_HEIGHT;
    let rows_fit = geometry::table_rows(area, h);
    let intro_w = (area.width as usize).saturating_sub(18 + 8 + 8 + 8).max(10);
    let c = state.account.discover.bot_cursor;
    let rows = filter::bots(state)
        .skip(c.offset)
        .take(rows_fit)
        .filter_map(|i| list.get(i))
        .map(|b| {
            Row::new([
                Cell::from(safe_fit(&b.nickname, 18)),
                Cell::from(Line::from(b.headcount.to_string()).right_aligned()),
                Cell::from(if b.is_add { "✓" } else { "—" }),
                Cell::from(two_lines(&b.introduction, intro_w)),
            ])
            .height(h)
        });
    let header = Row::new([s.bots, s.users, s.can_add, s.introduction]).style(theme.label);
    let widths = [
        Constraint::Length(18),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Min(10),
    ];
    let title = format!("{title}· {} ", list.len());
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected)
        .block(block(title, theme));
    let mut ts = TableState::default().with_selected(Some(c.cursor.saturating_sub(c.offset)));
    frame.render_stateful_widget(table, area, &mut ts);
    filter_bar(state, theme, frame, area, FilterList::Bots);
}

/// The group or bot detail popup.
pub fn detail_popup(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let share = state
        .account
        .settings
        .distribution
        .value
        .as_ref()
        .map(|d| d.share_url.as_str())
        .filter(|u| !u.is_empty());
    let (name, chat_id, kind, facts, intro, avatar) = match &state.account.popup {
        Some(Popup::Group(i)) => {
            let Some(g) = state.account.discover.groups.list.items.get(*i) else {
                return;
            };
            let facts = vec![
                (s.members, g.headcount.to_string()),
                (s.created, local_date(g.create_time)),
            ];
            (
                g.nickname.as_str(),
                g.chat_id.as_str(),
                2,
                facts,
                g.introduction.as_str(),
                g.avatar_url.as_str(),
            )
        }
        Some(Popup::Bot(i)) => {
            let Some(b) = state
                .account
                .discover
                .bots
                .value
                .as_ref()
                .and_then(|l| l.get(*i))
            else {
                return;
            };
            let facts = vec![
                (s.users, b.headcount.to_string()),
                (s.can_add, if b.is_add { "✓" } else { "—" }.to_owned()),
            ];
            (
                b.nickname.as_str(),
                b.chat_id.as_str(),
                3,
                facts,
                b.introduction.as_str(),
                b.avatar_url.as_str(),
            )
        }
        _ => return,
    };
    let width = area.width.saturating_sub(8).min(76);
    let inner_w = width.saturating_sub(4) as usize;
    let label = |t: &str| Span::styled(format!("{} ", pad(t, 10)), theme.label);
    let mut head = vec![Line::from(vec![
        label(s.id),
        Span::styled(crate::sanitize::line(chat_id).into_owned(), theme.text),
    ])];
    for (k, v) in facts {
        head.push(Line::from(vec![label(k), Span::styled(v, theme.text)]));
    }
    let mut lines = vec![Line::default()];
    let intro = if intro.is_empty() {
        std::borrow::Cow::Borrowed("—")
    } else {
        crate::sanitize::text(intro)
    };
    for l in wrap(&intro, inner_w) {
        lines.push(Line::styled(l, theme.text));
    }
    lines.push(Line::default());
    let link = share
        .map(|u| crate::sanitize::line(&share_link(u, chat_id, kind)).into_owned())
        .unwrap_or_else(|| format!("{} {}", spinner(state), s.loading));
    lines.push(Line::from(vec![label(s.share_link)]));
    for l in wrap(&link, inner_w) {
        lines.push(Line::styled(l, theme.accent));
    }
    lines.push(Line::default());
    lines.push(Line::from(super::hint_spans(
        &[
            ("c".into(), s.key_copy_link()),
            (
                state.keymap.label(crate::app::keymap::Intent::OpenLink),
                s.key_open_link,
            ),
            ("Esc".into(), s.close),
        ],
        theme,
    )));
    // The picture at the top left, the id and facts beside it, when the screen has room.
    let head_h = head.len() as u16;
    let picture = popup_picture(state, area.height, head_h + lines.len() as u16 + 2);
    let top_h = picture.map_or(head_h, |(_, h)| h.max(head_h));
    let rect = centered(
        area,
        width,
        (top_h + lines.len() as u16 + 2).min(area.height),
    );
    clear_popup(frame, rect);
    let title = format!(" {} ", safe_fit(name, inner_w.saturating_sub(2)));
    let block = Block::bordered().title(title).border_style(theme.accent);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let (pic_w, _) = picture.unwrap_or((0, 0));
    let beside = if pic_w > 0 { pic_w + 2 } else { 0 };
    let head_rect = Rect {
        x: inner.x + beside,
        width: inner.width.saturating_sub(beside),
        height: top_h.min(inner.height),
        ..inner
    };
    frame.render_widget(Paragraph::new(head), head_rect);
    if let Some((w, h)) = picture {
        let at = Rect {
            width: w.min(inner.width),
            height: h.min(inner.height),
            ..inner
        };
        super::picture::draw_picture(state, theme, frame, at, avatar);
    }
    let rest = Rect {
        y: inner.y + head_rect.height,
        height: inner.height.saturating_sub(head_rect.height),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), rest);
}

/// The popup picture's size in cells (twice as wide as high: square in half blocks), when
/// pictures are on and it fits with the popup's `lines` rows in `height`.
fn popup_picture(state: &AppState, height: u16, lines: u16) -> Option<(u16, u16)> {
    if state.settings.images == crate::settings::ImageMode::Off {
        return None;
    }
    let h: u16 = if height >= 34 { 6 } else { 4 };
    // The picture beside the id and facts adds its extra rows to the popup.
    (lines + h.saturating_sub(3) <= height).then_some((h * 2, h))
}
