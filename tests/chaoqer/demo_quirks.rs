//! The demo gateway as the real one behaves, checked with hand-made requests: signature
//! and header checks, the account states, and the quirks the contract lists.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;
use yunhu_tui::api::chaoqer::model::Session;
use yunhu_tui::api::chaoqer::sign::{self, DEFAULT_SECRET, DELIMITER};
use yunhu_tui::api::chaoqer::{ChaoqerClient, ChaoqerError};
use yunhu_tui::demo::chaoqer::{
    ChaoqerDemoServer, DEMO_COUNTRY_CODE, DEMO_MOBILE, DEMO_SMS_CODE, FROZEN_MOBILE,
};

pub struct Raw {
    http: reqwest::Client,
    base: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }
}

pub fn basic(uid: &str, token: &str) -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{uid}:{token}"))
    )
}

impl Raw {
    pub fn new(demo: &ChaoqerDemoServer) -> Raw {
        Raw {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: demo.base_url(),
        }
    }

    pub async fn send(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Reply {
        let mut req = self.http.request(
            reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
            format!("{}{path_and_query}", self.base),
        );
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(body) = body {
            req = req.body(body.to_owned());
        }
        let resp = req.send().await.unwrap();
        Reply {
            status: resp.status(),
            text: resp.text().await.unwrap(),
        }
    }

    /// A POST/PUT/DELETE of `fields` (a JSON object text without braces), signed with
    /// `secret`, `Authorization` from `auth`.
    pub async fn write(
        &self,
        method: &str,
        path: &str,
        fields: &str,
        secret: &str,
        auth: Option<&str>,
    ) -> Reply {
        let body = signed(fields, secret);
        let mut headers = vec![("content-type", "application/json")];
        if let Some(a) = auth {
            headers.push(("authorization", a));
        }
        self.send(method, path, &headers, Some(&body)).await
    }

    /// A signed GET with `query` (already encoded, without ts and sign).
    pub async fn get(&self, path: &str, query: &str, secret: &str, auth: Option<&str>) -> Reply {
        let q = if query.is_empty() {
            "ts=1".to_owned()
        } else {
            format!("{query}&ts=1")
        };
        let s = sign::sign_query(&q, secret, DELIMITER);
        let mut headers = vec![];
        if let Some(a) = auth {
            headers.push(("authorization", a));
        }
        self.send("GET", &format!("{path}?{q}&sign={s}"), &headers, None)
            .await
    }
}

/// `{fields, "ts":1, "sign":…}` signed as the gateway reads it.
pub fn signed(fields: &str, secret: &str) -> String {
    let sep = if fields.is_empty() { "" } else { "," };
    let unsigned = format!("{{{fields}{sep}\"ts\":1}}");
    let s = sign::sign_json_text(&unsigned, secret, DELIMITER).unwrap();
    format!("{{{fields}{sep}\"ts\":1,\"sign\":\"{s}\"}}")
}

pub async fn logged_in(demo: &ChaoqerDemoServer, mobile: &str) -> (ChaoqerClient, Session) {
    let mut client = ChaoqerClient::new(demo.client_config()).unwrap();
    client.send_code(DEMO_COUNTRY_CODE, mobile).await.unwrap();
    let outcome = client
        .login(DEMO_COUNTRY_CODE, mobile, DEMO_SMS_CODE)
        .await
        .unwrap();
    (client, outcome.session)
}

fn auth_of(session: &Session) -> String {
    basic(&session.uid, &session.access_token)
}

#[tokio::test]
async fn the_contracts_literal_v1_request_is_accepted() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let raw = Raw::new(&demo);
    let reply = raw
        .send(
            "POST",
            "/account/captcha",
            &[("content-type", "application/json")],
            Some(r#"{"countryCode":"86","mobile":"13900000002","ts":1700000000000,"sign":"c52864e14e0cfdf9415d4d466715b37c"}"#),
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["message"], "验证码已发送，请注意查收");
    // The same with the sign's case changed and a LF inside still passes (step 8).
    tokio::time::sleep(Duration::from_millis(600)).await;
    let reply = raw
        .send(
            "POST",
            "/account/captcha",
            &[("content-type", "application/json")],
            Some(r#"{"countryCode":"86","mobile":"13900000002","ts":1700000000000,"sign":"C52864E14E0CFDF9415D4D466715B37C\n"}"#),
        )
        .await;
    assert_eq!(reply.json()["status"], 1, "{}", reply.text);
}

#[tokio::test]
async fn signature_checks() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let raw = Raw::new(&demo);
    let (_, session) = logged_in(&demo, DEMO_MOBILE).await;
    let auth = auth_of(&session);
    // A wrong sign: 401 with an empty body.
    let reply = raw
        .send(
            "GET",
            "/user/message/unread_total?ts=1&sign=00000000000000000000000000000000",
            &[("authorization", &auth)],
            None,
        )
        .await;
    assert_eq!(
        (reply.status, reply.text.as_str()),
        (StatusCode::UNAUTHORIZED, "")
    );
    // ts or sign missing: 400, empty.
    let no_ts = format!(
        "/user/message/unread_total?sign={}",
        sign::sign_query("", &session.access_secret, DELIMITER)
    );
    let reply = raw
        .send("GET", &no_ts, &[("authorization", &auth)], None)
        .await;
    assert_eq!(
        (reply.status, reply.text.as_str()),
        (StatusCode::BAD_REQUEST, "")
    );
    let reply = raw
        .send(
            "GET",
            "/user/message/unread_total?ts=1",
            &[("authorization", &auth)],
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    // ts is checked for presence only: an empty one passes.
    let q = "ts=";
    let path = format!(
        "/user/message/unread_total?{q}&sign={}",
        sign::sign_query(q, &session.access_secret, DELIMITER)
    );
    assert_eq!(
        raw.send("GET", &path, &[("authorization", &auth)], None)
            .await
            .status,
        200
    );
    // The default secret with Authorization: refused; the user's secret: accepted.
    assert_eq!(
        raw.get(
            "/user/message/unread_total",
            "",
            DEFAULT_SECRET,
            Some(&auth)
        )
        .await
        .status,
        401
    );
    assert_eq!(
        raw.get(
            "/user/message/unread_total",
            "",
            &session.access_secret,
            Some(&auth)
        )
        .await
        .status,
        200
    );
    // A tampered parameter after signing.
    let q = "count=20&ts=1";
    let s = sign::sign_query(q, &session.access_secret, DELIMITER);
    let reply = raw
        .send(
            "GET",
            &format!("/user/block?count=21&ts=1&sign={s}"),
            &[("authorization", &auth)],
            None,
        )
        .await;
    assert_eq!(reply.status, 401);
    // Unknown parameters are signed too.
    let reply = raw
        .get(
            "/user/block",
            "count=5&extra=%E8%B6%85",
            &session.access_secret,
            Some(&auth),
        )
        .await;
    assert_eq!(reply.json()["status"], 1, "{}", reply.text);
}

#[tokio::test]
async fn a_new_login_replaces_the_old_secret_and_token() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let raw = Raw::new(&demo);
    let (_, first) = logged_in(&demo, DEMO_MOBILE).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let (_, second) = logged_in(&demo, DEMO_MOBILE).await;
    assert_ne!(first.access_secret, second.access_secret);
    let old = raw
        .get(
            "/user/message/unread_total",
            "",
            &first.access_secret,
            Some(&auth_of(&first)),
        )
        .await;
    assert_eq!(old.status, 401);
    // The new token with the old secret: the signature is wrong.
    let mixed = raw
        .get(
            "/user/message/unread_total",
            "",
            &first.access_secret,
            Some(&auth_of(&second)),
        )
        .await;
    assert_eq!(mixed.status, 401);
    let new = raw
        .get(
            "/user/message/unread_total",
            "",
            &second.access_secret,
            Some(&auth_of(&second)),
        )
        .await;
    assert_eq!(new.status, 200);
}

#[tokio::test]
async fn header_and_authorization_forms() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let raw = Raw::new(&demo);
    let (_, session) = logged_in(&demo, DEMO_MOBILE).await;
    let secret = session.access_secret.clone();
    // Shorter than 6 characters, or not base64 after them: 500.
    assert_eq!(
        raw.get("/user/message/unread_total", "", &secret, Some("Basic"))
            .await
            .status,
        500
    );
    assert_eq!(
        raw.get("/user/message/unread_total", "", &secret, Some("Basic !!!"))
            .await
            .status,
        500
    );
    // The prefix is skipped unseen, and padding is optional.
    let token = auth_of(&session);
    let unpadded = format!("XXXXXX{}", token[6..].trim_end_matches('='));
    assert_eq!(
        raw.get("/user/message/unread_total", "", &secret, Some(&unpadded))
            .await
            .status,
        200
    );
    // Not exactly two parts: 401.
    let three = basic(&session.uid, &format!("{}:x", session.access_token));
    assert_eq!(
        raw.get("/user/message/unread_total", "", &secret, Some(&three))
            .await
            .status,
        401
    );
    // No Authorization on a login route: 401. An invalid one on Q1: 401 too.
    assert_eq!(
        raw.get("/user/message/unread_total", "", DEFAULT_SECRET, None)
            .await
            .status,
        401
    );
    let q1 = raw
        .write(
            "POST",
            "/account/captcha",
            r#""countryCode":"86","mobile":"13900000005""#,
            DEFAULT_SECRET,
            Some(&basic(&session.uid, "wrong")),
        )
        .await;
    assert_eq!(q1.status, 401);
    // Client-Type or Version-Code not an integer: 500.
    let reply = raw
        .send(
            "GET",
            "/app/version/upgrade",
            &[("client-type", "ios")],
            None,
        )
        .await;
    assert_eq!(reply.status, 500);
    let reply = raw
        .send(
            "GET",
            "/app/version/upgrade",
            &[("client-type", "1"), ("version-code", "x")],
            None,
        )
        .await;
    assert_eq!(reply.status, 500);
}

