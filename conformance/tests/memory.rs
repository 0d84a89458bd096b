//! Peak memory of the real `j43 check` on extreme documents within the size limit (issue #8,
//! item 2): at most [`RATIO`] times the document's size plus [`CONSTANT`], whatever the
//! number of violations, for the human and the JSON output. And the exit status of
//! `j43 check` when its standard output is closed early.
//!
//! Peak RSS is measured from outside, by a Python parent that runs `j43` and reads
//! `getrusage(RUSAGE_CHILDREN).ru_maxrss`; it also caps the child's address space (so a
//! regression fails the test by an allocation failure, not by filling the machine's memory).
//! Every document is written to a temporary directory, or kept in `$J43_MEMORY_DIR` when that
//! is set (to measure another build on the same documents, as BENCHMARKS.md "Memory" does).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[path = "support/python.rs"]
mod support;
use support::python;

const J43: &str = env!("CARGO_BIN_EXE_j43");
const MIB: usize = 1024 * 1024;
/// The size limit of SPEC S2.
const LIMIT: usize = 64 * MIB;

/// Peak RSS may be at most this many times the document's size, plus [`CONSTANT`].
const RATIO: u64 = 8;
/// The constant of the bound: what a run costs whatever the document. `j43 check` itself
/// needs 4 to 5 MiB for the SPEC S6.0 base design (the binary's pages, the runtimes, clap;
/// `/usr/bin/time -f %M`, test and release profiles alike), and its bounded report at most
/// 56 rules × 100 violations of about 200 bytes (about 1 MiB). The measurement adds a floor:
/// Linux carries the high-water mark of a process image across `exec`, so a child forked by
/// Python never measures below the Python parent's own RSS at the fork (about 14 MiB here).
/// 32 MiB covers both with room for allocator slack and other Python builds; the documents
/// below are 16 MiB or more, so the ratio term (128 MiB or more) decides.
const CONSTANT: u64 = 32 * MIB as u64;

/// What a run of `j43` did.
#[derive(Debug)]
struct Run {
    code: i32,
    /// Peak resident set size, bytes.
    rss: u64,
    stdout: String,
}

/// Runs `j43 args…` under a Python parent that reports its peak RSS, with the child's address
/// space capped at `address_space` bytes.
fn measure(args: &[&str], address_space: u64) -> Run {
    measure_with_input(args, address_space, None)
}

