//! Merging reports: the shard reports of a suite (run on one machine or several) into the
//! report of the whole suite, as one run of it would have written.

//!
//! Everything in a report but its `run` member is a function of the cases' outcomes, and the
//! shards of a suite partition its cases by index, so the merge is exact: counts are sums, a
//! class's example is the smallest over all shards (with the minimal document of the shard it
//! comes from: shrinking is budgeted in candidate calls, so the same example gives the same
//! minimal document), and the listed failures are recomputed from the shards' lists, which
//! hold every case a single run would list (see [`merge`]).

use super::text::line;
use super::{
    case_file, AuthorizedRow, BoundaryRow, ClassRow, FailureRow, RuleRow, RunInfo, RunReport,
    Summary,
};
use crate::output::BIG;
use crate::run::Class;
use crate::suite::Shard;
use crate::Kind;
use std::collections::{BTreeMap, BTreeSet};

/// Why reports do not merge. Reports are numbered from 1 in the order given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// No report was given.
    #[error("no report to merge")]
    Empty,
    /// Two reports come from different j43 versions or report formats.
    #[error("report {b} was written by j43 {found}, report {a} by j43 {expected}: merge reports of one j43 version")]
    Version {
        /// The first report's number.
        a: usize,
        /// The other report's number.
        b: usize,
        /// The first report's version and format.
        expected: String,
        /// The other's.
        found: String,
    },
    /// Two reports judge different candidates (command, name, mode or level).
    #[error("report {b} is of another candidate than report {a}: {difference}")]
    Candidate {
        /// The first report's number.
        a: usize,
        /// The other report's number.
        b: usize,
        /// What differs, as `member: first vs other`.
        difference: String,
    },
    /// Two reports compare at different levels.
    #[error("report {b} compares at level {found}, report {a} at level {expected}")]
    Level {
        /// The first report's number.
        a: usize,
        /// The other report's number.
        b: usize,
        /// The first report's level.
        expected: crate::Level,
        /// The other's.
        found: crate::Level,
    },
    /// Two reports ran different suites (seed, cases, corpus, settings, keep, ...).
    #[error("report {b} ran another suite than report {a}: {difference}")]
    Suite {
        /// The first report's number.
        a: usize,
        /// The other report's number.
        b: usize,
        /// What differs, as `member: first vs other`.
        difference: String,
    },
    /// Two reports were judged against different known failures.
    #[error("report {b} was judged against other known failures (`--expect`) than report {a}")]
    Expect {
        /// The first report's number.
        a: usize,
        /// The other report's number.
        b: usize,
    },
    /// A report of chosen cases (`--only`, `--replay`) is not a part of a suite.
    #[error("report {index} is a run of chosen cases (`--only` or `--replay`), not a shard of a suite: it merges with no other report")]
    NotShard {
        /// The report's number.
        index: usize,
    },
    /// Two reports are shards of different counts.
    #[error("report {b} is shard {found} and report {a} shard {expected}: shards of different counts do not merge")]
    Count {
        /// The first report's number.
        a: usize,
        /// The other report's number.
        b: usize,
        /// The first report's shards.
        expected: Shards,
        /// The other's.
        found: Shards,
    },
    /// Two reports hold the same cases.
    #[error("reports {a} and {b} both hold {what}")]
    Overlap {
        /// The first report's number.
        a: usize,
        /// The other report's number.
        b: usize,
        /// The cases both hold (`shard 2/3`, `the whole suite`).
        what: String,
    },
    /// Shards are missing and a partial merge was not allowed.
    #[error("{} of {count} {} missing (merge {} too, or allow a partial merge)", shards_word(missing), if missing.len() == 1 { "is" } else { "are" }, if missing.len() == 1 { "it" } else { "them" })]
    Missing {
        /// The missing shard numbers.
        missing: Vec<usize>,
        /// The number of shards.
        count: usize,
    },
    /// A report contradicts itself or the others (not one written by `j43 conform`).
    #[error("report {index} is inconsistent: {reason}")]
    Invalid {
        /// The report's number.
        index: usize,
        /// What is wrong.
        reason: String,
    },
}

/// `shard 2` or `shards 2, 4`.
fn shards_word(numbers: &[usize]) -> String {
    let words: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
    let s = if numbers.len() == 1 { "" } else { "s" };
    format!("shard{s} {}", words.join(", "))
}

