//! `ApiClient`: one shared `reqwest::Client`, one typed async method per endpoint of the spec.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use prost::Message;
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, REFERER};
use serde::de::DeserializeOwned;
use serde_json::json;

use super::error::{ApiError, body_excerpt};
use super::model::{
    Bot, BotList, Captcha, CategoryList, CoinPage, CoinRecord, Distribution, EmailCodePurpose,
    Envelope, GrayStatus, Group, GroupList, ModuleIgnore, ModuleIgnoreWrapper, Notification,
    NotificationWrapper, ProfileEdit, ServiceSetting, ShowAdv, TokenData, UpdateInfo, UploadToken,
    UserData, UserDataWrapper, format_module_list,
};
use super::rss::parse_update_feed;
use crate::proto::{
    self, EditAvatarRequest, EditNicknameRequest, GetSelfMedal, GetUserRequest, GetUserResponse,
    HasStatus, MedalInfo, StatusResponse, UserInfo,
};

pub const DEFAULT_BASE_URL: &str = "https://chat-go.jwzhd.com";
/// The Qiniu upload host the official clients use.
pub const DEFAULT_UPLOAD_URL: &str = "https://upload-z2.qiniup.com";
/// Uploaded images are served from here, by key.
pub const DEFAULT_IMAGE_BASE: &str = "https://chat-img.jwznb.com/";
/// The media CDN answers 403 without this Referer.
pub const MEDIA_REFERER: &str = "http://myapp.jwznb.com";

const PROTOBUF: &str = "application/x-protobuf";
const JSON: &str = "application/json";
const EXCERPT_CHARS: usize = 160;
/// Log fields longer than this are cut.
pub const LOG_FIELD_CHARS: usize = 512;
/// The most an API answer may be: the largest real answer (a captcha PNG, a page of 100
/// records) is well under 1 MB. A larger body is refused, not read.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// The most records a paged listing gathers in all, whatever `total` the server claims.
pub const MAX_RECORDS: usize = 1_000_000;
/// An avatar file larger than this is refused before it is read, whatever M3 says.
pub const MAX_AVATAR_BYTES: u64 = 20 * 1024 * 1024;
/// Decoded images wider or taller than this are refused, not allocated.
pub const MAX_IMAGE_SIDE: u32 = 8192;

/// Where and how the client talks; everything a test or the demo mode needs to point elsewhere.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub base_url: String,
    /// The multipart upload endpoint (Qiniu in production).
    pub upload_url: String,
    /// Prefix of the URL an uploaded image is served under; the key is appended.
    pub image_base: String,
    pub timeout: Duration,
    /// Stable per installation, generated once and kept in the config dir.
    pub device_id: String,
    /// `linux`, `macos` or `windows`: the service's own values.
    pub platform: String,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: DEFAULT_BASE_URL.into(),
            upload_url: DEFAULT_UPLOAD_URL.into(),
            image_base: DEFAULT_IMAGE_BASE.into(),
            timeout: Duration::from_secs(10),
            device_id: String::new(),
            platform: current_platform().into(),
        }
    }
}

/// A warning when `base_url` is plain HTTP to another machine: the token would cross the
/// network unencrypted. Loopback servers (the demo) stay quiet.
pub fn plain_http_warning(base_url: &str) -> Option<String> {
    let url = url::Url::parse(base_url).ok()?;
    if url.scheme() != "http" {
        return None;
    }
    let loopback = match url.host()? {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    };
    (!loopback).then(|| {
        format!(
            "{} is plain HTTP: the saved token is sent to it unencrypted; use https://",
            crate::sanitize::line(url.host_str().unwrap_or("the server"))
        )
    })
}

/// The platform name the service knows for this build.
pub fn current_platform() -> &'static str {
    if cfg!(target_os = "macos") {
        "macos"
    } else if cfg!(target_os = "windows") {
        "windows"
    } else {
        "linux"
    }
}

enum Body {
    None,
    Json(serde_json::Value),
    Proto(Vec<u8>),
}

