//! The runner: a candidate's answers against the reference model's, case by case and rule by rule.

use crate::{Answer, CaseError, CaseResult, Checker, Error, Level, Result};
use j43_model::{Report, RuleId, Verdict};
use std::collections::{BTreeMap, BTreeSet};

/// Where a case comes from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The static corpus under `conformance/corpus/`.
    Corpus,
    /// A generated authorized design.
    Authorized,
    /// A generated design violating one targeted rule.
    Violating,
    /// A generated design violating several rules.
    Multi,
    /// Arbitrary bytes or JSON.
    Arbitrary,
    /// The exhaustive enumeration of a small scope.
    Exhaustive,
    /// A generated case on one side of a boundary class of the generators' catalog.
    Boundary,
    /// A file given to `--replay` or a test.
    Given,
}

impl Source {
    /// The kebab-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Source::Corpus => "corpus",
            Source::Authorized => "authorized",
            Source::Violating => "violating",
            Source::Multi => "multi",
            Source::Arbitrary => "arbitrary",
            Source::Exhaustive => "exhaustive",
            Source::Boundary => "boundary",
            Source::Given => "given",
        }
    }
}

/// One document to check, with the reference model's report on it (the oracle).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// A stable name within a run, such as `violating/NET-005/3`.
    pub id: String,
    /// Where it comes from.
    pub source: Source,
    /// The bytes to check.
    pub document: Vec<u8>,
    /// `j43_model::check(&document)`.
    pub expected: Report,
}

impl Case {
    /// A case whose oracle is the reference model's report on `document`.
    pub fn new(id: impl Into<String>, source: Source, document: Vec<u8>) -> Case {
        let expected = j43_model::check(&document);
        Case {
            id: id.into(),
            source,
            document,
            expected,
        }
    }
}

/// How a candidate disagrees with the reference model on a case.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The reference rejects, the candidate accepts. Attributed to every rule the reference found.
    FalseAccept,
    /// The reference accepts, the candidate rejects. Attributed to every rule the candidate found.
    FalseReject,
    /// Both reject with different rule sets (level rules only). Attributed to every rule in
    /// the symmetric difference.
    WrongReason,
}

impl Kind {
    /// `false-accept`, `false-reject` or `wrong-reason`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::FalseAccept => "false-accept",
            Kind::FalseReject => "false-reject",
            Kind::WrongReason => "wrong-reason",
        }
    }

    /// All kinds.
    pub const ALL: [Kind; 3] = [Kind::FalseAccept, Kind::FalseReject, Kind::WrongReason];
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown kind `{s}` (false-accept, false-reject, wrong-reason)"))
    }
}

/// Compares a candidate's answer with the reference's report at `level`. `None` is agreement;
/// otherwise the kind and the rules it is attributed to (empty for a false reject at level
/// verdict, where the candidate names no rule).
pub fn compare(
    level: Level,
    expected: &Report,
    actual: &Answer,
) -> Option<(Kind, BTreeSet<RuleId>)> {
    match (expected.verdict(), actual.verdict) {
        (Verdict::Rejected, Verdict::Authorized) => Some((Kind::FalseAccept, expected.rules())),
        (Verdict::Authorized, Verdict::Rejected) => {
            Some((Kind::FalseReject, actual.rules.clone().unwrap_or_default()))
        }
        (Verdict::Authorized, Verdict::Authorized) => None,
        (Verdict::Rejected, Verdict::Rejected) => {
            let ours = expected.rules();
            match (&actual.rules, level) {
                (Some(theirs), Level::Rules) if *theirs != ours => Some((
                    Kind::WrongReason,
                    ours.symmetric_difference(theirs).copied().collect(),
                )),
                _ => None,
            }
        }
    }
}

/// One case on which the candidate and the reference disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// Index of the case in the run's cases.
    pub case: usize,
    /// How they disagree.
    pub kind: Kind,
    /// The rules it is attributed to.
    pub rules: BTreeSet<RuleId>,
    /// The candidate's answer.
    pub actual: Answer,
}

