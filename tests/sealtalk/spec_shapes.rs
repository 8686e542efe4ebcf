//! The client against the contract's literal samples (`shared/spec/sealtalk-api.md`):
//! each request's method, path, headers (`Cookie`, `User-Agent`, `Content-Type`) and exact
//! JSON body, and each answer's decoded values.

use yunhu_tui::api::sealtalk::model::{Conversation, FriendStatus, Gender, GroupRole};
use yunhu_tui::api::sealtalk::{SealtalkError, portrait_uri_for};

use crate::canned::{COOKIE, Canned, Seen};

const OK: &str = r#"{"code":200}"#;
const SET_COOKIE: &str = "rong_auth_cookie=c71bad5b272a50473907e40aec78ad8bc925c71ef03f4c00; Max-Age=2592000; Domain=im.example.com; Path=/; Expires=Tue, 22 Dec 2026 21:11:56 GMT; HttpOnly";
const RC_TOKEN: &str = "refRCtoken/10001+d89f3a35931c386956c1a402==";

/// The request was `method path` with our User-Agent, the cookie (or none) and, for a
/// POST with a body, exactly `body` as `application/json`.
fn assert_request(seen: &Seen, method: &str, path: &str, cookie: bool, body: Option<&str>) {
    assert_eq!((seen.method.as_str(), seen.path.as_str()), (method, path));
    assert!(
        seen.header("user-agent")
            .is_some_and(|ua| ua.starts_with("yunhu-tui/")),
        "User-Agent of {path} (Q1)"
    );
    assert_eq!(
        seen.header("cookie"),
        cookie.then_some(COOKIE),
        "Cookie of {path}"
    );
    assert_eq!(seen.header("if-none-match"), None, "Q12");
    match body {
        Some(body) => {
            assert_eq!(
                seen.header("content-type"),
                Some("application/json"),
                "{path}"
            );
            assert_eq!(seen.body_text(), body, "body of {path}");
        }
        None => {
            assert_eq!(seen.header("content-type"), None, "{path} has no body");
            assert!(seen.body.is_empty(), "{path} has no body");
        }
    }
}

