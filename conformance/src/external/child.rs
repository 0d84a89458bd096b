//! Child processes: spawning in a process group, draining standard error, reading capped lines, killing.

use super::orphans::{self, Scope, TOKEN_VAR};
use crate::protocol::MAX_LINE;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt as _;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How much of a candidate's standard error is kept: the last 64 KiB.
pub(crate) const STDERR_TAIL: usize = 64 * 1024;

/// The last [`STDERR_TAIL`] bytes a candidate wrote to standard error, shared with the thread
/// that drains it.
#[derive(Debug, Clone, Default)]
pub(crate) struct StderrTail(Arc<Mutex<VecDeque<u8>>>);

impl StderrTail {
    fn push(&self, bytes: &[u8]) {
        if let Ok(mut buf) = self.0.lock() {
            let keep = bytes.len().min(STDERR_TAIL);
            let bytes = bytes.get(bytes.len() - keep..).unwrap_or(&[]);
            let overflow = (buf.len() + bytes.len()).saturating_sub(STDERR_TAIL);
            let n = overflow.min(buf.len());
            buf.drain(..n);
            buf.extend(bytes);
        }
    }

    /// The kept bytes, lossily decoded.
    pub(crate) fn snapshot(&self) -> String {
        match self.0.lock() {
            Ok(buf) => {
                let (a, b) = buf.as_slices();
                let mut all = Vec::with_capacity(buf.len());
                all.extend_from_slice(a);
                all.extend_from_slice(b);
                String::from_utf8_lossy(&all).into_owned()
            }
            Err(_) => String::new(),
        }
    }
}

/// A spawned child with its standard error being drained.
pub(crate) struct Spawned {
    /// The process; its pid is also its process group id.
    pub(crate) child: Child,
    /// Receives once when standard error reaches end of file.
    pub(crate) stderr_done: Receiver<()>,
    /// The token in its environment ([`TOKEN_VAR`]), which its descendants inherit.
    pub(crate) token: String,
}

/// Spawns `command` in a new process group with piped stdin, stdout and stderr and `token` in
/// its environment ([`TOKEN_VAR`]); a thread drains standard error into `tail`. On Linux the
/// harness is a child subreaper from the first spawn on ([`orphans::become_subreaper`]).
pub(crate) fn spawn(
    command: &[String],
    env: &[(&str, &str)],
    tail: &StderrTail,
    token: String,
) -> std::io::Result<Spawned> {
    orphans::become_subreaper();
    let (program, args) = command
        .split_first()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "empty command"))?;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.env(
        TOKEN_VAR,
        orphans::token_value(std::env::var(TOKEN_VAR).ok(), &token),
    );
    let mut child = cmd.spawn()?;
    let (done_tx, stderr_done) = mpsc::channel();
    if let Some(mut stderr) = child.stderr.take() {
        let tail = tail.clone();
        std::thread::spawn(move || {
            let mut chunk = vec![0u8; 16 * 1024];
            loop {
                match stderr.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => tail.push(chunk.get(..n).unwrap_or(&[])),
                }
            }
            let _ = done_tx.send(());
        });
    }
    Ok(Spawned {
        child,
        stderr_done,
        token,
    })
}

/// One event from a candidate's standard output.
#[derive(Debug)]
pub(crate) enum Line {
    /// A complete line, without its `\n`.
    Complete(Vec<u8>),
    /// A line longer than [`MAX_LINE`]: reading stopped.
    TooLong,
    /// End of file or a read error: reading stopped.
    Eof,
}

/// Starts a thread that reads `stdout` line by line into a channel.
pub(crate) fn read_lines(stdout: ChildStdout) -> Receiver<Line> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || line_loop(stdout, &tx));
    rx
}

fn line_loop(stdout: ChildStdout, tx: &Sender<Line>) {
    let mut reader = BufReader::with_capacity(64 * 1024, stdout);
    let mut line = Vec::new();
    loop {
        let buf = match reader.fill_buf() {
            Ok([]) | Err(_) => {
                let _ = tx.send(Line::Eof);
                return;
            }
            Ok(buf) => buf,
        };
        let (taken, complete) = match buf.iter().position(|&b| b == b'\n') {
            Some(pos) => {
                line.extend_from_slice(buf.get(..pos).unwrap_or(&[]));
                (pos + 1, true)
            }
            None => {
                line.extend_from_slice(buf);
                (buf.len(), false)
            }
        };
        reader.consume(taken);
        if line.len() > MAX_LINE {
            let _ = tx.send(Line::TooLong);
            return;
        }
        if complete && tx.send(Line::Complete(std::mem::take(&mut line))).is_err() {
            return;
        }
    }
}

/// Reads all of `stdout`, at most `MAX_LINE + 1` bytes, in a thread.
pub(crate) fn read_all(stdout: ChildStdout) -> Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let cap = u64::try_from(MAX_LINE)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let _ = stdout.take(cap).read_to_end(&mut out);
        let _ = tx.send(out);
    });
    rx
}

/// Kills the child's whole process group (SIGKILL), then the child, reaps it, and sweeps
/// away what it left: every process holding its `token` and the zombies of its group
/// ([`orphans::sweep`]).
pub(crate) fn kill(child: &mut Child, token: &str) {
    let pid = child.id();
    // The group id is the child's pid, which is not reused before the child is reaped and
    // all of its group has gone.
    if let Some(group) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    {
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
    orphans::sweep(Scope::Spawn(token), Some(pid));
}

/// True once the child has exited. On Linux it is left unreaped (a zombie keeps its pid, and
/// so its process group id, from being reused) until [`kill`] reaps it.
pub(crate) fn has_exited(child: &mut Child) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{waitid, Pid, WaitId, WaitIdOptions};
        if let Some(pid) = i32::try_from(child.id()).ok().and_then(Pid::from_raw) {
            let peek = WaitIdOptions::EXITED | WaitIdOptions::NOWAIT | WaitIdOptions::NOHANG;
            // An error means it is already reaped: the standard library has its status.
            if let Ok(status) = waitid(WaitId::Pid(pid), peek) {
                return status.is_some();
            }
        }
    }
    matches!(child.try_wait(), Ok(Some(_)))
}

/// Waits up to `grace` for standard error to be drained to its end.
pub(crate) fn settle_stderr(done: &Receiver<()>, grace: Duration) {
    let _ = done.recv_timeout(grace);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stderr_tail_keeps_only_the_last_64_kib() {
        let tail = StderrTail::default();
        tail.push(&vec![b'a'; STDERR_TAIL]);
        tail.push(b"end");
        let s = tail.snapshot();
        assert_eq!(s.len(), STDERR_TAIL);
        assert!(s.ends_with("aend"));
        tail.push(&vec![b'b'; 3 * STDERR_TAIL]);
        assert_eq!(tail.snapshot(), "b".repeat(STDERR_TAIL));
    }
}
