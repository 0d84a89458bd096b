//! Violations and reports: what a check returns (SPEC S1, S9), and the bounded collector
//! that builds a report.

use crate::catalog::RuleId;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The most violations of one rule that a report lists (SPEC S9): the first ones in report
/// order. The rule set and the verdict are exact whatever the count; the report says how many
/// of each rule it does not list ([`Report::omitted`]).
pub const LISTED_PER_RULE: usize = 100;

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

/// The violations of a document as SPEC S9 lists them: sorted (pointer, rule, message),
/// without exact duplicates, at most [`LISTED_PER_RULE`] of each rule (the first in that
/// order), with the number of each rule's violations not listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    violations: Vec<Violation>,
    #[serde(default)]
    omitted: BTreeMap<RuleId, u64>,
}

/// SPEC S9 order: pointer (bytes), rule id (bytes), message.
fn s9_order(a: &Violation, b: &Violation) -> Ordering {
    a.pointer
        .as_bytes()
        .cmp(b.pointer.as_bytes())
        .then_with(|| a.rule.as_str().cmp(b.rule.as_str()))
        .then_with(|| a.message.cmp(&b.message))
}

impl Report {
    /// The report of these violations: sorted, deduplicated, and bounded as SPEC S9 says.
    pub fn new(mut violations: Vec<Violation>) -> Report {
        violations.sort_by(s9_order);
        violations.dedup();
        let mut listed = [0usize; RuleId::COUNT];
        let mut omitted = BTreeMap::new();
        violations.retain(|v| match listed.get_mut(v.rule.index()) {
            Some(n) if *n < LISTED_PER_RULE => {
                *n += 1;
                true
            }
            _ => {
                *omitted.entry(v.rule).or_insert(0) += 1;
                false
            }
        });
        Report {
            violations,
            omitted,
        }
    }

    /// The violations listed, in report order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// For each rule with violations the report does not list, how many it does not list.
    pub fn omitted(&self) -> &BTreeMap<RuleId, u64> {
        &self.omitted
    }

    /// How many violations of `rule` were found: those listed and those omitted.
    pub fn found(&self, rule: RuleId) -> u64 {
        let listed = self.violations.iter().filter(|v| v.rule == rule).count() as u64;
        listed + self.omitted.get(&rule).copied().unwrap_or(0)
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

    /// The set of rule ids: what two checkers must agree on at rule level. Exact: a rule
    /// with omitted violations has listed ones.
    pub fn rules(&self) -> BTreeSet<RuleId> {
        self.violations.iter().map(|v| v.rule).collect()
    }
}

/// Collects violations as a check finds them, keeping for each rule only the first
/// [`LISTED_PER_RULE`] in report order and a count of the rest, so that its memory is bounded
/// by the cap whatever the number of violations.
///
/// A violation's pointer is written into one reused buffer and compared with the last one
/// kept for its rule; its pointer and message are allocated only when it is kept.
///
/// Exact duplicates are recognised among the violations kept, not among those already
/// counted and dropped. The checker never reports one violation twice (every rule reports a
/// place once, and messages differ where a place is reported twice for one rule), so the
/// counts are exact; a caller that may repeat itself uses [`Report::new`].
#[derive(Debug)]
pub(crate) struct Collector {
    /// Per rule (by [`RuleId::index`]): the violations kept, sorted by pointer then message.
    kept: [Vec<Violation>; RuleId::COUNT],
    /// Per rule: distinct violations found, kept or not.
    found: [u64; RuleId::COUNT],
    pointer: String,
}

impl Default for Collector {
    fn default() -> Collector {
        Collector {
            kept: std::array::from_fn(|_| Vec::new()),
            found: [0; RuleId::COUNT],
            pointer: String::new(),
        }
    }
}

/// Inserts `v` into a rule's sorted list unless an equal violation is there; `false` when it
/// was a duplicate. The list is cut back to the cap.
fn insert(
    kept: &mut Vec<Violation>,
    rule: RuleId,
    pointer: &str,
    message: impl FnOnce() -> String,
) -> bool {
    let lo = kept.partition_point(|k| k.pointer.as_str() < pointer);
    let same = kept
        .get(lo..)
        .unwrap_or_default()
        .partition_point(|k| k.pointer == pointer);
    let message = message();
    let at = if same == 0 {
        lo
    } else {
        match kept
            .get(lo..lo + same)
            .unwrap_or_default()
            .binary_search_by(|k| k.message.cmp(&message))
        {
            Ok(_) => return false,
            Err(i) => lo + i,
        }
    };
    if at < LISTED_PER_RULE {
        kept.insert(
            at,
            Violation {
                pointer: pointer.to_owned(),
                rule,
                message,
            },
        );
        kept.truncate(LISTED_PER_RULE);
    }
    true
}

impl Collector {
    /// Records a violation of `rule`: `pointer` writes its JSON pointer into the buffer it is
    /// given (empty), `message` is called only if the violation may be listed.
    pub(crate) fn add(
        &mut self,
        rule: RuleId,
        pointer: impl FnOnce(&mut String),
        message: impl FnOnce() -> String,
    ) {
        let i = rule.index();
        let (Some(kept), Some(found)) = (self.kept.get_mut(i), self.found.get_mut(i)) else {
            return;
        };
        self.pointer.clear();
        pointer(&mut self.pointer);
        let p = self.pointer.as_str();
        if kept.len() >= LISTED_PER_RULE
            && kept
                .last()
                .is_some_and(|last| p.as_bytes() > last.pointer.as_bytes())
        {
            *found += 1;
            return;
        }
        if insert(kept, rule, p, message) {
            *found += 1;
        }
    }

