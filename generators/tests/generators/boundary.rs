//! The boundary classes: every class has at least 10 distinct documents on each side at the
//! default `per_class`, and every boundary case gets from the reference exactly the rule set
//! it was built with, with the class's rule on the violating side and not on the near-miss side.

use j43_generators::{
    boundary_cases, boundary_cases_per_side, boundary_catalog, Boundary, GeneratedCase, Settings,
    Side, BOUNDARY_PER_CLASS,
};
use std::collections::{BTreeMap, BTreeSet};

/// The default suite's boundary cases (seed 0, default settings).
fn default_cases() -> Vec<GeneratedCase> {
    boundary_cases(&Settings::default(), 0, BOUNDARY_PER_CLASS).collect()
}

#[test]
fn every_boundary_case_gets_its_expected_rules_with_the_class_rule_only_on_the_violating_side() {
    let mut failures = Vec::new();
    for case in default_cases() {
        let boundary = case.boundary.unwrap();
        let expected = case.expected.clone().unwrap();
        let got = j43_model::check(&case.document).rules();
        let has_rule = expected.rules.contains(&boundary.rule);
        let side_ok = has_rule == (boundary.side == Side::Violating);
        if got != expected.rules || !side_ok {
            failures.push(format!(
                "{}\n  expected {:?}\n  actual   {:?}\n  document {}",
                case.description,
                expected.rules,
                got,
                String::from_utf8_lossy(&case.document[..case.document.len().min(3000)])
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_class_has_at_least_10_distinct_documents_on_each_side() {
    let catalog = boundary_catalog();
    let mut docs: BTreeMap<Boundary, BTreeSet<Vec<u8>>> = BTreeMap::new();
    for case in default_cases() {
        docs.entry(case.boundary.unwrap())
            .or_default()
            .insert(case.document);
    }
    let thin: Vec<String> = catalog
        .iter()
        .filter(|b| docs.get(b).map_or(0, BTreeSet::len) < 10)
        .map(|b| format!("{b}: {}", docs.get(b).map_or(0, BTreeSet::len)))
        .collect();
    assert!(
        thin.is_empty(),
        "classes with fewer than 10 distinct documents: {thin:#?}"
    );
    for b in &catalog {
        assert!(boundary_cases_per_side(b, BOUNDARY_PER_CLASS) >= 10, "{b}");
    }
}

#[test]
fn the_catalog_has_both_sides_of_every_class_and_unique_kebab_case_labels() {
    let catalog = boundary_catalog();
    let labels: BTreeSet<String> = catalog.iter().map(ToString::to_string).collect();
    assert_eq!(labels.len(), catalog.len(), "a label twice");
    for pair in catalog.chunks(2) {
        assert_eq!(pair.len(), 2);
        assert_eq!(
            (pair[0].side, pair[1].side),
            (Side::Violating, Side::NearMiss)
        );
        assert_eq!((pair[0].rule, pair[0].class), (pair[1].rule, pair[1].class));
        let c = pair[0].class;
        assert!(
            !c.is_empty()
                && c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{c}"
        );
    }
    assert_eq!(
        Boundary {
            rule: j43_model::RuleId::Net005,
            class: "cidr-v4-prefix-max",
            side: Side::NearMiss
        }
        .to_string(),
        "NET-005 cidr-v4-prefix-max near-miss"
    );
}

/// The catalog table of `generators/BOUNDARIES.md` (included in the crate documentation).
fn catalog_markdown() -> String {
    let mut out = String::from(
        "Generated from `boundary_classes()`; `J43_BLESS=1 cargo test -p j43-generators --test \
         generators boundary_docs` rewrites it.\n\n\
         | rule | class | SPEC | violating side | near-miss side |\n| --- | --- | --- | --- | --- |\n",
    );
    for c in j43_generators::boundary_classes() {
        let cell = |s: &str| s.replace('|', "\\|");
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            c.rule,
            c.class,
            cell(c.section),
            cell(c.violating),
            cell(c.near_miss)
        ));
    }
    out
}

#[test]
fn boundary_docs_list_every_class_of_the_catalog() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("BOUNDARIES.md");
    let want = catalog_markdown();
    if std::env::var_os("J43_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap();
    assert!(
        have == want,
        "generators/BOUNDARIES.md is stale: run `J43_BLESS=1 cargo test -p j43-generators --test generators boundary_docs`"
    );
}
