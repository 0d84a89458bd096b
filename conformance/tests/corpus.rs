//! Data-driven corpus tests.
fn main() {}
