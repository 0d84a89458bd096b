//! The reference against the real in-process candidates on the same documents: the Rego policy
//! on regorus (level rules) and the JSON Schema on the `jsonschema` crate (level verdict).
//!
//! Throughput is in bytes; `rego / reference` is the ratio BENCHMARKS.md reports.
//! Run: `cargo bench -p j43-benches --bench candidates`.
#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]
#![allow(clippy::expect_used, reason = "bench setup fails loudly")]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use j43_candidates::{JsonSchema, Rego};
use std::time::Duration;

fn candidates(c: &mut Criterion) {
    let mut rego = Rego::new().expect("the shipped policy compiles");
    let schema = JsonSchema::new().expect("the shipped schema compiles");
    let mut group = c.benchmark_group("candidates");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10);
    // The 10k-component document is left out: Rego takes seconds per check there.
    for doc in j43_benches::corpus()
        .into_iter()
        .filter(|d| d.name != "10k-components")
    {
        group.throughput(Throughput::Bytes(doc.bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("reference", doc.name),
            &doc.bytes,
            |b, d| b.iter(|| j43_model::check(d)),
        );
        // Rego on the 1k-component design takes about 8 s per check (its cost grows
        // quadratically with the number of components): measured once in BENCHMARKS.md.
        if doc.name != "1k-components" {
            group.bench_with_input(BenchmarkId::new("rego", doc.name), &doc.bytes, |b, d| {
                b.iter(|| rego.rules(d))
            });
        }
        group.bench_with_input(BenchmarkId::new("schema", doc.name), &doc.bytes, |b, d| {
            b.iter(|| schema.verdict(d))
        });
    }
    group.finish();
}

criterion_group!(benches, candidates);
criterion_main!(benches);
