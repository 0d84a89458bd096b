//! The `Checker` trait: one interface for every candidate, in process or not.

use crate::{Error, Result};
use j43_model::{Report, RuleId, Verdict};
use std::collections::BTreeSet;

/// How much a candidate answers, and how strictly it is compared (PROTOCOL.md §1).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Verdicts only: a case agrees when the verdicts are equal.
    Verdict,
    /// Verdicts and rule sets: a case agrees when the sets of rule ids are equal.
    Rules,
}

impl Level {
    /// `verdict` or `rules`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Verdict => "verdict",
            Level::Rules => "rules",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A candidate's answer to one document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Answer {
    /// The verdict.
    pub verdict: Verdict,
    /// The rule set, for a candidate at level rules; `None` at level verdict.
    pub rules: Option<BTreeSet<RuleId>>,
}

impl From<&Report> for Answer {
    fn from(report: &Report) -> Answer {
        Answer {
            verdict: report.verdict(),
            rules: Some(report.rules()),
        }
    }
}

impl From<Report> for Answer {
    fn from(report: Report) -> Answer {
        Answer::from(&report)
    }
}

impl From<Verdict> for Answer {
    fn from(verdict: Verdict) -> Answer {
        Answer {
            verdict,
            rules: None,
        }
    }
}

impl From<BTreeSet<RuleId>> for Answer {
    /// Rejected with these rules when the set is not empty, authorized otherwise.
    fn from(rules: BTreeSet<RuleId>) -> Answer {
        let verdict = if rules.is_empty() {
            Verdict::Authorized
        } else {
            Verdict::Rejected
        };
        Answer {
            verdict,
            rules: Some(rules),
        }
    }
}

/// The kind of a candidate's failure on one case.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum CaseErrorKind {
    /// No answer within the per-case timeout.
    Timeout,
    /// The candidate exited or died while the case was in flight.
    Crash,
    /// The candidate's output broke PROTOCOL.md.
    Protocol,
    /// The candidate said it could not check the document.
    Candidate,
}

impl CaseErrorKind {
    /// `timeout`, `crash`, `protocol` or `candidate`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CaseErrorKind::Timeout => "timeout",
            CaseErrorKind::Crash => "crash",
            CaseErrorKind::Protocol => "protocol",
            CaseErrorKind::Candidate => "candidate",
        }
    }
}

/// A candidate's failure to answer one case. It never counts as agreement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CaseError {
    /// What kind of failure.
    pub kind: CaseErrorKind,
    /// What happened, for people.
    pub message: String,
    /// The end of the candidate's standard error when it happened (at most 64 KiB).
    pub stderr: String,
}

impl CaseError {
    /// An error of this kind without standard error.
    pub fn new(kind: CaseErrorKind, message: impl Into<String>) -> CaseError {
        CaseError {
            kind,
            message: message.into(),
            stderr: String::new(),
        }
    }
}

impl std::fmt::Display for CaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.message)
    }
}

/// A candidate's answer to one case, or its failure on that case.
pub type CaseResult = std::result::Result<Answer, CaseError>;

/// A checker of j43 documents under test: the reference model, a Rust function, a program.
///
/// `check` and `check_batch` return `Err` only for a harness error that stops the run (such as
/// a candidate that cannot start); a candidate's failure on one case is `Ok(Err(CaseError))`.
pub trait Checker {
    /// A name for reports.
    fn name(&self) -> String;

    /// The level the candidate answers at.
    fn level(&self) -> Level;

    /// Checks one document. An answer must carry a rule set when `level()` is rules.
    fn check(&mut self, document: &[u8]) -> Result<CaseResult>;

    /// Checks documents in order and returns one result per document, in the same order.
    /// External candidates override it to pipeline requests. A harness error after some
    /// documents were decided is [`Error::Interrupted`] with their results.
    fn check_batch(&mut self, documents: &[&[u8]]) -> Result<Vec<CaseResult>> {
        let mut decided = Vec::with_capacity(documents.len());
        for document in documents {
            match self.check(document) {
                Ok(result) => decided.push(result),
                Err(e) if decided.is_empty() => return Err(e),
                Err(e) => {
                    return Err(Error::Interrupted {
                        decided,
                        source: Box::new(e),
                    })
                }
            }
        }
        Ok(decided)
    }
}

impl<C: Checker + ?Sized> Checker for &mut C {
    fn name(&self) -> String {
        (**self).name()
    }
    fn level(&self) -> Level {
        (**self).level()
    }
    fn check(&mut self, document: &[u8]) -> Result<CaseResult> {
        (**self).check(document)
    }
    fn check_batch(&mut self, documents: &[&[u8]]) -> Result<Vec<CaseResult>> {
        (**self).check_batch(documents)
    }
}

impl<C: Checker + ?Sized> Checker for Box<C> {
    fn name(&self) -> String {
        (**self).name()
    }
    fn level(&self) -> Level {
        (**self).level()
    }
    fn check(&mut self, document: &[u8]) -> Result<CaseResult> {
        (**self).check(document)
    }
    fn check_batch(&mut self, documents: &[&[u8]]) -> Result<Vec<CaseResult>> {
        (**self).check_batch(documents)
    }
}

/// The reference model, `j43_model::check`, as a candidate at level rules. It is the oracle.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reference;

impl Checker for Reference {
    fn name(&self) -> String {
        format!("j43-model {}", env!("CARGO_PKG_VERSION"))
    }
    fn level(&self) -> Level {
        Level::Rules
    }
    fn check(&mut self, document: &[u8]) -> Result<CaseResult> {
        Ok(Ok(Answer::from(j43_model::check(document))))
    }
}

/// A Rust function as a candidate; made by [`from_fn`].
pub struct FnChecker<F> {
    name: String,
    level: Level,
    f: F,
}

/// A candidate from any function of a document's bytes to something that converts into an
/// [`Answer`]: a `j43_model::Report`, a `Verdict` (level verdict), a rule set or an `Answer`.
///
/// ```
/// use j43_conformance::{from_fn, Checker, Level};
/// let mut c = from_fn("mine", Level::Rules, |doc: &[u8]| j43_model::check(doc));
/// assert!(c.check(b"{}").unwrap().is_ok());
/// ```
pub fn from_fn<F, A>(name: impl Into<String>, level: Level, f: F) -> FnChecker<F>
where
    F: FnMut(&[u8]) -> A,
    A: Into<Answer>,
{
    FnChecker {
        name: name.into(),
        level,
        f,
    }
}

impl<F, A> Checker for FnChecker<F>
where
    F: FnMut(&[u8]) -> A,
    A: Into<Answer>,
{
    fn name(&self) -> String {
        self.name.clone()
    }
    fn level(&self) -> Level {
        self.level
    }
    fn check(&mut self, document: &[u8]) -> Result<CaseResult> {
        let answer: Answer = (self.f)(document).into();
        if self.level == Level::Rules && answer.rules.is_none() {
            return Ok(Err(CaseError::new(
                CaseErrorKind::Protocol,
                "a checker at level rules answered without a rule set",
            )));
        }
        Ok(Ok(answer))
    }
}
