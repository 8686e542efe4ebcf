//! The one-shot commands of a SealTalk account (`shared/spec/sealtalk-api.md`): login and
//! logout with the session cookie in the account's own 0600 file, the profile and its
//! edits, the lists, screen-capture notices, client versions, and a guarded message send.
//! Whatever posts into a chat (T16, T21) or changes a list (T14) needs `--yes` and is
//! refused before anything is sent without it. Commands a SealTalk account does not have
//! exit 2, naming the service. Here the dispatch, the client and its errors; `session.rs`
//! login, logout and the password change; `actions.rs` the lists and actions that need
//! more than one request.

mod actions;
mod session;

use actions::{notices, owner_names, send_message, set_notice, unblock, upload_portrait};
use session::{login, logout, read_old_and_new};

use std::time::Duration;

use super::*;
use crate::accounts::{Account, Accounts};
use crate::api::sealtalk::model::Gender;
use crate::api::sealtalk::{DEFAULT_UPLOAD_URL, SealtalkClient, SealtalkConfig, SealtalkError};
use crate::cli::{GenderArg, ScreenCaptureCommand, Switch};
use crate::output::{FriendListing, GroupRow, StVersions};
use crate::secrets::CookieStore;

/// A SealTalk account's command: its client (with the saved session, if any) and where the
/// session is kept.
struct StSession {
    account: String,
    client: SealtalkClient,
    /// Where the session is kept; `None` for `--demo`, which keeps it in memory.
    store: Option<CookieStore>,
    server: String,
}

/// The name clap gives a command, for "`NAME` is not available for … accounts".
pub(super) fn command_name(command: &Command) -> &'static str {
    match command {
        Command::ServeDemo { .. } => "serve-demo",
        Command::Profile => "profile",
        Command::Medals => "medals",
        Command::Coins { .. } => "coins",
        Command::Categories => "categories",
        Command::Groups { .. } => "groups",
        Command::Bots => "bots",
        Command::SetNickname { .. } => "set-nickname",
        Command::SetAvatar { .. } => "set-avatar",
        Command::Login { .. } => "login",
        Command::Logout => "logout",
        Command::Friends => "friends",
        Command::Blacklist => "blacklist",
        Command::Unblock { .. } => "unblock",
        Command::SetGender { .. } => "set-gender",
        Command::ChangePassword { .. } => "change-password",
        Command::ScreenCapture { .. } => "screen-capture",
        Command::Versions { .. } => "versions",
        Command::SendMessage { .. } => "send-message",
        Command::Accounts { .. } => "accounts",
        Command::Cache { .. } => "cache",
        Command::Completions { .. } => "completions",
        Command::Man => "man",
        Command::Messages { .. } => "messages",
        Command::Unread => "unread",
        Command::SetBio { .. } => "set-bio",
        Command::CompleteProfile { .. } => "complete-profile",
        Command::Cards => "cards",
        Command::Clubs => "clubs",
        Command::Club { .. } => "club",
        Command::Events => "events",
        Command::Feedback { .. } => "feedback",
    }
}

/// chaoqer's own commands, which neither Yunhu nor SealTalk has.
pub(super) fn is_chaoqer_only(command: &Command) -> bool {
    matches!(
        command,
        Command::Messages { .. }
            | Command::Unread
            | Command::SetBio { .. }
            | Command::CompleteProfile { .. }
            | Command::Cards
            | Command::Clubs
            | Command::Club { .. }
            | Command::Events
            | Command::Feedback { .. }
    )
}

/// What a Yunhu account cannot do: SealTalk's commands and options. Exit 2.
pub(super) fn refuse_for_yunhu(command: &Command) -> Result<(), AppError> {
    let refused = match command {
        // Both other services have a blacklist.
        Command::Blacklist | Command::Unblock { .. } => format!(
            "`{}` is not available for Yunhu accounts (SealTalk and chaoqer accounts have it; --account NAME picks one)",
            command_name(command)
        ),
        Command::Friends
        | Command::SetGender { .. }
        | Command::ChangePassword { .. }
        | Command::ScreenCapture { .. }
        | Command::SendMessage { .. } => format!(
            "`{}` is not available for Yunhu accounts (it is a SealTalk command; --account NAME picks a SealTalk account)",
            command_name(command)
        ),
        _ if is_chaoqer_only(command) => format!(
            "`{}` is not available for Yunhu accounts (it is a chaoqer command; --account NAME picks a chaoqer account)",
            command_name(command)
        ),
        Command::Login { phone: Some(_), .. } => "login --phone is not available for Yunhu accounts: log in with --email ADDRESS --password-stdin, or by SMS in the dashboard".into(),
        Command::Versions {
            desktop_version: Some(_),
        } => "--desktop-version is not available for Yunhu accounts (it asks SealTalk's desktop update check)".into(),
        _ => return Ok(()),
    };
    Err(AppError::Input(refused))
}

