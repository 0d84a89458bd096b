//! `j43 merge`: the reports of a suite's shards (or of the same candidate's runs on several
//! machines) into one report and one run folder, as one run of the whole suite writes them.

use super::{EXIT_ERROR, EXIT_FAIL, EXIT_OK};
use anyhow::Context as _;
use j43_conformance::output::{RunDir, MARKER};
use j43_conformance::report::{self, case_file, text, RunReport};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};

/// Arguments of `j43 merge`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The reports to merge: the `report.json` of each shard's run folder (the case and
    /// minimal files are copied from the folder beside each).
    #[arg(required = true, value_name = "REPORT.json")]
    reports: Vec<PathBuf>,
    /// Merge even when shards are missing; the report's `shard` then names the shards merged
    /// (`1,3/4`).
    #[arg(long)]
    allow_partial: bool,
    /// Also write the merged report to this file.
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
    /// Directory under which the merge writes a run folder of its own; `DIR/latest` points at
    /// the newest.
    #[arg(long, default_value = "j43-out")]
    out: PathBuf,
    /// Print the rule-coverage table even when the candidate conforms.
    #[arg(long)]
    coverage: bool,
}

/// A source report with the run folder its files are in, when it can be found.
struct Source {
    path: PathBuf,
    report: RunReport,
    folder: Option<PathBuf>,
}

/// The run folder of a report: the folder it is in when that is a run folder, else the folder
/// its `run.out` names, when that is one.
pub(super) fn folder_of(path: &Path, report: &RunReport) -> Option<PathBuf> {
    // `j43-out/latest/report.json` names the folder `latest` points at now: keep that one.
    let beside = path.parent().map(|p| {
        if p.as_os_str().is_empty() {
            PathBuf::from(".")
        } else if p.is_symlink() {
            std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
        } else {
            p.to_path_buf()
        }
    });
    let named = report.run.out.as_ref().map(PathBuf::from);
    [beside, named]
        .into_iter()
        .flatten()
        .find(|f| f.join(MARKER).is_file())
}

/// Merges the reports, writes the run folder and the outputs asked for, prints the summary:
/// exit 0 when the merged candidate conforms, 1 when it does not, 2 when the reports do not
/// merge, a shard stopped on a harness error, or a file cannot be read or written.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let mut sources = Vec::with_capacity(args.reports.len());
    for path in &args.reports {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        let report = RunReport::from_json(&text)
            .map_err(|e| anyhow::anyhow!("`{}` is not a j43 report: {e}", path.display()))?;
        let folder = folder_of(path, &report);
        sources.push(Source {
            path: path.clone(),
            report,
            folder,
        });
    }
    let reports: Vec<RunReport> = sources.iter().map(|s| s.report.clone()).collect();
    let mut merged = report::merge(&reports, args.allow_partial).map_err(|e| {
        let names: Vec<String> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{} = {}", i + 1, s.path.display()))
            .collect();
        anyhow::anyhow!("cannot merge: {e} (reports: {})", names.join(", "))
    })?;

    let mut dir = RunDir::create(&args.out)?;
    let folder = dir.path().display().to_string();
    let mut missing: Vec<String> = Vec::new();
    let (listed, digests) = report::written_cases(&merged.failures);
    for digest in &digests {
        let file = case_file(digest);
        match find(&sources, &file, |bytes| {
            j43_conformance::run::digest(bytes) == *digest
        }) {
            Some(bytes) => dir.write_case(digest, &bytes)?,
            None => missing.push(file),
        }
    }
    for class in &merged.classes {
        let Some((minimal, file)) = class
            .minimal
            .as_ref()
            .and_then(|m| m.file.as_ref().map(|f| (m, f)))
        else {
            continue;
        };
        // From the shard whose example it is: the same file name in another shard is the
        // minimal document of another example.
        let own: Vec<&Source> = sources
            .iter()
            .filter(|s| {
                s.report.classes.iter().any(|c| {
                    c.class == class.class
                        && c.example.index == class.example.index
                        && c.minimal.as_ref().map(|m| &m.digest) == Some(&minimal.digest)
                })
            })
            .collect();
        let same = |bytes: &[u8]| j43_conformance::run::digest(bytes) == minimal.digest;
        match find_in(own.iter().copied(), file, same) {
            Some(bytes) => dir.write_minimal_document(&class.class, &bytes)?,
            None => missing.push(file.clone()),
        }
    }
    let lines = merge_failure_lines(&sources, &listed, &mut dir)?;

    merged.run.out = Some(folder.clone());
    merged.run.merged_from = args
        .reports
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let report_path = dir.write_report(&merged)?;
    dir.link_latest();
    let outputs: [(&Option<PathBuf>, String); 4] = [
        (&args.report_json, merged.to_json()),
        (&args.junit, report::junit(&merged, Some(&folder))),
        (&args.markdown, report::markdown(&merged)),
        (&args.badge, report::badge(&merged)),
    ];
    for (path, contents) in outputs {
        if let Some(p) = path {
            std::fs::write(p, contents)
                .with_context(|| format!("cannot write `{}`", p.display()))?;
        }
    }

    let mut out = report::human(&merged, Some(&folder));
    if !merged.summary.conforms || args.coverage {
        out.push('\n');
        out.push_str(&report::coverage_table(&merged));
    }
    let _ = writeln!(
        out,
        "\nmerged {} report{}: {}",
        sources.len(),
        if sources.len() == 1 { "" } else { "s" },
        sources
            .iter()
            .map(|s| match &s.report.shard {
                Some(shard) => format!("shard {shard}"),
                None => "the whole suite".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(shard) = &merged.shard {
        let gone: Vec<String> = shard
            .missing()
            .iter()
            .map(|i| format!("{i}/{}", shard.count()))
            .collect();
        let _ = writeln!(
            out,
            "partial merge: shard{} {} missing; the figures are those of shards {shard}",
            if gone.len() == 1 { "" } else { "s" },
            gone.join(", ")
        );
    }
    if lines != merged.summary.disagreed + merged.summary.errors {
        let _ = writeln!(
            out,
            "failures.jsonl: {lines} lines of {} failing cases (a source folder has no failures.jsonl)",
            merged.summary.disagreed + merged.summary.errors
        );
    }
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "not in the source folders, so not copied ({}; `j43 conform --only ID` rebuilds a case): {}",
            missing.len(),
            text::line(&missing.join(", "))
        );
    }
    let _ = writeln!(
        out,
        "run folder: {folder} (report.json, failures.jsonl, {} case files, {} minimal; {} bytes)",
        dir.written().len(),
        merged
            .classes
            .iter()
            .filter(|c| c.minimal.as_ref().is_some_and(|m| m.file.is_some()))
            .count()
            .saturating_sub(missing.iter().filter(|m| m.starts_with("minimal/")).count()),
        dir.bytes()
    );
    let _ = writeln!(
        out,
        "{} cases in {:.2} s of work, shrinking {:.2} s",
        merged.summary.cases, merged.run.elapsed_s, merged.run.shrink_s
    );
    let verdict = match merged.summary.status.as_str() {
        "conforms" => format!("conforms at level {}", merged.level),
        "harness-error" => format!(
            "harness error: a shard stopped early; report: {}",
            report_path.display()
        ),
        _ => format!("does NOT conform at level {}", merged.level),
    };
    out.push_str(&verdict);
    out.push('\n');
    if let Some(stop) = &merged.summary.interrupted {
        eprintln!("j43: harness error: {}", text::lines(stop));
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(match merged.summary.status.as_str() {
        "conforms" => EXIT_OK,
        "harness-error" => EXIT_ERROR,
        _ => EXIT_FAIL,
    })
}

/// The first file `relative` of the sources' folders whose contents pass `ok`.
fn find(sources: &[Source], relative: &str, ok: impl Fn(&[u8]) -> bool) -> Option<Vec<u8>> {
    find_in(sources.iter(), relative, ok)
}

fn find_in<'a>(
    sources: impl Iterator<Item = &'a Source>,
    relative: &str,
    ok: impl Fn(&[u8]) -> bool,
) -> Option<Vec<u8>> {
    sources
        .filter_map(|s| s.folder.as_ref())
        .filter_map(|f| std::fs::read(f.join(relative)).ok())
        .find(|bytes| ok(bytes))
}

