//! The medals, coins, discover and settings panes against the demo server: paging ahead of
//! the cursor, error rows that retry, superseded searches, settings that survive a restart,
//! and the verification flows.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use yunhu_tui::api::actor::Command;
use yunhu_tui::app::action::Action;
use yunhu_tui::app::coins::CoinFilter;
use yunhu_tui::app::settings_pane::{SETTING_ROWS, SettingRow};
use yunhu_tui::app::state::{Popup, Tab};
use yunhu_tui::demo::{DEMO_EMAIL_CODE, DEMO_SMS_CODE, FaultMode, FaultPlan};
use yunhu_tui::settings::{Settings, ThemeName};

use crate::harness::Harness;

fn coin_pages_sent(h: &Harness) -> Vec<u32> {
    h.sent
        .iter()
        .filter_map(|c| {
            if let Command::Coins { page, .. } = c {
                Some(*page)
            } else {
                None
            }
        })
        .collect()
}

#[tokio::test]
async fn medals_are_sorted_with_details_of_the_selected_one() {
    let mut h = Harness::logged_in().await;
    h.press('2');
    let sorts: Vec<u64> = h
        .state
        .account
        .medals
        .list
        .value
        .as_ref()
        .unwrap()
        .iter()
        .map(|m| m.sort)
        .collect();
    assert!(sorts.windows(2).all(|w| w[0] <= w[1]) && sorts.len() >= 12);
    h.press('j');
    h.press('j');
    let third = h.state.account.medals.list.value.as_ref().unwrap()[2]
        .name
        .clone();
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("14 medals")
            && screen.contains(&format!("🏅 {third}"))
            && screen.contains("3 / 14"),
        "{screen}"
    );
}

#[tokio::test]
async fn the_next_coin_page_is_asked_for_before_the_end_and_scrolling_never_waits() {
    let mut h = Harness::logged_in().await;
    h.demo
        .handle()
        .set_faults(FaultPlan::default().with_latency(100));
    h.press('3');
    assert_eq!(coin_pages_sent(&h), [1], "only the first page at start");
    let rows = yunhu_tui::geometry::coins_rows(h.state.size);
    let mut asked_at = None;
    // A person reading: one row every 40 ms, with the server 100 ms away.
    for press in 1..=150 {
        h.press('j');
        if asked_at.is_none() && coin_pages_sent(&h).contains(&2) {
            asked_at = Some(h.state.account.coins.cursor.cursor);
        }
        // Had the records run out before the next page came, the press would have found the
        // end of the list (the loading row) and the cursor would have stayed put.
        assert_eq!(
            h.state.account.coins.cursor.cursor, press,
            "press {press} moved the cursor one row"
        );
        h.pump(Duration::from_millis(40)).await;
    }
    let asked_at = asked_at.expect("page 2 was asked for");
    assert!(
        asked_at + rows < 50,
        "page 2 was asked for {} rows before the end (a screen is {rows})",
        50 - asked_at
    );
    assert!(
        h.state.account.coins.cursor.cursor >= 150,
        "scrolling went on across pages"
    );
    assert_eq!(
        coin_pages_sent(&h),
        [1, 2, 3, 4],
        "each page once, in order"
    );
}

#[tokio::test]
async fn a_failed_page_shows_an_error_row_that_retries() {
    let mut h = Harness::logged_in().await;
    h.fail_once(FaultMode::Http500, "/v1/user/gold-coin");
    h.press('3');
    h.press('G');
    h.idle().await;
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("This page failed") && screen.contains("HTTP 500"),
        "{screen}"
    );
    assert_eq!(
        h.state.account.coins.list.items.len(),
        50,
        "what was loaded stays"
    );
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.coins.list.error.is_none());
    h.press('G');
    h.idle().await;
    let c = &h.state.account.coins;
    assert_eq!(
        (c.list.items.len(), c.cursor.cursor),
        (260, 259),
        "G loaded the rest and went to the last record"
    );
    assert!(h.screen(100, 30).contains("260 of 260"));
    h.press('g');
    assert_eq!(h.state.account.coins.cursor.cursor, 0);
}