/// What a SealTalk account cannot do: Yunhu's commands and options. Exit 2.
fn refuse_for_sealtalk(command: &Command, global: &GlobalOpts) -> Result<(), AppError> {
    let refused = match command {
        Command::Medals
        | Command::Coins { .. }
        | Command::Categories
        | Command::Bots
        | Command::Cache { .. } => format!(
            "`{}` is not available for SealTalk accounts (it is a Yunhu command)",
            command_name(command)
        ),
        Command::Groups {
            category,
            keyword,
            page,
            size,
        } if category.is_some() || !keyword.is_empty() || *page != 1 || *size != 30 => {
            "groups --category, --keyword, --page and --size are not available for SealTalk accounts: their `groups` lists the groups the account is in".into()
        }
        _ if is_chaoqer_only(command) => format!(
            "`{}` is not available for SealTalk accounts (it is a chaoqer command)",
            command_name(command)
        ),
        Command::Login { sms: true, .. } => {
            "login --sms is not available for SealTalk accounts: log in with --region 86 --phone PHONE --password-stdin".into()
        }
        Command::Login { email: Some(_), .. } => {
            "login --email is not available for SealTalk accounts: log in with --region 86 --phone PHONE --password-stdin".into()
        }
        _ if global.offline => {
            "--offline is not available for SealTalk accounts: only the dashboard keeps what a SealTalk account showed (its stored view); run the command without --offline".into()
        }
        _ if global.image_base.is_some() => {
            "--image-base is not used by SealTalk accounts: the server names its image host (T7)".into()
        }
        _ => return Ok(()),
    };
    Err(AppError::Input(refused))
}

/// Runs one command as the SealTalk account `accounts.list[active]`.
pub(super) async fn run(
    global: &GlobalOpts,
    command: Command,
    accounts: &Accounts,
    active: usize,
) -> Result<(), AppError> {
    refuse_for_sealtalk(&command, global)?;
    let account = &accounts.list[active];
    let json = global.json;
    let style = output::Style::new(cli_lang(global), std::io::stdout().is_terminal());
    match command {
        Command::Login {
            region,
            phone: Some(phone),
            ..
        } => return login(global, accounts, account, region.as_deref(), &phone).await,
        Command::ChangePassword { .. } => {
            // Read before anything starts: an empty stdin sends nothing.
            let (old, new) = read_old_and_new(&account.name)?;
            let s = connect(global, accounts, account, true)?;
            s.warn(true);
            return change_password(&s, old.as_str(), new.as_str(), json).await;
        }
        _ => {}
    }
    let s = connect(global, accounts, account, true)?;
    // `versions` is public: the cookie goes along only when there is one (Q2).
    s.warn(s.client.cookie().is_some());
    run_in(s, command, json, style).await
}

/// `--demo --account demo-sealtalk COMMAND`: the command against the embedded SealTalk demo
/// server, its account logged in for the run, nothing written anywhere.
pub(super) async fn run_demo(global: &GlobalOpts, command: Command) -> Result<(), AppError> {
    refuse_for_sealtalk(&command, global)?;
    if matches!(command, Command::Login { .. } | Command::Logout) {
        return Err(AppError::Input(
            "--demo's SealTalk account is logged in for the run and saves nothing: run login and logout without --demo".into(),
        ));
    }
    let timeout = Duration::from_secs_f64(global.timeout);
    let demo = crate::startup_sealtalk::SealtalkDemo::start(timeout).await?;
    let start = demo.start_of(timeout)?;
    let s = StSession {
        account: "demo-sealtalk".into(),
        client: start.link.client,
        store: None,
        server: demo.server.base_url(),
    };
    let style = output::Style::new(cli_lang(global), std::io::stdout().is_terminal());
    if let Command::ChangePassword { .. } = command {
        let (old, new) = read_old_and_new(&s.account)?;
        return change_password(&s, old.as_str(), new.as_str(), global.json).await;
    }
    run_in(s, command, global.json, style).await
}

