//! The commands of a chaoqer account, run as real processes against the embedded chaoqer
//! demo gateway, started in this process on 127.0.0.1:0 so that the tests can look at what
//! it received. Each test has its own config, state and data dirs; every address is on
//! loopback (the upload address of Q24 too: the demo's OSS stand-in).

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use serde_json::Value;
use yunhu_tui::demo::chaoqer::{
    ChaoqerDemoServer, DEMO_MOBILE, DEMO_NICKNAME, DEMO_SMS_CODE, FROZEN_MOBILE, demo_uid,
};

#[path = "support/pty.rs"]
mod pty;

use pty::Pty;
#[path = "support/cli_home.rs"]
mod cli_home;
use cli_home::Home;

/// The account the tests add.
const ACCOUNT: &str = "cq";

/// The demo gateway on a runtime of its own, which lives as long as it does.
type Demo = cli_home::OnRuntime<ChaoqerDemoServer>;

impl Demo {
    fn request_count(&self) -> usize {
        self.server.received().len()
    }

    /// The paths received after the first `from` requests, as `METHOD path`.
    fn since(&self, from: usize) -> Vec<String> {
        self.server
            .received()
            .iter()
            .skip(from)
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }
}

/// One test's home, the demo gateway, and every output seen, so that a test can check a
/// secret never appeared in any of them.
struct Env {
    base: Home,
    demo: Demo,
}

impl std::ops::Deref for Env {
    type Target = Home;
    fn deref(&self) -> &Home {
        &self.base
    }
}

impl Env {
    /// A fresh home with the chaoqer account `cq` on the demo gateway, not logged in.
    fn new() -> Env {
        let env = Env {
            base: Home::new(),
            demo: Demo::start(ChaoqerDemoServer::start),
        };
        let url = env.demo.server.base_url();
        let out = env.run(&[
            "accounts",
            "add",
            ACCOUNT,
            "--service",
            "chaoqer",
            "--server",
            &url,
        ]);
        assert!(
            stdout(&out).contains("login --phone PHONE --sms"),
            "{out:?}"
        );
        env
    }

    /// [`Env::new`], logged in to the demo account.
    fn logged_in() -> Env {
        let env = Env::new();
        let out = env.login(DEMO_MOBILE, DEMO_SMS_CODE);
        assert!(stdout(&out).contains("logged in as"), "{out:?}");
        env
    }

    fn account_dir(&self) -> PathBuf {
        self.config_dir().join("accounts").join(ACCOUNT)
    }

    fn session_file(&self) -> PathBuf {
        self.account_dir().join("chaoqer-session")
    }

