//! One way to start a session, for the dashboard and the one-shot commands alike: the config
//! dir and `config.toml`, the accounts and the one chosen (`--account`, else the default),
//! the device id, the token (`YUNHU_TOKEN`, else the account's saved login), the API client,
//! and the embedded demo server when `--demo` is given.
//!
//! In two halves, so the dashboard can check its keys and the terminal after the config is
//! read and before anything starts: [`Setup::load`], then [`Setup::connect`]. The one-shot
//! commands take both at once with [`connect`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::accounts::{Account, Accounts, migrate_legacy_login};
use crate::api::{ApiClient, ClientConfig};
use crate::cli::{FaultArgs, GlobalOpts};
use crate::demo::{DemoServer, FaultPlan};
use crate::error::AppError;
use crate::secrets::{BadEnvToken, TokenStore, new_device_id};
use crate::service::Service;
use crate::settings::{CONFIG_FILE, Settings, SettingsFile};

/// The demo servers' accounts: Yunhu's in the order of its data (the VIP one, then the basic
/// one), then the SealTalk demo server's, then the chaoqer demo gateway's.
pub const DEMO_ACCOUNTS: [(&str, Service); 4] = [
    ("demo-vip", Service::Yunhu),
    ("demo-basic", Service::Yunhu),
    ("demo-sealtalk", Service::Sealtalk),
    ("demo-chaoqer", Service::Chaoqer),
];

/// The service of the `--demo` account named `name` (none named: the first, Yunhu's).
pub fn demo_service(name: Option<&str>) -> Option<Service> {
    match name {
        None => DEMO_ACCOUNTS.first().map(|(_, service)| *service),
        Some(name) => DEMO_ACCOUNTS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, service)| *service),
    }
}

/// Who the session is for: it decides what is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The dashboard: `config.toml` is read, demo or not (keys, theme, page sizes, …).
    Dashboard,
    /// A one-shot command: `config.toml` is read for its server only, so not with `--demo`.
    OneShot,
}

/// A session ready to use.
pub struct Session {
    /// The client, its token (if any) set.
    pub client: ApiClient,
    pub token: Option<String>,
    /// The token came from `YUNHU_TOKEN`: it is never written anywhere (nor is a later login).
    pub token_from_env: bool,
    /// The embedded demo server (`--demo`); it stops when dropped.
    pub demo: Option<DemoServer>,
    /// The embedded SealTalk demo server and its account's session (`--demo`).
    pub sealtalk_demo: Option<crate::startup_sealtalk::SealtalkDemo>,
    /// The embedded chaoqer demo gateway and its account's session (`--demo`).
    pub chaoqer_demo: Option<crate::startup_chaoqer::ChaoqerDemo>,
    /// The saved login of the config dir (in demo mode too, though a demo login is never
    /// saved: see the dashboard).
    pub store: TokenStore,
    /// `config.toml` as read (the defaults when there is none, or when it is not read): what
    /// the settings pane edits and saves.
    pub file_settings: Settings,
    /// The file's settings with the environment over them (`YUNHU_SERVER`,
    /// `YUNHU_TUI_LANG`), for this run only.
    pub settings: Settings,
    /// Where `config.toml` is.
    pub settings_path: PathBuf,
    /// The server as shown: the API base URL, or the demo's with `(demo)`.
    pub server_label: String,
    /// What the user should know before the token is sent: a token file others can read or
    /// that is a symlink, a plain-HTTP server on another machine. The CLI prints them on
    /// stderr, the dashboard in its status line.
    pub warnings: Vec<String>,
    /// The own account id: the demo VIP account's, else the last session's (not secret).
    pub account_id: Option<String>,
    /// Every account, and which one this session is for.
    pub accounts: Accounts,
    pub active: usize,
    /// The client settings every account shares (timeout, device id).
    base: ClientConfig,
}

