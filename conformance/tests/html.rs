//! `j43 report --html` in a real browser: the page of real reports (the reference over the
//! protocol, a wrong candidate with a known failure, a hostile candidate) rendered by headless
//! Chromium, its DOM checked against the reports' figures. Skipped, with a message, where
//! Chromium is absent, unless `J43_REQUIRE_CHROMIUM=1` (CI sets it).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt as _;

const J43: &str = env!("CARGO_BIN_EXE_j43");

#[path = "support/python.rs"]
mod support;
use support::python;

/// The hostile candidate's name and version: markup that must render as text.
const HOSTILE_NAME: &str = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";

/// A candidate whose name, version and error messages are markup; it accepts every document
/// and fails on documents whose length is a multiple of 7.
const HOSTILE: &str = r#"
import json, sys
NAME = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>"
for line in sys.stdin:
    m = json.loads(line)
    if m["type"] == "hello":
        print(json.dumps({"type": "hello", "protocol": "j43-protocol/1", "name": NAME,
                          "version": "</td></tr></table><b>1", "level": "verdict"}), flush=True)
    elif m["type"] == "bye":
        break
    else:
        doc = m.get("document", m.get("document_base64", ""))
        if len(doc) % 7 == 0:
            print(json.dumps({"type": "error", "id": m["id"],
                              "message": "<img src=y onerror=alert(2)>"}), flush=True)
        else:
            print(json.dumps({"type": "result", "id": m["id"], "verdict": "authorized"}), flush=True)
"#;

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

/// A small `j43 conform` run of `candidate`; returns its report file.
fn conform(candidate: &[&str], extra: &[&str], out: &Path, code: i32) -> PathBuf {
    let out_dir = out.display().to_string();
    let mut args = vec![
        "conform",
        "--cases",
        "120",
        "--no-corpus",
        "--no-exhaustive",
        "--shrink-budget",
        "40",
        "--progress=never",
        "--out",
        &out_dir,
    ];
    args.extend_from_slice(extra);
    args.push("--");
    args.extend_from_slice(candidate);
    j43(&args, code);
    std::fs::canonicalize(out.join("latest/report.json")).unwrap()
}

/// Chromium, if it is installed (`J43_CHROMIUM` names another binary).
fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("J43_CHROMIUM").map(PathBuf::from);
    named
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from))
        .find(|p| p.is_file())
}

/// Says, past the test harness's capture, that the browser test did not run.
fn skip(why: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

/// Runs headless Chromium on `page` with `args`, in a fresh profile, and returns its output.
fn render(chromium: &Path, page: &Path, args: &[&str]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,900",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut stdout = stdout;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).unwrap();
        bytes
    });
    let status = match child.wait_timeout(Duration::from_secs(120)).unwrap() {
        Some(status) => status,
        None => {
            child.kill().unwrap();
            panic!("chromium did not finish within 120 s");
        }
    };
    let stdout = reader.join().unwrap();
    let mut stderr = Vec::new();
    if let Some(mut e) = child.stderr.take() {
        std::io::Read::read_to_end(&mut e, &mut stderr).unwrap();
    }
    assert!(
        status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&stderr)
    );
    Output {
        status,
        stdout,
        stderr,
    }
}

/// The attributes of every element of the DOM whose start tag begins with `start`.
fn elements(dom: &str, start: &str) -> Vec<BTreeMap<String, String>> {
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(at) = rest.find(start) {
        let tag = &rest[at + 1..];
        let end = tag.find('>').unwrap();
        let mut attributes = BTreeMap::new();
        let mut text = &tag[..end];
        while let Some(eq) = text.find("=\"") {
            let name = text[..eq].rsplit(' ').next().unwrap().to_owned();
            let value_start = eq + 2;
            let close = text[value_start..].find('"').unwrap();
            attributes.insert(name, text[value_start..value_start + close].to_owned());
            text = &text[value_start + close + 1..];
        }
        out.push(attributes);
        rest = &tag[end..];
    }
    out
}

/// Text as Chromium serializes a text node.
fn dom_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

