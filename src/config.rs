//! Where the program keeps its files, and the saved login: the token (mode 0600 in a 0700
//! directory, written atomically) and the device id generated once per installation.

use std::io::Write;
use std::path::{Path, PathBuf};

const APP: &str = "yunhu-tui";
const TOKEN_FILE: &str = "token";
const DEVICE_ID_FILE: &str = "device-id";
const ACCOUNT_ID_FILE: &str = "account-id";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
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
    /// `YUNHU_TOKEN` is set but cannot be a token.
    #[error("YUNHU_TOKEN {0}")]
    BadEnvToken(&'static str),
}

/// The most a config file (config.toml, the token, the device id) may be.
pub const MAX_CONFIG_FILE_BYTES: u64 = 1024 * 1024;

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ConfigError + '_ {
    move |source| ConfigError::Io {
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
pub fn config_dir() -> Result<PathBuf, ConfigError> {
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
        .ok_or(ConfigError::NoHome)
}

/// Where the log file goes: `YUNHU_TUI_STATE_DIR`, else the platform's state dir (Linux),
/// else its cache dir.
pub fn state_dir() -> Result<PathBuf, ConfigError> {
    if let Some(dir) = env_dir("YUNHU_TUI_STATE_DIR") {
        return Ok(dir);
    }
    let dirs = directories::ProjectDirs::from("", "", APP).ok_or(ConfigError::NoHome)?;
    Ok(dirs
        .state_dir()
        .unwrap_or_else(|| dirs.cache_dir())
        .to_owned())
}

/// Creates `dir` (and missing parents) private to the user (0700). A directory that already
/// exists is left as it is: it may be a shared one the user pointed us at, or the target of
/// a symlink, and its mode is not ours to change.
pub fn ensure_private_dir(dir: &Path) -> Result<(), ConfigError> {
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
pub fn read_config_file(path: &Path) -> Result<Option<String>, ConfigError> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path)(e)),
    };
    let meta = file.metadata().map_err(io_err(path))?;
    let unsafe_file = |reason: &str| ConfigError::Unsafe {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    if !meta.is_file() {
        return Err(unsafe_file("not a regular file; it is not read"));
    }
    if meta.len() > MAX_CONFIG_FILE_BYTES {
        return Err(unsafe_file("larger than 1 MB; it is not read"));
    }
    let mut text = String::new();
    file.take(MAX_CONFIG_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(io_err(path))?;
    if text.len() as u64 > MAX_CONFIG_FILE_BYTES {
        return Err(unsafe_file("larger than 1 MB; it is not read"));
    }
    Ok(Some(text))
}

/// Writes `contents` to `path` atomically: a private temporary file in the same directory,
/// synced, then renamed over the target. A crash leaves either the old or the new file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), ConfigError> {
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
    tmp.persist(path).map_err(|e| ConfigError::Io {
        path: path.to_owned(),
        source: e.error,
    })?;
    Ok(())
}

fn read_trimmed(path: &Path) -> Result<Option<String>, ConfigError> {
    Ok(read_config_file(path)?
        .map(|text| text.trim().to_owned())
        .filter(|t| !t.is_empty()))
}

/// `YUNHU_TOKEN`, when set and not blank. Not valid UTF-8, or not usable as a header value,
/// is an error naming the variable, never a silent fall-back to the saved login.
pub fn env_token() -> Result<Option<String>, ConfigError> {
    let Some(raw) = std::env::var_os("YUNHU_TOKEN") else {
        return Ok(None);
    };
    let text = raw
        .into_string()
        .map_err(|_| ConfigError::BadEnvToken("is not valid UTF-8"))?;
    let token = text.trim();
    if token.is_empty() {
        return Ok(None);
    }
    crate::api::check_token(token).map_err(|_| {
        ConfigError::BadEnvToken("is not a valid token (printable ASCII, no spaces or line breaks)")
    })?;
    Ok(Some(token.to_owned()))
}

/// The saved login of one config directory. It remembers the token it last read or wrote,
/// so that with two instances on one config dir, one never deletes or replaces a login the
/// other has just saved.
#[derive(Clone)]
pub struct TokenStore {
    dir: PathBuf,
    held: std::sync::Arc<std::sync::Mutex<Option<String>>>,
}

