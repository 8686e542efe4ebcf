//! A chaoqer account's dashboard state: its own state (not Yunhu's or SealTalk's pane
//! states), its requests (`Slot::Chaoqer`), its login screen, its seven panes (one file
//! each), their forms and popups, and what its answers fill. Mirrors `app::sealtalk`.

pub mod about;
pub mod blacklist;
pub mod cards;
pub mod clubs;
pub mod confirm;
pub mod events;
pub mod list;
pub mod login;
pub mod messages;
pub mod profile;
pub mod profile_form;
pub mod stored;
pub mod text_form;

use crate::api::actor::Command;
use crate::api::actor_chaoqer::{CqCommand, CqReply, Versions};
use crate::api::chaoqer::ChaoqerError;
use crate::api::chaoqer::model::{ClubEntry, EventEntry, MessageEntry, UserEntry, UserProfile};
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::requests::{Slot, cancel, request as send};
use crate::app::state::{AppState, Msg, Overlay, Screen, Tab};

pub use list::CqList;

/// How many items a page asks for (the gateway takes 1–100; the app's own choice).
pub const PAGE: u32 = 20;

/// What a chaoqer answer fills (one request at a time per slot, as for the others).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CqSlot {
    /// Q1 of the login screen.
    SendCode,
    /// Q2.
    Login,
    Logout,
    Profile,
    /// Q4 or Q5.
    SaveProfile,
    Messages,
    Unread,
    Blacklist,
    Unblock,
    Cards,
    SendCard,
    DeleteCard,
    Clubs,
    Club,
    ClubMembers,
    Join,
    Leave,
    Events,
    Event,
    Versions,
    Feedback,
}

impl CqSlot {
    /// A pane's load: a failure is said in the status line (what was shown stays).
    pub fn is_load(self) -> bool {
        matches!(
            self,
            CqSlot::Profile
                | CqSlot::Messages
                | CqSlot::Blacklist
                | CqSlot::Cards
                | CqSlot::Clubs
                | CqSlot::Events
                | CqSlot::Versions
        )
    }
}

/// A value asked of the chaoqer gateway, with chaoqer's errors.
pub type CqRemote<T> = crate::app::remote::Remote<T, ChaoqerError>;

/// Everything the dashboard holds for a chaoqer account.
#[derive(Debug, Clone, Default)]
pub struct ChaoqerView {
    pub login: crate::app::phone_login::PhoneLoginForm,
    pub profile: CqRemote<UserProfile>,
    pub messages: CqList<MessageEntry>,
    /// The unread total (Q11) for the tab title; `None` until known.
    pub unread: Option<i64>,
    pub blacklist: CqList<UserEntry>,
    pub cards: CqList<UserEntry>,
    pub clubs: CqList<ClubEntry>,
    pub events: CqList<EventEntry>,
    pub versions: CqRemote<Versions>,
    /// The account must complete its profile first (Q2 said 注册成功, or errorCode 200000).
    pub needs_profile: bool,
    /// What the last write answered (its server text, sanitised when drawn), or its error.
    pub notice: Option<(String, bool)>,
    /// The profile form (edit, or complete a new account's), while open; kept across a
    /// session expiry.
    pub edit: Option<profile_form::CqProfileForm>,
    /// The "send my card to" form, while open.
    pub card_form: Option<text_form::TextForm>,
    /// The "open a club by its id" form (Clubs, `e`), while open.
    pub club_form: Option<text_form::TextForm>,
    /// The feedback form, while open.
    pub feedback: Option<text_form::TextForm>,
    /// The message under the cursor shown whole (its content's every line, its link).
    pub message_open: bool,
    /// A club's details and members, while open.
    pub club: Option<clubs::ClubDetail>,
    /// A question before an action that changes something on the server.
    pub confirm: Option<confirm::CqConfirm>,
    /// A card whose removal the server said succeeded: the reload tells whether it went.
    pub removing: Option<String>,
}

