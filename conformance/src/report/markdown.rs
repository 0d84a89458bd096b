//! Markdown: the summary, the failing classes and the per-rule table, for CI job summaries.

use super::text::{markdown as md, markdown_code};
use super::{answer, RunReport};
use crate::Kind;
use std::fmt::Write as _;

/// The run as Markdown: a headline, the failing classes with their minimal documents, and a
/// table row per rule. Every string from the candidate is escaped.
pub fn markdown(report: &RunReport) -> String {
    let mut out = String::new();
    let status = match report.summary.status.as_str() {
        "conforms" => "conforms",
        "harness-error" => "stopped by a harness error",
        _ => "does not conform",
    };
    let _ = writeln!(
        out,
        "## j43 conform: {} {status} at level {}\n",
        md(&report.candidate.name),
        report.level
    );
    let s = &report.summary;
    let shard = report
        .shard
        .as_ref()
        .map_or(String::new(), |sh| format!(" (shard {sh})"));
    let _ = writeln!(
        out,
        "{} cases{shard}, {} agree, {} disagree, {} errors; {}/{} rules exercised.\n",
        s.cases,
        s.agreed,
        s.disagreed,
        s.errors,
        s.rules_exercised,
        report.rules.len()
    );
    if let Some(stop) = &s.interrupted {
        let _ = writeln!(out, "**Harness error:** {}\n", md(stop));
    }
    if !report.classes.is_empty() {
        let _ = writeln!(out, "| class | cases | minimal input | expected | actual |");
        let _ = writeln!(out, "| --- | ---: | --- | --- | --- |");
        for c in &report.classes {
            let (input, expected, actual) = match &c.minimal {
                Some(m) => (
                    m.text.clone().unwrap_or_else(|| c.example.preview.clone()),
                    &m.expected,
                    m.actual.as_ref(),
                ),
                None => (
                    c.example.preview.clone(),
                    &c.example.expected,
                    c.actual.as_ref(),
                ),
            };
            let cut: String = input.chars().take(160).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md(&c.class.to_string()),
                c.count,
                markdown_code(&cut).replace('|', "\\|"),
                md(&answer(expected)),
                actual.map_or("error".to_owned(), |a| md(&answer(a)))
            );
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "| rule | title | cases | false accepts | false rejects | wrong reasons | errors |"
    );
    let _ = writeln!(out, "| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    for r in &report.rules {
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {} | {} | {} | {} |",
            if r.passes() { "✅" } else { "❌" },
            r.rule,
            md(&r.title),
            r.cases,
            r.count(Kind::FalseAccept),
            r.count(Kind::FalseReject),
            r.count(Kind::WrongReason),
            r.errors
        );
    }
    out
}
