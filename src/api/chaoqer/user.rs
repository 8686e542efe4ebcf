//! User (Q4–Q14): the own profile (complete, edit), others' profiles, the block list, the
//! inbox and its unread total, and the cards.

use reqwest::Method;
use serde_json::Value;

use super::client::{Auth, ChaoqerClient};
use super::endpoint::Endpoint;
use super::envelope;
use super::error::ChaoqerError;
use super::model::{MessageEntry, UserEntry, UserProfile};
use super::paging::{Page, check_count};

pub const MAX_NICKNAME: usize = 20;
pub const MAX_BIO: usize = 1000;

/// Lengths as Java counts them: UTF-16 code units (an emoji counts 2).
pub fn java_len(text: &str) -> usize {
    text.encode_utf16().count()
}

fn check_nickname(nickname: &str) -> Result<(), ChaoqerError> {
    if nickname.trim().is_empty() {
        return Err(ChaoqerError::Input("the nickname cannot be empty".into()));
    }
    if java_len(nickname) > MAX_NICKNAME {
        return Err(ChaoqerError::Input(format!(
            "the nickname can have at most {MAX_NICKNAME} characters (an emoji counts 2)"
        )));
    }
    Ok(())
}

fn check_avatar(avatar: &str) -> Result<(), ChaoqerError> {
    if avatar.trim().is_empty() {
        return Err(ChaoqerError::Input("the avatar cannot be empty".into()));
    }
    Ok(())
}

pub(super) fn check_id(what: &str, id: &str) -> Result<(), ChaoqerError> {
    if super::is_id(id) {
        Ok(())
    } else {
        Err(ChaoqerError::Input(format!(
            "{what} must be 32 lower-case hex characters"
        )))
    }
}

/// `count` and, when there is one, `lastId` (absent means the first page).
pub(super) fn page_params(
    count: u32,
    last_id: Option<&str>,
) -> Result<Vec<(&'static str, String)>, ChaoqerError> {
    check_count(count)?;
    let mut params = vec![("count", count.to_string())];
    if let Some(last) = last_id {
        params.push(("lastId", last.to_owned()));
    }
    Ok(params)
}

pub(super) async fn page<T: serde::de::DeserializeOwned>(
    client: &ChaoqerClient,
    endpoint: Endpoint,
    path: &str,
    count: u32,
    last_id: Option<&str>,
) -> Result<Page<T>, ChaoqerError> {
    let params = page_params(count, last_id)?;
    let body = client.get(endpoint, path, &params, Auth::User).await?;
    envelope::result(endpoint, &body)
}

impl ChaoqerClient {
    /// Q4: completes a new account's profile. `bio` is neither checked nor saved here.
    pub async fn init_profile(
        &self,
        nickname: &str,
        avatar: &str,
    ) -> Result<UserProfile, ChaoqerError> {
        check_nickname(nickname)?;
        check_avatar(avatar)?;
        let body = self
            .write(
                Endpoint::InitProfile,
                Method::POST,
                "/user/profile/init",
                vec![
                    ("nickname", Value::from(nickname)),
                    ("avatar", Value::from(avatar)),
                ],
                Auth::User,
            )
            .await?;
        envelope::result(Endpoint::InitProfile, &body)
    }

    /// Q5: writes the whole own profile. A `bio` of `None` is left out, which the server
    /// takes as deleting it (as does an empty or blank one).
    pub async fn edit_profile(
        &self,
        nickname: &str,
        avatar: &str,
        bio: Option<&str>,
    ) -> Result<UserProfile, ChaoqerError> {
        check_nickname(nickname)?;
        check_avatar(avatar)?;
        let mut params = vec![
            ("nickname", Value::from(nickname)),
            ("avatar", Value::from(avatar)),
        ];
        if let Some(bio) = bio {
            if java_len(bio) > MAX_BIO {
                return Err(ChaoqerError::Input(format!(
                    "the bio can have at most {MAX_BIO} characters (an emoji counts 2)"
                )));
            }
            params.push(("bio", Value::from(bio)));
        }
        let body = self
            .write(
                Endpoint::EditProfile,
                Method::PUT,
                "/user/profile",
                params,
                Auth::User,
            )
            .await?;
        envelope::result(Endpoint::EditProfile, &body)
    }

