//! A SealTalk account in the dashboard, headless, against the embedded SealTalk demo server:
//! login, every pane's data, every edit (and its refusals), unblock and screen-capture with
//! their questions, session expiry in the middle of an edit, tabs, filters, logout.

use crossterm::event::KeyCode;
use yunhu_tui::api::sealtalk::SessionCookie;
use yunhu_tui::api::sealtalk::model::Session;
use yunhu_tui::app::state::{Screen, Tab};
use yunhu_tui::i18n::Lang;

use crate::harness::Harness;

fn type_login(h: &mut Harness, phone: &str, password: &str) {
    // The focus starts on the phone; the calling code is 86 already.
    h.type_text(phone);
    h.key(KeyCode::Tab);
    h.type_text(password);
    h.key(KeyCode::Enter);
}

/// The cookie the next request carries is one the server cannot read: 500
/// `Invalid cookie value!`, which means "log in again" (Q3).
fn spoil_cookie(h: &mut Harness) {
    let user_id = h.state.account.account_id.clone().unwrap_or_default();
    let cookie = SessionCookie::new("rong_auth_cookie", "not-a-cookie").expect("a cookie");
    let api_session = Session { user_id, cookie };
    h.set_sealtalk_session(api_session);
}

#[tokio::test]
async fn login_keeps_the_cookie_and_never_the_im_token() {
    let mut h = Harness::sealtalk_logged_out(Lang::En).await;
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("SealTalk login") && screen.contains("86"),
        "{screen}"
    );
    let login = h.st().login();
    type_login(&mut h, &login.phone, &login.password);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Main);
    let saved = h.saved_cookie.clone().expect("the session is kept");
    assert_eq!(saved.user_id, login.user_id);
    assert_eq!(saved.cookie.name(), "rong_auth_cookie");
    // The password is gone from the form; the IM token is nowhere.
    assert!(h.state.account.sealtalk.login.secret.value().is_empty());
    let everything = format!("{:?} {:?}", h.st_sessions, h.sent) + &h.screen(120, 40);
    assert!(!everything.contains("demoRCtoken"), "{everything}");
    assert!(!everything.contains(&login.password), "{everything}");
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("参考·海星") && screen.contains("DH7W1QuDp"),
        "{screen}"
    );
}

#[tokio::test]
async fn a_wrong_password_is_said_and_nothing_typed_is_lost() {
    let mut h = Harness::sealtalk_logged_out(Lang::En).await;
    type_login(&mut h, "13900000001", "wrong-password");
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    let form = &h.state.account.sealtalk.login;
    assert_eq!(form.phone.value(), "13900000001");
    assert_eq!(form.secret.value(), "wrong-password");
    let (text, error) = form.notice.clone().expect("a notice");
    assert!(error && text.to_lowercase().contains("password"), "{text}");
    assert!(h.saved_cookie.is_none());
    let screen = h.screen(80, 24);
    assert!(screen.contains("password"), "{screen}");
}

#[tokio::test]
async fn missing_fields_are_named_and_nothing_is_sent() {
    let mut h = Harness::sealtalk_logged_out(Lang::En).await;
    h.key(KeyCode::Tab);
    h.key(KeyCode::Enter);
    assert!(h.sent.is_empty());
    let (text, _) = h
        .state
        .account
        .sealtalk
        .login
        .notice
        .clone()
        .expect("a notice");
    assert!(text.contains("phone"), "{text}");
    // Esc quits, as on Yunhu's login screen.
    h.key(KeyCode::Esc);
    assert!(h.quit);
}

#[tokio::test]
async fn a_server_without_password_login_says_so() {
    // Yunhu's demo server has no `/user/login`: a 404 at T1 (like the 2025 rewrite's 403)
    // means the server offers no password login.
    let mut h = Harness::sealtalk_logged_out(Lang::En).await;
    let config = yunhu_tui::api::sealtalk::SealtalkConfig::new(h.demo_base_url());
    let client = yunhu_tui::api::sealtalk::SealtalkClient::new(config).expect("client");
    h.set_sealtalk_client(client);
    type_login(&mut h, "13900000001", "P@ssw0rd");
    h.idle().await;
    let (text, error) = h
        .state
        .account
        .sealtalk
        .login
        .notice
        .clone()
        .expect("a notice");
    assert!(
        error && text.contains("does not offer password login"),
        "{text}"
    );
}

