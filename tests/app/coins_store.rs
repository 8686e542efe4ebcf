//! The Coins pane over the local store: a window of rows around the cursor, the filter's
//! count over the whole store, the chart's period, with nothing asked of the server.

use crossterm::event::KeyCode;
use yunhu_tui::api::model::CoinRecord;
use yunhu_tui::app::state::Tab;
use yunhu_tui::store::{ChartPeriod, Store, StoreKey};

use crate::harness::Harness;

const COINS: &str = "/v1/user/gold-coin-increase-decrease-record";

/// `n` records, newest first from `newest`, one an hour: every fifth a draw (spending),
/// the others a sign-in.
fn history(n: i64, newest: i64) -> Vec<CoinRecord> {
    let mut after = 1_000_000.0;
    (0..n)
        .map(|i| {
            let change = if i % 5 == 0 { -3.0 } else { 1.5 };
            let before = after - change;
            let r = CoinRecord {
                id: 50_000_000 - i,
                create_time: newest - i * 3600,
                before_amount: before,
                after_amount: after,
                change_amount: change.abs(),
                reason: if change < 0.0 {
                    "Lucky draw"
                } else {
                    "每日签到"
                }
                .into(),
                remark: format!("no {i}"),
                ..CoinRecord::default()
            };
            after = before;
            r
        })
        .collect()
}

/// The VIP account on the Coins tab, its store holding `n` records (written as `coins --all`
/// would have), read by the pane.
pub(crate) async fn stored(n: i64) -> Harness {
    let mut h = stored_unread(n).await;
    h.press('r');
    h.idle().await;
    h
}

/// As `stored`, but the pane has not read the store yet (it counted none at the start).
async fn stored_unread(n: i64) -> Harness {
    let mut h = Harness::logged_in().await;
    h.store_flush().await;
    let key = StoreKey::new(
        yunhu_tui::service::Service::Yunhu,
        &h.demo_base_url(),
        &h.vip.id,
    );
    let store = Store::open(&h.store_dir, &key).unwrap();
    let now = chrono::Utc::now().timestamp();
    store.save_coin_page(&history(n, now - 60)).unwrap();
    drop(store);
    h.state.tab = Tab::Coins;
    h.state.size = (100, 30);
    h
}

/// `G` pressed while the pane still pages the server (the store not counted yet) lands on
/// the oldest stored record once the count comes, not back at the top.
#[tokio::test]
async fn shift_g_before_the_store_has_counted_lands_on_the_oldest_record() {
    let mut h = stored_unread(1000).await;
    assert!(!h.state.account.coins.stored.in_use());
    h.press('r');
    h.press('G');
    h.idle().await;
    let c = &h.state.account.coins;
    assert!(c.stored.in_use());
    assert_eq!(c.cursor.cursor, 999);
    let screen = h.screen(100, 30);
    assert!(screen.contains("1000 of 1000"), "{screen}");
    assert!(
        screen.contains("no 999"),
        "the oldest record is on screen:\n{screen}"
    );
}

#[tokio::test]
async fn g_and_shift_g_move_over_100k_stored_records_without_the_server() {
    let mut h = stored(100_000).await;
    let st = &h.state.account.coins.stored;
    assert!(st.in_use());
    assert_eq!((st.total, st.count), (Some(100_000), Some(100_000)));
    assert!(st.rows.len() <= yunhu_tui::app::coin_window::WINDOW as usize);
    let asked = h.demo.handle().request_count(COINS);
    let sent = h.sent.len();

    h.press('G');
    h.idle().await;
    let c = &h.state.account.coins;
    assert_eq!(c.cursor.cursor, 99_999);
    let last = c
        .stored
        .row(99_999)
        .expect("the last record is in the window");
    assert_eq!(last.id, 50_000_000 - 99_999);
    assert!(c.stored.rows.len() <= yunhu_tui::app::coin_window::WINDOW as usize);
    let screen = h.screen(100, 30);
    assert!(screen.contains("100000 of 100000"), "{screen}");

    h.press('g');
    h.idle().await;
    let c = &h.state.account.coins;
    assert_eq!(c.cursor.cursor, 0);
    assert_eq!(c.stored.row(0).map(|r| r.id), Some(50_000_000));
    // PgDn and j from the top: the window follows, every row on screen is there.
    for _ in 0..30 {
        h.key(KeyCode::PageDown);
        h.idle().await;
    }
    h.press('j');
    h.idle().await;
    let c = &h.state.account.coins;
    let rows = yunhu_tui::geometry::coins_rows(h.state.size);
    for i in c.cursor.offset..c.cursor.offset + rows {
        assert!(
            c.stored.row(i as u64).is_some(),
            "row {i} on screen is kept"
        );
    }
    assert!(!h.screen(100, 30).contains("Loading"));
    // Nothing of this was asked of the server.
    assert_eq!(h.sent.len(), sent);
    assert_eq!(h.demo.handle().request_count(COINS), asked);
}

