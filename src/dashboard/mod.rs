//! Starts the dashboard: the session (config.toml, the saved login, the demo server when
//! asked: see `startup`), the key map, the API actor, then the terminal loop. What the
//! dashboard's effects do is `runtime`.

mod runtime;

pub use runtime::{Runtime, copy_instead_of_opening};

use tokio::sync::mpsc;

use crate::api::actor;
use crate::app::keymap::Keymap;
use crate::app::session::start_session;
use crate::app::state::{AppState, Look, Screen, StatusLine};
use crate::app::switcher::{AccountEntry, Switcher};
use crate::cli::{GlobalOpts, LangArg};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::settings::{Language, SettingsFile};
use crate::startup::{AccountLink, Purpose, Session, Setup};
use crate::store::actor::{Opened, Place, StoreAccount, StoreHandle};

/// The language: flag, else config, else locale.
pub fn pick_lang(flag: Option<LangArg>, setting: Language) -> Lang {
    match (flag, setting) {
        (Some(LangArg::Zh), _) | (None, Language::Zh) => Lang::Zh,
        (Some(LangArg::En), _) | (None, Language::En) => Lang::En,
        (None, Language::Auto) if crate::settings::locale_is_chinese() => Lang::Zh,
        (None, Language::Auto) => Lang::En,
    }
}

/// The dashboard draws on a terminal and reads keys from one; with either redirected it
/// would write its screen into a file and wait for keys that never come.
pub fn check_terminal(stdin_tty: bool, stdout_tty: bool) -> Result<(), AppError> {
    if stdin_tty && stdout_tty {
        return Ok(());
    }
    let which = if stdout_tty { "stdin" } else { "stdout" };
    Err(AppError::Input(format!(
        "the dashboard needs a terminal, but {which} is not one; for scripts use the one-shot \
         commands (yunhu-tui profile, coins, groups …; see yunhu-tui --help)"
    )))
}

