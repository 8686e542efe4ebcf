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
        .env("YUNHU_TUI_DATA_DIR", home.join("state-data"))
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

    fn command(&self, args: &[&str], token: Option<&str>) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env_remove("YUNHU_TOKEN")
            .env_remove("YUNHU_SERVER")
            .env("YUNHU_TUI_CONFIG_DIR", self.config_dir())
            .env("YUNHU_TUI_STATE_DIR", self.home.path().join("state"))
            .env("YUNHU_TUI_DATA_DIR", self.home.path().join("state-data"))
            .env("TZ", "UTC");
        if let Some(t) = token {
            cmd.env("YUNHU_TOKEN", t);
        }
        cmd
    }

    fn run(&self, args: &[&str], token: Option<&str>) -> Output {
        self.command(args, token).output().unwrap()
    }

    /// As [`Env::run`], with `input` on stdin.
    fn run_with_stdin(&self, args: &[&str], token: Option<&str>, input: &[u8]) -> Output {
        use std::io::Write;
        let mut child = self
            .command(args, token)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // The program may stop reading (or never start): a closed pipe is its business.
        let _ = stdin.write_all(input);
        drop(stdin);
        child.wait_with_output().unwrap()
    }

    /// The saved login of the implicit account `default`.
    fn token_file(&self) -> PathBuf {
        self.account_token("default")
    }

    fn account_token(&self, name: &str) -> PathBuf {
        self.config_dir().join("accounts").join(name).join("token")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.home.path().join("state/yunhu-tui.log")).unwrap_or_default()
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
    // The table on stdout, the count on stderr.
    let medals_text = run(&["medals"]);
    assert_eq!(stdout(&medals_text).lines().count(), sorts.len() + 1);
    assert_eq!(
        String::from_utf8_lossy(&medals_text.stderr),
        format!("{} medals\n", sorts.len())
    );

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
    let coins_run = run(&["coins", "--size", "3"]);
    let coins = stdout(&coins_run);
    assert_eq!(
        coins.lines().count(),
        4,
        "only the table on stdout: {coins}"
    );
    assert_eq!(
        String::from_utf8_lossy(&coins_run.stderr),
        "page 1 of 87: 3 of 260 records\n",
        "the summary goes to stderr"
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
            "error: not logged in (code -101: 未登录): run yunhu-tui to log in"
        ),
        "the server's own message is kept"
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
            "error: the server answered HTTP 502: 502 Bad Gateway nginx"
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
        .env("YUNHU_TUI_DATA_DIR", env.home.path().join("state-data"))
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

const VIP_EMAIL: &str = "demo@yhchat.example";
const VIP_PASSWORD: &str = "yunhu-demo";

/// `login --email EMAIL --password-stdin` against `url`, the password on stdin.
fn login(env: &Env, url: &str, email: &str, input: &[u8], extra: &[&str]) -> Output {
    let mut args = vec![
        "--server",
        url,
        "login",
        "--email",
        email,
        "--password-stdin",
    ];
    args.extend_from_slice(extra);
    env.run_with_stdin(&args, None, input)
}

/// A port on 127.0.0.1 where nothing listens (it was just freed).
fn dead_url() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("http://127.0.0.1:{port}")
}

#[test]
fn login_with_the_right_password_saves_the_login_for_the_commands() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    let pw_line = format!("{VIP_PASSWORD}\n");
    let out = login(
        &env,
        &demo.url,
        VIP_EMAIL,
        pw_line.as_bytes(),
        &["--log-level", "trace"],
    );
    assert_eq!(stdout(&out), "logged in as 云湖测试用户 (7058262)\n");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.token_file())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let token = std::fs::read_to_string(env.token_file()).unwrap();
    assert!(!token.trim().is_empty() && !token.contains(VIP_PASSWORD));
    // The saved login is what the commands use now, no YUNHU_TOKEN needed.
    let p = json(&env.run(&["--server", &demo.url, "profile", "--json"], None));
    assert_eq!(p["id"], "7058262");

    // --json, and a login over a saved one replaces it.
    let basic = login(
        &env,
        &demo.url,
        "learner@yhchat.example",
        b"yunhu-demo2\n",
        &["--json"],
    );
    assert_eq!(
        json(&basic),
        serde_json::json!({"id": "7290417", "name": "小鹿同学"})
    );
    let p = json(&env.run(&["--server", &demo.url, "profile", "--json"], None));
    assert_eq!(p["id"], "7290417");

    // The password is on no command line (there is no flag for it), in no output and in no
    // log, even at trace level.
    for args in [
        &["login", "--email", VIP_EMAIL, "--password", VIP_PASSWORD][..],
        &[
            "login",
            "--email",
            VIP_EMAIL,
            "--password-stdin",
            VIP_PASSWORD,
        ],
        &[
            "login",
            "--email",
            VIP_EMAIL,
            &format!("--password-stdin={VIP_PASSWORD}"),
        ],
        &["login", "--email", VIP_EMAIL],
    ] {
        let usage = env.run_with_stdin(args, None, pw_line.as_bytes());
        assert_eq!(usage.status.code(), Some(2), "{args:?}");
        assert!(usage.stdout.is_empty(), "{args:?}");
    }
    for o in [&out, &basic] {
        let all = [o.stdout.as_slice(), o.stderr.as_slice()].concat();
        assert!(!String::from_utf8_lossy(&all).contains(VIP_PASSWORD));
    }
    let log = env.log();
    assert!(
        log.contains("email-login"),
        "a trace log was written: {log}"
    );
    assert!(
        !log.contains(VIP_PASSWORD) && !log.contains("yunhu-demo2"),
        "{log}"
    );
    assert!(!log.contains(token.trim()), "nor the token: {log}");

    // The help says where SMS login is.
    let help = stdout(&env.run(&["login", "--help"], None));
    assert!(help.contains("SMS login stays in the dashboard"), "{help}");
}

