//! The embedded chaoqer demo gateway: Q1–Q24 of `shared/spec/chaoqer-api.md` on 127.0.0.1,
//! checking headers, `Authorization` and signatures as the real gateway does, with its
//! quirks (duplicate writes within 500 ms refused, the inbox zeroing the unread total, the
//! card delete that keeps the card, registering accounts answered errorCode 200000), a
//! deterministic dataset, and a stand-in for OSS (Q24b). Used by the tests, later by
//! `--demo` and `serve-demo`.

mod data;
mod gate;
mod oss;
mod reply;
mod routes;
mod state;

use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::http::header;
use axum::response::Response;

pub use data::{
    CLUB_NOT_JOINED, DEMO_COUNTRY_CODE, DEMO_MOBILE, DEMO_NICKNAME, DEMO_SMS_CODE, FROZEN_MOBILE,
    demo_club_id, demo_uid,
};
pub use gate::BODY_LIMIT;
pub use state::{DUPLICATE_WINDOW, MAX_RECEIVED, Received};

use super::DemoError;
use state::{DemoState, Shared};

/// The demo account's login: phone and the SMS code the demo accepts for every number.
#[derive(Debug, Clone, PartialEq)]
pub struct ChaoqerDemoLogin {
    pub country_code: String,
    pub mobile: String,
    pub sms_code: String,
    pub uid: String,
}

/// A running chaoqer demo gateway. Dropping it stops it.
pub struct ChaoqerDemoServer {
    addr: SocketAddr,
    state: Shared,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for ChaoqerDemoServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl ChaoqerDemoServer {
    /// Starts on 127.0.0.1 with a free port.
    pub async fn start() -> Result<ChaoqerDemoServer, DemoError> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Starts on `addr`, which must be a loopback address (port 0 picks a free one).
    pub async fn start_on(addr: SocketAddr) -> Result<ChaoqerDemoServer, DemoError> {
        let (listener, addr) = crate::demo::bind_loopback(addr).await?;
        let state = Shared::new(DemoState::new(format!("http://{addr}")));
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(state.clone());
        let task = crate::demo::serve(listener, app, "chaoqer demo server");
        Ok(ChaoqerDemoServer { addr, state, task })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn client_config(&self) -> crate::api::chaoqer::ChaoqerConfig {
        crate::api::chaoqer::ChaoqerConfig::new(self.base_url())
    }

    pub fn login(&self) -> ChaoqerDemoLogin {
        ChaoqerDemoLogin {
            country_code: DEMO_COUNTRY_CODE.into(),
            mobile: DEMO_MOBILE.into(),
            sms_code: DEMO_SMS_CODE.into(),
            uid: demo_uid(),
        }
    }

    /// Sets how long an identical write is refused (the gateway's 500 ms by default).
    pub fn set_duplicate_window(&self, window: std::time::Duration) {
        self.state.lock().duplicate_window = window;
    }

    /// Ends every session at once, as an expiry would: the next authenticated call of any
    /// client gets 401 (for tests of a session lost mid-edit).
    pub fn expire_sessions(&self) {
        self.state.lock().sessions.clear();
    }

    /// Whether the card `sender` gave `recipient` is still stored visible (Q14's bug).
    pub fn card_visible(&self, sender: &str, recipient: &str) -> bool {
        self.state
            .lock()
            .seed
            .cards
            .iter()
            .any(|c| c.sender == sender && c.recipient == recipient && !c.hidden)
    }

    /// The bytes uploaded to the OSS stand-in for an image URL it handed out.
    pub fn uploaded(&self, image_url: &str) -> Option<Vec<u8>> {
        let object = image_url.strip_prefix(&format!("{}{}", self.base_url(), oss::CDN_PREFIX))?;
        self.state.lock().images.get(object).cloned()
    }

    /// The requests received so far, oldest first (at most [`MAX_RECEIVED`]).
    pub fn received(&self) -> Vec<Received> {
        self.state.lock().received.iter().cloned().collect()
    }

    /// Feedback received (Q23), oldest first, with the client headers kept beside it.
    pub fn feedback(&self) -> Vec<serde_json::Value> {
        self.state.lock().feedback.clone()
    }
}

async fn handle(State(state): State<Shared>, req: Request) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let resp = answer(&state, req).await;
    let mut st = state.lock();
    if st.received.len() >= MAX_RECEIVED {
        st.received.pop_front();
    }
    st.received.push_back(Received {
        method,
        path,
        status: resp.status().as_u16(),
    });
    resp
}

async fn answer(state: &Shared, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_owned();
    if path.starts_with(oss::OSS_PREFIX) || path.starts_with(oss::CDN_PREFIX) {
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        return oss::handle(
            state.clone(),
            parts.method.clone(),
            &path,
            parts.uri.query(),
            content_type,
            body,
        )
        .await;
    }
    match gate::prepare(
        state,
        parts.method,
        path,
        parts.uri.query().map(str::to_owned),
        &parts.headers,
        body,
    )
    .await
    {
        Ok(call) => routes::dispatch(state, &call),
        Err(answer) => *answer,
    }
}
