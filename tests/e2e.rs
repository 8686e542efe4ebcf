//! The real binary in a pseudo-terminal with an isolated HOME: `--demo` opens the dashboard,
//! the profile shows, the nickname is changed, `q` quits, and the terminal is restored
//! (normal mode, echo and canonical input back on, alternate screen left, cursor shown).

use std::time::{Duration, Instant};

#[path = "support/pty.rs"]
mod pty;

use pty::{BIN, Pty};

#[test]
fn demo_dashboard_edit_nickname_and_quit_restores_the_terminal() {
    let mut pty = Pty::spawn(&["--demo"]);
    pty.wait_for("云湖测试用户");
    pty.wait_for("357.01");
    pty.send(b"e");
    pty.wait_for("Edit profile");
    pty.send(b"\x15"); // Ctrl-U clears the field
    pty.send("终端里改的名字".as_bytes());
    pty.send(b"\r");
    pty.wait_for("Saved");
    assert!(pty.screen().contains("终端里改的名字"), "{}", pty.screen());
    pty.send(b"q");
    let status = pty.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    pty.assert_terminal_restored();
}

#[test]
fn login_screen_without_a_token() {
    let mut pty = Pty::spawn(&["--server", "http://127.0.0.1:9"]);
    pty.wait_for("Log in to Yunhu");
    pty.send(b"\x1b"); // Esc quits from the login screen
    assert!(pty.wait_exit().success());
    pty.assert_terminal_restored();
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    for signal in [Signal::SIGTERM, Signal::SIGHUP, Signal::SIGINT] {
        let mut pty = Pty::spawn(&["--demo"]);
        pty.wait_for("云湖测试用户");
        let pid = pty.child.process_id().expect("a pid") as i32;
        kill(Pid::from_raw(pid), signal).unwrap();
        pty.wait_exit();
        pty.assert_terminal_restored();
    }
}

#[test]
fn a_broken_config_is_reported_with_its_line_and_kept() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("cfg");
    std::fs::create_dir_all(&dir).unwrap();
    let broken = "theme = \"dark\"\nmouse = maybe\n";
    std::fs::write(dir.join("config.toml"), broken).unwrap();
    let out = std::process::Command::new(BIN)
        .arg("--demo")
        .env("YUNHU_TUI_CONFIG_DIR", &dir)
        .env("YUNHU_TUI_STATE_DIR", home.path().join("state"))
        .env("YUNHU_TUI_DATA_DIR", home.path().join("state-data"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml, line 2:"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("config.toml")).unwrap(),
        broken,
        "never overwritten"
    );
}

#[test]
fn settings_changed_in_the_app_survive_a_restart() {
    let home = tempfile::tempdir().unwrap();
    let run = |keys: &[&[u8]], expect: &str| {
        let mut pty = Pty::spawn_in(&["--demo"], home.path());
        pty.wait_for("357.01");
        for k in keys {
            pty.send(k);
        }
        pty.wait_for(expect);
        let screen = pty.screen();
        pty.send(b"q");
        assert!(pty.wait_exit().success());
        screen
    };
    // Settings tab; the theme row (third) switched to light; the language row to 中文.
    run(&[b"5", b"j", b"j", b"\r", b"k", b"\r"], "浅色");
    let config =
        std::fs::read_to_string(home.path().join(".config/yunhu-tui/config.toml")).unwrap();
    assert!(
        config.contains("theme = \"light\"") && config.contains("language = \"zh\""),
        "{config}"
    );
    let screen = run(&[b"5"], "设置");
    assert!(
        screen.contains("浅色") && screen.contains("中文"),
        "after a restart:\n{screen}"
    );
}

#[test]
fn a_panic_restores_the_terminal_and_shows_its_message() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn_env(&["--demo"], home.path(), &[("YUNHU_TUI_TEST_PANIC", "1")]);
    let status = pty.wait_exit();
    assert!(!status.success());
    // The reader thread may still be draining the pty.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !String::from_utf8_lossy(&pty.output.lock().unwrap()).contains("test panic requested")
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    pty.assert_terminal_restored();
    let out = String::from_utf8_lossy(&pty.output.lock().unwrap()).into_owned();
    // The hook restores first, then the message is printed (the guard restores once more
    // while unwinding, which is harmless).
    let entered = out.rfind("\x1b[?1049h").unwrap();
    let left = entered + out[entered..].find("\x1b[?1049l").unwrap();
    assert!(
        out[left..].contains("test panic requested"),
        "the message comes after the terminal is restored"
    );
}