/// What the dashboard needs to switch to an account: its client (its server, its token)
/// and where its login is saved.
pub struct AccountLink {
    pub client: ApiClient,
    /// `None` on the demo server and for a `YUNHU_TOKEN` login: nothing is written then.
    pub store: Option<TokenStore>,
    pub logged_in: bool,
    /// The own account id of its last session (not secret).
    pub account_id: Option<String>,
    /// What the user should know before its token is sent (see [`login_warnings`]).
    pub warnings: Vec<String>,
    /// A SealTalk account's own client and cookie file (`client` above is then unused but
    /// for its base URL, which names the account's store).
    pub sealtalk: Option<crate::startup_sealtalk::SealtalkLink>,
    /// A chaoqer account's own client and session file (`client` above is then unused but
    /// for its base URL, which names the account's store).
    pub chaoqer: Option<crate::startup_chaoqer::ChaoqerLink>,
}

impl Session {
    /// The account this session is for.
    pub fn account(&self) -> &Account {
        &self.accounts.list[self.active]
    }

    /// Every account's link, in the order of `accounts`. The chosen account's is this
    /// session's (with `YUNHU_TOKEN` and `--server` if given); the others use their own
    /// server and saved login. A saved login that cannot be read is a warning, and that
    /// account starts on its login screen.
    pub fn links(&self) -> Result<Vec<AccountLink>, AppError> {
        let mut links = Vec::with_capacity(self.accounts.list.len());
        for (i, account) in self.accounts.list.iter().enumerate() {
            if account.service == Service::Sealtalk {
                links.push(self.sealtalk_link(account)?);
                continue;
            }
            if account.service == Service::Chaoqer {
                links.push(self.chaoqer_link(account)?);
                continue;
            }
            if i == self.active {
                let writes = self.demo.is_none() && !self.token_from_env;
                links.push(AccountLink {
                    client: self.client.clone(),
                    store: writes.then(|| self.store.clone()),
                    logged_in: self.token.is_some(),
                    account_id: self.account_id.clone(),
                    warnings: Vec::new(),
                    sealtalk: None,
                    chaoqer: None,
                });
                continue;
            }
            if let Some(server) = &self.demo {
                let login = server.handle().logins().into_iter().nth(i);
                let token = login.as_ref().map(|l| l.token.clone());
                links.push(AccountLink {
                    client: ApiClient::new(demo_client_config(server, self.base.clone()))?
                        .with_token(token.clone()),
                    store: None,
                    logged_in: token.is_some(),
                    account_id: login.map(|l| l.id),
                    warnings: Vec::new(),
                    sealtalk: None,
                    chaoqer: None,
                });
                continue;
            }
            let store = account.store();
            let mut warnings = Vec::new();
            let token = store.load_token().unwrap_or_else(|e| {
                warnings.push(format!("{}: {e}", account.name));
                None
            });
            let server = self.accounts.server_of(account);
            warnings.extend(
                login_warnings(&store, &server, token.is_some())
                    .into_iter()
                    .map(|w| format!("{}: {w}", account.name)),
            );
            let config = ClientConfig {
                base_url: server,
                ..self.base.clone()
            };
            links.push(AccountLink {
                client: ApiClient::new(config)?.with_token(token.clone()),
                logged_in: token.is_some(),
                account_id: store.load_account_id(),
                store: Some(store),
                warnings,
                sealtalk: None,
                chaoqer: None,
            });
        }
        Ok(links)
    }

    /// A SealTalk account's link: the demo's (in memory), else its saved cookie's.
    fn sealtalk_link(&self, account: &Account) -> Result<AccountLink, AppError> {
        let start = match &self.sealtalk_demo {
            Some(demo) => demo.start_of(self.base.timeout)?,
            None => {
                let server = self.accounts.server_of(account);
                let mut start =
                    crate::startup_sealtalk::saved_account(account, &server, self.base.timeout)?;
                start.warnings.extend(self.missing_server(account, &server));
                start
            }
        };
        let id = start.session.as_ref().map(|s| s.user_id.clone());
        let server = start.link.client.config().base_url.clone();
        Ok(AccountLink {
            sealtalk: Some(start.link),
            ..self.service_link(account, server, id, start.warnings)?
        })
    }

