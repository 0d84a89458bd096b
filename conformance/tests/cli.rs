//! The `j43` binary end to end: exit codes of every subcommand, bounded answers on hostile
//! input, the self-test through `j43 serve`, reports, known failures and replay.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use serde_json::Value;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const J43: &str = env!("CARGO_BIN_EXE_j43");

fn candidate(name: &str) -> String {
    format!("{}/tests/candidates/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[path = "support/python.rs"]
mod support;
use support::python;

/// Runs `j43 args…` with `stdin`, checks its exit code and returns its output. It runs in a
/// fresh working directory, so a run without `--out` writes its `j43-out/` there, not into the
/// source tree.
fn check(args: &[&str], stdin: &[u8], code: i32) -> Output {
    let cwd = tempfile::tempdir().unwrap();
    let mut child = Command::new(J43)
        .current_dir(cwd.path())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "j43 {args:?}\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The folder of the newest run under `out` (`out/latest`).
fn run_folder(out: &Path) -> std::path::PathBuf {
    let latest = out.join("latest");
    assert!(latest.is_dir(), "no run folder under {}", out.display());
    std::fs::canonicalize(latest).unwrap()
}

fn base() -> String {
    j43_model::Design::base().to_json()
}

#[test]
fn check_exits_0_when_all_authorized_1_when_any_rejected_2_on_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    let bad = dir.path().join("bad.json");
    std::fs::write(&good, base()).unwrap();
    std::fs::write(&bad, "{\"format\":1}").unwrap();
    let (g, b) = (good.to_str().unwrap(), bad.to_str().unwrap());
    let out = check(&["check", g], b"", 0);
    assert!(stdout(&out).contains("authorized"));
    let out = check(&["check", g, b], b"", 1);
    assert!(stdout(&out).contains("DOC-005"));
    check(&["check", g, "/nonexistent/x.json"], b"", 2);
    check(&["check"], b"", 2);
    check(&["check", "--format", "yaml", g], b"", 2);
    check(&["check", "-"], base().as_bytes(), 0);
}

#[test]
fn check_json_prints_one_spec_s9_object_per_file() {
    let out = check(
        &["check", "--format", "json", "-"],
        b"{\"format\":\"j43/1\"}",
        1,
    );
    let v: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["file"], "-");
    assert_eq!(v["verdict"], "rejected");
    assert_eq!(v["violations"][0]["rule"], "DOC-006");
    assert_eq!(v["violations"][0]["pointer"], "");
    assert!(v["violations"][0]["message"].is_string());
}

#[test]
fn check_rejects_a_100_mb_file_as_doc_004_without_loading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap(); // sparse: 100 MB of NUL bytes
    let out = check(
        &["check", "--format", "json", path.to_str().unwrap()],
        b"",
        1,
    );
    let v: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    // The file's real size, from its metadata: it was not read to find it.
    assert!(
        v["violations"][0]["message"]
            .as_str()
            .unwrap()
            .contains("104857600"),
        "{v}"
    );
    let rules: Vec<&str> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["DOC-004"]);
}

#[test]
fn check_rejects_100000_levels_of_nesting_as_doc_003() {
    let doc = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let out = check(&["check", "--format", "json", "-"], doc.as_bytes(), 1);
    assert!(stdout(&out).contains("DOC-003"));
    let unclosed = "{\"a\":".repeat(100_000);
    let out = check(&["check", "-"], unclosed.as_bytes(), 1);
    assert!(stdout(&out).contains("DOC-003"));
}

#[test]
fn rules_lists_the_catalog_with_sections() {
    let out = check(&["rules", "--format", "json"], b"", 0);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), j43_model::RuleId::ALL.len());
    assert_eq!(v[0]["id"], "DOC-001");
    assert!(v[0]["sections"].is_array());
    assert!(stdout(&check(&["rules"], b"", 0)).contains("NET-005"));
    check(&["rules", "--format", "xml"], b"", 2);
}

#[test]
fn schema_prints_the_models_json_schema() {
    let out = check(&["schema"], b"", 0);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v, j43_model::json_schema());
}

#[test]
fn generate_is_deterministic_per_seed_and_wraps_expected() {
    let args = [
        "generate",
        "violating",
        "--rule",
        "NET-005",
        "--count",
        "5",
        "--seed",
        "3",
        "--with-expected",
    ];
    let a = check(&args, b"", 0);
    let b = check(&args, b"", 0);
    assert_eq!(a.stdout, b.stdout);
    let lines: Vec<Value> = stdout(&a)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    for l in &lines {
        let doc = l["document"].as_str().unwrap();
        let rules: Vec<String> = j43_model::check(doc.as_bytes())
            .rules()
            .iter()
            .map(|r| r.to_string())
            .collect();
        assert_eq!(l["expected"]["rules"], serde_json::json!(rules));
        assert!(rules.contains(&"NET-005".to_owned()));
    }
    let plain = check(&["generate", "authorized", "--count", "4"], b"", 0);
    for line in stdout(&plain).lines() {
        assert!(j43_model::check(line.as_bytes()).is_authorized());
    }
    check(&["generate", "violating"], b"", 2);
    check(&["generate", "multi", "--settings", "huge"], b"", 2);
}

