//! The transcript, continued: the JSON endpoints with a token, paging and field checks, the protobuf endpoints.

use super::*;

pub(super) async fn record(t: &mut Transcript, vip: &DemoLogin, basic: &DemoLogin, big: &str) {
    // Fallbacks and methods.
    t.send("unknown path", t.req("GET", "/v1/nope")).await;
    t.send(
        "wrong method on a GET endpoint",
        t.req("POST", "/v1/user/info"),
    )
    .await;
    t.send(
        "wrong method on a POST endpoint",
        t.req("GET", "/v1/user/medal"),
    )
    .await;
    t.send("wrong method on misc", t.req("POST", "/v1/misc/setting"))
        .await;

    // JSON endpoints with a token: every refusal, then success, for both accounts.
    for &(path, good) in JSON_WITH_TOKEN {
        t.post_json(&format!("{path}: no token"), path, None, good)
            .await;
        t.send(
            &format!("{path}: blank token, no body"),
            t.req("POST", path).header("token", "  "),
        )
        .await;
        t.post_json(&format!("{path}: wrong token"), path, Some("nope"), good)
            .await;
        t.send(
            &format!("{path}: wrong token, not JSON"),
            t.req("POST", path).header("token", "nope").body("size=1"),
        )
        .await;
        t.send(
            &format!("{path}: no content type"),
            t.req("POST", path).header("token", &vip.token).body(good),
        )
        .await;
        t.post_json(
            &format!("{path}: not an object"),
            path,
            Some(&vip.token),
            "[1]",
        )
        .await;
        t.post_json(&format!("{path}: broken JSON"), path, Some(&vip.token), "{")
            .await;
        t.post_json(&format!("{path}: wrong types"), path, Some(&vip.token), r#"{"size":"2","page":"1","isOpen":"1","gender":"2","deviceId":3,"ignore":3,"category":1,"phone":1,"email":1,"captcha":1,"introduction":1}"#).await;
        t.post_json(
            &format!("{path}: empty object"),
            path,
            Some(&vip.token),
            "{}",
        )
        .await;
        t.post_json(&format!("{path}: too big, no token"), path, None, big)
            .await;
        t.post_json(&format!("{path}: too big"), path, Some(&vip.token), big)
            .await;
        t.post_json(
            &format!("{path}: basic account"),
            path,
            Some(&basic.token),
            good,
        )
        .await;
        t.post_json(
            &format!("{path}: VIP account"),
            path,
            Some(&vip.token),
            good,
        )
        .await;
    }
    // Paging and field checks.
    for body in [
        r#"{"size":0,"page":1}"#,
        r#"{"size":101,"page":1}"#,
        r#"{"size":5,"page":0}"#,
        r#"{"size":5,"page":1000}"#,
        r#"{"size":5.5,"page":1}"#,
        r#"{"size":null,"page":1}"#,
    ] {
        t.post_json(
            &format!("coin records {body}"),
            "/v1/user/gold-coin-increase-decrease-record",
            Some(&vip.token),
            body,
        )
        .await;
    }
    for body in [
        r#"{"category":"精选","keyword":"  ","size":3,"page":2}"#,
        r#"{"category":"nope","keyword":"","size":3,"page":1}"#,
        r#"{"category":"精选","keyword":"zzzz","size":3,"page":1}"#,
    ] {
        t.post_json(
            &format!("groups {body}"),
            "/v1/user/recommend-list",
            Some(&vip.token),
            body,
        )
        .await;
    }
    for body in [
        r#"{"gender":0,"locationCode":"110101"}"#,
        r#"{"gender":1,"locationCode":"11010"}"#,
        r#"{"gender":1,"locationCode":"110101","birthday":-1}"#,
        r#"{"gender":1,"locationCode":"110101","birthday":99999999999}"#,
    ] {
        t.post_json(
            &format!("save user data {body}"),
            "/v1/user/save-user-data",
            Some(&vip.token),
            body,
        )
        .await;
    }
    for body in [r#"{"isOpen":2}"#, r#"{"isOpen":0}"#] {
        t.post_json(
            &format!("notification {body}"),
            "/v1/user/notification-info",
            Some(&vip.token),
            body,
        )
        .await;
    }
    for body in [
        r#"{"ignore":"30"}"#,
        r#"{"ignore":",40"}"#,
        r#"{"ignore":""}"#,
        r#"{"ignore":",10,20,30"}"#,
    ] {
        t.post_json(
            &format!("module ignore {body}"),
            "/v1/user/module-ignore",
            Some(&vip.token),
            body,
        )
        .await;
    }

    // Protobuf endpoints: the order of refusals, and the request ids.
    for token in [None, Some("nope"), Some(vip.token.as_str())] {
        let who = token.unwrap_or("no token");
        let with = |r: RequestBuilder| match token {
            Some(tok) => r.header("token", tok),
            None => r,
        };
        t.send(
            &format!("user info, {who}"),
            with(t.req("GET", "/v1/user/info")),
        )
        .await;
        t.send(
            &format!("medals, {who}"),
            with(t.req("POST", "/v1/user/medal")),
        )
        .await;
        t.send(
            &format!("medals with a body, {who}"),
            with(t.req("POST", "/v1/user/medal")).body("garbage"),
        )
        .await;
        for path in [
            "/v1/user/get-user",
            "/v1/user/edit-nickname",
            "/v1/user/edit-avatar",
        ] {
            t.send(
                &format!("{path}, {who}, empty body"),
                with(t.req("POST", path)),
            )
            .await;
            t.send(
                &format!("{path}, {who}, wrong content type"),
                with(t.req("POST", path))
                    .header("content-type", "application/json")
                    .body("{}"),
            )
            .await;
            t.send(
                &format!("{path}, {who}, broken protobuf"),
                with(t.req("POST", path))
                    .header("content-type", "application/x-protobuf")
                    .body(vec![0xff, 0xff, 0xff]),
            )
            .await;
            t.send(
                &format!("{path}, {who}, too big"),
                with(t.req("POST", path))
                    .header("content-type", "application/x-protobuf")
                    .body(vec![0u8; BIG]),
            )
            .await;
        }
        t.send(
            &format!("get user, {who}, own id"),
            pb(
                with(t.req("POST", "/v1/user/get-user")),
                &proto::GetUserRequest { id: vip.id.clone() },
            ),
        )
        .await;
    }
    for id in [basic.id.as_str(), "0", ""] {
        t.send(
            &format!("get user {id:?}"),
            pb(
                t.req("POST", "/v1/user/get-user")
                    .header("token", &vip.token),
                &proto::GetUserRequest { id: id.into() },
            ),
        )
        .await;
    }
    for name in ["", "   ", "a\u{7}b", "长".repeat(100).as_str(), "  新名字 "] {
        t.send(
            &format!("nickname {name:?}"),
            pb(
                t.req("POST", "/v1/user/edit-nickname")
                    .header("token", &basic.token),
                &proto::EditNicknameRequest { name: name.into() },
            ),
        )
        .await;
    }
    for url in ["", "ftp://x/y.png", "https:///nohost", "https://x.cn/a.png"] {
        t.send(
            &format!("avatar {url:?}"),
            pb(
                t.req("POST", "/v1/user/edit-avatar")
                    .header("token", &basic.token),
                &proto::EditAvatarRequest { url: url.into() },
            ),
        )
        .await;
    }
    t.send(
        "user info after the edits",
        t.req("GET", "/v1/user/info").header("token", &basic.token),
    )
    .await;
}
