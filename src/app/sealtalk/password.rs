//! The password form (T8): the old password and the new one. The cookie stays valid after
//! a change (Q4), so nothing else happens to the session.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::{StSlot, loading, request};
use crate::api::actor_sealtalk::{PasswordChange, StCommand, StResult};
use crate::app::action::Effect;
use crate::app::state::{AppState, Msg};
use crate::i18n::StStrings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordField {
    Old,
    New,
}

#[derive(Debug, Clone)]
pub struct PasswordForm {
    pub focus: PasswordField,
    pub old: Input,
    pub new: Input,
    pub error: Option<String>,
}

impl Default for PasswordForm {
    fn default() -> Self {
        PasswordForm {
            focus: PasswordField::Old,
            old: Input::default(),
            new: Input::default(),
            error: None,
        }
    }
}

impl PasswordForm {
    pub fn is_dirty(&self) -> bool {
        !self.old.value().is_empty() || !self.new.value().is_empty()
    }

    /// T8's rules for the new password: 6–20 characters, no space.
    fn refusal(&self, s: &StStrings) -> Option<(PasswordField, &'static str)> {
        if self.old.value().is_empty() {
            return Some((PasswordField::Old, s.need_old_password));
        }
        let new = self.new.value();
        if new.contains(' ') {
            return Some((PasswordField::New, s.password_space));
        }
        if !(6..=20).contains(&new.chars().count()) {
            return Some((PasswordField::New, s.password_length));
        }
        None
    }
}

fn submit(state: &mut AppState) -> Vec<Effect> {
    if loading(state, StSlot::Password) {
        return Vec::new();
    }
    let s = state.s().lang().st();
    let Some(form) = state.account.sealtalk.password.as_mut() else {
        return Vec::new();
    };
    if let Some((field, text)) = form.refusal(s) {
        form.focus = field;
        form.error = Some(text.into());
        return Vec::new();
    }
    form.error = None;
    let change = PasswordChange {
        old: form.old.value().to_owned(),
        new: form.new.value().to_owned(),
    };
    vec![request(
        state,
        StSlot::Password,
        StCommand::ChangePassword(change),
    )]
}

pub fn on_reply(state: &mut AppState, result: StResult<()>) -> Vec<Effect> {
    match result {
        Ok(()) => {
            state.account.sealtalk.password = None;
            state.notify(Msg::Plain(state.s().lang().st().password_changed.into()));
        }
        Err(e) => {
            let text = crate::i18n::describe_st(&e, state.lang());
            if let Some(form) = state.account.sealtalk.password.as_mut() {
                form.error = Some(crate::sanitize::line(&text).into_owned());
                form.focus = PasswordField::Old;
            }
        }
    }
    Vec::new()
}

pub fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if loading(state, StSlot::Password) {
        return Vec::new();
    }
    if crate::app::update::is_ctrl(&key, 's') {
        return submit(state);
    }
    let Some(form) = state.account.sealtalk.password.as_mut() else {
        return Vec::new();
    };
    let other = match form.focus {
        PasswordField::Old => PasswordField::New,
        PasswordField::New => PasswordField::Old,
    };
    match key.code {
        KeyCode::Enter if form.focus == PasswordField::Old => form.focus = PasswordField::New,
        KeyCode::Enter => return submit(state),
        KeyCode::Esc if form.is_dirty() => {
            state.overlay = crate::app::state::Overlay::ConfirmDiscard
        }
        KeyCode::Esc => state.account.sealtalk.password = None,
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => form.focus = other,
        _ => {
            let input = match form.focus {
                PasswordField::Old => &mut form.old,
                PasswordField::New => &mut form.new,
            };
            input.handle_event(&Event::Key(key));
            form.error = None;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_password_is_checked_before_sending() {
        let s = crate::i18n::Lang::En.st();
        let mut f = PasswordForm::default();
        assert_eq!(f.refusal(s).map(|r| r.0), Some(PasswordField::Old));
        f.old = Input::new("old".into());
        f.new = Input::new("a b cdef".into());
        assert_eq!(f.refusal(s).map(|r| r.1), Some(s.password_space));
        f.new = Input::new("abc".into());
        assert_eq!(f.refusal(s).map(|r| r.1), Some(s.password_length));
        f.new = Input::new("abcdef".into());
        assert!(f.refusal(s).is_none());
    }
}
