//! The dashboard without a terminal: flows against the demo server, and screen snapshots.

mod accounts;
mod chaoqer;
mod chaoqer_panes;
mod chaoqer_snapshots;
mod chaoqer_stored;
mod coins_export;
mod coins_store;
mod faults;
mod filters;
mod fitting;
mod flows;
mod harness;
mod panes;
mod pictures;
mod props;
mod sealtalk;
mod sealtalk_snapshots;
mod snapshots;
mod stored;
mod theme;
