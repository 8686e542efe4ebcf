//! The API actor: a tokio task that owns the client. Commands come in over a channel, each
//! with a request id; every command runs concurrently, and its reply goes back with the same
//! id so the app can drop answers it no longer waits for. The UI never awaits the network.

use std::path::PathBuf;

use tokio::sync::mpsc;

use super::actor_chaoqer::{CqCommand, CqReply};
use super::actor_sealtalk::{StCommand, StReply};
use super::chaoqer::ChaoqerClient;
use super::chaoqer::model::Session as ChaoqerSession;
use super::model::{
    Bot, Captcha, CoinPage, Distribution, EmailCodePurpose, Group, ModuleIgnore, Notification,
    ProfileEdit, ServiceSetting, UpdateInfo, UserData,
};
use super::sealtalk::SealtalkClient;
use super::sealtalk::model::Session as SealtalkSession;
use super::{ApiClient, ApiError};
use crate::proto::{MedalInfo, get_user_response, user_info};

pub type RequestId = u64;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Info,
    OwnUser {
        id: String,
    },
    Medals,
    UserData,
    Coins {
        page: u32,
        size: u32,
    },
    Categories,
    Groups {
        category: String,
        keyword: String,
        page: u32,
        size: u32,
    },
    Bots,
    Distribution,
    GrayStatus,
    Captcha,
    RequestSms {
        mobile: String,
        captcha_text: String,
        captcha_id: String,
    },
    SmsLogin {
        mobile: String,
        code: String,
    },
    EmailLogin {
        email: String,
        password: String,
    },
    Logout,
    EditNickname(String),
    EditAvatarUrl(String),
    EditAvatarFile(PathBuf),
    SaveUserData(ProfileEdit),
    NotificationStatus,
    SetNotification(bool),
    ModuleIgnore,
    SetModuleIgnore(Vec<u32>),
    ServiceSetting,
    LatestVersion {
        platform: String,
        user_id: String,
    },
    RequestEmailCode {
        email: String,
        purpose: EmailCodePurpose,
        captcha_text: String,
        captcha_id: String,
    },
    BindPhone {
        phone: String,
        code: String,
    },
    ChangePhone {
        phone: String,
        code: String,
    },
    BindEmail {
        email: String,
        code: String,
    },
    ChangeEmail {
        email: String,
        code: String,
    },
    ResetPassword {
        email: String,
        code: String,
        password: String,
    },
    /// A picture to draw (an avatar): fetched, checked and made a thumbnail (see
    /// [`super::picture`]). Whatever the account's service, it goes through this client.
    Picture {
        url: String,
    },
    /// A request of the SealTalk account shown (its own client, see [`ApiHandle::set_sealtalk`]).
    Sealtalk(StCommand),
    /// A request of the chaoqer account shown (its own client, see [`ApiHandle::set_chaoqer`]).
    Chaoqer(CqCommand),
}

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Clone)]
pub enum Reply {
    // Boxed: these messages are large, and every reply travels through channels.
    Info(ApiResult<Box<user_info::Data>>),
    OwnUser(ApiResult<Box<get_user_response::Data>>),
    Medals(ApiResult<Vec<MedalInfo>>),
    UserData(ApiResult<UserData>),
    Coins {
        page: u32,
        result: ApiResult<CoinPage>,
    },
    Categories(ApiResult<Vec<String>>),
    Groups {
        category: String,
        keyword: String,
        page: u32,
        result: ApiResult<Vec<Group>>,
    },
    Bots(ApiResult<Vec<Bot>>),
    Distribution(ApiResult<Distribution>),
    GrayStatus(ApiResult<bool>),
    /// The captcha and its PNG bytes.
    Captcha(ApiResult<(Captcha, Vec<u8>)>),
    SmsRequested(ApiResult<()>),
    /// The new token of an SMS or email login.
    LoggedIn(ApiResult<String>),
    LoggedOut(ApiResult<()>),
    NicknameSaved(ApiResult<()>),
    /// The avatar's new URL.
    AvatarSaved(ApiResult<String>),
    UserDataSaved(ApiResult<()>),
    Notification(ApiResult<Notification>),
    NotificationSet(ApiResult<()>),
    Modules(ApiResult<ModuleIgnore>),
    ModulesSet(ApiResult<()>),
    ServiceSetting(ApiResult<ServiceSetting>),
    LatestVersion {
        platform: String,
        result: ApiResult<UpdateInfo>,
    },
    /// An email code was sent (for a binding or a password reset).
    EmailCodeSent(ApiResult<()>),
    /// A bind/change of phone or email, or a password reset, was accepted.
    Verified(ApiResult<()>),
    /// A picture, or why there is none (logged here; the UI draws a placeholder).
    Picture {
        url: String,
        result: ApiResult<super::picture::Picture>,
    },
    /// The answer to a `Command::Sealtalk`; its errors are SealTalk's (see `StReply::error`).
    Sealtalk(StReply),
    /// The answer to a `Command::Chaoqer`; its errors are chaoqer's (see `CqReply::error`).
    Chaoqer(CqReply),
}

