//! The login screen: email + password, or phone with the captcha drawn in the terminal; and
//! the verification popups of the settings pane (phone, email, password), which share the
//! captcha. Both fit every supported size (60×16 and up): when the roomy layout does not fit,
//! the rows close up and the captcha is drawn in a smaller size.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::field::Field;
use super::theme::Theme;
use super::{CAPTCHA_ROWS, centered, clear_popup, hint_spans, pad, spinner};
use crate::app::code_flow::{CaptchaShown, Notice};
use crate::app::login::{LoginField, Method};
use crate::app::remote::Remote;
use crate::app::requests::Slot;
use crate::app::state::AppState;
use crate::app::verify::{VerifyField, VerifyForm, VerifyKind};
use crate::i18n::fill;

/// Rows between the lines of a form, and the rows the captcha picture may take.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Spacing {
    gap: u16,
    captcha: u16,
}

/// The roomy layout if it fits in `avail` rows, else closed-up rows and the captcha in what
/// is left. `fixed` counts the one-row lines (without gaps); `gaps` the gaps of the roomy
/// layout; `captcha` whether a captcha (and its ^r row) is shown.
fn spacing(avail: u16, fixed: u16, gaps: u16, captcha: bool) -> Spacing {
    let pic = if captcha { CAPTCHA_ROWS + 1 } else { 0 };
    if fixed + gaps + pic <= avail {
        return Spacing {
            gap: 1,
            captcha: if captcha { CAPTCHA_ROWS } else { 0 },
        };
    }
    let left = avail.saturating_sub(fixed + u16::from(captcha));
    Spacing {
        gap: 0,
        captcha: if captcha { left.min(CAPTCHA_ROWS) } else { 0 },
    }
}

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let login = &state.account.login;
    let sms = login.method == Method::Sms;
    let fields: Vec<(LoginField, &str)> = if sms {
        let mut f = vec![
            (LoginField::Phone, s.phone),
            (LoginField::CaptchaText, s.captcha_text),
        ];
        if login.sms.sent_to.is_some() {
            f.push((LoginField::SmsCode, s.sms_code));
        }
        f
    } else {
        vec![
            (LoginField::Email, s.email),
            (LoginField::Password, s.password),
        ]
    };
    let field_count = fields.len() as u16;
    // The method switch, one row per field, the notice and the hints; a gap after the switch
    // and after each field when there is room; the captcha and its ^r row.
    let fixed = 1 + field_count + 2;
    let sp = spacing(area.height.saturating_sub(2), fixed, 1 + field_count, sms);
    let rows = fixed + sp.gap * (1 + field_count) + if sms { sp.captcha + 1 } else { 0 };
    let rect = centered(area, area.width.saturating_sub(4).min(72), rows + 2);
    let block = Block::bordered()
        .title(match state.accounts.active_name() {
            // Which account this login is for, when there are several.
            Some(name) => format!(" {} · {} ", s.login_title, crate::sanitize::line(name)),
            None => format!(" {} ", s.login_title),
        })
        .border_style(theme.accent);
    let sheet = Sheet::new(state, theme, block.inner(rect), &fields, sp.gap);
    frame.render_widget(block, rect);
    let mut y = sheet.inner.y;

    // The method switch.
    let focused = login.focus == LoginField::Method;
    let marker = if focused { "› " } else { "  " };
    let tab = |on: bool| if on { theme.tab_active } else { theme.tab };
    let switch = Line::from(vec![
        Span::styled(marker, theme.accent),
        Span::styled(format!(" {} ", s.by_email), tab(!sms)),
        Span::raw("  "),
        Span::styled(format!(" {} ", s.by_sms), tab(sms)),
        Span::styled(if focused { "   ← →" } else { "" }, theme.dim),
    ]);
    frame.render_widget(Paragraph::new(switch), sheet.line(y));
    y += 1 + sp.gap;

    if sms {
        y = sheet.captcha(frame, y, sp.captcha, &login.sms.captcha);
    }
    let (y, cursor) = sheet.fields(
        frame,
        y,
        fields.into_iter().filter_map(|(field, label)| {
            Some(Field {
                label,
                input: login.input(field)?,
                masked: field == LoginField::Password,
                focused: login.focus == field,
                editable: !state.account.loading(Slot::Login),
            })
        }),
    );
    let pending = state.account.loading(Slot::Login);
    sheet.notice(frame, y, login.notice.as_ref(), pending);
    let submit = if sms && !(login.sms.sent_to.is_some() && login.focus == LoginField::SmsCode) {
        s.send_code
    } else {
        s.log_in
    };
    sheet.submit(frame, y + 1, submit, s.key_quit);
    if let Some(at) = cursor {
        frame.set_cursor_position(at);
    }
}

