//! Serde types of the JSON endpoints, shaped as the service sends them. Every field is
//! optional on the wire and decoded leniently (see `lenient`); unknown fields are ignored.

use serde::{Deserialize, Serialize};

use super::lenient;

/// `{"code": 1, "msg": "success", "data": …}`; `data` is kept raw and decoded per endpoint.
#[derive(Debug, Deserialize)]
pub struct Envelope<'a> {
    #[serde(default, deserialize_with = "lenient::i64")]
    pub code: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub msg: String,
    #[serde(default, borrow)]
    pub data: Option<&'a serde_json::value::RawValue>,
}

/// L1: the captcha image and its id.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Captcha {
    #[serde(deserialize_with = "lenient::string")]
    pub b64s: String,
    #[serde(deserialize_with = "lenient::string")]
    pub id: String,
}

impl Captcha {
    /// The PNG bytes, whether `b64s` has a `data:image/png;base64,` prefix or not.
    pub fn png_bytes(&self) -> Result<Vec<u8>, String> {
        use base64::Engine;
        let raw = match self.b64s.find("base64,") {
            Some(at) => &self.b64s[at + "base64,".len()..],
            None => self.b64s.as_str(),
        };
        let cleaned: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(cleaned.as_bytes())
            .or_else(|_| {
                base64::engine::general_purpose::STANDARD_NO_PAD.decode(cleaned.as_bytes())
            })
            .map_err(|e| format!("captcha image is not valid base64: {e}"))
    }
}

/// L3/L4: `data{token}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TokenData {
    #[serde(deserialize_with = "lenient::string")]
    pub token: String,
}

/// P6: the inner `data.data` of get-user-data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UserData {
    #[serde(deserialize_with = "lenient::i64")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub user_id: String,
    #[serde(deserialize_with = "lenient::i64")]
    pub last_login_time: i64,
    /// Snake case on the wire, unlike its neighbours.
    #[serde(rename = "update_time", deserialize_with = "lenient::i64")]
    pub update_time: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub introduction: String,
    #[serde(deserialize_with = "lenient::i64")]
    pub gender: i64,
    #[serde(deserialize_with = "lenient::i64")]
    pub birthday: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub province: String,
    #[serde(deserialize_with = "lenient::string")]
    pub city: String,
    #[serde(deserialize_with = "lenient::string")]
    pub district: String,
    #[serde(deserialize_with = "lenient::string")]
    pub location_code: String,
}

/// P6 wraps its payload once more: `data{data{…}}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct UserDataWrapper {
    pub data: Option<UserData>,
}

/// P7: the body of save-user-data.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileEdit {
    pub introduction: String,
    /// 1 male, 2 female, 3 other.
    pub gender: i64,
    /// Unix seconds.
    pub birthday: i64,
    pub province: String,
    pub city: String,
    pub district: String,
    /// 6-digit administrative code, e.g. "110101".
    pub location_code: String,
}

impl From<&UserData> for ProfileEdit {
    fn from(d: &UserData) -> Self {
        ProfileEdit {
            introduction: d.introduction.clone(),
            gender: d.gender,
            birthday: d.birthday,
            province: d.province.clone(),
            city: d.city.clone(),
            district: d.district.clone(),
            location_code: d.location_code.clone(),
        }
    }
}

/// C1: one coin record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CoinRecord {
    #[serde(deserialize_with = "lenient::i64")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub user_id: String,
    #[serde(deserialize_with = "lenient::i64")]
    pub typ: i64,
    #[serde(deserialize_with = "lenient::f64")]
    pub before_amount: f64,
    #[serde(deserialize_with = "lenient::f64")]
    pub after_amount: f64,
    /// Positive for both directions in some records: use [`CoinRecord::signed_change`].
    #[serde(deserialize_with = "lenient::f64")]
    pub change_amount: f64,
    #[serde(deserialize_with = "lenient::string")]
    pub reason: String,
    #[serde(deserialize_with = "lenient::string")]
    pub remark: String,
    #[serde(deserialize_with = "lenient::i64")]
    pub create_time: i64,
}

impl CoinRecord {
    /// The change with its true sign, from the balances (rounded to cents).
    pub fn signed_change(&self) -> f64 {
        round_cents(self.after_amount - self.before_amount)
    }
}

/// Rounds an amount to two decimals, the precision the service uses.
pub fn round_cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// C1: a page of coin records and the total count.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CoinPage {
    #[serde(deserialize_with = "lenient::vec")]
    pub gold_coin_record: Vec<CoinRecord>,
    #[serde(deserialize_with = "lenient::i64")]
    pub total: i64,
}

/// D1.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CategoryList {
    #[serde(deserialize_with = "lenient::vec")]
    pub categories: Vec<String>,
}

/// D2: one recommended group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Group {
    #[serde(deserialize_with = "lenient::string")]
    pub chat_id: String,
    #[serde(deserialize_with = "lenient::i64")]
    pub ban_id: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub nickname: String,
    #[serde(deserialize_with = "lenient::string")]
    pub introduction: String,
    #[serde(deserialize_with = "lenient::string")]
    pub avatar_url: String,
    #[serde(deserialize_with = "lenient::i64")]
    pub headcount: i64,
    #[serde(deserialize_with = "lenient::i64")]
    pub create_time: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct GroupList {
    #[serde(deserialize_with = "lenient::vec")]
    pub group_list: Vec<Group>,
}

