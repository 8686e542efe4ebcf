//! The client against the spec's own samples (the seeds' JSON, verbatim apart from their
//! comments) served by the canned server: each request's method, path, headers and body,
//! and each answer's decoded values.

use serde_json::json;
use yunhu_tui::api::model::{EmailCodePurpose, ProfileEdit};

use crate::canned::{Canned, DEVICE, TOKEN};
use crate::wire_vectors::{expected_get_user, expected_user_info, vector};

const OK: &str = r#"{"code": 1, "msg": "success"}"#;

/// The request was `method path`, with the token (or not), a `yunhu-tui/` User-Agent, and
/// the content type its body needs.
fn assert_request(
    c: &Canned,
    method: &str,
    path: &str,
    token: bool,
    content_type: Option<&str>,
) -> crate::canned::Seen {
    let seen = c.last();
    assert_eq!((seen.method.as_str(), seen.path.as_str()), (method, path));
    assert_eq!(
        seen.header("token"),
        token.then_some(TOKEN),
        "token header of {path}"
    );
    assert!(
        seen.header("user-agent")
            .is_some_and(|ua| ua.starts_with("yunhu-tui/")),
        "User-Agent of {path}"
    );
    assert_eq!(
        seen.header("content-type"),
        content_type,
        "Content-Type of {path}"
    );
    seen
}

const JSON_CT: Option<&str> = Some("application/json");
const PB_CT: Option<&str> = Some("application/x-protobuf");

#[tokio::test]
async fn l1_captcha_accepts_both_b64_forms() {
    let c = Canned::start().await;
    // The seed's sample, with its odd prefix.
    c.json("POST", "/v1/user/captcha", r#"{"code": 1, "data": {"b64s": "image//png;base64,iVBORw0KGgo=", "id": "123"}, "msg": "success"}"#);
    let cap = c.client().with_token(None).captcha().await.unwrap();
    assert_request(&c, "POST", "/v1/user/captcha", false, None);
    assert_eq!(cap.id, "123");
    assert_eq!(cap.png_bytes().unwrap(), b"\x89PNG\r\n\x1a\n");
    c.json("POST", "/v1/user/captcha", r#"{"code": 1, "data": {"b64s": "data:image/png;base64,iVBORw0KGgo=", "id": 77}, "msg": "success"}"#);
    let cap = c.client().captcha().await.unwrap();
    assert_eq!((cap.id.as_str(), cap.png_bytes().unwrap().len()), ("77", 8));
    c.json(
        "POST",
        "/v1/user/captcha",
        r#"{"code": 1, "data": {"b64s": "iVBORw0KGgo", "id": "1"}}"#,
    );
    assert_eq!(
        c.client()
            .captcha()
            .await
            .unwrap()
            .png_bytes()
            .unwrap()
            .len(),
        8
    );
    c.json(
        "POST",
        "/v1/user/captcha",
        r#"{"code": 1, "data": {"b64s": "not base64!", "id": "1"}}"#,
    );
    assert!(c.client().captcha().await.unwrap().png_bytes().is_err());
}

#[tokio::test]
async fn l2_l6_verification_codes() {
    let c = Canned::start().await;
    c.json("POST", "/v1/verification/get-verification-code", OK);
    c.client()
        .request_sms_code("12312312300", "AB12", "123")
        .await
        .unwrap();
    let seen = assert_request(
        &c,
        "POST",
        "/v1/verification/get-verification-code",
        false,
        JSON_CT,
    );
    assert_eq!(
        seen.json(),
        json!({"mobile": "12312312300", "code": "AB12", "id": "123", "platform": "linux"})
    );

    c.json("POST", "/v1/verification/get-email-verification-code", OK);
    let client = c.client();
    client
        .request_email_code("123@123.com", EmailCodePurpose::ResetPassword, "AB12", "9")
        .await
        .unwrap();
    let seen = assert_request(
        &c,
        "POST",
        "/v1/verification/get-email-verification-code",
        false,
        JSON_CT,
    );
    assert_eq!(
        seen.json(),
        json!({"email": "123@123.com", "typ": "forget_password", "code": "AB12", "id": "9"})
    );
    client
        .request_email_code("123@123.com", EmailCodePurpose::Bind, "AB12", "9")
        .await
        .unwrap();
    assert_eq!(c.last().json()["typ"], json!(""));
}

#[tokio::test]
async fn l3_l4_logins_return_the_token() {
    let c = Canned::start().await;
    let seed_answer =
        r#"{"code": 1, "data": {"token": "f87TJHF9-****-****-************"}, "msg": "success"}"#;
    c.json("POST", "/v1/user/verification-login", seed_answer);
    let token = c
        .client()
        .with_token(None)
        .sms_login("12312312300", "123123")
        .await
        .unwrap();
    assert_eq!(token, "f87TJHF9-****-****-************");
    let seen = assert_request(&c, "POST", "/v1/user/verification-login", false, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"mobile": "12312312300", "captcha": "123123", "deviceId": DEVICE, "platform": "linux"})
    );

    c.json(
        "POST",
        "/v1/user/email-login",
        r#"{"code": 1, "data": {"token": "abcdefg1-xxxx-xxxx-xxxxxxxxxx"}, "msg": "success"}"#,
    );
    let token = c
        .client()
        .with_token(None)
        .email_login("123456@example.com", "123456")
        .await
        .unwrap();
    assert_eq!(token, "abcdefg1-xxxx-xxxx-xxxxxxxxxx");
    let seen = assert_request(&c, "POST", "/v1/user/email-login", false, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"email": "123456@example.com", "password": "123456", "deviceId": DEVICE, "platform": "linux"})
    );

    // A success without a token is not a login.
    c.json(
        "POST",
        "/v1/user/email-login",
        r#"{"code": 1, "data": {"token": ""}, "msg": "success"}"#,
    );
    assert!(matches!(
        c.client().email_login("a@b.c", "x").await,
        Err(yunhu_tui::api::ApiError::Decode(_))
    ));
}

