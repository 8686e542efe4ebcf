//! Talks to the chaoqer (超圈) API gateway (`shared/spec/chaoqer-api.md`, Q1–Q24): signed
//! JSON over HTTP with a Basic header after login. Beside the other clients, sharing only
//! the transport helpers of [`super::transport`]; knows nothing of terminals.

pub mod sign;
