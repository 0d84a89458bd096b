//! The runner: a candidate's answers against the reference model's, case by case and rule by rule.
//!
//! Cases stream through: the runner keeps counts of everything and, of failing cases, only a
//! bounded record (the first [`RunOptions::keep`] of each class, and the smallest document of
//! each class for shrinking), so its memory does not grow with the number of cases. An
//! [`Observer`] sees every case as it is decided (the CLI writes failing cases out as they come).

use crate::{Answer, CaseError, CaseErrorKind, CaseResult, Checker, Error, Level, Result};
use j43_model::{Report, RuleId, Verdict};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

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
    /// The case's number in its suite (0-based, the same in every shard of the suite); 0 for a
    /// case made by [`Case::new`].
    pub index: usize,
    /// A stable name within a suite, such as `violating/NET-005/0/3`.
    pub id: String,
    /// Where it comes from.
    pub source: Source,
    /// The boundary class the case was built on, when it was built on one
    /// (`j43_generators::Boundary`'s display form).
    pub boundary: Option<String>,
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
            index: 0,
            id: id.into(),
            source,
            boundary: None,
            document,
            expected,
        }
    }

    /// The same case with its number in the suite.
    pub fn at(mut self, index: usize) -> Case {
        self.index = index;
        self
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

/// What is kept of a case that failed: enough to name it, find it again and replay it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    /// The case's number in its suite ([`Case::index`]).
    pub index: usize,
    /// The case's position in this run (0-based).
    pub position: usize,
    /// [`Case::id`].
    pub id: String,
    /// [`Case::source`].
    pub source: Source,
    /// [`Case::boundary`].
    pub boundary: Option<String>,
    /// The document's length in bytes.
    pub bytes: usize,
    /// The document's digest ([`digest`]): its file name when written out.
    pub digest: String,
    /// The reference's answer.
    pub expected: Answer,
    /// A one-line escaped preview of the document's start.
    pub preview: String,
}

impl CaseRecord {
    /// The record of `case` at `position` in a run.
    pub fn of(case: &Case, position: usize) -> CaseRecord {
        CaseRecord {
            index: case.index,
            position,
            id: case.id.clone(),
            source: case.source,
            boundary: case.boundary.clone(),
            bytes: case.document.len(),
            digest: digest(&case.document),
            expected: Answer::from(&case.expected),
            preview: crate::protocol::preview(&case.document),
        }
    }

    /// The order of cases in a suite: by index, then by position (cases made by [`Case::new`]
    /// all have index 0).
    pub fn order(&self) -> (usize, usize) {
        (self.index, self.position)
    }
}

/// The hex SHA-256 of a document, first 16 bytes (32 hex digits): a name for it that is the same
/// in every run, shard and machine.
pub fn digest(document: &[u8]) -> String {
    use sha2::Digest as _;
    let hash = sha2::Sha256::digest(document);
    let mut out = String::with_capacity(32);
    for b in hash.iter().take(16) {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// One case on which the candidate and the reference disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The case's position in the run (an index into the cases given to [`run`]).
    pub case: usize,
    /// The case.
    pub record: CaseRecord,
    /// How they disagree.
    pub kind: Kind,
    /// The rules it is attributed to.
    pub rules: BTreeSet<RuleId>,
    /// The candidate's answer.
    pub actual: Answer,
}

/// One case the candidate failed to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The case's position in the run.
    pub case: usize,
    /// The case.
    pub record: CaseRecord,
    /// What went wrong.
    pub error: CaseError,
}

/// What happened on one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseOutcome {
    /// Same answer as the reference at the run's level.
    Agree,
    /// A different answer.
    Disagree {
        /// How they disagree.
        kind: Kind,
        /// The rules it is attributed to.
        rules: BTreeSet<RuleId>,
        /// The candidate's answer.
        actual: Answer,
    },
    /// No usable answer.
    Error(CaseError),
}