/// D3: one recommended bot. `headcount` and `chatType` arrive as strings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Bot {
    #[serde(deserialize_with = "lenient::string")]
    pub chat_id: String,
    #[serde(deserialize_with = "lenient::string")]
    pub chat_type: String,
    #[serde(deserialize_with = "lenient::i64")]
    pub headcount: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub nickname: String,
    #[serde(deserialize_with = "lenient::string")]
    pub introduction: String,
    #[serde(deserialize_with = "lenient::string")]
    pub introductions: String,
    #[serde(deserialize_with = "lenient::string")]
    pub avatar_url: String,
    /// 1: can be added.
    #[serde(deserialize_with = "lenient::bool")]
    pub is_add: bool,
    #[serde(deserialize_with = "lenient::bool")]
    pub is_apply: bool,
    #[serde(deserialize_with = "lenient::bool")]
    pub always_agree: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct BotList {
    #[serde(deserialize_with = "lenient::vec")]
    pub bot_list: Vec<Bot>,
}

/// S1: the system-notification switch of this device.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Notification {
    #[serde(deserialize_with = "lenient::i64")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub user_id: String,
    #[serde(deserialize_with = "lenient::string")]
    pub device_id: String,
    #[serde(deserialize_with = "lenient::string")]
    pub registration_id: String,
    #[serde(deserialize_with = "lenient::bool")]
    pub is_open: bool,
    #[serde(rename = "type", deserialize_with = "lenient::i64")]
    pub kind: i64,
    #[serde(deserialize_with = "lenient::i64")]
    pub del_flag: i64,
    #[serde(deserialize_with = "lenient::i64")]
    pub create_time: i64,
    #[serde(deserialize_with = "lenient::i64")]
    pub update_time: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct NotificationWrapper {
    pub notification: Option<Notification>,
}

/// Module ids of S3/S4.
pub const MODULE_HIDE_COMMUNITY: u32 = 10;
pub const MODULE_HIDE_DISCOVER: u32 = 20;
pub const MODULE_COMPACT_ME: u32 = 30;

/// S3: which modules of the official apps are hidden.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ModuleIgnore {
    #[serde(deserialize_with = "lenient::i64")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub user_id: String,
    #[serde(deserialize_with = "lenient::i64")]
    pub update_time: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub device_id: String,
    /// As sent: ",30,20,10".
    #[serde(deserialize_with = "lenient::string")]
    pub ignore: String,
}

impl ModuleIgnore {
    /// The module ids in `ignore`, in order; unreadable items are skipped.
    pub fn modules(&self) -> Vec<u32> {
        parse_module_list(&self.ignore)
    }
}

pub fn parse_module_list(s: &str) -> Vec<u32> {
    s.split(',').filter_map(|p| p.trim().parse().ok()).collect()
}

/// The wire form of a module list: a leading comma before each id (",30,20").
pub fn format_module_list(ids: &[u32]) -> String {
    ids.iter().map(|id| format!(",{id}")).collect()
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ModuleIgnoreWrapper {
    pub ignore: Option<ModuleIgnore>,
}

/// S10: advert flags of the mobile apps.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ShowAdv {
    #[serde(deserialize_with = "lenient::string")]
    pub android_code_id: String,
    #[serde(deserialize_with = "lenient::i64")]
    pub bottom_height: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub ios_code_id: String,
    #[serde(deserialize_with = "lenient::bool")]
    pub is_show: bool,
}

/// M1: the service's routing table; `share_url` builds share links.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Distribution {
    #[serde(deserialize_with = "lenient::string")]
    pub audio_url: String,
    #[serde(deserialize_with = "lenient::string")]
    pub file_url: String,
    #[serde(deserialize_with = "lenient::string")]
    pub image_url: String,
    #[serde(deserialize_with = "lenient::string")]
    pub server_url: String,
    #[serde(deserialize_with = "lenient::string")]
    pub share_url: String,
    #[serde(deserialize_with = "lenient::string")]
    pub video_url: String,
    #[serde(deserialize_with = "lenient::string")]
    pub websocket_url: String,
}

/// M2: `data{token}`, an upload token of the form `<accessKey>:<…>`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct UploadToken {
    #[serde(deserialize_with = "lenient::string")]
    pub token: String,
}

/// M3: upload limits in MB.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ServiceSetting {
    #[serde(deserialize_with = "lenient::f64")]
    pub file_size_limit_normal: f64,
    /// Spelled with two e's on the wire.
    #[serde(rename = "fileeSizeLimitVip", deserialize_with = "lenient::f64")]
    pub file_size_limit_vip: f64,
    #[serde(deserialize_with = "lenient::f64")]
    pub image_size_limit_normal: f64,
    #[serde(deserialize_with = "lenient::f64")]
    pub image_size_limit_vip: f64,
    #[serde(deserialize_with = "lenient::f64")]
    pub video_size_limit_normal: f64,
    #[serde(deserialize_with = "lenient::f64")]
    pub video_size_limit_vip: f64,
}

/// M4.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct GrayStatus {
    #[serde(deserialize_with = "lenient::i64")]
    pub status: i64,
}

/// M5: the newest official client, from the Sparkle RSS feed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateInfo {
    pub version: String,
    /// May be empty (macOS and iOS).
    pub url: String,
    pub os: String,
}

/// L6: what an email code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailCodePurpose {
    /// Binding or changing the email (`typ: ""`).
    Bind,
    /// Resetting the password (`typ: "forget_password"`).
    ResetPassword,
}

impl EmailCodePurpose {
    pub fn wire_value(self) -> &'static str {
        match self {
            EmailCodePurpose::Bind => "",
            EmailCodePurpose::ResetPassword => "forget_password",
        }
    }
}
