//! Account (Q1–Q3): the SMS code, the login that also registers, the logout. Q1 and Q2
//! never carry `Authorization` and are signed with the default secret.

use reqwest::Method;
use serde_json::Value;

use super::client::{Auth, ChaoqerClient};
use super::endpoint::Endpoint;
use super::envelope;
use super::error::ChaoqerError;
use super::model::{LoginOutcome, Session};

/// Q2's message for a number that was not known: the account starts unregistered.
pub const REGISTERED_MESSAGE: &str = "注册成功";

fn check_phone(country_code: &str, mobile: &str) -> Result<(), ChaoqerError> {
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(country_code, 4) {
        return Err(ChaoqerError::Input(
            "the country code must be 1 to 4 digits (86 for China)".into(),
        ));
    }
    if !digits(mobile, 15) {
        return Err(ChaoqerError::Input(
            "the phone number must be digits only".into(),
        ));
    }
    Ok(())
}

fn phone_params(country_code: &str, mobile: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("countryCode", Value::from(country_code)),
        ("mobile", Value::from(mobile)),
    ]
}

impl ChaoqerClient {
    /// Q1: asks the server to send an SMS code; its message (`验证码已发送，请注意查收`).
    pub async fn send_code(
        &self,
        country_code: &str,
        mobile: &str,
    ) -> Result<String, ChaoqerError> {
        check_phone(country_code, mobile)?;
        let body = self
            .write(
                Endpoint::SendCode,
                Method::POST,
                "/account/captcha",
                phone_params(country_code, mobile),
                Auth::Anonymous,
            )
            .await?;
        envelope::message(Endpoint::SendCode, &body)
    }

    /// Q2: logs in with the SMS code (registering an unknown number) and keeps the session.
    pub async fn login(
        &mut self,
        country_code: &str,
        mobile: &str,
        captcha: &str,
    ) -> Result<LoginOutcome, ChaoqerError> {
        check_phone(country_code, mobile)?;
        if !(4..=6).contains(&captcha.len()) || !captcha.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ChaoqerError::Input("the SMS code is 4 to 6 digits".into()));
        }
        let mut params = phone_params(country_code, mobile);
        params.push(("captcha", Value::from(captcha)));
        let body = self
            .write(
                Endpoint::Login,
                Method::POST,
                "/account/login/captcha",
                params,
                Auth::Anonymous,
            )
            .await?;
        let success = envelope::open(Endpoint::Login, &body)?;
        let raw = success
            .result
            .ok_or_else(|| ChaoqerError::Decode("Q2 answered without a result".into()))?;
        let session: Session = serde_json::from_str(raw.get())
            .map_err(|_| ChaoqerError::Decode("Q2's session is not readable".into()))?;
        if !super::is_id(&session.uid)
            || session.access_token.is_empty()
            || session.access_secret.is_empty()
        {
            return Err(ChaoqerError::Decode("Q2's session is incomplete".into()));
        }
        self.session = Some(session.clone());
        Ok(LoginOutcome {
            session,
            registered: success.message == REGISTERED_MESSAGE,
            message: crate::sanitize::for_log(&success.message, 300),
        })
    }

    /// Q3: deletes the session on the server, then forgets it here.
    pub async fn logout(&mut self) -> Result<String, ChaoqerError> {
        let body = self
            .write(
                Endpoint::Logout,
                Method::POST,
                "/account/logout",
                Vec::new(),
                Auth::User,
            )
            .await?;
        let message = envelope::message(Endpoint::Logout, &body)?;
        self.forget_session();
        Ok(message)
    }
}
