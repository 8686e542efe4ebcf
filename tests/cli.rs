//! The one-shot commands run as real processes: against a `serve-demo` child process (one
//! shell serving, another asking), and with `--demo`. Each run has its own config and state
//! dirs, so nothing touches the user's files.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_yunhu-tui");

/// A `yunhu-tui serve-demo` process, killed on drop.
struct ServeDemo {
    child: Child,
    url: String,
    vip_token: String,
    basic_token: String,
}

impl Drop for ServeDemo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_demo(extra: &[&str], home: &Path) -> ServeDemo {
    let mut child = Command::new(BIN)
        .arg("serve-demo")
        .args(extra)
        .env("YUNHU_TUI_CONFIG_DIR", home.join("config"))
        .env("YUNHU_TUI_STATE_DIR", home.join("state"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first.rsplit(' ').next().unwrap().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{first}");
    let mut tokens = Vec::new();
    for line in lines.by_ref().take(4) {
        let line = line.unwrap();
        if let Some(at) = line.find("token ") {
            tokens.push(line[at + 6..].trim().to_owned());
        }
    }
    assert_eq!(tokens.len(), 2, "two demo tokens are printed");
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    ServeDemo {
        child,
        url,
        vip_token: tokens[0].clone(),
        basic_token: tokens[1].clone(),
    }
}

struct Env {
    home: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn config_dir(&self) -> PathBuf {
        self.home.path().join("config")
    }

    fn run(&self, args: &[&str], token: Option<&str>) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env_remove("YUNHU_TOKEN")
            .env_remove("YUNHU_SERVER")
            .env("YUNHU_TUI_CONFIG_DIR", self.config_dir())
            .env("YUNHU_TUI_STATE_DIR", self.home.path().join("state"))
            .env("TZ", "UTC");
        if let Some(t) = token {
            cmd.env("YUNHU_TOKEN", t);
        }
        cmd.output().unwrap()
    }
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap()
}

/// A failure: one line on stderr, nothing on stdout, and the exit code.
fn failure(o: &Output) -> (i32, String) {
    assert!(!o.status.success());
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    (o.status.code().unwrap(), err.trim_end().to_owned())
}

#[test]
fn serve_demo_answers_every_one_shot_command() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    let t = Some(demo.vip_token.as_str());
    let (upload, images) = (format!("{}/", demo.url), format!("{}/img/", demo.url));
    let s = |args: &[&str]| {
        // Upload host and image CDN on the demo too: no test request leaves loopback.
        let mut all = vec![
            "--server",
            demo.url.as_str(),
            "--upload-url",
            &upload,
            "--image-base",
            &images,
        ];
        all.extend_from_slice(args);
        all.iter().map(|a| a.to_string()).collect::<Vec<_>>()
    };
    let run = |args: &[&str]| {
        let owned = s(args);
        env.run(&owned.iter().map(String::as_str).collect::<Vec<_>>(), t)
    };

    let profile = stdout(&run(&["profile"]));
    assert!(
        profile.contains("云湖测试用户") && profile.contains("357.01"),
        "{profile}"
    );
    assert!(
        profile
            .lines()
            .any(|l| l.starts_with("VIP") && l.contains("VIP until 2026-12-")),
        "{profile}"
    );
    let p = json(&run(&["profile", "--json"]));
    assert_eq!(p["id"], "7058262");
    assert_eq!(p["coin"], 357.01);
    assert_eq!(p["vip"]["status"], "active");
    assert_eq!(p["vip"]["expires"]["unix"], 1798646400);
    assert_eq!(p["vip"]["expires"]["rfc3339"], "2026-12-30T16:00:00Z");
    assert_eq!(p["registerTime"]["rfc3339"], "2021-12-16T04:00:26Z");
    assert_eq!(p["profile"]["birthdayDate"], "2000-01-01");
    assert!(p["medalCount"].as_u64().unwrap() >= 12);

