//! Every misbehaviour of PROTOCOL.md §2.4 and §3, each by a real misbehaving program: the case
//! is an error of its kind (never agreement), the run goes on, and nothing hangs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use j43_conformance::{
    CaseErrorKind as K, CaseResult, Checker, Error, External, ExternalOptions, Level, Mode,
};
use std::time::{Duration, Instant};

fn script(name: &str) -> Vec<String> {
    vec![
        python().into(),
        format!("{}/tests/candidates/{name}", env!("CARGO_MANIFEST_DIR")),
    ]
}

#[path = "support/python.rs"]
mod support;
use support::python;

fn options(mode: Mode) -> ExternalOptions {
    ExternalOptions {
        mode,
        timeout: Duration::from_millis(1500),
        handshake_timeout: Duration::from_secs(5),
        shutdown_grace: Duration::from_secs(1),
        ..ExternalOptions::default()
    }
}

/// Runs `docs` through `name` and checks each result: `None` is a good answer, `Some(kind)` an
/// error of that kind. Returns the results for further checks.
fn check(name: &str, mode: Mode, docs: &[&str], expect: &[Option<K>]) -> Vec<CaseResult> {
    let mut candidate = External::start(script(name), options(mode)).unwrap();
    let docs: Vec<&[u8]> = docs.iter().map(|d| d.as_bytes()).collect();
    let started = Instant::now();
    let results = candidate.check_batch(&docs).unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    let kinds: Vec<Option<K>> = results
        .iter()
        .map(|r| r.as_ref().err().map(|e| e.kind))
        .collect();
    assert_eq!(kinds, expect, "{results:#?}");
    results
}

#[test]
fn a_crash_is_an_error_of_that_case_and_the_candidate_is_restarted() {
    let r = check(
        "misbehave.py",
        Mode::Persistent,
        &["a", "crash", "b", "c"],
        &[None, Some(K::Crash), None, None],
    );
    let e = r[1].as_ref().unwrap_err();
    assert!(
        e.stderr.contains("crashing on purpose"),
        "stderr kept: {e:?}"
    );
    assert!(e.message.contains("exit status: 3"), "{e:?}");
}

#[test]
fn a_hang_times_out_and_the_run_goes_on() {
    check(
        "misbehave.py",
        Mode::Persistent,
        &["a", "hang", "b"],
        &[None, Some(K::Timeout), None],
    );
}

#[test]
fn a_timeout_kills_the_whole_process_group() {
    let r = check(
        "misbehave.py",
        Mode::Persistent,
        &["forkhang", "b"],
        &[Some(K::Timeout), None],
    );
    let stderr = &r[0].as_ref().unwrap_err().stderr;
    let pid: u32 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("grandchild pid "))
        .expect("the grandchild announced itself")
        .trim()
        .parse()
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    assert!(
        status.is_empty() || status.contains("State:\tZ"),
        "grandchild {pid} survived: {status}"
    );
}

#[test]
fn garbage_output_is_a_protocol_error_and_the_candidate_is_restarted() {
    check(
        "misbehave.py",
        Mode::Persistent,
        &["garbage", "a"],
        &[Some(K::Protocol), None],
    );
}

#[test]
fn a_wrong_id_is_a_protocol_error() {
    check(
        "misbehave.py",
        Mode::Persistent,
        &["a", "badid", "b"],
        &[None, Some(K::Protocol), None],
    );
}

#[test]
fn a_bad_verdict_or_an_unknown_rule_is_a_protocol_error_of_that_case_only() {
    check(
        "misbehave.py",
        Mode::Persistent,
        &["badverdict", "unknownrule", "a"],
        &[Some(K::Protocol), Some(K::Protocol), None],
    );
}

#[test]
fn an_error_response_is_an_error_of_the_candidate() {
    check(
        "misbehave.py",
        Mode::Persistent,
        &["error", "a"],
        &[Some(K::Candidate), None],
    );
}

#[test]
fn a_stderr_flood_is_drained_and_only_the_last_64_kib_kept() {
    let mut candidate = External::start(script("misbehave.py"), options(Mode::Persistent)).unwrap();
    let r = candidate.check_batch(&[b"stderrflood", b"a"]).unwrap();
    assert!(r.iter().all(Result::is_ok), "{r:?}");
    let tail = candidate.stderr_tail();
    assert!(
        tail.len() <= 64 * 1024 && tail.len() > 60 * 1024,
        "{}",
        tail.len()
    );
    assert!(tail.ends_with("flood end\n"));
}

#[test]
fn a_line_longer_than_16_mib_is_a_protocol_error() {
    check(
        "misbehave.py",
        Mode::Persistent,
        &["longline", "a"],
        &[Some(K::Protocol), None],
    );
}

#[test]
fn a_candidate_that_exits_at_start_is_a_harness_error() {
    match External::start(script("exit_at_start.py"), options(Mode::Persistent)) {
        Err(Error::Handshake { reason, stderr }) => {
            assert!(reason.contains("exited"), "{reason}");
            assert!(stderr.contains("giving up"), "{stderr}");
        }
        other => panic!("expected a handshake error, got {:?}", other.err()),
    }
}

