//! A pseudo-terminal running the real binary, read through a vt100 parser. Shared by the
//! end-to-end tests and the measurement harness (`benches/terminal.rs`).

#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_yunhu-tui");

pub struct Pty {
    pub writer: Box<dyn Write + Send>,
    pub output: Arc<Mutex<Vec<u8>>>,
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub master: Box<dyn portable_pty::MasterPty + Send>,
    /// The temporary HOME, when the Pty owns it.
    pub _home: Option<tempfile::TempDir>,
}

impl Pty {
    pub fn spawn(args: &[&str]) -> Pty {
        let home = tempfile::tempdir().unwrap();
        let mut pty = Pty::spawn_in(args, home.path());
        pty._home = Some(home);
        pty
    }

    /// Spawns with `home` as HOME (kept by the caller, so a second run sees the first's files).
    pub fn spawn_in(args: &[&str], home: &std::path::Path) -> Pty {
        Pty::spawn_env(args, home, &[])
    }

    pub fn spawn_env(args: &[&str], home: &std::path::Path, env: &[(&str, &str)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join(".config"));
        cmd.env("XDG_STATE_HOME", home.join(".state"));
        cmd.env("XDG_DATA_HOME", home.join(".local/share"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env("TZ", "CST-8"); // POSIX form: needs no tzdata
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
        let (out, par) = (output.clone(), parser.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                out.lock().unwrap().extend_from_slice(&buf[..n]);
                par.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            writer,
            output,
            parser,
            child,
            master: pair.master,
            _home: None,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("{text:?} never appeared; the screen:\n{}", self.screen());
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        // Let the app read each burst as the keys a person types, not as one paste.
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("the app did not exit; the screen:\n{}", self.screen());
    }

    /// Raw mode off again: the line discipline echoes and edits lines.
    pub fn assert_terminal_restored(&self) {
        use nix::sys::termios::LocalFlags;
        let termios = self.master.get_termios().expect("termios of the pty");
        assert!(
            termios.local_flags.contains(LocalFlags::ECHO),
            "echo is back on"
        );
        assert!(
            termios.local_flags.contains(LocalFlags::ICANON),
            "canonical mode is back on"
        );
        let out = self.output.lock().unwrap();
        let text = String::from_utf8_lossy(&out);
        let entered = text
            .rfind("\x1b[?1049h")
            .expect("the alternate screen was used");
        let left = text
            .rfind("\x1b[?1049l")
            .expect("the alternate screen was left");
        assert!(left > entered, "left after entering");
        assert!(
            text[left..].contains("\x1b[?25h")
                || text.rfind("\x1b[?25h").is_some_and(|c| c > entered),
            "the cursor is shown"
        );
        assert!(
            !self.parser.lock().unwrap().screen().alternate_screen(),
            "back on the main screen"
        );
    }
}

impl Pty {
    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap_or(0)
    }
}