/// One source's `failures.jsonl`, read a line at a time (each is in suite order).
struct Lines {
    path: PathBuf,
    lines: std::io::Lines<std::io::BufReader<std::fs::File>>,
    head: Option<(u64, Value)>,
}

impl Lines {
    fn advance(&mut self) -> anyhow::Result<()> {
        self.head = match self.lines.next() {
            None => None,
            Some(line) => {
                let line =
                    line.with_context(|| format!("cannot read `{}`", self.path.display()))?;
                let value: Value = serde_json::from_str(&line).with_context(|| {
                    format!("`{}` has a line that is not JSON", self.path.display())
                })?;
                let index = value
                    .get("index")
                    .and_then(Value::as_u64)
                    .with_context(|| {
                        format!("`{}` has a line without an index", self.path.display())
                    })?;
                Some((index, value))
            }
        };
        Ok(())
    }
}

/// Writes the merged `failures.jsonl`: every source's lines in suite order, each line's
/// `file` set when the merged folder holds its case (`listed`: the cases whose documents a
/// single run writes). Returns the number of lines.
fn merge_failure_lines(
    sources: &[Source],
    listed: &BTreeSet<usize>,
    dir: &mut RunDir,
) -> anyhow::Result<usize> {
    let mut files = Vec::new();
    for folder in sources.iter().filter_map(|s| s.folder.as_ref()) {
        let path = folder.join("failures.jsonl");
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        let mut lines = Lines {
            path,
            lines: std::io::BufReader::new(file).lines(),
            head: None,
        };
        lines.advance()?;
        files.push(lines);
    }
    let mut written = 0;
    loop {
        let next = files
            .iter_mut()
            .filter(|f| f.head.is_some())
            .min_by_key(|f| f.head.as_ref().map(|(i, _)| *i));
        let Some(source) = next else {
            return Ok(written);
        };
        if let Some((index, mut line)) = source.head.take() {
            let file = usize::try_from(index)
                .ok()
                .filter(|i| listed.contains(i))
                .and_then(|_| line.get("digest").and_then(Value::as_str).map(case_file));
            if let Some(slot) = line.get_mut("file") {
                *slot = file.map_or(Value::Null, Value::String);
            }
            dir.failure_line(&line)?;
            written += 1;
        }
        source.advance()?;
    }
}
