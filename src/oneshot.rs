//! The one-shot commands: connect, ask, print, exit. Also `serve-demo`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::CommandFactory;

use crate::accounts::write_accounts;
use crate::api::model::CoinRecord;
use crate::api::{ApiClient, ApiError};
use crate::cli::{AvatarSource, CacheCommand, Cli, Command, FaultArgs, GlobalOpts, LangArg};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::output::{self, CoinListing, GroupListing, ProfileView};
use crate::paths::FileError;
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
        Command::Login { email, .. } => return run_login(global, &email).await,
        Command::Accounts { action } => {
            let json = global.json;
            return crate::account_commands::run(global, action, |value, text| {
                emit(json, value, text)
            });
        }
        Command::Logout => return run_logout(global).await,
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
        | Command::Logout => Ok(()),
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

/// The session's store with the coin history synced into it: on disk when it can be, else
/// in memory for this run (a store that fails is a warning, not the command's failure).
async fn synced_store(session: &Session) -> Result<(Store, SyncSummary), AppError> {
    if let Some(store) = store_commands::online(session, None).await {
        match sync_coins(&session.client, &store, SyncMode::Incremental).await {
            Ok(summary) => return Ok((store, summary)),
            Err(SyncError::Api(e)) => return Err(e.into()),
            Err(SyncError::Store(e)) => store_commands::warn(&e),
            Err(SyncError::Busy) => {}
        }
    }
    let id = session.account_id.clone().unwrap_or_default();
    let key = crate::store::StoreKey::new(
        session.account().service,
        &session.client.config().base_url,
        &id,
    );
    let store = Store::open_in_memory(&key).map_err(|e| AppError::Offline(e.to_string()))?;
    match sync_coins(&session.client, &store, SyncMode::Incremental).await {
        Ok(summary) => Ok((store, summary)),
        Err(SyncError::Api(e)) => Err(e.into()),
        Err(e) => Err(AppError::Offline(e.to_string())),
    }
}

/// Every stored record, newest first (for the text and JSON listings of `coins --all`;
/// `--format` streams instead).
fn stored_records(store: &Store) -> Result<Vec<CoinRecord>, AppError> {
    let mut records = Vec::new();
    store
        .for_each_coin(TimeRange::default(), |c| -> Result<(), StoreError> {
            records.push(c.record.clone());
            Ok(())
        })
        .map_err(|e| AppError::Offline(e.to_string()))?;
    Ok(records)
}

