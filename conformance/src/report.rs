//! Reports of a run: the human summary, the rule-coverage table, JSON, JUnit, Markdown, and the failing cases written out.

mod junit;
mod markdown;

pub use junit::junit;
pub use markdown::markdown;

use crate::expect::Evaluation;
use crate::shrink::Shrunk;
use crate::{Case, Error, Kind, Result, RunResult};
use j43_model::RuleId;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A file written for a failure, with the commands that replay it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Written {
    /// What it shows, such as `false-accept NET-005 (minimal)` or `case 17: timeout`.
    pub what: String,
    /// The file.
    pub path: PathBuf,
    /// One line replaying it against the candidate.
    pub replay: String,
}

/// Writes every failing case (and every shrunk document) under `dir` and returns what was
/// written, replacing the `cases/` and `minimal/` that an earlier run left there. `candidate` is the candidate's command line (shell-quoted) for the replay commands. Also writes
/// `dir/failures.jsonl`, one line per failing case with its expected and actual answers.
pub fn write_out(
    dir: &Path,
    result: &RunResult,
    cases: &[Case],
    shrunk: &[Shrunk],
    candidate: &str,
) -> Result<Vec<Written>> {
    let io =
        |what: &str, p: &Path, e| Error::io(format!("cannot write {what} `{}`", p.display()), e);
    let mut written = Vec::new();
    if result.conforms() && shrunk.is_empty() {
        return Ok(written);
    }
    let min_dir = dir.join("minimal");
    let case_dir = dir.join("cases");
    // Only what an earlier run wrote here goes, so that the directory describes this run.
    for old in [&min_dir, &case_dir] {
        if old.is_dir() {
            std::fs::remove_dir_all(old).map_err(|e| io("directory", old, e))?;
        }
    }
    std::fs::create_dir_all(&min_dir).map_err(|e| io("directory", &min_dir, e))?;
    std::fs::create_dir_all(&case_dir).map_err(|e| io("directory", &case_dir, e))?;
    let replay = |p: &Path| {
        let p = shell_quote(&p.display().to_string());
        format!("j43 check {p}; j43 conform --replay {p} -- {candidate}")
    };
    for s in shrunk {
        let rule = s.rule.map_or("no-rule", RuleId::as_str);
        let path = min_dir.join(format!("{}-{rule}.json", s.kind));
        std::fs::write(&path, &s.document).map_err(|e| io("file", &path, e))?;
        written.push(Written {
            what: format!(
                "{} {rule} (shrunk from case {}{})",
                s.kind,
                s.case,
                if s.one_minimal { ", 1-minimal" } else { "" }
            ),
            replay: replay(&path),
            path,
        });
    }
    let mut lines = String::new();
    let mut write_case = |index: usize, label: &str, detail: Value| -> Result<()> {
        let Some(case) = cases.get(index) else {
            return Ok(());
        };
        let path = case_dir.join(format!("{index:06}-{label}.json"));
        std::fs::write(&path, &case.document).map_err(|e| io("file", &path, e))?;
        let mut line = json!({
            "case": index, "id": case.id, "source": case.source, "file": path,
            "expected": {"verdict": case.expected.verdict(), "rules": case.expected.rules()},
        });
        if let (Value::Object(l), Value::Object(d)) = (&mut line, detail) {
            l.extend(d);
        }
        let _ = writeln!(lines, "{line}");
        written.push(Written {
            what: format!("case {index} ({}): {label}", case.id),
            replay: replay(&path),
            path,
        });
        Ok(())
    };
    for d in &result.disagreements {
        write_case(
            d.case,
            d.kind.as_str(),
            json!({"kind": d.kind, "rules": d.rules, "actual": d.actual}),
        )?;
    }
    for (i, e) in &result.errors {
        write_case(*i, e.kind.as_str(), json!({"kind": "error", "error": e}))?;
    }
    let path = dir.join("failures.jsonl");
    std::fs::write(&path, lines).map_err(|e| io("file", &path, e))?;
    Ok(written)
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

/// The rule-coverage table: per rule, the cases the reference rejects for it and the
/// disagreements attributed to it.
pub fn coverage_table(result: &RunResult) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "rule      cases  false-accept  false-reject  wrong-reason  errors"
    );
    for (rule, s) in &result.rules {
        let mark = if s.cases == 0 {
            "  (not exercised)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{rule}  {:>7}  {:>12}  {:>12}  {:>12}  {:>6}{mark}",
            s.cases, s.false_accepts, s.false_rejects, s.wrong_reasons, s.errors
        );
    }
    let _ = writeln!(
        out,
        "authorized {:>6}  {:>12}  {:>12}  {:>12}  {:>6}",
        result.authorized_cases,
        "-",
        result.unattributed_false_rejects,
        "-",
        result.authorized_errors
    );
    out
}

