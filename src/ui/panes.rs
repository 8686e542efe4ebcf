//! The medals, coins, discover and settings panes, and their popups. Lists draw only the
//! rows in their window, so a frame costs the same with 100 records or 100 000.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Cell, Chart, Dataset, GraphType, Paragraph, Row, Table, TableState,
};
use unicode_width::UnicodeWidthStr;

use super::edit::input_line;
use super::theme::Theme;
use super::{centered, clear_popup, layout, pad, placeholder, spinner, wrap};
use crate::app::discover::share_link;
use crate::app::i18n::{describe, fill};
use crate::app::paged::Paged;
use crate::app::remote::Remote;
use crate::app::state::{AppState, CoinFilter, Popup, SETTING_ROWS, SettingRow, Tab};
use crate::app::verify::{VerifyField, VerifyKind};
use crate::output::{fit_width, money, signed_money};
use crate::settings::{Language, ThemeName};
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
    frame.render_widget(Paragraph::new(lines).block(block(title, theme)), area);
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
    frame.render_widget(Paragraph::new(lines).block(block(title, theme)), area);
    true
}

/// The last row of a paged list: more is coming, or the page failed (Enter retries).
fn tail_row<T>(
    state: &AppState,
    theme: &Theme,
    list: &Paged<T>,
    height: u16,
) -> Option<Row<'static>> {
    let s = state.s();
    if let Some((_, e)) = &list.error {
        return Some(
            Row::new([Cell::from(Span::styled(
                fill(s.page_failed, &[&describe(e, s)]),
                theme.error,
            ))])
            .height(height),
        );
    }
    list.pending.map(|_| {
        Row::new([Cell::from(Span::styled(
            format!("{} {}", spinner(state), s.loading_more),
            theme.dim,
        ))])
        .height(height)
    })
}

// ---- medals -----------------------------------------------------------------------------

