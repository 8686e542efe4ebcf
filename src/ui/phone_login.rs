//! The phone login screen SealTalk and chaoqer share (`app::phone_login`): the account's
//! server, the three boxes, what the screen says and the keys' hint. Each service's `login.rs`
//! brings its own words.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::app::phone_login::{PhoneField, PhoneLoginForm};
use crate::app::state::AppState;
use crate::ui::field::{self, Field};
use crate::ui::sealtalk::{fit, safe};
use crate::ui::theme::Theme;

/// A service's words and state for the shared screen.
pub struct PhoneLoginView<'a> {
    pub form: &'a PhoneLoginForm,
    pub title: &'a str,
    /// The three boxes' labels: calling code, phone, the third box.
    pub labels: [&'a str; 3],
    /// Whether the third box shows dots (a password) or what is typed.
    pub mask_secret: bool,
    /// What is under way (shown beside the spinner, the boxes locked), if anything.
    pub busy: Option<&'a str>,
    pub hint: &'a str,
}

pub fn render(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    view: PhoneLoginView,
) {
    let form = view.form;
    let loading = view.busy.is_some();
    let w = area.width.saturating_sub(4).min(64);
    let h = 11u16.min(area.height);
    let rect = crate::ui::centered(area, w, h);
    let account = state.accounts.active_name().map(crate::sanitize::line);
    let title = match account {
        Some(name) => format!(" {} · {name} ", view.title),
        None => format!(" {} ", view.title),
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let server = Line::styled(fit(&state.account.server, inner.width as usize), theme.dim);
    frame.render_widget(Paragraph::new(server), Rect { height: 1, ..inner });
    let label_w = view.labels.iter().map(|l| l.width()).max().unwrap_or(8);
    let [calling_code, phone, secret] = view.labels;
    let fields = [
        (PhoneField::CallingCode, calling_code, false),
        (PhoneField::Phone, phone, false),
        (PhoneField::Secret, secret, view.mask_secret),
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
        let line = match (&form.notice, view.busy) {
            (_, Some(busy)) => Line::styled(format!("{} {busy}", state.spinner_frame()), theme.dim),
            (Some((text, error)), None) => {
                Line::styled(safe(text), if *error { theme.error } else { theme.ok })
            }
            (None, None) => Line::default(),
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
        let hint = Line::styled(fit(view.hint, inner.width as usize), theme.dim)
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
