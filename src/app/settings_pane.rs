//! The settings pane: app settings changed in place and saved to config.toml; the account's
//! notification and module switches; phone, email and password flows; service information.

use crate::app::pane::Pane;
use crate::app::state::Tab;
use std::ops::ControlFlow;

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use crate::api::actor::{Command, Reply};
use crate::api::model::{Distribution, ModuleIgnore, Notification, ServiceSetting, UpdateInfo};
use crate::app::action::Effect;
use crate::app::code_flow::Notice;
use crate::app::filter::ListFilter;
use crate::app::keymap::Intent;
use crate::app::remote::Remote;
use crate::app::requests::{Slot, request};
use crate::app::state::{AppState, Msg, MsgKey, Popup};
use crate::app::update::is_ctrl;
use crate::app::verify::{VerifyField, VerifyForm, VerifyKind};
use crate::i18n::describe;
use crate::settings::{Language, ThemeName};

/// The rows of the settings pane, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingRow {
    Server,
    Language,
    Theme,
    CoinsPage,
    GroupsPage,
    Mouse,
    Images,
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

pub const SETTING_ROWS: [SettingRow; 18] = [
    SettingRow::Server,
    SettingRow::Language,
    SettingRow::Theme,
    SettingRow::CoinsPage,
    SettingRow::GroupsPage,
    SettingRow::Mouse,
    SettingRow::Images,
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

/// The platforms whose newest official client is shown (the service's list, M5).
pub use crate::api::PLATFORMS;

/// What the settings pane shows of the account and the service, and where its cursor is.
#[derive(Debug, Clone)]
pub struct SettingsState {
    /// The row the cursor is on (an index into `SETTING_ROWS`).
    pub cursor: usize,
    /// The share-link prefix (also used by Discover).
    pub distribution: Remote<Distribution>,
    /// The service's grey mode (M4).
    pub grey: Remote<bool>,
    pub notification: Remote<Notification>,
    pub modules: Remote<ModuleIgnore>,
    pub limits: Remote<ServiceSetting>,
    pub versions: Vec<(&'static str, Remote<UpdateInfo>)>,
    /// The rows' `/` filter.
    pub list_filter: ListFilter,
}

impl Default for SettingsState {
    fn default() -> Self {
        SettingsState {
            cursor: 0,
            distribution: Remote::default(),
            grey: Remote::default(),
            notification: Remote::default(),
            modules: Remote::default(),
            limits: Remote::default(),
            versions: PLATFORMS.iter().map(|p| (*p, Remote::default())).collect(),
            list_filter: ListFilter::default(),
        }
    }
}

/// Every request the pane shows the answer of.
pub fn load(state: &mut AppState) -> Vec<Effect> {
    let mut fx = load_switches(state);
    state.account.settings.limits.begin();
    fx.push(request(state, Slot::Limits, Command::ServiceSetting));
    let user_id = (state.account.account_id.clone()).unwrap_or_else(|| "0".into());
    for (i, platform) in PLATFORMS.iter().enumerate() {
        if let Some((_, remote)) = state.account.settings.versions.get_mut(i) {
            remote.begin();
        }
        let command = Command::LatestVersion {
            platform: (*platform).into(),
            user_id: user_id.clone(),
        };
        fx.push(request(state, Slot::Version(i), command));
    }
    fx
}

fn status(state: &mut AppState, msg: Msg, error: bool) {
    if error {
        state.alert(msg);
    } else {
        state.notify(msg);
    }
}

fn save(state: &AppState) -> Effect {
    Effect::SaveSettings(state.settings.clone())
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    // Moves go over the rows the `/` filter leaves (all of them without one).
    let steps: Option<isize> = match intent {
        Intent::Down => Some(1),
        Intent::Up => Some(-1),
        Intent::Top => Some(-(SETTING_ROWS.len() as isize)),
        Intent::Bottom => Some(SETTING_ROWS.len() as isize),
        Intent::PageDown => Some(5),
        Intent::PageUp => Some(-5),
        _ => None,
    };
    if let Some(steps) = steps {
        let from = state.account.settings.cursor;
        state.account.settings.cursor = crate::app::filter::setting_step(state, from, steps);
        return Some(Vec::new());
    }
    let at = state.account.settings.cursor;
    let last = SETTING_ROWS.len() - 1;
    match intent {
        Intent::Open | Intent::Right => {
            let row = SETTING_ROWS[at.min(last)];
            Some(activate(state, row, true))
        }
        Intent::Left => {
            let row = SETTING_ROWS[at.min(last)];
            Some(activate(state, row, false))
        }
        Intent::Retry => {
            let mut fx = load(state);
            fx.push(crate::app::session::reload_distribution(state));
            fx.push(crate::app::session::reload_grey(state));
            Some(fx)
        }
        _ => None,
    }
}

fn activate(state: &mut AppState, row: SettingRow, forward: bool) -> Vec<Effect> {
    match row {
        SettingRow::Server => {
            state.account.popup = Some(Popup::SettingInput {
                row,
                input: tui_input::Input::new(state.settings.server.clone()),
                error: None,
            });
        }
        SettingRow::CoinsPage | SettingRow::GroupsPage => {
            let value = if row == SettingRow::CoinsPage {
                state.settings.page_size.coins
            } else {
                state.settings.page_size.groups
            };
            state.account.popup = Some(Popup::SettingInput {
                row,
                input: tui_input::Input::new(value.to_string()),
                error: None,
            });
        }
        SettingRow::Language => {
            let order = [Language::Auto, Language::Zh, Language::En];
            let at = order
                .iter()
                .position(|l| *l == state.settings.language)
                .unwrap_or(0);
            state.settings.language = order[if forward { (at + 1) % 3 } else { (at + 2) % 3 }];
            // The choice made here replaces the run's --lang.
            state.lang_override = None;
            return vec![save(state)];
        }
        SettingRow::Theme => {
            state.settings.theme = match state.settings.theme {
                ThemeName::Dark => ThemeName::Light,
                ThemeName::Light => ThemeName::Dark,
            };
            return vec![save(state)];
        }
        SettingRow::Mouse => {
            state.settings.mouse = !state.settings.mouse;
            return vec![Effect::SetMouse(state.settings.mouse), save(state)];
        }
        SettingRow::Images => {
            use crate::settings::ImageMode;
            state.settings.images = match state.settings.images {
                ImageMode::Auto => ImageMode::Halfblocks,
                ImageMode::Halfblocks => ImageMode::Off,
                ImageMode::Off => ImageMode::Auto,
            };
            // Turned back on, the pictures on screen are asked for by `update`.
            return vec![save(state)];
        }
        SettingRow::Notification => {
            if !state.account.loading(Slot::Switch)
                && let Some(open) = state
                    .account
                    .settings
                    .notification
                    .value
                    .as_ref()
                    .map(|n| n.is_open)
            {
                return vec![request(
                    state,
                    Slot::Switch,
                    Command::SetNotification(!open),
                )];
            }
        }
        SettingRow::Module(module) => {
            if !state.account.loading(Slot::Switch) {
                // Non-VIP accounts have no module list; the server then says why it refuses.
                let mut ids = state
                    .account
                    .settings
                    .modules
                    .value
                    .as_ref()
                    .map(|m| m.modules())
                    .unwrap_or_default();
                match ids.iter().position(|m| *m == module) {
                    Some(i) => {
                        ids.remove(i);
                    }
                    None => ids.push(module),
                }
                return vec![request(state, Slot::Switch, Command::SetModuleIgnore(ids))];
            }
        }
        SettingRow::Phone | SettingRow::Email | SettingRow::Password => {
            let info = state.account.profile.info.value.as_ref();
            let kind = match row {
                SettingRow::Phone => VerifyKind::Phone,
                SettingRow::Email => VerifyKind::Email,
                _ => VerifyKind::Password,
            };
            let current = match kind {
                VerifyKind::Phone => info.map(|i| i.phone.clone()),
                _ => info.map(|i| i.email.clone()),
            }
            .unwrap_or_default();
            let email = info.map(|i| i.email.clone()).unwrap_or_default();
            state.account.popup = Some(Popup::Verify(Box::new(VerifyForm::new(
                kind, &current, &email,
            ))));
            return vec![new_captcha(state)];
        }
        SettingRow::Logout => crate::app::session::ask_logout(state),
        SettingRow::Limits | SettingRow::Versions | SettingRow::Grey => {}
    }
    Vec::new()
}

fn new_captcha(state: &mut AppState) -> Effect {
    if let Some(form) = verify_form(state) {
        form.flow.captcha_requested();
    }
    request(state, Slot::VerifyCaptcha, Command::Captcha)
}

/// Keys of the settings popups.
pub fn popup_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    match state.account.popup.as_mut() {
        Some(Popup::SettingInput { .. }) => setting_input_key(state, key),
        Some(Popup::Verify(_)) => verify_key(state, key),
        _ => Vec::new(),
    }
}

fn setting_input_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let s = state.s();
    let Some(Popup::SettingInput { row, input, error }) = state.account.popup.as_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Esc => state.account.popup = None,
        KeyCode::Enter => {
            let value = input.value().trim().to_owned();
            let row = *row;
            match row {
                SettingRow::Server => {
                    if !url::Url::parse(&value)
                        .is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
                    {
                        *error = Some(s.not_a_url.into());
                        return Vec::new();
                    }
                    state.settings.server = value;
                    status(state, Msg::key(MsgKey::RestartNote), false);
                }
                _ => {
                    let Some(n) = value.parse::<u32>().ok().filter(|n| (1..=100).contains(n))
                    else {
                        *error = Some(s.page_size_range.into());
                        return Vec::new();
                    };
                    if row == SettingRow::CoinsPage {
                        state.settings.page_size.coins = n;
                    } else {
                        state.settings.page_size.groups = n;
                    }
                }
            }
            state.account.popup = None;
            return vec![save(state)];
        }
        _ => {
            input.handle_event(&crossterm::event::Event::Key(key));
            *error = None;
        }
    }
    Vec::new()
}

