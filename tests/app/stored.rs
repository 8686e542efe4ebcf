//! The dashboard and its local store: answers kept, the stored view in the first frame, a
//! store that fails said once while the dashboard goes on.

use yunhu_tui::app::action::Effect;
use yunhu_tui::store::protocol::{PaneSnapshot, StoreCommand};
use yunhu_tui::store::{StoreKey, protocol::StoreId};

use crate::harness::Harness;

/// Where the harness's store for `id` is.
fn store_file(h: &Harness, id: &str) -> std::path::PathBuf {
    let server = h.demo_base_url();
    h.store_dir
        .join(StoreKey::new(yunhu_tui::service::Service::Yunhu, &server, id).file_name())
}

fn save(id: StoreId) -> Effect {
    Effect::Store(
        id,
        StoreCommand::Save(PaneSnapshot::Categories(vec!["精选".into()])),
    )
}

#[tokio::test]
async fn a_corrupt_store_is_said_once_and_the_dashboard_goes_on() {
    let mut h = Harness::logged_in().await;
    h.store_flush().await;
    let vip = h.vip.id.clone();
    let mut h2 = Harness::logged_out().await;
    // A file that is not a database where the account's store goes.
    std::fs::create_dir_all(&h2.store_dir).unwrap();
    std::fs::write(store_file(&h2, &vip), b"not a database at all, just bytes").unwrap();
    h2.use_stores(&[Some(vip.clone())]);
    h2.apply(vec![save(9001), save(9002)]);
    h2.store_flush().await;
    let status = h2.state.status.take().expect("the failure is said");
    let text = status.text(h2.state.s());
    assert!(status.error && text.contains("damaged"), "{text}");
    // Said once: a later failure says nothing more.
    h2.apply(vec![save(9003)]);
    h2.store_flush().await;
    assert_eq!(h2.state.status, None);
    assert!(h2.state.account.store_down);
    drop(h);
}

fn header(h: &Harness) -> String {
    h.screen(100, 30).lines().next().unwrap_or("").to_owned()
}

/// Puts the harness's clock three minutes after the newest stored data shown, so that every
/// age on screen (each pane's, and the header's oldest: saved a few ms before) reads
/// "3 min ago" whatever the milliseconds between the saves.
fn three_minutes_later(h: &mut Harness) {
    let oldest = yunhu_tui::app::stored::stored_since(&h.state).expect("stored data shown");
    let newest = yunhu_tui::app::state::Tab::ALL
        .iter()
        .filter_map(|tab| yunhu_tui::app::stored::pane_stored_at(&h.state, *tab))
        .max()
        .unwrap_or(oldest);
    assert!(
        newest - oldest < 60_000,
        "the saves are seconds apart at most"
    );
    h.state.now_ms = newest + 3 * 60 * 1000;
}

