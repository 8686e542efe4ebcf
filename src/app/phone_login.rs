//! The form SealTalk's and chaoqer's login screens share: a calling code, a phone number and a
//! third box that proves the phone is yours (SealTalk's password, chaoqer's SMS code). What
//! each service asks of the third box, and what Enter sends, stay in its own `login.rs`.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::app::action::Effect;
use crate::app::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneField {
    CallingCode,
    Phone,
    /// SealTalk's password, chaoqer's SMS code.
    Secret,
}

const FIELDS: [PhoneField; 3] = [
    PhoneField::CallingCode,
    PhoneField::Phone,
    PhoneField::Secret,
];

#[derive(Debug, Clone)]
pub struct PhoneLoginForm {
    pub focus: PhoneField,
    pub calling_code: Input,
    pub phone: Input,
    pub secret: Input,
    /// What the screen says (the text, and whether it is an error).
    pub notice: Option<(String, bool)>,
}

impl Default for PhoneLoginForm {
    fn default() -> Self {
        PhoneLoginForm {
            focus: PhoneField::Phone,
            // Without `+`; both services' stock deployments are +86.
            calling_code: Input::new("86".into()),
            phone: Input::default(),
            secret: Input::default(),
            notice: None,
        }
    }
}

impl PhoneLoginForm {
    pub fn input(&self, field: PhoneField) -> &Input {
        match field {
            PhoneField::CallingCode => &self.calling_code,
            PhoneField::Phone => &self.phone,
            PhoneField::Secret => &self.secret,
        }
    }

    pub(crate) fn input_mut(&mut self, field: PhoneField) -> &mut Input {
        match field {
            PhoneField::CallingCode => &mut self.calling_code,
            PhoneField::Phone => &mut self.phone,
            PhoneField::Secret => &mut self.secret,
        }
    }

    pub(crate) fn move_focus(&mut self, forward: bool) {
        self.focus = crate::app::cycle(&FIELDS, self.focus, forward);
    }

    /// The first of the calling code (digits, a leading `+` allowed) and the phone that is
    /// missing or malformed.
    pub(crate) fn number_refusal(&self) -> Option<PhoneField> {
        let code = self.calling_code.value().trim().trim_start_matches('+');
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            return Some(PhoneField::CallingCode);
        }
        if self.phone.value().trim().is_empty() {
            return Some(PhoneField::Phone);
        }
        None
    }
}

/// What a login screen does with a key; Enter is the service's own (`enter`), the rest is
/// alike on both screens. `form` finds the screen's form in the state.
pub(crate) fn on_key(
    state: &mut AppState,
    key: KeyEvent,
    form: fn(&mut AppState) -> &mut PhoneLoginForm,
    enter: fn(&mut AppState) -> Vec<Effect>,
    submit: fn(&mut AppState) -> Vec<Effect>,
) -> Vec<Effect> {
    match key.code {
        KeyCode::Tab | KeyCode::Down => form(state).move_focus(true),
        KeyCode::BackTab | KeyCode::Up => form(state).move_focus(false),
        KeyCode::Enter => return enter(state),
        // As on Yunhu's login screen: Esc quits (asking first when a form holds edits).
        KeyCode::Esc => return crate::app::update::ask_quit(state),
        _ if crate::app::update::is_ctrl(&key, 's') => return submit(state),
        _ => {
            let form = form(state);
            let field = form.focus;
            form.input_mut(field).handle_event(&Event::Key(key));
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calling_code_is_checked_before_the_phone() {
        let mut f = PhoneLoginForm::default();
        assert_eq!(f.number_refusal(), Some(PhoneField::Phone));
        f.phone = Input::new("13900000001".into());
        assert_eq!(f.number_refusal(), None);
        f.calling_code = Input::new("+8a".into());
        assert_eq!(f.number_refusal(), Some(PhoneField::CallingCode));
        f.calling_code = Input::new(" +86 ".into());
        assert_eq!(f.number_refusal(), None);
    }

    #[test]
    fn focus_cycles_through_the_three_boxes() {
        let mut f = PhoneLoginForm::default();
        f.move_focus(true);
        assert_eq!(f.focus, PhoneField::Secret);
        f.move_focus(true);
        assert_eq!(f.focus, PhoneField::CallingCode);
        f.move_focus(false);
        assert_eq!(f.focus, PhoneField::Secret);
    }
}