#[tokio::test]
async fn the_coin_filter_keeps_income_or_spending() {
    let mut h = Harness::logged_in().await;
    h.press('3');
    h.press('G');
    h.idle().await;
    h.press('f');
    assert_eq!(h.state.account.coins.filter, CoinFilter::Income);
    let c = &h.state.account.coins;
    assert!(
        !c.view.is_empty()
            && c.view
                .iter()
                .all(|&i| c.list.items[i].signed_change() > 0.0)
    );
    h.press('f');
    let c = &h.state.account.coins;
    assert!(
        !c.view.is_empty()
            && c.view
                .iter()
                .all(|&i| c.list.items[i].signed_change() < 0.0)
    );
    assert!(h.screen(100, 30).contains("Filter spending"));
    h.press('f');
    assert_eq!(h.state.account.coins.view.len(), 260);
    assert!(
        h.state.account.coins.chart.len() >= 2,
        "the balance chart has the loaded records"
    );
}

#[tokio::test]
async fn groups_page_by_scrolling_and_a_short_page_is_the_last() {
    let mut h = Harness::logged_in().await;
    h.press('4');
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    h.idle().await;
    assert_eq!(h.state.account.discover.groups.category, "地区");
    for _ in 0..200 {
        h.press('j');
        h.idle().await;
    }
    let g = &h.state.account.discover.groups;
    assert_eq!(g.list.items.len(), 127, "every group of 地区");
    assert!(g.list.complete);
    let pages: Vec<u32> = h
        .sent
        .iter()
        .filter_map(|c| {
            if let Command::Groups { category, page, .. } = c {
                (category == "地区").then_some(*page)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        pages,
        [1, 2, 3, 4, 5],
        "127 = 4 full pages of 30 and a short one; nothing after it"
    );
}

#[tokio::test]
async fn search_waits_for_a_pause_and_sends_the_whole_word_once() {
    let mut h = Harness::logged_in().await;
    h.press('4');
    h.press('/');
    h.type_text("Ru");
    h.type_text("st");
    let before = h.sent.len();
    h.act(Action::Deadline);
    assert_eq!(h.sent.len(), before, "no search before the pause");
    h.search_pause().await;
    let searches: Vec<String> = h.sent[before..]
        .iter()
        .filter_map(|c| {
            if let Command::Groups { keyword, .. } = c {
                Some(keyword.clone())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        searches,
        ["Rust"],
        "one request, after the pause, for the whole word"
    );
    h.idle().await;
    let g = &h.state.account.discover.groups;
    assert!(!g.list.items.is_empty());
    assert!(g.list.items.iter().all(|x| {
        format!("{}{}", x.nickname, x.introduction)
            .to_lowercase()
            .contains("rust")
    }));
    h.key(KeyCode::Esc);
    h.idle().await;
    assert!(
        h.state.account.discover.groups.keyword.is_empty()
            && h.state.account.discover.search.is_none(),
        "Esc clears the search"
    );
    assert!(h.state.account.discover.groups.list.items.len() >= 30);
}

#[tokio::test]
async fn an_old_search_answering_last_does_not_replace_the_new_one() {
    let mut h = Harness::logged_in().await;
    h.press('4');
    h.idle().await;
    // First search: slow.
    h.demo
        .handle()
        .set_faults(FaultPlan::default().with_latency(700));
    h.press('/');
    h.type_text("学习");
    h.search_pause().await;
    // Second search: fast; its answer arrives first, the old one after it.
    h.demo.handle().set_faults(FaultPlan::default());
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.type_text("摄影");
    h.search_pause().await;
    h.pump(Duration::from_millis(300)).await;
    let first_look: Vec<String> = h
        .state
        .account
        .discover
        .groups
        .list
        .items
        .iter()
        .map(|g| g.chat_id.clone())
        .collect();
    assert!(!first_look.is_empty());
    h.idle().await;
    let after: Vec<String> = h
        .state
        .account
        .discover
        .groups
        .list
        .items
        .iter()
        .map(|g| g.chat_id.clone())
        .collect();
    assert_eq!(
        after, first_look,
        "the slow answer for the old keyword was dropped"
    );
    assert!(
        h.state
            .account
            .discover
            .groups
            .list
            .items
            .iter()
            .all(|g| format!("{}{}", g.nickname, g.introduction).contains("摄影"))
    );
}

#[tokio::test]
async fn group_details_with_a_share_link_and_bots() {
    let mut h = Harness::logged_in().await;
    h.press('4');
    h.key(KeyCode::Enter);
    let Some(Popup::Group(0)) = h.state.account.popup else {
        panic!("the detail popup opens")
    };
    let id = h.state.account.discover.groups.list.items[0]
        .chat_id
        .clone();
    let screen = h.screen(100, 30);
    assert!(
        screen.contains(&format!(
            "https://yhfx.jwznb.com/share?chatId={id}&chatType=2"
        )),
        "{screen}"
    );
    h.press('c');
    assert_eq!(
        h.copied.last().map(String::as_str),
        Some(format!("https://yhfx.jwznb.com/share?chatId={id}&chatType=2").as_str())
    );
    h.key(KeyCode::Esc);
    assert!(h.state.account.popup.is_none());
    // The bots sub-tab is after the categories.
    h.key(KeyCode::Left);
    assert!(h.state.account.discover.show_bots);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("天气小助手") && screen.contains("Bots · 24"),
        "{screen}"
    );
}

#[tokio::test]
async fn mouse_clicks_sub_tabs_and_rows_and_the_wheel_scrolls() {
    let mut h = Harness::logged_in().await;
    h.press('4');
    let labels = yunhu_tui::app::discover::discover_tab_labels(&h.state);
    let click = |column: u16, row: u16| {
        Action::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    h.act(click(labels[3].1 + 1, 2));
    h.idle().await;
    assert_eq!(h.state.account.discover.groups.category, "IT/互联网");
    // Row 3 of the list: table top + border + header, two lines per group.
    h.act(click(5, 2 + 1 + 2 + 3 * 2));
    assert_eq!(h.state.account.discover.groups.cursor.cursor, 3);
    h.act(Action::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(h.state.account.discover.groups.cursor.cursor, 4);
    h.press('3');
    h.act(click(
        5,
        yunhu_tui::geometry::first_row(
            yunhu_tui::geometry::coins_split(yunhu_tui::geometry::body(h.state.size)).1,
        ) + 2,
    ));
    assert_eq!(h.state.account.coins.cursor.cursor, 2);
}

fn settings_row(h: &mut Harness, row: SettingRow) {
    h.press('5');
    let at = SETTING_ROWS.iter().position(|r| *r == row).unwrap();
    h.press('g');
    for _ in 0..at {
        h.press('j');
    }
}

#[tokio::test]
async fn app_settings_are_saved_and_come_back_after_a_restart() {
    let mut h = Harness::logged_in().await;
    settings_row(&mut h, SettingRow::Theme);
    h.key(KeyCode::Enter);
    assert_eq!(h.state.settings.theme, ThemeName::Light, "applied at once");
    settings_row(&mut h, SettingRow::Language);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    assert_eq!(h.state.lang(), yunhu_tui::i18n::Lang::En);
    settings_row(&mut h, SettingRow::CoinsPage);
    h.key(KeyCode::Enter);
    h.replace_field("0");
    h.key(KeyCode::Enter);
    assert!(
        h.screen(100, 30).contains("A number from 1 to 100"),
        "refused, popup stays"
    );
    h.replace_field("20");
    h.key(KeyCode::Enter);
    settings_row(&mut h, SettingRow::Mouse);
    h.key(KeyCode::Enter);
    assert_eq!(h.mouse, Some(false));
    settings_row(&mut h, SettingRow::Server);
    h.key(KeyCode::Enter);
    h.replace_field("not a url");
    h.key(KeyCode::Enter);
    assert!(matches!(
        h.state.account.popup,
        Some(Popup::SettingInput { error: Some(_), .. })
    ));
    h.replace_field("http://127.0.0.1:9999");
    h.key(KeyCode::Enter);

    // Save as the runtime does, then start again from the file.
    let dir = tempfile::tempdir().unwrap();
    let last = h.saved_settings.last().unwrap().clone();
    yunhu_tui::settings::SettingsFile::new(dir.path().join("config.toml"), Settings::default())
        .save(&last)
        .unwrap();
    let loaded = Settings::load(dir.path()).unwrap().settings;
    assert_eq!(loaded, last);
    assert_eq!(
        (
            loaded.theme,
            loaded.language,
            loaded.page_size.coins,
            loaded.mouse
        ),
        (
            ThemeName::Light,
            yunhu_tui::settings::Language::En,
            20,
            false
        )
    );
    assert_eq!(loaded.server, "http://127.0.0.1:9999");
    let text = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(text.contains("theme = \"light\""), "{text}");
}

#[tokio::test]
async fn notification_and_module_switches_round_trip() {
    let mut h = Harness::logged_in().await;
    let open = h
        .state
        .account
        .settings
        .notification
        .value
        .as_ref()
        .unwrap()
        .is_open;
    settings_row(&mut h, SettingRow::Notification);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(
        h.state
            .account
            .settings
            .notification
            .value
            .as_ref()
            .unwrap()
            .is_open,
        !open,
        "read back from the server"
    );
    let before = h
        .state
        .account
        .settings
        .modules
        .value
        .as_ref()
        .unwrap()
        .modules();
    settings_row(&mut h, SettingRow::Module(20));
    h.key(KeyCode::Enter);
    h.idle().await;
    let after = h
        .state
        .account
        .settings
        .modules
        .value
        .as_ref()
        .unwrap()
        .modules();
    assert_eq!(after.contains(&20), !before.contains(&20));
}

#[tokio::test]
async fn a_non_vip_account_sees_the_servers_message_for_module_switches() {
    let mut h = Harness::logged_in_as(1, FaultPlan::default()).await;
    let screen = {
        h.press('5');
        h.screen(110, 32)
    };
    assert!(screen.contains("功能仅限VIP用户使用"), "{screen}");
    settings_row(&mut h, SettingRow::Module(10));
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(
        h.state
            .status
            .as_ref()
            .is_some_and(|s| s.error && s.text(h.state.s()).contains("功能仅限VIP用户使用"))
    );
}

/// Reads the captcha of the open verification popup, as a person would.
fn captcha_of(h: &Harness) -> String {
    let Some(Popup::Verify(form)) = &h.state.account.popup else {
        panic!("a verification popup")
    };
    yunhu_tui::demo::read_captcha(&form.flow.captcha.value.as_ref().expect("captcha").png)
        .expect("legible")
}

#[tokio::test]
async fn change_the_phone_with_an_sms_code_wrong_code_first() {
    let mut h = Harness::logged_in().await;
    settings_row(&mut h, SettingRow::Phone);
    h.key(KeyCode::Enter);
    h.idle().await;
    h.type_text("13900139000");
    h.key(KeyCode::Tab);
    let text = captcha_of(&h);
    h.type_text(&text);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.screen(100, 30).contains("Code sent to 13900139000"));
    h.type_text("000000");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(
        h.screen(100, 30).contains("验证码错误"),
        "the server's message for a wrong code"
    );
    h.replace_field(DEMO_SMS_CODE);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.popup.is_none());
    assert_eq!(
        h.state.account.profile.info.value.as_ref().unwrap().phone,
        "13900139000"
    );
}

/// The verification popups share the login's code flow: the target is checked first (a
/// phone as a mobile number, an email as an address), and a failed captcha is asked for again.
#[tokio::test]
async fn a_verification_checks_its_target_and_asks_again_for_a_failed_captcha() {
    let mut h = Harness::logged_in().await;
    h.fail_once(FaultMode::Http500, "/v1/user/captcha");
    settings_row(&mut h, SettingRow::Email);
    h.key(KeyCode::Enter);
    h.idle().await;
    h.type_text("not-an-address");
    let before = h.sent.len();
    h.key(KeyCode::Enter);
    assert!(h.screen(100, 30).contains("Type a valid email address"));
    assert_eq!(h.sent[before..], [Command::Captcha], "the failed one again");
    h.replace_field("new@yhchat.example");
    h.key(KeyCode::Enter);
    assert_eq!(h.sent.len(), before + 1, "not while one is on its way");
    h.idle().await;
    h.key(KeyCode::Tab);
    let text = captcha_of(&h);
    h.type_text(&text);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(
        h.screen(100, 30)
            .contains("Code sent to new@yhchat.example")
    );
}

#[tokio::test]
async fn change_the_email_and_the_password() {
    let mut h = Harness::logged_in().await;
    settings_row(&mut h, SettingRow::Email);
    h.key(KeyCode::Enter);
    h.idle().await;
    h.type_text("new@yhchat.example");
    h.key(KeyCode::Tab);
    let text = captcha_of(&h);
    h.type_text(&text);
    h.key(KeyCode::Enter);
    h.idle().await;
    h.type_text(DEMO_EMAIL_CODE);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(
        h.state.account.profile.info.value.as_ref().unwrap().email,
        "new@yhchat.example"
    );

    settings_row(&mut h, SettingRow::Password);
    h.key(KeyCode::Enter);
    h.idle().await;
    let Some(Popup::Verify(form)) = &h.state.account.popup else {
        panic!()
    };
    assert_eq!(
        form.flow.target.value(),
        "new@yhchat.example",
        "the account's email is filled in"
    );
    h.key(KeyCode::Tab);
    let text = captcha_of(&h);
    h.type_text(&text);
    h.key(KeyCode::Enter);
    h.idle().await;
    h.type_text(DEMO_EMAIL_CODE);
    h.key(KeyCode::Tab);
    h.type_text("新密码123456");
    h.key(KeyCode::Tab);
    h.type_text("新密码12345");
    h.key(KeyCode::Enter);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("The two passwords differ") && screen.contains("•••••"),
        "{screen}"
    );
    h.type_text("6");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.popup.is_none());
    let client = yunhu_tui::api::ApiClient::new(yunhu_tui::oneshot::demo_client_config(
        &h.demo,
        Default::default(),
    ))
    .unwrap();
    assert!(
        client
            .email_login("new@yhchat.example", "新密码123456")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn grey_mode_turns_the_interface_grey() {
    let mut h = Harness::logged_in().await;
    h.demo.handle().set_gray_status(1);
    h.press('5');
    h.press('r');
    h.idle().await;
    assert!(h.state.grey());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| yunhu_tui::ui::render(&h.state, f))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    for cell in buffer.content() {
        for c in [cell.fg, cell.bg] {
            if let ratatui::style::Color::Rgb(r, g, b) = c {
                assert!(r == g && g == b, "{c:?} is not grey");
            }
        }
    }
}

#[tokio::test]
async fn every_pane_is_reachable_by_keyboard() {
    let mut h = Harness::logged_in().await;
    for (key, tab) in [
        ('1', Tab::Profile),
        ('2', Tab::Medals),
        ('3', Tab::Coins),
        ('4', Tab::Discover),
        ('5', Tab::Settings),
    ] {
        h.press(key);
        assert_eq!(h.state.tab, tab);
        assert!(!h.screen(80, 24).contains("Loading"), "{tab:?} loaded");
    }
}

// ---- hardening (issue 8) ---------------------------------------------------------------

/// Item 20: a failed coin page is seen where the cursor is: the window keeps a row for the
/// error under the last record, and the status line says which page failed and the key.
#[tokio::test]
async fn a_failed_coin_page_is_seen_at_the_cursor() {
    let mut h = Harness::logged_in().await;
    h.fail_once(FaultMode::Http500, "/v1/user/gold-coin");
    h.press('3');
    h.act(Action::Resize(80, 24));
    for _ in 0..60 {
        h.press('j');
        h.idle().await;
    }
    assert_eq!(h.state.account.coins.list.items.len(), 50);
    assert_eq!(
        h.state.account.coins.cursor.cursor, 49,
        "stopped at the last record"
    );
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("This page failed") && screen.contains("50 of 260"),
        "the error row is in the window:\n{screen}"
    );
    let text = h.state.status.as_ref().unwrap().text(h.state.s());
    assert!(
        text.contains("Coin page 2 failed") && text.contains("Enter or r retries"),
        "{text}"
    );
    // Once the message has gone, pressing on at the end says it again.
    h.state.status = None;
    h.press('j');
    assert!(
        h.state.status.is_some(),
        "the cursor does not stop without a word"
    );
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.coins.list.error.is_none());
    assert!(h.state.account.coins.list.items.len() > 50);
}

