//! The account switcher (`a`): every account of `config.toml` (or the demo's), which one is
//! shown, and the others' views kept as they were left. Coming back to an account shows it
//! at once and asks only for what had not arrived when it was left.

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::account::AccountView;
use crate::app::action::Effect;
use crate::app::requests::Slot;
use crate::app::state::{AppState, Msg, Overlay, Screen};
use crate::app::{coins, discover, session, settings_pane};
use crate::service::Service;
use crate::store::protocol::StoreCommand;

/// An account as the switcher lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountEntry {
    pub name: String,
    pub service: Service,
    /// The server, as shown.
    pub server: String,
    /// It had a login when the dashboard started (its later state is its view's).
    pub logged_in: bool,
    /// Its own id from its last session, so its profile can be asked for at once.
    pub account_id: Option<String>,
}

#[derive(Debug, Default)]
pub struct Switcher {
    pub entries: Vec<AccountEntry>,
    /// The account shown (`AppState::account`).
    pub active: usize,
    /// The views of the accounts not shown: `None` until an account is first shown.
    parked: Vec<Option<AccountView>>,
}

impl Switcher {
    pub fn new(entries: Vec<AccountEntry>, active: usize) -> Switcher {
        let parked = entries.iter().map(|_| None).collect();
        Switcher {
            active: active.min(entries.len().saturating_sub(1)),
            entries,
            parked,
        }
    }

    /// The name of the account shown, when there are several to tell apart.
    pub fn active_name(&self) -> Option<&str> {
        (self.entries.len() > 1)
            .then(|| self.entries.get(self.active).map(|e| e.name.as_str()))
            .flatten()
    }

    /// Whether account `index` is logged in now: the shown one's and a visited one's from
    /// their views, the others' from the start.
    pub fn is_logged_in(&self, state_screen: Screen, index: usize) -> bool {
        if index == self.active {
            return state_screen == Screen::Main;
        }
        match self.parked.get(index) {
            Some(Some(view)) => view.screen == Screen::Main,
            _ => self.entries.get(index).is_some_and(|e| e.logged_in),
        }
    }
}

/// `a`: opens the switcher on the account shown; with one account, says how to add one.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    if state.accounts.entries.len() < 2 {
        state.notify(Msg::Plain(state.s().only_one_account.into()));
    } else {
        state.overlay = Overlay::Accounts(state.accounts.active);
    }
    Vec::new()
}

/// A key while the switcher is open.
pub fn on_key(state: &mut AppState, cursor: usize, key: KeyEvent) -> Vec<Effect> {
    let n = state.accounts.entries.len();
    match key.code {
        KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
            state.overlay = Overlay::Accounts((cursor + 1) % n.max(1));
        }
        KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
            state.overlay = Overlay::Accounts((cursor + n.max(1) - 1) % n.max(1));
        }
        KeyCode::Enter | KeyCode::Char(' ') => return switch_to(state, cursor),
        KeyCode::Char(c @ '1'..='9') => {
            let index = c as usize - '1' as usize;
            if index < n {
                return switch_to(state, index);
            }
        }
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('a') | KeyCode::F(2) => {
            state.overlay = Overlay::None;
        }
        _ => {}
    }
    Vec::new()
}