/// What differs between two serializable values, member by member: `seed: 0 vs 1`.
fn difference<T: serde::Serialize>(a: &T, b: &T) -> String {
    let (a, b) = (serde_json::to_value(a), serde_json::to_value(b));
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) = (a, b) else {
        return "they differ".to_owned();
    };
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let null = serde_json::Value::Null;
    let parts: Vec<String> = keys
        .into_iter()
        .filter_map(|k| {
            let (x, y) = (a.get(k).unwrap_or(&null), b.get(k).unwrap_or(&null));
            (x != y).then(|| format!("{k}: {} vs {}", line(&x.to_string()), line(&y.to_string())))
        })
        .collect();
    parts.join(", ")
}

/// Checks that report `b` (1-based number) ran what report 1 ran.
fn compatible(first: &RunReport, other: &RunReport, b: usize) -> Result<(), MergeError> {
    let a = 1;
    if (&first.format, &first.j43) != (&other.format, &other.j43) {
        return Err(MergeError::Version {
            a,
            b,
            expected: format!("{} ({})", line(&first.j43), line(&first.format)),
            found: format!("{} ({})", line(&other.j43), line(&other.format)),
        });
    }
    if first.candidate != other.candidate {
        return Err(MergeError::Candidate {
            a,
            b,
            difference: difference(&first.candidate, &other.candidate),
        });
    }
    if first.level != other.level {
        return Err(MergeError::Level {
            a,
            b,
            expected: first.level,
            found: other.level,
        });
    }
    if !first.suite.same_suite(&other.suite) {
        return Err(MergeError::Suite {
            a,
            b,
            difference: difference(&first.suite, &other.suite),
        });
    }
    let entries = |r: &RunReport| r.expected_failures.as_ref().map(|e| e.entries.clone());
    if entries(first) != entries(other) {
        return Err(MergeError::Expect { a, b });
    }
    let ids = |r: &RunReport| r.rules.iter().map(|r| r.rule).collect::<Vec<_>>();
    if ids(first) != ids(other) {
        return Err(MergeError::Invalid {
            index: b,
            reason: "its rules are not those of report 1".to_owned(),
        });
    }
    Ok(())
}

/// The part of the suite the reports cover together: `None` for the whole suite.
fn coverage(reports: &[RunReport], allow_partial: bool) -> Result<Option<Shards>, MergeError> {
    let mut whole: Option<usize> = None;
    let mut count: Option<(usize, usize, &Shards)> = None;
    let mut owner: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        let b = i + 1;
        let Some(shards) = &r.shard else {
            if let Some(a) = whole.or_else(|| owner.values().next().copied()) {
                return Err(MergeError::Overlap {
                    a,
                    b,
                    what: "the whole suite".to_owned(),
                });
            }
            whole = Some(b);
            continue;
        };
        match count {
            Some((n, a, expected)) if n != shards.count() => {
                return Err(MergeError::Count {
                    a,
                    b,
                    expected: expected.clone(),
                    found: shards.clone(),
                })
            }
            Some(_) => {}
            None => count = Some((shards.count(), b, shards)),
        }
        for index in shards.indices() {
            let what = format!("shard {index}/{}", shards.count());
            if let Some(a) = whole.or_else(|| owner.get(&index).copied()) {
                return Err(MergeError::Overlap { a, b, what });
            }
            owner.insert(index, b);
        }
    }
    let Some((n, _, _)) = count else {
        return Ok(None);
    };
    let covered = Shards {
        count: n,
        indices: owner.keys().copied().collect(),
    };
    let missing = covered.missing();
    if missing.is_empty() {
        Ok(None)
    } else if allow_partial {
        Ok(Some(covered))
    } else {
        Err(MergeError::Missing { missing, count: n })
    }
}

/// The classes a listed failure falls in: its (kind, rule) pairs, (kind, none) when it names no
/// rule, or its error kind. `None` when the row is not one a run writes.
fn row_classes(row: &FailureRow) -> Option<Vec<Class>> {
    if let Some(e) = &row.error {
        return Some(vec![Class::Error { error: e.kind }]);
    }
    let kind: Kind = row.kind.parse().ok()?;
    if row.rules.is_empty() {
        return Some(vec![Class::Disagreement { kind, rule: None }]);
    }
    Some(
        row.rules
            .iter()
            .map(|&r| Class::Disagreement {
                kind,
                rule: Some(r),
            })
            .collect(),
    )
}

