//! What the Coins pane asks of the stored history, each answered by SQLite without loading
//! the history into memory: a window of rows for a filter, the filter's count, the balance
//! over a period bucketed to a fixed number of points, and monthly income and spending.

use chrono::Datelike;
use rusqlite::params_from_iter;

use super::{Store, StoreError, StoredCoin};

/// Income, spending or both, by the sign of the change (from the balances, in cents, as
/// `CoinRecord::signed_change` rounds it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CoinSign {
    #[default]
    All,
    Income,
    Spending,
}

/// A filter over the stored history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoinQuery {
    /// Reason or remark contains it, ignoring ASCII case; empty keeps every record.
    pub text: String,
    pub sign: CoinSign,
}

impl CoinQuery {
    pub fn is_all(&self) -> bool {
        self.text.is_empty() && self.sign == CoinSign::All
    }

    /// ` WHERE …` (or nothing) and its parameters.
    fn clause(&self) -> (String, Vec<String>) {
        let mut parts = Vec::new();
        let mut args = Vec::new();
        if !self.text.is_empty() {
            // LIKE ignores ASCII case (and only ASCII case, as the in-memory filters do);
            // the text's own wildcards are escaped.
            let mut pattern = String::with_capacity(self.text.len() + 2);
            pattern.push('%');
            for ch in self.text.chars() {
                if matches!(ch, '%' | '_' | '\\') {
                    pattern.push('\\');
                }
                pattern.push(ch);
            }
            pattern.push('%');
            parts.push("(reason LIKE ?1 ESCAPE '\\' OR remark LIKE ?1 ESCAPE '\\')");
            args.push(pattern);
        }
        match self.sign {
            CoinSign::All => {}
            // round_cents(after - before) > 0, computed the same way (IEEE doubles).
            CoinSign::Income => parts.push(INCOME),
            CoinSign::Spending => parts.push(SPENDING),
        }
        if parts.is_empty() {
            (String::new(), args)
        } else {
            (format!(" WHERE {}", parts.join(" AND ")), args)
        }
    }
}

const INCOME: &str = "(after - before) * 100.0 >= 0.5";
const SPENDING: &str = "(after - before) * 100.0 <= -0.5";

/// How much of the history the balance chart covers, up to now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChartPeriod {
    Week,
    Month,
    Year,
    #[default]
    All,
}

impl ChartPeriod {
    pub const ALL: [ChartPeriod; 4] = [
        ChartPeriod::Week,
        ChartPeriod::Month,
        ChartPeriod::Year,
        ChartPeriod::All,
    ];

    pub fn next(self) -> ChartPeriod {
        match self {
            ChartPeriod::Week => ChartPeriod::Month,
            ChartPeriod::Month => ChartPeriod::Year,
            ChartPeriod::Year => ChartPeriod::All,
            ChartPeriod::All => ChartPeriod::Week,
        }
    }

    /// Its length in seconds; `None` for the whole history.
    pub fn seconds(self) -> Option<i64> {
        const DAY: i64 = 86_400;
        match self {
            ChartPeriod::Week => Some(7 * DAY),
            ChartPeriod::Month => Some(30 * DAY),
            ChartPeriod::Year => Some(365 * DAY),
            ChartPeriod::All => None,
        }
    }
}

/// The balance over a span of time, oldest first, at most the points asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BalanceSeries {
    /// The span drawn, Unix s.
    pub since: i64,
    pub until: i64,
    /// (Unix time, balance after), oldest first. The balance before the span, if any, is
    /// its first point (at `since`), and the last balance is carried to `until`.
    pub points: Vec<(f64, f64)>,
}

/// One month's income and spending (local months, by the offset asked for).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthTotal {
    pub year: i32,
    pub month: u32,
    pub income: f64,
    /// Positive: what was spent.
    pub spending: f64,
}

impl MonthTotal {
    pub fn net(&self) -> f64 {
        crate::api::model::round_cents(self.income - self.spending)
    }
}

const COLUMNS: &str =
    "id, create_time, typ, before, after, change, reason, remark, first_seen, gone";

