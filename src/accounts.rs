//! The accounts: `[[accounts]]` in `config.toml` (name, service, server) with
//! `default_account`, each account's secret in its own private directory
//! (`accounts/NAME/token`, 0600 in 0700), and the migration of the single login an older
//! version kept (`token` and `account-id` at the top of the config dir).
//!
//! A config with no `[[accounts]]` has one implicit account, `default`, on Yunhu: it is
//! written into `config.toml` only when there is something to keep (a login, or another
//! account added), so that reading never writes.

use std::path::{Path, PathBuf};

use crate::paths::{FileError, ensure_private_dir, io_err};
use crate::secrets::{ChaoqerSessionStore, CookieStore, TokenStore};
use crate::service::Service;
pub use crate::settings::{AccountConfig, MAX_NAME_CHARS, check_account_name as check_name};
use crate::settings::{Settings, SettingsError, SettingsFile};

/// The name of the implicit account of a config that lists none.
pub const IMPLICIT_NAME: &str = "default";
/// The directory, in the config dir, of the accounts' secrets.
const ACCOUNTS_DIR: &str = "accounts";
/// The files of the single login an older version kept at the top of the config dir.
const LEGACY_FILES: [&str; 2] = ["token", "account-id"];
/// An account as the program uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub name: String,
    pub service: Service,
    /// The server configured for it, if any (see [`Accounts::server_of`]).
    pub server: Option<String>,
    /// Not in `config.toml`: the implicit account of a config that lists none.
    pub implicit: bool,
    /// Where its secret is kept (0700).
    pub secret_dir: PathBuf,
}

impl Account {
    /// Its saved login.
    pub fn store(&self) -> TokenStore {
        TokenStore::new(self.secret_dir.clone())
    }

    /// Its saved SealTalk session (the cookie file; see [`CookieStore`]).
    pub fn cookie_store(&self) -> CookieStore {
        CookieStore::new(self.secret_dir.clone())
    }

    /// Its saved chaoqer session (uid, token and secret; see [`ChaoqerSessionStore`]).
    pub fn chaoqer_store(&self) -> ChaoqerSessionStore {
        ChaoqerSessionStore::new(self.secret_dir.clone())
    }

    /// There is a saved login (the file exists; it is not read): the token of a Yunhu
    /// account, the cookie of a SealTalk one, the session file of a chaoqer one.
    pub fn has_saved_login(&self) -> bool {
        let path = match self.service {
            Service::Yunhu => self.store().token_path(),
            Service::Sealtalk => self.cookie_store().cookie_path(),
            Service::Chaoqer => self.chaoqer_store().session_path(),
        };
        std::fs::symlink_metadata(path).is_ok()
    }

    fn config(&self) -> AccountConfig {
        AccountConfig {
            name: self.name.clone(),
            service: self.service,
            server: self.server.clone(),
        }
    }
}

/// The accounts of one config dir.
#[derive(Debug, Clone)]
pub struct Accounts {
    pub list: Vec<Account>,
    /// `default_account`, when it names one of them.
    default: Option<String>,
    /// The top-level `server` (and `YUNHU_SERVER`): Yunhu accounts without their own.
    yunhu_server: String,
}

/// The private directory of an account's secret.
pub fn secret_dir(config_dir: &Path, name: &str) -> PathBuf {
    config_dir.join(ACCOUNTS_DIR).join(name)
}

/// Something is at the old token path (a symlink too: it stays where it is, so that the
/// warning about it is given, see `TokenStore::warning`).
fn legacy_login_exists(config_dir: &Path) -> bool {
    std::fs::symlink_metadata(config_dir.join(LEGACY_FILES[0])).is_ok()
}

impl Accounts {
    /// The accounts `settings` lists, or the implicit one.
    pub fn from_settings(config_dir: &Path, settings: &Settings) -> Accounts {
        let list = if settings.accounts.is_empty() {
            // Until it is migrated, an older version's login is where that version left it.
            let secret_dir = if legacy_login_exists(config_dir) {
                config_dir.to_owned()
            } else {
                secret_dir(config_dir, IMPLICIT_NAME)
            };
            vec![Account {
                name: IMPLICIT_NAME.into(),
                service: Service::Yunhu,
                server: None,
                implicit: true,
                secret_dir,
            }]
        } else {
            settings
                .accounts
                .iter()
                .map(|a| Account {
                    name: a.name.clone(),
                    service: a.service,
                    server: a.server.clone(),
                    implicit: false,
                    secret_dir: secret_dir(config_dir, &a.name),
                })
                .collect()
        };
        Accounts {
            list,
            default: settings.default_account.clone(),
            yunhu_server: settings.server.clone(),
        }
    }