/// [`measure`], with standard input read from a file. The peak is that of the largest process
/// of the run (`j43` itself or a candidate it started and waited for).
fn measure_with_input(args: &[&str], address_space: u64, input: Option<&Path>) -> Run {
    const SCRIPT: &str = r#"
import json, resource, subprocess, sys
limit = int(sys.argv[1])
stdin = open(sys.argv[2], "rb") if sys.argv[2] else subprocess.DEVNULL
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
p = subprocess.run(sys.argv[3:], stdin=stdin, stdout=subprocess.PIPE, preexec_fn=cap)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
sys.stdout.write(json.dumps({"code": p.returncode, "rss": rss}) + "\n")
sys.stdout.flush()
sys.stdout.buffer.write(p.stdout)
"#;
    let out = Command::new(python())
        .args([
            "-c",
            SCRIPT,
            &address_space.to_string(),
            input.and_then(Path::to_str).unwrap_or(""),
            J43,
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let (meta, stdout) = text.split_once('\n').unwrap();
    let meta: Value = serde_json::from_str(meta).unwrap();
    Run {
        code: meta["code"].as_i64().unwrap() as i32,
        rss: meta["rss"].as_u64().unwrap(),
        stdout: stdout.to_owned(),
    }
}

/// Where the documents go: `$J43_MEMORY_DIR` (kept), or a temporary directory (removed with
/// its documents when dropped).
struct Dir {
    path: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

fn dir() -> Dir {
    match std::env::var_os("J43_MEMORY_DIR") {
        Some(p) => {
            std::fs::create_dir_all(&p).unwrap();
            Dir {
                path: p.into(),
                _temp: None,
            }
        }
        None => {
            let t = tempfile::tempdir().unwrap();
            Dir {
                path: t.path().to_owned(),
                _temp: Some(t),
            }
        }
    }
}

/// A JSON text with one placeholder string, `"@"`, replaced by as many `element(i)`, comma
/// separated, as fit in `size` bytes. Returns the document and the number of elements.
fn fill(template: &Value, size: usize, element: impl Fn(usize) -> String) -> (Vec<u8>, usize) {
    let text = template.to_string();
    let (head, tail) = text.split_once("\"@\"").unwrap();
    let mut doc = Vec::with_capacity(size);
    doc.extend_from_slice(head.as_bytes());
    let mut n = 0;
    loop {
        let e = element(n);
        let sep = usize::from(n > 0);
        if doc.len() + sep + e.len() + tail.len() > size {
            break;
        }
        if n > 0 {
            doc.push(b',');
        }
        doc.extend_from_slice(e.as_bytes());
        n += 1;
    }
    doc.extend_from_slice(tail.as_bytes());
    assert!(doc.len() <= size);
    (doc, n)
}

fn base() -> Value {
    j43_model::Design::base().to_value()
}

/// What a document must get: its rule set and, for the rules with more violations than a
/// report lists, how many it does not list.
struct Expect {
    rules: &'static [&'static str],
    omitted: Vec<(&'static str, usize)>,
}

/// Writes the document, runs `j43 check` (human) and `j43 check --format json` on it, and
/// asserts both the report and the memory bound.
fn check_bounded(name: &str, doc: &[u8], expect: &Expect) {
    let dir = dir();
    let path = dir.path.join(format!("{name}.json"));
    std::fs::write(&path, doc).unwrap();
    let size = doc.len() as u64;
    let bound = RATIO * size + CONSTANT;
    // Twice the bound, so that a build over it fails on its own measurement rather than on
    // the cap (a reserved but untouched buffer counts in the address space, not in RSS).
    let address_space = 2 * bound + 256 * MIB as u64;
    let file = path.to_str().unwrap();
    let rejected = !expect.rules.is_empty();
    for format in ["json", "human"] {
        let run = measure(&["check", "--format", format, file], address_space);
        eprintln!(
            "{name} ({format}): {} bytes, peak RSS {} KiB ({:.2} × size), exit {}",
            size,
            run.rss / 1024,
            run.rss as f64 / size as f64,
            run.code
        );
        assert_eq!(
            run.code,
            i32::from(rejected),
            "{name} ({format}): exit status {} (peak RSS {} MiB)",
            run.code,
            run.rss / MIB as u64
        );
        assert!(
            run.rss <= bound,
            "{name} ({format}): peak RSS {} MiB for a {} MiB document, more than {RATIO} × size + {} MiB",
            run.rss / MIB as u64,
            size / MIB as u64,
            CONSTANT / MIB as u64
        );
        if format == "json" {
            assert_report(name, &run.stdout, expect);
        } else {
            for (rule, more) in &expect.omitted {
                let line = format!("  {rule}  … {more} more not listed");
                assert!(run.stdout.contains(&line), "{name}: no `{line}`");
            }
        }
    }
}

fn assert_report(name: &str, stdout: &str, expect: &Expect) {
    let report: Value = serde_json::from_str(stdout.trim()).unwrap();
    let violations = report["violations"].as_array().unwrap();
    let rules: std::collections::BTreeSet<&str> = violations
        .iter()
        .map(|v| v["rule"].as_str().unwrap())
        .collect();
    let want: std::collections::BTreeSet<&str> = expect.rules.iter().copied().collect();
    assert_eq!(rules, want, "{name}: rule set");
    let omitted: BTreeMap<String, u64> = serde_json::from_value(report["omitted"].clone()).unwrap();
    let want: BTreeMap<String, u64> = expect
        .omitted
        .iter()
        .map(|(r, n)| ((*r).to_owned(), *n as u64))
        .collect();
    assert_eq!(omitted, want, "{name}: omitted");
    for (rule, _) in &expect.omitted {
        let listed = violations.iter().filter(|v| v["rule"] == *rule).count();
        assert_eq!(listed, j43_model::LISTED_PER_RULE, "{name}: {rule} listed");
    }
}

/// The issue's document: the authorized example design with `diagrams` replaced by `0`s up to
/// just under the size limit, each a DOC-005.
#[test]
fn memory_is_bounded_by_the_input_for_64_mib_of_numbers_in_diagrams() {
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/designs/zenthea-authorized.json");
    let mut template: Value = serde_json::from_slice(&std::fs::read(example).unwrap()).unwrap();
    template["diagrams"] = json!(["@"]);
    let (doc, n) = fill(&template, LIMIT - 1, |_| "0".to_owned());
    assert!(n > 33_000_000, "{n} numbers");
    let expect = Expect {
        rules: &["DOC-005"],
        omitted: unlisted("DOC-005", n),
    };
    check_bounded("diagrams-numbers", &doc, &expect);
    serve_and_conform_bounded("diagrams-numbers", &doc, &["DOC-005"]);
}

/// `j43 serve` answering one request for the document, and `j43 conform --replay` of it against
/// `j43 serve` (the harness's oracle, the request line, and the candidate's own check): each
/// within the bound, and the reference conforms.
fn serve_and_conform_bounded(name: &str, doc: &[u8], rules: &[&str]) {
    let dir = dir();
    let path = dir.path.join(format!("{name}.json"));
    std::fs::write(&path, doc).unwrap();
    let requests = dir.path.join(format!("{name}.requests"));
    let mut lines = j43_conformance::protocol::hello_request();
    lines.push('\n');
    lines.push_str(&j43_conformance::protocol::check_request("c1", doc));
    lines.push('\n');
    lines.push_str(&j43_conformance::protocol::bye_request());
    lines.push('\n');
    std::fs::write(&requests, lines).unwrap();
    let size = doc.len() as u64;
    let bound = RATIO * size + CONSTANT;
    let address_space = 2 * bound + 256 * MIB as u64;
    let serve = measure_with_input(&["serve"], address_space, Some(&requests));
    eprintln!("{name} (serve): peak RSS {} KiB", serve.rss / 1024);
    assert_eq!(serve.code, 0);
    let answer: Value = serde_json::from_str(serve.stdout.lines().nth(1).unwrap()).unwrap();
    assert_eq!(answer["rules"], json!(rules), "{name}: serve's answer");
    assert!(
        serve.rss <= bound,
        "{name} (serve): peak RSS {} MiB, more than {RATIO} × size + {} MiB",
        serve.rss / MIB as u64,
        CONSTANT / MIB as u64
    );
    let out = dir.path.join(format!("{name}-out"));
    let file = path.to_str().unwrap();
    let conform = measure(
        &[
            "conform",
            "--replay",
            file,
            "--timeout",
            "300000",
            "--progress",
            "never",
            "--out",
            out.to_str().unwrap(),
            "--",
            J43,
            "serve",
        ],
        address_space,
    );
    eprintln!("{name} (conform): peak RSS {} KiB", conform.rss / 1024);
    assert_eq!(conform.code, 0, "{}", conform.stdout);
    assert!(conform.stdout.contains("conforms at level rules"));
    assert!(
        conform.rss <= bound,
        "{name} (conform): peak RSS {} MiB, more than {RATIO} × size + {} MiB",
        conform.rss / MIB as u64,
        CONSTANT / MIB as u64
    );
}

/// Sizes of the other documents: large enough that the ratio, not the constant, decides.
const SIZE: usize = 16 * MIB;

/// A rule with more violations than a report lists, `n` of them found.
fn unlisted(rule: &'static str, n: usize) -> Vec<(&'static str, usize)> {
    vec![(rule, n - j43_model::LISTED_PER_RULE)]
}

#[test]
fn memory_is_bounded_by_the_input_for_empty_arrays_in_diagrams() {
    let mut template = base();
    template["diagrams"] = json!(["@"]);
    let (doc, n) = fill(&template, SIZE, |_| "[]".to_owned());
    let expect = Expect {
        rules: &["DOC-005"],
        omitted: unlisted("DOC-005", n),
    };
    check_bounded("diagrams-arrays", &doc, &expect);
}

#[test]
fn memory_is_bounded_by_the_input_for_a_huge_value_of_an_unknown_member() {
    let mut template = base();
    template["owner"] = json!([["@"], {"a": [1, "x"]}]);
    let (doc, _) = fill(&template, SIZE, |i| (i % 10).to_string());
    let expect = Expect {
        rules: &["DOC-007"],
        omitted: Vec::new(),
    };
    check_bounded("unknown-member-value", &doc, &expect);
}

#[test]
fn memory_is_bounded_by_the_input_for_millions_of_dangling_ingress_targets() {
    let mut template = base();
    template["environments"]["local"]["ingresses"][0]["targets"] = json!(["svc-local-api", "@"]);
    let (doc, n) = fill(&template, SIZE, |_| "\"x\"".to_owned());
    let expect = Expect {
        rules: &["DOC-010"],
        omitted: unlisted("DOC-010", n),
    };
    check_bounded("dangling-targets", &doc, &expect);
}

#[test]
fn memory_is_bounded_by_the_input_for_millions_of_unknown_members_of_one_object() {
    let mut template = base();
    template["@"] = json!(0);
    let text = template.to_string();
    let (head, tail) = text.split_once("\"@\":0").unwrap();
    let mut doc = head.as_bytes().to_vec();
    let mut n = 0;
    while doc.len() + tail.len() + 16 < SIZE {
        if n > 0 {
            doc.push(b',');
        }
        doc.extend_from_slice(format!("\"m{n:07}\":0").as_bytes());
        n += 1;
    }
    doc.extend_from_slice(tail.as_bytes());
    let expect = Expect {
        rules: &["DOC-007"],
        omitted: unlisted("DOC-007", n),
    };
    check_bounded("unknown-members", &doc, &expect);
}

#[test]
fn memory_is_bounded_by_the_input_for_an_authorized_design_with_many_small_services() {
    // The same services, by logical name, in every environment: authorized.
    let envs = ["local", "staging", "production"];
    let mut template = base();
    for env in envs {
        template["environments"][env]["services"] = json!([format!("@{env}")]);
    }
    let mut doc = template.to_string();
    let record = |env: &str, i: usize| {
        format!(
            r#",{{"id":"s-{env}-{i}","name":"n{i}","segment":"seg-{env}-runtime","process":"long-lived","state":"stateless"}}"#
        )
    };
    // As many per environment as fit for the longest name, so every environment has them all.
    let budget = (SIZE - doc.len() - 1024) / 3;
    let (mut n, mut used) = (0, 0);
    while used + record("production", n).len() <= budget {
        used += record("production", n).len();
        n += 1;
    }
    for env in envs {
        let mut services = json!({"id": format!("svc-{env}-api"), "name": "api",
                                  "segment": format!("seg-{env}-runtime"),
                                  "process": "long-lived", "state": "stateless"})
        .to_string();
        for i in 0..n {
            services.push_str(&record(env, i));
        }
        doc = doc.replace(&format!("\"@{env}\""), &services);
    }
    let doc = doc.into_bytes();
    assert!(doc.len() <= SIZE, "{}", doc.len());
    let expect = Expect {
        rules: &[],
        omitted: Vec::new(),
    };
    check_bounded("services", &doc, &expect);
}

#[test]
fn memory_is_bounded_by_the_input_for_millions_of_strings_with_cidr_blocks() {
    let mut template = base();
    template["diagrams"] = json!(["@"]);
    let (doc, n) = fill(&template, SIZE, |_| {
        r#"{"title":"10.0.0.0/8","content":""}"#.to_owned()
    });
    let expect = Expect {
        rules: &["NET-005"],
        omitted: unlisted("NET-005", n),
    };
    check_bounded("cidr-strings", &doc, &expect);
}

#[test]
fn memory_is_bounded_by_the_input_for_heavily_escaped_strings() {
    // Diagrams whose every string is escaped (the unescaped copies go to the arena), and a
    // description with one escape in front of a long plain run (the arena's worst case: the
    // whole string is copied).
    let mut template = base();
    template["diagrams"] = json!(["@"]);
    let plain = "a".repeat(4 * MIB);
    template["description"] = json!(format!("\n{plain}"));
    let (doc, _) = fill(&template, SIZE, |_| {
        r#"{"title":"caf\u00e9 \"x\"","content":"\u2603\n\t\\ \/ \ud83d\ude00"}"#.to_owned()
    });
    let expect = Expect {
        rules: &[],
        omitted: Vec::new(),
    };
    check_bounded("escaped-strings", &doc, &expect);
}

/// Regression: a 1 GiB file's DOC-004 said it "is 67108865 bytes" (what was read of it).
#[test]
fn check_gives_the_real_size_of_a_file_over_the_limit_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(1 << 30).unwrap(); // sparse
    let run = measure(
        &["check", "--format", "json", path.to_str().unwrap()],
        1 << 30,
    );
    assert_eq!(run.code, 1);
    let report: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(report["violations"][0]["rule"], "DOC-004");
    let message = report["violations"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("document is 1073741824 bytes"),
        "{message}"
    );
    // Not even the 64 MiB that a capped read would take.
    assert!(run.rss < CONSTANT, "peak RSS {} KiB", run.rss / 1024);
}

/// Runs `j43 args…`, reads its first line of output, closes its standard output and returns
/// its exit status.
fn exit_status_after_reading_one_line(args: &[&str]) -> i32 {
    let mut child = Command::new(J43)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    child.wait().unwrap().code().unwrap()
}

/// Regression: `j43 check rejected.json | head -1` exited 0 (a closed pipe was success).
#[test]
fn check_keeps_its_exit_status_when_stdout_is_closed_early() {
    let dir = tempfile::tempdir().unwrap();
    let rejected = dir.path().join("rejected.json");
    let authorized = dir.path().join("authorized.json");
    // Enough output (far more than a pipe holds) that writing must fail once it is closed.
    let mut many = base();
    for i in 0..2000 {
        many[format!("x{i}")] = json!(0);
    }
    std::fs::write(&rejected, many.to_string()).unwrap();
    std::fs::write(&authorized, base().to_string()).unwrap();
    let (r, a) = (rejected.to_str().unwrap(), authorized.to_str().unwrap());
    let mut files = vec![a; 1];
    files.extend([r; 200]);
    for format in ["human", "json"] {
        let mut args = vec!["check", "--format", format];
        args.extend(&files);
        assert_eq!(exit_status_after_reading_one_line(&args), 1, "{format}");
        // A file that cannot be read, after the output is closed, is still exit status 2.
        args.push("/nonexistent/j43.json");
        assert_eq!(exit_status_after_reading_one_line(&args), 2, "{format}");
    }
}