/// Cheap to clone: the HTTP client and the config are shared.
#[derive(Clone)]
pub struct ApiClient {
    http: reqwest::Client,
    config: Arc<ClientConfig>,
    token: Option<String>,
}

impl std::fmt::Debug for ApiClient {
    // Hand-written so the token can never reach a log through `{:?}`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClient")
            .field("config", &self.config)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl ApiClient {
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        let http = reqwest::Client::builder()
            .user_agent(concat!("yunhu-tui/", env!("CARGO_PKG_VERSION")))
            // The service never redirects API calls; following one would carry the token
            // header (and, on a 307, a login body with the password) to another origin.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .build()
            .map_err(|e| ApiError::Transport(format!("cannot set up HTTP: {e}")))?;
        Ok(ApiClient {
            http,
            config: Arc::new(config),
            token: None,
        })
    }

    pub fn with_token(mut self, token: Option<String>) -> Self {
        self.token = token;
        self
    }

    pub fn set_token(&mut self, token: Option<String>) {
        self.token = token;
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    // ---- transport ------------------------------------------------------------------------

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Body,
        auth: bool,
    ) -> Result<Bytes, ApiError> {
        let url = format!("{}{}", self.config.base_url.trim_end_matches('/'), path);
        let mut req = self.http.request(method.clone(), &url);
        if auth {
            match self.token.as_ref().filter(|t| !t.is_empty()) {
                Some(token) => {
                    check_token(token)?;
                    req = req.header("token", token);
                }
                None => {
                    return Err(ApiError::NotLoggedIn {
                        msg: "no saved login".into(),
                    });
                }
            }
        }
        req = match body {
            Body::None => req,
            Body::Json(value) => req.header(CONTENT_TYPE, JSON).body(value.to_string()),
            Body::Proto(bytes) => req.header(CONTENT_TYPE, PROTOBUF).body(bytes),
        };
        self.finish(req, &method, path).await
    }

    async fn finish(
        &self,
        req: reqwest::RequestBuilder,
        method: &Method,
        path: &str,
    ) -> Result<Bytes, ApiError> {
        let started = Instant::now();
        let result = async {
            let resp = req
                .send()
                .await
                .map_err(|e| ApiError::from_reqwest(&e, self.config.timeout))?;
            let status = resp.status();
            if status.is_redirection() {
                return Err(ApiError::Redirect {
                    status: status.as_u16(),
                    location: redirect_target(&resp),
                });
            }
            let bytes = read_capped(resp, MAX_BODY_BYTES, self.config.timeout).await?;
            if !status.is_success() {
                return Err(ApiError::Http {
                    status: status.as_u16(),
                    excerpt: body_excerpt(&bytes, EXCERPT_CHARS),
                });
            }
            Ok(bytes)
        }
        .await;
        let ms = started.elapsed().as_millis();
        match &result {
            Ok(bytes) => tracing::debug!(%method, path, ms, len = bytes.len(), "api ok"),
            // Logged once, here, cut and sanitised: a server message can be huge or hostile.
            Err(err) => tracing::warn!(
                %method,
                path,
                ms,
                error = %crate::sanitize::for_log(&err.to_string(), LOG_FIELD_CHARS),
                "api failed"
            ),
        }
        result
    }

    async fn proto<T: Message + Default + HasStatus>(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
    ) -> Result<T, ApiError> {
        let bytes = self.send(method, path, Body::Proto(body), true).await?;
        decode_proto(&bytes)
    }

    async fn proto_get<T: Message + Default + HasStatus>(&self, path: &str) -> Result<T, ApiError> {
        let bytes = self.send(Method::GET, path, Body::None, true).await?;
        decode_proto(&bytes)
    }

