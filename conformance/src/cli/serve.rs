//! `j43 serve`: the reference model over the persistent candidate protocol.

use super::EXIT_OK;

/// Arguments of `j43 serve`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Serves PROTOCOL.md §2 on stdin and stdout until `bye` or end of file (exit 0). A request
/// line longer than [`j43_conformance::serve::MAX_REQUEST_LINE`] stops it with a message and
/// exit 2 (PROTOCOL.md §6.1), as does a failure to read or write (a closed standard output
/// included).
pub fn run(_: &Args) -> anyhow::Result<u8> {
    let stdin = std::io::BufReader::with_capacity(64 * 1024, std::io::stdin().lock());
    let stdout = std::io::stdout().lock();
    j43_conformance::serve::serve(stdin, stdout)?;
    Ok(EXIT_OK)
}
