//! Parse only against parse-and-check on the same documents, with `serde_json` for context.
//!
//! `tape` is `j43_model::json::Tape::parse` (layer 1, what `check` parses into), `parse` is
//! `j43_model::json::parse` (the tape turned into an owned `Value`, what generators use),
//! `check` is `j43_model::check` (all three layers), `serde_json` is
//! `serde_json::from_slice::<Value>` (a general-purpose parser that does less: no duplicate or
//! depth rules). Check-only cost is `check - tape`.
//! Throughput is in bytes. Run: `cargo bench -p j43-benches --bench parse`.
#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30);
    for doc in j43_benches::corpus() {
        group.throughput(Throughput::Bytes(doc.bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("tape", doc.name), &doc.bytes, |b, d| {
            b.iter(|| j43_model::json::Tape::parse(d).map(|t| t.len()))
        });
        group.bench_with_input(BenchmarkId::new("parse", doc.name), &doc.bytes, |b, d| {
            b.iter(|| j43_model::json::parse(d))
        });
        group.bench_with_input(BenchmarkId::new("check", doc.name), &doc.bytes, |b, d| {
            b.iter(|| j43_model::check(d))
        });
        group.bench_with_input(
            BenchmarkId::new("serde_json", doc.name),
            &doc.bytes,
            |b, d| b.iter(|| serde_json::from_slice::<serde_json::Value>(d)),
        );
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
