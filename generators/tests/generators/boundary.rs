//! The boundary classes: every class has at least 10 distinct documents on each side at the
//! default `per_class`, and every boundary case gets from the reference exactly the rule set
//! it was built with, with the class's rule on the violating side and not on the near-miss side.

use j43_generators::{
    boundary_cases, boundary_cases_per_side, boundary_catalog, Boundary, GeneratedCase, Settings,
    Side, BOUNDARY_PER_CLASS,
};
use std::collections::{BTreeMap, BTreeSet};

/// What the tests need of one boundary case of the default suite: its label, a hash of its
/// document, what it was built to get, what the reference gets, and for a mismatch how to
/// show it. Built once (the cases include 64 MiB documents), shared by the tests.
struct Judged {
    boundary: Boundary,
    hash: u64,
    expected: BTreeSet<j43_model::RuleId>,
    actual: BTreeSet<j43_model::RuleId>,
    shown: Option<String>,
}

fn judged() -> &'static [Judged] {
    static CASES: std::sync::OnceLock<Vec<Judged>> = std::sync::OnceLock::new();
    CASES.get_or_init(|| {
        boundary_cases(&Settings::default(), 0, BOUNDARY_PER_CLASS)
            .map(|case: GeneratedCase| {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                case.document.hash(&mut h);
                let expected = case.expected.clone().unwrap().rules;
                let actual = j43_model::check(&case.document).rules();
                let shown = (expected != actual).then(|| {
                    format!(
                        "{}\n  document {}",
                        case.description,
                        String::from_utf8_lossy(&case.document[..case.document.len().min(3000)])
                    )
                });
                Judged {
                    boundary: case.boundary.unwrap(),
                    hash: h.finish(),
                    expected,
                    actual,
                    shown,
                }
            })
            .collect()
    })
}

#[test]
fn every_boundary_case_gets_its_expected_rules_with_the_class_rule_only_on_the_violating_side() {
    let mut failures = Vec::new();
    for j in judged() {
        let has_rule = j.expected.contains(&j.boundary.rule);
        let side_ok = has_rule == (j.boundary.side == Side::Violating);
        if j.actual != j.expected || !side_ok {
            failures.push(format!(
                "{}: expected {:?}, actual {:?}, side {}\n{}",
                j.boundary,
                j.expected,
                j.actual,
                if side_ok { "right" } else { "wrong" },
                j.shown.clone().unwrap_or_default()
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
    let mut docs: BTreeMap<Boundary, BTreeSet<u64>> = BTreeMap::new();
    for j in judged() {
        docs.entry(j.boundary).or_default().insert(j.hash);
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
    let label = Boundary {
        rule: j43_model::RuleId::Net005,
        class: "cidr-v4-prefix-max",
        side: Side::NearMiss,
    };
    assert!(catalog.contains(&label));
    assert_eq!(label.to_string(), "NET-005 cidr-v4-prefix-max near-miss");
}

#[test]
fn the_same_seed_gives_the_same_boundary_cases_and_another_seed_other_surroundings() {
    let small = Settings::small();
    let first: Vec<GeneratedCase> = boundary_cases(&small, 3, 2).take(400).collect();
    let again: Vec<GeneratedCase> = boundary_cases(&small, 3, 2).take(400).collect();
    let other: Vec<GeneratedCase> = boundary_cases(&small, 4, 2).take(400).collect();
    assert_eq!(first, again);
    let same = first
        .iter()
        .zip(&other)
        .filter(|(a, b)| a.document == b.document)
        .count();
    assert!(
        same < 40,
        "{same} of 400 documents do not depend on the seed"
    );
    let labels = |cases: &[GeneratedCase]| cases.iter().map(|c| c.boundary).collect::<Vec<_>>();
    assert_eq!(labels(&first), labels(&other));
}
