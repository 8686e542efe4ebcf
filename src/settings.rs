//! `config.toml`: the app settings, layered defaults → file → environment → flags. A broken
//! file is reported with its path and line and is never overwritten; writes are atomic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::api::DEFAULT_BASE_URL;
use crate::config::{ConfigError, ensure_private_dir, write_atomic};

pub const CONFIG_FILE: &str = "config.toml";

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
    pub page_size: PageSizes,
    /// Action name → keys, replacing that action's default keys (see `keymap`).
    pub keys: BTreeMap<String, Vec<String>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            server: DEFAULT_BASE_URL.into(),
            language: Language::Auto,
            theme: ThemeName::Dark,
            mouse: true,
            page_size: PageSizes::default(),
            keys: BTreeMap::new(),
        }
    }
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
    Io(#[from] ConfigError),
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
        Ok(())
    }

    /// Reads `dir/config.toml`; a missing file gives the defaults.
    pub fn load(dir: &Path) -> Result<LoadedSettings, SettingsError> {
        let path = dir.join(CONFIG_FILE);
        let settings = match std::fs::read_to_string(&path) {
            Ok(text) => Settings::parse(&text, &path)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
            Err(e) => return Err(ConfigError::Io { path, source: e }.into()),
        };
        Ok(LoadedSettings { settings, path })
    }

    /// Environment overrides: `YUNHU_SERVER`, `YUNHU_TUI_LANG` (zh/en), `NO_COLOR` is read
    /// by the theme.
    pub fn apply_env(&mut self) {
        if let Ok(server) = std::env::var("YUNHU_SERVER")
            && !server.trim().is_empty()
        {
            self.server = server.trim().to_owned();
        }
        match std::env::var("YUNHU_TUI_LANG").as_deref() {
            Ok("zh") => self.language = Language::Zh,
            Ok("en") => self.language = Language::En,
            _ => {}
        }
    }

    /// Saves atomically. Only called with settings that were loaded cleanly (or defaults).
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        if let Some(dir) = path.parent() {
            ensure_private_dir(dir)?;
        }
        let text = toml::to_string_pretty(self).map_err(|e| SettingsError::Invalid {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        write_atomic(path, text.as_bytes())?;
        Ok(())
    }
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
    }

    #[test]
    fn save_and_load_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Settings {
            theme: ThemeName::Light,
            ..Settings::default()
        };
        s.keys.insert("quit".into(), vec!["x".into()]);
        s.save(&dir.path().join(CONFIG_FILE)).unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap().settings, s);
    }
}
