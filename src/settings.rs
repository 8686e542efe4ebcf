//! `config.toml`: the app settings, layered defaults → file → environment → flags. A broken
//! file is reported with its path and line and is never overwritten; writes are atomic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::api::DEFAULT_BASE_URL;
use crate::paths::{FileError, ensure_private_dir, write_atomic};

pub const CONFIG_FILE: &str = "config.toml";

/// What `refresh_secs` may be when it is on: not more often than every 30 s (the service is
/// not to be hammered), at least once a day.
pub const REFRESH_RANGE: std::ops::RangeInclusive<u32> = 30..=86_400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// From the locale (LC_ALL, LC_MESSAGES, LANG).
    Auto,
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    Dark,
    Light,
}

/// How pictures (avatars, group and bot pictures) are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageMode {
    /// The best the terminal answers for (kitty, iTerm2, sixel), half blocks until it has
    /// answered or when it does not.
    Auto,
    /// Half blocks only: every terminal, tmux and ssh, and no terminal query.
    Halfblocks,
    /// No pictures, and none fetched.
    Off,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageSizes {
    pub coins: u32,
    pub groups: u32,
}

impl Default for PageSizes {
    fn default() -> Self {
        PageSizes {
            coins: 50,
            groups: 30,
        }
    }
}

/// Everything `config.toml` can hold. Unknown keys are an error, so a typo is reported
/// instead of silently ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub server: String,
    pub language: Language,
    pub theme: ThemeName,
    /// Mouse capture: clicks and wheel, at the price of the terminal's own text selection.
    pub mouse: bool,
    /// Pictures: "auto", "halfblocks" or "off".
    pub images: ImageMode,
    pub page_size: PageSizes,
    /// Action name → keys, replacing that action's default keys (see `keymap`).
    pub keys: BTreeMap<String, Vec<String>>,
    /// Seconds between automatic refreshes of the dashboard; 0 (the default) is off.
    pub refresh_secs: u32,
    /// The account used when `--account` does not name one (see `accounts`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_account: Option<String>,
    /// `[[accounts]]`; none means one implicit Yunhu account (see `accounts`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<AccountConfig>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            server: DEFAULT_BASE_URL.into(),
            language: Language::Auto,
            theme: ThemeName::Dark,
            mouse: true,
            images: ImageMode::Auto,
            page_size: PageSizes::default(),
            keys: BTreeMap::new(),
            refresh_secs: 0,
            default_account: None,
            accounts: Vec::new(),
        }
    }
}

/// The longest account name, in characters.
pub const MAX_NAME_CHARS: usize = 32;

/// One `[[accounts]]` entry of `config.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountConfig {
    pub name: String,
    /// Yunhu when left out (entries written before there was a second service).
    #[serde(default = "yunhu")]
    pub service: crate::service::Service,
    /// The API base URL; the service's default (for Yunhu: the top-level `server`) if unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
}

fn yunhu() -> crate::service::Service {
    crate::service::Service::Yunhu
}

