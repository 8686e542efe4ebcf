//! Logs go to a file (never to the terminal, which the TUI owns): `yunhu-tui.log` in the
//! state dir. Only this crate logs below `warn`, so no dependency can print a header (and
//! with it the token) into the file.

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::LevelFilter;

pub const LOG_FILE: &str = "yunhu-tui.log";

/// Starts logging; keep the guard alive until exit so the last lines are written. Logging is
/// best-effort: if the directory cannot be made, the program runs without a log.
pub fn init(level: LevelFilter) -> Option<WorkerGuard> {
    let dir = crate::config::state_dir().ok()?;
    crate::config::ensure_private_dir(&dir).ok()?;
    let appender = tracing_appender::rolling::never(&dir, LOG_FILE);
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::new(format!("warn,yunhu_tui={level}"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
