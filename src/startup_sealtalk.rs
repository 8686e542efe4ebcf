//! What the dashboard needs to show a SealTalk account: its client (its server, its saved
//! session) and where the session is kept; for `--demo`, the embedded SealTalk demo server
//! with its account logged in, in memory only. Its own module so the SealTalk CLI's session
//! code can share or replace it without touching Yunhu's start-up.

use std::time::Duration;

use crate::accounts::Account;
use crate::api::sealtalk::model::Session as SealtalkSession;
use crate::api::sealtalk::{SealtalkClient, SealtalkConfig};
use crate::demo::sealtalk::SealtalkDemoServer;
use crate::error::AppError;
use crate::secrets::CookieStore;

/// A SealTalk account's client and where its session is kept.
#[derive(Clone, Debug)]
pub struct SealtalkLink {
    /// With the saved session, if any.
    pub client: SealtalkClient,
    /// `None` on the demo server: nothing is written then.
    pub cookies: Option<CookieStore>,
}

/// What a SealTalk account's start found: its link, whether it is logged in, its own id,
/// and what the user should know (a cookie file others can read).
pub struct SealtalkStart {
    pub link: SealtalkLink,
    pub session: Option<SealtalkSession>,
    pub warnings: Vec<String>,
}

fn client(config: SealtalkConfig) -> Result<SealtalkClient, AppError> {
    SealtalkClient::new(config).map_err(|e| AppError::Input(format!("SealTalk client: {e}")))
}

/// A saved account on `server`: its cookie file read (a file that cannot be read is a
/// warning, and the account starts on its login screen).
pub fn saved_account(
    account: &Account,
    server: &str,
    timeout: Duration,
) -> Result<SealtalkStart, AppError> {
    let cookies = account.cookie_store();
    let mut warnings: Vec<String> = cookies.warning().into_iter().collect();
    let session = cookies.load().unwrap_or_else(|e| {
        warnings.push(e.to_string());
        None
    });
    if session.is_some()
        && let Some(w) = crate::api::plain_http_warning(server)
    {
        warnings.push(w);
    }
    let mut config = SealtalkConfig::new(server);
    config.timeout = timeout;
    let mut client = client(config)?;
    if let Some(s) = &session {
        client = client.with_session(s.cookie.clone(), s.user_id.clone());
    }
    Ok(SealtalkStart {
        link: SealtalkLink {
            client,
            cookies: Some(cookies),
        },
        session,
        warnings,
    })
}

/// The `--demo` SealTalk server and its account's session (logged in at the start, never
/// written anywhere).
pub struct SealtalkDemo {
    pub server: SealtalkDemoServer,
    pub session: Option<SealtalkSession>,
}

impl SealtalkDemo {
    /// Starts the demo server on loopback and logs its account in.
    pub async fn start(timeout: Duration) -> Result<SealtalkDemo, AppError> {
        let server = SealtalkDemoServer::start()
            .await
            .map_err(|e| AppError::Input(format!("SealTalk demo server: {e}")))?;
        let mut config = server.client_config();
        config.timeout = timeout;
        let mut c = client(config)?;
        let login = server.login();
        let session = match c.login(&login.region, &login.phone, &login.password).await {
            Ok(s) => Some(s),
            Err(e) => {
                // The demo account then starts on its login screen.
                tracing::warn!(error = %e, "the SealTalk demo login failed");
                None
            }
        };
        Ok(SealtalkDemo { server, session })
    }

    /// The demo account's link: in memory only.
    pub fn start_of(&self, timeout: Duration) -> Result<SealtalkStart, AppError> {
        let mut config = self.server.client_config();
        config.timeout = timeout;
        let mut client = client(config)?;
        if let Some(s) = &self.session {
            client = client.with_session(s.cookie.clone(), s.user_id.clone());
        }
        Ok(SealtalkStart {
            link: SealtalkLink {
                client,
                cookies: None,
            },
            session: self.session.clone(),
            warnings: Vec::new(),
        })
    }
}
