//! One-shot mode: one candidate process per document, verdict from the exit status.

use super::child::{self, StderrTail};
use super::{External, ExternalOptions};
use crate::protocol;
use crate::{Answer, CaseError, CaseErrorKind, CaseResult, Error, Level, Result};
use j43_model::Verdict;
use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

impl External {
    /// Runs the candidate once per document, up to `options.jobs` at a time, results in order.
    pub(super) fn batch_oneshot(&self, documents: &[&[u8]]) -> Result<Vec<CaseResult>> {
        let jobs = self.options.jobs.clamp(1, documents.len().max(1));
        let (command, options, family) = (&self.command, &self.options, &self.family);
        let next = AtomicUsize::new(0);
        let slots: Vec<Mutex<Option<Result<CaseResult>>>> =
            documents.iter().map(|_| Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let (Some(doc), Some(slot)) = (documents.get(i), slots.get(i)) else {
                        return;
                    };
                    let result = check_oneshot(command, options, doc, family.token());
                    let fatal = result.is_err();
                    if let Ok(mut s) = slot.lock() {
                        *s = Some(result);
                    }
                    if fatal {
                        // Stop handing out work: the run ends with this error.
                        next.store(documents.len(), Ordering::Relaxed);
                        return;
                    }
                });
            }
        });
        // Every document before the first harness error was handed out before it, so its
        // slot is filled: those results are kept (`Error::Interrupted`).
        let mut out = Vec::with_capacity(documents.len());
        for slot in slots {
            match slot.into_inner().ok().flatten() {
                Some(Ok(r)) => out.push(r),
                Some(Err(e)) => return Err(Error::interrupted(out, e)),
                None => {
                    let e = Error::Cases("a one-shot worker stopped without a result".into());
                    return Err(Error::interrupted(out, e));
                }
            }
        }
        Ok(out)
    }
}

/// Runs the candidate once on `document` with `token` (PROTOCOL.md §3); whatever it leaves
/// behind is killed before the result is returned.
fn check_oneshot(
    command: &[String],
    options: &ExternalOptions,
    document: &[u8],
    token: String,
) -> Result<CaseResult> {
    let level = options.level;
    let tail = StderrTail::default();
    let env = [("J43_LEVEL", level.as_str())];
    let mut spawned = child::spawn(command, &env, &tail, token).map_err(|source| Error::Spawn {
        command: command.join(" "),
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
    let limit = options.timeout + super::size_allowance(document.len());
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
            child::kill(&mut spawned.child, &spawned.token);
            let ms = limit.as_millis();
            return error(CaseErrorKind::Timeout, format!("no exit within {ms} ms"));
        }
        Err(e) => {
            child::kill(&mut spawned.child, &spawned.token);
            return error(
                CaseErrorKind::Crash,
                format!("cannot wait for the candidate: {e}"),
            );
        }
    };
    let grace = Duration::from_millis(1000);
    let out = output.and_then(|rx| rx.recv_timeout(grace).ok());
    // Whatever is left (in the group, or holding the token after `setsid`) goes.
    child::kill(&mut spawned.child, &spawned.token);
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
