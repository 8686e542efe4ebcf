//! Logs go to a file (never to the terminal, which the TUI owns): `yunhu-tui.log` in the
//! state dir. Only this crate logs below `warn`, so no dependency can print a header (and
//! with it the token) into the file. The file is rotated by size (`LOG_LIMIT_BYTES`, three
//! old files kept), so no server message, however long, can fill the disk.

use std::path::Path;

use file_rotate::compression::Compression;
use file_rotate::suffix::AppendCount;
use file_rotate::{ContentLimit, FileRotate};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::LevelFilter;

pub const LOG_FILE: &str = "yunhu-tui.log";
/// A log file is rotated when it would pass this size.
pub const LOG_LIMIT_BYTES: usize = 5 * 1024 * 1024;
/// Old log files kept (`yunhu-tui.log.1` … `.3`).
pub const LOG_FILES_KEPT: usize = 3;

/// The size-rotated log file in `dir` (which must exist), private to the user.
pub fn rotating_file(dir: &Path, limit_bytes: usize) -> FileRotate<AppendCount> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    FileRotate::new(
        dir.join(LOG_FILE),
        AppendCount::new(LOG_FILES_KEPT),
        ContentLimit::BytesSurpassed(limit_bytes.max(1)),
        Compression::None,
        Some(options),
    )
}

/// Starts logging; keep the guard alive until exit so the last lines are written. Logging is
/// best-effort: if the directory cannot be made, the program runs without a log.
pub fn init(level: LevelFilter) -> Option<WorkerGuard> {
    let dir = crate::paths::state_dir().ok()?;
    crate::paths::ensure_private_dir(&dir).ok()?;
    let (writer, guard) = tracing_appender::non_blocking(rotating_file(&dir, LOG_LIMIT_BYTES));
    let filter = EnvFilter::new(format!("warn,yunhu_tui={level}"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn the_log_is_rotated_and_old_files_are_capped() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = rotating_file(dir.path(), 10_000);
        let line = format!("{}\n", "x".repeat(999));
        for _ in 0..100 {
            log.write_all(line.as_bytes()).unwrap();
        }
        log.flush().unwrap();
        let mut files: Vec<(String, u64)> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().len(),
                )
            })
            .collect();
        files.sort();
        assert_eq!(files.len(), 1 + LOG_FILES_KEPT, "{files:?}");
        // Each file holds at most one line past the limit (the line that crossed it).
        assert!(files.iter().all(|(_, len)| *len <= 11_000), "{files:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(LOG_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