    async fn json_data<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Body,
        auth: bool,
    ) -> Result<T, ApiError> {
        let bytes = self.send(method, path, body, auth).await?;
        decode_json_data(&bytes)
    }

    async fn json_ok(
        &self,
        path: &str,
        body: serde_json::Value,
        auth: bool,
    ) -> Result<(), ApiError> {
        let bytes = self
            .send(Method::POST, path, Body::Json(body), auth)
            .await?;
        decode_json_ok(&bytes)
    }

    // ---- L: login and session -------------------------------------------------------------

    /// L1: a captcha image (PNG) and its id.
    pub async fn captcha(&self) -> Result<Captcha, ApiError> {
        self.json_data(Method::POST, "/v1/user/captcha", Body::None, false)
            .await
    }

    /// L2: asks the service to text an SMS code to `mobile`, proving the captcha was read.
    pub async fn request_sms_code(
        &self,
        mobile: &str,
        captcha_text: &str,
        captcha_id: &str,
    ) -> Result<(), ApiError> {
        let body = json!({"mobile": mobile, "code": captcha_text, "id": captcha_id, "platform": self.config.platform});
        self.json_ok("/v1/verification/get-verification-code", body, false)
            .await
    }

    /// L3: logs in with the SMS code; returns the token.
    pub async fn sms_login(&self, mobile: &str, sms_code: &str) -> Result<String, ApiError> {
        let body = json!({"mobile": mobile, "captcha": sms_code, "deviceId": self.config.device_id, "platform": self.config.platform});
        let data: TokenData = self
            .json_data(
                Method::POST,
                "/v1/user/verification-login",
                Body::Json(body),
                false,
            )
            .await?;
        non_empty_token(data)
    }

    /// L4: logs in with email and password; returns the token.
    pub async fn email_login(&self, email: &str, password: &str) -> Result<String, ApiError> {
        let body = json!({"email": email, "password": password, "deviceId": self.config.device_id, "platform": self.config.platform});
        let data: TokenData = self
            .json_data(
                Method::POST,
                "/v1/user/email-login",
                Body::Json(body),
                false,
            )
            .await?;
        non_empty_token(data)
    }

    /// L5: ends the session of this device on the server.
    pub async fn logout(&self) -> Result<(), ApiError> {
        self.json_ok(
            "/v1/user/logout",
            // Community sources disagree on the key; the server reads one, so send both.
            json!({"device-id": self.config.device_id, "deviceId": self.config.device_id}),
            true,
        )
        .await
    }

    /// L6: asks for an email code (binding, or a password reset), proving the captcha was read.
    pub async fn request_email_code(
        &self,
        email: &str,
        purpose: EmailCodePurpose,
        captcha_text: &str,
        captcha_id: &str,
    ) -> Result<(), ApiError> {
        let body = json!({"email": email, "typ": purpose.wire_value(), "code": captcha_text, "id": captcha_id});
        self.json_ok("/v1/verification/get-email-verification-code", body, false)
            .await
    }

    // ---- P: profile -----------------------------------------------------------------------

    /// P1: the own account.
    pub async fn user_info(&self) -> Result<proto::user_info::Data, ApiError> {
        let info: UserInfo = self.proto_get("/v1/user/info").await?;
        info.data
            .ok_or_else(|| ApiError::Decode("user info has no data".into()))
    }

    /// P2: the public profile of any user.
    pub async fn get_user(&self, id: &str) -> Result<proto::get_user_response::Data, ApiError> {
        let body = GetUserRequest { id: id.to_owned() }.encode_to_vec();
        let resp: GetUserResponse = self.proto(Method::POST, "/v1/user/get-user", body).await?;
        resp.data
            .ok_or_else(|| ApiError::Decode("user profile has no data".into()))
    }

    /// P3: the own medals, as sent (not sorted).
    pub async fn self_medals(&self) -> Result<Vec<MedalInfo>, ApiError> {
        let resp: GetSelfMedal = self
            .proto(Method::POST, "/v1/user/medal", Vec::new())
            .await?;
        Ok(resp.medal)
    }

    /// P4.
    pub async fn edit_nickname(&self, name: &str) -> Result<(), ApiError> {
        let body = EditNicknameRequest {
            name: name.to_owned(),
        }
        .encode_to_vec();
        self.proto::<StatusResponse>(Method::POST, "/v1/user/edit-nickname", body)
            .await
            .map(drop)
    }

    /// P5: `url` is a full URL of an image already on the image host.
    pub async fn edit_avatar(&self, url: &str) -> Result<(), ApiError> {
        let body = EditAvatarRequest {
            url: url.to_owned(),
        }
        .encode_to_vec();
        self.proto::<StatusResponse>(Method::POST, "/v1/user/edit-avatar", body)
            .await
            .map(drop)
    }

    /// P6: the editable profile fields.
    pub async fn user_data(&self) -> Result<UserData, ApiError> {
        let wrapper: UserDataWrapper = self
            .json_data(Method::POST, "/v1/user/get-user-data", Body::None, true)
            .await?;
        wrapper
            .data
            .ok_or_else(|| ApiError::Decode("profile data has no inner data".into()))
    }

    /// P7.
    pub async fn save_user_data(&self, edit: &ProfileEdit) -> Result<(), ApiError> {
        let body = serde_json::to_value(edit).map_err(|e| ApiError::Input(e.to_string()))?;
        self.json_ok("/v1/user/save-user-data", body, true).await
    }

    // ---- C, D: coins, discover, bots ------------------------------------------------------

    /// C1: one page (from 1) of coin records, newest first, and the total count.
    pub async fn coin_records(&self, page: u32, size: u32) -> Result<CoinPage, ApiError> {
        let body = json!({"size": size, "page": page});
        let mut page: CoinPage = self
            .json_data(
                Method::POST,
                "/v1/user/gold-coin-increase-decrease-record",
                Body::Json(body),
                true,
            )
            .await?;
        // Rows beyond the page size asked for are not ours to keep.
        page.gold_coin_record.truncate(size as usize);
        Ok(page)
    }

    /// D1.
    pub async fn categories(&self) -> Result<Vec<String>, ApiError> {
        let body = json!({"appChannel": "default"});
        let list: CategoryList = self
            .json_data(
                Method::POST,
                "/v1/user/recommend-category-list",
                Body::Json(body),
                true,
            )
            .await?;
        Ok(list.categories)
    }

    /// D2: one page (from 1) of a category's groups; a page shorter than `size` is the last.
    pub async fn groups(
        &self,
        category: &str,
        keyword: &str,
        page: u32,
        size: u32,
    ) -> Result<Vec<Group>, ApiError> {
        let body = json!({"category": category, "keyword": keyword, "size": size, "page": page});
        let list: GroupList = self
            .json_data(
                Method::POST,
                "/v1/user/recommend-list",
                Body::Json(body),
                true,
            )
            .await?;
        let mut groups = list.group_list;
        groups.truncate(size as usize);
        Ok(groups)
    }

    /// D3.
    pub async fn bots(&self) -> Result<Vec<Bot>, ApiError> {
        let list: BotList = self
            .json_data(Method::POST, "/v1/user/recommend", Body::None, true)
            .await?;
        Ok(list.bot_list)
    }

    // ---- S: account settings --------------------------------------------------------------

    /// S1. There is no push service here, so the device id doubles as the registration id.
    pub async fn notification_status(&self) -> Result<Notification, ApiError> {
        let body =
            json!({"deviceId": self.config.device_id, "registrationId": self.config.device_id});
        let wrapper: NotificationWrapper = self
            .json_data(
                Method::POST,
                "/v1/user/notification-status",
                Body::Json(body),
                true,
            )
            .await?;
        wrapper
            .notification
            .ok_or_else(|| ApiError::Decode("notification status has no data".into()))
    }

    /// S2: switches system-message notifications on or off.
    pub async fn set_notification(&self, open: bool) -> Result<(), ApiError> {
        let body = json!({"deviceId": self.config.device_id, "registrationId": self.config.device_id, "isOpen": i32::from(open), "type": 2});
        self.json_ok("/v1/user/notification-info", body, true).await
    }

    /// S3 (VIP only).
    pub async fn module_ignore(&self) -> Result<ModuleIgnore, ApiError> {
        let body = json!({"deviceId": self.config.device_id});
        let wrapper: ModuleIgnoreWrapper = self
            .json_data(
                Method::POST,
                "/v1/user/module-ignore-info",
                Body::Json(body),
                true,
            )
            .await?;
        wrapper
            .ignore
            .ok_or_else(|| ApiError::Decode("module settings have no data".into()))
    }

    /// S4 (VIP only).
    pub async fn set_module_ignore(&self, modules: &[u32]) -> Result<(), ApiError> {
        let body =
            json!({"deviceId": self.config.device_id, "ignore": format_module_list(modules)});
        self.json_ok("/v1/user/module-ignore", body, true).await
    }

    /// S5: binds a phone, with the SMS code sent to it.
    pub async fn bind_phone(&self, phone: &str, sms_code: &str) -> Result<(), ApiError> {
        self.json_ok(
            "/v1/user/bing-phone",
            json!({"phone": phone, "captcha": sms_code}),
            true,
        )
        .await
    }

    /// S6: binds an email, with the code sent to it.
    pub async fn bind_email(&self, email: &str, email_code: &str) -> Result<(), ApiError> {
        self.json_ok(
            "/v1/user/bing-email",
            json!({"email": email, "captcha": email_code}),
            true,
        )
        .await
    }

    /// S7: replaces the bound phone.
    pub async fn change_phone(&self, phone: &str, sms_code: &str) -> Result<(), ApiError> {
        self.json_ok(
            "/v1/user/change-phone-check",
            json!({"phone": phone, "captcha": sms_code}),
            true,
        )
        .await
    }

    /// S8: replaces the bound email.
    pub async fn change_email(&self, email: &str, email_code: &str) -> Result<(), ApiError> {
        self.json_ok(
            "/v1/user/change-email-check",
            json!({"email": email, "captcha": email_code}),
            true,
        )
        .await
    }

    /// S9: sets a new login password with an email code (no token needed).
    pub async fn reset_password(
        &self,
        email: &str,
        email_code: &str,
        password: &str,
    ) -> Result<(), ApiError> {
        let body = json!({"email": email, "captcha": email_code, "password": password});
        self.json_ok("/v1/user/forget-password", body, false).await
    }

    /// S10.
    pub async fn show_adv(&self) -> Result<ShowAdv, ApiError> {
        self.json_data(Method::POST, "/v1/user/get-user-show-adv", Body::None, true)
            .await
    }

    // ---- M: misc --------------------------------------------------------------------------

    /// M1.
    pub async fn distribution(&self) -> Result<Distribution, ApiError> {
        self.json_data(
            Method::GET,
            "/v1/misc/configure-distribution",
            Body::None,
            true,
        )
        .await
    }

    /// M2: an image upload token, `<accessKey>:<…>`.
    pub async fn upload_token(&self) -> Result<String, ApiError> {
        let token: UploadToken = self
            .json_data(Method::GET, "/v1/misc/qiniu-token", Body::None, true)
            .await?;
        if token.token.is_empty() {
            return Err(ApiError::Decode("empty upload token".into()));
        }
        Ok(token.token)
    }

    /// M3: upload limits (MB). Sends the token when there is one; it is not required.
    pub async fn service_setting(&self) -> Result<ServiceSetting, ApiError> {
        self.json_data(
            Method::GET,
            "/v1/misc/setting",
            Body::None,
            self.token.is_some(),
        )
        .await
    }

    /// M4: true when the official clients render everything in grey.
    pub async fn gray_status(&self) -> Result<bool, ApiError> {
        let gray: GrayStatus = self
            .json_data(Method::GET, "/v1/misc/gray-status", Body::None, false)
            .await?;
        Ok(gray.status == 1)
    }

    /// M5: the newest official client for `platform` (windows, android, macos, ios).
    pub async fn latest_version(
        &self,
        platform: &str,
        user_id: &str,
    ) -> Result<UpdateInfo, ApiError> {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("platform", platform)
            .append_pair("userId", user_id)
            .finish();
        let path = format!("/v1/misc/auto-update?{query}");
        let bytes = self.send(Method::GET, &path, Body::None, false).await?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| ApiError::Decode("update feed is not UTF-8".into()))?;
        if is_json(&bytes) {
            // An error envelope instead of the feed.
            decode_json_ok(&bytes)?;
        }
        parse_update_feed(text).map_err(ApiError::Decode)
    }

    // ---- avatar upload --------------------------------------------------------------------

    /// Uploads an image to the upload host (multipart: token, key, file) and returns its
    /// public URL. The key is `<md5 of the bytes>.<ext>`, as the official clients make it.
    pub async fn upload_image(&self, bytes: Vec<u8>) -> Result<String, ApiError> {
        let ext = image_extension(&bytes)?;
        let upload_token = self.upload_token().await?;
        let key = image_key(&bytes, ext);
        let file = reqwest::multipart::Part::bytes(bytes)
            .file_name(key.clone())
            .mime_str(&format!(
                "image/{}",
                if ext == "jpg" { "jpeg" } else { ext }
            ))
            .map_err(|e| ApiError::Input(e.to_string()))?;
        let form = reqwest::multipart::Form::new()
            .text("token", upload_token)
            .text("key", key.clone())
            .part("file", file);
        let req = self.http.post(&self.config.upload_url).multipart(form);
        let body = self.finish(req, &Method::POST, "<upload>").await?;
        // Qiniu answers {"hash": …, "key": …}; the key it stored is authoritative.
        #[derive(serde::Deserialize)]
        struct Uploaded {
            #[serde(default)]
            key: Option<String>,
        }
        let stored = serde_json::from_slice::<Uploaded>(&body)
            .map_err(|e| ApiError::Decode(format!("upload answer: {e}")))?
            .key
            .unwrap_or(key);
        Ok(format!("{}{}", self.config.image_base, stored))
    }

    /// The whole avatar flow: upload token → upload → edit-avatar. Returns the new URL.
    pub async fn set_avatar_image(&self, bytes: Vec<u8>) -> Result<String, ApiError> {
        let url = self.upload_image(bytes).await?;
        self.edit_avatar(&url).await?;
        Ok(url)
    }

    /// The avatar flow for a local image file: a regular file only (not a FIFO or a
    /// device), its size checked against the service's image limit (M3) before it is read,
    /// the image decoded before anything is uploaded, the whole flow bounded by the timeout.
    pub async fn set_avatar_file(&self, path: &std::path::Path) -> Result<String, ApiError> {
        let whole = async {
            let limit = self.image_upload_limit().await;
            let owned = path.to_owned();
            let bytes = tokio::task::spawn_blocking(move || read_image_file(&owned, limit))
                .await
                .map_err(|e| ApiError::Input(format!("cannot read the image: {e}")))??;
            self.set_avatar_image(bytes).await
        };
        // Three round trips and a file: bounded as a whole, not only each request.
        let bound = self.config.timeout.saturating_mul(4);
        tokio::time::timeout(bound, whole)
            .await
            .map_err(|_| ApiError::Timeout(bound))?
    }

    /// The image upload limit in bytes for this account (M3, VIP or not), or our own cap
    /// when the service does not say.
    async fn image_upload_limit(&self) -> u64 {
        let (setting, info) = tokio::join!(self.service_setting(), self.user_info());
        let Ok(setting) = setting else {
            return MAX_AVATAR_BYTES;
        };
        let vip = info.map(|i| i.is_vip).unwrap_or(false);
        let mb = if vip {
            setting.image_size_limit_vip
        } else {
            setting.image_size_limit_normal
        };
        if mb.is_finite() && mb > 0.0 {
            ((mb * 1024.0 * 1024.0) as u64).min(MAX_AVATAR_BYTES)
        } else {
            MAX_AVATAR_BYTES
        }
    }

    /// Every coin record, page by page, until `total` is reached, a page comes back short
    /// or empty, a page repeats records already seen, or [`MAX_RECORDS`] are gathered:
    /// a server claiming a total of 10^12 cannot keep us paging for ever.
    pub async fn all_coin_records(&self) -> Result<(Vec<CoinRecord>, i64), ApiError> {
        const SIZE: u32 = 100;
        let mut records: Vec<CoinRecord> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut page = 1;
        loop {
            let p = self.coin_records(page, SIZE).await?;
            let short = p.gold_coin_record.len() < SIZE as usize;
            let before = records.len();
            for r in p.gold_coin_record {
                if seen.insert(r.id) && records.len() < MAX_RECORDS {
                    records.push(r);
                }
            }
            let repeated = records.len() == before;
            if short || repeated || records.len() >= MAX_RECORDS || records.len() as i64 >= p.total
            {
                return Ok((records, p.total));
            }
            page += 1;
        }
    }

    /// Downloads a media file (an avatar) from the CDN, which wants the app's Referer.
    pub async fn fetch_media(&self, url: &str) -> Result<Bytes, ApiError> {
        let req = self.http.get(url).header(REFERER, MEDIA_REFERER);
        self.finish(req, &Method::GET, "<media>").await
    }
}

