//! The minimizer: its output satisfies the predicate, is 1-minimal, and respects the budget.

use crate::common::sample;
use j43_generators::{arb_document, arb_multi_violation, arb_violating_design, minimize, Settings};
use j43_model::RuleId;
use std::collections::BTreeSet;

fn rules(doc: &[u8]) -> BTreeSet<RuleId> {
    j43_model::check(doc).rules()
}

/// Every single byte deletion of `doc` makes `pred` false (part of 1-minimality).
fn no_byte_can_go(doc: &[u8], pred: &mut impl FnMut(&[u8]) -> bool) -> bool {
    (0..doc.len()).all(|i| {
        let mut d = doc.to_vec();
        d.remove(i);
        !pred(&d)
    })
}

#[test]
fn minimized_documents_keep_the_predicate_and_are_one_minimal() {
    let s = Settings::small();
    let mut cases = Vec::new();
    for rule in [
        RuleId::Per003,
        RuleId::Net005,
        RuleId::Doc009,
        RuleId::Inv001,
        RuleId::Doc002,
        RuleId::Doc001,
    ] {
        cases.extend(sample(&arb_violating_design(rule, s), 2, 5));
    }
    cases.extend(sample(&arb_multi_violation(s), 3, 6));
    for case in cases {
        let target = rules(&case.document);
        let mut pred = |d: &[u8]| rules(d).is_superset(&target);
        let m = minimize(&case.document, &mut pred, 200_000);
        assert!(pred(&m.document), "{}", case.description);
        assert!(
            m.one_minimal,
            "{}: not 1-minimal after {} calls",
            case.description, m.predicate_calls
        );
        assert!(m.document.len() <= case.document.len());
        assert!(
            no_byte_can_go(&m.document, &mut pred),
            "{}",
            case.description
        );
    }
}

#[test]
fn minimizing_a_single_rule_of_a_design_gives_a_small_document() {
    // "Still reports PER-003" from a generated design ends far smaller than the design.
    let case = &sample(
        &arb_violating_design(RuleId::Per003, Settings::default()),
        1,
        9,
    )[0];
    let m = minimize(
        &case.document,
        |d| rules(d).contains(&RuleId::Per003),
        100_000,
    );
    assert!(m.one_minimal);
    assert!(
        m.document.len() * 4 < case.document.len(),
        "{}",
        String::from_utf8_lossy(&m.document)
    );
}

#[test]
fn minimizer_falls_back_to_bytes_for_malformed_input() {
    let doc = b"{\"format\": \"j43/1\", \"x\": [1, 2,, 3]}";
    let m = minimize(
        doc,
        |d| rules(d).contains(&RuleId::Doc001) && d.contains(&b','),
        10_000,
    );
    assert!(m.one_minimal);
    assert_eq!(m.document, b",");
}

#[test]
fn minimizer_respects_its_budget_and_says_so() {
    let case = &sample(
        &arb_violating_design(RuleId::Inv001, Settings::default()),
        1,
        3,
    )[0];
    let m = minimize(&case.document, |d| rules(d).contains(&RuleId::Inv001), 25);
    assert_eq!(m.predicate_calls, 25);
    assert!(!m.one_minimal);
    assert!(rules(&m.document).contains(&RuleId::Inv001));
}

#[test]
fn minimizer_returns_the_input_when_the_predicate_is_false() {
    let m = minimize(b"{}", |_| false, 10);
    assert_eq!(
        (m.document.as_slice(), m.one_minimal, m.predicate_calls),
        (&b"{}"[..], false, 1)
    );
}

#[test]
fn minimizer_never_panics_on_arbitrary_documents() {
    for case in sample(&arb_document(Settings::small()), 20, 4) {
        let target = rules(&case.document);
        let m = minimize(&case.document, |d| rules(d) == target, 500);
        assert_eq!(rules(&m.document), target, "{}", case.description);
    }
}
