//! Known failures of a candidate (`--expect FILE`): each entry names a rule, a kind and why.

use crate::report::RunReport;
use crate::run::Class;
use crate::{Error, Kind, Result, RunResult};
use j43_model::RuleId;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One known failure.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The rule the failure is attributed to.
    pub rule: RuleId,
    /// `false-accept`, `false-reject` or `wrong-reason`.
    pub kind: Kind,
    /// Why the candidate fails it; required, so the list says why.
    pub reason: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    failure: Vec<Entry>,
}

/// Reads a TOML file of `[[failure]]` tables, or a JSON file (`.json`) holding either an array
/// of entries or `{"failure": [...]}`. Every entry must have a non-empty reason and occur once.
pub fn load(path: &Path) -> Result<Vec<Entry>> {
    let invalid = |reason: String| Error::Expect {
        path: path.display().to_string(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| invalid(e.to_string()))?;
    let entries = if path.extension().is_some_and(|e| e == "json") {
        match serde_json::from_str::<Vec<Entry>>(&text) {
            Ok(list) => list,
            Err(_) => {
                serde_json::from_str::<File>(&text)
                    .map_err(|e| invalid(e.to_string()))?
                    .failure
            }
        }
    } else {
        toml::from_str::<File>(&text)
            .map_err(|e| invalid(e.to_string()))?
            .failure
    };
    let mut seen = BTreeSet::new();
    for e in &entries {
        if e.reason.trim().is_empty() {
            return Err(invalid(format!("{} {} has no reason", e.rule, e.kind)));
        }
        if !seen.insert((e.rule, e.kind)) {
            return Err(invalid(format!("{} {} is listed twice", e.rule, e.kind)));
        }
    }
    Ok(entries)
}

/// A run judged against a list of known failures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    /// Listed failures that occurred, with their case counts.
    pub expected: Vec<(Entry, usize)>,
    /// Failures that occurred and are not listed: (kind, rule or none, cases).
    pub unexpected: Vec<(Kind, Option<RuleId>, usize)>,
    /// Listed failures that no longer occur although the run exercised the rule: remove them.
    pub fixed: Vec<Entry>,
    /// Listed failures the run could not judge (it has no case for the rule).
    pub unexercised: Vec<Entry>,
}

impl Evaluation {
    /// True when every disagreement is listed and no listed failure was fixed (errors are
    /// judged apart: they are never a known failure).
    pub fn passes(&self) -> bool {
        self.unexpected.is_empty() && self.fixed.is_empty()
    }
}

/// Judges a run's disagreement counts against `entries`. `counts` holds, per (kind, rule or
/// none), the number of failing cases; `rule_cases` the cases of each rule; `authorized_cases`
/// the authorized ones. Without entries, every failure is unexpected.
pub fn evaluate_counts(
    counts: BTreeMap<(Kind, Option<RuleId>), usize>,
    rule_cases: &BTreeMap<RuleId, usize>,
    authorized_cases: usize,
    entries: &[Entry],
) -> Evaluation {
    let mut observed = counts;
    let mut ev = Evaluation::default();
    for e in entries {
        match observed.remove(&(e.kind, Some(e.rule))) {
            Some(n) => ev.expected.push((e.clone(), n)),
            None => {
                let exercised = match e.kind {
                    Kind::FalseReject => authorized_cases > 0,
                    Kind::FalseAccept | Kind::WrongReason => {
                        rule_cases.get(&e.rule).is_some_and(|&n| n > 0)
                    }
                };
                if exercised {
                    ev.fixed.push(e.clone());
                } else {
                    ev.unexercised.push(e.clone());
                }
            }
        }
    }
    ev.unexpected = observed.into_iter().map(|((k, r), n)| (k, r, n)).collect();
    ev
}

/// Judges a run against `entries`.
pub fn evaluate(result: &RunResult, entries: &[Entry]) -> Evaluation {
    let counts = result
        .classes
        .iter()
        .filter_map(|(class, stats)| match class {
            Class::Disagreement { kind, rule } => Some(((*kind, *rule), stats.count)),
            Class::Error { .. } => None,
        })
        .collect();
    let rule_cases = result.rules.iter().map(|(r, s)| (*r, s.cases)).collect();
    evaluate_counts(counts, &rule_cases, result.authorized_cases, entries)
}

/// Judges a report against `entries` (as [`evaluate`] judged the run it reports).
pub fn evaluate_report(report: &RunReport, entries: &[Entry]) -> Evaluation {
    let counts = report
        .classes
        .iter()
        .filter_map(|c| match c.class {
            Class::Disagreement { kind, rule } => Some(((kind, rule), c.count)),
            Class::Error { .. } => None,
        })
        .collect();
    let rule_cases = report.rules.iter().map(|r| (r.rule, r.cases)).collect();
    evaluate_counts(counts, &rule_cases, report.authorized.cases, entries)
}
