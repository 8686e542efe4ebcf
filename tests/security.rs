//! The real binary where the environment is hostile or odd: tokens that cannot be tokens,
//! a token file that is a symlink, a dashboard started without a terminal, a huge log.
//! Nothing here sends a request: each case ends before the network.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_yunhu-tui");

fn run(home: &Path, args: &[&str], token: Option<&std::ffi::OsStr>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("YUNHU_TOKEN")
        .env_remove("YUNHU_SERVER")
        .env("YUNHU_TUI_CONFIG_DIR", home.join("config"))
        .env("YUNHU_TUI_STATE_DIR", home.join("state"))
        .env("YUNHU_TUI_DATA_DIR", home.join("state-data"))
        .env("HOME", home)
        .stdin(Stdio::null());
    if let Some(t) = token {
        cmd.env("YUNHU_TOKEN", t);
    }
    cmd.output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_yunhu_token_that_cannot_be_a_token_is_named_not_ignored() {
    let home = tempfile::tempdir().unwrap();
    // A saved login that a silent fall-back would use.
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    std::fs::write(home.path().join("config/token"), "saved-token").unwrap();
    let server = ["--server", "http://127.0.0.1:9", "profile"];
    let cases: Vec<std::ffi::OsString> = vec![
        "line\nbreak".into(),
        "has space".into(),
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            std::ffi::OsString::from_vec(vec![b'a', 0xff, b'b'])
        },
    ];
    for token in cases {
        let out = run(home.path(), &server, Some(&token));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{token:?}: {err}");
        assert!(err.contains("YUNHU_TOKEN"), "{token:?}: {err}");
        assert!(!err.contains("saved-token"));
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_token_file_is_warned_about_and_not_used() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let planted = home.path().join("planted");
    std::fs::write(&planted, "planted-token").unwrap();
    std::os::unix::fs::symlink(&planted, config.join("token")).unwrap();
    let out = run(
        home.path(),
        &["--server", "http://127.0.0.1:9", "profile"],
        None,
    );
    let err = stderr(&out);
    assert!(
        err.contains("warning:") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(3), "not logged in: {err}");
    assert!(!err.contains("planted-token"));
}

#[test]
fn the_dashboard_refuses_to_start_without_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["--demo"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no screen written into a file");
    let err = stderr(&out);
    assert!(
        err.contains("needs a terminal") && err.contains("one-shot"),
        "{err}"
    );
}

#[test]
fn a_config_file_that_is_a_device_is_refused_not_read() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/dev/zero", config.join("config.toml")).unwrap();
    let out = run(home.path(), &["categories"], Some("tok".as_ref()));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn a_config_dir_that_cannot_be_read_is_a_local_failure_exit_4() {
    let home = tempfile::tempdir().unwrap();
    // A regular file where the config directory must be: nothing under it can be read.
    std::fs::write(home.path().join("config"), "not a directory").unwrap();
    let out = run(home.path(), &["categories"], Some("tok".as_ref()));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("config"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_a_local_failure_exit_4() {
    let home = tempfile::tempdir().unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(BIN)
        .args(["completions", "bash"])
        .env("YUNHU_TUI_CONFIG_DIR", home.path().join("config"))
        .env("YUNHU_TUI_STATE_DIR", home.path().join("state"))
        .env("YUNHU_TUI_DATA_DIR", home.path().join("state-data"))
        .stdin(Stdio::null())
        .stdout(full)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("cannot write output"), "{err}");
}

/// A loopback server in its own thread whose every answer is `body`.
fn answering(body: &'static str) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(format!("http://{}", listener.local_addr().unwrap()))
                .unwrap();
            let app = axum::Router::new()
                .fallback(move || async move { ([("content-type", "application/json")], body) });
            let _ = axum::serve(listener, app).await;
        });
    });
    rx.recv().unwrap()
}

#[test]
fn a_huge_server_message_is_cut_in_the_error_and_logged_once_and_short() {
    static BODY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let body = BODY.get_or_init(|| {
        format!(
            // The escape sequence first, so it is inside what is shown and logged.
            r#"{{"code":-1,"msg":"\u001b]52;c;ZXZpbA==\u0007{}"}}"#,
            "错".repeat(1_000_000)
        )
    });
    let url = answering(body.as_str());
    let home = tempfile::tempdir().unwrap();
    let out = run(
        home.path(),
        &["--server", &url, "--log-level", "trace", "categories"],
        Some("tok".as_ref()),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.len() < 5_000,
        "the error line is cut: {} bytes",
        err.len()
    );
    assert!(err.contains("错错错") && !err.contains('\u{1b}'), "{err}");
    let log = std::fs::read_to_string(home.path().join("state/yunhu-tui.log")).unwrap();
    assert!(log.len() < 10_000, "log of {} bytes", log.len());
    assert_eq!(
        log.lines().filter(|l| l.contains("错错错")).count(),
        1,
        "the failure is logged once:\n{log}"
    );
    assert!(!log.contains('\u{1b}'));
}
