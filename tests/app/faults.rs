//! The fault suite: every failure the demo server can inject, against the full app. Each
//! ends in a clear message, the app keeps running, nothing typed is lost, and once the
//! fault is gone a retry works.

use crossterm::event::KeyCode;
use yunhu_tui::app::form::Field;
use yunhu_tui::app::requests::Slot;
use yunhu_tui::app::state::{Screen, Tab};
use yunhu_tui::demo::{FaultMode, FaultPlan};

use crate::harness::Harness;

/// What the status line (or the field) says for each fault.
const CASES: &[(FaultMode, &str)] = &[
    (FaultMode::Http500, "Server error HTTP 500"),
    (FaultMode::Html502, "Server error HTTP 502: 502 Bad Gateway"),
    (FaultMode::Truncated, "Unreadable answer from the server"),
    (FaultMode::RandomBytes, "Unreadable answer from the server"),
    (FaultMode::WrongTypes, "Unreadable answer from the server"),
    (FaultMode::Hang, "The server did not answer"),
    (FaultMode::Disconnect, "Cannot reach the server"),
];

#[tokio::test]
async fn every_fault_gives_a_clear_message_keeps_the_app_and_the_typing_and_recovers() {
    for (mode, expected) in CASES {
        let mut h = Harness::logged_in().await;
        let name_before = h
            .state
            .account
            .profile
            .info
            .value
            .as_ref()
            .unwrap()
            .name
            .clone();
        h.demo.handle().set_faults(FaultPlan::always(*mode));

        // A reload fails: the data stays, the status line says why.
        h.press('r');
        h.idle().await;
        assert_eq!(
            h.state.account.screen,
            Screen::Main,
            "{mode:?}: still running"
        );
        let status = h.state.status.clone().expect("a status");
        let text = status.text(h.state.s());
        assert!(
            status.error && text.contains(expected),
            "{mode:?}: {text:?}"
        );
        assert_eq!(
            h.state.account.profile.info.value.as_ref().unwrap().name,
            name_before,
            "{mode:?}: what was shown stays"
        );

        // A save fails: the form stays open with what was typed and the reason beside it.
        h.press('e');
        h.replace_field("故障中改的名字");
        h.key(KeyCode::Enter);
        h.idle().await;
        let form = h
            .state
            .account
            .edit
            .as_ref()
            .unwrap_or_else(|| panic!("{mode:?}: the form stays"));
        assert_eq!(
            form.value(Field::Nickname),
            "故障中改的名字",
            "{mode:?}: nothing typed is lost"
        );
        let err = form.errors[Field::Nickname.index()]
            .clone()
            .unwrap_or_default();
        assert!(err.contains(expected), "{mode:?}: {err:?}");

        // The fault goes; the same Enter saves, and r reloads.
        h.demo.handle().clear_faults();
        h.key(KeyCode::Enter);
        h.idle().await;
        assert!(
            h.state.account.edit.is_none(),
            "{mode:?}: saved after the fault"
        );
        assert_eq!(
            h.state.account.profile.info.value.as_ref().unwrap().name,
            "故障中改的名字"
        );
        h.press('3');
        h.press('r');
        h.idle().await;
        assert!(
            h.state.account.coins.list.error.is_none() && !h.state.account.coins.view.is_empty(),
            "{mode:?}: retry works"
        );
    }
}

#[tokio::test]
async fn keys_work_while_slow_requests_are_in_flight_and_quitting_is_immediate() {
    let mut h = Harness::logged_in().await;
    h.demo
        .handle()
        .set_faults(FaultPlan::default().with_latency(3000));
    h.press('r');
    h.press('2');
    assert_eq!(h.state.tab, Tab::Medals, "keys act at once");
    h.press('5');
    h.press('j');
    assert_eq!(h.state.account.settings.cursor, 1);
    assert!(yunhu_tui::app::pane::shows_loading(&h.state) || h.state.account.loading(Slot::Info));
    h.press('q');
    assert!(h.quit, "q quits without waiting for the answers in flight");
}