#[test]
fn login_with_yunhu_token_set_or_demo() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    let pw_line = format!("{VIP_PASSWORD}\n");
    let args = [
        "--server",
        demo.url.as_str(),
        "login",
        "--email",
        VIP_EMAIL,
        "--password-stdin",
    ];
    // With YUNHU_TOKEN set the login is saved, and the program says YUNHU_TOKEN still wins.
    let out = env.run_with_stdin(&args, Some(&demo.basic_token), pw_line.as_bytes());
    assert_eq!(stdout(&out), "logged in as 云湖测试用户 (7058262)\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("YUNHU_TOKEN is set") && err.contains("not the saved login"),
        "{err}"
    );
    assert!(env.token_file().exists());
    let medals = env.run(
        &["--server", &demo.url, "medals", "--json"],
        Some(&demo.basic_token),
    );
    assert_eq!(
        json(&medals)["count"],
        3,
        "YUNHU_TOKEN (the basic account) is used"
    );
    assert_eq!(
        json(&env.run(&["--server", &demo.url, "medals", "--json"], None))["count"],
        14,
        "without it, the saved login (the VIP account)"
    );

    // --demo: logs in to the embedded server and saves nothing.
    let fresh = Env::new();
    let out = fresh.run_with_stdin(
        &[
            "--demo",
            "login",
            "--email",
            "learner@yhchat.example",
            "--password-stdin",
        ],
        None,
        b"yunhu-demo2\n",
    );
    assert_eq!(stdout(&out), "logged in as 小鹿同学 (7290417)\n");
    assert!(!fresh.token_file().exists(), "a demo login is never saved");
    let out = fresh.run(&["--demo", "logout"], None);
    assert!(stdout(&out).starts_with("logged out: the server ended the session"));
}

#[test]
fn login_with_a_wrong_password_shows_the_servers_message_and_saves_nothing() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    let (code, err) = failure(&login(
        &env,
        &demo.url,
        VIP_EMAIL,
        b"not-the-password\n",
        &[],
    ));
    assert_eq!((code, err.as_str()), (1, "error: 邮箱或密码错误 (code -1)"));
    assert!(!env.token_file().exists());
    // Nor does it touch a login saved before.
    let pw_line = format!("{VIP_PASSWORD}\n");
    stdout(&login(&env, &demo.url, VIP_EMAIL, pw_line.as_bytes(), &[]));
    let saved = std::fs::read(env.token_file()).unwrap();
    let (code, _) = failure(&login(&env, &demo.url, VIP_EMAIL, b"wrong\n", &[]));
    assert_eq!(code, 1);
    assert_eq!(std::fs::read(env.token_file()).unwrap(), saved);
    assert!(!env.log().contains("not-the-password"));
}

#[test]
fn login_with_an_empty_password_sends_nothing() {
    let env = Env::new();
    // Nothing listens there: anything sent would end as "cannot reach the server", exit 1.
    let url = dead_url();
    for input in [&b""[..], b"\n", b"\r\n"] {
        let (code, err) = failure(&login(
            &env,
            &url,
            VIP_EMAIL,
            input,
            &["--log-level", "debug"],
        ));
        assert_eq!(code, 2, "{input:?}: {err}");
        assert!(
            err.starts_with("error: no password on stdin") && err.ends_with("nothing was sent"),
            "{err}"
        );
    }
    let too_long = vec![b'x'; 5000];
    let (code, err) = failure(&login(&env, &url, VIP_EMAIL, &too_long, &[]));
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "error: the password on stdin is longer than 4096 bytes; nothing was sent"
        )
    );
    let (code, err) = failure(&login(&env, &url, "  ", b"pw\n", &[]));
    assert_eq!(
        (code, err.as_str()),
        (2, "error: --email is empty; nothing was sent")
    );
    assert!(!env.token_file().exists());
    assert!(!env.log().contains("api "), "no request: {}", env.log());
}

#[test]
fn logout_ends_the_session_and_deletes_the_saved_login() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    let pw_line = format!("{VIP_PASSWORD}\n");
    stdout(&login(&env, &demo.url, VIP_EMAIL, pw_line.as_bytes(), &[]));
    let token = std::fs::read_to_string(env.token_file()).unwrap();
    let out = env.run(&["--server", &demo.url, "logout"], None);
    assert_eq!(
        stdout(&out),
        "logged out: the server ended the session and the saved login is deleted\n"
    );
    assert!(!env.token_file().exists());
    // The server ended that session: its token is refused now.
    let (code, err) = failure(&env.run(&["--server", &demo.url, "profile"], Some(token.trim())));
    assert_eq!(
        (code, err.as_str()),
        (
            3,
            "error: not logged in (code -101: 未登录): run yunhu-tui to log in"
        )
    );

    // A server that cannot be told: the saved login is deleted all the same, and the error
    // says the server was not told (exit 1, a server or network failure).
    stdout(&login(&env, &demo.url, VIP_EMAIL, pw_line.as_bytes(), &[]));
    let (code, err) = failure(&env.run(&["--server", &dead_url(), "logout"], None));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("error: the saved login is deleted, but the server could not be told")
            && err.contains("cannot reach the server"),
        "{err}"
    );
    assert!(!env.token_file().exists());

    // A saved login whose session the server had already ended: logged out all the same.
    std::fs::write(env.token_file(), &token).unwrap();
    let out = env.run(&["--server", &demo.url, "logout", "--json"], None);
    assert_eq!(
        json(&out),
        serde_json::json!({"server": "alreadyEnded", "savedLoginDeleted": true})
    );
    assert!(!env.token_file().exists());
}

