//! `j43 conform` when the candidate is wrong: bounded runs, output that never destroys anything,
//! nothing lost on a harness error, life shown in CI logs, hostile names escaped. Each test runs
//! the real `j43` binary against a real misbehaving program (`tests/candidates/scripted.py`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const J43: &str = env!("CARGO_BIN_EXE_j43");

#[path = "support/python.rs"]
mod support;
use support::python;

fn candidate(name: &str) -> String {
    format!("{}/tests/candidates/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `j43 conform ARGS -- python3 scripted.py SCRIPT_ARGS`, checking the exit code.
fn conform(args: &[&str], script: &[&str], code: i32) -> Output {
    let scripted = candidate("scripted.py");
    let mut all: Vec<&str> = vec!["conform"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--", python(), &scripted]);
    all.extend_from_slice(script);
    let out = Command::new(J43)
        .args(&all)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "j43 {all:?}\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The run folders under `out`, oldest first by name.
fn run_folders(out: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join(".j43-run").exists() && !p.ends_with("latest"))
        .collect();
    dirs.sort();
    dirs
}

fn report(folder: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(folder.join("report.json")).unwrap()).unwrap()
}

fn bytes_under(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = std::fs::symlink_metadata(entry.path()).unwrap();
        if meta.is_dir() {
            total += bytes_under(&entry.path());
        } else {
            total += meta.len();
        }
    }
    total
}

#[test]
fn an_accept_everything_candidate_is_bounded_in_candidate_calls_and_bytes_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let count = dir.path().join("count");
    conform(
        &[
            "--level",
            "verdict",
            "--cases",
            "600",
            "--exhaustive-cap",
            "300",
            "--out",
            out.to_str().unwrap(),
        ],
        &["--count", count.to_str().unwrap()],
        1,
    );
    let folder = &run_folders(&out)[0];
    let r = report(folder);
    let cases = r["summary"]["cases"].as_u64().unwrap();
    let classes = r["classes"].as_array().unwrap();
    let budget = r["suite"]["shrink_budget"].as_u64().unwrap();
    let shrink_calls: u64 = classes
        .iter()
        .filter_map(|c| c["minimal"]["calls"].as_u64())
        .sum();
    let calls = std::fs::read_to_string(&count).unwrap().lines().count() as u64;
    assert_eq!(
        calls,
        cases + shrink_calls,
        "every candidate call is a case or a counted shrinking step"
    );
    assert!(
        shrink_calls <= classes.len() as u64 * budget,
        "{shrink_calls} shrinking calls for {} classes",
        classes.len()
    );
    // The corpus and the generated DOC-004 case hold three distinct 64 MiB documents: each
    // was written out whole before (four times 64 MiB); now one per class.
    let written = bytes_under(folder);
    assert!(written < 80_000_000, "{written} bytes written");
    let keep = r["suite"]["keep"].as_u64().unwrap();
    let files = std::fs::read_dir(folder.join("cases")).unwrap().count() as u64;
    assert!(files <= keep * classes.len() as u64, "{files} case files");
    let listed = std::fs::read_to_string(folder.join("failures.jsonl"))
        .unwrap()
        .lines()
        .count() as u64;
    assert_eq!(
        listed,
        r["summary"]["disagreed"].as_u64().unwrap(),
        "failures.jsonl lists every failing case"
    );
}

#[test]
fn conform_never_deletes_or_overwrites_what_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mine = [
        ("cases/mine.json", "my case"),
        ("minimal/keep/notes.txt", "my notes"),
        ("failures.jsonl", "my list"),
        ("report.json", "my report"),
        ("latest", "not a link"),
    ];
    for (name, text) in mine {
        let p = out.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
    }
    let args = [
        "--level",
        "verdict",
        "--cases",
        "120",
        "--no-exhaustive",
        "--no-corpus",
        "--out",
        out.to_str().unwrap(),
    ];
    conform(&args, &[], 1);
    conform(&args, &[], 1);
    for (name, text) in mine {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).unwrap(),
            text,
            "{name} was changed"
        );
    }
    let runs = run_folders(&out);
    assert_eq!(runs.len(), 2, "each run has a folder of its own");
    assert_ne!(
        report(&runs[0])["run"]["out"],
        report(&runs[1])["run"]["out"]
    );
}

