//! The medals, coins, discover and settings panes, and their popups. Lists draw only the
//! rows in their window, so a frame costs the same with 100 records or 100 000.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Cell, Chart, Dataset, GraphType, Paragraph, Row, Table, TableState, Wrap,
};
use unicode_width::UnicodeWidthStr;

use super::field::input_line;
use super::theme::Theme;
use super::{centered, clear_popup, pad, placeholder, spinner, wrap};
use crate::app::discover::share_link;
use crate::app::filter::{self, FilterList};
use crate::app::paged::Paged;
use crate::app::remote::Remote;
use crate::app::state::{AppState, CoinFilter, Popup, SETTING_ROWS, SettingRow, Tab};
use crate::geometry;
use crate::i18n::{describe, fill};
use crate::output::{money, signed_money};
use crate::text::{ellipsize, safe, safe_fit, safe_text};
use crate::timefmt::{local_date, local_datetime};

fn block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered().title(title).border_style(theme.border)
}

/// Loading / failed / empty, for a remote list; `true` if it drew one of them.
fn remote_state<T>(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    title: String,
    remote: &Remote<Vec<T>>,
) -> bool {
    let lines = match placeholder(state, theme, remote) {
        Some(lines) => lines,
        None if remote.value.as_ref().is_some_and(Vec::is_empty) => {
            vec![Line::styled(state.s().empty, theme.dim)]
        }
        None => return false,
    };
    // A long error wraps inside the border instead of being cut by it.
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(title, theme)),
        area,
    );
    true
}

/// Loading / failed / empty, for a paged list with nothing loaded yet.
fn paged_state<T>(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    title: String,
    list: &Paged<T>,
    shown: usize,
) -> bool {
    let s = state.s();
    let lines = match (&list.error, list.pages) {
        (Some((_, e)), 0) => vec![
            Line::styled(format!("{}: {}", s.failed, describe(e, s)), theme.error),
            Line::styled(s.retry_hint, theme.dim),
        ],
        (None, 0) => vec![Line::styled(
            format!("{} {}", spinner(state), s.loading),
            theme.dim,
        )],
        _ if shown == 0 && list.complete => vec![Line::styled(s.empty, theme.dim)],
        _ => return false,
    };
    // A long error wraps inside the border instead of being cut by it.
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(title, theme)),
        area,
    );
    true
}

/// The last row of a paged list: more is coming, or the page failed (Enter retries). The
/// failure's text is drawn over the whole row afterwards by [`tail_error`] (a cell would
/// cut it at the first column).
fn tail_row<T>(
    state: &AppState,
    theme: &Theme,
    list: &Paged<T>,
    height: u16,
) -> Option<Row<'static>> {
    let s = state.s();
    if list.error.is_some() {
        return Some(Row::new([Cell::from("")]).height(height));
    }
    list.pending.map(|_| {
        Row::new([Cell::from(Span::styled(
            format!("{} {}", spinner(state), s.loading_more),
            theme.dim,
        ))])
        .height(height)
    })
}

/// The `/` filter of `list`, drawn on the bottom border of its box `area` while it is typed
/// in or applied: the text, the match count, and (while typing) the keys. The list keeps
/// all its rows.
fn filter_bar(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect, list: FilterList) {
    let f = state.filters.get(list);
    if !(f.editing || f.is_active()) || area.height < 3 || area.width < 12 {
        return;
    }
    let s = state.s();
    let y = area.bottom() - 1;
    let right = area.right().saturating_sub(1);
    let mut x = area.x + 1;
    let label = format!(" / {}: ", s.find);
    let buf = frame.buffer_mut();
    buf.set_stringn(x, y, &label, usize::from(right - x), theme.accent);
    x += label.width() as u16;
    let input_w = 20.min(right.saturating_sub(x + 1));
    let input_area = Rect::new(x, y, input_w, 1);
    // Over the border: the box's cells are blanked first.
    let style = if f.editing {
        theme.input_focused
    } else {
        theme.input
    };
    buf.set_string(x, y, " ".repeat(usize::from(input_w)), style);
    let cursor = input_line(frame, input_area, &f.input, false, style, f.editing);
    if let Some(at) = cursor {
        frame.set_cursor_position(at);
    }
    x += input_w;
    // The count is said whole or not at all; then the keys, if they fit.
    // Coins: of the records loaded so far ("12+" until all are in).
    let more = list == FilterList::Coins && !state.coins.list.complete;
    let count = format!(
        "{}{}",
        filter::match_count(state, list),
        if more { "+" } else { "" }
    );
    let mut tail = vec![fill(s.find_matches, &[&count])];
    if f.editing {
        tail.push(s.find_keys.to_owned());
    }
    let buf = frame.buffer_mut();
    for part in tail {
        let text = format!(" {part} ");
        let w = text.width() as u16;
        if x + w > right {
            break;
        }
        buf.set_string(x, y, &text, theme.dim);
        x += w;
    }
}

