//! What the API actor runs for a SealTalk account: the commands, their replies, and the one
//! function that carries a command out on the account's [`SealtalkClient`]. Beside Yunhu's
//! `Command`/`Reply`, wrapped in `Command::Sealtalk`/`Reply::Sealtalk`, so neither service's
//! list grows with the other's.

use super::sealtalk::model::{
    BlockedUser, ClientVersions, Conversation, DesktopRelease, Friendship, Gender, GroupMembership,
    Session, User,
};
use super::sealtalk::{SealtalkClient, SealtalkError};

pub type StResult<T> = Result<T, SealtalkError>;

/// A request of a SealTalk account (T1–T20 as the dashboard uses them).
#[derive(Debug, Clone, PartialEq)]
pub enum StCommand {
    /// T1. The password travels only in this command; `Debug` is redacted below.
    Login(LoginRequest),
    Logout,
    /// T4 for the own id.
    Profile,
    SetNickname(String),
    SetPortraitUrl(String),
    /// T7 + upload + T6: the file's bytes are read by the actor, not by the app.
    SetPortraitFile(std::path::PathBuf),
    SetGender(Gender),
    SetStAccount(String),
    ChangePassword(PasswordChange),
    Friends,
    Groups,
    Blacklist,
    Unblock(String),
    /// T15 for each conversation, in order.
    ScreenCaptures(Vec<Conversation>),
    /// T16: posts a message into that chat.
    SetScreenCapture(Conversation, bool),
    /// T18–T20.
    Versions,
}

/// T1's input.
#[derive(Clone, PartialEq)]
pub struct LoginRequest {
    pub region: String,
    pub phone: String,
    pub password: String,
}

impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest")
            .field("region", &self.region)
            .field("phone", &self.phone)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// T8's input; `Debug` never shows either password.
#[derive(Clone, PartialEq)]
pub struct PasswordChange {
    pub old: String,
    pub new: String,
}

impl std::fmt::Debug for PasswordChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordChange(<redacted>)")
    }
}

/// The latest clients (T18–T20): each part may fail on its own (old servers lack T20).
#[derive(Debug, Clone, PartialEq)]
pub struct Versions {
    /// `None` inside: the server knows no newer desktop release than 0.0.0 (none at all).
    pub desktop: StResult<Option<DesktopRelease>>,
    pub mobile: StResult<ClientVersions>,
}

#[derive(Debug, Clone)]
pub enum StReply {
    /// The session to keep (cookie and own id); the IM token never reaches here.
    LoggedIn(StResult<Session>),
    LoggedOut(StResult<()>),
    Profile(StResult<User>),
    /// A profile edit was saved; a portrait saved from a file answers with its URL.
    Saved(StResult<Option<String>>),
    PasswordChanged(StResult<()>),
    Friends(StResult<Vec<Friendship>>),
    Groups(StResult<Vec<GroupMembership>>),
    Blacklist(StResult<Vec<BlockedUser>>),
    Unblocked(StResult<()>),
    /// Each conversation with its status (or the error of its own request).
    ScreenCaptures(Vec<(Conversation, StResult<bool>)>),
    ScreenCaptureSet(StResult<()>),
    Versions(Box<Versions>),
}

impl StReply {
    /// The error, if the whole reply is one.
    pub fn error(&self) -> Option<&SealtalkError> {
        fn e<T>(r: &StResult<T>) -> Option<&SealtalkError> {
            r.as_ref().err()
        }
        match self {
            StReply::LoggedIn(r) => e(r),
            StReply::LoggedOut(r) | StReply::PasswordChanged(r) => e(r),
            StReply::Unblocked(r) | StReply::ScreenCaptureSet(r) => e(r),
            StReply::Profile(r) => e(r),
            StReply::Saved(r) => e(r),
            StReply::Friends(r) => e(r),
            StReply::Groups(r) => e(r),
            StReply::Blacklist(r) => e(r),
            StReply::ScreenCaptures(rows) => rows.iter().find_map(|(_, r)| e(r)),
            StReply::Versions(v) => e(&v.desktop).or(e(&v.mobile)),
        }
    }

