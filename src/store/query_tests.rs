use super::*;
use crate::api::model::CoinRecord;
use crate::service::Service;
use crate::store::StoreKey;

fn store() -> Store {
    Store::open_in_memory(&StoreKey::new(Service::Yunhu, "http://127.0.0.1:9", "1")).unwrap()
}

fn rec(id: i64, time: i64, before: f64, after: f64, reason: &str, remark: &str) -> CoinRecord {
    CoinRecord {
        id,
        create_time: time,
        before_amount: before,
        after_amount: after,
        change_amount: (after - before).abs(),
        reason: reason.into(),
        remark: remark.into(),
        ..CoinRecord::default()
    }
}

fn ids(rows: &[StoredCoin]) -> Vec<i64> {
    rows.iter().map(|c| c.record.id).collect()
}

fn q(text: &str, sign: CoinSign) -> CoinQuery {
    CoinQuery {
        text: text.into(),
        sign,
    }
}

#[test]
fn the_filter_matches_reason_or_remark_ignoring_ascii_case_and_counts_over_the_whole_store() {
    let s = store();
    s.save_coin_page(&[
        rec(1, 100, 0.0, 5.0, "Daily Sign-in", ""),
        rec(2, 200, 5.0, 2.0, "抽奖消耗", "LUCKY draw"),
        rec(3, 300, 2.0, 2.004, "rounding", "50%_off"),
        rec(4, 400, 2.004, 1.0, "每日签到", "sign"),
        rec(5, 500, 1.0, 1.0, "nothing", "x_y"),
    ])
    .unwrap();
    let all = CoinQuery::default();
    assert!(all.is_all());
    assert_eq!(s.count_matching(&all).unwrap(), 5);
    assert_eq!(
        ids(&s.coins_matching(&all, 0, 10, None).unwrap()),
        [5, 4, 3, 2, 1]
    );
    let sign = q("sign", CoinSign::All);
    assert_eq!(s.count_matching(&sign).unwrap(), 2);
    assert_eq!(ids(&s.coins_matching(&sign, 0, 10, None).unwrap()), [4, 1]);
    assert_eq!(
        ids(&s
            .coins_matching(&q("lucky", CoinSign::All), 0, 9, None)
            .unwrap()),
        [2]
    );
    // Chinese matches as it is; the text's own % and _ are not wildcards.
    assert_eq!(s.count_matching(&q("签到", CoinSign::All)).unwrap(), 1);
    assert_eq!(
        ids(&s
            .coins_matching(&q("%_", CoinSign::All), 0, 9, None)
            .unwrap()),
        [3]
    );
    assert_eq!(s.count_matching(&q("_", CoinSign::All)).unwrap(), 2);
    // The sign is the rounded change: 0.004 is no income, 0 is neither.
    assert_eq!(
        ids(&s
            .coins_matching(&q("", CoinSign::Income), 0, 9, None)
            .unwrap()),
        [1]
    );
    assert_eq!(
        ids(&s
            .coins_matching(&q("", CoinSign::Spending), 0, 9, None)
            .unwrap()),
        [4, 2]
    );
    assert_eq!(s.count_matching(&q("sign", CoinSign::Spending)).unwrap(), 1);
}

#[test]
fn a_window_read_from_the_oldest_end_is_the_same_window() {
    let s = store();
    let records: Vec<CoinRecord> = (0..1000)
        .map(|i| {
            let reason = if i % 3 == 0 { "draw" } else { "sign" };
            // Some share a time: the id breaks the tie the same way from both ends.
            rec(i, 1_000 + i / 2, 0.0, 1.0, reason, "")
        })
        .collect();
    s.save_coin_page(&records).unwrap();
    for query in [CoinQuery::default(), q("draw", CoinSign::All)] {
        let n = s.count_matching(&query).unwrap();
        for (offset, limit) in [(0, 50), (400, 60), (n - 50, 50), (n - 10, 50), (n, 5)] {
            assert_eq!(
                ids(&s.coins_matching(&query, offset, limit, Some(n)).unwrap()),
                ids(&s.coins_matching(&query, offset, limit, None).unwrap()),
                "{query:?} {offset} {limit}"
            );
        }
    }
}