pub fn medals(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let title = format!(" {} ", s.tabs[1]);
    if remote_state(state, theme, frame, area, title.clone(), &state.medals) {
        return;
    }
    let list = state.medals.value.as_deref().unwrap_or_default();
    let (table_area, detail_area) = layout::medals_split(area);
    let rows_fit = layout::table_rows(table_area, 1);
    let c = state.medal_cursor;
    let rows = list
        .iter()
        .skip(c.offset)
        .take(rows_fit)
        .map(|m| Row::new([m.sort.to_string(), m.id.to_string(), m.name.clone()]));
    let header = Row::new([s.sort, s.id, s.medals]).style(theme.label);
    let title = format!("{title}· {} ", fill(s.medal_count, &[&list.len()]));
    let table = Table::new(
        rows,
        [
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Min(10),
        ],
    )
    .header(header)
    .row_highlight_style(theme.selected)
    .block(block(title, theme));
    let mut ts = TableState::default().with_selected(Some(c.cursor.saturating_sub(c.offset)));
    frame.render_stateful_widget(table, table_area, &mut ts);

    if let Some(m) = list.get(c.cursor) {
        let label = |t: &str| Span::styled(format!("{} ", pad(t, 6)), theme.label);
        let lines = vec![
            Line::styled(format!("🏅 {}", m.name), theme.title),
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
                Span::styled(format!("{} / {}", c.cursor + 1, list.len()), theme.text),
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
        title.push_str(&format!(
            "· {} ",
            fill(s.records_of, &[&(c.cursor.cursor + 1), &total])
        ));
    }
    if c.list.complete {
        title.push_str(&format!("· {} ", s.all_loaded));
    }
    let (chart_area, table_area) = layout::coins_split(area);
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
    let rows_fit = layout::table_rows(table_area, 1);
    let window = c.view.iter().skip(c.cursor.offset).take(rows_fit);
    let mut rows: Vec<Row> = window
        .map(|&i| {
            let r = &c.list.items[i];
            let change = r.signed_change();
            let style = if change >= 0.0 {
                theme.income
            } else {
                theme.spending
            };
            Row::new([
                Cell::from(local_datetime(r.create_time)),
                Cell::from(Line::from(Span::styled(signed_money(change), style)).right_aligned()),
                Cell::from(Line::from(money(r.after)).right_aligned()),
                Cell::from(r.reason.to_string()),
                Cell::from(fit_width(r.remark(), 40)),
            ])
        })
        .collect();
    if rows.len() < rows_fit
        && let Some(tail) = tail_row(state, theme, &c.list, 1)
    {
        rows.push(tail);
    }
    if c.view.is_empty() && c.list.complete {
        rows.push(Row::new([Cell::from(Span::styled(s.empty, theme.dim))]));
    }
    let header = Row::new([s.time, s.change, s.balance, s.reason, s.remark]).style(theme.label);
    let widths = [
        Constraint::Length(16),
        Constraint::Length(9),
        Constraint::Length(9),
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

/// The sub-tab labels (categories, then the bots) and their columns.
pub fn discover_tab_labels(state: &AppState) -> Vec<(String, u16, u16)> {
    let mut names: Vec<String> = state.categories.value.clone().unwrap_or_default();
    names.push(format!("🤖 {}", state.s().bots));
    let mut x = 1u16;
    names
        .into_iter()
        .map(|n| {
            let label = format!(" {n} ");
            let w = label.width() as u16;
            let item = (label, x, x + w);
            x += w + 1;
            item
        })
        .collect()
}

/// The label under column `x`.
pub fn label_at(labels: &[(String, u16, u16)], x: u16) -> Option<usize> {
    labels.iter().position(|(_, a, b)| (*a..*b).contains(&x))
}

pub fn discover(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (tabs_area, list_area) = layout::discover_split(area);
    let selected = crate::app::discover::selected(state);
    let tabs: Vec<Span> = match &state.categories.value {
        Some(_) => {
            let mut spans = vec![Span::raw(" ")];
            for (i, (label, _, _)) in discover_tab_labels(state).into_iter().enumerate() {
                spans.push(Span::styled(
                    label,
                    if i == selected {
                        theme.tab_active
                    } else {
                        theme.tab
                    },
                ));
                spans.push(Span::raw(" "));
            }
            spans
        }
        None => placeholder(state, theme, &state.categories)
            .unwrap_or_default()
            .into_iter()
            .flat_map(|l| l.spans)
            .collect(),
    };
    frame.render_widget(Paragraph::new(Line::from(tabs)), tabs_area);
    if state.show_bots {
        bots(state, theme, frame, list_area);
    } else {
        groups(state, theme, frame, list_area);
    }
}

fn two_lines(text: &str, width: usize) -> String {
    let mut lines = wrap(text, width.max(4));
    if lines.len() > 2 {
        lines.truncate(2);
        lines[1] = fit_width(&format!("{}……", lines[1]), width);
    }
    lines.join("\n")
}

fn groups(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let g = &state.groups;
    let mut title = format!(" {} · {} ", s.groups, g.category);
    if !g.keyword.is_empty() || state.search.is_some() {
        let typed = state
            .search
            .as_ref()
            .map_or(g.keyword.as_str(), |b| b.input.value());
        title.push_str(&format!("· {} “{typed}” ", s.search));
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
    let h = layout::GROUP_ROW_HEIGHT;
    let rows_fit = layout::table_rows(list_area, h);
    let intro_w = (list_area.width as usize)
        .saturating_sub(30 + 7 + 10 + 8)
        .max(10);
    let mut rows: Vec<Row> = g
        .list
        .items
        .iter()
        .skip(g.cursor.offset)
        .take(rows_fit)
        .map(|x| {
            Row::new([
                Cell::from(fit_width(&x.nickname, 30)),
                Cell::from(Line::from(x.headcount.to_string()).right_aligned()),
                Cell::from(local_date(x.create_time)),
                Cell::from(two_lines(&x.introduction, intro_w)),
            ])
            .height(h)
        })
        .collect();
    if rows.len() < rows_fit
        && let Some(tail) = tail_row(state, theme, &g.list, h)
    {
        rows.push(tail);
    }
    let header = Row::new([s.groups, s.members, s.created, s.introduction]).style(theme.label);
    let widths = [
        Constraint::Length(30),
        Constraint::Length(7),
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
    let hint_x = input_area.right() + 1;
    if hint_x < area.right() {
        frame.render_widget(
            Paragraph::new(Span::styled(s.search_hint, theme.dim)),
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
    let h = layout::GROUP_ROW_HEIGHT;
    let rows_fit = layout::table_rows(area, h);
    let intro_w = (area.width as usize).saturating_sub(18 + 8 + 8 + 8).max(10);
    let c = state.bot_cursor;
    let rows = list.iter().skip(c.offset).take(rows_fit).map(|b| {
        Row::new([
            Cell::from(fit_width(&b.nickname, 18)),
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
                g.nickname.clone(),
                g.chat_id.clone(),
                2,
                facts,
                g.introduction.clone(),
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
                b.nickname.clone(),
                b.chat_id.clone(),
                3,
                facts,
                b.introduction.clone(),
            )
        }
        _ => return,
    };
    let width = area.width.saturating_sub(8).min(76);
    let inner_w = width.saturating_sub(4) as usize;
    let label = |t: &str| Span::styled(format!("{} ", pad(t, 10)), theme.label);
    let mut lines = vec![Line::from(vec![
        label(s.id),
        Span::styled(chat_id.clone(), theme.text),
    ])];
    for (k, v) in facts {
        lines.push(Line::from(vec![label(k), Span::styled(v, theme.text)]));
    }
    lines.push(Line::default());
    for l in wrap(if intro.is_empty() { "—" } else { &intro }, inner_w) {
        lines.push(Line::styled(l, theme.text));
    }
    lines.push(Line::default());
    let link = share
        .map(|u| share_link(u, &chat_id, kind))
        .unwrap_or_else(|| format!("{} {}", spinner(state), s.loading));
    lines.push(Line::from(vec![label(s.share_link)]));
    for l in wrap(&link, inner_w) {
        lines.push(Line::styled(l, theme.accent));
    }
    lines.push(Line::default());
    lines.push(Line::from(super::hint_spans(
        &[("c".into(), s.key_copy_link()), ("Esc".into(), s.close)],
        theme,
    )));
    let rect = centered(area, width, (lines.len() as u16 + 2).min(area.height));
    clear_popup(frame, rect);
    let title = format!(" {} ", fit_width(&name, inner_w.saturating_sub(2)));
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title).border_style(theme.accent)),
        rect,
    );
}

// ---- settings ---------------------------------------------------------------------------

/// The pane's lines: a section title (`None`) or a row of `SETTING_ROWS`.
fn setting_lines() -> Vec<Option<usize>> {
    let mut lines = vec![None];
    for (i, row) in SETTING_ROWS.iter().enumerate() {
        if matches!(row, SettingRow::Notification | SettingRow::Limits) {
            lines.push(None);
        }
        lines.push(Some(i));
    }
    lines
}

/// The settings row on line `line` of the pane's inside (mouse clicks).
pub fn setting_at_line(line: usize) -> Option<usize> {
    setting_lines().get(line).copied().flatten()
}

fn on_off(s: &crate::app::i18n::Strings, on: bool) -> &'static str {
    if on { s.on } else { s.off }
}

fn setting_value(state: &AppState, row: SettingRow) -> (String, bool) {
    let s = state.s();
    let remote_text = |r: Result<String, String>| match r {
        Ok(v) => (v, false),
        Err(e) => (e, true),
    };
    let from = |loading: bool, err: Option<&crate::api::ApiError>| -> Result<String, String> {
        match err {
            Some(e) => Err(describe(e, s)),
            None if loading => Ok(format!("{} {}", spinner(state), s.loading)),
            None => Ok(String::new()),
        }
    };
    match row {
        SettingRow::Server => (state.settings.server.clone(), false),
        SettingRow::Language => (
            s.languages[match state.settings.language {
                Language::Auto => 0,
                Language::Zh => 1,
                Language::En => 2,
            }]
            .into(),
            false,
        ),
        SettingRow::Theme => (
            s.themes[usize::from(state.settings.theme == ThemeName::Light)].into(),
            false,
        ),
        SettingRow::CoinsPage => (state.settings.page_size.coins.to_string(), false),
        SettingRow::GroupsPage => (state.settings.page_size.groups.to_string(), false),
        SettingRow::Mouse => (on_off(s, state.settings.mouse).into(), false),
        SettingRow::Notification => match &state.notification.value {
            Some(n) => (on_off(s, n.is_open).into(), false),
            None => remote_text(from(
                state.notification.is_loading(),
                state.notification.error.as_ref(),
            )),
        },
        SettingRow::Module(id) => match &state.modules.value {
            Some(m) => (on_off(s, m.modules().contains(&id)).into(), false),
            None => remote_text(from(
                state.modules.is_loading(),
                state.modules.error.as_ref(),
            )),
        },
        SettingRow::Phone => {
            let phone = state
                .info
                .value
                .as_ref()
                .map(|i| i.phone.clone())
                .unwrap_or_default();
            (
                if phone.is_empty() {
                    s.none_bound.into()
                } else {
                    super::profile::mask_phone(&phone)
                },
                false,
            )
        }
        SettingRow::Email => {
            let email = state
                .info
                .value
                .as_ref()
                .map(|i| i.email.clone())
                .unwrap_or_default();
            (
                if email.is_empty() {
                    s.none_bound.into()
                } else {
                    super::profile::mask_email(&email)
                },
                false,
            )
        }
        SettingRow::Password | SettingRow::Logout => (String::new(), false),
        SettingRow::Limits => match &state.limits.value {
            Some(l) => {
                let n = |x: f64| format!("{x}");
                let args: [&dyn std::fmt::Display; 6] = [
                    &n(l.image_size_limit_normal),
                    &n(l.image_size_limit_vip),
                    &n(l.file_size_limit_normal),
                    &n(l.file_size_limit_vip),
                    &n(l.video_size_limit_normal),
                    &n(l.video_size_limit_vip),
                ];
                (fill(s.limits_value, &args), false)
            }
            None => remote_text(from(state.limits.is_loading(), state.limits.error.as_ref())),
        },
        SettingRow::Versions => {
            let parts: Vec<String> = state
                .versions
                .iter()
                .map(|(p, r)| match (&r.value, &r.error) {
                    (Some(u), _) => format!("{p} {}", u.version),
                    (None, Some(_)) => format!("{p} ?"),
                    _ => format!("{p} …"),
                })
                .collect();
            (parts.join(" · "), false)
        }
        SettingRow::Gray => match (&state.gray.value, &state.gray.error) {
            (Some(on), _) => (on_off(s, *on).into(), false),
            (None, e) => remote_text(from(state.gray.is_loading(), e.as_ref())),
        },
    }
}

fn setting_label(state: &AppState, row: SettingRow) -> String {
    let s = state.s();
    let has = |f: fn(&crate::proto::user_info::Data) -> &String| {
        state.info.value.as_ref().is_some_and(|i| !f(i).is_empty())
    };
    match row {
        SettingRow::Server => s.server.into(),
        SettingRow::Language => s.language.into(),
        SettingRow::Theme => s.theme.into(),
        SettingRow::CoinsPage => s.coins_page.into(),
        SettingRow::GroupsPage => s.groups_page.into(),
        SettingRow::Mouse => s.mouse.into(),
        SettingRow::Notification => s.notifications.into(),
        SettingRow::Module(id) => format!(
            "{}{}",
            s.module_names[(id / 10).clamp(1, 3) as usize - 1],
            s.vip_only
        ),
        SettingRow::Phone => if has(|i| &i.phone) {
            s.change_phone
        } else {
            s.bind_phone
        }
        .into(),
        SettingRow::Email => if has(|i| &i.email) {
            s.change_email
        } else {
            s.bind_email
        }
        .into(),
        SettingRow::Password => s.change_password.into(),
        SettingRow::Logout => s.key_logout.into(),
        SettingRow::Limits => s.upload_limits.into(),
        SettingRow::Versions => s.versions.into(),
        SettingRow::Gray => s.gray_mode.into(),
    }
}

pub fn settings(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let cursor = state.cursor[Tab::Settings.index()];
    let label_w = SETTING_ROWS
        .iter()
        .map(|r| setting_label(state, *r).width())
        .max()
        .unwrap_or(10);
    let sections = [s.section_app, s.section_account, s.section_service];
    let mut section = 0;
    let mut lines = Vec::new();
    for line in setting_lines() {
        match line {
            None => {
                lines.push(Line::styled(
                    format!(" {}", sections[section.min(2)]),
                    theme.title.add_modifier(Modifier::UNDERLINED),
                ));
                section += 1;
            }
            Some(i) => {
                let row = SETTING_ROWS[i];
                let (value, failed) = setting_value(state, row);
                let selected = i == cursor;
                let marker = if selected { "›" } else { " " };
                let mut spans = vec![
                    Span::styled(
                        format!(" {marker} {} ", pad(&setting_label(state, row), label_w)),
                        if selected { theme.accent } else { theme.label },
                    ),
                    Span::styled(value, if failed { theme.error } else { theme.text }),
                ];
                if selected
                    && !matches!(
                        row,
                        SettingRow::Limits | SettingRow::Versions | SettingRow::Gray
                    )
                {
                    spans.push(Span::styled(
                        format!("   Enter {}", s.key_change),
                        theme.dim,
                    ));
                }
                let line = Line::from(spans);
                lines.push(if selected {
                    line.style(theme.selected)
                } else {
                    line
                });
            }
        }
    }
    let selected_line = setting_lines()
        .iter()
        .position(|l| *l == Some(cursor))
        .unwrap_or(0);
    let inner_h = area.height.saturating_sub(2) as usize;
    let scroll = selected_line.saturating_sub(inner_h.saturating_sub(1)) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .block(block(format!(" {} ", s.tabs[4]), theme))
            .scroll((scroll, 0)),
        area,
    );
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
        Some(Popup::Verify(form)) => verify_popup(state, form, theme, frame, area),
        _ => {}
    }
}

fn verify_popup(
    state: &AppState,
    form: &crate::app::verify::VerifyForm,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let s = state.s();
    let title = match (form.kind, form.replacing) {
        (VerifyKind::Phone, false) => s.bind_phone,
        (VerifyKind::Phone, true) => s.change_phone,
        (VerifyKind::Email, false) => s.bind_email,
        (VerifyKind::Email, true) => s.change_email,
        (VerifyKind::Password, _) => s.change_password,
    };
    let fields = form.fields();
    let show_captcha = form.sent_to.is_none();
    let height = 2
        + 2 * fields.len() as u16
        + 3
        + if show_captcha {
            super::CAPTCHA_ROWS + 1
        } else {
            0
        };
    let rect = centered(area, area.width.saturating_sub(6).min(72), height + 2);
    clear_popup(frame, rect);
    let b = Block::bordered()
        .title(format!(" {title} "))
        .border_style(theme.accent);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    let labels: Vec<(VerifyField, &str)> = fields
        .iter()
        .map(|f| {
            (
                *f,
                match f {
                    VerifyField::Target if form.kind == VerifyKind::Phone => s.phone,
                    VerifyField::Target => s.email,
                    VerifyField::CaptchaText => s.captcha_text,
                    VerifyField::Code => s.verify_code,
                    VerifyField::Password => s.new_password,
                    VerifyField::PasswordAgain => s.password_again,
                },
            )
        })
        .collect();
    let label_w = labels
        .iter()
        .map(|(_, l)| l.width())
        .max()
        .unwrap_or(0)
        .max(s.captcha.width());
    let line = |y: u16| Rect {
        x: inner.x + 1,
        y,
        width: inner.width.saturating_sub(2),
        height: 1,
    };
    let mut y = inner.y + 1;
    if show_captcha {
        y = super::login::captcha_block(state, theme, frame, inner, y, label_w, &form.captcha);
    } else if let Some(to) = &form.sent_to {
        frame.render_widget(
            Paragraph::new(Span::styled(fill(s.code_sent, &[to]), theme.ok)),
            line(y),
        );
        y += 1;
    }
    let mut cursor = None;
    for (field, label) in labels {
        let focused = form.focus == field;
        let marker = if focused { "› " } else { "  " };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{marker}{} ", pad(label, label_w)),
                if focused { theme.accent } else { theme.label },
            )),
            line(y),
        );
        let input = match field {
            VerifyField::Target => &form.target,
            VerifyField::CaptchaText => &form.captcha_text,
            VerifyField::Code => &form.code,
            VerifyField::Password => &form.password,
            VerifyField::PasswordAgain => &form.password_again,
        };
        let x = inner.x + label_w as u16 + 4;
        let area = Rect {
            x,
            y,
            width: inner.right().saturating_sub(x + 1),
            height: 1,
        };
        let masked = matches!(field, VerifyField::Password | VerifyField::PasswordAgain);
        if let Some(at) = input_line(
            frame,
            area,
            input,
            masked,
            if focused {
                theme.input_focused
            } else {
                theme.input
            },
            focused && form.pending.is_none(),
        ) {
            cursor = Some(at);
        }
        y += 2;
    }
    if let Some(n) = &form.notice {
        let text = if form.pending.is_some() {
            format!("{} {}", spinner(state), n.text)
        } else {
            n.text.clone()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                text,
                if n.error { theme.error } else { theme.ok },
            )),
            line(y),
        );
    } else if form.pending.is_some() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{} {}", spinner(state), s.loading),
                theme.dim,
            )),
            line(y),
        );
    }
    y += 1;
    let submit = if form.sent_to.is_none() {
        s.request_code
    } else {
        s.confirm
    };
    let mut spans = vec![Span::styled(submit, theme.accent), Span::raw("  ")];
    spans.extend(super::hint_spans(
        &[
            ("Tab".into(), s.key_next_field),
            ("Esc".into(), s.key_cancel),
        ],
        theme,
    ));
    if y < inner.bottom() {
        frame.render_widget(Paragraph::new(Line::from(spans)), line(y));
    }
    if let Some(at) = cursor {
        frame.set_cursor_position(at);
    }
}
