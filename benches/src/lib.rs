//! Shared fixtures for the j43 criterion benchmarks: sized designs and a small document corpus.
//!
//! Every bench file takes its inputs from here, so that the figures of `BENCHMARKS.md` are
//! measured on the same documents across areas (check cost, parse cost, candidates, harness).

use j43_model::{Access, Adapter, Design, Process, Service, State};

/// The component counts of the cost-curve benchmarks (SPEC S4.3 components, whole document).
///
/// The smallest authorized design has 30 components (10 per environment), so the first case is
/// a single environment's worth of the base design; see [`sized_document`].
pub const SIZES: &[usize] = &[10, 100, 1_000, 10_000, 100_000];

/// A document with about `n` components, and its exact component count.
///
/// For `n >= 30` the document is an authorized design: the base design of SPEC S6.0 with extra
/// services per environment, each reading the `main` database through its own read-only
/// adapter, with the same names in every environment (so INV-001 and PER-003 hold). For
/// `n < 30` it is the base design with only the `local` environment (10 components), which is
/// rejected with ENV-001 but still walks every layer of the checker.
pub fn sized_document(n: usize) -> (Vec<u8>, usize) {
    let design = sized_design(n);
    let count = component_count(&design);
    (design.to_json().into_bytes(), count)
}

/// The design behind [`sized_document`].
pub fn sized_design(n: usize) -> Design {
    let mut design = Design::base();
    if n < 30 {
        design.environments.staging = None;
        design.environments.production = None;
        return design;
    }
    // Each extra service brings an adapter: 2 components per environment, 6 per design.
    let extra = (n - 30) / 6;
    for (env, environment) in design.environments.iter_mut() {
        for i in 0..extra {
            let service = format!("svc-{env}-w{i}");
            environment.services.push(Service {
                id: service.clone(),
                name: format!("w{i}"),
                segment: format!("seg-{env}-runtime"),
                process: Process::LongLived,
                state: State::Stateless,
                scaling: None,
                visibility: None,
                description: None,
            });
            environment.adapters.push(Adapter {
                id: format!("ad-{env}-w{i}-main"),
                service,
                database: format!("db-{env}-main"),
                access: Access::ReadOnly,
                description: None,
            });
        }
    }
    design
}

/// The number of components of a design (SPEC S4.3), over its present environments.
pub fn component_count(design: &Design) -> usize {
    design.component_count()
}

/// A named document of the shared corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Short case name for `BenchmarkId`.
    pub name: &'static str,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// The shared corpus of the parse and candidate benchmarks: small to large, authorized and
/// rejected, compact and pretty-printed.
pub fn corpus() -> Vec<Doc> {
    let base = Design::base();
    let mut rejected = base.to_value();
    // A handful of violations from every layer-2/3 family: forbidden members, enum values,
    // CIDR text, a dangling reference.
    if let Some(svc) = rejected.pointer_mut("/environments/local/services/0") {
        svc["replicas"] = serde_json::json!(3);
        svc["process"] = serde_json::json!("batch");
        svc["description"] = serde_json::json!("runs in 10.0.0.0/16");
    }
    if let Some(ing) = rejected.pointer_mut("/environments/staging/ingresses/0") {
        ing["targets"] = serde_json::json!(["svc-local-api", "svc-nope"]);
    }
    if let Some(top) = rejected.as_object_mut() {
        top.insert("terraform".into(), serde_json::json!({"main": "main.tf"}));
    }
    vec![
        Doc {
            name: "base",
            bytes: base.to_json().into_bytes(),
        },
        Doc {
            name: "base-pretty",
            bytes: serde_json::to_vec_pretty(&base.to_value()).unwrap_or_default(),
        },
        Doc {
            name: "rejected",
            bytes: serde_json::to_vec(&rejected).unwrap_or_default(),
        },
        Doc {
            name: "1k-components",
            bytes: sized_document(1_000).0,
        },
        Doc {
            name: "10k-components",
            bytes: sized_document(10_000).0,
        },
    ]
}

/// `count` generated cases of mixed families (authorized, single-rule violations, several
/// violations, arbitrary documents) at the `small` preset, the same on every run.
pub fn generated_documents(count: usize) -> Vec<Vec<u8>> {
    use j43_generators::{cases, Family, Settings};
    let families = [
        Family::Authorized,
        Family::Multi,
        Family::Arbitrary,
        Family::Violating(j43_model::RuleId::Net005),
    ];
    let per_family = count.div_ceil(families.len());
    let mut out: Vec<Vec<u8>> = families
        .iter()
        .flat_map(|f| cases(f, &Settings::small(), 43).take(per_family))
        .map(|c| c.document)
        .collect();
    out.truncate(count);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, reason = "test code")]
    use super::*;

    #[test]
    fn sized_designs_are_authorized_and_sized() {
        for &n in &[30, 100, 1_000] {
            let (doc, count) = sized_document(n);
            assert!(j43_model::check(&doc).is_authorized(), "n = {n}");
            assert!(count <= n && count + 6 > n, "n = {n}, count = {count}");
        }
        let (doc, count) = sized_document(10);
        assert_eq!(count, 10);
        assert!(!j43_model::check(&doc).is_authorized());
    }

    #[test]
    fn corpus_has_the_documented_verdicts() {
        let verdicts: Vec<_> = corpus()
            .iter()
            .map(|d| (d.name, j43_model::check(&d.bytes).is_authorized()))
            .collect();
        assert_eq!(verdicts[0], ("base", true));
        assert_eq!(verdicts[2], ("rejected", false));
        assert!(verdicts.iter().filter(|v| v.1).count() == 4);
    }
}
