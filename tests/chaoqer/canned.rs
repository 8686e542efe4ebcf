//! A canned server for the chaoqer client: it answers each (method, path) with literal
//! bytes from the contract and records what it received. It shares nothing with the demo
//! gateway, so a mistake both made could not hide here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use yunhu_tui::api::chaoqer::model::Session;
use yunhu_tui::api::chaoqer::{ChaoqerClient, ChaoqerConfig};

/// The README's sample session (the contract's vectors use it).
pub const UID: &str = "2701a6fbd0464da99789c9ad1ca1c654";
pub const TOKEN: &str = "c184241930be43b5bc36812ce3de56b5";
pub const SECRET: &str = "e31bc25bcc6641a1a998eacb6ca9d244";
pub const AUTHORIZATION: &str = "Basic MjcwMWE2ZmJkMDQ2NGRhOTk3ODljOWFkMWNhMWM2NTQ6YzE4NDI0MTkzMGJlNDNiNWJjMzY4MTJjZTNkZTU2YjU=";

pub fn session() -> Session {
    Session {
        uid: UID.into(),
        access_token: TOKEN.into(),
        access_secret: SECRET.into(),
        expire_time: 1608207590160,
    }
}

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

    pub fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("a UTF-8 body")
    }
}

#[derive(Clone)]
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
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
    let body = axum::body::to_bytes(body, 1 << 20)
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
        None => (StatusCode::IM_A_TEAPOT, "not canned").into_response(),
        Some(a) => {
            let mut resp = (StatusCode::from_u16(a.status).unwrap(), a.body).into_response();
            resp.headers_mut().remove(header::CONTENT_TYPE);
            for (name, value) in a.headers {
                resp.headers_mut()
                    .append(name, HeaderValue::from_str(&value).unwrap());
            }
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

    pub fn answer(
        &self,
        method: &str,
        path: &str,
        status: u16,
        content_type: Option<&str>,
        body: &[u8],
    ) {
        let answer = Answer {
            status,
            headers: content_type
                .map(|t| vec![("content-type", t.to_owned())])
                .unwrap_or_default(),
            body: body.to_vec(),
        };
        self.inner
            .answers
            .lock()
            .unwrap()
            .insert((method.into(), path.into()), answer);
    }

    /// A JSON answer as the gateway sends it.
    pub fn json(&self, method: &str, path: &str, body: &str) {
        self.answer(method, path, 200, Some("application/json"), body.as_bytes());
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.inner.seen.lock().unwrap().clone()
    }

    pub fn last(&self) -> Seen {
        self.seen().pop().expect("a request was received")
    }

    /// A config whose `ts` is always `ts`.
    pub fn config(&self, ts: i64) -> ChaoqerConfig {
        let mut config = ChaoqerConfig::new(self.base.clone());
        config.timeout = Duration::from_secs(5);
        config.version_name = "0.4.0".into();
        config.version_code = 40;
        config.clock = Arc::new(move || ts);
        config
    }

    /// A client logged in with the README's sample session.
    pub fn client(&self, ts: i64) -> ChaoqerClient {
        ChaoqerClient::new(self.config(ts))
            .unwrap()
            .with_session(session())
    }

    pub fn anonymous(&self, ts: i64) -> ChaoqerClient {
        ChaoqerClient::new(self.config(ts)).unwrap()
    }
}
