//! App (Q22, Q23) and the image upload (Q24, then Q24b: a PUT to OSS).

use reqwest::Method;
use reqwest::header::CONTENT_TYPE;
use serde_json::Value;

use super::client::{Auth, ChaoqerClient};
use super::endpoint::Endpoint;
use super::envelope;
use super::error::ChaoqerError;
use super::model::{AppVersion, Feedback, ImageDir, Platform, UploadSlot};
use super::user::java_len;
use crate::api::transport::read_capped;

/// Q22's failure message that means "no newer version": not an error.
pub const UP_TO_DATE: &str = "当前已经是最新版本";
pub const MAX_FEEDBACK: usize = 500;
pub const MAX_FEEDBACK_IMAGES: usize = 3;
/// OSS answers are tiny (empty or an XML error).
const MAX_UPLOAD_ANSWER: usize = 64 * 1024;

impl ChaoqerClient {
    /// Q22: the newest official app of `platform` (asked as that platform, from version
    /// code 0, without `Authorization`); `None` when the server says there is none newer.
    pub async fn latest_version(
        &self,
        platform: Platform,
    ) -> Result<Option<AppVersion>, ChaoqerError> {
        let body = self
            .get_unsigned(
                Endpoint::LatestVersion,
                "/app/version/upgrade",
                platform.client_type(),
                0,
            )
            .await?;
        match envelope::result(Endpoint::LatestVersion, &body) {
            Ok(version) => Ok(Some(version)),
            Err(ChaoqerError::Refused {
                code: 0, message, ..
            }) if message == UP_TO_DATE => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Q23: App feedback (`反馈成功`).
    pub async fn feedback(&self, feedback: &Feedback) -> Result<String, ChaoqerError> {
        if feedback.content.trim().is_empty() {
            return Err(ChaoqerError::Input("the feedback cannot be empty".into()));
        }
        if java_len(&feedback.content) > MAX_FEEDBACK {
            return Err(ChaoqerError::Input(format!(
                "the feedback can have at most {MAX_FEEDBACK} characters"
            )));
        }
        if feedback.images.len() > MAX_FEEDBACK_IMAGES {
            return Err(ChaoqerError::Input(format!(
                "at most {MAX_FEEDBACK_IMAGES} images can go with feedback"
            )));
        }
        let mut params = vec![
            ("originFeedbackType", Value::from(0)),
            ("originId", Value::from("")),
            ("feedbackType", Value::from(0)),
            ("feedbackContent", Value::from(feedback.content.as_str())),
        ];
        if !feedback.images.is_empty() {
            params.push(("feedbackImageList", Value::from(feedback.images.clone())));
        }
        let body = self
            .write(
                Endpoint::Feedback,
                Method::POST,
                "/app/feedback",
                params,
                Auth::User,
            )
            .await?;
        envelope::message(Endpoint::Feedback, &body)
    }

    /// Q24: an address to upload one JPEG to, and the URL it will then have.
    pub async fn upload_slot(&self, dir: ImageDir) -> Result<UploadSlot, ChaoqerError> {
        let body = self
            .write(
                Endpoint::UploadSlot,
                Method::POST,
                "/aliyun/image/upload",
                vec![("imageDir", Value::from(dir.as_str()))],
                Auth::User,
            )
            .await?;
        envelope::result(Endpoint::UploadSlot, &body)
    }

    /// Q24b: PUTs the JPEG bytes to the slot's address, as is, with `image/jpeg` (the URL
    /// is signed for that type) and no gateway headers. Returns the image URL.
    pub async fn upload_jpeg(
        &self,
        slot: &UploadSlot,
        jpeg: Vec<u8>,
    ) -> Result<String, ChaoqerError> {
        let url = url::Url::parse(&slot.upload_address)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| {
                ChaoqerError::Decode("Q24's upload address is not an http(s) URL".into())
            })?;
        let timeout = self.config.timeout;
        let resp = self
            .http
            .put(url)
            .header(CONTENT_TYPE, "image/jpeg")
            .body(jpeg)
            .send()
            .await
            .map_err(|e| ChaoqerError::from_reqwest(e, timeout))?;
        let status = resp.status().as_u16();
        let body = read_capped(resp, MAX_UPLOAD_ANSWER, timeout)
            .await
            .map_err(ChaoqerError::from_transport)?;
        if status != 200 {
            return Err(ChaoqerError::Http {
                status,
                sentence: "the image storage refused the upload",
                text: Some(crate::api::body_excerpt(&body, 200)).filter(|t| !t.is_empty()),
            });
        }
        Ok(slot.image_url.clone())
    }
}
