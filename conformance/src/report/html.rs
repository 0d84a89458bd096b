//! The HTML compliance page: several candidates side by side, one self-contained file.
//!
//! One row per rule and one column per report; each cell is coloured by what the candidate did
//! on the rule's cases and opens the minimal counterexamples of its classes (input, expected,
//! actual, replay line). The page loads nothing: its style and script are inline and its
//! Content-Security-Policy allows exactly those two (by hash) and nothing else, so a hostile
//! string that escaping missed still could not run or fetch anything. Every string from a
//! report is escaped with [`super::text::html`].

use super::text::html as esc;
use super::{answer, replay_line, ClassRow, RuleRow, RunReport};
use crate::run::Class;
use crate::shrink::Status;
use crate::Kind;
use base64::Engine as _;
use sha2::Digest as _;
use std::fmt::Write as _;

/// The mark of a page j43 wrote (its `generator` meta element); `j43 report` overwrites only
/// pages that carry it.
pub const GENERATOR: &str = "<meta name=\"generator\" content=\"j43 report\">";

/// One column of the page: a report, and the run folder its files are in as the reader should
/// type it (replay lines are written relative to it; `None`: relative to the run folder).
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    /// The report.
    pub report: &'a RunReport,
    /// Its run folder.
    pub folder: Option<&'a str>,
}

/// What a cell shows: how a candidate did on one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStatus {
    /// No case of the rule in the run.
    Unexercised,
    /// Every case of the rule agreed.
    Agree,
    /// Disagreements, each of them a known failure (`--expect`), and no error.
    Known,
    /// Errors on the rule's cases, and no disagreement.
    Error,
    /// Disagreements not all known.
    Fail,
}

impl CellStatus {
    /// The status of `row` in `report`.
    pub fn of(report: &RunReport, row: &RuleRow) -> CellStatus {
        let kinds: Vec<Kind> = Kind::ALL
            .into_iter()
            .filter(|k| row.count(*k) > 0)
            .collect();
        if kinds.is_empty() {
            return if row.errors > 0 {
                CellStatus::Error
            } else if row.cases == 0 {
                CellStatus::Unexercised
            } else {
                CellStatus::Agree
            };
        }
        let known = report.expected_failures.as_ref().is_some_and(|e| {
            kinds.iter().all(|k| {
                e.entries
                    .iter()
                    .any(|entry| entry.kind == *k && entry.rule == row.rule)
            })
        });
        if known && row.errors == 0 {
            CellStatus::Known
        } else {
            CellStatus::Fail
        }
    }

    /// The class name of the cell (`agree`, `fail`, ...), also its status word.
    pub const fn as_str(self) -> &'static str {
        match self {
            CellStatus::Unexercised => "unexercised",
            CellStatus::Agree => "agree",
            CellStatus::Known => "known",
            CellStatus::Error => "error",
            CellStatus::Fail => "fail",
        }
    }

    /// The cell's background colour (CSS), one per status.
    pub const fn colour(self) -> &'static str {
        match self {
            CellStatus::Unexercised => "rgb(230, 230, 230)",
            CellStatus::Agree => "rgb(199, 236, 205)",
            CellStatus::Known => "rgb(255, 236, 153)",
            CellStatus::Error => "rgb(255, 196, 140)",
            CellStatus::Fail => "rgb(246, 178, 178)",
        }
    }

    const ALL: [CellStatus; 5] = [
        CellStatus::Agree,
        CellStatus::Fail,
        CellStatus::Known,
        CellStatus::Error,
        CellStatus::Unexercised,
    ];
}

