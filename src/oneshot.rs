//! The one-shot commands: connect, ask, print, exit. Also `serve-demo`.

use std::io::{IsTerminal, Write};

use clap::CommandFactory;

use crate::api::model::CoinRecord;
use crate::api::{ApiClient, ApiError};
use crate::cli::{AvatarSource, Cli, Command, FaultArgs, GlobalOpts, LangArg};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::output::{self, CoinListing, GroupListing, ProfileView};
use crate::session::{Purpose, start_demo};
use crate::{sanitize, validate};

/// Kept here too for the tests that point a client at a demo server.
pub use crate::session::demo_client_config;

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
        // Line by line: the newlines between tokens are layout, not content (serde_json
        // escapes every newline inside a string), and must stay raw.
        let mut safe = String::with_capacity(pretty.len() + 1);
        for line in pretty.lines() {
            safe.push_str(&sanitize::json(line.to_owned()));
            safe.push('\n');
        }
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
        _ => {}
    }
    let session = crate::session::connect(global, Purpose::OneShot).await?;
    for warning in &session.warnings {
        eprintln!("warning: {warning}");
    }
    let client = &session.client;
    let json = global.json;
    let style = output::Style::new(cli_lang(global), std::io::stdout().is_terminal());
    match command {
        Command::ServeDemo { .. } | Command::Completions { .. } | Command::Man => Ok(()),
        Command::Profile => {
            let info = client.user_info().await?;
            let (user, data) = tokio::join!(client.get_user(&info.id), client.user_data());
            let view = ProfileView {
                info,
                user: user?,
                data: data?,
            };
            emit(
                json,
                output::profile_json(&view),
                output::profile_text(&view, style),
            )
        }
        Command::Medals => {
            let medals = client.self_medals().await?;
            emit(
                json,
                output::medals_json(&medals),
                output::medals_text(&medals, style),
            )
        }
        Command::Coins { page, size, all } => {
            let (records, total, shown_page) = if all {
                let (records, total) = all_coin_records(client).await?;
                (records, total, None)
            } else {
                let p = client.coin_records(page, size).await?;
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

/// Every coin record (bounded: see `ApiClient::all_coin_records`).
pub async fn all_coin_records(client: &ApiClient) -> Result<(Vec<CoinRecord>, i64), ApiError> {
    client.all_coin_records().await
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
