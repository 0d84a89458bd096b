//! JUnit XML: one test case per rule, plus one for authorized documents and one for errors.

use crate::{Kind, RunResult};
use std::fmt::Write as _;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The run as a JUnit XML document, one `testcase` per rule named by its id and title.
pub fn junit(result: &RunResult) -> String {
    let mut cases = String::new();
    let mut failures = 0;
    for (rule, s) in &result.rules {
        let name = escape(&format!("{rule} {}", rule.info().title));
        let _ = write!(
            cases,
            "    <testcase classname=\"j43.rules\" name=\"{name}\""
        );
        if s.passes() {
            let _ = writeln!(cases, "/>");
        } else {
            failures += 1;
            let detail: Vec<String> = Kind::ALL
                .iter()
                .filter(|k| s.count(**k) > 0)
                .map(|k| format!("{} {k}", s.count(*k)))
                .chain((s.errors > 0).then(|| format!("{} errors", s.errors)))
                .collect();
            let msg = escape(&detail.join(", "));
            let _ = writeln!(cases, ">\n      <failure message=\"{msg}\">{msg} over {} cases</failure>\n    </testcase>", s.cases);
        }
    }
    let extra = [
        (
            "authorized documents",
            result.unattributed_false_rejects + result.authorized_errors,
        ),
        ("errors", result.errors.len()),
    ];
    for (name, bad) in extra {
        let _ = write!(cases, "    <testcase classname=\"j43\" name=\"{name}\"");
        if bad == 0 {
            let _ = writeln!(cases, "/>");
        } else {
            failures += 1;
            let _ = writeln!(
                cases,
                ">\n      <failure message=\"{bad} failing cases\"/>\n    </testcase>"
            );
        }
    }
    let tests = result.rules.len() + extra.len();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\">\n{cases}  </testsuite>\n</testsuites>\n",
        escape(&format!("j43 conform {} ({})", result.candidate, result.level))
    )
}
