//! Reports of a run: one serializable [`RunReport`] (`report.json`), and every other output
//! (the human summary, the coverage tables, JUnit, Markdown, a badge) rendered from it.
//!
//! A report is a pure function of the cases' outcomes, apart from its `run` member (times, the
//! folder it was written to, what it was merged from): two runs of the same suite on the same
//! candidate give the same report, and shard reports merge into the report of the whole suite
//! ([`merge`](crate::report::merge)).

pub mod html;
mod junit;
mod markdown;
mod merge;
pub mod text;

pub use junit::junit;
pub use markdown::markdown;
pub use merge::{merge, written_cases, MergeError, Shards};

use crate::expect::{self, Entry, Evaluation};
use crate::run::{BoundaryStats, CaseRecord, Class};
use crate::shrink::{Shrunk, Status};
use crate::suite::Shard;
use crate::{Answer, CaseError, Kind, Level, Mode, RunResult};
use j43_model::RuleId;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The `format` member of every report this version writes.
pub const FORMAT: &str = "j43-report/1";

/// Minimal documents up to this size are also written into the report itself.
const INLINE_MINIMAL: usize = 4096;

/// Standard error kept per failure in the report (the end of it).
const REPORT_STDERR: usize = 4096;

/// A whole run, as `report.json` holds it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunReport {
    /// [`FORMAT`].
    pub format: String,
    /// The j43 version that wrote it.
    pub j43: String,
    /// The candidate.
    pub candidate: CandidateInfo,
    /// The level compared.
    pub level: Level,
    /// What the suite was.
    pub suite: SuiteInfo,
    /// The shards run; `None` for the whole suite (or a complete merge of its shards).
    pub shard: Option<Shards>,
    /// The figures.
    pub summary: Summary,
    /// One row per rule of the catalog.
    pub rules: Vec<RuleRow>,
    /// Authorized cases.
    pub authorized: AuthorizedRow,
    /// One row per boundary class met (the generators' boundary cases).
    pub boundaries: Vec<BoundaryRow>,
    /// One row per class of failure, with its smallest case and its minimal document.
    pub classes: Vec<ClassRow>,
    /// The first cases of each class, in suite order (the others are counted in
    /// [`Summary::unlisted`] and listed in the run folder's `failures.jsonl`).
    pub failures: Vec<FailureRow>,
    /// Known failures and how the run compares with them (`--expect`).
    pub expected_failures: Option<ExpectedFailures>,
    /// What differs between two runs of the same thing: times, places, provenance.
    pub run: RunInfo,
}

/// The candidate of a run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateInfo {
    /// The command and its arguments (empty for an in-process candidate).
    pub command: Vec<String>,
    /// The name it gave (its hello's name and version), or the command.
    pub name: String,
    /// How it was run (`None` in process).
    pub mode: Option<Mode>,
    /// The level it answers at.
    pub level: Level,
}

/// The suite of a run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuiteInfo {
    /// `suite` (corpus, generated, exhaustive) or `replay` (given files).
    pub kind: String,
    /// Seed of the generated cases.
    pub seed: u64,
    /// Generated cases asked for.
    pub cases: usize,
    /// The corpus was included.
    pub corpus: bool,
    /// The exhaustive scope was included.
    pub exhaustive: bool,
    /// The cap on exhaustive cases, if any.
    pub exhaustive_cap: Option<usize>,
    /// The generator settings preset.
    pub settings: String,
    /// Only these case ids were run (`--only`).
    pub only: Vec<String>,
    /// Given files (`--replay`).
    pub replay: Vec<String>,
    /// Cases in the whole suite (every shard).
    pub total: usize,
    /// Failing cases listed per class.
    pub keep: usize,
    /// Candidate calls per class for shrinking.
    pub shrink_budget: usize,
    /// Largest document shrunk.
    pub shrink_max_bytes: usize,
}

impl SuiteInfo {
    /// True when two reports ran the same suite the same way (everything but the shard).
    pub fn same_suite(&self, other: &SuiteInfo) -> bool {
        self == other
    }
}

/// The figures of a run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// `conforms`, `does-not-conform` or `harness-error`.
    pub status: String,
    /// True when the candidate conforms at the level (known failures allowed).
    pub conforms: bool,
    /// Cases decided.
    pub cases: usize,
    /// Cases agreed on.
    pub agreed: usize,
    /// Cases disagreed on.
    pub disagreed: usize,
    /// Cases the candidate failed to answer.
    pub errors: usize,
    /// Failing cases not listed in [`RunReport::failures`].
    pub unlisted: usize,
    /// Rules of the catalog with at least one case.
    pub rules_exercised: usize,
    /// The harness error that stopped the run early, if one did.
    pub interrupted: Option<String>,
}