#[test]
fn logout_when_not_logged_in_exits_3() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    let (code, err) = failure(&env.run(&["--server", &demo.url, "logout"], None));
    assert_eq!(
        (code, err.as_str()),
        (
            3,
            "error: not logged in: set YUNHU_TOKEN or run yunhu-tui to log in"
        )
    );
    // YUNHU_TOKEN is not the saved login: logout says so, and leaves its session alone.
    let out = env.run(&["--server", &demo.url, "logout"], Some(&demo.vip_token));
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("YUNHU_TOKEN is set: logout ends the saved login"),
        "{err}"
    );
    stdout(&env.run(&["--server", &demo.url, "profile"], Some(&demo.vip_token)));
}

/// A canned HTTP server on loopback, independent of the demo server: it answers each path
/// with the bytes it was given (a hostile server, a server with every field set), one
/// request per connection.
mod canned {
    use std::collections::HashMap;
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::{Arc, Mutex};

    use prost::Message;
    use yunhu_tui::proto;

    type Answers = Arc<Mutex<HashMap<String, (u16, &'static str, Vec<u8>)>>>;

    pub struct Canned {
        pub url: String,
        answers: Answers,
    }

    fn serve(mut stream: TcpStream, answers: Answers) {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .unwrap_or(0);
        while buf.len() < head_end + length {
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let path = head
            .split_whitespace()
            .nth(1)
            .unwrap_or("/")
            .split('?')
            .next()
            .unwrap_or("/")
            .to_owned();
        let answer = answers.lock().unwrap().get(&path).cloned();
        let (status, content_type, body) =
            answer.unwrap_or((404, "text/plain", b"404 page not found".to_vec()));
        let reply = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(reply.as_bytes());
        let _ = stream.write_all(&body);
    }

    impl Canned {
        pub fn start() -> Canned {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let url = format!("http://{}", listener.local_addr().unwrap());
            let answers: Answers = Arc::default();
            let shared = answers.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming().flatten() {
                    let answers = shared.clone();
                    std::thread::spawn(move || serve(stream, answers));
                }
            });
            Canned { url, answers }
        }

        pub fn answer(&self, path: &str, status: u16, content_type: &'static str, body: Vec<u8>) {
            self.answers
                .lock()
                .unwrap()
                .insert(path.to_owned(), (status, content_type, body));
        }

        /// A JSON envelope with code 1 around `data`.
        pub fn data(&self, path: &str, data: serde_json::Value) {
            let body = serde_json::json!({"code": 1, "msg": "success", "data": data});
            self.answer(path, 200, "application/json", body.to_string().into_bytes());
        }

        /// A protobuf answer.
        pub fn proto(&self, path: &str, message: &impl Message) {
            self.answer(path, 200, "application/x-protobuf", message.encode_to_vec());
        }
    }

    pub fn ok() -> Option<proto::Status> {
        Some(proto::Status {
            request_id: 0,
            code: 1,
            msg: "success".into(),
        })
    }
}

use canned::Canned;
use yunhu_tui::proto::{self, GetUserResponse, MedalInfo, ProfileInfo, RemarkInfo, UserInfo};

/// P1: the own account with every field set.
fn full_info(name: &str) -> UserInfo {
    UserInfo {
        status: canned::ok(),
        data: Some(proto::user_info::Data {
            id: "7000001".into(),
            name: name.into(),
            field3: 7,
            avatar_url: "https://img.example/own.png".into(),
            avatar_id: 99,
            phone: "13900001111".into(),
            email: "all@fields.example".into(),
            coin: 123.45,
            is_vip: true,
            // 2026-12-31 00:00 in UTC+8: the last day of VIP is that date everywhere.
            vip_expired_timestamp: 1_798_646_400,
            vip_status: proto::VipStatus::Active as i32,
            invitation_code: "INV42".into(),
        }),
    }
}

/// P2 for the own id with every field set; where it repeats P1 or P6 it says something
/// else, so the output shows which answer won.
fn full_user(ban_id: i64, ban_until: i64, ban_reason: &str) -> GetUserResponse {
    GetUserResponse {
        status: canned::ok(),
        data: Some(proto::get_user_response::Data {
            id: "7000001".into(),
            name: "公开名".into(),
            name_id: 5,
            avatar_url: "https://img.example/public.png".into(),
            avatar_id: 6,
            medal: (1..=3)
                .map(|i| MedalInfo {
                    id: i,
                    name: format!("勋章{i}"),
                    sort: i,
                })
                .collect(),
            register_time: "2021-12-16 12:00:26".into(),
            do_not_disturb: true,
            ban_id,
            ban_until_timestamp: ban_until,
            online_day: 321,
            continuous_online_day: 12,
            is_vip: false,
            vip_expired_timestamp: 1,
            vip_status: proto::VipStatus::Expired as i32,
            is_blocked: true,
            top: true,
            remark_info: Some(RemarkInfo {
                remark_name: "备注名".into(),
                phone: "1".into(),
                extra_remark: "[]".into(),
            }),
            profile_info: Some(ProfileInfo {
                last_active_time: "3 分钟前".into(),
                introduction: "公开简介".into(),
                gender: 2,
                birthday_timestamp: 1_000_000_000,
                city: "公开城".into(),
                district: "公开区".into(),
                address: "东华门大街 1 号".into(),
            }),
            ip_geo: "北京".into(),
            ban_reason: ban_reason.into(),
        }),
    }
}

