//! The demo server's quirks and limits (Q1–Q19), seen with a bare HTTP client so that
//! nothing of ours smooths them over.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use yunhu_tui::demo::sealtalk::{COOKIE_DOMAIN, COOKIE_NAME, SealtalkDemoServer};

const UA: &str = "quirk-test/1";

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

struct Raw {
    status: StatusCode,
    content_type: Option<String>,
    set_cookie: Option<String>,
    body: String,
}

async fn send(req: reqwest::RequestBuilder) -> Raw {
    let resp = req.send().await.unwrap();
    let header = |name| {
        resp.headers()
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header(reqwest::header::CONTENT_TYPE);
    let set_cookie = header(reqwest::header::SET_COOKIE);
    assert_eq!(header(reqwest::header::ETAG), None, "never an ETag (Q12)");
    Raw {
        status: resp.status(),
        content_type,
        set_cookie,
        body: resp.text().await.unwrap(),
    }
}

/// `name=value` of a fresh login.
async fn cookie(demo: &SealtalkDemoServer) -> String {
    let raw = send(
        http()
            .post(format!("{}/user/login", demo.base_url()))
            .header("User-Agent", UA)
            .json(&json!({"region": "86", "phone": "13900000001", "password": "P@ssw0rd"})),
    )
    .await;
    assert_eq!(raw.status, 200, "{}", raw.body);
    let set = raw.set_cookie.unwrap();
    assert!(set.contains(&format!("Domain={COOKIE_DOMAIN}")) && set.contains("HttpOnly"));
    let pair = set.split(';').next().unwrap().to_owned();
    assert!(pair.starts_with(&format!("{COOKIE_NAME}=")));
    let body: Value = serde_json::from_str(&raw.body).unwrap();
    assert_eq!(body["result"]["id"], "DH7W1QuDp");
    pair
}

async fn get(demo: &SealtalkDemoServer, path: &str, cookie: Option<&str>) -> Raw {
    let mut req = http()
        .get(format!("{}{path}", demo.base_url()))
        .header("User-Agent", UA);
    if let Some(c) = cookie {
        req = req.header("Cookie", c);
    }
    send(req).await
}

async fn post(demo: &SealtalkDemoServer, path: &str, cookie: Option<&str>, body: &str) -> Raw {
    let mut req = http()
        .post(format!("{}{path}", demo.base_url()))
        .header("User-Agent", UA)
        .header("Content-Type", "application/json")
        .body(body.to_owned());
    if let Some(c) = cookie {
        req = req.header("Cookie", c);
    }
    send(req).await
}

fn is(raw: &Raw, status: u16, body: &str) {
    assert_eq!((raw.status.as_u16(), raw.body.as_str()), (status, body));
}

#[tokio::test]
async fn q1_no_user_agent_is_a_500_before_anything_else() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let raw = send(http().get(format!("{}/ping", demo.base_url()))).await;
    is(&raw, 500, "Cannot read property 'substr' of undefined");
    assert_eq!(
        raw.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    is(&get(&demo, "/ping", None).await, 200, r#"{"code":200}"#);
}

#[tokio::test]
async fn q3_absent_cookie_is_403_and_an_undecodable_one_500() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    is(
        &get(&demo, "/friendship/all", None).await,
        403,
        "Not loged in.",
    );
    let empty = format!("{COOKIE_NAME}=");
    is(
        &get(&demo, "/friendship/all", Some(&empty)).await,
        403,
        "Not loged in.",
    );
    let good = cookie(&demo).await;
    // No MAC: a flipped bit in a digit of the time would still pass, one that makes the
    // salt's first character a non-digit does not.
    let (name, value) = good.split_once('=').unwrap();
    let first = u8::from_str_radix(&value[..1], 16).unwrap() ^ 1;
    let edited = format!("{name}={first:x}{}", &value[1..]);
    is(
        &get(&demo, "/friendship/all", Some(&edited)).await,
        500,
        "Invalid cookie value!",
    );
    // The cookie is found by its name among others.
    let among = format!("other=1; {good}; theme=dark");
    assert_eq!(
        get(&demo, "/friendship/all", Some(&among)).await.status,
        200
    );
}

#[tokio::test]
async fn q4_logout_only_asks_to_forget() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let c = cookie(&demo).await;
    let out = post(&demo, "/user/logout", Some(&c), "").await;
    is(&out, 200, r#"{"code":200}"#);
    assert_eq!(
        out.set_cookie.as_deref(),
        Some("rong_auth_cookie=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
    );
    assert_eq!(get(&demo, "/user/blacklist", Some(&c)).await.status, 200);
}

#[tokio::test]
async fn q6_body_parsing_comes_first() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    // Malformed JSON is a 500, even without a User-Agent or a cookie.
    let raw = send(
        http()
            .post(format!("{}/user/set_nickname", demo.base_url()))
            .header("Content-Type", "application/json")
            .body("{\"nickname\": x}"),
    )
    .await;
    is(&raw, 500, "Unexpected token x in JSON at position 13");
    let c = cookie(&demo).await;
    // Another content type: the fields count as absent (Q8: a TypeError).
    let form = send(
        http()
            .post(format!("{}/user/set_gender", demo.base_url()))
            .header("User-Agent", UA)
            .header("Cookie", &c)
            .header("Content-Type", "text/plain")
            .body("{\"gender\":\"male\"}"),
    )
    .await;
    is(&form, 400, "Parameter error.");
    let big = format!("{{\"nickname\":\"{}\"}}", "a".repeat(101 * 1024));
    is(
        &post(&demo, "/user/set_nickname", Some(&c), &big).await,
        500,
        "request entity too large",
    );
    // An array parses but carries no fields.
    let arr = post(
        &demo,
        "/user/set_nickname",
        Some(&c),
        r#"[{"nickname":"x"}]"#,
    )
    .await;
    is(&arr, 500, "Cannot read property 'replace' of undefined");
}

#[tokio::test]
async fn q7_empty_fields_in_key_order_and_ids_that_do_not_decode() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let c = cookie(&demo).await;
    let both = r#"{"newPassword":"","oldPassword":""}"#;
    is(
        &post(&demo, "/user/change_password", Some(&c), both).await,
        400,
        "Empty newPassword.",
    );
    let both = r#"{"oldPassword":null,"newPassword":""}"#;
    is(
        &post(&demo, "/user/change_password", Some(&c), both).await,
        400,
        "Empty oldPassword.",
    );
    let numeric = r#"{"friendId":10006}"#;
    is(
        &post(&demo, "/user/remove_from_blacklist", Some(&c), numeric).await,
        400,
        "Empty friendId.",
    );
    is(
        &post(&demo, "/user/set_gender", Some(&c), r#"{"gender":[]}"#).await,
        400,
        "Empty gender.",
    );
    is(
        &post(&demo, "/user/set_gender", Some(&c), r#"{"gender":"other"}"#).await,
        400,
        "Parameter error.",
    );
    // T1: password empty is checked, region and phone are exempt.
    let login = r#"{"region":"","phone":"","password":""}"#;
    is(
        &post(&demo, "/user/login", None, login).await,
        400,
        "Empty password.",
    );
    // Q8: an absent field is not validated.
    is(
        &post(
            &demo,
            "/user/change_password",
            Some(&c),
            r#"{"oldPassword":"x"}"#,
        )
        .await,
        500,
        "Cannot read property 'indexOf' of undefined",
    );
}

#[tokio::test]
async fn q9_and_q19_login_lookups() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let login = |phone: &str, region: &str| {
        format!(r#"{{"region":"{region}","phone":"{phone}","password":"P@ssw0rd"}}"#)
    };
    is(
        &post(&demo, "/user/login", None, &login("16600000000", "86")).await,
        400,
        "Invalid region and phone number.",
    );
    // `+86` passes the pattern but is looked up literally.
    is(
        &post(&demo, "/user/login", None, &login("13900000001", "+86")).await,
        200,
        r#"{"code":1000}"#,
    );
    is(
        &post(&demo, "/user/login", None, &login("+8613900000001", "86")).await,
        200,
        r#"{"code":1000}"#,
    );
    let wrong = r#"{"region":86,"phone":13900000001,"password":"bad"}"#;
    is(
        &post(&demo, "/user/login", None, wrong).await,
        200,
        r#"{"code":1001}"#,
    );
    let absent = r#"{"region":"86","phone":"13900000001"}"#;
    is(
        &post(&demo, "/user/login", None, absent).await,
        200,
        r#"{"code":1001}"#,
    );
}

#[tokio::test]
async fn q10_escaping_and_lengths() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let c = cookie(&demo).await;
    let lt32 = format!(r#"{{"nickname":"{}"}}"#, "<".repeat(32));
    is(
        &post(&demo, "/user/set_nickname", Some(&c), &lt32).await,
        200,
        r#"{"code":200}"#,
    );
    let me = get(&demo, "/user/DH7W1QuDp", Some(&c)).await;
    let me: Value = serde_json::from_str(&me.body).unwrap();
    assert_eq!(me["result"]["nickname"], "&lt;".repeat(8));
    let comment = r#"{"nickname":"<!-- x -->"}"#;
    is(
        &post(&demo, "/user/set_nickname", Some(&c), comment).await,
        400,
        "Invalid nickname length.",
    );
    let absent = post(&demo, "/user/set_portrait_uri", Some(&c), "{}").await;
    assert_eq!(absent.status, 500);
    let upper = r#"{"portraitUri":"HTTP://img.example.com/a"}"#;
    is(
        &post(&demo, "/user/set_portrait_uri", Some(&c), upper).await,
        400,
        "Invalid portraitUri format.",
    );
    let short = r#"{"portraitUri":"http://a.bc"}"#;
    is(
        &post(&demo, "/user/set_portrait_uri", Some(&c), short).await,
        400,
        "Invalid portraitUri length.",
    );
}

#[tokio::test]
async fn q11_routing_and_q15_logout_by_get() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    // The public list is exact.
    is(
        &post(&demo, "/User/Login", None, "{}").await,
        403,
        "Not loged in.",
    );
    is(
        &post(&demo, "/user/login/", None, "{}").await,
        403,
        "Not loged in.",
    );
    is(
        &get(&demo, "/no/such/route", None).await,
        403,
        "Not loged in.",
    );
    let c = cookie(&demo).await;
    let unknown = post(&demo, "/user/blacklist", Some(&c), "{}").await;
    assert_eq!(unknown.status, 404);
    assert!(
        unknown
            .body
            .contains("<pre>Cannot POST /user/blacklist</pre>")
    );
    // Matching ignores case and a trailing slash; ids keep their case.
    assert_eq!(get(&demo, "/USER/GROUPS/", Some(&c)).await.status, 200);
    let twin = get(&demo, "/User/kQ3zBt0AA", Some(&c)).await;
    assert!(twin.body.contains("Case Twin"), "{}", twin.body);
    is(
        &get(&demo, "/user/logout", Some(&c)).await,
        404,
        "Unknown user.",
    );
    is(
        &get(&demo, "/user/kq3zbt0aa", Some(&c)).await,
        404,
        "Unknown user.",
    );
    // T3 answers any method.
    is(
        &post(&demo, "/ping", None, "").await,
        200,
        r#"{"code":200}"#,
    );
}

#[tokio::test]
async fn screen_capture_quirks_q17_and_t16_storage() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let c = cookie(&demo).await;
    let as_string = r#"{"conversationType":"1","targetId":"TrpmMGHlX"}"#;
    is(
        &post(&demo, "/misc/get_screen_capture", Some(&c), as_string).await,
        200,
        r#"{"code":200,"result":{"status":0}}"#,
    );
    is(
        &post(
            &demo,
            "/misc/get_screen_capture",
            Some(&c),
            r#"{"conversationType":1,"targetId":""}"#,
        )
        .await,
        400,
        "Empty targetId.",
    );
    // Another type: stored first, then the 500, and nothing published.
    let odd = r#"{"conversationType":2,"targetId":"TrpmMGHlX","noticeStatus":7}"#;
    is(
        &post(&demo, "/misc/set_screen_capture", Some(&c), odd).await,
        500,
        "Cannot read property 'then' of undefined",
    );
    assert_eq!(demo.stored_screen_capture("2:TrpmMGHlX"), Some(json!(7)));
    assert!(demo.published().is_empty());
    let absent = r#"{"conversationType":1,"targetId":"TrpmMGHlX"}"#;
    assert_eq!(
        post(&demo, "/misc/set_screen_capture", Some(&c), absent)
            .await
            .status,
        500
    );
    // T17 takes numbers only.
    let string_type = r#"{"conversationType":"3","targetId":"ZGwMKFBoO"}"#;
    assert_eq!(
        post(&demo, "/misc/send_sc_msg", Some(&c), string_type)
            .await
            .status,
        500
    );
    // A private status is shared by the pair: stored under both ids, sorted.
    let on = r#"{"conversationType":"1","targetId":"TrpmMGHlX","noticeStatus":1}"#;
    is(
        &post(&demo, "/misc/set_screen_capture", Some(&c), on).await,
        200,
        r#"{"code":200}"#,
    );
    assert_eq!(
        demo.stored_screen_capture("1:DH7W1QuDp:TrpmMGHlX"),
        Some(json!(1))
    );
}