/// One rule's figures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleRow {
    /// The rule.
    pub rule: RuleId,
    /// Its title.
    pub title: String,
    /// Cases the reference rejects for it.
    pub cases: usize,
    /// False accepts attributed to it.
    pub false_accepts: usize,
    /// False rejects attributed to it.
    pub false_rejects: usize,
    /// Wrong reasons attributed to it.
    pub wrong_reasons: usize,
    /// Errors on its cases.
    pub errors: usize,
}

impl RuleRow {
    /// The count of a kind.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::FalseAccept => self.false_accepts,
            Kind::FalseReject => self.false_rejects,
            Kind::WrongReason => self.wrong_reasons,
        }
    }

    /// True when nothing failed for the rule.
    pub fn passes(&self) -> bool {
        self.false_accepts + self.false_rejects + self.wrong_reasons + self.errors == 0
    }
}

/// Figures of the cases the reference accepts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorizedRow {
    /// Authorized cases.
    pub cases: usize,
    /// Of them, rejected without naming a rule (level verdict).
    pub false_rejects: usize,
    /// Of them, errors.
    pub errors: usize,
}

/// One boundary class's figures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundaryRow {
    /// The class, as the generators name it (`RULE class side`).
    pub class: String,
    /// Cases built on it.
    pub cases: usize,
    /// Of them, cases the candidate got wrong.
    pub failures: usize,
}

/// A case as reports show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRow {
    /// Its number in the suite.
    pub index: usize,
    /// Its id (`j43 conform --only ID` runs it again).
    pub id: String,
    /// Where it comes from.
    pub source: crate::Source,
    /// Its boundary class, if built on one.
    pub boundary: Option<String>,
    /// Its length.
    pub bytes: usize,
    /// Its digest (its file name under `cases/`).
    pub digest: String,
    /// An escaped one-line preview of its start.
    pub preview: String,
    /// The reference's answer.
    pub expected: Answer,
    /// Its file, relative to the run folder, when written.
    pub file: Option<String>,
}

impl CaseRow {
    fn of(record: &CaseRecord, written: bool) -> CaseRow {
        CaseRow {
            index: record.index,
            id: record.id.clone(),
            source: record.source,
            boundary: record.boundary.clone(),
            bytes: record.bytes,
            digest: record.digest.clone(),
            preview: record.preview.clone(),
            expected: record.expected.clone(),
            file: written.then(|| case_file(&record.digest)),
        }
    }
}

/// The file name of a case document under a run folder: `cases/<digest>.json`.
pub fn case_file(digest: &str) -> String {
    format!("cases/{digest}.json")
}

/// The file name of a class's minimal document under a run folder.
pub fn minimal_file(class: &Class) -> String {
    format!("minimal/{}.json", class.slug())
}

/// One failing case.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailureRow {
    /// The case.
    pub case: CaseRow,
    /// `false-accept`, `false-reject`, `wrong-reason` or `error`.
    pub kind: String,
    /// The rules it is attributed to (empty for an error).
    pub rules: BTreeSet<RuleId>,
    /// The candidate's answer (disagreements).
    pub actual: Option<Answer>,
    /// The candidate's failure (errors), its standard error cut to the last 4 KiB.
    pub error: Option<CaseError>,
}

/// One class of failure.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassRow {
    /// The class.
    pub class: Class,
    /// Failing cases in it.
    pub count: usize,
    /// Its smallest case (fewest bytes, then first in suite order): what was shrunk.
    pub example: CaseRow,
    /// The candidate's answer on the example (disagreements).
    pub actual: Option<Answer>,
    /// The minimal document, when shrinking ran.
    pub minimal: Option<MinimalRow>,
}

/// A class's minimal document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimalRow {
    /// How shrinking ended.
    pub status: Status,
    /// Its file, relative to the run folder (`None` when it was not shrunk: the case's own
    /// file is the example's).
    pub file: Option<String>,
    /// Its length.
    pub bytes: usize,
    /// Its digest.
    pub digest: String,
    /// The document itself when it is UTF-8 and at most 4 KiB.
    pub text: Option<String>,
    /// The reference's answer on it.
    pub expected: Answer,
    /// The candidate's answer on it (disagreements).
    pub actual: Option<Answer>,
    /// Candidate calls spent shrinking.
    pub calls: usize,
    /// True when no single edit keeps the failure.
    pub one_minimal: bool,
}

