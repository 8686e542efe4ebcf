//! A chaoqer account's panes, headless, against the embedded chaoqer demo gateway: a flow
//! per pane and per action, the server's quirks (Q14 keeps a removed card, identical
//! writes within 500 ms are refused, Q10 zeroes the unread total), a new account's profile
//! and a session lost in the middle of an edit.

use crossterm::event::KeyCode;
use yunhu_tui::api::actor::Command;
use yunhu_tui::api::actor_chaoqer::CqCommand;
use yunhu_tui::app::chaoqer::confirm::CqConfirm;
use yunhu_tui::app::chaoqer::profile_form::CqField;
use yunhu_tui::app::state::{Screen, Tab};
use yunhu_tui::i18n::Lang;

use crate::harness::Harness;

fn status(h: &Harness) -> String {
    h.state
        .status
        .as_ref()
        .map(|s| s.msg.render(h.state.s()))
        .unwrap_or_default()
}

/// The profile the pane shows.
fn shown_profile(h: &Harness) -> &yunhu_tui::api::chaoqer::model::UserProfile {
    let profile = h.state.account.chaoqer.profile.value.as_ref();
    profile.expect("the profile is shown")
}

fn cq_sent(h: &Harness) -> Vec<CqCommand> {
    h.sent
        .iter()
        .filter_map(|c| match c {
            Command::Chaoqer(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn the_profile_is_edited_with_an_avatar_url_and_a_two_line_bio() {
    let mut h = Harness::chaoqer(Lang::En).await;
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("林间小舟") && screen.contains("Cards received 2"),
        "{screen}"
    );
    h.press('e');
    assert!(h.screen(80, 24).contains("Edit the profile"));
    h.replace_field("小舟2号");
    h.key(KeyCode::Tab);
    h.replace_field("https://cdn.example.com/a.jpg");
    h.key(KeyCode::Tab);
    h.replace_field("第一行\\n第二行");
    h.key(KeyCode::Enter);
    h.idle().await;
    let cq = &h.state.account.chaoqer;
    assert!(cq.edit.is_none(), "saved: the form closes");
    let p = cq.profile.value.as_ref().expect("the profile");
    assert_eq!(p.nickname, "小舟2号");
    assert_eq!(p.avatar, "https://cdn.example.com/a.jpg");
    assert_eq!(p.bio.as_deref(), Some("第一行\n第二行"));
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("第一行") && screen.contains("第二行"),
        "{screen}"
    );
}

#[tokio::test]
async fn a_refused_field_is_said_beside_it_and_nothing_is_sent() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('e');
    h.replace_field(&"字".repeat(21));
    let before = h.sent.len();
    h.key(KeyCode::Enter);
    assert_eq!(h.sent.len(), before, "nothing sent");
    let form = h.state.account.chaoqer.edit.as_ref().expect("still open");
    assert_eq!(form.focus, CqField::Nickname);
    assert!(form.error(CqField::Nickname).is_some());
    let screen = h.screen(80, 24);
    assert!(screen.contains("at most 20 characters"), "{screen}");
    assert_eq!(form.nickname.value(), "字".repeat(21), "the text stays");
}

#[tokio::test]
async fn the_avatar_is_uploaded_from_a_file_as_jpeg() {
    let mut h = Harness::chaoqer(Lang::En).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("me.png");
    image::RgbImage::from_pixel(8, 8, image::Rgb([200, 30, 30]))
        .save(&path)
        .expect("png");
    h.press('e');
    h.key(KeyCode::Tab);
    h.replace_field(&path.display().to_string());
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(
        h.state.account.chaoqer.edit.is_none(),
        "{:?}",
        h.state.account.chaoqer.edit
    );
    let p = shown_profile(&h);
    let stored = h.cq().uploaded(&p.avatar).expect("uploaded to the OSS");
    assert_eq!(&stored[..2], &[0xFF, 0xD8], "made JPEG");
    assert!(
        cq_sent(&h)
            .iter()
            .any(|c| matches!(c, CqCommand::SaveWithAvatarFile { init: false, .. }))
    );
    // A file that is not there is said before anything is sent.
    h.press('e');
    h.key(KeyCode::Tab);
    h.replace_field("/no/such/picture.png");
    h.key(KeyCode::Enter);
    let form = h.state.account.chaoqer.edit.as_ref().expect("open");
    assert!(form.error(CqField::Avatar).is_some());
}

#[tokio::test]
async fn a_new_account_completes_its_profile_first() {
    let mut h = Harness::chaoqer_as(Lang::En, Some("13900000077")).await;
    let cq = &h.state.account.chaoqer;
    assert!(cq.needs_profile);
    let form = cq.edit.as_ref().expect("the form opens by itself");
    assert!(form.init);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Complete your profile") && screen.contains("nickname and an avatar"),
        "{screen}"
    );
    // The panes' 200000 refusals are not a lost connection.
    assert!(!screen.contains("offline"), "{screen}");
    h.type_text("新朋友");
    h.key(KeyCode::Tab);
    h.type_text("https://cdn.example.com/new.jpg");
    h.key(KeyCode::Enter);
    h.idle().await;
    let cq = &h.state.account.chaoqer;
    assert!(!cq.needs_profile && cq.edit.is_none());
    assert!(
        cq_sent(&h)
            .iter()
            .any(|c| matches!(c, CqCommand::InitProfile { nickname, .. } if nickname == "新朋友"))
    );
    assert_eq!(
        cq.profile.value.as_ref().map(|p| p.nickname.as_str()),
        Some("新朋友")
    );
    // The panes that refused before are read again.
    assert!(
        cq.clubs.loaded && cq.clubs.error.is_none(),
        "{:?}",
        cq.clubs.error
    );
    assert!(h.screen(80, 24).contains("新朋友"));
}

