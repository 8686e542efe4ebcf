//! The profile edit form, drawn over the profile pane.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tui_input::Input;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{centered, pad};
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

/// Draws a one-line text input in `area`, scrolled so the cursor shows; returns where the
/// cursor is when the input has focus. Widths are display columns (Chinese is two wide).
pub fn input_line(
    frame: &mut Frame,
    area: Rect,
    input: &Input,
    masked: bool,
    style: ratatui::style::Style,
    focused: bool,
) -> Option<Position> {
    let width = area.width as usize;
    let shown = if masked {
        "•".repeat(input.value().chars().count())
    } else {
        input.value().to_owned()
    };
    let (cursor, scroll) = if !focused {
        // An unfocused field shows its beginning.
        (0, 0)
    } else if masked {
        let c = input.cursor();
        (c, c.saturating_sub(width.saturating_sub(1)))
    } else {
        (
            input.visual_cursor(),
            input.visual_scroll(width.saturating_sub(1)),
        )
    };
    frame.render_widget(
        Paragraph::new(shown)
            .style(style)
            .scroll((0, scroll as u16)),
        area,
    );
    focused.then(|| {
        Position::new(
            area.x + (cursor - scroll).min(width.saturating_sub(1)) as u16,
            area.y,
        )
    })
}

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, body: Rect) {
    let Some(form) = &state.edit else { return };
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
    let title = if form.is_saving() {
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
        let marker = if focused { "›" } else { " " };
        let label_style = if focused { theme.accent } else { theme.label };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{marker}{} ", pad(short_label(*field, s), label_w)),
                label_style,
            )),
            Rect {
                x: inner.x,
                y,
                width: label_w as u16 + 2,
                height: 1,
            },
        );
        let area = Rect {
            x: input_x,
            y,
            width: input_w,
            height: 1,
        };
        let style = if focused {
            theme.input_focused
        } else {
            theme.input
        };
        if *field == Field::Gender {
            let name = s.gender(form.gender);
            let text = if focused {
                format!("‹ {name} ›")
            } else {
                format!("  {name}  ")
            };
            frame.render_widget(Paragraph::new(text).style(style), area);
        } else if let Some(at) = input_line(
            frame,
            area,
            &form.inputs[field.index()],
            false,
            style,
            focused && !form.is_saving(),
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
