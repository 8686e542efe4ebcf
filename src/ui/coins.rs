//! The Coins pane: the balance chart above the records. The table draws only the rows in
//! its window, so a frame costs the same with 100 records or 100 000.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Cell, Chart, Dataset, GraphType, Row, Table, TableState};
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
use crate::text::safe_fit;
use crate::timefmt::{local_date, local_datetime};

pub fn coins(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
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