/// Shows account `index`: the one shown is put aside as it is (its requests in flight
/// stopped), and `index` comes back as it was left, or starts (its panes, or its login
/// screen) when shown for the first time.
pub fn switch_to(state: &mut AppState, index: usize) -> Vec<Effect> {
    state.overlay = Overlay::None;
    let from = state.accounts.active;
    let Some(entry) = state.accounts.entries.get(index).cloned() else {
        return Vec::new();
    };
    if index == from {
        return Vec::new();
    }
    let mut fx = state.account.put_aside();
    let parked = state.accounts.parked.get_mut(index).and_then(Option::take);
    let first_visit = parked.is_none();
    let incoming = parked.unwrap_or_else(|| {
        let mut view = AccountView::new(entry.server.clone());
        view.service = entry.service;
        view.account_id = entry.account_id.clone();
        view
    });
    let outgoing = std::mem::replace(&mut state.account, incoming);
    if let Some(slot) = state.accounts.parked.get_mut(from) {
        *slot = Some(outgoing);
    }
    state.accounts.active = index;
    // Each service has its own tabs: a tab the other account does not have goes to Profile.
    if !crate::app::state::Tab::of(entry.service).contains(&state.tab) {
        state.tab = crate::app::state::Tab::Profile;
    }
    fx.push(Effect::SwitchAccount(index));
    state.notify(Msg::Plain(crate::i18n::fill(
        state.s().switched_account,
        &[&crate::sanitize::line(&entry.name)],
    )));
    if first_visit {
        if entry.logged_in {
            state.account.screen = Screen::Main;
            // Its stored panes first (the store answers before the server does).
            let load = crate::app::stored::ask(state, StoreCommand::LoadPanes);
            if let Effect::Store(id, _) = &load {
                state.account.panes_load = Some(*id);
            }
            fx.push(load);
            fx.extend(session::start_session(state));
        }
    } else if state.account.screen == Screen::Main {
        fx.extend(reload_missing(state));
    }
    fx
}

/// What a view put aside had asked for and not received (a first load, or a reload with
/// `r`): asked for again. What had arrived is kept and not asked for (it is as fresh as
/// when it was left).
fn reload_missing(state: &mut AppState) -> Vec<Effect> {
    if state.account.service == Service::Sealtalk {
        return crate::app::sealtalk::reload_missing(state);
    }
    if state.account.service == Service::Chaoqer {
        return crate::app::chaoqer::reload_missing(state);
    }
    let interrupted = std::mem::take(&mut state.account.interrupted);
    let a = &state.account;
    let missing =
        |settled: bool, slot: Slot| (!settled || interrupted.contains(&slot)) && !a.loading(slot);
    let info = missing(a.profile.info.is_settled(), Slot::Info);
    let own = missing(a.profile.own.is_settled(), Slot::Own);
    let user_data = missing(a.profile.user_data.is_settled(), Slot::UserData);
    let medals = missing(a.medals.list.is_settled(), Slot::Medals);
    let categories = missing(a.discover.categories.is_settled(), Slot::Categories);
    let bots = missing(a.discover.bots.is_settled(), Slot::Bots);
    let distribution = missing(a.settings.distribution.is_settled(), Slot::Distribution);
    let grey = missing(a.settings.grey.is_settled(), Slot::Grey);
    let settings = missing(a.settings.limits.is_settled(), Slot::Limits)
        || missing(a.settings.notification.is_settled(), Slot::Notification)
        || missing(a.settings.modules.is_settled(), Slot::Modules);
    let coins_blank = a.coins.list.is_blank();
    // A stored first page is not this session's: asked for again.
    let groups_blank = a.discover.groups.list.is_blank() || a.discover.groups.stored_at.is_some();
    let mut fx = Vec::new();
    if info {
        fx.push(session::reload_info(state));
    }
    if own && let Some(id) = session::own_id(state) {
        fx.push(session::reload_own(state, id));
    }
    if user_data {
        fx.push(session::reload_user_data(state));
    }
    if medals {
        fx.push(session::reload_medals(state));
    }
    if categories {
        fx.push(session::reload_categories(state));
    }
    if bots {
        fx.push(session::reload_bots(state));
    }
    if distribution {
        fx.push(session::reload_distribution(state));
    }
    if grey {
        fx.push(session::reload_grey(state));
    }
    if settings {
        fx.extend(settings_pane::load(state));
    }
    // A page cut off when the account was left is asked for again as the lists need it.
    fx.extend(if coins_blank {
        coins::reload(state)
    } else {
        coins::prefetch(state)
    });
    fx.extend(if groups_blank {
        discover::reload(state)
    } else {
        discover::prefetch(state)
    });
    fx
}