impl Reply {
    /// The error, if this reply is one.
    pub fn error(&self) -> Option<&ApiError> {
        fn e<T>(r: &ApiResult<T>) -> Option<&ApiError> {
            r.as_ref().err()
        }
        match self {
            Reply::Info(r) => e(r),
            Reply::OwnUser(r) => e(r),
            Reply::Medals(r) => e(r),
            Reply::UserData(r) => e(r),
            Reply::Coins { result, .. } => e(result),
            Reply::Categories(r) => e(r),
            Reply::Groups { result, .. } => e(result),
            Reply::Bots(r) => e(r),
            Reply::Distribution(r) => e(r),
            Reply::GrayStatus(r) => e(r),
            Reply::Captcha(r) => e(r),
            Reply::SmsRequested(r)
            | Reply::LoggedOut(r)
            | Reply::NicknameSaved(r)
            | Reply::UserDataSaved(r)
            | Reply::NotificationSet(r)
            | Reply::ModulesSet(r)
            | Reply::EmailCodeSent(r)
            | Reply::Verified(r) => e(r),
            Reply::LoggedIn(r) | Reply::AvatarSaved(r) => e(r),
            Reply::Notification(r) => e(r),
            Reply::Modules(r) => e(r),
            Reply::ServiceSetting(r) => e(r),
            Reply::LatestVersion { result, .. } => e(result),
            // Logged where it is fetched; a picture is never an error on screen.
            Reply::Sealtalk(_) | Reply::Chaoqer(_) | Reply::Picture { .. } => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Response {
    pub id: RequestId,
    pub reply: Reply,
}

enum Message {
    /// Replaces the client's token; applied before any command queued after it.
    SetToken(Option<String>),
    /// Replaces the client (another account: its server and token) for the commands queued
    /// after it; commands already running finish with the one they started with.
    SetClient(Box<ApiClient>),
    /// The SealTalk client (another SealTalk account, or none) for later commands.
    SetSealtalk(Option<Box<SealtalkClient>>),
    /// The SealTalk session (a login, or `None`: logged out or expired) for later commands.
    SetSealtalkSession(Option<SealtalkSession>),
    /// The chaoqer client (another chaoqer account, or none) for later commands.
    SetChaoqer(Option<Box<ChaoqerClient>>),
    /// The chaoqer session (a login, or `None`: logged out or expired) for later commands.
    SetChaoqerSession(Option<ChaoqerSession>),
    Run(RequestId, Command),
    /// Stops a command still running (its reply never comes).
    Cancel(RequestId),
}

/// The sending side of the actor, as the app's runtime holds it.
#[derive(Clone)]
pub struct ApiHandle {
    tx: mpsc::UnboundedSender<Message>,
}

impl ApiHandle {
    /// Queues a command; false if the actor is gone (the app is shutting down).
    pub fn send(&self, id: RequestId, command: Command) -> bool {
        self.tx.send(Message::Run(id, command)).is_ok()
    }

    /// Stops a command still running: an avatar save the user gave up on stops reading
    /// and uploading at once. No reply comes for it.
    pub fn cancel(&self, id: RequestId) -> bool {
        self.tx.send(Message::Cancel(id)).is_ok()
    }

    /// The token for every command sent after this (login, logout, −101).
    pub fn set_token(&self, token: Option<String>) -> bool {
        self.tx.send(Message::SetToken(token)).is_ok()
    }

    /// The client for every command sent after this (the account switcher).
    pub fn set_client(&self, client: ApiClient) -> bool {
        self.tx.send(Message::SetClient(Box::new(client))).is_ok()
    }

    /// The SealTalk client for every `Command::Sealtalk` sent after this.
    pub fn set_sealtalk(&self, client: Option<SealtalkClient>) -> bool {
        self.tx
            .send(Message::SetSealtalk(client.map(Box::new)))
            .is_ok()
    }

    /// The SealTalk session (login, logout, expiry) for every command sent after this.
    pub fn set_sealtalk_session(&self, session: Option<SealtalkSession>) -> bool {
        self.tx.send(Message::SetSealtalkSession(session)).is_ok()
    }

    /// The chaoqer client for every `Command::Chaoqer` sent after this.
    pub fn set_chaoqer(&self, client: Option<ChaoqerClient>) -> bool {
        self.tx
            .send(Message::SetChaoqer(client.map(Box::new)))
            .is_ok()
    }

    /// The chaoqer session (login, logout, expiry) for every command sent after this.
    pub fn set_chaoqer_session(&self, session: Option<ChaoqerSession>) -> bool {
        self.tx.send(Message::SetChaoqerSession(session)).is_ok()
    }
}

/// Starts the actor on the current tokio runtime. Replies go to `out`, each through `wrap`
/// (so the app's own event type stays the app's business).
pub fn spawn<E, F>(client: ApiClient, out: mpsc::UnboundedSender<E>, wrap: F) -> ApiHandle
where
    E: Send + 'static,
    F: Fn(Response) -> E + Send + Sync + Clone + 'static,
{
    let (tx, mut rx) = mpsc::unbounded_channel::<Message>();
    tokio::spawn(async move {
        let mut client = client;
        let mut sealtalk: Option<SealtalkClient> = None;
        let mut chaoqer: Option<ChaoqerClient> = None;
        let mut running: std::collections::HashMap<RequestId, tokio::task::AbortHandle> =
            Default::default();
        while let Some(message) = rx.recv().await {
            let (id, command) = match message {
                Message::SetToken(token) => {
                    client.set_token(token);
                    continue;
                }
                Message::SetClient(next) => {
                    client = *next;
                    continue;
                }
                Message::SetSealtalk(next) => {
                    sealtalk = next.map(|c| *c);
                    continue;
                }
                Message::SetSealtalkSession(session) => {
                    if let Some(st) = sealtalk.take() {
                        sealtalk = Some(match session {
                            Some(s) => st.with_session(s.cookie, s.user_id),
                            None => {
                                let mut st = st;
                                st.forget_session();
                                st
                            }
                        });
                    }
                    continue;
                }
                Message::SetChaoqer(next) => {
                    chaoqer = next.map(|c| *c);
                    continue;
                }
                Message::SetChaoqerSession(session) => {
                    if let Some(cq) = chaoqer.take() {
                        chaoqer = Some(match session {
                            Some(s) => cq.with_session(s),
                            None => {
                                let mut cq = cq;
                                cq.forget_session();
                                cq
                            }
                        });
                    }
                    continue;
                }
                Message::Cancel(id) => {
                    if let Some(task) = running.remove(&id) {
                        task.abort();
                    }
                    continue;
                }
                Message::Run(id, command) => (id, command),
            };
            running.retain(|_, task| !task.is_finished());
            let (client, out, wrap) = (client.clone(), out.clone(), wrap.clone());
            let st_client = sealtalk.clone();
            let cq_client = chaoqer.clone();
            let task = tokio::spawn(async move {
                let reply = match command {
                    Command::Sealtalk(c) => {
                        Reply::Sealtalk(super::actor_sealtalk::run(st_client, c).await)
                    }
                    Command::Chaoqer(c) => {
                        Reply::Chaoqer(super::actor_chaoqer::run(cq_client, c).await)
                    }
                    other => run(&client, other).await,
                };
                // Each failure is logged once, cut and sanitised: transport failures by the
                // client as they happen, the rest (codes, undecodable answers) here.
                if let Some(err) = reply.error()
                    && !err.is_logged_by_client()
                {
                    tracing::info!(
                        id,
                        error = %crate::sanitize::for_log(&err.to_string(), super::client::LOG_FIELD_CHARS),
                        "request failed"
                    );
                }
                // A closed channel means the app is gone; nothing is waiting for this.
                let _ = out.send(wrap(Response { id, reply }));
            });
            running.insert(id, task.abort_handle());
        }
    });
    ApiHandle { tx }
}

async fn run(client: &ApiClient, command: Command) -> Reply {
    match command {
        Command::Info => Reply::Info(client.user_info().await.map(Box::new)),
        Command::OwnUser { id } => Reply::OwnUser(client.get_user(&id).await.map(Box::new)),
        Command::Medals => Reply::Medals(client.self_medals().await),
        Command::UserData => Reply::UserData(client.user_data().await),
        Command::Coins { page, size } => Reply::Coins {
            page,
            result: client.coin_records(page, size).await,
        },
        Command::Categories => Reply::Categories(client.categories().await),
        Command::Groups {
            category,
            keyword,
            page,
            size,
        } => {
            let result = client.groups(&category, &keyword, page, size).await;
            Reply::Groups {
                category,
                keyword,
                page,
                result,
            }
        }
        Command::Bots => Reply::Bots(client.bots().await),
        Command::Picture { url } => {
            let result = client.picture(&url).await;
            if let Err(e) = &result {
                tracing::info!(
                    url = %crate::sanitize::for_log(&url, super::client::LOG_FIELD_CHARS),
                    error = %crate::sanitize::for_log(&e.to_string(), super::client::LOG_FIELD_CHARS),
                    "picture not shown"
                );
            }
            Reply::Picture { url, result }
        }
        Command::Distribution => Reply::Distribution(client.distribution().await),
        Command::GrayStatus => Reply::GrayStatus(client.gray_status().await),
        Command::Captcha => Reply::Captcha(match client.captcha().await {
            Ok(c) => c.png_bytes().map(|png| (c, png)).map_err(ApiError::Decode),
            Err(e) => Err(e),
        }),
        Command::RequestSms {
            mobile,
            captcha_text,
            captcha_id,
        } => Reply::SmsRequested(
            client
                .request_sms_code(&mobile, &captcha_text, &captcha_id)
                .await,
        ),
        Command::SmsLogin { mobile, code } => {
            Reply::LoggedIn(client.sms_login(&mobile, &code).await)
        }
        Command::EmailLogin { email, password } => {
            Reply::LoggedIn(client.email_login(&email, &password).await)
        }
        Command::Logout => Reply::LoggedOut(client.logout().await),
        Command::EditNickname(name) => Reply::NicknameSaved(client.edit_nickname(&name).await),
        Command::EditAvatarUrl(url) => {
            Reply::AvatarSaved(client.edit_avatar(&url).await.map(|()| url))
        }
        Command::EditAvatarFile(path) => Reply::AvatarSaved(client.set_avatar_file(&path).await),
        Command::SaveUserData(edit) => Reply::UserDataSaved(client.save_user_data(&edit).await),
        Command::NotificationStatus => Reply::Notification(client.notification_status().await),
        Command::SetNotification(open) => {
            Reply::NotificationSet(client.set_notification(open).await)
        }
        Command::ModuleIgnore => Reply::Modules(client.module_ignore().await),
        Command::SetModuleIgnore(ids) => Reply::ModulesSet(client.set_module_ignore(&ids).await),
        Command::ServiceSetting => Reply::ServiceSetting(client.service_setting().await),
        Command::LatestVersion { platform, user_id } => {
            let result = client.latest_version(&platform, &user_id).await;
            Reply::LatestVersion { platform, result }
        }
        Command::RequestEmailCode {
            email,
            purpose,
            captcha_text,
            captcha_id,
        } => Reply::EmailCodeSent(
            client
                .request_email_code(&email, purpose, &captcha_text, &captcha_id)
                .await,
        ),
        Command::BindPhone { phone, code } => {
            Reply::Verified(client.bind_phone(&phone, &code).await)
        }
        Command::ChangePhone { phone, code } => {
            Reply::Verified(client.change_phone(&phone, &code).await)
        }
        Command::BindEmail { email, code } => {
            Reply::Verified(client.bind_email(&email, &code).await)
        }
        Command::ChangeEmail { email, code } => {
            Reply::Verified(client.change_email(&email, &code).await)
        }
        Command::ResetPassword {
            email,
            code,
            password,
        } => Reply::Verified(client.reset_password(&email, &code, &password).await),
        // Taken by the actor loop before this (its own client).
        Command::Sealtalk(_) => Reply::Sealtalk(StReply::Profile(Err(
            crate::api::sealtalk::SealtalkError::Input("not a Yunhu request".into()),
        ))),
        Command::Chaoqer(_) => Reply::Chaoqer(CqReply::Profile(Err(
            crate::api::chaoqer::ChaoqerError::Input("not a Yunhu request".into()),
        ))),
    }
}
