//! SealTalk's login screen: calling code, phone, password (T1).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::st;
use crate::app::sealtalk::login::StLoginField;
use crate::app::state::AppState;
use crate::ui::field::{self, Field};
use crate::ui::theme::Theme;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = st(state);
    let form = &state.account.sealtalk.login;
    let loading = crate::app::sealtalk::loading(state, crate::app::sealtalk::StSlot::Login);
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
    let server = Line::styled(
        super::fit(&state.account.server, inner.width as usize),
        theme.dim,
    );
    frame.render_widget(Paragraph::new(server), Rect { height: 1, ..inner });
    let labels = [t.region, t.phone, t.password];
    let label_w = labels.iter().map(|l| l.width()).max().unwrap_or(8);
    let fields = [
        (StLoginField::Region, t.region, false),
        (StLoginField::Phone, t.phone, false),
        (StLoginField::Password, t.password, true),
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
                format!("{} {}", state.spinner_frame(), t.logging_in),
                theme.dim,
            ),
            (Some((text, error)), false) => Line::styled(
                super::safe(text),
                if *error { theme.error } else { theme.ok },
            ),
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
        let hint = Line::styled(super::fit(t.login_hint, inner.width as usize), theme.dim)
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