/// Known failures and the run's verdict on them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedFailures {
    /// The entries given.
    pub entries: Vec<Entry>,
    /// Listed failures that occurred, with their case counts.
    pub expected: Vec<(Entry, usize)>,
    /// Failures not listed: (kind, rule, cases).
    pub unexpected: Vec<(Kind, Option<RuleId>, usize)>,
    /// Listed failures that no longer occur: remove them.
    pub fixed: Vec<Entry>,
    /// Listed failures the run could not judge.
    pub unexercised: Vec<Entry>,
}

/// What two runs of the same thing do not share.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunInfo {
    /// When the run started (RFC 3339, UTC).
    pub started: String,
    /// Seconds the cases took.
    pub elapsed_s: f64,
    /// Cases per second.
    pub cases_per_s: f64,
    /// Seconds spent shrinking.
    pub shrink_s: f64,
    /// The run folder, as given.
    pub out: Option<String>,
    /// The reports this one was merged from.
    pub merged_from: Vec<String>,
}

/// What a report is built from besides the run's result.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// The candidate.
    pub candidate: CandidateInfo,
    /// The suite.
    pub suite: SuiteInfo,
    /// The shard (`None`: the whole suite).
    pub shard: Option<Shard>,
    /// Known failures.
    pub expect: Option<&'a [Entry]>,
    /// Digests of the failing cases written out (their rows get a `file`).
    pub written: &'a BTreeSet<String>,
    /// Times and place.
    pub run: RunInfo,
}

impl RunReport {
    /// The report of `result` with its shrunk classes.
    pub fn new(result: &RunResult, shrunk: &[Shrunk], context: &Context<'_>) -> RunReport {
        let written = |d: &str| context.written.contains(d);
        let rules = result
            .rules
            .iter()
            .map(|(&rule, s)| RuleRow {
                rule,
                title: rule.info().title.to_owned(),
                cases: s.cases,
                false_accepts: s.false_accepts,
                false_rejects: s.false_rejects,
                wrong_reasons: s.wrong_reasons,
                errors: s.errors,
            })
            .collect();
        let minimal: BTreeMap<Class, &Shrunk> = shrunk.iter().map(|s| (s.class, s)).collect();
        let classes = result
            .classes
            .iter()
            .map(|(class, stats)| ClassRow {
                class: *class,
                count: stats.count,
                example: CaseRow::of(&stats.example.record, written(&stats.example.record.digest)),
                actual: stats.example.actual.clone(),
                minimal: minimal.get(class).map(|s| minimal_row(s)),
            })
            .collect();
        let mut failures: Vec<FailureRow> = result
            .disagreements
            .iter()
            .map(|d| FailureRow {
                case: CaseRow::of(&d.record, written(&d.record.digest)),
                kind: d.kind.as_str().to_owned(),
                rules: d.rules.clone(),
                actual: Some(d.actual.clone()),
                error: None,
            })
            .chain(result.errors.iter().map(|f| {
                let mut error = f.error.clone();
                error.stderr = tail(&error.stderr, REPORT_STDERR);
                FailureRow {
                    case: CaseRow::of(&f.record, written(&f.record.digest)),
                    kind: "error".to_owned(),
                    rules: BTreeSet::new(),
                    actual: None,
                    error: Some(error),
                }
            }))
            .collect();
        failures.sort_by_key(|f| f.case.index);
        let boundaries = result
            .boundaries
            .iter()
            .map(|(class, s): (&String, &BoundaryStats)| BoundaryRow {
                class: class.clone(),
                cases: s.cases,
                failures: s.failures,
            })
            .collect();
        let mut report = RunReport {
            format: FORMAT.to_owned(),
            j43: env!("CARGO_PKG_VERSION").to_owned(),
            candidate: context.candidate.clone(),
            level: result.level,
            suite: context.suite.clone(),
            shard: context.shard.filter(|s| !s.is_whole()).map(Shards::from),
            summary: Summary {
                status: String::new(),
                conforms: false,
                cases: result.cases,
                agreed: result.agreed,
                disagreed: result.disagreed,
                errors: result.errored,
                unlisted: result.unlisted,
                rules_exercised: result.rules.values().filter(|s| s.cases > 0).count(),
                interrupted: result.interrupted.clone(),
            },
            rules,
            authorized: AuthorizedRow {
                cases: result.authorized_cases,
                false_rejects: result.unattributed_false_rejects,
                errors: result.authorized_errors,
            },
            boundaries,
            classes,
            failures,
            expected_failures: None,
            run: context.run.clone(),
        };
        report.judge(context.expect);
        report
    }