/// The failing cases whose documents a run folder holds, given the listed failures of its
/// report (in suite order): every listed case of at most [`BIG`] bytes and, of bigger ones,
/// the first of each class that has no big document yet, as `output::Writer` writes them.
/// Returns their suite indices and their digests.
pub fn written_cases(failures: &[FailureRow]) -> (BTreeSet<usize>, BTreeSet<String>) {
    let mut indices = BTreeSet::new();
    let mut digests = BTreeSet::new();
    let mut big: BTreeSet<Class> = BTreeSet::new();
    for row in failures {
        let classes = row_classes(row).unwrap_or_default();
        let write = if row.case.bytes > BIG {
            let new = classes.iter().any(|c| !big.contains(c));
            big.extend(classes);
            new
        } else {
            true
        };
        if write {
            indices.insert(row.case.index);
            digests.insert(row.case.digest.clone());
        }
    }
    (indices, digests)
}

/// Merges the reports of shards of one suite into one report, the report a single run of
/// those shards writes, apart from its `run` member: `run.started` is the earliest start,
/// `elapsed_s` and `shrink_s` are sums (the work done, not the wall time of parallel jobs),
/// `cases_per_s` is the cases over that sum, and `out` and `merged_from` are left for the
/// caller to fill in.
///
/// The reports must be of one j43 version, candidate, level, suite and list of known failures,
/// each shard at most once and of one count. When every shard `1..=N` is there (or one report
/// of the whole suite is given alone) the merge has `shard: None`; when some are missing it is
/// refused, unless `allow_partial`, and then `shard` names the shards merged (`1,3/4`) and the
/// merge is judged as the run of those shards would be.
///
/// A shard that stopped on a harness error makes the merge stop on it too: `interrupted`
/// names each such shard with its message.
pub fn merge(reports: &[RunReport], allow_partial: bool) -> Result<RunReport, MergeError> {
    let (first, rest) = reports.split_first().ok_or(MergeError::Empty)?;
    for (i, other) in rest.iter().enumerate() {
        compatible(first, other, i + 2)?;
    }
    if reports.len() > 1 {
        if let Some(i) = reports
            .iter()
            .position(|r| r.suite.kind != "suite" || !r.suite.only.is_empty())
        {
            return Err(MergeError::NotShard { index: i + 1 });
        }
    }
    let shard = coverage(reports, allow_partial)?;
    for (i, r) in reports.iter().enumerate() {
        if let Some(row) = r.failures.iter().find(|f| row_classes(f).is_none()) {
            return Err(MergeError::Invalid {
                index: i + 1,
                reason: format!(
                    "failure of case {} has the kind `{}`",
                    row.case.index,
                    line(&row.kind)
                ),
            });
        }
    }

    let mut rules: Vec<RuleRow> = first.rules.clone();
    let mut authorized = first.authorized.clone();
    for r in rest {
        for (sum, row) in rules.iter_mut().zip(&r.rules) {
            sum.cases += row.cases;
            sum.false_accepts += row.false_accepts;
            sum.false_rejects += row.false_rejects;
            sum.wrong_reasons += row.wrong_reasons;
            sum.errors += row.errors;
        }
        authorized = AuthorizedRow {
            cases: authorized.cases + r.authorized.cases,
            false_rejects: authorized.false_rejects + r.authorized.false_rejects,
            errors: authorized.errors + r.authorized.errors,
        };
    }

    let mut boundaries: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for b in reports.iter().flat_map(|r| &r.boundaries) {
        let sum = boundaries.entry(&b.class).or_default();
        sum.0 += b.cases;
        sum.1 += b.failures;
    }

    // Each class's count, and its smallest example with the minimal document of its shard.
    let mut classes: BTreeMap<Class, (usize, &ClassRow)> = BTreeMap::new();
    for c in reports.iter().flat_map(|r| &r.classes) {
        let key = |c: &ClassRow| (c.example.bytes, c.example.index);
        classes
            .entry(c.class)
            .and_modify(|(count, best)| {
                *count += c.count;
                if key(c) < key(best) {
                    *best = c;
                }
            })
            .or_insert((c.count, c));
    }

    // A shard lists the first `keep` cases of each of its classes, so the first `keep` of a
    // class over the whole suite are among the shards' lists and come first in them.
    let keep = first.suite.keep;
    let mut all: Vec<&FailureRow> = reports.iter().flat_map(|r| &r.failures).collect();
    all.sort_by_key(|f| f.case.index);
    let mut seen: BTreeMap<Class, usize> = BTreeMap::new();
    let mut failures: Vec<FailureRow> = Vec::new();
    for row in all {
        let mut listed = false;
        for class in row_classes(row).unwrap_or_default() {
            let n = seen.entry(class).or_default();
            *n += 1;
            listed |= *n <= keep;
        }
        if listed {
            failures.push(row.clone());
        }
    }
    let (_, written) = written_cases(&failures);
    let file = |digest: &str| written.contains(digest).then(|| case_file(digest));
    for f in &mut failures {
        f.case.file = file(&f.case.digest);
    }
    let classes: Vec<ClassRow> = classes
        .into_values()
        .map(|(count, best)| {
            let mut row = best.clone();
            row.count = count;
            row.example.file = file(&row.example.digest);
            row
        })
        .collect();

    let sum = |f: fn(&Summary) -> usize| reports.iter().map(|r| f(&r.summary)).sum::<usize>();
    let (cases, disagreed, errors) = (sum(|s| s.cases), sum(|s| s.disagreed), sum(|s| s.errors));
    let interrupted: Vec<String> = reports
        .iter()
        .filter_map(|r| {
            let stop = r.summary.interrupted.as_ref()?;
            Some(match (&r.shard, reports.len()) {
                (Some(s), 2..) => format!("shard {s}: {stop}"),
                _ => stop.clone(),
            })
        })
        .collect();
    let summary = Summary {
        status: String::new(),
        conforms: false,
        cases,
        agreed: sum(|s| s.agreed),
        disagreed,
        errors,
        unlisted: (disagreed + errors).saturating_sub(failures.len()),
        rules_exercised: rules.iter().filter(|r| r.cases > 0).count(),
        interrupted: (!interrupted.is_empty()).then(|| interrupted.join("; ")),
    };

    let elapsed_s: f64 = reports.iter().map(|r| r.run.elapsed_s).sum();
    let run = RunInfo {
        started: reports
            .iter()
            .map(|r| r.run.started.as_str())
            .filter(|s| !s.is_empty())
            .min()
            .unwrap_or_default()
            .to_owned(),
        elapsed_s,
        cases_per_s: if elapsed_s > 0.0 {
            cases as f64 / elapsed_s
        } else {
            0.0
        },
        shrink_s: reports.iter().map(|r| r.run.shrink_s).sum(),
        out: None,
        merged_from: Vec::new(),
    };
    let mut merged = RunReport {
        format: first.format.clone(),
        j43: first.j43.clone(),
        candidate: first.candidate.clone(),
        level: first.level,
        suite: first.suite.clone(),
        shard,
        summary,
        rules,
        authorized,
        boundaries: boundaries
            .into_iter()
            .map(|(class, (cases, failures))| BoundaryRow {
                class: class.to_owned(),
                cases,
                failures,
            })
            .collect(),
        classes,
        failures,
        expected_failures: None,
        run,
    };
    let entries = first.expected_failures.as_ref().map(|e| e.entries.clone());
    merged.judge(entries.as_deref());
    Ok(merged)
}

