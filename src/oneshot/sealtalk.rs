//! The one-shot commands of a SealTalk account (`shared/spec/sealtalk-api.md`): login and
//! logout with the session cookie in the account's own 0600 file, the profile and its
//! edits, the lists, screen-capture notices, client versions, and a guarded message send.
//! Whatever posts into a chat (T16, T21) or changes a list (T14) needs `--yes` and is
//! refused before anything is sent without it. Commands a SealTalk account does not have
//! exit 2, naming the service.

use std::time::Duration;

use super::login::{Password, read_secret_line};
use super::*;
use crate::accounts::{Account, Accounts};
use crate::api::sealtalk::model::{
    Conversation, FriendStatus, Friendship, Gender, GroupMembership,
};
use crate::api::sealtalk::{
    DEFAULT_UPLOAD_URL, SealtalkClient, SealtalkConfig, SealtalkError, portrait_uri_for,
};
use crate::cli::{GenderArg, ScreenCaptureCommand, Switch};
use crate::output::{FriendListing, GroupRow, NoticeRow, StVersions};
use crate::secrets::CookieStore;

/// The largest portrait file read: the image host answers 413 above its bucket's own
/// limit; this only bounds what is read into memory.
const MAX_PORTRAIT_BYTES: u64 = 20 * 1024 * 1024;
/// The longest message `send-message` sends: the server refuses bodies over 100 kB (Q6),
/// and the text travels twice (content and push content).
const MAX_MESSAGE_CHARS: usize = 5000;

/// A SealTalk account's command: its client (with the saved session, if any) and where the
/// session is kept.
struct StSession {
    account: String,
    client: SealtalkClient,
    store: CookieStore,
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
    }
}

/// What a Yunhu account cannot do: SealTalk's commands and options. Exit 2.
pub(super) fn refuse_for_yunhu(command: &Command) -> Result<(), AppError> {
    let refused = match command {
        Command::Friends
        | Command::Blacklist
        | Command::Unblock { .. }
        | Command::SetGender { .. }
        | Command::ChangePassword { .. }
        | Command::ScreenCapture { .. }
        | Command::SendMessage { .. } => format!(
            "`{}` is not available for Yunhu accounts (it is a SealTalk command; --account NAME picks a SealTalk account)",
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
        Command::Login { email: Some(_), .. } => {
            "login --email is not available for SealTalk accounts: log in with --region 86 --phone PHONE --password-stdin".into()
        }
        _ if global.offline => {
            "--offline is not available for SealTalk accounts: nothing of a SealTalk account is kept in the local store; run the command without --offline".into()
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
            s.require_login()?;
            s.client
                .change_password(old.as_str(), new.as_str())
                .await
                .map_err(|e| s.fail(e))?;
            return emit(
                json,
                serde_json::json!({"passwordChanged": true}),
                output::Text::body(
                    "password changed; the saved login stays valid (SealTalk does not end sessions when the password changes)\n".into(),
                ),
            );
        }
        _ => {}
    }
    let s = connect(global, accounts, account, true)?;
    // `versions` is public: the cookie goes along only when there is one (Q2).
    s.warn(s.client.cookie().is_some());
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
        | Command::Man => Err(AppError::Input(format!(
            "`{}` is not available for SealTalk accounts",
            command_name(&command)
        ))),
    }
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
        store,
        server,
    })
}

/// `HOST is plain HTTP` for a server that is not on this machine, else `None`.
fn plain_http_host(server: &str) -> Option<String> {
    crate::api::plain_http_warning(server)?;
    let host = url::Url::parse(server)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "the server".into());
    Some(sanitize::line(&host).into_owned())
}

