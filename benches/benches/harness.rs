//! Harness throughput: in process (the runner over the reference as a candidate) and over the
//! protocol (pipelined, process start excluded) against `j43 serve` and a trivial candidate.
//!
//! Throughput is in cases. `in-process/reference` is `j43_model::check` alone on every case;
//! `in-process/harness` builds the cases (the oracle check) and runs the reference as a
//! candidate through `j43_conformance::run`, so `harness - reference` is what the harness adds.
//! Run: `cargo bench -p j43-benches --bench harness`.
#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "bench setup fails loudly"
)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use j43_conformance::{
    run, Case, Checker, External, ExternalOptions, Reference, RunOptions, Source,
};
use std::time::Duration;

const CASES: usize = 512;

fn harness(c: &mut Criterion) {
    let docs = j43_benches::generated_documents(CASES);
    let mut group = c.benchmark_group("harness");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
        .throughput(Throughput::Elements(docs.len() as u64));

    group.bench_function(BenchmarkId::new("in-process", "reference"), |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| j43_model::check(d).is_authorized())
                .filter(|&a| a)
                .count()
        })
    });
    group.bench_function(BenchmarkId::new("in-process", "harness"), |b| {
        b.iter(|| {
            let cases: Vec<Case> = docs
                .iter()
                .enumerate()
                .map(|(i, d)| Case::new(format!("g{i}"), Source::Given, d.clone()))
                .collect();
            run(&mut Reference, &cases, &RunOptions::default(), &mut |_| {}).unwrap()
        })
    });

    let slices: Vec<&[u8]> = docs.iter().map(Vec::as_slice).collect();
    for (name, exe) in [
        ("j43-serve", env!("CARGO_BIN_EXE_reference-serve")),
        ("trivial", env!("CARGO_BIN_EXE_trivial-candidate")),
    ] {
        let options = ExternalOptions {
            level: j43_conformance::Level::Verdict,
            ..ExternalOptions::default()
        };
        // Started once, outside the measurement: process start is excluded.
        let mut candidate =
            External::start(vec![exe.to_owned()], options).expect("candidate starts");
        group.bench_function(BenchmarkId::new("protocol", name), |b| {
            b.iter(|| candidate.check_batch(&slices).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, harness);
criterion_main!(benches);
