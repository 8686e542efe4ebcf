//! chaoqer's login screen: country code, phone, SMS code (Q1, Q2).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::chaoqer::{CqSlot, loading};
use crate::app::state::AppState;
use crate::ui::phone_login::{self, PhoneLoginView};
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = state.s().lang().cq();
    let busy = if loading(state, CqSlot::SendCode) {
        Some(t.sending_code)
    } else if loading(state, CqSlot::Login) {
        Some(t.logging_in)
    } else {
        None
    };
    let view = PhoneLoginView {
        form: &state.account.chaoqer.login,
        title: t.login_title,
        labels: [t.country_code, t.phone, t.code],
        // A code is good for one login only, and short-lived: shown as typed.
        mask_secret: false,
        busy,
        hint: t.login_hint,
    };
    phone_login::render(state, theme, frame, area, view);
}
