//! `j43 merge` end to end: real `j43 conform` runs of a wrong candidate, unsharded and in 2 and
//! 3 shards; the merges write what the unsharded run wrote, byte for byte (times and places
//! aside), and reports that are not shards of one run are refused.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const J43: &str = env!("CARGO_BIN_EXE_j43");

#[path = "support/python.rs"]
mod support;
use support::python;

/// Runs `j43 args…`, checks its exit code and returns its output.
fn j43(args: &[&str], code: i32) -> Output {
    let out = Command::new(J43).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "j43 {args:?}\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The buggy example candidate (a real program with planted bugs) at level verdict.
fn buggy() -> Vec<String> {
    let script = repo().join("examples/candidates/buggy/buggy_check.py");
    vec![python().to_owned(), script.display().to_string()]
}

/// What one `j43 conform` or `j43 merge` wrote.
struct Outputs {
    folder: PathBuf,
    junit: String,
    markdown: String,
    badge: String,
}

/// Writes the JUnit, Markdown and badge files of a run or merge into `files` and reads them.
fn outputs_args(files: &Path) -> Vec<String> {
    ["junit", "markdown", "badge"]
        .iter()
        .flat_map(|k| [format!("--{k}"), files.join(k).display().to_string()])
        .collect()
}

fn outputs(out: &Path, files: &Path) -> Outputs {
    let folder = std::fs::canonicalize(out.join("latest")).unwrap();
    Outputs {
        folder,
        junit: text(&files.join("junit")),
        markdown: text(&files.join("markdown")),
        badge: text(&files.join("badge")),
    }
}

/// A lean suite: the corpus (with its 64 MiB DOC-004 documents) and 300 generated cases, two
/// failing cases listed per class so that many are counted and not listed.
const SUITE: [&str; 8] = [
    "--cases",
    "300",
    "--no-exhaustive",
    "--keep",
    "2",
    "--shrink-budget",
    "60",
    "--progress=never",
];

/// `j43 conform` of `candidate` with `extra` arguments, its run folder under `out`.
fn conform(candidate: &[String], extra: &[&str], dir: &Path, name: &str, code: i32) -> Outputs {
    let out = dir.join(name);
    let files = dir.join(format!("{name}-files"));
    std::fs::create_dir_all(&files).unwrap();
    let mut args: Vec<String> = vec!["conform".into(), "--out".into(), out.display().to_string()];
    args.extend(SUITE.iter().map(|s| (*s).to_owned()));
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args.extend(outputs_args(&files));
    args.push("--".into());
    args.extend_from_slice(candidate);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    j43(&args, code);
    outputs(&out, &files)
}

/// `j43 merge` of the reports of `runs`, its run folder under `dir/name`.
fn merge(runs: &[&Outputs], extra: &[&str], dir: &Path, name: &str, code: i32) -> Output {
    let out = dir.join(name);
    let files = dir.join(format!("{name}-files"));
    std::fs::create_dir_all(&files).unwrap();
    let mut args: Vec<String> = vec!["merge".into(), "--out".into(), out.display().to_string()];
    args.extend(
        runs.iter()
            .map(|r| r.folder.join("report.json").display().to_string()),
    );
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args.extend(outputs_args(&files));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    j43(&args, code)
}

/// A report's text up to its `run` member (the last one: times, places, provenance).
fn without_run(report: &str) -> &str {
    let (figures, run) = report
        .split_once("\n  \"run\": {")
        .expect("a report ends with its run member");
    assert!(!run.contains("\n  \""), "run is the last member");
    figures
}

/// The files of a run folder's subfolder, by name, with their contents.
fn files(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Asserts that `merged` wrote what `whole` wrote: report (but its run member), failures,
/// case and minimal files, JUnit (paths are under each one's own run folder), Markdown, badge.
fn assert_same(whole: &Outputs, merged: &Outputs, what: &str) {
    let (a, b) = (
        text(&whole.folder.join("report.json")),
        text(&merged.folder.join("report.json")),
    );
    assert!(
        without_run(&a) == without_run(&b),
        "{what}: report.json differs\n{}",
        first_difference(without_run(&a), without_run(&b))
    );
    assert!(
        b.contains("\"merged_from\": [\n"),
        "{what}: run.merged_from is filled in"
    );
    let (x, y) = (
        text(&whole.folder.join("failures.jsonl")),
        text(&merged.folder.join("failures.jsonl")),
    );
    assert!(
        x == y,
        "{what}: failures.jsonl differs\n{}",
        first_difference(&x, &y)
    );
    for sub in ["cases", "minimal"] {
        let (x, y) = (
            files(&whole.folder.join(sub)),
            files(&merged.folder.join(sub)),
        );
        let names = |v: &[(String, Vec<u8>)]| v.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&x), names(&y), "{what}: {sub}/ holds other files");
        assert!(x == y, "{what}: a file of {sub}/ differs");
    }
    let placeholder = |o: &Outputs| o.junit.replace(&o.folder.display().to_string(), "FOLDER");
    let (x, y) = (placeholder(whole), placeholder(merged));
    assert!(
        x == y,
        "{what}: JUnit differs\n{}",
        first_difference(&x, &y)
    );
    assert_eq!(whole.markdown, merged.markdown, "{what}: Markdown differs");
    assert_eq!(whole.badge, merged.badge, "{what}: badge differs");
}

