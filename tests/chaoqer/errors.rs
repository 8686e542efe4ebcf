//! Every error form the contract lists, through the client: HTTP statuses with empty,
//! JSON or HTML bodies, each errorCode, the 200000 state, "Call Duplicate", and the
//! transport failures (closed connection, huge body, timeout, redirect).

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use yunhu_tui::api::chaoqer::model::Platform;
use yunhu_tui::api::chaoqer::{ChaoqerClient, ChaoqerError};

use super::canned::{Canned, SECRET, TOKEN, UID};

const CLUB: &str = "b4688e4583244aad8363d390073c86ff";

async fn unread_with(status: u16, content_type: Option<&str>, body: &[u8]) -> ChaoqerError {
    let canned = Canned::start().await;
    canned.answer_typed(
        "GET",
        "/user/message/unread_total",
        status,
        content_type,
        body,
    );
    canned.client(1).unread_total().await.unwrap_err()
}

#[tokio::test]
async fn a_401_with_an_empty_body_means_log_in_again() {
    let err = unread_with(401, None, b"").await;
    assert!(err.is_logged_out(), "{err:?}");
    assert!(err.to_string().contains("log in again"));
}

#[tokio::test]
async fn http_statuses_are_told_apart() {
    let spring = br#"{"timestamp":"2021-01-01T00:00:00.000+00:00","status":404,"error":"Not Found","message":"","path":"/x"}"#;
    let cases: Vec<(u16, Option<&str>, &[u8], &str)> = vec![
        (400, None, b"", "ts or sign missing"),
        (400, Some("application/json"), spring, "wrong type"),
        (404, None, b"", "unavailable, retry later"),
        (503, None, b"", "unavailable, retry later"),
        (404, Some("application/json"), spring, "no such route"),
        (405, Some("application/json"), spring, "no such route"),
        (415, Some("application/json"), spring, "no such route"),
        (500, None, b"", "the gateway failed"),
        (
            500,
            Some("text/html"),
            b"<html><head><title>Error 500</title></head><body><h1>Internal Server Error</h1></body></html>",
            "the gateway failed",
        ),
        (502, Some("text/html"), b"<html><body>502 Bad Gateway</body></html>", "unavailable"),
    ];
    for (status, content_type, body, sentence) in cases {
        let err = unread_with(status, content_type, body).await;
        assert!(!err.is_logged_out());
        let text = err.to_string();
        assert!(text.contains(sentence), "{status}: {text}");
        assert!(text.contains(&format!("HTTP {status}")), "{text}");
    }
    let html = unread_with(
        500,
        Some("text/html"),
        b"<html><body><h1>Internal Server Error</h1></body></html>",
    )
    .await;
    assert!(
        html.to_string().contains("Internal Server Error"),
        "the body's text is kept"
    );
    assert!(!html.to_string().contains("<h1>"));
}

#[tokio::test]
async fn every_error_code_becomes_a_sentence_keeping_the_message() {
    let cases: &[(i64, &str, &str)] = &[
        (0, "验证码不正确", "the server refused: 验证码不正确"),
        (
            100000,
            "账号不存在",
            "this account does not exist (server: 账号不存在)",
        ),
        (
            100001,
            "账号已存在",
            "this account already exists (server: 账号已存在)",
        ),
        (
            100002,
            "账号已被冻结",
            "this account is frozen (server: 账号已被冻结)",
        ),
        (
            200001,
            "用户资料已初始化",
            "the profile is already complete (server: 用户资料已初始化)",
        ),
        (
            200002,
            "用户不存在",
            "this user does not exist (or has not completed their profile) (server: 用户不存在)",
        ),
        (
            200003,
            "消息不存在",
            "this message does not exist (server: 消息不存在)",
        ),
        (
            400000,
            "活动已解散",
            "this live room was dissolved (server: 活动已解散)",
        ),
        (
            400001,
            "无法加入",
            "this live room cannot be joined (server: 无法加入)",
        ),
        (
            500000,
            "圈子不存在",
            "this club does not exist (server: 圈子不存在)",
        ),
        (
            600000,
            "日程不存在",
            "this event does not exist (server: 日程不存在)",
        ),
        (
            777,
            "奇怪",
            "the server refused the club (error code 777) (server: 奇怪)",
        ),
    ];
    for (code, message, sentence) in cases {
        let canned = Canned::start().await;
        canned.json(
            "GET",
            &format!("/club/{CLUB}"),
            &format!(r#"{{"status":0,"message":"{message}","errorCode":{code}}}"#),
        );
        let err = canned.client(1).club(CLUB).await.unwrap_err();
        assert_eq!(err.to_string(), *sentence);
        assert_eq!(err.error_code(), Some(*code));
        assert_eq!(err.server_message(), Some(*message));
    }
}

#[tokio::test]
async fn leaving_a_club_says_not_a_member_too() {
    let canned = Canned::start().await;
    canned.json(
        "POST",
        &format!("/club/{CLUB}/leave"),
        r#"{"status":0,"message":"圈子不存在","errorCode":500000}"#,
    );
    let err = canned.client(1).leave_club(CLUB).await.unwrap_err();
    assert!(err.to_string().contains("not a member"), "{err}");
}

#[tokio::test]
async fn profile_not_initialised_and_call_duplicate_have_their_own_variants() {
    let canned = Canned::start().await;
    canned.json(
        "GET",
        "/user/block",
        r#"{"status":0,"message":"用户资料未初始化","errorCode":200000}"#,
    );
    canned.json(
        "POST",
        &format!("/club/{CLUB}/join"),
        r#"{"status":0,"message":"Call Duplicate","errorCode":-1}"#,
    );
    let client = canned.client(1);
    let err = client.blocked(10, None).await.unwrap_err();
    assert!(err.is_profile_not_initialised());
    assert!(err.to_string().contains("complete your profile"));
    assert_eq!(client.join_club(CLUB).await, Err(ChaoqerError::Duplicate));
}

#[tokio::test]
async fn a_success_without_result_or_a_non_envelope_is_unreadable() {
    let canned = Canned::start().await;
    canned.json(
        "GET",
        &format!("/club/{CLUB}"),
        r#"{"status":1,"message":"Success"}"#,
    );
    canned.json("GET", "/user/message/unread_total", "<html>ok</html>");
    let client = canned.client(1);
    assert!(matches!(
        client.club(CLUB).await,
        Err(ChaoqerError::Decode(_))
    ));
    assert!(matches!(
        client.unread_total().await,
        Err(ChaoqerError::Decode(_))
    ));
}

/// A listener that runs `serve` on each accepted connection.
async fn raw_server<F, Fut>(serve: F) -> String
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            serve(stream).await;
        }
    });
    base
}

