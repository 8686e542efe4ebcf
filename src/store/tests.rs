use std::path::Path;

use super::*;
use crate::api::model::{Bot, CoinRecord};
use crate::api::{ApiClient, ClientConfig};
use crate::demo::{DemoServer, FaultPlan};
use crate::store::export::{ExportFormat, export_coins};

/// A store of `service`'s account `id` in a new temp dir (kept alive beside it).
pub(crate) fn open_temp(service: Service, id: &str) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        dir.path(),
        &StoreKey::new(service, "http://127.0.0.1:1", id),
    )
    .unwrap();
    (dir, store)
}

fn key(id: &str) -> StoreKey {
    StoreKey::new(Service::Yunhu, "http://127.0.0.1:9/", id)
}

fn record(id: i64, time: i64, before: f64, after: f64, reason: &str, remark: &str) -> CoinRecord {
    CoinRecord {
        id,
        user_id: "7058262".into(),
        typ: 1,
        before_amount: before,
        after_amount: after,
        change_amount: (after - before).abs(),
        reason: reason.into(),
        remark: remark.into(),
        create_time: time,
    }
}

async fn demo() -> (DemoServer, ApiClient) {
    let server = DemoServer::start_with(([127, 0, 0, 1], 0).into(), FaultPlan::default())
        .await
        .unwrap();
    let token = server.handle().logins()[0].token.clone();
    let client = ApiClient::new(crate::startup::demo_client_config(
        &server,
        ClientConfig::default(),
    ))
    .unwrap()
    .with_token(Some(token));
    (server, client)
}

const COINS: &str = "/v1/user/gold-coin-increase-decrease-record";

#[test]
fn the_key_is_kept_and_the_trailing_slash_does_not_matter() {
    let a = StoreKey::new(Service::Yunhu, "https://x.example/", "1");
    let b = StoreKey::new(Service::Yunhu, "https://x.example", "1");
    assert_eq!(a.file_name(), b.file_name());
    assert_ne!(a.file_name(), key("2").file_name());
    assert!(a.file_name().starts_with("yunhu-") && a.file_name().ends_with(".sqlite3"));
}

#[test]
fn snapshots_survive_a_reopen_in_private_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data/yunhu-tui");
    {
        let store = Store::open(&dir, &key("1")).unwrap();
        assert_eq!(store.snapshot("profile").unwrap(), None);
        store.put_snapshot("settings:x", "{\"a\":1}", 42).unwrap();
        let bots = vec![Bot {
            nickname: "机器人, \"one\"".into(),
            headcount: 3,
            ..Default::default()
        }];
        store.save_bots(&bots).unwrap();
        store
            .save_categories(&["游戏".to_owned(), "学习".to_owned()])
            .unwrap();
    }
    let store = Store::open(&dir, &key("1")).unwrap();
    assert_eq!(
        store.snapshot("settings:x").unwrap(),
        Some(Snapshot {
            json: "{\"a\":1}".into(),
            fetched_at_ms: 42
        })
    );
    assert_eq!(store.load_bots().unwrap().unwrap().value[0].headcount, 3);
    assert_eq!(
        store.load_categories().unwrap().unwrap().value,
        ["游戏", "学习"]
    );
    let keys: Vec<String> = store
        .snapshot_list()
        .unwrap()
        .into_iter()
        .map(|s| s.key)
        .collect();
    assert_eq!(keys, ["bots", "categories", "settings:x"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(dir.parent().unwrap()), 0o700);
        assert_eq!(mode(store.path().unwrap()), 0o600);
    }
    store.clear().unwrap();
    assert!(store.snapshot_list().unwrap().is_empty());
}

#[test]
fn the_profile_round_trips_through_its_protobuf_bytes() {
    let store = Store::open_in_memory(&key("1")).unwrap();
    let view = crate::output::ProfileView {
        info: crate::proto::user_info::Data {
            id: "7058262".into(),
            name: "云湖测试用户".into(),
            coin: 357.01,
            ..Default::default()
        },
        user: Default::default(),
        data: crate::api::model::UserData {
            introduction: "你好\n世界".into(),
            update_time: 5,
            ..Default::default()
        },
    };
    store.save_profile(&view).unwrap();
    let back = store.load_profile().unwrap().unwrap().value;
    assert_eq!(back.info, view.info);
    assert_eq!(back.data, view.data);
    // A snapshot that does not decode is an error, not a panic nor a default.
    store
        .put_snapshot(panes::PROFILE, "{\"info\": 3}", 1)
        .unwrap();
    assert!(matches!(
        store.load_profile(),
        Err(StoreError::BadValue { .. })
    ));
}

