//! The wire messages of `docs/PROTOCOL.md` (`j43-protocol/1`), for both sides.

use crate::{Answer, Level};
use base64::Engine as _;
use j43_model::{RuleId, Verdict};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// The protocol version this crate speaks.
pub const PROTOCOL: &str = "j43-protocol/1";

/// The longest line either side accepts: 16 MiB (PROTOCOL.md §2.4).
pub const MAX_LINE: usize = 16 * 1024 * 1024;

/// The harness's `hello`, one line without its newline.
pub fn hello_request() -> String {
    json!({"type": "hello", "protocol": PROTOCOL, "format": j43_model::FORMAT_VERSION}).to_string()
}

/// A `check` request for `document`: `document` when it is UTF-8, else `document_base64`.
pub fn check_request(id: &str, document: &[u8]) -> String {
    // Written directly rather than through a `json!` tree, which would copy the document once
    // more; the line ends with `\n` capacity to spare, so the writer's newline never reallocates.
    let (member, text) = match std::str::from_utf8(document) {
        Ok(text) => ("document", std::borrow::Cow::Borrowed(text)),
        Err(_) => (
            "document_base64",
            std::borrow::Cow::Owned(encode_base64(document)),
        ),
    };
    let mut line = Vec::with_capacity(text.len() + text.len() / 4 + id.len() + 48);
    line.extend_from_slice(b"{\"type\":\"check\",\"id\":");
    let _ = serde_json::to_writer(&mut line, id);
    line.extend_from_slice(b",\"");
    line.extend_from_slice(member.as_bytes());
    line.extend_from_slice(b"\":");
    let _ = serde_json::to_writer(&mut line, text.as_ref());
    line.push(b'}');
    // serde_json writes valid UTF-8 (it escapes nothing it cannot represent).
    String::from_utf8(line).unwrap_or_default()
}

/// The `bye` message.
pub fn bye_request() -> String {
    json!({"type": "bye"}).to_string()
}

/// Base64 with padding (RFC 4648 §4).
pub fn encode_base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decodes base64 with padding (RFC 4648 §4); `None` when it is not.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

/// A candidate's `hello` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hello {
    /// `name`.
    pub name: String,
    /// `version`.
    pub version: String,
    /// `level`.
    pub level: Level,
}

/// Reads a candidate's `hello` line; `Err` says what is wrong with it.
pub fn parse_hello(line: &[u8]) -> Result<Hello, String> {
    let object = parse_object(line)?;
    if object.get("type").and_then(Value::as_str) != Some("hello") {
        return Err(format!("expected a hello, got `{}`", preview(line)));
    }
    if object.get("protocol").and_then(Value::as_str) != Some(PROTOCOL) {
        return Err(format!("hello without `\"protocol\":\"{PROTOCOL}\"`"));
    }
    let level = match object.get("level").and_then(Value::as_str) {
        Some("verdict") => Level::Verdict,
        Some("rules") => Level::Rules,
        _ => return Err("hello without a `level` of `verdict` or `rules`".into()),
    };
    let text = |k: &str| {
        object
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    Ok(Hello {
        name: text("name"),
        version: text("version"),
        level,
    })
}

/// A candidate's response to a `check`, read but not yet validated.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// `{"type":"result",…}`: the members as sent.
    Result {
        /// `id`.
        id: String,
        /// `verdict`, any JSON value.
        verdict: Value,
        /// `rules`, any JSON value, if present.
        rules: Option<Value>,
    },
    /// `{"type":"error",…}`.
    Error {
        /// `id`.
        id: String,
        /// `message`, if a string.
        message: String,
    },
}

impl Response {
    /// The id the response answers.
    pub fn id(&self) -> &str {
        match self {
            Response::Result { id, .. } | Response::Error { id, .. } => id,
        }
    }
}

/// Reads one response line. `Err` is a protocol error that breaks the stream (the harness kills
/// and restarts the candidate): not UTF-8, not a JSON object, or not a result or error with an id.
pub fn parse_response(line: &[u8]) -> Result<Response, String> {
    let mut object = parse_object(line)?;
    let id = match object.get("id") {
        Some(Value::String(id)) => id.clone(),
        _ => {
            return Err(format!(
                "response without a string `id`: `{}`",
                preview(line)
            ))
        }
    };
    match object.get("type").and_then(Value::as_str) {
        Some("result") => {
            let verdict = object
                .remove("verdict")
                .ok_or_else(|| format!("result without `verdict`: `{}`", preview(line)))?;
            Ok(Response::Result {
                id,
                verdict,
                rules: object.remove("rules"),
            })
        }
        Some("error") => Ok(Response::Error {
            id,
            message: object
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
        }),
        _ => Err(format!(
            "expected a result or an error, got `{}`",
            preview(line)
        )),
    }
}

