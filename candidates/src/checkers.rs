//! The real candidates as [`Checker`]s: the Rego policy at level rules, the JSON Schema at level verdict.

use crate::{JsonSchema, Rego};
use j43_conformance::{Answer, CaseError, CaseErrorKind, CaseResult, Checker, Level};

impl Checker for Rego {
    fn name(&self) -> String {
        "rego (examples/candidates/rego/j43.rego on regorus 0.14)".into()
    }

    fn level(&self) -> Level {
        Level::Rules
    }

    fn check(&mut self, document: &[u8]) -> j43_conformance::Result<CaseResult> {
        Ok(self
            .rules(document)
            .map(Answer::from)
            .map_err(|e| CaseError::new(CaseErrorKind::Candidate, e.to_string())))
    }
}

impl Checker for JsonSchema {
    fn name(&self) -> String {
        "jsonschema (examples/candidates/jsonschema/design.schema.json on jsonschema 0.61)".into()
    }

    fn level(&self) -> Level {
        Level::Verdict
    }

    fn check(&mut self, document: &[u8]) -> j43_conformance::Result<CaseResult> {
        Ok(Ok(Answer::from(self.verdict(document))))
    }
}
