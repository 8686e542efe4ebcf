//! The Coins pane: the balance chart above the records. The table draws only the rows in
//! its window, so a frame costs the same with 100 records or 100 000.

use ratatui::Frame;
use ratatui::layout::Layout;
use ratatui::layout::{Constraint, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Cell, Chart, Dataset, GraphType, Row, Table, TableState,
};
use unicode_width::UnicodeWidthStr;

use super::list::{block, filter_bar, paged_state, tail_error, tail_row};
use super::theme::Theme;
use crate::app::coins::CoinFilter;
use crate::app::filter::FilterList;
use crate::app::requests::Slot;
use crate::app::state::AppState;
use crate::geometry;
use crate::i18n::fill;
use crate::output::{money, signed_money};
use crate::store::query::ChartPeriod;
use crate::text::safe_fit;
use crate::timefmt::{local_date, local_datetime};

pub fn coins(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    if state.account.coins.stored.in_use() {
        return stored(state, theme, frame, area);
    }
    let s = state.s();
    let c = &state.account.coins;
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
        && let Some(tail) = tail_row(
            state,
            theme,
            &c.list,
            state.account.loading(Slot::Coins),
            tail_h,
        )
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
    let points = &state.account.coins.chart;
    let block = block(format!(" {} ", state.s().chart_title), theme);
    if points.len() < 2 {
        frame.render_widget(block, area);
        return;
    }
    let span = (
        points[0].0,
        points[points.len() - 1].0.max(points[0].0 + 1.0),
    );
    balance_chart(frame, area, block, points, span, false, theme);
}

/// The balance line over `span` (Unix s), with dates and balances on its axes: both ends,
/// and the middles too when `middles`.
fn balance_chart(
    frame: &mut Frame,
    area: Rect,
    block: ratatui::widgets::Block<'_>,
    points: &[(f64, f64)],
    (t0, t1): (f64, f64),
    middles: bool,
    theme: &Theme,
) {
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
    let (times, balances) = if middles {
        (
            vec![t0 as i64, ((t0 + t1) / 2.0) as i64, t1 as i64],
            vec![lo, (lo + hi) / 2.0, hi],
        )
    } else {
        (vec![t0 as i64, t1 as i64], vec![lo, hi])
    };
    let x_labels = times
        .into_iter()
        .map(|t| Span::styled(local_date(t), theme.dim))
        .collect::<Vec<_>>();
    let y_labels = balances
        .into_iter()
        .map(|b| Span::styled(money(b), theme.dim))
        .collect::<Vec<_>>();
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

/// The filter's name (all, income, spending).
fn filter_name(state: &AppState) -> &'static str {
    state.s().filters[match state.account.coins.filter {
        CoinFilter::All => 0,
        CoinFilter::Income => 1,
        CoinFilter::Spending => 2,
    }]
}

/// The pane over the local store: the chart of the period chosen and the month bars above
/// the window of records. Only the rows on screen are drawn, whatever the store holds.
fn stored(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let c = &state.account.coins;
    let st = &c.stored;
    let total = st.total.unwrap_or(0);
    let len = st.len();
    let filter = filter_name(state);
    let mut title = format!(" {} · {} {} ", s.tabs[2], s.filter, filter);
    let at = (c.cursor.cursor as u64 + 1).min(len);
    let counted = match st.count {
        Some(n) if n == total => fill(s.records_of, &[&at, &total]),
        Some(n) => fill(s.records_of_filtered, &[&at, &n, &filter, &total]),
        None => fill(s.records_of, &[&at, &"…"]),
    };
    title.push_str(&format!("· {counted} "));
    let (chart_area, table_area) = geometry::coins_split(area);
    if chart_area.height > 0 {
        // The bars beside the line where there is room for both (80 columns and more);
        // below that the line alone.
        let bars_w = if chart_area.width >= 78 && !st.months.is_empty() {
            (chart_area.width * 2 / 5).min(st.months.len() as u16 * 5 + 2)
        } else {
            0
        };
        let [line, bars] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(bars_w)]).areas(chart_area);
        stored_chart(state, theme, frame, line);
        if bars_w > 0 {
            month_bars(state, theme, frame, bars);
        }
    }
    let rows_fit = geometry::table_rows(table_area, 1) as u64;
    let first = c.cursor.offset as u64;
    let shown: Vec<u64> = (first..(first + rows_fit).min(len)).collect();
    let (mut change_w, mut balance_w) = (s.change.width().max(9), s.balance.width().max(9));
    for r in shown.iter().filter_map(|&i| st.row(i)) {
        change_w = change_w.max(signed_money(r.signed_change()).len());
        balance_w = balance_w.max(money(r.after).len());
    }
    let remark_w = (table_area.width as usize)
        .saturating_sub(2 + 16 + change_w + balance_w + 14 + 4)
        .clamp(6, 40);
    let mut rows: Vec<Row> = shown
        .iter()
        .map(|&i| match st.row(i) {
            Some(r) => {
                let change = r.signed_change();
                let style = if change >= 0.0 {
                    theme.income
                } else {
                    theme.spending
                };
                Row::new([
                    Cell::from(local_datetime(r.create_time)),
                    Cell::from(
                        Line::from(Span::styled(signed_money(change), style)).right_aligned(),
                    ),
                    Cell::from(Line::from(money(r.after)).right_aligned()),
                    Cell::from(safe_fit(&r.reason, 14)),
                    Cell::from(safe_fit(r.remark(), remark_w)),
                ])
            }
            // Not read yet: the window on its way.
            None => Row::new([Cell::from(Span::styled(s.loading, theme.dim))]),
        })
        .collect();
    if len == 0 && st.count.is_some() {
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
    let mut ts = TableState::default()
        .with_selected((len > 0).then(|| c.cursor.cursor.saturating_sub(c.cursor.offset)));
    frame.render_stateful_widget(table, table_area, &mut ts);
    filter_bar(state, theme, frame, table_area, FilterList::Coins);
}

