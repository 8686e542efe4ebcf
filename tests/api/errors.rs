//! Every error kind, mapped from what a server really sends: the canned server for exact
//! bodies, the demo server for its quirks and injected faults.

use std::time::Duration;

use yunhu_tui::api::{ApiClient, ApiError, ClientConfig};
use yunhu_tui::demo::{DemoServer, FaultMode, FaultPlan};
use yunhu_tui::oneshot::demo_client_config;

use crate::canned::{Canned, hex};
use crate::wire_vectors::vector;

const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

#[tokio::test]
async fn json_minus_101_on_a_protobuf_endpoint_is_not_logged_in() {
    let c = Canned::start().await;
    c.json("GET", "/v1/user/info", r#"{"code":-101,"msg":"未登录"}"#);
    assert_eq!(
        c.client().user_info().await,
        Err(ApiError::NotLoggedIn {
            msg: "未登录".into()
        })
    );
}

#[tokio::test]
async fn protobuf_minus_101_is_not_logged_in() {
    let c = Canned::start().await;
    c.proto(
        "POST",
        "/v1/user/edit-nickname",
        vector("status_not_logged_in"),
    );
    assert_eq!(
        c.client().edit_nickname("x").await,
        Err(ApiError::NotLoggedIn {
            msg: "未登录".into()
        })
    );
}

#[tokio::test]
async fn other_codes_keep_the_servers_message_verbatim() {
    let c = Canned::start().await;
    c.proto("POST", "/v1/user/get-user", vector("get_user_not_found"));
    assert_eq!(
        c.client().get_user("1").await,
        Err(ApiError::Api {
            code: 4402,
            msg: "该用户不存在".into()
        })
    );
    c.json(
        "POST",
        "/v1/user/module-ignore-info",
        r#"{"code":-1,"msg":"功能仅限VIP用户使用"}"#,
    );
    let err = c.client().module_ignore().await.unwrap_err();
    assert_eq!(err.to_string(), "功能仅限VIP用户使用 (code -1)");
    c.json(
        "POST",
        "/v1/user/save-user-data",
        r#"{"code":7100,"msg":"用户已被封禁"}"#,
    );
    assert_eq!(
        c.client().save_user_data(&Default::default()).await,
        Err(ApiError::Api {
            code: 7100,
            msg: "用户已被封禁".into()
        })
    );
}

#[tokio::test]
async fn http_errors_carry_status_and_a_text_excerpt() {
    let c = Canned::start().await;
    // Nothing is registered: the canned server answers 404.
    assert_eq!(
        c.client().bots().await,
        Err(ApiError::Http {
            status: 404,
            excerpt: "404 page not found".into()
        })
    );
    c.raw(
        "POST",
        "/v1/user/recommend",
        502,
        "text/html",
        HTML_502.as_bytes(),
    );
    let err = c.client().bots().await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Http {
            status: 502,
            excerpt: "502 Bad Gateway nginx".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "the server answered HTTP 502: 502 Bad Gateway nginx"
    );
    c.raw("POST", "/v1/user/recommend", 500, "text/plain", b"");
    assert_eq!(
        c.client().bots().await.unwrap_err().to_string(),
        "the server answered HTTP 500"
    );
}

#[tokio::test]
async fn broken_bodies_are_decode_errors() {
    let c = Canned::start().await;
    let full = vector("user_info");
    c.proto("GET", "/v1/user/info", full[..full.len() / 2].to_vec());
    assert!(
        matches!(c.client().user_info().await, Err(ApiError::Decode(_))),
        "truncated protobuf"
    );
    c.proto("GET", "/v1/user/info", hex("ff ff ff ff 0f 00 13"));
    assert!(
        matches!(c.client().user_info().await, Err(ApiError::Decode(_))),
        "random bytes"
    );
    c.proto("GET", "/v1/user/info", Vec::new());
    assert!(
        matches!(c.client().user_info().await, Err(ApiError::Decode(m)) if m.contains("status")),
        "empty body has no status"
    );
    c.proto("GET", "/v1/user/info", vector("status_ok"));
    assert!(
        matches!(c.client().user_info().await, Err(ApiError::Decode(m)) if m.contains("no data")),
        "status without data"
    );
    c.json(
        "GET",
        "/v1/user/info",
        r#"{"code":1,"msg":"success","data":{}}"#,
    );
    assert!(
        matches!(c.client().user_info().await, Err(ApiError::Decode(_))),
        "a JSON success is not protobuf"
    );
    c.proto("POST", "/v1/user/recommend", vector("status_ok"));
    assert!(
        matches!(c.client().bots().await, Err(ApiError::Decode(_))),
        "protobuf on a JSON endpoint"
    );
    c.json(
        "POST",
        "/v1/user/recommend",
        r#"{"code":1,"msg":"success","data":{"botList":[{"nick"#,
    );
    assert!(
        matches!(c.client().bots().await, Err(ApiError::Decode(_))),
        "truncated JSON"
    );
    c.json(
        "POST",
        "/v1/user/recommend",
        r#"{"code":1,"msg":"success"}"#,
    );
    assert!(
        matches!(c.client().bots().await, Err(ApiError::Decode(m)) if m.contains("no data")),
        "missing data"
    );
}

#[tokio::test]
async fn a_slow_server_is_a_timeout() {
    let c = Canned::start().await;
    c.slow("POST", "/v1/user/recommend", Duration::from_secs(5));
    let client = ApiClient::new(ClientConfig {
        timeout: Duration::from_millis(300),
        ..c.config()
    })
    .unwrap()
    .with_token(Some("t".into()));
    assert_eq!(
        client.bots().await,
        Err(ApiError::Timeout(Duration::from_millis(300)))
    );
}

#[tokio::test]
async fn a_closed_port_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let config = ClientConfig {
        base_url: format!("http://{addr}"),
        ..ClientConfig::default()
    };
    let err = ApiClient::new(config)
        .unwrap()
        .with_token(Some("t".into()))
        .bots()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ApiError::Transport(m) if m.to_lowercase().contains("refused")),
        "{err:?}"
    );
}

