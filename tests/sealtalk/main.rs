//! SealTalk client and demo-server tests in one binary (one link step).

mod demo_client;
mod demo_quirks;