/// A command with the account's client (its session, if any) ready.
async fn run_in(
    s: StSession,
    command: Command,
    json: bool,
    style: output::Style,
) -> Result<(), AppError> {
    match command {
        Command::Logout => logout(s, json).await,
        Command::Profile => {
            s.require_login()?;
            let user = s.client.own_profile().await.map_err(|e| s.fail(e))?;
            emit(
                json,
                output::st_profile_json(&user),
                output::st_profile_text(&user, style),
            )
        }
        Command::Friends => {
            s.require_login()?;
            let rows = s.client.friendships().await.map_err(|e| s.fail(e))?;
            let listing = FriendListing::of(&rows);
            emit(
                json,
                output::friends_json(&listing),
                output::friends_text(&listing, style),
            )
        }
        Command::Groups { .. } => {
            s.require_login()?;
            let groups = s.client.groups().await.map_err(|e| s.fail(e))?;
            let own = s.client.user_id().unwrap_or_default().to_owned();
            let owners = owner_names(&s.client, &groups, &own).await;
            let rows: Vec<GroupRow> = groups
                .iter()
                .map(|m| GroupRow {
                    membership: m,
                    owner_name: owners.get(&m.group.creator_id).cloned(),
                })
                .collect();
            emit(
                json,
                output::st_groups_json(&rows),
                output::st_groups_text(&rows, &own, style),
            )
        }
        Command::Blacklist => {
            s.require_login()?;
            let users = s.client.blacklist().await.map_err(|e| s.fail(e))?;
            emit(
                json,
                output::blacklist_json(&users),
                output::blacklist_text(&users, style),
            )
        }
        Command::Unblock { id, yes } => unblock(&s, &id, yes, json).await,
        Command::SetNickname { name } => {
            let name = validate::sealtalk_nickname(&name)
                .map_err(|e| AppError::Input(format!("nickname refused: {e}; nothing was sent")))?;
            s.require_login()?;
            s.client.set_nickname(&name).await.map_err(|e| s.fail(e))?;
            // Read back: what is printed is what the server stored (escaped, Q10).
            let saved = s.client.own_profile().await.map_err(|e| {
                AppError::partly(
                    "the nickname was changed, but could not be read back",
                    s.fail(e),
                )
            })?;
            emit(
                json,
                serde_json::json!({"nickname": saved.nickname}),
                output::nickname_set(&saved.nickname, style),
            )
        }
        Command::SetAvatar { source } => {
            s.require_login()?;
            let url = match AvatarSource::parse(&source) {
                AvatarSource::Url(url) => {
                    s.client
                        .set_portrait_uri(&url)
                        .await
                        .map_err(|e| s.fail(e))?;
                    url
                }
                AvatarSource::File(path) => upload_portrait(&s, &path).await?,
            };
            emit(
                json,
                serde_json::json!({"portraitUri": url}),
                output::avatar_set(&url, style),
            )
        }
        Command::SetGender { gender } => {
            s.require_login()?;
            let gender = match gender {
                GenderArg::Male => Gender::Male,
                GenderArg::Female => Gender::Female,
            };
            s.client.set_gender(gender).await.map_err(|e| s.fail(e))?;
            emit(
                json,
                serde_json::json!({"gender": gender.as_str()}),
                output::gender_set(gender.as_str(), style),
            )
        }
        Command::ScreenCapture { action } => match action.unwrap_or(ScreenCaptureCommand::List) {
            ScreenCaptureCommand::List => {
                s.require_login()?;
                let rows = notices(&s).await?;
                emit(
                    json,
                    output::notices_json(&rows),
                    output::notices_text(&rows, style),
                )
            }
            ScreenCaptureCommand::Set { id, state, yes } => {
                set_notice(&s, &id, state == Switch::On, yes, json).await
            }
        },
        Command::Versions { desktop_version } => {
            let asked = desktop_version.map(|v| v.trim().to_owned());
            // Asking about 0.0.0 gets the latest release, whatever it is.
            let query = asked.clone().unwrap_or_else(|| "0.0.0".into());
            let (desktop, mobile) =
                tokio::join!(s.client.latest_desktop(&query), s.client.client_version());
            let versions = StVersions {
                asked,
                desktop: desktop.map_err(|e| s.fail(e))?,
                mobile: mobile.map_err(|e| s.fail(e))?,
            };
            emit(
                json,
                output::st_versions_json(&versions),
                output::st_versions_text(&versions, style),
            )
        }
        Command::SendMessage {
            to,
            group,
            text,
            yes,
            ..
        } => send_message(&s, to, group, &text, yes, json).await,
        // Refused above, or handled before `connect`.
        Command::Login { .. }
        | Command::ChangePassword { .. }
        | Command::Medals
        | Command::Coins { .. }
        | Command::Categories
        | Command::Bots
        | Command::Cache { .. }
        | Command::ServeDemo { .. }
        | Command::Accounts { .. }
        | Command::Completions { .. }
        | Command::Man
        | Command::Messages { .. }
        | Command::Unread
        | Command::SetBio { .. }
        | Command::CompleteProfile { .. }
        | Command::Cards
        | Command::Clubs
        | Command::Club { .. }
        | Command::Events
        | Command::Feedback { .. } => Err(AppError::Input(format!(
            "`{}` is not available for SealTalk accounts",
            command_name(&command)
        ))),
    }
}