/// P6: the account's own profile record.
fn full_data() -> Value {
    serde_json::json!({"data": {
        "id": 1, "userId": "7000001", "lastLoginTime": 1_763_700_000, "update_time": 1_760_000_000,
        "introduction": "私有简介", "gender": 1, "birthday": 946_656_000, "province": "北京市",
        "city": "北京城区", "district": "东城区", "locationCode": "110101"
    }})
}

fn profile_server(user: &GetUserResponse) -> Canned {
    let server = Canned::start();
    server.proto("/v1/user/info", &full_info("全字段用户"));
    server.proto("/v1/user/get-user", user);
    server.data("/v1/user/get-user-data", full_data());
    server
}

impl Env {
    /// Runs with a token and a time zone (POSIX form, no tzdata needed).
    fn run_tz(&self, args: &[&str], tz: &str) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env_remove("YUNHU_SERVER")
            .env_remove("YUNHU_TUI_LANG")
            .env("YUNHU_TOKEN", "canned-token")
            .env("YUNHU_TUI_CONFIG_DIR", self.config_dir())
            .env("YUNHU_TUI_STATE_DIR", self.home.path().join("state"))
            .env("YUNHU_TUI_DATA_DIR", self.home.path().join("state-data"))
            .env("TZ", tz);
        cmd.output().unwrap()
    }
}

const NEW_YORK: &str = "EST5EDT,M3.2.0,M11.1.0";

/// The value of `label` in `profile`'s key-value text.
fn row<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find_map(|l| l.strip_prefix(label).filter(|rest| rest.starts_with("  ")))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no {label} row in:\n{text}"))
}

#[test]
fn profile_carries_every_field_of_the_three_answers() {
    let env = Env::new();
    // Banned until 2030-01-01 00:00 UTC.
    let server = profile_server(&full_user(42, 1_893_456_000, "发布广告"));
    let text = stdout(&env.run_tz(&["--server", &server.url, "profile"], NEW_YORK));
    let expected = [
        ("Name", "全字段用户"),
        ("ID", "7000001"),
        // A calendar date of the service: not 2026-12-30 in New York.
        ("VIP", "VIP until 2026-12-31"),
        ("Coins", "123.45"),
        ("Phone", "13900001111"),
        ("Email", "all@fields.example"),
        ("Invitation", "INV42"),
        // 2021-12-16 12:00:26 in UTC+8 is 23:00 the day before in New York (EST).
        ("Registered", "2021-12-15 23:00 UTC-5"),
        ("Online", "321 days, streak 12"),
        ("IP region", "北京"),
        ("Medals", "3"),
        ("Gender", "male"),
        ("Birthday", "2000-01-01"),
        (
            "Location",
            "北京市 北京城区 东城区 东华门大街 1 号 (110101)",
        ),
        ("About", "私有简介"),
        ("Last login", "2025-11-20 23:40 UTC-5"),
        ("Last active", "3 分钟前"),
        // October: daylight saving time.
        ("Updated", "2025-10-09 04:53 UTC-4"),
        ("Avatar", "https://img.example/own.png"),
        (
            "Ban",
            "banned until 2029-12-31 19:00 UTC-5: 发布广告 (id 42)",
        ),
    ];
    for (label, value) in expected {
        assert_eq!(row(&text, label), value, "{label} in:\n{text}");
    }
    assert_eq!(text.lines().count(), expected.len(), "{text}");
    // get-user-data wins over get-user's profile_info; user/info over get-user.
    for loser in [
        "公开简介",
        "公开城",
        "公开区",
        "公开名",
        "public.png",
        "female",
    ] {
        assert!(!text.contains(loser), "{loser} must not show:\n{text}");
    }

    let out = env.run_tz(&["--server", &server.url, "profile", "--json"], NEW_YORK);
    let p = json(&out);
    let checks: [(&str, Value); 28] = [
        ("/name", "全字段用户".into()),
        ("/id", "7000001".into()),
        ("/avatarUrl", "https://img.example/own.png".into()),
        ("/avatarId", 99.into()),
        ("/phone", "13900001111".into()),
        ("/email", "all@fields.example".into()),
        ("/coin", 123.45.into()),
        ("/invitationCode", "INV42".into()),
        ("/vip/status", "active".into()),
        ("/vip/endDate", "2026-12-31".into()),
        ("/vip/expires/unix", 1_798_646_400.into()),
        ("/registerTime/rfc3339", "2021-12-16T04:00:26Z".into()),
        ("/onlineDays", 321.into()),
        ("/continuousOnlineDays", 12.into()),
        ("/ipGeo", "北京".into()),
        ("/medalCount", 3.into()),
        ("/doNotDisturb", true.into()),
        ("/lastActiveTime", "3 分钟前".into()),
        ("/profile/introduction", "私有简介".into()),
        ("/profile/gender", 1.into()),
        ("/profile/birthdayDate", "2000-01-01".into()),
        ("/profile/city", "北京城区".into()),
        ("/profile/district", "东城区".into()),
        ("/profile/address", "东华门大街 1 号".into()),
        ("/profile/lastLoginTime/unix", 1_763_700_000.into()),
        ("/ban/id", 42.into()),
        ("/ban/until/rfc3339", "2030-01-01T00:00:00Z".into()),
        ("/ban/reason", "发布广告".into()),
    ];
    for (pointer, value) in checks {
        assert_eq!(p.pointer(pointer), Some(&value), "{pointer} in {p:#}");
    }
    assert_eq!(p["ban"]["permanent"], false);
    assert_eq!(p["profile"]["province"], "北京市");
    assert_eq!(p["profile"]["locationCode"], "110101");
    assert_eq!(p["profile"]["updateTime"]["unix"], 1_760_000_000);

    // In the service's own zone no zone is written; Chinese labels with --lang zh.
    let zh = stdout(&env.run_tz(
        &["--server", &server.url, "--lang", "zh", "profile"],
        "CST-8",
    ));
    assert_eq!(row(&zh, "注册时间"), "2021-12-16 12:00");
    assert_eq!(row(&zh, "性别"), "男");
    assert_eq!(row(&zh, "会员"), "VIP 至 2026-12-31");
    assert_eq!(row(&zh, "最近活跃"), "3 分钟前");
    assert_eq!(
        row(&zh, "封禁"),
        "封禁至 2030-01-01 08:00：发布广告 (编号 42)"
    );
}

