//! What takes the keys over the panes while it is open: the login screen, a popup, the edit
//! form. The sibling of [`crate::app::pane::Pane`]: `update` asks the first open layer to
//! take a key and offers every layer the answers a pane did not take; no layer is named there.

use std::ops::ControlFlow;

use crossterm::event::KeyEvent;

use crate::api::actor::Reply;
use crate::app::action::Effect;
use crate::app::requests::Slot;
use crate::app::state::AppState;
use crate::app::{edit, links, login};

pub trait Layer: Sync {
    /// It is on screen and has the keys.
    fn is_open(&self, state: &AppState) -> bool;
    fn on_key(&self, state: &mut AppState, key: KeyEvent) -> Vec<Effect>;
    /// An answer that is this layer's (its effects), or the answer back for the next one.
    fn on_reply(
        &self,
        _state: &mut AppState,
        _slot: Slot,
        reply: Reply,
    ) -> ControlFlow<Vec<Effect>, Reply> {
        ControlFlow::Continue(reply)
    }
    /// Something it shows is on its way (the spinner runs only then).
    fn is_loading(&self, state: &AppState) -> bool;
}

/// Every layer, the one that takes keys first first.
pub static LAYERS: [&dyn Layer; 7] = [
    &crate::app::sealtalk::login::StLoginScreen,
    &login::LoginScreen,
    &crate::app::sealtalk::confirm::StForms,
    &links::Popups,
    &edit::EditLayer,
    // Last: it is open only on a chaoqer account, where none of the others is.
    &crate::app::chaoqer::login::CqLoginScreen,
    // Open only on a chaoqer account's main screen.
    &crate::app::chaoqer::confirm::CqForms,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Popup, Screen};

    #[test]
    fn the_login_screen_comes_before_a_popup_and_a_popup_before_the_form() {
        let mut st = crate::app::account::tests::state();
        let open = |st: &AppState| LAYERS.iter().position(|l| l.is_open(st));
        // LAYERS: SealTalk's login, Yunhu's login, SealTalk's forms, popups, the edit form.
        assert_eq!(open(&st), Some(1), "not logged in");
        st.account.service = crate::service::Service::Sealtalk;
        assert_eq!(
            open(&st),
            Some(0),
            "a SealTalk account has its own login screen"
        );
        st.account.service = crate::service::Service::Yunhu;
        st.account.screen = Screen::Main;
        assert_eq!(open(&st), None, "the panes have the keys");
        st.account.popup = Some(Popup::Group(0));
        assert_eq!(open(&st), Some(3));
    }
}
