//! The one-shot commands: connect, ask, print, exit. In this file the dispatch (on the
//! account's service) and the printing; `stored.rs` the commands over the local store
//! (`--offline`, `coins --all`), `login.rs` login and logout, `serve.rs` `serve-demo`,
//! `sealtalk/` every command of a SealTalk account, `chaoqer/` every command of a chaoqer
//! account.

mod chaoqer;
mod login;
mod sealtalk;
mod serve;
mod stored;

pub use login::{Password, read_password};
use login::{run_login, run_logout};
use serve::serve_demo;
use stored::{export, run_offline, stored_records, synced_store};

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::CommandFactory;

use crate::accounts::{Accounts, write_accounts};
use crate::api::model::CoinRecord;
use crate::api::{ApiClient, ApiError};
use crate::cli::{AvatarSource, CacheCommand, Cli, Command, FaultArgs, GlobalOpts, LangArg};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::output::{self, CoinListing, GroupListing, ProfileView};
use crate::paths::FileError;
use crate::service::Service;
use crate::settings::SettingsFile;
use crate::startup::{Purpose, Session, Setup, start_demo};
use crate::store::export::{ExportError, ExportFormat, export_coins};
use crate::store::sync::SyncError;
use crate::store::{Store, StoreError, SyncMode, SyncSummary, TimeRange, sync_coins};
use crate::{sanitize, store_commands, validate};

/// Kept here too for the tests that point a client at a demo server.
pub use crate::startup::demo_client_config;

/// Writes bytes to stdout; a closed pipe (`| head`) is not an error worth a message.
fn write_stdout(bytes: &[u8]) -> Result<(), AppError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(AppError::Output(e)),
        _ => Ok(()),
    }
}

/// Prints a result: JSON (C1, bidi and format characters escaped too) or the text body on
/// stdout, with the text's summary line on stderr so a pipe gets only the data. Everything
/// passes the sanitiser once more as a whole, whatever the formatting did.
fn emit(json: bool, value: serde_json::Value, text: output::Text) -> Result<(), AppError> {
    if json {
        let pretty =
            serde_json::to_string_pretty(&value).map_err(|e| AppError::Input(e.to_string()))?;
        let mut safe = sanitize::json(pretty);
        safe.push('\n');
        return write_stdout(safe.as_bytes());
    }
    write_stdout(sanitize::text(&text.body).as_bytes())?;
    if !text.summary.is_empty() {
        // stderr is best effort: a closed stderr must not turn success into failure.
        let _ = writeln!(
            std::io::stderr().lock(),
            "{}",
            sanitize::line(&text.summary)
        );
    }
    Ok(())
}

/// The language of the text output: `--lang`, else `YUNHU_TUI_LANG` when it says `zh` or
/// `en`, else English. `LANG` and config.toml are the dashboard's: a script's output does
/// not change with the locale.
pub fn cli_lang(global: &GlobalOpts) -> Lang {
    match global.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => match std::env::var("YUNHU_TUI_LANG")
            .ok()
            .as_deref()
            .map(str::trim)
        {
            Some("zh") => Lang::Zh,
            _ => Lang::En,
        },
    }
}

/// `completions SHELL`: the completion script on stdout.
pub fn print_completions(shell: clap_complete::Shell) -> Result<(), AppError> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "yunhu-tui", &mut script);
    write_stdout(&script)
}

/// `man`: the man page (roff) on stdout.
pub fn print_man_page() -> Result<(), AppError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| AppError::Input(format!("cannot render the man page: {e}")))?;
    write_stdout(&page)
}

/// The category `groups` asks for: the one given, which must be one the server lists
/// (else bad input, exit 2, naming the known ones), or the first.
pub fn choose_category(given: Option<String>, known: &[String]) -> Result<String, AppError> {
    match given {
        Some(c) if known.contains(&c) => Ok(c),
        Some(c) => Err(AppError::Input(format!(
            "unknown category '{c}'; the categories are: {}",
            known.join(", ")
        ))),
        None => known
            .first()
            .cloned()
            .ok_or_else(|| AppError::Input("the server lists no categories".into())),
    }
}

/// The service's share prefix for share links in `--json`; a failure costs only the links.
async fn share_prefix(client: &ApiClient) -> Option<String> {
    match client.distribution().await {
        Ok(d) if !d.share_url.trim().is_empty() => Some(d.share_url),
        Ok(_) => None,
        Err(e) => {
            eprintln!(
                "warning: no share links: {}",
                sanitize::line(&e.to_string())
            );
            None
        }
    }
}

