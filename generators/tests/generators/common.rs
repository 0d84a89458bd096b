//! Shared helpers of the property tests: a deterministic runner and one comparison helper.

use j43_generators::{Expected, GeneratedCase};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// A runner with a fixed seed and no failure persistence.
pub fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

/// `n` values of a strategy, from a fixed seed.
pub fn sample<S: Strategy>(strategy: &S, n: usize, seed: u64) -> Vec<S::Value> {
    let mut r = j43_generators::seeded_runner(seed);
    (0..n)
        .map(|_| strategy.new_tree(&mut r).unwrap().current())
        .collect()
}

fn show(doc: &[u8]) -> String {
    let s = String::from_utf8_lossy(doc);
    if s.len() > 4000 {
        format!(
            "{}… ({} bytes)",
            &s[..s.char_indices().nth(4000).map_or(s.len(), |(i, _)| i)],
            doc.len()
        )
    } else {
        s.into_owned()
    }
}

/// Checks a case against the reference: `Err` with input, expected and actual on mismatch.
pub fn check(case: &GeneratedCase) -> Result<(), String> {
    let report = j43_model::check(&case.document);
    let Some(expected) = &case.expected else {
        return Ok(());
    };
    let got = Expected {
        verdict: report.verdict(),
        rules: report.rules(),
    };
    if &got == expected {
        Ok(())
    } else {
        Err(format!(
            "{}\n  expected {:?}\n  actual   {:?}\n  violations {:#?}\n  document {}",
            case.description,
            expected.rules,
            got.rules,
            report.violations(),
            show(&case.document)
        ))
    }
}