#[tokio::test]
async fn every_pane_shows_the_demo_data() {
    let mut h = Harness::sealtalk(Lang::En).await;
    let st = &h.state.account.sealtalk;
    assert_eq!(
        st.profile.value.as_ref().map(|u| u.nickname.as_str()),
        Some("参考·海星")
    );
    h.press('2');
    assert_eq!(h.state.tab, Tab::Friends);
    let screen = h.screen(80, 24);
    // Status 20 only (4 of them); the 2 incoming requests only counted; the stored
    // nickname shown verbatim, escaped as the server keeps it (Q10).
    assert!(screen.contains("Friends 4 · 2 requests"), "{screen}");
    assert!(screen.contains("&lt;b&gt;粗体"), "{screen}");
    assert!(!screen.contains("陌生人"), "{screen}");
    h.press('3');
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Groups 3") && screen.contains("海星读书会"),
        "{screen}"
    );
    assert!(
        screen.contains("5/500") && screen.contains("manager"),
        "{screen}"
    );
    h.press('4');
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("黑名单甲") && screen.contains("13600000006"),
        "{screen}"
    );
    h.press('5');
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("周末骑行") && screen.contains("off"),
        "{screen}"
    );
    assert_eq!(yunhu_tui::app::sealtalk::screen::rows(&h.state).len(), 7);
    h.press('6');
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Desktop") && screen.contains("2.2.0"),
        "{screen}"
    );
    assert!(screen.contains("Android"), "{screen}");
}

#[tokio::test]
async fn tab_keys_follow_the_services_panes() {
    let mut h = Harness::sealtalk(Lang::En).await;
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("6 About") && !screen.contains("Medals"),
        "{screen}"
    );
    h.press('6');
    assert_eq!(h.state.tab, Tab::About);
    h.key(KeyCode::Tab);
    assert_eq!(h.state.tab, Tab::Profile, "wraps around");
    h.key(KeyCode::BackTab);
    assert_eq!(h.state.tab, Tab::About);
    h.press('7');
    assert_eq!(h.state.tab, Tab::About, "no seventh pane");
    h.press('?');
    let help = h.screen(100, 40);
    assert!(
        help.contains("change the password") && !help.contains("Coins"),
        "{help}"
    );
}

#[tokio::test]
async fn the_filter_narrows_a_list_and_esc_clears_it() {
    let mut h = Harness::sealtalk(Lang::En).await;
    h.press('2');
    h.press('/');
    h.type_text("case");
    h.key(KeyCode::Enter);
    assert_eq!(yunhu_tui::app::sealtalk::friends::rows(&h.state).len(), 1);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Case Twin") && !screen.contains("小夏"),
        "{screen}"
    );
    h.press('/');
    h.key(KeyCode::Esc);
    assert_eq!(yunhu_tui::app::sealtalk::friends::rows(&h.state).len(), 4);
}

fn open_edit(h: &mut Harness) {
    h.press('1');
    h.press('e');
    assert!(h.state.account.sealtalk.edit.is_some());
}

#[tokio::test]
async fn a_nickname_edit_is_saved_on_the_server() {
    let mut h = Harness::sealtalk(Lang::En).await;
    open_edit(&mut h);
    h.replace_field("新的海星");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.sealtalk.edit.is_none(), "closed once saved");
    let shown = h
        .state
        .account
        .sealtalk
        .profile
        .value
        .as_ref()
        .map(|u| u.nickname.clone());
    assert_eq!(
        shown.as_deref(),
        Some("新的海星"),
        "reloaded from the server"
    );
}

#[tokio::test]
async fn a_nickname_the_server_cannot_store_is_refused_before_sending() {
    let mut h = Harness::sealtalk(Lang::En).await;
    open_edit(&mut h);
    h.replace_field("海星😀");
    let sent = h.sent.len();
    h.key(KeyCode::Enter);
    assert_eq!(h.sent.len(), sent, "nothing sent");
    let form = h.state.account.sealtalk.edit.as_ref().expect("still open");
    assert_eq!(form.nickname.value(), "海星😀");
    let screen = h.screen(80, 24);
    assert!(screen.contains("emoji"), "{screen}");
}