    /// The accounts of the demo servers: in memory only, nothing on disk.
    pub fn demo(names: &[(&str, Service)], server: &str) -> Accounts {
        let list = names
            .iter()
            .map(|(name, service)| Account {
                name: (*name).into(),
                service: *service,
                server: Some(server.to_owned()),
                implicit: true,
                secret_dir: PathBuf::new(),
            })
            .collect();
        Accounts {
            list,
            default: None,
            yunhu_server: server.to_owned(),
        }
    }

    /// The default account: `default_account`, else the first.
    pub fn default_index(&self) -> usize {
        self.default
            .as_ref()
            .and_then(|d| self.index_of(d))
            .unwrap_or(0)
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.list.iter().position(|a| a.name == name)
    }

    /// The account `--account` (or `YUNHU_TUI_ACCOUNT`) names, else the default one.
    pub fn select(&self, name: Option<&str>) -> Result<usize, String> {
        match name {
            None => Ok(self.default_index()),
            Some(name) => self.index_of(name).ok_or_else(|| {
                let known: Vec<&str> = self.list.iter().map(|a| a.name.as_str()).collect();
                format!(
                    "there is no account named {:?}; the accounts are: {} (yunhu-tui accounts add NAME adds one)",
                    crate::sanitize::line(name),
                    known.join(", ")
                )
            }),
        }
    }

    /// The server an account talks to: its own, else its service's default (for Yunhu the
    /// top-level `server` of `config.toml` or `YUNHU_SERVER`). Empty for a SealTalk account
    /// without one, which `config.toml`'s check refuses: see [`Accounts::require_server`].
    pub fn server_of(&self, account: &Account) -> String {
        match (&account.server, account.service) {
            (Some(server), _) => server.clone(),
            (None, Service::Yunhu) => self.yunhu_server.clone(),
            (None, Service::Sealtalk | Service::Chaoqer) => String::new(),
        }
    }

    /// As [`Accounts::server_of`], or bad input saying that the account must name its server.
    pub fn require_server(&self, account: &Account) -> Result<String, String> {
        let server = self.server_of(account);
        if server.is_empty() {
            return Err(crate::service::missing_server(
                account.service,
                &account.name,
            ));
        }
        Ok(server)
    }

    pub fn is_default(&self, index: usize) -> bool {
        self.default_index() == index
    }
}

/// Writes the account list of `settings` with `change` applied into `config.toml`, keeping
/// the rest of the file (and another instance's changes) as they are. The implicit account
/// is written first when it holds a saved login, so adding a second account never loses it.
pub fn write_accounts(
    file: &mut SettingsFile,
    settings: &Settings,
    accounts: &Accounts,
    change: impl FnOnce(&mut Vec<AccountConfig>, &mut Option<String>) -> Result<(), String>,
) -> Result<Settings, AccountError> {
    let mut list: Vec<AccountConfig> = accounts
        .list
        .iter()
        .filter(|a| !a.implicit || a.has_saved_login())
        .map(Account::config)
        .collect();
    let mut default = settings.default_account.clone();
    if default.is_none() && list.iter().any(|a| a.name == IMPLICIT_NAME) {
        default = Some(IMPLICIT_NAME.into());
    }
    change(&mut list, &mut default).map_err(AccountError::Refused)?;
    let new = Settings {
        accounts: list,
        default_account: default,
        ..settings.clone()
    };
    Ok(file.save(&new)?)
}

/// Something `accounts` commands or the migration could not do.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Bad input: an unknown or taken name, an invalid server.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    File(#[from] FileError),
}

/// Deletes an account's secret directory (its token and account id). The name was checked,
/// so the path stays inside the config dir; a symlink in its place is removed, not followed.
pub fn delete_secrets(account: &Account, config_dir: &Path) -> Result<(), FileError> {
    if account.secret_dir.as_os_str().is_empty() {
        return Ok(());
    }
    if account.secret_dir == config_dir {
        // An older version's login, not migrated yet: only its files.
        for file in LEGACY_FILES {
            let path = config_dir.join(file);
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(io_err(&path)(e));
                }
                _ => {}
            }
        }
        return Ok(());
    }
    match std::fs::remove_dir_all(&account.secret_dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_err(&account.secret_dir)(e)),
        _ => Ok(()),
    }
}

