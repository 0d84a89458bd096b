//! The JSON host shared by the Rego and JSON Schema candidates: bytes to a `serde_json` value.
//!
//! This is what a team does when its policy engine wants JSON values: it parses with
//! `serde_json` and maps failures to the parse rules. It is deliberately not the SPEC S2
//! parser, and the differences are real sources of disagreement:
//!
//! - duplicate member names are accepted, the last one wins (SPEC: DOC-002);
//! - numbers outside `f64` (`1e400`) are a parse error, DOC-001 (SPEC: a valid number);
//! - nesting deeper than 128 is `serde_json`'s recursion limit, DOC-001 (SPEC: DOC-003);
//!   depth 65 to 128 is measured here and reported as DOC-003.

use j43_model::json::{MAX_DEPTH, MAX_SIZE};
use j43_model::RuleId;

/// What the host made of the bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// A JSON value the policy can look at.
    Value(serde_json::Value),
    /// A parse rule the host decided on its own (DOC-001, DOC-003 or DOC-004).
    Rejected(RuleId),
}

/// Parses a document as the host does (see the module docs for how that differs from SPEC S2).
pub fn parse(document: &[u8]) -> Parsed {
    if document.len() > MAX_SIZE {
        return Parsed::Rejected(RuleId::Doc004);
    }
    let Ok(text) = std::str::from_utf8(document) else {
        return Parsed::Rejected(RuleId::Doc001);
    };
    match serde_json::from_str::<serde_json::Value>(text) {
        Err(_) => Parsed::Rejected(RuleId::Doc001),
        Ok(value) if depth(&value) > MAX_DEPTH => Parsed::Rejected(RuleId::Doc003),
        Ok(value) => Parsed::Value(value),
    }
}

/// Nesting depth of arrays and objects; scalars count 0, the top container 1 (SPEC S2.5).
fn depth(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        serde_json::Value::Object(members) => 1 + members.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(n: usize) -> String {
        format!("{}{}", "[".repeat(n), "]".repeat(n))
    }

    #[test]
    fn host_parse_differs_from_spec_on_duplicates_numbers_and_depth() {
        // Duplicate names: last wins.
        assert_eq!(
            parse(br#"{"a":1,"a":2}"#),
            Parsed::Value(serde_json::json!({"a": 2}))
        );
        // 1e400 is valid JSON but not an f64.
        assert_eq!(parse(b"[1e400]"), Parsed::Rejected(RuleId::Doc001));
        // Depth 64 is fine, 65..=128 is DOC-003, beyond is serde_json's recursion limit.
        assert!(matches!(parse(nested(64).as_bytes()), Parsed::Value(_)));
        assert_eq!(
            parse(nested(65).as_bytes()),
            Parsed::Rejected(RuleId::Doc003)
        );
        assert_eq!(
            parse(nested(200).as_bytes()),
            Parsed::Rejected(RuleId::Doc001)
        );
        // The SPEC agrees on BOM and lone surrogates.
        assert_eq!(parse(b"\xef\xbb\xbf{}"), Parsed::Rejected(RuleId::Doc001));
        assert_eq!(parse(br#"["\ud800"]"#), Parsed::Rejected(RuleId::Doc001));
    }
}