#[tokio::test]
async fn a_session_lost_mid_edit_keeps_the_typed_text_through_the_login() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('e');
    h.replace_field("改了一半");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.replace_field("still typing");
    h.cq().expire_sessions();
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Login);
    assert!(h.screen(80, 24).contains("log in again"));
    let form = h.state.account.chaoqer.edit.as_ref().expect("kept");
    assert_eq!(form.nickname.value(), "改了一半");
    // Logged in again: the form is there as it was left, and saves. (The first login's
    // code request was under 500 ms ago: the same one now would be refused as a repeat.)
    h.cq().set_duplicate_window(std::time::Duration::ZERO);
    let login = h.cq().login();
    h.key(KeyCode::Enter);
    h.idle().await;
    h.type_text(&login.sms_code);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert_eq!(h.state.account.screen, Screen::Main);
    let form = h.state.account.chaoqer.edit.as_ref().expect("still open");
    assert_eq!(form.nickname.value(), "改了一半");
    assert_eq!(form.bio.value(), "still typing");
    let screen = h.screen(80, 24);
    assert!(screen.contains("改了一半"), "{screen}");
    h.key(KeyCode::Enter);
    h.idle().await;
    let p = shown_profile(&h);
    assert_eq!(p.nickname, "改了一半");
    assert_eq!(p.bio.as_deref(), Some("still typing"));
}

