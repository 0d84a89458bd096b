//! Data-driven corpus tests: one test per file of `conformance/corpus/`, run on the reference
//! model, plus the corpus's own invariants (coverage of every rule, embedded copy up to date).
//!
//! With `J43_CORPUS_AS_ONE_TEST=1` the cases are one test, `corpus::every_case_gets_its_expected_rules`,
//! whose failure lists every disagreeing case: cargo-mutants runs the tests under nextest, one
//! process per test, and one process loading the corpus once costs 0.3 s where 730 cost 80 s
//! (`.cargo/mutants.toml`).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use j43_conformance::corpus::{self, CaseKind, CorpusCase};
use j43_model::{RuleId, Verdict};
use libtest_mimic::{Arguments, Failed, Trial};

/// Cases where the reference model is known to disagree with the SPEC-derived expectation:
/// (case id, why). Each entry must fail; a listed case that passes fails the run, so that the
/// list shrinks as the model is fixed.
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

/// At most this many bytes of a document are printed on a mismatch.
const SHOW_BYTES: usize = 2_000;

fn main() {
    let args = Arguments::from_args();
    let cases = match corpus::load_dir(corpus::source_dir()) {
        Ok(cases) => cases,
        Err(e) => {
            // A failing test, not an error while listing: a test runner (nextest, cargo-mutants)
            // reads a failure to list as a build problem.
            let message = format!("cannot load the corpus: {e}");
            let trial = Trial::test("corpus::the_corpus_loads", move || Err(message.into()));
            libtest_mimic::run(&args, vec![trial]).exit();
        }
    };
    let mut trials = vec![
        Trial::test("corpus::every_rule_has_a_violation_and_a_near_miss", {
            let cases = cases.clone();
            move || every_rule_is_covered(&cases)
        }),
        Trial::test("corpus::builtin_is_the_directory", {
            let cases = cases.clone();
            move || builtin_is_the_directory(&cases)
        }),
        Trial::test("corpus::expected_failures_name_cases", {
            let ids: BTreeSet<String> = cases.iter().map(|c| c.id.clone()).collect();
            move || expected_failures_name_cases(&ids)
        }),
    ];
    if std::env::var_os("J43_CORPUS_AS_ONE_TEST").is_some_and(|v| v == "1") {
        trials.push(Trial::test(
            "corpus::every_case_gets_its_expected_rules",
            move || run_all(&cases),
        ));
    } else {
        for case in cases {
            let name = case.id.clone();
            let kind = case.kind.as_str();
            trials.push(Trial::test(name, move || run_case(&case)).with_kind(kind));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// Every case as one test: the failures of all the cases that fail, one after another.
fn run_all(cases: &[CorpusCase]) -> Result<(), Failed> {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| run_case(case).err())
        .map(|f| f.message().unwrap_or("failed").to_owned())
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of {} cases fail:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        )
        .into())
    }
}

/// Checks one case on the reference model, honouring [`EXPECTED_FAILURES`].
fn run_case(case: &CorpusCase) -> Result<(), Failed> {
    let outcome = check(case);
    match (
        EXPECTED_FAILURES.iter().find(|(id, _)| *id == case.id),
        outcome,
    ) {
        (None, outcome) => outcome,
        (Some(_), Err(_)) => Ok(()),
        (Some((_, why)), Ok(())) => Err(format!(
            "case `{}` is an expected failure ({why}) but passes: remove it from the list",
            case.id
        )
        .into()),
    }
}

/// Compares the model's verdict and rule set with the case's expectation.
fn check(case: &CorpusCase) -> Result<(), Failed> {
    let input = case.document_bytes();
    let report = j43_model::check(&input);
    let verdict = report.verdict();
    let rules = report.rules();
    if verdict == case.expected.verdict && rules == case.expected.rules {
        return Ok(());
    }
    let mut msg = String::new();
    let _ = writeln!(
        msg,
        "case {} (conformance/corpus/{})",
        case.id,
        case.path.display()
    );
    let _ = writeln!(msg, "  {}", case.description);
    let _ = writeln!(msg, "  spec:     {}", case.spec);
    let _ = writeln!(msg, "  input:    {}", show(&input));
    let _ = writeln!(
        msg,
        "  expected: {} {}",
        verdict_str(case.expected.verdict),
        rule_list(&case.expected.rules)
    );
    let _ = writeln!(
        msg,
        "  actual:   {} {}",
        verdict_str(verdict),
        rule_list(&rules)
    );
    for v in report.violations() {
        let _ = writeln!(msg, "    {} at `{}`: {}", v.rule, v.pointer, v.message);
    }
    Err(msg.into())
}

fn verdict_str(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Authorized => "authorized",
        Verdict::Rejected => "rejected",
    }
}

fn rule_list(rules: &BTreeSet<RuleId>) -> String {
    let ids: Vec<&str> = rules.iter().map(|r| r.as_str()).collect();
    format!("[{}]", ids.join(", "))
}

/// The document for a human: UTF-8 text (lossy if it is not), truncated.
fn show(input: &[u8]) -> String {
    let utf8 = std::str::from_utf8(input).is_ok();
    let head = input.get(..SHOW_BYTES).unwrap_or(input);
    let mut text = format!("{:?}", String::from_utf8_lossy(head));
    if input.len() > SHOW_BYTES {
        let _ = write!(text, " … ({} bytes in all)", input.len());
    }
    if !utf8 {
        text.push_str(" (not UTF-8; shown lossily)");
    }
    text
}

/// Every rule has a `violation` case expecting exactly `{rule}` and a `near-miss` case.
fn every_rule_is_covered(cases: &[CorpusCase]) -> Result<(), Failed> {
    let mut missing = Vec::new();
    for &rule in RuleId::ALL {
        let violation = cases.iter().any(|c| {
            c.kind == CaseKind::Violation
                && c.rule == Some(rule)
                && c.expected.rules.len() == 1
                && c.expected.rules.contains(&rule)
        });
        let near_miss = cases
            .iter()
            .any(|c| c.kind == CaseKind::NearMiss && c.rule == Some(rule));
        if !violation {
            missing.push(format!("{rule}: no violation case"));
        }
        if !near_miss {
            missing.push(format!("{rule}: no near-miss case"));
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing.join("\n").into())
    }
}

/// The embedded corpus (`corpus::builtin`) is exactly the directory's.
fn builtin_is_the_directory(cases: &[CorpusCase]) -> Result<(), Failed> {
    let builtin = corpus::try_builtin().map_err(|e| Failed::from(e.to_string()))?;
    if builtin.as_slice() == cases {
        return Ok(());
    }
    let on_disk: BTreeSet<_> = cases.iter().map(|c| c.path.display().to_string()).collect();
    let embedded: BTreeSet<_> = builtin
        .iter()
        .map(|c| c.path.display().to_string())
        .collect();
    Err(format!(
        "the embedded corpus differs from conformance/corpus/ (run make_corpus.py and rebuild);\n\
         only on disk: {:?}\nonly embedded: {:?}",
        on_disk.difference(&embedded).collect::<Vec<_>>(),
        embedded.difference(&on_disk).collect::<Vec<_>>()
    )
    .into())
}

fn expected_failures_name_cases(ids: &BTreeSet<String>) -> Result<(), Failed> {
    let unknown: Vec<&str> = EXPECTED_FAILURES
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| !ids.contains(*id))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(format!("expected failures that are not cases: {unknown:?}").into())
    }
}