/// A verification flow of the settings pane (bind or change the phone or email, change the
/// password). Centred over the pane `body` when it fits there, else over the whole `screen`,
/// so the captcha is drawn at every supported size.
pub fn verify_popup(
    state: &AppState,
    form: &VerifyForm,
    theme: &Theme,
    frame: &mut Frame,
    body: Rect,
    screen: Rect,
) {
    let s = state.s();
    let title = match (form.kind, form.replacing) {
        (VerifyKind::Phone, false) => s.bind_phone,
        (VerifyKind::Phone, true) => s.change_phone,
        (VerifyKind::Email, false) => s.bind_email,
        (VerifyKind::Email, true) => s.change_email,
        (VerifyKind::Password, _) => s.change_password,
    };
    let fields: Vec<(VerifyField, &str)> = form
        .fields()
        .into_iter()
        .map(|f| {
            let label = match f {
                VerifyField::Target if form.kind == VerifyKind::Phone => s.phone,
                VerifyField::Target => s.email,
                VerifyField::CaptchaText => s.captcha_text,
                VerifyField::Code => s.verify_code,
                VerifyField::Password => s.new_password,
                VerifyField::PasswordAgain => s.password_again,
            };
            (f, label)
        })
        .collect();
    let show_captcha = form.flow.sent_to.is_none();
    let n = fields.len() as u16;
    // A top row (the "code sent" line once sent), one row per field, the notice, the hints;
    // gaps after the top row, after each field and before the hints when there is room.
    let fixed = 1 + n + 2;
    let gaps = 1 + n + 1;
    let full = fixed + gaps + if show_captcha { CAPTCHA_ROWS + 1 } else { 0 } + 2;
    let area = if full <= body.height { body } else { screen };
    let sp = spacing(area.height.saturating_sub(2), fixed, gaps, show_captcha);
    let height = fixed + sp.gap * gaps + if show_captcha { sp.captcha + 1 } else { 0 };
    let rect = centered(area, area.width.saturating_sub(4).min(72), height + 2);
    clear_popup(frame, rect);
    let b = Block::bordered()
        .title(format!(" {title} "))
        .border_style(theme.accent);
    let sheet = Sheet::new(state, theme, b.inner(rect), &fields, sp.gap);
    frame.render_widget(b, rect);
    let mut y = sheet.inner.y;
    if let Some(to) = &form.flow.sent_to {
        frame.render_widget(
            Paragraph::new(Span::styled(fill(s.code_sent, &[to]), theme.ok)),
            sheet.line(y),
        );
    }
    y += 1 + sp.gap;
    if show_captcha {
        y = sheet.captcha(frame, y, sp.captcha, &form.flow.captcha);
    }
    let (y, cursor) = sheet.fields(
        frame,
        y,
        fields.into_iter().map(|(field, label)| Field {
            label,
            input: form.input(field),
            masked: matches!(field, VerifyField::Password | VerifyField::PasswordAgain),
            focused: form.focus == field,
            editable: !state.account.loading(Slot::Verify),
        }),
    );
    let pending = state.account.loading(Slot::Verify);
    sheet.notice(frame, y, form.notice.as_ref(), pending);
    let submit = if show_captcha {
        s.request_code
    } else {
        s.confirm
    };
    sheet.submit(frame, y + 1 + sp.gap, submit, s.key_cancel);
    if let Some(at) = cursor {
        frame.set_cursor_position(at);
    }
}

/// The rows both forms are made of (fields, the captcha, the notice, the submit line), drawn
/// inside `inner`, the area within the border.
struct Sheet<'a> {
    state: &'a AppState,
    theme: &'a Theme,
    inner: Rect,
    /// The label column: the widest label of the form, or the captcha's.
    label_w: usize,
    /// The rows left after each field (1 when there is room, else 0).
    gap: u16,
}

