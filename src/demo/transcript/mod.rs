//! A transcript of the demo server's answers, byte for byte: every endpoint with no token, a
//! wrong token, a wrong content type, a bad body and a good one, plus the fallbacks, the
//! upload host, the CDN and the fault control. The snapshot pins the service's quirks (which
//! refusal wins when several apply, which envelope a refusal uses, the protobuf request ids)
//! so that reshaping the routes cannot change what a client sees.

use prost::Message;
use reqwest::{Method, RequestBuilder};

use super::{DemoHandle, DemoLogin, DemoServer, FaultMode, FaultPlan};

mod media;
mod requests;
mod session;
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

    requests::record(&mut t, &vip, &basic, &big).await;
    session::record(&mut t, &handle, &vip, &basic).await;
    media::record(&mut t, &handle, &vip, &basic).await;

    insta::assert_snapshot!(t.redact(&t.out));
}