/// `coins --all --format F`: the stored history on stdout, streamed; the count on stderr.
fn export(
    store: &Store,
    range: TimeRange,
    format: ExportFormat,
    synced: Option<&SyncSummary>,
) -> Result<(), AppError> {
    let n = match export_coins(store, range, format, std::io::stdout().lock()) {
        Ok(n) => n,
        Err(ExportError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
        Err(ExportError::Write(e)) => return Err(AppError::Output(e)),
        Err(ExportError::Store(e)) => return Err(AppError::Offline(e.to_string())),
    };
    let mut said = format!("{n} records written");
    if let Some(s) = synced {
        said.push_str(&format!(
            " ({} new from the server in {} request{}; {} stored)",
            s.new,
            s.requests,
            if s.requests == 1 { "" } else { "s" },
            s.total_stored
        ));
    } else {
        said.push_str(" (offline, from the local store)");
    }
    note(&said);
    Ok(())
}

/// A read command with `--offline`: from the store only, nothing sent.
fn run_offline(
    session: &Session,
    command: Command,
    json: bool,
    style: output::Style,
) -> Result<(), AppError> {
    let online_only = |what: &str| {
        Err(AppError::Input(format!(
            "--offline: {what} changes the account on the server; it cannot run offline"
        )))
    };
    let store = match &command {
        Command::SetNickname { .. } => return online_only("set-nickname"),
        Command::SetAvatar { .. } => return online_only("set-avatar"),
        _ => store_commands::offline(session)?,
    };
    let err = |e: StoreError| AppError::Offline(format!("--offline: {e}"));
    match command {
        Command::Profile => {
            let view = store_commands::need(store.load_profile(), "profile")?;
            emit(
                json,
                output::profile_json(&view),
                output::profile_text(&view, style),
            )
        }
        Command::Medals => {
            let medals = store_commands::need(store.load_medals(), "medals")?;
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
            let stats = store.coin_stats().map_err(err)?;
            if stats.count == 0 && stats.synced_at_ms.is_none() {
                return Err(store_commands::never_stored("coin history"));
            }
            if let Some(format) = format {
                return export(&store, TimeRange { since, until }, format, None);
            }
            let total = stats.count as i64;
            let (records, shown_page) = if all {
                (stored_records(&store)?, None)
            } else {
                let offset = u64::from(page - 1) * u64::from(size);
                let records = store
                    .coin_page(offset, size)
                    .map_err(err)?
                    .into_iter()
                    .map(|c| c.record)
                    .collect();
                (records, Some((page, size)))
            };
            note(&format!(
                "offline: the coin history as stored{}",
                stats
                    .synced_at_ms
                    .map(|ms| format!(", synced {}", crate::timefmt::local_datetime(ms / 1000)))
                    .unwrap_or_default()
            ));
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
            let categories = store_commands::need(store.load_categories(), "categories")?;
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
            if !keyword.is_empty() || page != 1 {
                return Err(AppError::Offline(
                    "--offline: only the first page of each category, without a keyword, is stored"
                        .into(),
                ));
            }
            let known = store_commands::need(store.load_categories(), "categories")?;
            let category = choose_category(category, &known)?;
            let mut groups = store_commands::need(
                store.load_groups(&category),
                &format!("groups of {category}"),
            )?;
            groups.truncate(size as usize);
            let listing = GroupListing {
                category: &category,
                keyword: &keyword,
                page,
                size,
                groups: &groups,
                share_url: None,
            };
            emit(
                json,
                output::groups_json(&listing),
                output::groups_text(&listing, style),
            )
        }
        Command::Bots => {
            let bots = store_commands::need(store.load_bots(), "bots")?;
            emit(
                json,
                output::bots_json(&bots, None),
                output::bots_text(&bots, style),
            )
        }
        _ => Err(AppError::Input(
            "--offline applies to profile, medals, coins, categories, groups and bots".into(),
        )),
    }
}

/// The most of a password `--password-stdin` reads, in bytes (its line break aside).
pub const MAX_PASSWORD_BYTES: usize = 4096;

/// A password read from stdin: valid UTF-8 (checked when read), never shown by `{:?}`, and
/// overwritten with zeros when dropped. (This copy only: the request body the client builds
/// from it is not; core dumps are off, see `hardening`.)
pub struct Password(Vec<u8>);

impl Password {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl Drop for Password {
    fn drop(&mut self) {
        self.0.fill(0);
        std::hint::black_box(&self.0);
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// `--password-stdin`: the first line of `input` without its line break (`\n` or `\r\n`);
/// at most [`MAX_PASSWORD_BYTES`] and one line break are read. An empty password, a longer
/// one, or one that is not UTF-8 is bad input (exit 2); a stdin that cannot be read is a
/// local I/O failure (exit 4).
pub fn read_password(input: impl BufRead) -> Result<Password, AppError> {
    // Room for the whole bounded read up front: a Vec that grew would leave copies behind.
    let mut line = Password(Vec::with_capacity(MAX_PASSWORD_BYTES + 2));
    input
        .take(MAX_PASSWORD_BYTES as u64 + 2)
        .read_until(b'\n', &mut line.0)
        .map_err(|source| FileError::Io {
            path: PathBuf::from("stdin"),
            source,
        })?;
    if line.0.last() == Some(&b'\n') {
        line.0.pop();
        if line.0.last() == Some(&b'\r') {
            line.0.pop();
        }
    }
    if line.0.len() > MAX_PASSWORD_BYTES {
        return Err(AppError::Input(format!(
            "the password on stdin is longer than {MAX_PASSWORD_BYTES} bytes; nothing was sent"
        )));
    }
    if line.0.is_empty() {
        return Err(AppError::Input(
            "no password on stdin (--password-stdin reads its first line, e.g. printf '%s\\n' \"$PW\" | yunhu-tui login --email ADDRESS --password-stdin); nothing was sent".into(),
        ));
    }
    if std::str::from_utf8(&line.0).is_err() {
        return Err(AppError::Input(
            "the password on stdin is not valid UTF-8; nothing was sent".into(),
        ));
    }
    Ok(line)
}

/// True when `YUNHU_TOKEN` is set (a bad one too: commands would use it, and fail).
fn env_token_set() -> bool {
    !matches!(crate::secrets::env_token(), Ok(None))
}

/// Prints a note on stderr, best effort (a closed stderr must not turn success into failure).
pub(crate) fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", sanitize::line(text));
}

/// `login --email ADDRESS --password-stdin`.
async fn run_login(global: &GlobalOpts, email: &str) -> Result<(), AppError> {
    let email = email.trim();
    if email.is_empty() {
        return Err(AppError::Input("--email is empty; nothing was sent".into()));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(AppError::Input(
            "--password-stdin reads a pipe, not a terminal (it would show the password as it is typed): printf '%s\\n' \"$PW\" | yunhu-tui login --email ADDRESS --password-stdin, or log in in the dashboard (yunhu-tui)".into(),
        ));
    }
    // Read before anything starts: an empty stdin sends nothing and starts no demo server.
    let password = read_password(stdin.lock())?;
    let mut session = Setup::load(global, Purpose::OneShot)?
        .connect_saved_login(global)
        .await?;
    for warning in login_warnings(&session) {
        eprintln!("warning: {warning}");
    }
    let done = login(&mut session, email, &password).await?;
    drop(password);
    let mut text = output::Text {
        body: format!(
            "logged in as {} ({})\n",
            sanitize::line(&done.name),
            sanitize::line(&done.id)
        ),
        summary: String::new(),
    };
    if !done.saved {
        text.summary = "demo server: the login is not saved".into();
    } else if env_token_set() {
        text.summary = format!(
            "note: the login is saved in {}, but YUNHU_TOKEN is set: commands use YUNHU_TOKEN, not the saved login, until it is unset",
            session.store.token_path().display()
        );
    }
    emit(
        global.json,
        serde_json::json!({"id": done.id, "name": done.name}),
        text,
    )
}

/// The session's warnings, for a login: a plain-HTTP server on another machine gets the
/// password, not only a token.
fn login_warnings(session: &Session) -> Vec<String> {
    let plain = crate::api::plain_http_warning(&session.server_label);
    let mut warnings: Vec<String> = session
        .warnings
        .iter()
        .filter(|w| Some(*w) != plain.as_ref())
        .cloned()
        .collect();
    if session.demo.is_none() && plain.is_some() {
        let host = url::Url::parse(&session.server_label)
            .ok()
            .and_then(|u| u.host_str().map(|h| sanitize::line(h).to_string()))
            .unwrap_or_else(|| "the server".into());
        warnings.push(format!(
            "{host} is plain HTTP: the password and the new token are sent to it unencrypted; use https://"
        ));
    }
    warnings
}

/// What `login` did.
#[derive(Debug)]
struct LoggedIn {
    id: String,
    name: String,
    /// False with `--demo`: nothing is saved.
    saved: bool,
}

/// The email login; its token saved (not on the demo server), then the account fetched with
/// it. A saved login another instance wrote since this one read it is kept, and the error
/// says so (exit 4); the server's refusal (a wrong password) is its message, exit 1.
async fn login(
    session: &mut Session,
    email: &str,
    password: &Password,
) -> Result<LoggedIn, AppError> {
    let saved = session.demo.is_none();
    let path = session.store.token_path();
    if saved && std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        // Refused before the password is sent: the login could not be saved there.
        return Err(FileError::Unsafe {
            path,
            reason: "is a symbolic link, which is not followed: a login cannot be saved there; remove it and log in again; nothing was sent".into(),
        }
        .into());
    }
    let token = session.client.email_login(email, password.as_str()).await?;
    if saved {
        session.store.save_token(&token).map_err(|e| {
            AppError::partly("the server accepted the login, but it was not saved", e)
        })?;
    }
    session.client.set_token(Some(token));
    let info = session.client.user_info().await.map_err(|e| {
        let done = if saved {
            "logged in and the login saved, but the account could not be fetched"
        } else {
            "logged in, but the account could not be fetched"
        };
        AppError::partly(done, e)
    })?;
    if saved && let Err(e) = session.store.save_account_id(&info.id) {
        tracing::warn!(error = %e, "cannot keep the account id");
    }
    if saved && session.account().implicit {
        // The implicit account now has something to keep: list it in config.toml. If that
        // fails the login is still found where it was saved.
        let mut file =
            SettingsFile::new(session.settings_path.clone(), session.file_settings.clone());
        if let Err(e) = write_accounts(
            &mut file,
            &session.file_settings,
            &session.accounts,
            |_, _| Ok(()),
        ) {
            tracing::warn!(error = %e, "cannot list the account in config.toml");
        }
    }
    Ok(LoggedIn {
        id: info.id,
        name: info.name,
        saved,
    })
}

/// What the server said to a logout.
#[derive(Debug, PartialEq)]
enum ServerEnd {
    Ended,
    /// −101: the session had already ended; the server's words.
    AlreadyEnded(String),
}

/// What `logout` did.
#[derive(Debug)]
struct LoggedOut {
    server: ServerEnd,
    /// The saved login was deleted (false with `--demo`, or when another instance had saved
    /// a new login since this one read it: that one is kept).
    deleted: bool,
    /// The token file holds another instance's newer login, which was kept.
    kept_newer: bool,
}

/// `logout`.
async fn run_logout(global: &GlobalOpts) -> Result<(), AppError> {
    let env_set = !global.demo && env_token_set();
    let session = Setup::load(global, Purpose::OneShot)?
        .connect_saved_login(global)
        .await?;
    for warning in &session.warnings {
        eprintln!("warning: {warning}");
    }
    if env_set {
        note(
            "note: YUNHU_TOKEN is set: logout ends the saved login, not YUNHU_TOKEN's session, which commands keep using",
        );
    }
    let done = logout(&session).await?;
    let mut said = match &done.server {
        ServerEnd::Ended => "logged out: the server ended the session".to_owned(),
        ServerEnd::AlreadyEnded(msg) => format!(
            "logged out: the session had already ended on the server (code -101: {})",
            sanitize::line(msg)
        ),
    };
    if session.demo.is_some() {
        said.push_str(" (demo server: no saved login to delete)");
    } else if done.kept_newer {
        said.push_str(
            "; the saved login was not deleted: another yunhu-tui saved a new one since this one read it, and it is kept",
        );
    } else {
        said.push_str(" and the saved login is deleted");
    }
    said.push('\n');
    emit(
        global.json,
        serde_json::json!({
            "server": match done.server {
                ServerEnd::Ended => "ended",
                ServerEnd::AlreadyEnded(_) => "alreadyEnded",
            },
            "savedLoginDeleted": done.deleted,
        }),
        output::Text {
            body: said,
            summary: String::new(),
        },
    )
}

/// Ends the saved login's session on the server, then deletes the saved login (not on the
/// demo server) whatever the server said: a server that cannot be told is an error after
/// the deletion (exit 1), a session it had already ended (−101) is not.
async fn logout(session: &Session) -> Result<LoggedOut, AppError> {
    if session.token.is_none() {
        return Err(AppError::NoLogin);
    }
    let server = match session.client.logout().await {
        Ok(()) => Ok(ServerEnd::Ended),
        Err(ApiError::NotLoggedIn { msg }) => Ok(ServerEnd::AlreadyEnded(msg)),
        Err(e) => Err(e),
    };
    let local = if session.demo.is_some() {
        Ok((false, false))
    } else {
        session.store.delete_token().map(|()| {
            // `delete_token` keeps a file another instance wrote since this one read it.
            let kept = std::fs::symlink_metadata(session.store.token_path()).is_ok();
            (!kept, kept)
        })
    };
    match (server, local) {
        (Ok(server), Ok((deleted, kept_newer))) => Ok(LoggedOut {
            server,
            deleted,
            kept_newer,
        }),
        (Err(e), Ok((deleted, _))) => Err(AppError::partly(
            if deleted {
                "the saved login is deleted, but the server could not be told (the session may stay open there until it expires)"
            } else {
                "the server could not be told (the session may stay open there until it expires)"
            },
            e,
        )),
        (Ok(_), Err(fe)) => Err(AppError::partly(
            "the server ended the session, but the saved login could not be deleted",
            fe,
        )),
        (Err(e), Err(fe)) => Err(AppError::partly(
            format!("the server could not be told ({e}), and the saved login could not be deleted"),
            fe,
        )),
    }
}

async fn serve_demo(addr: std::net::SocketAddr, faults: &FaultArgs) -> Result<(), AppError> {
    let server = start_demo(addr, faults).await?;
    let url = server.base_url();
    let logins = server.handle().logins();
    let mut text = format!("yunhu-tui demo server listening on {url}\n");
    for l in &logins {
        let kind = if l.vip {
            "VIP account  "
        } else {
            "basic account"
        };
        let phone = if l.phone.is_empty() {
            "no phone".to_owned()
        } else {
            format!("phone {}", l.phone)
        };
        text.push_str(&format!(
            "  {kind}  {} ({})  token {}\n                 email {} / password {}  {phone}\n",
            l.name, l.id, l.token, l.email, l.password
        ));
    }
    text.push_str(&format!(
        "  SMS code {}  email code {}\nTry:  YUNHU_TOKEN={} yunhu-tui --server {url} --upload-url {url}/ --image-base {url}/img/ profile\nCtrl-C stops the server.\n",
        crate::demo::DEMO_SMS_CODE,
        crate::demo::DEMO_EMAIL_CODE,
        logins.first().map(|l| l.token.as_str()).unwrap_or(""),
    ));
    write_stdout(sanitize::text(&text).as_bytes())?;
    shutdown_signal().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM/SIGHUP where there are signals.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (term, hup) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        );
        if let (Ok(mut term), Ok(mut hup)) = (term, hup) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoServer, FaultPlan};
    use crate::secrets::TokenStore;
    use clap::Parser;

    fn password(input: &[u8]) -> Result<String, AppError> {
        read_password(input).map(|p| p.as_str().to_owned())
    }

    #[test]
    fn the_password_is_the_first_line_of_stdin_bounded() {
        assert_eq!(password(b"secret\n").unwrap(), "secret");
        assert_eq!(password(b"secret\r\n").unwrap(), "secret");
        assert_eq!(password(b"secret").unwrap(), "secret");
        assert_eq!(password(b" spaced pass \n").unwrap(), " spaced pass ");
        assert_eq!(password(b"first\nsecond\n").unwrap(), "first");
        let longest = "p".repeat(MAX_PASSWORD_BYTES);
        assert_eq!(
            password(format!("{longest}\n").as_bytes()).unwrap(),
            longest
        );
        assert_eq!(
            password(format!("{longest}\r\n").as_bytes()).unwrap(),
            longest
        );
        for (input, says) in [
            (&b""[..], "no password on stdin"),
            (b"\n", "no password on stdin"),
            (b"\r\n", "no password on stdin"),
            (b"\xff\xfe\n", "not valid UTF-8"),
        ] {
            let err = password(input).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{err}");
            assert!(err.to_string().contains(says), "{err}");
            assert!(err.to_string().contains("nothing was sent"), "{err}");
        }
        let err = password(format!("{longest}p\n").as_bytes()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("longer than 4096 bytes"), "{err}");
        // An endless stdin is not read to its end.
        let endless = std::io::BufReader::new(std::io::repeat(b'x'));
        assert!(read_password(endless).is_err());
        assert_eq!(
            format!("{:?}", read_password(&b"hunter2\n"[..]).unwrap()),
            "Password(…)"
        );
    }

    fn global(args: &[&str]) -> GlobalOpts {
        let mut argv = vec!["yunhu-tui"];
        argv.extend_from_slice(args);
        Cli::parse_from(argv).global
    }

    async fn session(store: TokenStore, server: &str) -> Session {
        let g = global(&["--server", server, "logout"]);
        Setup::load_in(store, &g, Purpose::OneShot)
            .unwrap()
            .connect_saved_login(&g)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_login_never_replaces_a_newer_login_another_instance_saved() {
        let demo = DemoServer::start_with(([127, 0, 0, 1], 0).into(), FaultPlan::default())
            .await
            .unwrap();
        let vip = demo.handle().logins().into_iter().next().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("cfg");
        // The saved login of the implicit account `default`.
        let acct = crate::accounts::secret_dir(&cfg, "default");
        TokenStore::new(acct.clone())
            .save_token("old-token")
            .unwrap();
        // This instance reads the saved login as it starts…
        let mut ours = session(TokenStore::new(cfg.clone()), &demo.base_url()).await;
        // …another logs in meanwhile…
        let other = TokenStore::new(acct.clone());
        other.load_token().unwrap();
        other.save_token("newer-token").unwrap();
        // …so this login is done on the server but not saved, and the error says so.
        let pw = read_password(format!("{}\n", vip.password).as_bytes()).unwrap();
        let err = login(&mut ours, &vip.email, &pw).await.unwrap_err();
        assert_eq!(err.exit_code(), 4, "{err}");
        let text = err.to_string();
        assert!(
            text.starts_with("the server accepted the login, but it was not saved: ")
                && text.contains("another yunhu-tui changed the saved login"),
            "{text}"
        );
        assert_eq!(
            std::fs::read_to_string(other.token_path()).unwrap(),
            "newer-token"
        );
        // Over its own saved login (or none), a login saves and replaces.
        let mut again = session(TokenStore::new(cfg.clone()), &demo.base_url()).await;
        let done = login(&mut again, &vip.email, &pw).await.unwrap();
        assert_eq!((done.id.as_str(), done.saved), (vip.id.as_str(), true));
        let saved = again.store.load_token().unwrap().unwrap_or_default();
        assert!(saved != "newer-token" && !saved.is_empty());
        assert_eq!(
            again.store.load_account_id().as_deref(),
            Some(vip.id.as_str())
        );
    }

    #[tokio::test]
    async fn a_logout_keeps_a_newer_login_another_instance_saved() {
        let demo = DemoServer::start_with(([127, 0, 0, 1], 0).into(), FaultPlan::default())
            .await
            .unwrap();
        let vip = demo.handle().logins().into_iter().next().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("cfg");
        // The saved login of the implicit account `default`.
        let acct = crate::accounts::secret_dir(&cfg, "default");
        TokenStore::new(acct.clone())
            .save_token(&vip.token)
            .unwrap();
        let ours = session(TokenStore::new(cfg.clone()), &demo.base_url()).await;
        let other = TokenStore::new(acct.clone());
        other.load_token().unwrap();
        other.save_token("newer-token").unwrap();
        let done = logout(&ours).await.unwrap();
        assert_eq!(done.server, ServerEnd::Ended);
        assert!(!done.deleted && done.kept_newer);
        assert_eq!(
            std::fs::read_to_string(other.token_path()).unwrap(),
            "newer-token"
        );
        // The session it held is over: a second logout with it hears −101, and deletes.
        std::fs::write(other.token_path(), &vip.token).unwrap();
        let again = session(TokenStore::new(cfg), &demo.base_url()).await;
        let done = logout(&again).await.unwrap();
        assert!(
            matches!(done.server, ServerEnd::AlreadyEnded(_)),
            "{done:?}"
        );
        assert!(done.deleted && !again.store.token_path().exists());
    }
}
