//! `/` filters every list in place against the demo server: medals, coins (reason or
//! remark), bots and settings, with the match count on screen; `Esc` clears; what was typed
//! survives leaving the box and the tab. Discover's groups keep the server-side search.

use crossterm::event::KeyCode;
use yunhu_tui::app::action::Action;
use yunhu_tui::app::filter::FilterList;
use yunhu_tui::app::settings_pane::{SETTING_ROWS, SettingRow};
use yunhu_tui::app::state::Popup;

use crate::harness::Harness;

#[tokio::test]
async fn medals_filter_in_place_with_a_count_and_esc_clears() {
    let mut h = Harness::logged_in().await;
    h.press('2');
    let all = h.state.account.medals.list.value.clone().unwrap();
    let expected: Vec<String> = all
        .iter()
        .filter(|m| m.name.contains("达人"))
        .map(|m| m.name.clone())
        .collect();
    assert!(!expected.is_empty() && expected.len() < all.len());
    h.press('/');
    h.type_text("达人");
    let screen = h.screen(100, 30);
    assert!(
        screen.contains(&format!("matches: {}", expected.len())),
        "{screen}"
    );
    for m in &all {
        assert_eq!(
            screen.contains(&m.name),
            expected.contains(&m.name),
            "{}:\n{screen}",
            m.name
        );
    }
    // The cursor moves over the matches only, and the details follow it.
    h.key(KeyCode::Enter);
    for _ in 0..10 {
        h.press('j');
    }
    assert_eq!(h.state.account.medals.cursor.cursor, expected.len() - 1);
    assert!(
        h.screen(100, 30)
            .contains(&format!("🏅 {}", expected[expected.len() - 1]))
    );
    // Leaving the tab and coming back keeps the filter; `/` goes on with the text.
    h.press('1');
    h.press('2');
    assert!(
        h.screen(100, 30)
            .contains(&format!("matches: {}", expected.len()))
    );
    h.press('/');
    h.type_text("x");
    assert_eq!(h.state.account.medals.list_filter.input.value(), "达人x");
    assert!(h.screen(100, 30).contains("matches: 0"));
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Enter);
    // Esc (with the box closed) clears.
    h.key(KeyCode::Esc);
    assert!(!h.state.account.medals.list_filter.is_active());
    let screen = h.screen(100, 30);
    assert!(
        all.iter().take(10).all(|m| screen.contains(&m.name)),
        "{screen}"
    );
    assert!(!screen.contains("matches:"));
}

#[tokio::test]
async fn coins_filter_by_reason_or_remark_and_keep_loading() {
    let mut h = Harness::logged_in().await;
    h.press('3');
    h.press('/');
    h.type_text("签到");
    h.idle().await;
    let c = &h.state.account.coins;
    assert!(!c.view.is_empty());
    assert!(
        c.view
            .iter()
            .all(|&i| c.list.items[i].reason.contains("签到")
                || c.list.items[i].remark().contains("签到"))
    );
    // Fewer matches than a screen in the first page: more pages were loaded to fill it.
    let rows = yunhu_tui::geometry::coins_rows(h.state.size);
    assert!(c.view.len() >= rows || c.list.complete, "{}", c.view.len());
    let count = c.view.len();
    let screen = h.screen(100, 30);
    assert!(screen.contains(&format!("matches: {count}")), "{screen}");
    // A remark: the demo's invitation rewards say who was invited.
    h.key(KeyCode::Esc);
    h.press('/');
    h.type_text("邀请用户");
    h.idle().await;
    let c = &h.state.account.coins;
    assert!(!c.view.is_empty());
    assert!(
        c.view
            .iter()
            .all(|&i| c.list.items[i].remark().contains("邀请用户")),
        "matched by remark"
    );
    // The income/spending filter and the text filter combine.
    h.key(KeyCode::Enter);
    h.press('f');
    let c = &h.state.account.coins;
    assert!(
        c.view
            .iter()
            .all(|&i| c.list.items[i].signed_change() > 0.0)
    );
    h.key(KeyCode::Esc);
    assert!(h.state.account.coins.query.is_empty());
}

