//! chaoqer's Clubs pane: the clubs I am in (Q15, paged). Enter opens a club's details
//! (Q16) with its members (Q17, paged as the cursor nears their end); there Enter asks,
//! then leaves (Q19) or joins (Q18) it. The gateway has no club directory: `e` opens any
//! club by its id (as shared in the app), to join it.

use crossterm::event::{KeyCode, KeyEvent};

use super::confirm::CqConfirm;
use super::{CqList, CqRemote, CqSlot, PAGE, any_loading, first_page, no_reply, request};
use crate::api::actor_chaoqer::{CqCommand, CqResult, Paged};
use crate::api::chaoqer::model::{Club, UserEntry};
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Tab};

/// A club's details popup.
#[derive(Debug, Clone, Default)]
pub struct ClubDetail {
    pub club_id: String,
    /// The name the list showed (until Q16 answers).
    pub name: String,
    pub club: CqRemote<Club>,
    pub members: CqList<UserEntry>,
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    if let Some(fx) = super::tab_intent(state, intent) {
        return Some(fx);
    }
    match intent {
        Intent::Retry => Some(vec![first_page(state, CqSlot::Clubs)]),
        Intent::Edit => {
            let cq = &mut state.account.chaoqer;
            if cq.club_form.is_none() {
                cq.club_form = Some(super::text_form::TextForm::default());
            }
            Some(Vec::new())
        }
        Intent::Open => {
            let Some(entry) = state.account.chaoqer.clubs.current() else {
                return Some(Vec::new());
            };
            let club_id = entry.club_id.clone();
            let name = entry
                .club_result
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default();
            Some(open(state, club_id, name))
        }
        _ => super::list_intent(state, CqSlot::Clubs, intent),
    }
}

/// Enter in the club-id form: the club's details (where Enter joins it), or why not. The
/// form closes only for a well-formed id; what was typed stays otherwise.
pub fn open_by_id(state: &mut AppState) -> Vec<Effect> {
    let t = state.s().lang().cq();
    let Some(form) = state.account.chaoqer.club_form.as_mut() else {
        return Vec::new();
    };
    let club_id = form.value().trim().to_ascii_lowercase();
    if !crate::api::chaoqer::is_id(&club_id) {
        form.error = Some(t.club_id_invalid.into());
        return Vec::new();
    }
    state.account.chaoqer.club_form = None;
    open(state, club_id, String::new())
}

/// The details of `club_id`: Q16 and the members' first page.
pub fn open(state: &mut AppState, club_id: String, name: String) -> Vec<Effect> {
    state.account.chaoqer.club = Some(ClubDetail {
        club_id: club_id.clone(),
        name,
        ..ClubDetail::default()
    });
    vec![
        request(state, CqSlot::Club, CqCommand::Club(club_id.clone())),
        members_page(state, club_id, None),
    ]
}

fn members_page(state: &mut AppState, club_id: String, last_id: Option<String>) -> Effect {
    let command = CqCommand::ClubMembers {
        club_id,
        count: PAGE,
        last_id,
    };
    request(state, CqSlot::ClubMembers, command)
}

/// A key over the details: moves through the members, Enter asks to leave or join, Esc
/// (or q) closes.
pub fn detail_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let page = super::page_rows(state.size).saturating_sub(6);
    let Some(detail) = state.account.chaoqer.club.as_mut() else {
        return Vec::new();
    };
    let intent = match key.code {
        KeyCode::Esc | KeyCode::Char('q') => {
            state.account.chaoqer.club = None;
            return Vec::new();
        }
        KeyCode::Enter => {
            let Some(club) = &detail.club.value else {
                return Vec::new();
            };
            let (club_id, name) = (club.club_id.clone(), club.name.clone());
            state.account.chaoqer.confirm = Some(if club.joined {
                CqConfirm::Leave { club_id, name }
            } else {
                CqConfirm::Join { club_id, name }
            });
            return Vec::new();
        }
        _ => match state.keymap.intent(&key) {
            Some(i) => i,
            None => return Vec::new(),
        },
    };
    if !detail.members.move_by(intent, page) || !detail.members.wants_more() {
        return Vec::new();
    }
    if super::loading(state, CqSlot::ClubMembers) {
        return Vec::new();
    }
    let Some(detail) = state.account.chaoqer.club.as_ref() else {
        return Vec::new();
    };
    let (club_id, next) = (detail.club_id.clone(), detail.members.next.clone());
    vec![members_page(state, club_id, next)]
}

/// Q16 answered (for the club shown, if any).
pub fn on_club(state: &mut AppState, result: CqResult<Club>) -> Vec<Effect> {
    if let Some(detail) = state.account.chaoqer.club.as_mut() {
        let ours = match &result {
            Ok(c) => c.club_id == detail.club_id,
            Err(_) => true,
        };
        if ours {
            detail.club.settle(result);
        }
    }
    Vec::new()
}

/// Q17 answered: a page of the members of the club shown (another club's is dropped).
pub fn on_members(state: &mut AppState, club_id: &str, page: Paged<UserEntry>) -> Vec<Effect> {
    if let Some(detail) = state.account.chaoqer.club.as_mut()
        && detail.club_id == club_id
    {
        detail.members.apply(page);
    }
    Vec::new()
}

/// Joining was confirmed.
pub fn join(state: &mut AppState, club_id: String) -> Vec<Effect> {
    vec![request(state, CqSlot::Join, CqCommand::JoinClub(club_id))]
}

/// Leaving was confirmed.
pub fn leave(state: &mut AppState, club_id: String) -> Vec<Effect> {
    vec![request(state, CqSlot::Leave, CqCommand::LeaveClub(club_id))]
}

/// After a join or leave: my clubs, and the details shown (Q18 does not compute the
/// joined flag, so Q16 is asked for it), read again.
fn reread(state: &mut AppState) -> Vec<Effect> {
    let mut fx = vec![first_page(state, CqSlot::Clubs)];
    if let Some(id) = state
        .account
        .chaoqer
        .club
        .as_ref()
        .map(|d| d.club_id.clone())
    {
        fx.push(request(state, CqSlot::Club, CqCommand::Club(id.clone())));
        fx.push(members_page(state, id, None));
    }
    fx
}

/// Q18 answered.
pub fn on_joined(state: &mut AppState, result: CqResult<Club>) -> Vec<Effect> {
    let t = state.s().lang().cq();
    let said = result.map(|c| crate::i18n::fill(t.joined, &[&crate::sanitize::line(&c.name)]));
    let ok = said.is_ok();
    super::say(state, &said, t.join_failed);
    if ok { reread(state) } else { Vec::new() }
}

/// Q19 answered: the club leaves my list.
pub fn on_left(state: &mut AppState, club_id: String, result: CqResult<String>) -> Vec<Effect> {
    let t = state.s().lang().cq();
    let ok = result.is_ok();
    if ok {
        let clubs = &mut state.account.chaoqer.clubs;
        clubs.items.retain(|c| c.club_id != club_id);
        clubs.selected = clubs.selected.min(clubs.items.len().saturating_sub(1));
    }
    super::say(state, &result, t.leave_failed);
    if ok { reread(state) } else { Vec::new() }
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[CqSlot::Clubs, CqSlot::Join, CqSlot::Leave])
}

pub static PANE: Pane = Pane {
    tab: Tab::Clubs,
    intent,
    reply: no_reply,
    loading: is_loading,
};