    /// A chaoqer account's link: the demo's (in memory), else its saved session's.
    fn chaoqer_link(&self, account: &Account) -> Result<AccountLink, AppError> {
        let start = match &self.chaoqer_demo {
            Some(demo) => demo.start_of(self.base.timeout)?,
            None => {
                let server = self.accounts.server_of(account);
                let mut start =
                    crate::startup_chaoqer::saved_account(account, &server, self.base.timeout)?;
                start.warnings.extend(self.missing_server(account, &server));
                start
            }
        };
        let id = start.session.as_ref().map(|s| s.uid.clone());
        let server = start.link.client.config().base_url.clone();
        Ok(AccountLink {
            chaoqer: Some(start.link),
            ..self.service_link(account, server, id, start.warnings)?
        })
    }

    /// A SealTalk or chaoqer account without a server says so (it has no default one).
    fn missing_server(&self, account: &Account, server: &str) -> Option<String> {
        server
            .is_empty()
            .then(|| crate::service::missing_server(account.service, &account.name))
    }

    /// What a SealTalk or chaoqer account's link has beside its own client: a Yunhu client
    /// (unused, but the runtime keeps one per account) at its server, whether it is logged
    /// in (its own id known), and its warnings named after it.
    fn service_link(
        &self,
        account: &Account,
        server: String,
        id: Option<String>,
        warnings: Vec<String>,
    ) -> Result<AccountLink, AppError> {
        let config = ClientConfig {
            base_url: server,
            ..self.base.clone()
        };
        Ok(AccountLink {
            client: ApiClient::new(config)?,
            store: None,
            logged_in: id.is_some(),
            account_id: id,
            warnings: warnings
                .into_iter()
                .map(|w| format!("{}: {w}", account.name))
                .collect(),
            sealtalk: None,
            chaoqer: None,
        })
    }
}

/// The first half of a start: the config dir and `config.toml`, read before anything starts.
pub struct Setup {
    /// The config dir: the device id is kept there.
    root: TokenStore,
    accounts: Accounts,
    active: usize,
    file_settings: Settings,
    settings: Settings,
    settings_path: PathBuf,
    /// What the start did that the user should know (a migrated login).
    notices: Vec<String>,
    purpose: Purpose,
}

/// Both halves at once.
pub async fn connect(global: &GlobalOpts, purpose: Purpose) -> Result<Session, AppError> {
    Setup::load(global, purpose)?.connect(global).await
}

impl Setup {
    /// The config dir of `YUNHU_TUI_CONFIG_DIR` (or the platform's) and its `config.toml`.
    pub fn load(global: &GlobalOpts, purpose: Purpose) -> Result<Setup, AppError> {
        Setup::load_in(TokenStore::open_default()?, global, purpose)
    }