#[tokio::test]
async fn a_taken_sealtalk_id_is_said_beside_its_field_and_kept() {
    let mut h = Harness::sealtalk(Lang::En).await;
    open_edit(&mut h);
    for _ in 0..3 {
        h.key(KeyCode::Tab);
    }
    h.replace_field("bold_one");
    h.key(KeyCode::Enter);
    h.idle().await;
    let form = h.state.account.sealtalk.edit.as_ref().expect("still open");
    assert_eq!(form.st_account.value(), "bold_one");
    let error = form
        .error(yunhu_tui::app::sealtalk::profile_form::Part::StAccount)
        .expect("an error beside the field");
    assert!(!error.is_empty());
    let screen = h.screen(80, 24);
    assert!(screen.contains("! "), "{screen}");
    // A malformed one is refused before sending.
    h.replace_field("9lives");
    let sent = h.sent.len();
    h.key(KeyCode::Enter);
    assert_eq!(h.sent.len(), sent);
    assert!(h.screen(80, 24).contains("starts with a letter"));
}

#[tokio::test]
async fn gender_and_portrait_url_are_saved() {
    let mut h = Harness::sealtalk(Lang::En).await;
    open_edit(&mut h);
    h.key(KeyCode::Tab);
    h.replace_field("http://ref-st-img.example.com/NewPortrait01");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.sealtalk.edit.is_none());
    let u = h
        .state
        .account
        .sealtalk
        .profile
        .value
        .clone()
        .expect("profile");
    assert_eq!(u.gender, "male");
    assert_eq!(
        u.portrait_uri,
        "http://ref-st-img.example.com/NewPortrait01"
    );
}

#[tokio::test]
async fn a_portrait_file_is_uploaded_through_the_image_token() {
    let mut h = Harness::sealtalk(Lang::En).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("me.png");
    std::fs::write(&file, b"\x89PNG\r\n\x1a\nnot really a picture").expect("write");
    open_edit(&mut h);
    h.key(KeyCode::Tab);
    h.replace_field(&file.display().to_string());
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(
        h.state.account.sealtalk.edit.is_none(),
        "{:?}",
        h.state.account.sealtalk.edit
    );
    let u = h
        .state
        .account
        .sealtalk
        .profile
        .value
        .clone()
        .expect("profile");
    assert!(u.portrait_uri.starts_with("http"), "{}", u.portrait_uri);
    assert_ne!(
        u.portrait_uri,
        "http://ref-st-img.example.com/FhaixingPortraitRef01"
    );
}

#[tokio::test]
async fn a_missing_portrait_file_is_said_and_the_path_kept() {
    let mut h = Harness::sealtalk(Lang::En).await;
    open_edit(&mut h);
    h.key(KeyCode::Tab);
    h.replace_field("/nonexistent/me.png");
    h.key(KeyCode::Enter);
    h.idle().await;
    let form = h.state.account.sealtalk.edit.as_ref().expect("still open");
    assert_eq!(form.portrait.value(), "/nonexistent/me.png");
    assert!(h.screen(80, 24).contains("cannot read"));
}

#[tokio::test]
async fn the_password_form_checks_then_changes_the_password() {
    let mut h = Harness::sealtalk(Lang::En).await;
    h.press('p');
    assert!(h.state.account.sealtalk.password.is_some());
    h.type_text("wrong-old");
    h.key(KeyCode::Tab);
    h.type_text("has space");
    let sent = h.sent.len();
    h.key(KeyCode::Enter);
    assert_eq!(h.sent.len(), sent, "refused before sending");
    assert!(h.screen(80, 24).contains("cannot contain a space"));
    h.replace_field("NewP@ss1");
    h.key(KeyCode::Enter);
    h.idle().await;
    let form = h
        .state
        .account
        .sealtalk
        .password
        .as_ref()
        .expect("kept open");
    assert!(form.error.is_some(), "a wrong old password is said");
    assert_eq!(form.new.value(), "NewP@ss1", "nothing typed lost");
    // The cursor went back to the old password, where the fix goes.
    h.replace_field("P@ssw0rd");
    // Enter on the old password goes to the new one; Enter there sends.
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.sealtalk.password.is_none());
    assert_eq!(h.st().login().password, "NewP@ss1", "changed on the server");
}