#[tokio::test]
async fn the_inbox_pages_as_the_cursor_nears_its_end_and_opening_it_clears_the_unread_total() {
    let mut h = Harness::chaoqer(Lang::En).await;
    assert_eq!(h.state.account.chaoqer.unread, Some(3));
    assert!(h.screen(80, 24).contains("2 Msgs (3)"));
    h.press('2');
    h.idle().await;
    let cq = &h.state.account.chaoqer;
    assert_eq!(cq.unread, Some(0), "Q10 zeroed the total");
    assert_eq!(cq.messages.items.len(), 20);
    assert!(cq.messages.has_more());
    let first = cq.messages.items[0]
        .user_message_result
        .as_ref()
        .expect("message");
    assert!(first.unread, "the messages keep their own mark");
    let screen = h.screen(80, 24);
    assert!(!screen.contains("(3)"), "{screen}");
    assert!(
        screen.contains("●") && screen.contains("event/") && screen.contains("profile/"),
        "{screen}"
    );
    // Down to the end of the first page: the second is asked for, then the third.
    for _ in 0..18 {
        h.press('j');
    }
    h.idle().await;
    assert_eq!(h.state.account.chaoqer.messages.items.len(), 40);
    h.press('G');
    h.idle().await;
    let cq = &h.state.account.chaoqer;
    assert_eq!(cq.messages.items.len(), 45);
    assert!(!cq.messages.has_more(), "a short page is the end");
    let pages = cq_sent(&h)
        .iter()
        .filter(|c| matches!(c, CqCommand::Messages { .. }))
        .count();
    assert_eq!(pages, 3);
}

#[tokio::test]
async fn unblocking_asks_first_and_n_leaves_the_user_blocked() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('3');
    assert_eq!(h.state.tab, Tab::Blacklist);
    assert_eq!(h.state.account.chaoqer.blacklist.items.len(), 2);
    h.key(KeyCode::Enter);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Unblock 阿青?"), "{screen}");
    h.press('n');
    assert!(h.state.account.chaoqer.confirm.is_none());
    assert!(
        !cq_sent(&h)
            .iter()
            .any(|c| matches!(c, CqCommand::Unblock(_)))
    );
    h.key(KeyCode::Enter);
    h.press('y');
    h.idle().await;
    let cq = &h.state.account.chaoqer;
    assert_eq!(cq.blacklist.items.len(), 1);
    assert!(!h.screen(80, 24).contains("阿青"));
    assert!(!status(&h).is_empty());
}

#[tokio::test]
async fn my_card_is_sent_and_an_identical_send_is_refused_as_a_duplicate() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('4');
    let uid = h.state.account.chaoqer.cards.items[0].uid.clone();
    h.press('e');
    h.type_text("not-a-uid");
    h.key(KeyCode::Enter);
    let form = h.state.account.chaoqer.card_form.as_ref().expect("open");
    assert!(form.error.is_some(), "checked before sending");
    assert!(h.screen(80, 24).contains("32 characters"));
    h.ctrl('u');
    h.key(KeyCode::End);
    h.ctrl('u');
    h.type_text(&uid);
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.chaoqer.card_form.is_none(), "sent");
    assert!(!status(&h).is_empty());
    // The same write again within 500 ms: the gateway drops it; the form says so.
    h.press('e');
    h.type_text(&uid);
    h.key(KeyCode::Enter);
    h.idle().await;
    let form = h.state.account.chaoqer.card_form.as_ref().expect("kept");
    let error = form.error.clone().unwrap_or_default();
    assert!(error.contains("twice within half a second"), "{error}");
    assert_eq!(form.value(), uid, "the uid typed stays");
    assert!(h.screen(80, 24).contains("twice within half a second"));
}

#[tokio::test]
async fn removing_a_card_says_that_the_server_kept_it() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('4');
    let card = h.state.account.chaoqer.cards.items[0].clone();
    h.key(KeyCode::Enter);
    assert!(matches!(
        h.state.account.chaoqer.confirm,
        Some(CqConfirm::DeleteCard { .. })
    ));
    assert!(h.screen(80, 24).contains("Remove the card from 小满?"));
    h.press('y');
    h.idle().await;
    let said = status(&h);
    assert!(
        said.contains("Card from 小满 still there") && said.contains("known bug"),
        "{said}"
    );
    // Said whole on an 80-column status line.
    let status_row = h.screen(80, 24).lines().nth(23).unwrap_or("").to_owned();
    assert!(status_row.contains("(known bug)"), "{status_row}");
    let me = h.cq().login().uid;
    assert!(h.cq().card_visible(&card.uid, &me), "the server's bug");
    assert!(
        h.state
            .account
            .chaoqer
            .cards
            .items
            .iter()
            .any(|c| c.uid == card.uid)
    );
}