/// Item 23: `r` on Coins reloads and comes back to the same record.
#[tokio::test]
async fn r_on_coins_keeps_the_record() {
    let mut h = Harness::logged_in().await;
    h.press('3');
    for _ in 0..70 {
        h.press('j');
        h.idle().await;
    }
    let at = h.state.account.coins.cursor.cursor;
    let id = h.state.account.coins.list.items[h.state.account.coins.view[at]].id;
    assert_eq!(at, 70);
    h.press('r');
    h.idle().await;
    let c = &h.state.account.coins;
    assert_eq!(c.cursor.cursor, 70, "back where it was");
    assert_eq!(c.list.items[c.view[c.cursor.cursor]].id, id);
    assert!(h.screen(100, 30).contains("71 of 260"));
}

/// `r` on Coins with nothing stored: the store's empty count, answered after the server's
/// pages have brought the cursor back, leaves the cursor where it is (CI once saw it at 0).
#[tokio::test]
async fn r_on_coins_keeps_the_record_when_the_store_answers_last() {
    let mut h = Harness::logged_in().await;
    h.press('3');
    for _ in 0..70 {
        h.press('j');
        h.idle().await;
    }
    h.press('r');
    // Only the server's answers first: the store's wait in their queue (up to 10 s, for a
    // loaded machine).
    for _ in 0..500 {
        if !h
            .state
            .account
            .loading(yunhu_tui::app::requests::Slot::Coins)
            && h.state.account.coins.restore.is_none()
        {
            break;
        }
        h.pump(Duration::from_millis(20)).await;
    }
    assert_eq!(
        h.state.account.coins.cursor.cursor, 70,
        "the pages brought it back"
    );
    h.idle().await;
    assert_eq!(
        h.state.account.coins.cursor.cursor, 70,
        "the store's count left it there"
    );
    assert!(h.screen(100, 30).contains("71 of 260"));
}

