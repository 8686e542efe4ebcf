//! Profile: T4 a user, T5–T10 the own profile's edits, T7's Qiniu upload.

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::client::SealtalkClient;
use super::endpoint::Endpoint;
use super::error::SealtalkError;
use super::model::{Gender, ImageToken, User};
use crate::api::MAX_BODY_BYTES;
use crate::api::transport::read_capped;

/// A path segment with everything but ASCII letters, digits, `-` and `_` percent-encoded:
/// ids are opaque, so nothing in one may change the path.
pub(super) fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// T7 step 3: the URL of an uploaded object, `http://domain/key` unless `domain` already
/// has a scheme.
pub fn portrait_uri_for(domain: &str, key: &str) -> String {
    let domain = domain.trim_end_matches('/');
    if domain.starts_with("http://") || domain.starts_with("https://") {
        format!("{domain}/{key}")
    } else {
        format!("http://{domain}/{key}")
    }
}

#[derive(Serialize)]
struct Nickname<'a> {
    nickname: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PortraitUri<'a> {
    portrait_uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangePassword<'a> {
    old_password: &'a str,
    new_password: &'a str,
}

#[derive(Serialize)]
struct SetGender {
    gender: Gender,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StAccount<'a> {
    st_account: &'a str,
}

/// Qiniu's answer to an upload: `{"hash","key"}`, or `{"error"}` on a 4xx.
#[derive(Deserialize)]
struct QiniuAnswer {
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

impl SealtalkClient {
    /// T4: any user's profile by id (404 `Unknown user.` for an unknown one).
    pub async fn user(&self, id: &str) -> Result<User, SealtalkError> {
        let path = format!("/user/{}", segment(id));
        self.get(Endpoint::User, &path, true).await
    }

    /// T4 with the own id from T1.
    pub async fn own_profile(&self) -> Result<User, SealtalkError> {
        let id = self.own_id()?.to_owned();
        self.user(&id).await
    }

    /// T5. The server HTML-escapes `<`/`>` and stores the escaped text (Q10).
    pub async fn set_nickname(&self, nickname: &str) -> Result<(), SealtalkError> {
        self.post_ok(
            Endpoint::SetNickname,
            "/user/set_nickname",
            &Nickname { nickname },
        )
        .await
    }

    /// T6: an absolute http(s) URL of 12–256 characters; the server does not fetch it.
    pub async fn set_portrait_uri(&self, portrait_uri: &str) -> Result<(), SealtalkError> {
        self.post_ok(
            Endpoint::SetPortraitUri,
            "/user/set_portrait_uri",
            &PortraitUri { portrait_uri },
        )
        .await
    }

    /// T7: a Qiniu upload token and the bucket's download host.
    pub async fn image_token(&self) -> Result<ImageToken, SealtalkError> {
        self.get(Endpoint::ImageToken, "/user/get_image_token", true)
            .await
    }

    /// T7 step 2: uploads `bytes` to the configured Qiniu host (never with the cookie) and
    /// returns the object's key.
    pub async fn upload_image(
        &self,
        token: &ImageToken,
        bytes: Vec<u8>,
        file_name: &str,
    ) -> Result<String, SealtalkError> {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
        let form = reqwest::multipart::Form::new()
            .text("token", token.token.clone())
            .part("file", part);
        let timeout = self.config.timeout;
        let resp = self
            .http
            .request(Method::POST, &self.config.upload_url)
            .multipart(form)
            .send()
            .await
            .map_err(|e| {
                SealtalkError::from_transport(crate::api::ApiError::from_reqwest(&e, timeout))
            })?;
        let status = resp.status().as_u16();
        if resp.status().is_redirection() {
            return Err(SealtalkError::Redirect {
                status,
                location: crate::api::transport::redirect_target(&resp),
            });
        }
        let body = read_capped(resp, MAX_BODY_BYTES, timeout)
            .await
            .map_err(SealtalkError::from_transport)?;
        let answer: Option<QiniuAnswer> = serde_json::from_slice(&body).ok();
        match (status, answer) {
            (200, Some(QiniuAnswer { key: Some(key), .. })) if !key.is_empty() => Ok(key),
            (_, Some(QiniuAnswer { error: Some(e), .. })) => Err(SealtalkError::Rejected {
                status,
                text: format!(
                    "the image host refused the upload: {}",
                    crate::sanitize::line(&e)
                ),
            }),
            _ => Err(SealtalkError::Rejected {
                status,
                text: format!(
                    "the image host refused the upload: {}",
                    super::error::error_text(&body)
                ),
            }),
        }
    }

    /// T7 + upload + T6: sets the portrait to an uploaded file; returns its URL.
    pub async fn set_portrait_file(
        &self,
        bytes: Vec<u8>,
        file_name: &str,
    ) -> Result<String, SealtalkError> {
        let token = self.image_token().await?;
        let key = self.upload_image(&token, bytes, file_name).await?;
        let uri = portrait_uri_for(&token.domain, &key);
        self.set_portrait_uri(&uri).await?;
        Ok(uri)
    }

    /// T8. The cookie stays valid afterwards (Q4).
    pub async fn change_password(&self, old: &str, new: &str) -> Result<(), SealtalkError> {
        self.post_ok(
            Endpoint::ChangePassword,
            "/user/change_password",
            &ChangePassword {
                old_password: old,
                new_password: new,
            },
        )
        .await
    }

    /// T9.
    pub async fn set_gender(&self, gender: Gender) -> Result<(), SealtalkError> {
        self.post_ok(
            Endpoint::SetGender,
            "/user/set_gender",
            &SetGender { gender },
        )
        .await
    }

    /// T10: 6–20 characters, a letter first; 1000 when anybody (even you) has it.
    pub async fn set_st_account(&self, st_account: &str) -> Result<(), SealtalkError> {
        self.post_ok(
            Endpoint::SetStAccount,
            "/user/set_st_account",
            &StAccount { st_account },
        )
        .await
    }
}