impl std::fmt::Debug for TokenStore {
    // Hand-written: the held token must never reach a log through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenStore")
            .field("dir", &self.dir)
            .finish()
    }
}

impl TokenStore {
    pub fn new(dir: PathBuf) -> Self {
        TokenStore {
            dir,
            held: Default::default(),
        }
    }

    fn held(&self) -> Option<String> {
        self.held.lock().map(|h| h.clone()).unwrap_or(None)
    }

    fn set_held(&self, token: Option<String>) {
        if let Ok(mut held) = self.held.lock() {
            *held = token;
        }
    }

    /// What is wrong with where the token is kept, if anything, in a sentence for the user:
    /// a symlinked token file (not followed) or one others can read.
    pub fn warning(&self) -> Option<String> {
        let path = self.token_path();
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if meta.file_type().is_symlink() {
            return Some(format!(
                "{} is a symbolic link; it is not followed, so the saved login is not used",
                path.display()
            ));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode();
            let dir_mode = std::fs::metadata(&self.dir)
                .map(|m| m.permissions().mode())
                .unwrap_or(0);
            // The fix first: a status line may be cut at the right.
            if mode & 0o077 != 0 {
                return Some(format!(
                    "other users can read the saved login: chmod 600 {}",
                    path.display()
                ));
            }
            if dir_mode & 0o022 != 0 {
                return Some(format!(
                    "other users can replace the saved login: chmod 700 {}",
                    self.dir.display()
                ));
            }
        }
        None
    }

    pub fn open_default() -> Result<Self, ConfigError> {
        Ok(TokenStore::new(config_dir()?))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn token_path(&self) -> PathBuf {
        self.dir.join(TOKEN_FILE)
    }

    /// The saved token. A symlinked token file is not followed (see [`Self::warning`]); a
    /// file that is not a valid token is an error naming the file.
    pub fn load_token(&self) -> Result<Option<String>, ConfigError> {
        let path = self.token_path();
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(None);
        }
        let token = read_trimmed(&path)?;
        if let Some(t) = &token {
            crate::api::check_token(t).map_err(|_| ConfigError::Unsafe {
                path: path.clone(),
                reason: "does not hold a valid token; log in again".into(),
            })?;
        }
        self.set_held(token.clone());
        Ok(token)
    }

    /// True when the token file holds what this instance last read or wrote (or nothing,
    /// when it had nothing).
    fn file_is_ours(&self) -> Result<bool, ConfigError> {
        let path = self.token_path();
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(false);
        }
        let on_disk = read_trimmed(&path)?;
        Ok(on_disk.is_none() || on_disk == self.held())
    }

    /// Saves a token, unless another instance has saved a different one since this one
    /// read the file: then the file is kept and `ChangedElsewhere` says so.
    pub fn save_token(&self, token: &str) -> Result<(), ConfigError> {
        ensure_private_dir(&self.dir)?;
        if !self.file_is_ours()? {
            return Err(ConfigError::ChangedElsewhere(self.token_path()));
        }
        write_atomic(&self.token_path(), token.as_bytes())?;
        self.set_held(Some(token.to_owned()));
        Ok(())
    }

    /// Deletes the saved token if it is still the one this instance holds: a −101 seen by
    /// one instance must not delete the fresh login another has just saved.
    pub fn delete_token(&self) -> Result<(), ConfigError> {
        let path = self.token_path();
        if !self.file_is_ours()? {
            self.set_held(None);
            return Ok(());
        }
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(ConfigError::Io { path, source: e })
            }
            _ => {
                self.set_held(None);
                Ok(())
            }
        }
    }

    /// The own account id of the last session (not secret), so the next start can ask for
    /// the own profile without waiting for `info`.
    pub fn load_account_id(&self) -> Option<String> {
        read_trimmed(&self.dir.join(ACCOUNT_ID_FILE)).ok().flatten()
    }

    pub fn save_account_id(&self, id: &str) -> Result<(), ConfigError> {
        ensure_private_dir(&self.dir)?;
        write_atomic(&self.dir.join(ACCOUNT_ID_FILE), id.as_bytes())
    }

    /// The installation's device id, generated and saved on first use.
    pub fn device_id(&self) -> Result<String, ConfigError> {
        let path = self.dir.join(DEVICE_ID_FILE);
        if let Some(id) = read_trimmed(&path)? {
            return Ok(id);
        }
        let id = new_device_id();
        ensure_private_dir(&self.dir)?;
        write_atomic(&path, id.as_bytes())?;
        Ok(id)
    }
}