#[tokio::test]
async fn unblocking_asks_first_and_cancel_changes_nothing() {
    let mut h = Harness::sealtalk(Lang::En).await;
    h.press('4');
    h.key(KeyCode::Enter);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Unblock 黑名单甲?"), "{screen}");
    let sent = h.sent.len();
    h.press('n');
    assert!(h.state.account.sealtalk.confirm.is_none());
    assert_eq!(h.sent.len(), sent, "nothing sent");
    h.key(KeyCode::Enter);
    h.press('y');
    h.idle().await;
    assert_eq!(yunhu_tui::app::sealtalk::blacklist::rows(&h.state).len(), 0);
    assert!(h.screen(80, 24).contains("Unblocked"));
}

#[tokio::test]
async fn a_screen_capture_toggle_asks_and_posts_a_message_only_when_confirmed() {
    let mut h = Harness::sealtalk(Lang::En).await;
    h.press('5');
    h.key(KeyCode::Enter);
    let screen = h.screen(120, 40);
    assert!(screen.contains("This posts a"), "{screen}");
    h.key(KeyCode::Esc);
    assert!(h.st().published().is_empty(), "cancelled: nothing posted");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    h.idle().await;
    let published = h.st().published();
    assert_eq!(published.len(), 1, "{published:?}");
    assert_eq!(published[0].conversation_type, 1);
    assert_eq!(published[0].target_id, "TrpmMGHlX");
    let row = &yunhu_tui::app::sealtalk::screen::rows(&h.state)[0];
    assert_eq!(row.status, Ok(true), "reloaded after the change");
}

#[tokio::test]
async fn session_expiry_in_the_middle_of_an_edit_loses_nothing_typed() {
    let mut h = Harness::sealtalk(Lang::En).await;
    open_edit(&mut h);
    h.replace_field("改了一半");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right);
    spoil_cookie(&mut h);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    assert_eq!(h.st_sessions.last(), Some(&None), "the cookie is dropped");
    let (text, error) = h.state.account.sealtalk.login.notice.clone().expect("said");
    assert!(
        error && text.contains("Invalid cookie value!") && text.contains("expired"),
        "{text}"
    );
    let screen = h.screen(80, 24);
    assert!(screen.contains("expired"), "{screen}");
    // Logging in again brings the form back as it was left.
    let login = h.st().login();
    h.replace_field(&login.phone);
    h.key(KeyCode::Tab);
    h.type_text(&login.password);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Main);
    let form = h
        .state
        .account
        .sealtalk
        .edit
        .as_ref()
        .expect("the form is still open");
    assert_eq!(form.nickname.value(), "改了一半");
    assert_eq!(form.gender, yunhu_tui::api::sealtalk::model::Gender::Male);
    h.key(KeyCode::Enter);
    h.idle().await;
    let u = h
        .state
        .account
        .sealtalk
        .profile
        .value
        .clone()
        .expect("profile");
    assert_eq!(
        (u.nickname.as_str(), u.gender.as_str()),
        ("改了一半", "male")
    );
}

#[tokio::test]
async fn a_403_from_the_server_means_log_in_again() {
    let mut h = Harness::sealtalk(Lang::En).await;
    let addr = forbidden_server().await;
    let config = yunhu_tui::api::sealtalk::SealtalkConfig::new(format!("http://{addr}"));
    let client = yunhu_tui::api::sealtalk::SealtalkClient::new(config).expect("client");
    h.set_sealtalk_client(client);
    spoil_cookie(&mut h);
    h.press('p');
    h.type_text("P@ssw0rd");
    h.key(KeyCode::Tab);
    h.type_text("NewP@ss1");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    let (text, _) = h.state.account.sealtalk.login.notice.clone().expect("said");
    assert!(text.contains("Not loged in."), "{text}");
    let form = h.state.account.sealtalk.password.as_ref().expect("kept");
    assert_eq!(form.new.value(), "NewP@ss1");
}

