//! Everything the dashboard knows. `ui::render` reads it; only `update` changes it.

use std::time::Instant;

use tui_input::Input;

use crate::api::actor::RequestId;
use crate::api::model::{
    Bot, CoinRecord, Distribution, Group, ModuleIgnore, Notification, ServiceSetting, UpdateInfo,
    UserData,
};
use crate::app::form::EditForm;
use crate::app::keymap::Keymap;
use crate::app::login::LoginForm;
use crate::app::paged::{ListCursor, Paged};
use crate::app::remote::Remote;
use crate::app::verify::VerifyForm;
use crate::i18n::{Lang, Strings};
use crate::proto::{MedalInfo, get_user_response, user_info};
use crate::settings::{Language, PageSizes, Settings, ThemeName};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoinFilter {
    All,
    Income,
    Spending,
}

impl CoinFilter {
    pub fn next(self) -> CoinFilter {
        match self {
            CoinFilter::All => CoinFilter::Income,
            CoinFilter::Income => CoinFilter::Spending,
            CoinFilter::Spending => CoinFilter::All,
        }
    }

    pub fn keeps(self, r: &CoinRow) -> bool {
        match self {
            CoinFilter::All => true,
            CoinFilter::Income => r.signed_change() > 0.0,
            CoinFilter::Spending => r.signed_change() < 0.0,
        }
    }
}

/// A coin record as the dashboard keeps it: what it shows and no more. The reason is shared
/// between records (there are a handful of reasons and up to 100 000 records).
#[derive(Debug, Clone, PartialEq)]
pub struct CoinRow {
    pub id: i64,
    pub create_time: i64,
    pub before: f64,
    pub after: f64,
    pub reason: std::sync::Arc<str>,
    pub remark: Option<Box<str>>,
}

impl CoinRow {
    /// The change with its true sign, from the balances (rounded to cents).
    pub fn signed_change(&self) -> f64 {
        crate::api::model::round_cents(self.after - self.before)
    }

    pub fn remark(&self) -> &str {
        self.remark.as_deref().unwrap_or("")
    }
}

/// The most points the balance chart is given (min and max of each time bucket).
pub const CHART_POINTS: usize = 600;

#[derive(Debug, Clone)]
pub struct CoinsState {
    pub list: Paged<CoinRow>,
    /// Every reason seen, each stored once.
    reasons: std::collections::HashSet<std::sync::Arc<str>>,
    pub filter: CoinFilter,
    /// Indices into `list.items` that pass the filter, in order.
    pub view: Vec<usize>,
    pub cursor: ListCursor,
    /// `G` was pressed: keep loading, then stand on the last record.
    pub to_end: bool,
    /// The `/` filter's text (trimmed, ASCII lower case): reason or remark must contain it.
    pub query: String,
    /// `r` reloads from page 1: load until this cursor (and window) can be stood on again.
    pub restore: Option<ListCursor>,
    /// (Unix time, balance after), oldest first, at most `CHART_POINTS`.
    pub chart: Vec<(f64, f64)>,
}

impl Default for CoinsState {
    fn default() -> Self {
        CoinsState {
            list: Paged::default(),
            reasons: Default::default(),
            filter: CoinFilter::All,
            view: Vec::new(),
            cursor: ListCursor::default(),
            to_end: false,
            query: String::new(),
            restore: None,
            chart: Vec::new(),
        }
    }
}

impl CoinsState {
    /// The rows of `records`, their reasons shared with the rows already kept.
    pub fn rows(&mut self, records: Vec<CoinRecord>) -> Vec<CoinRow> {
        records
            .into_iter()
            .map(|r| {
                let reason = match self.reasons.get(r.reason.as_str()) {
                    Some(shared) => shared.clone(),
                    None => {
                        let shared: std::sync::Arc<str> = r.reason.into();
                        self.reasons.insert(shared.clone());
                        shared
                    }
                };
                let remark = (!r.remark.is_empty()).then(|| r.remark.into_boxed_str());
                CoinRow {
                    id: r.id,
                    create_time: r.create_time,
                    before: r.before_amount,
                    after: r.after_amount,
                    reason,
                    remark,
                }
            })
            .collect()
    }