/// Validates a result's `verdict` and `rules` at `level` (PROTOCOL.md §1, §2.2): the verdict is
/// `authorized` or `rejected`; at level rules, `rules` is an array of distinct known rule ids,
/// empty exactly when the verdict is authorized. `Err` is a protocol error of the case.
pub fn validate_result(
    verdict: &Value,
    rules: Option<&Value>,
    level: Level,
) -> Result<Answer, String> {
    let verdict = match verdict.as_str() {
        Some("authorized") => Verdict::Authorized,
        Some("rejected") => Verdict::Rejected,
        _ => {
            return Err(format!(
                "verdict `{verdict}` is not `authorized` or `rejected`"
            ))
        }
    };
    if level == Level::Verdict {
        return Ok(Answer {
            verdict,
            rules: None,
        });
    }
    let Some(Value::Array(items)) = rules else {
        return Err("a result at level rules needs a `rules` array".into());
    };
    let mut set = BTreeSet::new();
    for item in items {
        let id = item
            .as_str()
            .ok_or_else(|| format!("rule `{item}` is not a string"))?;
        let rule = RuleId::from_id(id).ok_or_else(|| format!("unknown rule id `{id}`"))?;
        if !set.insert(rule) {
            return Err(format!("rule `{id}` listed twice"));
        }
    }
    if (verdict == Verdict::Authorized) != set.is_empty() {
        return Err(format!(
            "verdict `{verdict}` with {} rule(s): an authorized result has no rules, a rejected one has some",
            set.len()
        ));
    }
    Ok(Answer {
        verdict,
        rules: Some(set),
    })
}

fn parse_object(line: &[u8]) -> Result<Map<String, Value>, String> {
    let text = std::str::from_utf8(line).map_err(|_| "a line that is not UTF-8".to_owned())?;
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(format!(
            "a line that is not a JSON object: `{}`",
            preview(line)
        )),
        Err(e) => Err(format!(
            "a line that is not JSON ({e}): `{}`",
            preview(line)
        )),
    }
}

/// The first 200 bytes of a line, lossily decoded and escaped to one line, for messages.
pub(crate) fn preview(line: &[u8]) -> String {
    let cut = line.get(..200).unwrap_or(line);
    let mut s = String::new();
    for c in String::from_utf8_lossy(cut).chars() {
        if c.is_control() {
            s.extend(c.escape_debug());
        } else {
            s.push(c);
        }
    }
    if line.len() > 200 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_request_uses_base64_only_for_non_utf8() {
        let text: Value = serde_json::from_str(&check_request("c1", b"{}")).unwrap();
        assert_eq!(text["document"], "{}");
        let bin: Value = serde_json::from_str(&check_request("c2", b"\xff{")).unwrap();
        assert_eq!(
            decode_base64(bin["document_base64"].as_str().unwrap()).unwrap(),
            b"\xff{"
        );
        assert!(bin.get("document").is_none());
    }

    #[test]
    fn validate_result_rejects_bad_verdicts_unknown_ids_and_inconsistent_sets() {
        let ok =
            validate_result(&json!("rejected"), Some(&json!(["NET-005"])), Level::Rules).unwrap();
        assert_eq!(ok.rules.unwrap().len(), 1);
        assert!(validate_result(&json!("maybe"), None, Level::Verdict).is_err());
        assert!(
            validate_result(&json!("rejected"), Some(&json!(["NET-999"])), Level::Rules).is_err()
        );
        assert!(validate_result(&json!("rejected"), Some(&json!([])), Level::Rules).is_err());
        assert!(validate_result(
            &json!("authorized"),
            Some(&json!(["DOC-001"])),
            Level::Rules
        )
        .is_err());
        assert!(validate_result(
            &json!("rejected"),
            Some(&json!(["DOC-001", "DOC-001"])),
            Level::Rules
        )
        .is_err());
        assert!(validate_result(&json!("authorized"), None, Level::Rules).is_err());
    }

    #[test]
    fn parse_response_needs_an_object_with_type_and_id() {
        assert!(parse_response(b"garbage").is_err());
        assert!(parse_response(b"[1]").is_err());
        assert!(parse_response(b"{\"type\":\"result\",\"verdict\":\"authorized\"}").is_err());
        assert!(parse_response(b"\xff").is_err());
        let r = parse_response(br#"{"type":"error","id":"c3","message":"boom"}"#).unwrap();
        assert_eq!(r.id(), "c3");
    }
}
