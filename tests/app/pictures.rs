//! Pictures (issue 13): fetched through the API actor with the CDN's Referer and no token,
//! capped, refused when they are not pictures or are decompression bombs, kept in the store
//! and drawn from it on a second start without a request, half blocks on screen.

use std::time::Duration;

use tokio::sync::mpsc;
use yunhu_tui::api::actor::{self, Command, Reply, Response};
use yunhu_tui::api::picture::{MAX_PICTURE_BYTES, picture_from_bytes};
use yunhu_tui::api::{ApiClient, ApiError, ClientConfig, DEFAULT_IMAGE_BASE, MEDIA_REFERER};
use yunhu_tui::app::pictures::PictureState;
use yunhu_tui::app::state::Popup;
use yunhu_tui::demo::identicon::identicon_png;

use crate::harness::{Harness, render};

#[path = "../support/canned.rs"]
#[allow(dead_code)]
mod canned;

/// Half-block cells: a picture drawn as half blocks has rows of them.
fn half_block_rows(screen: &str) -> usize {
    screen
        .lines()
        .filter(|l| l.chars().filter(|c| matches!(c, '▀' | '▄')).count() >= 4)
        .count()
}

fn picture_commands(sent: &[Command]) -> Vec<String> {
    sent.iter()
        .filter_map(|c| match c {
            Command::Picture { url } => Some(url.clone()),
            _ => None,
        })
        .collect()
}

/// A client on the canned server, logged in (its token must never reach a picture host).
fn canned_client(base: &str) -> ApiClient {
    let config = ClientConfig {
        base_url: base.to_owned(),
        image_base: format!("{base}/img/"),
        timeout: Duration::from_secs(5),
        ..ClientConfig::default()
    };
    ApiClient::new(config)
        .unwrap()
        .with_token(Some("secret-token-123".into()))
}

/// One `Command::Picture` through a real actor, and its answer.
async fn through_actor(client: ApiClient, url: &str) -> Result<(), ApiError> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Response>();
    let api = actor::spawn(client, tx, |r| r);
    assert!(api.send(
        7,
        Command::Picture {
            url: url.to_owned()
        }
    ));
    let response = tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("an answer within 10 s")
        .expect("the actor is alive");
    assert_eq!(response.id, 7);
    match response.reply {
        Reply::Picture { url: got, result } => {
            assert_eq!(got, url);
            result.map(|p| {
                assert!(p.image.width() <= 128 && p.image.height() <= 128);
            })
        }
        other => panic!("not a picture reply: {other:?}"),
    }
}

#[tokio::test]
async fn a_cdn_picture_goes_through_the_actor_with_the_referer_and_without_the_token() {
    let server = canned::Canned::start().await;
    let png = identicon_png("a.png");
    server.answer(
        "GET",
        "/img/a.png",
        200,
        &[("content-type", "image/png")],
        &png,
    );
    // The CDN's own address goes to the configured image base (here the canned server).
    let url = format!("{DEFAULT_IMAGE_BASE}a.png");
    through_actor(canned_client(&server.base), &url)
        .await
        .expect("the picture");
    let seen = server.last();
    assert_eq!(
        (seen.method.as_str(), seen.path.as_str()),
        ("GET", "/img/a.png")
    );
    assert_eq!(seen.header("referer"), Some(MEDIA_REFERER));
    assert_eq!(seen.header("token"), None, "no token to the picture host");
    assert_eq!(seen.header("cookie"), None);

    // Another host (another origin than the API's and the CDN's): no Referer either.
    server.answer(
        "GET",
        "/p/b.png",
        200,
        &[("content-type", "image/png")],
        &png,
    );
    let port = server.base.rsplit(':').next().unwrap();
    let other = format!("http://localhost:{port}/p/b.png");
    through_actor(canned_client(&server.base), &other)
        .await
        .expect("the picture");
    let seen = server.last();
    assert_eq!(seen.path, "/p/b.png");
    assert_eq!(seen.header("referer"), None);
    assert_eq!(seen.header("token"), None);
}

