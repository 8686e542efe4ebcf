//! What the API actor runs for a chaoqer account: the commands, their replies, and the one
//! function that carries a command out on the account's [`ChaoqerClient`]. Beside Yunhu's
//! `Command`/`Reply`, wrapped in `Command::Chaoqer`/`Reply::Chaoqer`, as SealTalk's are in
//! `Command::Sealtalk`/`Reply::Sealtalk`, so no service's list grows with another's.

use super::chaoqer::model::{
    AppVersion, Club, ClubEntry, Event, EventEntry, Feedback, LoginOutcome, MessageEntry, Platform,
    UserEntry, UserProfile,
};
use super::chaoqer::paging::Page;
use super::chaoqer::{ChaoqerClient, ChaoqerError};

pub type CqResult<T> = Result<T, ChaoqerError>;

/// Where a paged list starts: `None` is the first page, else the `sequenceId` of the last
/// item already shown (the gateway's `lastId`).
pub type Cursor = Option<String>;

/// A request of a chaoqer account (Q1–Q23 as the dashboard uses them).
#[derive(Debug, Clone, PartialEq)]
pub enum CqCommand {
    /// Q1: the server sends an SMS code to this number.
    SendCode {
        country_code: String,
        mobile: String,
    },
    /// Q2. The session comes back in the reply; the runtime hands it to the actor.
    Login {
        country_code: String,
        mobile: String,
        code: String,
    },
    /// Q3.
    Logout,
    /// Q6 for the own uid.
    Profile,
    /// Q4: a new account's first profile.
    InitProfile { nickname: String, avatar: String },
    /// Q5: all three fields at once (the gateway replaces them together).
    EditProfile {
        nickname: String,
        avatar: String,
        bio: Option<String>,
    },
    /// Q24, the upload of the file as JPEG, then Q4 (`init`) or Q5 with the image's URL.
    SaveWithAvatarFile {
        path: std::path::PathBuf,
        nickname: String,
        bio: Option<String>,
        init: bool,
    },
    /// Q10 (paged) and Q11 after it, when it is the first page.
    Messages { count: u32, last_id: Cursor },
    /// Q11 alone (the tab title's number).
    UnreadTotal,
    /// Q7.
    Blacklist { count: u32, last_id: Cursor },
    /// Q9.
    Unblock(String),
    /// Q12.
    Cards { count: u32, last_id: Cursor },
    /// Q13.
    SendCard(String),
    /// Q14 (which answers success but keeps the card: the server's bug).
    DeleteCard(String),
    /// Q15.
    Clubs { count: u32, last_id: Cursor },
    /// Q16.
    Club(String),
    /// Q17.
    ClubMembers {
        club_id: String,
        count: u32,
        last_id: Cursor,
    },
    /// Q18.
    JoinClub(String),
    /// Q19.
    LeaveClub(String),
    /// Q20.
    Events { count: u32, last_id: Cursor },
    /// Q21.
    Event(String),
    /// Q22 for iOS and Android.
    Versions,
    /// Q23.
    Feedback(Feedback),
}

/// Q22's two answers: each may fail on its own; `None` inside is "no version published".
#[derive(Debug, Clone, PartialEq)]
pub struct Versions {
    pub ios: CqResult<Option<AppVersion>>,
    pub android: CqResult<Option<AppVersion>>,
}

/// A page asked for, with the cursor it was asked from (so a late answer for another
/// cursor can be told apart).
#[derive(Debug, Clone, PartialEq)]
pub struct Paged<T> {
    pub last_id: Cursor,
    pub count: u32,
    pub page: CqResult<Page<T>>,
}

impl<T> Paged<T> {
    fn error(&self) -> Option<&ChaoqerError> {
        self.page.as_ref().err()
    }
}

#[derive(Debug, Clone)]
pub enum CqReply {
    /// Q1's message (`验证码已发送，请注意查收`).
    CodeSent(CqResult<String>),
    LoggedIn(CqResult<LoginOutcome>),
    LoggedOut(CqResult<String>),
    Profile(CqResult<UserProfile>),
    /// Q4 or Q5: the profile as saved.
    ProfileSaved(CqResult<UserProfile>),
    /// Q10, and the unread total read after a first page (Q10 zeroes it on the server).
    Messages {
        page: Paged<MessageEntry>,
        unread: Option<CqResult<i64>>,
    },
    UnreadTotal(CqResult<i64>),
    Blacklist(Paged<UserEntry>),
    Unblocked {
        uid: String,
        result: CqResult<String>,
    },
    Cards(Paged<UserEntry>),
    CardSent {
        uid: String,
        result: CqResult<String>,
    },
    CardDeleted {
        uid: String,
        result: CqResult<String>,
    },
    Clubs(Paged<ClubEntry>),
    Club(CqResult<Club>),
    ClubMembers {
        club_id: String,
        page: Paged<UserEntry>,
    },
    Joined(CqResult<Club>),
    Left {
        club_id: String,
        result: CqResult<String>,
    },
    Events(Paged<EventEntry>),
    Event(CqResult<Event>),
    Versions(Box<Versions>),
    FeedbackSent(CqResult<String>),
}