/// A random id in UUID v4 form.
pub fn new_device_id() -> String {
    use rand::Rng;
    let mut b: [u8; 16] = rand::rng().random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_round_trips_with_private_permissions() {
        let tmp = tempfile::tempdir().unwrap();
        let store = TokenStore::new(tmp.path().join("cfg"));
        assert_eq!(store.load_token().unwrap(), None);
        store.save_token("secret-token").unwrap();
        assert_eq!(store.load_token().unwrap().as_deref(), Some("secret-token"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let file_mode = std::fs::metadata(store.token_path())
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            let dir_mode = std::fs::metadata(store.dir()).unwrap().permissions().mode() & 0o777;
            assert_eq!((file_mode, dir_mode), (0o600, 0o700));
        }
        store.delete_token().unwrap();
        assert_eq!(store.load_token().unwrap(), None);
        store.delete_token().unwrap();
    }

    #[test]
    fn an_instance_never_deletes_or_replaces_a_login_another_has_saved() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("cfg");
        TokenStore::new(dir.clone())
            .save_token("old-token")
            .unwrap();
        let a = TokenStore::new(dir.clone());
        let b = TokenStore::new(dir.clone());
        assert_eq!(a.load_token().unwrap().as_deref(), Some("old-token"));
        assert_eq!(b.load_token().unwrap().as_deref(), Some("old-token"));
        // A logs in afresh; B then sees −101 for the old token and deletes "its" login.
        a.save_token("fresh-token-of-a").unwrap();
        b.delete_token().unwrap();
        assert_eq!(
            std::fs::read_to_string(a.token_path()).unwrap(),
            "fresh-token-of-a",
            "B must not delete A's fresh login"
        );
        // B logging in again does not replace it either, and says so.
        let err = b.save_token("token-of-b").unwrap_err();
        assert!(matches!(err, ConfigError::ChangedElsewhere(_)), "{err}");
        assert!(!err.to_string().contains("token-of-b"));
        // A's own logout still deletes its own login.
        a.delete_token().unwrap();
        assert!(!a.token_path().exists());
        // With the file gone, whoever logs in next saves.
        b.save_token("token-of-b").unwrap();
        assert_eq!(b.load_token().unwrap().as_deref(), Some("token-of-b"));
        assert!(
            !format!("{b:?}").contains("token-of-b"),
            "Debug hides the token"
        );
    }

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

    #[cfg(unix)]
    #[test]
    fn symlinked_or_readable_token_files_are_warned_about_and_links_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("cfg");
        let store = TokenStore::new(dir.clone());
        store.save_token("secret-token").unwrap();
        assert_eq!(store.warning(), None);
        std::fs::set_permissions(store.token_path(), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        let warning = store.warning().expect("a warning");
        assert!(warning.contains("chmod 600") && !warning.contains("secret-token"));
        // A symlink to someone else's file: not followed.
        std::fs::remove_file(store.token_path()).unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::write(&elsewhere, "planted-token").unwrap();
        std::os::unix::fs::symlink(&elsewhere, store.token_path()).unwrap();
        let fresh = TokenStore::new(dir);
        assert_eq!(fresh.load_token().unwrap(), None);
        assert!(
            fresh
                .warning()
                .expect("a warning")
                .contains("symbolic link")
        );
        // Nor written through.
        assert!(fresh.save_token("mine").is_err());
        assert_eq!(
            std::fs::read_to_string(&elsewhere).unwrap(),
            "planted-token"
        );
    }

    #[test]
    fn a_token_file_that_is_not_a_header_value_is_an_error_naming_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let store = TokenStore::new(tmp.path().to_owned());
        std::fs::write(store.token_path(), "abc\ndef").unwrap();
        let err = store.load_token().unwrap_err().to_string();
        assert!(
            err.contains("token") && err.contains("log in again"),
            "{err}"
        );
        assert!(!err.contains("abc"), "{err}");
    }

    #[test]
    fn device_id_is_generated_once_and_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let store = TokenStore::new(tmp.path().to_owned());
        let first = store.device_id().unwrap();
        assert_eq!(first.len(), 36);
        assert_eq!(store.device_id().unwrap(), first);
        assert_ne!(new_device_id(), first);
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