#[tokio::test]
async fn routing_and_content_types() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let raw = Raw::new(&demo);
    let (_, session) = logged_in(&demo, DEMO_MOBILE).await;
    let auth = auth_of(&session);
    let secret = session.access_secret.clone();
    let missing = raw.send("GET", "/nowhere", &[], None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["path"], "/nowhere");
    // An id of the wrong form matches no route.
    assert_eq!(
        raw.get("/user/ABC/profile", "", &secret, Some(&auth))
            .await
            .status,
        404
    );
    assert_eq!(
        raw.send(
            "PUT",
            "/club",
            &[("content-type", "application/json")],
            Some("{}")
        )
        .await
        .status,
        405
    );
    // No Content-Type on a write: 415.
    let reply = raw
        .send(
            "POST",
            "/account/logout",
            &[("authorization", &auth)],
            Some(&signed("", &secret)),
        )
        .await;
    assert_eq!(reply.status, 415);
    // With a charset the body is not signed: ts and sign are looked for in the query.
    let reply = raw
        .send(
            "POST",
            "/account/logout",
            &[
                ("authorization", &auth),
                ("content-type", "application/json; charset=utf-8"),
            ],
            Some(&signed("", &secret)),
        )
        .await;
    assert_eq!(reply.status, 400);
    // application/json on a GET: the empty body is parsed as JSON, 500.
    let q = "ts=1";
    let s = sign::sign_query(q, &secret, DELIMITER);
    let reply = raw
        .send(
            "GET",
            &format!("/user/message/unread_total?{q}&sign={s}"),
            &[
                ("authorization", &auth),
                ("content-type", "application/json"),
            ],
            None,
        )
        .await;
    assert_eq!(reply.status, 500);
    // The header with an empty body: 500.
    let reply = raw
        .send(
            "POST",
            "/account/logout",
            &[
                ("authorization", &auth),
                ("content-type", "application/json"),
            ],
            Some(""),
        )
        .await;
    assert_eq!(reply.status, 500);
    // OPTIONS anywhere: 200.
    assert_eq!(
        raw.send("OPTIONS", "/whatever", &[], None).await.status,
        200
    );
}

