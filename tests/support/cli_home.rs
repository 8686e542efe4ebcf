//! One process test's own home (config, state and data dirs) for the real binary, and every
//! output it gave, so that a test can check a secret never appeared in any of them nor in
//! the trace log. Shared by the SealTalk and chaoqer CLI suites; each adds its demo server.

use std::cell::RefCell;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub struct Home {
    pub home: tempfile::TempDir,
    outputs: RefCell<Vec<Output>>,
}

impl Home {
    pub fn new() -> Home {
        Home {
            home: tempfile::tempdir().unwrap(),
            outputs: RefCell::new(Vec::new()),
        }
    }

    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join("config")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.home.path().join("state/yunhu-tui.log")).unwrap_or_default()
    }

    /// The binary with this home, a trace log, no stdin, and none of the user's variables.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_yunhu-tui"));
        cmd.args(["--log-level", "trace"])
            .args(args)
            .env_remove("YUNHU_TOKEN")
            .env_remove("YUNHU_SERVER")
            .env_remove("YUNHU_TUI_ACCOUNT")
            .env_remove("YUNHU_TUI_LANG")
            .env("YUNHU_TUI_CONFIG_DIR", self.config_dir())
            .env("YUNHU_TUI_STATE_DIR", self.home.path().join("state"))
            .env("YUNHU_TUI_DATA_DIR", self.home.path().join("data"))
            .env("TZ", "UTC")
            .stdin(Stdio::null());
        cmd
    }

    /// Keeps an output for `assert_never_shown`.
    pub fn keep(&self, out: Output) -> Output {
        self.outputs.borrow_mut().push(out.clone());
        out
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.keep(self.command(args).output().unwrap())
    }

    /// `args` with `input` on stdin (then closed).
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // The program may stop reading (or never start): a closed pipe is its business.
        let _ = stdin.write_all(input);
        drop(stdin);
        self.keep(child.wait_with_output().unwrap())
    }

    /// No output seen so far, nor the log, holds `secret`.
    pub fn assert_never_shown(&self, secret: &str) {
        assert!(secret.len() >= 8, "a real secret: {secret:?}");
        for out in self.outputs.borrow().iter() {
            for stream in [&out.stdout, &out.stderr] {
                let text = String::from_utf8_lossy(stream);
                assert!(!text.contains(secret), "shown: {text}");
            }
        }
        assert!(!self.log().is_empty(), "the log was written");
        assert!(!self.log().contains(secret), "logged:\n{}", self.log());
    }
}

/// A demo server on a tokio runtime of its own, which lives as long as it does: the
/// process tests are plain `#[test]`s, and the server must answer while they wait on the
/// binary. Each suite adds what it asks of its own server.
pub struct OnRuntime<T> {
    pub server: T,
    _rt: tokio::runtime::Runtime,
}

impl<T> OnRuntime<T> {
    /// Starts `start` on a new one-worker runtime.
    pub fn start<F, E>(start: impl FnOnce() -> F) -> OnRuntime<T>
    where
        F: std::future::Future<Output = Result<T, E>>,
        E: std::fmt::Debug,
    {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = rt.block_on(start()).unwrap();
        OnRuntime { server, _rt: rt }
    }
}