    /// Q6: a user's profile.
    pub async fn profile(&self, uid: &str) -> Result<UserProfile, ChaoqerError> {
        check_id("a user id", uid)?;
        let body = self
            .get(
                Endpoint::Profile,
                &format!("/user/{uid}/profile"),
                &[],
                Auth::User,
            )
            .await?;
        envelope::result(Endpoint::Profile, &body)
    }

    /// Q6 for the own uid (there is no "me" endpoint).
    pub async fn own_profile(&self) -> Result<UserProfile, ChaoqerError> {
        let uid = self.own_uid()?.to_owned();
        self.profile(&uid).await
    }

    /// Q7: users I blocked, newest first.
    pub async fn blocked(
        &self,
        count: u32,
        last_id: Option<&str>,
    ) -> Result<Page<UserEntry>, ChaoqerError> {
        page(self, Endpoint::Blocked, "/user/block", count, last_id).await
    }

    async fn user_write(
        &self,
        endpoint: Endpoint,
        method: Method,
        uid: &str,
        tail: &str,
    ) -> Result<String, ChaoqerError> {
        check_id("a user id", uid)?;
        let body = self
            .write(
                endpoint,
                method,
                &format!("/user/{uid}/{tail}"),
                Vec::new(),
                Auth::User,
            )
            .await?;
        envelope::message(endpoint, &body)
    }

    /// Q8: blocks a user; the server's message (`屏蔽成功`).
    pub async fn block(&self, uid: &str) -> Result<String, ChaoqerError> {
        self.user_write(Endpoint::Block, Method::POST, uid, "block")
            .await
    }

    /// Q9: unblocks a user (`解除屏蔽成功`, also when not blocked).
    pub async fn unblock(&self, uid: &str) -> Result<String, ChaoqerError> {
        self.user_write(Endpoint::Unblock, Method::DELETE, uid, "block")
            .await
    }

    /// Q10: own messages, newest first. Side effects on the server: the unread total
    /// becomes 0 and the returned messages are marked read (this answer still shows them
    /// unread). `last_id` is a `sequenceId`, an integer.
    pub async fn messages(
        &self,
        count: u32,
        last_id: Option<&str>,
    ) -> Result<Page<MessageEntry>, ChaoqerError> {
        if let Some(last) = last_id.filter(|l| !l.is_empty())
            && last.parse::<i64>().is_err()
        {
            return Err(ChaoqerError::Input("a message cursor is a number".into()));
        }
        page(self, Endpoint::Messages, "/user/message", count, last_id).await
    }

    /// Q11: the unread total (0 when unknown).
    pub async fn unread_total(&self) -> Result<i64, ChaoqerError> {
        let body = self
            .get(
                Endpoint::UnreadTotal,
                "/user/message/unread_total",
                &[],
                Auth::User,
            )
            .await?;
        envelope::result(Endpoint::UnreadTotal, &body)
    }

    /// Q12: cards received, newest first.
    pub async fn cards(
        &self,
        count: u32,
        last_id: Option<&str>,
    ) -> Result<Page<UserEntry>, ChaoqerError> {
        page(self, Endpoint::Cards, "/user/card", count, last_id).await
    }

    /// Q13: sends my card to `uid` (`你给了对方一张自己的名片`).
    pub async fn send_card(&self, uid: &str) -> Result<String, ChaoqerError> {
        self.user_write(Endpoint::SendCard, Method::POST, uid, "card")
            .await
    }

    /// Q14: asks to remove the card `uid` sent me. The server answers `删除成功` but, by a
    /// bug, keeps a visible card: re-fetch Q12 and show what it says.
    pub async fn delete_card(&self, uid: &str) -> Result<String, ChaoqerError> {
        self.user_write(Endpoint::DeleteCard, Method::DELETE, uid, "card")
            .await
    }
}
