//! The embedded demo server: every endpoint of the spec on 127.0.0.1, stateful for its
//! lifetime, with fault injection. Used by `--demo`, `serve-demo` and the tests.

mod captcha;
pub mod chaoqer;
mod data;
mod extract;
mod faults;
pub mod identicon;
mod reply;
mod routes;
pub mod sealtalk;
mod state;
#[cfg(test)]
mod transcript;

use std::net::{IpAddr, SocketAddr};

pub use captcha::read_back as read_captcha;

/// A captcha PNG showing `code`, the same every time for a seed (snapshot tests).
pub fn captcha_png(code: &str, seed: u64) -> Option<Vec<u8>> {
    use rand::SeedableRng;
    captcha::render_png(code, &mut rand::rngs::StdRng::seed_from_u64(seed)).ok()
}
pub use faults::{FaultMode, FaultPlan};
pub use routes::{DEMO_EMAIL_CODE, DEMO_SMS_CODE};
pub use state::RecordedRequest;

use faults::SharedFaults;
use state::{DemoState, SharedState};

/// A demo login, as printed by `serve-demo` and the README.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoLogin {
    pub id: String,
    pub name: String,
    pub email: String,
    pub password: String,
    pub phone: String,
    pub token: String,
    pub vip: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo server only listens on loopback, not {0}")]
    NotLoopback(IpAddr),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("demo data: {0}")]
    Data(String),
}

/// A running demo server. Dropping it stops it.
pub struct DemoServer {
    addr: SocketAddr,
    handle: DemoHandle,
    task: tokio::task::JoinHandle<()>,
}

/// Binds `addr`, which must be a loopback address (port 0 picks a free one): every demo
/// server (Yunhu's, SealTalk's, chaoqer's) listens on this machine only.
pub(crate) async fn bind_loopback(
    addr: SocketAddr,
) -> Result<(tokio::net::TcpListener, SocketAddr), DemoError> {
    if !addr.ip().is_loopback() {
        return Err(DemoError::NotLoopback(addr.ip()));
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| DemoError::Bind { addr, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| DemoError::Bind { addr, source })?;
    Ok((listener, addr))
}

/// Serves `app` until the task is aborted (the servers' `Drop`); `name` is the log's.
pub(crate) fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    name: &'static str,
) -> tokio::task::JoinHandle<()> {
    let addr = listener.local_addr().ok();
    tracing::info!(?addr, "{name} listening");
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "{name} stopped");
        }
    })
}

impl DemoServer {
    /// Starts on 127.0.0.1 with a free port.
    pub async fn start() -> Result<DemoServer, DemoError> {
        Self::start_with(SocketAddr::from(([127, 0, 0, 1], 0)), FaultPlan::default()).await
    }

