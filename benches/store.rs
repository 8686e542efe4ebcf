//! `cargo bench --bench store`: the local store with 100 000 coin records.
//!
//! - the incremental sync of 100 000 records into an empty store (on disk), from the
//!   embedded demo server on loopback (1 000 pages of 100);
//! - the CSV export of 100 000 records, to a sink;
//! - a paged read (50 records) in the middle of the history;
//! - the Coins pane's queries: filter counts, filtered windows (first, middle, last), the
//!   balance series of each period, monthly totals;
//! - peak RSS of the release binary exporting 100 000 stored records as CSV with
//!   `--offline` (printed before criterion's figures). Linux only (getrusage).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use yunhu_tui::api::{ApiClient, ClientConfig};
use yunhu_tui::demo::{DemoServer, FaultPlan};
use yunhu_tui::service::Service;
use yunhu_tui::startup::demo_client_config;
use yunhu_tui::store::export::{ExportFormat, export_coins};
use yunhu_tui::store::{
    ChartPeriod, CoinQuery, CoinSign, Store, StoreKey, SyncMode, TimeRange, sync_coins,
};

const N: usize = 100_000;

fn key() -> StoreKey {
    StoreKey::new(Service::Yunhu, "http://127.0.0.1:9", "7058262")
}

async fn demo() -> (DemoServer, ApiClient, String) {
    let server = DemoServer::start_with(([127, 0, 0, 1], 0).into(), FaultPlan::default())
        .await
        .expect("demo server");
    server.handle().generate_coin_history(N);
    let token = server.handle().logins()[0].token.clone();
    let client = ApiClient::new(demo_client_config(&server, ClientConfig::default()))
        .expect("client")
        .with_token(Some(token.clone()));
    (server, client, token)
}

/// Peak RSS (kB) of the release binary exporting the stored history offline.
fn export_rss(rt: &tokio::runtime::Runtime) {
    let home = tempfile::tempdir().expect("tempdir");
    let (server, _client, token) = rt.block_on(demo());
    let url = server.base_url();
    let run = |args: &[&str]| {
        let started = std::time::Instant::now();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_yunhu-tui"))
            .args(["--server", &url])
            .args(args)
            .env("YUNHU_TOKEN", &token)
            .env("YUNHU_TUI_CONFIG_DIR", home.path().join("c"))
            .env("YUNHU_TUI_STATE_DIR", home.path().join("s"))
            .env("YUNHU_TUI_DATA_DIR", home.path().join("d"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run the binary");
        // VmHWM of the child's own address space, polled until it exits (a child's
        // ru_maxrss would count this process's pages it was forked with).
        let status_path = format!("/proc/{}/status", child.id());
        let mut hwm_kb = 0;
        let status = loop {
            if let Ok(text) = std::fs::read_to_string(&status_path)
                && let Some(kb) = text
                    .lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|n| n.parse::<u64>().ok())
            {
                hwm_kb = hwm_kb.max(kb);
            }
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        };
        assert!(status.success(), "{args:?}");
        (started.elapsed(), hwm_kb)
    };
    // The server runs on this runtime's threads while the child talks to it.
    let _guard = rt.enter();
    let (synced, sync_rss) = run(&["coins", "--all", "--format", "csv"]);
    let (exported, export_rss) = run(&["--offline", "coins", "--all", "--format", "csv"]);
    println!(
        "binary, {N} records: first `coins --all --format csv` (sync + export) {:.2} s, peak RSS {:.1} MB; \
         `--offline coins --all --format csv` {:.2} s, peak RSS {:.1} MB",
        synced.as_secs_f64(),
        sync_rss as f64 / 1024.0,
        exported.as_secs_f64(),
        export_rss as f64 / 1024.0,
    );
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    if std::env::var_os("STORE_BENCH_NO_RSS").is_none() {
        export_rss(&rt);
    }
    let (_server, client, _) = rt.block_on(demo());

    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.bench_function(
        "sync 100k records into an empty store (1000 requests)",
        |b| {
            b.iter_with_large_drop(|| {
                let dir = tempfile::tempdir().expect("tempdir");
                let store = Store::open(dir.path(), &key()).expect("store");
                let s = rt
                    .block_on(sync_coins(&client, &store, SyncMode::Incremental))
                    .expect("sync");
                assert_eq!(s.total_stored, N as u64);
                (store, dir)
            })
        },
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path(), &key()).expect("store");
    rt.block_on(sync_coins(&client, &store, SyncMode::Incremental))
        .expect("sync");
    group.bench_function("second sync, nothing new (1 request)", |b| {
        b.iter(|| {
            let s = rt
                .block_on(sync_coins(&client, &store, SyncMode::Incremental))
                .expect("sync");
            assert_eq!(s.requests, 1);
        })
    });
    group.bench_function("CSV export of 100k records to a sink", |b| {
        b.iter(|| {
            let n = export_coins(
                &store,
                TimeRange::default(),
                ExportFormat::Csv,
                std::io::sink(),
            )
            .expect("export");
            assert_eq!(n, N as u64);
        })
    });
    group.sample_size(100);
    group.bench_function("paged read: 50 records at offset 50 000", |b| {
        b.iter(|| black_box(store.coin_page(50_000, 50).expect("page")))
    });
    group.bench_function("paged read: first 50 records", |b| {
        b.iter(|| black_box(store.coin_page(0, 50).expect("page")))
    });
    // The Coins pane's reads over the whole stored history.
    let text = CoinQuery {
        text: "签到".into(),
        sign: CoinSign::All,
    };
    let spending = CoinQuery {
        text: String::new(),
        sign: CoinSign::Spending,
    };
    let ascii = CoinQuery {
        text: "nothing-matches".into(),
        sign: CoinSign::Income,
    };
    group.sample_size(20);
    group.bench_function("query: filter count, reason contains 签到", |b| {
        b.iter(|| assert_eq!(store.count_matching(&text).expect("count"), 80_000))
    });
    group.bench_function("query: filter count, spending", |b| {
        b.iter(|| assert_eq!(store.count_matching(&spending).expect("count"), 20_000))
    });
    group.bench_function("query: filter count, ASCII text + income, no match", |b| {
        b.iter(|| assert_eq!(store.count_matching(&ascii).expect("count"), 0))
    });
    group.bench_function("query: filtered window of 100, first", |b| {
        b.iter(|| {
            black_box(
                store
                    .coins_matching(&text, 0, 100, Some(80_000))
                    .expect("window"),
            )
        })
    });
    group.bench_function("query: filtered window of 100, last (G)", |b| {
        b.iter(|| {
            black_box(
                store
                    .coins_matching(&text, 79_950, 100, Some(80_000))
                    .expect("window"),
            )
        })
    });
    group.bench_function("query: filtered window of 100 at the middle", |b| {
        b.iter(|| {
            black_box(
                store
                    .coins_matching(&text, 40_000, 100, Some(80_000))
                    .expect("window"),
            )
        })
    });
    let now = chrono::Utc::now().timestamp();
    for period in ChartPeriod::ALL {
        group.bench_function(
            format!("query: balance series, {period:?} (600 points)"),
            |b| b.iter(|| black_box(store.balance_series(period, now, 600).expect("series"))),
        );
    }
    group.bench_function("query: monthly totals, newest 24 months", |b| {
        b.iter(|| black_box(store.monthly_totals(8 * 3600, 24).expect("months")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