impl Store {
    /// Up to `limit` records passing `query` from its `offset`-th (0 the newest), newest
    /// first. With `count` (the filter's count, when known) a window in the older half is
    /// read from the oldest end, so `G` costs what `g` does.
    pub fn coins_matching(
        &self,
        query: &CoinQuery,
        offset: u64,
        limit: u32,
        count: Option<u64>,
    ) -> Result<Vec<StoredCoin>, StoreError> {
        let (clause, args) = query.clause();
        let from_end = count.filter(|&n| offset > n / 2 && offset < n);
        let (order, skip, take) = match from_end {
            Some(n) => {
                let end = (offset + u64::from(limit)).min(n);
                ("ASC", n - end, (end - offset) as u32)
            }
            None => ("DESC", offset, limit),
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM coin_records{clause}
             ORDER BY create_time {order}, id {order} LIMIT {take} OFFSET {skip}"
        );
        let mut rows = self.read(|c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(args.iter()), |r| self.coin_from_row(r))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })?;
        if from_end.is_some() {
            rows.reverse();
        }
        Ok(rows)
    }

    /// How many stored records pass `query` (gone ones too).
    pub fn count_matching(&self, query: &CoinQuery) -> Result<u64, StoreError> {
        let (clause, args) = query.clause();
        let sql = format!("SELECT count(*) FROM coin_records{clause}");
        self.read(|c| {
            c.prepare_cached(&sql)?
                .query_row(params_from_iter(args.iter()), |r| r.get::<_, i64>(0))
        })
        .map(|n| n.max(0) as u64)
    }

    /// The balance over `period` up to `now` (or the newest record, if later), bucketed by
    /// time into at most `max_points` points (the lowest and highest balance of each bucket,
    /// in time order), so the chart costs the same for any number of records.
    pub fn balance_series(
        &self,
        period: ChartPeriod,
        now: i64,
        max_points: usize,
    ) -> Result<BalanceSeries, StoreError> {
        // Two queries: SQLite answers a lone min() or max() from the index, not both at once.
        let (oldest, newest): (Option<i64>, Option<i64>) = self.read(|c| {
            let one = |sql| c.query_row(sql, [], |r| r.get(0));
            Ok((
                one("SELECT min(create_time) FROM coin_records")?,
                one("SELECT max(create_time) FROM coin_records")?,
            ))
        })?;
        let (Some(oldest), Some(newest)) = (oldest, newest) else {
            return Ok(BalanceSeries::default());
        };
        let until = now.max(newest);
        let since = match period.seconds() {
            Some(span) => until.saturating_sub(span),
            None => oldest,
        };
        let carried: Option<f64> = self.read(|c| {
            use rusqlite::OptionalExtension;
            c.query_row(
                "SELECT after FROM coin_records WHERE create_time < ?1
                 ORDER BY create_time DESC, id DESC LIMIT 1",
                [since],
                |r| r.get(0),
            )
            .optional()
        })?;
        let mut points = Vec::new();
        if let Some(b) = carried {
            points.push((since as f64, b));
        }
        // Two points per bucket, and the two ends.
        let buckets = (max_points.saturating_sub(2) / 2).max(1) as i64;
        let span = (until - since).max(1) as i128;
        // (bucket, lowest, highest), each point (time, balance).
        type Point = (i64, f64);
        let mut current: Option<(i64, Point, Point)> = None;
        let flush = |points: &mut Vec<(f64, f64)>, lo: (i64, f64), hi: (i64, f64)| {
            let (a, b) = if lo.0 <= hi.0 { (lo, hi) } else { (hi, lo) };
            points.push((a.0 as f64, a.1));
            if b != a {
                points.push((b.0 as f64, b.1));
            }
        };
        let mut last = carried;
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT create_time, after FROM coin_records WHERE create_time >= ?1
                 ORDER BY create_time ASC, id ASC",
            )?;
            let mut rows = stmt.query([since])?;
            while let Some(row) = rows.next()? {
                let (t, b): (i64, f64) = (row.get(0)?, row.get(1)?);
                last = Some(b);
                let bucket = ((i128::from(t - since) * i128::from(buckets)) / span)
                    .min(buckets as i128 - 1) as i64;
                match &mut current {
                    Some((n, lo, hi)) if *n == bucket => {
                        if b < lo.1 {
                            *lo = (t, b);
                        }
                        if b > hi.1 {
                            *hi = (t, b);
                        }
                    }
                    _ => {
                        if let Some((_, lo, hi)) = current.take() {
                            flush(&mut points, lo, hi);
                        }
                        current = Some((bucket, (t, b), (t, b)));
                    }
                }
            }
            Ok(())
        })?;
        if let Some((_, lo, hi)) = current {
            flush(&mut points, lo, hi);
        }
        if let Some(b) = last
            && points.last().is_some_and(|p| p.0 < until as f64)
        {
            points.push((until as f64, b));
        }
        Ok(BalanceSeries {
            since,
            until,
            points,
        })
    }

    /// Income and spending of each month (months in the zone `utc_offset_s` east of UTC),
    /// the newest `months` months that have records, oldest first. Read newest first and
    /// stopped after the last month wanted: the cost is that of the months shown.
    pub fn monthly_totals(
        &self,
        utc_offset_s: i64,
        months: u32,
    ) -> Result<Vec<MonthTotal>, StoreError> {
        let mut totals: Vec<MonthTotal> = Vec::new();
        // Cents, summed exactly.
        let (mut income, mut spending) = (0i64, 0i64);
        let finish = |totals: &mut Vec<MonthTotal>, income: i64, spending: i64| {
            if let Some(m) = totals.last_mut() {
                m.income = income as f64 / 100.0;
                m.spending = spending as f64 / 100.0;
            }
        };
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT create_time, before, after FROM coin_records INDEXED BY coin_records_balance
                 ORDER BY create_time DESC, id DESC",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let (t, before, after): (i64, f64, f64) = (row.get(0)?, row.get(1)?, row.get(2)?);
                let Some(local) =
                    chrono::DateTime::from_timestamp(t.saturating_add(utc_offset_s), 0)
                else {
                    continue;
                };
                let (year, month) = (local.year(), local.month());
                if totals
                    .last()
                    .is_none_or(|m| (m.year, m.month) != (year, month))
                {
                    finish(&mut totals, income, spending);
                    if totals.len() == months as usize {
                        break;
                    }
                    (income, spending) = (0, 0);
                    totals.push(MonthTotal {
                        year,
                        month,
                        income: 0.0,
                        spending: 0.0,
                    });
                }
                // As `round_cents(after - before)`.
                let cents = ((after - before) * 100.0).round() as i64;
                if cents > 0 {
                    income += cents;
                } else {
                    spending -= cents;
                }
            }
            Ok(())
        })?;
        finish(&mut totals, income, spending);
        totals.reverse();
        Ok(totals)
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
