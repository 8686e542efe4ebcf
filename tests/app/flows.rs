//! The dashboard's flows, headless, against the demo server.

use crossterm::event::KeyModifiers;
use crossterm::event::{KeyCode, MouseButton, MouseEvent, MouseEventKind};
use yunhu_tui::api::actor::Command;
use yunhu_tui::app::action::Action;
use yunhu_tui::app::form::Field;
use yunhu_tui::app::login::LoginField;
use yunhu_tui::app::state::{Overlay, Screen, Tab};
use yunhu_tui::demo::{DEMO_SMS_CODE, FaultMode, FaultPlan};

use crate::harness::Harness;

fn api_count(h: &Harness) -> usize {
    h.sent.len()
}

#[tokio::test]
async fn start_up_sends_every_first_request_and_shows_the_profile() {
    let h = Harness::logged_in().await;
    let kinds: Vec<String> = h
        .sent
        .iter()
        .map(|c| {
            format!("{c:?}")
                .split([' ', '{', '('])
                .next()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    for expected in [
        "Info",
        "OwnUser",
        "Medals",
        "UserData",
        "Coins",
        "Categories",
        "Groups",
        "Bots",
        "Distribution",
        "GrayStatus",
    ] {
        assert!(
            kinds.iter().any(|k| k == expected),
            "{expected} missing from {kinds:?}"
        );
    }
    let screen = h.screen(100, 30);
    for text in [
        "云湖测试用户",
        "7058262",
        "VIP until 2026-12-",
        "357.01",
        "138****8000",
        "d***@yhchat.example",
        "YH7K2Q",
        "1200 days, streak 35",
        "广东",
        "male",
        "2000-01-01",
        "广东省 深圳市 南山区 (440305)",
        "深圳打工人",
    ] {
        assert!(screen.contains(text), "{text:?} not on screen:\n{screen}");
    }
    assert!(!screen.contains("13800138000"), "the phone is masked");
}

#[tokio::test]
async fn reveal_and_copy() {
    let mut h = Harness::logged_in().await;
    h.press('v');
    assert!(h.screen(100, 30).contains("13800138000"));
    h.press('v');
    assert!(!h.screen(100, 30).contains("13800138000"));
    h.press('c');
    assert_eq!(h.copied, ["YH7K2Q"]);
    assert!(h.screen(100, 30).contains("Invitation code copied"));
}

#[tokio::test]
async fn email_login_and_a_wrong_password() {
    let mut h = Harness::logged_out().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    assert_eq!(h.state.account.login.focus, LoginField::Email);
    let (email, password) = (h.vip.email.clone(), h.vip.password.clone());
    h.type_text(&email);
    h.key(KeyCode::Tab);
    h.type_text("wrong");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    let screen = h.screen(80, 24);
    assert!(screen.contains("邮箱或密码错误"), "{screen}");
    assert!(screen.contains(&email), "the email stays typed");
    assert!(screen.contains("•••••"), "the password is hidden");
    h.replace_field(&password);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Main);
    assert!(h.saved_token.is_some(), "the token is saved");
    assert!(h.screen(100, 30).contains("云湖测试用户"));
    assert_eq!(
        h.state.account.login.password.value(),
        "",
        "the password is forgotten after use"
    );
}

#[tokio::test]
async fn sms_login_with_the_captcha() {
    let mut h = Harness::logged_out().await;
    h.key(KeyCode::BackTab);
    assert_eq!(h.state.account.login.focus, LoginField::Method);
    h.key(KeyCode::Right);
    h.idle().await;
    let captcha = h
        .state
        .account
        .login
        .sms
        .captcha
        .value
        .as_ref()
        .expect("a captcha arrived");
    assert!(
        yunhu_tui::ui::picture::captcha_is_drawable(captcha),
        "the captcha is drawn in the terminal"
    );
    let text = yunhu_tui::demo::read_captcha(&captcha.png).expect("the picture shows its code");
    let phone = h.vip.phone.clone();
    h.key(KeyCode::Tab);
    h.type_text("1380013800");
    h.key(KeyCode::Tab);
    h.type_text(&text);
    h.key(KeyCode::Enter);
    assert!(
        h.screen(80, 24).contains("11 digits"),
        "a short phone is refused before sending"
    );
    h.key(KeyCode::End);
    h.type_text("0");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(
        h.state.account.login.sms.sent_to.as_deref(),
        Some(phone.as_str())
    );
    assert_eq!(h.state.account.login.focus, LoginField::SmsCode);
    h.type_text("000000");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(
        h.state.account.screen,
        Screen::Login,
        "a wrong SMS code does not log in"
    );
    h.replace_field(DEMO_SMS_CODE);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Main);
    assert!(h.screen(100, 30).contains("云湖测试用户"));
}