#[tokio::test]
async fn no_token_fails_locally_without_a_request() {
    let c = Canned::start().await;
    let err = c.client().with_token(None).user_info().await.unwrap_err();
    assert!(err.is_not_logged_in());
    assert!(c.seen().is_empty());
}

// ---- the demo server's quirks ---------------------------------------------------------

async fn demo() -> (DemoServer, ApiClient) {
    let server = DemoServer::start().await.unwrap();
    let config = ClientConfig {
        timeout: Duration::from_millis(800),
        ..demo_client_config(&server, ClientConfig::default())
    };
    let token = server.handle().logins()[0].token.clone();
    let client = ApiClient::new(config).unwrap().with_token(Some(token));
    (server, client)
}

#[tokio::test]
async fn demo_answers_minus_101_in_json_without_a_token_and_in_protobuf_for_a_wrong_one() {
    let (server, _) = demo().await;
    let http = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", server.base_url());
    for token in [None, Some("")] {
        let mut req = http.get(url("/v1/user/info"));
        if let Some(t) = token {
            req = req.header("token", t);
        }
        let body = req.send().await.unwrap().bytes().await.unwrap();
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
            serde_json::json!({"code": -101, "msg": "未登录"})
        );
    }
    let resp = http
        .get(url("/v1/user/info"))
        .header("token", "wrong")
        .send()
        .await
        .unwrap();
    let body = resp.bytes().await.unwrap();
    assert_eq!(body[0], 0x0a, "a protobuf Status in field 1");
    let status: yunhu_tui::proto::StatusResponse = prost::Message::decode(body.as_ref()).unwrap();
    assert_eq!(status.status.map(|s| s.code), Some(-101));
    // JSON endpoints stay JSON for a wrong token.
    let body = http
        .post(url("/v1/user/recommend"))
        .header("token", "wrong")
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(body[0], b'{');

    // And the client maps all three to NotLoggedIn.
    let config = demo_client_config(&server, ClientConfig::default());
    for token in ["", "wrong"] {
        let client = ApiClient::new(config.clone())
            .unwrap()
            .with_token(Some(token.into()));
        assert!(
            client.user_info().await.unwrap_err().is_not_logged_in(),
            "token {token:?}"
        );
        assert!(
            client.bots().await.unwrap_err().is_not_logged_in(),
            "token {token:?}"
        );
    }
}