    /// As [`Setup::load`], for the config dir of `store`.
    pub fn load_in(
        store: TokenStore,
        global: &GlobalOpts,
        purpose: Purpose,
    ) -> Result<Setup, AppError> {
        let root = store;
        let settings_path = root.dir().join(CONFIG_FILE);
        // Defaults → config.toml → environment → flags (`--server` over `YUNHU_SERVER`: clap
        // gives the flag precedence, see `server_client_config`).
        let mut file_settings = if purpose == Purpose::Dashboard || !global.demo {
            Settings::load(root.dir())?.settings
        } else {
            Settings::default()
        };
        let mut notices = Vec::new();
        if !global.demo {
            // An older version's single login becomes the account `default`; a failure is
            // said, and the login is used where it is.
            let mut file = SettingsFile::new(settings_path.clone(), file_settings.clone());
            match migrate_legacy_login(root.dir(), &mut file, &mut file_settings) {
                Ok(done) => notices.extend(done),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot move the saved login to an account");
                    notices.push(format!("the saved login was not moved to an account: {e}"));
                }
            }
        }
        let mut settings = file_settings.clone();
        settings.apply_env();
        let accounts = if global.demo {
            Accounts::demo(&DEMO_ACCOUNTS, "")
        } else {
            Accounts::from_settings(root.dir(), &settings)
        };
        let active = accounts
            .select(global.account.as_deref())
            .map_err(AppError::Input)?;
        Ok(Setup {
            root,
            accounts,
            active,
            file_settings,
            settings,
            settings_path,
            notices,
            purpose,
        })
    }

    /// The account chosen, and every account.
    pub fn accounts(&self) -> (&Accounts, usize) {
        (&self.accounts, self.active)
    }

    /// The settings in effect for this run (the file's, the environment over them).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Where `config.toml` is.
    pub fn settings_path(&self) -> &Path {
        &self.settings_path
    }

    /// The second half: the device id, the token, the client; the demo server first when
    /// `--demo` is given.
    pub async fn connect(self, global: &GlobalOpts) -> Result<Session, AppError> {
        self.connect_with(global, crate::secrets::env_token()).await
    }

    /// The second half for `login` and `logout`, which manage the saved login whatever
    /// `YUNHU_TOKEN` says: the token is the saved login's (read, so that a save or a delete
    /// can tell whether another instance changed the file since), or with `--demo` the demo
    /// VIP account's. `YUNHU_TOKEN` is neither read nor used (`token_from_env` is false).
    pub async fn connect_saved_login(self, global: &GlobalOpts) -> Result<Session, AppError> {
        self.connect_with(global, Ok(None)).await
    }

    /// The second half, with `env` standing for `YUNHU_TOKEN`.
    async fn connect_with(
        self,
        global: &GlobalOpts,
        env: Result<Option<String>, BadEnvToken>,
    ) -> Result<Session, AppError> {
        let Setup {
            root,
            mut accounts,
            active,
            file_settings,
            settings,
            settings_path,
            notices,
            purpose,
        } = self;
        // The device id is kept for the service's sake; a read-only config dir must not stop
        // a session, so fall back to an id for this run only.
        // `--demo` touches no file: its device id is for this run only.
        let device_id = if global.demo {
            new_device_id()
        } else {
            root.device_id().unwrap_or_else(|e| {
                tracing::warn!(error = %e, "cannot keep a device id; using a temporary one");
                new_device_id()
            })
        };
        // `global.timeout` was checked by `cli::parse_timeout` (finite, 0.01 to 3600 s): no
        // clamping here.
        let base = ClientConfig {
            timeout: Duration::from_secs_f64(global.timeout),
            device_id,
            ..ClientConfig::default()
        };
        if global.demo {
            let server = start_demo(([127, 0, 0, 1], 0).into(), &global.faults).await?;
            // The demo accounts are the server's, in its order (VIP first).
            let login = server.handle().logins().into_iter().nth(active);
            let token = login.as_ref().map(|l| l.token.clone());
            let client = ApiClient::new(demo_client_config(&server, base.clone()))?
                .with_token(token.clone());
            let server_label = format!("{} (demo)", server.base_url());
            accounts = Accounts::demo(&DEMO_ACCOUNTS, &server.base_url());
            // The dashboard shows the SealTalk demo account too; a one-shot command does
            // not need its server.
            let sealtalk_demo = if purpose == Purpose::Dashboard {
                let demo = crate::startup_sealtalk::SealtalkDemo::start(base.timeout).await?;
                for account in &mut accounts.list {
                    if account.service == Service::Sealtalk {
                        account.server = Some(demo.server.base_url());
                    }
                }
                Some(demo)
            } else {
                None
            };
            let chaoqer_demo = if purpose == Purpose::Dashboard {
                let demo = crate::startup_chaoqer::ChaoqerDemo::start(base.timeout).await?;
                for account in &mut accounts.list {
                    if account.service == Service::Chaoqer {
                        account.server = Some(demo.server.base_url());
                    }
                }
                Some(demo)
            } else {
                None
            };
            return Ok(Session {
                client,
                token,
                token_from_env: false,
                demo: Some(server),
                sealtalk_demo,
                chaoqer_demo,
                store: root,
                file_settings,
                settings,
                settings_path,
                server_label,
                warnings: notices,
                account_id: login.map(|l| l.id),
                accounts,
                active,
                base,
            });
        }
        let account = &accounts.list[active];
        let store = account.store();
        let config = server_client_config(global, &accounts.server_of(account), base.clone());
        let server_label = config.base_url.clone();
        let (token, token_from_env) = pick_token(env, &store)?;
        // What is unsafe first: a status line may be cut at the right.
        let mut warnings = login_warnings(&store, &server_label, token.is_some());
        warnings.extend(notices);
        let client = ApiClient::new(config)?.with_token(token.clone());
        let account_id = store.load_account_id();
        Ok(Session {
            client,
            token,
            token_from_env,
            demo: None,
            sealtalk_demo: None,
            chaoqer_demo: None,
            store,
            file_settings,
            settings,
            settings_path,
            server_label,
            warnings,
            account_id,
            accounts,
            active,
            base,
        })
    }
}

