//! The canned server (tests/support/canned.rs) with chaoqer's answers and clients: literal
//! bytes from the contract, as the gateway sends them.

use std::sync::Arc;
use std::time::Duration;

use yunhu_tui::api::chaoqer::model::Session;
use yunhu_tui::api::chaoqer::{ChaoqerClient, ChaoqerConfig};

/// The README's sample session (the contract's vectors use it).
pub const UID: &str = "2701a6fbd0464da99789c9ad1ca1c654";
pub const TOKEN: &str = "c184241930be43b5bc36812ce3de56b5";
pub const SECRET: &str = "e31bc25bcc6641a1a998eacb6ca9d244";
pub const AUTHORIZATION: &str = "Basic MjcwMWE2ZmJkMDQ2NGRhOTk3ODljOWFkMWNhMWM2NTQ6YzE4NDI0MTkzMGJlNDNiNWJjMzY4MTJjZTNkZTU2YjU=";

pub fn session() -> Session {
    Session {
        uid: UID.into(),
        access_token: TOKEN.into(),
        access_secret: SECRET.into(),
        expire_time: 1608207590160,
    }
}

#[path = "../support/canned.rs"]
mod core;
pub use core::{Canned, Seen};

impl Canned {
    /// An answer with this content type, or none (the gateway's empty error bodies).
    pub fn answer_typed(
        &self,
        method: &str,
        path: &str,
        status: u16,
        content_type: Option<&str>,
        body: &[u8],
    ) {
        let headers: Vec<(&'static str, &str)> = content_type
            .map(|t| ("content-type", t))
            .into_iter()
            .collect();
        self.answer(method, path, status, &headers, body);
    }

    /// A JSON answer as the gateway sends it.
    pub fn json(&self, method: &str, path: &str, body: &str) {
        self.answer(
            method,
            path,
            200,
            &[("content-type", "application/json")],
            body.as_bytes(),
        );
    }

    /// A config whose `ts` is always `ts`.
    pub fn config(&self, ts: i64) -> ChaoqerConfig {
        let mut config = ChaoqerConfig::new(self.base.clone());
        config.timeout = Duration::from_secs(5);
        config.version_name = "0.4.0".into();
        config.version_code = 40;
        config.clock = Arc::new(move || ts);
        config
    }

    /// A client logged in with the README's sample session.
    pub fn client(&self, ts: i64) -> ChaoqerClient {
        ChaoqerClient::new(self.config(ts))
            .unwrap()
            .with_session(session())
    }

    pub fn anonymous(&self, ts: i64) -> ChaoqerClient {
        ChaoqerClient::new(self.config(ts)).unwrap()
    }
}
