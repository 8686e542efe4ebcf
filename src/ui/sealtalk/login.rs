//! SealTalk's login screen: calling code, phone, password (T1).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::st;
use crate::app::sealtalk::{StSlot, loading};
use crate::app::state::AppState;
use crate::ui::phone_login::{self, PhoneLoginView};
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = st(state);
    let view = PhoneLoginView {
        form: &state.account.sealtalk.login,
        title: t.login_title,
        labels: [t.region, t.phone, t.password],
        mask_secret: true,
        busy: loading(state, StSlot::Login).then_some(t.logging_in),
        hint: t.login_hint,
    };
    phone_login::render(state, theme, frame, area, view);
}