    /// Sets the verdict of the summary (and the known-failure evaluation) from the figures.
    pub fn judge(&mut self, expect: Option<&[Entry]>) {
        let evaluation = expect.map(|entries| expect::evaluate_report(self, entries));
        let passes = match &evaluation {
            Some(ev) => ev.passes() && self.summary.errors == 0,
            None => self.summary.disagreed == 0 && self.summary.errors == 0,
        };
        self.summary.conforms = passes && self.summary.interrupted.is_none();
        self.summary.status = if self.summary.interrupted.is_some() {
            "harness-error"
        } else if self.summary.conforms {
            "conforms"
        } else {
            "does-not-conform"
        }
        .to_owned();
        self.expected_failures = match (expect, evaluation) {
            (Some(entries), Some(ev)) => Some(ExpectedFailures {
                entries: entries.to_vec(),
                expected: ev.expected,
                unexpected: ev.unexpected,
                fixed: ev.fixed,
                unexercised: ev.unexercised,
            }),
            _ => None,
        };
    }

    /// The report as pretty JSON, with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// A report read from JSON; `Err` says why it is not one this version reads.
    pub fn from_json(text: &str) -> Result<RunReport, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        match value.get("format").and_then(serde_json::Value::as_str) {
            Some(FORMAT) => {}
            Some(other) => return Err(format!("format `{other}`, this j43 reads `{FORMAT}`")),
            None => return Err("not a j43 report (no `format` member)".into()),
        }
        serde_json::from_value(value).map_err(|e| e.to_string())
    }

    /// The rows of one kind of disagreement, in rule order, with their counts.
    pub fn kind_counts(&self, kind: Kind) -> Vec<(RuleId, usize)> {
        self.rules
            .iter()
            .filter(|r| r.count(kind) > 0)
            .map(|r| (r.rule, r.count(kind)))
            .collect()
    }

    /// The failing-case count of a class.
    pub fn count(&self, class: &Class) -> usize {
        self.classes
            .iter()
            .find(|c| c.class == *class)
            .map_or(0, |c| c.count)
    }
}

fn tail(s: &str, n: usize) -> String {
    if s.len() <= n {
        return s.to_owned();
    }
    let mut start = s.len() - n;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    s.get(start..).unwrap_or_default().to_owned()
}

fn minimal_row(s: &Shrunk) -> MinimalRow {
    let text = (s.document.len() <= INLINE_MINIMAL)
        .then(|| std::str::from_utf8(&s.document).ok().map(str::to_owned))
        .flatten();
    MinimalRow {
        status: s.status,
        file: s.status.shrank().then(|| minimal_file(&s.class)),
        bytes: s.document.len(),
        digest: crate::run::digest(&s.document),
        text,
        expected: s.expected.clone(),
        actual: s.actual.clone(),
        calls: s.calls,
        one_minimal: s.one_minimal,
    }
}

/// `word` quoted for a POSIX shell when it needs it.
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./-=:,+@%".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The one-line replay of a file against the report's candidate: check it with the reference,
/// then run the candidate on it alone.
pub fn replay_line(report: &RunReport, file: &str) -> String {
    let f = shell_quote(file);
    let command: Vec<String> = report
        .candidate
        .command
        .iter()
        .map(|a| shell_quote(a))
        .collect();
    let mode = match report.candidate.mode {
        Some(Mode::OneShot) => " --mode one-shot",
        _ => "",
    };
    format!(
        "j43 check {f}; j43 conform --replay {f} --level {}{mode} -- {}",
        report.level,
        command.join(" ")
    )
}

fn answer_text(a: &Answer) -> String {
    match &a.rules {
        Some(rules) => {
            let ids: Vec<&str> = rules.iter().map(|r| r.as_str()).collect();
            format!("{} [{}]", a.verdict, ids.join(", "))
        }
        None => a.verdict.to_string(),
    }
}

