//! The client against the contract's literal samples: what it sends (method, path, the
//! headers, the exact body or query, byte for byte where the contract gives them: V1–V7)
//! and how it reads the sample answers.

use yunhu_tui::api::chaoqer::model::{DeepLink, EventTimeStatus, Feedback, ImageDir, Platform};

use super::canned::{AUTHORIZATION, Canned, UID};

const OK_EMPTY: &str = r#"{"status":1,"message":"Success","result":{}}"#;

/// The headers of every signed request after login, as in the contract's sample.
fn assert_user_headers(seen: &super::canned::Seen) {
    assert_eq!(seen.header("authorization"), Some(AUTHORIZATION));
    assert_eq!(seen.header("client-type"), Some("0"));
    assert_eq!(seen.header("version-name"), Some("0.4.0"));
    assert_eq!(seen.header("version-code"), Some("40"));
}

#[tokio::test]
async fn v1_send_code_body_is_byte_exact_without_authorization() {
    let canned = Canned::start().await;
    canned.json(
        "POST",
        "/account/captcha",
        r#"{"status":1,"message":"验证码已发送，请注意查收","result":{}}"#,
    );
    // Even a client holding a session sends no Authorization on Q1 (default secret).
    let message = canned
        .client(1700000000000)
        .send_code("86", "13900000002")
        .await
        .unwrap();
    assert_eq!(message, "验证码已发送，请注意查收");
    let seen = canned.last();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.path, "/account/captcha");
    assert_eq!(seen.query, None);
    assert_eq!(seen.header("authorization"), None);
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(
        seen.body_text(),
        r#"{"countryCode":"86","mobile":"13900000002","ts":1700000000000,"sign":"c52864e14e0cfdf9415d4d466715b37c"}"#
    );
}

#[tokio::test]
async fn v2_login_signs_like_the_vector_and_keeps_the_session() {
    let canned = Canned::start().await;
    canned.json(
        "POST",
        "/account/login/captcha",
        r#"{"status":1,"message":"登录成功","result":{"accessSecret":"e31bc25bcc6641a1a998eacb6ca9d244","accessToken":"c184241930be43b5bc36812ce3de56b5","expireTime":1608207590160,"uid":"2701a6fbd0464da99789c9ad1ca1c654"}}"#,
    );
    // A client that still holds a session sends no Authorization on Q2 either.
    let mut client = canned.client(1700000001000);
    client.forget_session();
    let mut stale = canned.client(1700000001000);
    stale.login("86", "13900000002", "246810").await.unwrap();
    assert_eq!(canned.last().header("authorization"), None);
    let outcome = client.login("86", "13900000002", "246810").await.unwrap();
    assert!(!outcome.registered);
    assert_eq!(outcome.session, super::canned::session());
    assert_eq!(client.session(), Some(&super::canned::session()));
    let seen = canned.last();
    assert_eq!(seen.header("authorization"), None);
    // V2 sends ts as a string; the canonical string (and so the sign) is the same.
    assert_eq!(
        seen.body_text(),
        r#"{"countryCode":"86","mobile":"13900000002","captcha":"246810","ts":1700000001000,"sign":"7a744fd487b15323f18b94c55b4c260c"}"#
    );
}

#[tokio::test]
async fn a_new_number_is_reported_registered() {
    let canned = Canned::start().await;
    canned.json(
        "POST",
        "/account/login/captcha",
        r#"{"status":1,"message":"注册成功","result":{"accessSecret":"e31bc25bcc6641a1a998eacb6ca9d244","accessToken":"c184241930be43b5bc36812ce3de56b5","expireTime":1608207590160,"uid":"2701a6fbd0464da99789c9ad1ca1c654"}}"#,
    );
    let outcome = canned
        .anonymous(1)
        .login("86", "13900000009", "1234")
        .await
        .unwrap();
    assert!(outcome.registered);
}

