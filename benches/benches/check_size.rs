//! The reference check on designs of growing size: the cost curve from 10 to 100,000 components.
//!
//! Throughput is in components, so criterion's `elem/s` reads as components checked per
//! second and the per-component cost can be compared across sizes directly.
//! Run: `cargo bench -p j43-benches --bench check_size`.
#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

fn check_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_size");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    for &n in j43_benches::SIZES {
        let (doc, components) = j43_benches::sized_document(n);
        group.throughput(Throughput::Elements(components as u64));
        group.bench_with_input(
            BenchmarkId::new("check", format!("{components}-components")),
            &doc,
            |b, doc| b.iter(|| j43_model::check(doc)),
        );
    }
    group.finish();
}

criterion_group!(benches, check_size);
criterion_main!(benches);
