//! The one-shot commands of a chaoqer account (`shared/spec/chaoqer-api.md`): login by SMS
//! code and logout with the session (uid, token, secret) in the account's own 0600 file,
//! the profile and its edits, the inbox, the block list, cards, clubs, events, the official
//! apps and feedback. Unblocking needs `--yes` and is refused before anything is sent
//! without it. Commands a chaoqer account does not have exit 2, naming the service. Here
//! the dispatch, the client and its errors; `session.rs` login and logout; `actions.rs` the
//! edits and actions that need more than one request.

mod actions;
mod session;

use actions::{complete_profile, edit_profile, unblock, upload_avatar};
use session::{login, logout};

use std::time::Duration;

use super::sealtalk::command_name;
use super::*;
use crate::accounts::{Account, Accounts};
use crate::api::chaoqer::model::{Platform, UserProfile};
use crate::api::chaoqer::paging::{MAX_COUNT, all_pages};
use crate::api::chaoqer::{ChaoqerClient, ChaoqerConfig, ChaoqerError};
use crate::secrets::ChaoqerSessionStore;

/// The page `messages` shows without `--all`.
const FIRST_PAGE: u32 = 20;

/// A chaoqer account's command: its client (with the saved session, if any) and where the
/// session is kept.
struct CqSession {
    account: String,
    client: ChaoqerClient,
    /// None for `--demo`'s account, whose session is in memory only.
    store: Option<ChaoqerSessionStore>,
    server: String,
}

/// What a chaoqer account cannot do: the other services' commands and options. Exit 2.
fn refuse_for_chaoqer(command: &Command, global: &GlobalOpts) -> Result<(), AppError> {
    let refused = match command {
        Command::Medals
        | Command::Coins { .. }
        | Command::Categories
        | Command::Groups { .. }
        | Command::Bots
        | Command::Cache { .. }
        | Command::Friends
        | Command::SetGender { .. }
        | Command::ChangePassword { .. }
        | Command::ScreenCapture { .. }
        | Command::SendMessage { .. } => format!(
            "`{}` is not available for chaoqer accounts",
            command_name(command)
        ),
        Command::Login { sms: false, .. } => {
            "login --email, --region and --password-stdin are not available for chaoqer accounts: log in with --phone PHONE --sms (the code is then read from stdin)".into()
        }
        Command::Versions {
            desktop_version: Some(_),
        } => "versions --desktop-version is not available for chaoqer accounts (chaoqer has no desktop app)".into(),
        _ if global.offline => {
            "--offline is not available for chaoqer accounts: only the dashboard keeps what a chaoqer account showed (its stored view); run the command without --offline".into()
        }
        _ if global.image_base.is_some() || global.upload_url.is_some() => {
            "--upload-url and --image-base are not used by chaoqer accounts: the gateway names the upload address (Q24)".into()
        }
        _ => return Ok(()),
    };
    Err(AppError::Input(refused))
}

/// Runs one command as the chaoqer account `accounts.list[active]`.
pub(super) async fn run(
    global: &GlobalOpts,
    command: Command,
    accounts: &Accounts,
    active: usize,
) -> Result<(), AppError> {
    refuse_for_chaoqer(&command, global)?;
    let account = &accounts.list[active];
    if let Command::Login {
        phone: Some(phone),
        country_code,
        ..
    } = &command
    {
        return login(global, accounts, account, country_code.as_deref(), phone).await;
    }
    let s = connect(global, accounts, account, true)?;
    // `versions` is public: the session goes along with nothing else.
    s.warn(s.client.session().is_some() && !matches!(command, Command::Versions { .. }));
    run_in(s, command, global).await
}