impl CqReply {
    /// The error, if the whole reply is one (for Versions: the first of the two).
    pub fn error(&self) -> Option<&ChaoqerError> {
        fn e<T>(r: &CqResult<T>) -> Option<&ChaoqerError> {
            r.as_ref().err()
        }
        match self {
            CqReply::CodeSent(r) | CqReply::LoggedOut(r) | CqReply::FeedbackSent(r) => e(r),
            CqReply::LoggedIn(r) => e(r),
            CqReply::Profile(r) | CqReply::ProfileSaved(r) => e(r),
            CqReply::Messages { page, unread } => {
                page.error().or_else(|| unread.as_ref().and_then(|u| e(u)))
            }
            CqReply::UnreadTotal(r) => e(r),
            CqReply::Blacklist(p) | CqReply::Cards(p) => p.error(),
            CqReply::ClubMembers { page, .. } => page.error(),
            CqReply::Unblocked { result, .. }
            | CqReply::CardSent { result, .. }
            | CqReply::CardDeleted { result, .. }
            | CqReply::Left { result, .. } => e(result),
            CqReply::Clubs(p) => p.error(),
            CqReply::Club(r) | CqReply::Joined(r) => e(r),
            CqReply::Events(p) => p.error(),
            CqReply::Event(r) => e(r),
            CqReply::Versions(v) => e(&v.ios).or(e(&v.android)),
        }
    }

    /// The session is over (401): log in again.
    pub fn session_expired(&self) -> Option<&ChaoqerError> {
        self.error().filter(|e| e.is_logged_out())
    }

    /// The account must complete its profile first (errorCode 200000).
    pub fn profile_not_initialised(&self) -> Option<&ChaoqerError> {
        self.error().filter(|e| e.is_profile_not_initialised())
    }
}

/// No chaoqer client for the account shown: nothing is sent.
fn no_client() -> ChaoqerError {
    ChaoqerError::Input("no chaoqer account is shown".into())
}

/// Carries out `command` on `client` (a clone: a login's session comes back in the reply,
/// and the runtime hands it to the actor's client for the commands after it).
pub async fn run(client: Option<ChaoqerClient>, command: CqCommand) -> CqReply {
    let Some(mut client) = client else {
        return match command {
            CqCommand::SendCode { .. } => CqReply::CodeSent(Err(no_client())),
            CqCommand::Login { .. } => CqReply::LoggedIn(Err(no_client())),
            _ => CqReply::Profile(Err(no_client())),
        };
    };
    match command {
        CqCommand::SendCode {
            country_code,
            mobile,
        } => CqReply::CodeSent(client.send_code(&country_code, &mobile).await),
        CqCommand::Login {
            country_code,
            mobile,
            code,
        } => CqReply::LoggedIn(client.login(&country_code, &mobile, &code).await),
        CqCommand::Logout => CqReply::LoggedOut(client.logout().await),
        CqCommand::Profile => CqReply::Profile(client.own_profile().await),
        CqCommand::InitProfile { nickname, avatar } => {
            CqReply::ProfileSaved(client.init_profile(&nickname, &avatar).await)
        }
        CqCommand::EditProfile {
            nickname,
            avatar,
            bio,
        } => CqReply::ProfileSaved(
            client
                .edit_profile(&nickname, &avatar, bio.as_deref())
                .await,
        ),
        CqCommand::SaveWithAvatarFile {
            path,
            nickname,
            bio,
            init,
        } => CqReply::ProfileSaved(
            save_with_file(&client, path, &nickname, bio.as_deref(), init).await,
        ),
        CqCommand::Messages { count, last_id } => {
            let page = client.messages(count, last_id.as_deref()).await;
            // Q10 zeroes the total; read it after the first page so the title agrees.
            let unread = if last_id.is_none() && page.is_ok() {
                Some(client.unread_total().await)
            } else {
                None
            };
            CqReply::Messages {
                page: Paged {
                    last_id,
                    count,
                    page,
                },
                unread,
            }
        }
        CqCommand::UnreadTotal => CqReply::UnreadTotal(client.unread_total().await),
        CqCommand::Blacklist { count, last_id } => CqReply::Blacklist(Paged {
            page: client.blocked(count, last_id.as_deref()).await,
            last_id,
            count,
        }),
        CqCommand::Unblock(uid) => CqReply::Unblocked {
            result: client.unblock(&uid).await,
            uid,
        },
        CqCommand::Cards { count, last_id } => CqReply::Cards(Paged {
            page: client.cards(count, last_id.as_deref()).await,
            last_id,
            count,
        }),
        CqCommand::SendCard(uid) => CqReply::CardSent {
            result: client.send_card(&uid).await,
            uid,
        },
        CqCommand::DeleteCard(uid) => CqReply::CardDeleted {
            result: client.delete_card(&uid).await,
            uid,
        },
        CqCommand::Clubs { count, last_id } => CqReply::Clubs(Paged {
            page: client.clubs(count, last_id.as_deref()).await,
            last_id,
            count,
        }),
        CqCommand::Club(id) => CqReply::Club(client.club(&id).await),
        CqCommand::ClubMembers {
            club_id,
            count,
            last_id,
        } => CqReply::ClubMembers {
            page: Paged {
                page: client
                    .club_members(&club_id, count, last_id.as_deref())
                    .await,
                last_id,
                count,
            },
            club_id,
        },
        CqCommand::JoinClub(id) => CqReply::Joined(client.join_club(&id).await),
        CqCommand::LeaveClub(club_id) => CqReply::Left {
            result: client.leave_club(&club_id).await,
            club_id,
        },
        CqCommand::Events { count, last_id } => CqReply::Events(Paged {
            page: client.events(count, last_id.as_deref()).await,
            last_id,
            count,
        }),
        CqCommand::Event(id) => CqReply::Event(client.event(&id).await),
        CqCommand::Versions => {
            let ios = client.latest_version(Platform::Ios).await;
            let android = client.latest_version(Platform::Android).await;
            CqReply::Versions(Box::new(Versions { ios, android }))
        }
        CqCommand::Feedback(f) => CqReply::FeedbackSent(client.feedback(&f).await),
    }
}

