//! One-shot mode: one candidate process per document, verdict from the exit status.

use super::child::{self, StderrTail};
use super::External;
use crate::protocol;
use crate::{Answer, CaseError, CaseErrorKind, CaseResult, Error, Level, Result};
use j43_model::Verdict;
use std::io::Write as _;
use std::time::Duration;

impl External {
    /// Runs the candidate once on `document` (PROTOCOL.md §3).
    pub(super) fn check_oneshot(&mut self, document: &[u8]) -> Result<CaseResult> {
        let level = self.options.level;
        let tail = StderrTail::default();
        let mut spawned = child::spawn(&self.command, &[("J43_LEVEL", level.as_str())], &tail)
            .map_err(|source| Error::Spawn {
                command: self.command_line(),
                source,
            })?;
        let stdout = spawned.child.stdout.take();
        if let Some(mut stdin) = spawned.child.stdin.take() {
            let doc = document.to_vec();
            std::thread::spawn(move || {
                // A candidate may exit without reading everything: ignore broken pipes.
                let _ = stdin.write_all(&doc);
            });
        }
        let output = stdout.map(child::read_all);
        let limit = self.options.timeout + super::size_allowance(document.len());
        let status = wait_timeout::ChildExt::wait_timeout(&mut spawned.child, limit);
        let error = |kind, message: String| {
            Ok(Err(CaseError {
                kind,
                message,
                stderr: tail.snapshot(),
            }))
        };
        let status = match status {
            Ok(Some(status)) => status,
            Ok(None) => {
                child::kill(&mut spawned.child);
                let ms = limit.as_millis();
                return error(CaseErrorKind::Timeout, format!("no exit within {ms} ms"));
            }
            Err(e) => {
                child::kill(&mut spawned.child);
                return error(
                    CaseErrorKind::Crash,
                    format!("cannot wait for the candidate: {e}"),
                );
            }
        };
        let grace = Duration::from_millis(1000);
        let out = output.and_then(|rx| rx.recv_timeout(grace).ok());
        // Whatever is left in the group (a background grandchild holding a pipe) goes.
        child::kill(&mut spawned.child);
        child::settle_stderr(&spawned.stderr_done, Duration::from_millis(200));
        let verdict = match status.code() {
            Some(0) => Verdict::Authorized,
            Some(1) => Verdict::Rejected,
            _ => {
                return error(
                    CaseErrorKind::Crash,
                    format!("the candidate ended with {status}"),
                )
            }
        };
        let Some(out) = out else {
            return error(
                CaseErrorKind::Protocol,
                "standard output was not closed".into(),
            );
        };
        if out.len() > protocol::MAX_LINE {
            return error(
                CaseErrorKind::Protocol,
                "more than 16 MiB on standard output".into(),
            );
        }
        if level == Level::Verdict && out.iter().all(u8::is_ascii_whitespace) {
            return Ok(Ok(Answer {
                verdict,
                rules: None,
            }));
        }
        let answer = match parse_output(&out, level) {
            Ok(a) => a,
            Err(e) => return error(CaseErrorKind::Protocol, e),
        };
        if answer.verdict != verdict {
            let m = format!(
                "exit status says `{verdict}`, standard output says `{}`",
                answer.verdict
            );
            return error(CaseErrorKind::Protocol, m);
        }
        Ok(Ok(answer))
    }
}

fn parse_output(out: &[u8], level: Level) -> std::result::Result<Answer, String> {
    let text = std::str::from_utf8(out).map_err(|_| "standard output is not UTF-8".to_owned())?;
    let value: serde_json::Value = serde_json::from_str(text.trim()).map_err(|e| {
        format!(
            "standard output is not one JSON object ({e}): `{}`",
            protocol::preview(out)
        )
    })?;
    let object = value.as_object().ok_or_else(|| {
        format!(
            "standard output is not a JSON object: `{}`",
            protocol::preview(out)
        )
    })?;
    let verdict = object
        .get("verdict")
        .ok_or("standard output has no `verdict`")?;
    protocol::validate_result(verdict, object.get("rules"), level)
}
