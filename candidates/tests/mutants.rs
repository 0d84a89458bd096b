//! The default suite accepts the reference and rejects every mutant of `j43_candidates::mutants`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use j43_candidates::mutants::{self, cases_to_first_disagreement};
use j43_conformance::suite::{self, SuiteOptions};
use j43_conformance::{Level, Reference};
use std::time::Instant;

#[test]
fn default_suite_accepts_the_reference_and_rejects_every_mutant() {
    let start = Instant::now();
    let cases = suite::build(&SuiteOptions::default()).unwrap();
    let built = start.elapsed();
    assert_eq!(
        cases_to_first_disagreement(&mut Reference, &cases, Level::Rules).unwrap(),
        None,
        "the reference must agree with itself on every case"
    );
    let all = mutants::all();
    // Two threads, one per core: each takes every other mutant.
    let results: Vec<(String, Option<usize>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|part| {
                let (cases, all) = (&cases, &all);
                scope.spawn(move || {
                    all.iter()
                        .skip(part)
                        .step_by(2)
                        .map(|m| {
                            let mut m = m.clone();
                            let n = cases_to_first_disagreement(&mut m, cases, Level::Rules);
                            (m.name.clone(), n.unwrap())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    println!("{} cases (built in {built:.1?})", cases.len());
    println!("| mutant | cases to first disagreement |");
    for (name, n) in &results {
        println!(
            "| {name} | {} |",
            n.map_or("survives".into(), |n| n.to_string())
        );
    }
    println!("{} mutants in {:.1?}", results.len(), start.elapsed());
    let survivors: Vec<&str> = results
        .iter()
        .filter(|(_, n)| n.is_none())
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(
        survivors.is_empty(),
        "mutants the default suite does not reject: {survivors:?}"
    );
    assert_eq!(results.len(), 134);
}