#[tokio::test]
async fn a_club_s_details_page_its_members_and_it_is_left_and_joined_again() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('5');
    let at = h
        .state
        .account
        .chaoqer
        .clubs
        .items
        .iter()
        .position(|c| {
            c.club_result
                .as_ref()
                .is_some_and(|r| r.name == "摄影爱好者")
        })
        .expect("the photo club");
    for _ in 0..at {
        h.press('j');
    }
    h.key(KeyCode::Enter);
    h.idle().await;
    let d = h.state.account.chaoqer.club.as_ref().expect("details");
    assert!(
        d.club
            .value
            .as_ref()
            .is_some_and(|c| c.joined && c.member_total == 24)
    );
    assert_eq!(d.members.items.len(), 20);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("摄影爱好者") && screen.contains("You are a member"),
        "{screen}"
    );
    h.press('G');
    h.idle().await;
    let d = h.state.account.chaoqer.club.as_ref().expect("details");
    assert_eq!(d.members.items.len(), 24, "the members' second page");
    // Leave, after a question.
    h.key(KeyCode::Enter);
    assert!(h.screen(80, 24).contains("Leave 摄影爱好者?"));
    h.press('y');
    h.idle().await;
    let cq = &h.state.account.chaoqer;
    assert!(
        cq.club
            .as_ref()
            .and_then(|d| d.club.value.as_ref())
            .is_some_and(|c| !c.joined)
    );
    assert!(!cq.clubs.items.iter().any(|c| {
        c.club_result
            .as_ref()
            .is_some_and(|r| r.name == "摄影爱好者")
    }));
    // And join again.
    h.key(KeyCode::Enter);
    assert!(h.screen(80, 24).contains("Join 摄影爱好者?"));
    h.press('y');
    h.idle().await;
    let cq = &h.state.account.chaoqer;
    assert!(
        cq.club
            .as_ref()
            .and_then(|d| d.club.value.as_ref())
            .is_some_and(|c| c.joined)
    );
    assert!(cq.clubs.items.iter().any(|c| {
        c.club_result
            .as_ref()
            .is_some_and(|r| r.name == "摄影爱好者")
    }));
    h.key(KeyCode::Esc);
    assert!(h.state.account.chaoqer.club.is_none());
}

#[tokio::test]
async fn each_event_is_marked_by_its_time_against_now() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('6');
    let screen = h.screen(80, 24);
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in\n{screen}"))
            .to_owned()
    };
    assert!(row("晨间徒步").contains("over"), "{screen}");
    assert!(row("超圈产品周会").contains("live"), "{screen}");
    assert!(row("夜拍西湖").contains("upcoming"), "{screen}");
    // Two hours later the evening shoot is live and the meeting over.
    h.state.now_ms += 2 * 3_600_000;
    let screen = h.screen(80, 24);
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or("")
            .to_owned()
    };
    assert!(row("夜拍西湖").contains("live"), "{screen}");
    assert!(row("超圈产品周会").contains("over"), "{screen}");
}

#[tokio::test]
async fn the_apps_versions_show_and_feedback_is_sent_once() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('7');
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("iOS") && screen.contains("Android") && screen.contains("0.2.4"),
        "{screen}"
    );
    h.press('e');
    h.key(KeyCode::Enter);
    let form = h.state.account.chaoqer.feedback.as_ref().expect("open");
    assert!(form.error.is_some(), "empty feedback is not sent");
    h.type_text("名片夹很好用");
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.chaoqer.feedback.is_none());
    assert_eq!(h.cq().feedback().len(), 1);
    assert!(status(&h).contains("反馈成功"), "{}", status(&h));
    // The same feedback again at once: refused as a duplicate, the text kept.
    h.press('e');
    h.type_text("名片夹很好用");
    h.key(KeyCode::Enter);
    h.idle().await;
    let form = h.state.account.chaoqer.feedback.as_ref().expect("kept");
    assert!(form.error.as_deref().is_some_and(|e| e.contains("twice")));
    assert_eq!(h.cq().feedback().len(), 1);
}