/// A class of failures: a kind of disagreement and the rule it is attributed to (`None`: a
/// false reject naming no rule), or a kind of error. Each class is counted, listed up to
/// [`RunOptions::keep`] cases, and shrunk from its smallest document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case", tag = "class")]
pub enum Class {
    /// Disagreements of a kind attributed to a rule.
    Disagreement {
        /// The kind.
        kind: Kind,
        /// The rule; `None` for false rejects naming no rule (level verdict).
        rule: Option<RuleId>,
    },
    /// Errors of a kind.
    Error {
        /// The kind of error.
        error: CaseErrorKind,
    },
}

impl std::fmt::Display for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Class::Disagreement { kind, rule } => {
                write!(f, "{kind} {}", rule.map_or("(no rule)", RuleId::as_str))
            }
            Class::Error { error } => write!(f, "error {}", error.as_str()),
        }
    }
}

impl Class {
    /// A file-name form: `false-accept-NET-005`, `false-reject-no-rule`, `error-timeout`.
    pub fn slug(&self) -> String {
        match self {
            Class::Disagreement { kind, rule } => {
                format!("{kind}-{}", rule.map_or("no-rule", RuleId::as_str))
            }
            Class::Error { error } => format!("error-{}", error.as_str()),
        }
    }

    /// The classes a case's outcome falls in (none for agreement).
    pub fn of(outcome: &CaseOutcome) -> Vec<Class> {
        match outcome {
            CaseOutcome::Agree => Vec::new(),
            CaseOutcome::Error(e) => vec![Class::Error { error: e.kind }],
            CaseOutcome::Disagree { kind, rules, .. } if rules.is_empty() => {
                vec![Class::Disagreement {
                    kind: *kind,
                    rule: None,
                }]
            }
            CaseOutcome::Disagree { kind, rules, .. } => rules
                .iter()
                .map(|&r| Class::Disagreement {
                    kind: *kind,
                    rule: Some(r),
                })
                .collect(),
        }
    }
}

/// The smallest failing case of a class: what shrinking starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The case.
    pub record: CaseRecord,
    /// Its document.
    pub document: Arc<Vec<u8>>,
    /// The candidate's answer, for a disagreement.
    pub actual: Option<Answer>,
}

/// Figures for one class over a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassStats {
    /// Failing cases of the class.
    pub count: usize,
    /// The smallest of them (fewest bytes, then first in suite order).
    pub example: Example,
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

/// Figures for one boundary class of the generators over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BoundaryStats {
    /// Cases built on the class.
    pub cases: usize,
    /// Of them, cases the candidate got wrong (disagreements and errors).
    pub failures: usize,
}

/// The result of running a candidate on cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunResult {
    /// The candidate's name.
    pub candidate: String,
    /// The level compared.
    pub level: Level,
    /// Cases decided (run and answered or failed).
    pub cases: usize,
    /// Cases on which the candidate agreed.
    pub agreed: usize,
    /// Cases on which it disagreed.
    pub disagreed: usize,
    /// Cases it failed to answer.
    pub errored: usize,
    /// The first [`RunOptions::keep`] disagreements of each class, in case order.
    pub disagreements: Vec<Disagreement>,
    /// The first [`RunOptions::keep`] errors of each kind, in case order.
    pub errors: Vec<Failure>,
    /// Failing cases not in `disagreements` or `errors` (every class beyond its first `keep`).
    pub unlisted: usize,
    /// Every class of failure with its count and smallest case.
    pub classes: BTreeMap<Class, ClassStats>,
    /// Figures for every rule of the catalog.
    pub rules: BTreeMap<RuleId, RuleStats>,
    /// Figures for every boundary class met (cases with [`Case::boundary`]).
    pub boundaries: BTreeMap<String, BoundaryStats>,
    /// Authorized cases checked (the reference accepts them).
    pub authorized_cases: usize,
    /// False rejects naming no rule (level verdict).
    pub unattributed_false_rejects: usize,
    /// Errors on cases the reference accepts.
    pub authorized_errors: usize,
    /// The harness error that stopped the run before its last case, if one did. Every case
    /// decided before it is in the figures.
    pub interrupted: Option<String>,
}

