//! `j43 conform`: run the suite against a candidate program and report how it conforms.

use super::{EXIT_ERROR, EXIT_FAIL, EXIT_OK};
use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use j43_conformance::suite::{Shard, SuiteOptions};
use j43_conformance::{
    expect, report, shrink, Case, External, ExternalOptions, Level, Mode, RunOptions, Source,
};
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Arguments of `j43 conform`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How strictly answers are compared: verdicts only, or exact rule-id sets.
    #[arg(long, value_enum, default_value_t = Level::Rules)]
    level: Level,
    /// How the candidate is run (PROTOCOL.md §2 or §3).
    #[arg(long, value_enum, default_value_t = Mode::Persistent)]
    mode: Mode,
    /// Generated cases (besides the corpus and the exhaustive scope).
    #[arg(long, default_value_t = 3000)]
    cases: usize,
    /// Seed of the generated cases.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Per-case timeout in milliseconds.
    #[arg(long, default_value_t = 5000)]
    timeout: u64,
    /// Processes at once in one-shot mode (default: the available parallelism).
    #[arg(long)]
    jobs: Option<usize>,
    /// Run only shard I of N (1-based), for parallel CI jobs.
    #[arg(long)]
    shard: Option<Shard>,
    /// Known failures (TOML, or JSON with a `.json` name): entries of rule, kind and reason.
    #[arg(long)]
    expect: Option<PathBuf>,
    /// Write the run as JSON to this file.
    #[arg(long)]
    report_json: Option<PathBuf>,
    /// Write a JUnit XML report to this file (one test case per rule).
    #[arg(long)]
    junit: Option<PathBuf>,
    /// Write a Markdown summary to this file.
    #[arg(long)]
    markdown: Option<PathBuf>,
    /// Directory for failing cases and shrunk documents.
    #[arg(long, default_value = "j43-out")]
    out: PathBuf,
    /// Check only these documents (files written by an earlier run), not the suite.
    #[arg(long)]
    replay: Vec<PathBuf>,
    /// Candidate calls spent shrinking each class of disagreement (0: do not shrink).
    #[arg(long, default_value_t = 2000)]
    shrink_budget: usize,
    /// Seconds spent shrinking in all; later classes keep their shortest example.
    #[arg(long, default_value_t = 60)]
    shrink_seconds: u64,
    /// Print the rule-coverage table even when the candidate conforms.
    #[arg(long)]
    coverage: bool,
    /// Leave out the static corpus.
    #[arg(long)]
    no_corpus: bool,
    /// Take only the first N cases of the exhaustive scope (default: all of it).
    #[arg(long, value_name = "N")]
    exhaustive_cap: Option<usize>,
    /// Leave out the exhaustive scope.
    #[arg(long)]
    no_exhaustive: bool,
    /// The candidate's command and arguments.
    #[arg(required = true, last = true)]
    command: Vec<String>,
}

/// Runs the suite (or the replayed files) against the candidate: exit 0 when it conforms at
/// the level asked (known failures allowed), 1 when it does not, 2 on harness errors.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let cases = if args.replay.is_empty() {
        j43_conformance::suite::build(&SuiteOptions {
            cases: args.cases,
            seed: args.seed,
            shard: args.shard.unwrap_or_default(),
            corpus: !args.no_corpus,
            exhaustive: !args.no_exhaustive,
            exhaustive_cap: args.exhaustive_cap.unwrap_or(usize::MAX),
            ..SuiteOptions::default()
        })?
    } else {
        args.replay
            .iter()
            .map(|p| {
                let doc = super::check::read_capped(p)?;
                Ok(Case::new(p.display().to_string(), Source::Given, doc))
            })
            .collect::<anyhow::Result<Vec<_>>>()?
    };
    let entries = match &args.expect {
        Some(p) => expect::load(p)?,
        None => Vec::new(),
    };
    let options = ExternalOptions {
        mode: args.mode,
        level: args.level,
        timeout: Duration::from_millis(args.timeout),
        jobs: args.jobs.unwrap_or(ExternalOptions::default().jobs),
        ..ExternalOptions::default()
    };
    let mut candidate = External::start(args.command.clone(), options)?;
    let bar = progress_bar(cases.len());
    let started = Instant::now();
    let result = j43_conformance::run(
        &mut candidate,
        &cases,
        &RunOptions {
            level: args.level,
            batch: 256,
        },
        &mut |done| bar.set_position(u64::try_from(done).unwrap_or(u64::MAX)),
    );
    bar.finish_and_clear();
    let result = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("j43: harness error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let elapsed = started.elapsed();
    let shrunk = if args.shrink_budget > 0 && !result.disagreements.is_empty() {
        let deadline = Instant::now() + Duration::from_secs(args.shrink_seconds);
        shrink::shrink_all(
            &mut candidate,
            &result,
            &cases,
            args.shrink_budget,
            deadline,
        )
    } else {
        Vec::new()
    };
    drop(candidate);
    let evaluation = expect::evaluate(&result, &entries);
    let command_line: Vec<String> = args
        .command
        .iter()
        .map(|a| report::shell_quote(a))
        .collect();
    let command_line = command_line.join(" ");
    let written = report::write_out(&args.out, &result, &cases, &shrunk, &command_line)?;
    let mut out = std::io::stdout().lock();
    let summary = report::human(&result, &cases, Some(&evaluation), &written);
    write!(out, "{summary}")?;
    if !result.conforms() || args.coverage {
        write!(out, "\n{}", report::coverage_table(&result))?;
    }
    let secs = elapsed.as_secs_f64().max(1e-9);
    let rate = f64::from(u32::try_from(result.cases).unwrap_or(u32::MAX)) / secs;
    writeln!(out, "{:.2} s, {rate:.0} cases/s", elapsed.as_secs_f64())?;
    if let Some(p) = &args.report_json {
        let v = report::json(&result, &cases, Some(&evaluation), &written);
        std::fs::write(p, serde_json::to_string_pretty(&v)?)
            .with_context(|| format!("cannot write `{}`", p.display()))?;
    }
    if let Some(p) = &args.junit {
        std::fs::write(p, report::junit(&result))
            .with_context(|| format!("cannot write `{}`", p.display()))?;
    }
    if let Some(p) = &args.markdown {
        std::fs::write(p, report::markdown(&result))
            .with_context(|| format!("cannot write `{}`", p.display()))?;
    }
    let passes = evaluation.passes(&result);
    writeln!(
        out,
        "{}",
        if passes {
            format!("conforms at level {}", args.level)
        } else {
            format!("does NOT conform at level {}", args.level)
        }
    )?;
    Ok(if passes { EXIT_OK } else { EXIT_FAIL })
}

fn progress_bar(len: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(len).unwrap_or(u64::MAX)),
        if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} cases {per_sec} eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}