/// The part of a suite a report covers: one shard (`2/3`, what `j43 conform --shard` runs) or
/// several shards of one count (`1,3/4`, what `j43 merge --allow-partial` gives when shards are
/// missing). Written `I/N` or `I,J,…/N`, the shard numbers in increasing order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Shards {
    count: usize,
    indices: BTreeSet<usize>,
}

impl Shards {
    /// Shards `indices` (1-based) of `count`; `Err` when there is none or one is out of
    /// `1..=count`.
    pub fn new(count: usize, indices: impl IntoIterator<Item = usize>) -> Result<Shards, String> {
        let indices: BTreeSet<usize> = indices.into_iter().collect();
        if indices.is_empty() {
            return Err("no shard".into());
        }
        if let Some(bad) = indices.iter().find(|&&i| i == 0 || i > count) {
            return Err(format!("shard {bad} of {count} needs 1 <= I <= N"));
        }
        Ok(Shards { count, indices })
    }

    /// The number of shards of the suite (`N`).
    pub fn count(&self) -> usize {
        self.count
    }

    /// The shard numbers covered, in increasing order.
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.indices.iter().copied()
    }

    /// The shard numbers not covered, in increasing order.
    pub fn missing(&self) -> Vec<usize> {
        (1..=self.count)
            .filter(|i| !self.indices.contains(i))
            .collect()
    }

    /// True when every shard is covered: the whole suite.
    pub fn is_whole(&self) -> bool {
        self.missing().is_empty()
    }

    /// True when the case at suite index `index` is in one of the shards.
    pub fn contains(&self, index: usize) -> bool {
        self.indices().any(|i| {
            Shard {
                index: i,
                count: self.count,
            }
            .contains(index)
        })
    }
}

