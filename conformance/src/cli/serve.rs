//! `j43 serve`: the reference model over the persistent candidate protocol.

use super::EXIT_OK;

/// Arguments of `j43 serve`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Serves PROTOCOL.md §2 on stdin and stdout until `bye` or end of file.
pub fn run(_: &Args) -> anyhow::Result<u8> {
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    j43_conformance::serve::serve(stdin, stdout)?;
    Ok(EXIT_OK)
}