/// The status a cell must show: computed here from the report's figures.
fn expected_status(report: &Value, rule: &Value) -> &'static str {
    let n = |k: &str| rule[k].as_u64().unwrap();
    let kinds: Vec<&str> = [
        ("false_accepts", "false-accept"),
        ("false_rejects", "false-reject"),
        ("wrong_reasons", "wrong-reason"),
    ]
    .iter()
    .filter(|(field, _)| n(field) > 0)
    .map(|(_, kind)| *kind)
    .collect();
    if kinds.is_empty() {
        return if n("errors") > 0 {
            "error"
        } else if n("cases") == 0 {
            "unexercised"
        } else {
            "agree"
        };
    }
    let entries = report["expected_failures"]["entries"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let known = kinds.iter().all(|kind| {
        entries
            .iter()
            .any(|e| e["kind"] == *kind && e["rule"] == rule["rule"])
    });
    if known && n("errors") == 0 {
        "known"
    } else {
        "fail"
    }
}

/// The colour each status is drawn in.
fn colour(status: &str) -> &'static str {
    match status {
        "agree" => "rgb(199, 236, 205)",
        "fail" => "rgb(246, 178, 178)",
        "known" => "rgb(255, 236, 153)",
        "error" => "rgb(255, 196, 140)",
        "unexercised" => "rgb(230, 230, 230)",
        other => panic!("no status {other}"),
    }
}

