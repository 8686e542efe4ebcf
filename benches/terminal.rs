//! `cargo bench --bench terminal`: the release binary in a pseudo-terminal, measured.
//!
//! - time to the first frame (`--demo`), from the app's log and from outside;
//! - time until every pane's first data is on screen with 100 ms added to every request;
//! - CPU time over 10 s of idling;
//! - a second start of a stored account (the first frame from the store, then fresh);
//! - 100 000 coin records synced into the store, then a second start: its first frame and
//!   peak memory after `G` (the dashboard against a separate
//!   `serve-demo --demo-coin-records 100000`, so the server's memory is not counted).
//!
//! - pictures: the first frame of a second start drawing the stored avatar, and peak memory
//!   with 100 pictures in the account's store.
//!
//! Prints a Markdown table with each target. Linux only (reads /proc).

use std::time::{Duration, Instant};

#[path = "../tests/support/pty.rs"]
mod pty;

use pty::{BIN, Pty};

const RUNS: usize = 7;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The `ms=` of the first log line containing `what`, waiting up to 20 s for it.
fn log_ms(home: &std::path::Path, what: &str) -> f64 {
    let path = home.join(".state/yunhu-tui/yunhu-tui.log");
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(text) = std::fs::read_to_string(&path)
            && let Some(line) = text.lines().find(|l| l.contains(what))
            && let Some(ms) = line
                .split("ms=")
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .and_then(|n| n.parse().ok())
        {
            return ms;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no log line {what:?} in {}", path.display());
}

/// utime + stime of `pid`, in clock ticks (10 ms).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    fields
        .get(11)
        .and_then(|u| u.parse::<u64>().ok())
        .unwrap_or(0)
        + fields
            .get(12)
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0)
}

