//! API-level tests in one binary (one link step instead of five).

mod canned;
mod demo_client;
mod errors;
mod hostile;
mod spec_shapes;
mod wire_vectors;
