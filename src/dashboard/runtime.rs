//! Carries out the dashboard's effects for the real app: the API actor, the token and cookie
//! files, `config.toml`, the local store, the clipboard and the browser.

use crate::api::actor::ApiHandle;
use crate::app::action::Effect;
use crate::app::code_flow::Notice;
use crate::app::state::{AppState, Msg, MsgKey, Screen, StatusLine};
use crate::secrets::TokenStore;
use crate::settings::{SettingsError, SettingsFile};
use crate::startup::AccountLink;
use crate::store::actor::StoreHandle;

/// Carries out effects for the real app: the actor, the token file, the clipboard.
pub struct Runtime {
    pub api: ApiHandle,
    /// The shown account's saved login. `None` in demo mode (a demo login is never written
    /// over a real one) and for a `YUNHU_TOKEN` login.
    pub store: Option<TokenStore>,
    /// Every account's client and saved login, in the switcher's order; the shown one's
    /// store is lent to `store` while it is shown.
    pub links: Vec<AccountLink>,
    pub active: usize,
    /// The accounts, while `config.toml` lists none: the implicit account is listed there
    /// once it has a saved login.
    pub unlisted: Option<crate::accounts::Accounts>,
    /// Where `config.toml` is saved, and what it held when this instance last read it.
    pub settings_file: Option<SettingsFile>,
    /// Each account's local store, on its own thread.
    pub stores: StoreHandle,
}

impl crate::tui::Effects for Runtime {
    fn apply(&mut self, state: &mut AppState, effect: Effect) {
        let what = match &effect {
            Effect::SaveToken(_)
            | Effect::SealtalkSession(Some(_))
            | Effect::ChaoqerSession(Some(_)) => MsgKey::TokenNotSaved,
            Effect::DeleteToken | Effect::SealtalkSession(None) | Effect::ChaoqerSession(None) => {
                MsgKey::TokenNotDeleted
            }
            Effect::SaveAccountId(_) => MsgKey::AccountIdNotSaved,
            Effect::OpenUrl(url) => {
                let url = url.clone();
                return self.open_url(state, &url);
            }
            _ => MsgKey::SettingsNotSaved,
        };
        let saves_login = matches!(effect, Effect::SaveToken(_));
        if let Effect::SealtalkSession(session) = effect {
            if let Err(e) = self.sealtalk_session(session) {
                tracing::error!(error = %e, "cannot write the SealTalk cookie file");
                file_failed(state, Msg::Key(what, vec![Msg::Plain(e.to_string())]));
            }
            return;
        }
        if let Effect::ChaoqerSession(session) = effect {
            if let Err(e) = self.chaoqer_session(session) {
                tracing::error!(error = %e, "cannot write the chaoqer session file");
                file_failed(state, Msg::Key(what, vec![Msg::Plain(e.to_string())]));
            }
            return;
        }
        if let Err(e) = self.carry_out(effect) {
            tracing::error!(error = %e, "cannot write a file");
            file_failed(state, Msg::Key(what, vec![Msg::Plain(e.to_string())]));
        } else if saves_login {
            self.list_implicit_account(state);
        }
    }
}

/// Keys of the messages for files that could not be written or deleted.
fn is_file_failure(key: MsgKey) -> bool {
    matches!(
        key,
        MsgKey::TokenNotSaved
            | MsgKey::TokenNotDeleted
            | MsgKey::AccountIdNotSaved
            | MsgKey::SettingsNotSaved
    )
}

/// Says that a file could not be written or deleted: on the login screen (which has no status
/// line) after what its notice says ("Logged out · the saved login could not be deleted …");
/// elsewhere in the status line, where a later file failure does not hide the first one.
fn file_failed(state: &mut AppState, msg: Msg) {
    if state.account.screen == Screen::Login {
        let text = msg.render(state.s());
        let text = match state.account.login.notice.take() {
            Some(earlier) => format!("{} · {text}", earlier.text),
            None => text,
        };
        state.account.login.notice = Some(Notice { text, error: true });
        return;
    }
    let now = std::time::Instant::now();
    let first_shown = state.status.as_ref().is_some_and(|st| {
        st.error && st.until > now && st.msg.first_key().is_some_and(is_file_failure)
    });
    if !first_shown {
        state.status = Some(StatusLine::new(msg, true, now));
    }
}

/// Copies `text` with OSC 52 (made safe there).
fn copy(text: &str) {
    crate::tui::copy_to_clipboard(text);
}

