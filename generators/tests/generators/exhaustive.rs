//! The bounded-exhaustive scope: the reference agrees with the construction on every design.

use crate::common::check;
use j43_generators::{exhaustive, exhaustive_classes, exhaustive_size};
use std::time::Instant;

#[test]
fn reference_agrees_with_the_construction_on_the_whole_exhaustive_scope() {
    let start = Instant::now();
    let mut failures = Vec::new();
    let mut n = 0;
    for case in exhaustive() {
        n += 1;
        if let Err(e) = check(&case) {
            failures.push(e);
        }
    }
    eprintln!(
        "exhaustive scope: {n} designs enumerated and checked in {:?}",
        start.elapsed()
    );
    assert_eq!(n, exhaustive_size());
    assert!(
        failures.is_empty(),
        "{} of {n} disagree; first:\n{}",
        failures.len(),
        failures
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

#[test]
fn every_value_class_of_the_scope_is_reached() {
    let descriptions: Vec<String> = exhaustive().map(|c| c.description).collect();
    for (slice, class) in exhaustive_classes() {
        let prefix = format!("{slice}: ");
        assert!(
            descriptions.iter().any(|d| d.starts_with(&prefix)
                && d.split(", ")
                    .any(|part| part.trim_start_matches(&prefix) == class)),
            "{slice} {class} never reached"
        );
    }
}