/// An answer as reports print it: `rejected [NET-005, DOC-007]`, `authorized []`, `rejected`.
pub fn answer(a: &Answer) -> String {
    answer_text(a)
}

/// The human summary: counts, the classes of failure with their minimal documents and replay
/// lines, errors, known failures. `folder` is the run folder as the user should type it.
pub fn human(report: &RunReport, folder: Option<&str>) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let _ = writeln!(
        out,
        "candidate {} at level {}: {} cases, {} agree, {} disagree, {} errors; {}/{} rules exercised",
        text::line(&report.candidate.name),
        report.level,
        s.cases,
        s.agreed,
        s.disagreed,
        s.errors,
        s.rules_exercised,
        RuleId::ALL.len()
    );
    if let Some(shard) = &report.shard {
        let _ = writeln!(
            out,
            "  shard {shard} of a suite of {} cases",
            report.suite.total
        );
    }
    for kind in Kind::ALL {
        let rules: Vec<String> = report
            .kind_counts(kind)
            .iter()
            .map(|(r, n)| format!("{r} ({n})"))
            .collect();
        if !rules.is_empty() {
            let _ = writeln!(out, "  {kind}: {}", rules.join(", "));
        }
    }
    if report.authorized.false_rejects > 0 {
        let _ = writeln!(
            out,
            "  false-reject naming no rule: {}",
            report.authorized.false_rejects
        );
    }
    let path = |file: &str| match folder {
        Some(f) => format!("{}/{file}", f.trim_end_matches('/')),
        None => file.to_owned(),
    };
    const SHOWN: usize = 8;
    for c in report.classes.iter().take(SHOWN) {
        let _ = writeln!(
            out,
            "\n  {}: {} case{}; smallest: case {} ({}), {} bytes",
            c.class,
            c.count,
            if c.count == 1 { "" } else { "s" },
            c.example.index,
            text::line(&c.example.id),
            c.example.bytes
        );
        let (preview, expected, actual, file) = match &c.minimal {
            Some(m) if m.status != Status::Skipped => {
                let how = match m.status {
                    Status::Shrunk if m.one_minimal => format!("1-minimal, {} calls", m.calls),
                    Status::Shrunk => format!("shrunk, {} calls", m.calls),
                    other => format!("{}, {} calls", other.as_str(), m.calls),
                };
                let _ = writeln!(out, "    minimal ({how}): {} bytes", m.bytes);
                let preview = m
                    .text
                    .as_deref()
                    .map_or_else(|| c.example.preview.clone(), preview_text);
                let file = m.file.as_deref().or(c.example.file.as_deref());
                (preview, &m.expected, m.actual.as_ref(), file)
            }
            _ => (
                c.example.preview.clone(),
                &c.example.expected,
                c.actual.as_ref(),
                c.example.file.as_deref(),
            ),
        };
        let _ = writeln!(out, "    input:    {}", text::line(&preview));
        let _ = writeln!(out, "    expected: {}", answer_text(expected));
        match actual {
            Some(a) => {
                let _ = writeln!(out, "    actual:   {}", answer_text(a));
            }
            None => {
                if let Some(f) = report
                    .failures
                    .iter()
                    .find(|f| f.case.index == c.example.index && f.error.is_some())
                    .and_then(|f| f.error.as_ref())
                {
                    let _ = writeln!(out, "    actual:   {}", text::line(&f.to_string()));
                }
            }
        }
        if let Some(file) = file {
            let _ = writeln!(out, "    replay:   {}", replay_line(report, &path(file)));
        }
    }
    if report.classes.len() > SHOWN {
        let _ = writeln!(
            out,
            "\n  … and {} more classes (report.json has them all)",
            report.classes.len() - SHOWN
        );
    }
    let errors: Vec<&FailureRow> = report
        .failures
        .iter()
        .filter(|f| f.error.is_some())
        .take(3)
        .collect();
    for f in errors {
        if let Some(e) = &f.error {
            let _ = writeln!(
                out,
                "\n  error on case {} ({}): {}",
                f.case.index,
                text::line(&f.case.id),
                text::line(&e.to_string())
            );
            if !e.stderr.trim().is_empty() {
                let last = crate::error::last_lines(&e.stderr, 5);
                let _ = writeln!(
                    out,
                    "    stderr: {}",
                    text::lines(&last).replace('\n', "\n            ")
                );
            }
        }
    }
    if let Some(ev) = &report.expected_failures {
        for (e, n) in &ev.expected {
            let _ = writeln!(
                out,
                "  known failure {} {} ({n} cases): {}",
                e.kind,
                e.rule,
                text::line(&e.reason)
            );
        }
        for e in &ev.fixed {
            let _ = writeln!(
                out,
                "  FIXED: {} {} no longer fails; remove it from the expected failures",
                e.kind, e.rule
            );
        }
        for e in &ev.unexercised {
            let _ = writeln!(
                out,
                "  not judged: {} {} (no case of the rule in this run)",
                e.kind, e.rule
            );
        }
    }
    if let Some(stop) = &s.interrupted {
        let _ = writeln!(
            out,
            "\n  HARNESS ERROR after {} cases (every case before it is in this report): {}",
            s.cases,
            text::lines(stop)
        );
    }
    out
}