pub async fn run(global: &GlobalOpts) -> Result<(), AppError> {
    use std::io::IsTerminal;
    let setup = Setup::load(global, Purpose::Dashboard)?;
    let keymap = Keymap::from_overrides(&setup.settings().keys)
        .map_err(|e| AppError::Input(format!("{}: {e}", setup.settings_path().display())))?;
    // After the config (its errors are worth reporting either way), before anything starts.
    check_terminal(
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
    )?;
    let session = setup.connect(global).await?;
    let links = session.links()?;
    let entries: Vec<AccountEntry> = session
        .accounts
        .list
        .iter()
        .zip(&links)
        .map(|(account, link)| AccountEntry {
            name: account.name.clone(),
            service: account.service,
            server: if session.demo.is_some() {
                "demo".into()
            } else {
                session.accounts.server_of(account)
            },
            logged_in: link.logged_in,
            account_id: link.account_id.clone(),
        })
        .collect();
    let unlisted =
        (session.demo.is_none() && !session.token_from_env && session.account().implicit)
            .then(|| session.accounts.clone());
    let active = session.active;
    let mut warnings = session.warnings.clone();
    warnings.extend(links.iter().flat_map(|l| l.warnings.iter().cloned()));
    let Session {
        client,
        token,
        token_from_env,
        demo,
        sealtalk_demo,
        chaoqer_demo,
        store,
        file_settings,
        settings,
        settings_path,
        server_label,
        account_id,
        ..
    } = session;

    let lang = pick_lang(global.lang, settings.language);
    let look = Look {
        theme: settings.theme,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    let mut state = AppState::new(lang, look, keymap, settings.page_size.clone(), server_label);
    state.account.account_id = account_id;
    state.accounts = Switcher::new(entries.clone(), active);
    // The store thread has each account's client: coin histories sync into the store.
    state.sync_coins = true;
    // The session starts (and dates its data) before the first frame sets the clock.
    state.now_ms = crate::store::now_ms();
    state.export_dirs = crate::app::export::ExportDirs::of_user();
    // What the file says is what the settings pane edits and saves; the environment and
    // flags only layer over it for this run.
    state.settings = file_settings.clone();
    if !warnings.is_empty() {
        tracing::warn!(warnings = %warnings.join("; "), "login warnings");
        state.status = Some(StatusLine::new(
            crate::app::state::Msg::Plain(warnings.join("; ")),
            true,
            std::time::Instant::now(),
        ));
    }
    state.locale_lang = if crate::settings::locale_is_chinese() {
        Lang::Zh
    } else {
        Lang::En
    };
    // A SealTalk account shown first: its own client, login and id.
    let shown_sealtalk = links.get(active).and_then(|l| l.sealtalk.clone());
    // A chaoqer account shown first: the same (its own client, login and uid).
    let shown_chaoqer = links
        .get(active)
        .and_then(|l| l.chaoqer.as_ref())
        .map(|l| l.client.clone());
    let token = match (&shown_sealtalk, &shown_chaoqer, links.get(active)) {
        (Some(_), _, Some(link)) => {
            state.account.service = crate::service::Service::Sealtalk;
            state.account.account_id = link.account_id.clone();
            // Not a Yunhu token: only whether the account is logged in.
            link.logged_in.then(String::new)
        }
        (None, Some(_), Some(link)) => {
            state.account.service = crate::service::Service::Chaoqer;
            state.account.account_id = link.account_id.clone();
            link.logged_in.then(String::new)
        }
        _ => token,
    };
    let server = match (&shown_sealtalk, &shown_chaoqer, links.get(active)) {
        (Some(_), _, Some(link)) => link.client.config().base_url.clone(),
        (None, Some(cq), _) => cq.config().base_url.clone(),
        _ => client.config().base_url.clone(),
    };
    let (tx, rx) = mpsc::unbounded_channel();
    let api = actor::spawn(client, tx, |r| r);
    api.set_sealtalk(shown_sealtalk.map(|l| l.client));
    api.set_chaoqer(shown_chaoqer);
    // With YUNHU_TOKEN the saved id may be another account's: the store waits for `info`.
    let known_id = (!token_from_env)
        .then(|| state.account.account_id.clone())
        .flatten();
    let mut accounts = store_accounts(&links, &entries, active, demo.is_some(), &server, known_id);
    state.offline = global.offline;
    if token.is_some() || global.offline {
        open_shown_store(&mut state, &mut accounts, active);
    }
    let (store_tx, store_rx) = mpsc::unbounded_channel();
    let stores = StoreHandle::spawn(accounts, active, store_tx);
    let initial = if global.offline {
        // The store only: its panes, nothing sent (update holds any request).
        state.account.screen = Screen::Main;
        Vec::new()
    } else if token.is_some() {
        state.account.screen = Screen::Main;
        start_session(&mut state)
    } else {
        state.account.screen = Screen::Login;
        Vec::new()
    };
    // A token from YUNHU_TOKEN is never written to disk: logins then stay in memory too.
    let mut runtime = Runtime {
        api,
        store: (demo.is_none() && !token_from_env).then_some(store),
        links,
        active,
        unlisted,
        settings_file: Some(SettingsFile::new(settings_path, file_settings)),
        stores,
    };
    let ran = crate::tui::run(
        &mut state,
        &mut runtime,
        rx,
        store_rx,
        initial,
        settings.mouse,
    )
    .await;
    // The last answers written before the process ends.
    runtime.stores.finish();
    ran.map_err(AppError::Terminal)?;
    drop(demo);
    drop(sealtalk_demo);
    drop(chaoqer_demo);
    Ok(())
}

/// Opens the shown account's store and shows what it kept, so that the first frame has the
/// account's data (a few small snapshots: read here, before the first frame). A store that
/// cannot be opened is said once and not tried again.
pub fn open_shown_store(state: &mut AppState, accounts: &mut [StoreAccount], active: usize) {
    let Some(account) = accounts.get_mut(active) else {
        return;
    };
    if let Opened::Failed = account.opened {
        crate::app::stored::store_failed(state, "no data dir");
        return;
    }
    let (Place::Dir(dir), Some(id)) = (&account.place, &account.account_id) else {
        return;
    };
    let key = crate::store::StoreKey::new(account.service, &account.server, id);
    // `--offline` reads what is there and creates nothing.
    if state.offline && !dir.join(key.file_name()).exists() {
        return;
    }
    match crate::store::Store::open(dir, &key) {
        Ok(store) => {
            let (panes, error) = crate::store::protocol::load_panes(&store);
            crate::app::stored::show_stored(state, panes);
            // The first frame's pictures too (a few KB each), so it draws them.
            crate::app::pictures::load_at_start(state, &store);
            if let Some(e) = error {
                // A snapshot that does not read is left out; its next answer replaces it.
                tracing::warn!(error = %e, "a stored snapshot is left out");
            }
            account.opened = Opened::Open(Box::new(store));
        }
        Err(e) => {
            tracing::warn!(error = %e, "the local store is not used");
            crate::app::stored::store_failed(state, &e.to_string());
            account.opened = Opened::Failed;
        }
    }
}

/// Each account's store, in the switcher's order: in the data dir, or in memory on the demo
/// server. `shown_id` is the shown account's id when it is sure before `info` answers.
fn store_accounts(
    links: &[AccountLink],
    entries: &[AccountEntry],
    active: usize,
    demo: bool,
    shown_server: &str,
    shown_id: Option<String>,
) -> Vec<StoreAccount> {
    let dir = if demo {
        Ok(Place::Memory)
    } else {
        crate::paths::data_dir()
            .map(Place::Dir)
            .map_err(|e| e.to_string())
    };
    links
        .iter()
        .enumerate()
        .map(|(i, link)| {
            let (server, account_id) = if i == active {
                (shown_server.to_owned(), shown_id.clone())
            } else {
                (
                    link.client.config().base_url.clone(),
                    link.account_id.clone(),
                )
            };
            StoreAccount {
                service: entries
                    .get(i)
                    .map_or(crate::service::Service::Yunhu, |e| e.service),
                server,
                account_id,
                place: dir.clone().unwrap_or(Place::Memory),
                opened: if dir.is_ok() {
                    Opened::NotYet
                } else {
                    Opened::Failed
                },
                client: Some(link.client.clone()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Started without a terminal is bad input (2); a terminal that fails under the
    /// dashboard is its own failure (5), not bad input.
    #[test]
    fn no_terminal_is_bad_input_and_a_failing_one_is_a_terminal_failure() {
        assert!(check_terminal(true, true).is_ok());
        for (stdin_tty, stdout_tty, which) in [(false, true, "stdin"), (true, false, "stdout")] {
            let err = check_terminal(stdin_tty, stdout_tty).unwrap_err();
            assert_eq!(err.exit_code(), 2);
            assert!(
                err.to_string().contains(&format!("{which} is not one")),
                "{err}"
            );
        }
        let failed = AppError::Terminal(std::io::Error::other("broken pipe"));
        assert_eq!(failed.exit_code(), 5);
        assert_eq!(failed.to_string(), "terminal: broken pipe");
    }
}
