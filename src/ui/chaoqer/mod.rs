//! A chaoqer account's screens. Only its login screen so far; its panes come with
//! `app::chaoqer`'s (the dashboard refuses a chaoqer account until all seven exist).

pub mod login;