#[test]
fn a_corrupt_file_is_reported_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(key("1").file_name());
    let junk = b"this is not a database, it is a text file with some words in it".repeat(100);
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(tmp.path(), &key("1")).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), junk);
}

#[test]
fn a_store_from_a_newer_version_is_refused_and_not_changed() {
    let tmp = tempfile::tempdir().unwrap();
    drop(Store::open(tmp.path(), &key("1")).unwrap());
    let path = tmp.path().join(key("1").file_name());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Store::open(tmp.path(), &key("1")).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 99, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer yunhu-tui"), "{err}");
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
}

#[test]
fn a_store_locked_by_another_instance_fails_fast_with_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path(), &key("1")).unwrap();
    store.put_snapshot("profile", "{}", 1).unwrap();
    let other = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = std::time::Instant::now();
    let err = store.put_snapshot("medals", "[]", 2).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    assert!(err.to_string().contains("another yunhu-tui"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    // Reads go on (WAL), and writes once the other one is done.
    assert!(store.snapshot("profile").unwrap().is_some());
    other.execute_batch("COMMIT").unwrap();
    store.put_snapshot("medals", "[]", 2).unwrap();
}

#[test]
fn a_file_of_another_account_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    drop(Store::open(tmp.path(), &key("1")).unwrap());
    std::fs::rename(
        tmp.path().join(key("1").file_name()),
        tmp.path().join(key("2").file_name()),
    )
    .unwrap();
    let err = Store::open(tmp.path(), &key("2")).unwrap_err();
    assert!(matches!(err, StoreError::OtherAccount { .. }), "{err:?}");
}

#[cfg(unix)]
#[test]
fn a_read_only_data_dir_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    if std::fs::write(dir.join("probe"), b"").is_ok() {
        // Root writes anywhere: the process test (tests/store.rs) runs this as another user.
        eprintln!("skipped: this user can write into a 0500 directory");
        return;
    }
    let err = Store::open(&dir, &key("1")).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().contains("cannot be written"), "{err}");
}

#[test]
fn pages_are_newest_first_and_streaming_reads_honour_the_range() {
    let store = Store::open_in_memory(&key("1")).unwrap();
    let records: Vec<CoinRecord> = (0..250)
        .map(|i| record(i, 1_000 + i * 10, 1.0, 2.0, "r", ""))
        .collect();
    assert_eq!(store.save_coin_page(&records).unwrap(), 250);
    assert_eq!(store.save_coin_page(&records[..10]).unwrap(), 0);
    let first = store.coin_page(0, 3).unwrap();
    let ids: Vec<i64> = first.iter().map(|c| c.record.id).collect();
    assert_eq!(ids, [249, 248, 247]);
    assert_eq!(first[0].record.user_id, "1");
    let last = store.coin_page(248, 10).unwrap();
    assert_eq!(last.len(), 2);
    assert_eq!(last[1].record.id, 0);
    let range = TimeRange {
        since: Some(1_000 + 100 * 10),
        until: Some(1_000 + 110 * 10),
    };
    assert_eq!(store.coin_count(range).unwrap(), 10);
    let mut seen = Vec::new();
    let n = store
        .for_each_coin(range, |c| -> Result<(), StoreError> {
            seen.push(c.record.id);
            Ok(())
        })
        .unwrap();
    assert_eq!(n, 10);
    assert_eq!(seen, (100..110).rev().collect::<Vec<_>>());
    let stats = store.coin_stats().unwrap();
    assert_eq!(
        (stats.count, stats.oldest, stats.newest, stats.complete),
        (250, Some(1_000), Some(1_000 + 249 * 10), false)
    );
}

