//! The Settings pane and its popups (one text setting, or a verification flow).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::field::input_line;
use super::list::{block, filter_bar};
use super::theme::Theme;
use super::{centered, clear_popup, pad};
use crate::app::filter::FilterList;
use crate::app::settings_pane::{SETTING_ROWS, SettingRow};
use crate::app::state::{AppState, Popup};

use crate::app::settings_view::{
    SettingLine, setting_label, setting_lines, setting_prefix, settings_scroll,
};

pub fn settings(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let cursor = state.account.settings.cursor;
    let (label_w, prefix) = setting_prefix(state);
    let room = (area.width as usize).saturating_sub(2 + prefix);
    let sections = [s.section_app, s.section_account, s.section_service];
    let setting_lines = setting_lines(state, area.width);
    let inner_h = area.height.saturating_sub(2) as usize;
    let scroll = settings_scroll(&setting_lines, cursor, inner_h);
    let change_hint = format!("   Enter {}", s.key_change);
    // Only the lines in view are built.
    let mut lines = Vec::with_capacity(inner_h);
    for (n, line) in setting_lines.iter().enumerate().skip(scroll).take(inner_h) {
        let value_style = |failed: bool| if failed { theme.error } else { theme.text };
        let selected = line.row() == Some(cursor);
        let built = match line {
            SettingLine::Section(i) => Line::styled(
                format!(" {}", sections[(*i).min(2)]),
                theme.title.add_modifier(Modifier::UNDERLINED),
            ),
            SettingLine::Row {
                index,
                value,
                failed,
            } => {
                let row = SETTING_ROWS[*index];
                let marker = if selected { "›" } else { " " };
                Line::from(vec![
                    Span::styled(
                        format!(" {marker} {} ", pad(&setting_label(state, row), label_w)),
                        if selected { theme.accent } else { theme.label },
                    ),
                    Span::styled(value.clone(), value_style(*failed)),
                ])
            }
            SettingLine::More { text, failed, .. } => Line::from(vec![
                Span::raw(" ".repeat(prefix)),
                Span::styled(text.clone(), value_style(*failed)),
            ]),
        };
        let mut built = built;
        // The change hint, after the row's last line, when it fits whole.
        let last_of_row = setting_lines.get(n + 1).and_then(SettingLine::row) != line.row();
        if selected && last_of_row {
            let row = SETTING_ROWS[cursor.min(SETTING_ROWS.len() - 1)];
            let used = built.width().saturating_sub(prefix);
            if !matches!(
                row,
                SettingRow::Limits | SettingRow::Versions | SettingRow::Grey
            ) && used + change_hint.width() <= room
            {
                built
                    .spans
                    .push(Span::styled(change_hint.clone(), theme.dim));
            }
        }
        lines.push(if selected {
            built.style(theme.selected)
        } else {
            built
        });
    }
    frame.render_widget(
        Paragraph::new(lines).block(block(format!(" {} ", s.tabs[4]), theme)),
        area,
    );
    filter_bar(state, theme, frame, area, FilterList::Settings);
}

/// The settings popups: one text setting, or a verification flow.
pub fn settings_popup(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    match &state.account.popup {
        Some(Popup::SettingInput { row, input, error }) => {
            let width = area.width.saturating_sub(8).min(70);
            let rect = centered(area, width, 6);
            clear_popup(frame, rect);
            let b = Block::bordered()
                .title(format!(" {} ", setting_label(state, *row)))
                .border_style(theme.accent);
            let inner = b.inner(rect);
            frame.render_widget(b, rect);
            let input_area = Rect {
                x: inner.x + 1,
                y: inner.y,
                width: inner.width.saturating_sub(2),
                height: 1,
            };
            if let Some(at) = input_line(frame, input_area, input, false, theme.input_focused, true)
            {
                frame.set_cursor_position(at);
            }
            if let Some(e) = error {
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("✗ {e}"), theme.error)),
                    Rect {
                        y: inner.y + 1,
                        ..input_area
                    },
                );
            }
            let hints = super::hint_spans(
                &[("Enter".into(), s.key_save), ("Esc".into(), s.key_cancel)],
                theme,
            );
            frame.render_widget(
                Paragraph::new(Line::from(hints)),
                Rect {
                    y: inner.y + 3,
                    ..input_area
                },
            );
        }
        // Drawn by `login::verify_popup` (with the captcha, at every size).
        Some(Popup::Verify(form)) => {
            super::login::verify_popup(state, form, theme, frame, area, area)
        }
        _ => {}
    }
}