#[tokio::test]
async fn l5_logout_sends_the_device_id_under_both_disputed_keys() {
    let c = Canned::start().await;
    c.json("POST", "/v1/user/logout", OK);
    c.client().logout().await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/logout", true, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"device-id": DEVICE, "deviceId": DEVICE})
    );
}

#[tokio::test]
async fn p1_info_is_a_get_answered_in_protobuf() {
    let c = Canned::start().await;
    c.proto("GET", "/v1/user/info", vector("user_info"));
    let data = c.client().user_info().await.unwrap();
    assert_request(&c, "GET", "/v1/user/info", true, None);
    assert_eq!(Some(data), expected_user_info().data);
}

#[tokio::test]
async fn p2_get_user_sends_the_vector_bytes() {
    let c = Canned::start().await;
    c.proto("POST", "/v1/user/get-user", vector("get_user"));
    let data = c.client().get_user("7058262").await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/get-user", true, PB_CT);
    assert_eq!(seen.body.as_ref(), vector("get_user_req").as_slice());
    assert_eq!(Some(data), expected_get_user().data);
}

#[tokio::test]
async fn p3_medals_with_an_empty_body() {
    let c = Canned::start().await;
    c.proto("POST", "/v1/user/medal", vector("self_medals"));
    let medals = c.client().self_medals().await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/medal", true, PB_CT);
    assert!(seen.body.is_empty());
    let names: Vec<_> = medals
        .iter()
        .map(|m| (m.id, m.name.as_str(), m.sort))
        .collect();
    assert_eq!(names, [(3, "早期用户", 10), (9, "活跃之星", 20)]);
}

#[tokio::test]
async fn p4_p5_edits_send_the_vector_bytes() {
    let c = Canned::start().await;
    c.proto("POST", "/v1/user/edit-nickname", vector("status_ok"));
    c.client().edit_nickname("新昵称").await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/edit-nickname", true, PB_CT);
    assert_eq!(seen.body.as_ref(), vector("edit_nickname_req").as_slice());

    c.proto("POST", "/v1/user/edit-avatar", vector("status_ok"));
    c.client()
        .edit_avatar("https://chat-img.jwznb.com/a1b2.png")
        .await
        .unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/edit-avatar", true, PB_CT);
    assert_eq!(seen.body.as_ref(), vector("edit_avatar_req").as_slice());
}

#[tokio::test]
async fn p6_user_data_is_nested_with_a_snake_case_field() {
    let c = Canned::start().await;
    c.json(
        "POST",
        "/v1/user/get-user-data",
        r#"{"code": 1, "data": {"data": {"id": 123, "userId": "123", "lastLoginTime": 1231231230, "update_time": 1231231231,
            "introduction": "测试个人简介", "gender": 3, "birthday": 1231231232, "province": "北京市", "city": "北京城区",
            "district": "东城区", "locationCode": "110101"}}, "msg": "success"}"#,
    );
    let d = c.client().user_data().await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/get-user-data", true, None);
    assert!(seen.body.is_empty());
    assert_eq!(
        (d.id, d.user_id.as_str(), d.last_login_time, d.update_time),
        (123, "123", 1231231230, 1231231231)
    );
    assert_eq!(
        (d.introduction.as_str(), d.gender, d.birthday),
        ("测试个人简介", 3, 1231231232)
    );
    assert_eq!(
        (
            d.province.as_str(),
            d.city.as_str(),
            d.district.as_str(),
            d.location_code.as_str()
        ),
        ("北京市", "北京城区", "东城区", "110101")
    );
}