    /// Starts on `addr`, which must be a loopback address (port 0 picks a free one).
    pub async fn start_with(addr: SocketAddr, faults: FaultPlan) -> Result<DemoServer, DemoError> {
        if !addr.ip().is_loopback() {
            return Err(DemoError::NotLoopback(addr.ip()));
        }
        let data = data::Dataset::embedded().map_err(DemoError::Data)?;
        let (listener, addr) = bind_loopback(addr).await?;
        let state = SharedState::new(DemoState::new(data, format!("http://{addr}")));
        let faults: SharedFaults = std::sync::Arc::new(std::sync::Mutex::new(faults));
        let app = routes::router(state.clone(), faults.clone());
        let task = serve(listener, app, "demo server");
        Ok(DemoServer {
            addr,
            handle: DemoHandle { state, faults },
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn handle(&self) -> DemoHandle {
        self.handle.clone()
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        // Abort rather than drain: a request held by the `hang` fault would never end.
        self.task.abort();
    }
}

/// Control of a running demo server, for tests and the CLI.
#[derive(Clone)]
pub struct DemoHandle {
    state: SharedState,
    faults: SharedFaults,
}

impl DemoHandle {
    pub fn set_faults(&self, plan: FaultPlan) {
        if let Ok(mut current) = self.faults.lock() {
            *current = plan;
        }
    }

    pub fn clear_faults(&self) {
        self.set_faults(FaultPlan::default());
    }

    /// The requests received so far (the newest last), for checking what a client sent.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.lock().requests.iter().cloned().collect()
    }

    pub fn clear_requests(&self) {
        let mut st = self.state.lock();
        st.requests.clear();
        st.request_counts.clear();
    }

    /// How many requests for `path` were received since the start (or the last
    /// [`DemoHandle::clear_requests`]); not bounded by the request log.
    pub fn request_count(&self, path: &str) -> u64 {
        self.state
            .lock()
            .request_counts
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    /// Adds `n` coin records to the top of the VIP account's history (newer than any, ids
    /// above any), as if the account had just earned them. Returns their ids, newest first.
    pub fn add_coin_records(&self, n: usize) -> Vec<i64> {
        let mut st = self.state.lock();
        let Some(account) = st.accounts.first_mut() else {
            return Vec::new();
        };
        let field = |r: &serde_json::Value, k: &str| r.get(k).and_then(serde_json::Value::as_i64);
        let top_id = account
            .coin_records
            .iter()
            .filter_map(|r| field(r, "id"))
            .max()
            .unwrap_or(0);
        let top_time = account
            .coin_records
            .first()
            .and_then(|r| field(r, "createTime"))
            .unwrap_or(1_763_650_000);
        let mut balance = (account.coin_balance() * 100.0).round() as i64;
        let mut added = Vec::with_capacity(n);
        for i in 1..=n as i64 {
            let after = balance + 100;
            added.push(serde_json::json!({
                "id": top_id + i, "typ": 1,
                "beforeAmount": balance as f64 / 100.0, "afterAmount": after as f64 / 100.0,
                "changeAmount": 1.0, "reason": "每日签到", "remark": format!("new {i}"),
                "createTime": top_time + i * 60,
            }));
            balance = after;
        }
        added.reverse();
        let ids = added.iter().filter_map(|r| field(r, "id")).collect();
        account.coin_records.splice(0..0, added);
        ids
    }

    /// Removes the VIP account's coin records with these ids (the server "forgets" them).
    pub fn remove_coin_records(&self, ids: &[i64]) {
        let mut st = self.state.lock();
        if let Some(account) = st.accounts.first_mut() {
            account.coin_records.retain(|r| {
                r.get("id")
                    .and_then(serde_json::Value::as_i64)
                    .is_none_or(|id| !ids.contains(&id))
            });
        }
    }

    /// Replaces the VIP account's coin history with these records (wire JSON).
    pub fn set_coin_records(&self, records: Vec<serde_json::Value>) {
        if let Some(account) = self.state.lock().accounts.first_mut() {
            account.coin_records = records;
        }
    }

    /// M4's answer: 1 makes the official clients grey.
    pub fn set_gray_status(&self, status: i64) {
        self.state.lock().gray_status = status;
    }

    /// The accounts with their built-in tokens, VIP first.
    pub fn logins(&self) -> Vec<DemoLogin> {
        self.state
            .lock()
            .accounts
            .iter()
            .map(|a| DemoLogin {
                id: a.id.clone(),
                name: a.name.clone(),
                email: a.email.clone(),
                password: a.password.clone(),
                phone: a.phone.clone(),
                token: a.token.clone(),
                vip: a.is_vip,
            })
            .collect()
    }

    /// Replaces the VIP account's coin history with `n` generated records that chain and end
    /// at its balance (for measuring the dashboard with a long history).
    pub fn generate_coin_history(&self, n: usize) {
        let mut st = self.state.lock();
        let Some(account) = st.accounts.first_mut() else {
            return;
        };
        let mut after = (account.coin_balance() * 100.0).round() as i64;
        let newest = account
            .coin_records
            .first()
            .and_then(|r| r.get("createTime"))
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(1_763_650_000);
        let mut records = Vec::with_capacity(n);
        for i in 0..n as i64 {
            let change: i64 = if i % 5 == 0 { -300 } else { 50 + i % 7 * 25 };
            let before = after - change;
            let reason = if change < 0 {
                "抽奖消耗"
            } else {
                "每日签到"
            };
            records.push(serde_json::json!({
                "id": 10_000_000 - i, "typ": if change < 0 { 9 } else { 1 },
                "beforeAmount": before as f64 / 100.0, "afterAmount": after as f64 / 100.0,
                "changeAmount": (change.abs()) as f64 / 100.0, "reason": reason, "remark": "",
                "createTime": newest - i * 1800,
            }));
            after = before;
        }
        account.coin_records = records;
    }

    /// The text of a captcha that was handed out (tests read it instead of the image).
    pub fn captcha_text(&self, id: &str) -> Option<String> {
        self.state.lock().captchas.get(id).cloned()
    }
}
