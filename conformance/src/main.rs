//! The j43 command-line interface.
fn main() {}