/// Why an account name cannot be used. Names become directory names, so they are kept to
/// letters, digits, `-`, `_` and `.` (not first).
pub fn check_account_name(name: &str) -> Result<(), String> {
    let chars = name.chars().count();
    if chars == 0 {
        return Err("an account name cannot be empty".into());
    }
    if chars > MAX_NAME_CHARS {
        return Err(format!(
            "an account name is at most {MAX_NAME_CHARS} characters"
        ));
    }
    if name.starts_with(['.', '-']) {
        return Err(format!(
            "the account name {:?} cannot start with '.' or '-'",
            crate::sanitize::line(name)
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!(
            "the account name {:?} has {:?}; use letters, digits, '-', '_' and '.'",
            crate::sanitize::line(name),
            crate::sanitize::line(&bad.to_string())
        ));
    }
    Ok(())
}

/// Checks the accounts of a parsed `config.toml`: valid and unique names, servers that are
/// URLs, a `default_account` that is one of them.
fn check_accounts(settings: &Settings) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for account in &settings.accounts {
        check_account_name(&account.name)?;
        if !seen.insert(account.name.as_str()) {
            return Err(format!("two accounts are named {:?}", account.name));
        }
        if let Some(server) = &account.server
            && url::Url::parse(server).is_err()
        {
            return Err(format!(
                "the server {server:?} of account {:?} is not a URL",
                account.name
            ));
        }
        if account.server.is_none() && account.service.default_server().is_none() {
            return Err(crate::service::missing_server(
                account.service,
                &account.name,
            ));
        }
    }
    if let Some(default) = &settings.default_account
        && !settings.accounts.is_empty()
        && !seen.contains(default.as_str())
    {
        return Err(format!(
            "default_account = {default:?}, but no [[accounts]] entry has that name"
        ));
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{path}, line {line}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error(transparent)]
    Io(#[from] FileError),
    #[error("{0} could not be read when the app started, so it is not overwritten")]
    Broken(PathBuf),
}

/// The settings and where they came from.
#[derive(Debug, Clone)]
pub struct LoadedSettings {
    pub settings: Settings,
    pub path: PathBuf,
}

impl Settings {
    /// Parses a config file's text; errors name the file and line.
    pub fn parse(text: &str, path: &Path) -> Result<Settings, SettingsError> {
        let settings: Settings = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            SettingsError::Syntax {
                path: path.to_owned(),
                line,
                message: e.message().trim().to_owned(),
            }
        })?;
        settings.check(path)?;
        Ok(settings)
    }

    fn check(&self, path: &Path) -> Result<(), SettingsError> {
        let invalid = |message: String| {
            Err(SettingsError::Invalid {
                path: path.to_owned(),
                message,
            })
        };
        if url::Url::parse(&self.server).is_err() {
            return invalid(format!("server {:?} is not a URL", self.server));
        }
        for (name, size) in [
            ("coins", self.page_size.coins),
            ("groups", self.page_size.groups),
        ] {
            if !(1..=100).contains(&size) {
                return invalid(format!("page_size.{name} must be 1-100, not {size}"));
            }
        }
        if self.refresh_secs != 0 && !REFRESH_RANGE.contains(&self.refresh_secs) {
            return invalid(format!(
                "refresh_secs must be 0 (off) or {} to {}, not {}",
                REFRESH_RANGE.start(),
                REFRESH_RANGE.end(),
                self.refresh_secs
            ));
        }
        check_accounts(self).or_else(invalid)
    }

    /// Reads `dir/config.toml`; a missing file gives the defaults.
    pub fn load(dir: &Path) -> Result<LoadedSettings, SettingsError> {
        let path = dir.join(CONFIG_FILE);
        let settings = match crate::paths::read_config_file(&path)? {
            Some(text) => Settings::parse(&text, &path)?,
            None => Settings::default(),
        };
        Ok(LoadedSettings { settings, path })
    }

    /// Environment overrides: `YUNHU_SERVER`, `YUNHU_TUI_LANG` (zh/en), `NO_COLOR` is read
    /// by the theme.
    pub fn apply_env(&mut self) {
        if let Some(server) = env_server() {
            self.server = server;
        }
        match std::env::var("YUNHU_TUI_LANG").as_deref() {
            Ok("zh") => self.language = Language::Zh,
            Ok("en") => self.language = Language::En,
            _ => {}
        }
    }
}

/// `config.toml` as this instance knows it: where it is and what it held when last read or
/// written. Saving writes only what this instance changed since then, into the file as it
/// is now: another instance's changes are kept, and so are the user's comments and layout.
#[derive(Debug, Clone)]
pub struct SettingsFile {
    pub path: PathBuf,
    base: Settings,
}

impl SettingsFile {
    pub fn new(path: PathBuf, base: Settings) -> Self {
        SettingsFile { path, base }
    }

    /// What the file held when this instance last read or wrote it.
    pub fn base(&self) -> &Settings {
        &self.base
    }

    /// Writes the keys on which `new` differs from the base into the file as it is now, and
    /// returns the settings the file now holds (the merge).
    pub fn save(&mut self, new: &Settings) -> Result<Settings, SettingsError> {
        let path = &self.path;
        let invalid = |message: String| SettingsError::Invalid {
            path: path.clone(),
            message,
        };
        let current = crate::paths::read_config_file(path)?.unwrap_or_default();
        // A file that does not parse now is not overwritten: it holds someone's typing.
        Settings::parse(&current, path)?;
        let mut doc: toml_edit::DocumentMut = current
            .parse()
            .map_err(|e: toml_edit::TomlError| invalid(e.to_string()))?;
        let as_table = |s: &Settings| {
            toml::Table::try_from(s).map_err(|e| invalid(format!("cannot write settings: {e}")))
        };
        let (base, ours) = (as_table(&self.base)?, as_table(new)?);
        let ours_doc: toml_edit::DocumentMut = toml::to_string(new)
            .map_err(|e| invalid(e.to_string()))?
            .parse()
            .map_err(|e: toml_edit::TomlError| invalid(e.to_string()))?;
        merge_changes(doc.as_table_mut(), &base, &ours, ours_doc.as_table());
        let text = doc.to_string();
        let merged = Settings::parse(&text, path)?;
        if let Some(dir) = path.parent() {
            ensure_private_dir(dir)?;
        }
        write_atomic(path, text.as_bytes())?;
        self.base = merged.clone();
        Ok(merged)
    }
}

