//! `cargo test` integration for candidate crates: the suite as one libtest test per rule.
