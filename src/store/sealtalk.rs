//! A SealTalk account's pane answers in its store (the account's own file, keyed by service
//! `sealtalk`, so they never meet Yunhu's). Written as the server's JSON shapes (camelCase)
//! and read back through the client's own `Deserialize`, so a stored answer decodes exactly
//! as a fresh one.

use serde_json::{Value, json};

use super::panes::Stored;
use super::protocol::kept;
use super::{Store, StoreError, now_ms};
use crate::api::actor_sealtalk::Versions;
use crate::api::sealtalk::model::{
    BlockedUser, ClientVersions, DesktopRelease, FriendUser, Friendship, Group, GroupMembership,
    GroupRole, MobileRelease, User,
};

const PROFILE: &str = "st:profile";
const FRIENDS: &str = "st:friends";
const GROUPS: &str = "st:groups";
const BLACKLIST: &str = "st:blacklist";
const VERSIONS: &str = "st:versions";
const CAPTURES: &str = "st:captures";

/// One row of the screen-capture pane as kept: a friend's chat (`group` false) or a group,
/// its name, and its status (`None`: its own request failed then).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StoredCapture {
    pub group: bool,
    pub id: String,
    pub name: String,
    pub on: Option<bool>,
}

/// One SealTalk pane's answer to keep.
#[derive(Debug, Clone, PartialEq)]
pub enum SealtalkSnapshot {
    Profile(User),
    Friends(Vec<Friendship>),
    Groups(Vec<GroupMembership>),
    Blacklist(Vec<BlockedUser>),
    /// Only a fully answered About pane is kept.
    Versions(Option<DesktopRelease>, ClientVersions),
    Captures(Vec<StoredCapture>),
}

/// Every stored SealTalk answer, with when each was fetched.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredSealtalk {
    pub profile: Option<Stored<User>>,
    pub friends: Option<Stored<Vec<Friendship>>>,
    pub groups: Option<Stored<Vec<GroupMembership>>>,
    pub blacklist: Option<Stored<Vec<BlockedUser>>>,
    pub versions: Option<Stored<Versions>>,
    pub captures: Option<Stored<Vec<StoredCapture>>>,
}

impl StoredSealtalk {
    pub fn is_empty(&self) -> bool {
        *self == StoredSealtalk::default()
    }
}

fn user_json(u: &User) -> Value {
    json!({"id": u.id, "nickname": u.nickname, "portraitUri": u.portrait_uri,
           "gender": u.gender, "stAccount": u.st_account, "phone": u.phone})
}

fn friend_user_json(u: &FriendUser) -> Value {
    json!({"id": u.id, "nickname": u.nickname, "region": u.region, "phone": u.phone,
           "portraitUri": u.portrait_uri, "gender": u.gender, "stAccount": u.st_account})
}

fn friendship_json(f: &Friendship) -> Value {
    json!({"displayName": f.display_name, "message": f.message, "status": f.status,
           "updatedAt": f.updated_at, "user": friend_user_json(&f.user),
           "updatedTime": f.updated_time})
}

fn role_code(role: Option<GroupRole>) -> Value {
    match role {
        Some(GroupRole::Owner) => json!(0),
        Some(GroupRole::Member) => json!(1),
        Some(GroupRole::Manager) => json!(2),
        Some(GroupRole::Other(n)) => json!(n),
        None => Value::Null,
    }
}

fn group_json(g: &Group) -> Value {
    json!({"id": g.id, "name": g.name, "portraitUri": g.portrait_uri, "creatorId": g.creator_id,
           "memberCount": g.member_count, "maxMemberCount": g.max_member_count,
           "isMute": i64::from(g.muted), "certiStatus": g.certi_status})
}

fn blocked_json(u: &BlockedUser) -> Value {
    json!({"id": u.id, "nickname": u.nickname, "portraitUri": u.portrait_uri, "gender": u.gender,
           "stAccount": u.st_account, "phone": u.phone, "updatedAt": u.updated_at,
           "updatedTime": u.updated_time})
}

fn release_json(r: &Option<MobileRelease>) -> Value {
    match r {
        Some(r) => json!({"version": r.version, "build": r.build, "url": r.url}),
        None => Value::Null,
    }
}

fn versions_json(desktop: &Option<DesktopRelease>, mobile: &ClientVersions) -> Value {
    let desktop = desktop.as_ref().map(|d| {
        json!({"version": d.version, "url": d.url, "name": d.name, "notes": d.notes,
               "pub_date": d.pub_date})
    });
    json!({"desktop": desktop,
           "mobile": {"iOS": release_json(&mobile.ios), "Android": release_json(&mobile.android)}})
}

fn decode_groups(v: Value) -> Option<Vec<GroupMembership>> {
    v.as_array()?
        .iter()
        .map(|item| {
            Some(GroupMembership {
                role: item["role"].as_i64().map(GroupRole::from_code),
                group: serde_json::from_value(item["group"].clone()).ok()?,
            })
        })
        .collect()
}

fn decode_versions(v: Value) -> Option<Versions> {
    let desktop = match &v["desktop"] {
        Value::Null => None,
        d => Some(serde_json::from_value(d.clone()).ok()?),
    };
    let mobile = serde_json::from_value(v["mobile"].clone()).ok()?;
    Some(Versions {
        desktop: Ok(desktop),
        mobile: Ok(mobile),
    })
}