/// What happened on one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseOutcome {
    /// Same answer as the reference at the run's level.
    Agree,
    /// A different answer.
    Disagree(Disagreement),
    /// No usable answer.
    Error(CaseError),
}

/// Figures for one rule over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RuleStats {
    /// Cases the reference rejects for this rule (the rule's coverage).
    pub cases: usize,
    /// False accepts attributed to the rule.
    pub false_accepts: usize,
    /// False rejects attributed to the rule.
    pub false_rejects: usize,
    /// Wrong reasons attributed to the rule.
    pub wrong_reasons: usize,
    /// Errors on cases the reference rejects for this rule.
    pub errors: usize,
}

impl RuleStats {
    /// The count of a kind.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::FalseAccept => self.false_accepts,
            Kind::FalseReject => self.false_rejects,
            Kind::WrongReason => self.wrong_reasons,
        }
    }

    /// True when no disagreement and no error is attributed to the rule.
    pub fn passes(&self) -> bool {
        self.false_accepts + self.false_rejects + self.wrong_reasons + self.errors == 0
    }
}

/// The result of running a candidate on cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunResult {
    /// The candidate's name.
    pub candidate: String,
    /// The level compared.
    pub level: Level,
    /// Cases run.
    pub cases: usize,
    /// Cases on which the candidate agreed.
    pub agreed: usize,
    /// Every disagreement, in case order.
    pub disagreements: Vec<Disagreement>,
    /// Every error, as (case index, error), in case order.
    pub errors: Vec<(usize, CaseError)>,
    /// Figures for every rule of the catalog.
    pub rules: BTreeMap<RuleId, RuleStats>,
    /// Authorized cases checked (the reference accepts them).
    pub authorized_cases: usize,
    /// False rejects naming no rule (level verdict).
    pub unattributed_false_rejects: usize,
    /// Errors on cases the reference accepts.
    pub authorized_errors: usize,
}

impl RunResult {
    /// True when every case agreed: no disagreement and no error.
    pub fn conforms(&self) -> bool {
        self.disagreements.is_empty() && self.errors.is_empty()
    }

    /// The disagreements of a kind attributed to a rule.
    pub fn of(&self, kind: Kind, rule: Option<RuleId>) -> impl Iterator<Item = &Disagreement> {
        self.disagreements.iter().filter(move |d| {
            d.kind == kind
                && match rule {
                    Some(r) => d.rules.contains(&r),
                    None => d.rules.is_empty(),
                }
        })
    }
}

/// How the runner runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// The level compared; the candidate must answer at least at this level.
    pub level: Level,
    /// Documents handed to `check_batch` at once.
    pub batch: usize,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            level: Level::Rules,
            batch: 256,
        }
    }
}

