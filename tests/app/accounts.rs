//! Several accounts in one dashboard: the switcher (`a`, F2), each account's panes kept as
//! they were left, requests in flight stopped when an account is left and asked for again
//! when it comes back, and each account's requests sent with its own client.

use crossterm::event::KeyCode;
use yunhu_tui::api::actor::Command;
use yunhu_tui::app::action::{Action, Effect};
use yunhu_tui::app::state::{Overlay, Screen};
use yunhu_tui::app::update::update;

use crate::harness::Harness;

fn shown_name(h: &Harness) -> String {
    h.state
        .account
        .profile
        .info
        .value
        .as_ref()
        .map(|i| i.name.clone())
        .unwrap_or_default()
}

#[tokio::test]
async fn switching_shows_the_other_account_and_each_comes_back_as_it_was_left() {
    let mut h = Harness::two_accounts().await;
    assert_eq!(shown_name(&h), "云湖测试用户");
    assert!(
        h.screen(100, 30)
            .lines()
            .next()
            .unwrap_or("")
            .contains("demo-vip")
    );
    // Leave the VIP account three rows down its coin history.
    h.press('3');
    for _ in 0..3 {
        h.press('j');
    }
    h.idle().await;
    let coins_before = h.state.account.coins.cursor;
    let records_before = h.state.account.coins.list.items.len();
    assert_eq!(coins_before.cursor, 3);

    h.press('a');
    assert_eq!(h.state.overlay, Overlay::Accounts(0));
    let popup = h.screen(80, 24);
    assert!(
        popup.contains("Accounts") && popup.contains("demo-basic"),
        "{popup}"
    );
    h.press('j');
    h.key(KeyCode::Enter);
    assert_eq!(h.state.overlay, Overlay::None);
    assert_eq!(
        h.active_client(),
        1,
        "later requests go out as the basic account"
    );
    h.idle().await;
    assert_eq!(shown_name(&h), "小鹿同学");
    assert_eq!(h.state.accounts.active, 1);
    assert_eq!(
        h.state.account.coins.cursor.cursor, 0,
        "the basic account's own list"
    );
    let screen = h.screen(100, 30);
    assert!(
        screen.lines().next().unwrap_or("").contains("demo-basic"),
        "{screen}"
    );
    assert!(screen.contains("Account: demo-basic"), "{screen}");

    // Back to the VIP account: shown as it was left, nothing asked for again.
    let sent = h.sent.len();
    h.press('a');
    h.press('1');
    h.idle().await;
    assert_eq!(h.active_client(), 0);
    assert_eq!(
        h.sent.len(),
        sent,
        "fresh panes are not fetched again: {:?}",
        &h.sent[sent..]
    );
    assert_eq!(shown_name(&h), "云湖测试用户");
    assert_eq!(h.state.account.coins.cursor, coins_before);
    assert_eq!(h.state.account.coins.list.items.len(), records_before);
    assert_eq!(h.state.tab.index(), 2, "the tab stays");
}

#[tokio::test]
async fn leaving_an_account_stops_its_requests_and_coming_back_asks_again() {
    let mut h = Harness::two_accounts().await;
    // `r` on the profile: three requests in flight, then the account is left at once.
    h.press('r');
    let asked: Vec<u64> = h.state.account.requests.ids().collect();
    assert!(!asked.is_empty());
    let fx = update(
        &mut h.state,
        Action::Key(crossterm::event::KeyEvent::from(KeyCode::F(2))),
    );
    assert!(fx.is_empty() && h.state.overlay == Overlay::Accounts(0));
    let fx = update(
        &mut h.state,
        Action::Key(crossterm::event::KeyEvent::from(KeyCode::Char('2'))),
    );
    let cancelled: Vec<u64> = fx
        .iter()
        .filter_map(|f| match f {
            Effect::Cancel(id) => Some(*id),
            _ => None,
        })
        .collect();
    assert_eq!(cancelled, asked, "what was in flight is stopped");
    assert!(fx.contains(&Effect::SwitchAccount(1)));
    h.apply(fx);
    h.idle().await;
    assert_eq!(shown_name(&h), "小鹿同学");
    // The VIP profile's reload never arrived: coming back asks for it again, and only it.
    let sent = h.sent.len();
    h.press('a');
    h.press('1');
    let again: Vec<Command> = h.sent[sent..].to_vec();
    assert!(again.contains(&Command::Info), "{again:?}");
    assert!(
        !again
            .iter()
            .any(|c| matches!(c, Command::Medals | Command::Bots)),
        "{again:?}"
    );
    h.idle().await;
    assert_eq!(shown_name(&h), "云湖测试用户");
}

