//! The light theme: every cell drawn in colours chosen for a light background, the
//! background painted, and snapshots of a few panes with their colours.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use yunhu_tui::api::ApiError;
use yunhu_tui::app::state::{AppState, Tab};
use yunhu_tui::i18n::Lang;
use yunhu_tui::settings::ThemeName;
use yunhu_tui::ui::theme::{LIGHT_BACKGROUND, contrast};

use crate::snapshots::loaded_everything;

fn light(mut st: AppState) -> AppState {
    st.settings.theme = ThemeName::Light;
    st.no_color = false;
    st
}

fn buffer(state: &AppState, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| yunhu_tui::ui::render(state, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// Lines, borders and chart dots need 3:1 against their background; text 4.5:1.
fn is_graphic(symbol: &str) -> bool {
    symbol
        .chars()
        .all(|c| matches!(c, '\u{2500}'..='\u{259f}' | '\u{2800}'..='\u{28ff}' | '•' | '·' | '…'))
}

/// Every visible cell has RGB colours (not the terminal's palette or default) with enough
/// contrast between them.
fn assert_legible(buf: &Buffer, what: &str) {
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let symbol = cell.symbol();
            // The cell after a wide character is part of it (the backend never gets it).
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            let (Color::Rgb(..), Color::Rgb(..)) = (cell.fg, cell.bg) else {
                panic!(
                    "{what}: {symbol:?} before ({x}, {y}) is {:?} on {:?}",
                    cell.fg, cell.bg
                );
            };
            if symbol.trim().is_empty() {
                continue;
            }
            let ratio = contrast(cell.fg, cell.bg).unwrap();
            let need = if is_graphic(symbol) { 3.0 } else { 4.5 };
            assert!(
                ratio >= need,
                "{what}: {symbol:?} before ({x}, {y}): {:?} on {:?} is {ratio:.2}:1",
                cell.fg,
                cell.bg
            );
        }
    }
}

fn failed(mut st: AppState) -> AppState {
    st.account.medals.list.value = None;
    st.account.medals.list.error = Some(ApiError::Timeout(std::time::Duration::from_secs(10)));
    st.account.settings.notification.value = None;
    st.account.settings.notification.error = Some(ApiError::Api {
        code: -1,
        msg: "功能仅限VIP用户使用".into(),
    });
    st
}

#[test]
fn every_cell_of_the_light_theme_is_legible_on_its_background() {
    for lang in [Lang::Zh, Lang::En] {
        for make in [loaded_everything as fn() -> AppState, || {
            failed(loaded_everything())
        }] {
            let mut st = light(make());
            st.set_lang(lang);
            for (w, h) in [(60, 16), (100, 30)] {
                st.size = (w, h);
                for tab in Tab::ALL {
                    st.tab = tab;
                    st.account.discover.show_bots = false;
                    assert_legible(&buffer(&st, w, h), &format!("{tab:?} {w}x{h}"));
                }
                st.tab = Tab::Discover;
                st.account.discover.show_bots = true;
                assert_legible(&buffer(&st, w, h), &format!("bots {w}x{h}"));
                st.account.discover.show_bots = false;
                st.account.popup = Some(yunhu_tui::app::state::Popup::Group(0));
                assert_legible(&buffer(&st, w, h), &format!("popup {w}x{h}"));
                st.account.popup = None;
            }
        }
    }
    // The background is painted, also where nothing is drawn.
    let st = light(loaded_everything());
    let buf = buffer(&st, 80, 24);
    assert_eq!(buf[(79, 10)].bg, LIGHT_BACKGROUND);
}

/// The screen with colours: per row, runs of cells with the same colours and modifiers as
/// `[fg on bg +mods] text`.
fn coloured(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut run: Option<(String, String)> = None;
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let key = format!("{:?} on {:?} {:?}", cell.fg, cell.bg, cell.modifier);
            let symbol = cell.symbol().to_owned();
            x += unicode_width::UnicodeWidthStr::width(symbol.as_str()).max(1) as u16;
            match &mut run {
                Some((k, text)) if *k == key => text.push_str(&symbol),
                _ => {
                    if let Some((k, text)) = run.take() {
                        out.push_str(&format!("[{k}] {text:?}\n"));
                    }
                    run = Some((key, symbol));
                }
            }
        }
        if let Some((k, text)) = run {
            out.push_str(&format!("[{k}] {text:?}\n"));
        }
        out.push_str("--\n");
    }
    out
}

#[test]
fn light_theme_snapshots_with_colours() {
    let mut st = light(loaded_everything());
    st.set_lang(Lang::En);
    st.size = (60, 16);
    for tab in [Tab::Profile, Tab::Coins, Tab::Settings] {
        st.tab = tab;
        insta::assert_snapshot!(
            format!("light_{tab:?}_60x16"),
            coloured(&buffer(&st, 60, 16))
        );
    }
}

/// A SealTalk account's panes, forms and questions in the light theme, in both languages.
#[tokio::test]
async fn the_sealtalk_panes_are_legible_in_the_light_theme() {
    for lang in [Lang::Zh, Lang::En] {
        let mut h = crate::harness::Harness::sealtalk(lang).await;
        h.state = light(std::mem::replace(
            &mut h.state,
            crate::harness::new_state(lang),
        ));
        for (w, hgt) in [(60, 16), (100, 30)] {
            for key in ['1', '2', '3', '4', '5', '6'] {
                h.press(key);
                assert_legible(&buffer(&h.state, w, hgt), &format!("{key} {w}x{hgt}"));
            }
            h.press('4');
            h.key(crossterm::event::KeyCode::Enter);
            assert_legible(&buffer(&h.state, w, hgt), &format!("unblock {w}x{hgt}"));
            h.press('n');
            h.press('1');
            h.press('e');
            assert_legible(&buffer(&h.state, w, hgt), &format!("edit {w}x{hgt}"));
            h.key(crossterm::event::KeyCode::Esc);
        }
        let buf = buffer(&h.state, 80, 24);
        assert_eq!(buf[(79, 10)].bg, LIGHT_BACKGROUND);
    }
}