fn first_difference(a: &str, b: &str) -> String {
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(a.lines().count().min(b.lines().count()));
    format!(
        "line {}:\n  unsharded: {:?}\n  merged:    {:?}",
        line + 1,
        a.lines().nth(line),
        b.lines().nth(line)
    )
}

#[test]
fn two_and_three_merged_shards_equal_one_unsharded_run_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let expect = d.join("expect.toml");
    std::fs::write(
        &expect,
        "[[failure]]\nrule = \"FBD-003\"\nkind = \"false-accept\"\nreason = \"no provider artifact scan\"\n",
    )
    .unwrap();
    let expect = expect.display().to_string();
    let extra = ["--level", "verdict", "--expect", &expect];
    let candidate = buggy();
    let whole = conform(&candidate, &extra, d, "whole", 1);
    let report: serde_json::Value =
        serde_json::from_str(&text(&whole.folder.join("report.json"))).unwrap();
    assert!(
        report["summary"]["unlisted"].as_u64().unwrap() > 0,
        "some failures are only counted"
    );
    assert_eq!(
        report["expected_failures"]["expected"][0][0]["rule"], "FBD-003",
        "the known failure occurred"
    );
    assert!(
        report["failures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["case"]["bytes"].as_u64().unwrap() > 1 << 20),
        "a document over 1 MiB is listed"
    );
    for n in [2usize, 3] {
        let shards: Vec<Outputs> = (1..=n)
            .map(|i| {
                let shard = format!("{i}/{n}");
                let mut args = extra.to_vec();
                args.extend(["--shard", &shard]);
                conform(&candidate, &args, d, &format!("shard-{i}-of-{n}"), 1)
            })
            .collect();
        let refs: Vec<&Outputs> = shards.iter().collect();
        let name = format!("merge-{n}");
        let out = merge(&refs, &[], d, &name, 1);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("does NOT conform at level verdict"),
            "{stdout}"
        );
        assert!(!stdout.contains("not in the source folders"), "{stdout}");
        let merged = outputs(&d.join(&name), &d.join(format!("{name}-files")));
        assert_same(&whole, &merged, &format!("{n} shards"));
    }
}

/// A quick run of `j43 serve` (which conforms) in shard `shard` with `extra` arguments.
fn serve(extra: &[&str], shard: &str, dir: &Path, name: &str) -> Outputs {
    let mut args = vec!["--no-corpus", "--shard", shard];
    args.extend_from_slice(extra);
    conform(&[J43.to_owned(), "serve".to_owned()], &args, dir, name, 0)
}