/// The panes of a chaoqer account, in tab order.
pub static PANES: [&Pane; 7] = [
    &profile::PANE,
    &messages::PANE,
    &blacklist::PANE,
    &cards::PANE,
    &clubs::PANE,
    &events::PANE,
    &about::PANE,
];

/// Registers and sends a chaoqer request.
pub fn request(state: &mut AppState, slot: CqSlot, command: CqCommand) -> Effect {
    send(state, Slot::Chaoqer(slot), Command::Chaoqer(command))
}

pub fn loading(state: &AppState, slot: CqSlot) -> bool {
    state.account.loading(Slot::Chaoqer(slot))
}

/// Whether anything of `slots` is on its way.
pub fn any_loading(state: &AppState, slots: &[CqSlot]) -> bool {
    slots.iter().any(|s| loading(state, *s))
}

fn page_command(slot: CqSlot, last_id: Option<String>) -> CqCommand {
    let count = PAGE;
    match slot {
        CqSlot::Messages => CqCommand::Messages { count, last_id },
        CqSlot::Blacklist => CqCommand::Blacklist { count, last_id },
        CqSlot::Cards => CqCommand::Cards { count, last_id },
        CqSlot::Clubs => CqCommand::Clubs { count, last_id },
        _ => CqCommand::Events { count, last_id },
    }
}

/// A paged list's first page, asked again (what is shown stays until it answers).
pub fn first_page(state: &mut AppState, slot: CqSlot) -> Effect {
    request(state, slot, page_command(slot, None))
}

/// The next page of a list, when it has one and none is on its way (scrolling to its end).
pub fn next_page(state: &mut AppState, slot: CqSlot) -> Option<Effect> {
    if loading(state, slot) {
        return None;
    }
    let cq = &state.account.chaoqer;
    let last_id = match slot {
        CqSlot::Messages => cq.messages.next.clone(),
        CqSlot::Blacklist => cq.blacklist.next.clone(),
        CqSlot::Cards => cq.cards.next.clone(),
        CqSlot::Clubs => cq.clubs.next.clone(),
        CqSlot::Events => cq.events.next.clone(),
        _ => None,
    }?;
    Some(request(state, slot, page_command(slot, Some(last_id))))
}

/// Rows of a list pane on a screen of `size` (the body less its border and header row).
pub fn page_rows(size: (u16, u16)) -> usize {
    crate::geometry::body(size).height.saturating_sub(3) as usize
}

/// The list of `slot` in the view.
fn list_of(cq: &mut ChaoqerView, slot: CqSlot) -> Option<ListMut<'_>> {
    Some(match slot {
        CqSlot::Messages => ListMut::Messages(&mut cq.messages),
        CqSlot::Blacklist => ListMut::Users(&mut cq.blacklist),
        CqSlot::Cards => ListMut::Users(&mut cq.cards),
        CqSlot::Clubs => ListMut::Clubs(&mut cq.clubs),
        CqSlot::Events => ListMut::Events(&mut cq.events),
        _ => return None,
    })
}

