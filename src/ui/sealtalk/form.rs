//! The SealTalk account's popups: the profile edit form, the password form, and the
//! questions before an unblock or a screen-capture toggle.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{safe, st};
use crate::api::sealtalk::model::Gender;
use crate::app::sealtalk::confirm::Confirm;
use crate::app::sealtalk::password::{PasswordField, PasswordForm};
use crate::app::sealtalk::profile_form::{Part, ProfileForm, saving};
use crate::app::state::AppState;
use crate::ui::field::{self, Field};
use crate::ui::popup::{self, titled};
use crate::ui::theme::Theme;
use crate::ui::{centered, clear_popup};

pub fn edit(state: &AppState, form: &ProfileForm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = st(state);
    let busy = saving(state);
    let rect = centered(
        area,
        area.width.saturating_sub(2).min(80),
        14.min(area.height),
    );
    clear_popup(frame, rect);
    let block = titled(t.edit_title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let labels = [t.nickname, t.portrait, t.gender, t.st_account];
    let label_w = labels.iter().map(|l| l.width()).max().unwrap_or(8);
    let mut y = inner.y;
    let mut cursor = None;
    for (part, label) in [
        Part::Nickname,
        Part::Portrait,
        Part::Gender,
        Part::StAccount,
    ]
    .into_iter()
    .zip(labels)
    {
        if y >= inner.bottom() {
            break;
        }
        let row = Rect {
            y,
            height: 1,
            ..inner
        };
        let focused = form.focus == part;
        match form.input(part) {
            Some(input) => {
                let at = field::draw(
                    frame,
                    theme,
                    row,
                    label_w,
                    Field {
                        label,
                        input,
                        masked: false,
                        focused,
                        editable: !busy,
                    },
                );
                cursor = cursor.or(at);
            }
            None => {
                let value_area = field::label(frame, theme, row, label, label_w, focused);
                let choice = |g: Gender, text: &str| {
                    let style = if form.gender == g {
                        theme.selected
                    } else {
                        theme.dim
                    };
                    Span::styled(format!(" {text} "), style)
                };
                let line = Line::from(vec![
                    choice(Gender::Male, t.male),
                    Span::raw(" "),
                    choice(Gender::Female, t.female),
                ]);
                frame.render_widget(Paragraph::new(line), value_area);
            }
        }
        y += 1;
        // Under the portrait: what it takes; under any field: why it was refused.
        let note = match form.error(part) {
            Some(e) => Some(Line::styled(format!("  ! {}", safe(e)), theme.error)),
            None if part == Part::Portrait && focused => {
                Some(Line::styled(format!("  {}", t.portrait_hint), theme.dim))
            }
            None => None,
        };
        if let Some(line) = note
            && y < inner.bottom()
        {
            let rows = if form.error(part).is_some() { 2 } else { 1 };
            let rows = rows.min(inner.bottom() - y);
            frame.render_widget(
                Paragraph::new(line).wrap(Wrap { trim: false }),
                Rect {
                    y,
                    height: rows,
                    ..inner
                },
            );
            y += rows;
        }
    }
    if busy {
        popup::saving_row(state, theme, frame, inner);
    }
    if let Some(pos) = cursor
        && state.account.sealtalk.confirm.is_none()
        && state.overlay == crate::app::state::Overlay::None
    {
        frame.set_cursor_position(pos);
    }
}

pub fn password(
    state: &AppState,
    form: &PasswordForm,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let t = st(state);
    let busy = crate::app::sealtalk::loading(state, crate::app::sealtalk::StSlot::Password);
    let rect = centered(
        area,
        area.width.saturating_sub(2).min(64),
        8.min(area.height),
    );
    clear_popup(frame, rect);
    let block = titled(t.password_title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let label_w = t.old_password.width().max(t.new_password.width());
    let mut cursor = None;
    for (i, (f, label, input)) in [
        (PasswordField::Old, t.old_password, &form.old),
        (PasswordField::New, t.new_password, &form.new),
    ]
    .into_iter()
    .enumerate()
    {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
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
                label,
                input,
                masked: true,
                focused: form.focus == f,
                editable: !busy,
            },
        );
        cursor = cursor.or(at);
    }
    let y = inner.y + 3;
    if y < inner.bottom() {
        let line = match (&form.error, busy) {
            (_, true) => Line::styled(
                format!("{} {}", state.spinner_frame(), state.s().saving),
                theme.dim,
            ),
            (Some(e), false) => Line::styled(safe(e), theme.error),
            (None, false) => Line::default(),
        };
        frame.render_widget(
            Paragraph::new(line).wrap(Wrap { trim: true }),
            Rect {
                y,
                height: inner.bottom() - y,
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

pub fn confirm(state: &AppState, c: &Confirm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = st(state);
    let question = match c {
        Confirm::Unblock { name, .. } => crate::i18n::fill(t.confirm_unblock, &[&safe(name)]),
        Confirm::Capture { name, on, .. } => crate::i18n::fill(
            t.confirm_capture,
            &[&if *on { t.on } else { t.off }, &safe(name)],
        ),
    };
    popup::question(&question, t.confirm_keys, theme, frame, area);
}