/// A server that answers every request 403 `Not loged in.` (on loopback).
async fn forbidden_server() -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = axum::Router::new()
        .fallback(|| async { (axum::http::StatusCode::FORBIDDEN, "Not loged in.") });
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

#[tokio::test]
async fn logout_asks_then_forgets_the_session() {
    let mut h = Harness::sealtalk(Lang::En).await;
    h.press('L');
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    assert!(h.saved_cookie.is_none());
    assert!(h.state.account.sealtalk.profile.value.is_none());
    assert!(h.screen(80, 24).contains("Logged out"));
}

#[tokio::test]
async fn the_panes_speak_chinese() {
    let mut h = Harness::sealtalk(Lang::Zh).await;
    h.press('2');
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("好友 4 · 2 条好友请求") && screen.contains("截屏通知"),
        "{screen}"
    );
}

#[tokio::test]
async fn a_second_start_shows_the_stored_panes_with_their_age_and_offline_sends_nothing() {
    let mut h = Harness::sealtalk(Lang::En).await;
    h.restart_own(false).await;
    // Five minutes later, before the server answers: every pane from the store.
    h.state.now_ms = yunhu_tui::store::now_ms() + 5 * 60 * 1000;
    let st = &h.state.account.sealtalk;
    assert!(st.profile.stored_at.is_some() && st.friends.stored_at.is_some());
    assert!(st.groups.value.is_some() && st.blacklist.value.is_some());
    assert!(st.versions.value.is_some() && st.captures.value.is_some());
    h.press('2');
    let screen = h.screen(80, 24);
    assert!(screen.contains("updated 5 min ago"), "{screen}");
    assert!(screen.contains("Friends 4 · 2 requests"), "{screen}");
    // The server's answers replace them (and the age goes).
    h.send_first_requests();
    h.idle().await;
    assert!(h.state.account.sealtalk.friends.stored_at.is_none());
    assert!(!h.screen(80, 24).contains("min ago"));

    // --offline: the store only (the dashboard asks nothing at the start), and a reload
    // sends nothing either.
    h.restart_own(true).await;
    let sent = h.sent.len();
    h.press('r');
    h.press('2');
    h.press('r');
    assert_eq!(h.sent.len(), sent, "nothing sent offline");
    h.press('3');
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("offline") && screen.contains("海星读书会"),
        "{screen}"
    );
}

#[tokio::test]
async fn a_paste_goes_into_the_focused_sealtalk_field() {
    use yunhu_tui::app::action::Action;
    let mut h = Harness::sealtalk_logged_out(Lang::En).await;
    h.act(Action::Paste("13900000001\n".into()));
    assert_eq!(h.state.account.sealtalk.login.phone.value(), "13900000001");
    assert_eq!(h.state.account.login.email.value(), "", "not Yunhu's form");
    let mut h = Harness::sealtalk(Lang::En).await;
    h.press('e');
    h.ctrl('u');
    h.act(Action::Paste("贴进来的名字".into()));
    let form = h.state.account.sealtalk.edit.as_ref().expect("open");
    assert_eq!(form.nickname.value(), "贴进来的名字");
}

#[tokio::test]
async fn refusals_are_said_in_chinese_with_the_servers_text_kept() {
    let mut h = Harness::sealtalk_logged_out(Lang::Zh).await;
    type_login(&mut h, "13900000001", "wrong-password");
    h.idle().await;
    let screen = h.screen(80, 24);
    assert!(screen.contains("手机号或密码错误"), "{screen}");
    let mut h = Harness::sealtalk(Lang::Zh).await;
    open_edit(&mut h);
    for _ in 0..3 {
        h.key(KeyCode::Tab);
    }
    h.replace_field("bold_one");
    h.key(KeyCode::Enter);
    h.idle().await;
    let screen = h.screen(80, 24);
    assert!(screen.contains("该 SealTalk 号已被占用"), "{screen}");
}
