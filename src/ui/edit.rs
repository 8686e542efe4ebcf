//! The profile edit form, drawn over the profile pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::centered;
use super::theme::Theme;
use crate::app::form::{FIELDS, Field};
use crate::app::state::AppState;

/// The short label of a field (its long explanation is shown while it has focus).
fn short_label(f: Field, s: &crate::i18n::Strings) -> &'static str {
    match f {
        Field::Avatar => s.avatar,
        Field::Birthday => s.birthday,
        Field::LocationCode => s.location_code_short,
        other => other.label(s),
    }
}

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, body: Rect) {
    let Some(form) = &state.account.edit else {
        return;
    };
    let s = state.s();
    let label_w = FIELDS
        .iter()
        .map(|f| short_label(*f, s).width())
        .max()
        .unwrap_or(0);
    let error_rows =
        form.errors.iter().filter(|e| e.is_some()).count() + usize::from(form.form_error.is_some());
    let height = (FIELDS.len() + error_rows + 5) as u16;
    let rect = centered(body, body.width.saturating_sub(4).min(90), height);
    super::clear_popup(frame, rect);
    let title = if state.account.edit_saving() {
        format!(" {} · {} ", s.edit_title, s.saving)
    } else {
        format!(" {} ", s.edit_title)
    };
    let block = Block::bordered().title(title).border_style(theme.accent);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    let input_x = inner.x + label_w as u16 + 3;
    let input_w = inner.width.saturating_sub(label_w as u16 + 4);
    let mut y = inner.y;
    let mut cursor = None;
    for (i, field) in FIELDS.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let focused = i == form.focus;
        let row = Rect {
            x: inner.x,
            y,
            width: inner.width,
            height: 1,
        };
        if *field == Field::Gender {
            // A choice, not typed text: the same label, the value between arrows.
            let area =
                super::field::label(frame, theme, row, short_label(*field, s), label_w, focused);
            let name = s.gender(form.gender);
            let text = if focused {
                format!("‹ {name} ›")
            } else {
                format!("  {name}  ")
            };
            let style = if focused {
                theme.input_focused
            } else {
                theme.input
            };
            frame.render_widget(Paragraph::new(text).style(style), area);
        } else if let Some(at) = super::field::draw(
            frame,
            theme,
            row,
            label_w,
            super::field::Field {
                label: short_label(*field, s),
                input: &form.inputs[field.index()],
                masked: false,
                focused,
                editable: !state.account.edit_saving(),
            },
        ) {
            cursor = Some(at);
        }
        y += 1;
        if let Some(err) = &form.errors[field.index()]
            && y < inner.bottom()
        {
            frame.render_widget(
                Paragraph::new(Span::styled(format!("✗ {err}"), theme.error)),
                Rect {
                    x: input_x,
                    y,
                    width: input_w,
                    height: 1,
                },
            );
            y += 1;
        }
    }
    y += 1;
    let hint = match form.field() {
        Field::Avatar => s.avatar_field,
        Field::Birthday => s.birthday_field,
        Field::LocationCode => s.location_code,
        _ => "",
    };
    let mut lines = Vec::new();
    if let Some(err) = &form.form_error {
        lines.push(Line::styled(format!("✗ {err}"), theme.error));
    }
    lines.push(Line::styled(hint, theme.dim));
    if y < inner.bottom() {
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                x: inner.x + 1,
                y,
                width: inner.width.saturating_sub(1),
                height: inner.bottom() - y,
            },
        );
    }
    if let Some(at) = cursor {
        frame.set_cursor_position(at);
    }
}
