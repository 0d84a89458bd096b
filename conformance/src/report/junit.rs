//! JUnit XML: one test case per rule, plus authorized documents, errors and the harness.

use super::text::xml;
use super::{answer, replay_line, RunReport};
use crate::run::Class;
use crate::Kind;
use std::fmt::Write as _;

/// The run as a JUnit XML document, one `testcase` per rule named by its id and title; a
/// failing rule's `failure` holds its classes with their minimal documents and replay lines
/// (files relative to `folder`). Every string from the candidate is escaped, and characters
/// XML 1.0 forbids are written as visible escapes, so the document always parses.
pub fn junit(report: &RunReport, folder: Option<&str>) -> String {
    let mut cases = String::new();
    let mut failures = 0;
    let path = |file: &str| match folder {
        Some(f) => format!("{}/{file}", f.trim_end_matches('/')),
        None => file.to_owned(),
    };
    for row in &report.rules {
        let name = xml(&format!("{} {}", row.rule, row.title));
        let _ = write!(
            cases,
            "    <testcase classname=\"j43.rules\" name=\"{name}\""
        );
        if row.passes() {
            let _ = writeln!(cases, "/>");
            continue;
        }
        failures += 1;
        let detail: Vec<String> = Kind::ALL
            .iter()
            .filter(|k| row.count(**k) > 0)
            .map(|k| format!("{} {k}", row.count(*k)))
            .chain((row.errors > 0).then(|| format!("{} errors", row.errors)))
            .collect();
        let msg = xml(&format!("{} over {} cases", detail.join(", "), row.cases));
        let mut body = String::new();
        for c in report.classes.iter().filter(|c| match c.class {
            Class::Disagreement { rule, .. } => rule == Some(row.rule),
            Class::Error { .. } => false,
        }) {
            let _ = writeln!(body, "{}: {} cases", c.class, c.count);
            let _ = writeln!(
                body,
                "  smallest: case {} ({})",
                c.example.index, c.example.id
            );
            let (preview, expected, actual, file) = match &c.minimal {
                Some(m) => (
                    m.text.clone().unwrap_or_else(|| c.example.preview.clone()),
                    &m.expected,
                    m.actual.as_ref(),
                    m.file.clone().or_else(|| c.example.file.clone()),
                ),
                None => (
                    c.example.preview.clone(),
                    &c.example.expected,
                    c.actual.as_ref(),
                    c.example.file.clone(),
                ),
            };
            let _ = writeln!(body, "  input:    {preview}");
            let _ = writeln!(body, "  expected: {}", answer(expected));
            if let Some(a) = actual {
                let _ = writeln!(body, "  actual:   {}", answer(a));
            }
            if let Some(f) = file {
                let _ = writeln!(body, "  replay:   {}", replay_line(report, &path(&f)));
            }
        }
        let _ = writeln!(
            cases,
            ">\n      <failure message=\"{msg}\">{}</failure>\n    </testcase>",
            xml(&body)
        );
    }
    let errors: Vec<String> = report
        .failures
        .iter()
        .filter_map(|f| {
            f.error
                .as_ref()
                .map(|e| format!("case {} ({}): {e}", f.case.index, f.case.id))
        })
        .collect();
    let mut extra = vec![
        (
            "authorized documents",
            report.authorized.false_rejects + report.authorized.errors,
            format!(
                "{} authorized documents rejected naming no rule, {} errors",
                report.authorized.false_rejects, report.authorized.errors
            ),
        ),
        ("errors", report.summary.errors, errors.join("\n")),
    ];
    if let Some(stop) = &report.summary.interrupted {
        extra.push(("harness", 1, stop.clone()));
    }
    let tests = report.rules.len() + extra.len();
    for (name, bad, body) in &extra {
        let _ = write!(cases, "    <testcase classname=\"j43\" name=\"{name}\"");
        if *bad == 0 {
            let _ = writeln!(cases, "/>");
        } else {
            failures += 1;
            let _ = writeln!(
                cases,
                ">\n      <failure message=\"{bad} failing\">{}</failure>\n    </testcase>",
                xml(body)
            );
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\">\n{cases}  </testsuite>\n</testsuites>\n",
        xml(&format!(
            "j43 conform {} ({})",
            report.candidate.name, report.level
        ))
    )
}