/// A `serve-demo` process for the secrets tests; killed on drop.
struct Server(std::process::Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve_demo(home: &std::path::Path) -> Server {
    serve_demo_with(home, &[])
}

fn serve_demo_with(home: &std::path::Path, args: &[&str]) -> Server {
    use std::io::BufRead;
    let mut child = std::process::Command::new(BIN)
        .arg("serve-demo")
        .args(args)
        .env("YUNHU_TUI_CONFIG_DIR", home.join("server-config"))
        .env("YUNHU_TUI_STATE_DIR", home.join("server-state"))
        .env("YUNHU_TUI_DATA_DIR", home.join("server-state-data"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first.rsplit(' ').next().unwrap().to_owned();
    std::thread::spawn(move || for _ in lines {});
    Server(child, url)
}

#[test]
fn a_login_saves_the_token_privately_and_never_logs_it() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let server = serve_demo(home.path());
    let mut pty = Pty::spawn_in(
        &[
            "--server",
            &server.1,
            "--image-base",
            &format!("{}/img/", server.1),
            "--log-level",
            "trace",
        ],
        home.path(),
    );
    pty.wait_for("Log in to Yunhu");
    pty.send(b"demo@yhchat.example");
    pty.send(b"\t");
    pty.send(b"yunhu-demo");
    pty.send(b"\r");
    pty.wait_for("357.01");
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    let dir = home.path().join(".config/yunhu-tui");
    let token = std::fs::read_to_string(dir.join("accounts/default/token")).unwrap();
    assert!(token.starts_with("demo-") && token.len() > 20);
    assert_eq!(
        std::fs::metadata(dir.join("accounts/default/token"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    // The implicit account has a login now: config.toml lists it.
    let config = std::fs::read_to_string(dir.join("config.toml")).unwrap();
    assert!(
        config.contains("[[accounts]]") && config.contains("name = \"default\""),
        "{config}"
    );
    let log = std::fs::read_to_string(home.path().join(".state/yunhu-tui/yunhu-tui.log")).unwrap();
    assert!(
        log.contains("api ok"),
        "the log has the requests (trace level)"
    );
    assert!(
        !log.contains(token.trim()),
        "the token never reaches the log"
    );
    assert!(!log.contains("yunhu-demo"), "nor the password");
}

#[test]
fn a_token_from_the_environment_is_never_written() {
    let home = tempfile::tempdir().unwrap();
    let server = serve_demo(home.path());
    let token = "demo-vip-0f3c9a7e-6b1d-4c2a-9e85-31d7a4b2c001";
    let mut pty = Pty::spawn_env(
        &[
            "--server",
            &server.1,
            "--image-base",
            &format!("{}/img/", server.1),
            "--log-level",
            "trace",
        ],
        home.path(),
        &[("YUNHU_TOKEN", token)],
    );
    pty.wait_for("357.01");
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    let files: Vec<String> = walk(home.path());
    for f in &files {
        let bytes = std::fs::read(f).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(token),
            "{f} holds the token"
        );
    }
    assert!(!home.path().join(".config/yunhu-tui/token").exists());
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path.display().to_string());
        }
    }
    out
}

#[test]
fn with_3_s_of_latency_keys_act_and_quitting_does_not_wait() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn_in(&["--demo", "--latency-ms", "3000"], home.path());
    pty.wait_for("Loading");
    pty.send(b"4");
    pty.wait_for("Groups · 精选"); // the Discover pane, drawn while its answers are 3 s away
    let asked = Instant::now();
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    // Every answer is 3 s away; quitting must not wait for them.
    assert!(
        asked.elapsed() < Duration::from_millis(1500),
        "quit took {:?}",
        asked.elapsed()
    );
    pty.assert_terminal_restored();
}

#[test]
fn a_token_file_others_can_read_is_warned_about_in_the_status_line() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let server = serve_demo(home.path());
    let dir = home.path().join(".config/yunhu-tui");
    std::fs::create_dir_all(&dir).unwrap();
    let token = dir.join("token");
    std::fs::write(&token, "demo-vip-0f3c9a7e-6b1d-4c2a-9e85-31d7a4b2c001").unwrap();
    std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut pty = Pty::spawn_in(
        &[
            "--server",
            &server.1,
            "--image-base",
            &format!("{}/img/", server.1),
        ],
        home.path(),
    );
    pty.wait_for("357.01");
    pty.wait_for("chmod 600");
    pty.send(b"q");
    assert!(pty.wait_exit().success());
}

#[test]
fn the_vip_end_date_is_the_services_date_west_of_china_too() {
    // The demo VIP ends at 2026-12-31 00:00 UTC+8, which is still the 30th in New York.
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn_env(&["--demo", "--lang", "en"], home.path(), &[("TZ", "EST5")]);
    pty.wait_for("VIP until 2026-12-31");
    pty.send(b"q");
    assert!(pty.wait_exit().success());
}

