//! The default suite rejects every mutant of `j43_candidates::mutants` on at least 10 cases.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use j43_candidates::mutants;
use j43_conformance::suite::{self, SuiteOptions};
use std::time::Instant;

/// The issue's bar: a bug one character away from a caught one must be caught too, so no
/// mutant may be caught by fewer than this many cases.
const MIN_CASES: usize = 10;

#[test]
fn default_suite_rejects_every_mutant_on_at_least_10_cases() {
    let start = Instant::now();
    let cases = suite::build(&SuiteOptions::default()).unwrap();
    let built = start.elapsed();
    let all = mutants::all();
    let judged = mutants::judge_suite(&all, &cases, 2);
    // The mutants that decide a layer-3 rule or a text finding again start from the same
    // reading as the reference: with the reference's knobs they agree with it everywhere.
    assert!(judged.mismatches.is_empty(), "{:#?}", judged.mismatches);
    let rows = mutants::rows(&all, &cases, &judged);
    println!("{} cases (built in {built:.1?})", cases.len());
    print!("{}", mutants::table(&rows));
    println!("{} mutants in {:.1?}", rows.len(), start.elapsed());
    let weak: Vec<String> = rows
        .iter()
        .filter(|r| r.disagreeing < MIN_CASES)
        .map(|r| format!("{}: {}", r.name, r.disagreeing))
        .collect();
    assert!(
        weak.is_empty(),
        "mutants rejected by fewer than {MIN_CASES} cases: {weak:#?}"
    );
    assert_eq!(rows.len(), 230);
}

#[test]
fn a_mutant_as_a_checker_answers_what_it_judges() {
    use j43_conformance::Checker;
    let doc = br#"{"format":"j43/1","environments":{}}"#;
    for mut m in mutants::all() {
        let judged = m.rules(doc);
        let answer = m.check(doc).unwrap().unwrap();
        assert_eq!(answer.rules, Some(judged), "{}", m.name);
    }
}
