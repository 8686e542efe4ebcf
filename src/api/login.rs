//! L: the captcha, SMS and email codes, logging in and out.

use reqwest::Method;
use serde_json::json;

use super::error::ApiError;
use super::model::{Captcha, EmailCodePurpose, TokenData};

use super::client::{ApiClient, Body, check_token};

impl ApiClient {
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
