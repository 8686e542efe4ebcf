//! A SealTalk account's dashboard: its own state (not Yunhu's pane states), its requests
//! (`Slot::Sealtalk`), its login screen, its six panes and their forms and popups. One file
//! per pane; this module holds what they share.

pub mod about;
pub mod blacklist;
pub mod confirm;
pub mod friends;
pub mod groups;
pub mod list;
pub mod login;
pub mod password;
pub mod profile;
pub mod profile_form;
pub mod screen;
pub mod stored;

use crate::api::actor::Command;
use crate::api::actor_sealtalk::{StCommand, StReply, Versions};
use crate::api::sealtalk::SealtalkError;
use crate::api::sealtalk::model::{BlockedUser, Conversation, Friendship, GroupMembership, User};
use crate::app::action::Effect;
use crate::app::pane::Pane;
use crate::app::requests::{Slot, cancel, request as send};
use crate::app::state::{AppState, Overlay, Screen};

/// What a SealTalk answer fills (one request at a time per slot, as for Yunhu's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StSlot {
    Login,
    Logout,
    Profile,
    /// One part of a profile save.
    Save(profile_form::Part),
    Password,
    Friends,
    Groups,
    Blacklist,
    Unblock,
    Captures,
    SetCapture,
    Versions,
}

impl StSlot {
    /// A pane's load: a failure is said in the status line (what was shown stays).
    pub fn is_load(self) -> bool {
        matches!(
            self,
            StSlot::Profile
                | StSlot::Friends
                | StSlot::Groups
                | StSlot::Blacklist
                | StSlot::Captures
                | StSlot::Versions
        )
    }
}

/// A value asked of the SealTalk server, with SealTalk's errors.
pub type StRemote<T> = crate::app::remote::Remote<T, SealtalkError>;

/// One row of the screen-capture pane: a friend's chat or a group.
#[derive(Debug, Clone, PartialEq)]
pub struct CaptureRow {
    pub conversation: Conversation,
    pub name: String,
    /// On or off; the error of its own request otherwise.
    pub status: Result<bool, String>,
}

/// Everything the dashboard holds for a SealTalk account.
#[derive(Debug, Clone, Default)]
pub struct SealtalkView {
    pub login: crate::app::phone_login::PhoneLoginForm,
    pub profile: StRemote<User>,
    pub friends: StRemote<Vec<Friendship>>,
    pub groups: StRemote<Vec<GroupMembership>>,
    pub blacklist: StRemote<Vec<BlockedUser>>,
    pub captures: StRemote<Vec<CaptureRow>>,
    pub versions: StRemote<Versions>,
    pub friends_list: list::ListState,
    pub groups_list: list::ListState,
    pub blacklist_list: list::ListState,
    pub captures_list: list::ListState,
    /// The profile edit form, while open (kept across a session expiry).
    pub edit: Option<profile_form::ProfileForm>,
    /// The password form, while open (kept across a session expiry).
    pub password: Option<password::PasswordForm>,
    /// A question before an action that changes something on the server.
    pub confirm: Option<confirm::Confirm>,
}

/// The panes of a SealTalk account, in tab order.
pub static PANES: [&Pane; 6] = [
    &profile::PANE,
    &friends::PANE,
    &groups::PANE,
    &blacklist::PANE,
    &screen::PANE,
    &about::PANE,
];

/// Registers and sends a SealTalk request.
pub fn request(state: &mut AppState, slot: StSlot, command: StCommand) -> Effect {
    send(state, Slot::Sealtalk(slot), Command::Sealtalk(command))
}

pub fn loading(state: &AppState, slot: StSlot) -> bool {
    state.account.loading(Slot::Sealtalk(slot))
}

/// Every first request of a session.
pub fn start(state: &mut AppState) -> Vec<Effect> {
    vec![
        profile::reload(state),
        friends::reload(state),
        groups::reload(state),
        blacklist::reload(state),
        about::reload(state),
    ]
}

