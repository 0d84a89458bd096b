//! `j43 generate`: generated documents as JSON lines.

use super::EXIT_OK;
use std::io::Write as _;

/// Arguments of `j43 generate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many documents.
    #[arg(long, default_value_t = 10)]
    count: usize,
    /// Seed: the same seed gives the same documents.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

/// Prints generated documents, one per line.
// SEAM(generators): families and settings once `j43_generators` lands.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    for case in j43_conformance::suite::generated_cases(args.count, args.seed)? {
        writeln!(out, "{}", String::from_utf8_lossy(&case.document))?;
    }
    Ok(EXIT_OK)
}