    /// Puts `records` in as if they had been paged in (tests and benchmarks).
    pub fn load_records(&mut self, records: Vec<CoinRecord>) {
        let rows = self.rows(records);
        self.list.items.extend(rows);
        self.rebuild_view();
        self.rebuild_chart();
    }

    /// Adds the records from `from` on to the filtered view.
    pub fn extend_view(&mut self, from: usize) {
        let filter = self.filter;
        let query = self.query.as_str();
        let start = self.view.len();
        self.view.extend((from..self.list.items.len()).filter(|&i| {
            let r = &self.list.items[i];
            filter.keeps(r)
                && (crate::app::filter::matches(&r.reason, query)
                    || crate::app::filter::matches(r.remark(), query))
        }));
        debug_assert!(self.view.len() >= start);
    }

    pub fn rebuild_view(&mut self) {
        self.view.clear();
        self.extend_view(0);
    }

    /// The balance over time, bucketed so the chart costs the same for any number of records.
    pub fn rebuild_chart(&mut self) {
        let items = &self.list.items;
        self.chart.clear();
        if items.is_empty() {
            return;
        }
        // Oldest first; the records are newest first.
        let point = |i: usize| {
            let r = &items[items.len() - 1 - i];
            (r.create_time as f64, r.after)
        };
        if items.len() <= CHART_POINTS {
            self.chart.extend((0..items.len()).map(point));
            return;
        }
        let per = items.len().div_ceil(CHART_POINTS / 2);
        for start in (0..items.len()).step_by(per) {
            let bucket = (start..(start + per).min(items.len())).map(point);
            let (mut lo, mut hi) = ((0.0, f64::INFINITY), (0.0, f64::NEG_INFINITY));
            for p in bucket {
                if p.1 < lo.1 {
                    lo = p;
                }
                if p.1 > hi.1 {
                    hi = p;
                }
            }
            let (first, second) = if lo.0 <= hi.0 { (lo, hi) } else { (hi, lo) };
            self.chart.push(first);
            if second != first {
                self.chart.push(second);
            }
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct GroupsState {
    pub list: Paged<Group>,
    pub category: String,
    pub keyword: String,
    pub cursor: ListCursor,
}

/// The `/` search box of Discover. The search runs after a pause in typing.
#[derive(Debug, Clone)]
pub struct SearchBox {
    pub input: Input,
    pub due: Option<Instant>,
}

/// How long typing must pause before a search is sent.
pub const SEARCH_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

/// The rows of the settings pane, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingRow {
    Server,
    Language,
    Theme,
    CoinsPage,
    GroupsPage,
    Mouse,
    Notification,
    Module(u32),
    Phone,
    Email,
    Password,
    Logout,
    Limits,
    Versions,
    Grey,
}

pub const SETTING_ROWS: [SettingRow; 17] = [
    SettingRow::Server,
    SettingRow::Language,
    SettingRow::Theme,
    SettingRow::CoinsPage,
    SettingRow::GroupsPage,
    SettingRow::Mouse,
    SettingRow::Notification,
    SettingRow::Module(crate::api::model::MODULE_HIDE_COMMUNITY),
    SettingRow::Module(crate::api::model::MODULE_HIDE_DISCOVER),
    SettingRow::Module(crate::api::model::MODULE_COMPACT_ME),
    SettingRow::Phone,
    SettingRow::Email,
    SettingRow::Password,
    SettingRow::Logout,
    SettingRow::Limits,
    SettingRow::Versions,
    SettingRow::Grey,
];

/// The platforms whose newest official client is shown.
pub const PLATFORMS: [&str; 4] = ["windows", "macos", "android", "ios"];

/// A popup with its own state, over the current pane.
#[derive(Debug, Clone)]
pub enum Popup {
    /// A group's details, by index into the loaded groups.
    Group(usize),
    /// A bot's details, by index into the bots.
    Bot(usize),
    /// Editing one text setting (server URL, a page size).
    SettingInput {
        row: SettingRow,
        input: Input,
        error: Option<String>,
    },
    /// Binding a phone or email, or changing the password.
    Verify(Box<VerifyForm>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Login,
    Main,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Profile,
    Medals,
    Coins,
    Discover,
    Settings,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Profile,
        Tab::Medals,
        Tab::Coins,
        Tab::Discover,
        Tab::Settings,
    ];

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn from_index(i: usize) -> Tab {
        Tab::ALL[i % Tab::ALL.len()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    /// Every key, scrolled by this many lines.
    Help(u16),
    ConfirmQuit,
    ConfirmDiscard,
    /// `L` or Settings → log out: asks first (y / Enter, n / Esc).
    ConfirmLogout,
}

/// A string of the language tables, named so a message can be put in words when it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgKey {
    Failed,
    SaveFailed,
    Copied,
    LinkCopied,
    Saved,
    NothingChanged,
    Loading,
    Saving,
    Done,
    RestartNote,
    PasteCut,
    CoinPageFailed,
    TokenNotSaved,
    TokenNotDeleted,
    AccountIdNotSaved,
    SettingsNotSaved,
    Opening,
    CopiedOverSsh,
    CopiedOpenFailed,
    SaveCancelled,
}

impl MsgKey {
    pub fn text(self, s: &Strings) -> &'static str {
        match self {
            MsgKey::Failed => s.failed,
            MsgKey::SaveFailed => s.save_failed,
            MsgKey::Copied => s.copied,
            MsgKey::LinkCopied => s.link_copied,
            MsgKey::Saved => s.saved,
            MsgKey::NothingChanged => s.nothing_changed,
            MsgKey::Loading => s.loading,
            MsgKey::Saving => s.saving,
            MsgKey::Done => s.done,
            MsgKey::RestartNote => s.restart_note,
            MsgKey::PasteCut => s.paste_cut,
            MsgKey::CoinPageFailed => s.coin_page_failed,
            MsgKey::TokenNotSaved => s.token_not_saved,
            MsgKey::TokenNotDeleted => s.token_not_deleted,
            MsgKey::AccountIdNotSaved => s.account_id_not_saved,
            MsgKey::SettingsNotSaved => s.settings_not_saved,
            MsgKey::Opening => s.opening,
            MsgKey::CopiedOverSsh => s.copied_over_ssh,
            MsgKey::CopiedOpenFailed => s.copied_open_failed,
            MsgKey::SaveCancelled => s.save_cancelled,
        }
    }
}

/// What a status line says, kept as a message key and its arguments (not as text): it is put
/// in words when drawn, so it follows a change of language.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Said as it is (a path, a number, the system's words).
    Plain(String),
    /// A string of the tables, its `{}` slots filled by the arguments in order.
    Key(MsgKey, Vec<Msg>),
    /// An API error, described in the language of the moment.
    Api(crate::api::ApiError),
    /// Parts joined by ": ".
    Join(Vec<Msg>),
}

impl Msg {
    pub fn key(key: MsgKey) -> Msg {
        Msg::Key(key, Vec::new())
    }

