//! The demo's mutable state, one lock for all of it (the demo is small, tests are short).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::data::{self, Seed};

/// The services' duplicate window.
pub const DUPLICATE_WINDOW: Duration = Duration::from_millis(500);
/// The 5th wrong code kills the pending one.
pub const MAX_WRONG_CODES: u8 = 5;

pub struct LiveSession {
    pub token: String,
    pub secret: String,
    pub expire_time: i64,
}

pub struct Pending {
    pub code: String,
    pub wrong: u8,
}

/// One request as the demo saw it (no header values, no body: they hold credentials).
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub status: u16,
}

/// The request log keeps the newest this many.
pub const MAX_RECEIVED: usize = 1000;

pub struct DemoState {
    pub base_url: String,
    pub seed: Seed,
    /// uid → the one live session.
    pub sessions: HashMap<String, LiveSession>,
    /// (countryCode, mobile) → the code waiting to be used.
    pub pending: HashMap<(String, String), Pending>,
    /// The last accepted call of each write, by its identity (user, endpoint, fields).
    pub recent_writes: HashMap<String, Instant>,
    /// How long an identical write is refused (500 ms, as the gateway; tests may widen it
    /// so that a slow machine cannot make two quick requests look slow).
    pub duplicate_window: Duration,
    /// OSS object path → the signature its upload URL carries.
    pub upload_slots: HashMap<String, String>,
    pub images: HashMap<String, Vec<u8>>,
    pub feedback: Vec<serde_json::Value>,
    pub received: std::collections::VecDeque<Received>,
}

impl DemoState {
    pub fn new(base_url: String) -> Self {
        // Events are placed around the start.
        let mut seed = data::seed(now_ms());
        seed.serve_pictures_from(&base_url);
        DemoState {
            base_url,
            seed,
            sessions: HashMap::new(),
            pending: HashMap::new(),
            recent_writes: HashMap::new(),
            duplicate_window: DUPLICATE_WINDOW,
            upload_slots: HashMap::new(),
            images: HashMap::new(),
            feedback: Vec::new(),
            received: std::collections::VecDeque::new(),
        }
    }

    pub fn account(&self, uid: &str) -> Option<&data::Account> {
        self.seed.accounts.iter().find(|a| a.uid == uid)
    }

    pub fn account_mut(&mut self, uid: &str) -> Option<&mut data::Account> {
        self.seed.accounts.iter_mut().find(|a| a.uid == uid)
    }

    /// An initialised account (state 0 users "do not exist" for others: 200002).
    pub fn visible_user(&self, uid: &str) -> Option<&data::Account> {
        self.account(uid).filter(|a| a.state != 0)
    }

    /// Records a write and says whether the same one was accepted within the window.
    pub fn is_duplicate(&mut self, identity: String) -> bool {
        let now = Instant::now();
        let window = self.duplicate_window;
        self.recent_writes
            .retain(|_, at| now.duration_since(*at) < window);
        if self.recent_writes.contains_key(&identity) {
            return true;
        }
        self.recent_writes.insert(identity, now);
        false
    }
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A fresh 32-hex id (sessions, new accounts, uploads).
pub fn random_id() -> String {
    let bytes: [u8; 16] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Clone)]
pub struct Shared(Arc<Mutex<DemoState>>);

impl Shared {
    pub fn new(state: DemoState) -> Self {
        Shared(Arc::new(Mutex::new(state)))
    }

    /// The lock, even after a panicking handler (the demo keeps serving).
    pub fn lock(&self) -> MutexGuard<'_, DemoState> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
