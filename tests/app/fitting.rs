//! What reaches the screen from the server, and how it is fitted: hostile strings are drawn
//! as visible escapes (never as raw control, bidi or format characters that break widths),
//! numbers are never cut, the selected sub-tab is always on screen, hints go whole, errors
//! wrap and are said once.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;
use yunhu_tui::api::ApiError;
use yunhu_tui::api::model::{Bot, CoinRecord};
use yunhu_tui::app::settings_pane::{SETTING_ROWS, SettingRow};
use yunhu_tui::app::state::{AppState, Popup, Tab};
use yunhu_tui::i18n::Lang;
use yunhu_tui::proto::MedalInfo;
use yunhu_tui::sanitize::is_unsafe;

use crate::harness::render;
use crate::snapshots::loaded_everything;

fn buffer(state: &AppState, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| yunhu_tui::ui::render(state, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// No cell holds a character that must not reach a terminal, and every row is exactly as
/// wide as the screen (a zero-width or soft-hyphen character would make a row narrower or
/// wider in a real terminal than ratatui thinks).
fn assert_clean(buf: &Buffer, what: &str) {
    let area = buf.area;
    for y in 0..area.height {
        let mut x = 0;
        let mut row_width = 0;
        while x < area.width {
            let symbol = buf[(x, y)].symbol();
            assert!(
                !symbol.chars().any(is_unsafe),
                "{what}: raw {symbol:?} at ({x}, {y})"
            );
            let w = symbol.width();
            assert!(
                (1..=2).contains(&w),
                "{what}: a cell of width {w} ({symbol:?}) at ({x}, {y})"
            );
            row_width += w;
            x += w as u16;
        }
        assert_eq!(row_width, area.width as usize, "{what}: row {y}");
    }
}

const HOSTILE: &str = "Eve\u{ad}\u{200b}\u{202e}lin\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m\u{2066}x";

fn hostile_state() -> AppState {
    let mut st = loaded_everything();
    st.set_lang(Lang::En);
    let info = st.account.profile.info.value.as_mut().unwrap();
    info.name = HOSTILE.into();
    info.invitation_code = format!("YH{HOSTILE}");
    info.phone = "138\u{ad}0013\u{200f}8000".into();
    info.email = "e\u{202e}ve@example.com".into();
    info.avatar_url = format!("https://x.example/{HOSTILE}.png");
    let data = st.account.profile.user_data.value.as_mut().unwrap();
    data.introduction = format!("first line\u{2028}{HOSTILE}\nsecond\u{ad}line\u{feff}");
    data.province = format!("省{HOSTILE}");
    let own = st.account.profile.own.value.as_mut().unwrap();
    own.ip_geo = HOSTILE.into();
    own.ban_reason = HOSTILE.into();
    own.ban_id = 3;
    st.account.medals.list.value = Some(vec![MedalInfo {
        id: 1,
        name: HOSTILE.into(),
        sort: 1,
    }]);
    let mut coins = yunhu_tui::app::coins::CoinsState::default();
    coins.load_records(vec![CoinRecord {
        id: 1,
        before_amount: 1.0,
        after_amount: 2.0,
        change_amount: 1.0,
        reason: HOSTILE.into(),
        remark: HOSTILE.into(),
        create_time: 1_750_000_000,
        ..Default::default()
    }]);
    coins.list.pages = 1;
    st.account.coins = coins;
    st.account.discover.categories.value = Some(vec!["精选".into(), HOSTILE.into()]);
    st.account.discover.groups.category = "精选".into();
    for g in &mut st.account.discover.groups.list.items {
        g.nickname = HOSTILE.into();
        g.introduction = format!("{HOSTILE}\n{HOSTILE}");
        g.chat_id = HOSTILE.into();
    }
    st.account.discover.bots.value = Some(vec![Bot {
        chat_id: HOSTILE.into(),
        nickname: HOSTILE.into(),
        introduction: HOSTILE.into(),
        headcount: 3,
        ..Default::default()
    }]);
    st.account
        .settings
        .distribution
        .value
        .as_mut()
        .unwrap()
        .share_url = format!("https://s.example/{HOSTILE}");
    st.account.settings.notification.value = None;
    st.account.settings.notification.error = Some(ApiError::Api {
        code: -1,
        msg: HOSTILE.into(),
    });
    for (_, r) in &mut st.account.settings.versions {
        r.value.as_mut().unwrap().version = HOSTILE.into();
    }
    st
}

#[test]
fn hostile_server_strings_are_drawn_as_visible_escapes() {
    let mut st = hostile_state();
    for (w, h) in [(60, 16), (80, 24), (120, 40)] {
        st.size = (w, h);
        for tab in Tab::ALL {
            st.tab = tab;
            st.account.discover.show_bots = false;
            assert_clean(&buffer(&st, w, h), &format!("{tab:?} {w}x{h}"));
        }
        st.tab = Tab::Discover;
        st.account.discover.show_bots = true;
        assert_clean(&buffer(&st, w, h), &format!("bots {w}x{h}"));
        st.account.discover.show_bots = false;
        st.account.popup = Some(Popup::Group(0));
        assert_clean(&buffer(&st, w, h), &format!("group popup {w}x{h}"));
        st.account.popup = Some(Popup::Bot(0));
        assert_clean(&buffer(&st, w, h), &format!("bot popup {w}x{h}"));
        st.account.popup = None;
        st.status = None;
    }
    // The escapes are there to be seen.
    st.tab = Tab::Profile;
    let screen = render(&st, 120, 40);
    assert!(
        screen.contains("\\u{202e}") && screen.contains("\\u{1b}]52"),
        "{screen}"
    );
    // The data is not changed: the edit form is filled from it as the server sent it.
    assert_eq!(
        st.account.profile.info.value.as_ref().unwrap().name,
        HOSTILE
    );
}

#[test]
fn a_hostile_error_message_is_drawn_safely() {
    let mut st = loaded_everything();
    st.set_lang(Lang::En);
    st.account.profile.info.value = None;
    st.account.profile.info.error = Some(ApiError::Http {
        status: 500,
        excerpt: HOSTILE.into(),
    });
    st.account.medals.list.value = None;
    st.account.medals.list.error = Some(ApiError::Decode(HOSTILE.into()));
    for tab in [Tab::Profile, Tab::Medals] {
        st.tab = tab;
        assert_clean(&buffer(&st, 80, 24), &format!("{tab:?}"));
    }
}

// ---- fitting at the smallest supported size ----------------------------------------------

fn english() -> AppState {
    let mut st = loaded_everything();
    st.set_lang(Lang::En);
    st.size = (60, 16);
    st
}

#[test]
fn at_60_columns_the_balance_is_whole_and_labels_give_way() {
    let st = english();
    let screen = render(&st, 60, 16);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("357.01"), "{header}");
    let mut st = english();
    st.account.profile.info.value.as_mut().unwrap().coin = 1_234_567.89;
    let header = render(&st, 60, 16).lines().next().unwrap().to_owned();
    assert!(header.contains("1234567.89"), "{header}");
    for w in 60..=130 {
        let line = render(&st, w, 16).lines().next().unwrap().to_owned();
        assert!(line.contains("1234567.89"), "{w}: {line}");
    }
    insta::assert_snapshot!("fit_profile_60x16", render(&english(), 60, 16));
    let mut zh = english();
    zh.set_lang(Lang::Zh);
    insta::assert_snapshot!("fit_profile_zh_60x16", render(&zh, 60, 16));
}

#[test]
fn the_selected_discover_sub_tab_is_always_on_screen() {
    let mut st = english();
    st.tab = Tab::Discover;
    let cats = st.account.discover.categories.value.clone().unwrap();
    for (i, cat) in cats.iter().enumerate() {
        st.account.discover.show_bots = false;
        st.account.discover.groups.category = cat.clone();
        let screen = render(&st, 60, 16);
        let strip = screen.lines().nth(2).unwrap();
        assert!(strip.contains(cat.as_str()), "{i} {cat}: {strip}");
        // Clicks land where the labels are drawn.
        let labels = yunhu_tui::app::discover::discover_tab_labels(&st);
        let (_, a, b) = &labels[i];
        assert!(a < b && *b <= 60, "{cat}: {a}..{b}");
    }
    st.account.discover.show_bots = true;
    let screen = render(&st, 60, 16);
    assert!(screen.lines().nth(2).unwrap().contains("Bots"), "{screen}");
    insta::assert_snapshot!("fit_discover_bots_60x16", screen);
    st.account.discover.show_bots = false;
    st.account.discover.groups.category = cats[5].clone();
    insta::assert_snapshot!("fit_discover_60x16", render(&st, 60, 16));
}

#[test]
fn hints_are_dropped_whole() {
    let mut st = english();
    for tab in Tab::ALL {
        st.tab = tab;
        let screen = render(&st, 60, 16);
        let hints = screen.lines().last().unwrap();
        // Every hint shown is a key and its whole label.
        let known: Vec<&str> = [
            "quit",
            "help",
            "tabs",
            "edit",
            "show/hide phone & email",
            "copy invitation code",
            "move",
            "first/last",
            "filter",
            "category",
            "search",
            "details",
            "change",
            "reload",
            "retry",
            "find",
            "open",
            "log out",
        ]
        .to_vec();
        for word in hints.split("  ").map(str::trim).filter(|w| !w.is_empty()) {
            let label = word.split_once(' ').map_or("", |(_, l)| l);
            assert!(known.contains(&label), "{tab:?}: {label:?} in {hints:?}");
        }
    }
}

#[test]
fn introductions_end_in_one_ellipsis() {
    let mut st = english();
    st.tab = Tab::Discover;
    for g in &mut st.account.discover.groups.list.items {
        g.introduction = "周末约起来 (since 2020) 一起 2024 年的活动 and more words here".into();
    }
    for w in 60..=140 {
        let screen = render(&st, w, 24);
        assert!(!screen.contains("……"), "{w}:\n{screen}");
    }
}

// ---- errors -----------------------------------------------------------------------------

fn failure() -> ApiError {
    ApiError::Http {
        status: 502,
        excerpt: "502 Bad Gateway nginx and a long explanation of what went wrong upstream".into(),
    }
}

#[test]
fn a_long_error_wraps_instead_of_being_cut_at_the_border() {
    let mut st = english();
    st.account.medals.list.value = None;
    st.account.medals.list.error = Some(failure());
    st.tab = Tab::Medals;
    let screen = render(&st, 60, 16);
    assert!(screen.contains("upstream"), "{screen}");
    insta::assert_snapshot!("fit_error_wrapped_60x16", screen);
}

#[test]
fn settings_say_an_error_once_and_a_missing_version_is_a_dash() {
    let mut st = english();
    st.tab = Tab::Settings;
    st.account.settings.notification.value = None;
    st.account.settings.notification.error = Some(failure());
    st.account.settings.modules.value = None;
    st.account.settings.modules.error = Some(ApiError::Api {
        code: -1,
        msg: "功能仅限VIP用户使用".into(),
    });
    st.account.settings.limits.value = None;
    st.account.settings.limits.error = Some(failure());
    st.account.settings.versions[2].1.value = None;
    st.account.settings.versions[2].1.error = Some(failure());
    st.account.settings.versions[3]
        .1
        .value
        .as_mut()
        .unwrap()
        .version = String::new();
    st.account.settings.cursor = SETTING_ROWS
        .iter()
        .position(|r| *r == SettingRow::Versions)
        .unwrap();
    let screen = render(&st, 100, 40);
    assert_eq!(
        screen
            .matches("Only for VIP users (功能仅限VIP用户使用)")
            .count(),
        1,
        "{screen}"
    );
    assert_eq!(screen.matches("502 Bad Gateway").count(), 1, "{screen}");
    assert_eq!(screen.matches("same error as above").count(), 3, "{screen}");
    assert!(
        screen.contains("android —") && screen.contains("ios —") && !screen.contains("android ?"),
        "{screen}"
    );
    insta::assert_snapshot!("fit_settings_errors_100x40", screen);
    // Every platform failing is said once too.
    for (_, r) in &mut st.account.settings.versions {
        r.value = None;
        r.error = Some(failure());
    }
    let screen = render(&st, 100, 40);
    assert_eq!(screen.matches("502 Bad Gateway").count(), 1, "{screen}");
}

#[test]
fn clicks_on_settings_rows_follow_the_scroll_and_wrapped_values() {
    let mut st = english();
    st.tab = Tab::Settings;
    st.size = (60, 16);
    st.account.settings.notification.value = None;
    st.account.settings.notification.error = Some(failure());
    let last = SETTING_ROWS.len() - 1;
    st.account.settings.cursor = last;
    let screen = render(&st, 60, 16);
    // The last visible line inside the border is the selected (last) row.
    let inner_h = 16 - 3 - 2;
    assert_eq!(
        yunhu_tui::app::settings_view::setting_at_line(&st, inner_h - 1),
        Some(last),
        "{screen}"
    );
}

#[test]
fn a_failed_page_row_says_why_across_the_whole_row() {
    for (w, h) in [(60, 16), (80, 24)] {
        let mut st = english();
        st.tab = Tab::Coins;
        st.size = (w, h);
        st.account.coins.list.error = Some((2, failure()));
        // Few records: the failed page's row is on screen below them.
        st.account.coins.view.truncate(4);
        let screen = render(&st, w, h);
        assert!(
            screen.contains("This page failed: Server error HTTP 502"),
            "{w}x{h}:\n{screen}"
        );
        // Groups: the same, over their two-line rows.
        st.tab = Tab::Discover;
        st.account.discover.groups.list.error = Some((2, failure()));
        st.account.discover.groups.list.items.truncate(2);
        let screen = render(&st, w, h);
        assert!(
            screen.contains("This page failed: Server"),
            "{w}x{h}:\n{screen}"
        );
    }
    let mut st = english();
    st.tab = Tab::Coins;
    st.size = (80, 24);
    st.account.coins.list.error = Some((2, failure()));
    st.account.coins.view.truncate(4);
    insta::assert_snapshot!("fit_coins_page_failed_80x24", render(&st, 80, 24));
}