/// Runs one command as `--demo`'s chaoqer account: the demo gateway on loopback for this
/// run, its account logged in with the demo code in memory. Login and logout are refused:
/// they would save or delete nothing.
pub(super) async fn run_demo(global: &GlobalOpts, command: Command) -> Result<(), AppError> {
    refuse_for_chaoqer(&command, global)?;
    if matches!(command, Command::Login { .. } | Command::Logout) {
        return Err(AppError::Input(
            "--demo's chaoqer account is logged in for the run and saves nothing: run login and logout without --demo".into(),
        ));
    }
    let timeout = Duration::from_secs_f64(global.timeout);
    let demo = crate::startup_chaoqer::ChaoqerDemo::start(timeout).await?;
    let start = demo.start_of(timeout)?;
    let s = CqSession {
        account: "demo-chaoqer".into(),
        client: start.link.client,
        store: None,
        server: demo.server.base_url(),
    };
    run_in(s, command, global).await
}

/// A command with the account's client (its session, if any) ready.
async fn run_in(s: CqSession, command: Command, global: &GlobalOpts) -> Result<(), AppError> {
    let json = global.json;
    match command {
        Command::Logout => logout(s, json).await,
        Command::Profile => {
            s.require_login()?;
            match s.client.own_profile().await {
                Ok(p) => emit(
                    json,
                    output::cq_profile_json(&p),
                    output::cq_profile_text(&p),
                ),
                Err(e) if e.is_profile_not_initialised() => {
                    // A new account: not a failure of the command, a state to finish.
                    let how = s.complete_hint();
                    emit(
                        json,
                        serde_json::json!({"initialised": false, "complete": how}),
                        output::Text::body(format!(
                            "the profile is not initialised yet (a new account): complete it with\n  {how}\n"
                        )),
                    )
                }
                Err(e) => Err(s.fail(e)),
            }
        }
        Command::SetNickname { name } => {
            s.require_login()?;
            let p = edit_profile(&s, |p| p.nickname = name).await?;
            emit(
                json,
                serde_json::json!({"nickname": p.nickname}),
                output::nickname_set(&p.nickname, output::Style::new(cli_lang(global), false)),
            )
        }
        Command::SetBio { text } => {
            s.require_login()?;
            let p = edit_profile(&s, |p| p.bio = Some(text)).await?;
            emit(
                json,
                serde_json::json!({"bio": p.bio}),
                output::bio_set(p.bio.as_deref()),
            )
        }
        Command::SetAvatar { source } => {
            s.require_login()?;
            let url = match AvatarSource::parse(&source) {
                AvatarSource::Url(url) => url,
                AvatarSource::File(path) => upload_avatar(&s, &path).await?,
            };
            let p = edit_profile(&s, |p| p.avatar = url).await?;
            emit(
                json,
                serde_json::json!({"avatar": p.avatar}),
                output::avatar_set(&p.avatar, output::Style::new(cli_lang(global), false)),
            )
        }
        Command::CompleteProfile { nickname, avatar } => {
            s.require_login()?;
            let p = complete_profile(&s, &nickname, &avatar).await?;
            emit(
                json,
                output::cq_profile_json(&p),
                output::cq_profile_text(&p),
            )
        }
        Command::Messages { all } => {
            s.require_login()?;
            let (entries, more) = if all {
                let list = all_pages(MAX_COUNT, |last| {
                    let client = s.client.clone();
                    async move { client.messages(MAX_COUNT, last.as_deref()).await }
                })
                .await
                .map_err(|e| s.fail(e))?;
                (list, false)
            } else {
                let page = s
                    .client
                    .messages(FIRST_PAGE, None)
                    .await
                    .map_err(|e| s.fail(e))?;
                let more = page.next(FIRST_PAGE).is_some();
                (page.list, more)
            };
            emit(
                json,
                output::messages_json(&entries, more),
                output::messages_text(&entries, more),
            )
        }
        Command::Unread => {
            s.require_login()?;
            let n = s.client.unread_total().await.map_err(|e| s.fail(e))?;
            emit(
                json,
                serde_json::json!({"unread": n}),
                output::Text::body(format!("{n}\n")),
            )
        }
        Command::Blacklist => {
            s.require_login()?;
            let list = s
                .all_users(|c, last| async move { c.blocked(MAX_COUNT, last.as_deref()).await })
                .await?;
            emit(
                json,
                output::user_entries_json(&list, "blocked"),
                output::user_entries_text(&list, "Blocked", format!("{} blocked", list.len())),
            )
        }
        Command::Unblock { id, yes } => unblock(&s, &id, yes, json).await,
        Command::Cards => {
            s.require_login()?;
            let list = s
                .all_users(|c, last| async move { c.cards(MAX_COUNT, last.as_deref()).await })
                .await?;
            emit(
                json,
                output::user_entries_json(&list, "cards"),
                output::user_entries_text(
                    &list,
                    "Received",
                    format!("{} cards received", list.len()),
                ),
            )
        }
        Command::Clubs => {
            s.require_login()?;
            let list = all_pages(MAX_COUNT, |last| {
                let client = s.client.clone();
                async move { client.clubs(MAX_COUNT, last.as_deref()).await }
            })
            .await
            .map_err(|e| s.fail(e))?;
            let own = s
                .client
                .session()
                .map(|x| x.uid.clone())
                .unwrap_or_default();
            emit(
                json,
                output::clubs_json(&list),
                output::clubs_text(&list, &own),
            )
        }
        Command::Club { id } => {
            let id = id.trim().to_owned();
            if !crate::api::chaoqer::is_id(&id) {
                return Err(AppError::Input(format!(
                    "{:?} is not a club id (32 lower-case hex characters, as `clubs` shows them); nothing was sent",
                    sanitize::line(&id)
                )));
            }
            s.require_login()?;
            let club = s.client.club(&id).await.map_err(|e| s.fail(e))?;
            let members = all_pages(MAX_COUNT, |last| {
                let client = s.client.clone();
                let id = id.clone();
                async move { client.club_members(&id, MAX_COUNT, last.as_deref()).await }
            })
            .await
            .map_err(|e| s.fail(e))?;
            emit(
                json,
                output::club_detail_json(&club, &members),
                output::club_text(&club, &members),
            )
        }
        Command::Events => {
            s.require_login()?;
            let list = all_pages(MAX_COUNT, |last| {
                let client = s.client.clone();
                async move { client.events(MAX_COUNT, last.as_deref()).await }
            })
            .await
            .map_err(|e| s.fail(e))?;
            emit(json, output::events_json(&list), output::events_text(&list))
        }
        Command::Versions { .. } => {
            let (ios, android) = tokio::join!(
                s.client.latest_version(Platform::Ios),
                s.client.latest_version(Platform::Android)
            );
            let rows = vec![
                (Platform::Ios, ios.map_err(|e| s.fail(e))?),
                (Platform::Android, android.map_err(|e| s.fail(e))?),
            ];
            emit(
                json,
                output::cq_versions_json(&rows),
                output::cq_versions_text(&rows),
            )
        }
        Command::Feedback { text } => {
            s.require_login()?;
            let feedback = crate::api::chaoqer::model::Feedback {
                content: text,
                images: Vec::new(),
            };
            let said = s.client.feedback(&feedback).await.map_err(|e| s.fail(e))?;
            emit(
                json,
                serde_json::json!({"sent": true, "server": said}),
                output::Text::body(format!("feedback sent ({})\n", sanitize::line(&said))),
            )
        }
        // Refused above, or handled before `connect`.
        Command::Login { .. }
        | Command::Medals
        | Command::Coins { .. }
        | Command::Categories
        | Command::Groups { .. }
        | Command::Bots
        | Command::Cache { .. }
        | Command::Friends
        | Command::SetGender { .. }
        | Command::ChangePassword { .. }
        | Command::ScreenCapture { .. }
        | Command::SendMessage { .. }
        | Command::ServeDemo { .. }
        | Command::Accounts { .. }
        | Command::Completions { .. }
        | Command::Man => Err(AppError::Input(format!(
            "`{}` is not available for chaoqer accounts",
            command_name(&command)
        ))),
    }
}

