//! What the SealTalk server answers, typed. Ids are opaque case-sensitive strings (never
//! decoded or lower-cased); times are Unix milliseconds (`updatedTime`) or the ISO text
//! (`updatedAt`) as sent; nicknames are kept verbatim, HTML-escaped as the server stores
//! them (Q10). Fields an operator's server may leave out default to empty.

use serde::{Deserialize, Deserializer, Serialize};

/// T1's answer without the RongCloud IM token: it is never read, so it cannot be shown,
/// logged or stored (serde skips the unknown `token` field).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(super) struct LoginResult {
    pub id: String,
}

/// A logged-in session: the own user id and the cookie.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub user_id: String,
    pub cookie: super::SessionCookie,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
}

/// T4: a user's profile. `gender` is the server's text (`male` by default, so "never set"
/// cannot be told apart); `portrait_uri` and `st_account` are `""` when unset.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    #[serde(default)]
    pub nickname: String,
    #[serde(default)]
    pub portrait_uri: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub st_account: String,
    #[serde(default)]
    pub phone: String,
}

/// T7: where and with what an image is uploaded. The token is a Qiniu upload credential
/// valid for an hour: not shown in `Debug`.
#[derive(Clone, PartialEq, Deserialize)]
pub struct ImageToken {
    #[serde(default)]
    pub target: String,
    pub domain: String,
    pub token: String,
}

impl std::fmt::Debug for ImageToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImageToken")
            .field("target", &self.target)
            .field("domain", &self.domain)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// T11 `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FriendStatus {
    /// 10: I sent a request.
    Requested,
    /// 11: they sent me a request.
    Pending,
    /// 20: friends.
    Friend,
    /// 21: I ignored their request.
    Ignored,
    /// 30: deleted.
    Deleted,
    /// 31: I blacklisted them.
    Blacklisted,
    Other(i64),
}

impl FriendStatus {
    pub fn from_code(code: i64) -> Self {
        match code {
            10 => FriendStatus::Requested,
            11 => FriendStatus::Pending,
            20 => FriendStatus::Friend,
            21 => FriendStatus::Ignored,
            30 => FriendStatus::Deleted,
            31 => FriendStatus::Blacklisted,
            other => FriendStatus::Other(other),
        }
    }
}

/// The other side of a T11 row.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FriendUser {
    pub id: String,
    #[serde(default)]
    pub nickname: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub portrait_uri: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub st_account: String,
}

/// One relationship row of T11 (rows of deleted accounts are dropped by the client).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Friendship {
    /// My remark for them; `""` when none.
    #[serde(default)]
    pub display_name: String,
    /// The request text.
    #[serde(default)]
    pub message: String,
    pub status: i64,
    #[serde(default)]
    pub updated_at: String,
    pub user: FriendUser,
    /// Unix milliseconds.
    #[serde(default)]
    pub updated_time: i64,
}

impl Friendship {
    pub fn status(&self) -> FriendStatus {
        FriendStatus::from_code(self.status)
    }

    /// The name to show: the remark, else the nickname.
    pub fn name(&self) -> &str {
        if self.display_name.is_empty() {
            &self.user.nickname
        } else {
            &self.display_name
        }
    }
}

/// A T11 row as sent: `user` is `null` for deleted accounts.
#[derive(Deserialize)]
pub(super) struct RawFriendship {
    #[serde(default, rename = "displayName")]
    display_name: String,
    #[serde(default)]
    message: String,
    status: i64,
    #[serde(default, rename = "updatedAt")]
    updated_at: String,
    #[serde(default)]
    user: Option<FriendUser>,
    #[serde(default, rename = "updatedTime")]
    updated_time: i64,
}

impl RawFriendship {
    pub(super) fn into_friendship(self) -> Option<Friendship> {
        Some(Friendship {
            display_name: self.display_name,
            message: self.message,
            status: self.status,
            updated_at: self.updated_at,
            user: self.user?,
            updated_time: self.updated_time,
        })
    }
}

/// T12 `role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupRole {
    Owner,
    Member,
    Manager,
    Other(i64),
}

impl GroupRole {
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => GroupRole::Owner,
            1 => GroupRole::Member,
            2 => GroupRole::Manager,
            other => GroupRole::Other(other),
        }
    }
}