/// A failed page's message over the whole width of its tail row (the `before` rows of
/// `row_h` lines above it), wrapped into the row's `height` lines.
fn tail_error<T>(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    table: Rect,
    (before, row_h, height): (usize, u16, u16),
    list: &Paged<T>,
) {
    let Some((_, e)) = &list.error else { return };
    let s = state.s();
    let y = table.y + 2 + before as u16 * row_h;
    let width = table.width.saturating_sub(2);
    if y + height > table.bottom().saturating_sub(1) || width < 4 {
        return;
    }
    let text = fill(s.page_failed, &[&describe(e, s)]);
    let mut lines = wrap(&text, usize::from(width));
    if lines.len() > usize::from(height) {
        lines.truncate(usize::from(height));
        if let Some(last) = lines.last_mut() {
            *last = ellipsize(last, usize::from(width));
        }
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::styled(l, theme.error))
        .collect();
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(table.x + 1, y, width, height),
    );
}

// ---- medals -----------------------------------------------------------------------------

pub fn medals(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let title = format!(" {} ", s.tabs[1]);
    if remote_state(state, theme, frame, area, title.clone(), &state.medals) {
        return;
    }
    let list = state.medals.value.as_deref().unwrap_or_default();
    let (table_area, detail_area) = geometry::medals_split(area);
    let rows_fit = geometry::table_rows(table_area, 1);
    let c = state.medal_cursor;
    // The medals the `/` filter leaves (all of them without one); only the window is drawn.
    let shown = filter::medals_len(state);
    let window = || {
        filter::medals(state)
            .skip(c.offset)
            .take(rows_fit)
            .filter_map(|i| list.get(i))
    };
    // Numbers are never cut: their columns are as wide as the widest number on screen.
    let sort_w = window()
        .map(|m| m.sort.to_string().len())
        .chain([6, s.sort.width()])
        .max()
        .unwrap_or(6) as u16;
    let id_w = window()
        .map(|m| m.id.to_string().len())
        .chain([6, s.id.width()])
        .max()
        .unwrap_or(6) as u16;
    let rows = window().map(|m| {
        Row::new([
            m.sort.to_string(),
            m.id.to_string(),
            safe(&m.name).into_owned(),
        ])
    });
    let header = Row::new([s.sort, s.id, s.medals]).style(theme.label);
    let title = format!("{title}· {} ", fill(s.medal_count, &[&list.len()]));
    let table = Table::new(
        rows,
        [
            Constraint::Length(sort_w),
            Constraint::Length(id_w),
            Constraint::Min(10),
        ],
    )
    .header(header)
    .row_highlight_style(theme.selected)
    .block(block(title, theme));
    let mut ts =
        TableState::default().with_selected((shown > 0).then(|| c.cursor.saturating_sub(c.offset)));
    frame.render_stateful_widget(table, table_area, &mut ts);
    filter_bar(state, theme, frame, table_area, FilterList::Medals);

    if let Some(m) = filter::medal_at(state, c.cursor).and_then(|i| list.get(i)) {
        let label = |t: &str| Span::styled(format!("{} ", pad(t, 6)), theme.label);
        let lines = vec![
            Line::styled(format!("🏅 {}", safe(&m.name)), theme.title),
            Line::default(),
            Line::from(vec![
                label(s.id),
                Span::styled(m.id.to_string(), theme.text),
            ]),
            Line::from(vec![
                label(s.sort),
                Span::styled(m.sort.to_string(), theme.text),
            ]),
            Line::from(vec![
                label("#"),
                Span::styled(format!("{} / {shown}", c.cursor + 1), theme.text),
            ]),
        ];
        frame.render_widget(
            Paragraph::new(lines).block(block(format!(" {} ", s.detail), theme)),
            detail_area,
        );
    }
}

// ---- coins ------------------------------------------------------------------------------