/// The id of the captcha on the login screen.
fn login_captcha_id(h: &Harness) -> Option<String> {
    h.state
        .account
        .login
        .sms
        .captcha
        .value
        .as_ref()
        .map(|c| c.id.clone())
}

#[tokio::test]
async fn a_wrong_captcha_brings_a_new_one() {
    let mut h = Harness::logged_out().await;
    h.key(KeyCode::BackTab);
    h.key(KeyCode::Right);
    h.idle().await;
    let first = login_captcha_id(&h);
    h.key(KeyCode::Tab);
    h.type_text("13800138000");
    h.key(KeyCode::Tab);
    h.type_text("zzzz");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(
        h.state
            .account
            .login
            .notice
            .as_ref()
            .is_some_and(|n| n.error && n.text.contains("图形验证码错误"))
    );
    assert_ne!(login_captcha_id(&h), first, "a fresh captcha");
    assert_eq!(
        h.state.account.login.sms.target.value(),
        "13800138000",
        "the phone stays"
    );
}

#[tokio::test]
async fn nickname_edit_saves_and_reloads() {
    let mut h = Harness::logged_in().await;
    h.press('e');
    assert!(h.state.account.edit.is_some());
    h.replace_field("骑行的程序员");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.edit.is_none(), "the form closes on success");
    assert_eq!(
        h.state
            .account
            .profile
            .info
            .value
            .as_ref()
            .map(|i| i.name.as_str()),
        Some("骑行的程序员"),
        "reloaded from the server"
    );
    assert!(h.screen(100, 30).contains("Saved"));
    let client = yunhu_tui::api::ApiClient::new(yunhu_tui::oneshot::demo_client_config(
        &h.demo,
        Default::default(),
    ))
    .unwrap()
    .with_token(Some(h.vip.token.clone()));
    assert_eq!(client.user_info().await.unwrap().name, "骑行的程序员");
}

#[tokio::test]
async fn every_profile_field_is_editable() {
    let mut h = Harness::logged_in().await;
    h.press('e');
    let form = |h: &mut Harness, field: Field| {
        while h.state.account.edit.as_ref().map(|f| f.field()) != Some(field) {
            h.key(KeyCode::Tab);
        }
    };
    form(&mut h, Field::Introduction);
    h.replace_field("在杭州写 Rust，也拍胶片。");
    form(&mut h, Field::Gender);
    h.key(KeyCode::Right);
    form(&mut h, Field::Birthday);
    h.replace_field("1995-06-18");
    form(&mut h, Field::Province);
    h.replace_field("浙江省");
    form(&mut h, Field::City);
    h.replace_field("杭州市");
    form(&mut h, Field::District);
    h.replace_field("西湖区");
    form(&mut h, Field::LocationCode);
    h.replace_field("330106");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.edit.is_none());
    let d = h.state.account.profile.user_data.value.clone().unwrap();
    assert_eq!(
        (d.introduction.as_str(), d.gender),
        ("在杭州写 Rust，也拍胶片。", 2)
    );
    assert_eq!(
        yunhu_tui::timefmt::birthday_date(d.birthday)
            .unwrap()
            .to_string(),
        "1995-06-18"
    );
    assert_eq!(
        (
            d.province.as_str(),
            d.city.as_str(),
            d.district.as_str(),
            d.location_code.as_str()
        ),
        ("浙江省", "杭州市", "西湖区", "330106")
    );
    let own = h
        .state
        .account
        .profile
        .own
        .value
        .clone()
        .unwrap()
        .profile_info
        .unwrap();
    assert_eq!(
        (own.city.as_str(), own.district.as_str()),
        ("杭州市", "西湖区"),
        "get-user shows it too"
    );
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("female") && screen.contains("浙江省 杭州市 西湖区 (330106)"),
        "{screen}"
    );
}