/// Item 23: a filter says how many records it keeps, and the total of all records apart.
#[tokio::test]
async fn the_coin_filter_counts_what_it_keeps() {
    let mut h = Harness::logged_in().await;
    h.press('3');
    h.press('G');
    h.idle().await;
    h.press('g');
    h.press('f');
    let kept = h.state.account.coins.view.len();
    assert!(kept > 0 && kept < 260);
    let screen = h.screen(120, 30);
    assert!(
        screen.contains(&format!("1 of {kept} income (260 in all)")),
        "{screen}"
    );
    assert!(!screen.contains("1 of 260"));
}

/// Item 23: Settings shows the server in use (the demo's), and config.toml's apart.
#[tokio::test]
async fn settings_show_the_server_in_use() {
    let mut h = Harness::logged_in().await;
    h.press('5');
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("http://demo (config.toml: https://chat-go.jwzhd.com)"),
        "{screen}"
    );
}

/// Item 23: on the bots sub-tab the hint bar offers `/` only if `/` does something there.
#[tokio::test]
async fn the_bots_hints_offer_only_keys_that_act() {
    let mut h = Harness::logged_in().await;
    h.press('4');
    h.press('h');
    assert!(h.state.account.discover.show_bots);
    let before = h.screen(120, 30);
    let hints = before.lines().last().unwrap_or_default().to_owned();
    h.press('/');
    let after = h.screen(120, 30);
    assert!(
        !hints.contains("/ search") || after != before,
        "the hint offers / and / does nothing: {hints}"
    );
}
