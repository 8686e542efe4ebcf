//! S: notification and module switches, binding a phone or email, the password, ads.

use reqwest::Method;
use serde_json::json;

use super::error::ApiError;
use super::model::{
    ModuleIgnore, ModuleIgnoreWrapper, Notification, NotificationWrapper, ShowAdv,
    format_module_list,
};

use super::client::{ApiClient, Body};

impl ApiClient {
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
}