impl StSession {
    /// What the user should know before the cookie is sent: a cookie file others can read
    /// (or a symlink, not followed), and a plain-HTTP server elsewhere (SealTalk's cookie
    /// has no `Secure` flag).
    fn warn(&self, sends_cookie: bool) {
        if let Some(w) = self.store.warning() {
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

// ---- session ----------------------------------------------------------------------------

/// `login --region R --phone P --password-stdin` (T1): the cookie saved by its own name in
/// the account's 0600 file with the own id; T1's RongCloud IM token is never read.
async fn login(
    global: &GlobalOpts,
    accounts: &Accounts,
    account: &Account,
    region: Option<&str>,
    phone: &str,
) -> Result<(), AppError> {
    // Q19: the calling code without '+' (the client strips one too).
    let region = region.unwrap_or("86").trim().trim_start_matches('+');
    if region.is_empty() || region.len() > 4 || !region.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::Input(format!(
            "--region {:?} is not a calling code (digits, e.g. 86); nothing was sent",
            sanitize::line(region)
        )));
    }
    let phone = phone.trim();
    // Q9: no stricter check than the server's own; only what cannot be a number.
    if phone.is_empty() || phone.chars().count() > 32 || phone.chars().any(char::is_whitespace) {
        return Err(AppError::Input(
            "--phone is empty or not a phone number; nothing was sent".into(),
        ));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(AppError::Input(format!(
            "--password-stdin reads a pipe, not a terminal (it would show the password as it is typed): printf '%s\\n' \"$PW\" | yunhu-tui --account {} login --region {region} --phone PHONE --password-stdin",
            sanitize::line(&account.name)
        )));
    }
    let password = read_secret_line(
        stdin.lock(),
        "password",
        "--password-stdin reads its first line, e.g. printf '%s\\n' \"$PW\" | yunhu-tui --account NAME login --region 86 --phone PHONE --password-stdin",
    )?;
    let mut s = connect(global, accounts, account, false)?;
    if let Some(w) = s.store.warning() {
        note(&format!("warning: {w}"));
    }
    if let Some(host) = plain_http_host(&s.server) {
        note(&format!(
            "warning: {host} is plain HTTP: the password and the session cookie are sent to it unencrypted; use https:// if the deployment offers it"
        ));
    }
    let path = s.store.cookie_path();
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        // Refused before the password is sent: the login could not be saved there.
        return Err(FileError::Unsafe {
            path,
            reason: "is a symbolic link, which is not followed: a login cannot be saved there; remove it and log in again; nothing was sent".into(),
        }
        .into());
    }
    let session = s
        .client
        .login(region, phone, password.as_str())
        .await
        .map_err(|e| s.fail(e))?;
    drop(password);
    s.store
        .save(&session)
        .map_err(|e| AppError::partly("the server accepted the login, but it was not saved", e))?;
    let user = s.client.own_profile().await.map_err(|e| {
        AppError::partly(
            "logged in and the login saved, but the profile could not be fetched",
            s.fail(e),
        )
    })?;
    emit(
        global.json,
        serde_json::json!({"id": user.id, "name": user.nickname}),
        output::Text::body(format!(
            "logged in as {} ({})\n",
            sanitize::line(&user.nickname),
            sanitize::line(&user.id)
        )),
    )
}

/// `logout` (T2), then the saved cookie is deleted whatever the server said: it revokes
/// nothing (Q4), so its answer only tells whether it heard.
async fn logout(mut s: StSession, json: bool) -> Result<(), AppError> {
    if s.client.cookie().is_none() {
        return Err(AppError::LogInAgain(format!(
            "not logged in to the SealTalk account {}: there is no saved login to end",
            sanitize::line(&s.account)
        )));
    }
    let secret = s
        .client
        .cookie()
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    let told = s.client.logout().await.map_err(|e| scrub(e, &secret));
    let deleted = s.store.delete();
    let server = match told {
        Ok(()) => "told",
        Err(SealtalkError::NotLoggedIn { .. }) => "sessionInvalid",
        Err(e) => {
            return Err(match deleted {
                Ok(()) => AppError::partly(
                    "the saved login is deleted, but the server could not be told (SealTalk servers never end a session anyway)",
                    AppError::Sealtalk(e),
                ),
                Err(fe) => AppError::partly(
                    format!(
                        "the server could not be told ({e}), and the saved login could not be deleted"
                    ),
                    fe,
                ),
            });
        }
    };
    deleted.map_err(|fe| {
        AppError::partly(
            "the server was told, but the saved login could not be deleted",
            fe,
        )
    })?;
    let said = if server == "told" {
        "logged out: the server was told and the saved login is deleted (SealTalk servers do not revoke sessions: the cookie was only forgotten here)\n"
    } else {
        "logged out: the server no longer accepted the session; the saved login is deleted\n"
    };
    emit(
        json,
        serde_json::json!({"server": server, "savedLoginDeleted": true}),
        output::Text::body(said.into()),
    )
}

