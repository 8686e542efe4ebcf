//! The local store through the CLI, as real processes against a `serve-demo` child: what
//! the read commands keep, `--offline` with and without it, `cache` and `cache clear`, the
//! CSV export read back, no token in the store, a read-only data dir, `--demo` on disk.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_yunhu-tui");

struct ServeDemo {
    child: Child,
    url: String,
    token: String,
}

impl Drop for ServeDemo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_demo(home: &Path, records: usize) -> ServeDemo {
    let mut child = Command::new(BIN)
        .args(["serve-demo", "--demo-coin-records", &records.to_string()])
        .env("YUNHU_TUI_CONFIG_DIR", home.join("server-config"))
        .env("YUNHU_TUI_STATE_DIR", home.join("server-state"))
        .env("YUNHU_TUI_DATA_DIR", home.join("server-data"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first.rsplit(' ').next().unwrap().to_owned();
    let mut token = String::new();
    for line in lines.by_ref().take(4) {
        let line = line.unwrap();
        if token.is_empty()
            && let Some(at) = line.find("token ")
        {
            token = line[at + 6..].trim().to_owned();
        }
    }
    std::thread::spawn(move || for _ in lines {});
    ServeDemo { child, url, token }
}

fn data_dir(home: &Path) -> PathBuf {
    home.join("data")
}

fn command(home: &Path, token: Option<&str>, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("YUNHU_TOKEN")
        .env_remove("YUNHU_SERVER")
        .env_remove("YUNHU_TUI_ACCOUNT")
        .env("YUNHU_TUI_CONFIG_DIR", home.join("config"))
        .env("YUNHU_TUI_STATE_DIR", home.join("state"))
        .env("YUNHU_TUI_DATA_DIR", data_dir(home))
        .env("TZ", "UTC");
    if let Some(t) = token {
        cmd.env("YUNHU_TOKEN", t);
    }
    cmd
}

fn run(home: &Path, token: Option<&str>, args: &[&str]) -> Output {
    command(home, token, args).output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed ({:?}): {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A server address where nothing listens: an offline command that sent anything would fail.
const NOWHERE: &str = "http://127.0.0.1:9";

#[test]
fn offline_reads_what_was_stored_and_says_what_was_not() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let demo = serve_demo(home, 50);
    let (token, url) = (demo.token.clone(), demo.url.clone());
    let (t, url) = (Some(token.as_str()), url.as_str());

    // Nothing stored yet: exit 1 with a clear message, nothing sent.
    let o = run(home, t, &["--server", url, "--offline", "profile"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("--offline: no stored"), "{}", err(&o));

    let online = ok(&run(home, t, &["--server", url, "profile"]));
    ok(&run(home, t, &["--server", url, "medals"]));
    ok(&run(home, t, &["--server", url, "bots"]));
    let groups = ok(&run(home, t, &["--server", url, "groups"]));
    ok(&run(home, t, &["--server", url, "coins", "--all"]));
    drop(demo);

    // The server is gone: the same answers from the store.
    let offline = ok(&run(home, t, &["--server", url, "--offline", "profile"]));
    assert_eq!(offline, online);
    assert_eq!(
        ok(&run(home, t, &["--server", url, "--offline", "groups"])),
        groups
    );
    let coins = ok(&run(
        home,
        t,
        &[
            "--server",
            url,
            "--offline",
            "--json",
            "coins",
            "--size",
            "2",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&coins).unwrap();
    assert_eq!(v["records"].as_array().unwrap().len(), 2);
    ok(&run(home, t, &["--server", url, "--offline", "medals"]));
    ok(&run(home, t, &["--server", url, "--offline", "bots"]));
    // Categories were stored with the groups; a keyword search never is.
    ok(&run(home, t, &["--server", url, "--offline", "categories"]));
    let o = run(
        home,
        t,
        &["--server", url, "--offline", "groups", "--keyword", "x"],
    );
    assert_eq!(o.status.code(), Some(1));
    // Another server has nothing stored.
    let o = run(home, t, &["--server", NOWHERE, "--offline", "profile"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("no stored"), "{}", err(&o));
}

#[test]
fn cache_shows_the_store_and_clear_empties_it() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let demo = serve_demo(home, 300);
    let t = Some(demo.token.as_str());
    let url = demo.url.as_str();
    let empty = ok(&run(home, t, &["--server", url, "cache"]));
    assert!(empty.contains("nothing is stored"), "{empty}");
    assert!(!data_dir(home).exists(), "cache creates nothing");

    ok(&run(home, t, &["--server", url, "profile"]));
    ok(&run(
        home,
        t,
        &["--server", url, "coins", "--all", "--format", "ndjson"],
    ));
    let text = ok(&run(home, t, &["--server", url, "cache"]));
    assert!(
        text.contains("profile") && text.contains("300 records"),
        "{text}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&ok(&run(home, t, &["--server", url, "--json", "cache"]))).unwrap();
    assert_eq!(v["coins"]["count"], 300);
    assert_eq!(v["coins"]["complete"], true);
    assert_eq!(v["snapshots"][0]["key"], "profile");
    assert!(Path::new(v["path"].as_str().unwrap()).exists());

    let cleared: serde_json::Value = serde_json::from_str(&ok(&run(
        home,
        t,
        &["--server", url, "--json", "cache", "clear"],
    )))
    .unwrap();
    assert_eq!(cleared["cleared"], true);
    let v: serde_json::Value =
        serde_json::from_str(&ok(&run(home, t, &["--server", url, "--json", "cache"]))).unwrap();
    assert_eq!(v["coins"]["count"], 0);
    assert_eq!(v["snapshots"].as_array().unwrap().len(), 0);
}

#[test]
fn the_csv_export_reads_back_and_a_second_sync_sends_one_request() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let demo = serve_demo(home, 1000);
    let t = Some(demo.token.as_str());
    let args = [
        "--server",
        demo.url.as_str(),
        "coins",
        "--all",
        "--format",
        "csv",
    ];
    let o = run(home, t, &args);
    let csv_text = ok(&o);
    assert!(err(&o).contains("1000 new"), "{}", err(&o));
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["id", "time", "change", "balance_after", "reason", "remark"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1000);
    assert_eq!(&rows[0][0], "10000000");
    assert!(rows[0][1].ends_with('Z'));
    // Nothing new: one coin request (stderr says how many were sent).
    let o = run(home, t, &args);
    assert_eq!(ok(&o), csv_text);
    assert!(
        err(&o).contains("0 new from the server in 1 request;"),
        "{}",
        err(&o)
    );
    // A day range.
    let o = run(
        home,
        t,
        &[
            "--server",
            demo.url.as_str(),
            "coins",
            "--all",
            "--format",
            "json",
            "--since",
            "2025-11-20",
            "--until",
            "2025-11-20",
        ],
    );
    let v: Vec<serde_json::Value> = serde_json::from_str(&ok(&o)).unwrap();
    assert!(!v.is_empty() && v.len() < 1000);
    assert!(v.iter().all(|r| {
        r["time"]["rfc3339"]
            .as_str()
            .unwrap()
            .starts_with("2025-11-20")
    }));

    // The store never holds the token.
    for entry in std::fs::read_dir(data_dir(home)).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(
            !bytes
                .windows(demo.token.len())
                .any(|w| w == demo.token.as_bytes())
        );
    }
}

#[test]
fn the_demo_writes_no_store_on_disk() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let o = run(home, None, &["--demo", "coins", "--all", "--format", "csv"]);
    assert!(ok(&o).starts_with("id,time,"));
    ok(&run(home, None, &["--demo", "profile"]));
    assert!(!data_dir(home).exists());
    let o = run(home, None, &["--demo", "--offline", "profile"]);
    assert_eq!(o.status.code(), Some(1));
}

/// A read-only data dir: the command works, with a warning. Root writes into a 0500
/// directory anyway, so as root the command runs as `nobody` (a directory it owns, 0500).
#[cfg(unix)]
#[test]
fn a_read_only_data_dir_is_a_warning_not_a_failure() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path();
    std::fs::set_permissions(home, std::fs::Permissions::from_mode(0o777)).unwrap();
    let demo = serve_demo(home, 10);
    let data = data_dir(home);
    std::fs::create_dir(&data).unwrap();
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        std::os::unix::fs::chown(&data, Some(65534), Some(65534)).unwrap();
    }
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o500)).unwrap();
    let mut cmd = command(home, Some(&demo.token), &["--server", &demo.url, "profile"]);
    if root {
        cmd.uid(65534).gid(65534);
    }
    let o = cmd.output().unwrap();
    ok(&o);
    assert!(
        err(&o).contains("cannot be written (read-only disk or directory); going on without it"),
        "{}",
        err(&o)
    );
    assert_eq!(std::fs::read_dir(&data).unwrap().count(), 0);
}
