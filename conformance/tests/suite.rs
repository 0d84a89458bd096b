//! The conformance suite as `cargo test`: one test per rule against the in-process reference.
//!
//! This is what a candidate crate writes, with its own checker instead of the reference.

use j43_conformance::{from_fn, testing, Level};

fn main() -> std::process::ExitCode {
    let reference = from_fn("reference", Level::Rules, |doc: &[u8]| {
        j43_model::check(doc)
    });
    testing::run_suite(reference, testing::Options::default()).exit_code()
}