/// `YUNHU_TOKEN` (`env`) when set, else the saved login; true when it came from the
/// environment. A `YUNHU_TOKEN` that cannot be a token is bad input (exit 2), never a silent
/// fall-back to the saved login.
pub fn pick_token(
    env: Result<Option<String>, BadEnvToken>,
    store: &TokenStore,
) -> Result<(Option<String>, bool), AppError> {
    match env {
        Ok(Some(t)) => Ok((Some(t), true)),
        Ok(None) => Ok((store.load_token()?, false)),
        Err(e) => Err(AppError::Input(e.to_string())),
    }
}

/// What the user should know before a token is sent: a token file others can read or that
/// is a symlink (not followed), and a plain-HTTP server that is not on this machine.
pub fn login_warnings(store: &TokenStore, base_url: &str, has_token: bool) -> Vec<String> {
    let mut warnings: Vec<String> = store.warning().into_iter().collect();
    if has_token && let Some(w) = crate::api::plain_http_warning(base_url) {
        warnings.push(w);
    }
    warnings
}

/// The client config for a real server: `--server` (or `YUNHU_SERVER`) over config.toml's,
/// and the upload host and image base when given.
pub fn server_client_config(
    global: &GlobalOpts,
    configured: &str,
    base: ClientConfig,
) -> ClientConfig {
    let mut config = ClientConfig {
        base_url: global
            .server
            .clone()
            .or_else(crate::settings::env_server)
            .unwrap_or_else(|| configured.to_owned()),
        ..base
    };
    if let Some(upload) = &global.upload_url {
        config.upload_url = upload.clone();
    }
    if let Some(images) = &global.image_base {
        config.image_base = images.clone();
    }
    config
}

/// Points a client config at a demo server: API, upload host and image CDN are all on it.
pub fn demo_client_config(server: &DemoServer, base: ClientConfig) -> ClientConfig {
    let url = server.base_url();
    ClientConfig {
        base_url: url.clone(),
        upload_url: format!("{url}/"),
        image_base: format!("{url}/img/"),
        ..base
    }
}

/// The fault plan the flags describe. `--fault` alone makes every request fail.
pub fn fault_plan(args: &FaultArgs) -> Result<FaultPlan, AppError> {
    if !(0.0..=1.0).contains(&args.fail_rate) {
        return Err(AppError::Input(format!(
            "--fail-rate must be between 0 and 1, not {}",
            args.fail_rate
        )));
    }
    let fail_rate = if args.fault.is_some() && args.fail_rate == 0.0 {
        1.0
    } else {
        args.fail_rate
    };
    Ok(FaultPlan {
        latency_ms: args.latency_ms,
        fail_rate,
        mode: args.fault.unwrap_or_default(),
        ..FaultPlan::default()
    })
}

