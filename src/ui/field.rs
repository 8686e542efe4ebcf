//! One labelled text field, as the login screen, the verification popups and the edit form
//! all draw it: a focus marker, the label padded to the column's width, then the input,
//! scrolled so its cursor shows. Widths are display columns (Chinese is two wide).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;
use tui_input::Input;

use super::pad;
use super::theme::Theme;

/// What a field shows.
pub struct Field<'a> {
    pub label: &'a str,
    pub input: &'a Input,
    /// A password: bullets instead of the text.
    pub masked: bool,
    pub focused: bool,
    /// False while its form is being sent: no cursor then.
    pub editable: bool,
}

/// Draws the marker and label at the start of `row` (`label_w` columns for the label) and
/// returns the area left for the value.
pub fn label(
    frame: &mut Frame,
    theme: &Theme,
    row: Rect,
    label: &str,
    label_w: usize,
    focused: bool,
) -> Rect {
    let marker = if focused { "› " } else { "  " };
    let head = label_w as u16 + 3;
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!("{marker}{} ", pad(label, label_w)),
            if focused { theme.accent } else { theme.label },
        )),
        Rect {
            width: head.min(row.width),
            ..row
        },
    );
    let x = row.x + head.min(row.width);
    Rect {
        x,
        width: row.right().saturating_sub(x + 1),
        ..row
    }
}

/// Draws a labelled field in `row`; returns where the terminal cursor goes when it has focus.
pub fn draw(
    frame: &mut Frame,
    theme: &Theme,
    row: Rect,
    label_w: usize,
    field: Field<'_>,
) -> Option<Position> {
    let area = label(frame, theme, row, field.label, label_w, field.focused);
    let style = if field.focused {
        theme.input_focused
    } else {
        theme.input
    };
    input_line(
        frame,
        area,
        field.input,
        field.masked,
        style,
        field.focused && field.editable,
    )
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