#[test]
fn a_ban_without_an_end_is_permanent_and_no_ban_shows_nothing() {
    let env = Env::new();
    let server = profile_server(&full_user(0, 0, "违规"));
    let text = stdout(&env.run_tz(&["--server", &server.url, "profile"], "UTC"));
    assert_eq!(row(&text, "Ban"), "banned permanently: 违规");
    let p = json(&env.run_tz(&["--server", &server.url, "profile", "--json"], "UTC"));
    assert_eq!(p["ban"]["permanent"], true);
    assert_eq!(p["ban"]["until"], Value::Null);
    assert_eq!(p["ban"]["reason"], "违规");

    server.proto("/v1/user/get-user", &full_user(7, 0, ""));
    let text = stdout(&env.run_tz(&["--server", &server.url, "profile"], "UTC"));
    assert_eq!(row(&text, "Ban"), "banned permanently (id 7)");

    server.proto("/v1/user/get-user", &full_user(0, 0, ""));
    let text = stdout(&env.run_tz(&["--server", &server.url, "profile"], "UTC"));
    assert!(!text.contains("Ban"), "{text}");
    let p = json(&env.run_tz(&["--server", &server.url, "profile", "--json"], "UTC"));
    assert_eq!(p["ban"], Value::Null);
    // UTC is not the service's zone: it is said.
    assert_eq!(row(&text, "Registered"), "2021-12-16 04:00 UTC");
}

/// Everything a hostile server might put in a string: OSC 52 (clipboard write), a CSI
/// (clear screen), a C1 CSI, a bidi override, a soft hyphen, a zero-width space, newlines.
const HOSTILE: &str =
    "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{1b}[2Jc\u{9b}31md\u{202e}e\u{ad}f\ng\u{200b}h\r\ni";

/// No byte that a terminal would act on, and no character that reorders or hides text.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n')
            || ('\u{80}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "{what} carries U+{:04X}: {text:?}", u32::from(c));
    }
}

fn hostile_server() -> Canned {
    let server = Canned::start();
    let mut info = full_info(HOSTILE);
    if let Some(d) = info.data.as_mut() {
        d.email = HOSTILE.into();
    }
    server.proto("/v1/user/info", &info);
    let mut user = full_user(1, 0, HOSTILE);
    if let Some(d) = user.data.as_mut() {
        d.ip_geo = HOSTILE.into();
        d.medal[0].name = HOSTILE.into();
    }
    server.proto("/v1/user/get-user", &user);
    let mut data = full_data();
    data["data"]["introduction"] = HOSTILE.into();
    data["data"]["city"] = HOSTILE.into();
    server.data("/v1/user/get-user-data", data);
    server.proto(
        "/v1/user/medal",
        &proto::GetSelfMedal {
            status: canned::ok(),
            medal: user.data.unwrap().medal,
        },
    );
    let long_intro = "很长的介绍".repeat(20);
    server.data(
        "/v1/user/gold-coin-increase-decrease-record",
        serde_json::json!({"total": 1, "goldCoinRecord": [{
            "id": 1, "userId": "7000001", "typ": 1, "beforeAmount": 1, "afterAmount": 2,
            "changeAmount": 1, "reason": HOSTILE, "remark": HOSTILE, "createTime": 1_763_700_000
        }]}),
    );
    server.data(
        "/v1/user/recommend-category-list",
        serde_json::json!({"categories": [HOSTILE, "精选"]}),
    );
    server.data(
        "/v1/user/recommend-list",
        serde_json::json!({"groupList": [
            {"chatId": HOSTILE, "banId": 0, "nickname": HOSTILE, "introduction": HOSTILE,
             "avatarUrl": HOSTILE, "headcount": 3, "createTime": 1_763_700_000},
            {"chatId": "900", "banId": 0, "nickname": "长", "introduction": long_intro,
             "avatarUrl": "", "headcount": 3, "createTime": 1_763_700_000}
        ]}),
    );
    server.data(
        "/v1/user/recommend",
        serde_json::json!({"botList": [{"chatId": HOSTILE, "chatType": "3", "headcount": "5",
            "nickname": HOSTILE, "introduction": HOSTILE, "avatarUrl": HOSTILE, "isAdd": true}]}),
    );
    server.data(
        "/v1/misc/configure-distribution",
        serde_json::json!({"shareUrl": "https://yhfx.jwznb.com/"}),
    );
    server
}