/// The account's client: `--server`, else its own server (there is no default one),
/// `--timeout`, and (`with_session`) its saved session; `login` does without, so a broken
/// session file does not stop a new login.
fn connect(
    global: &GlobalOpts,
    accounts: &Accounts,
    account: &Account,
    with_session: bool,
) -> Result<CqSession, AppError> {
    let server = super::account_server(global, accounts, account)?;
    let mut config = ChaoqerConfig::new(server.clone());
    config.timeout = Duration::from_secs_f64(global.timeout);
    let store = account.chaoqer_store();
    let mut client = ChaoqerClient::new(config).map_err(AppError::Chaoqer)?;
    if with_session && let Some(saved) = store.load()? {
        client = client.with_session(saved);
    }
    Ok(CqSession {
        account: account.name.clone(),
        client,
        store: Some(store),
        server,
    })
}

impl CqSession {
    /// What the user should know before the session is used: a session file others can
    /// read (or a symlink, not followed), and a plain-HTTP server elsewhere.
    fn warn(&self, sends_session: bool) {
        if let Some(w) = self.store.as_ref().and_then(|s| s.warning()) {
            note(&format!("warning: {w}"));
        }
        if sends_session && let Some(host) = plain_http_host(&self.server) {
            note(&format!(
                "warning: {host} is plain HTTP: the session's token is sent to it unencrypted; use https:// if the deployment offers it"
            ));
        }
    }

