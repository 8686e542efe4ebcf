//! Starts the dashboard: settings (defaults → config.toml → environment → flags), the saved
//! login, the demo server when asked, the API actor, then the terminal loop.

use tokio::sync::mpsc;

use crate::api::actor::{self, ApiHandle};
use crate::api::{ApiClient, ClientConfig};
use crate::app::action::Effect;
use crate::app::i18n::Lang;
use crate::app::keymap::Keymap;
use crate::app::state::{AppState, Look, Screen, StatusLine};
use crate::app::update::start_session;
use crate::cli::{GlobalOpts, LangArg};
use crate::config::{TokenStore, new_device_id};
use crate::oneshot::{CliError, demo_client_config};
use crate::settings::{Language, Settings, SettingsError};

/// Carries out effects for the real app: the actor, the token file, the clipboard.
pub struct Runtime {
    pub api: ApiHandle,
    /// `None` in demo mode: a demo login is never written over the real one.
    pub store: Option<TokenStore>,
    /// Where `config.toml` is saved.
    pub settings_path: Option<std::path::PathBuf>,
}

impl crate::tui::Effects for Runtime {
    fn apply(&mut self, state: &mut AppState, effect: Effect) {
        if let Err(e) = self.carry_out(effect) {
            // A file that cannot be written (the token, config.toml) is said in the status line.
            tracing::error!(error = %e, "cannot write a file");
            state.status = Some(StatusLine {
                text: e.to_string(),
                error: true,
            });
        }
    }
}

impl Runtime {
    fn carry_out(&mut self, effect: Effect) -> Result<(), SettingsError> {
        match effect {
            Effect::Api(id, command) => {
                self.api.send(id, command);
            }
            Effect::SetToken(token) => {
                self.api.set_token(token);
            }
            Effect::SaveToken(token) => {
                if let Some(store) = &self.store {
                    store.save_token(&token)?;
                }
            }
            Effect::DeleteToken => {
                if let Some(store) = &self.store {
                    store.delete_token()?;
                }
            }
            Effect::SaveAccountId(id) => {
                if let Some(store) = &self.store {
                    store.save_account_id(&id)?;
                }
            }
            Effect::Copy(text) => crate::tui::copy_to_clipboard(&text),
            Effect::SaveSettings(settings) => {
                if let Some(path) = &self.settings_path {
                    settings.save(path)?;
                }
            }
            // The terminal loop carries these out itself.
            Effect::SetMouse(_) | Effect::Suspend | Effect::Quit => {}
        }
        Ok(())
    }
}

/// The language: flag, else config, else locale.
pub fn pick_lang(flag: Option<LangArg>, setting: Language) -> Lang {
    match (flag, setting) {
        (Some(LangArg::Zh), _) | (None, Language::Zh) => Lang::Zh,
        (Some(LangArg::En), _) | (None, Language::En) => Lang::En,
        (None, Language::Auto) if crate::settings::locale_is_chinese() => Lang::Zh,
        (None, Language::Auto) => Lang::En,
    }
}