    pub fn render(&self, s: &Strings) -> String {
        match self {
            Msg::Plain(text) => text.clone(),
            Msg::Key(key, args) if args.is_empty() => key.text(s).to_owned(),
            Msg::Key(key, args) => {
                let args: Vec<String> = args.iter().map(|a| a.render(s)).collect();
                let refs: Vec<&dyn std::fmt::Display> =
                    args.iter().map(|a| a as &dyn std::fmt::Display).collect();
                crate::i18n::fill(key.text(s), &refs)
            }
            Msg::Api(e) => crate::i18n::describe(e, s),
            Msg::Join(parts) => parts
                .iter()
                .map(|p| p.render(s))
                .collect::<Vec<_>>()
                .join(": "),
        }
    }

    /// The key it starts with, if any.
    pub fn first_key(&self) -> Option<MsgKey> {
        match self {
            Msg::Key(key, _) => Some(*key),
            Msg::Join(parts) => parts.first().and_then(Msg::first_key),
            _ => None,
        }
    }
}

/// How long a status message stays: a notice briefly, an error long enough to be read.
pub const NOTICE_FOR: std::time::Duration = std::time::Duration::from_secs(5);
pub const ERROR_FOR: std::time::Duration = std::time::Duration::from_secs(15);

#[derive(Debug, Clone, PartialEq)]
pub struct StatusLine {
    pub msg: Msg,
    pub error: bool,
    /// When it goes away (the loop wakes up once for it; there is no fixed tick).
    pub until: Instant,
}

impl StatusLine {
    pub fn new(msg: Msg, error: bool, now: Instant) -> StatusLine {
        let until = now + if error { ERROR_FOR } else { NOTICE_FOR };
        StatusLine { msg, error, until }
    }

