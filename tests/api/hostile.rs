//! A hostile server: redirects to another origin, endless and huge bodies, pages that never
//! end or repeat, protobuf answers that look like JSON to a whitespace-skipping sniffer,
//! tokens that are not header values, and avatar files that are not files.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use prost::Message;
use yunhu_tui::api::{ApiClient, ApiError, ClientConfig, MAX_BODY_BYTES};

use crate::canned::{Canned, TOKEN};

/// Serves `handler` on loopback; returns the base URL and what each request carried.
async fn serve<F>(handler: F) -> (String, Arc<Mutex<Vec<(String, String, String)>>>)
where
    F: Fn(Request) -> Response + Clone + Send + Sync + 'static,
{
    let seen: Arc<Mutex<Vec<(String, String, String)>>> = Arc::default();
    let log = seen.clone();
    let app = axum::Router::new().fallback(move |req: Request| {
        let (handler, log) = (handler.clone(), log.clone());
        async move {
            let token = req
                .headers()
                .get("token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            let path = req.uri().path().to_owned();
            let resp = handler(req);
            log.lock().unwrap().push((path, token, String::new()));
            resp
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (base, seen)
}

fn client_for(base: &str) -> ApiClient {
    ApiClient::new(ClientConfig {
        base_url: base.into(),
        upload_url: format!("{base}/upload"),
        timeout: Duration::from_secs(5),
        device_id: "dev".into(),
        ..ClientConfig::default()
    })
    .unwrap()
    .with_token(Some(TOKEN.into()))
}

#[tokio::test]
async fn redirects_are_not_followed_and_name_the_status_and_host() {
    // The place a redirect points to records whether anything reached it.
    let (elsewhere, reached) = serve(|_req| {
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"code":1,"data":{"token":"stolen-session"},"msg":"success"}"#,
        )
            .into_response()
    })
    .await;
    for status in [301u16, 302, 307, 308] {
        let target = format!("{elsewhere}/v1/user/email-login");
        let (base, _) = serve(move |_req| {
            let mut resp = StatusCode::from_u16(status).unwrap().into_response();
            resp.headers_mut()
                .insert(header::LOCATION, HeaderValue::from_str(&target).unwrap());
            resp
        })
        .await;
        let client = client_for(&base);
        let login = client.email_login("a@b.example", "hunter2").await;
        let host = elsewhere.trim_start_matches("http://");
        match login {
            Err(ApiError::Redirect {
                status: s,
                location,
            }) => {
                assert_eq!(s, status);
                assert_eq!(location, host);
                let text = ApiError::Redirect {
                    status: s,
                    location,
                }
                .to_string();
                assert!(
                    text.contains(&status.to_string()) && text.contains(host),
                    "{text}"
                );
            }
            other => panic!("{status}: expected a redirect error, got {other:?}"),
        }
        // A token-carrying call is not followed either.
        assert!(matches!(
            client.user_info().await,
            Err(ApiError::Redirect { .. })
        ));
    }
    assert!(
        reached.lock().unwrap().is_empty(),
        "nothing may reach the other origin"
    );
    // A redirect that does not say where to is refused all the same.
    let (base, _) = serve(|_req| StatusCode::FOUND.into_response()).await;
    match client_for(&base).user_info().await {
        Err(ApiError::Redirect {
            status: 302,
            location,
        }) => assert_eq!(location, "nowhere"),
        other => panic!("expected a redirect error, got {other:?}"),
    }
}

#[tokio::test]
async fn bodies_over_the_cap_are_refused_with_or_without_a_length() {
    // With Content-Length: refused before reading.
    let (base, _) = serve(|_req| {
        let body = vec![b' '; MAX_BODY_BYTES + 1];
        (StatusCode::OK, body).into_response()
    })
    .await;
    let err = client_for(&base).categories().await.unwrap_err();
    assert!(matches!(err, ApiError::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("too large"), "{err}");

    // Without a length, an endless stream: refused once past the cap, not read for ever.
    let (base, _) = serve(|_req| {
        let chunk = axum::body::Bytes::from(vec![b'x'; 64 * 1024]);
        let stream = futures::stream::repeat_with(move || Ok::<_, std::io::Error>(chunk.clone()));
        Response::new(Body::from_stream(stream))
    })
    .await;
    let started = std::time::Instant::now();
    let err = client_for(&base).user_info().await.unwrap_err();
    assert!(matches!(err, ApiError::TooLarge { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn an_error_page_over_the_cap_is_refused_too() {
    let (base, _) = serve(|_req| {
        let body = "<html>".to_owned() + &"错".repeat(MAX_BODY_BYTES);
        (StatusCode::BAD_GATEWAY, body).into_response()
    })
    .await;
    let err = client_for(&base).categories().await.unwrap_err();
    assert!(matches!(err, ApiError::TooLarge { .. }), "{err:?}");
}

fn coin_page(ids: std::ops::Range<i64>, total: i64) -> String {
    let records: Vec<String> = ids
        .map(|id| {
            format!(
                r#"{{"id":{id},"userId":"1","type":1,"beforeAmount":1,"afterAmount":2,"amount":1,"reason":"r","remark":"","createTime":1700000000}}"#
            )
        })
        .collect();
    format!(
        r#"{{"code":1,"data":{{"goldCoinRecord":[{}],"total":{total}}},"msg":"success"}}"#,
        records.join(",")
    )
}

#[tokio::test]
async fn rows_beyond_the_page_size_are_dropped() {
    let c = Canned::start().await;
    c.json(
        "POST",
        "/v1/user/gold-coin-increase-decrease-record",
        &coin_page(0..500, 500),
    );
    let page = c.client().coin_records(1, 20).await.unwrap();
    assert_eq!(page.gold_coin_record.len(), 20);
    let groups: Vec<String> = (0..300)
        .map(|i| format!(r#"{{"chatId":"{i}","nickname":"g{i}"}}"#))
        .collect();
    c.json(
        "POST",
        "/v1/user/recommend-list",
        &format!(
            r#"{{"code":1,"data":{{"groupList":[{}]}},"msg":"success"}}"#,
            groups.join(",")
        ),
    );
    let page = c.client().groups("c", "", 1, 30).await.unwrap();
    assert_eq!(page.len(), 30);
}

#[tokio::test]
async fn coin_paging_stops_when_pages_repeat_or_come_back_empty() {
    // A server that claims 10^12 records and answers the same full page for every page.
    let c = Canned::start().await;
    c.json(
        "POST",
        "/v1/user/gold-coin-increase-decrease-record",
        &coin_page(0..100, 1_000_000_000_000),
    );
    let (records, total) = c.client().all_coin_records().await.unwrap();
    assert_eq!(records.len(), 100);
    assert_eq!(total, 1_000_000_000_000);
    let requests = c
        .seen()
        .iter()
        .filter(|s| s.path.ends_with("decrease-record"))
        .count();
    assert_eq!(requests, 2, "the repeated page ends the listing");

    // Fresh ids on every page but a total that never comes: bounded by MAX_RECORDS.
    let counter = Arc::new(Mutex::new(0i64));
    let (base, _) = serve(move |_req| {
        let mut n = counter.lock().unwrap();
        let start = *n * 100;
        *n += 1;
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            coin_page(start..start + 100, i64::MAX),
        )
            .into_response()
    })
    .await;
    let (records, _) = client_for(&base).all_coin_records().await.unwrap();
    assert_eq!(records.len(), yunhu_tui::api::MAX_RECORDS);
}

#[tokio::test]
async fn a_protobuf_error_whose_length_byte_is_a_brace_is_read_as_protobuf() {
    // Status {code: -1 (an 11-byte field), msg of 110 bytes} is 123 bytes long, so the
    // answer starts 0x0a 0x7b ('{'): a sniffer that skips 0x0a as whitespace takes it for
    // JSON.
    let msg = "x".repeat(110);
    let status = yunhu_tui::proto::Status {
        request_id: 0,
        code: -1,
        msg: msg.clone(),
    };
    let answer = yunhu_tui::proto::UserInfo {
        status: Some(status),
        data: None,
    }
    .encode_to_vec();
    assert_eq!(&answer[..2], &[0x0a, b'{'], "the hostile shape");
    let c = Canned::start().await;
    c.proto("GET", "/v1/user/info", answer);
    match c.client().user_info().await {
        Err(ApiError::Api { code: -1, msg: m }) => assert_eq!(m, msg),
        other => panic!("expected the server's error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_login_token_that_is_not_a_header_value_is_refused_at_login() {
    let c = Canned::start().await;
    c.json(
        "POST",
        "/v1/user/email-login",
        r#"{"code":1,"data":{"token":"abc\ndef"},"msg":"success"}"#,
    );
    let err = c
        .client()
        .email_login("a@b.example", "pw")
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Decode(_)), "{err:?}");
    assert!(err.to_string().contains("token"), "{err}");
    // And a bad token already held is named, not sent as a "builder error".
    let client = ApiClient::new(c.config())
        .unwrap()
        .with_token(Some("bad\ntoken".into()));
    let err = client.user_info().await.unwrap_err();
    assert!(err.to_string().contains("token is not valid"), "{err}");
}

#[tokio::test]
async fn avatar_files_must_be_regular_images_within_the_limit() {
    let c = Canned::start().await;
    c.json(
        "GET",
        "/v1/misc/setting",
        r#"{"code":1,"data":{"imageSizeLimitNormal":1,"imageSizeLimitVip":1},"msg":"success"}"#,
    );
    let client = c.client();
    let dir = tempfile::tempdir().unwrap();

    // A device: refused without reading (it would never end).
    let err = client
        .set_avatar_file(std::path::Path::new("/dev/zero"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");

    // A FIFO with no writer: refused at once, not hung.
    let fifo = dir.path().join("fifo.png");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let started = std::time::Instant::now();
    let err = client.set_avatar_file(&fifo).await.unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3));

    // Over the service's limit (1 MB here): refused from its size, before reading.
    let big = dir.path().join("big.png");
    let mut bytes = crate::demo_client::tiny_png();
    bytes.resize(2 * 1024 * 1024, 0);
    std::fs::write(&big, &bytes).unwrap();
    let err = client.set_avatar_file(&big).await.unwrap_err();
    assert!(err.to_string().contains("at most 1.0 MB"), "{err}");

    // A PNG header followed by garbage: refused after decoding, before upload.
    let broken = dir.path().join("broken.png");
    let mut bytes = crate::demo_client::tiny_png()[..16].to_vec();
    bytes.extend_from_slice(&[0x5a; 200]);
    std::fs::write(&broken, &bytes).unwrap();
    let err = client.set_avatar_file(&broken).await.unwrap_err();
    assert!(err.to_string().contains("not a readable image"), "{err}");

    // A tiny PNG claiming 100 000 × 100 000 pixels: refused, not allocated.
    let bomb = dir.path().join("bomb.png");
    std::fs::write(&bomb, png_claiming(100_000, 100_000)).unwrap();
    let err = client.set_avatar_file(&bomb).await.unwrap_err();
    assert!(err.to_string().contains("not a readable image"), "{err}");

    let uploads = c.seen().iter().filter(|s| s.path == "/upload").count();
    assert_eq!(uploads, 0, "nothing was uploaded");
}

/// A PNG whose header claims `w` × `h` and whose data is one tiny compressed block.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        out.extend_from_slice(&crc_input);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn plain_http_to_another_machine_is_warned_about() {
    use yunhu_tui::api::plain_http_warning;
    assert!(plain_http_warning("http://chat.example.com").is_some());
    assert!(plain_http_warning("http://10.0.0.5:8080").is_some());
    assert!(plain_http_warning("https://chat-go.jwzhd.com").is_none());
    assert!(plain_http_warning("http://127.0.0.1:8700").is_none());
    assert!(plain_http_warning("http://localhost:8700").is_none());
    assert!(plain_http_warning("http://[::1]:8700").is_none());
}