/// Runs one command against the session's server and prints its result.
pub async fn run(global: &GlobalOpts, command: Command) -> Result<(), AppError> {
    match command {
        Command::ServeDemo { addr } => return serve_demo(addr, &global.faults).await,
        Command::Completions { shell } => return print_completions(shell),
        Command::Man => return print_man_page(),
        Command::Accounts { action } => {
            let json = global.json;
            return crate::account_commands::run(global, action, |value, text| {
                emit(json, value, text)
            });
        }
        _ => {}
    }
    if global.demo
        && crate::startup::demo_service(global.account.as_deref()) == Some(Service::Sealtalk)
    {
        return sealtalk::run_demo(global, command).await;
    }
    if global.demo
        && crate::startup::demo_service(global.account.as_deref()) == Some(Service::Chaoqer)
    {
        return chaoqer::run_demo(global, command).await;
    }
    if let Some((accounts, active)) = chosen_account(global)? {
        match accounts.list[active].service {
            Service::Sealtalk => return sealtalk::run(global, command, &accounts, active).await,
            Service::Chaoqer => return chaoqer::run(global, command, &accounts, active).await,
            Service::Yunhu => {}
        }
    }
    sealtalk::refuse_for_yunhu(&command)?;
    match command {
        Command::Login { email, .. } => {
            // `--email` or `--phone` is required, and `--phone` was refused just above.
            let email = email.unwrap_or_default();
            return run_login(global, &email).await;
        }
        Command::Logout => return run_logout(global).await,
        Command::Versions { .. } if !global.offline => return yunhu_versions(global).await,
        _ => {}
    }
    let session = crate::startup::connect(global, Purpose::OneShot).await?;
    for warning in &session.warnings {
        eprintln!("warning: {warning}");
    }
    let json = global.json;
    if let Command::Cache { action } = &command {
        let clear = matches!(action, Some(CacheCommand::Clear));
        return store_commands::run(&session, clear, |value, text| emit(json, value, text));
    }
    let style = output::Style::new(cli_lang(global), std::io::stdout().is_terminal());
    if global.offline {
        return run_offline(&session, command, json, style);
    }
    let client = &session.client;
    // Kept so that `--offline` has something; a failure is a warning (see `store_commands`).
    let saved = |result: Result<(), StoreError>| {
        if let Err(e) = result {
            store_commands::warn(&e);
        }
    };
    match command {
        Command::ServeDemo { .. }
        | Command::Completions { .. }
        | Command::Man
        | Command::Login { .. }
        | Command::Accounts { .. }
        | Command::Cache { .. }
        | Command::Logout
        | Command::Versions { .. } => Ok(()),
        // SealTalk's and chaoqer's commands: refused above for a Yunhu account.
        Command::Friends
        | Command::Blacklist
        | Command::Unblock { .. }
        | Command::SetGender { .. }
        | Command::ChangePassword { .. }
        | Command::ScreenCapture { .. }
        | Command::SendMessage { .. }
        | Command::Messages { .. }
        | Command::Unread
        | Command::SetBio { .. }
        | Command::CompleteProfile { .. }
        | Command::Cards
        | Command::Clubs
        | Command::Club { .. }
        | Command::Events
        | Command::Feedback { .. } => Err(AppError::Input(format!(
            "`{}` is not available for Yunhu accounts",
            sealtalk::command_name(&command)
        ))),
        Command::Profile => {
            let info = client.user_info().await?;
            let (user, data) = tokio::join!(client.get_user(&info.id), client.user_data());
            let view = ProfileView {
                info,
                user: user?,
                data: data?,
            };
            if let Some(store) = store_commands::online(&session, Some(&view.info.id)).await {
                saved(store.save_profile(&view));
            }
            emit(
                json,
                output::profile_json(&view),
                output::profile_text(&view, style),
            )
        }
        Command::Medals => {
            let medals = client.self_medals().await?;
            if let Some(store) = store_commands::online(&session, None).await {
                saved(store.save_medals(&medals));
            }
            emit(
                json,
                output::medals_json(&medals),
                output::medals_text(&medals, style),
            )
        }
        Command::Coins {
            page,
            size,
            all,
            format,
            since,
            until,
        } => {
            let (records, total, shown_page) = if all {
                let (store, summary) = synced_store(&session).await?;
                if let Some(format) = format {
                    return export(&store, TimeRange { since, until }, format, Some(&summary));
                }
                (stored_records(&store)?, summary.server_total, None)
            } else {
                let p = client.coin_records(page, size).await?;
                if let Some(store) = store_commands::online(&session, None).await {
                    saved(store.save_coin_page(&p.gold_coin_record).map(|_| ()));
                }
                (p.gold_coin_record, p.total, Some((page, size)))
            };
            let listing = CoinListing {
                records: &records,
                total,
                page: shown_page,
            };
            emit(
                json,
                output::coins_json(&listing),
                output::coins_text(&listing, style),
            )
        }
        Command::Categories => {
            let categories = client.categories().await?;
            if let Some(store) = store_commands::online(&session, None).await {
                saved(store.save_categories(&categories));
            }
            emit(
                json,
                output::categories_json(&categories),
                output::categories_text(&categories),
            )
        }
        Command::Groups {
            category,
            keyword,
            page,
            size,
        } => {
            let known = client.categories().await?;
            let category = choose_category(category, &known)?;
            let (groups, share_url) = if json {
                let (groups, share) = tokio::join!(
                    client.groups(&category, &keyword, page, size),
                    share_prefix(client)
                );
                (groups?, share)
            } else {
                (client.groups(&category, &keyword, page, size).await?, None)
            };
            // The dashboard's first view of a category: its first page, no keyword.
            if page == 1
                && keyword.is_empty()
                && let Some(store) = store_commands::online(&session, None).await
            {
                saved(store.save_categories(&known));
                saved(store.save_groups(&category, &groups));
            }
            let listing = GroupListing {
                category: &category,
                keyword: &keyword,
                page,
                size,
                groups: &groups,
                share_url: share_url.as_deref(),
            };
            emit(
                json,
                output::groups_json(&listing),
                output::groups_text(&listing, style),
            )
        }
        Command::Bots => {
            let (bots, share_url) = if json {
                let (bots, share) = tokio::join!(client.bots(), share_prefix(client));
                (bots?, share)
            } else {
                (client.bots().await?, None)
            };
            if let Some(store) = store_commands::online(&session, None).await {
                saved(store.save_bots(&bots));
            }
            emit(
                json,
                output::bots_json(&bots, share_url.as_deref()),
                output::bots_text(&bots, style),
            )
        }
        Command::SetNickname { name } => {
            let name = validate::nickname(&name)
                .map_err(|e| AppError::Input(format!("nickname refused: {e}")))?;
            client.edit_nickname(&name).await?;
            // Read it back: what is printed is what the server now has.
            let saved = client.user_info().await?.name;
            emit(
                json,
                serde_json::json!({"name": saved}),
                output::nickname_set(&saved, style),
            )
        }
        Command::SetAvatar { source } => {
            let url = match AvatarSource::parse(&source) {
                AvatarSource::Url(url) => {
                    client.edit_avatar(&url).await?;
                    url
                }
                AvatarSource::File(path) => client.set_avatar_file(&path).await?,
            };
            emit(
                json,
                serde_json::json!({"avatarUrl": url}),
                output::avatar_set(&url, style),
            )
        }
    }
}

