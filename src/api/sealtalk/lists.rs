//! Lists: T11 friendships, T12 groups, T13 the blacklist, T14 unblocking.

use serde::Serialize;

use super::client::SealtalkClient;
use super::endpoint::Endpoint;
use super::error::SealtalkError;
use super::model::{
    BlockedUser, Friendship, GroupMembership, RawBlacklistItem, RawFriendship, RawGroupItem,
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FriendId<'a> {
    friend_id: &'a str,
}

impl SealtalkClient {
    /// T11: every relationship row (all statuses), in the server's order; rows of deleted
    /// accounts (`user: null`) are skipped.
    pub async fn friendships(&self) -> Result<Vec<Friendship>, SealtalkError> {
        let rows: Vec<RawFriendship> = self.get(Endpoint::Friends, "/friendship/all", true).await?;
        Ok(rows
            .into_iter()
            .filter_map(RawFriendship::into_friendship)
            .collect())
    }

    /// T12: my groups, dismissed ones (`group: null`) skipped.
    pub async fn groups(&self) -> Result<Vec<GroupMembership>, SealtalkError> {
        let items: Vec<RawGroupItem> = self.get(Endpoint::Groups, "/user/groups", true).await?;
        Ok(items
            .into_iter()
            .filter_map(RawGroupItem::into_membership)
            .collect())
    }

    /// T13: the users I blocked, deleted ones skipped.
    pub async fn blacklist(&self) -> Result<Vec<BlockedUser>, SealtalkError> {
        let items: Vec<RawBlacklistItem> = self
            .get(Endpoint::Blacklist, "/user/blacklist", true)
            .await?;
        Ok(items.into_iter().filter_map(|i| i.user).collect())
    }

    /// T14. Also succeeds for an id not on the list; a blocked friend becomes a friend again
    /// (reload T11 and T13).
    pub async fn unblock(&self, friend_id: &str) -> Result<(), SealtalkError> {
        self.post_ok(
            Endpoint::Unblock,
            "/user/remove_from_blacklist",
            &FriendId { friend_id },
        )
        .await
    }
}
