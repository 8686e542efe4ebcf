//! The dashboard and its account's local store: asking it (`Effect::Store`), and its answers
//! (`Action::Stored`). A failure is said once in the status line; the dashboard goes on
//! without the store.

use crate::app::action::Effect;
use crate::app::state::{AppState, Msg, MsgKey};
use crate::store::protocol::{StoreCommand, StoreResponse};

/// Asks the shown account's store to do `command`.
pub fn ask(state: &mut AppState, command: StoreCommand) -> Effect {
    Effect::Store(state.next_request(), command)
}

/// The store answered.
pub fn on_stored(state: &mut AppState, response: StoreResponse) -> Vec<Effect> {
    let response = match crate::app::coin_window::on_stored(state, response) {
        Ok(fx) => return fx,
        Err(other) => other,
    };
    if let Some(e) = response.reply.error() {
        store_failed(state, e);
    }
    Vec::new()
}

/// Says once that the store is not used, and why.
pub fn store_failed(state: &mut AppState, why: &str) {
    if state.account.store_down {
        return;
    }
    state.account.store_down = true;
    state.alert(Msg::Key(
        MsgKey::StoreNotUsed,
        vec![Msg::Plain(why.to_owned())],
    ));
}
