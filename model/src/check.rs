//! The checker: bytes in, every violation out, in three layers (SPEC S4).

use crate::json::{self, Value};
use crate::report::{Report, Violation};
use crate::{rules, shape, view};

/// Checks a document given as bytes and returns every violation (SPEC S4).
///
/// Total: any bytes in, a report out, in time and memory linear in the input. Never panics.
pub fn check(input: &[u8]) -> Report {
    match json::parse(input) {
        Ok(value) => check_value(&value),
        Err(e) => Report::new(vec![Violation {
            pointer: String::new(),
            rule: e.rule,
            message: format!("{} at {}", e.message, position(input, e.offset)),
        }]),
    }
}

/// Checks an already parsed document (layers 2 and 3 of SPEC S4).
pub fn check_value(document: &Value) -> Report {
    let shape = shape::shape(document);
    let mut violations = shape.violations;
    if !shape.blocking {
        violations.extend(shape.in_text);
        let doc = view::Document::read(document);
        rules::evaluate(&doc, &mut violations);
    }
    Report::new(violations)
}

/// `byte N (line L, column C)`, lines and columns from 1, columns in bytes.
fn position(input: &[u8], offset: usize) -> String {
    let before = input.get(..offset).unwrap_or(input);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    format!("byte {offset} (line {line}, column {column})")
}