#[test]
fn concurrent_runs_into_one_out_directory_keep_their_own_documents() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let scripted = candidate("scripted.py");
    let children: Vec<_> = ["1", "2", "3"]
        .iter()
        .map(|seed| {
            Command::new(J43)
                .args([
                    "conform",
                    "--level",
                    "verdict",
                    "--cases",
                    "200",
                    "--seed",
                    seed,
                    "--no-exhaustive",
                    "--no-corpus",
                    "--out",
                    out.to_str().unwrap(),
                    "--",
                    python(),
                    &scripted,
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert_eq!(c.wait().unwrap().code(), Some(1));
    }
    let runs = run_folders(&out);
    assert_eq!(runs.len(), 3);
    let mut seeds = Vec::new();
    for folder in &runs {
        let r = report(folder);
        seeds.push(r["suite"]["seed"].as_u64().unwrap());
        for f in r["failures"].as_array().unwrap() {
            let Some(file) = f["case"]["file"].as_str() else {
                continue;
            };
            let bytes = std::fs::read(folder.join(file)).unwrap();
            assert_eq!(
                j43_conformance::run::digest(&bytes),
                f["case"]["digest"].as_str().unwrap(),
                "{file} holds another run's document"
            );
        }
    }
    seeds.sort_unstable();
    assert_eq!(seeds, [1, 2, 3]);
}

#[test]
fn a_harness_error_keeps_the_report_and_every_case_decided_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let state = dir.path().join("died");
    let run = conform(
        &[
            "--level",
            "verdict",
            "--cases",
            "300",
            "--no-exhaustive",
            "--no-corpus",
            "--out",
            out.to_str().unwrap(),
        ],
        &["--die-after", "40", "--state", state.to_str().unwrap()],
        2,
    );
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("harness error"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let folder = &run_folders(&out)[0];
    let r = report(folder);
    assert_eq!(r["summary"]["status"], "harness-error");
    assert!(r["summary"]["interrupted"].is_string());
    let decided = r["summary"]["cases"].as_u64().unwrap();
    assert!(decided >= 40, "only {decided} cases kept");
    let failing =
        r["summary"]["disagreed"].as_u64().unwrap() + r["summary"]["errors"].as_u64().unwrap();
    assert!(failing > 0);
    let lines = std::fs::read_to_string(folder.join("failures.jsonl"))
        .unwrap()
        .lines()
        .count() as u64;
    assert_eq!(lines, failing, "every failing case decided is listed");
    for f in r["failures"].as_array().unwrap() {
        if let Some(file) = f["case"]["file"].as_str() {
            assert!(folder.join(file).exists(), "{file}");
        }
    }
}

#[test]
fn progress_lines_are_printed_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let run = conform(
        &[
            "--level",
            "verdict",
            "--cases",
            "160",
            "--no-exhaustive",
            "--no-corpus",
            "--shrink-budget",
            "0",
            "--progress-seconds",
            "1",
            "--out",
            dir.path().to_str().unwrap(),
        ],
        &["--delay-ms", "20"],
        1,
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("j43: ") && l.contains(" cases (") && l.contains("cases/s"))
        .collect();
    assert!(lines.len() >= 2, "progress lines: {stderr}");
}

#[test]
fn untrusted_candidate_names_are_escaped_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let (junit, md) = (dir.path().join("j.xml"), dir.path().join("r.md"));
    let evil = r#""evil\u001b]0;owned\u0007<b>&amp;\nforged line\u0000""#;
    let run = conform(
        &[
            "--level",
            "verdict",
            "--cases",
            "60",
            "--no-exhaustive",
            "--no-corpus",
            "--junit",
            junit.to_str().unwrap(),
            "--markdown",
            md.to_str().unwrap(),
            "--out",
            dir.path().join("out").to_str().unwrap(),
        ],
        &["--name", evil],
        1,
    );
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}') && !stdout.contains('\0'));
    assert!(!stdout.contains("\nforged line"), "{stdout}");
    assert!(stdout.contains("evil\\u{1b}]0;owned"), "{stdout}");
    let xml = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert!(suite.attribute("name").unwrap().contains("<b>&amp;"));
    let markdown = std::fs::read_to_string(&md).unwrap();
    assert!(markdown.contains("&lt;b&gt;"), "{markdown}");
    assert!(!markdown.contains("<b>"));
    assert!(!markdown.contains('\u{1b}'));
}

#[test]
fn a_closed_stdout_does_not_turn_a_failure_into_success() {
    let dir = tempfile::tempdir().unwrap();
    let scripted = candidate("scripted.py");
    let mut child = Command::new(J43)
        .args([
            "conform",
            "--level",
            "verdict",
            "--cases",
            "60",
            "--no-exhaustive",
            "--no-corpus",
            "--out",
            dir.path().to_str().unwrap(),
            "--",
            python(),
            &scripted,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn identical_runs_give_identical_reports_and_minimal_documents() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let flip = candidate("flip.py");
    for _ in 0..2 {
        let status = Command::new(J43)
            .args([
                "conform",
                "--cases",
                "300",
                "--no-exhaustive",
                "--no-corpus",
                "--out",
                out.to_str().unwrap(),
                "--",
                python(),
                &flip,
                J43,
                "serve",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(1));
    }
    let runs = run_folders(&out);
    let strip = |mut v: Value| {
        v.as_object_mut().unwrap().remove("run");
        v
    };
    assert_eq!(strip(report(&runs[0])), strip(report(&runs[1])));
    let names = |d: &Path| {
        let mut n: Vec<_> = std::fs::read_dir(d.join("minimal"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        n.sort();
        n
    };
    assert_eq!(names(&runs[0]), names(&runs[1]));
    assert!(!names(&runs[0]).is_empty());
    for name in names(&runs[0]) {
        assert_eq!(
            std::fs::read(runs[0].join("minimal").join(&name)).unwrap(),
            std::fs::read(runs[1].join("minimal").join(&name)).unwrap(),
        );
    }
}