#[tokio::test]
async fn avatar_from_a_local_file() {
    let mut h = Harness::logged_in().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("me.png");
    image::RgbImage::from_pixel(3, 3, image::Rgb([1, 2, 3]))
        .save(&path)
        .unwrap();
    h.press('e');
    h.key(KeyCode::Tab);
    h.type_text(path.to_str().unwrap());
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.edit.is_none());
    let url = h
        .state
        .account
        .profile
        .info
        .value
        .as_ref()
        .unwrap()
        .avatar_url
        .clone();
    assert!(
        url.starts_with(&format!("{}/img/", h.demo.base_url())),
        "{url}"
    );
}

#[tokio::test]
async fn invalid_input_is_refused_before_sending_and_kept() {
    let mut h = Harness::logged_in().await;
    h.press('e');
    h.replace_field("   ");
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.replace_field("2099-01-01");
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.replace_field("12345a");
    let before = api_count(&h);
    h.key(KeyCode::Enter);
    assert_eq!(api_count(&h), before, "nothing is sent");
    let screen = h.screen(100, 30);
    for reason in [
        "The nickname is empty",
        "The birthday is in the future",
        "6 digits",
    ] {
        assert!(
            screen.contains(reason),
            "{reason:?} beside its field:\n{screen}"
        );
    }
    let form = h.state.account.edit.as_ref().unwrap();
    assert_eq!(
        (form.value(Field::Birthday), form.value(Field::LocationCode)),
        ("2099-01-01", "12345a")
    );
    // Control characters arrive by paste too; they are refused, not stored.
    h.act(Action::Paste("x\u{7}y".into()));
    assert!(
        h.state
            .account
            .edit
            .as_ref()
            .unwrap()
            .value(Field::LocationCode)
            .ends_with("x y")
    );
}

#[tokio::test]
async fn a_server_error_keeps_the_form_and_the_message() {
    let mut h = Harness::logged_in().await;
    h.demo
        .handle()
        .set_faults(FaultPlan::always(FaultMode::Html502).only("/v1/user/save-user-data"));
    h.press('e');
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.replace_field("服务器出错时这段话不能丢");
    h.key(KeyCode::Enter);
    h.idle().await;
    let form = h.state.account.edit.as_ref().expect("the form stays open");
    assert_eq!(form.value(Field::Introduction), "服务器出错时这段话不能丢");
    assert!(
        form.form_error
            .as_deref()
            .is_some_and(|e| e.contains("HTTP 502") && e.contains("Bad Gateway")),
        "{:?}",
        form.form_error
    );
    assert!(h.screen(100, 30).contains("HTTP 502"));
    // The server's own message, verbatim.
    h.demo.handle().clear_faults();
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    assert_eq!(
        h.state.account.edit.as_ref().map(|f| f.field()),
        Some(Field::Birthday)
    );
    h.replace_field("2099-13-01");
    h.key(KeyCode::Enter);
    assert!(h.state.account.edit.as_ref().unwrap().errors[Field::Birthday.index()].is_some());
    h.replace_field("");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(
        h.state.account.edit.is_none(),
        "once the fault is gone, it saves"
    );
    assert_eq!(
        h.state
            .account
            .profile
            .user_data
            .value
            .as_ref()
            .unwrap()
            .introduction,
        "服务器出错时这段话不能丢"
    );
}

#[tokio::test]
async fn not_logged_in_mid_edit_returns_to_login_and_keeps_the_form() {
    let mut h = Harness::logged_in().await;
    h.fail_once(FaultMode::NotLoggedIn, "/v1/user/edit-nickname");
    h.press('e');
    h.replace_field("改到一半");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    assert!(h.saved_token.is_none(), "the dead token is deleted");
    assert!(h.screen(80, 24).contains("Session expired"));
    assert_eq!(
        h.state
            .account
            .edit
            .as_ref()
            .map(|f| f.value(Field::Nickname).to_owned())
            .as_deref(),
        Some("改到一半")
    );
    let (email, password) = (h.vip.email.clone(), h.vip.password.clone());
    h.type_text(&email);
    h.key(KeyCode::Tab);
    h.type_text(&password);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Main);
    assert!(
        h.screen(100, 30).contains("改到一半"),
        "the form is back, as it was left"
    );
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(
        h.state
            .account
            .profile
            .info
            .value
            .as_ref()
            .map(|i| i.name.as_str()),
        Some("改到一半")
    );
}

#[tokio::test]
async fn not_logged_in_while_loading_returns_to_login() {
    let mut h = Harness::logged_in().await;
    h.demo
        .handle()
        .set_faults(FaultPlan::always(FaultMode::NotLoggedIn).times(1));
    h.press('r');
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
}