/// Puts into `doc` each key whose value differs between `base` and `ours`, recursing into
/// tables so that one changed page size does not rewrite the whole `[page_size]` table.
/// An existing value keeps its comments.
fn merge_changes(
    doc: &mut toml_edit::Table,
    base: &toml::Table,
    ours: &toml::Table,
    ours_doc: &toml_edit::Table,
) {
    let keys: std::collections::BTreeSet<&String> = base.keys().chain(ours.keys()).collect();
    for key in keys {
        let (before, after) = (base.get(key), ours.get(key));
        if before == after {
            continue;
        }
        match (after, ours_doc.get(key)) {
            (None, _) | (_, None) => {
                doc.remove(key);
            }
            (Some(toml::Value::Table(new_table)), Some(new_item)) => {
                let empty = toml::Table::new();
                let old_table = match before {
                    Some(toml::Value::Table(t)) => t,
                    _ => &empty,
                };
                match (
                    doc.get_mut(key).and_then(|i| i.as_table_mut()),
                    new_item.as_table(),
                ) {
                    (Some(existing), Some(new_doc_table)) => {
                        merge_changes(existing, old_table, new_table, new_doc_table)
                    }
                    _ => {
                        doc.insert(key, new_item.clone());
                    }
                }
            }
            (Some(_), Some(new_item)) => {
                let mut item = new_item.clone();
                if let (Some(old), Some(value)) =
                    (doc.get(key).and_then(|i| i.as_value()), item.as_value_mut())
                {
                    *value.decor_mut() = old.decor().clone();
                }
                // Assigned in place, so the key keeps its own decor (the comment above it).
                match doc.get_mut(key) {
                    Some(slot) => *slot = item,
                    None => {
                        doc.insert(key, item);
                    }
                }
            }
        }
    }
}

/// `YUNHU_SERVER`, when set and not blank.
pub fn env_server() -> Option<String> {
    std::env::var("YUNHU_SERVER")
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// Chinese when the locale says so, else English.
pub fn locale_is_chinese() -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .is_some_and(|v| v.to_lowercase().starts_with("zh"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_then_file_values() {
        let s = Settings::parse(
            "language = \"en\"\n[page_size]\ncoins = 20\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(s.language, Language::En);
        assert_eq!(
            s.page_size,
            PageSizes {
                coins: 20,
                groups: 30
            }
        );
        assert_eq!(s.server, DEFAULT_BASE_URL);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let err = Settings::parse(
            "theme = \"dark\"\n\nmouse = maybe\n",
            Path::new("/x/config.toml"),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("/x/config.toml, line 3: "), "{text}");
        let err = Settings::parse("thme = \"dark\"\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1") && err.contains("thme"), "{err}");
        let err = Settings::parse("[page_size]\ncoins = 0\n", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("page_size.coins"), "{err}");
        for (secs, ok) in [
            (0, true),
            (29, false),
            (30, true),
            (86_400, true),
            (86_401, false),
        ] {
            let parsed = Settings::parse(&format!("refresh_secs = {secs}\n"), Path::new("c.toml"));
            assert_eq!(parsed.is_ok(), ok, "refresh_secs = {secs}");
        }
    }

    #[test]
    fn saving_keeps_comments_and_another_instances_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        let original = "# my settings\ntheme = \"dark\"   # dark at night\n\n[page_size]\n# fewer rows on the laptop\ncoins = 20\n";
        std::fs::write(&path, original).unwrap();
        let a_loaded = Settings::load(dir.path()).unwrap().settings;
        let mut a = SettingsFile::new(path.clone(), a_loaded.clone());
        let mut b = SettingsFile::new(path.clone(), a_loaded.clone());
        // Instance B changes the language; then A, which never saw that, changes the theme.
        let b_new = Settings {
            language: Language::Zh,
            ..a_loaded.clone()
        };
        b.save(&b_new).unwrap();
        let a_new = Settings {
            theme: ThemeName::Light,
            ..a_loaded
        };
        let merged = a.save(&a_new).unwrap();
        assert_eq!(merged.language, Language::Zh, "B's change is kept");
        assert_eq!(merged.theme, ThemeName::Light);
        assert_eq!(merged.page_size.coins, 20);
        let text = std::fs::read_to_string(&path).unwrap();
        for comment in [
            "# my settings",
            "# dark at night",
            "# fewer rows on the laptop",
        ] {
            assert!(text.contains(comment), "{comment:?} lost:\n{text}");
        }
        assert_eq!(Settings::load(dir.path()).unwrap().settings, merged);
    }

    #[test]
    fn config_files_that_are_not_regular_or_too_large_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join(CONFIG_FILE)).unwrap();
        let err = Settings::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        std::fs::remove_file(dir.path().join(CONFIG_FILE)).unwrap();
        let fifo = dir.path().join(CONFIG_FILE);
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
        let err = Settings::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        std::fs::remove_file(&fifo).unwrap();
        std::fs::write(&fifo, vec![b'#'; 2 * 1024 * 1024]).unwrap();
        let err = Settings::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("larger than 1 MB"), "{err}");
    }

    #[test]
    fn save_and_load_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Settings {
            theme: ThemeName::Light,
            ..Settings::default()
        };
        s.keys.insert("quit".into(), vec!["x".into()]);
        SettingsFile::new(dir.path().join(CONFIG_FILE), Settings::default())
            .save(&s)
            .unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap().settings, s);
    }

    #[test]
    fn a_file_broken_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        let mut file = SettingsFile::new(path.clone(), Settings::default());
        // Someone is halfway through editing it by hand.
        std::fs::write(&path, "theme = \"li").unwrap();
        let new = Settings {
            theme: ThemeName::Light,
            ..Settings::default()
        };
        let err = file.save(&new).unwrap_err().to_string();
        assert!(err.contains("line 1"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theme = \"li");
    }
}