#[tokio::test]
async fn the_filter_counts_n_of_m_over_the_whole_store() {
    let mut h = stored(10_000).await;
    h.press('/');
    h.type_text("LUCKY");
    h.idle().await;
    h.key(KeyCode::Enter);
    let st = &h.state.account.coins.stored;
    assert_eq!(st.count, Some(2_000));
    assert!(st.rows.iter().all(|r| &*r.reason == "Lucky draw"));
    let screen = h.screen(100, 30);
    assert!(screen.contains("1 of 2000 all (10000 in all)"), "{screen}");
    // `f` on top: income among the draws is none; spending is all of them.
    h.press('f');
    h.idle().await;
    assert_eq!(h.state.account.coins.stored.count, Some(0));
    h.press('f');
    h.idle().await;
    assert_eq!(h.state.account.coins.stored.count, Some(2_000));
    h.press('G');
    h.idle().await;
    let last = h
        .state
        .account
        .coins
        .stored
        .row(1_999)
        .expect("the last draw");
    assert_eq!(last.id, 50_000_000 - 9_995);
    // Cleared: all of them again.
    h.key(KeyCode::Esc);
    h.press('f');
    h.idle().await;
    assert_eq!(h.state.account.coins.stored.count, Some(10_000));
}

#[tokio::test]
async fn p_switches_the_charts_period_over_the_stored_history() {
    let mut h = stored(10_000).await;
    let st = &h.state.account.coins.stored;
    assert_eq!(st.period, ChartPeriod::All);
    let all = st.series.clone();
    assert!(all.points.len() <= 600 && all.points.len() > 100);
    assert!(!st.months.is_empty() && st.months.len() <= 24);
    let screen = h.screen(100, 30);
    assert!(screen.contains("Balance · all (p)"), "{screen}");
    assert!(screen.contains("Monthly net"), "{screen}");
    for (period, days) in [
        (ChartPeriod::Week, 7),
        (ChartPeriod::Month, 30),
        (ChartPeriod::Year, 365),
    ] {
        h.press('p');
        h.idle().await;
        let st = &h.state.account.coins.stored;
        assert_eq!(st.period, period);
        assert_eq!(st.series.until - st.series.since, days * 86_400);
        // One record an hour: a week has 168, fewer than the points; more are bucketed.
        assert!(st.series.points.len() <= 600);
    }
    let screen = h.screen(100, 30);
    assert!(screen.contains("Balance · year (p)"), "{screen}");
    h.press('p');
    h.idle().await;
    // Back to all: the same history (up to a clock that moved on).
    let back = &h.state.account.coins.stored.series;
    assert_eq!(h.state.account.coins.stored.period, ChartPeriod::All);
    assert_eq!(
        (back.since, back.points.len()),
        (all.since, all.points.len())
    );
}

#[tokio::test]
async fn the_dashboard_syncs_the_coin_history_and_a_second_start_with_nothing_new_asks_once() {
    let mut h = Harness::logged_in().await;
    h.state.sync_coins = true;
    // The first sync fills the store from the server.
    let before = h.demo.handle().request_count(COINS);
    h.press('3');
    h.press('r');
    h.idle().await;
    h.store_flush().await;
    h.idle().await;
    assert!(h.demo.handle().request_count(COINS) > before);
    assert!(
        h.state.account.coins.stored.in_use(),
        "the pane shows the store"
    );
    let stored = h.state.account.coins.stored.total.unwrap_or(0);
    assert!(stored > 0);

    // A second start with nothing new: exactly one coin request.
    h.restart().await;
    h.state.sync_coins = true;
    let before = h.demo.handle().request_count(COINS);
    h.send_first_requests();
    h.idle().await;
    h.store_flush().await;
    h.idle().await;
    assert_eq!(h.demo.handle().request_count(COINS) - before, 1);
    assert_eq!(h.state.account.coins.stored.total, Some(stored));

    // New records at the top arrive with the next sync (`r`), the rest stays stored.
    h.demo.handle().add_coin_records(3);
    h.press('3');
    h.press('r');
    h.idle().await;
    h.store_flush().await;
    h.idle().await;
    assert_eq!(h.state.account.coins.stored.total, Some(stored + 3));
}

/// A coin sync that the server breaks off is said in the status line; the stored history
/// stays on screen and the store stays in use; the next `r` syncs.
#[tokio::test]
async fn a_failed_coin_sync_is_said_and_the_stored_history_stays() {
    let mut h = stored(30).await;
    h.state.sync_coins = true;
    h.state.status = None;
    h.fail_once(yunhu_tui::demo::FaultMode::Http500, COINS);
    h.press('r');
    h.idle().await;
    let said = h
        .state
        .status
        .as_ref()
        .map(|s| s.text(h.state.s()))
        .unwrap_or_default();
    assert!(
        said.starts_with("Coin history not brought up to date: ") && said.contains("500"),
        "{said}"
    );
    assert!(
        !h.state.account.store_down,
        "the server's failure is not the store's"
    );
    let c = &h.state.account.coins;
    assert!(c.stored.in_use());
    assert_eq!(c.stored.total, Some(30));
    assert!(h.screen(100, 30).contains("1 of 30"));
    // The next `r` syncs: the server's 260 records join the 30.
    h.press('r');
    h.idle().await;
    assert_eq!(h.state.account.coins.stored.total, Some(290));
}
