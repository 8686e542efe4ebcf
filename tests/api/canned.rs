//! A canned server for checking the client against the spec itself: it answers each
//! (method, path) with literal bytes from the spec and seeds, and records what it received.
//! It shares nothing with the demo server, so a mistake both made could not hide here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use yunhu_tui::api::{ApiClient, ClientConfig};

pub const TOKEN: &str = "tok-7f3a";
pub const DEVICE: &str = "dev-0001";

#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

#[derive(Clone)]
struct Answer {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    delay: Duration,
}

#[derive(Clone, Default)]
struct Inner {
    answers: Arc<Mutex<HashMap<(String, String), Answer>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

pub struct Canned {
    pub base: String,
    inner: Inner,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Canned {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(State(inner): State<Inner>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, 1 << 26)
        .await
        .unwrap_or_default();
    let key = (parts.method.to_string(), parts.uri.path().to_owned());
    inner.seen.lock().unwrap().push(Seen {
        method: key.0.clone(),
        path: key.1.clone(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers.clone(),
        body,
    });
    let answer = inner.answers.lock().unwrap().get(&key).cloned();
    match answer {
        None => (StatusCode::NOT_FOUND, "404 page not found").into_response(),
        Some(a) => {
            if !a.delay.is_zero() {
                tokio::time::sleep(a.delay).await;
            }
            let mut resp = (StatusCode::from_u16(a.status).unwrap(), a.body).into_response();
            resp.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(a.content_type),
            );
            resp
        }
    }
}

impl Canned {
    pub async fn start() -> Canned {
        let inner = Inner::default();
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Canned { base, inner, task }
    }

    fn set(&self, method: &str, path: &str, answer: Answer) {
        self.inner
            .answers
            .lock()
            .unwrap()
            .insert((method.into(), path.into()), answer);
    }

    pub fn json(&self, method: &str, path: &str, body: &str) {
        self.set(
            method,
            path,
            Answer {
                status: 200,
                content_type: "application/json",
                body: body.into(),
                delay: Duration::ZERO,
            },
        );
    }

    pub fn proto(&self, method: &str, path: &str, body: Vec<u8>) {
        self.set(
            method,
            path,
            Answer {
                status: 200,
                content_type: "application/x-protobuf",
                body,
                delay: Duration::ZERO,
            },
        );
    }

    pub fn raw(
        &self,
        method: &str,
        path: &str,
        status: u16,
        content_type: &'static str,
        body: &[u8],
    ) {
        self.set(
            method,
            path,
            Answer {
                status,
                content_type,
                body: body.to_vec(),
                delay: Duration::ZERO,
            },
        );
    }

    pub fn slow(&self, method: &str, path: &str, delay: Duration) {
        self.set(
            method,
            path,
            Answer {
                status: 200,
                content_type: "application/json",
                body: b"{\"code\":1}".to_vec(),
                delay,
            },
        );
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.inner.seen.lock().unwrap().clone()
    }

    pub fn last(&self) -> Seen {
        self.seen().pop().expect("a request was received")
    }

    pub fn config(&self) -> ClientConfig {
        ClientConfig {
            base_url: self.base.clone(),
            upload_url: format!("{}/qiniu-upload", self.base),
            image_base: "https://chat-img.jwznb.com/".into(),
            timeout: Duration::from_secs(5),
            device_id: DEVICE.into(),
            platform: "linux".into(),
        }
    }

    pub fn client(&self) -> ApiClient {
        ApiClient::new(self.config())
            .unwrap()
            .with_token(Some(TOKEN.into()))
    }
}

/// Decodes the hex of a vector, ignoring whitespace.
pub fn hex(s: &str) -> Vec<u8> {
    let clean: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..clean.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&clean[i..i + 2], 16).unwrap())
        .collect()
}