    /// The message in the language of `s`.
    pub fn text(&self, s: &Strings) -> String {
        self.msg.render(s)
    }
}

/// How the screen looks: theme, and the service's grey mode (M4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub theme: ThemeName,
    pub no_color: bool,
}

/// The smallest terminal the layout is drawn in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub struct AppState {
    /// `--lang` or `YUNHU_TUI_LANG` for this run; a language chosen in Settings replaces it.
    /// Otherwise the language, the theme and the page sizes are those of `settings`: one
    /// value, nothing to keep in step.
    pub lang_override: Option<Lang>,
    /// `NO_COLOR`.
    pub no_color: bool,
    pub screen: Screen,
    pub tab: Tab,
    pub overlay: Overlay,
    pub keymap: Keymap,
    pub server: String,
    /// The own account id, when known before `info` answers (saved from the last session).
    pub account_id: Option<String>,

    pub info: Remote<user_info::Data>,
    pub own: Remote<get_user_response::Data>,
    pub user_data: Remote<UserData>,
    pub medals: Remote<Vec<MedalInfo>>,
    pub medal_cursor: ListCursor,
    pub coins: CoinsState,
    pub categories: Remote<Vec<String>>,
    pub groups: GroupsState,
    /// Discover's sub-tab: a category index, or the bots after the last category.
    pub show_bots: bool,
    pub bots: Remote<Vec<Bot>>,
    pub bot_cursor: ListCursor,
    pub search: Option<SearchBox>,
    /// The `/` filters of the other lists (medals, coins, bots, settings).
    pub filters: crate::app::filter::Filters,
    pub distribution: Remote<Distribution>,
    pub gray: Remote<bool>,
    pub notification: Remote<Notification>,
    pub modules: Remote<ModuleIgnore>,
    /// A settings switch (S2/S4) in flight.
    pub switch_pending: Option<RequestId>,
    pub limits: Remote<ServiceSetting>,
    pub versions: Vec<(&'static str, Remote<UpdateInfo>)>,
    /// The app settings as saved in config.toml.
    pub settings: Settings,
    /// What `language = "auto"` means here.
    pub locale_lang: Lang,
    pub popup: Option<Popup>,

    pub reveal_contacts: bool,
    /// Cursor (or scroll offset) of each tab.
    pub cursor: [usize; 5],
    pub edit: Option<EditForm>,
    /// `e` was pressed before the profile arrived: open the form when it does.
    pub edit_requested: bool,
    pub login: LoginForm,
    /// The request id of a logout in flight.
    pub logout_pending: Option<RequestId>,
    pub status: Option<StatusLine>,
    pub next_id: RequestId,
    pub spinner: usize,
    pub size: (u16, u16),
    pub quit: bool,
}