#[tokio::test]
async fn failed_loads_show_their_error_and_r_retries() {
    let mut h =
        Harness::logged_in_with(FaultPlan::always(FaultMode::Http500).only("/v1/user/medal")).await;
    h.press('2');
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Failed to load: Server error HTTP 500")
            && screen.contains("press r to retry"),
        "{screen}"
    );
    assert!(
        h.screen(80, 24)
            .lines()
            .last()
            .is_some_and(|l| l.contains("HTTP 500")),
        "and in the status line"
    );
    h.demo.handle().clear_faults();
    h.press('r');
    h.idle().await;
    assert!(h.screen(80, 24).contains("早期用户"));
    // A failed reload keeps what is shown and says why it is not fresh.
    h.demo
        .handle()
        .set_faults(FaultPlan::always(FaultMode::Hang).only("/v1/user/medal"));
    h.press('r');
    h.idle().await;
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("早期用户") && screen.contains("did not answer"),
        "{screen}"
    );
}

#[tokio::test]
async fn logout_calls_the_server_and_deletes_the_token() {
    let mut h = Harness::logged_in().await;
    h.press('5');
    h.press('L');
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    assert!(h.saved_token.is_none());
    assert!(h.sent.contains(&Command::Logout));
    assert!(h.screen(80, 24).contains("Logged out"));
    let client = yunhu_tui::api::ApiClient::new(yunhu_tui::oneshot::demo_client_config(
        &h.demo,
        Default::default(),
    ))
    .unwrap()
    .with_token(Some(h.vip.token.clone()));
    assert!(
        client.user_info().await.unwrap_err().is_not_logged_in(),
        "the server ended the session"
    );
}

#[tokio::test]
async fn quitting_with_unsaved_edits_asks_first() {
    let mut h = Harness::logged_in().await;
    h.press('e');
    h.type_text("!");
    h.ctrl('c');
    assert_eq!(h.state.overlay, Overlay::ConfirmQuit);
    assert!(!h.quit);
    h.press('n');
    assert_eq!(h.state.overlay, Overlay::None);
    assert!(h.state.account.edit.is_some());
    h.key(KeyCode::Esc);
    assert_eq!(
        h.state.overlay,
        Overlay::ConfirmDiscard,
        "Esc on a changed form asks too"
    );
    h.press('y');
    assert!(h.state.account.edit.is_none());
    h.press('q');
    assert!(h.quit, "without edits, q quits at once");
}

#[tokio::test]
async fn tabs_by_key_and_mouse_help_and_too_small() {
    let mut h = Harness::logged_in().await;
    h.key(KeyCode::Tab);
    assert_eq!(h.state.tab, Tab::Medals);
    h.press('4');
    assert_eq!(h.state.tab, Tab::Discover);
    let x = yunhu_tui::geometry::tab_ranges(&h.state.s().tabs)[2].0 + 1;
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: yunhu_tui::geometry::TAB_ROW,
        modifiers: KeyModifiers::NONE,
    };
    h.act(Action::Mouse(click));
    assert_eq!(h.state.tab, Tab::Coins);
    h.press('?');
    assert!(h.screen(80, 24).contains("Help"));
    h.press('x');
    assert_eq!(h.state.overlay, Overlay::None);
    let small = h.screen(40, 10);
    assert!(
        small.contains("Terminal too small") && small.contains("60×16") && small.contains("40×10"),
        "{small}"
    );
    assert!(h.screen(59, 30).contains("Terminal too small"));
}

#[tokio::test]
async fn closing_a_popup_leaves_no_trace_on_a_diffing_terminal() {
    let mut h = Harness::logged_in().await;
    h.press('4');
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(110, 32)).unwrap();
    terminal
        .draw(|f| yunhu_tui::ui::render(&h.state, f))
        .unwrap();
    h.key(KeyCode::Enter);
    terminal
        .draw(|f| yunhu_tui::ui::render(&h.state, f))
        .unwrap();
    h.key(KeyCode::Esc);
    assert!(h.state.account.popup.is_none());
    terminal
        .draw(|f| yunhu_tui::ui::render(&h.state, f))
        .unwrap();
    let fresh = crate::harness::render(&h.state, 110, 32);
    let mut diffed = String::new();
    let buffer = terminal.backend().buffer().clone();
    for y in 0..32 {
        let mut line = String::new();
        let mut x = 0;
        while x < 110 {
            let sym = buffer[(x, y)].symbol();
            line.push_str(sym);
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        diffed.push_str(line.trim_end());
        diffed.push('\n');
    }
    assert_eq!(diffed, fresh);
}

