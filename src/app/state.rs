//! Everything the dashboard knows. `ui::render` reads it; only `update` changes it.

use crate::api::actor::RequestId;
use crate::api::model::{Bot, CoinPage, Distribution, Group, UserData};
use crate::app::form::EditForm;
use crate::app::i18n::{Lang, Strings};
use crate::app::keymap::Keymap;
use crate::app::login::LoginForm;
use crate::app::remote::Remote;
use crate::proto::{MedalInfo, get_user_response, user_info};
use crate::settings::{PageSizes, ThemeName};

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
    Help,
    ConfirmQuit,
    ConfirmDiscard,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusLine {
    pub text: String,
    pub error: bool,
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
    pub lang: Lang,
    pub look: Look,
    pub screen: Screen,
    pub tab: Tab,
    pub overlay: Overlay,
    pub keymap: Keymap,
    pub page_sizes: PageSizes,
    pub server: String,
    /// The own account id, when known before `info` answers (saved from the last session).
    pub account_id: Option<String>,

    pub info: Remote<user_info::Data>,
    pub own: Remote<get_user_response::Data>,
    pub user_data: Remote<UserData>,
    pub medals: Remote<Vec<MedalInfo>>,
    pub coins: Remote<CoinPage>,
    pub categories: Remote<Vec<String>>,
    /// The category whose groups are shown.
    pub category: String,
    pub groups: Remote<Vec<Group>>,
    pub bots: Remote<Vec<Bot>>,
    pub distribution: Remote<Distribution>,
    pub gray: Remote<bool>,

    pub reveal_contacts: bool,
    /// Cursor (or scroll offset) of each tab.
    pub cursor: [usize; 5],
    pub edit: Option<EditForm>,
    pub login: LoginForm,
    /// The request id of a logout in flight.
    pub logout_pending: Option<RequestId>,
    pub status: Option<StatusLine>,
    pub next_id: RequestId,
    pub spinner: usize,
    pub size: (u16, u16),
    pub quit: bool,
    /// Turns captcha PNGs into terminal pictures (sixel/kitty/iTerm2, or half blocks).
    pub picker: ratatui_image::picker::Picker,
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
            lang,
            look,
            screen: Screen::Login,
            tab: Tab::Profile,
            overlay: Overlay::None,
            keymap,
            page_sizes,
            server,
            account_id: None,
            info: Remote::default(),
            own: Remote::default(),
            user_data: Remote::default(),
            medals: Remote::default(),
            coins: Remote::default(),
            categories: Remote::default(),
            category: String::new(),
            groups: Remote::default(),
            bots: Remote::default(),
            distribution: Remote::default(),
            gray: Remote::default(),
            reveal_contacts: false,
            cursor: [0; 5],
            edit: None,
            login: LoginForm::default(),
            logout_pending: None,
            status: None,
            next_id: 0,
            spinner: 0,
            size: (80, 24),
            quit: false,
            picker: ratatui_image::picker::Picker::halfblocks(),
        }
    }

    pub fn s(&self) -> &'static Strings {
        self.lang.strings()
    }

    pub fn next_request(&mut self) -> RequestId {
        self.next_id += 1;
        self.next_id
    }

    /// Anything awaited that is on screen now: the spinner ticks only then.
    pub fn shows_loading(&self) -> bool {
        let edit_saving = self.edit.as_ref().is_some_and(|e| e.is_saving());
        match self.screen {
            Screen::Login => self.login.pending.is_some() || self.login.captcha.is_loading(),
            Screen::Main => {
                edit_saving
                    || self.info.is_loading()
                    || match self.tab {
                        Tab::Profile => self.own.is_loading() || self.user_data.is_loading(),
                        Tab::Medals => self.medals.is_loading(),
                        Tab::Coins => self.coins.is_loading(),
                        Tab::Discover => {
                            self.categories.is_loading()
                                || self.groups.is_loading()
                                || self.bots.is_loading()
                        }
                        Tab::Settings => {
                            self.distribution.is_loading()
                                || self.gray.is_loading()
                                || self.logout_pending.is_some()
                        }
                    }
            }
        }
    }

    pub fn has_unsaved_edits(&self) -> bool {
        self.edit.as_ref().is_some_and(EditForm::is_dirty)
    }

    /// Grey mode: the service asks for it (M4 = 1).
    pub fn grey(&self) -> bool {
        self.gray.value == Some(true)
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }
}
