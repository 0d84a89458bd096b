//! The Rego candidate: `examples/candidates/rego/j43.rego` evaluated by regorus, behind the [`host`](crate::host) parser.

use crate::host::{self, Parsed};
use crate::{Error, Result};
use j43_model::RuleId;
use std::collections::BTreeSet;

/// The policy as shipped in `examples/candidates/rego/j43.rego`.
pub const POLICY: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/candidates/rego/j43.rego"
));

/// The rule evaluated for each document: a set of `{"rule": id, ...}` objects.
pub const QUERY: &str = "data.j43.violations";

/// A Rego policy of j43 designs, loaded once and evaluated per document.
#[derive(Clone)]
pub struct Rego {
    engine: regorus::Engine,
}

impl std::fmt::Debug for Rego {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rego").finish_non_exhaustive()
    }
}

impl Rego {
    /// The shipped policy ([`POLICY`]).
    pub fn new() -> Result<Rego> {
        Rego::with_policy("j43.rego", POLICY)
    }

    /// Another policy (same package `j43` and rule `violations`); `path` names it in errors.
    pub fn with_policy(path: &str, source: &str) -> Result<Rego> {
        let mut engine = regorus::Engine::new();
        engine
            .add_policy(path.to_owned(), source.to_owned())
            .map_err(|e| Error::Rego(e.to_string()))?;
        engine
            .add_data(regorus::Value::from(tables()))
            .map_err(|e| Error::Rego(e.to_string()))?;
        Ok(Rego { engine })
    }

    /// The set of rules the policy (or the host, for parse rules) finds violated; empty means
    /// authorized.
    pub fn rules(&mut self, document: &[u8]) -> Result<BTreeSet<RuleId>> {
        let value = match host::parse(document) {
            Parsed::Rejected(rule) => return Ok(BTreeSet::from([rule])),
            Parsed::Value(value) => value,
        };
        self.engine.set_input(regorus::Value::from(value));
        let out = self
            .engine
            .eval_rule(QUERY.to_owned())
            .map_err(|e| Error::Rego(e.to_string()))?;
        let json = out.to_json_str().map_err(|e| Error::Rego(e.to_string()))?;
        rule_ids(&json)
    }
}

/// The forbidden-member tables of SPEC S3.14 as policy data (`data.j43_tables`): the policy's
/// authors did not retype them, they load SPEC's table (the model's copy, kept equal to SPEC.md
/// by the model's tests).
fn tables() -> serde_json::Value {
    let rows =
        |table: &[j43_model::ForbiddenMembers]| -> serde_json::Map<String, serde_json::Value> {
            table
                .iter()
                .map(|row| (row.rule.as_str().to_owned(), serde_json::json!(row.names)))
                .collect()
        };
    serde_json::json!({"j43_tables": {
        "specific": {
            "Service": rows(j43_model::SERVICE_FORBIDDEN),
            "Database": rows(j43_model::DATABASE_FORBIDDEN),
        },
        "general": rows(j43_model::GENERAL_FORBIDDEN),
    }})
}

/// Reads the policy's output (a JSON array of objects with a `rule` member) into rule ids.
fn rule_ids(json: &str) -> Result<BTreeSet<RuleId>> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| Error::Output(e.to_string()))?;
    let items = value
        .as_array()
        .ok_or_else(|| Error::Output(format!("not a set: `{json}`")))?;
    items
        .iter()
        .map(|item| {
            let id = item
                .get("rule")
                .and_then(serde_json::Value::as_str)
                .ok_or_else(|| Error::Output(format!("no `rule` in `{item}`")))?;
            RuleId::from_id(id).ok_or_else(|| Error::Output(format!("unknown rule `{id}`")))
        })
        .collect()
}
