//! Fault injection: added latency, a failure rate and forced failure modes, settable from
//! tests (`DemoHandle::set_faults`), from flags, and at run time (`POST /__demo/faults`).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::reply::{Answer, Reply};
use super::state::{RecordedRequest, SharedState};

/// How a failing request fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum FaultMode {
    /// HTTP 500 with a short text body.
    #[default]
    Http500,
    /// HTTP 502 with an nginx-style HTML page.
    Html502,
    /// The real answer, cut in half (a broken protobuf or JSON).
    Truncated,
    /// HTTP 200 with random bytes (never starting with `{`).
    RandomBytes,
    /// No answer until long past any client timeout.
    Hang,
    /// JSON `{"code":-101,"msg":"未登录"}`.
    NotLoggedIn,
    /// A JSON success envelope whose `data` has the wrong type.
    WrongTypes,
    /// The connection drops in the middle of the answer: the server went away.
    Disconnect,
}

/// What the demo server does to requests. The default does nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FaultPlan {
    /// Added before every affected request is answered.
    pub latency_ms: u64,
    /// Probability (0–1) that an affected request fails with `mode`.
    pub fail_rate: f64,
    pub mode: FaultMode,
    /// Only requests whose path starts with this are affected.
    pub path_prefix: Option<String>,
    /// After this many injected failures the server answers normally again.
    pub max_failures: Option<u32>,
}

impl Default for FaultPlan {
    fn default() -> Self {
        FaultPlan {
            latency_ms: 0,
            fail_rate: 0.0,
            mode: FaultMode::Http500,
            path_prefix: None,
            max_failures: None,
        }
    }
}

impl FaultPlan {
    /// Every request fails with `mode`.
    pub fn always(mode: FaultMode) -> Self {
        FaultPlan {
            fail_rate: 1.0,
            mode,
            ..FaultPlan::default()
        }
    }

    pub fn only(mut self, path_prefix: &str) -> Self {
        self.path_prefix = Some(path_prefix.to_owned());
        self
    }

    pub fn times(mut self, n: u32) -> Self {
        self.max_failures = Some(n);
        self
    }

    pub fn with_latency(mut self, ms: u64) -> Self {
        self.latency_ms = ms;
        self
    }

    fn affects(&self, path: &str) -> bool {
        self.path_prefix
            .as_deref()
            .is_none_or(|p| path.starts_with(p))
    }
}

pub type SharedFaults = Arc<Mutex<FaultPlan>>;

/// How long a hanging request waits: far past any sensible client timeout.
const HANG: Duration = Duration::from_secs(3600);
/// Request bodies above this are refused (the avatar upload is the largest).
pub(crate) const MAX_BODY: usize = 64 * 1024 * 1024;

/// `GET|POST /__demo/faults`: read or replace the fault plan of a running demo server.
pub(crate) fn control_router(faults: SharedFaults) -> Router {
    Router::new()
        .route("/__demo/faults", get(read_plan).post(write_plan))
        .with_state(faults)
}

async fn read_plan(State(f): State<SharedFaults>) -> Response {
    let plan = f.lock().map(|p| p.clone()).unwrap_or_default();
    Json(plan).into_response()
}

async fn write_plan(State(f): State<SharedFaults>, body: Bytes) -> Answer {
    let plan = serde_json::from_slice::<FaultPlan>(&body)
        .map_err(|e| Reply::bad_request(e.to_string()))?;
    if let Ok(mut current) = f.lock() {
        *current = plan.clone();
    }
    Ok(Json(plan).into_response())
}

pub(crate) const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// The one middleware of the demo: records the request, then applies the fault plan.
pub(crate) async fn middleware(
    State((state, faults)): State<(SharedState, SharedFaults)>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    if path.starts_with("/__demo/") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "body too large").into_response();
    };
    state.record(RecordedRequest::new(&parts, bytes.clone()));
    let req = Request::from_parts(parts, Body::from(bytes));

    // Decide under the lock, act after it: the lock is never held across an await.
    let (latency, failure) = {
        let Ok(mut plan) = faults.lock() else {
            return (StatusCode::INTERNAL_SERVER_ERROR, "fault plan poisoned").into_response();
        };
        if !plan.affects(&path) {
            (0, None)
        } else {
            let fails = plan.fail_rate > 0.0
                && plan.max_failures != Some(0)
                && rand::rng().random_bool(plan.fail_rate.clamp(0.0, 1.0));
            if fails && let Some(n) = plan.max_failures.as_mut() {
                *n -= 1;
            }
            (plan.latency_ms, fails.then_some(plan.mode))
        }
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let Some(mode) = failure else {
        return next.run(req).await;
    };
    tracing::info!(%path, ?mode, "demo: injecting a fault");
    match mode {
        FaultMode::Http500 => {
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response()
        }
        FaultMode::Html502 => {
            let mut resp = (StatusCode::BAD_GATEWAY, HTML_502).into_response();
            resp.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
            resp
        }
        FaultMode::NotLoggedIn => Reply::not_logged_in().into_response(),
        FaultMode::Hang => {
            tokio::time::sleep(HANG).await;
            (StatusCode::GATEWAY_TIMEOUT, "hung").into_response()
        }
        FaultMode::RandomBytes => {
            let mut rng = rand::rng();
            let len = rng.random_range(8..64);
            let mut bytes: Vec<u8> = (0..len).map(|_| rng.random()).collect();
            // A leading `{` or whitespace would be sniffed as JSON: keep it protobuf-looking.
            bytes[0] = 0xff;
            let mut resp = Response::new(Body::from(bytes));
            resp.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-protobuf"),
            );
            resp
        }
        FaultMode::Truncated => {
            let resp = next.run(req).await;
            let (parts, body) = resp.into_parts();
            let full = axum::body::to_bytes(body, MAX_BODY)
                .await
                .unwrap_or_default();
            let cut = full.slice(..full.len() / 2);
            let mut resp = Response::from_parts(parts, Body::from(cut));
            resp.headers_mut().remove(header::CONTENT_LENGTH);
            resp
        }
        FaultMode::Disconnect => {
            // Headers go out, then the body fails: hyper aborts the connection.
            let gone = futures::stream::once(async {
                Err::<bytes::Bytes, std::io::Error>(std::io::Error::other("the server went away"))
            });
            let mut resp = Response::new(Body::from_stream(gone));
            resp.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            resp
        }
        FaultMode::WrongTypes => {
            // A string where every endpoint expects an object (or protobuf).
            let body = serde_json::json!({"code": 1, "msg": "success", "data": "wrong type"});
            Json(body).into_response()
        }
    }
}
