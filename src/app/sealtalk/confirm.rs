//! The questions asked before a SealTalk action that changes something others see, and the
//! layer that takes the keys of the account's forms and popups.

use crossterm::event::{KeyCode, KeyEvent};

use crate::api::sealtalk::model::Conversation;
use crate::app::action::Effect;
use crate::app::layer::Layer;
use crate::app::state::{AppState, Screen};
use crate::service::Service;

#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Unblock this user (T14).
    Unblock { id: String, name: String },
    /// Turn the screen-capture notice of this chat on or off (T16 posts a message there).
    Capture {
        conversation: Conversation,
        name: String,
        on: bool,
    },
}

/// y / Enter does it, n / Esc does not; any other key leaves the question open.
pub fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => {
            match state.account.sealtalk.confirm.take() {
                Some(Confirm::Unblock { id, .. }) => super::blacklist::unblock(state, id),
                Some(Confirm::Capture {
                    conversation, on, ..
                }) => super::screen::set(state, conversation, on),
                None => Vec::new(),
            }
        }
        KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
            state.account.sealtalk.confirm = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The SealTalk account's popups and forms, in the order they take keys: a question, the
/// password form, the edit form, a list's filter box.
pub struct StForms;

impl Layer for StForms {
    fn is_open(&self, state: &AppState) -> bool {
        let st = &state.account.sealtalk;
        state.account.service == Service::Sealtalk
            && state.account.screen == Screen::Main
            && (st.confirm.is_some()
                || st.password.is_some()
                || st.edit.is_some()
                || super::list::filter_editing(state))
    }

    fn on_key(&self, state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
        let st = &state.account.sealtalk;
        if st.confirm.is_some() {
            on_key(state, key)
        } else if st.password.is_some() {
            super::password::on_key(state, key)
        } else if st.edit.is_some() {
            super::profile_form::on_key(state, key)
        } else {
            super::list::filter_key(state, key)
        }
    }

    fn is_loading(&self, state: &AppState) -> bool {
        super::any_loading(
            state,
            &[
                super::StSlot::Password,
                super::StSlot::Unblock,
                super::StSlot::SetCapture,
            ],
        ) || super::profile_form::saving(state)
    }
}
