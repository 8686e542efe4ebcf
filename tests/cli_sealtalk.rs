//! The commands of a SealTalk account, run as real processes against the embedded SealTalk
//! demo server, started in this process on 127.0.0.1:0 so that the tests can look at what
//! it received and published. Each test has its own config, state and data dirs; every
//! address is on loopback (the portrait upload host too, through --upload-url).

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use serde_json::Value;
use yunhu_tui::demo::sealtalk::{DEMO_PASSWORD, DEMO_PHONE, SealtalkDemoServer};

#[path = "support/cli_home.rs"]
mod cli_home;
use cli_home::Home;

/// The account the tests add.
const ACCOUNT: &str = "st";

/// The SealTalk demo server on a runtime of its own, which lives as long as it does.
type Demo = cli_home::OnRuntime<SealtalkDemoServer>;

impl Demo {
    fn url(&self) -> String {
        self.server.base_url()
    }

    fn request_count(&self) -> usize {
        self.server.requests().len()
    }
}

/// One test's home (config, state, data), the demo server, and every output seen, so that
/// a test can check a secret never appeared in any of them.
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
    /// A fresh home with the SealTalk account `st` on the demo server, not logged in.
    fn new() -> Env {
        let env = Env {
            base: Home::new(),
            demo: Demo::start(SealtalkDemoServer::start),
        };
        let url = env.demo.url();
        stdout(&env.run(&[
            "accounts",
            "add",
            ACCOUNT,
            "--service",
            "sealtalk",
            "--server",
            &url,
        ]));
        env
    }

    /// [`Env::new`], logged in to the demo account.
    fn logged_in() -> Env {
        let env = Env::new();
        let out = env.login(DEMO_PHONE, DEMO_PASSWORD);
        assert!(stdout(&out).contains("logged in as"), "{out:?}");
        env
    }

    fn account_dir(&self) -> PathBuf {
        self.config_dir().join("accounts").join(ACCOUNT)
    }

    fn cookie_file(&self) -> PathBuf {
        self.account_dir().join("cookie")
    }

    /// A command of the account `st`, its portrait uploads going to the demo's upload host.
    fn st(&self, args: &[&str]) -> Output {
        let upload = self.demo.server.upload_url();
        let mut all = vec!["--account", ACCOUNT, "--upload-url", upload.as_str()];
        all.extend_from_slice(args);
        self.run(&all)
    }

    fn st_json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.st(&all);
        serde_json::from_str(&stdout(&out)).unwrap()
    }

    fn with_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        let mut all = vec!["--account", ACCOUNT];
        all.extend_from_slice(args);
        self.run_with_stdin(&all, input)
    }

    fn login(&self, phone: &str, password: &str) -> Output {
        self.with_stdin(
            &[
                "login",
                "--region",
                "86",
                "--phone",
                phone,
                "--password-stdin",
            ],
            format!("{password}\n").as_bytes(),
        )
    }

    /// The saved cookie's secret value (after `name=`).
    fn cookie_value(&self) -> String {
        let text = std::fs::read_to_string(self.cookie_file()).unwrap();
        text.trim().split_once('=').unwrap().1.to_owned()
    }
}

/// Every byte of every file under `dir`.
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                bytes.extend(all_bytes(&path));
            } else if let Ok(b) = std::fs::read(&path) {
                bytes.extend(b);
            }
        }
    }
    bytes
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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A failure: one line on stderr, nothing on stdout, and the exit code.
fn failure(o: &Output) -> (i32, String) {
    assert!(!o.status.success(), "succeeded: {}", stdout(o));
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    (o.status.code().unwrap_or(-1), err.trim_end().to_owned())
}

fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

// ---- accounts, login, logout ------------------------------------------------------------