/// The avatar file made JPEG and uploaded (Q24 then the PUT), then the profile saved with
/// its URL. A file that cannot be read is said before anything is sent.
async fn save_with_file(
    client: &ChaoqerClient,
    path: std::path::PathBuf,
    nickname: &str,
    bio: Option<&str>,
    init: bool,
) -> CqResult<UserProfile> {
    let jpeg = tokio::task::spawn_blocking(move || super::chaoqer::jpeg::jpeg_of(&path))
        .await
        .map_err(|e| ChaoqerError::Input(format!("cannot read the image: {e}")))?
        .map_err(ChaoqerError::Input)?;
    let slot = client
        .upload_slot(super::chaoqer::model::ImageDir::Avatar)
        .await?;
    let url = client.upload_jpeg(&slot, jpeg).await?;
    if init {
        client.init_profile(nickname, &url).await
    } else {
        client.edit_profile(nickname, &url, bio).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn without_a_client_nothing_is_sent() {
        let reply = run(None, CqCommand::Profile).await;
        assert!(reply.error().is_some());
        assert!(reply.session_expired().is_none());
        let reply = run(
            None,
            CqCommand::SendCode {
                country_code: "86".into(),
                mobile: "13900000002".into(),
            },
        )
        .await;
        assert!(matches!(reply, CqReply::CodeSent(Err(_))));
    }

    #[tokio::test]
    async fn the_demo_account_logs_in_and_reads_its_pages() {
        let server = match crate::demo::chaoqer::ChaoqerDemoServer::start().await {
            Ok(s) => s,
            Err(e) => panic!("demo: {e}"),
        };
        let client = match ChaoqerClient::new(server.client_config()) {
            Ok(c) => c,
            Err(e) => panic!("client: {e}"),
        };
        let login = server.login();
        let reply = run(
            Some(client.clone()),
            CqCommand::SendCode {
                country_code: login.country_code.clone(),
                mobile: login.mobile.clone(),
            },
        )
        .await;
        assert!(matches!(reply, CqReply::CodeSent(Ok(_))), "{reply:?}");
        let reply = run(
            Some(client.clone()),
            CqCommand::Login {
                country_code: login.country_code.clone(),
                mobile: login.mobile.clone(),
                code: login.sms_code.clone(),
            },
        )
        .await;
        let CqReply::LoggedIn(Ok(outcome)) = reply else {
            panic!("login failed: {reply:?}");
        };
        let client = client.with_session(outcome.session);
        let reply = run(Some(client.clone()), CqCommand::Profile).await;
        assert!(matches!(reply, CqReply::Profile(Ok(_))), "{reply:?}");
        let reply = run(
            Some(client.clone()),
            CqCommand::Messages {
                count: 20,
                last_id: None,
            },
        )
        .await;
        match reply {
            CqReply::Messages {
                page,
                unread: Some(Ok(0)),
            } => assert!(page.page.is_ok()),
            other => panic!("messages: {other:?}"),
        }
        server.expire_sessions();
        let reply = run(Some(client), CqCommand::Profile).await;
        assert!(reply.session_expired().is_some(), "{reply:?}");
    }
}