    let medals = json(&run(&["medals", "--json"]));
    let sorts: Vec<u64> = medals["medals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["sort"].as_u64().unwrap())
        .collect();
    assert!(
        sorts.windows(2).all(|w| w[0] <= w[1]),
        "medals in display order: {sorts:?}"
    );
    assert!(stdout(&run(&["medals"])).ends_with(&format!("{} medals\n", sorts.len())));

    let page = json(&run(&["coins", "--page", "2", "--size", "10", "--json"]));
    assert_eq!(
        (
            page["page"].as_u64(),
            page["size"].as_u64(),
            page["total"].as_u64()
        ),
        (Some(2), Some(10), Some(260))
    );
    assert_eq!(page["records"].as_array().unwrap().len(), 10);
    let all = json(&run(&["coins", "--all", "--json"]));
    let records = all["records"].as_array().unwrap();
    assert_eq!(records.len(), 260);
    assert_eq!(records[0]["after"], 357.01);
    assert!(records[0]["time"]["unix"].is_i64() && records[0]["time"]["rfc3339"].is_string());
    let coins = stdout(&run(&["coins", "--size", "3"]));
    assert_eq!(coins.lines().count(), 5, "{coins}");
    assert!(
        coins.ends_with("page 1 of 87: 3 of 260 records\n"),
        "{coins}"
    );

    let cats = stdout(&run(&["categories"]));
    assert_eq!(
        cats,
        "精选\n粉丝群\n地区\nIT/互联网\n玩机\n游戏\n资讯订阅\n"
    );
    let groups = json(&run(&[
        "groups",
        "--category",
        "地区",
        "--page",
        "5",
        "--size",
        "30",
        "--json",
    ]));
    assert_eq!(
        groups["last"], true,
        "地区 has 127 groups: page 5 of 30 is short"
    );
    assert_eq!(groups["groups"].as_array().unwrap().len(), 7);
    assert!(groups["groups"][0]["headcount"].is_i64());
    let first_cat = json(&run(&["groups", "--keyword", "学习", "--json"]));
    assert_eq!(
        first_cat["category"], "精选",
        "the first category by default"
    );
    let text = stdout(&run(&[
        "groups",
        "--category",
        "IT/互联网",
        "--keyword",
        "Rust",
    ]));
    assert!(
        text.lines().skip(1).take(3).all(|l| l.contains("Rust")),
        "{text}"
    );

    let bots = json(&run(&["bots", "--json"]));
    assert!(bots["count"].as_u64().unwrap() >= 20);
    assert!(
        bots["bots"][0]["users"].is_i64(),
        "a string headcount becomes a number"
    );

    assert_eq!(
        stdout(&run(&["set-nickname", "  骑行的程序员 "])),
        "nickname set: 骑行的程序员\n"
    );
    assert!(stdout(&run(&["profile"])).contains("骑行的程序员"));

    let png = env.home.path().join("me.png");
    image::RgbImage::from_pixel(2, 2, image::Rgb([9, 9, 9]))
        .save(&png)
        .unwrap();
    let set = json(&run(&["set-avatar", png.to_str().unwrap(), "--json"]));
    let url = set["avatarUrl"].as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!("{}/img/", demo.url)));
    assert_eq!(
        json(&run(&["profile", "--json"]))["avatarUrl"],
        url.as_str()
    );
    assert_eq!(
        stdout(&run(&["set-avatar", "https://chat-img.jwznb.com/x.png"])),
        "avatar set: https://chat-img.jwznb.com/x.png\n"
    );

    // The other account is not VIP and has its own data.
    let other = env.run(
        &["--server", &demo.url, "profile", "--json"],
        Some(&demo.basic_token),
    );
    assert_eq!(json(&other)["vip"]["status"], "expired");
}