#[tokio::test]
async fn t1_login_keeps_the_cookie_by_name_and_never_the_im_token() {
    let c = Canned::start().await;
    let body = format!(r#"{{"code":200,"result":{{"id":"DH7W1QuDp","token":"{RC_TOKEN}"}}}}"#);
    c.answer(
        "POST",
        "/user/login",
        200,
        &[
            ("content-type", "application/json; charset=utf-8"),
            ("set-cookie", SET_COOKIE),
        ],
        body.as_bytes(),
    );
    let mut client = c.anonymous();
    let session = client.login("86", "13900000001", "P@ssw0rd").await.unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/user/login",
        false,
        Some(r#"{"region":"86","phone":"13900000001","password":"P@ssw0rd"}"#),
    );
    assert_eq!(session.user_id, "DH7W1QuDp");
    assert_eq!(session.cookie.to_header(), COOKIE);
    let shown = format!("{session:?} {client:?}");
    assert!(!shown.contains(RC_TOKEN) && !shown.contains("refRCtoken"));
    assert!(
        !shown.contains("c71bad5b"),
        "the cookie value is never in Debug"
    );

    // The cookie goes back to the configured base URL whatever its `Domain` says (Q2).
    c.json("GET", "/user/DH7W1QuDp", T4);
    client.own_profile().await.unwrap();
    assert_request(&c.last(), "GET", "/user/DH7W1QuDp", true, None);
}

#[tokio::test]
async fn t1_without_a_cookie_is_an_unreadable_answer() {
    let c = Canned::start().await;
    c.json(
        "POST",
        "/user/login",
        r#"{"code":200,"result":{"id":"DH7W1QuDp","token":"x"}}"#,
    );
    let err = c.anonymous().login("86", "1", "p").await.unwrap_err();
    assert!(matches!(err, SealtalkError::Decode(_)), "{err:?}");
}

#[tokio::test]
async fn t2_logout_forgets_the_session_whatever_the_answer() {
    let c = Canned::start().await;
    c.answer(
        "POST",
        "/user/logout",
        200,
        &[(
            "set-cookie",
            "rong_auth_cookie=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        )],
        OK.as_bytes(),
    );
    let mut client = c.client();
    client.logout().await.unwrap();
    assert_request(&c.last(), "POST", "/user/logout", true, None);
    assert!(client.cookie().is_none());
    let mut client = c.client();
    c.text("POST", "/user/logout", 500, "boom");
    assert!(client.logout().await.is_err());
    assert!(client.cookie().is_none(), "forgotten even on an error");
}

#[tokio::test]
async fn t3_ping() {
    let c = Canned::start().await;
    c.json("GET", "/ping", OK);
    c.anonymous().ping().await.unwrap();
    assert_request(&c.last(), "GET", "/ping", false, None);
}

const T4: &str = r#"{"code":200,"result":{"id":"DH7W1QuDp","nickname":"参考·海星","portraitUri":"http://ref-st-img.example.com/FhaixingPortraitRef01","gender":"female","stAccount":"haixing_ref","phone":"13900000001"}}"#;

#[tokio::test]
async fn t4_a_user() {
    let c = Canned::start().await;
    c.json("GET", "/user/DH7W1QuDp", T4);
    let me = c.client().user("DH7W1QuDp").await.unwrap();
    assert_request(&c.last(), "GET", "/user/DH7W1QuDp", true, None);
    assert_eq!(
        (
            me.id.as_str(),
            me.nickname.as_str(),
            me.portrait_uri.as_str()
        ),
        (
            "DH7W1QuDp",
            "参考·海星",
            "http://ref-st-img.example.com/FhaixingPortraitRef01"
        )
    );
    assert_eq!(
        (
            me.gender.as_str(),
            me.st_account.as_str(),
            me.phone.as_str()
        ),
        ("female", "haixing_ref", "13900000001")
    );
    // Opaque ids: nothing in one can change the path.
    c.json("GET", "/user/a%2F%2E%2E%3Fx", T4);
    c.client().user("a/..?x").await.unwrap();
    assert_eq!(c.last().path, "/user/a%2F%2E%2E%3Fx");
}

#[tokio::test]
async fn t5_to_t10_profile_writes_send_the_contract_bodies() {
    let c = Canned::start().await;
    let client = c.client();
    for path in [
        "/user/set_nickname",
        "/user/set_portrait_uri",
        "/user/change_password",
        "/user/set_gender",
        "/user/set_st_account",
    ] {
        c.json("POST", path, OK);
    }
    client.set_nickname("海星").await.unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/user/set_nickname",
        true,
        Some(r#"{"nickname":"海星"}"#),
    );
    client
        .set_portrait_uri("http://ref-st-img.example.com/FkOV1abc")
        .await
        .unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/user/set_portrait_uri",
        true,
        Some(r#"{"portraitUri":"http://ref-st-img.example.com/FkOV1abc"}"#),
    );
    client
        .change_password("P@ssw0rd", "P@ssw0rdNew")
        .await
        .unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/user/change_password",
        true,
        Some(r#"{"oldPassword":"P@ssw0rd","newPassword":"P@ssw0rdNew"}"#),
    );
    client.set_gender(Gender::Female).await.unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/user/set_gender",
        true,
        Some(r#"{"gender":"female"}"#),
    );
    client.set_st_account("haixing_2025").await.unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/user/set_st_account",
        true,
        Some(r#"{"stAccount":"haixing_2025"}"#),
    );
}

#[tokio::test]
async fn t7_the_image_token_and_the_upload_without_the_cookie() {
    let c = Canned::start().await;
    c.json("GET", "/user/get_image_token", r#"{"code":200,"result":{"target":"qiniu","domain":"ref-st-img.example.com","token":"refAK-qiniu-0001:wir9SmSn4j7PHqxCvFaWPeSMzRk=:eyJzY29wZSI6InNlYWx0YWxrLXJlZiIsImRlYWRsaW5lIjoxNzk1Mzg1NTY5fQ=="}}"#);
    c.answer(
        "POST",
        "/qiniu-upload",
        200,
        &[("content-type", "application/json")],
        br#"{"hash":"FkOV1xyz","key":"FkOV1xyz"}"#,
    );
    c.json("POST", "/user/set_portrait_uri", OK);
    let client = c.client();
    let token = client.image_token().await.unwrap();
    assert_request(&c.last(), "GET", "/user/get_image_token", true, None);
    assert_eq!(
        (token.target.as_str(), token.domain.as_str()),
        ("qiniu", "ref-st-img.example.com")
    );
    assert!(
        !format!("{token:?}").contains("refAK"),
        "the upload token is not in Debug"
    );
    let uri = client
        .set_portrait_file(b"PNG".to_vec(), "a.png")
        .await
        .unwrap();
    assert_eq!(uri, "http://ref-st-img.example.com/FkOV1xyz");
    let seen = c.seen();
    let upload = &seen[seen.len() - 2];
    assert_eq!(upload.path, "/qiniu-upload");
    assert_eq!(
        upload.header("cookie"),
        None,
        "never the SealTalk cookie to Qiniu"
    );
    let form = String::from_utf8_lossy(&upload.body);
    assert!(
        form.contains("name=\"token\"")
            && form.contains("refAK-qiniu-0001:")
            && form.contains("name=\"file\"")
    );
    assert_request(
        &c.last(),
        "POST",
        "/user/set_portrait_uri",
        true,
        Some(r#"{"portraitUri":"http://ref-st-img.example.com/FkOV1xyz"}"#),
    );
    assert_eq!(
        portrait_uri_for("https://cdn.example.com/", "k"),
        "https://cdn.example.com/k"
    );
    // Qiniu's own refusal is named.
    c.answer(
        "POST",
        "/qiniu-upload",
        401,
        &[("content-type", "application/json")],
        br#"{"error":"expired token"}"#,
    );
    let err = client
        .upload_image(&token, b"x".to_vec(), "x")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("expired token"), "{err}");
}

const T11: &str = r#"{"code":200,"result":[
 {"displayName":"青青","message":"","status":20,"updatedAt":"2025-10-09T08:53:31.000Z",
  "user":{"id":"TrpmMGHlX","nickname":"阿青","region":"86","phone":"13800000002",
          "portraitUri":"http://ref-st-img.example.com/FaqingPortrait","gender":"male","stAccount":""},
  "updatedTime":1760000011000},
 {"displayName":"","message":"你好，加个好友","status":11,"updatedAt":"2025-10-09T08:53:36.000Z",
  "user":{"id":"tpHBvy1RN","nickname":"陌生人乙","region":"86","phone":"15000000008","portraitUri":"",
          "gender":"female","stAccount":""},"updatedTime":1760000016000}]}"#;

#[tokio::test]
async fn t11_friendships() {
    let c = Canned::start().await;
    c.json("GET", "/friendship/all", T11);
    let rows = c.client().friendships().await.unwrap();
    assert_request(&c.last(), "GET", "/friendship/all", true, None);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (
            rows[0].status(),
            rows[0].name(),
            rows[0].user.phone.as_str()
        ),
        (FriendStatus::Friend, "青青", "13800000002")
    );
    assert_eq!(
        (rows[0].updated_time, rows[0].updated_at.as_str()),
        (1_760_000_011_000, "2025-10-09T08:53:31.000Z")
    );
    assert_eq!(
        (rows[1].status(), rows[1].name(), rows[1].message.as_str()),
        (FriendStatus::Pending, "陌生人乙", "你好，加个好友")
    );
    // A deleted account's row (`user: null`) is skipped.
    c.json("GET", "/friendship/all", r#"{"code":200,"result":[{"displayName":"","message":"","status":20,"updatedAt":"x","user":null,"updatedTime":1}]}"#);
    assert!(c.client().friendships().await.unwrap().is_empty());
}

#[tokio::test]
async fn t12_groups_nested_flat_and_dismissed() {
    let c = Canned::start().await;
    c.json("GET", "/user/groups", r#"{"code":200,"result":[
 {"role":0,"group":{"id":"ZGwMKFBoO","name":"海星读书会","portraitUri":"http://ref-st-img.example.com/Fgroup20001",
  "creatorId":"DH7W1QuDp","memberCount":5,"maxMemberCount":500,"isMute":0,"certiStatus":1}},
 {"role":2,"group":{"id":"GDMeS95QO","name":"Rust 爱好者","portraitUri":"","creatorId":"jkuE8NrB0",
  "memberCount":3,"maxMemberCount":500,"isMute":1,"certiStatus":0}},
 {"role":1,"group":null},
 {"id":"FlatJava1","name":"flat","creatorId":"x","memberCount":1,"maxMemberCount":10,"isMute":0,"certiStatus":1}]}"#);
    let groups = c.client().groups().await.unwrap();
    assert_request(&c.last(), "GET", "/user/groups", true, None);
    assert_eq!(groups.len(), 3);
    assert_eq!(groups[0].role, Some(GroupRole::Owner));
    assert!(!groups[0].group.muted && !groups[0].group.join_needs_approval());
    assert_eq!(
        (groups[1].role, groups[1].group.name.as_str()),
        (Some(GroupRole::Manager), "Rust 爱好者")
    );
    assert!(
        groups[1].group.muted && groups[1].group.join_needs_approval(),
        "certiStatus 0 = approval"
    );
    assert_eq!(
        (groups[2].role, groups[2].group.id.as_str()),
        (None, "FlatJava1")
    );
}

#[tokio::test]
async fn t13_t14_blacklist_and_unblock() {
    let c = Canned::start().await;
    c.json("GET", "/user/blacklist", r#"{"code":200,"result":[{"user":{"id":"n2JcOUd0x","nickname":"黑名单甲","portraitUri":"","gender":"male","stAccount":"","phone":"13600000006","updatedAt":"2025-10-09T08:53:26.000Z","updatedTime":1760000006000}},{"user":null}]}"#);
    let blocked = c.client().blacklist().await.unwrap();
    assert_request(&c.last(), "GET", "/user/blacklist", true, None);
    assert_eq!(blocked.len(), 1);
    assert_eq!(
        (
            blocked[0].id.as_str(),
            blocked[0].nickname.as_str(),
            blocked[0].updated_time
        ),
        ("n2JcOUd0x", "黑名单甲", 1_760_000_006_000)
    );
    c.json("POST", "/user/remove_from_blacklist", OK);
    c.client().unblock("n2JcOUd0x").await.unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/user/remove_from_blacklist",
        true,
        Some(r#"{"friendId":"n2JcOUd0x"}"#),
    );
}

#[tokio::test]
async fn t15_to_t17_screen_capture_bodies() {
    let c = Canned::start().await;
    let client = c.client();
    c.json(
        "POST",
        "/misc/get_screen_capture",
        r#"{"code":200,"result":{"status":1}}"#,
    );
    assert!(
        client
            .screen_capture(&Conversation::Private("TrpmMGHlX".into()))
            .await
            .unwrap()
    );
    assert_request(
        &c.last(),
        "POST",
        "/misc/get_screen_capture",
        true,
        Some(r#"{"conversationType":1,"targetId":"TrpmMGHlX"}"#),
    );
    c.json("POST", "/misc/set_screen_capture", OK);
    client
        .set_screen_capture(&Conversation::Private("TrpmMGHlX".into()), false)
        .await
        .unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/misc/set_screen_capture",
        true,
        Some(r#"{"conversationType":1,"targetId":"TrpmMGHlX","noticeStatus":0}"#),
    );
    client
        .set_screen_capture(&Conversation::Group("ZGwMKFBoO".into()), true)
        .await
        .unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/misc/set_screen_capture",
        true,
        Some(r#"{"conversationType":3,"targetId":"ZGwMKFBoO","noticeStatus":1}"#),
    );
    c.json("POST", "/misc/send_sc_msg", OK);
    client
        .send_screen_capture_notice(&Conversation::Group("ZGwMKFBoO".into()))
        .await
        .unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/misc/send_sc_msg",
        true,
        Some(r#"{"conversationType":3,"targetId":"ZGwMKFBoO"}"#),
    );
}

const T19: &str = r#"{"iOS":{"version":"2.2.0","build":"201910221630","url":"https://ref-st.example.com/ios/app.plist"},"Android":{"version":"2.2.0","url":"https://ref-st.example.com/android/SealTalk_v2_2_0.apk"}}"#;

#[tokio::test]
async fn t18_to_t20_versions_are_public_and_unwrapped_where_the_contract_says() {
    let c = Canned::start().await;
    let client = c.anonymous();
    c.json("GET", "/misc/latest_update", r#"{"version":"2.2.0","url":"https://ref-st.example.com/releases/mac/SealTalk_2.2.0.dmg","name":"SealTalk 2.2.0","notes":"参考服务器：修复若干问题","pub_date":"2019-10-22T16:00:00+08:00"}"#);
    let newer = client.latest_desktop("1.0.0").await.unwrap().unwrap();
    let seen = c.last();
    assert_request(&seen, "GET", "/misc/latest_update", false, None);
    assert_eq!(seen.query.as_deref(), Some("version=1.0.0"));
    assert_eq!(
        (
            newer.version.as_str(),
            newer.notes.as_str(),
            newer.pub_date.as_str()
        ),
        (
            "2.2.0",
            "参考服务器：修复若干问题",
            "2019-10-22T16:00:00+08:00"
        )
    );
    c.answer("GET", "/misc/latest_update", 204, &[], b"");
    assert_eq!(client.latest_desktop("2.2.0").await.unwrap(), None);

    c.json("GET", "/misc/client_version", T19);
    let raw = client.client_version().await.unwrap();
    assert_request(&c.last(), "GET", "/misc/client_version", false, None);
    assert_eq!(
        raw.ios.as_ref().unwrap().build.as_deref(),
        Some("201910221630")
    );
    assert_eq!(
        raw.android.as_ref().unwrap().url,
        "https://ref-st.example.com/android/SealTalk_v2_2_0.apk"
    );
    c.json(
        "GET",
        "/misc/mobile_version",
        &format!(r#"{{"code":200,"result":{T19}}}"#),
    );
    assert_eq!(client.mobile_version().await.unwrap(), raw);
    assert_request(&c.last(), "GET", "/misc/mobile_version", false, None);
    // An operator's file with keys missing.
    c.json(
        "GET",
        "/misc/client_version",
        r#"{"Android":{"version":"2.3.0"}}"#,
    );
    let partial = client.client_version().await.unwrap();
    assert_eq!(
        (partial.ios, partial.android.unwrap().version.as_str()),
        (None, "2.3.0")
    );
}

#[tokio::test]
async fn t21_t22_message_body_and_sync() {
    let c = Canned::start().await;
    let client = c.client();
    c.json("POST", "/misc/send_message", OK);
    client
        .send_text(&Conversation::Private("TrpmMGHlX".into()), "你好")
        .await
        .unwrap();
    assert_request(
        &c.last(),
        "POST",
        "/misc/send_message",
        true,
        Some(
            r#"{"conversationType":"PRIVATE","targetId":"TrpmMGHlX","objectName":"RC:TxtMsg","content":"{\"content\":\"你好\"}","pushContent":"你好"}"#,
        ),
    );
    // The seed's string code is read too.
    c.json("POST", "/misc/send_message", r#"{"code":"200"}"#);
    client
        .send_text(&Conversation::Group("ZGwMKFBoO".into()), "x")
        .await
        .unwrap();
    c.json("GET", "/user/sync/0", r#"{"code":200,"result":{"version":1760000041000,"user":{"id":10001,"timestamp":1},"blacklist":[{"friendId":10006,"status":true,"timestamp":1,"user":{"id":10006}}],"friends":[],"groups":[{"groupId":20001,"displayName":"","role":0,"isDeleted":false,"group":{"id":20001}}],"group_members":null}}"#);
    let sync = client.sync(0).await.unwrap();
    assert_request(&c.last(), "GET", "/user/sync/0", true, None);
    assert_eq!(
        (sync.version, sync.group_members),
        (Some(1_760_000_041_000), None)
    );
    assert_eq!(sync.blacklist.unwrap()[0]["friendId"], 10006);
}
