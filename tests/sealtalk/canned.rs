//! The canned server (tests/support/canned.rs) with SealTalk's answers and clients: literal
//! bytes from the contract, as Express sends them.

use std::time::Duration;

use yunhu_tui::api::sealtalk::{SealtalkClient, SealtalkConfig, SessionCookie};

#[path = "../support/canned.rs"]
mod core;
pub use core::{Canned, Seen};

pub const COOKIE: &str = "rong_auth_cookie=c71bad5b272a50473907e40aec78ad8bc925c71ef03f4c00";
pub const ME: &str = "DH7W1QuDp";

impl Canned {
    /// A JSON answer as Express sends it.
    pub fn json(&self, method: &str, path: &str, body: &str) {
        self.answer(
            method,
            path,
            200,
            &[
                ("content-type", "application/json; charset=utf-8"),
                ("cache-control", "private"),
            ],
            body.as_bytes(),
        );
    }

    /// A plain-text error as Express sends it (`text/html`).
    pub fn text(&self, method: &str, path: &str, status: u16, body: &str) {
        self.answer(
            method,
            path,
            status,
            &[("content-type", "text/html; charset=utf-8")],
            body.as_bytes(),
        );
    }

    pub fn config(&self) -> SealtalkConfig {
        let mut config = SealtalkConfig::new(self.base.clone());
        config.upload_url = format!("{}/qiniu-upload", self.base);
        config.timeout = Duration::from_secs(5);
        config
    }

    /// A client logged in with the contract's cookie.
    pub fn client(&self) -> SealtalkClient {
        SealtalkClient::new(self.config())
            .unwrap()
            .with_session(SessionCookie::parse(COOKIE).unwrap(), ME)
    }

    pub fn anonymous(&self) -> SealtalkClient {
        SealtalkClient::new(self.config()).unwrap()
    }
}