/// Moves the login of an older version (one implicit account: `token` and `account-id` at
/// the top of the config dir) to the account `default`, and lists that account in
/// `config.toml`. The files are moved first: if `config.toml` then cannot be written, the
/// implicit account still finds the login where it now is. Returns what was done, in words.
pub fn migrate_legacy_login(
    config_dir: &Path,
    file: &mut SettingsFile,
    settings: &mut Settings,
) -> Result<Option<String>, AccountError> {
    let is_file = std::fs::symlink_metadata(config_dir.join(LEGACY_FILES[0]))
        .is_ok_and(|m| m.file_type().is_file());
    if !settings.accounts.is_empty() || !is_file {
        return Ok(None);
    }
    let dir = secret_dir(config_dir, IMPLICIT_NAME);
    if std::fs::symlink_metadata(dir.join(LEGACY_FILES[0])).is_ok() {
        // Both places hold a login: which one is right is the user's call, not ours.
        return Err(AccountError::Refused(format!(
            "{} and {} both hold a saved login; delete the one that is not wanted",
            config_dir.join(LEGACY_FILES[0]).display(),
            dir.join(LEGACY_FILES[0]).display()
        )));
    }
    ensure_private_dir(&config_dir.join(ACCOUNTS_DIR))?;
    ensure_private_dir(&dir)?;
    for name in LEGACY_FILES {
        let (from, to) = (config_dir.join(name), dir.join(name));
        match std::fs::rename(&from, &to) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(io_err(&from)(e).into());
            }
            _ => {}
        }
    }
    let accounts = Accounts::from_settings(config_dir, settings);
    *settings = write_accounts(file, settings, &accounts, |_, _| Ok(()))?;
    Ok(Some(format!(
        "the saved login was moved to the account {IMPLICIT_NAME:?} ({})",
        dir.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::CONFIG_FILE;

    fn load(dir: &Path) -> Settings {
        Settings::load(dir).unwrap().settings
    }

    #[test]
    fn names_are_checked_for_what_a_directory_name_can_be() {
        for ok in ["work", "个人", "a.b-c_d", "x1"] {
            assert_eq!(check_name(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "../x",
            "a/b",
            ".hidden",
            "-x",
            "a b",
            "a\u{202e}b",
            &"x".repeat(33),
        ] {
            assert!(check_name(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn an_old_single_login_config_is_migrated_without_losing_the_login() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join(CONFIG_FILE), "# mine\ntheme = \"light\"\n").unwrap();
        let old = TokenStore::new(dir.to_owned());
        old.save_token("old-token").unwrap();
        old.save_account_id("7058262").unwrap();
        let mut settings = load(dir);
        // Before the migration the implicit account finds the login where it was.
        let before = Accounts::from_settings(dir, &settings);
        assert_eq!(
            before.list[0].store().load_token().unwrap().as_deref(),
            Some("old-token")
        );

        let mut file = SettingsFile::new(dir.join(CONFIG_FILE), settings.clone());
        let said = migrate_legacy_login(dir, &mut file, &mut settings).unwrap();
        assert!(said.is_some_and(|s| s.contains("default")));
        assert!(!dir.join("token").exists() && !dir.join("account-id").exists());
        let text = std::fs::read_to_string(dir.join(CONFIG_FILE)).unwrap();
        assert!(
            text.contains("# mine") && text.contains("[[accounts]]"),
            "{text}"
        );
        let settings = load(dir);
        assert_eq!(settings.default_account.as_deref(), Some("default"));
        let after = Accounts::from_settings(dir, &settings);
        let account = &after.list[after.default_index()];
        assert!(!account.implicit);
        assert_eq!(
            account.store().load_token().unwrap().as_deref(),
            Some("old-token")
        );
        assert_eq!(
            account.store().load_account_id().as_deref(),
            Some("7058262")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&account.store().token_path()), 0o600);
            assert_eq!(mode(&account.secret_dir), 0o700);
        }
        // A second start has nothing to migrate.
        let mut again = load(dir);
        let mut file = SettingsFile::new(dir.join(CONFIG_FILE), again.clone());
        assert!(
            migrate_legacy_login(dir, &mut file, &mut again)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn two_saved_logins_for_the_default_account_are_not_merged_by_guessing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        TokenStore::new(dir.to_owned()).save_token("old").unwrap();
        TokenStore::new(secret_dir(dir, IMPLICIT_NAME))
            .save_token("new")
            .unwrap();
        let mut settings = Settings::default();
        let mut file = SettingsFile::new(dir.join(CONFIG_FILE), settings.clone());
        let err = migrate_legacy_login(dir, &mut file, &mut settings).unwrap_err();
        assert!(err.to_string().contains("both hold a saved login"), "{err}");
        assert_eq!(std::fs::read_to_string(dir.join("token")).unwrap(), "old");
    }

    #[test]
    fn adding_an_account_keeps_the_implicit_one_when_it_has_a_login() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let settings = Settings::default();
        let accounts = Accounts::from_settings(dir, &settings);
        accounts.list[0].store().save_token("t").unwrap();
        let mut file = SettingsFile::new(dir.join(CONFIG_FILE), settings.clone());
        let saved = write_accounts(&mut file, &settings, &accounts, |list, _| {
            list.push(AccountConfig {
                name: "work".into(),
                service: Service::Yunhu,
                server: Some("http://127.0.0.1:9".into()),
            });
            Ok(())
        })
        .unwrap();
        let names: Vec<&str> = saved.accounts.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["default", "work"]);
        assert_eq!(saved.default_account.as_deref(), Some("default"));
        assert_eq!(load(dir), saved);
    }

    #[test]
    fn a_config_with_duplicate_or_unknown_accounts_is_refused() {
        let parse = |text: &str| Settings::parse(text, Path::new("c.toml")).map(|_| ());
        let dup = "[[accounts]]\nname = \"a\"\nservice = \"yunhu\"\n[[accounts]]\nname = \"a\"\nservice = \"yunhu\"\n";
        assert!(parse(dup).unwrap_err().to_string().contains("two accounts"));
        let missing = "default_account = \"b\"\n[[accounts]]\nname = \"a\"\nservice = \"yunhu\"\n";
        assert!(
            parse(missing)
                .unwrap_err()
                .to_string()
                .contains("default_account")
        );
        let service = "[[accounts]]\nname = \"a\"\nservice = \"icq\"\n";
        assert!(parse(service).unwrap_err().to_string().contains("line"));
        let server = "[[accounts]]\nname = \"a\"\nservice = \"yunhu\"\nserver = \"not a url\"\n";
        assert!(parse(server).unwrap_err().to_string().contains("not a URL"));
        let name = "[[accounts]]\nname = \"../etc\"\nservice = \"yunhu\"\n";
        assert!(parse(name).is_err());
    }

    #[test]
    fn a_sealtalk_account_names_its_server_and_an_entry_without_service_is_yunhu() {
        let parse = |text: &str| Settings::parse(text, Path::new("c.toml"));
        let err = parse("[[accounts]]\nname = \"st\"\nservice = \"sealtalk\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("self-hosted") && err.contains("--server"),
            "{err}"
        );
        let ok = parse(
            "[[accounts]]\nname = \"st\"\nservice = \"sealtalk\"\nserver = \"http://127.0.0.1:8585\"\n[[accounts]]\nname = \"old\"\n",
        )
        .unwrap();
        assert_eq!(ok.accounts[0].service, Service::Sealtalk);
        assert_eq!(ok.accounts[1].service, Service::Yunhu);
        let tmp = tempfile::tempdir().unwrap();
        let accounts = Accounts::from_settings(tmp.path(), &ok);
        assert_eq!(
            accounts.require_server(&accounts.list[0]).as_deref(),
            Ok("http://127.0.0.1:8585")
        );
        // A SealTalk account's saved login is its cookie file, not a token file.
        let st = &accounts.list[0];
        st.store().save_token("yunhu-token").unwrap();
        assert!(!st.has_saved_login());
    }

    #[test]
    fn removing_an_account_deletes_its_secret_directory_only() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let settings = Settings::parse(
            "[[accounts]]\nname = \"a\"\nservice = \"yunhu\"\n[[accounts]]\nname = \"b\"\nservice = \"yunhu\"\n",
            Path::new("c.toml"),
        )
        .unwrap();
        let accounts = Accounts::from_settings(dir, &settings);
        for a in &accounts.list {
            a.store().save_token(&format!("token-{}", a.name)).unwrap();
        }
        delete_secrets(&accounts.list[0], dir).unwrap();
        assert!(!accounts.list[0].secret_dir.exists());
        assert_eq!(
            accounts.list[1].store().load_token().unwrap().as_deref(),
            Some("token-b")
        );
    }
}