#[tokio::test]
async fn p7_save_user_data_sends_the_seed_body() {
    let c = Canned::start().await;
    c.json("POST", "/v1/user/save-user-data", OK);
    let edit = ProfileEdit {
        introduction: "111".into(),
        gender: 3,
        birthday: 1231231230,
        province: "北京市".into(),
        city: "北京城区".into(),
        district: "东城区".into(),
        location_code: "110101".into(),
    };
    c.client().save_user_data(&edit).await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/save-user-data", true, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"introduction": "111", "gender": 3, "birthday": 1231231230, "province": "北京市",
               "city": "北京城区", "district": "东城区", "locationCode": "110101"})
    );
}

#[tokio::test]
async fn c1_coin_records_and_their_signs() {
    let c = Canned::start().await;
    c.json(
        "POST",
        "/v1/user/gold-coin-increase-decrease-record",
        r#"{"code": 1, "data": {"goldCoinRecord": [
            {"id": 193275, "userId": "用户id", "typ": 8, "beforeAmount": 55.01, "afterAmount": 57.01, "changeAmount": 2,
             "reason": "抽奖金币", "remark": "", "createTime": 1754669040},
            {"id": 193274, "userId": "1", "typ": 6, "beforeAmount": 60.01, "afterAmount": 55.01, "changeAmount": 5,
             "reason": "兑换会员", "remark": "", "createTime": 1754660000}
        ], "total": 243}, "msg": "success"}"#,
    );
    let page = c.client().coin_records(1, 20).await.unwrap();
    let seen = assert_request(
        &c,
        "POST",
        "/v1/user/gold-coin-increase-decrease-record",
        true,
        JSON_CT,
    );
    assert_eq!(seen.json(), json!({"size": 20, "page": 1}));
    assert_eq!(page.total, 243);
    let r = &page.gold_coin_record[0];
    assert_eq!(
        (
            r.id,
            r.user_id.as_str(),
            r.typ,
            r.reason.as_str(),
            r.create_time
        ),
        (193275, "用户id", 8, "抽奖金币", 1754669040)
    );
    assert_eq!(
        (r.before_amount, r.after_amount, r.change_amount),
        (55.01, 57.01, 2.0)
    );
    assert_eq!(r.signed_change(), 2.0);
    // changeAmount is positive for a spending here: the sign comes from the balances.
    assert_eq!(page.gold_coin_record[1].signed_change(), -5.0);
}

#[tokio::test]
async fn d1_d2_d3_discover() {
    let c = Canned::start().await;
    c.json(
        "POST",
        "/v1/user/recommend-category-list",
        r#"{"code": 1, "data": {"categories": ["精选", "粉丝群", "地区", "IT/互联网", "玩机", "游戏", "资讯订阅"]}, "msg": "success"}"#,
    );
    let cats = c.client().categories().await.unwrap();
    let seen = assert_request(
        &c,
        "POST",
        "/v1/user/recommend-category-list",
        true,
        JSON_CT,
    );
    assert_eq!(seen.json(), json!({"appChannel": "default"}));
    assert_eq!(
        cats,
        [
            "精选",
            "粉丝群",
            "地区",
            "IT/互联网",
            "玩机",
            "游戏",
            "资讯订阅"
        ]
    );

    c.json(
        "POST",
        "/v1/user/recommend-list",
        r#"{"code": 1, "data": {"groupList": [{"chatId": "123", "banId": 0, "nickname": "测试群聊名称", "introduction": "测试群聊简介",
            "avatarUrl": "https://...", "headcount": 123, "createTime": 1231231230}]}, "msg": "success"}"#,
    );
    let groups = c.client().groups("精选", "", 1, 30).await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/recommend-list", true, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"category": "精选", "keyword": "", "size": 30, "page": 1})
    );
    let g = &groups[0];
    assert_eq!(
        (
            g.chat_id.as_str(),
            g.nickname.as_str(),
            g.headcount,
            g.create_time
        ),
        ("123", "测试群聊名称", 123, 1231231230)
    );

    c.json(
        "POST",
        "/v1/user/recommend",
        r#"{"code": 1, "data": {"botList": [{"chatId": "123", "chatType": "3", "headcount": "123", "nickname": "测试机器人名称",
            "introduction": "测试机器人简介", "introductions": "", "avatarUrl": "https://...", "isAdd": 1, "isApply": 0, "alwaysAgree": 0}]},
            "msg": "success"}"#,
    );
    let bots = c.client().bots().await.unwrap();
    assert_request(&c, "POST", "/v1/user/recommend", true, None);
    let b = &bots[0];
    assert_eq!(
        (b.chat_id.as_str(), b.chat_type.as_str(), b.headcount),
        ("123", "3", 123)
    );
    assert_eq!((b.is_add, b.is_apply, b.always_agree), (true, false, false));
}