fn non_empty_token(data: TokenData) -> Result<String, ApiError> {
    if data.token.trim().is_empty() {
        return Err(ApiError::Decode("login answer has no token".into()));
    }
    check_token(&data.token).map_err(|_| {
        ApiError::Decode("the login answer's token is not a valid header value".into())
    })?;
    Ok(data.token)
}

/// A token must be usable as an HTTP header value: visible ASCII, no spaces or line breaks,
/// at most 4 KiB. Checked where a token enters (a login answer, `YUNHU_TOKEN`, the token
/// file) so a bad one is named there instead of failing every request later.
pub fn check_token(token: &str) -> Result<(), ApiError> {
    let ok =
        !token.is_empty() && token.len() <= 4096 && token.bytes().all(|b| b.is_ascii_graphic());
    if ok {
        Ok(())
    } else {
        Err(ApiError::Input(
            "the token is not valid (it must be printable ASCII without spaces or line breaks)"
                .into(),
        ))
    }
}

/// The host (and port, when not the default) a redirect points to, for the error message.
fn redirect_target(resp: &reqwest::Response) -> String {
    let Some(location) = resp
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
    else {
        return "nowhere".into();
    };
    match resp.url().join(location) {
        Ok(url) => match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => crate::sanitize::line(&format!("{host}:{port}")).into(),
            (Some(host), None) => crate::sanitize::line(host).into(),
            _ => "an unknown host".into(),
        },
        Err(_) => "an unreadable address".into(),
    }
}

