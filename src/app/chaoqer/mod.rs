//! A chaoqer account's dashboard state: its own state (not Yunhu's or SealTalk's pane
//! states), its requests (`Slot::Chaoqer`), and what its answers fill. Mirrors
//! `app::sealtalk`; the login screen, the panes, their forms and the stored view come in
//! their own modules (not built yet: `pane::panes_of` is still empty for chaoqer, so the
//! dashboard refuses such an account and none of this is reached from a terminal).

pub mod list;
pub mod login;
pub mod stored;

use crate::api::actor::Command;
use crate::api::actor_chaoqer::{CqCommand, CqReply, Versions};
use crate::api::chaoqer::ChaoqerError;
use crate::api::chaoqer::model::{ClubEntry, EventEntry, MessageEntry, UserEntry, UserProfile};
use crate::app::action::Effect;
use crate::app::requests::{Slot, cancel, request as send};
use crate::app::state::{AppState, Overlay, Screen};

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
    pub login: login::CqLoginForm,
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
}

/// Registers and sends a chaoqer request.
pub fn request(state: &mut AppState, slot: CqSlot, command: CqCommand) -> Effect {
    send(state, Slot::Chaoqer(slot), Command::Chaoqer(command))
}

pub fn loading(state: &AppState, slot: CqSlot) -> bool {
    state.account.loading(Slot::Chaoqer(slot))
}

/// A paged list's first page, asked again (what is shown stays until it answers).
fn first_page(state: &mut AppState, slot: CqSlot) -> Effect {
    let (count, last_id) = (PAGE, None);
    let command = match slot {
        CqSlot::Messages => CqCommand::Messages { count, last_id },
        CqSlot::Blacklist => CqCommand::Blacklist { count, last_id },
        CqSlot::Cards => CqCommand::Cards { count, last_id },
        CqSlot::Clubs => CqCommand::Clubs { count, last_id },
        _ => CqCommand::Events { count, last_id },
    };
    request(state, slot, command)
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
    let (count, last_id) = (PAGE, Some(last_id));
    let command = match slot {
        CqSlot::Messages => CqCommand::Messages { count, last_id },
        CqSlot::Blacklist => CqCommand::Blacklist { count, last_id },
        CqSlot::Cards => CqCommand::Cards { count, last_id },
        CqSlot::Clubs => CqCommand::Clubs { count, last_id },
        _ => CqCommand::Events { count, last_id },
    };
    Some(request(state, slot, command))
}

/// Every first request of a session: the profile first (a new account's 200000 shows
/// there), then each pane's first page and the app versions.
pub fn start(state: &mut AppState) -> Vec<Effect> {
    let mut fx = vec![request(state, CqSlot::Profile, CqCommand::Profile)];
    for slot in [
        CqSlot::Messages,
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

/// A chaoqer answer still awaited.
pub fn on_reply(state: &mut AppState, slot: CqSlot, reply: CqReply) -> Vec<Effect> {
    if let Some(err) = reply.session_expired() {
        let err = err.clone();
        return expired(state, &err);
    }
    if reply.profile_not_initialised().is_some() {
        // Nothing else works until the profile is completed (Q4).
        state.account.chaoqer.needs_profile = true;
    }
    let cq = &mut state.account.chaoqer;
    match reply {
        CqReply::CodeSent(r) => login::on_code_sent(state, r),
        CqReply::LoggedIn(r) => login::on_logged_in(state, r),
        CqReply::LoggedOut(r) => login::on_logged_out(state, r),
        CqReply::Profile(r) | CqReply::ProfileSaved(r) => {
            if r.is_ok() {
                cq.needs_profile = false;
            }
            match r {
                // The profile shown stays; the form keeps what was typed.
                Err(e) if slot == CqSlot::SaveProfile => cq.notice = Some((e.to_string(), true)),
                r => {
                    if slot == CqSlot::SaveProfile {
                        cq.notice = None;
                    }
                    cq.profile.settle(r);
                }
            }
            Vec::new()
        }
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
        CqReply::Unblocked { uid, result } => {
            if result.is_ok() {
                cq.blacklist.items.retain(|e| e.uid != uid);
            }
            cq.notice = Some(notice(result));
            Vec::new()
        }
        CqReply::Cards(page) => {
            cq.cards.apply(page);
            Vec::new()
        }
        CqReply::CardSent { result, .. } => {
            cq.notice = Some(notice(result));
            Vec::new()
        }
        CqReply::CardDeleted { result, .. } => {
            // Q14 answers success but keeps the card (the server's bug): the list is read
            // again rather than trusted, so it shows what the server really keeps.
            let ok = result.is_ok();
            cq.notice = Some(notice(result));
            if ok {
                vec![first_page(state, CqSlot::Cards)]
            } else {
                Vec::new()
            }
        }
        CqReply::Clubs(page) => {
            cq.clubs.apply(page);
            Vec::new()
        }
        CqReply::Joined(r) => {
            let ok = r.is_ok();
            cq.notice = Some(notice(r.map(|c| c.name)));
            if ok {
                vec![first_page(state, CqSlot::Clubs)]
            } else {
                Vec::new()
            }
        }
        CqReply::Left { club_id, result } => {
            if result.is_ok() {
                cq.clubs.items.retain(|c| c.club_id != club_id);
            }
            cq.notice = Some(notice(result));
            Vec::new()
        }
        // Club details and members, an event's details, feedback: their panes are not
        // built yet.
        CqReply::Club(_) | CqReply::ClubMembers { .. } | CqReply::Event(_) => Vec::new(),
        CqReply::FeedbackSent(r) => {
            cq.notice = Some(notice(r));
            Vec::new()
        }
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

/// A write's answer as a notice: the server's own text, or the error.
fn notice(result: Result<String, ChaoqerError>) -> (String, bool) {
    match result {
        Ok(text) => (text, false),
        Err(e) => (e.to_string(), true),
    }
}

/// 401: the session is over (or a signature was refused: the gateway cannot tell them
/// apart). Back to the login screen; what was typed in an open form stays.
pub fn expired(state: &mut AppState, _err: &ChaoqerError) -> Vec<Effect> {
    let mut fx = cancel(state.account.requests.clear());
    state.account.screen = Screen::Login;
    state.overlay = Overlay::None;
    let s = state.s().lang().cq();
    state.account.chaoqer.login.notice = Some((s.session_expired.to_owned(), true));
    fx.push(Effect::ChaoqerSession(None));
    fx
}

/// Logout (or the end of a session): the account's data goes.
pub fn end_session(state: &mut AppState) -> Vec<Effect> {
    let mut login = std::mem::take(&mut state.account.chaoqer.login);
    login.code = Default::default();
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
        assert!(cmds.contains(&CqCommand::Messages {
            count: PAGE,
            last_id: None
        }));
        assert!(cmds.contains(&CqCommand::Versions));
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