#[test]
fn hostile_server_strings_reach_no_terminal_raw() {
    let env = Env::new();
    let server = hostile_server();
    let commands: [&[&str]; 6] = [
        &["profile"],
        &["medals"],
        &["coins"],
        &["categories"],
        &["groups", "--category", "精选"],
        &["bots"],
    ];
    for args in commands {
        let mut all = vec!["--server", server.url.as_str()];
        all.extend_from_slice(args);
        let out = env.run_tz(&all, "UTC");
        let text = stdout(&out);
        assert_inert(&format!("{args:?} stdout"), &out.stdout);
        assert_inert(&format!("{args:?} stderr"), &out.stderr);
        assert!(
            text.contains("a\\u{1b}]52;c;ZXZpbA==\\u{7}b\\u{1b}[2Jc\\u{9b}31md\\u{202e}e\\u{ad}f g\\u{200b}h i"),
            "{args:?}: shown as visible escapes, newlines as spaces:\n{text}"
        );
        all.push("--json");
        let out = env.run_tz(&all, "UTC");
        assert_inert(&format!("{args:?} --json stdout"), &out.stdout);
        assert_inert(&format!("{args:?} --json stderr"), &out.stderr);
        let raw = String::from_utf8(out.stdout.clone()).unwrap();
        assert!(raw.contains("\\u009b") && raw.contains("\\u202e"), "{raw}");
        // JSON still parses back to the server's exact string.
        let v = json(&out);
        let found = match args[0] {
            "profile" => v["name"].clone(),
            "medals" => v["medals"][0]["name"].clone(),
            "coins" => v["records"][0]["remark"].clone(),
            "categories" => v["categories"][0].clone(),
            "groups" => v["groups"][0]["name"].clone(),
            _ => v["bots"][0]["name"].clone(),
        };
        assert_eq!(found, HOSTILE, "{args:?}");
    }
    // One line per profile field, whatever the newlines in the values.
    let profile = stdout(&env.run_tz(&["--server", &server.url, "profile"], "UTC"));
    assert_eq!(profile.lines().count(), 20, "{profile}");

    // Not a terminal: nothing is cut.
    let groups = stdout(&env.run_tz(
        &["--server", &server.url, "groups", "--category", "精选"],
        "UTC",
    ));
    assert!(groups.contains(&"很长的介绍".repeat(20)), "{groups}");
    assert!(!groups.contains('…'), "{groups}");

    // Share links, percent-encoded, in --json.
    let g = json(&env.run_tz(
        &[
            "--server",
            &server.url,
            "groups",
            "--category",
            "精选",
            "--json",
        ],
        "UTC",
    ));
    assert_eq!(
        g["groups"][1]["shareUrl"],
        "https://yhfx.jwznb.com/share?chatId=900&chatType=2"
    );
    let hostile_link = g["groups"][0]["shareUrl"].as_str().unwrap();
    assert!(
        hostile_link.starts_with("https://yhfx.jwznb.com/share?chatId=a%1B%5D52%3Bc")
            && hostile_link.ends_with("&chatType=2")
            && hostile_link.is_ascii(),
        "{hostile_link}"
    );
    let b = json(&env.run_tz(&["--server", &server.url, "bots", "--json"], "UTC"));
    assert!(
        b["bots"][0]["shareUrl"]
            .as_str()
            .unwrap()
            .ends_with("&chatType=3")
    );
}

#[test]
fn server_error_messages_are_kept_verbatim_and_made_safe() {
    let env = Env::new();
    let server = hostile_server();
    let envelope = serde_json::json!({"code": -1, "msg": HOSTILE}).to_string();
    server.answer(
        "/v1/user/recommend",
        200,
        "application/json",
        envelope.into_bytes(),
    );
    let out = env.run_tz(&["--server", &server.url, "bots"], "UTC");
    assert_inert("error line", &out.stderr);
    let (code, err) = failure(&out);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: a\\u{1b}]52;c;ZXZpbA==\\u{7}b\\u{1b}[2Jc\\u{9b}31md\\u{202e}e\\u{ad}f g\\u{200b}h i (code -1)"
    );
    let page = format!("<html><title>bad</title><body>{HOSTILE}</body></html>");
    server.answer("/v1/user/recommend", 502, "text/html", page.into_bytes());
    let out = env.run_tz(&["--server", &server.url, "bots"], "UTC");
    assert_inert("HTML error line", &out.stderr);
    let (code, err) = failure(&out);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: the server answered HTTP 502: bad a\\u{1b}]52"),
        "{err}"
    );

    let expired = serde_json::json!({"code": -101, "msg": "未登录"}).to_string();
    server.answer(
        "/v1/user/info",
        200,
        "application/json",
        expired.into_bytes(),
    );
    let (code, err) = failure(&env.run_tz(&["--server", &server.url, "profile"], "UTC"));
    assert_eq!(
        (code, err.as_str()),
        (
            3,
            "error: not logged in (code -101: 未登录): run yunhu-tui to log in"
        )
    );
    let sneaky = serde_json::json!({"code": -101, "msg": "\u{1b}]0;pwned\u{7}"}).to_string();
    server.answer(
        "/v1/user/info",
        200,
        "application/json",
        sneaky.into_bytes(),
    );
    let out = env.run_tz(&["--server", &server.url, "profile"], "UTC");
    assert_inert("-101 line", &out.stderr);
    assert_eq!(
        failure(&out).1,
        "error: not logged in (code -101: \\u{1b}]0;pwned\\u{7}): run yunhu-tui to log in"
    );
}

