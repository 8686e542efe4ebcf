//! Every error form of the contract, as the client sees it: 403 text, 400 texts, 404 text
//! and HTML, 500 `Invalid cookie value!`, `{"code":1000}` per endpoint, no answer at all,
//! an oversized body, a redirect.

use std::time::Duration;

use tokio::io::AsyncReadExt;
use yunhu_tui::api::sealtalk::{SealtalkClient, SealtalkConfig, SealtalkError};

use crate::canned::Canned;

const EXPRESS_404: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot POST /misc/set_screen_capture</pre>\n</body>\n</html>\n";

#[tokio::test]
async fn q3_a_403_and_an_invalid_cookie_both_mean_log_in_again() {
    let c = Canned::start().await;
    c.text("GET", "/friendship/all", 403, "Not loged in.");
    let err = c.client().friendships().await.unwrap_err();
    assert_eq!(
        err,
        SealtalkError::NotLoggedIn {
            reason: "Not loged in.".into()
        }
    );
    c.text("GET", "/user/groups", 500, "Invalid cookie value!");
    assert!(c.client().groups().await.unwrap_err().is_not_logged_in());
    // Without a saved cookie nothing is sent.
    let before = c.seen().len();
    assert!(
        c.anonymous()
            .blacklist()
            .await
            .unwrap_err()
            .is_not_logged_in()
    );
    assert_eq!(c.seen().len(), before);
}

#[tokio::test]
async fn q5_text_errors_are_kept_verbatim_with_an_explanation() {
    let c = Canned::start().await;
    c.text(
        "POST",
        "/user/set_nickname",
        400,
        "Invalid nickname length.",
    );
    let err = c.client().set_nickname("x").await.unwrap_err();
    assert_eq!(
        err,
        SealtalkError::Rejected {
            status: 400,
            text: "Invalid nickname length.".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "the server refused the input: Invalid nickname length."
    );
    c.text("POST", "/user/set_gender", 400, "  Empty gender.\n");
    assert_eq!(
        c.client()
            .set_gender(yunhu_tui::api::sealtalk::model::Gender::Male)
            .await
            .unwrap_err()
            .to_string(),
        "the server refused the input: Empty gender."
    );
    c.text("GET", "/user/nobody", 404, "Unknown user.");
    assert_eq!(
        c.client().user("nobody").await.unwrap_err().to_string(),
        "not found on the server: Unknown user."
    );
    c.text("POST", "/user/set_nickname", 500, "ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: Incorrect string value: '\\xF0\\x9F\\x98\\x80' for column 'nickname' at row 1");
    let err = c.client().set_nickname("😀").await.unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the server failed: ER_TRUNCATED"),
        "{err}"
    );
    // A hostile text cannot reach a terminal as escape sequences or many lines.
    c.text("POST", "/user/set_st_account", 400, "bad\u{1b}[2J\nline");
    let shown = c
        .client()
        .set_st_account("abcdefg")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\n'),
        "{shown:?}"
    );
}

#[tokio::test]
async fn q11_an_express_404_page_means_an_older_server() {
    let c = Canned::start().await;
    c.text("POST", "/misc/set_screen_capture", 404, EXPRESS_404);
    let err = c
        .client()
        .set_screen_capture(
            &yunhu_tui::api::sealtalk::model::Conversation::Group("g".into()),
            true,
        )
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SealtalkError::NotSupported {
            what: "screen-capture notices"
        }
    );
    assert_eq!(
        err.to_string(),
        "this server does not support screen-capture notices"
    );
}

