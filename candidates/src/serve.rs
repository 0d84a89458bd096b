//! The candidate side of PROTOCOL.md's persistent mode, for the candidate binaries in `src/bin/`.

use crate::Result;
use j43_conformance::protocol::{decode_base64, PROTOCOL};
use j43_conformance::{Checker, Level};
use serde_json::{json, Value};
use std::io::{BufRead, Write};

/// Answers the harness's messages on `input` with `checker` on `output` (PROTOCOL.md §2) until
/// `bye` or end of file. A case the checker fails on gets an `error` response. `Err` only when
/// reading or writing fails or the checker reports a harness error.
pub fn serve(
    checker: &mut dyn Checker,
    version: &str,
    mut input: impl BufRead,
    mut output: impl Write,
) -> Result<()> {
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let Ok(request) = serde_json::from_str::<Value>(line.trim()) else {
            continue;
        };
        let reply = match request.get("type").and_then(Value::as_str) {
            Some("hello") => json!({
                "type": "hello",
                "protocol": PROTOCOL,
                "name": checker.name(),
                "version": version,
                "level": checker.level().as_str(),
            }),
            Some("check") => check(checker, &request)?,
            Some("bye") => return Ok(()),
            _ => continue,
        };
        writeln!(output, "{reply}")?;
        output.flush()?;
    }
}

fn check(checker: &mut dyn Checker, request: &Value) -> Result<Value> {
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let document = match (
        request.get("document").and_then(Value::as_str),
        request.get("document_base64").and_then(Value::as_str),
    ) {
        (Some(text), None) => text.as_bytes().to_vec(),
        (None, Some(b64)) => match decode_base64(b64) {
            Some(bytes) => bytes,
            None => return Ok(error(id, "`document_base64` is not base64")),
        },
        _ => {
            return Ok(error(
                id,
                "need exactly one of `document`, `document_base64`",
            ))
        }
    };
    let result = checker
        .check(&document)
        .map_err(|e| crate::Error::Output(e.to_string()))?;
    Ok(match result {
        Err(e) => error(id, &e.to_string()),
        Ok(answer) => {
            let mut reply = json!({
                "type": "result",
                "id": id,
                "verdict": answer.verdict.as_str(),
            });
            if checker.level() == Level::Rules {
                let rules: Vec<&str> = answer
                    .rules
                    .unwrap_or_default()
                    .into_iter()
                    .map(|r| r.as_str())
                    .collect();
                if let Some(map) = reply.as_object_mut() {
                    map.insert("rules".into(), json!(rules));
                }
            }
            reply
        }
    })
}

fn error(id: Value, message: &str) -> Value {
    json!({"type": "error", "id": id, "message": message})
}
