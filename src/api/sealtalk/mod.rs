//! Talks to a self-hosted SealTalk app server (`shared/spec/sealtalk-api.md`, T1–T22):
//! JSON over HTTP with a session cookie. Beside the Yunhu client, sharing only the
//! transport helpers of [`super::transport`]; knows nothing of terminals.

mod client;
mod cookie;
mod endpoint;
mod envelope;
mod error;
mod lists;
mod messaging;
pub mod model;
mod profile;
mod screen;
mod session;
mod versions;

pub use client::{DEFAULT_TIMEOUT, DEFAULT_UPLOAD_URL, SealtalkClient, SealtalkConfig};
pub use cookie::SessionCookie;
pub use endpoint::Endpoint;
pub use error::SealtalkError;
pub use profile::portrait_uri_for;
