//! A transcript of the demo server's answers, byte for byte: every endpoint with no token, a
//! wrong token, a wrong content type, a bad body and a good one, plus the fallbacks, the
//! upload host, the CDN and the fault control. The snapshot pins the service's quirks (which
//! refusal wins when several apply, which envelope a refusal uses, the protobuf request ids)
//! so that reshaping the routes cannot change what a client sees.

use prost::Message;
use reqwest::{Method, RequestBuilder};

use super::{DemoHandle, DemoServer, FaultMode, FaultPlan};
use crate::proto;

/// A JSON body of the wrong type: big enough to pass the middleware (64 MB) but not axum's
/// default body limit (2 MB).
const BIG: usize = 3 * 1024 * 1024;

struct Transcript {
    http: reqwest::Client,
    base: String,
    out: String,
    /// Values that change from run to run, and what to print instead.
    secrets: Vec<(String, String)>,
}

impl Transcript {
    fn req(&self, method: &str, path: &str) -> RequestBuilder {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        self.http.request(method, format!("{}{path}", self.base))
    }

    /// POSTs a JSON body, with a token when given.
    async fn post_json(
        &mut self,
        label: &str,
        path: &str,
        token: Option<&str>,
        body: &str,
    ) -> Vec<u8> {
        let mut req = self.req("POST", path);
        if let Some(token) = token {
            req = req.header("token", token);
        }
        self.send(label, json(req, body)).await
    }

    fn secret(&mut self, value: &str, label: &str) {
        if !value.is_empty() {
            self.secrets.push((value.to_owned(), label.to_owned()));
        }
    }

    /// Sends, records, and returns the body.
    async fn send(&mut self, label: &str, req: RequestBuilder) -> Vec<u8> {
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let protobuf = resp
            .headers()
            .get("content-type")
            .is_some_and(|ct| ct.as_bytes().starts_with(b"application/x-protobuf"));
        let body = resp.bytes().await.unwrap().to_vec();
        let shown = match std::str::from_utf8(&body) {
            Ok(text) if !protobuf => text.to_owned(),
            _ => format!(
                "hex {}",
                body.iter().map(|b| format!("{b:02x}")).collect::<String>()
            ),
        };
        // A captcha picture is random, and so is its length.
        let picture = shown.contains("data:image/png;base64,");
        let mut headers: Vec<String> = headers
            .iter()
            .filter(|(name, _)| *name != "date" && !(picture && *name == "content-length"))
            .map(|(name, value)| format!("{name}: {}", String::from_utf8_lossy(value.as_bytes())))
            .collect();
        headers.sort();
        let text = format!("## {label}\n{status}\n{}\n{shown}\n\n", headers.join("\n"));
        self.out.push_str(&text);
        body
    }

    fn redact(&self, text: &str) -> String {
        let mut text = text.replace(&self.base, "http://DEMO");
        for (value, label) in &self.secrets {
            text = text.replace(value.as_str(), label);
        }
        // Timestamps written by the server now.
        let now = chrono::Utc::now().timestamp();
        let mut out = String::with_capacity(text.len());
        let mut digits = String::new();
        let flush = |digits: &mut String, out: &mut String| {
            let recent = digits.len() == 10
                && digits
                    .parse::<i64>()
                    .is_ok_and(|t| (t - now).abs() < 86_400);
            out.push_str(if recent { "<now>" } else { digits.as_str() });
            digits.clear();
        };
        for c in text.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else {
                flush(&mut digits, &mut out);
                out.push(c);
            }
        }
        flush(&mut digits, &mut out);
        out
    }
}

fn json(req: RequestBuilder, body: &str) -> RequestBuilder {
    req.header("content-type", "application/json")
        .body(body.to_owned())
}

fn pb(req: RequestBuilder, msg: &impl Message) -> RequestBuilder {
    req.header("content-type", "application/x-protobuf")
        .body(msg.encode_to_vec())
}

/// A new captcha: its id and its text.
async fn fresh(t: &mut Transcript, handle: &DemoHandle, n: usize) -> (String, String) {
    let body = t.send("captcha", t.req("POST", "/v1/user/captcha")).await;
    let (id, png) = (field(&body, "/data/id"), field(&body, "/data/b64s"));
    t.secret(&png, "<png>");
    t.secret(&id, &format!("<captcha {n}>"));
    let text = handle.captcha_text(&id).unwrap_or_default();
    (id, text)
}