/// What a view put aside had not received, asked for again when it is shown.
pub fn reload_missing(state: &mut AppState) -> Vec<Effect> {
    let interrupted = std::mem::take(&mut state.account.interrupted);
    let st = &state.account.sealtalk;
    let missing = |has: bool, slot: StSlot| !has || interrupted.contains(&Slot::Sealtalk(slot));
    let profile = missing(st.profile.value.is_some(), StSlot::Profile);
    let friends = missing(st.friends.value.is_some(), StSlot::Friends);
    let groups = missing(st.groups.value.is_some(), StSlot::Groups);
    let blacklist = missing(st.blacklist.value.is_some(), StSlot::Blacklist);
    let versions = missing(st.versions.value.is_some(), StSlot::Versions);
    let mut fx = Vec::new();
    if profile {
        fx.push(profile::reload(state));
    }
    if friends {
        fx.push(friends::reload(state));
    }
    if groups {
        fx.push(groups::reload(state));
    }
    if blacklist {
        fx.push(blacklist::reload(state));
    }
    if versions {
        fx.push(about::reload(state));
    }
    fx
}

/// A SealTalk answer still awaited.
pub fn on_reply(state: &mut AppState, slot: StSlot, reply: StReply) -> Vec<Effect> {
    if let Some(err) = reply.session_expired() {
        let err = err.clone();
        return expired(state, &err);
    }
    if slot.is_load()
        && let Some(err) = reply.error()
    {
        let err = crate::i18n::describe_st(err, state.lang());
        let msg = crate::app::state::Msg::Plain(format!("{}: {err}", state.s().failed));
        state.alert(msg);
    }
    match reply {
        StReply::LoggedIn(r) => login::on_logged_in(state, r),
        StReply::LoggedOut(r) => login::on_logged_out(state, r),
        StReply::Profile(r) => {
            state.account.sealtalk.profile.settle(r);
            Vec::new()
        }
        StReply::Saved(r) => match slot {
            StSlot::Save(part) => profile_form::on_saved(state, part, r),
            _ => Vec::new(),
        },
        StReply::PasswordChanged(r) => password::on_reply(state, r),
        StReply::Friends(r) => {
            state.account.sealtalk.friends.settle(r);
            screen::maybe_load(state)
        }
        StReply::Groups(r) => {
            state.account.sealtalk.groups.settle(r);
            screen::maybe_load(state)
        }
        StReply::Blacklist(r) => {
            state.account.sealtalk.blacklist.settle(r);
            Vec::new()
        }
        StReply::Unblocked(r) => blacklist::on_unblocked(state, r),
        StReply::ScreenCaptures(rows) => screen::on_statuses(state, rows),
        StReply::ScreenCaptureSet(r) => screen::on_set(state, r),
        StReply::Versions(v) => {
            state.account.sealtalk.versions.settle(Ok(*v));
            Vec::new()
        }
    }
}

/// 403 or 500 `Invalid cookie value!`: the session is over. Back to the login screen with
/// the reason; every form stays as it was typed (it is there again after the login).
pub fn expired(state: &mut AppState, err: &SealtalkError) -> Vec<Effect> {
    let mut fx = cancel(state.account.requests.clear());
    state.account.screen = Screen::Login;
    state.overlay = Overlay::None;
    state.account.sealtalk.confirm = None;
    let s = state.s().lang().st();
    let reason = match err {
        SealtalkError::NotLoggedIn { reason } if !reason.trim().is_empty() => {
            format!(
                "{}: {}",
                crate::sanitize::line(reason.trim()),
                s.session_expired
            )
        }
        _ => s.session_expired.to_owned(),
    };
    state.account.sealtalk.login.notice = Some((reason, true));
    fx.push(Effect::SealtalkSession(None));
    fx
}

/// Logout (or the end of a session): the account's data goes, the typed phone stays.
pub fn end_session(state: &mut AppState) -> Vec<Effect> {
    let login = std::mem::take(&mut state.account.sealtalk.login);
    state.account.sealtalk = SealtalkView {
        login,
        ..SealtalkView::default()
    };
    state.account.sealtalk.login.secret = Default::default();
    state.account.screen = Screen::Login;
    state.account.account_id = None;
    let mut fx = cancel(state.account.requests.clear());
    fx.push(Effect::SealtalkSession(None));
    fx
}