#[tokio::test]
async fn bodies_are_bounded() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let raw = Raw::new(&demo);
    let big = format!(
        r#""countryCode":"86","mobile":"13900000002","pad":"{}""#,
        "x".repeat(yunhu_tui::demo::chaoqer::BODY_LIMIT)
    );
    let reply = raw
        .write("POST", "/account/captcha", &big, DEFAULT_SECRET, None)
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn identical_writes_within_500_ms_are_refused() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (client, _) = logged_in(&demo, DEMO_MOBILE).await;
    let blocked = client.blocked(10, None).await.unwrap();
    let tony = blocked.list.last().unwrap().uid.clone();
    // A wide window here, so that a loaded machine cannot let the window pass between the
    // two writes; the gateway's 500 ms is back for the part that waits it out.
    demo.set_duplicate_window(Duration::from_secs(60));
    client.unblock(&tony).await.unwrap();
    // ts differs (the clock moved or not): it does not count.
    assert_eq!(client.unblock(&tony).await, Err(ChaoqerError::Duplicate));
    // Another write is not a duplicate.
    client.block(&tony).await.unwrap();
    demo.set_duplicate_window(yunhu_tui::demo::chaoqer::DUPLICATE_WINDOW);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(
        client.block(&tony).await.is_ok(),
        "after the window it passes again"
    );
    // Reads are never refused as duplicates.
    client.unread_total().await.unwrap();
    client.unread_total().await.unwrap();
}

