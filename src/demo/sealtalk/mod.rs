//! The embedded SealTalk demo server: T1–T22 of `shared/spec/sealtalk-api.md` on 127.0.0.1,
//! with the real server's middleware order, texts, limits and quirks, a deterministic
//! dataset, and a stand-in for Qiniu (T7). Used by the tests, later by `--demo`.

mod cookie;
mod data;
mod pipeline;
mod qiniu;
mod reply;
mod routes;
mod rules;
mod state;

use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::response::Response;

pub use data::{COOKIE_DOMAIN, COOKIE_NAME, DEMO_PASSWORD, DEMO_PHONE, DEMO_REGION, DEMO_USER_ID};
pub use state::Published;

use super::DemoError;
use routes::Outcome;
use state::{DemoState, Shared};

/// The demo account's login.
#[derive(Debug, Clone, PartialEq)]
pub struct SealtalkDemoLogin {
    pub region: String,
    pub phone: String,
    pub password: String,
    pub user_id: String,
}

/// A running SealTalk demo server. Dropping it stops it.
pub struct SealtalkDemoServer {
    addr: SocketAddr,
    state: Shared,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SealtalkDemoServer {
    fn drop(&mut self) {
        // Abort rather than drain: a T21 request that "hangs" would never end.
        self.task.abort();
    }
}

impl SealtalkDemoServer {
    /// Starts on 127.0.0.1 with a free port.
    pub async fn start() -> Result<SealtalkDemoServer, DemoError> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Starts on `addr`, which must be a loopback address (port 0 picks a free one).
    pub async fn start_on(addr: SocketAddr) -> Result<SealtalkDemoServer, DemoError> {
        let (listener, addr) = crate::demo::bind_loopback(addr).await?;
        let state = Shared::new(DemoState::new(format!("http://{addr}")));
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(state.clone());
        let task = crate::demo::serve(listener, app, "sealtalk demo server");
        Ok(SealtalkDemoServer { addr, state, task })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Where T7's files go: the demo's stand-in for Qiniu.
    pub fn upload_url(&self) -> String {
        qiniu::upload_url(&self.base_url())
    }

    /// A client configuration pointing at this server and its upload stand-in.
    pub fn client_config(&self) -> crate::api::sealtalk::SealtalkConfig {
        let mut config = crate::api::sealtalk::SealtalkConfig::new(self.base_url());
        config.upload_url = self.upload_url();
        config
    }

    pub fn login(&self) -> SealtalkDemoLogin {
        SealtalkDemoLogin {
            region: DEMO_REGION.into(),
            phone: DEMO_PHONE.into(),
            password: self
                .state
                .lock()
                .user_by_id(DEMO_USER_ID)
                .map_or_else(|| DEMO_PASSWORD.into(), |u| u.password.clone()),
            user_id: DEMO_USER_ID.into(),
        }
    }

    /// The IM messages published so far (T16, T17, T21), oldest first.
    pub fn published(&self) -> Vec<Published> {
        self.state.lock().published.clone()
    }

    /// Every request received so far, as `METHOD /path`, oldest first.
    pub fn requests(&self) -> Vec<String> {
        self.state.lock().requests.clone()
    }

    /// The raw screen-capture status stored for a conversation key, for tests of T16's
    /// "stored as given" quirk: `1:<id>:<id>` (ids sorted) or `3:<group>`.
    pub fn stored_screen_capture(&self, key: &str) -> Option<serde_json::Value> {
        self.state.lock().screen_capture.get(key).cloned()
    }
}

/// The most requests [`SealtalkDemoServer::requests`] keeps.
const MAX_REQUESTS_KEPT: usize = 4096;

async fn handle(State(state): State<Shared>, req: Request) -> Response {
    // The path only: a query or body may hold what a log must not.
    let seen = format!("{} {}", req.method(), req.uri().path());
    {
        let mut st = state.lock();
        // Bounded: `serve-demo` may run for days.
        if st.requests.len() >= MAX_REQUESTS_KEPT {
            st.requests.drain(..MAX_REQUESTS_KEPT / 2);
        }
        st.requests.push(seen);
    }
    if req.uri().path().starts_with(qiniu::PREFIX) {
        return qiniu::handle(state, req).await;
    }
    let (parts, body) = req.into_parts();
    let call = match pipeline::prepare(
        &state,
        parts.method,
        parts.uri.path().to_owned(),
        parts.uri.query().map(str::to_owned),
        &parts.headers,
        body,
    )
    .await
    {
        Ok(call) => call,
        Err(answer) => return *answer,
    };
    match routes::dispatch(&state, &call) {
        Outcome::Answer(answer) => answer,
        Outcome::Hang => std::future::pending().await,
    }
}