#[test]
fn csv_export_quotes_what_needs_it_and_reads_back() {
    let store = Store::open_in_memory(&key("1")).unwrap();
    let tricky = [
        record(3, 1_700_000_200, 10.0, 7.5, "抽奖消耗", "a, b"),
        record(
            2,
            1_700_000_100,
            5.0,
            10.0,
            "say \"hi\"",
            "line one\nline two",
        ),
        record(
            1,
            1_700_000_000,
            0.0,
            5.0,
            "每日签到，中文",
            "\u{1b}]52;c;x\u{7}",
        ),
    ];
    store.save_coin_page(&tricky).unwrap();
    let mut out = Vec::new();
    let n = export_coins(&store, TimeRange::default(), ExportFormat::Csv, &mut out).unwrap();
    assert_eq!(n, 3);
    let mut reader = csv::Reader::from_reader(out.as_slice());
    assert_eq!(reader.headers().unwrap(), export::CSV_HEADER.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        [
            "3",
            "2023-11-14T22:16:40Z",
            "-2.50",
            "7.50",
            "抽奖消耗",
            "a, b"
        ]
    );
    assert_eq!(&rows[1][4], "say \"hi\"");
    assert_eq!(&rows[1][5], "line one\nline two");
    assert_eq!(&rows[1][2], "5.00");
    assert_eq!(&rows[2][4], "每日签到，中文");
    assert!(!rows[2][5].contains('\u{1b}'), "{:?}", &rows[2][5]);

    for format in [ExportFormat::Json, ExportFormat::Ndjson] {
        let mut out = Vec::new();
        export_coins(&store, TimeRange::default(), format, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let values: Vec<serde_json::Value> = if format == ExportFormat::Json {
            serde_json::from_str(&text).unwrap()
        } else {
            text.lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect()
        };
        assert_eq!(values.len(), 3);
        assert_eq!(values[1]["remark"], "line one\nline two");
        assert_eq!(values[2]["remark"], "\u{1b}]52;c;x\u{7}");
        assert_eq!(values[0]["change"], -2.5);
        assert_eq!(values[0]["time"]["rfc3339"], "2023-11-14T22:16:40Z");
    }
    let mut empty = Vec::new();
    export_coins(
        &Store::open_in_memory(&key("2")).unwrap(),
        TimeRange::default(),
        ExportFormat::Json,
        &mut empty,
    )
    .unwrap();
    assert_eq!(
        serde_json::from_slice::<Vec<serde_json::Value>>(&empty)
            .unwrap()
            .len(),
        0
    );
}

#[tokio::test]
async fn incremental_sync_costs_one_request_when_nothing_is_new() {
    let (server, client) = demo().await;
    let demo = server.handle();
    demo.generate_coin_history(250);
    let store = Store::open_in_memory(&key("1")).unwrap();

    let first = sync_coins(&client, &store, SyncMode::Incremental)
        .await
        .unwrap();
    assert_eq!(
        (first.new, first.total_stored, first.requests),
        (250, 250, 3)
    );
    assert!(first.complete);

    demo.clear_requests();
    let again = sync_coins(&client, &store, SyncMode::Incremental)
        .await
        .unwrap();
    assert_eq!((again.new, again.requests, again.total_stored), (0, 1, 250));
    assert_eq!(demo.request_count(COINS), 1);

    // New records at the top: one page holds them and a known one.
    let ids = demo.add_coin_records(30);
    demo.clear_requests();
    let top = sync_coins(&client, &store, SyncMode::Incremental)
        .await
        .unwrap();
    assert_eq!((top.new, top.requests, top.total_stored), (30, 1, 280));
    assert_eq!(store.coin_page(0, 1).unwrap()[0].record.id, ids[0]);

    // A gap larger than a page: it goes on until it reaches a known record.
    demo.add_coin_records(230);
    demo.clear_requests();
    let gap = sync_coins(&client, &store, SyncMode::Incremental)
        .await
        .unwrap();
    assert_eq!((gap.new, gap.requests, gap.total_stored), (230, 3, 510));
    assert_eq!(demo.request_count(COINS), 3);
    let page: Vec<i64> = store
        .coin_page(0, 510)
        .unwrap()
        .iter()
        .map(|c| c.record.id)
        .collect();
    let mut sorted = page.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(page.len(), 510);
    assert_eq!(page, sorted, "newest first, nothing missing");
}

#[tokio::test]
async fn records_the_server_no_longer_returns_are_marked_gone_not_deleted() {
    let (server, client) = demo().await;
    let demo = server.handle();
    demo.generate_coin_history(150);
    let store = Store::open_in_memory(&key("1")).unwrap();
    sync_coins(&client, &store, SyncMode::Incremental)
        .await
        .unwrap();
    let removed = [10_000_000 - 5, 10_000_000 - 120];
    demo.remove_coin_records(&removed);
    // The totals disagree: the incremental sync walks everything once to find out.
    let s = sync_coins(&client, &store, SyncMode::Incremental)
        .await
        .unwrap();
    assert!(s.full, "{s:?}");
    assert_eq!((s.gone, s.total_stored), (2, 150));
    let gone: Vec<i64> = store
        .coin_page(0, 200)
        .unwrap()
        .into_iter()
        .filter(|c| c.gone)
        .map(|c| c.record.id)
        .collect();
    assert_eq!(gone, removed);
    assert_eq!(store.coin_stats().unwrap().gone, 2);
    // And then it is back to one request.
    demo.clear_requests();
    let s = sync_coins(&client, &store, SyncMode::Incremental)
        .await
        .unwrap();
    assert_eq!((s.requests, s.gone, s.full), (1, 0, false));
}

#[tokio::test]
async fn a_sync_cut_short_goes_on_where_it_stopped() {
    let (server, client) = demo().await;
    let demo = server.handle();
    demo.generate_coin_history(450);
    let store = Store::open_in_memory(&key("1")).unwrap();
    // Two pages stored as a first sync cut short by a failure leaves them (see `run`).
    let first = client.coin_records(1, 100).await.unwrap();
    let second = client.coin_records(2, 100).await.unwrap();
    store.begin_run().unwrap();
    store
        .store_run_page(&first.gold_coin_record, false)
        .unwrap();
    store
        .store_run_page(&second.gold_coin_record, false)
        .unwrap();
    store.mark_run_in_sequence().unwrap();
    demo.clear_requests();
    let s = sync_coins(&client, &store, SyncMode::Incremental)
        .await
        .unwrap();
    // Page 1 connects; then pages 2 to 5 (the last short).
    assert_eq!((s.new, s.total_stored, s.requests), (250, 450, 5));
    assert!(s.complete);
}

#[tokio::test]
async fn a_loose_page_never_ends_a_sync_above_a_hole() {
    let (server, client) = demo().await;
    let demo = server.handle();
    demo.generate_coin_history(120);
    let store = Store::open_in_memory(&key("1")).unwrap();
    sync_coins(&client, &store, SyncMode::Incremental)
        .await
        .unwrap();
    // 250 new ones; someone saves the newest page on its own (the dashboard's first page).
    demo.add_coin_records(250);
    let top = client.coin_records(1, 20).await.unwrap();
    store.save_coin_page(&top.gold_coin_record).unwrap();
    let s = sync_coins(&client, &store, SyncMode::Incremental)
        .await
        .unwrap();
    assert_eq!((s.total_stored, s.new), (370, 230));
}

#[tokio::test]
async fn the_store_never_holds_the_token() {
    let (server, client) = demo().await;
    let token = server.handle().logins()[0].token.clone();
    server.handle().generate_coin_history(300);
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path(), &key("7058262")).unwrap();
        sync_coins(&client, &store, SyncMode::Full).await.unwrap();
        store.save_bots(&client.bots().await.unwrap()).unwrap();
        store
            .save_medals(&client.self_medals().await.unwrap())
            .unwrap();
        let info = client.user_info().await.unwrap();
        let user = client.get_user(&info.id).await.unwrap();
        let data = client.user_data().await.unwrap();
        store
            .save_profile(&crate::output::ProfileView { info, user, data })
            .unwrap();
    }
    let mut files = 0;
    for entry in std::fs::read_dir(tmp.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        files += 1;
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "the token is in the store"
        );
    }
    assert!(files >= 1);
}
