//! The profile pane: every field of info, own get-user and get-user-data, for people.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::placeholder;
use super::theme::Theme;
use crate::app::profile_view::{ProfileLine, profile_lines};
use crate::app::state::AppState;

/// How many field rows the pane has (the cursor scrolls over them).
pub const ROWS: usize = 19;

pub fn render(state: &AppState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.s();
    let block = Block::bordered()
        .title(format!(" {} ", s.tabs[0]))
        .border_style(theme.border);
    let Some(info) = &state.account.profile.info.value else {
        let lines = placeholder(state, theme, &state.account.profile.info).unwrap_or_default();
        // A long error wraps inside the border instead of being cut by it.
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(ratatui::widgets::Wrap { trim: false })
                .block(block),
            area,
        );
        return;
    };
    let pictures = state.settings.images != crate::settings::ImageMode::Off;
    let lines = lines(
        state,
        crate::geometry::profile_text_width(area, pictures),
        theme,
    );
    let inner_h = usize::from(area.height.saturating_sub(2));
    // Scrolled no further than the last line at the bottom (update clamps the same way).
    let scroll = state
        .account
        .profile
        .scroll
        .min(lines.len().saturating_sub(inner_h)) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
    // Over the paragraph's empty right side: the fields were laid out beside it.
    if pictures && let Some(avatar) = crate::geometry::profile_avatar(area) {
        super::picture::draw_picture(state, theme, frame, avatar, &info.avatar_url);
    }
}

/// The pane's lines for a pane `width` columns wide, styled.
fn lines(state: &AppState, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    profile_lines(state, width)
        .into_iter()
        .map(|line| match line {
            ProfileLine::Field { head, text, failed } => Line::from(vec![
                Span::styled(head, theme.label),
                Span::styled(text, if failed { theme.error } else { theme.text }),
            ]),
            ProfileLine::Ban(text) => Line::styled(text, theme.error),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(state: &AppState) -> String {
        use crate::app::state::Look;
        use crate::settings::ThemeName;
        let look = Look {
            theme: ThemeName::Dark,
            no_color: true,
        };
        let theme = Theme::new(&look, false);
        let backend = ratatui::backend::TestBackend::new(100, 30);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal
            .draw(|f| render(state, &theme, f, f.area()))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    }

    #[test]
    fn address_joins_the_location_and_a_ban_without_end_is_permanent() {
        use crate::api::model::UserData;
        use crate::i18n::Lang;
        use crate::proto::{ProfileInfo, get_user_response, user_info};
        let mut state = AppState::new(
            Lang::En,
            crate::app::state::Look {
                theme: crate::settings::ThemeName::Dark,
                no_color: true,
            },
            crate::app::keymap::Keymap::default(),
            crate::settings::PageSizes::default(),
            "http://demo".into(),
        );
        state.account.profile.info.value = Some(user_info::Data {
            name: "n".into(),
            ..Default::default()
        });
        state.account.profile.own.value = Some(get_user_response::Data {
            ban_id: 0,
            ban_until_timestamp: 0,
            ban_reason: "spam".into(),
            profile_info: Some(ProfileInfo {
                address: "Main St 1".into(),
                ..Default::default()
            }),
            ..Default::default()
        });
        state.account.profile.user_data.value = Some(UserData {
            city: "Springfield".into(),
            location_code: "110101".into(),
            ..Default::default()
        });
        let screen = rendered(&state);
        assert!(
            screen.contains("Springfield Main St 1 (110101)"),
            "{screen}"
        );
        assert!(screen.contains("banned permanently: spam"), "{screen}");
        // No ban id and no reason: no ban line, whatever the timestamp says.
        state.account.profile.own.value = Some(get_user_response::Data::default());
        assert!(!rendered(&state).contains("banned"));
    }
}
