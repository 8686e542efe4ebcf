//! The canned server both contract suites use (SealTalk's and chaoqer's): it answers each
//! (method, path) with literal bytes and records what it received. It shares nothing with
//! the demo servers, so a mistake a client and its demo both made could not hide. Each
//! suite adds its service's answers and clients in its own `canned.rs`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The largest body it takes (the clients' own caps are what is tested, not this).
const MAX_BODY: usize = 1 << 26;

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
    let body = axum::body::to_bytes(body, MAX_BODY)
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
        headers: &[(&'static str, &str)],
        body: &[u8],
    ) {
        let answer = Answer {
            status,
            headers: headers.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
            body: body.to_vec(),
        };
        self.inner
            .answers
            .lock()
            .unwrap()
            .insert((method.into(), path.into()), answer);
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.inner.seen.lock().unwrap().clone()
    }

    pub fn last(&self) -> Seen {
        self.seen().pop().expect("a request was received")
    }
}