#[tokio::test]
async fn s1_s4_notification_and_modules() {
    let c = Canned::start().await;
    c.json(
        "POST",
        "/v1/user/notification-status",
        r#"{"code": 1, "data": {"notification": {"id": 110061, "userId": "114514", "deviceId": "114514", "registrationId": "114514",
            "isOpen": 1, "type": 2, "delFlag": 0, "createTime": 1231231230, "updateTime": 1231231230}}, "msg": "success"}"#,
    );
    let n = c.client().notification_status().await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/notification-status", true, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"deviceId": DEVICE, "registrationId": DEVICE})
    );
    assert_eq!(
        (n.id, n.is_open, n.kind, n.registration_id.as_str()),
        (110061, true, 2, "114514")
    );

    c.json("POST", "/v1/user/notification-info", OK);
    c.client().set_notification(false).await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/notification-info", true, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"deviceId": DEVICE, "registrationId": DEVICE, "isOpen": 0, "type": 2})
    );

    c.json(
        "POST",
        "/v1/user/module-ignore-info",
        r#"{"code": 1, "data": {"ignore": {"id": 0, "userId": "1234567", "updateTime": 123455660, "deviceId": "1234", "ignore": ",30,20,10"}}, "msg": "success"}"#,
    );
    let m = c.client().module_ignore().await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/module-ignore-info", true, JSON_CT);
    assert_eq!(seen.json(), json!({"deviceId": DEVICE}));
    assert_eq!(m.modules(), [30, 20, 10]);

    c.json("POST", "/v1/user/module-ignore", OK);
    c.client().set_module_ignore(&[30, 20]).await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/module-ignore", true, JSON_CT);
    assert_eq!(seen.json(), json!({"deviceId": DEVICE, "ignore": ",30,20"}));
    c.client().set_module_ignore(&[]).await.unwrap();
    assert_eq!(c.last().json()["ignore"], json!(""));
}

#[tokio::test]
async fn s5_s9_contacts_and_password() {
    let c = Canned::start().await;
    for path in [
        "/v1/user/bing-phone",
        "/v1/user/bing-email",
        "/v1/user/change-phone-check",
        "/v1/user/change-email-check",
        "/v1/user/forget-password",
    ] {
        c.json("POST", path, OK);
    }
    let client = c.client();
    client.bind_phone("12312311230", "123123").await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/bing-phone", true, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"phone": "12312311230", "captcha": "123123"})
    );
    client.bind_email("123@123.com", "123123").await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/bing-email", true, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"email": "123@123.com", "captcha": "123123"})
    );
    client.change_phone("12312341230", "123123").await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/change-phone-check", true, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"phone": "12312341230", "captcha": "123123"})
    );
    client.change_email("123@123.com", "123123").await.unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/change-email-check", true, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"email": "123@123.com", "captcha": "123123"})
    );
    // S9 needs no token.
    c.client()
        .with_token(None)
        .reset_password("123@123.com", "123123", "测试登录密码")
        .await
        .unwrap();
    let seen = assert_request(&c, "POST", "/v1/user/forget-password", false, JSON_CT);
    assert_eq!(
        seen.json(),
        json!({"email": "123@123.com", "captcha": "123123", "password": "测试登录密码"})
    );
}

#[tokio::test]
async fn s10_show_adv() {
    let c = Canned::start().await;
    c.json(
        "POST",
        "/v1/user/get-user-show-adv",
        r#"{"code": 1, "data": {"androidCodeId": "123", "bottomHeight": 123, "iosCodeId": "123", "isShow": 0}, "msg": "success"}"#,
    );
    let a = c.client().show_adv().await.unwrap();
    assert_request(&c, "POST", "/v1/user/get-user-show-adv", true, None);
    assert_eq!(
        (
            a.android_code_id.as_str(),
            a.bottom_height,
            a.ios_code_id.as_str(),
            a.is_show
        ),
        ("123", 123, "123", false)
    );
}

