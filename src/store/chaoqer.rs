//! A chaoqer account's pane answers in its store (the account's own file, keyed by service
//! `chaoqer`, so they never meet another service's): the own profile and each list's first
//! page. Written as the gateway's JSON shapes (camelCase, 0/1 flags) and read back through
//! the client's own `Deserialize`, so a stored answer decodes exactly as a fresh one.

use serde_json::{Value, json};

use super::panes::Stored;
use super::{Store, StoreError, now_ms};
use crate::api::chaoqer::model::{
    Club, ClubEntry, Event, EventEntry, EventTimeStatus, MessageEntry, UserEntry, UserMessage,
    UserProfile,
};

const PROFILE: &str = "cq:profile";
const MESSAGES: &str = "cq:messages";
const BLACKLIST: &str = "cq:blacklist";
const CARDS: &str = "cq:cards";
const CLUBS: &str = "cq:clubs";
const EVENTS: &str = "cq:events";

/// One chaoqer pane's answer to keep (a list: its first page).
#[derive(Debug, Clone, PartialEq)]
pub enum ChaoqerSnapshot {
    Profile(UserProfile),
    Messages(Vec<MessageEntry>),
    Blacklist(Vec<UserEntry>),
    Cards(Vec<UserEntry>),
    Clubs(Vec<ClubEntry>),
    Events(Vec<EventEntry>),
}

/// Every stored chaoqer answer, with when each was fetched.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredChaoqer {
    pub profile: Option<Stored<UserProfile>>,
    pub messages: Option<Stored<Vec<MessageEntry>>>,
    pub blacklist: Option<Stored<Vec<UserEntry>>>,
    pub cards: Option<Stored<Vec<UserEntry>>>,
    pub clubs: Option<Stored<Vec<ClubEntry>>>,
    pub events: Option<Stored<Vec<EventEntry>>>,
}

impl StoredChaoqer {
    pub fn is_empty(&self) -> bool {
        *self == StoredChaoqer::default()
    }
}

fn flag(b: bool) -> i64 {
    i64::from(b)
}

fn profile_json(p: &UserProfile) -> Value {
    json!({"uid": p.uid, "nickname": p.nickname, "avatar": p.avatar, "bio": p.bio,
           "blocked": flag(p.blocked), "sendCard": flag(p.send_card),
           "cardTotal": p.card_total, "allowLive": flag(p.allow_live)})
}

fn user_entry_json(e: &UserEntry) -> Value {
    json!({"uid": e.uid, "sequenceId": e.sequence_id, "createTime": e.create_time,
           "userProfileResult": e.user_profile_result.as_ref().map(profile_json)})
}

fn message_json(m: &UserMessage) -> Value {
    json!({"uid": m.uid, "messageId": m.message_id, "originUid": m.origin_uid,
           "originPushType": m.origin_push_type, "messageType": m.message_type,
           "messageBody": {"title": m.message_body.title, "content": m.message_body.content,
                           "url": m.message_body.url},
           "unread": flag(m.unread), "createTime": m.create_time})
}

fn message_entry_json(e: &MessageEntry) -> Value {
    json!({"messageId": e.message_id, "sequenceId": e.sequence_id,
           "userMessageResult": e.user_message_result.as_ref().map(message_json)})
}

fn club_json(c: &Club) -> Value {
    json!({"clubId": c.club_id, "uid": c.uid, "name": c.name, "cover": c.cover,
           "createTime": c.create_time, "memberTotal": c.member_total,
           "joined": flag(c.joined)})
}

fn club_entry_json(e: &ClubEntry) -> Value {
    json!({"clubId": e.club_id, "sequenceId": e.sequence_id, "createTime": e.create_time,
           "clubResult": e.club_result.as_ref().map(club_json)})
}

fn status_code(s: EventTimeStatus) -> i64 {
    match s {
        EventTimeStatus::Upcoming => 0,
        EventTimeStatus::Live => 1,
        EventTimeStatus::Over => 2,
        EventTimeStatus::Unknown(n) => n,
    }
}

fn event_json(e: &Event) -> Value {
    json!({"eventId": e.event_id, "uid": e.uid, "name": e.name, "desc": e.desc,
           "memberUidList": e.member_uid_list, "eventTime": e.event_time,
           "eventTimeStatus": status_code(e.event_time_status), "createTime": e.create_time,
           "notify": flag(e.notify)})
}

fn event_entry_json(e: &EventEntry) -> Value {
    json!({"eventId": e.event_id, "sequenceId": e.sequence_id, "eventTime": e.event_time,
           "eventResult": e.event_result.as_ref().map(event_json)})
}

fn array<T>(items: &[T], one: fn(&T) -> Value) -> Value {
    Value::Array(items.iter().map(one).collect())
}

