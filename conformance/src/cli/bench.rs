//! `j43 bench`: a candidate program's pipelined throughput and one-at-a-time latency.

use super::{EXIT_ERROR, EXIT_OK};
use j43_conformance::{ExternalOptions, Level, Mode};
use std::io::Write as _;
use std::time::Duration;

/// Arguments of `j43 bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Generated documents, each checked twice: in one pipelined batch, then one at a time.
    #[arg(long, default_value_t = 2000)]
    cases: usize,
    /// Seed of the generated documents.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The level asked of the candidate.
    #[arg(long, value_enum, default_value_t = Level::Rules)]
    level: Level,
    /// How the candidate is run; in one-shot mode every case includes a process start.
    #[arg(long, value_enum, default_value_t = Mode::Persistent)]
    mode: Mode,
    /// Per-case timeout in milliseconds.
    #[arg(long, default_value_t = 5000)]
    timeout: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The candidate's command and arguments.
    #[arg(required = true, last = true)]
    command: Vec<String>,
}

/// Output format of `j43 bench`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A few labelled lines.
    Human,
    /// One JSON object.
    Json,
}

/// Measures the candidate on the suite's generated documents (the same per seed) and prints
/// cases, pipelined cases/s, latency percentiles and errors: exit 0, or 2 on a harness error
/// (the candidate cannot be started or keeps failing). Failed cases are counted, not fatal.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let documents = j43_conformance::bench_documents(args.cases, args.seed);
    let options = ExternalOptions {
        mode: args.mode,
        level: args.level,
        timeout: Duration::from_millis(args.timeout),
        ..ExternalOptions::default()
    };
    let stats = match j43_conformance::measure_external(args.command.clone(), options, &documents) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("j43: harness error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let [p50, p90, p99, max] = stats.latency_us;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let v = serde_json::json!({
                "command": args.command,
                "seed": args.seed,
                "level": args.level,
                "mode": args.mode,
                "cases": stats.cases,
                "pipelined_cases_per_sec": stats.pipelined_per_sec,
                "latency_us": {"p50": p50, "p90": p90, "p99": p99, "max": max},
                "errors": stats.errors,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        Format::Human => {
            let start = match args.mode {
                Mode::Persistent => "process start excluded",
                Mode::OneShot => "a process per case",
            };
            writeln!(out, "candidate: {}", args.command.join(" "))?;
            writeln!(
                out,
                "cases: {} (seed {}, level {}, mode {})",
                stats.cases,
                args.seed,
                args.level,
                match args.mode {
                    Mode::Persistent => "persistent",
                    Mode::OneShot => "one-shot",
                }
            )?;
            writeln!(
                out,
                "pipelined: {:.0} cases/s ({start})",
                stats.pipelined_per_sec
            )?;
            writeln!(
                out,
                "latency, one at a time: p50 {p50:.0} µs, p90 {p90:.0} µs, p99 {p99:.0} µs, max {max:.0} µs"
            )?;
            writeln!(
                out,
                "errors: {} (of {} requests)",
                stats.errors,
                2 * stats.cases
            )?;
        }
    }
    Ok(EXIT_OK)
}
