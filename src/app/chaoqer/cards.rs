//! chaoqer's Cards pane: the cards I received (Q12, paged); `e` sends my card to a uid
//! (Q13, a small form); Enter asks, then removes the card (Q14). Q14 answers success but
//! the server keeps the card (its known bug): the list is read again, and when the card is
//! still there the status line says so rather than pretend it went.

use super::confirm::CqConfirm;
use super::text_form::TextForm;
use super::{CqSlot, any_loading, first_page, no_reply, request};
use crate::api::actor_chaoqer::{CqCommand, CqResult};
use crate::app::action::Effect;
use crate::app::keymap::Intent;
use crate::app::pane::Pane;
use crate::app::state::{AppState, Msg, Tab};

pub fn intent(state: &mut AppState, intent: Intent) -> Option<Vec<Effect>> {
    if let Some(fx) = super::tab_intent(state, intent) {
        return Some(fx);
    }
    match intent {
        Intent::Retry => Some(vec![first_page(state, CqSlot::Cards)]),
        Intent::Edit => {
            let cq = &mut state.account.chaoqer;
            if cq.card_form.is_none() {
                cq.card_form = Some(TextForm::default());
            }
            Some(Vec::new())
        }
        Intent::Open => {
            let cq = &mut state.account.chaoqer;
            if let Some(e) = cq.cards.current() {
                let name = super::display_name(e);
                cq.confirm = Some(CqConfirm::DeleteCard {
                    uid: e.uid.clone(),
                    name,
                });
            }
            Some(Vec::new())
        }
        _ => super::list_intent(state, CqSlot::Cards, intent),
    }
}

/// Enter in the card form: Q13 to the uid typed, or why not.
pub fn send(state: &mut AppState) -> Vec<Effect> {
    let t = state.s().lang().cq();
    let Some(form) = state.account.chaoqer.card_form.as_mut() else {
        return Vec::new();
    };
    let uid = form.value().trim().to_ascii_lowercase();
    if !crate::api::chaoqer::is_id(&uid) {
        form.error = Some(t.uid_invalid.into());
        return Vec::new();
    }
    form.error = None;
    vec![request(state, CqSlot::SendCard, CqCommand::SendCard(uid))]
}

/// Q13 answered: the form closes with the server's words, or keeps the uid and says why.
pub fn on_sent(state: &mut AppState, result: CqResult<String>) -> Vec<Effect> {
    let cq = &mut state.account.chaoqer;
    match &result {
        Ok(_) => cq.card_form = None,
        Err(e) => {
            if let Some(f) = cq.card_form.as_mut() {
                f.error = Some(crate::sanitize::line(&e.to_string()).into_owned());
            }
        }
    }
    let failed = state.s().lang().cq().send_card_failed;
    super::say(state, &result, failed);
    Vec::new()
}

/// Removing was confirmed.
pub fn delete(state: &mut AppState, uid: String) -> Vec<Effect> {
    vec![request(
        state,
        CqSlot::DeleteCard,
        CqCommand::DeleteCard(uid),
    )]
}

/// Q14 answered. Its success is not trusted (the server's bug): the list is read again
/// and [`check_removed`] tells what happened.
pub fn on_deleted(state: &mut AppState, uid: String, result: CqResult<String>) -> Vec<Effect> {
    let t = state.s().lang().cq();
    match result {
        Ok(text) => {
            state.account.chaoqer.removing = Some(uid);
            state.notify(Msg::Plain(crate::i18n::fill(
                t.card_delete_checking,
                &[&crate::sanitize::line(&text)],
            )));
            vec![first_page(state, CqSlot::Cards)]
        }
        Err(e) => {
            state.alert(Msg::Plain(format!("{}: {e}", t.card_delete_failed)));
            Vec::new()
        }
    }
}

/// The cards' first page after a removal: whether the card really went.
pub fn check_removed(state: &mut AppState) {
    let t = state.s().lang().cq();
    let cq = &mut state.account.chaoqer;
    let Some(uid) = cq.removing.take() else {
        return;
    };
    match cq.cards.items.iter().find(|e| e.uid == uid) {
        Some(e) => {
            let name = crate::sanitize::line(&super::display_name(e)).into_owned();
            state.alert(Msg::Plain(crate::i18n::fill(t.card_still_there, &[&name])));
        }
        None => state.notify(Msg::Plain(t.card_removed.into())),
    }
}

fn is_loading(state: &AppState) -> bool {
    any_loading(
        state,
        &[CqSlot::Cards, CqSlot::SendCard, CqSlot::DeleteCard],
    )
}

pub static PANE: Pane = Pane {
    tab: Tab::Cards,
    intent,
    reply: no_reply,
    loading: is_loading,
};