    fn saved(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.session_file()).unwrap()).unwrap()
    }

    /// A command of the account `cq`.
    fn cq(&self, args: &[&str]) -> Output {
        let mut all = vec!["--account", ACCOUNT];
        all.extend_from_slice(args);
        self.run(&all)
    }

    fn cq_json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.cq(&all);
        serde_json::from_str(&stdout(&out)).unwrap()
    }

    fn with_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        let mut all = vec!["--account", ACCOUNT];
        all.extend_from_slice(args);
        self.run_with_stdin(&all, input)
    }

    fn login(&self, phone: &str, code: &str) -> Output {
        self.with_stdin(
            &["login", "--phone", phone, "--sms"],
            format!("{code}\n").as_bytes(),
        )
    }
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed ({:?}): {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// A failure: one line on stderr, nothing on stdout, and the exit code.
fn failure(o: &Output) -> (i32, String) {
    assert!(
        !o.status.success(),
        "succeeded: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let last = err.lines().last().unwrap_or_default().to_owned();
    (o.status.code().unwrap_or(-1), last)
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

// ---- accounts, login, logout ------------------------------------------------------------

#[test]
fn a_chaoqer_account_needs_its_server_and_is_recorded_with_its_service() {
    let env = Env::new();
    let (code, err) = failure(&env.run(&["accounts", "add", "other", "--service", "chaoqer"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--server") && err.contains("chaoqer"), "{err}");
    let list: Value = serde_json::from_str(&stdout(&env.run(&["accounts", "--json"]))).unwrap();
    assert_eq!(list[0]["name"], ACCOUNT);
    assert_eq!(list[0]["service"], "chaoqer");
    assert_eq!(list[0]["loggedIn"], false);
    assert_eq!(env.demo.request_count(), 0, "adding sends nothing");
}

#[test]
fn login_sends_the_code_reads_it_from_stdin_and_saves_the_session_privately() {
    let env = Env::new();
    let out = env.with_stdin(
        &["--json", "login", "--phone", DEMO_MOBILE, "--sms"],
        format!("{DEMO_SMS_CODE}\n").as_bytes(),
    );
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"registered": false, "uid": demo_uid(), "name": DEMO_NICKNAME})
    );
    // Q1, then Q2, then the own profile.
    assert_eq!(
        env.demo.since(0),
        [
            "POST /account/captcha".to_owned(),
            "POST /account/login/captcha".to_owned(),
            format!("GET /user/{}/profile", demo_uid()),
        ]
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("sent a code by SMS"),
        "a note on stderr"
    );
    assert_eq!(mode(&env.session_file()), 0o600);
    assert_eq!(mode(&env.account_dir()), 0o700);
    let saved = env.saved();
    assert_eq!(saved["uid"], demo_uid());
    let token = saved["accessToken"].as_str().unwrap().to_owned();
    let secret = saved["accessSecret"].as_str().unwrap().to_owned();
    // The session works, and its token and secret stay out of every output and the log.
    assert!(stdout(&env.cq(&["profile"])).contains(DEMO_NICKNAME));
    let (code, _) = failure(&env.cq(&["club", "not-an-id"]));
    assert_eq!(code, 2);
    env.assert_never_shown(&token);
    env.assert_never_shown(&secret);
    // Nor the Basic header that carries the token.
    use base64::Engine as _;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{}:{token}", demo_uid()));
    env.assert_never_shown(&basic);
    assert!(env.log().contains("chaoqer ok"), "the requests were traced");
    let list: Value = serde_json::from_str(&stdout(&env.run(&["accounts", "--json"]))).unwrap();
    assert_eq!(list[0]["loggedIn"], true);
}

#[test]
fn on_a_terminal_login_prompts_for_the_code_on_stderr() {
    let env = Env::new();
    let (cfg, state, data) = (
        env.config_dir(),
        env.home.path().join("state"),
        env.home.path().join("data"),
    );
    let mut pty = Pty::spawn_env(
        &[
            "--account",
            ACCOUNT,
            "login",
            "--phone",
            DEMO_MOBILE,
            "--sms",
        ],
        env.home.path(),
        &[
            ("YUNHU_TUI_CONFIG_DIR", cfg.to_str().unwrap()),
            ("YUNHU_TUI_STATE_DIR", state.to_str().unwrap()),
            ("YUNHU_TUI_DATA_DIR", data.to_str().unwrap()),
        ],
    );
    pty.wait_for("the SMS code sent to +86 13900000002:");
    assert!(
        !env.session_file().exists(),
        "nothing saved before the code"
    );
    pty.send(format!("{DEMO_SMS_CODE}\r").as_bytes());
    pty.wait_for("logged in as");
    assert!(pty.wait_exit().success());
    assert_eq!(env.saved()["uid"], demo_uid());
}

#[test]
fn a_wrong_sms_code_saves_nothing_and_says_why() {
    let env = Env::new();
    // Q1 is asked for again within 500 ms, which the gateway would refuse as a duplicate.
    env.demo
        .server
        .set_duplicate_window(std::time::Duration::ZERO);
    let (code, err) = failure(&env.login(DEMO_MOBILE, "111111"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("验证码不正确"), "the server's words: {err}");
    assert!(!env.session_file().exists());
    // A frozen account: the right code, refused with the gateway's words.
    let (code, err) = failure(&env.login(FROZEN_MOBILE, DEMO_SMS_CODE));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("账号已被冻结"), "{err}");
    assert!(!env.session_file().exists());
    // An empty stdin: the code was asked for, no login tried.
    let before = env.demo.request_count();
    let (code, err) = failure(&env.login(DEMO_MOBILE, ""));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no SMS code on stdin"), "{err}");
    assert_eq!(env.demo.since(before), ["POST /account/captcha"]);
    // A phone that cannot be one, or a bad country code: nothing is sent.
    let before = env.demo.request_count();
    let (code, _) = failure(&env.login("139-0000", DEMO_SMS_CODE));
    assert_eq!(code, 2);
    let (code, _) = failure(&env.with_stdin(
        &[
            "login",
            "--phone",
            DEMO_MOBILE,
            "--sms",
            "--country-code",
            "+8x",
        ],
        b"246810\n",
    ));
    assert_eq!(code, 2);
    assert_eq!(env.demo.request_count(), before);
    // A password login is another service's.
    let (code, err) = failure(&env.with_stdin(
        &["login", "--phone", DEMO_MOBILE, "--password-stdin"],
        b"pw\n",
    ));
    assert_eq!(code, 2);
    assert!(err.contains("--sms"), "{err}");
    assert_eq!(env.demo.request_count(), before);
}

#[test]
fn logout_ends_the_session_on_the_server_and_deletes_the_saved_one() {
    let env = Env::logged_in();
    let json = env.cq_json(&["logout"]);
    assert_eq!(
        json,
        serde_json::json!({"server": "told", "savedLoginDeleted": true})
    );
    assert!(!env.session_file().exists());
    assert!(
        env.demo
            .since(0)
            .contains(&"POST /account/logout".to_owned())
    );
    let before = env.demo.request_count();
    let (code, err) = failure(&env.cq(&["profile"]));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("login --phone PHONE --sms"), "{err}");
    let (code, _) = failure(&env.cq(&["logout"]));
    assert_eq!(code, 3);
    assert_eq!(
        env.demo.request_count(),
        before,
        "nothing sent without a session"
    );
}

#[test]
fn an_expired_session_says_log_in_again() {
    let env = Env::logged_in();
    // The new login below repeats Q1 within 500 ms of the first.
    env.demo
        .server
        .set_duplicate_window(std::time::Duration::ZERO);
    env.demo.server.expire_sessions();
    for args in [&["profile"][..], &["messages"], &["clubs"], &["unread"]] {
        let (code, err) = failure(&env.cq(args));
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(
            err.contains("log in again") && err.contains("login --phone PHONE --sms"),
            "{err}"
        );
    }
    // A saved session past its expireTime is not sent at all.
    assert!(stdout(&env.login(DEMO_MOBILE, DEMO_SMS_CODE)).contains("logged in as"));
    let mut saved = env.saved();
    saved["expireTime"] = Value::from(1_600_000_000_000_i64);
    std::fs::write(env.session_file(), saved.to_string()).unwrap();
    let before = env.demo.request_count();
    let (code, err) = failure(&env.cq(&["messages"]));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("expired") && err.contains("log in again"),
        "{err}"
    );
    assert_eq!(env.demo.request_count(), before, "nothing sent");
    // A new login works again.
    assert!(stdout(&env.login(DEMO_MOBILE, DEMO_SMS_CODE)).contains("logged in as"));
    assert!(stdout(&env.cq(&["profile"])).contains(DEMO_NICKNAME));
}

#[test]
fn a_new_number_registers_and_the_profile_says_how_to_complete_it() {
    let env = Env::new();
    let out = env.login("13911112222", DEMO_SMS_CODE);
    let text = stdout(&out);
    assert!(
        text.contains("new account") && text.contains("complete-profile --nickname"),
        "{text}"
    );
    let json = env.cq_json(&["profile"]);
    assert_eq!(json["initialised"], false);
    assert!(
        json["complete"]
            .as_str()
            .unwrap()
            .contains("complete-profile")
    );
    assert!(stdout(&env.cq(&["profile"])).contains("not initialised"));
    // Other commands say the same, and fail.
    let (code, err) = failure(&env.cq(&["messages"]));
    assert_eq!(code, 1);
    assert!(err.contains("complete-profile"), "{err}");
    // Completing it (the avatar by URL) makes it a normal account.
    let json = env.cq_json(&[
        "complete-profile",
        "--nickname",
        "新来的",
        "--avatar",
        "https://cdn.chaoqer.com/image/x/avatar/a.jpg",
    ]);
    assert_eq!(json["nickname"], "新来的");
    assert_eq!(env.cq_json(&["profile"])["nickname"], "新来的");
}

// ---- reads ------------------------------------------------------------------------------

#[test]
fn profile_in_text_and_json() {
    let env = Env::logged_in();
    let text = stdout(&env.cq(&["profile"]));
    assert!(
        text.contains(DEMO_NICKNAME) && text.contains("Cards received") && text.contains("杭州"),
        "{text}"
    );
    let json = env.cq_json(&["profile"]);
    assert_eq!(json["uid"], demo_uid());
    assert_eq!(json["nickname"], DEMO_NICKNAME);
    assert!(json["cardTotal"].is_i64() && json["avatar"].is_string());
    assert!(json["bio"].as_str().unwrap().contains('\n'), "kept in JSON");
}

#[test]
fn messages_are_paged_by_last_id_and_reading_them_zeroes_the_unread_total() {
    let env = Env::logged_in();
    assert_eq!(env.cq_json(&["unread"]), serde_json::json!({"unread": 3}));
    let first = env.cq_json(&["messages"]);
    assert_eq!(first["count"], 20);
    assert_eq!(first["more"], true);
    let m = &first["messages"][0];
    assert_eq!(m["unread"], true);
    assert_eq!(m["link"]["kind"], "event");
    assert!(m["messageId"].is_i64() && m["time"]["rfc3339"].is_string());
    assert_eq!(stdout(&env.cq(&["unread"])), "0\n");
    let before = env.demo.request_count();
    let all = env.cq_json(&["messages", "--all"]);
    assert_eq!(all["count"], 45);
    assert_eq!(all["more"], false);
    // One page of 100 was short: the end.
    assert_eq!(env.demo.since(before), ["GET /user/message"]);
    let text = env.cq(&["messages"]);
    let body = stdout(&text);
    assert!(
        body.contains("有人邀请你参加活动") && body.contains("chaoqer://"),
        "{body}"
    );
    assert!(
        String::from_utf8_lossy(&text.stderr).contains("messages --all"),
        "the summary says there is more"
    );
}

#[test]
fn blacklist_cards_clubs_club_and_events() {
    let env = Env::logged_in();
    let blocked = env.cq_json(&["blacklist"]);
    assert_eq!(blocked["count"], 2);
    let names: Vec<&str> = blocked["blocked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["profile"]["nickname"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["阿青", "Tony"], "newest first");
    assert!(stdout(&env.cq(&["blacklist"])).contains("Tony"));

    let cards = env.cq_json(&["cards"]);
    assert_eq!(cards["count"], 2);
    assert_eq!(cards["cards"][0]["profile"]["nickname"], "小满");
    assert!(stdout(&env.cq(&["cards"])).contains("道源"));

    let clubs = env.cq_json(&["clubs"]);
    assert_eq!(clubs["count"], 7);
    let photo = clubs["clubs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["club"]["name"] == "摄影爱好者")
        .unwrap();
    let id = photo["clubId"].as_str().unwrap().to_owned();
    assert!(stdout(&env.cq(&["clubs"])).contains("徒步同好会"));

    let club = env.cq_json(&["club", &id]);
    assert_eq!(club["club"]["name"], "摄影爱好者");
    assert_eq!(club["club"]["joined"], true);
    assert_eq!(club["members"].as_array().unwrap().len(), 24);
    let text = stdout(&env.cq(&["club", &id]));
    assert!(
        text.contains("摄友01") && text.contains("Members"),
        "{text}"
    );

    let events = env.cq_json(&["events"]);
    let list = events["events"].as_array().unwrap();
    assert!(list.len() >= 5, "{events}");
    let times: Vec<i64> = list
        .iter()
        .map(|e| e["time"]["unix"].as_i64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "soonest first");
    assert!(list.iter().all(|e| e["status"].is_string()));
    assert!(stdout(&env.cq(&["events"])).contains("独立开发者分享会"));
}

#[test]
fn versions_needs_no_login_and_feedback_is_sent() {
    let env = Env::new();
    let json = env.cq_json(&["versions"]);
    assert_eq!(json["apps"][0]["platform"], "iOS");
    assert_eq!(json["apps"][0]["latest"]["versionName"], "0.2.4");
    assert_eq!(json["apps"][1]["platform"], "Android");
    assert!(stdout(&env.cq(&["versions"])).contains("0.2.4"));
    let env = Env::logged_in();
    let json = env.cq_json(&["feedback", "希望支持深色模式"]);
    assert_eq!(json["sent"], true);
    let got = env.demo.server.feedback();
    assert_eq!(got.len(), 1);
    assert!(got[0].to_string().contains("希望支持深色模式"));
    let before = env.demo.request_count();
    let (code, _) = failure(&env.cq(&["feedback", &"长".repeat(501)]));
    assert_eq!(code, 2);
    assert_eq!(env.demo.request_count(), before, "too long: nothing sent");
}

// ---- edits and actions ------------------------------------------------------------------

#[test]
fn set_nickname_and_set_bio_keep_the_rest_of_the_profile() {
    let env = Env::logged_in();
    let before = env.cq_json(&["profile"]);
    assert_eq!(
        env.cq_json(&["set-nickname", "新名字"]),
        serde_json::json!({"nickname": "新名字"})
    );
    let after = env.cq_json(&["profile"]);
    assert_eq!(after["nickname"], "新名字");
    assert_eq!(
        after["bio"], before["bio"],
        "the bio was sent along, not erased"
    );
    assert_eq!(after["avatar"], before["avatar"]);
    assert_eq!(
        env.cq_json(&["set-bio", "一行"]),
        serde_json::json!({"bio": "一行"})
    );
    assert_eq!(env.cq_json(&["profile"])["nickname"], "新名字");
    let text = stdout(&env.cq(&["set-bio", ""]));
    assert!(text.contains("bio removed"), "{text}");
    let n = env.demo.request_count();
    let (code, err) = failure(&env.cq(&["set-nickname", &"长".repeat(21)]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nothing was sent"), "{err}");
    // The profile was read (Q6), nothing written.
    assert!(
        env.demo.since(n).iter().all(|r| r.starts_with("GET ")),
        "{:?}",
        env.demo.since(n)
    );
}

#[test]
fn set_avatar_by_url_and_by_file_through_the_upload_session() {
    let env = Env::logged_in();
    let url = "https://cdn.chaoqer.com/image/x/avatar/b.jpg";
    assert_eq!(
        env.cq_json(&["set-avatar", url]),
        serde_json::json!({"avatar": url})
    );
    // A PNG is made a JPEG, uploaded to Q24's address, then set.
    let png = env.home.path().join("me.png");
    image::RgbImage::from_pixel(8, 8, image::Rgb([200, 30, 30]))
        .save(&png)
        .unwrap();
    let before = env.demo.request_count();
    let json = env.cq_json(&["set-avatar", png.to_str().unwrap()]);
    let set = json["avatar"].as_str().unwrap().to_owned();
    assert_ne!(set, url);
    let bytes = env
        .demo
        .server
        .uploaded(&set)
        .expect("uploaded to the OSS stand-in");
    assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
    let paths = env.demo.since(before);
    assert!(
        paths.contains(&"POST /aliyun/image/upload".to_owned()),
        "{paths:?}"
    );
    assert!(paths.contains(&"PUT /user/profile".to_owned()), "{paths:?}");
    assert_eq!(env.cq_json(&["profile"])["avatar"], set.as_str());
    // Not an image: nothing sent.
    let junk = env.home.path().join("junk.png");
    std::fs::write(&junk, b"not an image").unwrap();
    let before = env.demo.request_count();
    let (code, _) = failure(&env.cq(&["set-avatar", junk.to_str().unwrap()]));
    assert_eq!(code, 2);
    assert_eq!(env.demo.request_count(), before);
}

#[test]
fn unblock_without_yes_sends_nothing_and_with_yes_unblocks() {
    let env = Env::logged_in();
    let blocked = env.cq_json(&["blacklist"]);
    let uid = blocked["blocked"][0]["uid"].as_str().unwrap().to_owned();
    let before = env.demo.request_count();
    let (code, err) = failure(&env.cq(&["unblock", &uid]));
    assert_eq!(code, 2);
    assert!(
        err.contains("--yes") && err.contains("nothing was sent"),
        "{err}"
    );
    let (code, _) = failure(&env.cq(&["unblock", "Tony", "--yes"]));
    assert_eq!(code, 2);
    assert_eq!(env.demo.request_count(), before, "nothing sent");
    let json = env.cq_json(&["unblock", &uid, "--yes"]);
    assert_eq!(json["unblocked"], uid.as_str());
    assert_eq!(
        env.demo.since(before),
        [format!("DELETE /user/{uid}/block")]
    );
    assert_eq!(env.cq_json(&["blacklist"])["count"], 1);
}

// ---- services, safety -------------------------------------------------------------------

#[test]
fn the_other_services_commands_exit_2_for_chaoqer_and_chaoqers_for_them() {
    let env = Env::logged_in();
    let before = env.demo.request_count();
    for args in [
        &["medals"][..],
        &["coins"],
        &["categories"],
        &["groups"],
        &["bots"],
        &["friends"],
        &["set-gender", "male"],
        &["screen-capture"],
        &["cache"],
        &["versions", "--desktop-version", "1.0.0"],
        &["--offline", "profile"],
        &["--upload-url", "http://127.0.0.1:9/", "profile"],
    ] {
        let (code, err) = failure(&env.cq(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("not available for chaoqer accounts")
                || err.contains("not used by chaoqer"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(env.demo.request_count(), before, "nothing sent");
    // chaoqer's own commands on a Yunhu and a SealTalk account.
    let url = env.demo.server.base_url();
    stdout(&env.run(&["accounts", "add", "yh", "--server", &url]));
    stdout(&env.run(&[
        "accounts",
        "add",
        "st",
        "--service",
        "sealtalk",
        "--server",
        &url,
    ]));
    for (account, service) in [("yh", "Yunhu"), ("st", "SealTalk")] {
        for cmd in [
            &["messages"][..],
            &["unread"],
            &["cards"],
            &["clubs"],
            &["club", "x"],
            &["events"],
            &["set-bio", "x"],
            &["feedback", "x"],
        ] {
            let mut args = vec!["--account", account];
            args.extend_from_slice(cmd);
            let (code, err) = failure(&env.run(&args));
            assert_eq!(code, 2, "{account} {cmd:?}: {err}");
            assert!(
                err.contains(&format!("not available for {service} accounts")),
                "{err}"
            );
        }
    }
    assert_eq!(env.demo.request_count(), before, "nothing sent");
}

#[test]
fn hostile_strings_from_the_server_are_made_safe() {
    let env = Env::logged_in();
    // The server stores and returns what it was given: an escape sequence and a bidi override.
    let hostile = "A\u{1b}]0;pwned\u{7}B\u{202e}C";
    stdout(&env.cq(&["set-nickname", hostile]));
    stdout(&env.cq(&["set-bio", "x\u{1b}[2Jy\u{9b}z"]));
    for args in [&["profile"][..], &["--json", "profile"]] {
        let out = env.cq(args);
        let text = stdout(&out);
        assert!(
            !text.contains('\u{1b}')
                && !text.contains('\u{7}')
                && !text.contains('\u{202e}')
                && !text.contains('\u{9b}'),
            "{args:?}: {text:?}"
        );
    }
    let json = env.cq_json(&["profile"]);
    assert!(
        json["nickname"].as_str().unwrap().contains("pwned"),
        "kept, escaped"
    );
}

#[test]
fn the_dashboard_takes_a_chaoqer_account_and_asks_for_a_terminal() {
    // No longer refused as "not built yet": without a terminal it says what it needs,
    // before anything is sent.
    let env = Env::logged_in();
    let before = env.demo.request_count();
    let (code, err) = failure(&env.run(&["--account", ACCOUNT]));
    assert_eq!(code, 2);
    assert!(
        err.contains("needs a terminal") && !err.contains("not built yet"),
        "{err}"
    );
    assert_eq!(env.demo.request_count(), before);
}

#[test]
fn serve_demo_prints_the_chaoqer_gateway_after_the_others() {
    use std::io::{BufRead, BufReader};
    let env = Env::new();
    let mut child = env
        .command(&["serve-demo"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut seen = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        let done = line.starts_with("Ctrl-C");
        seen.push(line);
        if done {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen[0].starts_with("yunhu-tui demo server listening on http://127.0.0.1:"));
    let st = seen
        .iter()
        .position(|l| l.starts_with("SealTalk demo server listening on"))
        .unwrap();
    let cq = seen
        .iter()
        .position(|l| l.starts_with("chaoqer demo gateway listening on http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("{seen:?}"));
    assert!(cq > st, "after SealTalk's lines");
    assert!(
        seen[cq + 1].contains(DEMO_MOBILE) && seen[cq + 1].contains(DEMO_SMS_CODE),
        "{seen:?}"
    );
}

/// `--demo --account demo-chaoqer`: the chaoqer commands against the embedded demo gateway,
/// its account logged in for the run; login and logout are refused (they would save
/// nothing), and nothing is written to the config dir.
#[test]
fn the_demo_chaoqer_account_runs_the_commands_and_writes_nothing() {
    let home = Home::new();
    let p: Value = serde_json::from_str(&stdout(&home.run(&[
        "--demo",
        "--account",
        "demo-chaoqer",
        "--json",
        "profile",
    ])))
    .unwrap();
    assert_eq!(p["nickname"], DEMO_NICKNAME, "{p}");
    let out = home.run(&["--demo", "--account", "demo-chaoqer", "clubs"]);
    assert!(!stdout(&out).trim().is_empty(), "{out:?}");
    for refused in [
        &["logout"][..],
        &["login", "--phone", DEMO_MOBILE, "--sms"][..],
    ] {
        let mut args = vec!["--demo", "--account", "demo-chaoqer"];
        args.extend_from_slice(refused);
        let (code, err) = failure(&home.run(&args));
        assert_eq!(code, 2, "{refused:?}");
        assert!(err.contains("saves nothing"), "{err}");
    }
    let (code, err) = failure(&home.run(&["--demo", "--account", "demo-chaoqer", "medals"]));
    assert_eq!(code, 2);
    assert!(err.contains("not available for chaoqer accounts"), "{err}");
    assert!(
        !home.config_dir().exists(),
        "--demo's chaoqer account writes no config, no session"
    );
}
