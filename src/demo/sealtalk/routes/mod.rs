//! The endpoints T1–T22, one module per section of the contract
//! (`shared/spec/sealtalk-api.md`). A route is found by (method, lower-cased path); the
//! generic empty check (Q7) runs before its handler; an unknown route is Express's 404 page.

mod lists;
mod messaging;
mod profile;
mod screen;
mod session;
mod versions;

use axum::response::Response;

use super::pipeline::{Call, empty_check};
use super::reply;
use super::state::Shared;

/// What a handler does with the request.
pub enum Outcome {
    Answer(Response),
    /// Never answers: what the server does when RongCloud rejects a message (Q18).
    Hang,
}

impl From<Response> for Outcome {
    fn from(r: Response) -> Self {
        Outcome::Answer(r)
    }
}

pub type Handler = fn(&Shared, &Call) -> Outcome;

pub fn dispatch(state: &Shared, call: &Call) -> Outcome {
    let handler = session::find(call)
        .or_else(|| lists::find(call))
        .or_else(|| screen::find(call))
        .or_else(|| versions::find(call))
        .or_else(|| messaging::find(call))
        // Last: any other `GET /user/<word>` is T4 (Q11, Q15).
        .or_else(|| profile::find(call));
    match handler {
        None => reply::express_404(call.method.as_str(), &call.path).into(),
        Some(handler) => match empty_check(call) {
            Some(refusal) => refusal.into(),
            None => handler(state, call),
        },
    }
}

/// The signed-in user's id (every non-public route has one: the pipeline checked it).
fn me(call: &Call) -> u32 {
    call.user.unwrap_or_default()
}

/// A JavaScript TypeError on an absent field (Q8).
fn type_error(property: &str) -> Response {
    reply::server_error(&format!("Cannot read property '{property}' of undefined"))
}

/// ISO-8601 UTC with milliseconds, as Sequelize writes `updatedAt`.
fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_default()
}