#[tokio::test]
async fn opening_messages_zeroes_the_unread_total_and_marks_only_what_was_returned() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (client, _) = logged_in(&demo, DEMO_MOBILE).await;
    assert_eq!(client.unread_total().await.unwrap(), 3);
    let first = client.messages(20, None).await.unwrap();
    let unread = |page: &yunhu_tui::api::chaoqer::paging::Page<
        yunhu_tui::api::chaoqer::model::MessageEntry,
    >| {
        page.list
            .iter()
            .filter(|m| m.user_message_result.as_ref().is_some_and(|r| r.unread))
            .count()
    };
    assert_eq!(unread(&first), 2, "this answer still shows the old marks");
    assert_eq!(client.unread_total().await.unwrap(), 0);
    let again = client.messages(20, None).await.unwrap();
    assert_eq!(unread(&again), 0, "returned messages are now read");
    let cursor = first.next(20).unwrap();
    let second = client.messages(20, Some(&cursor)).await.unwrap();
    assert_eq!(
        unread(&second),
        1,
        "the 24th was not returned, so it stayed unread"
    );
    assert_eq!(second.list.len(), 20);
    let third = client
        .messages(20, second.next(20).as_deref())
        .await
        .unwrap();
    assert_eq!(third.list.len(), 5);
    assert_eq!(third.next(20), None);
}

#[tokio::test]
async fn the_card_delete_answers_success_but_keeps_the_card() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (client, session) = logged_in(&demo, DEMO_MOBILE).await;
    let cards = client.cards(10, None).await.unwrap();
    let sender = cards.list[0].uid.clone();
    assert_eq!(client.delete_card(&sender).await.unwrap(), "删除成功");
    assert!(demo.card_visible(&sender, &session.uid));
    let after = client.cards(10, None).await.unwrap();
    assert_eq!(after.list.len(), cards.list.len());
}

#[tokio::test]
async fn a_new_account_must_complete_its_profile() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let mut client = ChaoqerClient::new(demo.client_config()).unwrap();
    client.send_code("86", "13912345678").await.unwrap();
    let outcome = client
        .login("86", "13912345678", DEMO_SMS_CODE)
        .await
        .unwrap();
    assert!(outcome.registered);
    assert_eq!(outcome.message, "注册成功");
    let err = client.own_profile().await.unwrap_err();
    assert!(err.is_profile_not_initialised(), "{err:?}");
    assert!(
        client
            .blocked(10, None)
            .await
            .unwrap_err()
            .is_profile_not_initialised()
    );
    // These work: the unread total, upload slots; /club and /event answer `{}`.
    assert_eq!(client.unread_total().await.unwrap(), 0);
    assert!(client.clubs(10, None).await.unwrap().list.is_empty());
    assert!(client.events(10, None).await.unwrap().list.is_empty());
    let slot = client
        .upload_slot(yunhu_tui::api::chaoqer::model::ImageDir::Avatar)
        .await
        .unwrap();
    let profile = client
        .init_profile("新来的🙂", &slot.image_url)
        .await
        .unwrap();
    assert_eq!(profile.nickname, "新来的🙂");
    assert_eq!(profile.card_total, 0);
    assert_eq!(client.own_profile().await.unwrap().avatar, slot.image_url);
    // A second init changes nothing and answers the current profile.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let again = client.init_profile("别的名字", "x").await.unwrap();
    assert_eq!(again.nickname, "新来的🙂");
}

