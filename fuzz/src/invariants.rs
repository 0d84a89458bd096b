//! Invariants every reference report must satisfy, whatever the input bytes.

use j43_model::{json, Layer, Report, Verdict};

/// Why a report of `input` is not well formed, or `None` when it is.
///
/// A report is well formed when: its verdict is authorized exactly when it has no violation;
/// a violation of a parse rule (layer 1) is alone, at pointer `""`, and is the rule that
/// `json::parse` fails with; every pointer is `""` or starts with `/`; and when the input
/// parses, checking the parsed value and checking the value printed back to bytes give the
/// same rule set as checking the bytes.
pub fn well_formed(input: &[u8], report: &Report) -> Option<String> {
    let violations = report.violations();
    if (report.verdict() == Verdict::Authorized) != violations.is_empty() {
        return Some(format!(
            "verdict {} with {} violations",
            report.verdict(),
            violations.len()
        ));
    }
    if let Some(v) = violations
        .iter()
        .find(|v| !v.pointer.is_empty() && !v.pointer.starts_with('/'))
    {
        return Some(format!(
            "pointer `{}` of {} is not a JSON pointer",
            v.pointer,
            v.rule.as_str()
        ));
    }
    let parse_rules = violations
        .iter()
        .filter(|v| v.rule.info().layer == Layer::Parse)
        .count();
    match json::parse(input) {
        Err(e) => {
            let alone = matches!(violations, [v] if v.rule == e.rule && v.pointer.is_empty());
            if !alone {
                return Some(format!(
                    "parse fails with {} but the report is {:?}",
                    e.rule.as_str(),
                    report.rules()
                ));
            }
        }
        Ok(value) => {
            if parse_rules > 0 {
                return Some(format!(
                    "input parses but the report has a parse rule: {:?}",
                    report.rules()
                ));
            }
            let from_value = j43_model::check_value(&value);
            if from_value != *report {
                return Some("check_value of the parsed input differs from check".into());
            }
            let reprinted = j43_model::check(&value.to_bytes());
            if reprinted.rules() != report.rules() {
                return Some(format!(
                    "reprinted input has rules {:?}, the input {:?}",
                    reprinted.rules(),
                    report.rules()
                ));
            }
        }
    }
    None
}
