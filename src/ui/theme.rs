//! Colours and emphasis in one place: dark and light themes, `NO_COLOR` (no colour at all,
//! emphasis by bold/reverse), and the service's grey mode (every colour to its grey).
//!
//! The light theme paints its own background and uses exact RGB colours, each chosen for
//! that background (text at least 4.5:1, borders at least 3:1, as WCAG asks): the ANSI
//! palette's "grey" and "blue" differ from terminal to terminal and vanish on white.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use crate::app::state::Look;
use crate::settings::ThemeName;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Under everything: cells nothing else coloured get this foreground and background
    /// (none in the dark theme, which keeps the terminal's own).
    pub base: Style,
    pub text: Style,
    pub dim: Style,
    pub label: Style,
    pub accent: Style,
    pub title: Style,
    pub selected: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub header: Style,
    pub vip: Style,
    pub error: Style,
    pub ok: Style,
    pub income: Style,
    pub spending: Style,
    pub border: Style,
    pub input: Style,
    pub input_focused: Style,
}

fn grey(c: Color) -> Color {
    let (r, g, b) = match c {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Red | Color::LightRed => (205, 49, 49),
        Color::Green | Color::LightGreen => (13, 188, 121),
        Color::Yellow | Color::LightYellow => (229, 229, 16),
        Color::Blue | Color::LightBlue => (36, 114, 200),
        Color::Magenta | Color::LightMagenta => (188, 63, 188),
        Color::Cyan | Color::LightCyan => (17, 168, 205),
        other => return other,
    };
    // Luma (BT.601), as a greyscale filter computes it.
    let y = ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000) as u8;
    Color::Rgb(y, y, y)
}

fn map(style: Style, f: impl Fn(Color) -> Color) -> Style {
    Style {
        fg: style.fg.map(&f),
        bg: style.bg.map(&f),
        ..style
    }
}

impl Theme {
    pub fn new(look: &Look, grey_mode: bool) -> Theme {
        if look.no_color {
            return Theme::plain();
        }
        let t = match look.theme {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
        };
        if grey_mode { t.map(grey) } else { t }
    }

    fn map(self, f: impl Fn(Color) -> Color + Copy) -> Theme {
        Theme {
            base: map(self.base, f),
            text: map(self.text, f),
            dim: map(self.dim, f),
            label: map(self.label, f),
            accent: map(self.accent, f),
            title: map(self.title, f),
            selected: map(self.selected, f),
            tab: map(self.tab, f),
            tab_active: map(self.tab_active, f),
            header: map(self.header, f),
            vip: map(self.vip, f),
            error: map(self.error, f),
            ok: map(self.ok, f),
            income: map(self.income, f),
            spending: map(self.spending, f),
            border: map(self.border, f),
            input: map(self.input, f),
            input_focused: map(self.input_focused, f),
        }
    }