#[test]
fn the_page_renders_in_chromium_with_one_row_per_rule_one_column_per_candidate_and_the_reports_figures(
) {
    let Some(chromium) = chromium() else {
        if std::env::var("J43_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
            panic!("chromium not found (/usr/bin/chromium) and J43_REQUIRE_CHROMIUM=1");
        }
        skip("chromium not found (install Debian's `chromium`, or set J43_CHROMIUM)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let reference = conform(&[J43, "serve"], &[], &d.join("serve"), 0);
    let expect = d.join("expect.toml");
    std::fs::write(
        &expect,
        "[[failure]]\nrule = \"DOC-003\"\nkind = \"false-accept\"\nreason = \"flip.py hides nesting\"\n",
    )
    .unwrap();
    let flip = format!("{}/tests/candidates/flip.py", env!("CARGO_MANIFEST_DIR"));
    let wrong = conform(
        &[python(), &flip, J43, "serve"],
        &["--expect", expect.to_str().unwrap()],
        &d.join("flip"),
        0,
    );
    let hostile_script = d.join("hostile.py");
    std::fs::write(&hostile_script, HOSTILE).unwrap();
    let hostile = conform(
        &[python(), hostile_script.to_str().unwrap()],
        &["--level", "verdict"],
        &d.join("hostile"),
        1,
    );
    let paths = [&reference, &wrong, &hostile];
    let reports: Vec<Value> = paths
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    let site = d.join("site");
    let mut args = vec!["report".to_owned()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["--html".to_owned(), site.display().to_string()]);
    j43(&args.iter().map(String::as_str).collect::<Vec<_>>(), 0);
    let page = site.join("index.html");
    let source = std::fs::read_to_string(&page).unwrap();
    for external in ["http://", "https://", " src=\"", " href=\""] {
        assert!(
            !source.contains(external),
            "the page refers to `{external}`"
        );
    }

    let dom = String::from_utf8(render(&chromium, &page, &["--dump-dom"]).stdout).unwrap();
    let rules: Vec<&Value> = reports[0]["rules"].as_array().unwrap().iter().collect();
    assert_eq!(rules.len(), 56);
    let body = &dom[dom.find("<tbody>").unwrap()..dom.find("</tbody>").unwrap()];
    let rows: Vec<String> = elements(body, "<tr ")
        .into_iter()
        .map(|a| a["data-rule"].clone())
        .collect();
    let ids: Vec<String> = rules
        .iter()
        .map(|r| r["rule"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(rows, ids, "one row per rule, in catalog order");
    assert_eq!(
        elements(&dom, "<th class=\"candidate\"").len(),
        3,
        "one column per candidate"
    );

    let cells = elements(&dom, "<td class=\"cell ");
    assert_eq!(
        cells.len(),
        3 * (56 + 2),
        "a cell per rule and candidate, and two rows more"
    );
    let mut seen = BTreeMap::new();
    for (i, report) in reports.iter().enumerate() {
        for rule in report["rules"].as_array().unwrap() {
            let id = rule["rule"].as_str().unwrap();
            let cell = cells
                .iter()
                .find(|c| {
                    c.get("data-rule").map(String::as_str) == Some(id)
                        && c["data-candidate"] == i.to_string()
                })
                .unwrap_or_else(|| panic!("no cell for {id} of candidate {i}"));
            let status = expected_status(report, rule);
            assert_eq!(cell["data-status"], status, "{id} of candidate {i}");
            assert_eq!(
                cell["class"],
                format!("cell {status}"),
                "{id} of candidate {i}"
            );
            assert_eq!(
                cell["data-colour"],
                colour(status),
                "{id} of candidate {i}: the browser drew the cell in its status's colour"
            );
            for (attribute, field) in [
                ("data-cases", "cases"),
                ("data-false-accepts", "false_accepts"),
                ("data-false-rejects", "false_rejects"),
                ("data-wrong-reasons", "wrong_reasons"),
                ("data-errors", "errors"),
            ] {
                assert_eq!(cell[attribute], rule[field].to_string(), "{id} {attribute}");
            }
            *seen.entry(status).or_insert(0) += 1;
        }
    }
    for status in ["agree", "fail", "known"] {
        assert!(seen.contains_key(status), "no {status} cell: {seen:?}");
    }
    let total = 3 * (56 + 2);
    assert!(
        dom.contains(&format!("<span id=\"totals\">{total} cells: ")),
        "the page's script ran"
    );

    // The known failure's cell opens its minimal counterexample with its replay line.
    let class = reports[1]["classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["class"]["kind"] == "false-accept" && c["class"]["rule"] == "DOC-003")
        .expect("flip.py falsely accepts DOC-003");
    let minimal = class["minimal"]["text"].as_str().unwrap();
    let start = dom
        .find("data-rule=\"DOC-003\" data-candidate=\"1\"")
        .unwrap();
    let cell = &dom[start..start + dom[start..].find("</td>").unwrap()];
    assert!(
        cell.contains(&format!("<pre class=\"input\">{}</pre>", dom_text(minimal))),
        "the minimal document is in the cell: {cell}"
    );
    assert!(
        cell.contains("<dd class=\"expected\">rejected [DOC-003]</dd>"),
        "{cell}"
    );
    assert!(
        cell.contains("<dd class=\"actual\">authorized []</dd>"),
        "{cell}"
    );
    let folder = wrong.parent().unwrap().display().to_string();
    assert!(
        cell.contains(&format!(
            "j43 conform --replay {folder}/minimal/false-accept-DOC-003.json"
        )),
        "the replay line names the run folder's file: {cell}"
    );

    // The hostile name and messages are text.
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(!dom.contains("<img"), "no element from the candidate");
    assert!(
        !dom.contains("<b>1"),
        "no element from the candidate's version"
    );
    assert!(
        dom.contains(&dom_text(HOSTILE_NAME)),
        "the hostile name is shown as text"
    );
    assert!(dom.contains("<title>j43 compliance: "));
    assert!(!dom.contains("pwned</title>"));

    let shot = d.join("page.png");
    render(
        &chromium,
        &page,
        &[&format!("--screenshot={}", shot.display())],
    );
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG screenshot");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 900), "of the window's size");
}

#[test]
fn report_replaces_only_a_page_it_wrote_and_creates_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let report = conform(&[J43, "serve"], &[], &d.join("serve"), 0);
    let report = report.display().to_string();
    let site = d.join("new/site");
    let html = site.display().to_string();
    let out = j43(&["report", &report, "--html", &html], 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("(1 candidate, 56 rules)"));
    let first = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(first.contains("<meta name=\"generator\" content=\"j43 report\">"));
    j43(&["report", &report, &report, "--html", &html], 0);
    let second = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert_ne!(first, second, "its own page is replaced");

    let theirs = d.join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("index.html"), "<p>someone's page</p>").unwrap();
    let out = j43(&["report", &report, "--html", theirs.to_str().unwrap()], 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("was not written by j43 report"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(theirs.join("index.html")).unwrap(),
        "<p>someone's page</p>"
    );
    assert_eq!(
        std::fs::read_dir(&theirs).unwrap().count(),
        1,
        "nothing else written"
    );
}