impl RunResult {
    /// An empty result for `candidate` at `level`.
    pub fn new(candidate: String, level: Level) -> RunResult {
        RunResult {
            candidate,
            level,
            cases: 0,
            agreed: 0,
            disagreed: 0,
            errored: 0,
            disagreements: Vec::new(),
            errors: Vec::new(),
            unlisted: 0,
            classes: BTreeMap::new(),
            rules: RuleId::ALL
                .iter()
                .map(|&r| (r, RuleStats::default()))
                .collect(),
            boundaries: BTreeMap::new(),
            authorized_cases: 0,
            unattributed_false_rejects: 0,
            authorized_errors: 0,
            interrupted: None,
        }
    }

    /// True when every case agreed (no disagreement, no error) and the run was not interrupted.
    pub fn conforms(&self) -> bool {
        self.disagreed == 0 && self.errored == 0 && self.interrupted.is_none()
    }

    /// The listed disagreements of a kind attributed to a rule (`None`: naming no rule).
    pub fn of(&self, kind: Kind, rule: Option<RuleId>) -> impl Iterator<Item = &Disagreement> {
        self.disagreements.iter().filter(move |d| {
            d.kind == kind
                && match rule {
                    Some(r) => d.rules.contains(&r),
                    None => d.rules.is_empty(),
                }
        })
    }

    /// The number of failing cases of a class.
    pub fn count(&self, class: Class) -> usize {
        self.classes.get(&class).map_or(0, |c| c.count)
    }

    /// Records one decided case; `observer` hears of it with whether it is listed. The case's
    /// document is kept (moved, not copied) when it becomes the smallest example of a class.
    pub fn record(
        &mut self,
        case: Case,
        outcome: CaseOutcome,
        keep: usize,
        observer: &mut dyn Observer,
    ) {
        let position = self.cases;
        self.cases += 1;
        let expected = case.expected.rules();
        if expected.is_empty() {
            self.authorized_cases += 1;
        }
        for rule in &expected {
            if let Some(s) = self.rules.get_mut(rule) {
                s.cases += 1;
            }
        }
        if let Some(b) = &case.boundary {
            let s = self.boundaries.entry(b.clone()).or_default();
            s.cases += 1;
            s.failures += usize::from(outcome != CaseOutcome::Agree);
        }
        let classes = Class::of(&outcome);
        if classes.is_empty() {
            self.agreed += 1;
            observer.case(&case, &outcome, None);
            return;
        }
        let record = CaseRecord::of(&case, position);
        let mut listed = false;
        let mut better = Vec::new();
        for class in &classes {
            let count = self.classes.get(class).map_or(0, |c| c.count) + 1;
            listed |= count <= keep;
            let smaller = self.classes.get(class).is_none_or(|stats| {
                let best = &stats.example.record;
                (record.bytes, record.order()) < (best.bytes, best.order())
            });
            if smaller {
                better.push(*class);
            }
        }
        match &outcome {
            CaseOutcome::Agree => {}
            CaseOutcome::Error(e) => {
                self.errored += 1;
                if expected.is_empty() {
                    self.authorized_errors += 1;
                }
                for rule in &expected {
                    if let Some(s) = self.rules.get_mut(rule) {
                        s.errors += 1;
                    }
                }
                if listed {
                    self.errors.push(Failure {
                        case: position,
                        record: record.clone(),
                        error: e.clone(),
                    });
                }
            }
            CaseOutcome::Disagree {
                kind,
                rules,
                actual,
            } => {
                self.disagreed += 1;
                if rules.is_empty() {
                    self.unattributed_false_rejects += 1;
                }
                for rule in rules {
                    if let Some(s) = self.rules.get_mut(rule) {
                        match kind {
                            Kind::FalseAccept => s.false_accepts += 1,
                            Kind::FalseReject => s.false_rejects += 1,
                            Kind::WrongReason => s.wrong_reasons += 1,
                        }
                    }
                }
                if listed {
                    self.disagreements.push(Disagreement {
                        case: position,
                        record: record.clone(),
                        kind: *kind,
                        rules: rules.clone(),
                        actual: actual.clone(),
                    });
                }
            }
        }
        if !listed {
            self.unlisted += 1;
        }
        observer.case(&case, &outcome, Some((&record, listed)));
        let actual = match &outcome {
            CaseOutcome::Disagree { actual, .. } => Some(actual.clone()),
            _ => None,
        };
        let document: Arc<Vec<u8>> = Arc::new(case.document);
        for class in &classes {
            let example = Example {
                record: record.clone(),
                document: document.clone(),
                actual: actual.clone(),
            };
            match self.classes.get_mut(class) {
                Some(stats) => {
                    stats.count += 1;
                    if better.contains(class) {
                        stats.example = example;
                    }
                }
                None => {
                    self.classes
                        .insert(*class, ClassStats { count: 1, example });
                }
            }
        }
    }
}