#[test]
fn the_balance_series_keeps_each_buckets_extremes_within_the_points_asked_for() {
    let s = store();
    let day = 86_400;
    let now = 1_800_000_000;
    // 20 000 records, one an hour, ending a day before now; one spike and one dip.
    let records: Vec<CoinRecord> = (0..20_000)
        .map(|i| {
            let t = now - day - (20_000 - i) * 3600;
            let b = match i {
                12_345 => 9_999.0,
                17_000 => -50.0,
                _ => 100.0 + (i % 10) as f64,
            };
            rec(i, t, 0.0, b, "r", "")
        })
        .collect();
    s.save_coin_page(&records).unwrap();
    let all = s.balance_series(ChartPeriod::All, now, 600).unwrap();
    assert!(
        all.points.len() <= 600 && all.points.len() > 300,
        "{}",
        all.points.len()
    );
    assert!(
        all.points.windows(2).all(|w| w[0].0 <= w[1].0),
        "time order"
    );
    assert!(all.points.iter().any(|p| p.1 == 9_999.0));
    assert!(all.points.iter().any(|p| p.1 == -50.0));
    assert_eq!(all.until, now);
    assert_eq!(
        all.points.last(),
        Some(&(now as f64, 100.0 + (19_999 % 10) as f64))
    );
    // A week: the balance before it carried in at its start, then each record (fewer
    // than the buckets), then carried to now.
    let week = s.balance_series(ChartPeriod::Week, now, 600).unwrap();
    assert_eq!(week.since, now - 7 * day);
    assert_eq!(week.points[0].0, (now - 7 * day) as f64);
    assert_eq!(week.points.len(), 1 + 6 * 24 + 1);
    // Nothing stored: nothing to draw.
    assert_eq!(
        store()
            .balance_series(ChartPeriod::Year, now, 600)
            .unwrap()
            .points,
        []
    );
}

#[test]
fn monthly_totals_sum_income_and_spending_per_local_month() {
    let s = store();
    // 2025-01-31 20:00 UTC is February 1st at UTC+8 (and 19:00 too).
    let jan31 = 1_738_353_600;
    s.save_coin_page(&[
        rec(1, jan31 - 86_400, 0.0, 10.5, "a", ""),
        rec(2, jan31 - 3600, 10.5, 7.25, "b", ""),
        rec(3, jan31, 7.25, 7.35, "c", ""),
        rec(4, jan31 + 86_400 * 40, 7.35, 0.0, "d", ""),
    ])
    .unwrap();
    let utc = s.monthly_totals(0, 12).unwrap();
    let got: Vec<(i32, u32, f64, f64)> = utc
        .iter()
        .map(|m| (m.year, m.month, m.income, m.spending))
        .collect();
    assert_eq!(got, [(2025, 1, 10.6, 3.25), (2025, 3, 0.0, 7.35)]);
    assert_eq!(utc[0].net(), 7.35);
    let east8 = s.monthly_totals(8 * 3600, 12).unwrap();
    let got: Vec<(u32, f64, f64)> = east8
        .iter()
        .map(|m| (m.month, m.income, m.spending))
        .collect();
    assert_eq!(got, [(1, 10.5, 0.0), (2, 0.1, 3.25), (3, 0.0, 7.35)]);
    // Only the newest months asked for.
    assert_eq!(s.monthly_totals(8 * 3600, 2).unwrap()[0].month, 2);
}

#[test]
fn a_version_1_store_gains_the_balance_index_and_keeps_its_records() {
    let tmp = tempfile::tempdir().unwrap();
    let key = StoreKey::new(Service::Yunhu, "http://127.0.0.1:9", "1");
    {
        let s = Store::open(tmp.path(), &key).unwrap();
        s.save_coin_page(&[rec(1, 100, 0.0, 1.0, "a", "")]).unwrap();
    }
    let path = tmp.path().join(key.file_name());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        // As version 1 was: no balance index, no pictures table.
        c.execute_batch(
            "DROP INDEX coin_records_balance; DROP TABLE pictures; PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let s = Store::open(tmp.path(), &key).unwrap();
    let version: i64 = s
        .read(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
        .unwrap();
    assert_eq!(version, 3);
    assert_eq!(s.picture_count().unwrap(), 0, "the pictures table is there");
    assert_eq!(
        s.monthly_totals(0, 12).unwrap().len(),
        1,
        "the index is there again"
    );
    assert_eq!(s.count_matching(&CoinQuery::default()).unwrap(), 1);
}

#[test]
fn the_csv_file_export_quotes_reads_back_and_never_replaces_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store();
    s.save_coin_page(&[
        rec(
            1,
            1_700_000_000,
            0.0,
            5.0,
            "签到, \"daily\"",
            "line one\nline two",
        ),
        rec(2, 1_700_000_100, 5.0, 2.5, "draw", ""),
    ])
    .unwrap();
    let path = tmp.path().join("coins.csv");
    assert_eq!(crate::store::export::export_csv_file(&s, &path).unwrap(), 2);
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header: Vec<&str> = reader.headers().unwrap().iter().collect();
    assert_eq!(header, crate::store::export::CSV_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(&rows[0][0], "2");
    assert_eq!(&rows[0][2], "-2.50");
    assert_eq!(&rows[1][4], "签到, \"daily\"");
    assert_eq!(&rows[1][5], "line one\nline two");
    // An existing file is left as it was.
    let err = crate::store::export::export_csv_file(&s, &path).unwrap_err();
    assert!(err.to_string().contains("exists"), "{err}");
    assert_eq!(csv::Reader::from_path(&path).unwrap().records().count(), 2);
    // A directory that is not there: an error, and no file.
    let missing = tmp.path().join("no/such/dir/coins.csv");
    assert!(crate::store::export::export_csv_file(&s, &missing).is_err());
    assert!(!missing.exists());
}
