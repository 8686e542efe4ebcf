//! The demo server's memory: accounts as they change, sessions, codes sent, uploads, and a
//! log of the requests it received (so tests can check exactly what a client sent).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::http::request::Parts;
use bytes::Bytes;
use serde_json::Value;

use super::data::{Account, Dataset, Discover, Service};

/// How many requests the log keeps.
const REQUEST_LOG: usize = 512;

/// One request as the demo received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: String,
    /// Path and query.
    pub path: String,
    pub token: Option<String>,
    pub content_type: Option<String>,
    pub user_agent: Option<String>,
    pub body: Bytes,
}

impl RecordedRequest {
    pub(crate) fn new(parts: &Parts, body: Bytes) -> Self {
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        RecordedRequest {
            method: parts.method.to_string(),
            path: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default(),
            token: header("token"),
            content_type: header("content-type"),
            user_agent: header("user-agent"),
            body,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Upload {
    pub bytes: Bytes,
    pub content_type: String,
}

#[derive(Debug)]
pub struct DemoState {
    pub accounts: Vec<Account>,
    /// token → index into `accounts`.
    pub sessions: HashMap<String, usize>,
    /// captcha id → its text.
    pub captchas: HashMap<String, String>,
    /// phone → SMS code sent to it.
    pub sms_codes: HashMap<String, String>,
    /// email → code sent to it.
    pub email_codes: HashMap<String, String>,
    pub upload_tokens: HashSet<String>,
    /// key → image.
    pub uploads: HashMap<String, Upload>,
    pub discover: Discover,
    pub bots: Vec<Value>,
    pub service: Service,
    pub gray_status: i64,
    /// The server's own address, for URLs it hands out (uploaded images).
    pub base_url: String,
    pub requests: VecDeque<RecordedRequest>,
    /// Requests received per path, never trimmed (the log above keeps only the last ones).
    pub request_counts: HashMap<String, u64>,
    next_request_id: i64,
}

impl DemoState {
    /// Whether `key` is the CDN key of one of the demo's own pictures (an account's, a
    /// group's or a bot's avatar): those are served as identicons.
    pub fn is_own_picture(&self, key: &str) -> bool {
        let url = format!("{}{key}", crate::api::DEFAULT_IMAGE_BASE);
        let in_json = |v: &Value| v.get("avatarUrl").and_then(Value::as_str) == Some(url.as_str());
        self.accounts.iter().any(|a| a.avatar_url == url)
            || self.bots.iter().any(in_json)
            || self.discover.groups.values().flatten().any(in_json)
    }

    pub fn new(data: Dataset, base_url: String) -> Self {
        let sessions = data
            .accounts
            .iter()
            .enumerate()
            .map(|(i, a)| (a.token.clone(), i))
            .collect();
        DemoState {
            gray_status: data.service.gray_status,
            accounts: data.accounts,
            sessions,
            captchas: HashMap::new(),
            sms_codes: HashMap::new(),
            email_codes: HashMap::new(),
            upload_tokens: HashSet::new(),
            uploads: HashMap::new(),
            discover: data.discover,
            bots: data.bots,
            service: data.service,
            base_url,
            requests: VecDeque::new(),
            request_counts: HashMap::new(),
            next_request_id: 114_514,
        }
    }

    /// A fresh `request_id` for a protobuf Status.
    pub fn next_request_id(&mut self) -> i64 {
        self.next_request_id += 1;
        self.next_request_id
    }

    pub fn account_by_email(&self, email: &str) -> Option<usize> {
        let email = email.trim();
        self.accounts
            .iter()
            .position(|a| !a.email.is_empty() && a.email.eq_ignore_ascii_case(email))
    }

    pub fn account_by_phone(&self, phone: &str) -> Option<usize> {
        self.accounts
            .iter()
            .position(|a| !a.phone.is_empty() && a.phone == phone.trim())
    }

    /// Opens a new session for account `index` and returns its token.
    pub fn open_session(&mut self, index: usize) -> String {
        let token = format!("demo-{}", random_hex(16));
        self.sessions.insert(token.clone(), index);
        token
    }
}

/// The state behind a mutex. Never held across an await.
#[derive(Debug, Clone)]
pub struct SharedState(Arc<Mutex<DemoState>>);

impl SharedState {
    pub fn new(state: DemoState) -> Self {
        SharedState(Arc::new(Mutex::new(state)))
    }

    pub fn lock(&self) -> MutexGuard<'_, DemoState> {
        // A handler that panicked cannot leave the demo data half-written in a way that
        // matters more than stopping the server would, so a poisoned lock is taken as is.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn record(&self, req: RecordedRequest) {
        let mut st = self.lock();
        let path = req.path.split('?').next().unwrap_or_default().to_owned();
        *st.request_counts.entry(path).or_default() += 1;
        if st.requests.len() == REQUEST_LOG {
            st.requests.pop_front();
        }
        st.requests.push_back(req);
    }
}

pub fn random_hex(bytes: usize) -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..bytes)
        .map(|_| format!("{:02x}", rng.random::<u8>()))
        .collect()
}