#[tokio::test]
async fn the_help_names_the_chaoqer_keys_in_chinese() {
    let mut h = Harness::chaoqer(Lang::Zh).await;
    h.press('?');
    let screen = h.screen(80, 24);
    assert!(screen.contains("切换页面（1-7）"), "{screen}");
    assert!(screen.contains("1 2 3 4 5 6 7"), "{screen}");
}

fn click(h: &mut Harness, column: u16, row: u16) {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    h.act(yunhu_tui::app::action::Action::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

#[tokio::test]
async fn the_mouse_opens_the_inbox_tab_and_selects_a_row() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.act(yunhu_tui::app::action::Action::Resize(80, 24));
    let screen = h.screen(80, 24);
    let tab_row = screen.lines().nth(1).expect("the tab bar");
    let column = tab_row.find("Msgs").expect("the inbox tab") as u16;
    click(&mut h, column, 1);
    assert_eq!(h.state.tab, Tab::Messages);
    h.idle().await;
    assert_eq!(
        h.state.account.chaoqer.messages.items.len(),
        20,
        "read on opening"
    );
    // The third row of the list (under the pane's border and its header).
    click(&mut h, 10, 2 + 2 + 2);
    assert_eq!(h.state.account.chaoqer.messages.selected, 2);
    // Under a club's details the panes take no clicks.
    h.press('5');
    h.key(KeyCode::Enter);
    h.idle().await;
    click(&mut h, 10, 2 + 2 + 3);
    click(&mut h, column, 1);
    assert_eq!(h.state.tab, Tab::Clubs);
    assert_eq!(h.state.account.chaoqer.clubs.selected, 0);
}

#[tokio::test]
async fn no_newer_app_is_said_as_up_to_date_not_as_a_failure() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('7');
    if let Some(v) = h.state.account.chaoqer.versions.value.as_mut() {
        // What the client makes of Q22's "当前已经是最新版本".
        v.ios = Ok(None);
    }
    let screen = h.screen(80, 24);
    let ios = screen.lines().find(|l| l.contains("iOS")).unwrap_or("");
    assert!(ios.contains("no update published"), "{screen}");
    assert!(!screen.contains("failed"), "{screen}");
}

#[tokio::test]
async fn enter_shows_a_message_whole_with_its_link() {
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('2');
    h.idle().await;
    // The list shows the first line only.
    assert!(!h.screen(80, 24).contains("点击查看详情"));
    h.key(KeyCode::Enter);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("点击查看详情") && screen.contains("chaoqer://event/"),
        "{screen}"
    );
    h.key(KeyCode::Esc);
    assert!(!h.state.account.chaoqer.message_open);
    assert!(!h.screen(80, 24).contains("点击查看详情"));
}

#[tokio::test]
async fn hostile_server_text_is_drawn_harmless() {
    let mut h = Harness::chaoqer(Lang::En).await;
    // The account's own profile, written with controls and a bidi override by another
    // client (the gateway keeps any text).
    let session = h.saved_cq_session.clone().expect("session");
    let client = yunhu_tui::api::chaoqer::ChaoqerClient::new(h.cq().client_config())
        .expect("client")
        .with_session(session);
    client
        .edit_profile(
            "舟\u{202e}evil\u{1b}[31m",
            "https://cdn.example.com/\u{7}a.jpg",
            Some("line\u{1b}]0;title\u{7}\nnext"),
        )
        .await
        .expect("edit");
    h.press('r');
    h.idle().await;
    let p = shown_profile(&h);
    assert!(p.nickname.contains('\u{202e}'), "the value is kept as sent");
    for screen in [h.screen(80, 24), {
        h.press('e');
        h.screen(80, 24)
    }] {
        assert!(screen.contains("evil"), "{screen}");
        for bad in ['\u{202e}', '\u{1b}', '\u{7}'] {
            assert!(!screen.contains(bad), "{bad:?} drawn raw:\n{screen}");
        }
    }
}

