//! The JSON Schema candidate: `examples/candidates/jsonschema/design.schema.json` run by the `jsonschema` crate, behind the [`host`](crate::host) parser.

use crate::host::{self, Parsed};
use crate::{Error, Result};
use j43_model::Verdict;

/// The schema as shipped in `examples/candidates/jsonschema/design.schema.json`.
pub const SCHEMA: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/candidates/jsonschema/design.schema.json"
));

/// A compiled JSON Schema of authorized designs: valid means authorized.
pub struct JsonSchema {
    validator: jsonschema::Validator,
}

impl std::fmt::Debug for JsonSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonSchema").finish_non_exhaustive()
    }
}

impl JsonSchema {
    /// The shipped schema ([`SCHEMA`]).
    pub fn new() -> Result<JsonSchema> {
        JsonSchema::with_schema(SCHEMA)
    }

    /// Another schema, given as JSON text.
    pub fn with_schema(text: &str) -> Result<JsonSchema> {
        let schema: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Error::Schema(e.to_string()))?;
        let validator =
            jsonschema::validator_for(&schema).map_err(|e| Error::Schema(e.to_string()))?;
        Ok(JsonSchema { validator })
    }

    /// Authorized iff the host parses the document and the schema accepts it.
    pub fn verdict(&self, document: &[u8]) -> Verdict {
        match host::parse(document) {
            Parsed::Value(value) if self.validator.is_valid(&value) => Verdict::Authorized,
            _ => Verdict::Rejected,
        }
    }

    /// The validator's first complaint, for people (`None` when valid or when the host
    /// rejected the bytes).
    pub fn first_error(&self, document: &[u8]) -> Option<String> {
        match host::parse(document) {
            Parsed::Value(value) => self
                .validator
                .validate(&value)
                .err()
                .map(|e| format!("{} at `{}`", e, e.instance_path())),
            Parsed::Rejected(_) => None,
        }
    }
}