#[tokio::test]
async fn m1_m4_misc_gets() {
    let c = Canned::start().await;
    c.json(
        "GET",
        "/v1/misc/configure-distribution",
        r#"{"code": 1, "data": {"audioUrl": "https://chat-audio1.jwznb.com/", "fileUrl": "https://chat-file.jwznb.com/",
            "imageUrl": "https://chat-img.jwznb.com/", "serverUrl": "http://chat.jwznb.com:8888/", "shareUrl": "https://yhfx.jwznb.com/",
            "videoUrl": "https://chat-video1.jwznb.com/", "websocketUrl": "wss://chat-ws-go.jwzhd.com/ws"}, "msg": "success"}"#,
    );
    let d = c.client().distribution().await.unwrap();
    assert_request(&c, "GET", "/v1/misc/configure-distribution", true, None);
    assert_eq!(
        (d.share_url.as_str(), d.websocket_url.as_str()),
        ("https://yhfx.jwznb.com/", "wss://chat-ws-go.jwzhd.com/ws")
    );
    assert_eq!(d.image_url, "https://chat-img.jwznb.com/");

    c.json(
        "GET",
        "/v1/misc/qiniu-token",
        r#"{"code": 1, "data": {"token": "123:123"}, "msg": "success"}"#,
    );
    assert_eq!(c.client().upload_token().await.unwrap(), "123:123");
    assert_request(&c, "GET", "/v1/misc/qiniu-token", true, None);

    c.json(
        "GET",
        "/v1/misc/setting",
        r#"{"code": 1, "data": {"fileSizeLimitNormal": 40, "fileeSizeLimitVip": 1024, "imageSizeLimitNormal": 40,
            "imageSizeLimitVip": 50, "videoSizeLimitNormal": 40, "videoSizeLimitVip": 200}, "msg": "success"}"#,
    );
    let s = c.client().with_token(None).service_setting().await.unwrap();
    assert_request(&c, "GET", "/v1/misc/setting", false, None);
    assert_eq!(
        (
            s.file_size_limit_normal,
            s.file_size_limit_vip,
            s.image_size_limit_vip,
            s.video_size_limit_vip
        ),
        (40.0, 1024.0, 50.0, 200.0)
    );

    c.json(
        "GET",
        "/v1/misc/gray-status",
        r#"{"code": 1, "data": {"status": 0}, "msg": "success"}"#,
    );
    assert!(!c.client().gray_status().await.unwrap());
    assert_request(&c, "GET", "/v1/misc/gray-status", false, None);
    c.json(
        "GET",
        "/v1/misc/gray-status",
        r#"{"code": 1, "data": {"status": "1"}, "msg": "success"}"#,
    );
    assert!(c.client().gray_status().await.unwrap());
}

#[tokio::test]
async fn m5_auto_update_reads_the_seed_feed() {
    let c = Canned::start().await;
    let feed = r#"<rss version="2.0" xmlns:sparkle="http://www.andymatuschak.org/xml-namespaces/sparkle">
  <channel>
    <title>云湖社交</title>
    <description>云湖社交更新中</description>
    <item>
      <enclosure url="" sparkle:dsaSignature="" sparkle:version="+0" sparkle:os="windows" length="0" type="application/octet-stream"></enclosure>
    </item>
  </channel>
</rss>"#;
    c.raw(
        "GET",
        "/v1/misc/auto-update",
        200,
        "application/xml",
        feed.as_bytes(),
    );
    let u = c
        .client()
        .latest_version("windows", "7058262")
        .await
        .unwrap();
    let seen = assert_request(&c, "GET", "/v1/misc/auto-update", false, None);
    assert_eq!(
        seen.query.as_deref(),
        Some("platform=windows&userId=7058262")
    );
    assert_eq!(
        (u.version.as_str(), u.os.as_str(), u.url.as_str()),
        ("+0", "windows", "")
    );
    // An error envelope instead of a feed is reported as the error it is.
    c.json(
        "GET",
        "/v1/misc/auto-update",
        r#"{"code": -1, "msg": "参数错误"}"#,
    );
    let err = c.client().latest_version("x", "1").await.unwrap_err();
    assert_eq!(
        err,
        yunhu_tui::api::ApiError::Api {
            code: -1,
            msg: "参数错误".into()
        }
    );
}