/// A form of the account is open and holds something typed.
pub fn has_unsaved_edits(state: &AppState) -> bool {
    let st = &state.account.sealtalk;
    st.edit.as_ref().is_some_and(|f| f.is_dirty())
        || st.password.as_ref().is_some_and(|f| f.is_dirty())
}

/// Where a key is listed in a SealTalk account's help, and what it does there (`None`: it
/// does nothing on SealTalk's panes).
pub fn help_label(
    intent: crate::app::keymap::Intent,
    s: &crate::i18n::Strings,
) -> Option<(crate::app::keymap::HelpGroup, &'static str)> {
    use crate::app::keymap::{HelpGroup, Intent};
    let st = s.lang().st();
    Some(match intent {
        Intent::Tab(_) => (HelpGroup::General, st.help_tabs),
        Intent::Search => (HelpGroup::Lists, st.help_filter),
        Intent::Quit
        | Intent::Help
        | Intent::NextTab
        | Intent::PrevTab
        | Intent::Retry
        | Intent::Logout
        | Intent::Accounts => (HelpGroup::General, intent.help_label(HelpGroup::General, s)),
        Intent::Up
        | Intent::Down
        | Intent::Top
        | Intent::Bottom
        | Intent::PageUp
        | Intent::PageDown => (HelpGroup::Lists, intent.help_label(HelpGroup::Lists, s)),
        Intent::Open => (HelpGroup::Lists, st.help_open),
        Intent::Edit => (HelpGroup::Profile, s.key_edit),
        Intent::Period => (HelpGroup::Profile, st.help_password),
        Intent::Reveal
        | Intent::Copy
        | Intent::OpenLink
        | Intent::Filter
        | Intent::Export
        | Intent::Left
        | Intent::Right => return None,
    })
}

/// Where a paste goes on a SealTalk account's screen: the focused field of its login
/// screen or open form, or the filter box being typed (none under a question).
pub fn paste_input(state: &mut AppState) -> Option<&mut tui_input::Input> {
    if state.account.screen == Screen::Login {
        let form = &mut state.account.sealtalk.login;
        let focus = form.focus;
        return Some(form.input_mut(focus));
    }
    if state.account.sealtalk.confirm.is_some() {
        return None;
    }
    if list::filter_editing(state) {
        return list::current_mut(state).map(|l| &mut l.filter.input);
    }
    let saving = profile_form::saving(state);
    let st = &mut state.account.sealtalk;
    if let Some(form) = st.password.as_mut() {
        form.error = None;
        return Some(match form.focus {
            password::PasswordField::Old => &mut form.old,
            password::PasswordField::New => &mut form.new,
        });
    }
    let form = st.edit.as_mut().filter(|_| !saving)?;
    let part = form.focus;
    form.errors.retain(|(p, _)| *p != part);
    form.input_mut(part)
}

/// The tab bar's labels for the account shown (each service names its own panes).
pub fn tab_labels(state: &AppState, columns: u16) -> Vec<String> {
    let owned = |labels: &[&str]| labels.iter().map(|l| (*l).to_owned()).collect();
    match state.account.service {
        crate::service::Service::Yunhu => owned(&state.s().tabs),
        crate::service::Service::Chaoqer => crate::app::chaoqer::tab_labels(state, columns),
        crate::service::Service::Sealtalk => {
            let st = state.s().lang().st();
            // Each tab is drawn as ` n label ` and a space: the long words when they fit.
            let width = |labels: &[&str]| -> usize {
                1 + labels
                    .iter()
                    .map(|l| unicode_width::UnicodeWidthStr::width(*l) + 5)
                    .sum::<usize>()
            };
            if width(&st.tabs) <= usize::from(columns) {
                owned(&st.tabs)
            } else {
                owned(&st.tabs_short)
            }
        }
    }
}

/// Whether anything a SealTalk pane shows is on its way.
pub fn any_loading(state: &AppState, slots: &[StSlot]) -> bool {
    slots.iter().any(|s| loading(state, *s))
}