#[tokio::test]
async fn an_account_without_a_login_opens_on_its_login_screen_and_one_account_cannot_switch() {
    let mut h = Harness::two_accounts().await;
    h.state.accounts.entries[1].logged_in = false;
    h.press('a');
    h.press('2');
    assert_eq!(h.state.account.screen, Screen::Login);
    assert!(
        h.sent
            .iter()
            .rev()
            .take(1)
            .all(|c| !matches!(c, Command::Info))
    );
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("demo-basic"),
        "the login says which account:\n{screen}"
    );
    // F2 works on the login screen, where `a` is typed into the field.
    h.key(KeyCode::F(2));
    assert_eq!(h.state.overlay, Overlay::Accounts(1));
    h.key(KeyCode::Esc);
    assert_eq!(h.state.overlay, Overlay::None);

    let mut one = Harness::logged_in().await;
    one.press('a');
    assert_eq!(one.state.overlay, Overlay::None);
    assert!(one.screen(80, 24).contains("One account only"));
}

#[tokio::test]
async fn the_switcher_fits_small_terminals() {
    let mut h = Harness::two_accounts().await;
    h.press('a');
    for (w, rows) in [(80u16, 24u16), (60, 16)] {
        let screen = h.screen(w, rows);
        for name in ["demo-vip", "demo-basic"] {
            assert!(screen.contains(name), "{w}x{rows}:\n{screen}");
        }
        assert!(screen.contains("logged in"), "{w}x{rows}:\n{screen}");
    }
}

/// The switcher's columns line up whatever the services' names: the server column starts
/// at the same place on every row (`sealtalk` is longer than the others).
#[tokio::test]
async fn the_switcher_s_columns_line_up_across_services() {
    let mut h = Harness::two_accounts().await;
    h.state.accounts.entries[1].service = yunhu_tui::service::Service::Sealtalk;
    h.press('a');
    let screen = h.screen(100, 30);
    let server = h.state.accounts.entries[0].server.clone();
    let starts: Vec<usize> = ["demo-vip", "demo-basic"]
        .iter()
        .map(|name| {
            let row = (screen.lines())
                .find(|l| l.contains(name) && l.contains("logged in"))
                .unwrap_or_default();
            // The last one: the server ("demo") is in the names too.
            let at = row.rfind(&server).expect("the server on the row");
            row[..at].chars().count()
        })
        .collect();
    assert_eq!(starts[0], starts[1], "{screen}");
}

#[tokio::test]
async fn a_sealtalk_or_chaoqer_account_shows_its_own_login_and_tabs() {
    // The seam: switching to a SealTalk or chaoqer account (chaoqer's once refused) shows
    // its own login screen, and a tab it does not have (Coins) gives way to its Profile.
    use yunhu_tui::service::Service;
    for (service, login_title) in [
        (Service::Sealtalk, "SealTalk login"),
        (Service::Chaoqer, "Log in to chaoqer"),
    ] {
        let mut h = Harness::two_accounts().await;
        h.state.accounts.entries[1].service = service;
        h.state.accounts.entries[1].logged_in = false;
        h.press('3');
        h.press('a');
        h.press('2');
        assert_eq!(h.state.accounts.active, 1);
        assert_eq!(h.state.account.service, service);
        assert_eq!(h.state.tab, yunhu_tui::app::state::Tab::Profile);
        let screen = h.screen(80, 24);
        assert!(screen.contains(login_title), "{screen}");
        // And back: Yunhu's panes as they were left.
        h.key(KeyCode::F(2));
        h.press('1');
        assert_eq!(shown_name(&h), "云湖测试用户");
        assert!(h.screen(80, 24).contains("5 Settings"));
    }
}
