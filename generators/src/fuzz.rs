//! Fuzzer inputs: the same constructions driven by [`arbitrary::Unstructured`] bytes.
//!
//! Counts are bounded with `int_in_range` (through [`FuzzChoices`]) and the small settings, so
//! every input builds a design of a few kilobytes; when the bytes run out every further choice
//! is 0, the simplest. DOC-004 (64 MiB per document) is never built here.

use crate::case::{self, GeneratedCase};
use crate::choices::{Choices, FuzzChoices};
use crate::document;
use crate::settings::Settings;
use arbitrary::{Arbitrary, Unstructured};
use j43_model::RuleId;
use std::collections::BTreeSet;

/// Builds one case from fuzzer bytes: authorized, violating a rule, multi-violation or
/// malformed, with its expected report when known by construction.
pub fn fuzz_case(u: &mut Unstructured<'_>, settings: &Settings) -> GeneratedCase {
    let mut c = FuzzChoices::new(u);
    match c.below(4) {
        0 => case::authorized(&mut c, settings, None),
        1 => {
            let rules: Vec<RuleId> = RuleId::ALL
                .iter()
                .copied()
                .filter(|r| *r != RuleId::Doc004)
                .collect();
            let rule = rules
                .get(c.below(rules.len()))
                .copied()
                .unwrap_or(RuleId::Doc001);
            case::violating(rule, &mut c, settings)
        }
        2 => case::multi(&mut c, settings),
        _ => document::document(&mut c, settings),
    }
}

/// A fuzz input: document bytes and, when known by construction, the rule set the reference
/// must report (empty: authorized).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzDocument {
    /// The document.
    pub document: Vec<u8>,
    /// The expected rule set, if known.
    pub expected: Option<BTreeSet<RuleId>>,
    /// How it was built.
    pub description: String,
}

impl<'a> Arbitrary<'a> for FuzzDocument {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<FuzzDocument> {
        let case = fuzz_case(u, &Settings::small());
        Ok(FuzzDocument {
            document: case.document,
            expected: case.expected.map(|e| e.rules),
            description: case.description,
        })
    }
}
