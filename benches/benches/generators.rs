//! Generator throughput: cases per second per family, and the sized designs of the cost curve.
//! Run: `cargo bench -p j43-benches --bench generators`.
#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use j43_generators::{cases, design_with_components, Family, Settings};
use std::time::Duration;

const CASES: usize = 256;

fn generators(c: &mut Criterion) {
    let mut group = c.benchmark_group("generators");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    group.throughput(Throughput::Elements(CASES as u64));
    for (name, family) in [
        ("authorized", Family::Authorized),
        (
            "violating-NET-005",
            Family::Violating(j43_model::RuleId::Net005),
        ),
        ("multi", Family::Multi),
        ("arbitrary", Family::Arbitrary),
    ] {
        group.bench_function(BenchmarkId::new("cases-small", name), |b| {
            b.iter(|| cases(&family, &Settings::small(), 7).take(CASES).count())
        });
    }
    for n in [1_000, 10_000] {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("design_with_components", n), |b| {
            b.iter(|| design_with_components(n).to_json())
        });
    }
    group.finish();
}

criterion_group!(benches, generators);
criterion_main!(benches);
