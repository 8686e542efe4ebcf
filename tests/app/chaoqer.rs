//! A chaoqer account in the dashboard, headless, against the embedded chaoqer demo gateway:
//! its login screen (Q1 then Q2), the session handed to the runtime, a refused code and a
//! lost session keeping what was typed. The panes' flows are in `chaoqer_panes.rs`.

use crossterm::event::KeyCode;
use yunhu_tui::app::phone_login::PhoneField;
use yunhu_tui::app::state::Screen;
use yunhu_tui::i18n::Lang;

use crate::harness::Harness;

#[tokio::test]
async fn the_login_screen_sends_the_code_then_logs_in_and_keeps_the_session() {
    let mut h = Harness::chaoqer_logged_out(Lang::En).await;
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Log in to chaoqer") && screen.contains("86"),
        "{screen}"
    );
    let login = h.cq().login();
    h.type_text(&login.mobile);
    h.key(KeyCode::Enter);
    h.idle().await;
    let form = &h.state.account.chaoqer.login;
    assert_eq!(form.focus, PhoneField::Secret);
    let (text, error) = form.notice.clone().expect("the server's words");
    assert!(!error && text.contains("验证码已发送"), "{text}");
    assert!(h.screen(80, 24).contains("验证码已发送"));
    h.type_text(&login.sms_code);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Main);
    let saved = h.saved_cq_session.clone().expect("the session is kept");
    assert_eq!(saved.uid, login.uid);
    assert_eq!(
        h.state.account.account_id.as_deref(),
        Some(login.uid.as_str())
    );
    // The code is gone from the form; the number stays.
    assert!(h.state.account.chaoqer.login.secret.value().is_empty());
    assert_eq!(h.state.account.chaoqer.login.phone.value(), login.mobile);
    // The session's first answers came in over the new session.
    let cq = &h.state.account.chaoqer;
    let profile = cq.profile.value.as_ref().expect("the own profile");
    assert_eq!(profile.uid, login.uid);
    assert!(cq.cards.loaded && cq.clubs.loaded && cq.events.loaded);
    // The inbox waits for its tab (reading it zeroes the unread total the tab shows).
    assert!(!cq.messages.loaded);
    assert_eq!(cq.unread, Some(3));
    assert!(cq.versions.value.is_some());
    // The secret and token are in no request the app sent.
    let everything = format!("{:?}", h.sent);
    assert!(!everything.contains(&saved.access_secret), "{everything}");
    assert!(!everything.contains(&saved.access_token), "{everything}");
}

#[tokio::test]
async fn a_wrong_code_is_said_in_chinese_and_nothing_typed_is_lost() {
    let mut h = Harness::chaoqer_logged_out(Lang::Zh).await;
    let login = h.cq().login();
    h.type_text(&login.mobile);
    h.key(KeyCode::Enter);
    h.idle().await;
    h.type_text("111111");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    let form = &h.state.account.chaoqer.login;
    assert_eq!(form.phone.value(), login.mobile);
    assert_eq!(form.secret.value(), "111111");
    assert!(
        form.notice.as_ref().is_some_and(|n| n.1),
        "{:?}",
        form.notice
    );
    assert!(h.saved_cq_session.is_none());
    let screen = h.screen(80, 24);
    assert!(screen.contains("登录超圈"), "{screen}");
}

#[tokio::test]
async fn a_lost_session_goes_back_to_login_with_the_number_kept() {
    let mut h = Harness::chaoqer_logged_out(Lang::En).await;
    let login = h.cq().login();
    h.type_text(&login.mobile);
    h.key(KeyCode::Enter);
    h.idle().await;
    h.type_text(&login.sms_code);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Main);
    h.cq().expire_sessions();
    let fx = yunhu_tui::app::chaoqer::start(&mut h.state);
    h.apply(fx);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    assert_eq!(h.cq_sessions.last(), Some(&None), "the session file goes");
    let form = &h.state.account.chaoqer.login;
    assert_eq!(form.phone.value(), login.mobile);
    assert!(form.notice.as_ref().is_some_and(|n| n.1));
    assert!(h.screen(80, 24).contains("log in again"));
}
