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
}

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

/// Creates `dir` (and parents) and makes it private to the user.
pub fn ensure_private_dir(dir: &Path) -> Result<(), ConfigError> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(io_err(dir))?;
    }
    Ok(())
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
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text.trim().to_owned()).filter(|t| !t.is_empty())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ConfigError::Io {
            path: path.to_owned(),
            source: e,
        }),
    }
}

/// The saved login of one config directory.
#[derive(Debug, Clone)]
pub struct TokenStore {
    dir: PathBuf,
}

impl TokenStore {
    pub fn new(dir: PathBuf) -> Self {
        TokenStore { dir }
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

    pub fn load_token(&self) -> Result<Option<String>, ConfigError> {
        read_trimmed(&self.token_path())
    }

    pub fn save_token(&self, token: &str) -> Result<(), ConfigError> {
        ensure_private_dir(&self.dir)?;
        write_atomic(&self.token_path(), token.as_bytes())
    }

    pub fn delete_token(&self) -> Result<(), ConfigError> {
        let path = self.token_path();
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(ConfigError::Io { path, source: e })
            }
            _ => Ok(()),
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