    /// Adds everything `other` found.
    pub(crate) fn absorb(&mut self, other: Collector) {
        for (i, (list, count)) in other.kept.into_iter().zip(other.found).enumerate() {
            let (Some(kept), Some(found)) = (self.kept.get_mut(i), self.found.get_mut(i)) else {
                continue;
            };
            *found += count;
            for v in list {
                if !insert(kept, v.rule, &v.pointer, || v.message) {
                    *found = found.saturating_sub(1);
                }
            }
        }
    }

    /// The report: every kept violation in SPEC S9 order, and the counts of the others.
    pub(crate) fn finish(self) -> Report {
        let mut omitted = BTreeMap::new();
        let mut violations = Vec::new();
        for (list, found) in self.kept.into_iter().zip(self.found) {
            let listed = list.len() as u64;
            if let (Some(v), true) = (list.first(), found > listed) {
                omitted.insert(v.rule, found - listed);
            }
            violations.extend(list);
        }
        violations.sort_by(s9_order);
        Report {
            violations,
            omitted,
        }
    }
}

/// Appends one RFC 6901 reference token to a pointer, escaping `~` and `/`.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if !token.contains(['~', '/']) {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Appends an array index as a reference token (`/12`).
pub(crate) fn push_index(pointer: &mut String, index: usize) {
    pointer.push('/');
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut n = index;
    loop {
        if let Some(d) = digits.get_mut(len) {
            *d = b'0' + (n % 10) as u8;
        }
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in digits.iter().take(len).rev() {
        pointer.push(char::from(d));
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
        assert!(r.omitted().is_empty());
        assert!(Report::new(vec![]).is_authorized());
    }

    #[test]
    fn pointer_tokens_escape_tilde_and_slash() {
        let mut p = String::new();
        push_token(&mut p, "a/b~c");
        push_token(&mut p, "");
        push_index(&mut p, 0);
        push_index(&mut p, 1234567);
        assert_eq!(p, "/a~1b~0c//0/1234567");
    }

    /// Violations of DOC-005 at `/x/0` … `/x/{n-1}`, one NET-005 at `/z`, in this order.
    fn many(n: usize) -> Vec<Violation> {
        let mut all: Vec<Violation> = (0..n)
            .map(|i| Violation {
                pointer: format!("/x/{i}"),
                rule: RuleId::Doc005,
                message: format!("m{i}"),
            })
            .collect();
        all.push(v("/z", RuleId::Net005));
        all
    }

    #[test]
    fn report_lists_the_first_100_of_a_rule_in_s9_order_and_counts_the_rest() {
        let r = Report::new(many(1000));
        assert_eq!(r.rules(), BTreeSet::from([RuleId::Doc005, RuleId::Net005]));
        let doc005: Vec<&str> = r
            .violations()
            .iter()
            .filter(|x| x.rule == RuleId::Doc005)
            .map(|x| x.pointer.as_str())
            .collect();
        assert_eq!(doc005.len(), LISTED_PER_RULE);
        // Byte order of pointers: /x/0, /x/1, /x/10, /x/100, /x/101, ...
        assert_eq!(
            doc005.get(..4),
            Some(&["/x/0", "/x/1", "/x/10", "/x/100"][..])
        );
        let mut all: Vec<String> = (0..1000).map(|i| format!("/x/{i}")).collect();
        all.sort();
        assert_eq!(doc005, all.get(..LISTED_PER_RULE).unwrap());
        assert_eq!(r.omitted().get(&RuleId::Doc005), Some(&900));
        assert_eq!(r.omitted().get(&RuleId::Net005), None);
        assert_eq!(r.found(RuleId::Doc005), 1000);
        assert_eq!(r.found(RuleId::Net005), 1);
    }

    #[test]
    fn collector_keeps_what_report_new_keeps_in_any_arrival_order() {
        for reverse in [false, true] {
            let mut all = many(350);
            // Two violations at one pointer, told apart by message.
            all.push(Violation {
                pointer: "/x/1".into(),
                rule: RuleId::Doc005,
                message: "another".into(),
            });
            // An exact duplicate of a listed violation.
            all.push(all.get(10).unwrap().clone());
            if reverse {
                all.reverse();
            }
            let expected = Report::new(all.clone());
            let mut c = Collector::default();
            let mut text = Collector::default();
            for (i, x) in all.into_iter().enumerate() {
                let target = if i % 3 == 0 { &mut text } else { &mut c };
                target.add(x.rule, |p| p.push_str(&x.pointer), || x.message.clone());
            }
            c.absorb(text);
            assert_eq!(c.finish(), expected, "reverse {reverse}");
            assert_eq!(expected.found(RuleId::Doc005), 351);
            assert_eq!(expected.omitted().get(&RuleId::Doc005), Some(&251));
        }
    }

    #[test]
    fn collector_builds_messages_only_for_violations_it_may_list() {
        let mut c = Collector::default();
        let mut built = 0;
        for i in 0..10_000 {
            // Pointers in increasing byte order: after the first 100 none can be listed.
            c.add(
                RuleId::Doc007,
                |p| p.push_str(&format!("/m/{i:05}")),
                || {
                    built += 1;
                    String::new()
                },
            );
        }
        assert_eq!(built, LISTED_PER_RULE);
        let r = c.finish();
        assert_eq!(r.omitted().get(&RuleId::Doc007), Some(&9_900));
        assert!(!r.is_authorized());
    }
}
