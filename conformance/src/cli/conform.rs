//! `j43 conform`: run the suite against a candidate program and report how it conforms.

use super::progress::{self, Progress};
use super::{EXIT_ERROR, EXIT_FAIL, EXIT_OK};
use anyhow::Context as _;
use j43_conformance::output::{RunDir, Writer};
use j43_conformance::report::{self, CandidateInfo, Context, RunInfo, RunReport, SuiteInfo};
use j43_conformance::run::{run_stream, RunResult};
use j43_conformance::shrink::{self, ShrinkOptions};
use j43_conformance::suite::{Shard, Suite, SuiteOptions};
use j43_conformance::{expect, Checker as _, External, ExternalOptions, Level, Mode, RunOptions};
use j43_generators::Settings;
use std::fmt::Write as _;
use std::io::Write as _;
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
    /// Generator settings preset: small, default or large.
    #[arg(long, default_value = "default")]
    settings: String,
    /// Per-case timeout in milliseconds.
    #[arg(long, default_value_t = 5000)]
    timeout: u64,
    /// Processes at once in one-shot mode (default: the available parallelism).
    #[arg(long)]
    jobs: Option<usize>,
    /// Threads building cases and their oracle (default: the available parallelism).
    #[arg(long)]
    gen_jobs: Option<usize>,
    /// Run only shard I of N (1-based), for parallel CI jobs; `j43 merge` joins the reports.
    #[arg(long)]
    shard: Option<Shard>,
    /// Run only the case with this id (repeatable): a case listed in a report or in
    /// `failures.jsonl`, built again from the suite.
    #[arg(long = "only", value_name = "ID")]
    only: Vec<String>,
    /// Known failures (TOML, or JSON with a `.json` name): entries of rule, kind and reason.
    #[arg(long)]
    expect: Option<PathBuf>,
    /// Also write the report (the run folder's `report.json`) to this file.
    #[arg(long)]
    report_json: Option<PathBuf>,
    /// Write a JUnit XML report to this file (one test case per rule).
    #[arg(long)]
    junit: Option<PathBuf>,
    /// Write a Markdown summary to this file.
    #[arg(long)]
    markdown: Option<PathBuf>,
    /// Write a shields.io endpoint badge (JSON) to this file.
    #[arg(long)]
    badge: Option<PathBuf>,
    /// Directory under which the run writes a folder of its own (report, failing cases,
    /// minimal documents); `DIR/latest` points at the newest.
    #[arg(long, default_value = "j43-out")]
    out: PathBuf,
    /// Failing cases listed in the report and written out per class (the rest are counted,
    /// and listed in `failures.jsonl`).
    #[arg(long, default_value_t = 20)]
    keep: usize,
    /// Check only these documents (files written by an earlier run), not the suite.
    #[arg(long)]
    replay: Vec<PathBuf>,
    /// Candidate calls spent shrinking each class of failure (0: do not shrink).
    #[arg(long, default_value_t = 500)]
    shrink_budget: usize,
    /// Seconds spent shrinking in all, at most; a class it cuts short says so.
    #[arg(long, default_value_t = 60)]
    shrink_seconds: u64,
    /// Classes whose smallest document is larger than this many bytes are not shrunk.
    #[arg(long, default_value_t = 1 << 20)]
    shrink_max_bytes: usize,
    /// Print the rule-coverage and boundary-coverage tables even when the candidate conforms.
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
    /// How progress is shown on standard error.
    #[arg(long, value_enum, default_value_t = progress::Mode::Auto)]
    progress: progress::Mode,
    /// Seconds between progress lines when standard error is not a terminal.
    #[arg(long, default_value_t = 5)]
    progress_seconds: u64,
    /// The candidate's command and arguments.
    #[arg(required = true, last = true)]
    command: Vec<String>,
}

/// The boundary classes below this many cases are marked in the coverage table.
const BOUNDARY_MINIMUM: usize = 10;

