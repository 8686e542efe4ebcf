//! M: distribution, upload token and limits, grey mode, the latest official clients; the
//! avatar upload flow (upload token, multipart upload, edit-avatar) and media downloads.

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::REFERER;

use super::error::ApiError;
use super::model::{Distribution, GrayStatus, ServiceSetting, UpdateInfo, UploadToken};
use super::rss::parse_update_feed;

use super::client::{ApiClient, Body, MAX_AVATAR_BYTES, MEDIA_REFERER};
use super::decode::{decode_json_ok, is_json};
use super::images::{image_extension, image_key, read_image_file};

/// The platforms of the official clients whose newest version M5 gives (the dashboard's
/// Settings pane and the `versions` command show them all).
pub const PLATFORMS: [&str; 4] = ["windows", "macos", "android", "ios"];

impl ApiClient {
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

    /// Downloads a media file (an avatar) from the CDN, which wants the app's Referer.
    pub async fn fetch_media(&self, url: &str) -> Result<Bytes, ApiError> {
        let req = self.http.get(url).header(REFERER, MEDIA_REFERER);
        self.finish(req, &Method::GET, "<media>").await
    }
}