    /// The session is over (403, 500 `Invalid cookie value!`, no cookie): log in again.
    pub fn session_expired(&self) -> Option<&SealtalkError> {
        self.error().filter(|e| e.is_not_logged_in())
    }
}

/// No SealTalk client for the account shown: nothing is sent.
fn no_client() -> SealtalkError {
    SealtalkError::NotLoggedIn {
        reason: "no SealTalk account is shown".into(),
    }
}

/// The largest portrait file read (Qiniu's stock limit is far higher; a portrait needs less).
const MAX_PORTRAIT_BYTES: u64 = 10 * 1024 * 1024;

async fn read_portrait(path: &std::path::Path) -> StResult<(Vec<u8>, String)> {
    let meta = tokio::fs::metadata(path)
        .await
        .map_err(|e| SealtalkError::Input(format!("cannot read {}: {e}", path.display())))?;
    if meta.len() > MAX_PORTRAIT_BYTES {
        return Err(SealtalkError::Input(format!(
            "{} is over {} MB",
            path.display(),
            MAX_PORTRAIT_BYTES / (1024 * 1024)
        )));
    }
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|e| SealtalkError::Input(format!("cannot read {}: {e}", path.display())))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("portrait")
        .to_owned();
    Ok((bytes, name))
}

/// Carries out `command` on `client` (a clone: a login's session comes back in the reply,
/// and the runtime hands it to the actor's client for the commands after it).
pub async fn run(client: Option<SealtalkClient>, command: StCommand) -> StReply {
    let Some(mut client) = client else {
        return match command {
            StCommand::Login(_) => StReply::LoggedIn(Err(no_client())),
            _ => StReply::Profile(Err(no_client())),
        };
    };
    match command {
        StCommand::Login(l) => {
            StReply::LoggedIn(client.login(&l.region, &l.phone, &l.password).await)
        }
        StCommand::Logout => StReply::LoggedOut(client.logout().await),
        StCommand::Profile => StReply::Profile(client.own_profile().await),
        StCommand::SetNickname(n) => StReply::Saved(client.set_nickname(&n).await.map(|()| None)),
        StCommand::SetPortraitUrl(u) => {
            StReply::Saved(client.set_portrait_uri(&u).await.map(|()| Some(u)))
        }
        StCommand::SetPortraitFile(path) => StReply::Saved(match read_portrait(&path).await {
            Ok((bytes, name)) => client.set_portrait_file(bytes, &name).await.map(Some),
            Err(e) => Err(e),
        }),
        StCommand::SetGender(g) => StReply::Saved(client.set_gender(g).await.map(|()| None)),
        StCommand::SetStAccount(a) => {
            StReply::Saved(client.set_st_account(&a).await.map(|()| None))
        }
        StCommand::ChangePassword(p) => {
            StReply::PasswordChanged(client.change_password(&p.old, &p.new).await)
        }
        StCommand::Friends => StReply::Friends(client.friendships().await),
        StCommand::Groups => StReply::Groups(client.groups().await),
        StCommand::Blacklist => StReply::Blacklist(client.blacklist().await),
        StCommand::Unblock(id) => StReply::Unblocked(client.unblock(&id).await),
        StCommand::ScreenCaptures(list) => {
            let mut rows = Vec::with_capacity(list.len());
            for c in list {
                let status = client.screen_capture(&c).await;
                rows.push((c, status));
            }
            StReply::ScreenCaptures(rows)
        }
        StCommand::SetScreenCapture(c, on) => {
            StReply::ScreenCaptureSet(client.set_screen_capture(&c, on).await)
        }
        StCommand::Versions => {
            // T20, falling back to T19 on servers older than T20.
            let mobile = match client.mobile_version().await {
                Err(SealtalkError::NotSupported { .. }) => client.client_version().await,
                other => other,
            };
            let desktop = client.latest_desktop("0.0.0").await;
            StReply::Versions(Box::new(Versions { desktop, mobile }))
        }
    }
}