#[tokio::test]
async fn demo_answers_404_to_a_wrong_method_or_path_and_400_to_bad_parameters() {
    let (server, client) = demo().await;
    let http = reqwest::Client::new();
    let token = client.token().unwrap().to_owned();
    let url = |p: &str| format!("{}{p}", server.base_url());
    assert_eq!(
        http.post(url("/v1/user/info"))
            .header("token", &token)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        http.get(url("/v1/user/medal"))
            .header("token", &token)
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        http.post(url("/v1/misc/setting"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        http.get(url("/v1/nope")).send().await.unwrap().status(),
        404
    );
    let bad = http
        .post(url("/v1/user/gold-coin-increase-decrease-record"))
        .header("token", &token)
        .header("content-type", "application/json")
        .body(r#"{"size": "20", "page": 1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let not_json = http
        .post(url("/v1/user/recommend-list"))
        .header("token", &token)
        .body("size=1")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 400);
}

#[tokio::test]
async fn demo_vip_only_features_refuse_other_accounts() {
    let (server, vip) = demo().await;
    assert!(vip.module_ignore().await.is_ok());
    let basic = vip
        .clone()
        .with_token(Some(server.handle().logins()[1].token.clone()));
    let expected = ApiError::Api {
        code: -1,
        msg: "功能仅限VIP用户使用".into(),
    };
    assert_eq!(basic.module_ignore().await, Err(expected.clone()));
    assert_eq!(basic.set_module_ignore(&[30]).await, Err(expected));
}

#[tokio::test]
async fn demo_faults_map_to_each_error_kind() {
    let (server, client) = demo().await;
    let handle = server.handle();
    type Expect = fn(&ApiError) -> bool;
    let cases: &[(FaultMode, Expect)] = &[
        (FaultMode::Http500, |e| {
            matches!(e, ApiError::Http { status: 500, .. })
        }),
        (
            FaultMode::Html502,
            |e| matches!(e, ApiError::Http { status: 502, excerpt } if excerpt.contains("502 Bad Gateway")),
        ),
        (FaultMode::Truncated, |e| matches!(e, ApiError::Decode(_))),
        (FaultMode::RandomBytes, |e| matches!(e, ApiError::Decode(_))),
        (FaultMode::Hang, |e| matches!(e, ApiError::Timeout(_))),
        (FaultMode::NotLoggedIn, |e| e.is_not_logged_in()),
        (FaultMode::WrongTypes, |e| matches!(e, ApiError::Decode(_))),
    ];
    for (mode, expected) in cases {
        handle.set_faults(FaultPlan::always(*mode));
        let pb = client.user_info().await.unwrap_err();
        assert!(expected(&pb), "{mode:?} on a protobuf endpoint gave {pb:?}");
        let js = client.coin_records(1, 20).await.unwrap_err();
        assert!(expected(&js), "{mode:?} on a JSON endpoint gave {js:?}");
    }
    handle.clear_faults();
    assert!(
        client.user_info().await.is_ok(),
        "the server recovers when the fault is gone"
    );
}

#[tokio::test]
async fn demo_faults_can_target_a_path_and_stop_after_n() {
    let (server, client) = demo().await;
    let handle = server.handle();
    handle.set_faults(
        FaultPlan::always(FaultMode::Http500)
            .only("/v1/user/save-user-data")
            .times(2),
    );
    assert!(
        client.user_info().await.is_ok(),
        "other paths are untouched"
    );
    let edit = yunhu_tui::api::model::ProfileEdit::from(&client.user_data().await.unwrap());
    assert!(client.save_user_data(&edit).await.is_err());
    assert!(client.save_user_data(&edit).await.is_err());
    assert!(
        client.save_user_data(&edit).await.is_ok(),
        "after two failures it answers normally"
    );
}

#[tokio::test]
async fn demo_fail_rate_fails_some_requests_and_latency_delays_them() {
    let (server, client) = demo().await;
    let handle = server.handle();
    handle.set_faults(FaultPlan {
        fail_rate: 0.5,
        ..FaultPlan::default()
    });
    let mut failed = 0;
    for _ in 0..40 {
        if client.gray_status().await.is_err() {
            failed += 1;
        }
    }
    // P(0 or 40 of 40) at rate 0.5 is 2e-12.
    assert!((1..40).contains(&failed), "{failed} of 40 failed");
    handle.set_faults(FaultPlan::default().with_latency(150));
    let started = std::time::Instant::now();
    assert!(client.gray_status().await.is_ok());
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "latency was added"
    );
}

#[tokio::test]
async fn demo_fault_plan_can_be_changed_over_http() {
    let (server, client) = demo().await;
    let http = reqwest::Client::new();
    let url = format!("{}/__demo/faults", server.base_url());
    let resp = http
        .post(&url)
        .body(r#"{"failRate": 1, "mode": "html502"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(matches!(
        client.bots().await,
        Err(ApiError::Http { status: 502, .. })
    ));
    let plan: serde_json::Value = http.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(plan["mode"], "html502");
    assert_eq!(
        http.post(&url)
            .body("{\"mode\": \"nonsense\"}")
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
    http.post(&url).body("{}").send().await.unwrap();
    assert!(client.bots().await.is_ok());
}

#[tokio::test]
async fn demo_refuses_non_loopback_addresses() {
    let err = DemoServer::start_with("0.0.0.0:0".parse().unwrap(), FaultPlan::default())
        .await
        .err()
        .unwrap();
    assert!(err.to_string().contains("loopback"), "{err}");
}

#[tokio::test]
async fn errors_never_carry_the_token() {
    let (server, client) = demo().await;
    let token = client.token().unwrap().to_owned();
    assert!(
        !format!("{client:?}").contains(&token),
        "Debug of the client redacts the token"
    );
    for mode in [
        FaultMode::Http500,
        FaultMode::Html502,
        FaultMode::Truncated,
        FaultMode::RandomBytes,
        FaultMode::Hang,
        FaultMode::NotLoggedIn,
        FaultMode::WrongTypes,
        FaultMode::Disconnect,
    ] {
        server.handle().set_faults(FaultPlan::always(mode));
        for err in [
            client.user_info().await.unwrap_err(),
            client.bots().await.unwrap_err(),
        ] {
            assert!(
                !err.to_string().contains(&token) && !format!("{err:?}").contains(&token),
                "{mode:?}: {err}"
            );
        }
    }
}