pub fn coins(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let c = &state.coins;
    let filter_name = s.filters[match c.filter {
        CoinFilter::All => 0,
        CoinFilter::Income => 1,
        CoinFilter::Spending => 2,
    }];
    let total = c.list.total.unwrap_or(c.list.items.len() as i64);
    let mut title = format!(" {} · {} {} ", s.tabs[2], s.filter, filter_name);
    if !c.view.is_empty() {
        let at = c.cursor.cursor + 1;
        let counted = if c.filter == CoinFilter::All {
            fill(s.records_of, &[&at, &total])
        } else {
            // Filtered: the count is of the records loaded so far ("+" until all are in),
            // and the server's total is said as the total of all records.
            let shown = format!("{}{}", c.view.len(), if c.list.complete { "" } else { "+" });
            fill(s.records_of_filtered, &[&at, &shown, &filter_name, &total])
        };
        title.push_str(&format!("· {counted} "));
    }
    if c.list.complete {
        title.push_str(&format!("· {} ", s.all_loaded));
    }
    let (chart_area, table_area) = geometry::coins_split(area);
    if paged_state(
        state,
        theme,
        frame,
        area,
        title.clone(),
        &c.list,
        c.view.len(),
    ) {
        return;
    }
    if chart_area.height > 0 {
        chart(state, theme, frame, chart_area);
    }
    let rows_fit = geometry::table_rows(table_area, 1);
    let window = c.view.iter().skip(c.cursor.offset).take(rows_fit);
    // Numbers are never cut: the change and balance columns grow to the widest on screen.
    let (mut change_w, mut balance_w) = (s.change.width().max(9), s.balance.width().max(9));
    for &i in window.clone() {
        let r = &c.list.items[i];
        change_w = change_w.max(signed_money(r.signed_change()).len());
        balance_w = balance_w.max(money(r.after).len());
    }
    // The remark has what is left (a cut ends in "…" rather than at the border).
    let remark_w = (table_area.width as usize)
        .saturating_sub(2 + 16 + change_w + balance_w + 14 + 4)
        .clamp(6, 40);
    let mut rows: Vec<Row> = window
        .map(|&i| {
            let r = &c.list.items[i];
            let change = r.signed_change();
            let style = if change >= 0.0 {
                theme.income
            } else {
                theme.spending
            };
            let (change, after) = (signed_money(change), money(r.after));
            Row::new([
                Cell::from(local_datetime(r.create_time)),
                Cell::from(Line::from(Span::styled(change, style)).right_aligned()),
                Cell::from(Line::from(after).right_aligned()),
                Cell::from(safe_fit(&r.reason, 14)),
                Cell::from(safe_fit(r.remark(), remark_w)),
            ])
        })
        .collect();
    let before = rows.len();
    // A failed page's row takes two lines where there is room, so its reason is readable.
    let tail_h = if c.list.error.is_some() && before + 2 <= rows_fit {
        2
    } else {
        1
    };
    if rows.len() < rows_fit
        && let Some(tail) = tail_row(state, theme, &c.list, tail_h)
    {
        rows.push(tail);
    }
    if c.view.is_empty() && c.list.complete {
        rows.push(Row::new([Cell::from(Span::styled(s.empty, theme.dim))]));
    }
    let header = Row::new([s.time, s.change, s.balance, s.reason, s.remark]).style(theme.label);
    let widths = [
        Constraint::Length(16),
        Constraint::Length(change_w as u16),
        Constraint::Length(balance_w as u16),
        Constraint::Length(14),
        Constraint::Min(6),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected)
        .block(block(title, theme));
    let mut ts = TableState::default().with_selected(
        (!c.view.is_empty()).then(|| c.cursor.cursor.saturating_sub(c.cursor.offset)),
    );
    frame.render_stateful_widget(table, table_area, &mut ts);
    if before < rows_fit {
        tail_error(
            state,
            theme,
            frame,
            table_area,
            (before, 1, tail_h),
            &c.list,
        );
    }
    filter_bar(state, theme, frame, table_area, FilterList::Coins);
}

fn chart(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let points = &state.coins.chart;
    let block = block(format!(" {} ", state.s().chart_title), theme);
    if points.len() < 2 {
        frame.render_widget(block, area);
        return;
    }
    let (t0, t1) = (
        points[0].0,
        points[points.len() - 1].0.max(points[0].0 + 1.0),
    );
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
    let pad_y = ((hi - lo) * 0.05).max(1.0);
    let dataset = Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(theme.accent)
        .data(points);
    let x_labels = vec![
        Span::styled(local_date(t0 as i64), theme.dim),
        Span::styled(local_date(t1 as i64), theme.dim),
    ];
    let y_labels = vec![
        Span::styled(money(lo), theme.dim),
        Span::styled(money(hi), theme.dim),
    ];
    let chart = Chart::new(vec![dataset])
        .block(block)
        .x_axis(
            Axis::default()
                .bounds([t0, t1])
                .labels(x_labels)
                .style(theme.border),
        )
        .y_axis(
            Axis::default()
                .bounds([lo - pad_y, hi + pad_y])
                .labels(y_labels)
                .style(theme.border),
        );
    frame.render_widget(chart, area);
}

