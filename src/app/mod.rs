//! The dashboard's state and logic; knows nothing of terminals or HTTP.

pub mod action;
pub mod form;
pub mod i18n;
pub mod keymap;
pub mod login;
pub mod remote;
pub mod state;
pub mod update;