#[test]
fn serve_speaks_the_persistent_protocol() {
    let input = "{\"type\":\"hello\",\"protocol\":\"j43-protocol/1\",\"format\":\"j43/1\"}\n{\"type\":\"check\",\"id\":\"c1\",\"document\":\"[]\"}\n{\"type\":\"bye\"}\n";
    let out = check(&["serve"], input.as_bytes(), 0);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["type"], "hello");
    assert_eq!(lines[1]["id"], "c1");
    assert_eq!(lines[1]["rules"], serde_json::json!(["DOC-005"]));
}

#[test]
fn self_test_the_reference_conforms_through_j43_serve() {
    let dir = tempfile::tempdir().unwrap();
    let (json, junit, md) = (
        dir.path().join("r.json"),
        dir.path().join("j.xml"),
        dir.path().join("r.md"),
    );
    let out = check(
        &[
            "conform",
            "--report-json",
            json.to_str().unwrap(),
            "--junit",
            junit.to_str().unwrap(),
            "--markdown",
            md.to_str().unwrap(),
            "--out",
            dir.path().join("out").to_str().unwrap(),
            "--",
            J43,
            "serve",
        ],
        b"",
        0,
    );
    assert!(
        stdout(&out).contains("56/56 rules exercised"),
        "{}",
        stdout(&out)
    );
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["summary"]["conforms"], true);
    assert_eq!(report["format"], "j43-report/1");
    assert!(report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["cases"].as_u64().unwrap() > 0));
    assert!(std::fs::read_to_string(&junit)
        .unwrap()
        .contains("failures=\"0\""));
    assert!(std::fs::read_to_string(&md)
        .unwrap()
        .contains("| ✅ NET-005"));
    let folder = run_folder(&dir.path().join("out"));
    let own: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("report.json")).unwrap())
            .unwrap();
    assert_eq!(
        own["summary"], report["summary"],
        "the run folder holds the same report"
    );
    assert_eq!(
        std::fs::read_dir(folder.join("cases")).unwrap().count(),
        0,
        "nothing failed, so no case is written"
    );
}

#[test]
fn conform_at_level_verdict_and_in_shards() {
    for shard in ["1/2", "2/2"] {
        check(
            &[
                "conform",
                "--level",
                "verdict",
                "--cases",
                "300",
                "--no-corpus",
                "--shard",
                shard,
                "--",
                J43,
                "serve",
            ],
            b"",
            0,
        );
    }
    check(&["conform", "--shard", "3/2", "--", J43, "serve"], b"", 2);
}

fn flip(extra: &[&str], out: &Path, code: i32) -> String {
    let mut args = vec![
        "conform",
        "--cases",
        "300",
        "--no-exhaustive",
        "--no-corpus",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let c = candidate("flip.py");
    args.extend_from_slice(&["--", python(), &c, J43, "serve"]);
    stdout(&check(&args, b"", code))
}

#[test]
fn a_wrong_candidate_fails_with_its_disagreements_written_out_and_replayable() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let text = flip(&[], &out, 1);
    assert!(text.contains("false-accept: DOC-003"), "{text}");
    assert!(text.contains("does NOT conform"));
    let folder = run_folder(&out);
    let minimal = folder.join("minimal/false-accept-DOC-003.json");
    assert!(minimal.exists(), "{text}");
    let shrunk = std::fs::read(&minimal).unwrap();
    assert!(
        shrunk.len() <= 140,
        "shrunk to {} bytes: {}",
        shrunk.len(),
        String::from_utf8_lossy(&shrunk)
    );
    let failures = std::fs::read_to_string(folder.join("failures.jsonl")).unwrap();
    let first: Value = serde_json::from_str(failures.lines().next().unwrap()).unwrap();
    assert_eq!(first["kind"], "false-accept");
    assert!(folder.join(first["file"].as_str().unwrap()).exists());
    // The replay line of the summary works: the file is rejected, and the candidate still
    // fails on it; the replay writes a run folder of its own and leaves the first one alone.
    let before: Vec<_> = std::fs::read_dir(folder.join("cases")).unwrap().collect();
    check(&["check", minimal.to_str().unwrap()], b"", 1);
    let c = candidate("flip.py");
    check(
        &[
            "conform",
            "--replay",
            minimal.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--",
            python(),
            &c,
            J43,
            "serve",
        ],
        b"",
        1,
    );
    let again = run_folder(&out);
    assert_ne!(again, folder, "the replay has a folder of its own");
    assert!(minimal.exists(), "the replayed file is still there");
    let after: Vec<_> = std::fs::read_dir(folder.join("cases")).unwrap().collect();
    assert_eq!(before.len(), after.len());
}