/// Writes one disagreement: its case, input preview, expected and actual answers, and level,
/// enough to reproduce it without the harness.
pub fn write_mismatch(out: &mut String, header: &str, d: &crate::Disagreement, level: Level) {
    let r = &d.record;
    let _ = writeln!(
        out,
        "{header} {} ({}), level {level}:",
        r.index,
        text::line(&r.id)
    );
    let _ = writeln!(out, "    input:    {}", text::line(&r.preview));
    let _ = writeln!(out, "    expected: {}", answer_text(&r.expected));
    let _ = writeln!(out, "    actual:   {}", answer_text(&d.actual));
}

fn preview_text(t: &str) -> String {
    crate::protocol::preview(t.as_bytes())
}

/// The rule-coverage table: per rule, the cases the reference rejects for it and the failures
/// attributed to it.
pub fn coverage_table(report: &RunReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "rule      cases  false-accept  false-reject  wrong-reason  errors"
    );
    for r in &report.rules {
        let mark = if r.cases == 0 {
            "  (not exercised)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{}  {:>7}  {:>12}  {:>12}  {:>12}  {:>6}{mark}",
            r.rule, r.cases, r.false_accepts, r.false_rejects, r.wrong_reasons, r.errors
        );
    }
    let a = &report.authorized;
    let _ = writeln!(
        out,
        "authorized {:>6}  {:>12}  {:>12}  {:>12}  {:>6}",
        a.cases, "-", a.false_rejects, "-", a.errors
    );
    out
}

/// The boundary-coverage table: per rule, each boundary class met with its cases and failures,
/// and the classes below `minimum` cases marked.
pub fn boundary_table(report: &RunReport, minimum: usize) -> String {
    let mut out = String::new();
    if report.boundaries.is_empty() {
        let _ = writeln!(out, "no boundary classes in this run");
        return out;
    }
    let _ = writeln!(
        out,
        "boundary class                                            cases  failures"
    );
    for b in &report.boundaries {
        let mark = if b.cases < minimum {
            format!("  (fewer than {minimum})")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{:<56}  {:>6}  {:>8}{mark}",
            text::line(&b.class),
            b.cases,
            b.failures
        );
    }
    let thin = report
        .boundaries
        .iter()
        .filter(|b| b.cases < minimum)
        .count();
    let _ = writeln!(
        out,
        "{} classes, {thin} with fewer than {minimum} cases",
        report.boundaries.len()
    );
    out
}

/// A shields.io endpoint badge (`{"schemaVersion":1,"label":…,"message":…,"color":…}`).
pub fn badge(report: &RunReport) -> String {
    let (message, color) = match report.summary.status.as_str() {
        "conforms" => (format!("conforms ({})", report.level), "brightgreen"),
        "harness-error" => ("harness error".to_owned(), "lightgrey"),
        _ => {
            let failing = report.rules.iter().filter(|r| !r.passes()).count();
            (
                format!(
                    "{failing} of {} rules failing ({})",
                    report.rules.len(),
                    report.level
                ),
                "red",
            )
        }
    };
    let value = serde_json::json!({
        "schemaVersion": 1,
        "label": "j43",
        "message": message,
        "color": color,
    });
    format!("{value}\n")
}

/// The evaluation of known failures the report holds, if any.
pub fn evaluation(report: &RunReport) -> Option<Evaluation> {
    report.expected_failures.as_ref().map(|e| Evaluation {
        expected: e.expected.clone(),
        unexpected: e.unexpected.clone(),
        fixed: e.fixed.clone(),
        unexercised: e.unexercised.clone(),
    })
}
