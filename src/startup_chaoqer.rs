//! What the dashboard needs to show a chaoqer account: its client (its gateway, its saved
//! session) and where the session is kept; for `--demo`, the embedded chaoqer demo gateway
//! with its account logged in by the demo SMS code, in memory only. Its own module, as
//! SealTalk's is (`startup_sealtalk`), so the chaoqer CLI's session code can share it
//! without touching the other services' start-up.

use std::time::Duration;

use crate::accounts::Account;
use crate::api::chaoqer::model::Session as ChaoqerSession;
use crate::api::chaoqer::{ChaoqerClient, ChaoqerConfig};
use crate::demo::chaoqer::ChaoqerDemoServer;
use crate::error::AppError;
use crate::secrets::ChaoqerSessionStore;

/// A chaoqer account's client and where its session is kept.
#[derive(Clone, Debug)]
pub struct ChaoqerLink {
    /// With the saved session, if any.
    pub client: ChaoqerClient,
    /// `None` on the demo gateway: nothing is written then.
    pub sessions: Option<ChaoqerSessionStore>,
}

/// What a chaoqer account's start found: its link, whether it is logged in, and what the
/// user should know (a session file others can read, a plain-HTTP gateway elsewhere).
pub struct ChaoqerStart {
    pub link: ChaoqerLink,
    pub session: Option<ChaoqerSession>,
    pub warnings: Vec<String>,
}

fn client(config: ChaoqerConfig) -> Result<ChaoqerClient, AppError> {
    ChaoqerClient::new(config).map_err(|e| AppError::Input(format!("chaoqer client: {e}")))
}

/// A saved account on `server`: its session file read (a file that cannot be read is a
/// warning, and the account starts on its login screen).
pub fn saved_account(
    account: &Account,
    server: &str,
    timeout: Duration,
) -> Result<ChaoqerStart, AppError> {
    let sessions = account.chaoqer_store();
    let mut warnings: Vec<String> = sessions.warning().into_iter().collect();
    let session = sessions.load().unwrap_or_else(|e| {
        warnings.push(e.to_string());
        None
    });
    if session.is_some()
        && let Some(w) = crate::api::plain_http_warning(server)
    {
        warnings.push(w);
    }
    let mut config = ChaoqerConfig::new(server);
    config.timeout = timeout;
    let mut client = client(config)?;
    if let Some(s) = &session {
        client = client.with_session(s.clone());
    }
    Ok(ChaoqerStart {
        link: ChaoqerLink {
            client,
            sessions: Some(sessions),
        },
        session,
        warnings,
    })
}

/// The `--demo` chaoqer gateway and its account's session (logged in at the start with the
/// demo SMS code, never written anywhere).
pub struct ChaoqerDemo {
    pub server: ChaoqerDemoServer,
    pub session: Option<ChaoqerSession>,
}

impl ChaoqerDemo {
    /// Starts the demo gateway on loopback and logs its account in (Q1, then Q2 with the
    /// demo code).
    pub async fn start(timeout: Duration) -> Result<ChaoqerDemo, AppError> {
        let server = ChaoqerDemoServer::start()
            .await
            .map_err(|e| AppError::Input(format!("chaoqer demo server: {e}")))?;
        let mut config = server.client_config();
        config.timeout = timeout;
        let mut c = client(config)?;
        let login = server.login();
        // Q1 first (the demo, like the gateway, takes a code only after sending one), then Q2
        // with the code the demo always sends.
        let session = match async {
            c.send_code(&login.country_code, &login.mobile).await?;
            c.login(&login.country_code, &login.mobile, &login.sms_code)
                .await
        }
        .await
        {
            Ok(outcome) => Some(outcome.session),
            Err(e) => {
                // The demo account then starts on its login screen.
                tracing::warn!(error = %e, "the chaoqer demo login failed");
                None
            }
        };
        Ok(ChaoqerDemo { server, session })
    }

    /// The demo account's link: in memory only.
    pub fn start_of(&self, timeout: Duration) -> Result<ChaoqerStart, AppError> {
        let mut config = self.server.client_config();
        config.timeout = timeout;
        let mut client = client(config)?;
        if let Some(s) = &self.session {
            client = client.with_session(s.clone());
        }
        Ok(ChaoqerStart {
            link: ChaoqerLink {
                client,
                sessions: None,
            },
            session: self.session.clone(),
            warnings: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_demo_account_is_logged_in_in_memory() {
        let demo = match ChaoqerDemo::start(Duration::from_secs(5)).await {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let Some(session) = demo.session.clone() else {
            panic!("the demo login failed");
        };
        assert_eq!(session.uid, demo.server.login().uid);
        let start = match demo.start_of(Duration::from_secs(5)) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        assert!(start.link.sessions.is_none(), "the demo writes nothing");
        let profile = start.link.client.own_profile().await;
        assert!(profile.is_ok(), "{profile:?}");
    }

    #[test]
    fn a_saved_account_without_a_session_starts_logged_out() {
        let tmp = match tempfile::tempdir() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        };
        let account = Account {
            name: "cq".into(),
            service: crate::service::Service::Chaoqer,
            server: Some("http://127.0.0.1:9".into()),
            implicit: false,
            secret_dir: tmp.path().join("cq"),
        };
        let start = match saved_account(&account, "http://127.0.0.1:9", Duration::from_secs(1)) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        assert!(start.session.is_none());
        assert!(start.link.sessions.is_some());
        assert!(start.link.client.session().is_none());
    }
}