/// The human summary: counts, the disagreement classes with one example each (input, expected,
/// actual, level), errors, the known-failure verdicts and the files written.
pub fn human(
    result: &RunResult,
    cases: &[Case],
    evaluation: Option<&Evaluation>,
    written: &[Written],
) -> String {
    let mut out = String::new();
    let exercised = result.rules.values().filter(|s| s.cases > 0).count();
    let _ = writeln!(
        out,
        "candidate {} at level {}: {} cases, {} agree, {} disagree, {} errors; {}/{} rules exercised",
        result.candidate,
        result.level,
        result.cases,
        result.agreed,
        result.disagreements.len(),
        result.errors.len(),
        exercised,
        RuleId::ALL.len()
    );
    for kind in Kind::ALL {
        let rules: Vec<String> = result
            .rules
            .iter()
            .filter(|(_, s)| s.count(kind) > 0)
            .map(|(r, s)| format!("{r} ({})", s.count(kind)))
            .collect();
        if !rules.is_empty() {
            let _ = writeln!(out, "  {kind}: {}", rules.join(", "));
        }
    }
    if result.unattributed_false_rejects > 0 {
        let _ = writeln!(
            out,
            "  false-reject naming no rule: {}",
            result.unattributed_false_rejects
        );
    }
    for d in result.disagreements.iter().take(5) {
        let Some(case) = cases.get(d.case) else {
            continue;
        };
        let _ = writeln!(out);
        write_mismatch(&mut out, &format!("  {} on case", d.kind), d, case, result);
    }
    for (i, e) in result.errors.iter().take(5) {
        let id = cases.get(*i).map_or("", |c| c.id.as_str());
        let _ = writeln!(out, "\n  error on case {i} ({id}): {e}");
        if !e.stderr.trim().is_empty() {
            let _ = writeln!(
                out,
                "    stderr: {}",
                crate::error::last_lines(&e.stderr, 5).replace('\n', "\n            ")
            );
        }
    }
    if let Some(ev) = evaluation {
        for (e, n) in &ev.expected {
            let _ = writeln!(
                out,
                "  known failure {} {} ({n} cases): {}",
                e.kind, e.rule, e.reason
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
    if !written.is_empty() {
        let _ = writeln!(out, "\nwritten ({}):", written.len());
        for w in written.iter().take(10) {
            let _ = writeln!(
                out,
                "  {}: {}\n    replay: {}",
                w.what,
                w.path.display(),
                w.replay
            );
        }
        if written.len() > 10 {
            let _ = writeln!(
                out,
                "  … and {} more (see failures.jsonl)",
                written.len() - 10
            );
        }
    }
    out
}

/// Writes one disagreement: its case, input preview, expected and actual answers, and level,
/// enough to reproduce it without the harness.
pub(crate) fn write_mismatch(
    out: &mut String,
    header: &str,
    d: &crate::Disagreement,
    case: &Case,
    result: &RunResult,
) {
    let _ = writeln!(
        out,
        "{header} {} ({}), level {}:",
        d.case, case.id, result.level
    );
    let _ = writeln!(
        out,
        "    input:    {}",
        crate::protocol::preview(&case.document)
    );
    let _ = writeln!(
        out,
        "    expected: {} {:?}",
        case.expected.verdict(),
        ids(case.expected.rules().iter())
    );
    let actual = d.actual.rules.as_ref().map(|r| ids(r.iter()));
    let _ = writeln!(
        out,
        "    actual:   {} {}",
        d.actual.verdict,
        actual.map_or(String::new(), |a| format!("{a:?}"))
    );
}

fn ids<'a>(rules: impl Iterator<Item = &'a RuleId>) -> Vec<&'static str> {
    rules.map(|r| r.as_str()).collect()
}

/// The run as one JSON object: counts, per-rule figures, disagreements, errors, shrunk classes.
pub fn json(
    result: &RunResult,
    cases: &[Case],
    evaluation: Option<&Evaluation>,
    written: &[Written],
) -> Value {
    let case_id = |i: usize| cases.get(i).map_or("", |c| c.id.as_str());
    json!({
        "candidate": result.candidate,
        "level": result.level,
        "conforms": evaluation.map_or(result.conforms(), |e| e.passes(result)),
        "cases": result.cases,
        "agreed": result.agreed,
        "authorized_cases": result.authorized_cases,
        "unattributed_false_rejects": result.unattributed_false_rejects,
        "rules": result.rules.iter().map(|(r, s)| json!({
            "rule": r, "cases": s.cases, "false_accepts": s.false_accepts,
            "false_rejects": s.false_rejects, "wrong_reasons": s.wrong_reasons, "errors": s.errors,
        })).collect::<Vec<_>>(),
        "disagreements": result.disagreements.iter().map(|d| json!({
            "case": d.case, "id": case_id(d.case), "kind": d.kind, "rules": d.rules, "actual": d.actual,
            "expected": cases.get(d.case).map(|c| json!({"verdict": c.expected.verdict(), "rules": c.expected.rules()})),
        })).collect::<Vec<_>>(),
        "errors": result.errors.iter().map(|(i, e)| json!({"case": i, "id": case_id(*i), "error": e})).collect::<Vec<_>>(),
        "expected_failures": evaluation.map(|e| json!({
            "expected": e.expected.iter().map(|(x, n)| json!({"entry": x, "cases": n})).collect::<Vec<_>>(),
            "unexpected": e.unexpected.iter().map(|(k, r, n)| json!({"kind": k, "rule": r, "cases": n})).collect::<Vec<_>>(),
            "fixed": e.fixed, "unexercised": e.unexercised,
        })),
        "written": written,
    })
}