const STYLE_BASE: &str = "
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1b1b1b; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; text-align: left; }
thead th { position: sticky; top: 0; background: #fafafa; }
th.rule { font-weight: normal; white-space: nowrap; }
th.rule .title { color: #555; font-size: 0.85em; display: block; white-space: normal; max-width: 22em; }
td.cell { min-width: 11em; max-width: 40em; }
td.cell summary { cursor: pointer; }
td.cell.unexercised summary, td.cell.agree summary { cursor: default; }
.counterexample { margin: 0.5em 0 0.8em; padding-top: 0.4em; border-top: 1px dashed #999; }
pre { white-space: pre-wrap; word-break: break-all; background: rgba(255, 255, 255, 0.7); padding: 4px; margin: 2px 0; max-height: 20em; overflow: auto; }
dl { margin: 0; } dt { font-weight: bold; } dd { margin: 0 0 0.3em 1em; }
code { word-break: break-all; }
.legend span { display: inline-block; padding: 2px 8px; margin-right: 6px; border: 1px solid #bbb; }
#matrix.failing-only tbody tr[data-failing=\"false\"] { display: none; }
";

const SCRIPT: &str = "
(function () {
  var matrix = document.getElementById('matrix');
  document.getElementById('failing-only').addEventListener('change', function (e) {
    matrix.classList.toggle('failing-only', e.target.checked);
  });
  document.getElementById('expand').addEventListener('click', function () {
    var all = matrix.querySelectorAll('details');
    var open = !Array.prototype.every.call(all, function (d) { return d.open; });
    Array.prototype.forEach.call(all, function (d) { d.open = open; });
  });
  var counts = {};
  var cells = matrix.querySelectorAll('td.cell');
  Array.prototype.forEach.call(cells, function (td) {
    var status = td.getAttribute('data-status');
    counts[status] = (counts[status] || 0) + 1;
    td.setAttribute('data-colour', getComputedStyle(td).backgroundColor);
  });
  var words = Object.keys(counts).sort().map(function (k) { return counts[k] + ' ' + k; });
  document.getElementById('totals').textContent = cells.length + ' cells: ' + words.join(', ');
})();
";

fn style() -> String {
    let mut css = STYLE_BASE.to_owned();
    for s in CellStatus::ALL {
        let _ = writeln!(
            css,
            ".{name} {{ background: {colour}; }}",
            name = s.as_str(),
            colour = s.colour()
        );
    }
    css
}

/// `'sha256-…'` of a style or script's text, for the Content-Security-Policy.
fn csp_hash(text: &str) -> String {
    let hash = sha2::Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(hash)
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The page comparing `columns`, one per report, as one HTML document.
pub fn html(columns: &[Column<'_>]) -> String {
    let css = style();
    let mut out = String::new();
    let names: Vec<String> = columns
        .iter()
        .map(|c| esc(&c.report.candidate.name))
        .collect();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {}; script-src {}; base-uri 'none'; form-action 'none'\">\n\
         {GENERATOR}\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>j43 compliance: {}</title>\n<style>{css}</style>\n</head>\n<body>\n",
        csp_hash(&css),
        csp_hash(SCRIPT),
        names.join(" · ")
    );
    let _ = writeln!(
        out,
        "<h1>j43 compliance: {} against the reference model</h1>",
        plural(columns.len(), "candidate", "candidates")
    );
    out.push_str("<p class=\"legend\">");
    for s in CellStatus::ALL {
        let word = match s {
            CellStatus::Agree => "agrees on every case",
            CellStatus::Fail => "disagrees (false accepts, false rejects, wrong reasons)",
            CellStatus::Known => "disagrees, known failures only",
            CellStatus::Error => "errors only",
            CellStatus::Unexercised => "no case of the rule",
        };
        let _ = write!(out, "<span class=\"{}\">{word}</span>", s.as_str());
    }
    out.push_str("</p>\n<p><label><input type=\"checkbox\" id=\"failing-only\"> only rules some candidate fails</label> <button type=\"button\" id=\"expand\">open or close every cell</button> <span id=\"totals\"></span></p>\n");
    out.push_str("<table id=\"matrix\">\n<thead>\n<tr><th>rule</th>");
    for (i, c) in columns.iter().enumerate() {
        let _ = write!(
            out,
            "<th class=\"candidate\" data-candidate=\"{i}\">{}<br><small>level {}, {}<br>{} cases, seed {}{}</small></th>",
            names.get(i).map_or("", String::as_str),
            c.report.level,
            esc(&c.report.summary.status),
            c.report.summary.cases,
            c.report.suite.seed,
            c.report
                .shard
                .as_ref()
                .map_or(String::new(), |s| format!(", shard {s}"))
        );
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    let rules: Vec<&RuleRow> = columns
        .first()
        .map(|c| c.report.rules.iter().collect())
        .unwrap_or_default();
    for rule in rules {
        let cells: Vec<(CellStatus, Option<&RuleRow>)> = columns
            .iter()
            .map(|c| {
                let row = c.report.rules.iter().find(|r| r.rule == rule.rule);
                (
                    row.map_or(CellStatus::Unexercised, |r| CellStatus::of(c.report, r)),
                    row,
                )
            })
            .collect();
        let failing = cells
            .iter()
            .any(|(s, _)| matches!(s, CellStatus::Fail | CellStatus::Error));
        let _ = write!(
            out,
            "<tr data-rule=\"{id}\" data-failing=\"{failing}\"><th class=\"rule\">{id}<span class=\"title\">{}</span></th>",
            esc(&rule.title),
            id = rule.rule
        );
        for (i, (c, (status, row))) in columns.iter().zip(cells).enumerate() {
            match row {
                Some(row) => rule_cell(&mut out, i, *c, row, status),
                None => {
                    let _ = write!(out, "<td class=\"cell unexercised\" data-candidate=\"{i}\" data-status=\"unexercised\">not in this report</td>");
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n<tfoot>\n");
    authorized_row(&mut out, columns);
    errors_row(&mut out, columns);
    out.push_str("</tfoot>\n</table>\n");
    runs_table(&mut out, columns);
    let _ = writeln!(
        out,
        "<p><small>Written by j43 {} (<code>j43 report</code>). Counts of a rule: <em>cases</em> are the cases the reference rejects for it; a false accept counts for every rule the reference found, a false reject and a wrong reason for every rule the candidate named wrongly; errors count for the rules of the cases they happened on.</small></p>",
        esc(env!("CARGO_PKG_VERSION"))
    );
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// One rule's cell of one candidate.
fn rule_cell(out: &mut String, i: usize, c: Column<'_>, row: &RuleRow, status: CellStatus) {
    let counts: Vec<String> = [
        (row.false_accepts, "false accept", "false accepts"),
        (row.false_rejects, "false reject", "false rejects"),
        (row.wrong_reasons, "wrong reason", "wrong reasons"),
        (row.errors, "error", "errors"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(*n, one, many))
    .collect();
    let word = match status {
        CellStatus::Unexercised => "not exercised".to_owned(),
        CellStatus::Agree => format!("agrees, {}", plural(row.cases, "case", "cases")),
        _ => counts.join(", "),
    };
    let _ = write!(
        out,
        "<td class=\"cell {s}\" data-rule=\"{rule}\" data-candidate=\"{i}\" data-status=\"{s}\" data-cases=\"{}\" data-false-accepts=\"{}\" data-false-rejects=\"{}\" data-wrong-reasons=\"{}\" data-errors=\"{}\" title=\"{rule}: {s}\">",
        row.cases,
        row.false_accepts,
        row.false_rejects,
        row.wrong_reasons,
        row.errors,
        s = status.as_str(),
        rule = row.rule
    );
    let classes: Vec<&ClassRow> = c
        .report
        .classes
        .iter()
        .filter(|k| matches!(k.class, Class::Disagreement { rule: Some(r), .. } if r == row.rule))
        .collect();
    let errors: Vec<_> = c
        .report
        .failures
        .iter()
        .filter(|f| {
            f.error.is_some()
                && f.case
                    .expected
                    .rules
                    .as_ref()
                    .is_some_and(|r| r.contains(&row.rule))
        })
        .take(3)
        .collect();
    if classes.is_empty() && errors.is_empty() {
        let _ = write!(out, "{word}</td>");
        return;
    }
    let _ = write!(
        out,
        "<details><summary>{word} <small>over {}</small></summary>",
        plural(row.cases, "case", "cases")
    );
    for class in classes {
        counterexample(out, c, class);
    }
    for f in errors {
        if let Some(e) = &f.error {
            let _ = write!(
                out,
                "<div class=\"counterexample\" data-class=\"error {}\"><strong>error on case {} ({})</strong><pre class=\"error\">{}</pre>",
                esc(e.kind.as_str()),
                f.case.index,
                esc(&f.case.id),
                esc(&e.to_string())
            );
            if let Some(file) = &f.case.file {
                replay(out, c, file);
            }
            out.push_str("</div>");
        }
    }
    out.push_str("</details></td>");
}

/// A class's minimal counterexample: input, expected and actual answers, replay line.
fn counterexample(out: &mut String, c: Column<'_>, class: &ClassRow) {
    let _ = write!(
        out,
        "<div class=\"counterexample\" data-class=\"{}\"><strong>{}: {}</strong>; smallest case {} (<code>{}</code>), {} bytes",
        esc(&class.class.to_string()),
        esc(&class.class.to_string()),
        plural(class.count, "case", "cases"),
        class.example.index,
        esc(&class.example.id),
        class.example.bytes
    );
    let (input, expected, actual, file) = match &class.minimal {
        Some(m) if m.status != Status::Skipped => {
            let how = match m.status {
                Status::Shrunk if m.one_minimal => format!("1-minimal, {} calls", m.calls),
                other => format!("{}, {} calls", other.as_str(), m.calls),
            };
            let _ = write!(out, "; minimal ({}): {} bytes", esc(&how), m.bytes);
            (
                m.text
                    .clone()
                    .unwrap_or_else(|| class.example.preview.clone()),
                &m.expected,
                m.actual.as_ref(),
                m.file.as_deref().or(class.example.file.as_deref()),
            )
        }
        _ => (
            class.example.preview.clone(),
            &class.example.expected,
            class.actual.as_ref(),
            class.example.file.as_deref(),
        ),
    };
    let _ = write!(
        out,
        "<dl><dt>input</dt><dd><pre class=\"input\">{}</pre></dd><dt>expected</dt><dd class=\"expected\">{}</dd><dt>actual</dt><dd class=\"actual\">{}</dd>",
        esc(&input),
        esc(&answer(expected)),
        actual.map_or_else(|| "an error".to_owned(), |a| esc(&answer(a)))
    );
    if let Some(file) = file {
        out.push_str("<dt>replay</dt><dd>");
        replay(out, c, file);
        out.push_str("</dd>");
    }
    out.push_str("</dl></div>");
}

fn replay(out: &mut String, c: Column<'_>, file: &str) {
    let path = match c.folder {
        Some(f) => format!("{}/{file}", f.trim_end_matches('/')),
        None => file.to_owned(),
    };
    let _ = write!(
        out,
        "<code class=\"replay\">{}</code>",
        esc(&replay_line(c.report, &path))
    );
}

/// The row of authorized documents: false rejects naming no rule and errors.
fn authorized_row(out: &mut String, columns: &[Column<'_>]) {
    out.push_str("<tr data-rule=\"authorized\"><th class=\"rule\">authorized<span class=\"title\">documents the reference accepts</span></th>");
    for (i, c) in columns.iter().enumerate() {
        let a = &c.report.authorized;
        let status = if a.false_rejects > 0 {
            CellStatus::Fail
        } else if a.errors > 0 {
            CellStatus::Error
        } else if a.cases == 0 {
            CellStatus::Unexercised
        } else {
            CellStatus::Agree
        };
        let _ = write!(
            out,
            "<td class=\"cell {s}\" data-rule=\"authorized\" data-candidate=\"{i}\" data-status=\"{s}\" data-cases=\"{}\" data-false-rejects=\"{}\" data-errors=\"{}\">",
            a.cases,
            a.false_rejects,
            a.errors,
            s = status.as_str()
        );
        let word = if status == CellStatus::Agree {
            format!("agrees, {}", plural(a.cases, "case", "cases"))
        } else {
            format!(
                "{} naming no rule, {} over {}",
                plural(a.false_rejects, "false reject", "false rejects"),
                plural(a.errors, "error", "errors"),
                plural(a.cases, "case", "cases")
            )
        };
        let classes: Vec<&ClassRow> = c
            .report
            .classes
            .iter()
            .filter(|k| matches!(k.class, Class::Disagreement { rule: None, .. }))
            .collect();
        if classes.is_empty() {
            let _ = write!(out, "{word}</td>");
            continue;
        }
        let _ = write!(out, "<details><summary>{word}</summary>");
        for class in classes {
            counterexample(out, *c, class);
        }
        out.push_str("</details></td>");
    }
    out.push_str("</tr>\n");
}

/// The row of errors by kind, over every case.
fn errors_row(out: &mut String, columns: &[Column<'_>]) {
    out.push_str("<tr data-rule=\"errors\"><th class=\"rule\">errors<span class=\"title\">cases the candidate did not answer (crash, timeout, protocol)</span></th>");
    for (i, c) in columns.iter().enumerate() {
        let n = c.report.summary.errors;
        let status = if n > 0 {
            CellStatus::Error
        } else {
            CellStatus::Agree
        };
        let _ = write!(
            out,
            "<td class=\"cell {s}\" data-rule=\"errors\" data-candidate=\"{i}\" data-status=\"{s}\" data-errors=\"{n}\">",
            s = status.as_str()
        );
        if n == 0 {
            out.push_str("none</td>");
            continue;
        }
        let _ = write!(
            out,
            "<details><summary>{}</summary>",
            plural(n, "error", "errors")
        );
        for class in c
            .report
            .classes
            .iter()
            .filter(|k| matches!(k.class, Class::Error { .. }))
        {
            counterexample(out, *c, class);
            if let Some(f) = c
                .report
                .failures
                .iter()
                .find(|f| f.case.index == class.example.index)
                .and_then(|f| f.error.as_ref())
            {
                let _ = write!(out, "<pre class=\"error\">{}</pre>", esc(&f.to_string()));
                if !f.stderr.trim().is_empty() {
                    let last = crate::error::last_lines(&f.stderr, 5);
                    let _ = write!(out, "<pre class=\"stderr\">{}</pre>", esc(&last));
                }
            }
        }
        out.push_str("</details></td>");
    }
    out.push_str("</tr>\n");
}

/// The run's metadata, one column per report.
fn runs_table(out: &mut String, columns: &[Column<'_>]) {
    out.push_str("<h2>Runs</h2>\n<table id=\"runs\">\n<tbody>\n");
    type Field = (&'static str, fn(&RunReport) -> String);
    let rows: [Field; 17] = [
        ("candidate", |r| r.candidate.name.clone()),
        ("command", |r| {
            let words: Vec<String> = r
                .candidate
                .command
                .iter()
                .map(|w| super::shell_quote(w))
                .collect();
            words.join(" ")
        }),
        ("status", |r| r.summary.status.clone()),
        ("level", |r| r.level.to_string()),
        ("mode", |r| {
            match r.candidate.mode.map(serde_json::to_value) {
                Some(Ok(serde_json::Value::String(m))) => m,
                Some(_) => String::new(),
                None => "in process".to_owned(),
            }
        }),
        ("j43", |r| r.j43.clone()),
        ("suite", |r| {
            let s = &r.suite;
            let mut parts = vec![
                s.kind.clone(),
                format!("{} generated", s.cases),
                format!("settings {}", s.settings),
            ];
            parts.push(if s.corpus { "corpus" } else { "no corpus" }.to_owned());
            parts.push(match (s.exhaustive, s.exhaustive_cap) {
                (false, _) => "no exhaustive scope".to_owned(),
                (true, None) => "exhaustive scope".to_owned(),
                (true, Some(n)) => format!("exhaustive scope (first {n})"),
            });
            parts.join(", ")
        }),
        ("seed", |r| r.suite.seed.to_string()),
        ("suite cases", |r| r.suite.total.to_string()),
        ("shard", |r| {
            r.shard
                .as_ref()
                .map_or("whole suite".to_owned(), ToString::to_string)
        }),
        ("cases run", |r| r.summary.cases.to_string()),
        ("agree / disagree / errors", |r| {
            format!(
                "{} / {} / {}",
                r.summary.agreed, r.summary.disagreed, r.summary.errors
            )
        }),
        ("rules exercised", |r| {
            format!("{} of {}", r.summary.rules_exercised, r.rules.len())
        }),
        ("started", |r| r.run.started.clone()),
        ("time", |r| {
            format!(
                "{:.2} s ({:.0} cases/s), shrinking {:.2} s",
                r.run.elapsed_s, r.run.cases_per_s, r.run.shrink_s
            )
        }),
        ("run folder", |r| r.run.out.clone().unwrap_or_default()),
        ("merged from", |r| r.run.merged_from.join(", ")),
    ];
    for (name, value) in rows {
        let _ = write!(out, "<tr data-field=\"{name}\"><th>{name}</th>");
        for (i, c) in columns.iter().enumerate() {
            let _ = write!(
                out,
                "<td data-candidate=\"{i}\">{}</td>",
                esc(&value(c.report))
            );
        }
        out.push_str("</tr>\n");
    }
    if columns
        .iter()
        .any(|c| c.report.summary.interrupted.is_some())
    {
        out.push_str("<tr data-field=\"harness error\"><th>harness error</th>");
        for (i, c) in columns.iter().enumerate() {
            let _ = write!(
                out,
                "<td data-candidate=\"{i}\">{}</td>",
                esc(c.report.summary.interrupted.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_security_policy_allows_exactly_the_inline_style_and_script() {
        let page = html(&[]);
        let css = style();
        assert!(page.contains(&format!("<style>{css}</style>")));
        assert!(page.contains(&format!("<script>{SCRIPT}</script>")));
        assert!(page.contains(&format!("style-src {};", csp_hash(&css))));
        assert!(page.contains(&format!("script-src {};", csp_hash(SCRIPT))));
        assert!(page.contains("default-src 'none'"));
        assert_eq!(page.matches("<script").count(), 1);
        assert!(!page.contains("http://") && !page.contains("https://"));
    }
}
