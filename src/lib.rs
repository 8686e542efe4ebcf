//! yunhu-tui: a terminal dashboard and command-line client for Yunhu (云湖) accounts.

pub mod api;
pub mod proto;
pub mod demo;
