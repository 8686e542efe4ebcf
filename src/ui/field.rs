//! One labelled text field, as the login screen, the verification popups and the edit form
//! all draw it: a focus marker, the label padded to the column's width, then the input,
//! scrolled so its cursor shows. Widths are display columns (Chinese is two wide).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;
use tui_input::Input;

use unicode_width::UnicodeWidthStr;

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
    // One shown character per typed one, so the cursor maps one to one: bullets for a
    // password, and a visible mark for a control or format character (a nickname from the
    // server may hold a soft hyphen or a zero-width space, which would shift every column).
    let shown: String = input
        .value()
        .chars()
        .map(|c| match c {
            _ if masked => '•',
            c if crate::sanitize::is_unsafe(c) => '\u{fffd}',
            c => c,
        })
        .collect();
    let (cursor, scroll) = if !focused {
        // An unfocused field shows its beginning.
        (0, 0)
    } else {
        let before: String = shown.chars().take(input.cursor()).collect();
        let c = before.width();
        (c, c.saturating_sub(width.saturating_sub(1)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(value: &str, cursor_at_end: bool) -> (String, Option<Position>) {
        let backend = ratatui::backend::TestBackend::new(20, 1);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        let mut input = Input::new(value.into());
        if !cursor_at_end {
            input = input.with_cursor(0);
        }
        let mut at = None;
        terminal
            .draw(|f| {
                at = input_line(f, f.area(), &input, false, Default::default(), true);
            })
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        let text = (0..20)
            .map(|x| buffer[(x, 0)].symbol().to_owned())
            .collect();
        (text, at)
    }

    #[test]
    fn format_characters_are_drawn_visibly_and_the_cursor_stays_in_step() {
        let (text, at) = drawn("a\u{ad}b\u{200b}c\u{202e}", true);
        assert!(!text.chars().any(crate::sanitize::is_unsafe), "{text:?}");
        assert!(text.starts_with("a\u{fffd}b\u{fffd}c\u{fffd}"), "{text:?}");
        assert_eq!(at, Some(Position::new(6, 0)), "one column per character");
        // Chinese is two columns wide; the cursor follows.
        let (_, at) = drawn("云湖x", true);
        assert_eq!(at, Some(Position::new(5, 0)));
    }
}
