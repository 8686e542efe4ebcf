//! The transcript, continued: misc; the upload host and CDN; fault control.

use super::*;

pub(super) async fn record(
    t: &mut Transcript,
    handle: &DemoHandle,
    vip: &DemoLogin,
    basic: &DemoLogin,
) {
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
}
