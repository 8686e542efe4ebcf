//! The login screen: email + password, or phone with the captcha drawn in the terminal.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::edit::input_line;
use super::theme::Theme;
use super::{CAPTCHA_COLUMNS, CAPTCHA_ROWS, centered, hint_spans, pad, spinner};
use crate::app::login::{LoginField, Method};
use crate::app::state::AppState;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let login = &state.login;
    let sms = login.method == Method::Sms;
    let field_count: u16 = if sms {
        2 + u16::from(login.sms_sent_to.is_some())
    } else {
        2
    };
    // Method switch and a gap, two rows per field, the notice and the hints; the captcha.
    let rows = 2 + 2 * field_count + 2 + if sms { CAPTCHA_ROWS + 1 } else { 0 };
    let rect = centered(area, area.width.saturating_sub(4).min(72), rows + 2);
    let block = Block::bordered()
        .title(format!(" {} ", s.login_title))
        .border_style(theme.accent);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let line = |y: u16| Rect {
        x: inner.x + 1,
        y,
        width: inner.width.saturating_sub(2),
        height: 1,
    };
    let mut y = inner.y;

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
    frame.render_widget(Paragraph::new(switch), line(y));
    y += 2;

    let fields: Vec<(LoginField, &str)> = if sms {
        let mut f = vec![
            (LoginField::Phone, s.phone),
            (LoginField::CaptchaText, s.captcha_text),
        ];
        if login.sms_sent_to.is_some() {
            f.push((LoginField::SmsCode, s.sms_code));
        }
        f
    } else {
        vec![
            (LoginField::Email, s.email),
            (LoginField::Password, s.password),
        ]
    };
    let label_w = fields
        .iter()
        .map(|(_, l)| l.width())
        .max()
        .unwrap_or(0)
        .max(s.captcha.width());

    if sms {
        y = captcha_block(state, theme, frame, inner, y, label_w, &login.captcha);
    }

    let mut cursor = None;
    for (field, label) in fields {
        let focused = login.focus == field;
        let label_style = if focused { theme.accent } else { theme.label };
        let marker = if focused { "› " } else { "  " };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{marker}{} ", pad(label, label_w)),
                label_style,
            )),
            line(y),
        );
        let input = match field {
            LoginField::Email => &login.email,
            LoginField::Password => &login.password,
            LoginField::Phone => &login.phone,
            LoginField::CaptchaText => &login.captcha_text,
            _ => &login.sms_code,
        };
        let x = inner.x + label_w as u16 + 4;
        let area = Rect {
            x,
            y,
            width: inner.right().saturating_sub(x + 1),
            height: 1,
        };
        let style = if focused {
            theme.input_focused
        } else {
            theme.input
        };
        if let Some(at) = input_line(
            frame,
            area,
            input,
            field == LoginField::Password,
            style,
            focused && login.pending.is_none(),
        ) {
            cursor = Some(at);
        }
        y += 2;
    }

    if let Some(notice) = &login.notice {
        let style = if notice.error { theme.error } else { theme.ok };
        let text = if login.pending.is_some() {
            format!("{} {}", spinner(state), notice.text)
        } else {
            notice.text.clone()
        };
        frame.render_widget(Paragraph::new(Span::styled(text, style)), line(y));
    }
    y += 1;
    let submit = if sms && !(login.sms_sent_to.is_some() && login.focus == LoginField::SmsCode) {
        s.send_code
    } else {
        s.log_in
    };
    let hints = hint_spans(
        &[("Tab".into(), s.key_next_field), ("Esc".into(), s.key_quit)],
        theme,
    );
    let mut spans = vec![Span::styled(submit, theme.accent), Span::raw("  ")];
    spans.extend(hints);
    if y < inner.bottom() {
        frame.render_widget(Paragraph::new(Line::from(spans)), line(y));
    }
    if let Some(at) = cursor {
        frame.set_cursor_position(at);
    }
}

/// The captcha picture with its label and the ^r hint, from row `y` of `inner`; returns the
/// row after it. Used by the login screen and the verification popups.
pub fn captcha_block(
    state: &AppState,
    theme: &Theme,
    frame: &mut Frame,
    inner: Rect,
    y: u16,
    label_w: usize,
    captcha: &crate::app::remote::Remote<crate::app::login::CaptchaShown>,
) -> u16 {
    let s = state.s();
    let line = Rect {
        x: inner.x + 1,
        y,
        width: inner.width.saturating_sub(2),
        height: 1,
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!("  {} ", pad(s.captcha, label_w)),
            theme.label,
        )),
        line,
    );
    let pic = Rect {
        x: inner.x + label_w as u16 + 4,
        y,
        width: CAPTCHA_COLUMNS.min(inner.width.saturating_sub(label_w as u16 + 5)),
        height: CAPTCHA_ROWS,
    };
    match (&captcha.value, &captcha.error) {
        (Some(c), _) if c.image.is_some() => {
            if let Some(image) = &c.image {
                frame.render_widget(ratatui_image::Image::new(image), pic);
            }
        }
        (_, Some(e)) => frame.render_widget(
            Paragraph::new(Span::styled(crate::app::i18n::describe(e, s), theme.error)),
            pic,
        ),
        _ => frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{} {}", spinner(state), s.loading),
                theme.dim,
            )),
            pic,
        ),
    }
    let hint = hint_spans(&[("^r".into(), s.key_new_captcha)], theme);
    frame.render_widget(
        Paragraph::new(Line::from(hint)),
        Rect {
            x: pic.x.saturating_sub(1),
            y: y + CAPTCHA_ROWS,
            ..line
        },
    );
    y + CAPTCHA_ROWS + 1
}