impl Store {
    /// Keeps one SealTalk pane's answer.
    pub fn save_sealtalk(&self, snapshot: &SealtalkSnapshot) -> Result<(), StoreError> {
        let (key, value) = match snapshot {
            SealtalkSnapshot::Profile(u) => (PROFILE, user_json(u)),
            SealtalkSnapshot::Friends(f) => (
                FRIENDS,
                Value::Array(f.iter().map(friendship_json).collect()),
            ),
            SealtalkSnapshot::Groups(g) => (
                GROUPS,
                Value::Array(
                    g.iter()
                        .map(|m| json!({"role": role_code(m.role), "group": group_json(&m.group)}))
                        .collect(),
                ),
            ),
            SealtalkSnapshot::Blacklist(b) => (
                BLACKLIST,
                Value::Array(b.iter().map(blocked_json).collect()),
            ),
            SealtalkSnapshot::Versions(d, m) => (VERSIONS, versions_json(d, m)),
            SealtalkSnapshot::Captures(c) => (
                CAPTURES,
                serde_json::to_value(c).map_err(|e| StoreError::BadValue {
                    path: self.shown_path(),
                    what: e.to_string(),
                })?,
            ),
        };
        self.put_snapshot(key, &value.to_string(), now_ms())
    }

    /// Every stored SealTalk answer; the first that does not decode is returned beside what
    /// could be read.
    pub fn load_sealtalk(&self) -> (StoredSealtalk, Option<StoreError>) {
        let mut first = None;
        let f = &mut first;
        let profile = kept(
            self.get_value(PROFILE, |v| serde_json::from_value(v).ok()),
            f,
        );
        let friends = kept(
            self.get_value(FRIENDS, |v| serde_json::from_value(v).ok()),
            f,
        );
        let groups = kept(self.get_value(GROUPS, decode_groups), f);
        let blacklist = kept(
            self.get_value(BLACKLIST, |v| serde_json::from_value(v).ok()),
            f,
        );
        let versions = kept(self.get_value(VERSIONS, decode_versions), f);
        let captures = kept(
            self.get_value(CAPTURES, |v| serde_json::from_value(v).ok()),
            f,
        );
        let stored = StoredSealtalk {
            captures,
            profile,
            friends,
            groups,
            blacklist,
            versions,
        };
        (stored, first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        crate::store::tests::open_temp(crate::service::Service::Sealtalk, "DH7W1QuDp")
    }

    #[test]
    fn each_snapshot_reads_back_as_it_was_kept() {
        let (_dir, store) = store();
        let user: User = serde_json::from_value(json!({"id":"DH7W1QuDp","nickname":"&lt;b&gt;",
            "portraitUri":"","gender":"female","stAccount":"haixing_ref","phone":"139"}))
        .unwrap();
        let friend: Friendship = serde_json::from_value(json!({"displayName":"","status":20,
            "user":{"id":"TrpmMGHlX","nickname":"阿青","phone":"138"},"updatedTime":1}))
        .unwrap();
        let group = GroupMembership {
            role: Some(GroupRole::Manager),
            group: serde_json::from_value(json!({"id":"G","name":"Rust","memberCount":3,
                "maxMemberCount":500,"isMute":1,"certiStatus":0}))
            .unwrap(),
        };
        let blocked: BlockedUser =
            serde_json::from_value(json!({"id":"n2","nickname":"甲","phone":"136"})).unwrap();
        let mobile: ClientVersions = serde_json::from_value(
            json!({"iOS":{"version":"2.2.0","build":"1","url":"u"},"Android":null}),
        )
        .unwrap();
        for s in [
            SealtalkSnapshot::Profile(user.clone()),
            SealtalkSnapshot::Friends(vec![friend.clone()]),
            SealtalkSnapshot::Groups(vec![group.clone()]),
            SealtalkSnapshot::Blacklist(vec![blocked.clone()]),
            SealtalkSnapshot::Versions(None, mobile.clone()),
            SealtalkSnapshot::Captures(vec![StoredCapture {
                group: true,
                id: "G".into(),
                name: "Rust".into(),
                on: Some(true),
            }]),
        ] {
            store.save_sealtalk(&s).unwrap();
        }
        let (read, error) = store.load_sealtalk();
        assert!(error.is_none());
        assert_eq!(read.profile.map(|s| s.value), Some(user));
        assert_eq!(read.friends.map(|s| s.value), Some(vec![friend]));
        assert_eq!(read.groups.map(|s| s.value), Some(vec![group]));
        assert_eq!(read.blacklist.map(|s| s.value), Some(vec![blocked]));
        let v = read.versions.map(|s| s.value).unwrap();
        assert_eq!(v.mobile, Ok(mobile));
        assert_eq!(v.desktop, Ok(None));
        let c = read.captures.map(|s| s.value).unwrap();
        assert_eq!((c.len(), c[0].on), (1, Some(true)));
    }

    #[test]
    fn a_store_without_sealtalk_answers_reads_empty() {
        let (_dir, store) = store();
        let (read, error) = store.load_sealtalk();
        assert!(read.is_empty() && error.is_none());
    }
}