#[tokio::test]
async fn bots_filter_and_enter_opens_the_bot_under_the_cursor() {
    let mut h = Harness::logged_in().await;
    h.press('4');
    h.key(KeyCode::Left);
    assert!(h.state.account.discover.show_bots);
    h.press('/');
    assert!(
        h.state.account.discover.search.is_none(),
        "no server search on the bots"
    );
    h.type_text("RUST");
    let bots = h.state.account.discover.bots.value.clone().unwrap();
    let expected: Vec<usize> = (0..bots.len())
        .filter(|&i| {
            let b = &bots[i];
            format!("{}{}", b.nickname, b.introduction)
                .to_lowercase()
                .contains("rust")
        })
        .collect();
    assert!(!expected.is_empty() && expected.len() < bots.len());
    let screen = h.screen(100, 30);
    assert!(
        screen.contains(&format!("matches: {}", expected.len())),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    let Some(Popup::Bot(i)) = h.state.account.popup else {
        panic!("the bot popup opens")
    };
    assert_eq!(i, expected[0]);
}

#[tokio::test]
async fn settings_filter_and_the_cursor_stays_on_matching_rows() {
    let mut h = Harness::logged_in().await;
    h.press('5');
    h.press('/');
    h.type_text("mouse");
    let mouse = SETTING_ROWS
        .iter()
        .position(|r| *r == SettingRow::Mouse)
        .unwrap();
    assert_eq!(h.state.account.settings.cursor, mouse);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("Mouse") && !screen.contains("Language") && screen.contains("matches: 1"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    h.press('j');
    assert_eq!(h.state.account.settings.cursor, mouse, "no other row");
    // Enter now changes the row under the cursor.
    h.key(KeyCode::Enter);
    assert_eq!(h.mouse, Some(false));
    h.key(KeyCode::Esc);
    assert!(h.screen(100, 30).contains("Language"));
}

#[tokio::test]
async fn groups_keep_the_server_search_and_pastes_go_into_a_filter() {
    let mut h = Harness::logged_in().await;
    h.press('4');
    h.press('/');
    assert!(
        h.state.account.discover.search.is_some(),
        "groups: the server-side search"
    );
    h.key(KeyCode::Esc);
    h.press('2');
    h.press('/');
    h.act(Action::Paste("达人\n".into()));
    assert_eq!(h.state.account.medals.list_filter.input.value(), "达人");
    assert!(
        yunhu_tui::app::filter::match_count(&h.state, FilterList::Medals)
            < h.state.account.medals.list.value.as_ref().unwrap().len()
    );
    // The hint bar says what the keys do while typing.
    let screen = h.screen(100, 30);
    assert!(
        screen.lines().last().unwrap().contains("Enter done"),
        "{screen}"
    );
}

#[tokio::test]
async fn the_help_says_what_slash_does_on_lists() {
    let mut h = Harness::logged_in().await;
    h.press('2');
    h.press('?');
    let mut screen = String::new();
    // The help scrolls: read it whole.
    for _ in 0..40 {
        screen.push_str(&h.screen(120, 60));
        h.press('j');
    }
    assert!(
        screen.contains("filter the list (medals, coins, bots, settings; Esc clears)"),
        "{screen}"
    );
}

#[tokio::test]
async fn logging_out_clears_the_filters_with_the_lists() {
    let mut h = Harness::logged_in().await;
    h.press('3');
    h.press('/');
    h.type_text("签到");
    h.key(KeyCode::Enter);
    h.idle().await;
    h.press('L');
    h.press('y');
    h.idle().await;
    assert!(!h.state.account.coins.list_filter.is_active());
    assert!(h.state.account.coins.query.is_empty());
}
