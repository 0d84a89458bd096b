//! External candidates: programs speaking `docs/PROTOCOL.md`, in persistent or one-shot mode.

mod child;
mod oneshot;
mod orphans;
mod persistent;

use crate::protocol::Hello;
use crate::{CaseError, CaseResult, Checker, Error, Level, Result};
use child::StderrTail;
use orphans::Family;
use persistent::Session;
use std::time::Duration;

/// How the harness runs an external candidate (PROTOCOL.md §2, §3).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// One process, JSON lines over stdin and stdout (§2).
    Persistent,
    /// One process per document (§3).
    OneShot,
}

/// Extra time a case gets for the size of its document: one second per 4 MiB, so that the
/// 64 MiB documents of DOC-004 are not timeouts on a loaded machine (PROTOCOL.md §2.4).
pub(crate) fn size_allowance(len: usize) -> Duration {
    Duration::from_secs(u64::try_from(len / (4 * 1024 * 1024)).unwrap_or(u64::MAX))
}

/// How an [`External`] candidate is run.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// Persistent or one-shot.
    pub mode: Mode,
    /// The level the harness asks for; in one-shot mode also the level assumed for the candidate.
    pub level: Level,
    /// Per-case timeout (PROTOCOL.md §2.4, default 5 s).
    pub timeout: Duration,
    /// Handshake timeout (PROTOCOL.md §2.1, 10 s).
    pub handshake_timeout: Duration,
    /// How long a candidate may take to exit after `bye` before it is killed (5 s).
    pub shutdown_grace: Duration,
    /// Consecutive restarts without a good response after which the run stops (5).
    pub max_restarts: u32,
    /// Requests in flight at once in persistent mode (at least 1).
    pub window: usize,
    /// Processes run at once in one-shot mode (at least 1; default: the available parallelism).
    pub jobs: usize,
}

impl Default for ExternalOptions {
    fn default() -> ExternalOptions {
        ExternalOptions {
            mode: Mode::Persistent,
            level: Level::Rules,
            timeout: Duration::from_millis(5000),
            handshake_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(5),
            max_restarts: 5,
            window: 32,
            jobs: std::thread::available_parallelism().map_or(2, usize::from),
        }
    }
}

/// A program that checks documents, run as PROTOCOL.md says. No misbehaviour of the program
/// stops a run, except one that leaves nothing to compare (it cannot start, or it keeps failing
/// after [`ExternalOptions::max_restarts`] restarts): that is an [`Error`].
///
/// Processes the candidate leaves behind are killed at the end of their case (one-shot mode),
/// of their session (persistent mode: a restart, or the end) and, for any still left, when the
/// `External` is dropped (PROTOCOL.md §2.4). On Linux, starting one makes this process a child
/// subreaper (`PR_SET_CHILD_SUBREAPER`) for the rest of its life: orphaned descendants of any
/// of its children are reparented to it rather than to init. Only processes that carry a token
/// of one of its candidates (or are zombies of a candidate's process group) are killed or
/// reaped; other children of the process are left alone.
pub struct External {
    command: Vec<String>,
    options: ExternalOptions,
    family: Family,
    tail: StderrTail,
    session: Option<Session>,
    hello: Option<Hello>,
    restarts: u32,
    next_id: u64,
}

impl External {
    /// Starts `command` (program and arguments). In persistent mode, spawns it and completes
    /// the handshake, or fails with [`Error::Spawn`] or [`Error::Handshake`].
    pub fn start(command: Vec<String>, options: ExternalOptions) -> Result<External> {
        let mut external = External {
            command,
            options,
            family: Family::new(),
            tail: StderrTail::default(),
            session: None,
            hello: None,
            restarts: 0,
            next_id: 0,
        };
        if external.options.mode == Mode::Persistent {
            let session = external
                .start_session()
                .map_err(|e| e.into_error(&external))?;
            external.hello = Some(session.hello.clone());
            external.session = Some(session);
        }
        Ok(external)
    }

    /// The command as one string, for messages.
    pub fn command_line(&self) -> String {
        self.command.join(" ")
    }

    /// The last 64 KiB the candidate wrote to standard error.
    pub fn stderr_tail(&self) -> String {
        self.tail.snapshot()
    }

    fn start_session(&self) -> std::result::Result<Session, StartError> {
        Session::start(
            &self.command,
            &self.tail,
            self.options.handshake_timeout,
            self.family.token(),
        )
    }

    /// A live session, restarting the candidate if needed; `Err` once it has been restarted
    /// more than `max_restarts` times without a good response.
    fn session(&mut self, last: &str) -> Result<&mut Session> {
        let mut last = last.to_owned();
        while self.session.is_none() {
            self.restarts += 1;
            if self.restarts > self.options.max_restarts {
                return Err(Error::Unusable {
                    restarts: self.restarts - 1,
                    last,
                    stderr: self.tail.snapshot(),
                });
            }
            match self.start_session() {
                Ok(s) => self.session = Some(s),
                Err(e) => last = e.to_string(),
            }
        }
        self.session
            .as_mut()
            .ok_or_else(|| Error::Cases("no candidate session".into()))
    }

    fn fresh_id(&mut self) -> String {
        self.next_id += 1;
        format!("c{}", self.next_id)
    }

    fn case_error(&self, kind: crate::CaseErrorKind, message: impl Into<String>) -> CaseError {
        CaseError {
            kind,
            message: message.into(),
            stderr: self.tail.snapshot(),
        }
    }
}

/// Why a candidate did not start.
#[derive(Debug)]
enum StartError {
    Spawn(std::io::Error),
    Handshake(String),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Spawn(e) => write!(f, "cannot start the candidate: {e}"),
            StartError::Handshake(m) => write!(f, "handshake failed: {m}"),
        }
    }
}

impl StartError {
    /// The harness error of a first start: [`Error::Spawn`], whose message carries the
    /// operating system's reason once, or [`Error::Handshake`].
    fn into_error(self, external: &External) -> Error {
        match self {
            StartError::Spawn(source) => Error::Spawn {
                command: external.command_line(),
                source,
            },
            StartError::Handshake(reason) => Error::Handshake {
                reason,
                stderr: external.tail.snapshot(),
            },
        }
    }
}

impl Checker for External {
    fn name(&self) -> String {
        match &self.hello {
            Some(h) if !h.name.is_empty() => format!("{} {}", h.name, h.version).trim().to_owned(),
            _ => self.command_line(),
        }
    }

    fn level(&self) -> Level {
        match (&self.hello, self.options.mode) {
            (Some(h), Mode::Persistent) => h.level,
            _ => self.options.level,
        }
    }

    fn check(&mut self, document: &[u8]) -> Result<CaseResult> {
        let mut results = self.check_batch(&[document])?;
        results
            .pop()
            .ok_or_else(|| Error::Cases("no result for a document".into()))
    }

    fn check_batch(&mut self, documents: &[&[u8]]) -> Result<Vec<CaseResult>> {
        match self.options.mode {
            Mode::Persistent => self.batch_persistent(documents),
            Mode::OneShot => self.batch_oneshot(documents),
        }
    }
}

impl Drop for External {
    /// The end of the run: shuts the session down, then kills whatever any of the candidate's
    /// processes left behind that an earlier sweep missed.
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            session.shutdown(self.options.shutdown_grace);
        }
        orphans::sweep(self.family.scope(), None);
    }
}
