//! Clubs (Q15–Q19): mine, one, its members, join and leave.

use reqwest::Method;

use super::client::{Auth, ChaoqerClient};
use super::endpoint::Endpoint;
use super::envelope;
use super::error::ChaoqerError;
use super::model::{Club, ClubEntry, UserEntry};
use super::paging::Page;
use super::user::{check_id, page};

impl ChaoqerClient {
    /// Q15: the clubs I am a member of, most recently joined first.
    pub async fn clubs(
        &self,
        count: u32,
        last_id: Option<&str>,
    ) -> Result<Page<ClubEntry>, ChaoqerError> {
        page(self, Endpoint::Clubs, "/club", count, last_id).await
    }

    /// Q16: a club, with the real `joined` flag.
    pub async fn club(&self, club_id: &str) -> Result<Club, ChaoqerError> {
        check_id("a club id", club_id)?;
        let body = self
            .get(Endpoint::Club, &format!("/club/{club_id}"), &[], Auth::User)
            .await?;
        envelope::result(Endpoint::Club, &body)
    }

    /// Q17: a club's members, most recently joined first.
    pub async fn club_members(
        &self,
        club_id: &str,
        count: u32,
        last_id: Option<&str>,
    ) -> Result<Page<UserEntry>, ChaoqerError> {
        check_id("a club id", club_id)?;
        page(
            self,
            Endpoint::ClubMembers,
            &format!("/club/{club_id}/member"),
            count,
            last_id,
        )
        .await
    }

    /// Q18: joins a club. The answer is the club as stored, whose `joined` is always 0:
    /// ask Q16 for the flag.
    pub async fn join_club(&self, club_id: &str) -> Result<Club, ChaoqerError> {
        check_id("a club id", club_id)?;
        let body = self
            .write(
                Endpoint::JoinClub,
                Method::POST,
                &format!("/club/{club_id}/join"),
                Vec::new(),
                Auth::User,
            )
            .await?;
        envelope::result(Endpoint::JoinClub, &body)
    }

    /// Q19: leaves a club (refused for its creator while others are in).
    pub async fn leave_club(&self, club_id: &str) -> Result<String, ChaoqerError> {
        check_id("a club id", club_id)?;
        let body = self
            .write(
                Endpoint::LeaveClub,
                Method::POST,
                &format!("/club/{club_id}/leave"),
                Vec::new(),
                Auth::User,
            )
            .await?;
        envelope::message(Endpoint::LeaveClub, &body)
    }
}
