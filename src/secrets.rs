//! The saved login and what else identifies this installation, kept in the config directory
//! (see `paths`): the token (mode 0600 in a 0700 directory, written atomically, never
//! followed through a symlink), `YUNHU_TOKEN`, the device id generated once per
//! installation and the own account id of the last session; for a SealTalk account its
//! session cookie, kept the same way in a file of its own (see [`CookieStore`]); for a
//! chaoqer account its session (uid, token and secret together, see [`ChaoqerSessionStore`]).

use std::path::{Path, PathBuf};

use crate::paths::{FileError, config_dir, ensure_private_dir, read_config_file, write_atomic};

const TOKEN_FILE: &str = "token";
const DEVICE_ID_FILE: &str = "device-id";
const ACCOUNT_ID_FILE: &str = "account-id";
const COOKIE_FILE: &str = "cookie";
const CHAOQER_SESSION_FILE: &str = "chaoqer-session";

/// `YUNHU_TOKEN` is set but cannot be a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("YUNHU_TOKEN {0}")]
pub struct BadEnvToken(pub &'static str);

fn read_trimmed(path: &Path) -> Result<Option<String>, FileError> {
    Ok(read_config_file(path)?
        .map(|text| text.trim().to_owned())
        .filter(|t| !t.is_empty()))
}

/// `YUNHU_TOKEN`, when set and not blank. Not valid UTF-8, or not usable as a header value,
/// is an error naming the variable, never a silent fall-back to the saved login.
pub fn env_token() -> Result<Option<String>, BadEnvToken> {
    let Some(raw) = std::env::var_os("YUNHU_TOKEN") else {
        return Ok(None);
    };
    let text = raw
        .into_string()
        .map_err(|_| BadEnvToken("is not valid UTF-8"))?;
    let token = text.trim();
    if token.is_empty() {
        return Ok(None);
    }
    crate::api::check_token(token).map_err(|_| {
        BadEnvToken("is not a valid token (printable ASCII, no spaces or line breaks)")
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
        secret_file_warning(&self.token_path(), &self.dir)
    }

    pub fn open_default() -> Result<Self, FileError> {
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
    pub fn load_token(&self) -> Result<Option<String>, FileError> {
        let path = self.token_path();
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(None);
        }
        let token = read_trimmed(&path)?;
        if let Some(t) = &token {
            crate::api::check_token(t).map_err(|_| FileError::Unsafe {
                path: path.clone(),
                reason: "does not hold a valid token; log in again".into(),
            })?;
        }
        self.set_held(token.clone());
        Ok(token)
    }

    /// True when the token file holds what this instance last read or wrote (or nothing,
    /// when it had nothing).
    fn file_is_ours(&self) -> Result<bool, FileError> {
        let path = self.token_path();
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(false);
        }
        let on_disk = read_trimmed(&path)?;
        Ok(on_disk.is_none() || on_disk == self.held())
    }

    /// Saves a token, unless another instance has saved a different one since this one
    /// read the file: then the file is kept and `ChangedElsewhere` says so.
    pub fn save_token(&self, token: &str) -> Result<(), FileError> {
        ensure_private_dir(&self.dir)?;
        if !self.file_is_ours()? {
            return Err(FileError::ChangedElsewhere(self.token_path()));
        }
        write_atomic(&self.token_path(), token.as_bytes())?;
        self.set_held(Some(token.to_owned()));
        Ok(())
    }

    /// Deletes the saved token if it is still the one this instance holds: a −101 seen by
    /// one instance must not delete the fresh login another has just saved.
    pub fn delete_token(&self) -> Result<(), FileError> {
        let path = self.token_path();
        if !self.file_is_ours()? {
            self.set_held(None);
            return Ok(());
        }
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(FileError::Io { path, source: e })
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

    pub fn save_account_id(&self, id: &str) -> Result<(), FileError> {
        ensure_private_dir(&self.dir)?;
        write_atomic(&self.dir.join(ACCOUNT_ID_FILE), id.as_bytes())
    }

    /// The installation's device id, generated and saved on first use.
    pub fn device_id(&self) -> Result<String, FileError> {
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

/// What is wrong with where a secret file is kept, if anything, in a sentence for the user:
/// a symlink (not followed), a file others can read, a directory others can write.
fn secret_file_warning(path: &Path, dir: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
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
        let dir_mode = std::fs::metadata(dir)
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
                dir.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    None
}

/// The saved login of a SealTalk account: its session cookie (`name=value`, 0600, in the
/// account's 0700 directory, written atomically, never followed through a symlink) and its
/// own user id (T4 needs it; not secret). The server keeps no sessions (Q4), so the cookie
/// is as good as the password until the deployment changes its key: it is never printed,
/// logged or put in an error. The RongCloud IM token of T1 is never kept anywhere.
#[derive(Clone)]
pub struct CookieStore {
    dir: PathBuf,
}

impl std::fmt::Debug for CookieStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CookieStore")
            .field("dir", &self.dir)
            .finish()
    }
}

impl CookieStore {
    pub fn new(dir: PathBuf) -> Self {
        CookieStore { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn cookie_path(&self) -> PathBuf {
        self.dir.join(COOKIE_FILE)
    }

    /// See [`TokenStore::warning`].
    pub fn warning(&self) -> Option<String> {
        secret_file_warning(&self.cookie_path(), &self.dir)
    }

    /// The saved session: the cookie and the own user id, or `None` when either is missing.
    /// A symlinked cookie file is not followed; one that does not hold a cookie is an error
    /// naming the file, never its contents.
    pub fn load(&self) -> Result<Option<crate::api::sealtalk::model::Session>, FileError> {
        let path = self.cookie_path();
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(None);
        }
        let Some(text) = read_trimmed(&path)? else {
            return Ok(None);
        };
        let cookie =
            crate::api::sealtalk::SessionCookie::parse(&text).ok_or_else(|| FileError::Unsafe {
                path: path.clone(),
                reason: "does not hold a session cookie; log in again".into(),
            })?;
        Ok(self
            .load_user_id()
            .map(|user_id| crate::api::sealtalk::model::Session { cookie, user_id }))
    }

    /// Saves a session: the user id first, so that a cookie on disk always has its id.
    pub fn save(&self, session: &crate::api::sealtalk::model::Session) -> Result<(), FileError> {
        ensure_private_dir(&self.dir)?;
        let path = self.cookie_path();
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(FileError::Unsafe {
                path,
                reason: "is a symbolic link, which is not followed: a login cannot be saved there; remove it and log in again".into(),
            });
        }
        write_atomic(&self.dir.join(ACCOUNT_ID_FILE), session.user_id.as_bytes())?;
        write_atomic(&path, session.cookie.to_header().as_bytes())
    }

    /// Deletes the saved cookie (the user id stays: it is not secret, and names the
    /// account's local store). A symlink in its place is removed, not followed.
    pub fn delete(&self) -> Result<(), FileError> {
        let path = self.cookie_path();
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(FileError::Io { path, source: e })
            }
            _ => Ok(()),
        }
    }

    /// The own user id of the last login (not secret).
    pub fn load_user_id(&self) -> Option<String> {
        read_trimmed(&self.dir.join(ACCOUNT_ID_FILE)).ok().flatten()
    }
}