#[tokio::test]
async fn a_picture_past_the_cap_not_a_picture_or_a_redirect_is_refused() {
    let server = canned::Canned::start().await;
    let big = vec![0u8; MAX_PICTURE_BYTES + 1];
    server.answer(
        "GET",
        "/img/big.png",
        200,
        &[("content-type", "image/png")],
        &big,
    );
    server.answer(
        "GET",
        "/img/page.png",
        200,
        &[("content-type", "text/html")],
        b"<html>login</html>",
    );
    server.answer(
        "GET",
        "/img/moved.png",
        302,
        &[("location", "http://127.0.0.1:9/elsewhere.png")],
        b"",
    );
    let client = || canned_client(&server.base);
    let at = |key: &str| format!("{}/img/{key}", server.base);
    match through_actor(client(), &at("big.png")).await {
        Err(ApiError::TooLarge { limit }) => assert_eq!(limit, MAX_PICTURE_BYTES),
        other => panic!("{other:?}"),
    }
    match through_actor(client(), &at("page.png")).await {
        Err(ApiError::Decode(why)) => assert!(why.contains("not a picture"), "{why}"),
        other => panic!("{other:?}"),
    }
    match through_actor(client(), &at("moved.png")).await {
        Err(ApiError::Redirect { status, .. }) => assert_eq!(status, 302),
        other => panic!("{other:?}"),
    }
    // The redirect was not followed: three requests, all to the canned server's paths.
    let paths: Vec<String> = server.seen().into_iter().map(|s| s.path).collect();
    assert_eq!(paths, ["/img/big.png", "/img/page.png", "/img/moved.png"]);
}

