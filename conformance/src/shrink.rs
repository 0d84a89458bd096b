//! Shrinking: each kind of disagreement reduced to a minimal document that still shows it.

use crate::run::compare;
use crate::{Answer, Case, Checker, Kind, RunResult};
use j43_model::{Report, RuleId};
use std::collections::BTreeMap;

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
}

/// Shrinks one example of every (kind, rule) class of `result`, spending at most `budget`
/// candidate calls on each. A candidate failure while shrinking stops that class's shrinking
/// and keeps the smallest document found so far.
pub fn shrink_all(
    checker: &mut dyn Checker,
    result: &RunResult,
    cases: &[Case],
    budget: usize,
) -> Vec<Shrunk> {
    let mut classes: BTreeMap<(Kind, Option<RuleId>), usize> = BTreeMap::new();
    for d in &result.disagreements {
        let len = |i: usize| cases.get(i).map_or(usize::MAX, |c| c.document.len());
        let keys: Vec<Option<RuleId>> = if d.rules.is_empty() {
            vec![None]
        } else {
            d.rules.iter().copied().map(Some).collect()
        };
        for key in keys {
            let slot = classes.entry((d.kind, key)).or_insert(d.case);
            if len(d.case) < len(*slot) {
                *slot = d.case;
            }
        }
    }
    let level = result.level;
    let mut out = Vec::new();
    for ((kind, rule), index) in classes {
        let Some(case) = cases.get(index) else {
            continue;
        };
        let mut steps = 0;
        let mut still = |doc: &[u8]| -> bool {
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
        let document = minimize(&case.document, &mut still, budget);
        let actual = match checker.check(&document) {
            Ok(Ok(a)) => a,
            _ => continue,
        };
        out.push(Shrunk {
            kind,
            rule,
            case: index,
            expected: j43_model::check(&document),
            document,
            actual,
            steps,
        });
    }
    out
}

/// The smallest document found that still satisfies `still`, starting from `document`.
// SEAM(generators): `j43_generators::minimize` once it lands.
fn minimize(document: &[u8], still: &mut dyn FnMut(&[u8]) -> bool, budget: usize) -> Vec<u8> {
    let _ = (still, budget);
    document.to_vec()
}