/// Over ssh a browser opened "here" would open on the remote machine, if at all: the link is
/// copied (OSC 52 reaches the local clipboard) instead.
pub fn copy_instead_of_opening(
    ssh_connection: Option<&std::ffi::OsStr>,
    ssh_tty: Option<&std::ffi::OsStr>,
) -> bool {
    ssh_connection.is_some_and(|v| !v.is_empty()) || ssh_tty.is_some_and(|v| !v.is_empty())
}

/// Starts the platform's opener (xdg-open, open, start) for `url` without waiting for it;
/// its output goes nowhere (the dashboard owns the terminal).
fn spawn_opener(url: &str) -> std::io::Result<()> {
    let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "no opener");
    for mut command in open::commands(url) {
        command
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        match command.spawn() {
            Ok(mut child) => {
                // Reaped in the background so it leaves no zombie; nothing waits for it here.
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

impl Runtime {
    /// A runtime for one account.
    pub fn single(
        api: ApiHandle,
        store: Option<TokenStore>,
        settings_file: Option<SettingsFile>,
    ) -> Runtime {
        Runtime {
            api,
            store,
            links: Vec::new(),
            active: 0,
            unlisted: None,
            settings_file,
            stores: StoreHandle::none(),
        }
    }

    /// Later requests go out as account `index`, and its login is the one saved or deleted.
    fn switch_account(&mut self, index: usize) {
        if index == self.active || index >= self.links.len() {
            return;
        }
        if let Some(link) = self.links.get_mut(self.active) {
            link.store = self.store.take();
        }
        let link = &mut self.links[index];
        self.store = link.store.take();
        self.api.set_client(link.client.clone());
        // A SealTalk account's own client (or none for a Yunhu one).
        self.api
            .set_sealtalk(link.sealtalk.as_ref().map(|l| l.client.clone()));
        // A chaoqer account's own client (or none for the others).
        self.api
            .set_chaoqer(link.chaoqer.as_ref().map(|l| l.client.clone()));
        self.stores.switch(index);
        self.active = index;
        tracing::info!(account = index, "switched account");
    }

    /// A SealTalk login, logout or expiry: later requests use the session (or none), and the
    /// account's cookie file is written or deleted (not on the demo server).
    fn sealtalk_session(
        &mut self,
        session: Option<crate::api::sealtalk::model::Session>,
    ) -> Result<(), crate::paths::FileError> {
        self.api.set_sealtalk_session(session.clone());
        if let Some(s) = &session {
            // The account's store is keyed by its id: it can be opened now.
            self.stores.account_id(s.user_id.clone());
        }
        let Some(link) = (self.links.get_mut(self.active)).and_then(|l| l.sealtalk.as_mut()) else {
            return Ok(());
        };
        match &session {
            Some(s) => {
                link.client =
                    (link.client.clone()).with_session(s.cookie.clone(), s.user_id.clone())
            }
            None => link.client.forget_session(),
        }
        match (&link.cookies, &session) {
            (Some(cookies), Some(s)) => cookies.save(s),
            (Some(cookies), None) => cookies.delete(),
            (None, _) => Ok(()),
        }
    }

    /// A chaoqer login, logout or expiry: later requests use the session (or none), and the
    /// account's session file is written or deleted (not on the demo gateway).
    fn chaoqer_session(
        &mut self,
        session: Option<crate::api::chaoqer::model::Session>,
    ) -> Result<(), crate::paths::FileError> {
        self.api.set_chaoqer_session(session.clone());
        if let Some(s) = &session {
            // The account's store is keyed by its id: it can be opened now.
            self.stores.account_id(s.uid.clone());
        }
        let Some(link) = (self.links.get_mut(self.active)).and_then(|l| l.chaoqer.as_mut()) else {
            return Ok(());
        };
        match &session {
            Some(s) => link.client = (link.client.clone()).with_session(s.clone()),
            None => link.client.forget_session(),
        }
        match (&link.sessions, &session) {
            (Some(store), Some(s)) => store.save(s),
            (Some(store), None) => store.delete(),
            (None, _) => Ok(()),
        }
    }

    /// The implicit account got a saved login: list it in `config.toml`, so that adding a
    /// second account later keeps it. Until then the login is found where it was saved.
    fn list_implicit_account(&mut self, state: &mut AppState) {
        let (Some(accounts), Some(file)) = (self.unlisted.take(), self.settings_file.as_mut())
        else {
            return;
        };
        let base = file.base().clone();
        match crate::accounts::write_accounts(file, &base, &accounts, |_, _| Ok(())) {
            Ok(merged) => {
                // The settings pane saves what differs from the file: the account list is
                // now the file's, so it is not taken back out.
                state.settings.accounts = merged.accounts;
                state.settings.default_account = merged.default_account;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot list the account in config.toml");
                file_failed(
                    state,
                    Msg::Key(MsgKey::SettingsNotSaved, vec![Msg::Plain(e.to_string())]),
                );
            }
        }
    }

    /// `o`: the browser, or over ssh (or when no opener starts) the clipboard.
    fn open_url(&mut self, state: &mut AppState, url: &str) {
        let ssh = copy_instead_of_opening(
            std::env::var_os("SSH_CONNECTION").as_deref(),
            std::env::var_os("SSH_TTY").as_deref(),
        );
        if ssh {
            copy(url);
            state.notify(Msg::key(MsgKey::CopiedOverSsh));
            return;
        }
        if let Err(e) = spawn_opener(url) {
            tracing::warn!(error = %e, "cannot start the browser opener");
            copy(url);
            state.alert(Msg::Key(
                MsgKey::CopiedOpenFailed,
                vec![Msg::Plain(e.to_string())],
            ));
        }
    }

    fn carry_out(&mut self, effect: Effect) -> Result<(), SettingsError> {
        match effect {
            Effect::Api(id, command) => {
                self.api.send(id, command);
            }
            Effect::Cancel(id) => {
                self.api.cancel(id);
            }
            Effect::Store(id, command) => self.stores.send(id, command),
            Effect::SetToken(token) => {
                // Kept with the account too, for when it is shown again.
                if let Some(link) = self.links.get_mut(self.active) {
                    link.client.set_token(token.clone());
                }
                self.stores.token(token.clone());
                self.api.set_token(token);
            }
            Effect::SwitchAccount(index) => self.switch_account(index),
            Effect::SaveToken(token) => {
                if let Some(store) = &self.store {
                    store.save_token(&token)?;
                }
            }
            Effect::DeleteToken => {
                if let Some(store) = &self.store {
                    store.delete_token()?;
                }
            }
            Effect::SaveAccountId(id) => {
                // The account's store is keyed by its id: it can be opened now.
                self.stores.account_id(id.clone());
                if let Some(store) = &self.store {
                    store.save_account_id(&id)?;
                }
            }
            Effect::Copy(text) => copy(&text),
            Effect::SaveSettings(settings) => {
                if let Some(file) = &mut self.settings_file {
                    // Another instance's saved changes are merged in, not reverted.
                    file.save(&settings)?;
                }
            }
            // Carried out by `apply`; the terminal loop carries out the others itself.
            Effect::SealtalkSession(_)
            | Effect::ChaoqerSession(_)
            | Effect::OpenUrl(_)
            | Effect::SetMouse(_)
            | Effect::Suspend
            | Effect::Quit => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::actor;
    use crate::api::{ApiClient, ClientConfig};
    use crate::app::keymap::Keymap;
    use crate::app::state::Look;
    use crate::i18n::Lang;
    use crate::settings::Settings;
    use crate::tui::Effects;
    use tokio::sync::mpsc;

    fn state() -> AppState {
        let look = Look {
            theme: crate::settings::ThemeName::Dark,
            no_color: false,
        };
        AppState::new(
            Lang::En,
            look,
            Keymap::default(),
            Default::default(),
            "http://x".into(),
        )
    }

    #[tokio::test]
    async fn a_file_that_cannot_be_written_is_said_in_the_status_line() {
        let dir = tempfile::tempdir().unwrap();
        // A regular file where a directory must go: every write under it fails.
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, "x").unwrap();
        let client = ApiClient::new(ClientConfig::default()).unwrap();
        let (tx, _rx) = mpsc::unbounded_channel();
        let api = actor::spawn(client, tx, |r| r);
        let mut runtime = Runtime {
            api,
            store: Some(TokenStore::new(blocker.join("cfg"))),
            links: Vec::new(),
            active: 0,
            unlisted: None,
            settings_file: Some(SettingsFile::new(
                blocker.join("config.toml"),
                Settings::default(),
            )),
            stores: StoreHandle::none(),
        };
        let mut st = state();
        // On the main screen (the login screen says it in its notice instead).
        st.account.screen = Screen::Main;
        runtime.apply(&mut st, Effect::SaveToken("secret-token".into()));
        let status = st.status.take().expect("a status");
        let text = status.text(st.s());
        assert!(status.error && text.contains("not-a-dir"), "{text}");
        assert!(!text.contains("secret-token"));
        runtime.apply(&mut st, Effect::SaveSettings(Settings::default()));
        let status = st.status.take().expect("a status");
        let text = status.text(st.s());
        assert!(status.error && text.contains("not-a-dir"), "{text}");
        // Writes that work leave the status alone.
        runtime.store = Some(TokenStore::new(dir.path().join("ok")));
        runtime.apply(&mut st, Effect::SaveToken("t".into()));
        assert_eq!(st.status, None);
    }

    fn runtime(store: TokenStore) -> Runtime {
        let client = ApiClient::new(ClientConfig::default()).unwrap();
        let (tx, _rx) = mpsc::unbounded_channel();
        Runtime::single(actor::spawn(client, tx, |r| r), Some(store), None)
    }

    /// A link of no service of its own, logged out (a test gives it the client it needs).
    fn bare_link() -> AccountLink {
        AccountLink {
            client: ApiClient::new(ClientConfig::default()).unwrap(),
            store: None,
            logged_in: false,
            account_id: None,
            warnings: Vec::new(),
            sealtalk: None,
            chaoqer: None,
        }
    }

    /// A chaoqer login keeps its session in the account's 0600 file; its end (logout, 401)
    /// deletes it.
    #[tokio::test]
    async fn a_chaoqer_session_is_kept_in_its_file_and_deleted_at_the_end() {
        use crate::api::chaoqer::model::Session as CqSession;
        use crate::api::chaoqer::{ChaoqerClient, ChaoqerConfig};
        let dir = tempfile::tempdir().unwrap();
        let sessions = crate::secrets::ChaoqerSessionStore::new(dir.path().join("cq"));
        let mut runtime = runtime(TokenStore::new(dir.path().join("yh")));
        let client = ChaoqerClient::new(ChaoqerConfig::new("http://127.0.0.1:9")).unwrap();
        runtime.links.push(AccountLink {
            chaoqer: Some(crate::startup_chaoqer::ChaoqerLink {
                client,
                sessions: Some(sessions.clone()),
            }),
            ..bare_link()
        });
        let session = CqSession {
            uid: "2701a6fbd0464da99789c9ad1ca1c654".into(),
            access_token: "c184241930be43b5bc36812ce3de56b5".into(),
            access_secret: "e31bc25bcc6641a1a998eacb6ca9d244".into(),
            expire_time: 1,
        };
        let mut st = state();
        runtime.apply(&mut st, Effect::ChaoqerSession(Some(session.clone())));
        assert_eq!(st.status, None, "saved without a word");
        assert_eq!(sessions.load().unwrap(), Some(session.clone()));
        let link = runtime.links[0].chaoqer.as_ref().unwrap();
        assert_eq!(link.client.session(), Some(&session));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(sessions.session_path())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        runtime.apply(&mut st, Effect::ChaoqerSession(None));
        assert_eq!(sessions.load().unwrap(), None);
        assert!(
            runtime.links[0]
                .chaoqer
                .as_ref()
                .unwrap()
                .client
                .session()
                .is_none()
        );
    }

    /// A SealTalk login is kept in the account's cookie file (0600), and logging out (or an
    /// expired session) deletes it; later requests carry the session, or none.
    #[tokio::test]
    async fn a_sealtalk_session_is_kept_in_its_cookie_file_and_deleted_at_the_end() {
        use crate::api::sealtalk::model::Session as StSession;
        use crate::api::sealtalk::{SealtalkClient, SealtalkConfig, SessionCookie};
        let dir = tempfile::tempdir().unwrap();
        let cookies = crate::secrets::CookieStore::new(dir.path().join("st"));
        let mut runtime = runtime(TokenStore::new(dir.path().join("yh")));
        let client = SealtalkClient::new(SealtalkConfig::new("http://127.0.0.1:9")).unwrap();
        runtime.links.push(AccountLink {
            sealtalk: Some(crate::startup_sealtalk::SealtalkLink {
                client,
                cookies: Some(cookies.clone()),
            }),
            ..bare_link()
        });
        let session = StSession {
            user_id: "DH7W1QuDp".into(),
            cookie: SessionCookie::new("rong_auth_cookie", "v1").unwrap(),
        };
        let mut st = state();
        runtime.apply(&mut st, Effect::SealtalkSession(Some(session.clone())));
        assert_eq!(st.status, None, "saved without a word");
        assert_eq!(cookies.load().unwrap(), Some(session));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(cookies.cookie_path())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let link = runtime.links[0].sealtalk.as_ref().unwrap();
        assert_eq!(
            link.client.user_id(),
            Some("DH7W1QuDp"),
            "kept for a switch back"
        );
        runtime.apply(&mut st, Effect::SealtalkSession(None));
        assert!(!cookies.cookie_path().exists());
        assert!(
            runtime.links[0]
                .sealtalk
                .as_ref()
                .unwrap()
                .client
                .cookie()
                .is_none()
        );
    }

    /// Item 12: a failed token save stays shown; the account-id failure after it does not
    /// replace it.
    #[tokio::test]
    async fn the_first_file_failure_stays_shown() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, "x").unwrap();
        let mut runtime = runtime(TokenStore::new(blocker.join("cfg")));
        let mut st = state();
        st.account.screen = Screen::Main;
        runtime.apply(&mut st, Effect::SaveToken("t".into()));
        runtime.apply(&mut st, Effect::SaveAccountId("7058262".into()));
        let text = st.status.as_ref().expect("a status").text(st.s());
        assert!(
            text.starts_with("The login could not be saved") && text.contains("not-a-dir"),
            "{text}"
        );
    }

    /// Item 12: logging out says what could not be deleted instead of just "Logged out".
    #[tokio::test]
    async fn logout_says_what_it_could_not_delete() {
        use crate::api::actor::{Reply, Response};
        let dir = tempfile::tempdir().unwrap();
        let store = TokenStore::new(dir.path().to_owned());
        store.save_token("demo-token").unwrap();
        // The token file turns into something that cannot be removed as a file.
        let path = store.token_path();
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("x"), "x").unwrap();
        let mut runtime = runtime(store);
        let mut st = state();
        st.account.screen = Screen::Main;
        let fx = crate::app::update::update(
            &mut st,
            crate::app::action::Action::Key(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char('L'),
                crossterm::event::KeyModifiers::SHIFT,
            )),
        );
        assert!(fx.is_empty());
        let fx = crate::app::update::update(
            &mut st,
            crate::app::action::Action::Key(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Enter,
                crossterm::event::KeyModifiers::NONE,
            )),
        );
        let id = (st.account.requests)
            .id_of(crate::app::requests::Slot::Logout)
            .expect("a logout in flight");
        assert_eq!(fx.len(), 1);
        let fx = crate::app::update::update(
            &mut st,
            crate::app::action::Action::Api(Response {
                id,
                reply: Reply::LoggedOut(Ok(())),
            }),
        );
        for effect in fx {
            runtime.apply(&mut st, effect);
        }
        assert_eq!(st.account.screen, Screen::Login);
        let notice = st.account.login.notice.as_ref().expect("a notice");
        assert!(notice.error, "{}", notice.text);
        assert!(
            notice.text.starts_with("Logged out")
                && notice.text.contains("could not be deleted")
                && notice.text.contains(&path.display().to_string()),
            "{}",
            notice.text
        );
    }

    /// Item 2: what is copied is made safe first.
    #[test]
    fn clipboard_text_has_no_controls_or_line_breaks() {
        use base64::Engine;
        let copied = |text: &str| {
            let seq = crate::tui::osc52(text);
            let payload = seq
                .strip_prefix("\x1b]52;c;")
                .and_then(|s| s.strip_suffix('\x07'))
                .unwrap();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(payload)
                .unwrap();
            String::from_utf8(bytes).unwrap()
        };
        let hostile = "YH7K2Q\u{1b}]52;c;ZXZpbA==\u{7}\nrm -rf ~\u{202e}";
        let safe = copied(hostile);
        assert!(!safe.chars().any(crate::sanitize::is_unsafe), "{safe:?}");
        assert_eq!(safe, "YH7K2Q\\u{1b}]52;c;ZXZpbA==\\u{7} rm -rf ~\\u{202e}");
        assert_eq!(copied("https://x.example/s?a=1"), "https://x.example/s?a=1");
    }

    /// Item 31: over ssh the link is copied, not opened on the remote machine.
    #[test]
    fn over_ssh_links_are_copied_not_opened() {
        use std::ffi::OsStr;
        let conn = OsStr::new("10.0.0.2 50022 10.0.0.1 22");
        assert!(copy_instead_of_opening(Some(conn), None));
        assert!(copy_instead_of_opening(
            None,
            Some(OsStr::new("/dev/pts/3"))
        ));
        assert!(!copy_instead_of_opening(None, None));
        assert!(!copy_instead_of_opening(Some(OsStr::new("")), None));
    }
}
