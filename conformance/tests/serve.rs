//! `j43 serve` end to end on hostile input (PROTOCOL.md §6.1): every request line gets a response
//! naming its id, a line over the limit is answered and closes serve with exit 2 without being
//! buffered whole, memory stays within 8 × the document plus a constant, and a closed standard
//! output never turns a failure into exit 0 (for serve and for the subcommands whose status
//! does not depend on their output).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use j43_conformance::protocol;
use j43_conformance::serve::MAX_REQUEST_LINE;
use serde_json::{json, Value};
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const J43: &str = env!("CARGO_BIN_EXE_j43");

#[path = "support/python.rs"]
mod support;
use support::python;

/// A hang is detected, not measured: this is far beyond any expected duration.
const HANG: Duration = Duration::from_secs(120);

/// `j43 serve` under `peak_rss.py`, which reports its peak resident set size on stderr.
fn serve_measured() -> Child {
    let wrapper = format!(
        "{}/tests/candidates/peak_rss.py",
        env!("CARGO_MANIFEST_DIR")
    );
    Command::new(python())
        .args([wrapper.as_str(), J43, "serve"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// What a finished `serve_measured` wrote: its response lines, its stderr, its exit code and
/// its peak resident set size in bytes. Fails when it does not finish within [`HANG`].
struct Finished {
    responses: Vec<Value>,
    stderr: String,
    code: Option<i32>,
    peak_rss: u64,
}

fn finish(child: Child) -> Finished {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = rx
        .recv_timeout(HANG)
        .expect("j43 serve did not finish")
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let peak_kib: u64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak_rss_kib "))
        .expect("peak_rss.py reported")
        .parse()
        .unwrap();
    Finished {
        responses: String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        stderr,
        code: out.status.code(),
        peak_rss: peak_kib * 1024,
    }
}

/// Writes each `(bytes, n)` of `parts` `n` times to the child's stdin (then closes it) in a
/// thread, stopping quietly when the child stops reading.
fn feed(child: &mut Child, parts: Vec<(Vec<u8>, usize)>) -> std::thread::JoinHandle<()> {
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        for (bytes, n) in parts {
            for _ in 0..n {
                if stdin.write_all(&bytes).is_err() {
                    return;
                }
            }
        }
    })
}

#[test]
fn regression_every_request_line_gets_one_response_in_order_naming_its_id() {
    let lines: [&[u8]; 9] = [
        br#"{"type":"check","id":"surrogate","document":"\ud800"}"#,
        br#"{"type":"check","id":17,"document":"{}"}"#,
        br#"{"type":"check","id":null,"document":"{}"}"#,
        br#"{"type":"check","id":"trailing","document":"{}"} {}"#,
        br#"{"type":"check","id":"garbage","#,
        b"\xff\xfe garbage",
        br#"{"type":"check","id":"escaped","document":"\u005b\n]"}"#,
        br#"{"type":"check","id":"base64","document_base64":"/w=="}"#,
        br#"{"type":"bye"}"#,
    ];
    let mut child = serve_measured();
    let input = lines.iter().map(|l| ([*l, b"\n"].concat(), 1)).collect();
    feed(&mut child, input).join().unwrap();
    let f = finish(child);
    assert_eq!(f.code, Some(0), "{}", f.stderr);
    let got: Vec<(&str, &Value)> = f
        .responses
        .iter()
        .map(|r| (r["type"].as_str().unwrap(), &r["id"]))
        .collect();
    let want = [
        ("error", json!("surrogate")),
        ("error", json!(17)),
        ("error", Value::Null),
        ("error", json!("trailing")),
        ("error", json!("garbage")),
        ("error", Value::Null),
        ("result", json!("escaped")),
        ("result", json!("base64")),
    ];
    let want: Vec<(&str, &Value)> = want.iter().map(|(t, id)| (*t, id)).collect();
    assert_eq!(got, want, "{:#?}", f.responses);
    assert_eq!(f.responses[6]["rules"], json!(["DOC-005"]));
    assert_eq!(f.responses[7]["rules"], json!(["DOC-001"]));
}

#[test]
fn regression_a_line_over_the_limit_is_answered_with_its_id_and_closes_serve_without_buffering_it()
{
    let mut child = serve_measured();
    // Never closed by the test: serve must stop by itself at the limit.
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let writer = std::thread::spawn(move || {
        let head = br#"{"type":"check","id":"huge","document":""#;
        stdin.write_all(head).unwrap();
        let chunk = vec![b'a'; 1 << 20];
        // 16 MiB past the limit, without a newline; serve stops reading long before the end.
        for _ in 0..(MAX_REQUEST_LINE >> 20) + 16 {
            if stdin.write_all(&chunk).is_err() {
                return;
            }
        }
        // Keep the pipe open until serve has gone.
        let _ = stdin.write_all(&chunk);
        std::thread::sleep(HANG);
    });
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = stdout.read_line(&mut line);
        let mut rest = Vec::new();
        let _ = stdout.read_to_end(&mut rest);
        let _ = tx.send((line, rest));
    });
    let (line, rest) = rx
        .recv_timeout(HANG)
        .expect("no response to the over-long line");
    let r: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(
        (&r["type"], &r["id"]),
        (&json!("error"), &json!("huge")),
        "{r}"
    );
    assert!(rest.is_empty(), "nothing after the error");
    drop(writer);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("longer than"), "{stderr}");
    let peak: u64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak_rss_kib "))
        .unwrap()
        .parse::<u64>()
        .unwrap()
        * 1024;
    let bound = MAX_REQUEST_LINE as u64 + 64 * 1024 * 1024;
    assert!(peak <= bound, "peak RSS {peak} > {bound}");
}