fn client_at(base: &str, timeout: Duration) -> ChaoqerClient {
    let mut config = yunhu_tui::api::chaoqer::ChaoqerConfig::new(base);
    config.timeout = timeout;
    ChaoqerClient::new(config)
        .unwrap()
        .with_session(super::canned::session())
}

fn assert_no_credentials(text: &str) {
    for secret in [UID, TOKEN, SECRET] {
        assert!(!text.contains(secret), "a credential leaked: {text}");
    }
}

#[tokio::test]
async fn a_connection_closed_without_an_answer() {
    let base = raw_server(|mut stream| async move {
        let mut buf = [0u8; 1024];
        let _ = stream.read(&mut buf).await;
        drop(stream);
    })
    .await;
    let err = client_at(&base, Duration::from_secs(5))
        .own_profile()
        .await
        .unwrap_err();
    assert!(matches!(err, ChaoqerError::NoAnswer(_)), "{err:?}");
    assert_no_credentials(&err.to_string());
    assert_no_credentials(&format!("{err:?}"));
}

#[tokio::test]
async fn a_huge_body_is_not_read() {
    let canned = Canned::start().await;
    let huge = vec![b' '; 5 * 1024 * 1024];
    canned.answer_typed(
        "GET",
        "/user/message/unread_total",
        200,
        Some("application/json"),
        &huge,
    );
    let err = canned.client(1).unread_total().await.unwrap_err();
    assert!(matches!(err, ChaoqerError::TooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn a_huge_chunked_body_is_cut_while_reading() {
    let base = raw_server(|mut stream| async move {
        let mut buf = [0u8; 4096];
        let _ = stream.read(&mut buf).await;
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
            .await;
        let chunk = vec![b' '; 64 * 1024];
        for _ in 0..80 {
            let head = format!("{:x}\r\n", chunk.len());
            if stream.write_all(head.as_bytes()).await.is_err()
                || stream.write_all(&chunk).await.is_err()
                || stream.write_all(b"\r\n").await.is_err()
            {
                return;
            }
        }
    })
    .await;
    let err = client_at(&base, Duration::from_secs(5))
        .unread_total()
        .await
        .unwrap_err();
    assert!(matches!(err, ChaoqerError::TooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let base = raw_server(|stream| async move {
        tokio::spawn(async move {
            let _held = stream;
            tokio::time::sleep(Duration::from_secs(30)).await;
        });
    })
    .await;
    let started = std::time::Instant::now();
    let err = client_at(&base, Duration::from_millis(300))
        .unread_total()
        .await
        .unwrap_err();
    assert!(matches!(err, ChaoqerError::Timeout(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let canned = Canned::start().await;
    canned.answer_typed("GET", "/user/message/unread_total", 302, None, b"");
    // axum's canned answer carries no Location: the target is "nowhere", still refused.
    let err = canned.client(1).unread_total().await.unwrap_err();
    assert!(
        matches!(err, ChaoqerError::Redirect { status: 302, .. }),
        "{err:?}"
    );
    assert_eq!(canned.seen().len(), 1);
}

#[tokio::test]
async fn credentials_never_show_in_debug() {
    let canned = Canned::start().await;
    let client = canned.client(1);
    let debug = format!("{client:?} {:?}", client.session());
    assert_no_credentials(&debug);
    assert!(debug.contains("<hidden>"));
}

#[tokio::test]
async fn without_a_session_nothing_is_sent() {
    let canned = Canned::start().await;
    let client = canned.anonymous(1);
    assert!(client.unread_total().await.unwrap_err().is_logged_out());
    // Q22 needs no session.
    canned.json(
        "GET",
        "/app/version/upgrade",
        r#"{"status":0,"message":"当前已经是最新版本","errorCode":0}"#,
    );
    assert_eq!(client.latest_version(Platform::Ios).await, Ok(None));
    assert_eq!(canned.seen().len(), 1);
}
