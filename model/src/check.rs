//! The checker: bytes in, every violation out, in three layers (SPEC S4).

use crate::json::{ParseError, Tape, Value};
use crate::report::{Report, Violation};
use crate::{rules, shape, view};

/// Checks a document given as bytes and returns its report (SPEC S4, S9).
///
/// Total: any bytes in, a report out, never a panic. Time is linear in the input; memory is
/// bounded by the input (about 8 bytes per JSON value, plus the unescaped copies of strings
/// with escapes, plus a few dozen bytes per component), not by the number of violations,
/// since a report lists at most [`crate::LISTED_PER_RULE`] violations of each rule.
pub fn check(input: &[u8]) -> Report {
    match Tape::parse(input) {
        Ok(tape) => check_tape(&tape),
        Err(e) => parse_failure(input, e),
    }
}

/// Checks an already parsed document (layers 2 and 3 of SPEC S4): the report of `check` on
/// the value's bytes when the value came from parsing them.
///
/// A value built by other means is checked as it is (layer 1's duplicate-name, depth and
/// size limits are not applied), except that a value too large for the checker's tape (more
/// than about 10^9 values or bytes of text, far beyond the size limit of SPEC S2) is DOC-004.
pub fn check_value(document: &Value) -> Report {
    match Tape::from_value(document) {
        Ok(tape) => check_tape(&tape),
        Err(e) => Report::new(vec![Violation {
            pointer: String::new(),
            rule: e.rule,
            message: e.message,
        }]),
    }
}

fn check_tape(tape: &Tape<'_>) -> Report {
    let shape = shape::shape(tape.root());
    let mut violations = shape.violations;
    if !shape.blocking {
        violations.absorb(shape.in_text);
        let doc = view::Document::read(tape);
        rules::evaluate(&doc, &mut violations);
    }
    violations.finish()
}

fn parse_failure(input: &[u8], e: ParseError) -> Report {
    Report::new(vec![Violation {
        pointer: String::new(),
        rule: e.rule,
        message: format!("{} at {}", e.message, position(input, e.offset)),
    }])
}

/// `byte N (line L, column C)`, lines and columns from 1, columns in bytes.
fn position(input: &[u8], offset: usize) -> String {
    let before = input.get(..offset).unwrap_or(input);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    format!("byte {offset} (line {line}, column {column})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Value;
    use crate::{RuleId, LISTED_PER_RULE};
    use std::collections::BTreeSet;

    /// The base design with `members` added to the top-level object.
    fn base_with(members: impl IntoIterator<Item = (String, Value)>) -> Vec<u8> {
        let text = crate::Design::base().to_json();
        let mut doc = crate::json::parse(text.as_bytes()).unwrap();
        if let Value::Object(m) = &mut doc {
            m.extend(members);
        }
        doc.to_bytes()
    }

    #[test]
    fn a_rule_with_more_than_the_cap_lists_the_first_in_s9_order_and_counts_the_rest() {
        // 1000 unknown members (DOC-007) and one string with a CIDR block (NET-005 in text).
        let unknown = (0..1000).map(|i| (format!("x{i:04}"), Value::Null));
        let cidr = [("name".to_owned(), Value::String("in 10.0.0.0/8".to_owned()))];
        let report = check(&base_with(unknown.chain(cidr)));
        assert_eq!(
            report.rules(),
            BTreeSet::from([RuleId::Doc007, RuleId::Net005])
        );
        let listed: Vec<&str> = report
            .violations()
            .iter()
            .filter(|v| v.rule == RuleId::Doc007)
            .map(|v| v.pointer.as_str())
            .collect();
        let first: Vec<String> = (0..LISTED_PER_RULE).map(|i| format!("/x{i:04}")).collect();
        assert_eq!(listed, first);
        assert_eq!(report.omitted().get(&RuleId::Doc007), Some(&900));
        assert_eq!(report.found(RuleId::Doc007), 1000);
        assert_eq!(report.found(RuleId::Net005), 1);
    }

    #[test]
    fn text_findings_are_dropped_with_layer_3_when_layer_2_blocks() {
        let cidr = (0..300).map(|i| (format!("x{i}"), Value::Null));
        let bad_type = [("description".to_owned(), Value::Bool(true))];
        let report = check(&base_with(cidr.chain(bad_type)));
        assert_eq!(
            report.rules(),
            BTreeSet::from([RuleId::Doc005, RuleId::Doc007])
        );
        assert_eq!(report.omitted().get(&RuleId::Doc007), Some(&200));
    }

    #[test]
    fn positions_count_lines_from_newlines_and_columns_in_bytes_from_1() {
        assert_eq!(position(b"", 0), "byte 0 (line 1, column 1)");
        assert_eq!(position(b"ab\ncd", 4), "byte 4 (line 2, column 2)");
        assert_eq!(position(b"a\n\n\xc3\xa9x", 5), "byte 5 (line 3, column 3)");
        // An offset past the end counts the whole input.
        assert_eq!(position(b"a\nb", 9), "byte 9 (line 2, column 2)");
    }

    #[test]
    fn check_value_of_a_parsed_document_is_its_check() {
        let docs = [
            crate::Design::base().to_json().into_bytes(),
            base_with((0..500).map(|i| (format!("region{i}"), Value::Number(i.to_string())))),
            br#"{"format":"j43/1","environments":{"qa":{}},"diagrams":[{"title":"a -> b","content":"10.0.0.0/8"}]}"#.to_vec(),
            b"[1,2]".to_vec(),
        ];
        for doc in docs {
            let value = crate::json::parse(&doc).unwrap();
            assert_eq!(check_value(&value), check(&doc));
        }
    }
}
