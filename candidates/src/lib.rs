//! Candidates for j43 conformance: real validators (Rego, JSON Schema), a buggy checker and mutants.

mod error;
pub mod host;
pub mod json_schema;
pub mod rego;

pub use error::{Error, Result};
pub use json_schema::JsonSchema;
pub use rego::Rego;
