//! chaoqer's login screen: country code, phone, SMS code (Q1, Q2).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::chaoqer::login::CqLoginField;
use crate::app::state::AppState;
use crate::ui::field::{self, Field};
use crate::ui::sealtalk::{fit, safe};
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = state.s().lang().cq();
    let form = &state.account.chaoqer.login;
    let sending = crate::app::chaoqer::loading(state, crate::app::chaoqer::CqSlot::SendCode);
    let loading =
        sending || crate::app::chaoqer::loading(state, crate::app::chaoqer::CqSlot::Login);
    let w = area.width.saturating_sub(4).min(64);
    let h = 11u16.min(area.height);
    let rect = crate::ui::centered(area, w, h);
    let account = state.accounts.active_name().map(crate::sanitize::line);
    let title = match account {
        Some(name) => format!(" {} · {name} ", t.login_title),
        None => format!(" {} ", t.login_title),
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let server = Line::styled(fit(&state.account.server, inner.width as usize), theme.dim);
    frame.render_widget(Paragraph::new(server), Rect { height: 1, ..inner });
    let labels = [t.country_code, t.phone, t.code];
    let label_w = labels.iter().map(|l| l.width()).max().unwrap_or(8);
    let fields = [
        (CqLoginField::CountryCode, t.country_code, false),
        (CqLoginField::Phone, t.phone, false),
        // A code is good for one login only, and short-lived: shown as typed.
        (CqLoginField::Code, t.code, false),
    ];
    let mut cursor = None;
    for (i, (f, label, masked)) in fields.into_iter().enumerate() {
        let y = inner.y + 2 + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let row = Rect {
            y,
            height: 1,
            ..inner
        };
        let at = field::draw(
            frame,
            theme,
            row,
            label_w,
            Field {
                label,
                input: form.input(f),
                masked,
                focused: form.focus == f,
                editable: !loading,
            },
        );
        cursor = cursor.or(at);
    }
    let notice_y = inner.y + 6;
    if notice_y < inner.bottom() {
        let line = match (&form.notice, loading) {
            (_, true) => Line::styled(
                format!(
                    "{} {}",
                    state.spinner_frame(),
                    if sending {
                        t.sending_code
                    } else {
                        t.logging_in
                    }
                ),
                theme.dim,
            ),
            (Some((text, error)), false) => {
                Line::styled(safe(text), if *error { theme.error } else { theme.ok })
            }
            (None, false) => Line::default(),
        };
        let rows = inner.bottom() - notice_y;
        frame.render_widget(
            Paragraph::new(line).wrap(ratatui::widgets::Wrap { trim: true }),
            Rect {
                y: notice_y,
                height: rows.saturating_sub(1).max(1),
                ..inner
            },
        );
    }
    if inner.height > 1 {
        let hint = Line::styled(fit(t.login_hint, inner.width as usize), theme.dim)
            .alignment(Alignment::Center);
        frame.render_widget(
            Paragraph::new(hint),
            Rect {
                y: inner.bottom() - 1,
                height: 1,
                ..inner
            },
        );
    }
    if let Some(pos) = cursor
        && state.overlay == crate::app::state::Overlay::None
    {
        frame.set_cursor_position(pos);
    }
}