impl<'a> Sheet<'a> {
    fn new<F>(
        state: &'a AppState,
        theme: &'a Theme,
        inner: Rect,
        fields: &[(F, &str)],
        gap: u16,
    ) -> Sheet<'a> {
        let label_w = fields
            .iter()
            .map(|(_, l)| l.width())
            .max()
            .unwrap_or(0)
            .max(state.s().captcha.width());
        Sheet {
            state,
            theme,
            inner,
            label_w,
            gap,
        }
    }

    /// Row `y`, for a line of text (one column of margin each side).
    fn line(&self, y: u16) -> Rect {
        Rect {
            x: self.inner.x + 1,
            y,
            width: self.inner.width.saturating_sub(2),
            height: 1,
        }
    }

    /// The fields, one row each from row `y` with the gap after each. Returns the row after
    /// them and where the terminal cursor goes.
    fn fields<'f>(
        &self,
        frame: &mut Frame,
        mut y: u16,
        fields: impl Iterator<Item = Field<'f>>,
    ) -> (u16, Option<Position>) {
        let mut cursor = None;
        for field in fields {
            // One column of margin on the left.
            let row = Rect {
                x: self.inner.x + 1,
                y,
                width: self.inner.width.saturating_sub(1),
                height: 1,
            };
            if let Some(at) = super::field::draw(frame, self.theme, row, self.label_w, field) {
                cursor = Some(at);
            }
            y += 1 + self.gap;
        }
        (y, cursor)
    }

    /// The notice at row `y`, after the spinner while the form's request is in flight; the
    /// spinner alone when a request is in flight without a notice.
    fn notice(&self, frame: &mut Frame, y: u16, notice: Option<&Notice>, pending: bool) {
        let (theme, spin) = (self.theme, spinner(self.state));
        let style = |n: &Notice| if n.error { theme.error } else { theme.ok };
        let span = match notice {
            Some(n) if pending => Span::styled(format!("{spin} {}", n.text), style(n)),
            Some(n) => Span::styled(n.text.clone(), style(n)),
            None if pending => {
                Span::styled(format!("{spin} {}", self.state.s().loading), theme.dim)
            }
            None => return,
        };
        frame.render_widget(Paragraph::new(span), self.line(y));
    }

    /// The submit key's label, then the hints for Tab and Esc (`esc` says what it does), at
    /// row `y` if it is inside the form.
    fn submit(&self, frame: &mut Frame, y: u16, submit: &str, esc: &str) {
        if y >= self.inner.bottom() {
            return;
        }
        let s = self.state.s();
        let mut spans = vec![
            Span::styled(submit.to_owned(), self.theme.accent),
            Span::raw("  "),
        ];
        let mut hints = vec![("Tab".into(), s.key_next_field), ("Esc".into(), esc)];
        if self.state.accounts.active_name().is_some() {
            // `a` is typed into the field here: the switcher is on F2.
            hints.push(("F2".into(), s.key_accounts));
        }
        spans.extend(hint_spans(&hints, self.theme));
        frame.render_widget(Paragraph::new(Line::from(spans)), self.line(y));
    }

    /// The captcha picture (the largest prepared size that fits in `rows` rows), with its
    /// label beside it when there is room, and the ^r hint under it; from row `y`. Returns the
    /// row after it.
    fn captcha(&self, frame: &mut Frame, y: u16, rows: u16, captcha: &Remote<CaptchaShown>) -> u16 {
        let (s, theme, inner, label_w) = (self.state.s(), self.theme, self.inner, self.label_w);
        let beside_x = inner.x + label_w as u16 + 4;
        let beside_w = inner.right().saturating_sub(beside_x + 1);
        let left_x = inner.x + 2;
        let left_w = inner.right().saturating_sub(left_x + 1);
        // The best picture there is room for; beside the label if it fits there too, else at
        // the left without the label (the field under it says what to type).
        let best = captcha
            .value
            .as_ref()
            .and_then(|c| super::picture::with_captcha(c, left_w, rows, |p| p.map(|p| p.size())));
        let beside = match best {
            Some(size) => size.width <= beside_w,
            None => true,
        };
        if beside {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!("  {} ", pad(s.captcha, label_w)),
                    theme.label,
                )),
                self.line(y),
            );
        }
        let (x, width) = if beside {
            (beside_x, beside_w)
        } else {
            (left_x, left_w)
        };
        let pic = Rect {
            x,
            y,
            width,
            height: rows,
        };
        match (&captcha.value, &captcha.error, best) {
            (Some(shown), _, Some(size)) => {
                let area = Rect {
                    width: size.width,
                    height: size.height.min(rows),
                    ..pic
                };
                super::picture::with_captcha(shown, left_w, rows, |image| {
                    if let Some(image) = image {
                        frame.render_widget(ratatui_image::Image::new(image), area);
                    }
                });
            }
            (_, Some(e), _) => frame.render_widget(
                Paragraph::new(Span::styled(crate::i18n::describe(e, s), theme.error)),
                pic,
            ),
            (Some(_), None, None) => frame.render_widget(
                Paragraph::new(Span::styled(s.too_small_captcha, theme.error)),
                pic,
            ),
            _ => frame.render_widget(
                Paragraph::new(Span::styled(
                    format!("{} {}", spinner(self.state), s.loading),
                    theme.dim,
                )),
                pic,
            ),
        }
        let hint = hint_spans(&[("^r".into(), s.key_new_captcha)], theme);
        frame.render_widget(
            Paragraph::new(Line::from(hint)),
            Rect {
                x: x.saturating_sub(1),
                y: y + rows,
                width: inner.right().saturating_sub(x),
                height: 1,
            },
        );
        y + rows + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roomy_when_it_fits_closed_up_otherwise() {
        assert_eq!(
            spacing(30, 6, 3, true),
            Spacing {
                gap: 1,
                captcha: CAPTCHA_ROWS
            }
        );
        // 60×16: 14 rows inside the border.
        let sp = spacing(14, 7, 4, true);
        assert_eq!(sp.gap, 0);
        assert_eq!(sp.captcha, 6);
        assert_eq!(spacing(14, 7, 4, false).captcha, 0);
    }
}