// ---- discover ---------------------------------------------------------------------------

pub use crate::app::discover::{SUB_TAB_MAX, discover_tab_labels, discover_tab_strip};

/// The label under column `x`.
pub use crate::geometry::label_at;

pub fn discover(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (tabs_area, list_area) = geometry::discover_split(area);
    let selected = crate::app::discover::selected(state);
    match &state.categories.value {
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
            let spans: Vec<Span> = placeholder(state, theme, &state.categories)
                .unwrap_or_default()
                .into_iter()
                .flat_map(|l| l.spans)
                .collect();
            frame.render_widget(Paragraph::new(Line::from(spans)), tabs_area);
        }
    }
    if state.show_bots {
        bots(state, theme, frame, list_area);
    } else {
        groups(state, theme, frame, list_area);
    }
}

/// An introduction in two lines of `width` columns (server text, made safe first); the
/// second ends in one `…` when there is more.
pub fn two_lines(text: &str, width: usize) -> String {
    let width = width.max(4);
    let mut lines = wrap(&safe_text(text), width);
    if lines.len() > 2 {
        lines.truncate(2);
        lines[1] = ellipsize(&lines[1], width);
    }
    lines.join("\n")
}

fn groups(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let g = &state.groups;
    let mut title = format!(" {} · {} ", s.groups, safe_fit(&g.category, SUB_TAB_MAX));
    if !g.keyword.is_empty() || state.search.is_some() {
        let typed = state
            .search
            .as_ref()
            .map_or(g.keyword.as_str(), |b| b.input.value());
        title.push_str(&format!("· {} “{}” ", s.search, safe_fit(typed, 30)));
    }
    if g.list.complete && !g.list.items.is_empty() {
        title.push_str(&format!("· {} {} ", g.list.items.len(), s.all_loaded));
    }
    let (list_area, search_area) = if state.search.is_some() {
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
        && let Some(tail) = tail_row(state, theme, &g.list, h)
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
    let Some(search) = &state.search else { return };
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
    if remote_state(state, theme, frame, area, title.clone(), &state.bots) {
        return;
    }
    let list = state.bots.value.as_deref().unwrap_or_default();
    let h = geometry::GROUP_ROW_HEIGHT;
    let rows_fit = geometry::table_rows(area, h);
    let intro_w = (area.width as usize).saturating_sub(18 + 8 + 8 + 8).max(10);
    let c = state.bot_cursor;
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
        .distribution
        .value
        .as_ref()
        .map(|d| d.share_url.as_str())
        .filter(|u| !u.is_empty());
    let (name, chat_id, kind, facts, intro) = match &state.popup {
        Some(Popup::Group(i)) => {
            let Some(g) = state.groups.list.items.get(*i) else {
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
            )
        }
        Some(Popup::Bot(i)) => {
            let Some(b) = state.bots.value.as_ref().and_then(|l| l.get(*i)) else {
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
            )
        }
        _ => return,
    };
    let width = area.width.saturating_sub(8).min(76);
    let inner_w = width.saturating_sub(4) as usize;
    let label = |t: &str| Span::styled(format!("{} ", pad(t, 10)), theme.label);
    let mut lines = vec![Line::from(vec![
        label(s.id),
        Span::styled(safe(chat_id).into_owned(), theme.text),
    ])];
    for (k, v) in facts {
        lines.push(Line::from(vec![label(k), Span::styled(v, theme.text)]));
    }
    lines.push(Line::default());
    let intro = if intro.is_empty() {
        std::borrow::Cow::Borrowed("—")
    } else {
        safe_text(intro)
    };
    for l in wrap(&intro, inner_w) {
        lines.push(Line::styled(l, theme.text));
    }
    lines.push(Line::default());
    let link = share
        .map(|u| safe(&share_link(u, chat_id, kind)).into_owned())
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
    let rect = centered(area, width, (lines.len() as u16 + 2).min(area.height));
    clear_popup(frame, rect);
    let title = format!(" {} ", safe_fit(name, inner_w.saturating_sub(2)));
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title).border_style(theme.accent)),
        rect,
    );
}

