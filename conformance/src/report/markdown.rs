//! Markdown: the summary and the per-rule table, for CI job summaries.

use crate::{Kind, RunResult};
use std::fmt::Write as _;

/// The run as Markdown: a headline and a table row per rule.
pub fn markdown(result: &RunResult) -> String {
    let mut out = String::new();
    let status = if result.conforms() {
        "conforms"
    } else {
        "does not conform"
    };
    let _ = writeln!(
        out,
        "## j43 conform: {} {status} at level {}\n",
        result.candidate, result.level
    );
    let _ = writeln!(
        out,
        "{} cases, {} agree, {} disagree, {} errors.\n",
        result.cases,
        result.agreed,
        result.disagreements.len(),
        result.errors.len()
    );
    let _ = writeln!(
        out,
        "| rule | title | cases | false accepts | false rejects | wrong reasons | errors |"
    );
    let _ = writeln!(out, "| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    for (rule, s) in &result.rules {
        let _ = writeln!(
            out,
            "| {} {rule} | {} | {} | {} | {} | {} | {} |",
            if s.passes() { "✅" } else { "❌" },
            rule.info().title,
            s.cases,
            s.count(Kind::FalseAccept),
            s.count(Kind::FalseReject),
            s.count(Kind::WrongReason),
            s.errors
        );
    }
    out
}
