//! The chaoqer account's popups: the profile form (edit, or complete a new account's), the
//! one-field forms (send my card, feedback), and the questions before an action.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{cq, safe};
use crate::app::chaoqer::confirm::CqConfirm;
use crate::app::chaoqer::profile_form::{CqField, CqProfileForm, saving};
use crate::app::chaoqer::text_form::TextForm;
use crate::app::chaoqer::{CqSlot, loading};
use crate::app::state::{AppState, Overlay};
use crate::ui::field::{self, Field};
use crate::ui::popup::{self, titled};
use crate::ui::theme::Theme;
use crate::ui::{centered, clear_popup};

/// A note line (a hint or a refusal) under a field, wrapped over at most `rows` rows.
fn note(frame: &mut Frame, inner: Rect, y: &mut u16, line: Line<'_>, rows: u16) {
    if *y >= inner.bottom() {
        return;
    }
    let rows = rows.min(inner.bottom() - *y);
    frame.render_widget(
        Paragraph::new(line).wrap(Wrap { trim: false }),
        Rect {
            y: *y,
            height: rows,
            ..inner
        },
    );
    *y += rows;
}

pub fn profile(
    state: &AppState,
    form: &CqProfileForm,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let t = cq(state);
    let busy = saving(state);
    let rect = centered(
        area,
        area.width.saturating_sub(2).min(80),
        10.min(area.height),
    );
    clear_popup(frame, rect);
    let title = if form.init {
        t.complete_title
    } else {
        t.edit_title
    };
    let block = titled(title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let label = |f: CqField| match f {
        CqField::Nickname => t.nickname,
        CqField::Avatar => t.avatar,
        CqField::Bio => t.bio,
    };
    let label_w = [t.nickname, t.avatar, t.bio]
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(8);
    let mut y = inner.y;
    if form.init {
        note(
            frame,
            inner,
            &mut y,
            Line::styled(t.complete_hint, theme.dim),
            2,
        );
    }
    let mut cursor = None;
    for &f in form.fields() {
        if y >= inner.bottom() {
            break;
        }
        let focused = form.focus == f;
        let at = field::draw(
            frame,
            theme,
            Rect {
                y,
                height: 1,
                ..inner
            },
            label_w,
            Field {
                label: label(f),
                input: form.input(f),
                masked: false,
                focused,
                editable: !busy,
            },
        );
        cursor = cursor.or(at);
        y += 1;
        match (form.error(f), f, focused) {
            (Some(e), _, _) => note(
                frame,
                inner,
                &mut y,
                Line::styled(format!("  ! {}", safe(e)), theme.error),
                2,
            ),
            (None, CqField::Avatar, true) => note(
                frame,
                inner,
                &mut y,
                Line::styled(format!("  {}", t.avatar_hint), theme.dim),
                1,
            ),
            (None, CqField::Bio, true) => note(
                frame,
                inner,
                &mut y,
                Line::styled(format!("  {}", t.bio_hint), theme.dim),
                1,
            ),
            _ => {}
        }
    }
    if busy {
        popup::saving_row(state, theme, frame, inner);
    }
    if let Some(pos) = cursor
        && state.account.chaoqer.confirm.is_none()
        && state.overlay == Overlay::None
    {
        frame.set_cursor_position(pos);
    }
}

#[allow(clippy::too_many_arguments)]
pub fn one_field(
    state: &AppState,
    title: &str,
    label: &str,
    hint: &str,
    form: &TextForm,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let busy = loading(state, CqSlot::SendCard) || loading(state, CqSlot::Feedback);
    let rect = centered(
        area,
        area.width.saturating_sub(2).min(72),
        6.min(area.height),
    );
    clear_popup(frame, rect);
    let block = titled(title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let at = field::draw(
        frame,
        theme,
        Rect { height: 1, ..inner },
        label.width(),
        Field {
            label,
            input: &form.input,
            masked: false,
            focused: true,
            editable: !busy,
        },
    );
    let mut y = inner.y + 1;
    let line = match &form.error {
        Some(e) => Line::styled(format!("  ! {}", safe(e)), theme.error),
        None => Line::styled(format!("  {hint}"), theme.dim),
    };
    note(frame, inner, &mut y, line, 3);
    if busy {
        popup::saving_row(state, theme, frame, inner);
    }
    if let Some(pos) = at
        && state.overlay == Overlay::None
    {
        frame.set_cursor_position(pos);
    }
}

pub fn confirm(state: &AppState, c: &CqConfirm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = cq(state);
    let question = match c {
        CqConfirm::Unblock { name, .. } => crate::i18n::fill(t.confirm_unblock, &[&safe(name)]),
        CqConfirm::DeleteCard { name, .. } => {
            crate::i18n::fill(t.confirm_delete_card, &[&safe(name)])
        }
        CqConfirm::Join { name, .. } => crate::i18n::fill(t.confirm_join, &[&safe(name)]),
        CqConfirm::Leave { name, .. } => crate::i18n::fill(t.confirm_leave, &[&safe(name)]),
    };
    popup::question(&question, t.confirm_keys, theme, frame, area);
}
