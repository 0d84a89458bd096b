//! The crate's one error type.
//!
//! `Display` and `source()` are written by hand rather than derived with `thiserror`: every
//! message is complete on its own (it includes the operating system's reason), so no variant
//! also returns that reason as its `source()`, and a chain printer (`anyhow`'s `{:#}`) shows
//! it once. [`Error::Interrupted`] is transparent (its message and source are its source's),
//! which `thiserror` cannot derive for a variant that also carries data.

use crate::CaseResult;
use std::fmt;

/// What stops a conformance run as a whole (a harness error, exit code 2), or [`crate::serve`].
/// A misbehaving case is not one of these: it is a [`crate::CaseError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The candidate's command could not be started at all. The message includes the
    /// operating system's reason.
    Spawn {
        /// The command as given.
        command: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The candidate did not complete the handshake of PROTOCOL.md §2.1.
    Handshake {
        /// What went wrong.
        reason: String,
        /// The end of the candidate's standard error.
        stderr: String,
    },
    /// The candidate was restarted too many times without one good response (PROTOCOL.md §2.4).
    Unusable {
        /// Consecutive restarts.
        restarts: u32,
        /// The last problem seen.
        last: String,
        /// The end of the candidate's standard error.
        stderr: String,
    },
    /// The candidate answers at a coarser level than the run asks for.
    Level {
        /// The candidate's level.
        candidate: crate::Level,
        /// The run's level.
        asked: crate::Level,
    },
    /// A generator or the corpus could not supply cases.
    Cases(String),
    /// An expected-failures file is not valid.
    Expect {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Reading or writing a file, or talking to a process, failed. The message includes the
    /// operating system's reason.
    Io {
        /// What was being done.
        context: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// `j43 serve` read a request line longer than `limit` bytes and stopped (PROTOCOL.md §6.1).
    LineTooLong {
        /// [`crate::serve::MAX_REQUEST_LINE`].
        limit: usize,
    },
    /// A harness error (`source`) stopped a batch of [`crate::Checker::check_batch`] after
    /// its first documents were decided: `decided[i]` is the result of `documents[i]`, for
    /// every `i < decided.len()`, and `decided` is never empty (with nothing decided, the
    /// batch returns `source` itself). Its message and source are `source`'s.
    Interrupted {
        /// The results of the batch's first `decided.len()` documents, in order.
        decided: Vec<CaseResult>,
        /// The harness error that stopped the batch.
        source: Box<Error>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spawn { command, source } => {
                write!(f, "cannot start candidate `{command}`: {source}")
            }
            Error::Handshake { reason, stderr } => write!(
                f,
                "candidate handshake failed: {reason}{}",
                stderr_note(stderr)
            ),
            Error::Unusable {
                restarts,
                last,
                stderr,
            } => write!(
                f,
                "candidate restarted {restarts} times without one good response, giving up: {last}{}",
                stderr_note(stderr)
            ),
            Error::Level { candidate, asked } => write!(
                f,
                "candidate answers at level `{candidate}`, the run asks for `{asked}`"
            ),
            Error::Cases(reason) => write!(f, "cannot build cases: {reason}"),
            Error::Expect { path, reason } => {
                write!(f, "invalid expected-failures file `{path}`: {reason}")
            }
            Error::Io { context, source } => write!(f, "{context}: {source}"),
            Error::LineTooLong { limit } => write!(
                f,
                "a request line is longer than {limit} bytes (PROTOCOL.md §6.1): j43 serve reads no further"
            ),
            Error::Interrupted { source, .. } => fmt::Display::fmt(source, f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Interrupted { source, .. } => source.source(),
            Error::Spawn { .. }
            | Error::Handshake { .. }
            | Error::Unusable { .. }
            | Error::Level { .. }
            | Error::Cases(_)
            | Error::Expect { .. }
            | Error::Io { .. }
            | Error::LineTooLong { .. } => None,
        }
    }
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

    /// `source` as the error of a batch stopped after `decided` (the results of its first
    /// documents): [`Error::Interrupted`], or `source` itself when nothing was decided.
    pub fn interrupted(decided: Vec<CaseResult>, source: Error) -> Error {
        if decided.is_empty() {
            return source;
        }
        Error::Interrupted {
            decided,
            source: Box::new(source),
        }
    }
}

/// This crate's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(e: Error) -> String {
        format!("{:#}", anyhow::Error::from(e))
    }

    #[test]
    fn regression_an_os_error_is_printed_once_through_a_chain_printer() {
        let spawn = Error::Spawn {
            command: "x".into(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        let text = chain(spawn);
        assert_eq!(text.matches("not found").count(), 1, "{text}");
        let io = Error::io(
            "reading",
            std::io::Error::from(std::io::ErrorKind::BrokenPipe),
        );
        let text = chain(io);
        assert_eq!(text.matches("broken pipe").count(), 1, "{text}");
    }

    #[test]
    fn interrupted_reads_as_its_source_once_and_is_the_source_itself_when_nothing_was_decided() {
        let decided = vec![Err(crate::CaseError::new(crate::CaseErrorKind::Crash, "x"))];
        let e = Error::interrupted(decided, Error::Cases("boom".into()));
        assert!(matches!(&e, Error::Interrupted { decided, .. } if decided.len() == 1));
        assert_eq!(chain(e), "cannot build cases: boom");
        assert!(matches!(
            Error::interrupted(Vec::new(), Error::Cases("c".into())),
            Error::Cases(_)
        ));
    }
}
