//! The conformance suite as `cargo test`: one test per rule against the in-process reference.
fn main() {}
