//! The demo's mutable state, one lock for all of it (the demo is small and tests are short).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::data;

/// An IM message the server would have published through RongCloud (T16, T17, T21).
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub sender_id: String,
    /// 1 private, 3 group (T21's `"PRIVATE"`/`"GROUP"` mapped to these).
    pub conversation_type: i64,
    pub target_id: String,
    pub object_name: String,
    /// The message JSON, as a string.
    pub content: String,
}

pub struct DemoState {
    pub base_url: String,
    pub users: Vec<data::User>,
    pub friendships: Vec<data::Friendship>,
    pub groups: Vec<data::Group>,
    pub memberships: Vec<data::Membership>,
    /// T15/T16 per conversation key, `noticeStatus` as given.
    pub screen_capture: HashMap<String, serde_json::Value>,
    pub published: Vec<Published>,
    /// Upload tokens handed out by T7 (the fake Qiniu accepts only these).
    pub image_tokens: Vec<String>,
    pub uploads: HashMap<String, Vec<u8>>,
    pub logins: u32,
    /// Every request received, as `METHOD /path` (the upload host's too), oldest first:
    /// tests check what was sent, and that a refusal sent nothing.
    pub requests: Vec<String>,
    /// The newest change, in ms: T22's version.
    pub version_ms: i64,
}

impl DemoState {
    pub fn new(base_url: String) -> Self {
        let users = data::users();
        let version_ms = users.iter().map(|u| u.updated_ms).max().unwrap_or(0);
        DemoState {
            base_url,
            users,
            friendships: data::friendships(),
            groups: data::groups(),
            memberships: data::memberships(),
            screen_capture: HashMap::new(),
            published: Vec::new(),
            image_tokens: Vec::new(),
            uploads: HashMap::new(),
            logins: 0,
            requests: Vec::new(),
            version_ms,
        }
    }

    pub fn user(&self, num: u32) -> Option<&data::User> {
        self.users.iter().find(|u| u.num == num)
    }

    pub fn user_mut(&mut self, num: u32) -> Option<&mut data::User> {
        self.users.iter_mut().find(|u| u.num == num)
    }

    /// Ids are compared exactly: `Kq3ZbT0aa` and `kQ3zBt0AA` are two users.
    pub fn user_by_id(&self, id: &str) -> Option<&data::User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn id_of(&self, num: u32) -> String {
        self.user(num).map(|u| u.id.to_owned()).unwrap_or_default()
    }

    /// Marks a change for T22.
    pub fn touch(&mut self) -> i64 {
        let now = chrono::Utc::now()
            .timestamp_millis()
            .max(self.version_ms + 1);
        self.version_ms = now;
        now
    }
}

#[derive(Clone)]
pub struct Shared(Arc<Mutex<DemoState>>);

impl Shared {
    pub fn new(state: DemoState) -> Self {
        Shared(Arc::new(Mutex::new(state)))
    }

    /// A panicking handler must not take the demo down with it: a poisoned lock is used as is.
    pub fn lock(&self) -> MutexGuard<'_, DemoState> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