#[tokio::test]
async fn a_second_start_shows_the_stored_account_in_its_first_frame_then_the_fresh_one() {
    let mut h = Harness::logged_in().await;
    h.restart().await;
    // Before any request: the account's name and balance, marked as stored.
    assert!(h.sent.len() > 10);
    let sent_before = h.sent.len();
    three_minutes_later(&mut h);
    let first = h.screen(100, 30);
    let top = first.lines().next().unwrap_or("");
    assert!(
        top.contains("云湖测试用户") && top.contains("updated 3 min ago"),
        "{first}"
    );
    assert!(top.contains("Coins"), "the balance: {first}");
    assert!(
        first.contains("stored 3 min ago"),
        "the pane's age: {first}"
    );
    assert!(!first.contains("Loading"), "{first}");
    assert!(!h.state.first_data_complete(), "stored is not fresh");
    // Medals and Discover come from the store too.
    h.press('2');
    assert!(h.state.account.medals.list.stored_at.is_some());
    h.press('4');
    let discover = h.screen(100, 30);
    assert!(
        !h.state.account.discover.groups.list.items.is_empty(),
        "{discover}"
    );
    h.press('1');

    // Then the same requests as always, and each pane is replaced by its answer.
    h.send_first_requests();
    assert!(h.sent.len() > sent_before);
    h.idle().await;
    assert!(h.state.first_data_complete());
    assert_eq!(yunhu_tui::app::stored::stored_since(&h.state), None);
    let fresh = header(&h);
    assert!(
        fresh.contains("云湖测试用户") && !fresh.contains("updated"),
        "{fresh}"
    );
    assert!(!h.screen(100, 30).contains("stored "));
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_stored_view_with_an_offline_badge() {
    let mut h = Harness::logged_in().await;
    h.restart().await;
    three_minutes_later(&mut h);
    h.demo
        .handle()
        .set_faults(yunhu_tui::demo::FaultPlan::always(
            yunhu_tui::demo::FaultMode::Http500,
        ));
    h.send_first_requests();
    h.idle().await;
    let top = header(&h);
    assert!(
        top.contains("云湖测试用户") && top.contains("offline") && top.contains("3 min ago"),
        "{top}"
    );
    let status = h.state.status.as_ref().expect("the reason");
    assert!(status.error, "{status:?}");
    assert!(status.text(h.state.s()).starts_with("Failed"));
    // Zh too.
    h.state.set_lang(yunhu_tui::i18n::Lang::Zh);
    let zh = header(&h);
    assert!(zh.contains("离线") && zh.contains("3 分钟前"), "{zh}");
}

#[tokio::test]
async fn a_store_from_a_newer_version_is_said_once_and_the_dashboard_starts_fresh() {
    let mut h = Harness::logged_in().await;
    h.store_flush().await;
    let path = store_file(&h, &h.vip.id.clone());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    h.restart().await;
    let status = h.state.status.clone().expect("said");
    assert!(
        status.text(h.state.s()).contains("newer"),
        "{}",
        status.text(h.state.s())
    );
    assert_eq!(yunhu_tui::app::stored::stored_since(&h.state), None);
    h.state.status = None;
    h.send_first_requests();
    h.idle().await;
    h.store_flush().await;
    assert_eq!(h.state.status, None, "said once");
    assert!(header(&h).contains("云湖测试用户"), "{}", h.screen(100, 30));
}

#[tokio::test]
async fn a_store_locked_by_another_instance_is_said_once_and_the_dashboard_goes_on() {
    let mut h = Harness::logged_in().await;
    h.restart().await;
    // Another instance holds the write lock for the whole session.
    let path = store_file(&h, &h.vip.id.clone());
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    h.send_first_requests();
    h.idle().await;
    h.store_flush().await;
    let status = h.state.status.clone().expect("said");
    let text = status.text(h.state.s());
    assert!(status.error && text.contains("busy"), "{text}");
    assert!(h.state.first_data_complete());
    assert!(header(&h).contains("云湖测试用户"));
    other.execute_batch("ROLLBACK").unwrap();
}

#[tokio::test]
async fn the_store_never_holds_the_token() {
    let mut h = Harness::logged_in().await;
    h.store_flush().await;
    let token = h.vip.token.clone();
    let mut files = 0;
    for entry in std::fs::read_dir(&h.store_dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        files += 1;
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "the token is in the store"
        );
    }
    assert!(files >= 1);
    // And the store holds the panes (so the search above looked at real data).
    h.restart().await;
    assert!(h.state.account.profile.info.stored_at.is_some());
}

#[tokio::test]
async fn an_offline_start_shows_the_store_and_sends_nothing() {
    let mut h = Harness::logged_in().await;
    h.restart().await;
    h.state.offline = true;
    three_minutes_later(&mut h);
    let sent = h.sent.len();
    // Keys that would load something: the retry of each pane, the coins' list.
    for key in ['r', '3', 'r', 'G', '4', 'r', '1'] {
        h.press(key);
    }
    h.idle().await;
    assert_eq!(h.sent.len(), sent, "nothing is sent offline");
    assert!(h.state.account.requests.is_empty());
    let top = header(&h);
    assert!(
        top.contains("云湖测试用户") && top.contains("offline · updated 3 min ago"),
        "{top}"
    );
    // Where nothing was stored (the coin history is not a snapshot), it says so.
    h.press('3');
    let coins = h.screen(100, 30);
    assert!(
        coins.contains("Nothing stored for this yet (--offline)"),
        "{coins}"
    );
    assert!(!coins.contains("Loading"), "{coins}");
}

#[tokio::test]
async fn auto_refresh_wakes_once_per_period_and_never_when_off() {
    use std::time::{Duration, Instant};
    use yunhu_tui::api::actor::Command;
    use yunhu_tui::app::update::on_deadline;
    // Off (the default): nothing to wake for once the status line is gone.
    let mut h = crate::harness::Harness::logged_in().await;
    h.state.status = None;
    assert_eq!(h.state.next_deadline(), None, "no wake-up while idle");

    // On: the session's start schedules the first refresh, one period ahead.
    let mut h = crate::harness::Harness::logged_in().await;
    h.state.settings.refresh_secs = 60;
    h.state.now_ms = 1_700_000_000_000;
    let fx = yunhu_tui::app::session::start_session(&mut h.state);
    h.apply(fx);
    h.idle().await;
    h.state.status = None;
    let due = h.state.next_deadline().expect("a refresh is scheduled");
    let in_secs = due.saturating_duration_since(Instant::now()).as_secs_f64();
    assert!((55.0..=60.5).contains(&in_secs), "{in_secs}");
    // Before it is due nothing is sent; when it is, the panes are asked again, once.
    let sent = h.sent.len();
    let early = on_deadline(&mut h.state, due - Duration::from_secs(1));
    assert!(early.is_empty());
    let fx = on_deadline(&mut h.state, due);
    h.apply(fx);
    let asked: Vec<Command> = h.sent[sent..].to_vec();
    assert!(
        asked.contains(&Command::Info) && asked.contains(&Command::Medals),
        "{asked:?}"
    );
    assert!(
        !asked
            .iter()
            .any(|c| matches!(c, Command::Coins { .. } | Command::Groups { .. })),
        "lists keep their place: {asked:?}"
    );
    h.idle().await;
    let next = h.state.next_deadline().expect("the next refresh");
    assert!(next >= due + Duration::from_secs(59), "one period later");
    // The header says how fresh the data is.
    h.state.now_ms += 120_000;
    assert!(
        h.screen(100, 30).contains("updated 2 min ago"),
        "{}",
        h.screen(100, 30)
    );
}