pub async fn run(global: &GlobalOpts) -> Result<(), CliError> {
    let store = TokenStore::open_default()?;
    let loaded = Settings::load(store.dir()).map_err(|e| CliError::Input(e.to_string()))?;
    // What the file says is what the settings pane edits and saves; the environment and
    // flags only layer over it for this run.
    let file_settings = loaded.settings.clone();
    let mut settings = loaded.settings;
    settings.apply_env();
    let keymap = Keymap::from_overrides(&settings.keys).map_err(|e| {
        CliError::Input(format!(
            "{}: {e}",
            store.dir().join(crate::settings::CONFIG_FILE).display()
        ))
    })?;
    let device_id = store.device_id().unwrap_or_else(|e| {
        tracing::warn!(error = %e, "cannot keep a device id; using a temporary one");
        new_device_id()
    });
    // Checked by `cli::parse_timeout` (finite, 0.01 to 3600 s): no clamping here.
    let timeout = std::time::Duration::from_secs_f64(global.timeout);
    let base = ClientConfig {
        timeout,
        device_id,
        ..ClientConfig::default()
    };

    let (demo, client, token, account_id, server_label) = if global.demo {
        let server = crate::oneshot::start_demo(([127, 0, 0, 1], 0).into(), &global.faults).await?;
        let vip = server.handle().logins().into_iter().next();
        let client = ApiClient::new(demo_client_config(&server, base))?;
        let label = format!("{} (demo)", server.base_url());
        (
            Some(server),
            client,
            vip.as_ref().map(|l| l.token.clone()),
            vip.map(|l| l.id),
            label,
        )
    } else {
        let config = crate::oneshot::server_client_config(global, &settings.server, base);
        let server = config.base_url.clone();
        let token = crate::oneshot::saved_token(&store)?;
        (
            None,
            ApiClient::new(config)?,
            token,
            store.load_account_id(),
            server,
        )
    };

    let lang = pick_lang(global.lang, settings.language);
    let look = Look {
        theme: settings.theme,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    let mut state = AppState::new(lang, look, keymap, settings.page_size.clone(), server_label);
    state.account_id = account_id;
    state.settings = file_settings;
    state.locale_lang = if crate::settings::locale_is_chinese() {
        Lang::Zh
    } else {
        Lang::En
    };
    let (tx, rx) = mpsc::unbounded_channel();
    let api = actor::spawn(client.with_token(token.clone()), tx, |r| r);
    let initial = if token.is_some() {
        state.screen = Screen::Main;
        start_session(&mut state)
    } else {
        state.screen = Screen::Login;
        Vec::new()
    };
    // A token from YUNHU_TOKEN is never written to disk: logins then stay in memory too.
    let from_env = crate::oneshot::env_token().is_some();
    let mut runtime = Runtime {
        api,
        store: (demo.is_none() && !from_env).then_some(store),
        settings_path: Some(loaded.path),
    };
    crate::tui::run(&mut state, &mut runtime, rx, initial, settings.mouse)
        .await
        .map_err(|e| CliError::Input(format!("terminal: {e}")))?;
    drop(demo);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::Effects;

    fn state() -> AppState {
        let look = Look {
            theme: crate::settings::ThemeName::Dark,
            no_color: false,
        };
        AppState::new(
            Lang::En,
            look,
            Keymap::default(),
            Default::default(),
            "http://x".into(),
        )
    }

    #[tokio::test]
    async fn a_file_that_cannot_be_written_is_said_in_the_status_line() {
        let dir = tempfile::tempdir().unwrap();
        // A regular file where a directory must go: every write under it fails.
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, "x").unwrap();
        let client = ApiClient::new(ClientConfig::default()).unwrap();
        let (tx, _rx) = mpsc::unbounded_channel();
        let api = actor::spawn(client, tx, |r| r);
        let mut runtime = Runtime {
            api,
            store: Some(TokenStore::new(blocker.join("cfg"))),
            settings_path: Some(blocker.join("config.toml")),
        };
        let mut st = state();
        runtime.apply(&mut st, Effect::SaveToken("secret-token".into()));
        let status = st.status.take().expect("a status");
        assert!(
            status.error && status.text.contains("not-a-dir"),
            "{}",
            status.text
        );
        assert!(!status.text.contains("secret-token"));
        runtime.apply(&mut st, Effect::SaveSettings(Settings::default()));
        let status = st.status.take().expect("a status");
        assert!(
            status.error && status.text.contains("not-a-dir"),
            "{}",
            status.text
        );
        // Writes that work leave the status alone.
        runtime.store = Some(TokenStore::new(dir.path().join("ok")));
        runtime.apply(&mut st, Effect::SaveToken("t".into()));
        assert_eq!(st.status, None);
    }
}