// ---- settings ---------------------------------------------------------------------------

pub use crate::app::settings_view::{
    SettingLine, setting_at_line, setting_label, setting_lines, setting_prefix, setting_value,
    settings_scroll,
};

pub fn settings(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let cursor = state.cursor[Tab::Settings.index()];
    let (label_w, prefix) = setting_prefix(state);
    let room = (area.width as usize).saturating_sub(2 + prefix);
    let sections = [s.section_app, s.section_account, s.section_service];
    let setting_lines = setting_lines(state, area.width);
    let inner_h = area.height.saturating_sub(2) as usize;
    let scroll = settings_scroll(&setting_lines, cursor, inner_h);
    let change_hint = format!("   Enter {}", s.key_change);
    // Only the lines in view are built.
    let mut lines = Vec::with_capacity(inner_h);
    for (n, line) in setting_lines.iter().enumerate().skip(scroll).take(inner_h) {
        let value_style = |failed: bool| if failed { theme.error } else { theme.text };
        let selected = line.row() == Some(cursor);
        let built = match line {
            SettingLine::Section(i) => Line::styled(
                format!(" {}", sections[(*i).min(2)]),
                theme.title.add_modifier(Modifier::UNDERLINED),
            ),
            SettingLine::Row {
                index,
                value,
                failed,
            } => {
                let row = SETTING_ROWS[*index];
                let marker = if selected { "›" } else { " " };
                Line::from(vec![
                    Span::styled(
                        format!(" {marker} {} ", pad(&setting_label(state, row), label_w)),
                        if selected { theme.accent } else { theme.label },
                    ),
                    Span::styled(value.clone(), value_style(*failed)),
                ])
            }
            SettingLine::More { text, failed, .. } => Line::from(vec![
                Span::raw(" ".repeat(prefix)),
                Span::styled(text.clone(), value_style(*failed)),
            ]),
        };
        let mut built = built;
        // The change hint, after the row's last line, when it fits whole.
        let last_of_row = setting_lines.get(n + 1).and_then(SettingLine::row) != line.row();
        if selected && last_of_row {
            let row = SETTING_ROWS[cursor.min(SETTING_ROWS.len() - 1)];
            let used = built.width().saturating_sub(prefix);
            if !matches!(
                row,
                SettingRow::Limits | SettingRow::Versions | SettingRow::Gray
            ) && used + change_hint.width() <= room
            {
                built
                    .spans
                    .push(Span::styled(change_hint.clone(), theme.dim));
            }
        }
        lines.push(if selected {
            built.style(theme.selected)
        } else {
            built
        });
    }
    frame.render_widget(
        Paragraph::new(lines).block(block(format!(" {} ", s.tabs[4]), theme)),
        area,
    );
    filter_bar(state, theme, frame, area, FilterList::Settings);
}

/// The settings popups: one text setting, or a verification flow.
pub fn settings_popup(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    match &state.popup {
        Some(Popup::SettingInput { row, input, error }) => {
            let width = area.width.saturating_sub(8).min(70);
            let rect = centered(area, width, 6);
            clear_popup(frame, rect);
            let b = Block::bordered()
                .title(format!(" {} ", setting_label(state, *row)))
                .border_style(theme.accent);
            let inner = b.inner(rect);
            frame.render_widget(b, rect);
            let input_area = Rect {
                x: inner.x + 1,
                y: inner.y,
                width: inner.width.saturating_sub(2),
                height: 1,
            };
            if let Some(at) = input_line(frame, input_area, input, false, theme.input_focused, true)
            {
                frame.set_cursor_position(at);
            }
            if let Some(e) = error {
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("✗ {e}"), theme.error)),
                    Rect {
                        y: inner.y + 1,
                        ..input_area
                    },
                );
            }
            let hints = super::hint_spans(
                &[("Enter".into(), s.key_save), ("Esc".into(), s.key_cancel)],
                theme,
            );
            frame.render_widget(
                Paragraph::new(Line::from(hints)),
                Rect {
                    y: inner.y + 3,
                    ..input_area
                },
            );
        }
        // Drawn by `login::verify_popup` (with the captcha, at every size).
        Some(Popup::Verify(form)) => {
            super::login::verify_popup(state, form, theme, frame, area, area)
        }
        _ => {}
    }
}
