//! The real app without a terminal: `AppState` + `update` + the real API actor against an
//! embedded demo server. Keys are injected, effects carried out (the token "file" is kept in
//! memory), and `idle` runs until no request is in flight. Screens render into a TestBackend.

use std::collections::HashSet;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc;
use yunhu_tui::api::actor::{self, ApiHandle, RequestId, Response};
use yunhu_tui::api::{ApiClient, ClientConfig};
use yunhu_tui::app::action::{Action, Effect};
use yunhu_tui::app::keymap::Keymap;
use yunhu_tui::app::session::start_session;
use yunhu_tui::app::state::{AppState, Look, Screen};
use yunhu_tui::app::switcher::{AccountEntry, Switcher};
use yunhu_tui::app::update::update;
use yunhu_tui::demo::{DemoLogin, DemoServer};
use yunhu_tui::i18n::Lang;
use yunhu_tui::oneshot::demo_client_config;
use yunhu_tui::settings::{PageSizes, ThemeName};
use yunhu_tui::store::actor::{Opened, Place, StoreAccount, StoreHandle};
use yunhu_tui::store::protocol::{StoreCommand, StoreId, StoreReply, StoreResponse};

pub struct Harness {
    pub state: AppState,
    pub demo: DemoServer,
    pub vip: DemoLogin,
    api: ApiHandle,
    rx: mpsc::UnboundedReceiver<Response>,
    in_flight: HashSet<RequestId>,
    /// What the token file would hold.
    pub saved_token: Option<String>,
    pub copied: Vec<String>,
    /// Links the app asked to open in the browser.
    pub opened: Vec<String>,
    pub quit: bool,
    /// Every command sent, in order.
    pub sent: Vec<yunhu_tui::api::actor::Command>,
    /// Every config.toml save asked for.
    pub saved_settings: Vec<yunhu_tui::settings::Settings>,
    pub mouse: Option<bool>,
    /// Each account's client (its token), in the switcher's order, and the one in use.
    clients: Vec<ApiClient>,
    active: usize,
    /// Each account's local store, on the runtime's own store thread, in `store_dir`.
    stores: StoreHandle,
    store_rx: mpsc::UnboundedReceiver<StoreResponse>,
    /// Store commands whose answer is awaited.
    store_waiting: HashSet<StoreId>,
    pub store_dir: std::path::PathBuf,
    _store_tmp: Option<tempfile::TempDir>,
    /// The SealTalk demo server, when a SealTalk account is shown (`Harness::sealtalk`).
    pub st_demo: Option<yunhu_tui::demo::sealtalk::SealtalkDemoServer>,
    /// The chaoqer demo gateway, when a chaoqer account is shown (`Harness::chaoqer_logged_out`).
    pub cq_demo: Option<yunhu_tui::demo::chaoqer::ChaoqerDemoServer>,
    /// What the SealTalk cookie file would hold.
    pub saved_cookie: Option<yunhu_tui::api::sealtalk::model::Session>,
    /// Every SealTalk session effect, in order (`None`: the session ended).
    pub st_sessions: Vec<Option<yunhu_tui::api::sealtalk::model::Session>>,
    /// Every chaoqer session handed to the runtime (a login's, or `None` at its end), and
    /// the one it would keep in the account's file.
    pub cq_sessions: Vec<Option<yunhu_tui::api::chaoqer::model::Session>>,
    pub saved_cq_session: Option<yunhu_tui::api::chaoqer::model::Session>,
}

pub fn new_state(lang: Lang) -> AppState {
    let look = Look {
        theme: ThemeName::Dark,
        no_color: false,
    };
    AppState::new(
        lang,
        look,
        Keymap::default(),
        PageSizes::default(),
        "http://demo".into(),
    )
}

impl Harness {
    /// Logged in to the demo VIP account, first data loaded.
    pub async fn logged_in() -> Harness {
        Harness::logged_in_with(yunhu_tui::demo::FaultPlan::default()).await
    }

    /// Logged in, with the demo server's faults set before the first request.
    pub async fn logged_in_with(faults: yunhu_tui::demo::FaultPlan) -> Harness {
        Harness::logged_in_as(0, faults).await
    }

