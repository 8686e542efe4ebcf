//! What the gateway answers, typed. Times are ms since the epoch; ids are 32-hex strings
//! except `messageId` (an i64, never an f64). 0/1 flags become `bool`. Nested objects of
//! list items may be missing when the gateway's lookup failed, so they are `Option`s.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A logged-in session (Q2). All three strings are credentials: `Debug` hides them.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub uid: String,
    pub access_token: String,
    pub access_secret: String,
    /// ms; 30 days after login, never refreshed.
    #[serde(default)]
    pub expire_time: i64,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("uid", &"<hidden>")
            .field("access_token", &"<hidden>")
            .field("access_secret", &"<hidden>")
            .field("expire_time", &self.expire_time)
            .finish()
    }
}

/// Q2's answer: the session, and whether the number was new (`注册成功`): such an account
/// must complete its profile (Q4) before anything else works.
#[derive(Debug, Clone, PartialEq)]
pub struct LoginOutcome {
    pub session: Session,
    pub registered: bool,
    pub message: String,
}

/// A flag written back as the gateway sends it (0 or 1), so a kept answer reads back
/// through the same `Deserialize` as a fresh one (the local store).
fn flag_out<S: Serializer>(v: &bool, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(i64::from(*v))
}

fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<i64>::deserialize(d)?.unwrap_or(0) != 0)
}

/// A user's profile as the logged-in viewer sees it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserProfile {
    pub uid: String,
    #[serde(default)]
    pub nickname: String,
    #[serde(default)]
    pub avatar: String,
    /// Absent when empty.
    #[serde(default)]
    pub bio: Option<String>,
    /// The viewer blocked this user.
    #[serde(default, deserialize_with = "flag", serialize_with = "flag_out")]
    pub blocked: bool,
    /// The viewer sent this user their own card.
    #[serde(default, deserialize_with = "flag", serialize_with = "flag_out")]
    pub send_card: bool,
    /// Cards this user has received.
    #[serde(default)]
    pub card_total: i64,
    #[serde(default, deserialize_with = "flag", serialize_with = "flag_out")]
    pub allow_live: bool,
}

/// An item of Q7 (blocked users), Q12 (received cards) and Q17 (club members).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserEntry {
    pub uid: String,
    pub sequence_id: String,
    #[serde(default)]
    pub create_time: i64,
    #[serde(default)]
    pub user_profile_result: Option<UserProfile>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct MessageBody {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// A message of the own inbox.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserMessage {
    #[serde(default)]
    pub uid: String,
    pub message_id: i64,
    /// The sender; `""` or absent for system messages.
    #[serde(default)]
    pub origin_uid: Option<String>,
    /// 0 system, 1 official, 2 interaction.
    #[serde(default)]
    pub origin_push_type: i64,
    #[serde(default)]
    pub message_type: i64,
    pub message_body: MessageBody,
    #[serde(default, deserialize_with = "flag", serialize_with = "flag_out")]
    pub unread: bool,
    #[serde(default)]
    pub create_time: i64,
}

impl UserMessage {
    pub fn sender(&self) -> Option<&str> {
        self.origin_uid.as_deref().filter(|s| !s.is_empty())
    }

    pub fn link(&self) -> Option<DeepLink> {
        self.message_body.url.as_deref().map(DeepLink::parse)
    }
}

/// An item of Q10.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageEntry {
    pub message_id: i64,
    pub sequence_id: String,
    #[serde(default)]
    pub user_message_result: Option<UserMessage>,
}

/// An app deep link of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeepLink {
    Profile(String),
    Event(String),
    Room(String),
    Other(String),
}