fn verify_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let s = state.s();
    if state.account.loading(Slot::Verify) {
        return Vec::new();
    }
    let captcha_loading = state.account.loading(Slot::VerifyCaptcha);
    let Some(Popup::Verify(form)) = state.account.popup.as_mut() else {
        return Vec::new();
    };
    let ctrl_r = is_ctrl(&key, 'r');
    match key.code {
        KeyCode::Esc => close_verify(state),
        KeyCode::Tab | KeyCode::Down => form.move_focus(true),
        KeyCode::BackTab | KeyCode::Up => form.move_focus(false),
        _ if ctrl_r && form.flow.sent_to.is_none() => return vec![new_captcha(state)],
        KeyCode::Enter => {
            let Some(command) = form.submit(s) else {
                if form.flow.sent_to.is_none() && form.flow.wants_captcha(captcha_loading) {
                    return vec![new_captcha(state)];
                }
                return Vec::new();
            };
            form.notice = None;
            return vec![request(state, Slot::Verify, command)];
        }
        _ => {
            let field = form.focus;
            form.input_mut(field)
                .handle_event(&crossterm::event::Event::Key(key));
        }
    }
    Vec::new()
}

fn verify_form(state: &mut AppState) -> Option<&mut VerifyForm> {
    match state.account.popup.as_mut() {
        Some(Popup::Verify(form)) => Some(form),
        _ => None,
    }
}