#[test]
fn timeout_is_checked_once_for_the_cli_and_the_dashboard() {
    let env = Env::new();
    for bad in ["1e20", "-5", "0", "nan", "inf", "3601", "soon"] {
        let flag = format!("--timeout={bad}");
        // A one-shot command, and the dashboard (no command).
        for args in [
            vec![flag.as_str(), "--demo", "profile"],
            vec![flag.as_str()],
        ] {
            let out = env.run(&args, None);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(
                err.starts_with(&format!(
                    "error: invalid value '{bad}' for '--timeout <SECS>'"
                )),
                "{args:?}: {err}"
            );
            assert!(out.stdout.is_empty());
        }
    }
    let err =
        String::from_utf8_lossy(&env.run(&["--timeout", "1e20", "bots"], None).stderr).to_string();
    assert!(err.contains("between 0.01 and 3600 seconds"), "{err}");
    for good in ["3600", "0.5"] {
        let out = env.run(&["--timeout", good, "--demo", "categories"], None);
        assert!(
            out.status.success(),
            "{good}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn cli_usability_lang_categories_help_plurals() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    let t = Some(demo.vip_token.as_str());
    let url = demo.url.as_str();

    // An unknown category is bad input, and the known ones are named.
    let (code, err) = failure(&env.run(&["--server", url, "groups", "--category", "nope"], t));
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err,
        "error: unknown category 'nope'; the categories are: 精选, 粉丝群, 地区, IT/互联网, 玩机, 游戏, 资讯订阅"
    );

    // "1 group", not "1 groups"; the summary on stderr.
    let one = env.run(&["--server", url, "groups", "--size", "1"], t);
    assert_eq!(stdout(&one).lines().count(), 2);
    assert_eq!(
        String::from_utf8_lossy(&one.stderr),
        "精选 · page 1 · 1 group · more: --page 2\n"
    );

    // --lang zh: the dashboard's Chinese labels.
    let zh = env.run(
        &["--server", url, "--lang", "zh", "coins", "--size", "3"],
        t,
    );
    let table = stdout(&zh);
    assert!(table.starts_with("时间"), "{table}");
    assert!(table.lines().next().unwrap().contains("余额"), "{table}");
    assert_eq!(
        String::from_utf8_lossy(&zh.stderr),
        "第 1 页，共 87 页：本页 3 条，共 260 条记录\n"
    );
    let zh_bots = env.run(&["--server", url, "--lang", "zh", "bots"], t);
    assert!(String::from_utf8_lossy(&zh_bots.stderr).ends_with("个机器人\n"));
    assert!(
        stdout(&zh_bots)
            .lines()
            .skip(1)
            .all(|l| l.contains('是') || l.contains('否'))
    );

    // Per-command help: the fault-injection flags under their own heading, after the rest.
    let help = stdout(&env.run(&["profile", "--help"], None));
    let heading = help
        .find("Demo server fault injection")
        .unwrap_or_else(|| panic!("{help}"));
    for flag in [
        "--latency-ms",
        "--fail-rate",
        "--fault ",
        "--demo-coin-records",
    ] {
        let at = help.find(flag).unwrap_or_else(|| panic!("{flag}: {help}"));
        assert!(at > heading, "{flag} under the demo heading:\n{help}");
    }
    for flag in ["--json", "--server", "--timeout"] {
        assert!(help.find(flag).unwrap() < heading, "{flag} before:\n{help}");
    }
    // The short help (-h) leaves them out altogether.
    let short = stdout(&env.run(&["profile", "-h"], None));
    assert!(
        !short.contains("--latency-ms") && !short.contains("--fault"),
        "{short}"
    );
    assert!(
        short.contains("--json") && short.lines().count() < 25,
        "{short}"
    );
}

#[test]
fn completions_and_man_page() {
    let env = Env::new();
    let bash = stdout(&env.run(&["completions", "bash"], None));
    for word in [
        "yunhu-tui",
        "profile",
        "coins",
        "serve-demo",
        "set-nickname",
        "completions",
        "--json",
        "login",
        "logout",
        "--password-stdin",
    ] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&env.run(&["completions", shell], None));
        assert!(script.contains("set-avatar"), "{shell}: {script}");
    }
    let out = env.run(&["completions", "tcsh"], None);
    assert_eq!(out.status.code(), Some(2));
    let man = stdout(&env.run(&["man"], None));
    assert!(man.contains(".TH"), "{man}");
    assert!(
        man.contains("yunhu\\-tui") || man.contains("yunhu-tui"),
        "{man}"
    );
    assert!(
        man.contains("serve\\-demo") || man.contains("serve-demo"),
        "{man}"
    );
    // Neither writes a log file.
    assert!(!env.home.path().join("state/yunhu-tui.log").exists());
}

// ---- accounts ----------------------------------------------------------------------------