#[tokio::test]
async fn v3_messages_query_is_byte_exact_and_the_sample_decodes() {
    let canned = Canned::start().await;
    canned.json(
        "GET",
        "/user/message",
        r#"{"status":1,"message":"Success","result":{"page":{"count":20},"list":[{"messageId":1617987103601000,"sequenceId":"1617987103601000","userMessageResult":{"createTime":1617987103576,"messageBody":{"title":"有人邀请你参加活动","content":"这是一条测试\n变变变","url":"chaoqer://room/73470423d7154aeb89cb61aec025a7f2"},"messageId":1617987103601000,"messageType":0,"originPushType":2,"originUid":"a5f00712b45b499eb15e99d77138d02d","uid":"6ce4443c8fcd4a2b8b407bda86ab4408","unread":1}}]}}"#,
    );
    let page = canned
        .client(1700000002000)
        .messages(20, Some(""))
        .await
        .unwrap();
    let seen = canned.last();
    assert_eq!(seen.method, "GET");
    assert_eq!(
        seen.query.as_deref(),
        Some("count=20&lastId=&ts=1700000002000&sign=301e190a8b59fc2b1d5acb651d6212cf")
    );
    assert_user_headers(&seen);
    assert_eq!(
        seen.header("content-type"),
        None,
        "never a Content-Type on a GET"
    );
    assert!(seen.body.is_empty());
    assert_eq!(page.list.len(), 1);
    // A short page: no next cursor.
    assert_eq!(page.next(20), None);
    let message = page.list[0].user_message_result.as_ref().unwrap();
    assert_eq!(message.message_id, 1617987103601000);
    assert!(message.unread);
    assert_eq!(message.message_body.content, "这是一条测试\n变变变");
    assert_eq!(
        message.link(),
        Some(DeepLink::Room("73470423d7154aeb89cb61aec025a7f2".into()))
    );
    assert_eq!(message.sender(), Some("a5f00712b45b499eb15e99d77138d02d"));
}

#[tokio::test]
async fn v4_profile_edit_body_is_byte_exact() {
    let canned = Canned::start().await;
    canned.json(
        "PUT",
        "/user/profile",
        r#"{"status":1,"message":"Success","result":{"allowLive":0,"avatar":"https://cdn.chaoqer.com/a.jpg","bio":"你好","blocked":0,"cardTotal":2,"nickname":"参考·超圈用户","sendCard":0,"uid":"2701a6fbd0464da99789c9ad1ca1c654"}}"#,
    );
    let profile = canned
        .client(1700000003000)
        .edit_profile(
            "参考·超圈用户",
            "https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/avatar/3f1e9c2b7d5a4e6f8a0b1c2d3e4f5a6b.jpg",
            Some("你好，超圈！\n第二行 🙂"),
        )
        .await
        .unwrap();
    assert_eq!(profile.card_total, 2);
    let seen = canned.last();
    assert_eq!(seen.method, "PUT");
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_user_headers(&seen);
    assert_eq!(
        seen.body_text(),
        r#"{"nickname":"参考·超圈用户","avatar":"https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/avatar/3f1e9c2b7d5a4e6f8a0b1c2d3e4f5a6b.jpg","bio":"你好，超圈！\n第二行 🙂","ts":1700000003000,"sign":"7f8184dd6f16d1d6dcc04a6c5680c24b"}"#
    );
}

#[tokio::test]
async fn v5_feedback_body_is_byte_exact() {
    let canned = Canned::start().await;
    canned.json(
        "POST",
        "/app/feedback",
        r#"{"status":1,"message":"反馈成功","result":{}}"#,
    );
    let message = canned
        .client(1700000004000)
        .feedback(&Feedback {
            content: "希望支持深色模式".into(),
            images: vec![
                "https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/feedback/1.jpg"
                    .into(),
                "https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/feedback/2.jpg"
                    .into(),
            ],
        })
        .await
        .unwrap();
    assert_eq!(message, "反馈成功");
    assert_eq!(
        canned.last().body_text(),
        r#"{"originFeedbackType":0,"originId":"","feedbackType":0,"feedbackContent":"希望支持深色模式","feedbackImageList":["https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/feedback/1.jpg","https://cdn.chaoqer.com/image/a73347a5ba469c61141bc26cc6cb1353/feedback/2.jpg"],"ts":1700000004000,"sign":"eaad78f5be49fa107887cbf481dc5679"}"#
    );
}

#[tokio::test]
async fn v6_block_without_fields_is_byte_exact() {
    let canned = Canned::start().await;
    let uid = "32c49fbaf54257659c888c0d88cbf251";
    canned.json(
        "POST",
        &format!("/user/{uid}/block"),
        r#"{"status":1,"message":"屏蔽成功","result":{}}"#,
    );
    let message = canned.client(1700000005000).block(uid).await.unwrap();
    assert_eq!(message, "屏蔽成功");
    let seen = canned.last();
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.path, format!("/user/{uid}/block"));
    assert_eq!(
        seen.body_text(),
        r#"{"ts":1700000005000,"sign":"90fcb71417027f62c18b793dcad5dd46"}"#
    );
}