fn status_kb(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// A `serve-demo` child with `args`, and its base URL. Killed by the caller.
fn serve_demo(args: &[&str], home: &std::path::Path) -> (std::process::Child, String) {
    let mut server = std::process::Command::new(BIN)
        .arg("serve-demo")
        .args(args)
        .env("YUNHU_TUI_CONFIG_DIR", home.join("c"))
        .env("YUNHU_TUI_STATE_DIR", home.join("s"))
        .env("YUNHU_TUI_DATA_DIR", home.join("s-data"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("serve-demo");
    use std::io::BufRead;
    let mut lines = std::io::BufReader::new(server.stdout.take().expect("stdout")).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    std::thread::spawn(move || for _ in lines {});
    let url = first.rsplit(' ').next().unwrap_or_default().to_owned();
    (server, url)
}

/// 5: a second start of a saved account whose panes are stored, with 100 ms added to every
/// request. Returns, as medians: spawn → the name and balance on screen (from the store),
/// the first frame from the app's log, and the fresh data after the first frame.
fn second_start() -> (f64, f64, f64) {
    let server_home = tempfile::tempdir().expect("temp dir");
    let (mut server, url) = serve_demo(&["--latency-ms", "100"], server_home.path());
    let (mut seen, mut first, mut fresh) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let home = tempfile::tempdir().expect("temp dir");
        let config = home.path().join(".config/yunhu-tui");
        std::fs::create_dir_all(&config).expect("config dir");
        // A saved login (moved to the account `default` on the first start).
        std::fs::write(
            config.join("token"),
            "demo-vip-0f3c9a7e-6b1d-4c2a-9e85-31d7a4b2c001",
        )
        .expect("token");
        // The first start fills the store, the coin history too: the chart over the store
        // (its period key shown) appears once the sync is done.
        let mut pty = Pty::spawn_env(
            &["--server", &url, "--image-base", &format!("{url}/img/")],
            home.path(),
            &[],
        );
        log_ms(home.path(), "every pane has its first data");
        pty.send(b"3");
        pty.wait_for("all (p)");
        quit(pty);
        let log = home.path().join(".state/yunhu-tui/yunhu-tui.log");
        let _ = std::fs::remove_file(&log);
        let started = Instant::now();
        let pty = Pty::spawn_env(
            &["--server", &url, "--image-base", &format!("{url}/img/")],
            home.path(),
            &[],
        );
        pty.wait_for("357.01");
        seen.push(started.elapsed().as_secs_f64() * 1000.0);
        let frame = log_ms(home.path(), "first frame drawn");
        let data = log_ms(home.path(), "every pane has its first data");
        first.push(frame);
        fresh.push(data - frame);
        quit(pty);
    }
    let _ = server.kill();
    let _ = server.wait();
    (median(seen), median(first), median(fresh))
}

/// Waits until the screen shows half blocks (a picture), up to 20 s.
fn wait_for_picture(pty: &Pty) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if pty.screen().contains('▀') || pty.screen().contains('▄') {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("no picture on screen:\n{}", pty.screen());
}

/// 6: pictures. A saved account starts once (its avatar fetched and stored), 100 more
/// pictures are put in its store, then it starts again: spawn → the avatar on screen (from
/// the store, before any answer), the first frame in the log, and peak memory 2 s later.
fn pictures() -> (f64, f64, u64, u64, u64) {
    let server_home = tempfile::tempdir().expect("temp dir");
    let (mut server, url) = serve_demo(&["--latency-ms", "100"], server_home.path());
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join(".config/yunhu-tui");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("token"),
        "demo-vip-0f3c9a7e-6b1d-4c2a-9e85-31d7a4b2c001",
    )
    .expect("token");
    let args = ["--server", &url, "--image-base", &format!("{url}/img/")];
    let pty = Pty::spawn_env(&args, home.path(), &[]);
    log_ms(home.path(), "every pane has its first data");
    wait_for_picture(&pty);
    quit(pty);
    let dir = home.path().join(".local/share/yunhu-tui");
    let keys = yunhu_tui::store::stored_keys(&dir, yunhu_tui::service::Service::Yunhu, &url);
    let key = keys.first().expect("the account's store");
    let store = yunhu_tui::store::Store::open(&dir, key).expect("the store");
    for i in 0..100 {
        let png = yunhu_tui::demo::identicon::identicon_png(&format!("bench-{i}.png"));
        let picture = yunhu_tui::api::picture::picture_from_bytes(&png).expect("a picture");
        store
            .save_picture(
                &format!("https://chat-img.jwznb.com/bench-{i}.png"),
                &picture.png,
            )
            .expect("saved");
    }
    let kept = store.picture_count().expect("count") as u64;
    let store_kb = store.size_on_disk() / 1024;
    drop(store);
    let log = home.path().join(".state/yunhu-tui/yunhu-tui.log");
    let _ = std::fs::remove_file(&log);
    let started = Instant::now();
    let pty = Pty::spawn_env(&args, home.path(), &[]);
    wait_for_picture(&pty);
    let seen = started.elapsed().as_secs_f64() * 1000.0;
    let frame = log_ms(home.path(), "first frame drawn");
    log_ms(home.path(), "every pane has its first data");
    std::thread::sleep(Duration::from_secs(2));
    let hwm = status_kb(pty.pid(), "VmHWM:");
    quit(pty);
    let _ = server.kill();
    let _ = server.wait();
    (seen, frame, hwm, kept, store_kb)
}

fn quit(mut pty: Pty) {
    pty.send(b"q");
    pty.wait_exit();
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    println!("measuring {BIN}");

    // 1 + 2: first frame, and every pane's first data with 100 ms per request.
    let (mut frame_app, mut frame_outside, mut populated) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let home = tempfile::tempdir().expect("temp dir");
        let started = Instant::now();
        let pty = Pty::spawn_env(&["--demo", "--latency-ms", "100"], home.path(), &[]);
        // The first frame names the account shown (the demo has two).
        pty.wait_for("demo-vip");
        frame_outside.push(started.elapsed().as_secs_f64() * 1000.0);
        let first = log_ms(home.path(), "first frame drawn");
        let data = log_ms(home.path(), "every pane has its first data");
        frame_app.push(first);
        populated.push(data - first);
        quit(pty);
    }

    // 3: idle CPU over 10 s once everything is loaded.
    let home = tempfile::tempdir().expect("temp dir");
    let pty = Pty::spawn_env(&["--demo"], home.path(), &[]);
    log_ms(home.path(), "every pane has its first data");
    std::thread::sleep(Duration::from_secs(1));
    let before = cpu_ticks(pty.pid());
    let t = Instant::now();
    std::thread::sleep(Duration::from_secs(10));
    let idle_ticks = cpu_ticks(pty.pid()) - before;
    let idle_pct = idle_ticks as f64 * 10.0 / (t.elapsed().as_secs_f64() * 1000.0) * 100.0;
    quit(pty);

    let (stored_seen, stored_frame, stored_fresh) = second_start();

    // 4: 100 000 coin records: the first start syncs them into the store (pages of 100);
    // the second draws its first frame from the store and walks the whole history with `G`
    // over the store (peak memory then).
    let home = tempfile::tempdir().expect("temp dir");
    let server_home = tempfile::tempdir().expect("temp dir");
    let (mut server, url) = serve_demo(&["--demo-coin-records", "100000"], server_home.path());
    let config = home.path().join(".config/yunhu-tui");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.toml"), "[page_size]\ncoins = 100\n").expect("config");
    std::fs::write(
        config.join("token"),
        "demo-vip-0f3c9a7e-6b1d-4c2a-9e85-31d7a4b2c001",
    )
    .expect("token");
    let mut pty = Pty::spawn_env(
        &["--server", &url, "--image-base", &format!("{url}/img/")],
        home.path(),
        &[],
    );
    pty.wait_for("357.01");
    pty.send(b"3");
    // The whole history in the store before the second start (the pane shows the count
    // from the server's first page already while the sync runs).
    let sync_s = log_ms(home.path(), "coin sync done") / 1000.0;
    quit(pty);
    let log = home.path().join(".state/yunhu-tui/yunhu-tui.log");
    let _ = std::fs::remove_file(&log);
    let started = Instant::now();
    let mut pty = Pty::spawn_env(
        &["--server", &url, "--image-base", &format!("{url}/img/")],
        home.path(),
        &[],
    );
    pty.wait_for("357.01");
    let big_seen = started.elapsed().as_secs_f64() * 1000.0;
    let big_frame = log_ms(home.path(), "first frame drawn");
    pty.send(b"3");
    pty.wait_for("1 of 100000");
    let loading = Instant::now();
    pty.send(b"G");
    pty.wait_for("100000 of 100000");
    let load_s = loading.elapsed().as_secs_f64();
    let (hwm, rss) = (
        status_kb(pty.pid(), "VmHWM:"),
        status_kb(pty.pid(), "VmRSS:"),
    );
    quit(pty);
    let _ = server.kill();
    let _ = server.wait();

    let (pic_seen, pic_frame, pic_hwm, pic_kept, pic_store_kb) = pictures();

    let round_trip = 100.0;
    let rows = [
        (
            "pictures: second start, the stored avatar on screen (pty, from spawn; half blocks, the pty never answers the graphics query)",
            format!("{pic_seen:.1} ms (first frame {pic_frame:.1} ms in the app's log)"),
            "< 25 ms",
            pic_seen < 25.0,
        ),
        (
            "pictures: peak RSS (`VmHWM`) of a second start with 100 pictures in the store",
            format!(
                "{:.1} MB ({pic_kept} pictures kept, store {pic_store_kb} KB on disk)",
                pic_hwm as f64 / 1024.0
            ),
            "< 20 MB",
            (pic_hwm as f64) < 20.0 * 1024.0,
        ),
        (
            "second start, stored account: name and balance on screen (pty, from spawn)",
            format!("{stored_seen:.1} ms (first frame {stored_frame:.1} ms in the app's log)"),
            "< 25 ms",
            stored_seen < 25.0,
        ),
        (
            "second start: fresh data on screen after the first frame, 100 ms/request",
            format!(
                "{stored_fresh:.0} ms ({:.2} round trips)",
                stored_fresh / round_trip
            ),
            "< 1.2 round trips",
            stored_fresh < 1.2 * round_trip,
        ),
        (
            "first frame (app log, from process start)",
            format!("{:.1} ms", median(frame_app.clone())),
            "< 25 ms",
            median(frame_app) < 25.0,
        ),
        (
            "first frame (seen in the pty, from spawn)",
            format!("{:.1} ms", median(frame_outside)),
            "—",
            true,
        ),
        (
            "every pane's first data after the first frame, 100 ms/request",
            format!(
                "{:.0} ms ({:.2} round trips)",
                median(populated.clone()),
                median(populated.clone()) / round_trip
            ),
            "< 1.5 round trips",
            median(populated) < 1.5 * round_trip,
        ),
        (
            "CPU while idle, 10 s",
            format!("{idle_pct:.2} % ({idle_ticks} ticks of 10 ms)"),
            "< 0.1 %",
            idle_pct < 0.1,
        ),
        (
            "100 000 stored coin records: first frame of a second start (pty, from spawn)",
            format!(
                "{big_seen:.1} ms (first frame {big_frame:.1} ms in the app's log; the first start synced them in {sync_s:.1} s)"
            ),
            "< 25 ms",
            big_seen < 25.0,
        ),
        (
            "100 000 stored coin records: peak RSS after `G` to the oldest",
            format!(
                "{:.1} MB (now {:.1} MB; `G` took {load_s:.2} s)",
                hwm as f64 / 1024.0,
                rss as f64 / 1024.0
            ),
            "< 20 MB",
            (hwm as f64) < 20.0 * 1024.0,
        ),
    ];
    println!(
        "\n| measure (median of {RUNS} runs where repeated) | figure | target | met |\n|---|---|---|---|"
    );
    for (what, figure, target, met) in rows {
        println!(
            "| {what} | {figure} | {target} | {} |",
            if met { "yes" } else { "NO" }
        );
    }
}