#[test]
fn a_candidate_that_never_says_hello_is_a_harness_error_after_the_handshake_timeout() {
    let opts = ExternalOptions {
        handshake_timeout: Duration::from_millis(500),
        ..options(Mode::Persistent)
    };
    let started = Instant::now();
    let r = External::start(script("silent.py"), opts);
    assert!(matches!(r, Err(Error::Handshake { .. })));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_candidate_that_crashes_on_every_case_stops_the_run_after_5_restarts_keeping_the_crashes() {
    let mut candidate =
        External::start(script("crash_always.py"), options(Mode::Persistent)).unwrap();
    let docs: Vec<&[u8]> = vec![b"a"; 20];
    match candidate.check_batch(&docs) {
        Err(Error::Interrupted { decided, source }) => {
            // The first session and each of the 5 restarts crashed on one case.
            assert_eq!(decided.len(), 6, "{decided:?}");
            assert!(decided
                .iter()
                .all(|r| r.as_ref().is_err_and(|e| e.kind == K::Crash)));
            match *source {
                Error::Unusable {
                    restarts, stderr, ..
                } => {
                    assert_eq!(restarts, 5);
                    assert!(stderr.contains("dying"));
                }
                other => panic!("expected Unusable, got {other:?}"),
            }
        }
        other => panic!("expected Interrupted, got {other:?}"),
    }
}

/// A copy of the candidate `name` as an executable file of its own, so that it can delete it.
fn own_copy(name: &str, dir: &tempfile::TempDir) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt as _;
    let path = dir.path().join(name);
    std::fs::copy(script(name)[1].as_str(), &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    vec![path.to_str().unwrap().to_owned()]
}

#[test]
fn regression_a_harness_error_in_a_persistent_batch_keeps_the_results_decided_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut candidate =
        External::start(own_copy("misbehave.py", &dir), options(Mode::Persistent)).unwrap();
    // `vanish` deletes the program and exits: every restart fails to start.
    match candidate.check_batch(&[b"a", b"b", b"vanish", b"c", b"d"]) {
        Err(Error::Interrupted { decided, source }) => {
            let kinds: Vec<_> = decided
                .iter()
                .map(|r| r.as_ref().err().map(|e| e.kind))
                .collect();
            assert_eq!(kinds, [None, None, Some(K::Crash)], "{decided:?}");
            assert!(
                matches!(&*source, Error::Unusable { last, .. } if last.contains("cannot start")),
                "{source:?}"
            );
        }
        other => panic!("expected Interrupted, got {other:?}"),
    }
}

#[test]
fn regression_a_harness_error_in_a_one_shot_batch_keeps_the_results_decided_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ExternalOptions {
        jobs: 1,
        ..options(Mode::OneShot)
    };
    let mut candidate = External::start(own_copy("oneshot.py", &dir), opts).unwrap();
    match candidate.check_batch(&[b"a", b"crash", b"vanish", b"b", b"c"]) {
        Err(Error::Interrupted { decided, source }) => {
            let kinds: Vec<_> = decided
                .iter()
                .map(|r| r.as_ref().err().map(|e| e.kind))
                .collect();
            assert_eq!(kinds, [None, Some(K::Crash), None], "{decided:?}");
            assert!(matches!(*source, Error::Spawn { .. }), "{source:?}");
        }
        other => panic!("expected Interrupted, got {other:?}"),
    }
}

#[test]
fn a_command_that_does_not_exist_is_a_harness_error() {
    let r = External::start(
        vec!["/nonexistent/j43-candidate".into()],
        options(Mode::Persistent),
    );
    assert!(matches!(r, Err(Error::Spawn { .. })));
    let mut oneshot = External::start(
        vec!["/nonexistent/j43-candidate".into()],
        options(Mode::OneShot),
    )
    .unwrap();
    assert!(matches!(oneshot.check(b"{}"), Err(Error::Spawn { .. })));
}

#[test]
fn one_shot_mode_survives_crashes_hangs_garbage_and_inconsistent_answers() {
    check(
        "oneshot.py",
        Mode::OneShot,
        &["a", "crash", "hang", "garbage", "mismatch", "b"],
        &[
            None,
            Some(K::Crash),
            Some(K::Timeout),
            Some(K::Protocol),
            Some(K::Protocol),
            None,
        ],
    );
}

#[test]
fn one_shot_mode_at_level_verdict_accepts_an_empty_stdout() {
    let opts = ExternalOptions {
        level: Level::Verdict,
        ..options(Mode::OneShot)
    };
    let mut candidate = External::start(script("oneshot.py"), opts).unwrap();
    let r = candidate.check(b"verdictonly").unwrap().unwrap();
    assert_eq!(r.verdict, j43_model::Verdict::Rejected);
    assert_eq!(r.rules, None);
}

#[test]
fn non_utf8_documents_travel_as_base64() {
    let mut serve = External::start(
        vec![env!("CARGO_BIN_EXE_j43").into(), "serve".into()],
        options(Mode::Persistent),
    )
    .unwrap();
    let r = serve.check(b"\xff\xfe{}").unwrap().unwrap();
    assert_eq!(
        r.rules.unwrap().into_iter().collect::<Vec<_>>(),
        [j43_model::RuleId::Doc001]
    );
}