#[tokio::test]
async fn registering_accounts_with_an_old_version_code_see_club_writes_refused() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let raw = Raw::new(&demo);
    let mut client = ChaoqerClient::new(demo.client_config()).unwrap();
    client.send_code("86", "13912340000").await.unwrap();
    let session = client
        .login("86", "13912340000", DEMO_SMS_CODE)
        .await
        .unwrap()
        .session;
    let auth = auth_of(&session);
    let club = "b4688e4583244aad8363d390073c86ff";
    // Version-Code > 26: any method on /club answers the empty success.
    let body = signed("", &session.access_secret);
    let new = raw
        .send(
            "POST",
            &format!("/club/{club}/join"),
            &[
                ("authorization", &auth),
                ("content-type", "application/json"),
                ("version-code", "27"),
            ],
            Some(&body),
        )
        .await;
    assert_eq!(new.json()["result"], serde_json::json!({}));
    assert_eq!(new.json()["status"], 1);
    // ≤ 26: only GET /club; a POST is 200000.
    let old = raw
        .send(
            "POST",
            &format!("/club/{club}/join"),
            &[
                ("authorization", &auth),
                ("content-type", "application/json"),
                ("version-code", "26"),
            ],
            Some(&body),
        )
        .await;
    assert_eq!(old.json()["errorCode"], 200000);
}

#[tokio::test]
async fn sms_login_refusals() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let mut client = ChaoqerClient::new(demo.client_config()).unwrap();
    // No code pending.
    let err = client.login("86", "13900000007", "1234").await.unwrap_err();
    assert_eq!(err.server_message(), Some("验证码已过期，请重新获取验证码"));
    client.send_code("86", "13900000007").await.unwrap();
    for attempt in 1..=5u32 {
        let err = client
            .login("86", "13900000007", &format!("{:04}", attempt))
            .await
            .unwrap_err();
        let expected = if attempt < 5 {
            "验证码不正确"
        } else {
            "验证码已过期，请重新获取验证码"
        };
        assert_eq!(err.server_message(), Some(expected), "attempt {attempt}");
    }
    let err = client
        .login("86", "13900000007", DEMO_SMS_CODE)
        .await
        .unwrap_err();
    assert_eq!(
        err.server_message(),
        Some("验证码已过期，请重新获取验证码"),
        "the 5th wrong try killed the code"
    );
    // A frozen account.
    client.send_code("86", FROZEN_MOBILE).await.unwrap();
    let err = client
        .login("86", FROZEN_MOBILE, DEMO_SMS_CODE)
        .await
        .unwrap_err();
    assert_eq!(err.error_code(), Some(100002));
    assert!(err.to_string().contains("frozen"));
    // An invalid number.
    let err = client.send_code("86", "12345").await.unwrap_err();
    assert_eq!(err.server_message(), Some("请输入正确的手机号码"));
}