    /// Logged in to demo account `index` (0 VIP, 1 basic).
    pub async fn logged_in_as(index: usize, faults: yunhu_tui::demo::FaultPlan) -> Harness {
        let mut h = Harness::start(Lang::En).await;
        h.demo.handle().set_faults(faults);
        let login = h.demo.handle().logins()[index].clone();
        let token = login.token.clone();
        h.api.set_token(Some(token.clone()));
        h.clients[0].set_token(Some(token.clone()));
        h.saved_token = Some(token);
        h.state.account.account_id = Some(login.id.clone());
        h.use_stores(&[Some(login.id.clone())]);
        h.state.account.screen = Screen::Main;
        let fx = start_session(&mut h.state);
        h.apply(fx);
        h.idle().await;
        h
    }

    /// On the login screen, no token.
    pub async fn logged_out() -> Harness {
        Harness::start(Lang::En).await
    }

    /// On the login screen, with a client pointed at a port where nothing listens.
    pub async fn unreachable() -> Harness {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        Harness::start_with(Lang::En, Some(format!("http://127.0.0.1:{port}"))).await
    }

    async fn start(lang: Lang) -> Harness {
        Harness::start_with(lang, None).await
    }

    async fn start_with(lang: Lang, base_url: Option<String>) -> Harness {
        let demo = DemoServer::start().await.expect("demo server");
        let logins = demo.handle().logins();
        let config = ClientConfig {
            timeout: Duration::from_millis(1500),
            device_id: "harness".into(),
            ..ClientConfig::default()
        };
        let mut config = demo_client_config(&demo, config);
        if let Some(url) = base_url {
            config.base_url = url;
        }
        let client = ApiClient::new(config).expect("client");
        let (tx, rx) = mpsc::unbounded_channel();
        let api = actor::spawn(client.clone(), tx, |r| r);
        let tmp = tempfile::tempdir().expect("a temp dir");
        let (_, store_rx) = mpsc::unbounded_channel();
        let mut h = Harness {
            stores: StoreHandle::none(),
            store_rx,
            store_waiting: HashSet::new(),
            store_dir: tmp.path().join("data"),
            _store_tmp: Some(tmp),
            state: new_state(lang),
            vip: logins[0].clone(),
            demo,
            api,
            rx,
            in_flight: HashSet::new(),
            saved_token: None,
            copied: Vec::new(),
            opened: Vec::new(),
            quit: false,
            sent: Vec::new(),
            saved_settings: Vec::new(),
            mouse: None,
            clients: vec![client],
            active: 0,
            st_demo: None,
            cq_demo: None,
            saved_cookie: None,
            st_sessions: Vec::new(),
            cq_sessions: Vec::new(),
            saved_cq_session: None,
        };
        h.use_stores(&[None]);
        h
    }

    /// Two accounts in the switcher, both logged in: the demo VIP account (shown, its first
    /// data loaded) and the demo basic one (not shown yet).
    pub async fn two_accounts() -> Harness {
        let mut h = Harness::start(Lang::En).await;
        let logins = h.demo.handle().logins();
        let base = h.clients[0].clone();
        h.clients = logins
            .iter()
            .map(|l| base.clone().with_token(Some(l.token.clone())))
            .collect();
        h.api.set_client(h.clients[0].clone());
        let entries = ["demo-vip", "demo-basic"]
            .iter()
            .zip(&logins)
            .map(|(name, l)| AccountEntry {
                name: (*name).into(),
                service: yunhu_tui::service::Service::Yunhu,
                server: "demo".into(),
                logged_in: true,
                account_id: Some(l.id.clone()),
            })
            .collect();
        h.state.accounts = Switcher::new(entries, 0);
        h.state.account.account_id = Some(logins[0].id.clone());
        let ids: Vec<Option<String>> = logins.iter().map(|l| Some(l.id.clone())).collect();
        h.use_stores(&ids);
        h.state.account.screen = Screen::Main;
        let fx = start_session(&mut h.state);
        h.apply(fx);
        h.idle().await;
        h
    }

    /// A SealTalk account on the embedded SealTalk demo server, on its login screen.
    pub async fn sealtalk_logged_out(lang: Lang) -> Harness {
        let mut h = Harness::start(lang).await;
        let st = yunhu_tui::demo::sealtalk::SealtalkDemoServer::start()
            .await
            .expect("sealtalk demo server");
        let mut config = st.client_config();
        config.timeout = Duration::from_millis(1500);
        let client = yunhu_tui::api::sealtalk::SealtalkClient::new(config).expect("client");
        h.api.set_sealtalk(Some(client));
        h.state.account.service = yunhu_tui::service::Service::Sealtalk;
        h.state.account.server = st.base_url();
        h.state.account.screen = Screen::Login;
        h.st_demo = Some(st);
        h
    }

