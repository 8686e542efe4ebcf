//! chaoqer client and demo-gateway tests in one binary (one link step).

mod canned;
mod demo_client;
mod demo_quirks;
mod errors;
mod spec_shapes;
