//! `cargo test` integration for candidate crates: the suite as one libtest test per rule.
//!
//! A candidate crate adds `j43-conformance` as a dev-dependency and one test file declared
//! with `harness = false`:
//!
//! ```no_run
//! use j43_conformance::{from_fn, testing, Level};
//! fn main() -> std::process::ExitCode {
//!     let mine = from_fn("mine", Level::Rules, |doc: &[u8]| j43_model::check(doc));
//!     testing::run_suite(mine, testing::Options::default()).exit_code()
//! }
//! ```
//!
//! Each rule of the catalog is one test named `NET-005 CIDR block`, failing with the cases the
//! candidate got wrong; `authorized documents` and `errors` are two more. A rule the suite
//! does not exercise is reported as ignored.

use crate::expect::{self, Entry};
use crate::suite::{Suite, SuiteOptions};
use crate::{Checker, Kind, Level, RunOptions, RunResult};
use j43_model::RuleId;
use libtest_mimic::{Arguments, Conclusion, Failed, Trial};
use std::fmt::Write as _;

/// What [`run_suite`] runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The cases.
    pub suite: SuiteOptions,
    /// The level compared; `None` is the candidate's own level.
    pub level: Option<Level>,
    /// Known failures: a listed (rule, kind) does not fail its test.
    pub expect: Vec<Entry>,
}

/// Runs the suite against `checker` once, then reports one libtest test per rule, with the
/// command-line arguments of the test binary (filters, `--list`, …). Call `.exit()` or
/// `.exit_code()` on the result.
pub fn run_suite(checker: impl Checker, options: Options) -> Conclusion {
    let args = Arguments::from_args();
    libtest_mimic::run(&args, trials(checker, &options))
}

/// The tests [`run_suite`] reports, after running the suite.
pub fn trials(mut checker: impl Checker, options: &Options) -> Vec<Trial> {
    let suite = match Suite::new(&options.suite) {
        Ok(s) => s,
        Err(e) => return vec![failing("suite", e.to_string())],
    };
    let level = options.level.unwrap_or_else(|| checker.level());
    let jobs = std::thread::available_parallelism().map_or(2, usize::from);
    let run = crate::run_stream(
        &mut checker,
        suite.stream(jobs),
        &RunOptions {
            level,
            ..RunOptions::default()
        },
        &mut crate::run::Quiet,
    );
    let result = match run {
        Ok(r) => r,
        Err(e) => return vec![failing("harness", e.to_string())],
    };
    let evaluation = expect::evaluate(&result, &options.expect);
    let mut trials = Vec::new();
    if let Some(stop) = &result.interrupted {
        trials.push(failing(
            "harness",
            format!("the run stopped after {} cases: {stop}", result.cases),
        ));
    }
    for (&rule, stats) in &result.rules {
        let name = format!("{rule} {}", rule.info().title);
        let excused = |k: Kind| options.expect.iter().any(|e| e.rule == rule && e.kind == k);
        let mut message = String::new();
        for kind in Kind::ALL {
            if stats.count(kind) > 0 && !excused(kind) {
                let _ = writeln!(
                    message,
                    "{} {kind} over {} cases",
                    stats.count(kind),
                    stats.cases
                );
                examples(&mut message, &result, kind, rule);
            }
        }
        if stats.errors > 0 {
            let _ = writeln!(message, "{} errors", stats.errors);
        }
        for e in evaluation.fixed.iter().filter(|e| e.rule == rule) {
            let _ = writeln!(
                message,
                "{} {rule} is listed as a known failure but passes: remove it",
                e.kind
            );
        }
        let trial = outcome_trial(name, message);
        trials.push(if stats.cases == 0 {
            trial.with_ignored_flag(true)
        } else {
            trial
        });
    }
    let mut authorized = String::new();
    if result.unattributed_false_rejects > 0 {
        let _ = writeln!(
            authorized,
            "{} authorized documents rejected",
            result.unattributed_false_rejects
        );
    }
    trials.push(outcome_trial("authorized documents".into(), authorized));
    let mut errors = String::new();
    for f in result.errors.iter().take(10) {
        let _ = writeln!(
            errors,
            "case {} ({}): {}",
            f.record.index, f.record.id, f.error
        );
    }
    trials.push(outcome_trial("errors".into(), errors));
    trials
}

fn examples(out: &mut String, result: &RunResult, kind: Kind, rule: RuleId) {
    for d in result.of(kind, Some(rule)).take(3) {
        crate::report::write_mismatch(out, "  case", d, result.level);
    }
}

fn outcome_trial(name: String, message: String) -> Trial {
    Trial::test(name, move || {
        if message.is_empty() {
            Ok(())
        } else {
            Err(Failed::from(message))
        }
    })
}

fn failing(name: &str, message: String) -> Trial {
    Trial::test(name, move || Err(Failed::from(message.clone())))
}