    /// A chaoqer account on the embedded chaoqer demo gateway, on its login screen.
    pub async fn chaoqer_logged_out(lang: Lang) -> Harness {
        let mut h = Harness::start(lang).await;
        let cq = yunhu_tui::demo::chaoqer::ChaoqerDemoServer::start()
            .await
            .expect("chaoqer demo server");
        let mut config = cq.client_config();
        config.timeout = Duration::from_millis(1500);
        let client = yunhu_tui::api::chaoqer::ChaoqerClient::new(config).expect("client");
        h.api.set_chaoqer(Some(client));
        h.state.account.service = yunhu_tui::service::Service::Chaoqer;
        h.state.account.server = cq.base_url();
        h.state.account.screen = Screen::Login;
        h.cq_demo = Some(cq);
        h
    }

    /// A chaoqer account logged in to the demo gateway (the demo number, or `mobile`: an
    /// unknown number registers a new account), its first data loaded.
    pub async fn chaoqer(lang: Lang) -> Harness {
        Harness::chaoqer_as(lang, None).await
    }

    pub async fn chaoqer_as(lang: Lang, mobile: Option<&str>) -> Harness {
        let mut h = Harness::chaoqer_logged_out(lang).await;
        // The clock the events are marked by (a test's state has none of its own).
        h.state.now_ms = yunhu_tui::store::now_ms();
        let login = h.cq().login();
        h.type_text(mobile.unwrap_or(&login.mobile));
        h.key(KeyCode::Enter);
        h.idle().await;
        h.type_text(&login.sms_code);
        h.key(KeyCode::Enter);
        h.idle().await;
        assert_eq!(h.state.account.screen, Screen::Main, "the demo login");
        h
    }

    pub fn cq(&self) -> &yunhu_tui::demo::chaoqer::ChaoqerDemoServer {
        self.cq_demo.as_ref().expect("a chaoqer harness")
    }

    /// A SealTalk account logged in to the demo server, its first data loaded.
    pub async fn sealtalk(lang: Lang) -> Harness {
        let mut h = Harness::sealtalk_logged_out(lang).await;
        let st = h.st_demo.as_ref().expect("sealtalk demo");
        let login = st.login();
        let mut client =
            yunhu_tui::api::sealtalk::SealtalkClient::new(st.client_config()).expect("client");
        let session = client
            .login(&login.region, &login.phone, &login.password)
            .await
            .expect("demo login");
        h.api.set_sealtalk_session(Some(session.clone()));
        h.saved_cookie = Some(session.clone());
        h.state.account.account_id = Some(session.user_id.clone());
        h.start_with_store().await;
        h
    }

    /// The shown SealTalk or chaoqer account's store in `store_dir` (keyed by its service,
    /// its server and its id).
    fn own_store_accounts(&self) -> Vec<StoreAccount> {
        vec![StoreAccount {
            service: self.state.account.service,
            server: self.state.account.server.clone(),
            account_id: self.state.account.account_id.clone(),
            place: Place::Dir(self.store_dir.clone()),
            opened: Opened::NotYet,
            client: None,
        }]
    }

    /// The shown account's store thread, then its session's first requests answered.
    async fn start_with_store(&mut self) {
        self.state.account.screen = Screen::Main;
        let accounts = self.own_store_accounts();
        let (tx, rx) = mpsc::unbounded_channel();
        self.stores = StoreHandle::spawn(accounts, 0, tx);
        self.store_rx = rx;
        let fx = start_session(&mut self.state);
        self.apply(fx);
        self.idle().await;
    }

    /// A second start of the shown SealTalk or chaoqer account over the same store dir, as
    /// the dashboard starts (the store read before the first frame), `offline` or not;
    /// nothing is sent yet.
    pub async fn restart_own(&mut self, offline: bool) {
        self.store_flush().await;
        let (id, service) = (
            self.state.account.account_id.clone(),
            self.state.account.service,
        );
        let server = self.state.account.server.clone();
        let lang = self.state.lang();
        self.state = new_state(lang);
        self.state.account.service = service;
        self.state.account.server = server;
        self.state.account.account_id = id;
        self.state.account.screen = Screen::Main;
        self.state.offline = offline;
        let mut accounts = self.own_store_accounts();
        yunhu_tui::dashboard::open_shown_store(&mut self.state, &mut accounts, 0);
        let (tx, rx) = mpsc::unbounded_channel();
        self.stores = StoreHandle::spawn(accounts, 0, tx);
        self.store_rx = rx;
    }

