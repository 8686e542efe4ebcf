//! Everything the dashboard knows. `ui::render` reads it; only `update` changes it.

use std::time::Instant;

use tui_input::Input;

use crate::api::actor::RequestId;
use crate::app::account::AccountView;
use crate::app::form::EditForm;
use crate::app::keymap::Keymap;
use crate::app::settings_pane::SettingRow;
use crate::app::verify::VerifyForm;
use crate::i18n::{Lang, Strings};
use crate::settings::{Language, PageSizes, Settings, ThemeName};

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
    /// `x` in Coins: the file the coin history is written to.
    Export(Box<crate::app::export::ExportForm>),
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
    /// SealTalk's panes (its Profile is `Profile`: the service tells which one is drawn).
    Friends,
    Groups,
    Blacklist,
    ScreenCapture,
    About,
    /// chaoqer's panes (its Profile, Blacklist and About are the ones above).
    Messages,
    Cards,
    Clubs,
    Events,
}

impl Tab {
    /// Yunhu's tabs, in order.
    pub const ALL: [Tab; 5] = [
        Tab::Profile,
        Tab::Medals,
        Tab::Coins,
        Tab::Discover,
        Tab::Settings,
    ];

    /// SealTalk's tabs, in order (`Service::panes`).
    pub const SEALTALK: [Tab; 6] = [
        Tab::Profile,
        Tab::Friends,
        Tab::Groups,
        Tab::Blacklist,
        Tab::ScreenCapture,
        Tab::About,
    ];

    /// chaoqer's tabs, in order (`Service::panes`).
    pub const CHAOQER: [Tab; 7] = [
        Tab::Profile,
        Tab::Messages,
        Tab::Blacklist,
        Tab::Cards,
        Tab::Clubs,
        Tab::Events,
        Tab::About,
    ];

    /// The tabs of an account of `service`, in order.
    pub fn of(service: crate::service::Service) -> &'static [Tab] {
        match service {
            crate::service::Service::Yunhu => &Tab::ALL,
            crate::service::Service::Sealtalk => &Tab::SEALTALK,
            crate::service::Service::Chaoqer => &Tab::CHAOQER,
        }
    }

    /// Its place among Yunhu's tabs.
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// Its place among the tabs of `service` (0 when it is not one of them).
    pub fn index_in(self, service: crate::service::Service) -> usize {
        Tab::of(service)
            .iter()
            .position(|t| *t == self)
            .unwrap_or(0)
    }

    pub fn from_index(i: usize) -> Tab {
        Tab::ALL[i % Tab::ALL.len()]
    }

    /// Tab `i` of `service`, wrapping around.
    pub fn from_index_in(service: crate::service::Service, i: usize) -> Tab {
        let tabs = Tab::of(service);
        tabs[i % tabs.len()]
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
    /// The account switcher (`a`), its cursor on this row.
    Accounts(usize),
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
    CoinSyncFailed,
    TokenNotSaved,
    TokenNotDeleted,
    AccountIdNotSaved,
    SettingsNotSaved,
    Opening,
    CopiedOverSsh,
    CopiedOpenFailed,
    SaveCancelled,
    StoreNotUsed,
    ExportNothing,
    Exported,
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
            MsgKey::CoinSyncFailed => s.coin_sync_failed,
            MsgKey::TokenNotSaved => s.token_not_saved,
            MsgKey::TokenNotDeleted => s.token_not_deleted,
            MsgKey::AccountIdNotSaved => s.account_id_not_saved,
            MsgKey::SettingsNotSaved => s.settings_not_saved,
            MsgKey::Opening => s.opening,
            MsgKey::CopiedOverSsh => s.copied_over_ssh,
            MsgKey::CopiedOpenFailed => s.copied_open_failed,
            MsgKey::SaveCancelled => s.save_cancelled,
            MsgKey::StoreNotUsed => s.store_not_used,
            MsgKey::ExportNothing => s.export_nothing,
            MsgKey::Exported => s.exported,
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
    pub tab: Tab,
    pub overlay: Overlay,
    pub keymap: Keymap,
    /// The account shown: its login screen or panes, forms and popups.
    pub account: AccountView,
    /// Every account, which one is shown, and the others' views as they were left.
    pub accounts: crate::app::switcher::Switcher,
    /// The app settings as saved in config.toml.
    pub settings: Settings,
    /// What `language = "auto"` means here.
    pub locale_lang: Lang,
    pub status: Option<StatusLine>,
    /// The last request id given out; ids are unique across accounts, so an answer can never
    /// be taken for another account's.
    pub next_id: RequestId,
    pub spinner: usize,
    pub size: (u16, u16),
    pub quit: bool,
    /// The wall clock (Unix ms) the ages on screen are measured against: the loop sets it
    /// before each frame, tests fix it.
    pub now_ms: i64,
    /// `--offline`: the store only, nothing is sent.
    pub offline: bool,
    /// The runtime can bring coin histories up to date in the store (the dashboard's store
    /// thread has the accounts' clients); without it the Coins pane pages the server.
    pub sync_coins: bool,
    /// Where `x` in Coins offers to write the history (the runtime fills it).
    pub export_dirs: crate::app::export::ExportDirs,
    /// Pictures by address, and what the terminal draws them with.
    pub pictures: crate::app::pictures::Pictures,
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
            tab: Tab::Profile,
            overlay: Overlay::None,
            keymap,
            account: AccountView::new(server),
            accounts: Default::default(),
            settings: Settings {
                theme: look.theme,
                page_size: page_sizes,
                ..Settings::default()
            },
            locale_lang: lang,
            status: None,
            next_id: 0,
            spinner: 0,
            size: (80, 24),
            quit: false,
            now_ms: 0,
            sync_coins: false,
            offline: false,
            export_dirs: Default::default(),
            pictures: Default::default(),
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
        self.account.edit.as_ref().is_some_and(EditForm::is_dirty)
            || crate::app::sealtalk::has_unsaved_edits(self)
            || crate::app::chaoqer::has_unsaved_edits(self)
    }

    /// Grey mode: the service asks for it (M4 = 1).
    pub fn grey(&self) -> bool {
        self.account.settings.grey.value == Some(true)
    }

    /// Every pane has its first answer (data or an error): the moment the start-up is done.
    pub fn first_data_complete(&self) -> bool {
        self.account.first_data_complete()
    }

    /// When the loop must wake up next without an event (a search after a typing pause, a
    /// status message to take away).
    pub fn next_deadline(&self) -> Option<Instant> {
        let search = self.account.discover.search.as_ref().and_then(|s| s.due);
        let status = self.status.as_ref().map(|s| s.until);
        // The refresh only while it can send (not `--offline`) and something is shown.
        let refresh = self
            .account
            .next_refresh
            .filter(|_| !self.offline && self.account.screen == Screen::Main);
        [search, status, refresh].into_iter().flatten().min()
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