#[tokio::test]
async fn business_codes_become_one_sentence_per_endpoint() {
    let c = Canned::start().await;
    c.json("POST", "/user/login", r#"{"code":1000}"#);
    let err = c
        .anonymous()
        .login("86", "13900000001", "x")
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "wrong phone number or password");
    c.json("POST", "/user/login", r#"{"code":1001}"#);
    assert_eq!(
        c.anonymous()
            .login("86", "1", "x")
            .await
            .unwrap_err()
            .to_string(),
        "wrong phone number or password"
    );
    c.json("POST", "/user/change_password", r#"{"code":1000}"#);
    assert_eq!(
        c.client()
            .change_password("a", "bbbbbb")
            .await
            .unwrap_err()
            .to_string(),
        "the current password is wrong"
    );
    c.json("POST", "/user/set_st_account", r#"{"code":1000}"#);
    assert!(
        c.client()
            .set_st_account("abcdef")
            .await
            .unwrap_err()
            .to_string()
            .contains("already taken")
    );
    c.json("GET", "/user/blacklist", r#"{"code":5000}"#);
    let err = c.client().blacklist().await.unwrap_err();
    assert_eq!(
        err,
        SealtalkError::Refused {
            code: 5000,
            sentence: "the server refused the blacklist (code 5000)".into(),
            detail: None
        }
    );
    // A development server's message is added, cut and made safe.
    c.json(
        "GET",
        "/user/groups",
        r#"{"code":1000,"message":"Group not found."}"#,
    );
    assert_eq!(
        c.client().groups().await.unwrap_err().to_string(),
        "the server refused the group list (code 1000) (Group not found.)"
    );
}

#[tokio::test]
async fn the_java_rewrite_has_no_password_login() {
    let c = Canned::start().await;
    c.answer(
        "POST",
        "/user/login",
        403,
        &[("content-type", "application/json")],
        br#"{"code":"1000","msg":"Not loged in."}"#,
    );
    let err = c
        .anonymous()
        .login("86", "13900000001", "x")
        .await
        .unwrap_err();
    assert_eq!(err, SealtalkError::NoPasswordLogin);
    assert!(err.to_string().contains("SMS"));
}

#[tokio::test]
async fn unreadable_json_is_a_decode_error() {
    let c = Canned::start().await;
    c.json("GET", "/friendship/all", "<html>not json</html>");
    assert!(matches!(
        c.client().friendships().await.unwrap_err(),
        SealtalkError::Decode(_)
    ));
    c.json("GET", "/friendship/all", r#"{"code":200}"#);
    assert!(matches!(
        c.client().friendships().await.unwrap_err(),
        SealtalkError::Decode(_)
    ));
}

/// A server that reads the request and closes the connection without a word.
async fn mute_server() -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            drop(socket);
        }
    });
    (base, task)
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_is_no_answer() {
    let (base, task) = mute_server().await;
    let mut config = SealtalkConfig::new(base);
    config.timeout = Duration::from_secs(5);
    let err = SealtalkClient::new(config)
        .unwrap()
        .ping()
        .await
        .unwrap_err();
    task.abort();
    assert!(matches!(err, SealtalkError::NoAnswer(_)), "{err:?}");
    assert!(err.to_string().starts_with("no answer from the server"));
}

#[tokio::test]
async fn q18_a_hanging_request_times_out() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let mut config = SealtalkConfig::new(base);
    config.timeout = Duration::from_millis(300);
    let err = SealtalkClient::new(config)
        .unwrap()
        .ping()
        .await
        .unwrap_err();
    task.abort();
    assert!(matches!(err, SealtalkError::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn an_oversized_body_is_refused_unread() {
    let c = Canned::start().await;
    let huge = vec![b' '; yunhu_tui::api::MAX_BODY_BYTES + 1];
    c.answer(
        "GET",
        "/friendship/all",
        200,
        &[("content-type", "application/json")],
        &huge,
    );
    let err = c.client().friendships().await.unwrap_err();
    assert!(matches!(err, SealtalkError::TooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let c = Canned::start().await;
    c.answer(
        "POST",
        "/user/login",
        307,
        &[("location", "http://127.0.0.1:9/steal")],
        b"",
    );
    let err = c
        .anonymous()
        .login("86", "13900000001", "P@ssw0rd")
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SealtalkError::Redirect {
            status: 307,
            location: "127.0.0.1:9".into()
        }
    );
    assert_eq!(
        c.seen().len(),
        1,
        "nothing was sent to the redirect's target"
    );
}