/// 0/1 (or a JSON bool, to be lenient) as a bool.
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Number(i64),
        Bool(bool),
    }
    Ok(match Option::<Flag>::deserialize(d)? {
        Some(Flag::Number(n)) => n != 0,
        Some(Flag::Bool(b)) => b,
        None => false,
    })
}

fn default_certi() -> i64 {
    1
}

/// A group of T12.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub portrait_uri: String,
    #[serde(default)]
    pub creator_id: String,
    #[serde(default)]
    pub member_count: i64,
    #[serde(default)]
    pub max_member_count: i64,
    /// Whole-group mute.
    #[serde(default, rename = "isMute", deserialize_with = "flag")]
    pub muted: bool,
    /// `certiStatus`: 0 = joining needs approval, 1 = free (the docs have it backwards).
    #[serde(default = "default_certi")]
    pub certi_status: i64,
}

impl Group {
    pub fn join_needs_approval(&self) -> bool {
        self.certi_status == 0
    }
}

/// A group and my role in it. `role` is `None` for a flat item (the Java rewrite has none).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMembership {
    pub role: Option<GroupRole>,
    pub group: Group,
}

/// A T12 item as sent: nested `{role, group}` (`group` null once dismissed), or flat.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawGroupItem {
    Nested { role: i64, group: Option<Group> },
    Flat(Group),
}

impl RawGroupItem {
    pub(super) fn into_membership(self) -> Option<GroupMembership> {
        match self {
            RawGroupItem::Nested { role, group } => Some(GroupMembership {
                role: Some(GroupRole::from_code(role)),
                group: group?,
            }),
            RawGroupItem::Flat(group) => Some(GroupMembership { role: None, group }),
        }
    }
}

/// A blocked user of T13. The times are the user's last profile change, not the blocking.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockedUser {
    pub id: String,
    #[serde(default)]
    pub nickname: String,
    #[serde(default)]
    pub portrait_uri: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub st_account: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub updated_at: String,
    #[serde(default)]
    pub updated_time: i64,
}

#[derive(Deserialize)]
pub(super) struct RawBlacklistItem {
    #[serde(default)]
    pub user: Option<BlockedUser>,
}

/// A conversation of the screen-capture notices (T15–T17) and of T21.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conversation {
    /// A private chat with this friend's user id (`conversationType` 1, `"PRIVATE"`).
    Private(String),
    /// A group by its id (`conversationType` 3, `"GROUP"`).
    Group(String),
}

impl Conversation {
    pub(super) fn type_number(&self) -> u8 {
        match self {
            Conversation::Private(_) => 1,
            Conversation::Group(_) => 3,
        }
    }

    pub(super) fn type_name(&self) -> &'static str {
        match self {
            Conversation::Private(_) => "PRIVATE",
            Conversation::Group(_) => "GROUP",
        }
    }

    pub fn target_id(&self) -> &str {
        match self {
            Conversation::Private(id) | Conversation::Group(id) => id,
        }
    }
}

#[derive(Deserialize)]
pub(super) struct ScreenCaptureResult {
    pub status: i64,
}

/// T18: a newer desktop release (Squirrel.Mac format). `pub_date` is free text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DesktopRelease {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub pub_date: String,
}

/// One mobile client of T19/T20.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MobileRelease {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub build: Option<String>,
    #[serde(default)]
    pub url: String,
}

/// T19/T20: the latest mobile clients, from a file the operator edits (keys may be missing).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ClientVersions {
    #[serde(default, rename = "iOS")]
    pub ios: Option<MobileRelease>,
    #[serde(default, rename = "Android")]
    pub android: Option<MobileRelease>,
}

/// T22 (not for the dashboard): the top level typed, the rest left as sent — its ids are
/// raw database numbers, unlike everywhere else.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SyncResult {
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default)]
    pub user: Option<serde_json::Value>,
    #[serde(default)]
    pub blacklist: Option<Vec<serde_json::Value>>,
    #[serde(default)]
    pub friends: Option<Vec<serde_json::Value>>,
    #[serde(default)]
    pub groups: Option<Vec<serde_json::Value>>,
    #[serde(default)]
    pub group_members: Option<Vec<serde_json::Value>>,
}