/// Starts a demo server as the flags describe (faults, a generated coin history).
pub async fn start_demo(
    addr: std::net::SocketAddr,
    args: &FaultArgs,
) -> Result<DemoServer, AppError> {
    let server = DemoServer::start_with(addr, fault_plan(args)?).await?;
    if let Some(n) = args.demo_coin_records {
        server.handle().generate_coin_history(n);
    }
    Ok(server)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn global(args: &[&str]) -> GlobalOpts {
        let mut argv = vec!["yunhu-tui"];
        argv.extend_from_slice(args);
        crate::cli::Cli::parse_from(argv).global
    }

    #[test]
    fn yunhu_token_wins_and_a_bad_one_is_bad_input_not_a_fall_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = TokenStore::new(dir.path().to_owned());
        store.save_token("saved-token").unwrap();
        let (token, from_env) = pick_token(Ok(Some("env-token".into())), &store).unwrap();
        assert_eq!((token.as_deref(), from_env), (Some("env-token"), true));
        let (token, from_env) = pick_token(Ok(None), &store).unwrap();
        assert_eq!((token.as_deref(), from_env), (Some("saved-token"), false));
        let err = pick_token(Err(BadEnvToken("is not valid UTF-8")), &store).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert_eq!(err.to_string(), "YUNHU_TOKEN is not valid UTF-8");
    }

    #[test]
    fn flags_choose_the_server_upload_host_and_image_base() {
        let g = global(&["--server", "http://127.0.0.1:1", "profile"]);
        let c = server_client_config(&g, "https://configured.example", ClientConfig::default());
        assert_eq!(c.base_url, "http://127.0.0.1:1");
        let g = global(&[
            "--upload-url",
            "http://u.example/",
            "--image-base",
            "http://i.example/",
            "profile",
        ]);
        let c = server_client_config(&g, "https://configured.example", ClientConfig::default());
        // Without --server: YUNHU_SERVER when the environment has it, else config.toml's.
        let expected =
            crate::settings::env_server().unwrap_or_else(|| "https://configured.example".into());
        assert_eq!(
            (
                c.base_url.as_str(),
                c.upload_url.as_str(),
                c.image_base.as_str()
            ),
            (expected.as_str(), "http://u.example/", "http://i.example/")
        );
    }

    #[test]
    fn a_one_shot_demo_command_does_not_read_config_toml_but_the_dashboard_does() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "server = [broken").unwrap();
        let store = || TokenStore::new(dir.path().to_owned());
        let demo = global(&["--demo", "profile"]);
        assert!(Setup::load_in(store(), &demo, Purpose::OneShot).is_ok());
        let err = Setup::load_in(store(), &demo, Purpose::Dashboard)
            .err()
            .expect("a broken config.toml");
        assert_eq!(err.exit_code(), 2, "{err}");
        assert!(err.to_string().contains("config.toml"), "{err}");
        let real = global(&["profile"]);
        let err = Setup::load_in(store(), &real, Purpose::OneShot)
            .err()
            .expect("a broken config.toml");
        assert_eq!(err.exit_code(), 2, "{err}");
    }

    #[tokio::test]
    async fn a_demo_session_is_logged_in_to_the_vip_account_and_saves_nothing_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = TokenStore::new(dir.path().join("cfg"));
        let g = global(&["--demo", "profile"]);
        let session = Setup::load_in(store, &g, Purpose::Dashboard)
            .unwrap()
            .connect(&g)
            .await
            .unwrap();
        let demo = session.demo.as_ref().expect("a demo server");
        let vip = demo
            .handle()
            .logins()
            .into_iter()
            .next()
            .expect("a VIP login");
        assert_eq!(session.token.as_deref(), Some(vip.token.as_str()));
        assert_eq!(session.account_id.as_deref(), Some(vip.id.as_str()));
        assert!(!session.token_from_env && session.warnings.is_empty());
        assert_eq!(session.server_label, format!("{} (demo)", demo.base_url()));
        assert_eq!(
            session.settings_path,
            dir.path().join("cfg").join(CONFIG_FILE)
        );
        assert!(session.store.load_token().unwrap().is_none());
        let info = session.client.user_info().await.unwrap();
        assert_eq!(info.id, vip.id);
    }
}
