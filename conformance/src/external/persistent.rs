//! Persistent mode: one candidate process, pipelined JSON-lines requests, restarts on misbehaviour.

use super::child::{self, Line, StderrTail};
use super::{External, StartError};
use crate::protocol::{self, Hello, Response};
use crate::{CaseErrorKind, CaseResult, Checker as _, Error, Result};
use std::collections::VecDeque;
use std::io::Write as _;
use std::process::Child;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How long lines the candidate wrote before it exited may take to arrive once its exit is
/// seen (a process it left behind may hold its standard output open, so end of file need not
/// come).
const EXIT_GRACE: Duration = Duration::from_millis(500);

/// How often waiting for a line looks whether the candidate has exited.
const EXIT_POLL: Duration = Duration::from_millis(20);

/// One running candidate process after a good handshake.
pub(super) struct Session {
    child: Child,
    token: String,
    writer: Option<Sender<String>>,
    lines: Receiver<Line>,
    stderr_done: Receiver<()>,
    exited_at: Option<Instant>,
    pub(super) hello: Hello,
}

/// What waiting for a line gave.
enum Recv {
    Line(Vec<u8>),
    TooLong,
    Exited,
    Timeout,
}

impl Session {
    /// Spawns the candidate with `token` and completes the handshake within
    /// `handshake_timeout`.
    pub(super) fn start(
        command: &[String],
        tail: &StderrTail,
        handshake_timeout: Duration,
        token: String,
    ) -> std::result::Result<Session, StartError> {
        let mut spawned = child::spawn(command, &[], tail, token).map_err(StartError::Spawn)?;
        let (stdin, stdout) = match (spawned.child.stdin.take(), spawned.child.stdout.take()) {
            (Some(i), Some(o)) => (i, o),
            _ => {
                child::kill(&mut spawned.child, &spawned.token);
                return Err(StartError::Handshake("no pipes to the candidate".into()));
            }
        };
        let (tx, rx) = mpsc::channel::<String>();
        std::thread::spawn(move || {
            // Lines queued together are written together and flushed once the queue is empty:
            // one system call for a window of small requests instead of one per request.
            let mut stdin = std::io::BufWriter::with_capacity(64 * 1024, stdin);
            while let Ok(mut line) = rx.recv() {
                loop {
                    line.push('\n');
                    if stdin.write_all(line.as_bytes()).is_err() {
                        return;
                    }
                    match rx.try_recv() {
                        Ok(next) => line = next,
                        Err(_) => break,
                    }
                }
                if stdin.flush().is_err() {
                    return;
                }
            }
        });
        let mut session = Session {
            child: spawned.child,
            token: spawned.token,
            writer: Some(tx),
            lines: child::read_lines(stdout),
            stderr_done: spawned.stderr_done,
            exited_at: None,
            hello: Hello {
                name: String::new(),
                version: String::new(),
                level: crate::Level::Verdict,
            },
        };
        session.send(protocol::hello_request());
        let reason = match session.recv(Instant::now() + handshake_timeout) {
            Recv::Line(line) => match protocol::parse_hello(&line) {
                Ok(hello) => {
                    session.hello = hello;
                    return Ok(session);
                }
                Err(e) => e,
            },
            Recv::TooLong => "a hello line longer than 16 MiB".into(),
            Recv::Exited => {
                let status = session.exit_status();
                format!("the candidate exited before answering hello ({status})")
            }
            Recv::Timeout => format!("no hello within {} ms", handshake_timeout.as_millis()),
        };
        session.kill();
        Err(StartError::Handshake(reason))
    }

    fn send(&self, line: String) {
        if let Some(w) = &self.writer {
            // A closed writer means the candidate is gone; the reader will see it.
            let _ = w.send(line);
        }
    }

    /// The next line, or why there is none by `deadline`. The candidate's exit is noticed
    /// within [`EXIT_POLL`] even when a process it left behind holds its standard output open
    /// (so that end of file never comes): lines it wrote still arrive during [`EXIT_GRACE`],
    /// then it is [`Recv::Exited`].
    fn recv(&mut self, deadline: Instant) -> Recv {
        loop {
            let now = Instant::now();
            let until = match self.exited_at {
                Some(at) => deadline.min(at + EXIT_GRACE),
                None => deadline.min(now + EXIT_POLL),
            };
            match self
                .lines
                .recv_timeout(until.saturating_duration_since(now))
            {
                Ok(Line::Complete(l)) => return Recv::Line(l),
                Ok(Line::TooLong) => return Recv::TooLong,
                Ok(Line::Eof) | Err(RecvTimeoutError::Disconnected) => return Recv::Exited,
                Err(RecvTimeoutError::Timeout) => {}
            }
            let now = Instant::now();
            if self.exited_at.is_none() && child::has_exited(&mut self.child) {
                self.exited_at = Some(now);
            }
            match self.exited_at {
                Some(at) if now >= at + EXIT_GRACE || now >= deadline => return Recv::Exited,
                None if now >= deadline => return Recv::Timeout,
                _ => {}
            }
        }
    }

    /// Kills the candidate and everything it started: its process group, then every process
    /// that holds its token (PROTOCOL.md §2.4).
    pub(super) fn kill(mut self) {
        self.writer = None;
        child::kill(&mut self.child, &self.token);
    }

    /// Sends `bye`, closes standard input and waits up to `grace` for the candidate to exit,
    /// then kills it and everything it left behind.
    pub(super) fn shutdown(mut self, grace: Duration) {
        self.send(protocol::bye_request());
        self.writer = None;
        let _ = wait_timeout::ChildExt::wait_timeout(&mut self.child, grace);
        // Kills it if it is still running, and anything it left behind.
        child::kill(&mut self.child, &self.token);
    }