#[test]
fn a_sealtalk_account_needs_its_server_and_is_recorded_with_its_service() {
    let env = Env::new();
    let (code, err) = failure(&env.run(&["accounts", "add", "other", "--service", "sealtalk"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--server") && err.contains("self-hosted"),
        "{err}"
    );
    let config = std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap();
    assert!(
        config.contains("service = \"sealtalk\"")
            && config.contains(&format!("server = \"{}\"", env.demo.url()))
            && !config.contains("other"),
        "{config}"
    );
    let list: Value = serde_json::from_str(&stdout(&env.run(&["accounts", "--json"]))).unwrap();
    assert_eq!(list[0]["name"], ACCOUNT);
    assert_eq!(list[0]["service"], "sealtalk");
    assert_eq!(list[0]["loggedIn"], false);
    assert_eq!(
        env.demo.request_count(),
        0,
        "adding an account sends nothing"
    );
}

#[test]
fn login_saves_the_cookie_privately_never_shows_it_and_never_keeps_the_im_token() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let out = env.with_stdin(
        &[
            "--json",
            "login",
            "--region",
            "86",
            "--phone",
            DEMO_PHONE,
            "--password-stdin",
        ],
        format!("{DEMO_PASSWORD}\n").as_bytes(),
    );
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"id": "DH7W1QuDp", "name": "参考·海星"})
    );
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&env.cookie_file()), 0o600);
    assert_eq!(mode(&env.account_dir()), 0o700);
    let saved = std::fs::read_to_string(env.cookie_file()).unwrap();
    assert!(saved.starts_with("rong_auth_cookie="), "taken by its name");
    assert!(
        !saved.contains("Domain") && !saved.contains("Path"),
        "{saved}"
    );
    let cookie = env.cookie_value();
    // The cookie works, and stays out of every output and the log.
    assert!(stdout(&env.st(&["profile"])).contains("参考·海星"));
    let (code, _) = failure(&env.st(&["unblock", "nobody1", "--yes"]));
    assert_eq!(code, 2);
    env.assert_never_shown(&cookie);
    env.assert_never_shown(DEMO_PASSWORD);
    // The RongCloud IM token of T1 (`demoRCtoken/…`) is nowhere on disk.
    for dir in ["config", "state", "data"] {
        let bytes = all_bytes(&env.home.path().join(dir));
        assert!(
            !contains_bytes(&bytes, b"RCtoken"),
            "the IM token is in {dir}"
        );
    }
    assert!(!env.log().contains("RCtoken"));
    let list: Value = serde_json::from_str(&stdout(&env.run(&["accounts", "--json"]))).unwrap();
    assert_eq!(list[0]["loggedIn"], true);
}

#[test]
fn a_wrong_password_or_phone_saves_nothing_and_says_why() {
    let env = Env::new();
    let (code, err) = failure(&env.login(DEMO_PHONE, "wrong-password"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("wrong phone number or password"), "{err}");
    let (code, err) = failure(&env.login("13911112222", DEMO_PASSWORD));
    assert_eq!(code, 1);
    assert!(err.contains("wrong phone number or password"), "{err}");
    // Q9: the server's own 400 text for a number its mainland pattern refuses.
    let (code, err) = failure(&env.login("19912345678", DEMO_PASSWORD));
    assert_eq!(code, 1);
    assert!(err.contains("Invalid region and phone number."), "{err}");
    assert!(!env.cookie_file().exists());
    // An empty stdin or a bad region sends nothing.
    let before = env.demo.request_count();
    let (code, err) =
        failure(&env.with_stdin(&["login", "--phone", DEMO_PHONE, "--password-stdin"], b""));
    assert_eq!(code, 2);
    assert!(err.contains("no password on stdin"), "{err}");
    let (code, _) = failure(&env.with_stdin(
        &[
            "login",
            "--region",
            "8x",
            "--phone",
            DEMO_PHONE,
            "--password-stdin",
        ],
        b"pw\n",
    ));
    assert_eq!(code, 2);
    assert_eq!(env.demo.request_count(), before);
}

#[test]
fn logout_tells_the_server_and_deletes_the_cookie() {
    let env = Env::logged_in();
    let out = env.st_json(&["logout"]);
    assert_eq!(
        out,
        serde_json::json!({"server": "told", "savedLoginDeleted": true})
    );
    assert!(!env.cookie_file().exists());
    assert!(
        env.demo
            .server
            .requests()
            .contains(&"POST /user/logout".to_owned())
    );
    let before = env.demo.request_count();
    let (code, err) = failure(&env.st(&["profile"]));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("not logged in") && err.contains("--phone"),
        "{err}"
    );
    let (code, _) = failure(&env.st(&["logout"]));
    assert_eq!(code, 3);
    assert_eq!(
        env.demo.request_count(),
        before,
        "nothing sent without a login"
    );
}

