//! chaoqer's About pane: the latest iOS and Android apps (Q22; "当前已经是最新版本" is
//! no update, not an error), and `e` to send feedback (Q23, a small form).

use super::text_form::TextForm;
use super::{CqSlot, any_loading, no_reply, request};
use crate::api::actor_chaoqer::{CqCommand, CqResult};
use crate::api::chaoqer::model::Feedback;
use crate::api::chaoqer::{MAX_FEEDBACK, java_len};
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Tab};

pub fn reload(state: &mut AppState) -> Effect {
    request(state, CqSlot::Versions, CqCommand::Versions)
}

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    if let Some(fx) = super::tab_intent(state, intent) {
        return Some(fx);
    }
    match intent {
        Intent::Retry => Some(vec![reload(state)]),
        Intent::Edit => {
            let cq = &mut state.account.chaoqer;
            if cq.feedback.is_none() {
                cq.feedback = Some(TextForm::default());
            }
            Some(Vec::new())
        }
        _ => None,
    }
}

/// Enter in the feedback form: Q23 with the text, or why not.
pub fn send_feedback(state: &mut AppState) -> Vec<Effect> {
    let t = state.s().lang().cq();
    let Some(form) = state.account.chaoqer.feedback.as_mut() else {
        return Vec::new();
    };
    let content = form.value().trim().to_owned();
    if content.is_empty() {
        form.error = Some(t.feedback_empty.into());
        return Vec::new();
    }
    if java_len(&content) > MAX_FEEDBACK {
        form.error = Some(crate::i18n::fill(
            t.feedback_long,
            &[&MAX_FEEDBACK, &java_len(&content)],
        ));
        return Vec::new();
    }
    form.error = None;
    let feedback = Feedback {
        content,
        images: Vec::new(),
    };
    vec![request(
        state,
        CqSlot::Feedback,
        CqCommand::Feedback(feedback),
    )]
}

/// Q23 answered: the form closes with the server's words, or keeps the text and says why.
pub fn on_feedback(state: &mut AppState, result: CqResult<String>) -> Vec<Effect> {
    let cq = &mut state.account.chaoqer;
    match &result {
        Ok(_) => cq.feedback = None,
        Err(e) => {
            if let Some(f) = cq.feedback.as_mut() {
                f.error = Some(crate::sanitize::line(&e.to_string()).into_owned());
            }
        }
    }
    let failed = state.s().lang().cq().feedback_failed;
    super::say(state, &result, failed);
    Vec::new()
}

fn is_loading(state: &AppState) -> bool {
    any_loading(state, &[CqSlot::Versions, CqSlot::Feedback])
}

pub static PANE: Pane = Pane {
    tab: Tab::About,
    intent,
    reply: no_reply,
    loading: is_loading,
};
