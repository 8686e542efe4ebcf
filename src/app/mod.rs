//! The dashboard's state and logic; knows nothing of terminals or HTTP.

pub mod action;
pub mod coins;
pub mod discover;
pub mod form;
pub mod i18n;
pub mod keymap;
pub mod login;
pub mod paged;
pub mod remote;
pub mod settings_pane;
pub mod state;
pub mod update;
pub mod verify;