#[tokio::test]
async fn field_rules_give_the_contracts_messages() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let raw = Raw::new(&demo);
    let (_, session) = logged_in(&demo, DEMO_MOBILE).await;
    let auth = auth_of(&session);
    let secret = session.access_secret.clone();
    let cases: &[(&str, &str, &str, &str)] = &[
        ("PUT", "/user/profile", r#""avatar":"a""#, "名字不能为空"),
        (
            "PUT",
            "/user/profile",
            &format!(r#""nickname":"{}","avatar":"a""#, "🙂".repeat(11)),
            "设置的名字不能超过20个字",
        ),
        (
            "PUT",
            "/user/profile",
            r#""nickname":"n","avatar":" ""#,
            "头像不能为空",
        ),
        (
            "PUT",
            "/user/profile",
            &format!(
                r#""nickname":"n","avatar":"a","bio":"{}""#,
                "字".repeat(1001)
            ),
            "介绍不能超过1000个字",
        ),
        (
            "POST",
            "/app/feedback",
            r#""originId":"","feedbackType":0,"feedbackContent":"x","originFeedbackType":2"#,
            "反馈来源类型不存在",
        ),
        (
            "POST",
            "/app/feedback",
            r#""feedbackType":0,"feedbackContent":"x""#,
            "反馈来源ID不能为空",
        ),
        (
            "POST",
            "/app/feedback",
            r#""originId":"","feedbackType":1,"feedbackContent":"x""#,
            "反馈类型不存在",
        ),
        (
            "POST",
            "/app/feedback",
            r#""originId":"","feedbackType":0"#,
            "反馈内容不能为空",
        ),
        (
            "POST",
            "/app/feedback",
            &format!(
                r#""originId":"","feedbackType":0,"feedbackContent":"{}""#,
                "字".repeat(501)
            ),
            "反馈内容不能超过500个字",
        ),
        (
            "POST",
            "/app/feedback",
            r#""originId":"","feedbackType":"0","feedbackContent":"x","feedbackImageList":["a","b","c","d"]"#,
            "至多添加三张图片",
        ),
        (
            "POST",
            "/aliyun/image/upload",
            r#""imageDir":"""#,
            "imageDir不能为空",
        ),
        (
            "POST",
            "/aliyun/image/upload",
            r#""imageDir":"banner""#,
            "imageDir类型不存在",
        ),
    ];
    for (method, path, fields, message) in cases {
        let reply = raw.write(method, path, fields, &secret, Some(&auth)).await;
        let json = reply.json();
        assert_eq!(json["status"], 0, "{path} {fields}: {}", reply.text);
        assert_eq!(json["message"], *message, "{fields}");
        assert_eq!(json["errorCode"], 0);
    }
    // 10 emoji are 20 units: accepted.
    let ok = raw
        .write(
            "PUT",
            "/user/profile",
            &format!(r#""nickname":"{}","avatar":"a""#, "🙂".repeat(10)),
            &secret,
            Some(&auth),
        )
        .await;
    assert_eq!(ok.json()["status"], 1, "{}", ok.text);
    assert!(
        ok.json()["result"].get("bio").is_none(),
        "leaving the bio out erased it"
    );
    // A wrong JSON type is Spring's 400.
    let reply = raw
        .write(
            "PUT",
            "/user/profile",
            r#""nickname":{"a":1},"avatar":"a""#,
            &secret,
            Some(&auth),
        )
        .await;
    assert_eq!(reply.status, 400);
    // Paging parameters.
    for (query, message) in [
        ("count=0", "count只能在0到100之间"),
        ("count=101", "count只能在0到100之间"),
        ("", "count只能在0到100之间"),
        ("count=abc", "count类型不正确"),
        ("count=", "count类型不正确"),
    ] {
        let reply = raw.get("/user/card", query, &secret, Some(&auth)).await;
        assert_eq!(reply.json()["message"], message, "{query}");
    }
    assert_eq!(
        raw.get("/user/message", "count=5&lastId=abc", &secret, Some(&auth))
            .await
            .status,
        500
    );
    // The page echoes lastId whenever it was sent, even empty.
    let reply = raw
        .get("/user/card", "count=5&lastId=", &secret, Some(&auth))
        .await;
    assert_eq!(
        reply.json()["result"]["page"],
        serde_json::json!({"count": 5, "lastId": ""})
    );
}

#[tokio::test]
async fn q22_answers_by_platform_and_web_is_always_up_to_date() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let raw = Raw::new(&demo);
    let web = raw
        .send("GET", "/app/version/upgrade", &[("client-type", "0")], None)
        .await;
    assert_eq!(
        web.text,
        r#"{"errorCode":0,"message":"当前已经是最新版本","status":0}"#
    );
    let ios = raw
        .send(
            "GET",
            "/app/version/upgrade",
            &[("client-type", "1"), ("version-code", "29")],
            None,
        )
        .await;
    assert_eq!(ios.json()["result"]["versionName"], "0.2.4");
    assert_eq!(
        ios.json()["result"]["forcedUpgrade"],
        0,
        "28 (forced) is below 29"
    );
    let old = raw
        .send(
            "GET",
            "/app/version/upgrade",
            &[("client-type", "2"), ("version-code", "28")],
            None,
        )
        .await;
    assert_eq!(old.json()["result"]["forcedUpgrade"], 1);
    let newest = raw
        .send(
            "GET",
            "/app/version/upgrade",
            &[("client-type", "2"), ("version-code", "31")],
            None,
        )
        .await;
    assert_eq!(newest.json()["message"], "当前已经是最新版本");
    // A sent Authorization is still checked.
    let bad = raw
        .send(
            "GET",
            "/app/version/upgrade",
            &[("client-type", "1"), ("authorization", &basic("a", "b"))],
            None,
        )
        .await;
    assert_eq!(bad.status, 401);
}

#[tokio::test]
async fn clubs_join_leave_and_the_creator_rule() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (client, session) = logged_in(&demo, DEMO_MOBILE).await;
    let clubs = client.clubs(100, None).await.unwrap();
    assert_eq!(clubs.list.len(), 7);
    let mine = clubs
        .list
        .iter()
        .filter_map(|c| c.club_result.as_ref())
        .find(|c| c.uid == session.uid)
        .unwrap()
        .clone();
    let err = client.leave_club(&mine.club_id).await.unwrap_err();
    assert_eq!(err.server_message(), Some("创建人暂时无法退出圈子"));
    // A club not joined yet: not in the list; join answers joined 0, Q16 says 1.
    let missing = "0123456789abcdef0123456789abcdef";
    assert_eq!(
        client.club(missing).await.unwrap_err().error_code(),
        Some(500000)
    );
    assert_eq!(
        client.leave_club(missing).await.unwrap_err().error_code(),
        Some(500000)
    );
}