#[test]
fn merge_refuses_other_seeds_candidates_overlaps_and_missing_shards_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let one = serve(&[], "1/3", d, "one");
    let two = serve(&[], "2/3", d, "two");
    let three = serve(&[], "3/3", d, "three");
    let seed = serve(&["--seed", "1"], "2/3", d, "seed");
    let level = serve(&["--level", "verdict"], "2/3", d, "level");
    let half = serve(&[], "2/2", d, "half");
    let flip = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/candidates/flip.py");
    let other = conform(
        &[
            python().to_owned(),
            flip.display().to_string(),
            J43.to_owned(),
            "serve".to_owned(),
        ],
        &["--no-corpus", "--shard", "2/3"],
        d,
        "other",
        1,
    );
    let refused = |runs: &[&Outputs], message: &str| {
        let out = merge(runs, &[], d, "refused", 2);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(message),
            "expected {message:?} in:\n{stderr}"
        );
        assert!(
            stderr.contains("reports: 1 = "),
            "the reports are named: {stderr}"
        );
        assert!(
            !d.join("refused").exists(),
            "a refused merge writes no run folder"
        );
    };
    refused(
        &[&one, &seed, &three],
        "ran another suite than report 1: seed: 0 vs 1",
    );
    refused(
        &[&one, &other, &three],
        "is of another candidate than report 1: command: ",
    );
    refused(
        &[&one, &level, &three],
        "compares at level verdict, report 1 at level rules",
    );
    refused(&[&one, &two, &one], "reports 1 and 3 both hold shard 1/3");
    refused(&[&one, &half], "shards of different counts do not merge");
    refused(&[&one, &three], "shard 2 of 3 is missing");

    let out = merge(&[&one, &three], &["--allow-partial"], d, "partial", 0);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("partial merge: shard 2/3 missing"),
        "{stdout}"
    );
    let partial = outputs(&d.join("partial"), &d.join("partial-files"));
    let report = text(&partial.folder.join("report.json"));
    assert!(report.contains("\"shard\": \"1,3/3\""), "{report}");
    let out = merge(&[&one, &two, &three], &[], d, "all", 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("conforms at level rules"));
    let all = text(&d.join("all/latest/report.json"));
    assert!(
        all.contains("\"shard\": null"),
        "a complete merge is the whole suite"
    );
}

#[test]
fn files_no_source_folder_holds_are_named_and_the_reports_still_merge() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let flip = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/candidates/flip.py");
    let candidate = [
        python().to_owned(),
        flip.display().to_string(),
        J43.to_owned(),
        "serve".to_owned(),
    ];
    let loose = d.join("loose");
    std::fs::create_dir(&loose).unwrap();
    let mut copies = Vec::new();
    for i in 1..=2 {
        let shard = format!("{i}/2");
        let run = conform(
            &candidate,
            &["--no-corpus", "--shard", &shard],
            d,
            &format!("flip-{i}"),
            1,
        );
        // The report alone, its folder gone from where its `run.out` says.
        let copy = Outputs {
            folder: loose.join(i.to_string()),
            ..run
        };
        std::fs::create_dir(&copy.folder).unwrap();
        std::fs::copy(
            run_report(&d.join(format!("flip-{i}"))),
            copy.folder.join("report.json"),
        )
        .unwrap();
        std::fs::rename(d.join(format!("flip-{i}")), d.join(format!("gone-{i}"))).unwrap();
        copies.push(copy);
    }
    let out = merge(&[&copies[0], &copies[1]], &[], d, "merged", 1);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("not in the source folders, so not copied")
            && stdout.contains("minimal/false-accept-DOC-003.json"),
        "{stdout}"
    );
    assert!(stdout.contains("failures.jsonl: 0 lines of "), "{stdout}");
    assert!(stdout.contains("false-accept: DOC-003"), "{stdout}");
}

/// The report of the newest run under `out`.
fn run_report(out: &Path) -> PathBuf {
    std::fs::canonicalize(out.join("latest"))
        .unwrap()
        .join("report.json")
}