#[tokio::test]
async fn connection_refused_says_so_and_keeps_the_login_typing() {
    let mut h = Harness::unreachable().await;
    h.type_text("demo@yhchat.example");
    h.key(KeyCode::Tab);
    h.type_text("yunhu-demo");
    h.key(KeyCode::Enter);
    h.idle().await;
    let notice = h.state.account.login.notice.clone().expect("a notice");
    assert!(
        notice.error
            && notice.text.contains("Cannot reach the server")
            && notice.text.to_lowercase().contains("refused"),
        "{}",
        notice.text
    );
    assert_eq!(
        (
            h.state.account.login.email.value(),
            h.state.account.login.password.value()
        ),
        ("demo@yhchat.example", "yunhu-demo")
    );
    assert_eq!(h.state.account.screen, Screen::Login);
}

#[tokio::test]
async fn not_logged_in_mid_session_and_mid_edit() {
    // Mid-session: any awaited answer with −101 returns to the login screen.
    let mut h = Harness::logged_in().await;
    h.fail_once(FaultMode::NotLoggedIn, "/v1/user/recommend");
    h.press('4');
    h.press('r');
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    assert!(h.saved_token.is_none());
    // Mid-edit is covered by flows::not_logged_in_mid_edit_returns_to_login_and_keeps_the_form.
}

#[tokio::test]
async fn the_server_going_away_during_a_save_loses_nothing() {
    let mut h = Harness::logged_in().await;
    h.press('e');
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.replace_field("服务器走开时写的简介");
    h.fail_once(FaultMode::Disconnect, "/v1/user/save-user-data");
    h.key(KeyCode::Enter);
    h.idle().await;
    let form = h.state.account.edit.as_ref().expect("the form stays");
    assert_eq!(form.value(Field::Introduction), "服务器走开时写的简介");
    assert!(
        form.form_error
            .as_deref()
            .is_some_and(|e| e.contains("Cannot reach the server")),
        "{:?}",
        form.form_error
    );
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.edit.is_none());
    assert_eq!(
        h.state
            .account
            .profile
            .user_data
            .value
            .as_ref()
            .unwrap()
            .introduction,
        "服务器走开时写的简介"
    );
}

#[tokio::test]
async fn an_avatar_save_is_cancelled_with_esc_and_the_form_kept() {
    use yunhu_tui::app::action::Effect;
    let mut h = Harness::logged_in().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("me.png");
    image::RgbImage::from_pixel(3, 3, image::Rgb([1, 2, 3]))
        .save(&path)
        .unwrap();
    // Every request now hangs for 5 s: the save cannot finish by itself soon.
    h.demo.handle().set_faults(yunhu_tui::demo::FaultPlan {
        latency_ms: 5_000,
        ..Default::default()
    });
    h.press('e');
    h.key(KeyCode::Tab);
    h.type_text(path.to_str().unwrap());
    h.key(KeyCode::Enter);
    assert!(h.state.account.edit.is_some() && h.state.account.edit_saving());
    let before = h.sent.len();
    let fx = yunhu_tui::app::update::update(
        &mut h.state,
        yunhu_tui::app::action::Action::Key(crossterm::event::KeyEvent::new(
            KeyCode::Esc,
            crossterm::event::KeyModifiers::NONE,
        )),
    );
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Cancel(_))),
        "the running request is stopped: {fx:?}"
    );
    h.apply(fx);
    assert!(h.state.account.edit.is_some(), "the form stays open");
    assert!(!h.state.account.edit_saving());
    assert!(
        h.screen(100, 30).contains("me.png"),
        "what was typed is kept"
    );
    assert!(h.screen(100, 30).contains("Save cancelled"));
    assert_eq!(h.sent.len(), before, "nothing more is sent");
    // Nothing comes back for the cancelled save.
    h.pump(std::time::Duration::from_millis(300)).await;
    assert!(h.state.account.edit.is_some());
}

#[tokio::test]
async fn minus_101_mid_session_keeps_the_servers_words_on_the_login_screen() {
    let mut h = Harness::logged_in().await;
    h.fail_once(FaultMode::NotLoggedIn, "/v1/user/medal");
    h.press('r');
    h.press('2');
    h.press('r');
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("Session expired") && screen.contains("Not logged in (未登录)"),
        "{screen}"
    );
}