/// `change-password --stdin`: the current password on the first line, the new one on the
/// second, the new one checked as the server checks it; nothing is sent otherwise.
fn read_old_and_new(account: &str) -> Result<(Password, Password), AppError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(AppError::Input(format!(
            "change-password --stdin reads a pipe, not a terminal (it would show the passwords as they are typed): printf '%s\\n%s\\n' \"$OLD\" \"$NEW\" | yunhu-tui --account {} change-password --stdin",
            sanitize::line(account)
        )));
    }
    let how = "change-password --stdin reads two lines: the current password, then the new one";
    let mut lock = stdin.lock();
    let old = read_secret_line(&mut lock, "current password", how)?;
    let new = read_secret_line(&mut lock, "new password", how)?;
    validate::sealtalk_new_password(new.as_str())
        .map_err(|e| AppError::Input(format!("{e}; nothing was sent")))?;
    Ok((old, new))
}

// ---- lists and actions -------------------------------------------------------------------

/// The owners' nicknames (T4 for each creator other than the account), looked up at once;
/// one that cannot be found (a deleted user) is left out.
async fn owner_names(
    client: &SealtalkClient,
    groups: &[GroupMembership],
    own: &str,
) -> std::collections::HashMap<String, String> {
    let mut ids: Vec<&str> = groups
        .iter()
        .map(|m| m.group.creator_id.as_str())
        .filter(|id| !id.is_empty() && *id != own)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let answers = futures::future::join_all(ids.iter().map(|id| client.user(id))).await;
    ids.into_iter()
        .zip(answers)
        .filter_map(|(id, user)| user.ok().map(|u| (id.to_owned(), u.nickname)))
        .collect()
}

/// `unblock ID --yes` (T14), for an id on the blacklist (T13) only: T14 answers 200 for
/// any id, which would say nothing.
async fn unblock(s: &StSession, id: &str, yes: bool, json: bool) -> Result<(), AppError> {
    if id.trim().is_empty() {
        return Err(AppError::Input("the id is empty; nothing was sent".into()));
    }
    if !yes {
        return Err(AppError::Input(format!(
            "unblock takes {} off the blacklist: they can message this account again, and a blocked friend is a friend again; nothing was sent; add --yes to do it",
            sanitize::line(id)
        )));
    }
    s.require_login()?;
    let blocked = s.client.blacklist().await.map_err(|e| s.fail(e))?;
    // Ids are case-sensitive: `Kq3ZbT0aa` and `kQ3zBt0AA` are two users.
    let Some(user) = blocked.iter().find(|u| u.id == id) else {
        return Err(AppError::Input(format!(
            "{} is not on the blacklist (ids are case-sensitive; `blacklist` lists them); nothing was changed",
            sanitize::line(id)
        )));
    };
    s.client.unblock(id).await.map_err(|e| s.fail(e))?;
    emit(
        json,
        serde_json::json!({"unblocked": {"id": user.id, "nickname": user.nickname}}),
        output::Text::body(format!(
            "unblocked {} ({})\n",
            sanitize::line(&user.nickname),
            sanitize::line(&user.id)
        )),
    )
}