/// Runs the suite (or the replayed files) against the candidate: exit 0 when it conforms at
/// the level asked (known failures allowed), 1 when it does not, 2 on harness errors. The run
/// folder and its report are written in every case, a harness error included.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let settings = Settings::preset(&args.settings).with_context(|| {
        format!(
            "unknown settings preset `{}` (small, default, large)",
            args.settings
        )
    })?;
    let options = SuiteOptions {
        cases: args.cases,
        seed: args.seed,
        shard: args.shard.unwrap_or_default(),
        corpus: !args.no_corpus,
        exhaustive: !args.no_exhaustive,
        exhaustive_cap: args.exhaustive_cap.unwrap_or(usize::MAX),
        settings,
        only: args.only.clone(),
    };
    let suite = if args.replay.is_empty() {
        Suite::new(&options)?
    } else {
        j43_conformance::suite::given_files(&args.replay)?
    };
    let entries = match &args.expect {
        Some(p) => Some(expect::load(p)?),
        None => None,
    };
    let mut dir = RunDir::create(&args.out)?;
    let folder = dir.path().display().to_string();
    let started_at = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let external = ExternalOptions {
        mode: args.mode,
        level: args.level,
        timeout: Duration::from_millis(args.timeout),
        jobs: args.jobs.unwrap_or(ExternalOptions::default().jobs),
        ..ExternalOptions::default()
    };
    let suite_info = SuiteInfo {
        kind: if args.replay.is_empty() {
            "suite"
        } else {
            "replay"
        }
        .to_owned(),
        seed: args.seed,
        cases: args.cases,
        corpus: !args.no_corpus,
        exhaustive: !args.no_exhaustive,
        exhaustive_cap: args.exhaustive_cap,
        settings: args.settings.clone(),
        only: args.only.clone(),
        replay: args
            .replay
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        total: suite.total(),
        keep: args.keep,
        shrink_budget: args.shrink_budget,
        shrink_max_bytes: args.shrink_max_bytes,
    };
    let mut candidate_info = CandidateInfo {
        command: args.command.clone(),
        name: args.command.join(" "),
        mode: Some(args.mode),
        level: args.level,
    };
    let run_options = RunOptions {
        level: args.level,
        batch: 256,
        keep: args.keep,
    };
    let mut progress = Progress::new(
        args.progress,
        suite.len(),
        Duration::from_secs(args.progress_seconds.max(1)),
    );
    let started = Instant::now();
    let mut candidate = External::start(args.command.clone(), external);
    let (result, elapsed) = match &mut candidate {
        Ok(candidate) => {
            candidate_info.name = candidate.name();
            candidate_info.level = candidate.level();
            let gen_jobs = args
                .gen_jobs
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, usize::from));
            let mut writer = Writer::new(&mut dir, &mut progress);
            let result = run_stream(candidate, suite.stream(gen_jobs), &run_options, &mut writer);
            let result = match result {
                Ok(r) => r,
                Err(e) => {
                    let mut r = RunResult::new(candidate_info.name.clone(), args.level);
                    r.interrupted = Some(e.to_string());
                    r
                }
            };
            (result, started.elapsed())
        }
        Err(e) => {
            let mut r = RunResult::new(candidate_info.name.clone(), args.level);
            r.interrupted = Some(e.to_string());
            (r, started.elapsed())
        }
    };
    if let Some(e) = dir.take_error() {
        progress.finish();
        return Err(e).context("the run folder could not be written");
    }
    let shrink_started = Instant::now();
    let shrunk = match &mut candidate {
        Ok(candidate) if result.interrupted.is_none() && !result.classes.is_empty() => {
            let options = ShrinkOptions {
                budget: args.shrink_budget,
                max_bytes: args.shrink_max_bytes,
                deadline: Instant::now() + Duration::from_secs(args.shrink_seconds),
            };
            shrink::shrink_all(candidate, &result, &options, &mut |i, n, class| {
                progress.note(&format!("shrinking class {}/{n} ({class})", i + 1));
            })
        }
        _ => Vec::new(),
    };
    progress.finish();
    let shrink_s = shrink_started.elapsed().as_secs_f64();
    drop(candidate);
    dir.write_minimal(&shrunk)?;
    let secs = elapsed.as_secs_f64().max(1e-9);
    let context = Context {
        candidate: candidate_info,
        suite: suite_info,
        shard: args.shard,
        expect: entries.as_deref(),
        written: dir.written(),
        run: RunInfo {
            started: started_at,
            elapsed_s: elapsed.as_secs_f64(),
            cases_per_s: result.cases as f64 / secs,
            shrink_s,
            out: Some(folder.clone()),
            merged_from: Vec::new(),
        },
    };
    let report = RunReport::new(&result, &shrunk, &context);
    let report_path = dir.write_report(&report)?;
    dir.link_latest();
    write_outputs(args, &report, &folder)?;
    let mut text = report::human(&report, Some(&folder));
    let stopped = report.summary.interrupted.is_some();
    if (!report.summary.conforms && !stopped) || args.coverage {
        text.push('\n');
        text.push_str(&report::coverage_table(&report));
    }
    if args.coverage {
        text.push('\n');
        text.push_str(&report::boundary_table(&report, BOUNDARY_MINIMUM));
    }
    let _ = writeln!(
        text,
        "\nrun folder: {folder} (report.json, failures.jsonl, {} case files, {} minimal; {} bytes)",
        dir.written().len(),
        shrunk.iter().filter(|s| s.status.shrank()).count(),
        dir.bytes()
    );
    let _ = writeln!(
        text,
        "{} cases in {:.2} s ({:.0} cases/s), shrinking {shrink_s:.2} s",
        result.cases,
        elapsed.as_secs_f64(),
        result.cases as f64 / secs
    );
    let verdict = match report.summary.status.as_str() {
        "conforms" => format!("conforms at level {}", args.level),
        "harness-error" => format!(
            "harness error: the run stopped after {} cases; report: {}",
            result.cases,
            report_path.display()
        ),
        _ => format!("does NOT conform at level {}", args.level),
    };
    text.push_str(&verdict);
    text.push('\n');
    if let Some(stop) = &report.summary.interrupted {
        eprintln!(
            "j43: harness error: {}",
            j43_conformance::report::text::lines(stop)
        );
    }
    // A closed standard output (`| head`) must not change the exit status.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(match report.summary.status.as_str() {
        "conforms" => EXIT_OK,
        "harness-error" => EXIT_ERROR,
        _ => EXIT_FAIL,
    })
}

/// Writes the reports the user asked for, each rendered from the report.
fn write_outputs(args: &Args, report: &RunReport, folder: &str) -> anyhow::Result<()> {
    let outputs: [(&Option<PathBuf>, String); 4] = [
        (&args.report_json, report.to_json()),
        (&args.junit, report::junit(report, Some(folder))),
        (&args.markdown, report::markdown(report)),
        (&args.badge, report::badge(report)),
    ];
    for (path, contents) in outputs {
        if let Some(p) = path {
            std::fs::write(p, contents)
                .with_context(|| format!("cannot write `{}`", p.display()))?;
        }
    }
    Ok(())
}
