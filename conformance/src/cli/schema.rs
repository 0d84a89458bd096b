//! `j43 schema`: the JSON Schema of the document format.

use super::EXIT_OK;
use std::io::Write as _;

/// Arguments of `j43 schema`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Prints `j43_model::json_schema()`, pretty.
pub fn run(_: &Args) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&j43_model::json_schema())?
    )?;
    Ok(EXIT_OK)
}