/// The portrait from a file: T7's token, the upload to the image host (never with the
/// cookie), then T6. When the image host refuses (a deployment without Qiniu credentials
/// still hands out tokens), the error says a URL works instead.
async fn upload_portrait(s: &StSession, path: &std::path::Path) -> Result<String, AppError> {
    let owned = path.to_owned();
    let bytes = tokio::task::spawn_blocking(move || {
        crate::api::read_image_file(&owned, MAX_PORTRAIT_BYTES)
    })
    .await
    .map_err(|e| AppError::Input(format!("cannot read the image: {e}")))?
    .map_err(|e| AppError::Input(format!("{e}; nothing was sent")))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "portrait".into());
    let token = s.client.image_token().await.map_err(|e| s.fail(e))?;
    let key = s
        .client
        .upload_image(&token, bytes, &name)
        .await
        .map_err(|e| {
            AppError::partly(
                format!(
                    "the portrait is unchanged: the file could not be uploaded (a URL works instead: yunhu-tui --account {} set-avatar https://…)",
                    sanitize::line(&s.account)
                ),
                s.fail(e),
            )
        })?;
    let uri = portrait_uri_for(&token.domain, &key);
    s.client.set_portrait_uri(&uri).await.map_err(|e| {
        AppError::partly(
            format!(
                "the file was uploaded as {}, but the portrait was not set to it",
                sanitize::line(&uri)
            ),
            s.fail(e),
        )
    })?;
    Ok(uri)
}

/// The account's friends (status 20) and groups, each with its notice (T15, one request at
/// a time: the server keeps their arguments in globals, Q16).
async fn notices(s: &StSession) -> Result<Vec<NoticeRow>, AppError> {
    let (friends, groups) = conversations(s).await?;
    let mut rows = Vec::with_capacity(friends.len() + groups.len());
    for f in friends {
        let conversation = Conversation::Private(f.user.id.clone());
        let on = s
            .client
            .screen_capture(&conversation)
            .await
            .map_err(|e| s.fail(e))?;
        rows.push(NoticeRow {
            group: false,
            id: f.user.id.clone(),
            name: f.name().to_owned(),
            on,
        });
    }
    for m in groups {
        let conversation = Conversation::Group(m.group.id.clone());
        let on = s
            .client
            .screen_capture(&conversation)
            .await
            .map_err(|e| s.fail(e))?;
        rows.push(NoticeRow {
            group: true,
            id: m.group.id.clone(),
            name: m.group.name.clone(),
            on,
        });
    }
    Ok(rows)
}

/// The friends (status 20, by name) and groups of the account.
async fn conversations(s: &StSession) -> Result<(Vec<Friendship>, Vec<GroupMembership>), AppError> {
    let friends = s.client.friendships().await.map_err(|e| s.fail(e))?;
    let groups = s.client.groups().await.map_err(|e| s.fail(e))?;
    let mut friends: Vec<Friendship> = friends
        .into_iter()
        .filter(|f| f.status() == FriendStatus::Friend)
        .collect();
    friends.sort_by(|a, b| a.name().cmp(b.name()).then(a.user.id.cmp(&b.user.id)));
    Ok((friends, groups))
}