/// T8, and what to say of it.
async fn change_password(s: &StSession, old: &str, new: &str, json: bool) -> Result<(), AppError> {
    s.require_login()?;
    s.client
        .change_password(old, new)
        .await
        .map_err(|e| s.fail(e))?;
    emit(
        json,
        serde_json::json!({"passwordChanged": true}),
        output::Text::body(
            "password changed; the saved login stays valid (SealTalk does not end sessions when the password changes)\n".into(),
        ),
    )
}

/// The account's client: `--server`, else its own server (there is no default one), the
/// upload host of `--upload-url` (else Qiniu's), `--timeout`, and (`with_session`) its
/// saved session; `login` does without, so a broken cookie file does not stop a new login.
fn connect(
    global: &GlobalOpts,
    accounts: &Accounts,
    account: &Account,
    with_session: bool,
) -> Result<StSession, AppError> {
    let server = super::account_server(global, accounts, account)?;
    let config = SealtalkConfig {
        base_url: server.clone(),
        upload_url: global
            .upload_url
            .clone()
            .unwrap_or_else(|| DEFAULT_UPLOAD_URL.into()),
        timeout: Duration::from_secs_f64(global.timeout),
    };
    let store = account.cookie_store();
    let mut client = SealtalkClient::new(config).map_err(AppError::Sealtalk)?;
    if with_session && let Some(saved) = store.load()? {
        client = client.with_session(saved.cookie, saved.user_id);
    }
    Ok(StSession {
        account: account.name.clone(),
        client,
        store: Some(store),
        server,
    })
}

impl StSession {
    /// What the user should know before the cookie is sent: a cookie file others can read
    /// (or a symlink, not followed), and a plain-HTTP server elsewhere (SealTalk's cookie
    /// has no `Secure` flag).
    fn warn(&self, sends_cookie: bool) {
        if let Some(w) = self.store.as_ref().and_then(CookieStore::warning) {
            note(&format!("warning: {w}"));
        }
        if sends_cookie && let Some(host) = plain_http_host(&self.server) {
            note(&format!(
                "warning: {host} is plain HTTP: the saved session cookie is sent to it unencrypted; use https:// if the deployment offers it"
            ));
        }
    }

    fn log_in_hint(&self) -> String {
        format!(
            "yunhu-tui --account {} login --region 86 --phone PHONE --password-stdin",
            sanitize::line(&self.account)
        )
    }

    /// Nothing is sent without a saved session.
    fn require_login(&self) -> Result<(), AppError> {
        if self.client.cookie().is_some() {
            return Ok(());
        }
        Err(AppError::LogInAgain(format!(
            "not logged in to the SealTalk account {}: log in with {}",
            sanitize::line(&self.account),
            self.log_in_hint()
        )))
    }

    /// A client error as the command's: 403 and `Invalid cookie value!` (Q3) say how to log
    /// in again; should a server echo the cookie in an error, it is cut out.
    fn fail(&self, e: SealtalkError) -> AppError {
        let e = match self.client.cookie() {
            Some(c) => scrub(e, c.value()),
            None => e,
        };
        match e {
            SealtalkError::NotLoggedIn { reason } => AppError::LogInAgain(format!(
                "the SealTalk session is over ({}): log in again with {}",
                sanitize::line(&reason),
                self.log_in_hint()
            )),
            other => AppError::Sealtalk(other),
        }
    }
}

/// `e` with `secret` replaced wherever the server's words hold it.
fn scrub(e: SealtalkError, secret: &str) -> SealtalkError {
    let cut = |t: String| t.replace(secret, "<cookie>");
    match e {
        SealtalkError::NotLoggedIn { reason } => SealtalkError::NotLoggedIn {
            reason: cut(reason),
        },
        SealtalkError::Rejected { status, text } => SealtalkError::Rejected {
            status,
            text: cut(text),
        },
        SealtalkError::Refused {
            code,
            sentence,
            detail,
        } => SealtalkError::Refused {
            code,
            sentence,
            detail: detail.map(cut),
        },
        SealtalkError::NoAnswer(t) => SealtalkError::NoAnswer(cut(t)),
        SealtalkError::Decode(t) => SealtalkError::Decode(cut(t)),
        SealtalkError::Redirect { status, location } => SealtalkError::Redirect {
            status,
            location: cut(location),
        },
        other => other,
    }
}