#[test]
fn a_line_over_the_limit_without_a_readable_id_gets_a_message_on_stderr_and_exit_2() {
    let mut child = serve_measured();
    let head = br#"{"type":"check","document":""#.to_vec();
    let body = vec![b' '; 1 << 20];
    let n = (MAX_REQUEST_LINE >> 20) + 1;
    feed(&mut child, vec![(head, 1), (body, n), (b"\n".to_vec(), 1)]);
    let f = finish(child);
    assert_eq!(f.code, Some(2), "{}", f.stderr);
    assert!(f.responses.is_empty(), "{:?}", f.responses);
    assert!(f.stderr.contains("longer than"), "{}", f.stderr);
}

/// The base design with `padding` inserted after its opening brace: insignificant whitespace.
fn padded_design(padding: u8, len: usize) -> Vec<u8> {
    let base = j43_model::Design::base().to_json().into_bytes();
    let mut doc = Vec::with_capacity(len);
    doc.push(b'{');
    doc.resize(len - base.len() + 1, padding);
    doc.extend_from_slice(&base[1..]);
    assert_eq!(doc.len(), len);
    doc
}

/// Serve's peak memory on one request for a document of `D` bytes is at most 8 × D plus a
/// constant. The documents are large but have at most one violation, so that this measures
/// serve and not the model's report (whose memory is bounded separately).
#[test]
fn property_serve_peak_memory_for_one_document_is_at_most_8_times_its_size_plus_a_constant() {
    const D: usize = 16 * 1024 * 1024;
    const CONSTANT: u64 = 32 * 1024 * 1024;
    let mut not_utf8 = padded_design(b' ', D);
    not_utf8[1] = 0xff;
    let documents: [(&str, Vec<u8>, Value); 4] = [
        // No escapes: checked in place, in the line.
        ("spaces", padded_design(b' ', D), json!([])),
        // Every padding byte escaped as `\n`: decoded into its own buffer.
        ("newlines", padded_design(b'\n', D), json!([])),
        // Every byte escaped as `\u0001`: the longest line the harness sends for its size.
        ("controls", vec![0x01; D], json!(["DOC-001"])),
        // Not UTF-8: base64.
        ("base64", not_utf8, json!(["DOC-001"])),
    ];
    for (name, document, rules) in documents {
        let mut child = serve_measured();
        let request = protocol::check_request(name, &document).into_bytes();
        drop(document);
        feed(&mut child, vec![(request, 1), (b"\n".to_vec(), 1)]);
        let f = finish(child);
        assert_eq!(f.code, Some(0), "{name}: {}", f.stderr);
        assert_eq!(f.responses.len(), 1, "{name}");
        assert_eq!(f.responses[0]["id"], name);
        assert_eq!(f.responses[0]["rules"], rules, "{name}");
        let bound = 8 * D as u64 + CONSTANT;
        assert!(
            f.peak_rss <= bound,
            "{name}: peak RSS {} > {bound}",
            f.peak_rss
        );
    }
}

/// Runs `j43 args…` with its standard output closed before it writes; returns the exit code.
fn with_stdout_closed(args: &[&str], stdin: &[u8]) -> Option<i32> {
    let mut child = Command::new(J43)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    feed(&mut child, vec![(stdin.to_vec(), 1)]).join().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    rx.recv_timeout(HANG)
        .expect("j43 did not exit")
        .unwrap()
        .code()
}

#[test]
fn regression_serve_with_a_closed_stdout_exits_2_not_0() {
    let input = format!(
        "{}\n{}\n",
        protocol::hello_request(),
        protocol::check_request("c1", b"{}")
    );
    assert_eq!(with_stdout_closed(&["serve"], input.as_bytes()), Some(2));
}

#[test]
fn subcommands_that_only_print_exit_0_when_their_stdout_is_closed() {
    assert_eq!(with_stdout_closed(&["rules"], b""), Some(0));
    assert_eq!(with_stdout_closed(&["schema"], b""), Some(0));
    assert_eq!(
        with_stdout_closed(&["generate", "authorized", "--count", "50"], b""),
        Some(0)
    );
    assert_eq!(
        with_stdout_closed(&["bench", "--cases", "5", "--", J43, "serve"], b""),
        Some(0)
    );
    // A harness error is still one, whatever happens to standard output.
    assert_eq!(
        with_stdout_closed(
            &["bench", "--cases", "5", "--", "/nonexistent/j43-candidate"],
            b""
        ),
        Some(2)
    );
}