/// The Settings pane's answers are kept one by one and shown, aged, on the next start,
/// then replaced by fresh ones.
#[tokio::test]
async fn the_settings_pane_is_stored_and_shown_on_a_second_start() {
    let mut h = Harness::logged_in().await;
    h.press('5');
    h.idle().await;
    assert!(h.state.account.settings.limits.value.is_some());
    h.restart().await;
    h.press('5');
    let s = &h.state.account.settings;
    for (what, at) in [
        ("distribution", s.distribution.stored_at),
        ("grey", s.grey.stored_at),
        ("notification", s.notification.stored_at),
        ("modules", s.modules.stored_at),
        ("limits", s.limits.stored_at),
    ] {
        assert!(at.is_some(), "{what} is stored");
    }
    assert!(s.versions.iter().all(|(_, r)| r.stored_at.is_some()));
    three_minutes_later(&mut h);
    let screen = h.screen(100, 30);
    assert!(screen.contains("stored 3 min ago"), "{screen}");
    assert!(!screen.contains("Loading"), "{screen}");
    h.send_first_requests();
    h.idle().await;
    let s = &h.state.account.settings;
    assert!(s.limits.stored_at.is_none() && s.grey.stored_at.is_none());
    assert!(!h.screen(100, 30).contains("stored "));
}

/// A data dir that cannot be written (sysfs refuses new entries, even to root): said once
/// in the status line, and the dashboard goes on with fresh answers only.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_data_dir_it_cannot_write_is_said_once_and_the_dashboard_goes_on() {
    let mut h = Harness::logged_in().await;
    let vip = h.vip.id.clone();
    h.store_dir = "/sys/yunhu-tui-data".into();
    h.use_stores(&[Some(vip)]);
    h.state.status = None;
    h.press('r');
    h.idle().await;
    h.store_flush().await;
    let status = h.state.status.take().expect("the store's failure is said");
    let text = status.text(h.state.s());
    assert!(
        status.error && text.starts_with("The local store is not used: "),
        "{text}"
    );
    assert!(h.state.account.store_down);
    // Said once; the dashboard goes on.
    h.press('r');
    h.idle().await;
    h.store_flush().await;
    assert_eq!(h.state.status, None);
    assert!(h.screen(100, 30).contains("云湖测试用户"));
    assert!(!std::path::Path::new("/sys/yunhu-tui-data").exists());
}

/// A category viewed before keeps its first page of groups: chosen again on a later start
/// with nothing sent (`--offline`), its stored page is shown, aged.
#[tokio::test]
async fn a_category_viewed_before_shows_its_stored_groups_offline() {
    use crossterm::event::KeyCode;
    let mut h = Harness::logged_in().await;
    h.press('4');
    h.key(KeyCode::Right);
    h.idle().await;
    let category = h.state.account.discover.groups.category.clone();
    let first = h.state.account.discover.groups.list.items[0]
        .nickname
        .clone();
    assert!(!first.is_empty());
    h.store_flush().await;

    h.restart().await;
    h.state.offline = true;
    h.press('4');
    h.key(KeyCode::Right);
    h.store_flush().await;
    let g = &h.state.account.discover.groups;
    assert_eq!(g.category, category);
    assert!(g.stored_at.is_some(), "the stored page is shown");
    assert_eq!(g.list.items[0].nickname, first);
    three_minutes_later(&mut h);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains(&first) && screen.contains("stored 3 min ago"),
        "{screen}"
    );
    // Back to the first category: its stored page again, nothing asked of the server.
    h.key(KeyCode::Left);
    h.store_flush().await;
    assert!(h.state.account.discover.groups.stored_at.is_some());
    assert!(!h.state.account.discover.groups.list.items.is_empty());
}
