//! `j43 serve`: the reference model as a persistent-mode candidate (PROTOCOL.md §2, §5).

use crate::protocol::{self, PROTOCOL};
use crate::{Error, Result};
use serde_json::{json, Value};
use std::io::{BufRead, Write};

/// Answers PROTOCOL.md messages read from `input` on `output` with the reference model, at level
/// rules, until `bye` or end of file. A request it cannot read gets an `error` response when it
/// has an id, and is otherwise skipped. `Err` only when reading or writing fails.
pub fn serve(mut input: impl BufRead, mut output: impl Write) -> Result<()> {
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = input
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io("reading a request", e))?;
        if n == 0 {
            return Ok(());
        }
        let Some(reply) = answer(&line) else {
            continue;
        };
        let Some(reply) = reply else {
            return Ok(());
        };
        output
            .write_all(reply.as_bytes())
            .and_then(|()| output.write_all(b"\n"))
            .and_then(|()| output.flush())
            .map_err(|e| Error::io("writing a response", e))?;
    }
}

/// The response to one request line: `None` to skip it, `Some(None)` to stop (`bye`).
fn answer(line: &[u8]) -> Option<Option<String>> {
    let text = std::str::from_utf8(line).ok()?.trim();
    if text.is_empty() {
        return None;
    }
    let request: Value = serde_json::from_str(text).ok()?;
    let id = request.get("id").and_then(Value::as_str);
    let error = |message: &str| {
        id.map(|id| Some(json!({"type": "error", "id": id, "message": message}).to_string()))
    };
    match request.get("type").and_then(Value::as_str) {
        Some("hello") => Some(Some(
            json!({
                "type": "hello",
                "protocol": PROTOCOL,
                "name": "j43-serve",
                "version": env!("CARGO_PKG_VERSION"),
                "level": "rules",
            })
            .to_string(),
        )),
        Some("bye") => Some(None),
        Some("check") => {
            let id = id?;
            let document = match (request.get("document"), request.get("document_base64")) {
                (Some(Value::String(text)), None) => text.as_bytes().to_vec(),
                (None, Some(Value::String(b64))) => match protocol::decode_base64(b64) {
                    Some(bytes) => bytes,
                    None => return error("`document_base64` is not base64"),
                },
                _ => return error("exactly one of `document` and `document_base64` is required"),
            };
            let report = j43_model::check(&document);
            Some(Some(
                json!({
                    "type": "result",
                    "id": id,
                    "verdict": report.verdict(),
                    "rules": report.rules(),
                })
                .to_string(),
            ))
        }
        _ => error("unknown request type"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(input: &str) -> Vec<Value> {
        let mut out = Vec::new();
        serve(input.as_bytes(), &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn serve_answers_hello_checks_and_stops_at_bye() {
        let input = format!(
            "{}\n{}\n{}\n{}\n{}\n",
            protocol::hello_request(),
            protocol::check_request("a", b"[]"),
            protocol::check_request("b", b"\xff"),
            protocol::bye_request(),
            protocol::check_request("c", b"{}"),
        );
        let out = session(&input);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0]["level"], "rules");
        assert_eq!(out[1]["id"], "a");
        assert_eq!(out[1]["rules"], json!(["DOC-005"]));
        assert_eq!(out[2]["rules"], json!(["DOC-001"]));
    }

    #[test]
    fn serve_answers_a_request_it_cannot_read_with_an_error() {
        let out = session("{\"type\":\"check\",\"id\":\"x\"}\nnot json\n");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["type"], "error");
    }
}
