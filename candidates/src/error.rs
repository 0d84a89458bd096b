//! The crate's error type.

/// What can go wrong building or running a candidate (never a verdict: a design that breaks
/// rules is an answer, not an error).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The Rego engine rejected the policy or failed to evaluate it.
    #[error("rego: {0}")]
    Rego(String),
    /// The JSON Schema could not be read or compiled.
    #[error("json schema: {0}")]
    Schema(String),
    /// The policy answered something that is not a set of violations with known rule ids.
    #[error("unexpected policy output: {0}")]
    Output(String),
    /// Reading or writing the protocol streams failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
}

/// This crate's result.
pub type Result<T> = std::result::Result<T, Error>;