/// `screen-capture set ID on|off --yes` (T16): refused without `--yes` before anything is
/// sent, since the server posts "… turned screenshot notification on/off" into the chat;
/// ID must be a friend or a group of the account; a notice already as asked is left alone
/// (no message is posted for nothing); the result is read back (T15).
async fn set_notice(
    s: &StSession,
    id: &str,
    on: bool,
    yes: bool,
    json: bool,
) -> Result<(), AppError> {
    let word = if on { "on" } else { "off" };
    if !yes {
        return Err(AppError::Input(format!(
            "turning the screen-capture notice {word} posts a message as this account into the chat with {} (\"… turned screenshot notification {word}\"), which everyone in it sees; nothing was sent; add --yes to do it",
            sanitize::line(id)
        )));
    }
    s.require_login()?;
    let (friends, groups) = conversations(s).await?;
    let friend = friends.iter().find(|f| f.user.id == id);
    let group = groups.iter().find(|m| m.group.id == id);
    let (conversation, kind, name) = match (friend, group) {
        (Some(_), Some(_)) => {
            return Err(AppError::Input(format!(
                "{} is both a friend's and a group's id; nothing was changed",
                sanitize::line(id)
            )));
        }
        (Some(f), None) => (
            Conversation::Private(f.user.id.clone()),
            "friend",
            f.name().to_owned(),
        ),
        (None, Some(m)) => (
            Conversation::Group(m.group.id.clone()),
            "group",
            m.group.name.clone(),
        ),
        (None, None) => {
            return Err(AppError::Input(format!(
                "{} is neither a friend nor a group of this account (`screen-capture` lists them; ids are case-sensitive); nothing was changed",
                sanitize::line(id)
            )));
        }
    };
    let before = s
        .client
        .screen_capture(&conversation)
        .await
        .map_err(|e| s.fail(e))?;
    let changed = before != on;
    if changed {
        s.client
            .set_screen_capture(&conversation, on)
            .await
            .map_err(|e| s.fail(e))?;
    }
    // The status is stored before the message is published, so read what is there now.
    let now = s
        .client
        .screen_capture(&conversation)
        .await
        .map_err(|e| s.fail(e))?;
    let now_word = if now { "on" } else { "off" };
    let said = if changed {
        format!(
            "the screen-capture notice of {kind} {} ({}) is now {now_word}; the server posted a notice into that chat\n",
            sanitize::line(&name),
            sanitize::line(id)
        )
    } else {
        format!(
            "the screen-capture notice of {kind} {} ({}) was already {now_word}; nothing was sent\n",
            sanitize::line(&name),
            sanitize::line(id)
        )
    };
    emit(
        json,
        serde_json::json!({"id": id, "kind": kind, "name": name, "on": now, "changed": changed}),
        output::Text::body(said),
    )
}

/// `send-message --to ID --private|--group --text TEXT --yes` (T21): a real message as the
/// account; refused without `--yes` (the refusal shows recipient and text). A server that
/// never answers (Q18: RongCloud rejected the message) is reported, never retried.
async fn send_message(
    s: &StSession,
    to: String,
    group: bool,
    text: &str,
    yes: bool,
    json: bool,
) -> Result<(), AppError> {
    let to = to.trim().to_owned();
    if to.is_empty() {
        return Err(AppError::Input("--to is empty; nothing was sent".into()));
    }
    if text.trim().is_empty() {
        return Err(AppError::Input("--text is empty; nothing was sent".into()));
    }
    let chars = text.chars().count();
    if chars > MAX_MESSAGE_CHARS {
        return Err(AppError::Input(format!(
            "--text has {chars} characters; at most {MAX_MESSAGE_CHARS} are sent; nothing was sent"
        )));
    }
    let kind = if group { "group" } else { "friend" };
    if !yes {
        return Err(AppError::Input(format!(
            "send-message sends a real message as this account to {kind} {}: {:?}; nothing was sent; add --yes to send it",
            sanitize::line(&to),
            sanitize::line(text)
        )));
    }
    s.require_login()?;
    let conversation = if group {
        Conversation::Group(to.clone())
    } else {
        Conversation::Private(to.clone())
    };
    s.client
        .send_text(&conversation, text)
        .await
        .map_err(|e| match e {
            SealtalkError::Timeout(_) | SealtalkError::NoAnswer(_) => AppError::partly(
                "the message may or may not have been sent (a SealTalk server never answers when RongCloud rejects a message); it is not sent again",
                s.fail(e),
            ),
            other => s.fail(other),
        })?;
    emit(
        json,
        serde_json::json!({"sent": true, "to": to, "kind": kind}),
        output::Text::body(format!("message sent to {kind} {}\n", sanitize::line(&to))),
    )
}
