//! The medals, coins, discover and settings panes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::placeholder;
use super::theme::Theme;
use crate::app::i18n::fill;
use crate::app::state::{AppState, Tab};
use crate::output::{fit_width, money, signed_money};
use crate::timefmt::{local_date, local_datetime};

fn block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::bordered().title(title).border_style(theme.border)
}

fn empty_or<T>(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    title: String,
    remote: &crate::app::remote::Remote<Vec<T>>,
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

fn selected(state: &AppState, tab: Tab) -> TableState {
    TableState::default().with_selected(Some(state.cursor[tab.index()]))
}

pub fn medals(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let title = format!(" {} ", s.tabs[1]);
    if empty_or(state, theme, frame, area, title.clone(), &state.medals) {
        return;
    }
    let list = state.medals.value.as_deref().unwrap_or_default();
    let rows = list
        .iter()
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
    frame.render_stateful_widget(table, area, &mut selected(state, Tab::Medals));
}

pub fn coins(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let title = format!(" {} ", s.tabs[2]);
    let page = match (
        &state.coins.value,
        crate::ui::placeholder(state, theme, &state.coins),
    ) {
        (Some(p), _) => p,
        (None, lines) => {
            frame.render_widget(
                Paragraph::new(lines.unwrap_or_default()).block(block(title, theme)),
                area,
            );
            return;
        }
    };
    if page.gold_coin_record.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(s.empty, theme.dim)).block(block(title, theme)),
            area,
        );
        return;
    }
    let cursor = state.cursor[Tab::Coins.index()];
    let rows = page.gold_coin_record.iter().map(|r| {
        let change = r.signed_change();
        let style = if change >= 0.0 {
            theme.income
        } else {
            theme.spending
        };
        Row::new([
            Cell::from(local_datetime(r.create_time)),
            Cell::from(Span::styled(signed_money(change), style)),
            Cell::from(money(r.after_amount)),
            Cell::from(r.reason.clone()),
            Cell::from(fit_width(&r.remark, 30)),
        ])
    });
    let header = Row::new([s.time, s.change, s.balance, s.reason, s.remark]).style(theme.label);
    let title = format!(
        "{title}· {} ",
        fill(s.records_of, &[&(cursor + 1), &page.total])
    );
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
    frame.render_stateful_widget(table, area, &mut selected(state, Tab::Coins));
}

pub fn discover(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let [cats_area, groups_area, bots_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(65),
        Constraint::Min(3),
    ])
    .areas(area);
    let cats: Vec<Span> = match &state.categories.value {
        Some(list) => list
            .iter()
            .flat_map(|c| {
                let style = if *c == state.category {
                    theme.tab_active
                } else {
                    theme.tab
                };
                [Span::styled(format!(" {c} "), style), Span::raw(" ")]
            })
            .collect(),
        None => placeholder(state, theme, &state.categories)
            .unwrap_or_default()
            .into_iter()
            .flat_map(|l| l.spans)
            .collect(),
    };
    frame.render_widget(Paragraph::new(Line::from(cats)), cats_area);

    let title = format!(" {} · {} ", s.groups, state.category);
    if !empty_or(
        state,
        theme,
        frame,
        groups_area,
        title.clone(),
        &state.groups,
    ) {
        let groups = state.groups.value.as_deref().unwrap_or_default();
        let rows = groups.iter().map(|g| {
            Row::new([
                g.nickname.clone(),
                g.headcount.to_string(),
                local_date(g.create_time),
                fit_width(&g.introduction, 60),
            ])
        });
        let header = Row::new([s.groups, s.members, s.created, s.introduction]).style(theme.label);
        let widths = [
            Constraint::Length(28),
            Constraint::Length(7),
            Constraint::Length(10),
            Constraint::Min(10),
        ];
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(theme.selected)
            .block(block(title, theme));
        frame.render_stateful_widget(table, groups_area, &mut selected(state, Tab::Discover));
    }

    let title = format!(" {} ", s.bots);
    if !empty_or(state, theme, frame, bots_area, title.clone(), &state.bots) {
        let bots = state.bots.value.as_deref().unwrap_or_default();
        let rows = bots.iter().map(|b| {
            Row::new([
                b.nickname.clone(),
                b.headcount.to_string(),
                if b.is_add { "✓" } else { "—" }.to_owned(),
                fit_width(&b.introduction, 60),
            ])
        });
        let header = Row::new([s.bots, s.users, s.can_add, s.introduction]).style(theme.label);
        let widths = [
            Constraint::Length(16),
            Constraint::Length(7),
            Constraint::Length(7),
            Constraint::Min(10),
        ];
        frame.render_widget(
            Table::new(rows, widths)
                .header(header)
                .block(block(title, theme)),
            bots_area,
        );
    }
}

pub fn settings(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let label = |t: &str| Span::styled(format!(" {} ", super::pad(t, 14)), theme.label);
    let mut lines = vec![Line::from(vec![
        label(s.server),
        Span::styled(state.server.clone(), theme.text),
    ])];
    let share = match (&state.distribution.value, &state.distribution.error) {
        (Some(d), _) => Span::styled(d.share_url.clone(), theme.text),
        (None, Some(e)) => Span::styled(crate::app::i18n::describe(e, s), theme.error),
        _ => Span::styled(s.loading, theme.dim),
    };
    lines.push(Line::from(vec![label(s.share_url), share]));
    let gray = match (&state.gray.value, &state.gray.error) {
        (Some(on), _) => Span::styled(if *on { s.on } else { s.off }, theme.text),
        (None, Some(e)) => Span::styled(crate::app::i18n::describe(e, s), theme.error),
        _ => Span::styled(s.loading, theme.dim),
    };
    lines.push(Line::from(vec![label(s.gray_mode), gray]));
    lines.push(Line::default());
    let who = state
        .info
        .value
        .as_ref()
        .map(|i| format!("{} ({})", i.name, i.id))
        .unwrap_or_default();
    lines.push(Line::from(vec![
        label(s.account),
        Span::styled(who, theme.text),
    ]));
    lines.push(Line::from(vec![
        Span::raw(" "),
        Span::styled(
            format!(
                " {} ",
                state.keymap.label(crate::app::keymap::Intent::Logout)
            ),
            theme.accent,
        ),
        Span::styled(s.key_logout, theme.dim),
    ]));
    frame.render_widget(
        Paragraph::new(lines).block(block(format!(" {} ", s.tabs[4]), theme)),
        area,
    );
}
