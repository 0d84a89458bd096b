//! `j43 check`: each file's verdict and violations.

use super::{EXIT_ERROR, EXIT_FAIL, EXIT_OK};
use anyhow::Context as _;
use std::io::Read;
use std::io::Write as _;
use std::path::PathBuf;

/// The most bytes read of one input: one more than the size limit of SPEC S2, so a larger file
/// is rejected (DOC-004) without being loaded whole.
pub const READ_CAP: u64 = 64 * 1024 * 1024 + 1;

/// Arguments of `j43 check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents to check; `-` is standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format: human-readable, or one SPEC S9 JSON object per line.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Output format of `j43 check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A verdict line per file, then one line per violation.
    Human,
    /// `{"file","verdict","violations"}` per file (SPEC S9).
    Json,
}

/// Reads at most [`READ_CAP`] bytes of a file, or of standard input for `-`.
pub fn read_capped(path: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(READ_CAP)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(READ_CAP).read_to_end(&mut bytes))
            .with_context(|| format!("cannot read `{}`", path.display()))?;
    }
    Ok(bytes)
}

/// Checks every file: exit 0 when all are authorized, 1 when any is rejected, 2 when any could
/// not be read (the others are still checked).
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    let mut code = EXIT_OK;
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = match read_capped(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("j43: error: {e:#}");
                code = EXIT_ERROR;
                continue;
            }
        };
        let report = j43_model::check(&bytes);
        drop(bytes);
        if !report.is_authorized() && code == EXIT_OK {
            code = EXIT_FAIL;
        }
        match args.format {
            Format::Json => {
                let line = serde_json::json!({
                    "file": name,
                    "verdict": report.verdict(),
                    "violations": report.violations(),
                });
                writeln!(out, "{line}")?;
            }
            Format::Human => {
                writeln!(out, "{name}: {}", report.verdict())?;
                for v in report.violations() {
                    let pointer = if v.pointer.is_empty() {
                        "(document)"
                    } else {
                        &v.pointer
                    };
                    writeln!(out, "  {}  {pointer}  {}", v.rule, v.message)?;
                }
            }
        }
    }
    Ok(code)
}