fn field(body: &[u8], pointer: &str) -> String {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            v.pointer(pointer)
                .and_then(|s| s.as_str().map(str::to_owned))
        })
        .unwrap_or_default()
}

/// The JSON endpoints that need a token, each with a body that succeeds.
const JSON_WITH_TOKEN: &[(&str, &str)] = &[
    ("/v1/user/get-user-data", "{}"),
    (
        "/v1/user/save-user-data",
        r#"{"introduction":"hi","gender":2,"birthday":946684800,"province":"北京","city":"北京","district":"东城","locationCode":"110101"}"#,
    ),
    (
        "/v1/user/gold-coin-increase-decrease-record",
        r#"{"size":2,"page":1}"#,
    ),
    (
        "/v1/user/recommend-category-list",
        r#"{"appChannel":"default"}"#,
    ),
    (
        "/v1/user/recommend-list",
        r#"{"category":"精选","keyword":"","size":2,"page":1}"#,
    ),
    ("/v1/user/recommend", "{}"),
    (
        "/v1/user/notification-status",
        r#"{"deviceId":"dev","registrationId":""}"#,
    ),
    ("/v1/user/notification-info", r#"{"isOpen":1,"type":2}"#),
    ("/v1/user/module-ignore-info", r#"{"deviceId":"dev"}"#),
    (
        "/v1/user/module-ignore",
        r#"{"deviceId":"dev","ignore":",30,20"}"#,
    ),
    (
        "/v1/user/bing-phone",
        r#"{"phone":"13800000000","captcha":"1"}"#,
    ),
    ("/v1/user/bing-email", r#"{"email":"a@b.cn","captcha":"1"}"#),
    (
        "/v1/user/change-phone-check",
        r#"{"phone":"13800000000","captcha":"1"}"#,
    ),
    (
        "/v1/user/change-email-check",
        r#"{"email":"a@b.cn","captcha":"1"}"#,
    ),
    ("/v1/user/get-user-show-adv", "{}"),
];

#[tokio::test]
async fn every_answer_is_as_recorded() {
    let server = DemoServer::start().await.unwrap();
    let handle = server.handle();
    let logins = handle.logins();
    let (vip, basic) = (logins[0].clone(), logins[1].clone());
    let mut t = Transcript {
        http: reqwest::Client::builder().no_proxy().build().unwrap(),
        base: server.base_url(),
        out: String::new(),
        secrets: Vec::new(),
    };
    let big = format!("{{\"x\":\"{}\"}}", "y".repeat(BIG));

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
        t.post_json(&format!("{path}: too big, no token"), path, None, &big)
            .await;
        t.post_json(&format!("{path}: too big"), path, Some(&vip.token), &big)
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

    // Login and session.
    let captcha = t.send("captcha", t.req("POST", "/v1/user/captcha")).await;
    let (id, png) = (field(&captcha, "/data/id"), field(&captcha, "/data/b64s"));
    t.secret(&png, "<png>");
    t.secret(&id, "<captcha 1>");
    t.send("captcha, wrong method", t.req("GET", "/v1/user/captcha"))
        .await;
    let text = handle.captcha_text(&id).unwrap_or_default();
    for (label, body) in [
        ("sms code, not JSON", String::from("mobile=1")),
        (
            "sms code, wrong captcha id",
            r#"{"mobile":"13800000000","code":"x","id":"nope"}"#.into(),
        ),
        (
            "sms code, wrong captcha text (uses it up)",
            format!(r#"{{"mobile":"13800000000","code":"{text}x","id":"{id}"}}"#),
        ),
        (
            "sms code, right text of a used captcha",
            format!(r#"{{"mobile":"13800000000","code":"{text}","id":"{id}"}}"#),
        ),
    ] {
        let req = if body.starts_with('{') {
            json(
                t.req("POST", "/v1/verification/get-verification-code"),
                &body,
            )
        } else {
            t.req("POST", "/v1/verification/get-verification-code")
                .body(body)
        };
        t.send(label, req).await;
    }
    let (id, text) = fresh(&mut t, &handle, 2).await;
    t.post_json(
        "sms code, bad phone",
        "/v1/verification/get-verification-code",
        None,
        &format!(
            r#"{{"mobile":"2380000000","code":"{}","id":"{id}"}}"#,
            text.to_lowercase()
        ),
    )
    .await;
    let (id, text) = fresh(&mut t, &handle, 3).await;
    t.post_json(
        "sms code to the VIP phone",
        "/v1/verification/get-verification-code",
        None,
        &format!(
            r#"{{"mobile":"{}","code":" {text} ","id":"{id}"}}"#,
            vip.phone
        ),
    )
    .await;
    let (id, text) = fresh(&mut t, &handle, 4).await;
    t.post_json(
        "sms code to a new phone",
        "/v1/verification/get-verification-code",
        None,
        &format!(r#"{{"mobile":"13900000001","code":"{text}","id":"{id}"}}"#),
    )
    .await;
    for (label, body) in [
        (
            "sms login, wrong code",
            format!(r#"{{"mobile":"{}","captcha":"000000"}}"#, vip.phone),
        ),
        (
            "sms login, no code sent",
            r#"{"mobile":"13911111111","captcha":"123456"}"#.into(),
        ),
        (
            "sms login, unregistered",
            r#"{"mobile":"13900000001","captcha":"123456"}"#.into(),
        ),
        (
            "sms login, wrong type",
            r#"{"mobile":13900000001,"captcha":"123456"}"#.into(),
        ),
        (
            "sms login",
            format!(r#"{{"mobile":"{}","captcha":" 123456 "}}"#, vip.phone),
        ),
        (
            "sms login, code used",
            format!(r#"{{"mobile":"{}","captcha":"123456"}}"#, vip.phone),
        ),
    ] {
        let body = t
            .send(
                label,
                json(t.req("POST", "/v1/user/verification-login"), &body),
            )
            .await;
        let token = field(&body, "/data/token");
        t.secret(&token, "<sms token>");
    }
    let mut tokens = Vec::new();
    for (label, body) in [
        (
            "email login, wrong password",
            format!(r#"{{"email":"{}","password":"x"}}"#, vip.email),
        ),
        (
            "email login, unknown",
            r#"{"email":"no@body.cn","password":"x"}"#.into(),
        ),
        ("email login, not JSON", "x".into()),
        (
            "email login, upper case",
            format!(
                r#"{{"email":" {} ","password":"{}"}}"#,
                vip.email.to_uppercase(),
                vip.password
            ),
        ),
        (
            "email login, basic",
            format!(
                r#"{{"email":"{}","password":"{}"}}"#,
                basic.email, basic.password
            ),
        ),
    ] {
        let body = t
            .send(label, json(t.req("POST", "/v1/user/email-login"), &body))
            .await;
        let token = field(&body, "/data/token");
        t.secret(&token, &format!("<email token {}>", tokens.len() + 1));
        tokens.push(token);
    }
    let session = tokens
        .into_iter()
        .rfind(|tok| !tok.is_empty())
        .unwrap_or_default();
    for (label, token, body) in [
        ("logout, no token", "", "{}"),
        ("logout, wrong token", "nope", "{}"),
        ("logout, not JSON", session.as_str(), "x"),
        ("logout", session.as_str(), r#"{"device-id":"dev"}"#),
        ("logout again", session.as_str(), "{}"),
    ] {
        let mut req = t.req("POST", "/v1/user/logout").header("token", token);
        req = if body.starts_with('{') {
            json(req, body)
        } else {
            req.body(body)
        };
        t.send(label, req).await;
    }
    t.send(
        "bots after logout",
        t.req("POST", "/v1/user/recommend")
            .header("token", &session),
    )
    .await;

    // Email codes, binding, changing, resetting.
    let (id, text) = fresh(&mut t, &handle, 5).await;
    t.post_json(
        "email code, bad address",
        "/v1/verification/get-email-verification-code",
        None,
        &format!(r#"{{"email":"a b@c.cn","typ":"","code":"{text}","id":"{id}"}}"#),
    )
    .await;
    let (id, text) = fresh(&mut t, &handle, 6).await;
    t.post_json(
        "email code, reset for nobody",
        "/v1/verification/get-email-verification-code",
        None,
        &format!(r#"{{"email":"no@body.cn","typ":"forget_password","code":"{text}","id":"{id}"}}"#),
    )
    .await;
    t.post_json(
        "email code, wrong captcha",
        "/v1/verification/get-email-verification-code",
        None,
        r#"{"email":"new@mail.cn","typ":"","code":"x","id":"nope"}"#,
    )
    .await;
    let (id, text) = fresh(&mut t, &handle, 7).await;
    t.post_json(
        "email code to a new address",
        "/v1/verification/get-email-verification-code",
        None,
        &format!(r#"{{"email":"New@Mail.cn","typ":"","code":"{text}","id":"{id}"}}"#),
    )
    .await;
    let (id, text) = fresh(&mut t, &handle, 8).await;
    t.post_json(
        "email code for a reset",
        "/v1/verification/get-email-verification-code",
        None,
        &format!(
            r#"{{"email":"{}","typ":"forget_password","code":"{text}","id":"{id}"}}"#,
            basic.email
        ),
    )
    .await;
    let taken = format!(r#"{{"email":"{}","captcha":"654321"}}"#, vip.email);
    for (label, token, path, body) in [
        (
            "bind email, already bound",
            &vip.token,
            "/v1/user/bing-email",
            r#"{"email":"new@mail.cn","captcha":"654321"}"#,
        ),
        (
            "bind email, wrong code",
            &basic.token,
            "/v1/user/bing-email",
            r#"{"email":"new@mail.cn","captcha":"1"}"#,
        ),
        (
            "change email, taken",
            &basic.token,
            "/v1/user/change-email-check",
            taken.as_str(),
        ),
        (
            "change email",
            &vip.token,
            "/v1/user/change-email-check",
            r#"{"email":" new@mail.cn ","captcha":"654321"}"#,
        ),
        (
            "change email, code used",
            &vip.token,
            "/v1/user/change-email-check",
            r#"{"email":"new@mail.cn","captcha":"654321"}"#,
        ),
        (
            "bind phone, bad phone",
            &basic.token,
            "/v1/user/bing-phone",
            r#"{"phone":"123","captcha":"123456"}"#,
        ),
        (
            "bind phone",
            &basic.token,
            "/v1/user/bing-phone",
            r#"{"phone":"13900000001","captcha":"123456"}"#,
        ),
        (
            "change phone, taken",
            &vip.token,
            "/v1/user/change-phone-check",
            r#"{"phone":"13900000001","captcha":"123456"}"#,
        ),
    ] {
        t.post_json(label, path, Some(token), body).await;
    }
    for (label, body) in [
        ("reset, not JSON", "x".to_owned()),
        (
            "reset, wrong code",
            format!(
                r#"{{"email":"{}","captcha":"1","password":"secret1"}}"#,
                basic.email
            ),
        ),
        (
            "reset, short",
            format!(
                r#"{{"email":"{}","captcha":"654321","password":"12345"}}"#,
                basic.email
            ),
        ),
        (
            "reset, nobody",
            r#"{"email":"no@body.cn","captcha":"654321","password":"secret1"}"#.into(),
        ),
        (
            "reset",
            format!(
                r#"{{"email":"{}","captcha":"654321","password":"secret1"}}"#,
                basic.email.to_uppercase()
            ),
        ),
        (
            "reset, code used",
            format!(
                r#"{{"email":"{}","captcha":"654321","password":"secret2"}}"#,
                basic.email
            ),
        ),
        (
            "login with the new password",
            format!(r#"{{"email":"{}","password":"secret1"}}"#, basic.email),
        ),
    ] {
        let path = if label.starts_with("login") {
            "/v1/user/email-login"
        } else {
            "/v1/user/forget-password"
        };
        let req = if body.starts_with('{') {
            json(t.req("POST", path), &body)
        } else {
            t.req("POST", path).body(body)
        };
        let body = t.send(label, req).await;
        let token = field(&body, "/data/token");
        t.secret(&token, "<reset token>");
    }
    t.send(
        "user info after the contact changes",
        t.req("GET", "/v1/user/info").header("token", &vip.token),
    )
    .await;

    // Misc.
    for path in [
        "/v1/misc/configure-distribution",
        "/v1/misc/qiniu-token",
        "/v1/misc/setting",
        "/v1/misc/gray-status",
    ] {
        t.send(&format!("{path}, no token"), t.req("GET", path))
            .await;
        t.send(
            &format!("{path}, wrong token"),
            t.req("GET", path).header("token", "nope"),
        )
        .await;
        let body = t
            .send(path, t.req("GET", path).header("token", &basic.token))
            .await;
        let token = field(&body, "/data/token");
        t.secret(&token, "<upload token 1>");
    }
    for query in [
        "",
        "?platform=windows",
        "?platform=macos&userId=1",
        "?platform=nope",
        "?platform=a&platform=b",
        "?%zz",
    ] {
        t.send(
            &format!("auto update {query}"),
            t.req("GET", &format!("/v1/misc/auto-update{query}")),
        )
        .await;
    }

    // Upload host and CDN.
    let body = t
        .send(
            "upload token",
            t.req("GET", "/v1/misc/qiniu-token")
                .header("token", &vip.token),
        )
        .await;
    let upload = field(&body, "/data/token");
    t.secret(&upload, "<upload token 2>");
    let png = vec![0x89, b'P', b'N', b'G', 1, 2, 3];
    let form = |token: &str, key: Option<&str>, file: Option<Vec<u8>>| {
        let mut form = reqwest::multipart::Form::new().text("token", token.to_owned());
        if let Some(key) = key {
            form = form.text("key", key.to_owned());
        }
        if let Some(file) = file {
            let part = reqwest::multipart::Part::bytes(file)
                .file_name("a.png")
                .mime_str("image/png")
                .unwrap();
            form = form.part("file", part);
        }
        form
    };
    t.send("upload, not multipart", t.req("POST", "/").body("x"))
        .await;
    t.send(
        "upload, no file",
        t.req("POST", "/")
            .multipart(form(&upload, Some("k.png"), None)),
    )
    .await;
    t.send(
        "upload, wrong token",
        t.req("POST", "/")
            .multipart(form("nope", Some("k.png"), Some(png.clone()))),
    )
    .await;
    t.send(
        "upload, empty file",
        t.req("POST", "/")
            .multipart(form(&upload, Some("k.png"), Some(Vec::new()))),
    )
    .await;
    t.send(
        "upload",
        t.req("POST", "/")
            .multipart(form(&upload, Some("k.png"), Some(png.clone()))),
    )
    .await;
    let body = t
        .send(
            "upload, key with a slash",
            t.req("POST", "/")
                .multipart(form(&upload, Some("a/b.png"), Some(png.clone()))),
        )
        .await;
    let key = field(&body, "/key");
    t.secret(&key, "<random key>");
    t.send("image, no referer", t.req("GET", "/img/k.png"))
        .await;
    t.send(
        "image, wrong referer",
        t.req("GET", "/img/k.png")
            .header("referer", "http://example.com/"),
    )
    .await;
    t.send(
        "image",
        t.req("GET", "/img/k.png")
            .header("referer", "http://myapp.jwznb.com/x"),
    )
    .await;
    t.send(
        "image, unknown key",
        t.req("GET", "/img/nope.png")
            .header("referer", "http://myapp.jwznb.com"),
    )
    .await;
    t.send(
        "image, wrong method",
        t.req("POST", "/img/k.png")
            .header("referer", "http://myapp.jwznb.com"),
    )
    .await;

    // Fault control and the faults that answer something.
    t.send("fault plan", t.req("GET", "/__demo/faults")).await;
    t.send(
        "fault plan, bad",
        t.req("POST", "/__demo/faults")
            .body(r#"{"mode":"nonsense"}"#),
    )
    .await;
    for mode in [
        FaultMode::NotLoggedIn,
        FaultMode::Http500,
        FaultMode::Html502,
        FaultMode::WrongTypes,
        FaultMode::Truncated,
    ] {
        handle.set_faults(FaultPlan::always(mode).only("/v1/user/"));
        t.send(
            &format!("{mode:?} on a protobuf endpoint"),
            t.req("GET", "/v1/user/info").header("token", &vip.token),
        )
        .await;
        t.post_json(
            &format!("{mode:?} on a JSON endpoint"),
            "/v1/user/gold-coin-increase-decrease-record",
            Some(&vip.token),
            r#"{"size":1,"page":1}"#,
        )
        .await;
        t.send(
            &format!("{mode:?} elsewhere"),
            t.req("GET", "/v1/misc/gray-status"),
        )
        .await;
    }
    handle.clear_faults();
    t.send(
        "fault plan, set",
        t.req("POST", "/__demo/faults")
            .body(r#"{"failRate":0.0,"latencyMs":1,"pathPrefix":"/x"}"#),
    )
    .await;
    t.send("fault plan, read", t.req("GET", "/__demo/faults"))
        .await;

    insta::assert_snapshot!(t.redact(&t.out));
}