#[test]
fn known_failures_pass_and_a_fixed_one_must_be_removed() {
    let dir = tempfile::tempdir().unwrap();
    let expect = dir.path().join("expect.toml");
    std::fs::write(&expect, "[[failure]]\nrule = \"DOC-003\"\nkind = \"false-accept\"\nreason = \"flip.py hides nesting\"\n").unwrap();
    let text = flip(
        &["--expect", expect.to_str().unwrap()],
        &dir.path().join("o1"),
        0,
    );
    assert!(
        text.contains("known failure false-accept DOC-003"),
        "{text}"
    );
    let stale = dir.path().join("expect.json");
    std::fs::write(
        &stale,
        r#"[{"rule":"DOC-003","kind":"false-accept","reason":"hides nesting"},{"rule":"DOC-002","kind":"false-accept","reason":"was broken"}]"#,
    )
    .unwrap();
    let text = flip(
        &["--expect", stale.to_str().unwrap()],
        &dir.path().join("o2"),
        1,
    );
    assert!(text.contains("FIXED: false-accept DOC-002"), "{text}");
    std::fs::write(
        &expect,
        "[[failure]]\nrule = \"DOC-003\"\nkind = \"false-accept\"\n",
    )
    .unwrap();
    flip(
        &["--expect", expect.to_str().unwrap()],
        &dir.path().join("o3"),
        2,
    );
}

#[test]
fn conform_exits_2_when_the_candidate_cannot_run() {
    check(
        &["conform", "--", python(), &candidate("exit_at_start.py")],
        b"",
        2,
    );
    let out = check(
        &[
            "conform",
            "--no-corpus",
            "--cases",
            "50",
            "--",
            python(),
            &candidate("crash_always.py"),
        ],
        b"",
        2,
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("restarted 5 times"));
    check(&["conform", "--", "/nonexistent/candidate"], b"", 2);
    check(&["conform"], b"", 2);
}

#[test]
fn conform_in_one_shot_mode_counts_errors_and_never_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let out = check(
        &[
            "conform",
            "--mode",
            "one-shot",
            "--timeout",
            "3000",
            "--shrink-seconds",
            "2",
            "--no-corpus",
            "--no-exhaustive",
            "--cases",
            "60",
            "--out",
            dir.path().to_str().unwrap(),
            "--",
            python(),
            &candidate("oneshot.py"),
        ],
        b"",
        1,
    );
    let text = stdout(&out);
    assert!(text.contains("does NOT conform"), "{text}");
    assert!(run_folder(dir.path()).join("failures.jsonl").exists());
}

#[test]
fn bench_measures_j43_serve_with_every_case_answered() {
    let out = check(&["bench", "--cases", "200", "--", J43, "serve"], b"", 0);
    let text = stdout(&out);
    assert!(text.contains("cases: 200 "), "{text}");
    assert!(text.contains("errors: 0 "), "{text}");
    let out = check(
        &[
            "bench", "--cases", "50", "--seed", "3", "--level", "verdict", "--format", "json",
            "--", J43, "serve",
        ],
        b"",
        0,
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["cases"].as_u64(), v["errors"].as_u64()),
        (Some(50), Some(0))
    );
    assert!(v["latency_us"]["p50"].as_f64() <= v["latency_us"]["max"].as_f64());
}

#[test]
fn bench_exits_2_when_the_candidate_cannot_run() {
    check(
        &["bench", "--cases", "5", "--", "/nonexistent/j43-candidate"],
        b"",
        2,
    );
}

#[test]
fn generate_prints_the_cases_the_suite_names() {
    let out = check(
        &[
            "generate",
            "violating",
            "--rule",
            "NET-005",
            "--count",
            "3",
            "--seed",
            "5",
            "--with-expected",
        ],
        b"",
        0,
    );
    let suite = j43_conformance::suite::Suite::new(&j43_conformance::suite::SuiteOptions {
        seed: 5,
        ..Default::default()
    })
    .unwrap();
    for (i, line) in stdout(&out).lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        let index = suite.find(&format!("violating/NET-005/5/{i}")).unwrap();
        let case = suite.case(index).unwrap();
        assert_eq!(v["document"].as_str().unwrap().as_bytes(), case.document);
    }
}