#[tokio::test]
async fn e_before_the_profile_arrives_opens_the_form_when_it_does() {
    let mut h =
        Harness::logged_in_with(yunhu_tui::demo::FaultPlan::default().with_latency(200)).await;
    h.press('r');
    h.state.account.profile.info.value = None;
    h.state.account.profile.user_data.value = None;
    h.press('e');
    assert!(h.state.account.edit.is_none() && h.state.account.profile.edit_requested);
    h.idle().await;
    assert!(
        h.state.account.edit.is_some(),
        "the form opened once the profile was in"
    );
}

// ---- hardening (issue 8) ---------------------------------------------------------------

fn logouts_sent(h: &Harness) -> usize {
    h.sent.iter().filter(|c| **c == Command::Logout).count()
}

/// Item 24: `L` and Settings → log out ask first; a stray key does not log out.
#[tokio::test]
async fn logout_asks_first_and_only_y_or_enter_confirm() {
    let mut h = Harness::logged_in().await;
    h.press('L');
    assert_eq!(h.state.overlay, Overlay::ConfirmLogout);
    assert_eq!(logouts_sent(&h), 0, "nothing sent before the answer");
    assert!(h.screen(80, 24).contains("Log out?"));
    h.press('x');
    h.press('L');
    assert_eq!(
        h.state.overlay,
        Overlay::ConfirmLogout,
        "other keys leave it open"
    );
    h.press('n');
    assert_eq!(h.state.overlay, Overlay::None);
    h.press('L');
    h.key(KeyCode::Esc);
    assert_eq!(h.state.overlay, Overlay::None);
    assert_eq!(logouts_sent(&h), 0);
    assert_eq!(h.state.account.screen, Screen::Main);
    // Settings → log out asks too; y confirms.
    h.press('5');
    while h.state.account.settings.cursor
        != yunhu_tui::app::settings_pane::SETTING_ROWS
            .iter()
            .position(|r| *r == yunhu_tui::app::settings_pane::SettingRow::Logout)
            .unwrap()
    {
        h.press('j');
    }
    h.key(KeyCode::Enter);
    assert_eq!(h.state.overlay, Overlay::ConfirmLogout);
    assert_eq!(logouts_sent(&h), 0);
    h.press('y');
    h.idle().await;
    assert_eq!(logouts_sent(&h), 1);
    assert_eq!(h.state.account.screen, Screen::Login);
}

/// Item 4: a 1 MB paste is inserted at once and cut to the field's limit, with a word.
#[tokio::test]
async fn a_megabyte_paste_is_cut_to_the_fields_limit() {
    let mut h = Harness::logged_in().await;
    h.press('e');
    h.ctrl('u');
    let started = std::time::Instant::now();
    h.act(Action::Paste("长".repeat(1 << 20)));
    let took = started.elapsed();
    let form = h.state.account.edit.as_ref().unwrap();
    assert_eq!(
        form.value(Field::Nickname).chars().count(),
        yunhu_tui::validate::MAX_NICKNAME_CHARS
    );
    let status = h.state.status.clone().expect("a status");
    let text = status.text(h.state.s());
    assert!(text.contains("cut") && text.contains("20"), "{text}");
    assert!(h.screen(100, 30).contains("Pasted text cut"));
    // Not a timing assertion (machines differ), only a guard against the minutes it took.
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    // A paste that fits is taken whole, at the cursor, line breaks as spaces.
    h.ctrl('u');
    h.type_text("ab");
    h.key(KeyCode::Left);
    h.act(Action::Paste("x\ny\n".into()));
    assert_eq!(
        h.state
            .account
            .edit
            .as_ref()
            .unwrap()
            .value(Field::Nickname),
        "ax yb"
    );
}

#[tokio::test]
async fn a_long_paste_on_the_login_screen_is_cut_and_said() {
    let mut h = Harness::logged_out().await;
    h.act(Action::Paste("a".repeat(100_000)));
    assert_eq!(h.state.account.login.email.value().len(), 256);
    assert!(
        h.state
            .account
            .login
            .notice
            .as_ref()
            .is_some_and(|n| n.text.contains("cut")),
        "{:?}",
        h.state.account.login.notice
    );
}