/// At 60 columns the seven tabs' words do not fit: the other tabs are shown by their
/// number, the inbox keeps its unread total, and the tab shown is named, never cut off.
#[tokio::test]
async fn at_60_columns_the_tab_shown_is_named_and_the_unread_total_stays() {
    for lang in [Lang::En, Lang::Zh] {
        let mut h = Harness::chaoqer(lang).await;
        let unread = h.state.account.chaoqer.unread.expect("the unread total");
        assert!(unread > 0);
        h.press('7');
        let screen = h.screen(60, 16);
        let bar = screen.lines().nth(1).unwrap_or_default().to_owned();
        let about = if lang == Lang::En {
            "7 About"
        } else {
            "7 关于"
        };
        assert!(bar.contains(about), "{screen}");
        assert!(bar.contains(&format!("2 ({unread})")), "{bar}");
        assert!(bar.contains(" 6 ") && !bar.contains("Events"), "{bar}");
        // Wide enough, every tab is named again.
        let wide = h.screen(120, 30);
        let bar = wide.lines().nth(1).unwrap_or_default();
        let events = if lang == Lang::En {
            "6 Events"
        } else {
            "6 日程"
        };
        assert!(bar.contains(events), "{wide}");
    }
}

/// The gateway has no club directory: `e` on Clubs opens any club by its id. A malformed
/// id is refused in the form (what was typed stays); a good one shows the club, where
/// Enter asks, then joins it, and it is in my list after.
#[tokio::test]
async fn a_club_not_in_my_list_is_opened_by_its_id_and_joined() {
    use yunhu_tui::demo::chaoqer::{CLUB_NOT_JOINED, demo_club_id};
    let mut h = Harness::chaoqer(Lang::En).await;
    h.press('5');
    h.idle().await;
    let club_id = demo_club_id(CLUB_NOT_JOINED);
    let listed =
        |h: &Harness| (h.state.account.chaoqer.clubs.items.iter()).any(|c| c.club_id == club_id);
    assert!(!listed(&h), "not one of mine yet");
    h.press('e');
    h.type_text("club-42");
    h.key(KeyCode::Enter);
    let form = h
        .state
        .account
        .chaoqer
        .club_form
        .as_ref()
        .expect("still open");
    assert_eq!(form.value(), "club-42", "what was typed stays");
    let screen = h.screen(80, 24);
    assert!(screen.contains("A club id is 32"), "{screen}");
    assert!(screen.contains("Enter details"), "the key bar: {screen}");
    assert!(!cq_sent(&h).iter().any(|c| matches!(c, CqCommand::Club(_))));
    h.replace_field(&club_id.to_uppercase());
    h.key(KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.chaoqer.club_form.is_none());
    let detail = h
        .state
        .account
        .chaoqer
        .club
        .as_ref()
        .expect("the club's details");
    let club = detail.club.value.as_ref().expect("Q16 answered");
    assert_eq!(club.name, CLUB_NOT_JOINED);
    assert!(!club.joined);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("You are not a member.") && screen.contains("Enter join"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    assert!(matches!(
        h.state.account.chaoqer.confirm,
        Some(CqConfirm::Join { .. })
    ));
    h.press('y');
    h.idle().await;
    assert!(
        cq_sent(&h)
            .iter()
            .any(|c| matches!(c, CqCommand::JoinClub(id) if *id == club_id))
    );
    assert!(listed(&h), "in my list after joining");
}