/// Hears of every case as it is decided, and of progress.
pub trait Observer {
    /// A case was decided. `failed` is `None` for agreement; otherwise the failing case's
    /// record and whether it is among the first [`RunOptions::keep`] of one of its classes.
    fn case(&mut self, case: &Case, outcome: &CaseOutcome, failed: Option<(&CaseRecord, bool)>) {
        let _ = (case, outcome, failed);
    }

    /// `done` cases have been decided.
    fn progress(&mut self, done: usize) {
        let _ = done;
    }
}

/// An observer that does nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Observer for Quiet {}

impl<F: FnMut(usize)> Observer for F {
    fn progress(&mut self, done: usize) {
        self(done);
    }
}

/// How the runner runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunOptions {
    /// The level compared; the candidate must answer at least at this level.
    pub level: Level,
    /// Documents handed to `check_batch` at once.
    pub batch: usize,
    /// Failing cases listed per class (the rest are counted): bounds the result's memory.
    pub keep: usize,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            level: Level::Rules,
            batch: 256,
            keep: 20,
        }
    }
}

/// Runs `checker` on every case, comparing with each case's oracle at `options.level`.
/// `progress` is called with the number of cases done after each batch. `Err` only when the
/// candidate's level is too coarse for the run (before any case); a harness error during the
/// run stops it and is in [`RunResult::interrupted`], with every case decided before it.
pub fn run(
    checker: &mut dyn Checker,
    cases: &[Case],
    options: &RunOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<RunResult> {
    struct Progress<'a>(&'a mut dyn FnMut(usize));
    impl Observer for Progress<'_> {
        fn progress(&mut self, done: usize) {
            (self.0)(done);
        }
    }
    run_stream(
        checker,
        cases.iter().cloned(),
        options,
        &mut Progress(progress),
    )
}

/// Document bytes in one batch, past its first document.
const BATCH_BYTES: usize = 16 << 20;

