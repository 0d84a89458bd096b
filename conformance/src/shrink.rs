//! Shrinking: each kind of disagreement reduced to a minimal document that still shows it.

use crate::run::compare;
use crate::{Answer, Case, Checker, Disagreement, Kind, RunResult};
use j43_model::{Report, RuleId};
use std::collections::BTreeMap;
use std::time::Instant;

/// A minimal document for one class of disagreement (a kind and the rule it is attributed to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shrunk {
    /// The kind of disagreement.
    pub kind: Kind,
    /// The rule it is attributed to; `None` for a false reject naming no rule.
    pub rule: Option<RuleId>,
    /// Index of the case it was shrunk from.
    pub case: usize,
    /// The minimal document found.
    pub document: Vec<u8>,
    /// The reference's report on it.
    pub expected: Report,
    /// The candidate's answer on it.
    pub actual: Answer,
    /// Candidate calls spent.
    pub steps: usize,
    /// True when no single edit of the minimizer keeps the disagreement.
    pub one_minimal: bool,
}

/// Shrinks one example (the shortest) of every (kind, rule) class of `result` with the
/// generators' minimizer, spending at most `budget` candidate calls on each; the predicate is
/// "the candidate still disagrees with the reference in the same kind, attributed to the same
/// rule". After `deadline` no more candidate calls are made and the classes not yet started are
/// left out (their cases are written out all the same). A candidate failure while shrinking stops that class's shrinking
/// and keeps the smallest document found so far.
pub fn shrink_all(
    checker: &mut dyn Checker,
    result: &RunResult,
    cases: &[Case],
    budget: usize,
    deadline: Instant,
) -> Vec<Shrunk> {
    let mut classes: BTreeMap<(Kind, Option<RuleId>), &Disagreement> = BTreeMap::new();
    for d in &result.disagreements {
        let len = |d: &Disagreement| cases.get(d.case).map_or(usize::MAX, |c| c.document.len());
        let keys: Vec<Option<RuleId>> = if d.rules.is_empty() {
            vec![None]
        } else {
            d.rules.iter().copied().map(Some).collect()
        };
        for key in keys {
            let slot = classes.entry((d.kind, key)).or_insert(d);
            if len(d) < len(slot) {
                *slot = d;
            }
        }
    }
    let level = result.level;
    let mut out = Vec::new();
    for ((kind, rule), d) in classes {
        let Some(case) = cases.get(d.case) else {
            continue;
        };
        if Instant::now() >= deadline {
            break;
        }
        let mut steps = 0;
        let mut still = |doc: &[u8]| -> bool {
            if Instant::now() >= deadline {
                return false;
            }
            steps += 1;
            let Ok(Ok(answer)) = checker.check(doc) else {
                return false;
            };
            match compare(level, &j43_model::check(doc), &answer) {
                Some((k, rules)) => {
                    k == kind
                        && rule.is_none_or(|r| rules.contains(&r))
                        && (rule.is_some() || rules.is_empty())
                }
                None => false,
            }
        };
        let minimized = j43_generators::minimize(&case.document, &mut still, budget);
        let (document, one_minimal) = (minimized.document, minimized.one_minimal);
        let actual = if document == case.document {
            d.actual.clone()
        } else {
            match checker.check(&document) {
                Ok(Ok(a)) => a,
                _ => continue,
            }
        };
        out.push(Shrunk {
            kind,
            rule,
            case: d.case,
            expected: j43_model::check(&document),
            document,
            actual,
            steps,
            one_minimal,
        });
    }
    out
}
