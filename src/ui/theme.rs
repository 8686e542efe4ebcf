//! Colours and emphasis in one place: dark and light themes, `NO_COLOR` (no colour at all,
//! emphasis by bold/reverse), and the service's grey mode (every colour to its grey).

use ratatui::style::{Color, Modifier, Style};

use crate::app::state::Look;
use crate::settings::ThemeName;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
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
        Theme {
            text: Style::new().fg(Color::Black),
            dim: Style::new().fg(Color::Gray),
            label: Style::new().fg(Color::Blue),
            accent: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            title: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .bg(Color::Rgb(200, 220, 245))
                .add_modifier(Modifier::BOLD),
            tab: Style::new().fg(Color::DarkGray),
            tab_active: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Black).bg(Color::Rgb(215, 225, 240)),
            vip: Style::new()
                .fg(Color::Rgb(160, 110, 0))
                .add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red),
            ok: Style::new().fg(Color::Green),
            income: Style::new().fg(Color::Green),
            spending: Style::new().fg(Color::Red),
            border: Style::new().fg(Color::Gray),
            input: Style::new().fg(Color::Black).bg(Color::Rgb(235, 235, 235)),
            input_focused: Style::new().fg(Color::Black).bg(Color::Rgb(200, 220, 245)),
        }
    }

    /// NO_COLOR: emphasis by modifiers only.
    fn plain() -> Theme {
        let none = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let rev = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
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

#[cfg(test)]
mod tests {
    use super::*;

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