#[test]
fn failures_print_one_clear_line_and_exit_non_zero() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    let url = demo.url.as_str();

    let (code, err) = failure(&env.run(&["--server", url, "profile"], None));
    assert_eq!(
        (code, err.as_str()),
        (
            3,
            "error: not logged in: set YUNHU_TOKEN or run yunhu-tui to log in"
        )
    );
    let (code, err) = failure(&env.run(&["--server", url, "profile"], Some("expired-token")));
    assert_eq!(
        (code, err.as_str()),
        (
            3,
            "error: not logged in (code -101): run yunhu-tui to log in"
        )
    );

    let t = Some(demo.vip_token.as_str());
    let (code, err) = failure(&env.run(&["--server", url, "set-nickname", "   "], t));
    assert_eq!(
        (code, err.as_str()),
        (2, "error: nickname refused: the nickname is empty")
    );
    let (code, err) = failure(&env.run(&["--server", url, "set-nickname", &"长".repeat(21)], t));
    assert_eq!(code, 2, "{err}");
    let (code, err) = failure(&env.run(&["--server", url, "set-avatar", "/nonexistent/me.png"], t));
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: cannot read /nonexistent/me.png:"),
        "{err}"
    );
    let text = env.home.path().join("notes.txt");
    std::fs::write(&text, "hello").unwrap();
    let (code, err) =
        failure(&env.run(&["--server", url, "set-avatar", text.to_str().unwrap()], t));
    assert_eq!(
        (code, err.as_str()),
        (2, "error: not a PNG, JPEG, GIF or WebP image")
    );
    let usage = env.run(&["--server", url, "groups", "--size", "0"], t);
    assert_eq!(usage.status.code(), Some(2), "usage errors exit 2");
    let first = String::from_utf8_lossy(&usage.stderr)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        first,
        "error: invalid value '0' for '--size <SIZE>': 0 is not in 1..=100"
    );

    // Nothing listens on a port that was just freed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (code, err) = failure(&env.run(
        &["--server", &format!("http://127.0.0.1:{port}"), "bots"],
        t,
    ));
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: cannot reach the server:")
            && err.to_lowercase().contains("refused"),
        "{err}"
    );
}

#[test]
fn serve_demo_fault_flags_reach_the_commands() {
    let env = Env::new();
    let demo = serve_demo(&["--fault", "html502"], env.home.path());
    let (code, err) = failure(&env.run(&["--server", &demo.url, "bots"], Some(&demo.vip_token)));
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: the server answered HTTP 502: 502 Bad Gateway 502 Bad Gateway nginx"
        )
    );
    let hang = serve_demo(&["--fault", "hang"], env.home.path());
    let (code, err) = failure(&env.run(
        &["--server", &hang.url, "--timeout", "0.3", "bots"],
        Some(&hang.vip_token),
    ));
    assert_eq!(
        (code, err.as_str()),
        (1, "error: the server did not answer within 0.3 s")
    );
}

#[test]
fn demo_flag_runs_without_a_separate_server() {
    let env = Env::new();
    let p = json(&env.run(&["--demo", "profile", "--json"], None));
    assert_eq!(p["name"], "云湖测试用户");
    let (code, err) = failure(&env.run(&["--demo", "--fault", "truncated", "profile"], None));
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: unreadable answer from the server: invalid protobuf"),
        "{err}"
    );
    let (code, _) = failure(&env.run(&["--demo", "--fail-rate", "2", "profile"], None));
    assert_eq!(code, 2);
    // A YUNHU_SERVER in the environment does not stand in the way of --demo.
    let out = Command::new(BIN)
        .args(["--demo", "medals", "--json"])
        .env("YUNHU_SERVER", "http://127.0.0.1:9")
        .env("YUNHU_TUI_CONFIG_DIR", env.config_dir())
        .env("YUNHU_TUI_STATE_DIR", env.home.path().join("state"))
        .output()
        .unwrap();
    assert_eq!(json(&out)["count"], 14);
}

#[test]
fn the_saved_login_is_used_and_env_tokens_are_never_written() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    let run = |token| env.run(&["--server", &demo.url, "medals", "--json"], token);
    assert!(run(Some(&demo.vip_token)).status.success());
    let token_file = env.config_dir().join("token");
    assert!(
        !token_file.exists(),
        "a YUNHU_TOKEN token is never written to disk"
    );
    std::fs::write(&token_file, format!("{}\n", demo.basic_token)).unwrap();
    assert_eq!(
        json(&run(None))["count"],
        3,
        "the saved login (the basic account) is used"
    );
    let logs =
        std::fs::read_to_string(env.home.path().join("state/yunhu-tui.log")).unwrap_or_default();
    assert!(
        !logs.contains(&demo.vip_token) && !logs.contains(&demo.basic_token),
        "tokens never reach the log"
    );
}