impl From<Shard> for Shards {
    fn from(shard: Shard) -> Shards {
        Shards {
            count: shard.count,
            indices: BTreeSet::from([shard.index]),
        }
    }
}

impl std::fmt::Display for Shards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let indices: Vec<String> = self.indices().map(|i| i.to_string()).collect();
        write!(f, "{}/{}", indices.join(","), self.count)
    }
}

impl std::str::FromStr for Shards {
    type Err = String;
    fn from_str(s: &str) -> Result<Shards, String> {
        let bad = || format!("shards `{s}` are not `I/N` or `I,J,…/N`");
        let (list, n) = s.split_once('/').ok_or_else(bad)?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        let mut indices = BTreeSet::new();
        for i in list.split(',') {
            let i: usize = i.trim().parse().map_err(|_| bad())?;
            if !indices.insert(i) {
                return Err(format!("shards `{s}` name shard {i} twice"));
            }
        }
        Shards::new(count, indices).map_err(|e| format!("shards `{s}`: {e}"))
    }
}

impl serde::Serialize for Shards {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Shards {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Shards, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expect::Entry;
    use crate::output::{RunDir, Writer};
    use crate::report::{CandidateInfo, Context, SuiteInfo};
    use crate::run::{run_stream, Quiet};
    use crate::shrink::{shrink_all, ShrinkOptions};
    use crate::suite::{Suite, SuiteOptions};
    use crate::{Answer, Case, CaseError, CaseErrorKind, CaseResult, Checker, Level, RunOptions};
    use j43_model::RuleId;

    /// A wrong candidate whose answers are a function of the document: an error on a `!`,
    /// `authorized` on documents of even length, `rejected [DOC-001]` on the others. So it
    /// falsely accepts, falsely rejects, gives wrong reasons and fails, over many classes.
    struct Parity;

    impl Checker for Parity {
        fn name(&self) -> String {
            "parity".into()
        }
        fn level(&self) -> Level {
            Level::Rules
        }
        fn check(&mut self, document: &[u8]) -> crate::Result<CaseResult> {
            Ok(if document.contains(&b'!') {
                Err(CaseError::new(CaseErrorKind::Candidate, "a `!`"))
            } else if document.len() % 2 == 0 {
                Ok(Answer::from(BTreeSet::new()))
            } else {
                Ok(Answer::from(BTreeSet::from([RuleId::Doc001])))
            })
        }
    }

    /// Documents over [`BIG`] bytes (two of one class, so only the first of them is written
    /// out, and one past the class's `keep`), then the suite's cases, numbered on.
    fn cases() -> Vec<Case> {
        let big = |n: usize, end: &[u8]| {
            let mut doc = b"[".to_vec();
            doc.extend(std::iter::repeat_n(&b"1,"[..], n).flatten());
            doc.extend_from_slice(end);
            doc
        };
        let n = BIG / 2;
        let mut cases: Vec<Case> = [
            big(n, b"1] "),
            big(n + 1, b"1] "),
            big(n, b"1]"),
            big(n, b"1!]"),
            big(n + 2, b"1] "),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, doc)| Case::new(format!("big/{i}"), crate::Source::Given, doc).at(i))
        .collect();
        let suite = Suite::new(&SuiteOptions {
            cases: 240,
            corpus: false,
            exhaustive_cap: 40,
            settings: j43_generators::Settings::small(),
            ..SuiteOptions::default()
        })
        .unwrap();
        let start = cases.len();
        cases.extend(suite.stream(2).map(|c| {
            let index = c.index + start;
            c.at(index)
        }));
        cases
    }