#[tokio::test]
async fn avatar_upload_flow_is_token_then_multipart_then_edit() {
    let c = Canned::start().await;
    c.json(
        "GET",
        "/v1/misc/qiniu-token",
        r#"{"code": 1, "data": {"token": "ak:sig:policy"}, "msg": "success"}"#,
    );
    let png = crate::demo_client::tiny_png();
    let key = yunhu_tui::api::image_key(&png, "png");
    c.json(
        "POST",
        "/qiniu-upload",
        &format!(r#"{{"hash": "Fh8x", "key": "{key}"}}"#),
    );
    c.proto("POST", "/v1/user/edit-avatar", vector("status_ok"));
    let url = c.client().set_avatar_image(png.clone()).await.unwrap();
    assert_eq!(url, format!("https://chat-img.jwznb.com/{key}"));
    let seen = c.seen();
    let paths: Vec<_> = seen
        .iter()
        .map(|s| (s.method.as_str(), s.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            ("GET", "/v1/misc/qiniu-token"),
            ("POST", "/qiniu-upload"),
            ("POST", "/v1/user/edit-avatar")
        ]
    );
    let upload = &seen[1];
    assert!(
        upload
            .header("content-type")
            .unwrap()
            .starts_with("multipart/form-data; boundary=")
    );
    let body = String::from_utf8_lossy(&upload.body);
    for part in [
        "name=\"token\"\r\n\r\nak:sig:policy\r\n",
        &format!("name=\"key\"\r\n\r\n{key}\r\n"),
        "name=\"file\"; filename=",
    ] {
        assert!(body.contains(part), "multipart body lacks {part:?}");
    }
    assert!(
        key.len() == 36 && key.ends_with(".png"),
        "key is md5.ext: {key}"
    );
    let edit = yunhu_tui::proto::EditAvatarRequest { url: url.clone() };
    assert_eq!(
        seen[2].body.as_ref(),
        prost::Message::encode_to_vec(&edit).as_slice()
    );
}

#[tokio::test]
async fn json_models_tolerate_strings_numbers_nulls_and_extra_fields() {
    let c = Canned::start().await;
    c.json(
        "POST",
        "/v1/user/gold-coin-increase-decrease-record",
        r#"{"code": "1", "msg": "success", "extra": {"x": 1}, "data": {"total": "2", "goldCoinRecord": [
            {"id": "5", "typ": "8", "beforeAmount": "55.01", "afterAmount": 57.01, "changeAmount": "2", "createTime": "1754669040", "newField": [1]},
            {"id": 4, "userId": 7058262, "beforeAmount": null, "afterAmount": 1.5}
        ]}}"#,
    );
    let page = c.client().coin_records(1, 20).await.unwrap();
    assert_eq!(page.total, 2);
    let (a, b) = (&page.gold_coin_record[0], &page.gold_coin_record[1]);
    assert_eq!(
        (
            a.id,
            a.typ,
            a.before_amount,
            a.create_time,
            a.reason.as_str()
        ),
        (5, 8, 55.01, 1754669040, "")
    );
    assert_eq!(
        (b.user_id.as_str(), b.before_amount, b.signed_change()),
        ("7058262", 0.0, 1.5)
    );

    c.json(
        "POST",
        "/v1/user/recommend",
        r#"{"code": 1, "data": {"botList": [{"chatId": 42, "chatType": 3, "headcount": 9, "isAdd": "1"}, {"headcount": ""}]}}"#,
    );
    let bots = c.client().bots().await.unwrap();
    assert_eq!(
        (
            bots[0].chat_id.as_str(),
            bots[0].chat_type.as_str(),
            bots[0].headcount,
            bots[0].is_add
        ),
        ("42", "3", 9, true)
    );
    assert_eq!(bots[1].headcount, 0);

    c.json(
        "POST",
        "/v1/user/recommend-list",
        r#"{"code": 1, "data": {"groupList": null}}"#,
    );
    assert!(
        c.client()
            .groups("精选", "", 1, 30)
            .await
            .unwrap()
            .is_empty()
    );

    // Nonsense in a number field is an error, not a silent zero.
    c.json(
        "POST",
        "/v1/user/recommend",
        r#"{"code": 1, "data": {"botList": [{"headcount": "很多"}]}}"#,
    );
    assert!(matches!(
        c.client().bots().await,
        Err(yunhu_tui::api::ApiError::Decode(_))
    ));
}