/// The saved login of a chaoqer account: Q2's uid, access token, access secret and expiry,
/// together as one JSON object in `chaoqer-session` (0600, in the account's 0700 directory,
/// written atomically, never followed through a symlink). The three strings are one
/// credential: they are never printed, logged or put in an error, and `Debug` shows only
/// where the file is.
#[derive(Clone)]
pub struct ChaoqerSessionStore {
    dir: PathBuf,
}

impl std::fmt::Debug for ChaoqerSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChaoqerSessionStore")
            .field("dir", &self.dir)
            .finish()
    }
}

impl ChaoqerSessionStore {
    pub fn new(dir: PathBuf) -> Self {
        ChaoqerSessionStore { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn session_path(&self) -> PathBuf {
        self.dir.join(CHAOQER_SESSION_FILE)
    }

    /// See [`TokenStore::warning`].
    pub fn warning(&self) -> Option<String> {
        secret_file_warning(&self.session_path(), &self.dir)
    }

    /// The saved session, or `None` when there is none (or a symlink, not followed). A file
    /// that does not hold a session is an error naming the file, never its contents.
    pub fn load(&self) -> Result<Option<crate::api::chaoqer::model::Session>, FileError> {
        let path = self.session_path();
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(None);
        }
        let Some(text) = read_trimmed(&path)? else {
            return Ok(None);
        };
        let broken = || FileError::Unsafe {
            path: path.clone(),
            reason: "does not hold a chaoqer session; log in again".into(),
        };
        // serde's error could quote the file: it is dropped for a fixed sentence.
        let session: crate::api::chaoqer::model::Session =
            serde_json::from_str(&text).map_err(|_| broken())?;
        if !crate::api::chaoqer::is_id(&session.uid)
            || session.access_token.is_empty()
            || session.access_secret.is_empty()
        {
            return Err(broken());
        }
        Ok(Some(session))
    }

    /// Saves a session, replacing the previous one (Q2 ends it on the server anyway).
    pub fn save(&self, session: &crate::api::chaoqer::model::Session) -> Result<(), FileError> {
        ensure_private_dir(&self.dir)?;
        let path = self.session_path();
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(FileError::Unsafe {
                path,
                reason: "is a symbolic link, which is not followed: a login cannot be saved there; remove it and log in again".into(),
            });
        }
        let text = serde_json::to_vec(session).map_err(|e| FileError::Io {
            path: path.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
        write_atomic(&path, &text)
    }

    /// Deletes the saved session. A symlink in its place is removed, not followed.
    pub fn delete(&self) -> Result<(), FileError> {
        let path = self.session_path();
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(FileError::Io { path, source: e })
            }
            _ => Ok(()),
        }
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
        assert!(matches!(err, FileError::ChangedElsewhere(_)), "{err}");
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
    fn a_cookie_is_saved_privately_read_back_and_never_shown() {
        use crate::api::sealtalk::{SessionCookie, model::Session as SavedSession};
        let tmp = tempfile::tempdir().unwrap();
        let store = CookieStore::new(tmp.path().join("acct"));
        assert_eq!(store.load().unwrap(), None);
        let cookie = SessionCookie::new("rong_auth_cookie", "c71bad5b272a5047").unwrap();
        let session = SavedSession {
            cookie,
            user_id: "DH7W1QuDp".into(),
        };
        store.save(&session).unwrap();
        assert_eq!(store.load().unwrap(), Some(session));
        assert_eq!(
            std::fs::read_to_string(store.cookie_path()).unwrap(),
            "rong_auth_cookie=c71bad5b272a5047"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(
                (mode(&store.cookie_path()), mode(store.dir())),
                (0o600, 0o700)
            );
        }
        assert!(!format!("{store:?}").contains("c71bad"));
        std::fs::write(store.cookie_path(), "c71bad5b272a5047 no name").unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(
            err.contains("log in again") && !err.contains("c71bad"),
            "{err}"
        );
        store.delete().unwrap();
        store.delete().unwrap();
        assert_eq!(store.load().unwrap(), None);
        assert_eq!(store.load_user_id().as_deref(), Some("DH7W1QuDp"));
    }

    #[test]
    fn a_chaoqer_session_is_saved_privately_read_back_and_never_shown() {
        use crate::api::chaoqer::model::Session;
        let tmp = tempfile::tempdir().unwrap();
        let store = ChaoqerSessionStore::new(tmp.path().join("acct"));
        assert_eq!(store.load().unwrap(), None);
        let session = Session {
            uid: "2701a6fbd0464da99789c9ad1ca1c654".into(),
            access_token: "c184241930be43b5bc36812ce3de56b5".into(),
            access_secret: "e31bc25bcc6641a1a998eacb6ca9d244".into(),
            expire_time: 1_608_207_590_160,
        };
        store.save(&session).unwrap();
        assert_eq!(store.load().unwrap(), Some(session));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(
                (mode(&store.session_path()), mode(store.dir())),
                (0o600, 0o700)
            );
        }
        assert!(!format!("{store:?}").contains("e31bc25b"));
        std::fs::write(
            store.session_path(),
            "{\"uid\":\"e31bc25bcc6641a1a998eacb6ca9d244\"}",
        )
        .unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(
            err.contains("log in again") && !err.contains("e31bc25b"),
            "{err}"
        );
        store.delete().unwrap();
        store.delete().unwrap();
        assert_eq!(store.load().unwrap(), None);
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
}