#[tokio::test]
async fn events_are_ascending_with_live_over_and_upcoming() {
    use yunhu_tui::api::chaoqer::model::EventTimeStatus;
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let (client, _) = logged_in(&demo, DEMO_MOBILE).await;
    let page = client.events(100, None).await.unwrap();
    let times: Vec<i64> = page.list.iter().map(|e| e.event_time).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted);
    let statuses: Vec<EventTimeStatus> = page
        .list
        .iter()
        .map(|e| e.event_result.as_ref().unwrap().event_time_status)
        .collect();
    assert_eq!(statuses[0], EventTimeStatus::Over);
    assert_eq!(statuses[1], EventTimeStatus::Live);
    assert!(
        statuses[2..]
            .iter()
            .all(|s| *s == EventTimeStatus::Upcoming)
    );
    assert!(
        page.list
            .iter()
            .any(|e| e.event_result.as_ref().unwrap().notify)
    );
    // Ascending paging from a cursor.
    let first = client.events(2, None).await.unwrap();
    let next = client.events(2, first.next(2).as_deref()).await.unwrap();
    assert_eq!(next.list[0].event_id, page.list[2].event_id);
    assert_eq!(
        client
            .event("0123456789abcdef0123456789abcdef")
            .await
            .unwrap_err()
            .error_code(),
        Some(600000)
    );
}

#[tokio::test]
async fn the_oss_stand_in_checks_the_content_type() {
    let demo = ChaoqerDemoServer::start().await.unwrap();
    let raw = Raw::new(&demo);
    let (client, _) = logged_in(&demo, DEMO_MOBILE).await;
    let slot = client
        .upload_slot(yunhu_tui::api::chaoqer::model::ImageDir::Avatar)
        .await
        .unwrap();
    let path = slot
        .upload_address
        .strip_prefix(&demo.base_url())
        .unwrap()
        .to_owned();
    let png = raw
        .send("PUT", &path, &[("content-type", "image/png")], Some("x"))
        .await;
    assert_eq!(png.status, 403);
    assert!(png.text.contains("SignatureDoesNotMatch"));
    let url = client
        .upload_jpeg(&slot, b"jpeg bytes".to_vec())
        .await
        .unwrap();
    assert_eq!(demo.uploaded(&url).as_deref(), Some(&b"jpeg bytes"[..]));
    // A slot is used once.
    let err = client
        .upload_jpeg(&slot, b"again".to_vec())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("AccessDenied"), "{err}");
}

#[tokio::test]
async fn the_demo_only_listens_on_loopback() {
    let addr: std::net::SocketAddr = "0.0.0.0:0".parse().unwrap();
    assert!(matches!(
        ChaoqerDemoServer::start_on(addr).await,
        Err(yunhu_tui::demo::DemoError::NotLoopback(_))
    ));
}