impl Store {
    /// Keeps one chaoqer pane's answer.
    pub fn save_chaoqer(&self, snapshot: &ChaoqerSnapshot) -> Result<(), StoreError> {
        let (key, value) = match snapshot {
            ChaoqerSnapshot::Profile(p) => (PROFILE, profile_json(p)),
            ChaoqerSnapshot::Messages(m) => (MESSAGES, array(m, message_entry_json)),
            ChaoqerSnapshot::Blacklist(b) => (BLACKLIST, array(b, user_entry_json)),
            ChaoqerSnapshot::Cards(c) => (CARDS, array(c, user_entry_json)),
            ChaoqerSnapshot::Clubs(c) => (CLUBS, array(c, club_entry_json)),
            ChaoqerSnapshot::Events(e) => (EVENTS, array(e, event_entry_json)),
        };
        self.put_snapshot(key, &value.to_string(), now_ms())
    }

    /// Every stored chaoqer answer; the first that does not decode is returned beside what
    /// could be read.
    pub fn load_chaoqer(&self) -> (StoredChaoqer, Option<StoreError>) {
        fn kept<T>(r: Result<Option<T>, StoreError>, first: &mut Option<StoreError>) -> Option<T> {
            r.unwrap_or_else(|e| {
                first.get_or_insert(e);
                None
            })
        }
        fn serde<T: serde::de::DeserializeOwned>(v: Value) -> Option<T> {
            serde_json::from_value(v).ok()
        }
        let mut first = None;
        let f = &mut first;
        let stored = StoredChaoqer {
            profile: kept(self.get_value(PROFILE, serde), f),
            messages: kept(self.get_value(MESSAGES, serde), f),
            blacklist: kept(self.get_value(BLACKLIST, serde), f),
            cards: kept(self.get_value(CARDS, serde), f),
            clubs: kept(self.get_value(CLUBS, serde), f),
            events: kept(self.get_value(EVENTS, serde), f),
        };
        (stored, first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::chaoqer::model::MessageBody;

    fn profile() -> UserProfile {
        UserProfile {
            uid: "a".repeat(32),
            nickname: "林间小舟".into(),
            avatar: "https://cdn.example/a.jpg".into(),
            bio: Some("一\n二".into()),
            blocked: true,
            send_card: false,
            card_total: 3,
            allow_live: true,
        }
    }

    #[test]
    fn each_answer_reads_back_as_it_was_kept() {
        let dir = tempfile::tempdir().unwrap();
        let key = crate::store::StoreKey::new(
            crate::service::Service::Chaoqer,
            "http://127.0.0.1:1",
            &"a".repeat(32),
        );
        let store = Store::open(dir.path(), &key).unwrap();
        let user = UserEntry {
            uid: "b".repeat(32),
            sequence_id: "1:b".into(),
            create_time: 5,
            user_profile_result: Some(profile()),
        };
        let message = MessageEntry {
            message_id: 17,
            sequence_id: "17".into(),
            user_message_result: Some(UserMessage {
                uid: "a".repeat(32),
                message_id: 17,
                origin_uid: None,
                origin_push_type: 2,
                message_type: 0,
                message_body: MessageBody {
                    title: "t".into(),
                    content: "c\nd".into(),
                    url: Some("chaoqer://room/x".into()),
                },
                unread: true,
                create_time: 9,
            }),
        };
        let club = ClubEntry {
            club_id: "c".repeat(32),
            sequence_id: "2:c".into(),
            create_time: 2,
            club_result: Some(Club {
                club_id: "c".repeat(32),
                uid: "a".repeat(32),
                name: "圈".into(),
                cover: String::new(),
                create_time: 1,
                member_total: 4,
                joined: true,
            }),
        };
        let event = EventEntry {
            event_id: "d".repeat(32),
            sequence_id: "3:d".into(),
            event_time: 3,
            event_result: Some(Event {
                event_id: "d".repeat(32),
                uid: "a".repeat(32),
                name: "会".into(),
                desc: None,
                member_uid_list: vec!["a".repeat(32)],
                event_time: 3,
                event_time_status: EventTimeStatus::Live,
                create_time: 1,
                notify: true,
            }),
        };
        for s in [
            ChaoqerSnapshot::Profile(profile()),
            ChaoqerSnapshot::Messages(vec![message.clone()]),
            ChaoqerSnapshot::Blacklist(vec![user.clone()]),
            ChaoqerSnapshot::Cards(vec![user.clone()]),
            ChaoqerSnapshot::Clubs(vec![club.clone()]),
            ChaoqerSnapshot::Events(vec![event.clone()]),
        ] {
            store.save_chaoqer(&s).unwrap();
        }
        let (read, error) = store.load_chaoqer();
        assert!(error.is_none(), "{error:?}");
        assert_eq!(read.profile.map(|s| s.value), Some(profile()));
        assert_eq!(read.messages.map(|s| s.value), Some(vec![message]));
        assert_eq!(read.blacklist.map(|s| s.value), Some(vec![user.clone()]));
        assert_eq!(read.cards.map(|s| s.value), Some(vec![user]));
        assert_eq!(read.clubs.map(|s| s.value), Some(vec![club]));
        assert_eq!(read.events.map(|s| s.value), Some(vec![event]));
    }
}