    fn log_in_hint(&self) -> String {
        format!(
            "yunhu-tui --account {} login --phone PHONE --sms",
            sanitize::line(&self.account)
        )
    }

    fn complete_hint(&self) -> String {
        format!(
            "yunhu-tui --account {} complete-profile --nickname NAME --avatar URL|FILE",
            sanitize::line(&self.account)
        )
    }

    /// Nothing is sent without a saved session, nor with one past its `expireTime` (the
    /// gateway never refreshes a token: it would only answer 401).
    fn require_login(&self) -> Result<(), AppError> {
        match self.client.session() {
            None => Err(AppError::LogInAgain(format!(
                "not logged in to the chaoqer account {}: log in with {}",
                sanitize::line(&self.account),
                self.log_in_hint()
            ))),
            Some(saved)
                if saved.expire_time > 0
                    && saved.expire_time < chrono::Utc::now().timestamp_millis() =>
            {
                Err(AppError::LogInAgain(format!(
                    "the saved chaoqer session expired (sessions last 30 days): log in again with {}",
                    self.log_in_hint()
                )))
            }
            Some(_) => Ok(()),
        }
    }

    /// A client error as the command's: 401 says how to log in again, 200000 how to
    /// complete the profile. The client already keeps the credentials out of its texts.
    fn fail(&self, e: ChaoqerError) -> AppError {
        match e {
            ChaoqerError::LoggedOut { reason } => AppError::LogInAgain(format!(
                "the chaoqer session is not valid ({}): log in again with {}",
                sanitize::line(&reason),
                self.log_in_hint()
            )),
            ChaoqerError::ProfileNotInitialised { message } => {
                AppError::Chaoqer(ChaoqerError::Refused {
                    code: 200000,
                    sentence: Some(format!(
                        "the profile is not initialised yet (a new account): complete it first with {}",
                        self.complete_hint()
                    )),
                    message,
                })
            }
            other => AppError::Chaoqer(other),
        }
    }

    /// Every page of a user list (Q7, Q12).
    async fn all_users<F, Fut>(
        &self,
        fetch: F,
    ) -> Result<Vec<crate::api::chaoqer::model::UserEntry>, AppError>
    where
        F: Fn(ChaoqerClient, Option<String>) -> Fut,
        Fut: std::future::Future<
                Output = Result<
                    crate::api::chaoqer::paging::Page<crate::api::chaoqer::model::UserEntry>,
                    ChaoqerError,
                >,
            >,
    {
        all_pages(MAX_COUNT, |last| fetch(self.client.clone(), last))
            .await
            .map_err(|e| self.fail(e))
    }
}

/// The own profile with `change` applied, written back whole (Q5 writes all three fields,
/// and leaving the bio out would erase it), as the server then has it.
fn changed(mut p: UserProfile, change: impl FnOnce(&mut UserProfile)) -> UserProfile {
    change(&mut p);
    p
}
