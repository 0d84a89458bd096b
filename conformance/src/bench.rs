//! Throughput and latency of an external candidate on the suite's generated documents (`j43 bench`).

use crate::{Checker, External, ExternalOptions, Result};
use std::time::Instant;

/// An external candidate's throughput and latency on some documents.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExternalStats {
    /// Documents checked in each of the two phases.
    pub cases: usize,
    /// Cases per second with requests pipelined ([`Checker::check_batch`], the harness's
    /// window); in persistent mode the process start and handshake are excluded.
    pub pipelined_per_sec: f64,
    /// Latency percentiles 50, 90, 99 and the maximum, in microseconds, of one request at a
    /// time (the next is sent once the previous one is answered).
    pub latency_us: [f64; 4],
    /// Cases the candidate failed (timeout, crash, protocol or candidate error), over both
    /// phases: at most twice `cases`.
    pub errors: usize,
}

/// `count` generated documents from `seed`, the same on every run: the mix of
/// [`crate::suite::generated_cases`] at the default settings (authorized, one violation of
/// each rule, several violations, arbitrary), without the single 64 MiB DOC-004 document,
/// whose place arbitrary documents take. Exactly `count` documents.
pub fn bench_documents(count: usize, seed: u64) -> Vec<Vec<u8>> {
    crate::suite::generated_documents(count, seed, &j43_generators::Settings::default())
}

/// Starts `command` with `options` (in persistent mode the process start and handshake come
/// before any timing), checks all of `documents` in one pipelined batch, then each document
/// again alone, and returns the batch's rate and the single requests' latency percentiles.
///
/// A case the candidate fails counts in [`ExternalStats::errors`]; an [`crate::Error`] (the
/// candidate cannot start, or keeps failing after its restarts) stops the measurement.
pub fn measure_external(
    command: Vec<String>,
    options: ExternalOptions,
    documents: &[Vec<u8>],
) -> Result<ExternalStats> {
    let mut candidate = External::start(command, options)?;
    let slices: Vec<&[u8]> = documents.iter().map(Vec::as_slice).collect();
    let start = Instant::now();
    let results = candidate.check_batch(&slices)?;
    let elapsed = start.elapsed().as_secs_f64();
    let mut errors = results.iter().filter(|r| r.is_err()).count();
    let mut latencies = Vec::with_capacity(documents.len());
    for document in &slices {
        let start = Instant::now();
        errors += usize::from(candidate.check(document)?.is_err());
        latencies.push(start.elapsed().as_secs_f64() * 1e6);
    }
    latencies.sort_by(f64::total_cmp);
    Ok(ExternalStats {
        cases: documents.len(),
        pipelined_per_sec: documents.len() as f64 / elapsed.max(f64::MIN_POSITIVE),
        latency_us: [
            percentile(&latencies, 0.5),
            percentile(&latencies, 0.9),
            percentile(&latencies, 0.99),
            percentile(&latencies, 1.0),
        ],
        errors,
    })
}

/// The nearest-rank value at `p` (0 to 1) of sorted `values`; 0 when there are none.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let last = sorted.len().saturating_sub(1);
    let i = ((last as f64) * p.clamp(0.0, 1.0)).round() as usize;
    sorted.get(i.min(last)).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_exactly_count_and_the_same_per_seed() {
        let a = bench_documents(40, 7);
        assert_eq!(a.len(), 40);
        assert_eq!(a, bench_documents(40, 7));
        assert_ne!(a, bench_documents(40, 8));
        assert!(a.iter().all(|d| d.len() < 1 << 20), "no 64 MiB document");
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), 51.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&v, 1.0), 100.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }
}
