//! Candidates for j43 conformance: real validators (Rego, JSON Schema), a buggy checker and mutants.
//!
//! [`Rego`] runs `examples/candidates/rego/j43.rego` on regorus; [`JsonSchema`] runs
//! `examples/candidates/jsonschema/design.schema.json` on the `jsonschema` crate. Both are
//! [`j43_conformance::Checker`]s and, through [`serve()`], the programs `j43-rego` and
//! `j43-jsonschema` of PROTOCOL.md. [`mutants`] derives deliberately wrong checkers from the
//! reference model, to show that the default suite catches each kind of mistake.

mod checkers;
mod error;
pub mod host;
pub mod json_schema;
pub mod mutants;
pub mod rego;
mod serve;

pub use error::{Error, Result};
pub use json_schema::JsonSchema;
pub use rego::Rego;
pub use serve::serve;
