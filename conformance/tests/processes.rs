//! What candidate processes leave behind (PROTOCOL.md §2.4, §3), each with a real program: a
//! grandchild in a session of its own (`setsid`) is killed at the end of its case (one-shot),
//! of its session (persistent: a restart, or the end of the run); a persistent candidate whose
//! main process exits while a grandchild holds its standard output is a crash, not a timeout;
//! the harness's own children that are not candidates are never touched; and a start failure
//! states its reason once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use j43_conformance::{CaseErrorKind as K, Checker, External, ExternalOptions, Mode};
use std::process::{Command, Stdio};
use std::time::Duration;

#[path = "support/python.rs"]
mod support;
use support::python;

fn script(name: &str) -> Vec<String> {
    vec![
        python().into(),
        format!("{}/tests/candidates/{name}", env!("CARGO_MANIFEST_DIR")),
    ]
}

fn options(mode: Mode) -> ExternalOptions {
    ExternalOptions {
        mode,
        timeout: Duration::from_millis(3000),
        handshake_timeout: Duration::from_secs(10),
        shutdown_grace: Duration::from_secs(1),
        ..ExternalOptions::default()
    }
}

/// True while a `sleep` process with this pid exists, zombies included (a zombie keeps its
/// name: an unreaped grandchild is not gone).
fn sleeper_exists(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| stat.contains("(sleep)"))
}

/// A document asking the test candidates for a `setsid` grandchild whose pid goes to a file;
/// and a reader of that pid.
struct Grandchild {
    _dir: tempfile::TempDir,
    file: std::path::PathBuf,
}

impl Grandchild {
    fn new() -> Grandchild {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pid");
        Grandchild { _dir: dir, file }
    }

    fn document(&self) -> Vec<u8> {
        format!("setsid:{}", self.file.display()).into_bytes()
    }

    fn pid(&self) -> u32 {
        std::fs::read_to_string(&self.file)
            .expect("the candidate wrote its grandchild's pid")
            .trim()
            .parse()
            .unwrap()
    }
}

fn ok(r: &j43_conformance::CaseResult) -> bool {
    r.is_ok()
}

#[test]
fn regression_a_setsid_grandchild_of_a_persistent_candidate_is_killed_at_the_end_of_the_run() {
    let g = Grandchild::new();
    let mut candidate = External::start(script("misbehave.py"), options(Mode::Persistent)).unwrap();
    let r = candidate.check_batch(&[&g.document(), b"a"]).unwrap();
    assert!(r.iter().all(ok), "{r:?}");
    let pid = g.pid();
    assert!(
        sleeper_exists(pid),
        "the grandchild lives during the session"
    );
    drop(candidate);
    assert!(!sleeper_exists(pid), "grandchild {pid} outlived the run");
}

#[test]
fn regression_a_setsid_grandchild_of_a_persistent_candidate_is_killed_when_its_session_restarts() {
    let g = Grandchild::new();
    let mut candidate = External::start(script("misbehave.py"), options(Mode::Persistent)).unwrap();
    let r = candidate
        .check_batch(&[&g.document(), b"crash", b"a"])
        .unwrap();
    let kinds: Vec<_> = r.iter().map(|r| r.as_ref().err().map(|e| e.kind)).collect();
    assert_eq!(kinds, [None, Some(K::Crash), None], "{r:?}");
    assert!(
        !sleeper_exists(g.pid()),
        "grandchild {} outlived its session",
        g.pid()
    );
}

#[test]
fn regression_a_setsid_grandchild_of_a_one_shot_candidate_is_killed_at_the_end_of_its_case() {
    let g = Grandchild::new();
    let mut candidate = External::start(script("oneshot.py"), options(Mode::OneShot)).unwrap();
    let r = candidate.check(&g.document()).unwrap();
    assert!(r.is_ok(), "{r:?}");
    assert!(
        !sleeper_exists(g.pid()),
        "grandchild {} outlived its case",
        g.pid()
    );
}

#[test]
fn regression_a_candidate_that_exits_while_a_grandchild_holds_its_stdout_is_a_crash_not_a_timeout()
{
    // A timeout long enough that a crash noticed only at the timeout would be a timeout.
    let opts = ExternalOptions {
        timeout: Duration::from_secs(60),
        ..options(Mode::Persistent)
    };
    let mut candidate = External::start(script("misbehave.py"), opts).unwrap();
    let r = candidate.check_batch(&[b"exitfork", b"a"]).unwrap();
    let e = r[0].as_ref().unwrap_err();
    assert_eq!(e.kind, K::Crash, "{e:?}");
    assert!(e.message.contains("exit status: 5"), "{e:?}");
    assert!(r[1].is_ok(), "{r:?}");
    let pid: u32 = e
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("grandchild pid "))
        .expect("the grandchild announced itself")
        .trim()
        .parse()
        .unwrap();
    assert!(
        !sleeper_exists(pid),
        "grandchild {pid} outlived its session"
    );
}

#[test]
fn the_harness_never_kills_its_own_children_that_are_not_candidates() {
    let mut candidate = External::start(script("misbehave.py"), options(Mode::Persistent)).unwrap();
    // A child of this process, and an orphan of one (reparented to this process, a subreaper
    // once a candidate has started), neither of them a candidate.
    let mut own = Command::new("sleep")
        .arg("120")
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let out = Command::new("sh")
        .args(["-c", "sleep 120 </dev/null >/dev/null 2>&1 & echo $!"])
        .output()
        .unwrap();
    let orphan: u32 = String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let g = Grandchild::new();
    let r = candidate
        .check_batch(&[&g.document(), b"crash", b"a"])
        .unwrap();
    assert_eq!(r.len(), 3);
    drop(candidate);
    assert!(!sleeper_exists(g.pid()), "the candidate's grandchild went");
    assert!(own.try_wait().unwrap().is_none(), "own child killed");
    let alive = sleeper_exists(orphan)
        && !std::fs::read_to_string(format!("/proc/{orphan}/stat"))
            .unwrap()
            .contains(") Z ");
    // Clean up before asserting.
    let _ = own.kill();
    let _ = own.wait();
    if let Some(pid) = rustix::process::Pid::from_raw(i32::try_from(orphan).unwrap()) {
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
        let _ = rustix::process::waitpid(Some(pid), rustix::process::WaitOptions::empty());
    }
    assert!(alive, "the orphan {orphan} of a non-candidate was killed");
}

#[test]
fn regression_a_start_failure_states_the_operating_systems_reason_once() {
    let dir = tempfile::tempdir().unwrap();
    for mode in ["persistent", "one-shot"] {
        let out = Command::new(env!("CARGO_BIN_EXE_j43"))
            .args([
                "conform",
                "--mode",
                mode,
                "--no-exhaustive",
                "--cases",
                "3",
                "--",
                "/nonexistent/j43-candidate",
            ])
            .stdin(Stdio::null())
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{mode}: {stderr}");
        assert_eq!(
            stderr.matches("No such file or directory").count(),
            1,
            "{mode}: {stderr}"
        );
    }
    let e = External::start(
        vec!["/nonexistent/j43-candidate".into()],
        options(Mode::Persistent),
    )
    .err()
    .unwrap();
    let text = format!("{:#}", anyhow::Error::from(e));
    assert_eq!(text.matches("No such file").count(), 1, "{text}");
    assert!(text.contains("/nonexistent/j43-candidate"), "{text}");
}