/// Item 23: status messages go away after a few seconds (one wake-up, no tick) and follow
/// a change of language.
#[tokio::test]
async fn status_messages_expire_and_follow_the_language() {
    let mut h = Harness::logged_in().await;
    h.press('c');
    let status = h.state.status.clone().expect("copied");
    assert_eq!(
        status.text(h.state.s()),
        "Invitation code copied to the clipboard"
    );
    assert_eq!(
        h.state.next_deadline(),
        Some(status.until),
        "the loop wakes up once, for the message"
    );
    // Settings → language: from the system's (English here) to Chinese.
    h.press('5');
    h.press('j');
    h.key(KeyCode::Enter);
    assert_eq!(h.state.lang(), yunhu_tui::i18n::Lang::Zh);
    assert!(
        h.screen(100, 30).contains("已复制邀请码到剪贴板"),
        "{}",
        h.screen(100, 30)
    );
    let until = h.state.status.as_ref().unwrap().until;
    yunhu_tui::app::update::on_deadline(&mut h.state, until - std::time::Duration::from_millis(1));
    assert!(h.state.status.is_some(), "not before its time");
    yunhu_tui::app::update::on_deadline(&mut h.state, until);
    assert!(h.state.status.is_none());
    assert_eq!(h.state.next_deadline(), None, "nothing left to wake up for");
}

/// Item 23: a failed save says so (it used to say "Failed to load", from the reload after it).
#[tokio::test]
async fn a_failed_save_is_called_a_failed_save() {
    let mut h = Harness::logged_in().await;
    h.press('e');
    h.replace_field("新名字");
    h.demo
        .handle()
        .set_faults(FaultPlan::always(FaultMode::Http500));
    h.key(KeyCode::Enter);
    h.idle().await;
    let text = h.state.status.as_ref().unwrap().text(h.state.s());
    assert!(
        text.starts_with("Not saved") && text.contains("HTTP 500"),
        "{text}"
    );
    assert!(!h.screen(100, 30).contains("Failed to load"));
    assert!(h.state.account.edit.is_some(), "the form stays");
}

/// Item 23: while searching, the hint bar says what the prompt says.
#[tokio::test]
async fn the_search_hints_agree_with_the_prompt() {
    let mut h = Harness::logged_in().await;
    h.press('4');
    h.press('/');
    let screen = h.screen(120, 30);
    let hints = screen.lines().last().unwrap_or_default();
    assert!(
        hints.contains("Enter done") && !hints.contains("save"),
        "{hints}"
    );
    assert!(screen.contains("Enter done"));
}

/// Item 29: the help lists every key of the keymap, grouped by pane, and scrolls.
#[tokio::test]
async fn the_help_lists_every_key_of_the_keymap() {
    let mut h = Harness::logged_in().await;
    let s = h.state.s();
    let rows = yunhu_tui::app::help::help_rows(&h.state);
    for (intent, keys) in h.state.keymap.bindings() {
        if matches!(intent, yunhu_tui::app::keymap::Intent::Tab(i) if i >= 5) {
            // SealTalk's sixth and chaoqer's seventh tab: nothing on Yunhu's five.
            continue;
        }
        for group in intent.help_groups() {
            let label = intent.help_label(*group, s);
            let row = rows
                .iter()
                .find(|(g, _, l)| g == group && *l == label)
                .unwrap_or_else(|| panic!("{intent:?} not in the help"));
            for key in &keys {
                assert!(
                    row.1.split(' ').any(|k| k == key),
                    "{intent:?}: {key} missing from {:?}",
                    row.1
                );
            }
        }
    }
    h.press('?');
    let screen = h.screen(100, 70);
    for text in [
        "Everywhere",
        "Lists",
        "Coins",
        "Discover",
        "Forms and popups",
        "PgUp",
        "PgDn",
        "^r",
        "mouse",
        "wheel",
        "r  ",
        "reload",
        "open in the browser",
    ] {
        assert!(screen.contains(text), "{text:?} not in the help:\n{screen}");
    }
    assert!(!screen.contains("retry  "), "r reloads: {screen}");
    // At the smallest size the help scrolls.
    h.act(Action::Resize(60, 16));
    h.press('j');
    assert_eq!(h.state.overlay, Overlay::Help(1));
    h.press('x');
    assert_eq!(h.state.overlay, Overlay::None);
}