/// The balance over the period chosen (`p`): dates at both ends and the middle, the lowest,
/// middle and highest balance.
fn stored_chart(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let st = &state.account.coins.stored;
    let period = s.periods[ChartPeriod::ALL
        .iter()
        .position(|p| *p == st.period)
        .unwrap_or(3)];
    let block = block(format!(" {} · {} (p) ", s.chart_title, period), theme);
    let points = &st.series.points;
    if points.is_empty() {
        frame.render_widget(block, area);
        return;
    }
    let span = (
        st.series.since as f64,
        (st.series.until as f64).max(st.series.since as f64 + 1.0),
    );
    balance_chart(frame, area, block, points, span, true, theme);
}

/// An amount in at most five columns: `+350`, `-1.2k`, `+12k`.
fn compact(x: f64) -> String {
    let sign = if x < 0.0 { "-" } else { "+" };
    let a = x.abs();
    if a >= 10_000.0 {
        format!("{sign}{:.0}k", a / 1000.0)
    } else if a >= 1000.0 {
        format!("{sign}{:.1}k", a / 1000.0)
    } else {
        format!("{sign}{a:.0}")
    }
}

/// Each month's income (green) and spending (red) side by side, the month's net under
/// them; the months shown in the title. The newest months that fit.
fn month_bars(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let months = &state.account.coins.stored.months;
    let fit = (area.width.saturating_sub(2) / 5).max(1) as usize;
    let shown = &months[months.len().saturating_sub(fit)..];
    let span = match (shown.first(), shown.last()) {
        (Some(a), Some(b)) => format!(
            " {} {}-{:02}–{}-{:02} ",
            state.s().months_title,
            a.year,
            a.month,
            b.year,
            b.month
        ),
        _ => format!(" {} ", state.s().months_title),
    };
    let cents = |x: f64| (x * 100.0).round().max(0.0) as u64;
    let mut chart = BarChart::default()
        .block(block(span, theme))
        .bar_width(2)
        .bar_gap(0)
        .group_gap(1);
    for m in shown {
        let net = m.net();
        let label_style = if net >= 0.0 {
            theme.income
        } else {
            theme.spending
        };
        let group = BarGroup::default()
            .label(Line::from(Span::styled(compact(net), label_style)))
            .bars(&[
                Bar::default()
                    .value(cents(m.income))
                    .text_value(String::new())
                    .style(theme.income),
                Bar::default()
                    .value(cents(m.spending))
                    .text_value(String::new())
                    .style(theme.spending),
            ]);
        chart = chart.data(group);
    }
    frame.render_widget(chart, area);
}

/// `x`: the export popup, the file's path in a labelled field, under it the reason of the
/// last failure (or that it is being written), then the keys.
pub fn export_popup(
    state: &AppState,
    form: &crate::app::export::ExportForm,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    use ratatui::widgets::{Block, Paragraph, Wrap};
    let s = state.s();
    let width = area.width.saturating_sub(4).min(76);
    let rect = super::centered(area, width, 7);
    super::clear_popup(frame, rect);
    let b = Block::bordered()
        .title(format!(" {} ", s.export_title))
        .border_style(theme.accent);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);
    let row = |y: u16, height: u16| Rect {
        x: inner.x,
        y: inner.y + y,
        width: inner.width,
        height: height.min(inner.height.saturating_sub(y)),
    };
    let writing = state.account.coins.exporting.is_some();
    let field = super::field::Field {
        label: s.export_path,
        input: &form.input,
        masked: false,
        focused: true,
        editable: !writing,
    };
    let at = super::field::draw(frame, theme, row(0, 1), s.export_path.width(), field);
    if let Some(at) = at {
        frame.set_cursor_position(at);
    }
    let note = if writing {
        Some(Span::styled(
            format!("{} {}", super::spinner(state), s.export_writing),
            theme.dim,
        ))
    } else {
        (form.error.as_ref()).map(|e| Span::styled(format!("✗ {e}"), theme.error))
    };
    if let Some(note) = note {
        let area = row(1, 2);
        frame.render_widget(
            Paragraph::new(Line::from(note)).wrap(Wrap { trim: true }),
            Rect {
                x: area.x + 2,
                width: area.width.saturating_sub(3),
                ..area
            },
        );
    }
    let hints = super::hint_spans(
        &[
            ("Enter".into(), s.export_write),
            ("Esc".into(), s.key_cancel),
        ],
        theme,
    );
    frame.render_widget(Paragraph::new(Line::from(hints)), row(4, 1));
}