#[tokio::test]
async fn v7_club_page_query_is_byte_exact_and_the_sample_decodes() {
    let canned = Canned::start().await;
    canned.json(
        "GET",
        "/club",
        r#"{"status":1,"message":"Success","result":{"page":{"count":10},"list":[{"clubId":"b4688e4583244aad8363d390073c86ff","clubResult":{"clubId":"b4688e4583244aad8363d390073c86ff","cover":"https://cdn.litgee.com/image/a5f00712b45b499eb15e99d77138d02d/avatar/21b85549210b4f93bbda0304c6635b09.jpg","createTime":1614421213212,"joined":1,"memberTotal":3,"name":"产品交流圈","uid":"6ce4443c8fcd4a2b8b407bda86ab4408"},"createTime":1614421213477,"sequenceId":"1614421213477:b4688e4583244aad8363d390073c86ff"}]}}"#,
    );
    let page = canned
        .client(1700000006000)
        .clubs(5, Some("1614421213477:b4688e4583244aad8363d390073c86ff"))
        .await
        .unwrap();
    assert_eq!(
        canned.last().query.as_deref(),
        Some(
            "count=5&lastId=1614421213477%3Ab4688e4583244aad8363d390073c86ff&ts=1700000006000&sign=36dc4b6926245fd26ebe0a2d85e6db5a"
        )
    );
    let club = page.list[0].club_result.as_ref().unwrap();
    assert_eq!(club.name, "产品交流圈");
    assert!(club.joined);
    assert_eq!(club.member_total, 3);
}

#[tokio::test]
async fn q7_block_list_sample_decodes() {
    let canned = Canned::start().await;
    canned.json(
        "GET",
        "/user/block",
        r#"{"status":1,"message":"Success","result":{"page":{"count":10},"list":[{"createTime":1616747477657,"sequenceId":"1616747477657:250228d2eb8e4db8b4fc6b8e3e2a902d","uid":"250228d2eb8e4db8b4fc6b8e3e2a902d","userProfileResult":{"allowLive":0,"avatar":"https://cdn.chaoqer.com/image/250228d2eb8e4db8b4fc6b8e3e2a902d/avatar/b8eb601c205e4518af93c3ef7b734ef0.jpg","bio":"开心就好","blocked":1,"cardTotal":3,"nickname":"Tony","sendCard":1,"uid":"250228d2eb8e4db8b4fc6b8e3e2a902d"}}]}}"#,
    );
    let page = canned.client(1).blocked(10, None).await.unwrap();
    assert_eq!(
        canned
            .last()
            .query
            .as_deref()
            .map(|q| q.starts_with("count=10&ts=1&sign=")),
        Some(true),
        "no lastId on the first page"
    );
    let profile = page.list[0].user_profile_result.as_ref().unwrap();
    assert_eq!(profile.nickname, "Tony");
    assert!(profile.blocked && profile.send_card);
    assert_eq!(profile.bio.as_deref(), Some("开心就好"));
}

#[tokio::test]
async fn list_items_without_their_nested_object_are_tolerated() {
    let canned = Canned::start().await;
    canned.json(
        "GET",
        "/user/card",
        r#"{"status":1,"message":"Success","result":{"page":{"count":2},"list":[{"createTime":1,"sequenceId":"1:250228d2eb8e4db8b4fc6b8e3e2a902d","uid":"250228d2eb8e4db8b4fc6b8e3e2a902d"}]}}"#,
    );
    let page = canned.client(1).cards(2, None).await.unwrap();
    assert_eq!(page.list[0].user_profile_result, None);
}

#[tokio::test]
async fn q6_own_profile_uses_the_own_uid_as_path() {
    let canned = Canned::start().await;
    canned.json(
        "GET",
        &format!("/user/{UID}/profile"),
        r#"{"status":1,"message":"Success","result":{"allowLive":0,"avatar":"https://cdn.chaoqer.com/image/a5f00712b45b499eb15e99d77138d02d/avatar/30326497ad814f039a73d03035a46288.jpg","bio":"- 超圈打杂@LitGeek\n- 👆👇👉👈🖕","blocked":0,"cardTotal":3,"nickname":"道源","sendCard":1,"uid":"a5f00712b45b499eb15e99d77138d02d"}}"#,
    );
    let profile = canned.client(1).own_profile().await.unwrap();
    assert_eq!(profile.nickname, "道源");
    let seen = canned.last();
    assert_eq!(seen.path, format!("/user/{UID}/profile"));
    assert!(seen.query.as_deref().unwrap().starts_with("ts=1&sign="));
}