    /// A chaoqer account logged in to the demo gateway (Q1 and Q2 by a client of the test),
    /// its store in `store_dir`, its first data loaded.
    pub async fn chaoqer_with_store(lang: Lang) -> Harness {
        let mut h = Harness::chaoqer_logged_out(lang).await;
        let login = h.cq().login();
        let mut client =
            yunhu_tui::api::chaoqer::ChaoqerClient::new(h.cq().client_config()).expect("client");
        client
            .send_code(&login.country_code, &login.mobile)
            .await
            .expect("demo code");
        let outcome = client
            .login(&login.country_code, &login.mobile, &login.sms_code)
            .await
            .expect("demo login");
        h.api.set_chaoqer_session(Some(outcome.session.clone()));
        h.state.account.account_id = Some(outcome.session.uid.clone());
        h.start_with_store().await;
        h
    }

    /// Later SealTalk requests carry `session` (a test spoils or replaces the cookie).
    pub fn set_sealtalk_session(&mut self, session: yunhu_tui::api::sealtalk::model::Session) {
        self.api.set_sealtalk_session(Some(session));
    }

    /// Later SealTalk requests go through `client` (another server).
    pub fn set_sealtalk_client(&mut self, client: yunhu_tui::api::sealtalk::SealtalkClient) {
        self.api.set_sealtalk(Some(client));
    }

    /// The SealTalk demo server.
    pub fn st(&self) -> &yunhu_tui::demo::sealtalk::SealtalkDemoServer {
        self.st_demo.as_ref().expect("a SealTalk harness")
    }

    /// Starts the store thread over `store_dir`, one store per account (`ids`: each one's
    /// id, if known), the shown one first.
    pub fn use_stores(&mut self, ids: &[Option<String>]) {
        let server = self.clients[0].config().base_url.clone();
        let accounts = ids
            .iter()
            .enumerate()
            .map(|(i, id)| StoreAccount {
                service: yunhu_tui::service::Service::Yunhu,
                server: server.clone(),
                account_id: id.clone(),
                place: Place::Dir(self.store_dir.clone()),
                opened: Opened::NotYet,
                client: self.clients.get(i).cloned(),
            })
            .collect();
        let (tx, rx) = mpsc::unbounded_channel();
        self.stores = StoreHandle::spawn(accounts, self.active, tx);
        self.store_rx = rx;
    }

    /// A second start of the demo VIP account over the same store dir, as the dashboard
    /// starts: the store is read before the first frame. Nothing is asked of the server
    /// yet (`send_first_requests` does).
    pub async fn restart(&mut self) {
        self.store_flush().await;
        let id = self.vip.id.clone();
        self.state = new_state(Lang::En);
        self.state.account.account_id = Some(id.clone());
        self.state.account.screen = Screen::Main;
        let mut accounts = vec![StoreAccount {
            service: yunhu_tui::service::Service::Yunhu,
            server: self.demo_base_url(),
            account_id: Some(id),
            place: Place::Dir(self.store_dir.clone()),
            opened: Opened::NotYet,
            client: Some(
                self.clients[0]
                    .clone()
                    .with_token(Some(self.vip.token.clone())),
            ),
        }];
        yunhu_tui::dashboard::open_shown_store(&mut self.state, &mut accounts, 0);
        let (tx, rx) = mpsc::unbounded_channel();
        self.stores = StoreHandle::spawn(accounts, 0, tx);
        self.store_rx = rx;
    }

    /// Sends the session's first requests (as the dashboard does after its first frame).
    pub fn send_first_requests(&mut self) {
        let fx = start_session(&mut self.state);
        self.apply(fx);
    }

    /// Waits until the store has carried out every command given so far, taking its
    /// answers (failures included).
    pub async fn store_flush(&mut self) {
        let id = self.state.next_request();
        self.stores.send(id, StoreCommand::Flush);
        loop {
            let response = tokio::time::timeout(Duration::from_secs(10), self.store_rx.recv())
                .await
                .expect("the store answers within 10 s")
                .expect("the store thread is alive");
            let done = response.id == id && response.reply == StoreReply::Done;
            self.store_waiting.remove(&response.id);
            if done {
                return;
            }
            self.act(Action::Stored(response));
        }
    }

    /// The demo server's address as the client uses it (the store's key).
    pub fn demo_base_url(&self) -> String {
        self.clients[0].config().base_url.clone()
    }

    /// Which account's client requests go out with.
    pub fn active_client(&self) -> usize {
        self.active
    }

