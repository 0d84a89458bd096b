//! Shrinking: each class of failure reduced to a minimal document that still shows it.
//!
//! Shrinking is budgeted in candidate calls, so the same run gives the same minimal documents;
//! an overall deadline is a safety bound on top (a class it cuts short says so). A class whose
//! smallest document is larger than [`ShrinkOptions::max_bytes`] is not shrunk: each try would
//! send megabytes to the candidate, and the structural minimizer's own work grows with the
//! document.

use crate::run::{compare, CaseRecord, Class};
use crate::{Answer, CaseErrorKind, Checker, Level, RunResult};
use std::time::Instant;

/// How shrinking is bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShrinkOptions {
    /// Candidate calls per class (0: no shrinking).
    pub budget: usize,
    /// Classes whose smallest document is larger than this are not shrunk.
    pub max_bytes: usize,
    /// No candidate call is made after this instant.
    pub deadline: Instant,
}

/// How shrinking a class ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Shrunk until 1-minimal or the budget was spent.
    Shrunk,
    /// The deadline ended it early (the document is the smallest found by then).
    Deadline,
    /// Not shrunk: the deadline had passed before the class's turn.
    Skipped,
    /// Not shrunk: its smallest document is larger than the size limit for shrinking.
    TooLarge,
    /// Not shrunk: timeouts are not shrunk (each try would cost the whole timeout).
    Timeout,
    /// Not shrunk: the candidate did not show the failure again on the class's smallest
    /// document (a candidate whose answers change between calls).
    NotReproduced,
    /// Stopped: the candidate could no longer be run.
    HarnessError,
}

impl Status {
    /// True when the minimizer ran on the class (its document may be smaller than the case's).
    pub const fn shrank(self) -> bool {
        matches!(self, Status::Shrunk | Status::Deadline)
    }

    /// The kebab-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Shrunk => "shrunk",
            Status::Deadline => "deadline",
            Status::Skipped => "skipped",
            Status::TooLarge => "too-large",
            Status::Timeout => "timeout",
            Status::NotReproduced => "not-reproduced",
            Status::HarnessError => "harness-error",
        }
    }
}

/// The minimal document found for one class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shrunk {
    /// The class.
    pub class: Class,
    /// The case it was shrunk from (the class's smallest).
    pub from: CaseRecord,
    /// The minimal document found (the case's own document when not shrunk).
    pub document: Vec<u8>,
    /// The reference's answer on it.
    pub expected: Answer,
    /// The candidate's answer on it (`None` for an error class).
    pub actual: Option<Answer>,
    /// Candidate calls spent.
    pub calls: usize,
    /// True when no single edit of the minimizer keeps the failure.
    pub one_minimal: bool,
    /// How it ended.
    pub status: Status,
}

/// Shrinks the smallest case of every class of `result`, in class order. The predicate is "the
/// candidate still fails in the same class": the same kind of disagreement attributed to the
/// same rule, or the same kind of error. `progress` is called before each class with its
/// position and the number of classes.
pub fn shrink_all(
    checker: &mut dyn Checker,
    result: &RunResult,
    options: &ShrinkOptions,
    progress: &mut dyn FnMut(usize, usize, &Class),
) -> Vec<Shrunk> {
    let level = result.level;
    let total = result.classes.len();
    let mut out = Vec::with_capacity(total);
    let mut usable = true;
    for (position, (class, stats)) in result.classes.iter().enumerate() {
        progress(position, total, class);
        let example = &stats.example;
        let unshrunk = |status: Status| Shrunk {
            class: *class,
            from: example.record.clone(),
            document: example.document.to_vec(),
            expected: example.record.expected.clone(),
            actual: example.actual.clone(),
            calls: 0,
            one_minimal: false,
            status,
        };
        let status = if !usable {
            Some(Status::HarnessError)
        } else if options.budget == 0 || Instant::now() >= options.deadline {
            Some(Status::Skipped)
        } else if example.document.len() > options.max_bytes {
            Some(Status::TooLarge)
        } else if *class
            == (Class::Error {
                error: CaseErrorKind::Timeout,
            })
        {
            Some(Status::Timeout)
        } else {
            None
        };
        if let Some(status) = status {
            out.push(unshrunk(status));
            continue;
        }
        let (shrunk, still_usable) = shrink_one(checker, level, *class, example, options);
        usable = still_usable;
        out.push(shrunk);
    }
    out
}

fn shrink_one(
    checker: &mut dyn Checker,
    level: Level,
    class: Class,
    example: &crate::run::Example,
    options: &ShrinkOptions,
) -> (Shrunk, bool) {
    let mut usable = true;
    let mut last: Option<(Vec<u8>, Option<Answer>)> = None;
    let deadline = options.deadline;
    let minimized = {
        let still = |doc: &[u8]| -> bool {
            if !usable {
                return false;
            }
            let answer = match checker.check(doc) {
                Ok(a) => a,
                Err(_) => {
                    usable = false;
                    return false;
                }
            };
            let holds = match (class, &answer) {
                (Class::Error { error }, Err(e)) => e.kind == error,
                (Class::Disagreement { kind, rule }, Ok(a)) => {
                    match compare(level, &j43_model::check(doc), a) {
                        Some((k, rules)) => {
                            k == kind && rule.map_or(rules.is_empty(), |r| rules.contains(&r))
                        }
                        None => false,
                    }
                }
                _ => false,
            };
            if holds {
                last = Some((doc.to_vec(), answer.ok()));
            }
            holds
        };
        j43_generators::minimize_until(&example.document, still, options.budget, move || {
            Instant::now() >= deadline
        })
    };
    let status = if !usable {
        Status::HarnessError
    } else if minimized.predicate_calls > 0 && last.is_none() && !minimized.stopped {
        Status::NotReproduced
    } else if minimized.stopped {
        Status::Deadline
    } else {
        Status::Shrunk
    };
    let actual = match last {
        Some((doc, answer)) if doc == minimized.document => answer,
        _ => example.actual.clone(),
    };
    let expected = Answer::from(j43_model::check(&minimized.document));
    (
        Shrunk {
            class,
            from: example.record.clone(),
            expected,
            document: minimized.document,
            actual,
            calls: minimized.predicate_calls,
            one_minimal: minimized.one_minimal,
            status,
        },
        usable,
    )
}