/// One of the view's lists, whatever its items.
enum ListMut<'a> {
    Messages(&'a mut CqList<MessageEntry>),
    Users(&'a mut CqList<UserEntry>),
    Clubs(&'a mut CqList<ClubEntry>),
    Events(&'a mut CqList<EventEntry>),
}

impl ListMut<'_> {
    fn move_by(&mut self, intent: Intent, page: usize) -> bool {
        match self {
            ListMut::Messages(l) => l.move_by(intent, page),
            ListMut::Users(l) => l.move_by(intent, page),
            ListMut::Clubs(l) => l.move_by(intent, page),
            ListMut::Events(l) => l.move_by(intent, page),
        }
    }

    fn wants_more(&self) -> bool {
        match self {
            ListMut::Messages(l) => l.wants_more(),
            ListMut::Users(l) => l.wants_more(),
            ListMut::Clubs(l) => l.wants_more(),
            ListMut::Events(l) => l.wants_more(),
        }
    }

    fn select(&mut self, i: usize) {
        match self {
            ListMut::Messages(l) => l.selected = i.min(l.items.len().saturating_sub(1)),
            ListMut::Users(l) => l.selected = i.min(l.items.len().saturating_sub(1)),
            ListMut::Clubs(l) => l.selected = i.min(l.items.len().saturating_sub(1)),
            ListMut::Events(l) => l.selected = i.min(l.items.len().saturating_sub(1)),
        }
    }
}

/// The keys every list pane shares: the moves, and the next page when the cursor comes
/// near the end of what is shown. `None` when the intent is not a move.
pub fn list_intent(state: &mut AppState, slot: CqSlot, intent: Intent) -> Option<Vec<Effect>> {
    let page = page_rows(state.size);
    let mut list = list_of(&mut state.account.chaoqer, slot)?;
    if !list.move_by(intent, page) {
        return None;
    }
    let more = list.wants_more();
    Some(if more {
        next_page(state, slot).into_iter().collect()
    } else {
        Vec::new()
    })
}

/// The first row shown so that the cursor is on screen (the renderer and clicks agree).
pub fn offset(cursor: usize, visible: usize) -> usize {
    cursor.saturating_sub(visible.saturating_sub(1))
}

/// A click on row `y` of a list pane selects that row (under the border and header).
pub fn click(state: &mut AppState, y: u16) -> Vec<Effect> {
    let slot = match state.tab {
        Tab::Messages => CqSlot::Messages,
        Tab::Blacklist => CqSlot::Blacklist,
        Tab::Cards => CqSlot::Cards,
        Tab::Clubs => CqSlot::Clubs,
        Tab::Events => CqSlot::Events,
        _ => return Vec::new(),
    };
    let body = crate::geometry::body(state.size);
    let first = body.y + 2;
    let visible = page_rows(state.size);
    if y < first || usize::from(y - first) >= visible {
        return Vec::new();
    }
    let cq = &state.account.chaoqer;
    let (cursor, len) = match slot {
        CqSlot::Messages => (cq.messages.selected, cq.messages.items.len()),
        CqSlot::Blacklist => (cq.blacklist.selected, cq.blacklist.items.len()),
        CqSlot::Cards => (cq.cards.selected, cq.cards.items.len()),
        CqSlot::Clubs => (cq.clubs.selected, cq.clubs.items.len()),
        _ => (cq.events.selected, cq.events.items.len()),
    };
    let i = offset(cursor.min(len.saturating_sub(1)), visible) + usize::from(y - first);
    if i >= len {
        return Vec::new();
    }
    let Some(mut list) = list_of(&mut state.account.chaoqer, slot) else {
        return Vec::new();
    };
    list.select(i);
    if list.wants_more() {
        return next_page(state, slot).into_iter().collect();
    }
    Vec::new()
}

/// The tab keys on a chaoqer account: the tab changes, and a pane shown for the first
/// time asks for what it shows.
pub fn tab_intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    let tabs = Tab::of(crate::service::Service::Chaoqer);
    let at = state.tab.index_in(crate::service::Service::Chaoqer);
    let tab = match intent {
        Intent::NextTab => tabs[(at + 1) % tabs.len()],
        Intent::PrevTab => tabs[(at + tabs.len() - 1) % tabs.len()],
        Intent::Tab(i) if i < tabs.len() => tabs[i],
        _ => return None,
    };
    Some(show_tab(state, tab))
}

/// `tab` is shown. The inbox is read only when it is first opened: Q10 zeroes the unread
/// total, so reading it at the start would hide the number the tab title shows.
pub fn show_tab(state: &mut AppState, tab: Tab) -> Vec<Effect> {
    state.tab = tab;
    let cq = &state.account.chaoqer;
    if tab == Tab::Messages
        && state.account.screen == Screen::Main
        && !cq.messages.loaded
        && cq.messages.error.is_none()
        && !loading(state, CqSlot::Messages)
    {
        return vec![first_page(state, CqSlot::Messages)];
    }
    Vec::new()
}

/// Every first request of a session: the profile first (a new account's 200000 shows
/// there), then each pane's first page, the unread total and the app versions. The inbox
/// waits until its tab is opened (see [`show_tab`]), unless it is shown or was read.
pub fn start(state: &mut AppState) -> Vec<Effect> {
    let mut fx = vec![request(state, CqSlot::Profile, CqCommand::Profile)];
    if state.tab == Tab::Messages || state.account.chaoqer.messages.loaded {
        fx.push(first_page(state, CqSlot::Messages));
    } else {
        fx.push(request(state, CqSlot::Unread, CqCommand::UnreadTotal));
    }
    for slot in [
        CqSlot::Blacklist,
        CqSlot::Cards,
        CqSlot::Clubs,
        CqSlot::Events,
    ] {
        fx.push(first_page(state, slot));
    }
    fx.push(request(state, CqSlot::Versions, CqCommand::Versions));
    fx
}

/// What a view put aside had not received, asked for again when it is shown.
pub fn reload_missing(state: &mut AppState) -> Vec<Effect> {
    let interrupted = std::mem::take(&mut state.account.interrupted);
    let cq = &state.account.chaoqer;
    let nothing = cq.profile.value.is_none() && !cq.clubs.loaded && !cq.events.loaded;
    if nothing || !interrupted.is_empty() {
        return start(state);
    }
    Vec::new()
}

/// A chaoqer answer still awaited.
pub fn on_reply(state: &mut AppState, slot: CqSlot, reply: CqReply) -> Vec<Effect> {
    if let Some(err) = reply.session_expired() {
        let err = err.clone();
        return expired(state, &err);
    }
    if reply.profile_not_initialised().is_some() {
        // Nothing else works until the profile is completed (Q4): its form opens.
        state.account.chaoqer.needs_profile = true;
        profile_form::open(state);
    } else if slot.is_load()
        && let Some(err) = reply.error()
    {
        let msg = Msg::Plain(format!("{}: {err}", state.s().failed));
        state.alert(msg);
    }
    let cq = &mut state.account.chaoqer;
    match reply {
        CqReply::CodeSent(r) => login::on_code_sent(state, r),
        CqReply::LoggedIn(r) => login::on_logged_in(state, r),
        CqReply::LoggedOut(r) => login::on_logged_out(state, r),
        CqReply::Profile(r) => {
            if r.is_ok() {
                cq.needs_profile = false;
            }
            cq.profile.settle(r);
            Vec::new()
        }
        CqReply::ProfileSaved(r) => profile_form::on_saved(state, r),
        CqReply::Messages { page, unread } => {
            cq.messages.apply(page);
            if let Some(Ok(n)) = unread {
                cq.unread = Some(n);
            }
            Vec::new()
        }
        CqReply::UnreadTotal(r) => {
            if let Ok(n) = r {
                cq.unread = Some(n);
            }
            Vec::new()
        }
        CqReply::Blacklist(page) => {
            cq.blacklist.apply(page);
            Vec::new()
        }
        CqReply::Unblocked { uid, result } => blacklist::on_unblocked(state, uid, result),
        CqReply::Cards(page) => {
            let first = page.last_id.is_none() && page.page.is_ok();
            cq.cards.apply(page);
            if first {
                cards::check_removed(state);
            }
            Vec::new()
        }
        CqReply::CardSent { result, .. } => cards::on_sent(state, result),
        CqReply::CardDeleted { uid, result } => cards::on_deleted(state, uid, result),
        CqReply::Clubs(page) => {
            cq.clubs.apply(page);
            Vec::new()
        }
        CqReply::Club(r) => clubs::on_club(state, r),
        CqReply::ClubMembers { club_id, page } => clubs::on_members(state, &club_id, page),
        CqReply::Joined(r) => clubs::on_joined(state, r),
        CqReply::Left { club_id, result } => clubs::on_left(state, club_id, result),
        // An event's details are not asked for by the panes (the list holds them).
        CqReply::Event(_) => Vec::new(),
        CqReply::FeedbackSent(r) => about::on_feedback(state, r),
        CqReply::Events(page) => {
            cq.events.apply(page);
            Vec::new()
        }
        CqReply::Versions(v) => {
            cq.versions.settle(Ok(*v));
            Vec::new()
        }
    }
}

/// A write's answer in the status line: the server's own text, or the error after `failed`.
pub fn say(state: &mut AppState, result: &Result<String, ChaoqerError>, failed: &str) {
    match result {
        Ok(text) => state.notify(Msg::Plain(crate::sanitize::line(text).into_owned())),
        Err(e) => state.alert(Msg::Plain(format!("{failed}: {e}"))),
    }
}

/// 401: the session is over (or a signature was refused: the gateway cannot tell them
/// apart). Back to the login screen; what was typed in an open form stays (it is there
/// again after the login).
pub fn expired(state: &mut AppState, _err: &ChaoqerError) -> Vec<Effect> {
    let mut fx = cancel(state.account.requests.clear());
    state.account.screen = Screen::Login;
    state.overlay = Overlay::None;
    state.account.chaoqer.confirm = None;
    let s = state.s().lang().cq();
    let login = &mut state.account.chaoqer.login;
    login.notice = Some((s.session_expired.to_owned(), true));
    // The number is kept: Enter asks for a new code at once.
    login.focus = crate::app::phone_login::PhoneField::Phone;
    fx.push(Effect::ChaoqerSession(None));
    fx
}

/// Logout (or the end of a session): the account's data goes.
pub fn end_session(state: &mut AppState) -> Vec<Effect> {
    let mut login = std::mem::take(&mut state.account.chaoqer.login);
    login.secret = Default::default();
    state.account.chaoqer = ChaoqerView {
        login,
        ..ChaoqerView::default()
    };
    state.account.screen = Screen::Login;
    state.account.account_id = None;
    let mut fx = cancel(state.account.requests.clear());
    fx.push(Effect::ChaoqerSession(None));
    fx
}

/// A form of the account is open and holds something typed.
pub fn has_unsaved_edits(state: &AppState) -> bool {
    let cq = &state.account.chaoqer;
    cq.edit.as_ref().is_some_and(|f| f.is_dirty())
        || cq.card_form.as_ref().is_some_and(|f| f.is_dirty())
        || cq.club_form.as_ref().is_some_and(|f| f.is_dirty())
        || cq.feedback.as_ref().is_some_and(|f| f.is_dirty())
}

/// "Discard the changes?" was answered yes: the open form goes.
pub fn discard_forms(state: &mut AppState) {
    let cq = &mut state.account.chaoqer;
    if cq.card_form.is_some() {
        cq.card_form = None;
    } else if cq.club_form.is_some() {
        cq.club_form = None;
    } else if cq.feedback.is_some() {
        cq.feedback = None;
    } else {
        cq.edit = None;
    }
}

/// Where a paste goes on a chaoqer account's main screen: the focused field of its open
/// form (none under a question).
pub fn paste_input(state: &mut AppState) -> Option<&mut tui_input::Input> {
    let saving = loading(state, CqSlot::SaveProfile);
    let cq = &mut state.account.chaoqer;
    if cq.confirm.is_some() {
        return None;
    }
    if let Some(f) = cq.card_form.as_mut() {
        f.error = None;
        return Some(&mut f.input);
    }
    if let Some(f) = cq.club_form.as_mut() {
        f.error = None;
        return Some(&mut f.input);
    }
    if let Some(f) = cq.feedback.as_mut() {
        f.error = None;
        return Some(&mut f.input);
    }
    let form = cq.edit.as_mut().filter(|_| !saving)?;
    form.error = None;
    let focus = form.focus;
    Some(form.input_mut(focus))
}

/// The tab bar's labels: the Messages tab carries the unread total when there is one;
/// the long words when they fit in `columns`.
pub fn tab_labels(state: &AppState, columns: u16) -> Vec<String> {
    let t = state.s().lang().cq();
    let unread = state.account.chaoqer.unread.filter(|n| *n > 0);
    let labels = |words: &[&str; 7]| -> Vec<String> {
        words
            .iter()
            .enumerate()
            .map(|(i, label)| match (i, unread) {
                (1, Some(n)) => format!("{label} ({n})"),
                _ => (*label).to_owned(),
            })
            .collect()
    };
    let long = labels(&t.tabs);
    // Each tab is drawn as ` n label ` and a space.
    let width = 1 + long
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) + 5)
        .sum::<usize>();
    if width <= usize::from(columns) {
        return long;
    }
    let short = labels(&t.tabs_short);
    let width = 1 + short
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) + 5)
        .sum::<usize>();
    if width <= usize::from(columns) {
        return short;
    }
    // Narrower still (60 columns): the other tabs by their number only (the inbox keeps its
    // unread total), so the tab shown is never cut off the bar.
    let shown = state.tab.index_in(crate::service::Service::Chaoqer);
    short
        .into_iter()
        .enumerate()
        .map(|(i, label)| match (i == shown, i, unread) {
            (true, _, _) => label,
            (false, 1, Some(n)) => format!("({n})"),
            _ => String::new(),
        })
        .collect()
}