/// Item 31: `o` asks the runtime to open the avatar or the share link; nothing is launched
/// here (the harness records it).
#[tokio::test]
async fn o_opens_the_avatar_and_share_links() {
    let mut h = Harness::logged_in().await;
    h.press('o');
    let avatar = h
        .state
        .account
        .profile
        .info
        .value
        .as_ref()
        .unwrap()
        .avatar_url
        .clone();
    assert_eq!(h.opened, [avatar]);
    h.press('4');
    h.key(KeyCode::Enter);
    assert!(h.state.account.popup.is_some());
    h.press('o');
    assert_eq!(h.opened.len(), 2);
    assert!(
        h.opened[1].contains("/share?chatId=") && h.opened[1].contains("chatType=2"),
        "{:?}",
        h.opened
    );
    let text = h.state.status.as_ref().unwrap().text(h.state.s());
    assert!(text.starts_with("Opening"), "{text}");
}

/// Item 23: the profile scrolls until its last line is at the bottom, and no further.
#[tokio::test]
async fn the_profile_does_not_scroll_past_its_end() {
    let mut h = Harness::logged_in().await;
    h.act(Action::Resize(80, 16));
    h.press('G');
    let max = yunhu_tui::app::profile_view::max_scroll(&h.state);
    assert!(max > 0, "the profile is longer than 16 rows");
    assert_eq!(h.state.account.profile.scroll, max);
    let screen = h.screen(80, 16);
    let body: Vec<&str> = screen.lines().skip(3).take(11).collect();
    assert!(
        body.iter().all(|l| !l.trim_matches(['│', ' ']).is_empty()),
        "no blank rows after the end:\n{screen}"
    );
    // The avatar's address is the last field (wrapped beside the avatar's picture).
    assert!(
        body.iter().rev().take(2).any(|l| l.contains("Avatar")) && body[10].contains(".png"),
        "{screen}"
    );
    for _ in 0..10 {
        h.press('j');
    }
    assert_eq!(h.state.account.profile.scroll, max, "no hidden overscroll");
    h.press('k');
    assert_eq!(h.state.account.profile.scroll, max - 1);
}

/// The code flow (app/code_flow.rs): Enter without a captcha on screen asks for one, but not
/// while one is on its way, and nothing else is sent before there is one.
#[tokio::test]
async fn an_sms_request_without_a_captcha_asks_for_one_once() {
    let mut h = Harness::logged_out().await;
    h.fail_once(FaultMode::Http500, "/v1/user/captcha");
    h.key(KeyCode::BackTab);
    h.key(KeyCode::Right);
    h.idle().await;
    assert!(
        h.state.account.login.sms.captcha.error.is_some(),
        "the captcha failed"
    );
    assert_eq!(login_captcha_id(&h), None);
    h.key(KeyCode::Tab);
    h.type_text("13800138000");
    h.key(KeyCode::Tab);
    h.type_text("ABCD");
    let before = api_count(&h);
    h.key(KeyCode::Enter);
    assert_eq!(
        h.sent[before..],
        [Command::Captcha],
        "a new captcha, no SMS"
    );
    h.key(KeyCode::Enter);
    assert_eq!(api_count(&h), before + 1, "not while one is on its way");
    h.idle().await;
    assert!(login_captcha_id(&h).is_some());
    assert_eq!(
        h.state.account.login.sms.captcha_text.value(),
        "ABCD",
        "what was typed stays"
    );
}

#[tokio::test]
async fn an_sms_login_to_a_number_that_is_not_a_mobile_is_refused_before_sending() {
    let mut h = Harness::logged_out().await;
    h.key(KeyCode::BackTab);
    h.key(KeyCode::Right);
    h.idle().await;
    h.key(KeyCode::Tab);
    // 11 digits, but a mainland mobile number starts with 1 (validate::phone).
    h.type_text("23800138000");
    h.key(KeyCode::Tab);
    h.type_text("ABCD");
    let before = api_count(&h);
    h.key(KeyCode::Enter);
    assert_eq!(api_count(&h), before, "nothing is sent");
    assert_eq!(h.state.account.login.focus, LoginField::Phone);
    assert_eq!(
        h.state.account.login.sms.target.value(),
        "23800138000",
        "what was typed stays"
    );
    assert!(
        h.screen(100, 30)
            .contains("A mobile number is 11 digits starting with 1"),
        "{}",
        h.screen(100, 30)
    );
}
