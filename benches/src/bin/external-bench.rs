//! `external-bench [--cases N] [--level rules|verdict] -- CMD ARGS...`: an external candidate's
//! pipelined throughput and one-at-a-time latency percentiles on generated cases (the logic
//! of a `j43 bench` subcommand, kept in benches: see BENCHMARKS.md).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(split) = args.iter().position(|a| a == "--") else {
        eprintln!("usage: external-bench [--cases N] [--level rules|verdict] -- CMD ARGS...");
        return ExitCode::from(2);
    };
    let (options, command) = args.split_at(split);
    let command: Vec<String> = command.iter().skip(1).cloned().collect();
    let mut cases = 2_000;
    let mut level = j43_conformance::Level::Rules;
    let mut it = options.iter();
    while let Some(option) = it.next() {
        match (option.as_str(), it.next().map(String::as_str)) {
            ("--cases", Some(n)) => cases = n.parse().unwrap_or(cases),
            ("--level", Some("verdict")) => level = j43_conformance::Level::Verdict,
            ("--level", Some("rules")) => level = j43_conformance::Level::Rules,
            _ => {
                eprintln!("external-bench: unknown option `{option}`");
                return ExitCode::from(2);
            }
        }
    }
    let documents = j43_benches::generated_documents(cases);
    match j43_benches::measure_external(command, level, &documents) {
        Ok(s) => {
            println!(
                "{} cases: {:.0} cases/s pipelined; latency p50 {:.0} µs, p90 {:.0} µs, p99 {:.0} µs, max {:.0} µs; {} errors",
                s.cases, s.pipelined_per_sec, s.latency_us[0], s.latency_us[1], s.latency_us[2], s.latency_us[3], s.errors
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("external-bench: {e}");
            ExitCode::from(2)
        }
    }
}
