//! Differential fuzzing: the reference against a candidate, disagreements minimized and written
//! out as replayable documents.

use j43_conformance::{compare, CaseResult, Checker, Level};
use j43_model::{Report, RuleId};
use std::collections::{BTreeSet, HashSet};
use std::io::Write as _;
use std::path::PathBuf;

/// Environment variable naming the directory of disagreement files (default
/// `fuzz/disagreements`, relative to the working directory when that has a `fuzz/` directory).
pub const DIR_VAR: &str = "J43_DISAGREEMENTS";

/// Environment variable that, set to `1`, makes a target record disagreements and go on
/// fuzzing instead of aborting.
pub const CONTINUE_VAR: &str = "J43_FUZZ_CONTINUE";

/// Environment variable bounding the candidate calls the minimizer spends on one disagreement
/// (default [`DEFAULT_MINIMIZE_BUDGET`]; lower it for slow candidates such as Rego).
pub const BUDGET_VAR: &str = "J43_MINIMIZE_BUDGET";

/// Candidate calls the minimizer spends on one disagreement unless [`BUDGET_VAR`] says.
pub const DEFAULT_MINIMIZE_BUDGET: usize = 2_000;

/// A candidate under differential fuzzing, with where and how its disagreements are recorded.
pub struct Differential {
    target: String,
    candidate: Box<dyn Checker>,
    dir: PathBuf,
    keep_going: bool,
    seen: HashSet<Vec<u8>>,
    classes: HashSet<(String, BTreeSet<RuleId>)>,
}

/// How a candidate's answer to one document differs from the reference's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// `false-accept`, `false-reject`, `wrong-reason`, or the candidate's error kind.
    pub kind: String,
    /// The rules the disagreement is attributed to (as `j43_conformance::compare` says;
    /// empty for a candidate error).
    pub rules: BTreeSet<RuleId>,
    /// The candidate's answer or error, as JSON.
    pub actual: serde_json::Value,
}

impl Differential {
    /// A differential target named `target` over `candidate`, configured from the environment
    /// ([`DIR_VAR`], [`CONTINUE_VAR`]).
    pub fn new(target: String, candidate: Box<dyn Checker>) -> Differential {
        let dir = std::env::var_os(DIR_VAR).map_or_else(
            || {
                if std::path::Path::new("fuzz").is_dir() {
                    PathBuf::from("fuzz/disagreements")
                } else {
                    PathBuf::from("disagreements")
                }
            },
            PathBuf::from,
        );
        let keep_going = std::env::var(CONTINUE_VAR).is_ok_and(|v| v == "1");
        Differential {
            target,
            candidate,
            dir,
            keep_going,
            seen: HashSet::new(),
            classes: HashSet::new(),
        }
    }

    /// How the candidate disagrees with the reference on `document`, if it does.
    ///
    /// A harness error (the candidate cannot be run at all) aborts the process: nothing can be
    /// compared, and fuzzing on would only record the same failure.
    pub fn mismatch(&mut self, document: &[u8]) -> Option<Mismatch> {
        let expected = j43_model::check(document);
        let level = self.candidate.level();
        match self.candidate.check(document) {
            Err(e) => {
                eprintln!("{}: cannot run the candidate: {e}", self.target);
                std::process::abort();
            }
            Ok(result) => mismatch_of(level, &expected, &result),
        }
    }

    /// Checks one fuzz input; on a disagreement, minimizes it, writes it out and then aborts
    /// or, in continue mode, returns.
    pub fn run(&mut self, document: &[u8]) {
        let Some(first) = self.mismatch(document) else {
            return;
        };
        // In continue mode, one file per class (kind and attributed rules): minimizing every
        // input of a class already recorded would spend the run on the same finding.
        if self.keep_going
            && !self
                .classes
                .insert((first.kind.clone(), first.rules.clone()))
        {
            return;
        }
        let minimal = j43_fuzz_minimize(document, |d| {
            self.mismatch(d).is_some_and(|m| {
                m.kind == first.kind
                    && (m.rules.is_empty() == first.rules.is_empty())
                    && (m.rules.is_empty() || !m.rules.is_disjoint(&first.rules))
            })
        });
        let found = self.mismatch(&minimal).unwrap_or(first);
        let written = self.write(&minimal, &found);
        if self.keep_going {
            return;
        }
        eprintln!(
            "{}: {} disagrees with the reference ({}); minimized document: {}",
            self.target,
            self.candidate.name(),
            found.kind,
            written.map_or_else(|e| format!("not written: {e}"), |p| p.display().to_string())
        );
        std::process::abort();
    }

    /// Writes a minimized disagreement once per distinct document: the document's raw bytes
    /// as `<target>-<kind>-<hash>.json`, and a line of `disagreements.jsonl`.
    fn write(&mut self, document: &[u8], found: &Mismatch) -> std::io::Result<PathBuf> {
        let name = format!(
            "{}-{}-{:016x}.json",
            self.target,
            found.kind,
            fnv1a(document)
        );
        let path = self.dir.join(name);
        if !self.seen.insert(document.to_vec()) {
            return Ok(path);
        }
        std::fs::create_dir_all(&self.dir)?;
        std::fs::write(&path, document)?;
        let report = j43_model::check(document);
        let line = serde_json::json!({
            "file": path,
            "target": self.target,
            "candidate": self.candidate.name(),
            "level": self.candidate.level(),
            "kind": found.kind,
            "expected": {"verdict": report.verdict(), "rules": report.rules().iter().map(|r| r.as_str()).collect::<Vec<_>>()},
            "actual": found.actual,
            "replay": format!("j43 check {0}; j43 conform --replay {0} -- CANDIDATE", path.display()),
        });
        let mut log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("disagreements.jsonl"))?;
        writeln!(log, "{line}")?;
        Ok(path)
    }
}

/// The mismatch between the reference's report and a candidate's result at `level`.
pub fn mismatch_of(level: Level, expected: &Report, result: &CaseResult) -> Option<Mismatch> {
    match result {
        Err(error) => Some(Mismatch {
            kind: error.kind.as_str().to_owned(),
            rules: BTreeSet::new(),
            actual: serde_json::to_value(error).unwrap_or_default(),
        }),
        Ok(answer) => compare(level, expected, answer).map(|(kind, rules)| Mismatch {
            kind: kind.as_str().to_owned(),
            rules,
            actual: serde_json::to_value(answer).unwrap_or_default(),
        }),
    }
}

/// Minimizes `document` while `still_fails` holds, with the generators' minimizer.
fn j43_fuzz_minimize(document: &[u8], still_fails: impl FnMut(&[u8]) -> bool) -> Vec<u8> {
    let budget = std::env::var(BUDGET_VAR)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MINIMIZE_BUDGET);
    j43_generators::minimize(document, still_fails, budget).document
}

/// FNV-1a, for stable file names.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
