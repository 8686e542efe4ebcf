//! A chaoqer account's pane answers in its store (the account's own file, keyed by service
//! `chaoqer`, so they never meet the other services'). Written in the gateway's own JSON
//! shapes (camelCase, 0/1 flags) and read back through the client's `Deserialize`, so a
//! stored answer decodes exactly as a fresh one.

use serde::Serialize;
use serde_json::{Value, json};

use super::panes::Stored;
use super::protocol::kept;
use super::{Store, StoreError, now_ms};
use crate::api::actor_chaoqer::Versions;
use crate::api::chaoqer::model::{
    AppVersion, ClubEntry, EventEntry, MessageEntry, UserEntry, UserProfile,
};

const PROFILE: &str = "cq:profile";
const MESSAGES: &str = "cq:messages";
const BLACKLIST: &str = "cq:blacklist";
const CARDS: &str = "cq:cards";
const CLUBS: &str = "cq:clubs";
const EVENTS: &str = "cq:events";
const VERSIONS: &str = "cq:versions";

/// The most items of one list kept: a start shows the first pages, not the whole history.
pub const MAX_KEPT: usize = 200;

/// One chaoqer pane's answer to keep. Lists are the items shown when it was fresh.
#[derive(Debug, Clone, PartialEq)]
pub enum ChaoqerSnapshot {
    Profile(UserProfile),
    /// The inbox as shown, and the unread total beside it (when known).
    Messages(Vec<MessageEntry>, Option<i64>),
    Blacklist(Vec<UserEntry>),
    Cards(Vec<UserEntry>),
    Clubs(Vec<ClubEntry>),
    Events(Vec<EventEntry>),
    /// Only a fully answered About pane is kept: the iOS and the Android app.
    Versions(Option<AppVersion>, Option<AppVersion>),
}

/// Every stored chaoqer answer, with when each was fetched.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredChaoqer {
    pub profile: Option<Stored<UserProfile>>,
    pub messages: Option<Stored<(Vec<MessageEntry>, Option<i64>)>>,
    pub blacklist: Option<Stored<Vec<UserEntry>>>,
    pub cards: Option<Stored<Vec<UserEntry>>>,
    pub clubs: Option<Stored<Vec<ClubEntry>>>,
    pub events: Option<Stored<Vec<EventEntry>>>,
    pub versions: Option<Stored<Versions>>,
}

impl StoredChaoqer {
    pub fn is_empty(&self) -> bool {
        *self == StoredChaoqer::default()
    }
}

/// The first [`MAX_KEPT`] items as the gateway's JSON.
fn list_json<T: Serialize>(items: &[T]) -> Result<Value, serde_json::Error> {
    serde_json::to_value(&items[..items.len().min(MAX_KEPT)])
}

fn decode<T: serde::de::DeserializeOwned>(v: Value) -> Option<T> {
    serde_json::from_value(v).ok()
}

fn decode_messages(v: Value) -> Option<(Vec<MessageEntry>, Option<i64>)> {
    Some((decode(v["list"].clone())?, v["unread"].as_i64()))
}

fn decode_versions(v: Value) -> Option<Versions> {
    Some(Versions {
        ios: Ok(decode(v["ios"].clone())?),
        android: Ok(decode(v["android"].clone())?),
    })
}

impl Store {
    /// Keeps one chaoqer pane's answer.
    pub fn save_chaoqer(&self, snapshot: &ChaoqerSnapshot) -> Result<(), StoreError> {
        let encoded = match snapshot {
            ChaoqerSnapshot::Profile(p) => serde_json::to_value(p).map(|v| (PROFILE, v)),
            ChaoqerSnapshot::Messages(list, unread) => {
                list_json(list).map(|l| (MESSAGES, json!({"list": l, "unread": unread})))
            }
            ChaoqerSnapshot::Blacklist(l) => list_json(l).map(|v| (BLACKLIST, v)),
            ChaoqerSnapshot::Cards(l) => list_json(l).map(|v| (CARDS, v)),
            ChaoqerSnapshot::Clubs(l) => list_json(l).map(|v| (CLUBS, v)),
            ChaoqerSnapshot::Events(l) => list_json(l).map(|v| (EVENTS, v)),
            ChaoqerSnapshot::Versions(ios, android) => serde_json::to_value(ios)
                .and_then(|i| Ok((i, serde_json::to_value(android)?)))
                .map(|(i, a)| (VERSIONS, json!({"ios": i, "android": a}))),
        };
        let (key, value) = encoded.map_err(|e| StoreError::BadValue {
            path: self.shown_path(),
            what: e.to_string(),
        })?;
        self.put_snapshot(key, &value.to_string(), now_ms())
    }