/// The account a command runs as (`--account`, else the default), with every account;
/// `None` with `--demo`, whose accounts are Yunhu's. `config.toml` is only read here: the
/// Yunhu commands' own start migrates and reports as before.
fn chosen_account(global: &GlobalOpts) -> Result<Option<(Accounts, usize)>, AppError> {
    if global.demo {
        return Ok(None);
    }
    let dir = crate::paths::config_dir()?;
    let settings = crate::settings::Settings::load(&dir)?.settings;
    let accounts = Accounts::from_settings(&dir, &settings);
    let active = accounts
        .select(global.account.as_deref())
        .map_err(AppError::Input)?;
    Ok(Some((accounts, active)))
}

/// `versions` for a Yunhu account: M5 for each platform the settings pane shows (public:
/// no login needed; the user id is the saved one, else 0 as the pane sends).
async fn yunhu_versions(global: &GlobalOpts) -> Result<(), AppError> {
    let session = crate::startup::connect(global, Purpose::OneShot).await?;
    for warning in &session.warnings {
        eprintln!("warning: {warning}");
    }
    let user_id = session.account_id.clone().unwrap_or_else(|| "0".into());
    let platforms = crate::api::PLATFORMS;
    let answers = futures::future::join_all(
        platforms
            .iter()
            .map(|p| session.client.latest_version(p, &user_id)),
    )
    .await;
    let mut rows = Vec::with_capacity(platforms.len());
    for (platform, answer) in platforms.iter().zip(answers) {
        rows.push((*platform, answer?));
    }
    let style = output::Style::new(cli_lang(global), std::io::stdout().is_terminal());
    emit(
        global.json,
        output::yunhu_versions_json(&rows),
        output::yunhu_versions_text(&rows, style),
    )
}

/// Prints a note on stderr, best effort (a closed stderr must not turn success into failure).
pub(crate) fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", sanitize::line(text));
}

/// The server of a SealTalk or chaoqer account for this run: `--server`, else its own (these
/// services have no default one), checked to be an http(s) URL before anything is sent.
fn account_server(
    global: &GlobalOpts,
    accounts: &Accounts,
    account: &crate::accounts::Account,
) -> Result<String, AppError> {
    let server = match &global.server {
        Some(s) => s.clone(),
        None => accounts.require_server(account).map_err(AppError::Input)?,
    };
    let url = url::Url::parse(&server).map_err(|e| {
        AppError::Input(format!(
            "the server {:?} is not a URL: {e}",
            sanitize::line(&server)
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(AppError::Input(format!(
            "the server {:?} must be an http:// or https:// URL",
            sanitize::line(&server)
        )));
    }
    Ok(server)
}

/// `HOST` when `server` is plain HTTP and not on this machine, else `None` (a SealTalk
/// cookie or a chaoqer session would cross the network unencrypted).
fn plain_http_host(server: &str) -> Option<String> {
    crate::api::plain_http_warning(server)?;
    let host = url::Url::parse(server)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "the server".into());
    Some(sanitize::line(&host).into_owned())
}
