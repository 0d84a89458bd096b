//! Violations and reports: what a check returns (SPEC S1, S9).

use crate::catalog::RuleId;
use std::collections::BTreeSet;

/// One broken rule at one place.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Violation {
    /// JSON pointer (RFC 6901) of the offending value, member or object.
    pub pointer: String,
    /// The rule broken.
    pub rule: RuleId,
    /// Lowercase English, the user's values in backticks; not normative.
    pub message: String,
}

/// The verdict derived from a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No violation.
    Authorized,
    /// At least one violation.
    Rejected,
}

impl Verdict {
    /// `authorized` or `rejected`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Authorized => "authorized",
            Verdict::Rejected => "rejected",
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every violation of a document, sorted as SPEC S9 says (pointer, rule, message), without
/// exact duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    violations: Vec<Violation>,
}

impl Report {
    /// A report of these violations, sorted and deduplicated.
    pub fn new(mut violations: Vec<Violation>) -> Report {
        violations.sort_by(|a, b| {
            a.pointer
                .as_bytes()
                .cmp(b.pointer.as_bytes())
                .then_with(|| a.rule.as_str().cmp(b.rule.as_str()))
                .then_with(|| a.message.cmp(&b.message))
        });
        violations.dedup();
        Report { violations }
    }

    /// The violations, in report order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Authorized iff there is no violation.
    pub fn verdict(&self) -> Verdict {
        if self.violations.is_empty() {
            Verdict::Authorized
        } else {
            Verdict::Rejected
        }
    }

    /// True iff the verdict is authorized.
    pub fn is_authorized(&self) -> bool {
        self.violations.is_empty()
    }

    /// The set of rule ids: what two checkers must agree on at rule level.
    pub fn rules(&self) -> BTreeSet<RuleId> {
        self.violations.iter().map(|v| v.rule).collect()
    }
}

/// Appends one RFC 6901 reference token to a pointer, escaping `~` and `/`.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(pointer: &str, rule: RuleId) -> Violation {
        Violation {
            pointer: pointer.into(),
            rule,
            message: String::new(),
        }
    }

    #[test]
    fn report_sorts_by_pointer_bytes_then_rule_and_dedups() {
        let r = Report::new(vec![
            v("/b", RuleId::Doc007),
            v("/a/1", RuleId::Net005),
            v("/a/1", RuleId::Doc007),
            v("/b", RuleId::Doc007),
        ]);
        let got: Vec<_> = r
            .violations()
            .iter()
            .map(|x| (x.pointer.as_str(), x.rule))
            .collect();
        assert_eq!(
            got,
            [
                ("/a/1", RuleId::Doc007),
                ("/a/1", RuleId::Net005),
                ("/b", RuleId::Doc007)
            ]
        );
        assert_eq!(r.verdict(), Verdict::Rejected);
        assert!(Report::new(vec![]).is_authorized());
    }

    #[test]
    fn pointer_tokens_escape_tilde_and_slash() {
        let mut p = String::new();
        push_token(&mut p, "a/b~c");
        push_token(&mut p, "");
        assert_eq!(p, "/a~1b~0c/");
    }
}