#[test]
fn a_cookie_the_server_refuses_means_log_in_again() {
    let env = Env::logged_in();
    // Q3: a cookie it cannot decrypt (500 `Invalid cookie value!`)…
    std::fs::write(env.cookie_file(), "rong_auth_cookie=00ff00ff00ff").unwrap();
    let (code, err) = failure(&env.st(&["friends"]));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("Invalid cookie value!") && err.contains("log in again"),
        "{err}"
    );
    // …and no cookie by its name (403 `Not loged in.`).
    std::fs::write(env.cookie_file(), "other_cookie=00ff00ff00ff").unwrap();
    let (code, err) = failure(&env.st(&["profile"]));
    assert_eq!(code, 3);
    assert!(
        err.contains("Not loged in.") && err.contains("log in again"),
        "{err}"
    );
    // A cookie file that is not a cookie is named, never shown.
    std::fs::write(env.cookie_file(), "secret-bytes-without-a-name").unwrap();
    let (code, err) = failure(&env.st(&["profile"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("log in again") && !err.contains("secret-bytes"),
        "{err}"
    );
    // Logging in again replaces it.
    stdout(&env.login(DEMO_PHONE, DEMO_PASSWORD));
    assert!(stdout(&env.st(&["profile"])).contains("DH7W1QuDp"));
}

// ---- reads -----------------------------------------------------------------------------

#[test]
fn profile_as_text_and_json() {
    let env = Env::logged_in();
    let text = stdout(&env.st(&["profile"]));
    for want in [
        "参考·海星",
        "DH7W1QuDp",
        "haixing_ref",
        "13900000001",
        "female",
        "http://ref-st-img.example.com/FhaixingPortraitRef01",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    let zh = stdout(&env.st(&["--lang", "zh", "profile"]));
    assert!(zh.contains("昵称") && zh.contains("女"), "{zh}");
    assert_eq!(
        env.st_json(&["profile"]),
        serde_json::json!({
            "id": "DH7W1QuDp",
            "nickname": "参考·海星",
            "stAccount": "haixing_ref",
            "phone": "13900000001",
            "gender": "female",
            "portraitUri": "http://ref-st-img.example.com/FhaixingPortraitRef01",
        })
    );
}

#[test]
fn friends_are_status_20_only_with_requests_counted_and_nicknames_as_stored() {
    let env = Env::logged_in();
    let out = env.st(&["friends"]);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 5, "a header and four friends: {text}");
    // The remark first, the nickname beside it; the escaped nickname as the server stores it.
    assert!(text.contains("青青") && text.contains("阿青"), "{text}");
    assert!(text.contains("&lt;b&gt;粗体&lt;/b&gt;"), "{text}");
    // Case-sensitive ids are two users.
    assert!(
        text.contains("Kq3ZbT0aa") && text.contains("kQ3zBt0AA"),
        "{text}"
    );
    for not_friend in ["陌生人乙", "待回复丁", "已忽略丙", "Rust 群主", "黑名单甲"]
    {
        assert!(!text.contains(not_friend), "{not_friend}: {text}");
    }
    assert!(stderr(&out).contains("4 friend(s) · 2 incoming request(s)"));
    let json = env.st_json(&["friends"]);
    assert_eq!(json["count"], 4);
    assert_eq!(json["incomingRequests"], 2);
    let qing = json["friends"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "TrpmMGHlX")
        .unwrap();
    assert_eq!(qing["name"], "青青");
    assert_eq!(qing["remark"], "青青");
    assert_eq!(qing["nickname"], "阿青");
    assert_eq!(qing["region"], "86");
    assert_eq!(qing["phone"], "13800000002");
    assert_eq!(qing["gender"], "male");
    assert_eq!(
        qing["updated"],
        serde_json::json!({"unix": 1760000011, "rfc3339": "2025-10-09T08:53:31Z"})
    );
}

#[test]
fn groups_show_role_members_flags_and_owner() {
    let env = Env::logged_in();
    let out = env.st(&["groups"]);
    let text = stdout(&out);
    assert!(
        !text.contains("已解散的群"),
        "a dismissed group is skipped: {text}"
    );
    let rust = text.lines().find(|l| l.contains("Rust 爱好者")).unwrap();
    for want in [
        "GDMeS95QO",
        "manager",
        "3/500",
        "yes",
        "needs approval",
        "Rust 群主 (jkuE8NrB0)",
    ] {
        assert!(rust.contains(want), "{want}: {rust}");
    }
    let mine = text.lines().find(|l| l.contains("海星读书会")).unwrap();
    assert!(
        mine.contains("owner") && mine.contains("free") && mine.ends_with("me"),
        "{mine}"
    );
    assert!(stderr(&out).contains("3 group(s)"));
    let json = env.st_json(&["groups"]);
    assert_eq!(json["count"], 3);
    let g = &json["groups"][0];
    assert_eq!(
        g,
        &serde_json::json!({
            "id": "ZGwMKFBoO", "name": "海星读书会", "role": "owner", "memberCount": 5,
            "maxMemberCount": 500, "muted": false, "joinNeedsApproval": false,
            "ownerId": "DH7W1QuDp", "ownerName": null,
            "portraitUri": "http://ref-st-img.example.com/Fgroup20001",
        })
    );
    assert_eq!(json["groups"][1]["ownerName"], "Rust 群主");
}

#[test]
fn the_blacklist_and_unblocking_only_with_yes() {
    let env = Env::logged_in();
    let text = stdout(&env.st(&["blacklist"]));
    assert!(
        text.contains("黑名单甲") && text.contains("n2JcOUd0x"),
        "{text}"
    );
    let json = env.st_json(&["blacklist"]);
    assert_eq!(json["count"], 1);
    assert_eq!(json["blocked"][0]["id"], "n2JcOUd0x");
    assert_eq!(json["blocked"][0]["phone"], "13600000006");

    // Without --yes: refused, and nothing sent at all.
    let before = env.demo.request_count();
    let (code, err) = failure(&env.st(&["unblock", "n2JcOUd0x"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("--yes") && err.contains("nothing was sent"),
        "{err}"
    );
    assert_eq!(env.demo.request_count(), before);
    // Another case is another id: nothing changes.
    let (code, err) = failure(&env.st(&["unblock", "N2JcOUd0x", "--yes"]));
    assert_eq!(code, 2);
    assert!(err.contains("not on the blacklist"), "{err}");
    assert!(
        !env.demo
            .server
            .requests()
            .contains(&"POST /user/remove_from_blacklist".to_owned())
    );
    let done = env.st_json(&["unblock", "n2JcOUd0x", "--yes"]);
    assert_eq!(
        done,
        serde_json::json!({"unblocked": {"id": "n2JcOUd0x", "nickname": "黑名单甲"}})
    );
    assert_eq!(env.st_json(&["blacklist"])["count"], 0);
    // A blocked friend is a friend again (status 31 → 20).
    assert_eq!(env.st_json(&["friends"])["count"], 5);
}

#[test]
fn versions_of_the_clients_need_no_login() {
    let env = Env::new();
    let out = env.st(&["versions"]);
    let text = stdout(&out);
    for want in [
        "desktop",
        "iOS",
        "Android",
        "2.2.0",
        "SealTalk_2.2.0.dmg",
        "app.plist",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    let json = env.st_json(&["versions"]);
    assert_eq!(json["desktop"]["newer"]["version"], "2.2.0");
    assert_eq!(json["desktop"]["asked"], Value::Null);
    assert_eq!(json["iOS"]["build"], "201910221630");
    assert_eq!(json["Android"]["build"], Value::Null);
    assert!(json["Android"]["url"].as_str().unwrap().ends_with(".apk"));
    let latest = env.st_json(&["versions", "--desktop-version", "2.2.0"]);
    assert_eq!(
        latest["desktop"],
        serde_json::json!({"asked": "2.2.0", "newer": null})
    );
    assert!(
        stdout(&env.st(&["versions", "--desktop-version", "2.2.0"]))
            .contains("2.2.0 is the latest")
    );
    let (code, err) = failure(&env.st(&["versions", "--desktop-version", "2.2"]));
    assert_eq!(code, 1);
    assert!(err.contains("Invalid version."), "{err}");
}

// ---- edits -----------------------------------------------------------------------------

#[test]
fn set_nickname_follows_the_servers_rules_and_reads_back() {
    let env = Env::logged_in();
    let before = env.demo.request_count();
    for (bad, says) in [
        ("<b>bold</b>", "'<' and '>'"),
        ("海星😀", "emoji"),
        (&"长".repeat(33) as &str, "longer than 32"),
        ("   ", "empty"),
    ] {
        let (code, err) = failure(&env.st(&["set-nickname", bad]));
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(
            err.contains(says) && err.contains("nothing was sent"),
            "{err}"
        );
    }
    assert_eq!(env.demo.request_count(), before);
    let out = stdout(&env.st(&["set-nickname", &"海".repeat(32)]));
    assert_eq!(out, format!("nickname set: {}\n", "海".repeat(32)));
    let json = env.st_json(&["set-nickname", "A&B 海星"]);
    assert_eq!(json, serde_json::json!({"nickname": "A&B 海星"}));
    assert_eq!(env.st_json(&["profile"])["nickname"], "A&B 海星");
}

/// A 4×4 PNG.
fn png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(4, 4, image::Rgb([200, 30, 30]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

#[test]
fn set_avatar_by_url_or_by_file_through_the_image_token() {
    let env = Env::logged_in();
    let url = "https://img.example.com/me.png";
    assert_eq!(
        stdout(&env.st(&["set-avatar", url])),
        format!("avatar set: {url}\n")
    );
    assert_eq!(env.st_json(&["profile"])["portraitUri"], url);
    // T6's own check: no TLD.
    let (code, err) = failure(&env.st(&["set-avatar", "http://host/x.png"]));
    assert_eq!(code, 1);
    assert!(err.contains("Invalid portraitUri format."), "{err}");

    let file = env.home.path().join("me.png");
    std::fs::write(&file, png()).unwrap();
    let json = env.st_json(&["set-avatar", file.to_str().unwrap()]);
    let uri = json["portraitUri"].as_str().unwrap().to_owned();
    assert!(
        uri.starts_with(&format!("{}/_qiniu/files/", env.demo.url())),
        "{uri}"
    );
    assert_eq!(env.st_json(&["profile"])["portraitUri"], uri.as_str());
    let sent = env.demo.server.requests();
    let at = sent
        .iter()
        .position(|r| r == "GET /user/get_image_token")
        .unwrap();
    assert_eq!(sent[at + 1], "POST /_qiniu/upload");
    assert_eq!(sent[at + 2], "POST /user/set_portrait_uri");

    // An image host that refuses: the portrait stays, and a URL is named as the way.
    let refused = env.run(&[
        "--account",
        ACCOUNT,
        "--upload-url",
        &format!("{}/_qiniu/elsewhere", env.demo.url()),
        "set-avatar",
        file.to_str().unwrap(),
    ]);
    let (code, err) = failure(&refused);
    assert_eq!(code, 1);
    assert!(
        err.contains("the portrait is unchanged") && err.contains("set-avatar https://"),
        "{err}"
    );
    assert_eq!(env.st_json(&["profile"])["portraitUri"], uri.as_str());
    // Not an image: refused before anything is sent.
    let before = env.demo.request_count();
    let text = env.home.path().join("notes.txt");
    std::fs::write(&text, "not an image").unwrap();
    let (code, _) = failure(&env.st(&["set-avatar", text.to_str().unwrap()]));
    assert_eq!(code, 2);
    assert_eq!(env.demo.request_count(), before);
}

#[test]
fn set_gender_changes_it() {
    let env = Env::logged_in();
    assert_eq!(
        stdout(&env.st(&["set-gender", "male"])),
        "gender set: male\n"
    );
    assert_eq!(env.st_json(&["profile"])["gender"], "male");
    assert_eq!(
        env.st_json(&["set-gender", "female"]),
        serde_json::json!({"gender": "female"})
    );
    assert_eq!(env.st_json(&["profile"])["gender"], "female");
    // clap's own refusal (several lines: the values it takes).
    let other = env.st(&["set-gender", "other"]);
    assert_eq!(other.status.code(), Some(2));
    assert!(stderr(&other).contains("male, female"), "{other:?}");
}

#[test]
fn change_password_reads_two_lines_and_keeps_the_login() {
    let env = Env::logged_in();
    let before = env.demo.request_count();
    for (input, says) in [
        (&b"P@ssw0rd\nshort\n"[..], "6 to 20"),
        (b"P@ssw0rd\nhas a space\n", "space"),
        (b"P@ssw0rd\n", "no new password"),
        (b"", "no current password"),
    ] {
        let (code, err) = failure(&env.with_stdin(&["change-password", "--stdin"], input));
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains(says) && err.contains("nothing was sent"),
            "{err}"
        );
    }
    assert_eq!(env.demo.request_count(), before);
    let (code, err) = failure(&env.with_stdin(
        &["change-password", "--stdin"],
        b"not-the-password\nNewPass99\n",
    ));
    assert_eq!(code, 1);
    assert!(err.contains("the current password is wrong"), "{err}");
    let out = env.with_stdin(&["change-password", "--stdin"], b"P@ssw0rd\nNewPass99\n");
    assert!(stdout(&out).contains("password changed"), "{out:?}");
    // Q4: the cookie still works; the new password logs in, the old one no longer does.
    assert!(stdout(&env.st(&["profile"])).contains("DH7W1QuDp"));
    let (code, _) = failure(&env.login(DEMO_PHONE, DEMO_PASSWORD));
    assert_eq!(code, 1);
    stdout(&env.login(DEMO_PHONE, "NewPass99"));
}

// ---- what posts into a chat --------------------------------------------------------------

#[test]
fn screen_capture_lists_and_sets_only_with_yes() {
    let env = Env::logged_in();
    let out = env.st(&["screen-capture"]);
    let text = stdout(&out);
    assert_eq!(
        text.lines().count(),
        8,
        "four friends, three groups: {text}"
    );
    assert!(stderr(&out).contains("7 conversation(s), 0 with the notice on"));
    let json = env.st_json(&["screen-capture", "list"]);
    assert_eq!(json["friends"].as_array().unwrap().len(), 4);
    assert_eq!(json["groups"].as_array().unwrap().len(), 3);
    assert!(json["friends"][0]["on"] == false);

    let before = env.demo.request_count();
    let (code, err) = failure(&env.st(&["screen-capture", "set", "TrpmMGHlX", "on"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("posts a message") && err.contains("--yes"),
        "{err}"
    );
    assert_eq!(env.demo.request_count(), before);
    assert!(env.demo.server.published().is_empty());

    let done = env.st_json(&["screen-capture", "set", "TrpmMGHlX", "on", "--yes"]);
    assert_eq!(
        done,
        serde_json::json!({"id": "TrpmMGHlX", "kind": "friend", "name": "青青", "on": true, "changed": true})
    );
    let published = env.demo.server.published();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].object_name, "ST:ConNtf");
    assert_eq!(published[0].conversation_type, 1);
    assert_eq!(published[0].target_id, "TrpmMGHlX");
    assert!(published[0].content.contains("openScreenNtf"));
    // Already on: nothing is posted for nothing.
    let again = stdout(&env.st(&["screen-capture", "set", "TrpmMGHlX", "on", "--yes"]));
    assert!(again.contains("already on"), "{again}");
    assert_eq!(env.demo.server.published().len(), 1);
    // A group, off → on → off.
    stdout(&env.st(&["screen-capture", "set", "GDMeS95QO", "on", "--yes"]));
    let off = stdout(&env.st(&["screen-capture", "set", "GDMeS95QO", "off", "--yes"]));
    assert!(
        off.contains("group Rust 爱好者 (GDMeS95QO) is now off"),
        "{off}"
    );
    let published = env.demo.server.published();
    assert_eq!(published.len(), 3);
    assert_eq!(published[2].conversation_type, 3);
    assert!(published[2].content.contains("closeScreenNtf"));
    let listed = env.st_json(&["screen-capture"]);
    let qing = listed["friends"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "TrpmMGHlX")
        .unwrap()
        .clone();
    assert_eq!(qing["on"], true);
    // Not a friend (a pending request) nor a group: refused, nothing posted.
    let (code, err) = failure(&env.st(&["screen-capture", "set", "tpHBvy1RN", "on", "--yes"]));
    assert_eq!(code, 2);
    assert!(err.contains("neither a friend nor a group"), "{err}");
    assert_eq!(env.demo.server.published().len(), 3);
}

#[test]
fn send_message_only_with_yes_and_says_what_it_would_send() {
    let env = Env::logged_in();
    let before = env.demo.request_count();
    let (code, err) = failure(&env.st(&[
        "send-message",
        "--to",
        "TrpmMGHlX",
        "--private",
        "--text",
        "你好",
    ]));
    assert_eq!(code, 2);
    assert!(
        err.contains("TrpmMGHlX") && err.contains("你好") && err.contains("--yes"),
        "{err}"
    );
    assert_eq!(env.demo.request_count(), before);
    assert!(env.demo.server.published().is_empty());
    // One of --private and --group (clap's refusals).
    let neither = env.st(&["send-message", "--to", "x", "--text", "t", "--yes"]);
    assert_eq!(neither.status.code(), Some(2));
    let both = env.st(&[
        "send-message",
        "--to",
        "x",
        "--private",
        "--group",
        "--text",
        "t",
        "--yes",
    ]);
    assert_eq!(both.status.code(), Some(2));
    assert_eq!(env.demo.request_count(), before);

    let json = env.st_json(&[
        "send-message",
        "--to",
        "TrpmMGHlX",
        "--private",
        "--text",
        "你好 \"quoted\"",
        "--yes",
    ]);
    assert_eq!(
        json,
        serde_json::json!({"sent": true, "to": "TrpmMGHlX", "kind": "friend"})
    );
    let published = env.demo.server.published();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].object_name, "RC:TxtMsg");
    let content: Value = serde_json::from_str(&published[0].content).unwrap();
    assert_eq!(content, serde_json::json!({"content": "你好 \"quoted\""}));
    let group = stdout(&env.st(&[
        "send-message",
        "--to",
        "ZGwMKFBoO",
        "--group",
        "--text",
        "大家好",
        "--yes",
    ]));
    assert_eq!(group, "message sent to group ZGwMKFBoO\n");
    // Not a friend: the server's 403 text, and the session is not called over.
    let (code, err) = failure(&env.st(&[
        "send-message",
        "--to",
        "tpHBvy1RN",
        "--private",
        "--text",
        "hi",
        "--yes",
    ]));
    assert_eq!(code, 1);
    assert!(err.contains("User tpHBvy1RN is not your friend."), "{err}");
    assert_eq!(env.demo.server.published().len(), 2);
}

// ---- what a service does not have --------------------------------------------------------

#[test]
fn each_service_refuses_the_others_commands_with_exit_2() {
    let env = Env::logged_in();
    let before = env.demo.request_count();
    for args in [
        &["medals"][..],
        &["coins"],
        &["categories"],
        &["bots"],
        &["cache"],
        &["groups", "--keyword", "rust"],
        &["--offline", "profile"],
    ] {
        let (code, err) = failure(&env.st(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("not available for SealTalk accounts"), "{err}");
    }
    let (code, err) = failure(&env.with_stdin(
        &["login", "--email", "a@b.example", "--password-stdin"],
        b"pw\n",
    ));
    assert_eq!(code, 2);
    assert!(err.contains("not available for SealTalk accounts"), "{err}");
    assert_eq!(env.demo.request_count(), before, "nothing sent");

    // A Yunhu account on a server where nothing listens: refused before any connection.
    stdout(&env.run(&["accounts", "add", "yh", "--server", "http://127.0.0.1:9"]));
    for args in [
        &["friends"][..],
        &["blacklist"],
        &["unblock", "x", "--yes"],
        &["set-gender", "male"],
        &["change-password", "--stdin"],
        &["screen-capture"],
        &["screen-capture", "set", "x", "on", "--yes"],
        &[
            "send-message",
            "--to",
            "x",
            "--private",
            "--text",
            "t",
            "--yes",
        ],
        &["versions", "--desktop-version", "1.0.0"],
        &["login", "--phone", "13900000001", "--password-stdin"],
    ] {
        let mut all = vec!["--account", "yh"];
        all.extend_from_slice(args);
        let (code, err) = failure(&env.run(&all));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("not available for Yunhu accounts"), "{err}");
        if args[0] == "blacklist" || args[0] == "unblock" {
            assert!(
                err.contains("SealTalk and chaoqer accounts have it"),
                "{err}"
            );
        }
    }
}

#[test]
fn versions_answers_for_yunhu_accounts_too() {
    // Yunhu's M5 on its embedded demo server (--demo), for each platform.
    let env = Env::new();
    let json: Value =
        serde_json::from_str(&stdout(&env.run(&["--demo", "--json", "versions"]))).unwrap();
    for platform in ["windows", "macos", "android", "ios"] {
        assert!(
            json[platform]["version"]
                .as_str()
                .is_some_and(|v| !v.is_empty()),
            "{platform}: {json}"
        );
    }
    let text = stdout(&env.run(&["--demo", "versions"]));
    assert!(text.contains("windows") && text.contains("ios"), "{text}");
}

#[test]
fn serve_demo_prints_the_sealtalk_server_and_its_account_after_yunhus_lines() {
    use std::io::{BufRead, BufReader};
    let env = Env::new();
    let mut child = env
        .command(&["serve-demo"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let done = line.starts_with("Ctrl-C");
        seen.push(line);
        if done {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    // Yunhu's lines first, as the other tests and the benches read them.
    assert!(seen[0].starts_with("yunhu-tui demo server listening on http://127.0.0.1:"));
    assert!(
        seen[1].contains("token ") && seen[3].contains("token "),
        "{seen:?}"
    );
    let st = seen
        .iter()
        .find(|l| l.starts_with("SealTalk demo server listening on http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("{seen:?}"));
    let url = st.rsplit(' ').next().unwrap();
    assert_ne!(url, seen[0].rsplit(' ').next().unwrap());
    let account = seen.iter().find(|l| l.contains("demo account")).unwrap();
    assert!(
        account.contains(DEMO_PHONE) && account.contains(DEMO_PASSWORD),
        "{account}"
    );
}

/// A server that echoes the request's `Cookie` header in a 400 text answer, to every request.
fn echoing_server() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut cookie = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("cookie")
                {
                    cookie = value.trim().to_owned();
                }
            }
            let body = format!("bad request, your cookie was {cookie}");
            let answer = format!(
                "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = reader.get_mut().write_all(answer.as_bytes());
        }
    });
    url
}

#[test]
fn a_server_echoing_the_cookie_gets_it_into_no_output_nor_the_log() {
    let env = Env::new();
    let url = echoing_server();
    stdout(&env.run(&[
        "accounts",
        "add",
        "echo",
        "--service",
        "sealtalk",
        "--server",
        &url,
    ]));
    let dir = env.config_dir().join("accounts").join("echo");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cookie");
    std::fs::write(&file, "rong_auth_cookie=hostile-echo-secret-42").unwrap();
    std::fs::write(dir.join("account-id"), "DH7W1QuDp").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let (code, err) = failure(&env.run(&["--account", "echo", "profile"]));
    assert_ne!(code, 0);
    assert!(
        err.contains("bad request"),
        "the server's words are said: {err}"
    );
    assert!(
        env.log().contains("sealtalk failed"),
        "the failure is logged: {}",
        env.log()
    );
    env.assert_never_shown("hostile-echo-secret-42");
}

/// `--demo --account demo-sealtalk`: the SealTalk commands against the embedded demo, its
/// account logged in for the run, nothing written to the config, state or data dirs.
#[test]
fn the_demo_sealtalk_account_runs_the_commands_and_writes_nothing() {
    let env = Env::new();
    let log = env.home.path().join("state");
    let _ = std::fs::remove_dir_all(&log);
    let before = (all_paths(env.home.path()), all_bytes(env.home.path()));
    let out = env.run(&["--demo", "--account", "demo-sealtalk", "profile"]);
    assert!(stdout(&out).contains("DH7W1QuDp"), "{out:?}");
    let friends: Value = serde_json::from_str(&stdout(&env.run(&[
        "--demo",
        "--account",
        "demo-sealtalk",
        "--json",
        "friends",
    ])))
    .unwrap();
    assert_eq!(friends["count"], 4);
    let (code, err) = failure(&env.run(&["--demo", "--account", "demo-sealtalk", "logout"]));
    assert_eq!(code, 2);
    assert!(err.contains("saves nothing"), "{err}");
    let (code, _) = failure(&env.run(&["--demo", "--account", "demo-sealtalk", "medals"]));
    assert_eq!(code, 2);
    // The SealTalk demo account's runs wrote nothing (the log aside).
    let _ = std::fs::remove_dir_all(&log);
    assert_eq!(
        (all_paths(env.home.path()), all_bytes(env.home.path())),
        before
    );
}

/// Every path under `dir`, sorted.
fn all_paths(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                paths.extend(all_paths(&path));
            }
            paths.push(path);
        }
    }
    paths.sort();
    paths
}