#[tokio::test]
async fn q11_bare_number_and_q21_event_decode() {
    let canned = Canned::start().await;
    canned.json(
        "GET",
        "/user/message/unread_total",
        r#"{"status":1,"message":"Success","result":5}"#,
    );
    canned.json(
        "GET",
        "/event/6bdcf14e7fd742bcb9198d60e5452d8c",
        r#"{"status":1,"message":"Success","result":{"createTime":1620732258091,"desc":"测试介绍","eventId":"6bdcf14e7fd742bcb9198d60e5452d8c","eventTime":1620748800000,"eventTimeStatus":0,"memberUidList":["6ce4443c8fcd4a2b8b407bda86ab4408","800fd752a5284eeb82396fe7478175eb"],"name":"测试日程","notify":0,"uid":"800fd752a5284eeb82396fe7478175eb"}}"#,
    );
    let client = canned.client(1);
    assert_eq!(client.unread_total().await.unwrap(), 5);
    let event = client
        .event("6bdcf14e7fd742bcb9198d60e5452d8c")
        .await
        .unwrap();
    assert_eq!(event.event_time_status, EventTimeStatus::Upcoming);
    assert_eq!(event.member_uid_list.len(), 2);
    assert!(!event.notify);
}

#[tokio::test]
async fn q22_asks_as_the_platform_unsigned_and_without_authorization() {
    let canned = Canned::start().await;
    canned.json(
        "GET",
        "/app/version/upgrade",
        r#"{"status":1,"message":"Success","result":{"clientType":1,"createTime":1618818435105,"downloadUrl":"https://apps.apple.com/cn/app/id1556448380","forcedUpgrade":0,"versionCode":19,"versionDesc":"1. 增加了名片夹功能 …","versionId":"14205a41a5b5dd563fbc816b9a4c4df8","versionName":"0.1.7"}}"#,
    );
    let version = canned
        .client(1)
        .latest_version(Platform::Ios)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version.version_name, "0.1.7");
    assert!(!version.forced_upgrade);
    let seen = canned.last();
    assert_eq!(seen.query, None, "Q22 is not signed");
    assert_eq!(seen.header("authorization"), None);
    assert_eq!(seen.header("client-type"), Some("1"));
    assert_eq!(seen.header("version-code"), Some("0"));
    canned
        .client(1)
        .latest_version(Platform::Android)
        .await
        .unwrap();
    assert_eq!(canned.last().header("client-type"), Some("2"));
}

#[tokio::test]
async fn q22_up_to_date_is_no_update_not_an_error() {
    let canned = Canned::start().await;
    canned.json(
        "GET",
        "/app/version/upgrade",
        r#"{"status":0,"message":"当前已经是最新版本","errorCode":0}"#,
    );
    assert_eq!(
        canned.anonymous(1).latest_version(Platform::Android).await,
        Ok(None)
    );
}