/// Reads a body of at most `limit` bytes: a `Content-Length` over it is refused before
/// reading, and a body without one is read chunk by chunk and refused once it passes it.
async fn read_capped(
    mut resp: reqwest::Response,
    limit: usize,
    timeout: Duration,
) -> Result<Bytes, ApiError> {
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(ApiError::TooLarge { limit });
    }
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| ApiError::from_reqwest(&e, timeout))?
    {
        if body.len() + chunk.len() > limit {
            return Err(ApiError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Opens a file without blocking on a FIFO and without reading more than `limit` bytes;
/// only a regular file is read, and only if it is a decodable image of sane dimensions.
pub fn read_image_file(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, ApiError> {
    use crate::paths::{BoundedRead, read_regular_file};
    let shown = crate::sanitize::line(&path.display().to_string()).into_owned();
    let bytes = read_regular_file(path, limit).map_err(|e| {
        ApiError::Input(match e {
            BoundedRead::Io(e) => format!("cannot read {shown}: {e}"),
            BoundedRead::NotRegular => format!("{shown} is not a regular file"),
            BoundedRead::TooLarge { len } => format!(
                "{shown} is {:.1} MB; the service takes images of at most {:.1} MB",
                len as f64 / 1_048_576.0,
                limit as f64 / 1_048_576.0
            ),
        })
    })?;
    check_image(&bytes)?;
    Ok(bytes)
}

/// Decodes an image with bounded dimensions and memory: a PNG header followed by garbage,
/// or a tiny file claiming huge dimensions, is refused here rather than uploaded.
pub fn check_image(bytes: &[u8]) -> Result<(), ApiError> {
    image_extension(bytes)?;
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ApiError::Input(format!("not a readable image: {e}")))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    reader
        .decode()
        .map(drop)
        .map_err(|e| ApiError::Input(format!("not a readable image: {e}")))
}

/// The file extension for an image's bytes, or an `Input` error if they are not an image
/// the service takes.
pub fn image_extension(bytes: &[u8]) -> Result<&'static str, ApiError> {
    if bytes.is_empty() {
        return Err(ApiError::Input("the image file is empty".into()));
    }
    match image::guess_format(bytes) {
        Ok(image::ImageFormat::Png) => Ok("png"),
        Ok(image::ImageFormat::Jpeg) => Ok("jpg"),
        Ok(image::ImageFormat::Gif) => Ok("gif"),
        Ok(image::ImageFormat::WebP) => Ok("webp"),
        _ => Err(ApiError::Input("not a PNG, JPEG, GIF or WebP image".into())),
    }
}

/// `<md5 hex>.<ext>`.
pub fn image_key(bytes: &[u8], ext: &str) -> String {
    use md5::{Digest, Md5};
    let digest = Md5::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.{ext}")
}

/// JSON or protobuf is decided by the first byte alone: every protobuf answer starts with
/// 0x0a (field 1, length-delimited), which is JSON whitespace, so skipping whitespace would
/// read a 123-byte status message (length byte `{`) as broken JSON.
fn is_json(body: &[u8]) -> bool {
    body.first() == Some(&b'{')
}

fn envelope(body: &[u8]) -> Result<Envelope<'_>, ApiError> {
    if !is_json(body) {
        return Err(ApiError::Decode(format!(
            "expected JSON, got {:?}",
            body_excerpt(body, 40)
        )));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::Decode(format!("invalid JSON envelope: {e}")))
}

/// Decodes a protobuf answer, sniffing the body first: the service answers some errors
/// (-101 at least) with a JSON envelope even on protobuf endpoints.
pub fn decode_proto<T: Message + Default + HasStatus>(body: &[u8]) -> Result<T, ApiError> {
    if is_json(body) {
        let env = envelope(body)?;
        if env.code != 1 {
            return Err(ApiError::from_code(env.code, env.msg));
        }
        return Err(ApiError::Decode(
            "expected protobuf, got a JSON success envelope".into(),
        ));
    }
    let msg = T::decode(body).map_err(|e| ApiError::Decode(format!("invalid protobuf: {e}")))?;
    let status = msg
        .status()
        .ok_or_else(|| ApiError::Decode("protobuf answer has no status".into()))?;
    if status.code != 1 {
        return Err(ApiError::from_code(
            i64::from(status.code),
            status.msg.clone(),
        ));
    }
    Ok(msg)
}

/// Decodes the `data` of a JSON envelope, after checking its code.
pub fn decode_json_data<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let env = envelope(body)?;
    if env.code != 1 {
        return Err(ApiError::from_code(env.code, env.msg));
    }
    match env.data {
        Some(raw) if raw.get() != "null" => serde_json::from_str(raw.get())
            .map_err(|e| ApiError::Decode(format!("unexpected data: {e}"))),
        _ => Err(ApiError::Decode("the answer has no data".into())),
    }
}

/// Checks the code of a JSON envelope whose data does not matter.
pub fn decode_json_ok(body: &[u8]) -> Result<(), ApiError> {
    let env = envelope(body)?;
    if env.code != 1 {
        return Err(ApiError::from_code(env.code, env.msg));
    }
    Ok(())
}
