//! The crate's one error type.

/// What stops a conformance run as a whole (a harness error, exit code 2). A misbehaving case
/// is not one of these: it is a [`crate::CaseError`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The candidate's command could not be started at all.
    #[error("cannot start candidate `{command}`: {source}")]
    Spawn {
        /// The command as given.
        command: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The candidate did not complete the handshake of PROTOCOL.md §2.1.
    #[error("candidate handshake failed: {reason}{}", stderr_note(.stderr))]
    Handshake {
        /// What went wrong.
        reason: String,
        /// The end of the candidate's standard error.
        stderr: String,
    },
    /// The candidate was restarted too many times without one good response (PROTOCOL.md §2.4).
    #[error("candidate restarted {restarts} times without one good response, giving up: {last}{}", stderr_note(.stderr))]
    Unusable {
        /// Consecutive restarts.
        restarts: u32,
        /// The last problem seen.
        last: String,
        /// The end of the candidate's standard error.
        stderr: String,
    },
    /// The candidate answers at a coarser level than the run asks for.
    #[error("candidate answers at level `{candidate}`, the run asks for `{asked}`")]
    Level {
        /// The candidate's level.
        candidate: crate::Level,
        /// The run's level.
        asked: crate::Level,
    },
    /// A generator or the corpus could not supply cases.
    #[error("cannot build cases: {0}")]
    Cases(String),
    /// An expected-failures file is not valid.
    #[error("invalid expected-failures file `{path}`: {reason}")]
    Expect {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// A harness error stopped a batch after some of its documents were decided.
    #[error("{source}")]
    Interrupted {
        /// The results of the batch's first documents, in order (`decided[i]` is the result of
        /// the batch's document `i`).
        decided: Vec<crate::CaseResult>,
        /// The harness error.
        source: Box<Error>,
    },
    /// Reading or writing a file, or talking to a process, failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

fn stderr_note(stderr: &str) -> String {
    if stderr.trim().is_empty() {
        String::new()
    } else {
        format!(
            "\ncandidate stderr (last lines):\n{}",
            last_lines(stderr, 20)
        )
    }
}

/// The last `n` lines of `text`.
pub(crate) fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(n);
    lines.get(start..).unwrap_or(&[]).join("\n")
}

impl Error {
    /// An I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

/// This crate's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;
