//! The questions asked before a chaoqer action that changes something others see, and the
//! layer that takes the keys of the account's forms and popups.

use crossterm::event::{KeyCode, KeyEvent};

use super::text_form::Outcome;
use super::{CqSlot, any_loading};
use crate::app::action::Effect;
use crate::app::layer::Layer;
use crate::app::state::{AppState, Overlay, Screen};
use crate::service::Service;

#[derive(Debug, Clone, PartialEq)]
pub enum CqConfirm {
    /// Q9.
    Unblock { uid: String, name: String },
    /// Q14 (which answers success but keeps the card: the reload says so).
    DeleteCard { uid: String, name: String },
    /// Q18.
    Join { club_id: String, name: String },
    /// Q19.
    Leave { club_id: String, name: String },
}

/// y / Enter does it, n / Esc does not; any other key leaves the question open.
pub fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => {
            match state.account.chaoqer.confirm.take() {
                Some(CqConfirm::Unblock { uid, .. }) => super::blacklist::unblock(state, uid),
                Some(CqConfirm::DeleteCard { uid, .. }) => super::cards::delete(state, uid),
                Some(CqConfirm::Join { club_id, .. }) => super::clubs::join(state, club_id),
                Some(CqConfirm::Leave { club_id, .. }) => super::clubs::leave(state, club_id),
                None => Vec::new(),
            }
        }
        KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
            state.account.chaoqer.confirm = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// A one-field form's key: Enter sends it through `submit`, Esc drops it (asking first
/// when something is typed).
fn text_form_key(
    state: &mut AppState,
    key: KeyEvent,
    form: fn(&mut AppState) -> &mut Option<super::text_form::TextForm>,
    submit: fn(&mut AppState) -> Vec<Effect>,
) -> Vec<Effect> {
    let Some(f) = form(state).as_mut() else {
        return Vec::new();
    };
    match f.on_key(key) {
        Outcome::Submit => submit(state),
        Outcome::Cancel => {
            *form(state) = None;
            Vec::new()
        }
        Outcome::AskDiscard => {
            state.overlay = Overlay::ConfirmDiscard;
            Vec::new()
        }
        Outcome::Edited => Vec::new(),
    }
}

/// The chaoqer account's popups and forms, in the order they take keys: a question, the
/// profile form, the card form, the club-id form, the feedback form, a club's details.
pub struct CqForms;

impl Layer for CqForms {
    fn is_open(&self, state: &AppState) -> bool {
        let cq = &state.account.chaoqer;
        state.account.service == Service::Chaoqer
            && state.account.screen == Screen::Main
            && (cq.confirm.is_some()
                || cq.edit.is_some()
                || cq.card_form.is_some()
                || cq.club_form.is_some()
                || cq.feedback.is_some()
                || cq.message_open
                || cq.club.is_some())
    }

    fn on_key(&self, state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
        let cq = &state.account.chaoqer;
        if cq.confirm.is_some() {
            on_key(state, key)
        } else if cq.edit.is_some() {
            super::profile_form::on_key(state, key)
        } else if cq.card_form.is_some() {
            if super::loading(state, CqSlot::SendCard) {
                return Vec::new();
            }
            text_form_key(
                state,
                key,
                |s| &mut s.account.chaoqer.card_form,
                super::cards::send,
            )
        } else if cq.club_form.is_some() {
            text_form_key(
                state,
                key,
                |s| &mut s.account.chaoqer.club_form,
                super::clubs::open_by_id,
            )
        } else if cq.message_open {
            // Any key closes it (it only shows).
            state.account.chaoqer.message_open = false;
            Vec::new()
        } else if cq.feedback.is_some() {
            if super::loading(state, CqSlot::Feedback) {
                return Vec::new();
            }
            text_form_key(
                state,
                key,
                |s| &mut s.account.chaoqer.feedback,
                super::about::send_feedback,
            )
        } else {
            super::clubs::detail_key(state, key)
        }
    }

    fn is_loading(&self, state: &AppState) -> bool {
        any_loading(
            state,
            &[
                CqSlot::SaveProfile,
                CqSlot::Unblock,
                CqSlot::SendCard,
                CqSlot::DeleteCard,
                CqSlot::Club,
                CqSlot::ClubMembers,
                CqSlot::Join,
                CqSlot::Leave,
                CqSlot::Feedback,
            ],
        )
    }
}