/// CRC-32 (IEEE), for hand-made PNG chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A valid PNG of a few dozen bytes that says it is `w` × `h` RGBA (40 GB at 100 000²).
fn bomb(w: u32, h: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    // A zlib stream of a few zero bytes (the rest "missing").
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_before_anything_is_allocated() {
    let png = bomb(100_000, 100_000);
    assert!(png.len() < 100, "{} bytes", png.len());
    let before = peak_rss_kb();
    let started = std::time::Instant::now();
    let err = picture_from_bytes(&png).expect_err("refused");
    assert!(
        err.to_string().contains("Image size exceeds limit"),
        "refused for its dimensions: {err}"
    );
    // Just past the side limit is refused the same way; at the limit the header is taken
    // (and the missing data then fails as truncated, within the allocation bound).
    let past = picture_from_bytes(&bomb(2049, 1)).expect_err("refused");
    assert!(
        past.to_string().contains("Image size exceeds limit"),
        "{past}"
    );
    let at = picture_from_bytes(&bomb(2048, 1)).expect_err("truncated");
    assert!(!at.to_string().contains("exceeds limit"), "{at}");
    assert!(started.elapsed() < Duration::from_secs(2));
    let grown_mb = peak_rss_kb().saturating_sub(before) / 1024;
    assert!(grown_mb < 64, "peak memory grew by {grown_mb} MB");

    // Through the actor, served as a PNG: an error (logged), never a panic or an abort.
    let server = canned::Canned::start().await;
    server.answer(
        "GET",
        "/img/bomb.png",
        200,
        &[("content-type", "image/png")],
        &png,
    );
    let url = format!("{}/img/bomb.png", server.base);
    match through_actor(canned_client(&server.base), &url).await {
        Err(ApiError::Decode(why)) => assert!(why.contains("exceeds limit"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_avatar_is_fetched_from_the_demo_cdn_and_drawn_in_half_blocks() {
    let mut h = Harness::logged_in().await;
    let avatar = (h.state.account.profile.info.value.as_ref())
        .unwrap()
        .avatar_url
        .clone();
    assert_eq!(picture_commands(&h.sent), std::slice::from_ref(&avatar));
    assert!(
        matches!(h.state.pictures.get(&avatar), Some(PictureState::Ready(_))),
        "{:?}",
        h.state.pictures.get(&avatar)
    );
    // The demo CDN was asked once, under its image base.
    let key = avatar.rsplit('/').next().unwrap();
    let asked = (h.demo.handle().requests().into_iter())
        .filter(|r| r.path == format!("/img/{key}"))
        .count();
    assert_eq!(asked, 1);
    for (w, height) in [(80, 24), (120, 40)] {
        let screen = h.screen(w, height);
        assert!(half_block_rows(&screen) >= 5, "{w}×{height}:\n{screen}");
    }
    // Too narrow for it beside the fields: the fields keep the width.
    let small = h.screen(60, 16);
    assert_eq!(half_block_rows(&small), 0, "{small}");
    assert!(small.contains("Name"), "{small}");
    // No status message about pictures.
    assert!(h.state.status.is_none(), "{:?}", h.state.status);

    // The Discover popup asks for its group's picture, once.
    h.press('4');
    h.key(crossterm::event::KeyCode::Enter);
    let Some(Popup::Group(i)) = h.state.account.popup.clone() else {
        panic!("the group popup");
    };
    let group = h.state.account.discover.groups.list.items[i]
        .avatar_url
        .clone();
    h.idle().await;
    assert_eq!(picture_commands(&h.sent), [avatar, group.clone()]);
    assert!(matches!(
        h.state.pictures.get(&group),
        Some(PictureState::Ready(_))
    ));
    let popup = h.screen(120, 40);
    assert!(half_block_rows(&popup) >= 3, "{popup}");
}

#[tokio::test]
async fn a_picture_that_fails_is_a_placeholder_and_not_asked_again() {
    let mut h = Harness::logged_in().await;
    let missing = format!("{}/img/not-there.png", h.demo_base_url());
    if let Some(info) = h.state.account.profile.info.value.as_mut() {
        info.avatar_url = missing.clone();
    }
    h.press('2');
    h.press('1');
    h.idle().await;
    assert_eq!(h.state.pictures.get(&missing), Some(&PictureState::Failed));
    let screen = h.screen(80, 24);
    assert!(screen.contains('?'), "the placeholder:\n{screen}");
    assert!(h.state.status.is_none(), "no message: {:?}", h.state.status);
    h.press('2');
    h.press('1');
    h.idle().await;
    let asked = picture_commands(&h.sent)
        .iter()
        .filter(|u| **u == missing)
        .count();
    assert_eq!(asked, 1);
}

#[tokio::test]
async fn a_second_start_draws_the_stored_avatar_in_its_first_frame_without_a_request() {
    let mut h = Harness::logged_in().await;
    let avatar = (h.state.account.profile.info.value.as_ref())
        .unwrap()
        .avatar_url
        .clone();
    assert_eq!(picture_commands(&h.sent).len(), 1);
    let key = avatar.rsplit('/').next().unwrap().to_owned();
    let cdn_requests = |h: &Harness| {
        (h.demo.handle().requests().into_iter())
            .filter(|r| r.path == format!("/img/{key}"))
            .count()
    };
    assert_eq!(cdn_requests(&h), 1);
    h.restart().await;
    // The first frame, before any request: the avatar from the store.
    assert!(matches!(
        h.state.pictures.get(&avatar),
        Some(PictureState::Ready(_))
    ));
    let first = render(&h.state, 120, 40);
    assert!(half_block_rows(&first) >= 5, "{first}");
    let sent = h.sent.len();
    h.send_first_requests();
    h.idle().await;
    assert!(h.sent.len() > sent, "the session's requests went out");
    assert_eq!(
        picture_commands(&h.sent[sent..]),
        Vec::<String>::new(),
        "no second fetch of the avatar"
    );
    assert_eq!(cdn_requests(&h), 1, "the CDN was asked once in all");
}

#[tokio::test]
async fn with_pictures_off_nothing_is_fetched_or_drawn() {
    let mut h = Harness::logged_in().await;
    let before = picture_commands(&h.sent).len();
    h.state.settings.images = yunhu_tui::settings::ImageMode::Off;
    h.press('4');
    h.key(crossterm::event::KeyCode::Enter);
    h.idle().await;
    assert!(h.state.account.popup.is_some());
    assert_eq!(picture_commands(&h.sent).len(), before);
    h.key(crossterm::event::KeyCode::Esc);
    h.press('1');
    let screen = h.screen(120, 40);
    assert_eq!(half_block_rows(&screen), 0, "{screen}");
}

#[tokio::test]
async fn a_sealtalk_friend_s_picture_is_drawn_in_their_details_from_100_columns() {
    let mut h = Harness::sealtalk(yunhu_tui::i18n::Lang::En).await;
    h.act(yunhu_tui::app::action::Action::Resize(80, 24));
    h.press('2');
    h.idle().await;
    // No room for the details at 80 columns: nothing fetched.
    assert_eq!(picture_commands(&h.sent), Vec::<String>::new());
    h.act(yunhu_tui::app::action::Action::Resize(120, 40));
    h.idle().await;
    let urls = picture_commands(&h.sent);
    assert_eq!(urls.len(), 1, "{urls:?}");
    let st_base = h.st_demo.as_ref().unwrap().base_url();
    assert!(
        urls[0].starts_with(&st_base),
        "the demo serves it on loopback: {urls:?}"
    );
    assert!(matches!(
        h.state.pictures.get(&urls[0]),
        Some(PictureState::Ready(_))
    ));
    let screen = h.screen(120, 40);
    assert!(half_block_rows(&screen) >= 5, "{screen}");
    // The details beside the list (the list's header names the column too).
    assert!(screen.matches("SealTalk ID").count() >= 2, "{screen}");
    // The next friend's picture when the cursor moves.
    h.press('j');
    h.idle().await;
    assert_eq!(picture_commands(&h.sent).len(), 2);
}

#[tokio::test]
async fn the_pictures_setting_cycles_and_is_saved_to_config_toml() {
    use yunhu_tui::app::settings_pane::{SETTING_ROWS, SettingRow};
    use yunhu_tui::settings::ImageMode;
    let mut h = Harness::logged_in().await;
    h.press('5');
    let at = SETTING_ROWS
        .iter()
        .position(|r| *r == SettingRow::Images)
        .unwrap();
    h.press('g');
    for _ in 0..at {
        h.press('j');
    }
    let screen = h.screen(100, 30);
    assert!(screen.contains("Pictures"), "{screen}");
    for want in [ImageMode::Halfblocks, ImageMode::Off, ImageMode::Auto] {
        h.key(crossterm::event::KeyCode::Enter);
        assert_eq!(h.state.settings.images, want);
        assert_eq!(h.saved_settings.last().map(|s| s.images), Some(want));
    }
    // As written to config.toml.
    let text = toml::to_string(&yunhu_tui::settings::Settings {
        images: ImageMode::Halfblocks,
        ..Default::default()
    })
    .unwrap();
    assert!(text.contains("images = \"halfblocks\""), "{text}");
    let parsed: yunhu_tui::settings::Settings = toml::from_str("images = \"off\"").unwrap();
    assert_eq!(parsed.images, ImageMode::Off);
    assert!(toml::from_str::<yunhu_tui::settings::Settings>("images = \"sixel\"").is_err());
}

/// After the terminal answers kitty, sixel or iTerm2 (with its cell size), the avatar is
/// drawn with that protocol instead of half blocks; before, and without a cell size, half
/// blocks.
#[test]
fn the_terminal_s_answer_chooses_the_protocol() {
    use yunhu_tui::app::action::Action;
    use yunhu_tui::app::pictures::{Graphics, TerminalGraphics};
    let mut st = crate::harness::new_state(yunhu_tui::i18n::Lang::En);
    st.account.screen = yunhu_tui::app::state::Screen::Main;
    let url = "https://chat-img.jwznb.com/a.png".to_owned();
    st.account.profile.info.value = Some(yunhu_tui::proto::user_info::Data {
        name: "n".into(),
        avatar_url: url.clone(),
        ..Default::default()
    });
    let picture = picture_from_bytes(&identicon_png("a.png")).unwrap();
    st.pictures.put(&url, PictureState::Ready(picture));
    assert!(half_block_rows(&render(&st, 120, 40)) >= 5);
    for kind in [Graphics::Kitty, Graphics::Sixel, Graphics::Iterm2] {
        let answer = TerminalGraphics {
            kind,
            cell: Some((10, 20)),
        };
        yunhu_tui::app::update::update(&mut st, Action::Graphics(Some(answer)));
        assert_eq!(st.pictures.graphics, answer);
        let screen = render(&st, 120, 40);
        assert_eq!(half_block_rows(&screen), 0, "{kind:?}:\n{screen}");
    }
    // No answer in time: half blocks.
    yunhu_tui::app::update::update(&mut st, Action::Graphics(None));
    assert_eq!(st.pictures.graphics, TerminalGraphics::default());
    assert!(half_block_rows(&render(&st, 120, 40)) >= 5);
}

#[tokio::test]
async fn an_offline_start_draws_the_stored_avatar_and_fetches_no_other_picture() {
    let mut h = Harness::logged_in().await;
    let avatar = (h.state.account.profile.info.value.as_ref())
        .unwrap()
        .avatar_url
        .clone();
    h.restart().await;
    h.state.offline = true;
    assert!(matches!(
        h.state.pictures.get(&avatar),
        Some(PictureState::Ready(_))
    ));
    assert!(half_block_rows(&render(&h.state, 120, 40)) >= 5);
    let sent = h.sent.len();
    // A group's picture never stored: asked of the store, then not fetched (offline).
    h.press('4');
    h.key(crossterm::event::KeyCode::Enter);
    h.idle().await;
    h.store_flush().await;
    assert_eq!(h.sent.len(), sent, "nothing sent offline");
    let Some(Popup::Group(i)) = h.state.account.popup.clone() else {
        panic!("the stored group's popup");
    };
    let group = h.state.account.discover.groups.list.items[i]
        .avatar_url
        .clone();
    assert_eq!(h.state.pictures.get(&group), Some(&PictureState::Failed));
}

/// A chaoqer account: its avatar beside the Profile's fields, and a club's cover in the
/// club's details once they open; both from the demo gateway's own CDN on loopback,
/// through the actor, and none with pictures off.
#[tokio::test]
async fn a_chaoqer_avatar_and_a_club_cover_are_drawn_from_the_demo_cdn() {
    let mut h = Harness::chaoqer(yunhu_tui::i18n::Lang::En).await;
    h.act(yunhu_tui::app::action::Action::Resize(80, 24));
    h.idle().await;
    let base = h.cq().base_url();
    let urls = picture_commands(&h.sent);
    let avatar = h
        .state
        .account
        .chaoqer
        .profile
        .value
        .as_ref()
        .expect("profile")
        .avatar
        .clone();
    assert_eq!(urls, vec![avatar.clone()], "the avatar only");
    assert!(avatar.starts_with(&base), "on loopback: {avatar}");
    assert!(matches!(
        h.state.pictures.get(&avatar),
        Some(PictureState::Ready(_))
    ));
    let screen = h.screen(80, 24);
    assert!(half_block_rows(&screen) >= 5, "{screen}");
    // Nothing more until a club's details open: then its cover.
    h.press('5');
    h.idle().await;
    assert_eq!(picture_commands(&h.sent).len(), 1);
    h.key(crossterm::event::KeyCode::Enter);
    h.idle().await;
    let urls = picture_commands(&h.sent);
    let cover = (h.state.account.chaoqer.club.as_ref())
        .and_then(|d| d.club.value.as_ref())
        .map(|c| c.cover.clone())
        .expect("the club's details");
    assert_eq!(urls.last(), Some(&cover), "{urls:?}");
    assert!(matches!(
        h.state.pictures.get(&cover),
        Some(PictureState::Ready(_))
    ));
    let screen = h.screen(80, 24);
    assert!(half_block_rows(&screen) >= 4, "{screen}");

    // Pictures off: none asked, none drawn.
    let mut h = Harness::chaoqer(yunhu_tui::i18n::Lang::En).await;
    h.state.settings.images = yunhu_tui::settings::ImageMode::Off;
    let before = picture_commands(&h.sent).len();
    h.press('5');
    h.key(crossterm::event::KeyCode::Enter);
    h.idle().await;
    assert!(
        h.state.account.chaoqer.club.is_some(),
        "the details are open"
    );
    assert_eq!(picture_commands(&h.sent).len(), before, "no cover asked");
    assert_eq!(half_block_rows(&h.screen(80, 24)), 0);
    h.key(crossterm::event::KeyCode::Esc);
    h.press('1');
    assert_eq!(half_block_rows(&h.screen(80, 24)), 0, "no avatar drawn");
}