    fn dark() -> Theme {
        let fg = Style::new().fg(Color::Gray);
        Theme {
            base: Style::new(),
            text: fg,
            dim: Style::new().fg(Color::DarkGray),
            label: Style::new().fg(Color::Cyan),
            accent: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .bg(Color::Rgb(40, 60, 90))
                .add_modifier(Modifier::BOLD),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::White).bg(Color::Rgb(30, 40, 60)),
            vip: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::LightRed),
            ok: Style::new().fg(Color::LightGreen),
            income: Style::new().fg(Color::LightGreen),
            spending: Style::new().fg(Color::LightRed),
            border: Style::new().fg(Color::DarkGray),
            input: Style::new().fg(Color::White).bg(Color::Rgb(35, 35, 45)),
            input_focused: Style::new().fg(Color::White).bg(Color::Rgb(45, 60, 90)),
        }
    }

    fn light() -> Theme {
        let ink = Color::Rgb(28, 28, 28);
        let blue = Color::Rgb(0, 85, 170);
        let red = Color::Rgb(180, 0, 0);
        let green = Color::Rgb(0, 110, 0);
        let highlight = Color::Rgb(205, 225, 250);
        Theme {
            base: Style::new().fg(ink).bg(LIGHT_BACKGROUND),
            text: Style::new().fg(ink),
            dim: Style::new().fg(Color::Rgb(95, 95, 95)),
            label: Style::new().fg(blue),
            accent: Style::new().fg(blue).add_modifier(Modifier::BOLD),
            title: Style::new()
                .fg(Color::Rgb(20, 20, 20))
                .add_modifier(Modifier::BOLD),
            // No foreground: a selected row keeps its colours (income green, spending red).
            selected: Style::new().bg(highlight).add_modifier(Modifier::BOLD),
            tab: Style::new().fg(Color::Rgb(70, 70, 70)),
            tab_active: Style::new()
                .fg(Color::Rgb(255, 255, 255))
                .bg(Color::Rgb(0, 90, 180))
                .add_modifier(Modifier::BOLD),
            header: Style::new()
                .fg(Color::Rgb(20, 20, 20))
                .bg(Color::Rgb(215, 225, 240)),
            vip: Style::new()
                .fg(Color::Rgb(130, 80, 0))
                .add_modifier(Modifier::BOLD),
            error: Style::new().fg(red),
            ok: Style::new().fg(green),
            income: Style::new().fg(green),
            spending: Style::new().fg(red),
            border: Style::new().fg(Color::Rgb(110, 110, 110)),
            input: Style::new()
                .fg(Color::Rgb(20, 20, 20))
                .bg(Color::Rgb(232, 232, 232)),
            input_focused: Style::new().fg(Color::Rgb(0, 0, 0)).bg(highlight),
        }
    }

    /// Gives every cell that nothing coloured the base colours (the light theme's own
    /// background; popups cleared with `Clear` included). Cheap: one pass over the cells.
    pub fn paint_base(&self, buf: &mut Buffer) {
        let (Some(fg), Some(bg)) = (self.base.fg, self.base.bg) else {
            return;
        };
        for cell in buf.content.iter_mut() {
            if cell.bg == Color::Reset {
                cell.bg = bg;
            }
            if cell.fg == Color::Reset {
                cell.fg = fg;
            }
        }
    }

    /// NO_COLOR: emphasis by modifiers only.
    fn plain() -> Theme {
        let none = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let rev = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            base: none,
            text: none,
            dim: Style::new().add_modifier(Modifier::DIM),
            label: none,
            accent: bold,
            title: bold,
            selected: rev,
            tab: none,
            tab_active: rev.add_modifier(Modifier::BOLD),
            header: rev,
            vip: bold,
            error: bold,
            ok: none,
            income: none,
            spending: bold,
            border: none,
            input: Style::new().add_modifier(Modifier::UNDERLINED),
            input_focused: rev,
        }
    }
}

/// The background the light theme paints.
pub const LIGHT_BACKGROUND: Color = Color::Rgb(250, 250, 250);

/// WCAG relative luminance of an RGB colour (`None` for colours the terminal chooses).
pub fn luminance(c: Color) -> Option<f64> {
    let Color::Rgb(r, g, b) = c else { return None };
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    Some(0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b))
}

/// WCAG contrast ratio of two RGB colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_the_wcag_ratio() {
        let white = Color::Rgb(255, 255, 255);
        let black = Color::Rgb(0, 0, 0);
        assert!((contrast(white, black).unwrap() - 21.0).abs() < 0.01);
        assert!((contrast(white, white).unwrap() - 1.0).abs() < 0.01);
        assert_eq!(
            contrast(Color::Gray, white),
            None,
            "palette colours are unknown"
        );
        // The light theme's text and borders on its background.
        let t = Theme::light();
        for s in [t.text, t.dim, t.label, t.error, t.ok, t.border] {
            let ratio = contrast(s.fg.unwrap(), LIGHT_BACKGROUND).unwrap();
            assert!(ratio >= 4.5, "{s:?}: {ratio}");
        }
    }

    #[test]
    fn no_color_has_no_colour_and_grey_has_no_hue() {
        let look = Look {
            theme: ThemeName::Dark,
            no_color: true,
        };
        let t = Theme::new(&look, false);
        for s in [
            t.text,
            t.error,
            t.income,
            t.spending,
            t.selected,
            t.tab_active,
        ] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
        let look = Look {
            theme: ThemeName::Dark,
            no_color: false,
        };
        let g = Theme::new(&look, true);
        for s in [g.error, g.income, g.vip, g.tab_active, g.header] {
            for c in [s.fg, s.bg].into_iter().flatten() {
                if let Color::Rgb(r, gg, b) = c {
                    assert!(r == gg && gg == b, "{c:?} is not grey");
                }
            }
        }
    }
}