/// Where a key is listed in a chaoqer account's help, and what it does there (`None`: it
/// does nothing on chaoqer's panes).
pub fn help_label(
    intent: Intent,
    s: &crate::i18n::Strings,
) -> Option<(crate::app::keymap::HelpGroup, &'static str)> {
    use crate::app::keymap::HelpGroup;
    let t = s.lang().cq();
    Some(match intent {
        Intent::Tab(_) => (HelpGroup::General, t.help_tabs),
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
        Intent::Open => (HelpGroup::Lists, t.help_open),
        Intent::Edit => (HelpGroup::Profile, t.help_edit),
        Intent::Search
        | Intent::Period
        | Intent::Reveal
        | Intent::Copy
        | Intent::OpenLink
        | Intent::Filter
        | Intent::Export
        | Intent::Left
        | Intent::Right => return None,
    })
}

/// A user's name as a list shows it: the nickname, else the uid (the gateway's lookup of
/// the profile may have failed). Raw: sanitised when drawn.
pub fn display_name(entry: &UserEntry) -> String {
    entry
        .user_profile_result
        .as_ref()
        .map(|p| p.nickname.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| entry.uid.clone())
}

/// chaoqer answers go to `chaoqer::on_reply`, never through a pane.
pub fn no_reply(
    _: &mut AppState,
    _: Slot,
    reply: crate::api::actor::Reply,
) -> std::ops::ControlFlow<Vec<Effect>, crate::api::actor::Reply> {
    std::ops::ControlFlow::Continue(reply)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::chaoqer::model::{LoginOutcome, Session};
    use crate::api::chaoqer::paging::Page;
    use crate::service::Service;

    fn state() -> AppState {
        let mut st = crate::app::account::tests::state();
        st.account.service = Service::Chaoqer;
        st
    }

    fn session() -> Session {
        Session {
            uid: "2701a6fbd0464da99789c9ad1ca1c654".into(),
            access_token: "t".into(),
            access_secret: "s".into(),
            expire_time: 0,
        }
    }

    fn commands(fx: &[Effect]) -> Vec<CqCommand> {
        fx.iter()
            .filter_map(|e| match e {
                Effect::Api(_, Command::Chaoqer(c)) => Some(c.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_tabs_are_the_seven_of_the_issue() {
        use crate::app::state::Tab;
        assert_eq!(
            Tab::of(Service::Chaoqer),
            &[
                Tab::Profile,
                Tab::Messages,
                Tab::Blacklist,
                Tab::Cards,
                Tab::Clubs,
                Tab::Events,
                Tab::About
            ]
        );
        assert_eq!(Tab::from_index_in(Service::Chaoqer, 6), Tab::About);
        assert_eq!(Tab::Cards.index_in(Service::Chaoqer), 3);
    }

    #[test]
    fn a_session_asks_for_every_pane_s_first_page() {
        let mut st = state();
        let fx = start(&mut st);
        let cmds = commands(&fx);
        assert_eq!(cmds.len(), 7);
        assert_eq!(cmds[0], CqCommand::Profile);
        // The inbox waits for its tab (reading it zeroes the unread total): its number
        // is asked for instead.
        assert!(cmds.contains(&CqCommand::UnreadTotal));
        assert!(!cmds.iter().any(|c| matches!(c, CqCommand::Messages { .. })));
        assert!(cmds.contains(&CqCommand::Versions));
        st.tab = Tab::Messages;
        let cmds = commands(&start(&mut st));
        assert!(cmds.contains(&CqCommand::Messages {
            count: PAGE,
            last_id: None
        }));
        assert!(loading(&st, CqSlot::Events));
    }

    #[test]
    fn a_login_keeps_the_session_and_starts_the_panes() {
        let mut st = state();
        let outcome = LoginOutcome {
            session: session(),
            registered: true,
            message: "注册成功".into(),
        };
        let fx = on_reply(&mut st, CqSlot::Login, CqReply::LoggedIn(Ok(outcome)));
        assert!(matches!(&fx[0], Effect::ChaoqerSession(Some(s)) if *s == session()));
        assert_eq!(st.account.screen, Screen::Main);
        assert!(
            st.account.chaoqer.needs_profile,
            "a new account completes its profile"
        );
        assert_eq!(commands(&fx).len(), 7);
    }

    #[test]
    fn a_401_goes_back_to_login_and_forgets_the_session() {
        let mut st = state();
        st.account.screen = Screen::Main;
        let fx = start(&mut st);
        assert!(!fx.is_empty());
        let expired = ChaoqerError::LoggedOut {
            reason: "log in again".into(),
        };
        let fx = on_reply(&mut st, CqSlot::Profile, CqReply::Profile(Err(expired)));
        assert_eq!(st.account.screen, Screen::Login);
        assert!(fx.contains(&Effect::ChaoqerSession(None)));
        assert!(
            fx.iter().any(|e| matches!(e, Effect::Cancel(_))),
            "the rest is stopped"
        );
        assert!(!loading(&st, CqSlot::Events));
    }

    #[test]
    fn errorcode_200000_asks_for_the_profile_form() {
        let mut st = state();
        let err = ChaoqerError::ProfileNotInitialised {
            message: "用户资料未初始化".into(),
        };
        on_reply(&mut st, CqSlot::Profile, CqReply::Profile(Err(err)));
        assert!(st.account.chaoqer.needs_profile);
        assert_eq!(st.account.screen, Screen::Login, "not a session's end");
    }

    #[test]
    fn a_removed_card_is_read_again_since_the_server_keeps_it() {
        let mut st = state();
        let fx = on_reply(
            &mut st,
            CqSlot::DeleteCard,
            CqReply::CardDeleted {
                uid: "a".repeat(32),
                result: Ok("删除成功".into()),
            },
        );
        assert_eq!(
            commands(&fx),
            vec![CqCommand::Cards {
                count: PAGE,
                last_id: None
            }]
        );
    }

    #[test]
    fn the_messages_page_and_the_unread_total_fill_the_view() {
        let mut st = state();
        let page = crate::api::actor_chaoqer::Paged {
            last_id: None,
            count: PAGE,
            page: Ok(Page { list: Vec::new() }),
        };
        on_reply(
            &mut st,
            CqSlot::Messages,
            CqReply::Messages {
                page,
                unread: Some(Ok(0)),
            },
        );
        assert!(st.account.chaoqer.messages.loaded);
        assert_eq!(st.account.chaoqer.unread, Some(0));
        assert!(
            next_page(&mut st, CqSlot::Messages).is_none(),
            "an empty page is the end"
        );
    }
}