impl DeepLink {
    pub fn parse(url: &str) -> DeepLink {
        let tail = |prefix: &str| {
            url.strip_prefix(prefix)
                .filter(|id| super::is_id(id))
                .map(str::to_owned)
        };
        if let Some(uid) = tail("chaoqer://profile/") {
            DeepLink::Profile(uid)
        } else if let Some(id) = tail("chaoqer://event/") {
            DeepLink::Event(id)
        } else if let Some(id) = tail("chaoqer://room/") {
            DeepLink::Room(id)
        } else {
            DeepLink::Other(url.to_owned())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Club {
    pub club_id: String,
    /// The creator.
    #[serde(default)]
    pub uid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub cover: String,
    #[serde(default)]
    pub create_time: i64,
    #[serde(default)]
    pub member_total: i64,
    /// Q18 always says 0 here (not computed): use Q16 for the real flag.
    #[serde(default, deserialize_with = "flag", serialize_with = "flag_out")]
    pub joined: bool,
}

/// An item of Q15; `create_time` is my join time.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClubEntry {
    pub club_id: String,
    pub sequence_id: String,
    #[serde(default)]
    pub create_time: i64,
    #[serde(default)]
    pub club_result: Option<Club>,
}

/// `eventTimeStatus`, computed by the server when it answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventTimeStatus {
    Upcoming,
    Live,
    Over,
    Unknown(i64),
}

impl Serialize for EventTimeStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(match self {
            EventTimeStatus::Upcoming => 0,
            EventTimeStatus::Live => 1,
            EventTimeStatus::Over => 2,
            EventTimeStatus::Unknown(n) => *n,
        })
    }
}

impl<'de> Deserialize<'de> for EventTimeStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match i64::deserialize(d)? {
            0 => EventTimeStatus::Upcoming,
            1 => EventTimeStatus::Live,
            2 => EventTimeStatus::Over,
            n => EventTimeStatus::Unknown(n),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub event_id: String,
    #[serde(default)]
    pub uid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub desc: Option<String>,
    #[serde(default)]
    pub member_uid_list: Vec<String>,
    pub event_time: i64,
    pub event_time_status: EventTimeStatus,
    #[serde(default)]
    pub create_time: i64,
    /// The viewer booked a reminder.
    #[serde(default, deserialize_with = "flag", serialize_with = "flag_out")]
    pub notify: bool,
}

/// An item of Q20, in ascending event time.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventEntry {
    pub event_id: String,
    pub sequence_id: String,
    #[serde(default)]
    pub event_time: i64,
    #[serde(default)]
    pub event_result: Option<Event>,
}

/// The official app platforms of Q22.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Ios,
    Android,
}

impl Platform {
    /// The `Client-Type` header value.
    pub fn client_type(self) -> u8 {
        match self {
            Platform::Ios => 1,
            Platform::Android => 2,
        }
    }
}

/// Q22: the newest version of an official app.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppVersion {
    #[serde(default)]
    pub client_type: i64,
    #[serde(default)]
    pub create_time: i64,
    #[serde(default)]
    pub download_url: String,
    #[serde(default, deserialize_with = "flag", serialize_with = "flag_out")]
    pub forced_upgrade: bool,
    #[serde(default)]
    pub version_code: i64,
    #[serde(default)]
    pub version_desc: String,
    #[serde(default)]
    pub version_id: String,
    #[serde(default)]
    pub version_name: String,
}

/// Q24's `imageDir`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageDir {
    Avatar,
    Cover,
    Room,
    Feedback,
}

impl ImageDir {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageDir::Avatar => "avatar",
            ImageDir::Cover => "cover",
            ImageDir::Room => "room",
            ImageDir::Feedback => "feedback",
        }
    }
}

/// Q24: where to PUT the JPEG, and the URL it will have. The upload address carries an
/// STS token: `Debug` hides its query.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadSlot {
    pub image_id: String,
    pub upload_address: String,
    #[serde(rename = "imageURL")]
    pub image_url: String,
}

impl std::fmt::Debug for UploadSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let without_query = self.upload_address.split('?').next().unwrap_or_default();
        f.debug_struct("UploadSlot")
            .field("image_id", &self.image_id)
            .field("upload_address", &format!("{without_query}?<hidden>"))
            .field("image_url", &self.image_url)
            .finish()
    }
}

/// Q23's fields for App feedback.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub content: String,
    /// At most 3 URLs from Q24 with `ImageDir::Feedback`.
    pub images: Vec<String>,
}
