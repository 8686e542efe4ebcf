//! Talks to the chaoqer (超圈) API gateway (`shared/spec/chaoqer-api.md`, Q1–Q24): signed
//! JSON over HTTP with a Basic header after login. Beside the other clients, sharing only
//! the transport helpers of [`super::transport`]; knows nothing of terminals.

mod account;
mod app;
mod client;
mod club;
mod endpoint;
mod envelope;
mod error;
mod event;
pub mod jpeg;
pub mod model;
pub mod paging;
pub mod sign;
mod user;

pub use account::REGISTERED_MESSAGE;
pub use app::{MAX_FEEDBACK, MAX_FEEDBACK_IMAGES, UP_TO_DATE};
pub use client::{ChaoqerClient, ChaoqerConfig, Clock, DEFAULT_TIMEOUT, VERSION_CODE};
pub use endpoint::Endpoint;
pub use error::ChaoqerError;
pub use user::{MAX_BIO, MAX_NICKNAME, java_len};

/// A path id: exactly 32 lower-case hex characters (anything else matches no route).
pub fn is_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}
