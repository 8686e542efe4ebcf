//! The transcript, continued: login and session; email codes, binding, changing, resetting.

use super::*;

pub(super) async fn record(
    t: &mut Transcript,
    handle: &DemoHandle,
    vip: &DemoLogin,
    basic: &DemoLogin,
) {
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
    let (id, text) = fresh(t, handle, 2).await;
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
    let (id, text) = fresh(t, handle, 3).await;
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
    let (id, text) = fresh(t, handle, 4).await;
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
    let (id, text) = fresh(t, handle, 5).await;
    t.post_json(
        "email code, bad address",
        "/v1/verification/get-email-verification-code",
        None,
        &format!(r#"{{"email":"a b@c.cn","typ":"","code":"{text}","id":"{id}"}}"#),
    )
    .await;
    let (id, text) = fresh(t, handle, 6).await;
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
    let (id, text) = fresh(t, handle, 7).await;
    t.post_json(
        "email code to a new address",
        "/v1/verification/get-email-verification-code",
        None,
        &format!(r#"{{"email":"New@Mail.cn","typ":"","code":"{text}","id":"{id}"}}"#),
    )
    .await;
    let (id, text) = fresh(t, handle, 8).await;
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
}