/// Runs `checker` on cases as they come, in batches of [`RunOptions::batch`]; `observer` hears
/// of every decided case. Memory is bounded by a batch and the kept records, not by the number
/// of cases. Errors as [`run`].
pub fn run_stream(
    checker: &mut dyn Checker,
    cases: impl IntoIterator<Item = Case>,
    options: &RunOptions,
    observer: &mut dyn Observer,
) -> Result<RunResult> {
    if checker.level() < options.level {
        return Err(Error::Level {
            candidate: checker.level(),
            asked: options.level,
        });
    }
    let mut result = RunResult::new(checker.name(), options.level);
    let mut cases = cases.into_iter();
    // Batches shrink when the candidate is slow, so that progress is heard of every second or
    // so, and grow back to `options.batch` when it is fast.
    let most = options.batch.max(1);
    let mut size = most.min(16);
    loop {
        let started = std::time::Instant::now();
        // At most `size` cases and, past the first, at most BATCH_BYTES of documents: a batch
        // of the suite's 64 MiB documents is one or two of them, not a gigabyte.
        let mut chunk: Vec<Case> = Vec::new();
        let mut bytes = 0;
        for case in cases.by_ref() {
            bytes += case.document.len();
            chunk.push(case);
            if chunk.len() >= size || bytes >= BATCH_BYTES {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let docs: Vec<&[u8]> = chunk.iter().map(|c| c.document.as_slice()).collect();
        let answers = checker.check_batch(&docs);
        drop(docs);
        let (answers, stop) = match answers {
            Ok(answers) => (answers, None),
            Err(Error::Interrupted { decided, source }) => (decided, Some(source.to_string())),
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        for (case, answer) in chunk.into_iter().zip(answers) {
            let outcome = outcome(options.level, &case, answer);
            result.record(case, outcome, options.keep, observer);
        }
        observer.progress(result.cases);
        let took = started.elapsed();
        if took > std::time::Duration::from_millis(1000) {
            size = (size / 2).max(1);
        } else if took < std::time::Duration::from_millis(250) {
            size = (size * 2).min(most);
        }
        if stop.is_some() {
            result.interrupted = stop;
            break;
        }
    }
    Ok(result)
}

/// The outcome of one case given the candidate's result.
pub fn outcome(level: Level, case: &Case, answer: CaseResult) -> CaseOutcome {
    match answer {
        Err(e) => CaseOutcome::Error(e),
        Ok(actual) => match compare(level, &case.expected, &actual) {
            None => CaseOutcome::Agree,
            Some((kind, rules)) => CaseOutcome::Disagree {
                kind,
                rules,
                actual,
            },
        },
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

    #[test]
    fn the_record_keeps_the_first_cases_of_each_class_and_the_smallest_example() {
        let docs: Vec<Vec<u8>> = vec![b"[1,2,3]".to_vec(), b"[]".to_vec(), b"[1]".to_vec()];
        let cases: Vec<Case> = docs
            .into_iter()
            .enumerate()
            .map(|(i, d)| Case::new(format!("c{i}"), Source::Given, d).at(i))
            .collect();
        let mut accept = from_fn("accept", Level::Rules, |_: &[u8]| set(&[]));
        let options = RunOptions {
            keep: 2,
            ..RunOptions::default()
        };
        let r = run(&mut accept, &cases, &options, &mut |_| {}).unwrap();
        let class = Class::Disagreement {
            kind: Kind::FalseAccept,
            rule: Some(RuleId::Doc005),
        };
        assert_eq!(r.count(class), 3);
        assert_eq!(r.disagreed, 3);
        assert_eq!(r.disagreements.len(), 2, "only the first two are listed");
        assert_eq!(r.unlisted, 1);
        assert_eq!(r.classes[&class].example.document.as_slice(), b"[]");
        assert_eq!(r.classes[&class].example.record.index, 1);
    }

    #[test]
    fn a_harness_error_keeps_every_case_decided_before_it() {
        struct Dies(usize);
        impl Checker for Dies {
            fn name(&self) -> String {
                "dies".into()
            }
            fn level(&self) -> Level {
                Level::Rules
            }
            fn check(&mut self, document: &[u8]) -> Result<CaseResult> {
                if self.0 == 0 {
                    return Err(Error::Cases("gone".into()));
                }
                self.0 -= 1;
                Ok(Ok(Answer::from(j43_model::check(document))))
            }
        }
        let cases: Vec<Case> = (0..10)
            .map(|i| Case::new(format!("c{i}"), Source::Given, b"{}".to_vec()).at(i))
            .collect();
        let r = run(&mut Dies(7), &cases, &RunOptions::default(), &mut |_| {}).unwrap();
        assert_eq!(r.cases, 7);
        assert_eq!(r.agreed, 7);
        assert!(r.interrupted.as_deref().unwrap_or("").contains("gone"));
        assert!(!r.conforms());
    }
}