#[tokio::test]
async fn q24_upload_slot_then_the_put_to_its_address() {
    let canned = Canned::start().await;
    let upload = format!(
        "{}/oss/image/861da0739b7542e69b81fe4baebfd816/avatar/56da4708cf5348708c775f0cb09d7520.jpg?Expires=1608622430&OSSAccessKeyId=STS.x&Signature=abc%2B&security-token=tok",
        canned.base
    );
    canned.json(
        "POST",
        "/aliyun/image/upload",
        &format!(
            r#"{{"status":1,"message":"Success","result":{{"imageId":"56da4708cf5348708c775f0cb09d7520","uploadAddress":"{upload}","imageURL":"https://cdn.chaoley.com/image/861da0739b7542e69b81fe4baebfd816/avatar/56da4708cf5348708c775f0cb09d7520.jpg"}}}}"#
        ),
    );
    canned.answer_typed(
        "PUT",
        "/oss/image/861da0739b7542e69b81fe4baebfd816/avatar/56da4708cf5348708c775f0cb09d7520.jpg",
        200,
        None,
        b"",
    );
    let client = canned.client(7);
    let slot = client.upload_slot(ImageDir::Avatar).await.unwrap();
    assert!(
        !format!("{slot:?}").contains("security-token=tok"),
        "the STS token stays out of Debug"
    );
    let slot_request = canned.last();
    assert!(
        slot_request
            .body_text()
            .starts_with(r#"{"imageDir":"avatar","ts":7,"sign":""#)
    );
    let url = client
        .upload_jpeg(&slot, b"\xff\xd8jpeg".to_vec())
        .await
        .unwrap();
    assert!(url.starts_with("https://cdn.chaoley.com/"));
    let put = canned.last();
    assert_eq!(put.method, "PUT");
    assert_eq!(
        put.query.as_deref(),
        Some("Expires=1608622430&OSSAccessKeyId=STS.x&Signature=abc%2B&security-token=tok"),
        "the address is sent as is"
    );
    assert_eq!(put.header("content-type"), Some("image/jpeg"));
    assert_eq!(put.header("authorization"), None);
    assert_eq!(&put.body[..], b"\xff\xd8jpeg");
}

#[tokio::test]
async fn q18_join_answer_and_empty_writes() {
    let canned = Canned::start().await;
    let club = "ea01330db4ad49288dce2b8bcb00240b";
    canned.json(
        "POST",
        &format!("/club/{club}/join"),
        r#"{"status":1,"message":"Success","result":{"clubId":"ea01330db4ad49288dce2b8bcb00240b","cover":"https://cdn.litgee.com/image/250228d2eb8e4db8b4fc6b8e3e2a902d/cover/759d404cbe07494785a1c498dc328373.jpg","createTime":1614426859268,"joined":0,"memberTotal":3,"name":"Bug交流圈","uid":"6ce4443c8fcd4a2b8b407bda86ab4408"}}"#,
    );
    canned.json("POST", &format!("/club/{club}/leave"), OK_EMPTY);
    canned.json(
        "POST",
        "/account/logout",
        r#"{"status":1,"message":"退出成功","result":{}}"#,
    );
    let mut client = canned.client(9);
    let joined = client.join_club(club).await.unwrap();
    assert!(!joined.joined, "Q18 answers joined 0");
    assert_eq!(client.leave_club(club).await.unwrap(), "Success");
    assert_eq!(client.logout().await.unwrap(), "退出成功");
    assert_eq!(client.session(), None);
    let seen = canned.seen();
    assert_eq!(seen[2].header("authorization"), Some(AUTHORIZATION));
    assert!(seen[2].body_text().starts_with(r#"{"ts":9,"sign":""#));
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let canned = Canned::start().await;
    let client = canned.client(1);
    for result in [
        client.profile("ABCDEF").await.map(|_| ()),
        client
            .profile("2701A6FBD0464DA99789C9AD1CA1C654")
            .await
            .map(|_| ()),
        client.messages(0, None).await.map(|_| ()),
        client.messages(101, None).await.map(|_| ()),
        client.messages(20, Some("1:abc")).await.map(|_| ()),
        client.edit_profile(" ", "a", None).await.map(|_| ()),
        client
            .edit_profile(&"🙂".repeat(11), "a", None)
            .await
            .map(|_| ()),
        client.init_profile("名字", "").await.map(|_| ()),
        client
            .feedback(&Feedback {
                content: "x".into(),
                images: vec!["a".into(); 4],
            })
            .await
            .map(|_| ()),
        client.send_code("86", "139 0000").await.map(|_| ()),
    ] {
        assert!(
            matches!(result, Err(yunhu_tui::api::chaoqer::ChaoqerError::Input(_))),
            "{result:?}"
        );
    }
    assert!(canned.seen().is_empty());
    // 10 emoji are 20 UTF-16 units: allowed.
    assert!(yunhu_tui::api::chaoqer::java_len(&"🙂".repeat(10)) == 20);
}

#[tokio::test]
async fn the_all_pages_helper_stops_on_a_short_page() {
    use yunhu_tui::api::chaoqer::paging::all_pages;
    let canned = Canned::start().await;
    // A full page of 2 then, whatever lastId, a short page of 1.
    canned.json(
        "GET",
        "/user/message",
        r#"{"status":1,"message":"Success","result":{"page":{"count":2},"list":[{"messageId":3,"sequenceId":"3"},{"messageId":2,"sequenceId":"2"}]}}"#,
    );
    let client = canned.client(1);
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let all = all_pages(2, |last| {
        let client = client.clone();
        let n = calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        async move {
            let mut page = client.messages(2, last.as_deref()).await?;
            if n == 1 {
                page.list.truncate(1);
            }
            Ok(page)
        }
    })
    .await
    .unwrap();
    assert_eq!(all.len(), 3);
    let seen = canned.seen();
    assert_eq!(seen.len(), 2);
    assert!(
        seen[1]
            .query
            .as_deref()
            .unwrap()
            .starts_with("count=2&lastId=2&")
    );
}