    pub fn apply(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Api(id, command) => {
                    self.in_flight.insert(id);
                    self.sent.push(command.clone());
                    self.api.send(id, command);
                }
                Effect::Cancel(id) => {
                    self.in_flight.remove(&id);
                    self.api.cancel(id);
                }
                Effect::SetToken(t) => {
                    if let Some(client) = self.clients.get_mut(self.active) {
                        client.set_token(t.clone());
                    }
                    self.stores.token(t.clone());
                    self.api.set_token(t);
                }
                Effect::SwitchAccount(i) => {
                    self.active = i;
                    self.api.set_client(self.clients[i].clone());
                    self.stores.switch(i);
                }
                Effect::Store(id, command) => {
                    if command.answers() {
                        self.store_waiting.insert(id);
                    }
                    self.stores.send(id, command);
                }
                Effect::SaveAccountId(id) => self.stores.account_id(id),
                Effect::SealtalkSession(session) => {
                    self.api.set_sealtalk_session(session.clone());
                    if let Some(s) = &session {
                        self.stores.account_id(s.user_id.clone());
                    }
                    self.saved_cookie = session.clone();
                    self.st_sessions.push(session);
                }
                Effect::ChaoqerSession(session) => {
                    self.api.set_chaoqer_session(session.clone());
                    if let Some(s) = &session {
                        self.stores.account_id(s.uid.clone());
                    }
                    self.saved_cq_session = session.clone();
                    self.cq_sessions.push(session);
                }
                Effect::SaveToken(t) => self.saved_token = Some(t),
                Effect::DeleteToken => self.saved_token = None,
                Effect::Suspend => {}
                Effect::SaveSettings(settings) => self.saved_settings.push(settings),
                Effect::SetMouse(on) => self.mouse = Some(on),
                Effect::Copy(text) => self.copied.push(text),
                // Never a real browser in tests: the link is recorded.
                Effect::OpenUrl(url) => self.opened.push(url),
                Effect::Quit => self.quit = true,
            }
        }
    }

    pub fn act(&mut self, action: Action) {
        let fx = update(&mut self.state, action);
        self.apply(fx);
    }

    /// Runs until no request is in flight (each answer may send more).
    pub async fn idle(&mut self) {
        while !self.in_flight.is_empty() || !self.store_waiting.is_empty() {
            let action = tokio::time::timeout(Duration::from_secs(10), async {
                tokio::select! {
                    Some(r) = self.rx.recv() => Action::Api(r),
                    Some(r) = self.store_rx.recv() => Action::Stored(r),
                }
            })
            .await
            .expect("an answer within 10 s");
            match &action {
                Action::Api(r) => self.in_flight.remove(&r.id),
                Action::Stored(r) => self.store_waiting.remove(&r.id),
                _ => false,
            };
            self.act(action);
        }
    }

    /// Takes the answers that arrive within `time`, without waiting for the rest.
    pub async fn pump(&mut self, time: Duration) {
        let until = tokio::time::Instant::now() + time;
        while let Ok(Some(response)) = tokio::time::timeout_at(until, self.rx.recv()).await {
            self.in_flight.remove(&response.id);
            self.act(Action::Api(response));
        }
    }

    /// Waits for the search pause, then lets the deadline fire.
    pub async fn search_pause(&mut self) {
        tokio::time::sleep(yunhu_tui::app::discover::SEARCH_PAUSE + Duration::from_millis(20))
            .await;
        self.act(Action::Deadline);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.act(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn ctrl(&mut self, c: char) {
        self.act(Action::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    pub fn press(&mut self, c: char) {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        self.act(Action::Key(KeyEvent::new(KeyCode::Char(c), mods)));
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(c);
        }
    }

    /// Replaces the focused text field's content.
    pub fn replace_field(&mut self, text: &str) {
        self.ctrl('u');
        self.key(KeyCode::End);
        self.ctrl('u');
        self.type_text(text);
    }

    /// The next request whose path starts with `path` fails with `mode`, once.
    pub fn fail_once(&self, mode: yunhu_tui::demo::FaultMode, path: &str) {
        self.demo
            .handle()
            .set_faults(yunhu_tui::demo::FaultPlan::always(mode).only(path).times(1));
    }

    pub fn screen(&self, width: u16, height: u16) -> String {
        render(&self.state, width, height)
    }
}

/// The screen as text, one line per row (trailing spaces kept off).
pub fn render(state: &AppState, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|f| yunhu_tui::ui::render(state, f))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut x = 0;
        while x < width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            // A wide character's second cell holds a filler: skip it.
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
