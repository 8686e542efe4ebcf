//! Session: T1 login, T2 logout, T3 ping.

use reqwest::Method;
use serde::Serialize;

use super::client::SealtalkClient;
use super::cookie::SessionCookie;
use super::endpoint::Endpoint;
use super::envelope;
use super::error::SealtalkError;
use super::model::{LoginResult, Session};

#[derive(Serialize)]
struct LoginBody<'a> {
    region: &'a str,
    phone: &'a str,
    password: &'a str,
}

impl SealtalkClient {
    /// T1. On success the client keeps the session (the cookie from `Set-Cookie`, by its own
    /// name, and the own id) and returns it for storing. The IM token is never read.
    pub async fn login(
        &mut self,
        region: &str,
        phone: &str,
        password: &str,
    ) -> Result<Session, SealtalkError> {
        // Q19: `+86` is looked up literally and never matches.
        let region = region.trim().trim_start_matches('+');
        let body = LoginBody {
            region,
            phone: phone.trim(),
            password,
        };
        let answer = self
            .post_raw(Endpoint::Login, "/user/login", &body, false)
            .await?;
        let result: LoginResult = envelope::result(Endpoint::Login, &answer.body)?;
        let cookie = answer
            .set_cookies
            .iter()
            .find_map(|h| SessionCookie::from_set_cookie(h))
            .ok_or_else(|| {
                SealtalkError::Decode("the login answer carries no session cookie".into())
            })?;
        if result.id.is_empty() {
            return Err(SealtalkError::Decode(
                "the login answer has no user id".into(),
            ));
        }
        self.cookie = Some(cookie.clone());
        self.user_id = Some(result.id.clone());
        Ok(Session {
            user_id: result.id,
            cookie,
        })
    }

    /// T2. The session is forgotten locally whatever the answer: the server revokes
    /// nothing (Q4), so its answer only tells whether it heard us.
    pub async fn logout(&mut self) -> Result<(), SealtalkError> {
        let result = match self.cookie {
            Some(_) => self
                .send(Endpoint::Logout, Method::POST, "/user/logout", None, true)
                .await
                .and_then(|a| envelope::ok(Endpoint::Logout, &a.body)),
            None => Ok(()),
        };
        self.forget_session();
        result
    }

    /// T3: `{"code":200}` from servers since V2.1.0 (older ones: see [`Self::client_version`]).
    pub async fn ping(&self) -> Result<(), SealtalkError> {
        let answer = self
            .send(Endpoint::Ping, Method::GET, "/ping", None, false)
            .await?;
        envelope::ok(Endpoint::Ping, &answer.body)
    }
}