#[tokio::test]
async fn t18_answers_204_without_a_content_type_and_checks_the_query() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let latest = get(&demo, "/misc/latest_update?version=2.2.0", None).await;
    assert_eq!(
        (
            latest.status.as_u16(),
            latest.content_type,
            latest.body.as_str()
        ),
        (204, None, "")
    );
    for bad in [
        "",
        "?version=1.0.0&version=1.0.0",
        "?version=01.0.0",
        "?version==1.0.0",
        "?version=1.0",
    ] {
        is(
            &get(&demo, &format!("/misc/latest_update{bad}"), None).await,
            400,
            "Invalid version.",
        );
    }
    let raw = get(&demo, "/misc/client_version", None).await;
    assert!(raw.body.starts_with(r#"{"Android""#) && !raw.body.contains("code"));
    assert_eq!(
        raw.content_type.as_deref(),
        Some("application/json; charset=utf-8")
    );
}

#[tokio::test]
async fn t21_never_answers_a_message_rongcloud_rejects_q18() {
    let demo = SealtalkDemoServer::start().await.unwrap();
    let c = cookie(&demo).await;
    let bare = r#"{"conversationType":"PRIVATE","targetId":"TrpmMGHlX","objectName":"RC:TxtMsg","content":"你好"}"#;
    let hung = http()
        .post(format!("{}/misc/send_message", demo.base_url()))
        .header("User-Agent", UA)
        .header("Cookie", &c)
        .header("Content-Type", "application/json")
        .body(bare)
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(hung.unwrap_err().is_timeout());
    assert!(demo.published().is_empty());
    let empty = r#"{"conversationType":"PRIVATE","targetId":"TrpmMGHlX","objectName":"RC:TxtMsg","content":"","pushContent":""}"#;
    is(
        &post(&demo, "/misc/send_message", Some(&c), empty).await,
        400,
        "Empty content.",
    );
    let kind = r#"{"conversationType":"SYSTEM","targetId":"TrpmMGHlX","objectName":"RC:TxtMsg","content":"{}"}"#;
    is(
        &post(&demo, "/misc/send_message", Some(&c), kind).await,
        403,
        "Unsupported conversation type.",
    );
    is(
        &get(&demo, "/user/sync/1.5", Some(&c)).await,
        400,
        "Version parameter is not integer.",
    );
}

#[tokio::test]
async fn the_demo_listens_on_loopback_only() {
    let addr = std::net::SocketAddr::from(([0, 0, 0, 0], 0));
    assert!(SealtalkDemoServer::start_on(addr).await.is_err());
}