/// Runs `checker` on every case, comparing with each case's oracle at `options.level`.
/// `progress` is called with the number of cases done after each batch. `Err` only for a
/// harness error (the candidate's level is too coarse, or it cannot be run at all).
pub fn run(
    checker: &mut dyn Checker,
    cases: &[Case],
    options: &RunOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<RunResult> {
    if checker.level() < options.level {
        return Err(Error::Level {
            candidate: checker.level(),
            asked: options.level,
        });
    }
    let mut result = RunResult {
        candidate: checker.name(),
        level: options.level,
        cases: cases.len(),
        agreed: 0,
        disagreements: Vec::new(),
        errors: Vec::new(),
        rules: RuleId::ALL
            .iter()
            .map(|&r| (r, RuleStats::default()))
            .collect(),
        authorized_cases: 0,
        unattributed_false_rejects: 0,
        authorized_errors: 0,
    };
    let mut done = 0;
    for chunk in cases.chunks(options.batch.max(1)) {
        let docs: Vec<&[u8]> = chunk.iter().map(|c| c.document.as_slice()).collect();
        let answers = checker.check_batch(&docs)?;
        for (offset, (case, answer)) in chunk.iter().zip(answers).enumerate() {
            let outcome = outcome(options.level, case, answer);
            record(&mut result, done + offset, case, outcome);
        }
        done += chunk.len();
        progress(done);
    }
    Ok(result)
}

/// The outcome of one case given the candidate's result.
pub(crate) fn outcome(level: Level, case: &Case, answer: CaseResult) -> CaseOutcome {
    match answer {
        Err(e) => CaseOutcome::Error(e),
        Ok(actual) => match compare(level, &case.expected, &actual) {
            None => CaseOutcome::Agree,
            Some((kind, rules)) => CaseOutcome::Disagree(Disagreement {
                case: 0,
                kind,
                rules,
                actual,
            }),
        },
    }
}

fn record(result: &mut RunResult, index: usize, case: &Case, outcome: CaseOutcome) {
    let expected = case.expected.rules();
    if expected.is_empty() {
        result.authorized_cases += 1;
    }
    for rule in &expected {
        if let Some(s) = result.rules.get_mut(rule) {
            s.cases += 1;
        }
    }
    match outcome {
        CaseOutcome::Agree => result.agreed += 1,
        CaseOutcome::Error(e) => {
            if expected.is_empty() {
                result.authorized_errors += 1;
            }
            for rule in &expected {
                if let Some(s) = result.rules.get_mut(rule) {
                    s.errors += 1;
                }
            }
            result.errors.push((index, e));
        }
        CaseOutcome::Disagree(mut d) => {
            d.case = index;
            if d.rules.is_empty() {
                result.unattributed_false_rejects += 1;
            }
            for rule in &d.rules {
                if let Some(s) = result.rules.get_mut(rule) {
                    match d.kind {
                        Kind::FalseAccept => s.false_accepts += 1,
                        Kind::FalseReject => s.false_rejects += 1,
                        Kind::WrongReason => s.wrong_reasons += 1,
                    }
                }
            }
            result.disagreements.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::from_fn;

    fn set(rules: &[RuleId]) -> BTreeSet<RuleId> {
        rules.iter().copied().collect()
    }

    #[test]
    fn compare_classifies_the_three_kinds() {
        let bad = j43_model::check(b"[]");
        let good = j43_model::check(j43_model::Design::base().to_json().as_bytes());
        assert!(good.is_authorized());
        let accept = Answer::from(set(&[]));
        let doc1 = Answer::from(set(&[RuleId::Doc001]));
        assert_eq!(
            compare(Level::Rules, &bad, &accept),
            Some((Kind::FalseAccept, set(&[RuleId::Doc005])))
        );
        assert_eq!(
            compare(Level::Rules, &good, &doc1),
            Some((Kind::FalseReject, set(&[RuleId::Doc001])))
        );
        assert_eq!(
            compare(Level::Rules, &bad, &doc1),
            Some((Kind::WrongReason, set(&[RuleId::Doc001, RuleId::Doc005])))
        );
        assert_eq!(compare(Level::Verdict, &bad, &doc1), None);
        assert_eq!(
            compare(Level::Verdict, &good, &Answer::from(Verdict::Rejected)),
            Some((Kind::FalseReject, set(&[])))
        );
    }

    #[test]
    fn run_attributes_disagreements_to_rules() {
        let cases = vec![
            Case::new("a", Source::Given, b"[]".to_vec()),
            Case::new(
                "b",
                Source::Given,
                j43_model::Design::base().to_json().into_bytes(),
            ),
        ];
        let mut always_ok = from_fn("ok", Level::Rules, |_: &[u8]| set(&[]));
        let r = run(&mut always_ok, &cases, &RunOptions::default(), &mut |_| {}).unwrap();
        assert!(!r.conforms());
        assert_eq!(r.rules[&RuleId::Doc005].false_accepts, 1);
        assert_eq!(r.rules[&RuleId::Doc005].cases, 1);
        assert_eq!(r.agreed, 1);
        assert_eq!(r.authorized_cases, 1);
    }
}