#[test]
fn accounts_are_added_chosen_listed_and_removed() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    // A fresh config has the implicit account, not logged in, and writes nothing to list it.
    let list = json(&env.run(&["accounts", "--json"], None));
    assert_eq!(list[0]["name"], "default");
    assert_eq!(list[0]["loggedIn"], false);
    assert!(!env.config_dir().join("config.toml").exists());

    let add = |name: &str| {
        env.run(
            &[
                "--server",
                &demo.url,
                "accounts",
                "add",
                name,
                "--service",
                "yunhu",
            ],
            None,
        )
    };
    assert!(add("vip").status.success());
    assert!(add("basic").status.success());
    let (code, err) = failure(&add("vip"));
    assert_eq!(code, 2);
    assert!(err.contains("already an account named"), "{err}");
    for bad in ["../etc", "a b", ".x", ""] {
        let (code, err) = failure(&add(bad));
        assert_eq!(code, 2, "{bad:?}: {err}");
        assert!(!env.config_dir().join("accounts").join(bad).exists() || bad.is_empty());
    }
    let (code, err) = failure(&env.run(&["--server", "ftp://x", "accounts", "add", "x"], None));
    assert_eq!(code, 2, "{err}");

    // Each logs in on its own; the password is read from stdin, never from argv.
    let login_as = |account: &str, email: &str, pw: &str| {
        env.run_with_stdin(
            &[
                "--account",
                account,
                "login",
                "--email",
                email,
                "--password-stdin",
            ],
            None,
            format!("{pw}\n").as_bytes(),
        )
    };
    assert_eq!(
        stdout(&login_as("vip", VIP_EMAIL, VIP_PASSWORD)),
        "logged in as 云湖测试用户 (7058262)\n"
    );
    assert_eq!(
        stdout(&login_as("basic", "learner@yhchat.example", "yunhu-demo2")),
        "logged in as 小鹿同学 (7290417)\n"
    );
    #[cfg(unix)]
    for name in ["vip", "basic"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(env.account_token(name)), 0o600);
        assert_eq!(mode(env.config_dir().join("accounts").join(name)), 0o700);
    }
    let name_of = |args: &[&str], account_env: Option<&str>| {
        let mut cmd = env.command(args, None);
        if let Some(a) = account_env {
            cmd.env("YUNHU_TUI_ACCOUNT", a);
        }
        json(&cmd.output().unwrap())["name"].clone()
    };
    // The first account added is the default; --account and YUNHU_TUI_ACCOUNT pick another.
    assert_eq!(name_of(&["profile", "--json"], None), "云湖测试用户");
    assert_eq!(
        name_of(&["--account", "basic", "profile", "--json"], None),
        "小鹿同学"
    );
    assert_eq!(name_of(&["profile", "--json"], Some("basic")), "小鹿同学");
    assert_eq!(
        name_of(&["--account", "vip", "profile", "--json"], Some("basic")),
        "云湖测试用户",
        "the flag wins over the variable"
    );
    // YUNHU_TOKEN stands for the chosen account's login for this run only: the account's
    // saved login is neither used nor replaced.
    let vip_saved = std::fs::read(env.account_token("vip")).unwrap();
    let basic_token =
        String::from_utf8(std::fs::read(env.account_token("basic")).unwrap()).unwrap();
    let out = env.run(
        &["--account", "vip", "profile", "--json"],
        Some(basic_token.trim()),
    );
    assert_eq!(json(&out)["name"], "小鹿同学");
    assert_eq!(std::fs::read(env.account_token("vip")).unwrap(), vip_saved);
    let (code, err) = failure(&env.run(&["--account", "nobody", "profile"], None));
    assert_eq!(code, 2);
    assert!(
        err.contains("no account named \"nobody\"") && err.contains("vip, basic"),
        "{err}"
    );

    assert!(
        env.run(&["accounts", "default", "basic"], None)
            .status
            .success()
    );
    assert_eq!(name_of(&["profile", "--json"], None), "小鹿同学");
    let list = json(&env.run(&["accounts", "--json"], None));
    let rows: Vec<(String, bool, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_owned(),
                r["default"] == true,
                r["loggedIn"] == true,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("vip".to_owned(), false, true),
            ("basic".to_owned(), true, true)
        ]
    );
    assert_eq!(list[0]["server"], demo.url.as_str());
    let text = stdout(&env.run(&["accounts"], None));
    assert!(
        text.lines()
            .any(|l| l.starts_with('*') && l.contains("basic")),
        "{text}"
    );

    // Logging one out leaves the other's login alone.
    assert!(
        env.run(&["--account", "basic", "logout"], None)
            .status
            .success()
    );
    assert!(!env.account_token("basic").exists() && env.account_token("vip").exists());
    // Removing an account deletes its saved login; the default moves to what is left.
    let out = env.run(&["accounts", "remove", "vip"], None);
    assert!(
        stdout(&out).contains("deleted its saved login"),
        "{}",
        stdout(&out)
    );
    assert!(!env.config_dir().join("accounts/vip").exists());
    let (code, _) = failure(&env.run(&["accounts", "remove", "vip"], None));
    assert_eq!(code, 2);
    let config = std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap();
    assert!(
        config.contains("default_account = \"basic\"") && !config.contains("\"vip\""),
        "{config}"
    );
}

#[test]
fn an_old_single_login_config_is_migrated_on_first_start() {
    let env = Env::new();
    let demo = serve_demo(&[], env.home.path());
    let dir = env.config_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!("# my server\nserver = \"{}\"\n", demo.url),
    )
    .unwrap();
    std::fs::write(dir.join("token"), format!("{}\n", demo.vip_token)).unwrap();
    std::fs::write(dir.join("account-id"), "7058262").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.join("token"), std::fs::Permissions::from_mode(0o600))
            .unwrap();
    }
    let out = env.run(&["profile", "--json"], None);
    assert_eq!(json(&out)["name"], "云湖测试用户", "the login still works");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("moved to the account \"default\""), "{err}");
    assert!(!dir.join("token").exists() && !dir.join("account-id").exists());
    assert_eq!(
        std::fs::read_to_string(env.account_token("default"))
            .unwrap()
            .trim(),
        demo.vip_token
    );
    let config = std::fs::read_to_string(dir.join("config.toml")).unwrap();
    assert!(
        config.starts_with("# my server")
            && config.contains("[[accounts]]")
            && config.contains("default_account = \"default\""),
        "{config}"
    );
    // The second start says nothing more and still works.
    let again = env.run(&["profile", "--json"], None);
    assert_eq!(json(&again)["name"], "云湖测试用户");
    assert!(
        again.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn the_demo_accounts_live_in_memory_only() {
    let env = Env::new();
    let list = json(&env.run(&["--demo", "accounts", "--json"], None));
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    // The dashboard's third demo account is on the embedded SealTalk demo server, the
    // fourth on the embedded chaoqer demo gateway.
    assert_eq!(
        names,
        ["demo-vip", "demo-basic", "demo-sealtalk", "demo-chaoqer"]
    );
    let p = json(&env.run(
        &["--demo", "--account", "demo-basic", "profile", "--json"],
        None,
    ));
    assert_eq!(p["name"], "小鹿同学");
    let (code, err) = failure(&env.run(&["--demo", "accounts", "add", "x"], None));
    assert_eq!(code, 2, "{err}");
    let (code, _) = failure(&env.run(&["--demo", "--account", "work", "profile"], None));
    assert_eq!(code, 2);
    assert!(
        !env.config_dir().exists(),
        "--demo writes no account, no config"
    );
}
