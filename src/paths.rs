//! Where the program keeps its files, and how it reads and writes them: the config, state
//! and data directories, private (0700) directory creation, bounded reads of small config files and
//! atomic writes. What is kept there is elsewhere: `config.toml` in `settings`, the saved
//! login and the device id in `secrets`.

use std::io::Write;
use std::path::{Path, PathBuf};

const APP: &str = "yunhu-tui";

/// A file or directory of ours that could not be found, read or written, or that is not
/// what it must be.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot find a home directory for the config; set YUNHU_TUI_CONFIG_DIR")]
    NoHome,
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A config file that is not a regular file (a FIFO, a device) or is far too large.
    #[error("{path}: {reason}")]
    Unsafe { path: PathBuf, reason: String },
    /// The saved login was changed by another instance since this one read it.
    #[error(
        "{0}: another yunhu-tui changed the saved login since this one read it; it is kept as it is"
    )]
    ChangedElsewhere(PathBuf),
}

/// The most a config file (config.toml, the token, the device id) may be.
pub const MAX_CONFIG_FILE_BYTES: u64 = 1024 * 1024;

pub(crate) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> FileError + '_ {
    move |source| FileError::Io {
        path: path.to_owned(),
        source,
    }
}

fn env_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The config directory: `YUNHU_TUI_CONFIG_DIR`, else `$XDG_CONFIG_HOME/yunhu-tui` (honoured
/// on macOS too, where terminal users expect it), else the platform's default.
pub fn config_dir() -> Result<PathBuf, FileError> {
    if let Some(dir) = env_dir("YUNHU_TUI_CONFIG_DIR") {
        return Ok(dir);
    }
    if cfg!(any(target_os = "linux", target_os = "macos"))
        && let Some(xdg) = env_dir("XDG_CONFIG_HOME").filter(|p| p.is_absolute())
    {
        return Ok(xdg.join(APP));
    }
    directories::ProjectDirs::from("", "", APP)
        .map(|d| d.config_dir().to_owned())
        .ok_or(FileError::NoHome)
}

/// Where the log file goes: `YUNHU_TUI_STATE_DIR`, else the platform's state dir (Linux),
/// else its cache dir.
pub fn state_dir() -> Result<PathBuf, FileError> {
    if let Some(dir) = env_dir("YUNHU_TUI_STATE_DIR") {
        return Ok(dir);
    }
    let dirs = directories::ProjectDirs::from("", "", APP).ok_or(FileError::NoHome)?;
    Ok(dirs
        .state_dir()
        .unwrap_or_else(|| dirs.cache_dir())
        .to_owned())
}

/// Where the local store goes (one database per account): `YUNHU_TUI_DATA_DIR`, else
/// `$XDG_DATA_HOME/yunhu-tui` (honoured on macOS too, as for the config), else the
/// platform's data dir.
pub fn data_dir() -> Result<PathBuf, FileError> {
    if let Some(dir) = env_dir("YUNHU_TUI_DATA_DIR") {
        return Ok(dir);
    }
    if cfg!(any(target_os = "linux", target_os = "macos"))
        && let Some(xdg) = env_dir("XDG_DATA_HOME").filter(|p| p.is_absolute())
    {
        return Ok(xdg.join(APP));
    }
    directories::ProjectDirs::from("", "", APP)
        .map(|d| d.data_dir().to_owned())
        .ok_or(FileError::NoHome)
}

/// Creates `dir` (and missing parents) private to the user (0700). A directory that already
/// exists is left as it is: it may be a shared one the user pointed us at, or the target of
/// a symlink, and its mode is not ours to change.
pub fn ensure_private_dir(dir: &Path) -> Result<(), FileError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(io_err(dir))
}

/// Reads a small config file: it must be a regular file (a FIFO is opened without blocking
/// and refused; a device such as /dev/zero is refused) of at most `MAX_CONFIG_FILE_BYTES`.
/// `Ok(None)` when it does not exist.
pub fn read_config_file(path: &Path) -> Result<Option<String>, FileError> {
    let unsafe_file = |reason: &str| FileError::Unsafe {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    let bytes = match read_regular_file(path, MAX_CONFIG_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(BoundedRead::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(BoundedRead::Io(e)) => return Err(io_err(path)(e)),
        Err(BoundedRead::NotRegular) => {
            return Err(unsafe_file("not a regular file; it is not read"));
        }
        Err(BoundedRead::TooLarge { .. }) => {
            return Err(unsafe_file("larger than 1 MB; it is not read"));
        }
    };
    String::from_utf8(bytes).map(Some).map_err(|e| {
        io_err(path)(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            e.utf8_error(),
        ))
    })
}

/// Why [`read_regular_file`] read nothing.
#[derive(Debug)]
pub enum BoundedRead {
    Io(std::io::Error),
    /// A FIFO, a device, a directory: not read (it could block or never end).
    NotRegular,
    /// Over the limit, by its size or (if it grew while being read) by what was read.
    TooLarge {
        len: u64,
    },
}

/// Reads a regular file of at most `limit` bytes. It is opened without blocking (a FIFO with
/// no writer would block the open), checked on the open handle, and read no further than
/// the limit, so a file that grows, or a device behind a symlink, cannot exhaust memory.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, BoundedRead> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(BoundedRead::Io)?;
    let meta = file.metadata().map_err(BoundedRead::Io)?;
    if !meta.is_file() {
        return Err(BoundedRead::NotRegular);
    }
    if meta.len() > limit {
        return Err(BoundedRead::TooLarge { len: meta.len() });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(BoundedRead::Io)?;
    if bytes.len() as u64 > limit {
        return Err(BoundedRead::TooLarge {
            len: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Writes `contents` to `path` atomically: a private temporary file in the same directory,
/// synced, then renamed over the target. A crash leaves either the old or the new file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), FileError> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempfile_in(dir)
        .map_err(io_err(dir))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(io_err(path))?;
    }
    tmp.write_all(contents).map_err(io_err(path))?;
    tmp.as_file().sync_all().map_err(io_err(path))?;
    tmp.persist(path).map_err(|e| FileError::Io {
        path: path.to_owned(),
        source: e.error,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn existing_directories_keep_their_mode_and_new_ones_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let shared = tmp.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
        ensure_private_dir(&shared).unwrap();
        let mode = std::fs::metadata(&shared).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o1777, "a directory it did not create is left alone");
        let target = tmp.path().join("target");
        std::fs::create_dir(&target).unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o755)).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        ensure_private_dir(&link).unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o755, "a symlink's target is left alone");
        let fresh = shared.join("a/b");
        ensure_private_dir(&fresh).unwrap();
        for d in [shared.join("a"), fresh] {
            let mode = std::fs::metadata(&d).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", d.display());
        }
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