    /// The reports of one run of the whole suite and of its runs in 2 and in 3 shards.
    struct Fixture {
        whole: RunReport,
        halves: Vec<RunReport>,
        thirds: Vec<RunReport>,
    }

    fn fixture() -> &'static Fixture {
        static FIXTURE: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
        FIXTURE.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let cases = cases();
            let shards = |n: usize| -> Vec<RunReport> {
                (1..=n)
                    .map(|i| report(&cases, shard(i, n), dir.path()))
                    .collect()
            };
            Fixture {
                whole: report(&cases, None, dir.path()),
                halves: shards(2),
                thirds: shards(3),
            }
        })
    }

    fn suite_info(total: usize) -> SuiteInfo {
        SuiteInfo {
            kind: "suite".into(),
            seed: 0,
            cases: 240,
            corpus: false,
            exhaustive: true,
            exhaustive_cap: Some(40),
            settings: "small".into(),
            only: Vec::new(),
            replay: Vec::new(),
            total,
            keep: 2,
            shrink_budget: 30,
            shrink_max_bytes: BIG,
        }
    }

    fn entries() -> Vec<Entry> {
        vec![Entry {
            rule: RuleId::Doc005,
            kind: Kind::FalseAccept,
            reason: "parity accepts even lengths".into(),
        }]
    }

    /// The report of a run of `shard` of `cases` (all of them for `None`), as `j43 conform`
    /// writes it, its run folder under `dir`.
    fn report(cases: &[Case], shard: Option<Shard>, dir: &std::path::Path) -> RunReport {
        let mut folder = RunDir::create(dir).unwrap();
        let part = shard.unwrap_or_default();
        let mine = cases.iter().filter(|c| part.contains(c.index)).cloned();
        let options = RunOptions {
            level: Level::Rules,
            batch: 64,
            keep: 2,
        };
        let mut quiet = Quiet;
        let mut writer = Writer::new(&mut folder, &mut quiet);
        let result = run_stream(&mut Parity, mine, &options, &mut writer).unwrap();
        let shrink = ShrinkOptions {
            budget: 30,
            max_bytes: BIG,
            deadline: std::time::Instant::now() + std::time::Duration::from_secs(3600),
        };
        let shrunk = shrink_all(&mut Parity, &result, &shrink, &mut |_, _, _| {});
        let entries = entries();
        let context = Context {
            candidate: CandidateInfo {
                command: vec!["parity".into()],
                name: "parity".into(),
                mode: None,
                level: Level::Rules,
            },
            suite: suite_info(cases.len()),
            shard,
            expect: Some(&entries),
            written: folder.written(),
            run: RunInfo::default(),
        };
        RunReport::new(&result, &shrunk, &context)
    }

    fn shard(index: usize, count: usize) -> Option<Shard> {
        Some(Shard { index, count })
    }

    fn without_run(mut r: RunReport) -> RunReport {
        r.run = RunInfo::default();
        r
    }

    #[test]
    fn merged_shard_reports_equal_the_unsharded_report_for_2_and_3_shards_in_any_order() {
        let Fixture {
            whole,
            halves,
            thirds,
            ..
        } = fixture();
        assert!(whole.failures.iter().any(|f| f.error.is_some()));
        assert!(whole.summary.unlisted > 0, "some failures are not listed");
        assert!(
            whole
                .failures
                .iter()
                .any(|f| f.case.bytes > BIG && f.case.file.is_none()),
            "a big document of a class already written is not written again"
        );
        for kind in Kind::ALL {
            assert!(whole
                .classes
                .iter()
                .any(|c| matches!(c.class, Class::Disagreement { kind: k, .. } if k == kind)));
        }
        for shards in [halves, thirds] {
            let n = shards.len();
            let merged = merge(shards, false).unwrap();
            assert_eq!(&without_run(merged), whole, "{n} shards");
            let mut reversed = shards.clone();
            reversed.reverse();
            let merged = merge(&reversed, false).unwrap();
            assert_eq!(&without_run(merged), whole, "{n} shards, last first");
        }
        let alone = merge(std::slice::from_ref(whole), false).unwrap();
        assert_eq!(&alone, whole, "one whole report merges into itself");
    }

    #[test]
    fn a_partial_merge_names_its_shards_and_merges_with_the_missing_one_into_the_whole() {
        let Fixture { whole, thirds, .. } = fixture();
        let (one, two, three) = (&thirds[0], &thirds[1], &thirds[2]);
        let err = merge(&[one.clone(), three.clone()], false).unwrap_err();
        assert_eq!(
            err,
            MergeError::Missing {
                missing: vec![2],
                count: 3
            }
        );
        assert!(err.to_string().contains("shard 2 of 3 is missing"), "{err}");
        let partial = merge(&[one.clone(), three.clone()], true).unwrap();
        assert_eq!(
            partial.shard.as_ref().map(ToString::to_string).as_deref(),
            Some("1,3/3")
        );
        assert_eq!(
            partial.summary.cases,
            one.summary.cases + three.summary.cases
        );
        let all = merge(&[partial, two.clone()], false).unwrap();
        assert_eq!(&without_run(all), whole);
    }

    #[test]
    fn reports_of_other_suites_candidates_levels_or_shard_counts_are_refused() {
        let Fixture {
            whole,
            halves,
            thirds,
            ..
        } = fixture();
        let (one, two) = (&halves[0], &halves[1]);
        let refused = |other: &RunReport| merge(&[one.clone(), other.clone()], false).unwrap_err();

        let mut seed = two.clone();
        seed.suite.seed = 1;
        let err = refused(&seed);
        assert!(matches!(err, MergeError::Suite { a: 1, b: 2, .. }), "{err}");
        assert!(err.to_string().contains("seed: 0 vs 1"), "{err}");

        let mut name = two.clone();
        name.candidate.name = "<other>\u{1b}".into();
        let err = refused(&name);
        assert!(matches!(err, MergeError::Candidate { .. }), "{err}");
        assert!(err.to_string().contains("name: "), "{err}");

        let mut level = two.clone();
        level.level = Level::Verdict;
        assert!(matches!(refused(&level), MergeError::Level { .. }));

        let mut version = two.clone();
        version.j43 = "0.0.1".into();
        assert!(matches!(refused(&version), MergeError::Version { .. }));

        let mut expect = two.clone();
        expect.judge(None);
        assert!(matches!(refused(&expect), MergeError::Expect { .. }));

        assert_eq!(
            refused(one),
            MergeError::Overlap {
                a: 1,
                b: 2,
                what: "shard 1/2".into()
            }
        );
        assert!(matches!(refused(&thirds[2]), MergeError::Count { .. }));
        assert!(matches!(refused(whole), MergeError::Overlap { .. }));

        let mut only = two.clone();
        only.suite.only = vec!["authorized/0/1".into()];
        one_only(one, only);
        assert_eq!(merge(&[], false), Err(MergeError::Empty));
    }

    fn one_only(one: &RunReport, mut only: RunReport) {
        let mut first = one.clone();
        first.suite.only.clone_from(&only.suite.only);
        only.shard = None;
        let err = merge(&[first, only], false).unwrap_err();
        assert_eq!(err, MergeError::NotShard { index: 1 });
    }

    #[test]
    fn a_shard_stopped_by_a_harness_error_stops_the_merge() {
        let Fixture { halves, .. } = fixture();
        let mut two = halves[1].clone();
        two.summary.interrupted = Some("gone".into());
        let merged = merge(&[halves[0].clone(), two], false).unwrap();
        assert_eq!(
            merged.summary.interrupted.as_deref(),
            Some("shard 2/2: gone")
        );
        assert_eq!(merged.summary.status, "harness-error");
        assert!(!merged.summary.conforms);
        assert!(merged.expected_failures.is_some());
    }

    #[test]
    fn shards_read_back_what_they_write() {
        for text in ["2/3", "1,3/4", "1/1"] {
            let shards: Shards = text.parse().unwrap();
            assert_eq!(shards.to_string(), text);
        }
        let shards: Shards = "3, 1/4".parse().unwrap();
        assert_eq!(shards.to_string(), "1,3/4");
        assert_eq!(shards.missing(), vec![2, 4]);
        assert!(shards.contains(0) && shards.contains(2) && !shards.contains(1));
        for bad in ["0/3", "4/3", "1,1/3", "/3", "1/", "x/2", "1;2/3"] {
            assert!(bad.parse::<Shards>().is_err(), "{bad}");
        }
    }
}