/// Answers for the pane: `Break` with its effects, or `Continue` with a reply it does not take.
pub fn on_reply(state: &mut AppState, slot: Slot, reply: Reply) -> ControlFlow<Vec<Effect>, Reply> {
    let s = state.s();
    let settings = &mut state.account.settings;
    match reply {
        Reply::Distribution(r) => settings.distribution.settle(r),
        Reply::GrayStatus(r) => settings.grey.settle(r),
        Reply::Notification(r) => settings.notification.settle(r),
        Reply::Modules(r) => settings.modules.settle(r),
        Reply::ServiceSetting(r) => settings.limits.settle(r),
        Reply::LatestVersion { platform, result } => {
            if let Some((_, remote)) = settings.versions.iter_mut().find(|(p, _)| *p == platform) {
                remote.settle(result);
            }
        }
        Reply::NotificationSet(r) | Reply::ModulesSet(r) if slot == Slot::Switch => {
            return ControlFlow::Break(match r {
                Ok(()) => load_switches(state),
                Err(e) => {
                    status(state, Msg::Api(e), true);
                    Vec::new()
                }
            });
        }
        Reply::Captcha(r) if slot == Slot::VerifyCaptcha => {
            if let Some(form) = verify_form(state) {
                form.flow.captcha_arrived(r);
            }
        }
        Reply::SmsRequested(r) | Reply::EmailCodeSent(r) if slot == Slot::Verify => {
            let Some(form) = verify_form(state) else {
                return ControlFlow::Break(Vec::new());
            };
            match form.flow.code_answered(r, s) {
                Ok(notice) => {
                    form.notice = Some(notice);
                    form.focus = VerifyField::Code;
                }
                Err(notice) => {
                    form.notice = Some(notice);
                    return ControlFlow::Break(vec![new_captcha(state)]);
                }
            }
        }
        Reply::Verified(r) if slot == Slot::Verify => {
            let Some(form) = verify_form(state) else {
                return ControlFlow::Break(Vec::new());
            };
            match r {
                Ok(()) => {
                    state.account.popup = None;
                    status(state, Msg::key(MsgKey::Done), false);
                    return ControlFlow::Break(vec![crate::app::session::reload_info(state)]);
                }
                Err(e) => form.notice = Some(Notice::error(describe(&e, s))),
            }
        }
        other => return ControlFlow::Continue(other),
    }
    ControlFlow::Break(Vec::new())
}

/// Both switches, read (again, after one changed) from the server.
fn load_switches(state: &mut AppState) -> Vec<Effect> {
    state.account.settings.notification.begin();
    state.account.settings.modules.begin();
    vec![
        request(state, Slot::Notification, Command::NotificationStatus),
        request(state, Slot::Modules, Command::ModuleIgnore),
    ]
}

/// Closes the verification popup; what it still awaited is no longer wanted.
fn close_verify(state: &mut AppState) {
    state.account.popup = None;
    let which = |s: Slot| matches!(s, Slot::Verify | Slot::VerifyCaptcha);
    state.account.requests.forget(which);
}

/// The pane, as `update` sees it (see [`crate::app::pane::Pane`]).
pub static PANE: Pane = Pane {
    tab: Tab::Settings,
    intent,
    reply: on_reply,
    loading: is_loading,
};

/// Something the pane shows is on its way.
fn is_loading(state: &AppState) -> bool {
    let a = &state.account;
    [
        Slot::Distribution,
        Slot::Grey,
        Slot::Logout,
        Slot::Switch,
        Slot::Notification,
        Slot::Modules,
    ]
    .into_iter()
    .any(|slot| a.loading(slot))
}