/// Issue 10: a second start of a stored account draws its name and balance from the local
/// store in the first frame, before any answer (each is 100 ms late), then the fresh ones.
#[test]
fn a_second_start_shows_the_stored_account_before_any_answer() {
    let home = tempfile::tempdir().unwrap();
    let server = serve_demo_with(home.path(), &["--latency-ms", "100"]);
    let mut pty = Pty::spawn_in(
        &[
            "--server",
            &server.1,
            "--image-base",
            &format!("{}/img/", server.1),
        ],
        home.path(),
    );
    pty.wait_for("Log in to Yunhu");
    pty.send(b"demo@yhchat.example");
    pty.send(b"\t");
    pty.send(b"yunhu-demo");
    pty.send(b"\r");
    pty.wait_for("357.01");
    // Every first answer in (the spinner gone), so each has been written back.
    std::thread::sleep(std::time::Duration::from_millis(800));
    pty.send(b"q");
    assert!(pty.wait_exit().success());

    let mut pty = Pty::spawn_in(
        &[
            "--server",
            &server.1,
            "--image-base",
            &format!("{}/img/", server.1),
        ],
        home.path(),
    );
    pty.wait_for("357.01");
    let out = String::from_utf8_lossy(&pty.output.lock().unwrap()).into_owned();
    // The first frame with the balance is the stored one: marked so, with the name.
    assert!(out.contains("updated just now"), "{out}");
    assert!(pty.screen().contains("云湖测试用户"), "{}", pty.screen());
    // Then the answers replace it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while pty.screen().contains("updated") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!pty.screen().contains("updated"), "{}", pty.screen());
    pty.send(b"q");
    assert!(pty.wait_exit().success());
}

#[test]
fn demo_offers_the_sealtalk_account_in_the_switcher() {
    let mut pty = Pty::spawn(&["--demo", "--lang", "en"]);
    pty.wait_for("云湖测试用户");
    pty.send(b"a");
    pty.wait_for("demo-sealtalk");
    pty.send(b"3");
    // Logged in already: its profile, then its tabs.
    pty.wait_for("参考·海星");
    pty.wait_for("6 About");
    pty.send(b"2");
    pty.wait_for("requests");
    assert!(pty.screen().contains("青青"), "{}", pty.screen());
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    pty.assert_terminal_restored();
}

/// A saved SealTalk account of config.toml (not the demo): its login screen, a login that
/// keeps only the cookie (0600, never the IM token), and a second start logged in from it.
#[test]
fn a_sealtalk_account_logs_in_and_keeps_its_cookie() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt
        .block_on(yunhu_tui::demo::sealtalk::SealtalkDemoServer::start())
        .unwrap();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".config/yunhu-tui");
    std::fs::create_dir_all(&dir).unwrap();
    let config = format!(
        "[[accounts]]\nname = \"st\"\nservice = \"sealtalk\"\nserver = \"{}\"\n",
        server.base_url()
    );
    std::fs::write(dir.join("config.toml"), config).unwrap();
    let login = server.login();
    let mut pty = Pty::spawn_in(&["--lang", "en"], home.path());
    pty.wait_for("SealTalk login");
    pty.send(login.phone.as_bytes());
    pty.send(b"\t");
    pty.send(login.password.as_bytes());
    pty.send(b"\r");
    pty.wait_for("参考·海星");
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    pty.assert_terminal_restored();
    let cookie = dir.join("accounts/st/cookie");
    let saved = std::fs::read_to_string(&cookie).unwrap();
    assert!(saved.starts_with("rong_auth_cookie="), "{saved}");
    assert!(!saved.contains("demoRCtoken"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cookie).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // A second start needs no login.
    let mut pty = Pty::spawn_in(&["--lang", "en"], home.path());
    pty.wait_for("参考·海星");
    pty.send(b"2");
    pty.wait_for("requests");
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    drop(server);
}

/// Issue 13: the graphics query (kitty, sixel, cell size) is written before the first frame
/// and never waited for: this pseudo-terminal never answers it, the first frame is drawn
/// while it is unanswered, the avatar is drawn in half blocks, and keys work once the
/// query has given up.
#[test]
fn the_first_frame_does_not_wait_for_a_terminal_that_never_answers_the_graphics_query() {
    let home = tempfile::tempdir().unwrap();
    let log = home.path().join(".state/yunhu-tui/yunhu-tui.log");
    let mut pty = Pty::spawn_in(&["--demo"], home.path());
    pty.wait_for("demo-vip");
    let out = String::from_utf8_lossy(&pty.output.lock().unwrap()).into_owned();
    assert!(
        out.contains("\x1b_Gi=31") && out.contains("\x1b[5n"),
        "the kitty and status queries were written"
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let text = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("terminal graphics") || Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let line_of = |what: &str| {
        text.lines()
            .position(|l| l.contains(what))
            .unwrap_or_else(|| panic!("no {what:?} in the log:\n{text}"))
    };
    let first = line_of("first frame drawn");
    let gave_up = line_of("terminal graphics: no answer in time");
    assert!(
        first < gave_up,
        "the first frame came while the query was unanswered:\n{text}"
    );
    assert!(!text.contains("terminal graphics answered"), "{text}");
    // The avatar in half blocks (the demo CDN's identicon), beside the fields.
    let deadline = Instant::now() + Duration::from_secs(20);
    while !pty.screen().contains('▀') && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(pty.screen().contains('▀'), "{}", pty.screen());
    // Keys are read: the Medals pane, then quitting.
    pty.send(b"2");
    pty.wait_for("┌ Medals");
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    pty.assert_terminal_restored();
}