    /// After [`Recv::Exited`]: the exit status, waiting a little for the process to end.
    fn exit_status(&mut self) -> String {
        child::settle_stderr(&self.stderr_done, Duration::from_millis(500));
        match wait_timeout::ChildExt::wait_timeout(&mut self.child, Duration::from_millis(500)) {
            Ok(Some(status)) => status.to_string(),
            _ => "closed its standard output".into(),
        }
    }
}

/// Document bytes in flight at once, past the first request.
const WINDOW_BYTES: usize = 16 << 20;

impl External {
    /// Checks `documents` over the persistent session, up to `window` requests in flight.
    pub(super) fn batch_persistent(&mut self, documents: &[&[u8]]) -> Result<Vec<CaseResult>> {
        let mut results: Vec<Option<CaseResult>> = vec![None; documents.len()];
        let level = self.options.level.min(self.level());
        let timeout = self.options.timeout;
        let window = self.options.window.max(1);
        let mut head = 0;
        let mut last_problem = String::new();
        while head < documents.len() {
            if let Err(e) = self.session(&last_problem) {
                // A harness error: what was decided before it is kept (`Error::Interrupted`).
                let decided = results.into_iter().take(head).map(settled).collect();
                return Err(Error::interrupted(decided, e));
            }
            let mut in_flight: VecDeque<String> = VecDeque::new();
            let mut sent = head;
            let mut last = Instant::now();
            let failure = loop {
                // At most `window` requests in flight and, past the first, at most
                // WINDOW_BYTES of documents (a 64 MiB document goes alone).
                let in_flight_bytes: usize = documents
                    .get(head..sent)
                    .unwrap_or_default()
                    .iter()
                    .map(|d| d.len())
                    .sum();
                let mut budget = WINDOW_BYTES.saturating_sub(in_flight_bytes);
                while sent < documents.len()
                    && sent - head < window
                    && (sent == head || documents.get(sent).map_or(0, |d| d.len()) <= budget)
                {
                    budget = budget.saturating_sub(documents.get(sent).map_or(0, |d| d.len()));
                    let id = self.fresh_id();
                    let line =
                        protocol::check_request(&id, documents.get(sent).copied().unwrap_or(&[]));
                    if let Some(s) = &self.session {
                        s.send(line);
                    }
                    in_flight.push_back(id);
                    sent += 1;
                }
                let Some(expected) = in_flight.front().cloned() else {
                    break None;
                };
                let Some(session) = self.session.as_mut() else {
                    break Some((CaseErrorKind::Crash, "no session".to_owned()));
                };
                let size = documents.get(head).map_or(0, |d| d.len());
                let got = session.recv(last + timeout + super::size_allowance(size));
                let (result, failure) = match got {
                    Recv::Line(line) => match protocol::parse_response(&line) {
                        Err(e) => (None, Some((CaseErrorKind::Protocol, e))),
                        Ok(r) if r.id() != expected => (
                            None,
                            Some((
                                CaseErrorKind::Protocol,
                                format!("response for id `{}` while `{expected}` was due", r.id()),
                            )),
                        ),
                        Ok(Response::Result { verdict, rules, .. }) => {
                            match protocol::validate_result(&verdict, rules.as_ref(), level) {
                                Ok(answer) => {
                                    self.restarts = 0;
                                    (Some(Ok(answer)), None)
                                }
                                Err(e) => {
                                    (Some(Err(self.case_error(CaseErrorKind::Protocol, e))), None)
                                }
                            }
                        }
                        Ok(Response::Error { message, .. }) => {
                            self.restarts = 0;
                            let m = format!("the candidate could not check it: {message}");
                            (
                                Some(Err(self.case_error(CaseErrorKind::Candidate, m))),
                                None,
                            )
                        }
                    },
                    Recv::TooLong => (
                        None,
                        Some((
                            CaseErrorKind::Protocol,
                            "an output line longer than 16 MiB".into(),
                        )),
                    ),
                    Recv::Timeout => (
                        None,
                        Some((
                            CaseErrorKind::Timeout,
                            format!(
                                "no response within {} ms",
                                (timeout
                                    + super::size_allowance(
                                        documents.get(head).map_or(0, |d| d.len())
                                    ))
                                .as_millis()
                            ),
                        )),
                    ),
                    Recv::Exited => {
                        let status = session.exit_status();
                        (
                            None,
                            Some((
                                CaseErrorKind::Crash,
                                format!("the candidate exited ({status})"),
                            )),
                        )
                    }
                };
                if let Some(f) = failure {
                    break Some(f);
                }
                if let Some(slot) = results.get_mut(head) {
                    *slot = result;
                }
                in_flight.pop_front();
                head += 1;
                last = Instant::now();
            };
            if let Some((kind, message)) = failure {
                if let Some(session) = self.session.take() {
                    session.kill();
                }
                let error = self.case_error(kind, message.clone());
                if let Some(slot) = results.get_mut(head) {
                    *slot = Some(Err(error));
                }
                head += 1;
                last_problem = message;
            }
        }
        Ok(results.into_iter().map(settled).collect())
    }
}

/// A decided slot's result (every slot before the batch's head is decided).
fn settled(slot: Option<CaseResult>) -> CaseResult {
    slot.unwrap_or_else(|| Err(crate::CaseError::new(CaseErrorKind::Crash, "no result")))
}
