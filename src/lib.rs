//! yunhu-tui: a terminal dashboard and command-line client for Yunhu (云湖) accounts.

pub mod account_commands;
pub mod accounts;
pub mod api;
pub mod app;
pub mod cli;
pub mod dashboard;
pub mod demo;
pub mod error;
pub mod geometry;
pub mod hardening;
pub mod i18n;
pub mod logging;
pub mod oneshot;
pub mod output;
pub mod paths;
pub mod proto;
pub mod sanitize;
pub mod secrets;
pub mod service;
pub mod settings;
pub mod startup;
pub mod text;
pub mod timefmt;
pub mod tui;
pub mod ui;
pub mod validate;
