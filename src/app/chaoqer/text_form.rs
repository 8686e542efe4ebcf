//! A one-field form (send my card to a uid, feedback): its text, why it was refused, and
//! the keys that edit it. What is typed stays until it is sent or dropped.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

#[derive(Debug, Clone, Default)]
pub struct TextForm {
    pub input: Input,
    /// Why it was refused (by the check here, or the server's words).
    pub error: Option<String>,
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Submit,
    Cancel,
    /// Esc with something typed: asked before it goes.
    AskDiscard,
    Edited,
}

impl TextForm {
    pub fn is_dirty(&self) -> bool {
        !self.input.value().trim().is_empty()
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn on_key(&mut self, key: KeyEvent) -> Outcome {
        if crate::app::update::is_ctrl(&key, 's') {
            return Outcome::Submit;
        }
        match key.code {
            KeyCode::Enter => Outcome::Submit,
            KeyCode::Esc if self.is_dirty() => Outcome::AskDiscard,
            KeyCode::Esc => Outcome::Cancel,
            _ => {
                self.input.handle_event(&Event::Key(key));
                // What is being fixed is no longer said to be wrong.
                self.error = None;
                Outcome::Edited
            }
        }
    }
}