impl AppState {
    pub fn new(
        lang: Lang,
        look: Look,
        keymap: Keymap,
        page_sizes: PageSizes,
        server: String,
    ) -> AppState {
        AppState {
            lang_override: Some(lang),
            no_color: look.no_color,
            screen: Screen::Login,
            tab: Tab::Profile,
            overlay: Overlay::None,
            keymap,
            server,
            account_id: None,
            info: Remote::default(),
            own: Remote::default(),
            user_data: Remote::default(),
            medals: Remote::default(),
            medal_cursor: ListCursor::default(),
            coins: CoinsState::default(),
            categories: Remote::default(),
            groups: GroupsState::default(),
            show_bots: false,
            bots: Remote::default(),
            bot_cursor: ListCursor::default(),
            search: None,
            filters: Default::default(),
            distribution: Remote::default(),
            gray: Remote::default(),
            notification: Remote::default(),
            modules: Remote::default(),
            switch_pending: None,
            limits: Remote::default(),
            versions: PLATFORMS.iter().map(|p| (*p, Remote::default())).collect(),
            settings: Settings {
                theme: look.theme,
                page_size: page_sizes,
                ..Settings::default()
            },
            locale_lang: lang,
            popup: None,
            reveal_contacts: false,
            cursor: [0; 5],
            edit: None,
            edit_requested: false,
            login: LoginForm::default(),
            logout_pending: None,
            status: None,
            next_id: 0,
            spinner: 0,
            size: (80, 24),
            quit: false,
        }
    }

    pub fn s(&self) -> &'static Strings {
        self.lang().strings()
    }

    /// The language of the screen: the run's override, else the setting (auto: the locale).
    pub fn lang(&self) -> Lang {
        self.lang_override.unwrap_or(match self.settings.language {
            Language::Auto => self.locale_lang,
            Language::Zh => Lang::Zh,
            Language::En => Lang::En,
        })
    }

    pub fn set_lang(&mut self, lang: Lang) {
        self.lang_override = Some(lang);
    }

    pub fn look(&self) -> Look {
        Look {
            theme: self.settings.theme,
            no_color: self.no_color,
        }
    }

    pub fn page_sizes(&self) -> &PageSizes {
        &self.settings.page_size
    }

    pub fn next_request(&mut self) -> RequestId {
        self.next_id += 1;
        self.next_id
    }

    /// The spinner's character for this frame.
    pub fn spinner_frame(&self) -> &'static str {
        const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
        SPINNER[self.spinner % SPINNER.len()]
    }

    pub fn has_unsaved_edits(&self) -> bool {
        self.edit.as_ref().is_some_and(EditForm::is_dirty)
    }

    /// Grey mode: the service asks for it (M4 = 1).
    pub fn grey(&self) -> bool {
        self.gray.value == Some(true)
    }

    /// Every pane has its first answer (data or an error): the moment the start-up is done.
    pub fn first_data_complete(&self) -> bool {
        fn settled<T>(r: &Remote<T>) -> bool {
            r.pending.is_none() && (r.value.is_some() || r.error.is_some())
        }
        settled(&self.info)
            && settled(&self.own)
            && settled(&self.user_data)
            && settled(&self.medals)
            && settled(&self.categories)
            && settled(&self.bots)
            && settled(&self.distribution)
            && settled(&self.gray)
            && settled(&self.notification)
            && settled(&self.modules)
            && settled(&self.limits)
            && self.versions.iter().all(|(_, r)| settled(r))
            && (self.coins.list.pages > 0 || self.coins.list.error.is_some())
            && (self.groups.list.pages > 0 || self.groups.list.error.is_some())
    }

    /// When the loop must wake up next without an event (a search after a typing pause, a
    /// status message to take away).
    pub fn next_deadline(&self) -> Option<Instant> {
        let search = self.search.as_ref().and_then(|s| s.due);
        let status = self.status.as_ref().map(|s| s.until);
        match (search, status) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Shows a notice in the status line (it goes after a few seconds).
    pub fn notify(&mut self, msg: Msg) {
        self.status = Some(StatusLine::new(msg, false, Instant::now()));
    }

    /// Shows an error in the status line.
    pub fn alert(&mut self, msg: Msg) {
        self.status = Some(StatusLine::new(msg, true, Instant::now()));
    }

    /// Takes away a status message whose time is up.
    pub fn expire_status(&mut self, now: Instant) {
        if self.status.as_ref().is_some_and(|s| s.until <= now) {
            self.status = None;
        }
    }
}