    /// Every stored chaoqer answer; the first that does not decode is returned beside what
    /// could be read.
    pub fn load_chaoqer(&self) -> (StoredChaoqer, Option<StoreError>) {
        let mut first = None;
        let f = &mut first;
        let stored = StoredChaoqer {
            profile: kept(self.get_serde(PROFILE), f),
            messages: kept(self.get_value(MESSAGES, decode_messages), f),
            blacklist: kept(self.get_serde(BLACKLIST), f),
            cards: kept(self.get_serde(CARDS), f),
            clubs: kept(self.get_serde(CLUBS), f),
            events: kept(self.get_serde(EVENTS), f),
            versions: kept(self.get_value(VERSIONS, decode_versions), f),
        };
        (stored, first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::chaoqer::model::EventTimeStatus;

    fn store() -> (tempfile::TempDir, Store) {
        crate::store::tests::open_temp(
            crate::service::Service::Chaoqer,
            "2701a6fbd0464da99789c9ad1ca1c654",
        )
    }

    /// A profile as the gateway sends it (0/1 flags, no bio).
    fn profile() -> UserProfile {
        serde_json::from_value(json!({"uid": "2701a6fbd0464da99789c9ad1ca1c654",
            "nickname": "林间小舟\u{202e}", "avatar": "https://cdn/a.png", "blocked": 0,
            "sendCard": 1, "cardTotal": 2, "allowLive": 1}))
        .unwrap()
    }

    fn user_entry() -> UserEntry {
        serde_json::from_value(json!({"uid": "a1", "sequenceId": "s1", "createTime": 5,
            "userProfileResult": {"uid": "a1", "nickname": "阿青", "blocked": 1}}))
        .unwrap()
    }

    #[test]
    fn each_snapshot_reads_back_as_it_was_kept() {
        let (_dir, store) = store();
        let message: MessageEntry =
            serde_json::from_value(json!({"messageId": 9007199254740993i64,
            "sequenceId": "9007199254740993", "userMessageResult": {"uid": "u", "messageId":
            9007199254740993i64, "originUid": "", "originPushType": 2, "messageType": 1,
            "messageBody": {"title": "t", "content": "c", "url": "chaoqer://event/x"},
            "unread": 1, "createTime": 7}}))
            .unwrap();
        let club: ClubEntry = serde_json::from_value(json!({"clubId": "c", "sequenceId": "s",
            "createTime": 3, "clubResult": {"clubId": "c", "uid": "u", "name": "摄影爱好者",
            "cover": "", "memberTotal": 24, "joined": 1}}))
        .unwrap();
        let event: EventEntry = serde_json::from_value(json!({"eventId": "e", "sequenceId": "s",
            "eventTime": 10, "eventResult": {"eventId": "e", "name": "夜跑", "eventTime": 10,
            "eventTimeStatus": 1, "memberUidList": ["a"], "notify": 1}}))
        .unwrap();
        let ios: AppVersion = serde_json::from_value(json!({"clientType": 1, "versionName":
            "2.3.0", "versionCode": 230, "forcedUpgrade": 1, "downloadUrl": "https://x"}))
        .unwrap();
        for snap in [
            ChaoqerSnapshot::Profile(profile()),
            ChaoqerSnapshot::Messages(vec![message.clone()], Some(3)),
            ChaoqerSnapshot::Blacklist(vec![user_entry()]),
            ChaoqerSnapshot::Cards(vec![user_entry(), user_entry()]),
            ChaoqerSnapshot::Clubs(vec![club.clone()]),
            ChaoqerSnapshot::Events(vec![event.clone()]),
            ChaoqerSnapshot::Versions(Some(ios.clone()), None),
        ] {
            store.save_chaoqer(&snap).unwrap();
        }
        let (stored, error) = store.load_chaoqer();
        assert!(error.is_none(), "{error:?}");
        assert_eq!(stored.profile.unwrap().value, profile());
        assert_eq!(stored.messages.unwrap().value, (vec![message], Some(3)));
        assert_eq!(stored.blacklist.unwrap().value, vec![user_entry()]);
        assert_eq!(stored.cards.unwrap().value.len(), 2);
        assert_eq!(stored.clubs.unwrap().value, vec![club]);
        let events = stored.events.unwrap().value;
        assert_eq!(events, vec![event]);
        let status = events[0].event_result.as_ref().map(|e| e.event_time_status);
        assert_eq!(status, Some(EventTimeStatus::Live));
        let versions = stored.versions.unwrap().value;
        assert_eq!(versions.ios, Ok(Some(ios)));
        assert_eq!(versions.android, Ok(None));
    }

    #[test]
    fn a_long_list_is_kept_to_its_first_items() {
        let (_dir, store) = store();
        let many = vec![user_entry(); MAX_KEPT + 50];
        store
            .save_chaoqer(&ChaoqerSnapshot::Blacklist(many))
            .unwrap();
        let (stored, _) = store.load_chaoqer();
        assert_eq!(stored.blacklist.unwrap().value.len(), MAX_KEPT);
    }

    #[test]
    fn a_store_without_chaoqer_answers_reads_empty_and_a_damaged_one_says_so() {
        let (_dir, store) = store();
        let (stored, error) = store.load_chaoqer();
        assert!(stored.is_empty() && error.is_none());
        store.put_snapshot(PROFILE, "{not json", now_ms()).unwrap();
        store
            .save_chaoqer(&ChaoqerSnapshot::Cards(vec![user_entry()]))
            .unwrap();
        let (stored, error) = store.load_chaoqer();
        assert!(error.is_some(), "the damaged profile is said");
        assert!(stored.profile.is_none());
        assert_eq!(stored.cards.unwrap().value.len(), 1, "the rest is read");
    }
}
