//! `j43 check`: each file's verdict and violations.

use super::{EXIT_ERROR, EXIT_FAIL, EXIT_OK};
use anyhow::Context as _;
use j43_model::json::MAX_SIZE;
use j43_model::{Report, RuleId, Violation};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The most bytes read of one input: one more than the size limit of SPEC S2, so a larger file
/// is rejected (DOC-004) without being loaded whole.
pub const READ_CAP: u64 = MAX_SIZE as u64 + 1;

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
    /// A verdict line per file, then one line per violation listed, then one line per rule
    /// with violations not listed.
    Human,
    /// `{"file","verdict","violations","omitted"}` per file (SPEC S9).
    Json,
}

/// An input read for checking.
#[derive(Debug)]
struct Input {
    /// At most [`READ_CAP`] bytes of it (none when `size` already rejects it).
    bytes: Vec<u8>,
    /// The size of a regular file over the size limit, from its metadata; such a file is not
    /// read.
    too_large: Option<u64>,
}

/// The size of `path` when it is a regular file.
fn file_size(path: &Path) -> Option<u64> {
    std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
}

/// Reads at most [`READ_CAP`] bytes of a file, or of standard input for `-`.
pub fn read_capped(path: &Path) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(READ_CAP)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        return Ok(bytes);
    }
    let cannot = || format!("cannot read `{}`", path.display());
    let file = std::fs::File::open(path).with_context(cannot)?;
    // Sized from the metadata (plus one byte to see the end), so that the buffer is not grown
    // by doubling past the document.
    let size = file.metadata().map_or(0, |m| m.len());
    bytes.reserve_exact(size.min(READ_CAP) as usize + 1);
    file.take(READ_CAP)
        .read_to_end(&mut bytes)
        .with_context(cannot)?;
    Ok(bytes)
}

/// Reads an input for `j43 check`: a regular file larger than the size limit is not read at
/// all (its size is enough to reject it), anything else as [`read_capped`] does.
fn read(path: &Path) -> anyhow::Result<Input> {
    if path.as_os_str() != "-" {
        if let Some(size) = file_size(path).filter(|&s| s > MAX_SIZE as u64) {
            return Ok(Input {
                bytes: Vec::new(),
                too_large: Some(size),
            });
        }
    }
    Ok(Input {
        bytes: read_capped(path)?,
        too_large: None,
    })
}

/// The report of an input; a document over the size limit is one DOC-004 that says how large
/// it is when that is known (a regular file), rather than how much of it was read.
fn report(input: &Input) -> Report {
    let message = match input.too_large {
        Some(size) => format!("document is {size} bytes, more than the limit of {MAX_SIZE}"),
        None if input.bytes.len() > MAX_SIZE => {
            format!("document is more than the limit of {MAX_SIZE} bytes")
        }
        None => return j43_model::check(&input.bytes),
    };
    Report::new(vec![Violation {
        pointer: String::new(),
        rule: RuleId::Doc004,
        message,
    }])
}

/// Standard output that stops printing, silently, once it is closed (`j43 check | head`):
/// the files are still checked and the exit status still says what they are.
struct Output<W: Write> {
    out: W,
    closed: bool,
}

impl<W: Write> Output<W> {
    /// Runs `write` unless the output was closed; a broken pipe closes it, any other error
    /// is returned.
    fn write(&mut self, write: impl FnOnce(&mut W) -> std::io::Result<()>) -> anyhow::Result<()> {
        if self.closed {
            return Ok(());
        }
        match write(&mut self.out) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other.context("cannot write to standard output"),
        }
    }
}

fn print_human(out: &mut impl Write, name: &str, report: &Report) -> std::io::Result<()> {
    writeln!(out, "{name}: {}", report.verdict())?;
    for v in report.violations() {
        let pointer = if v.pointer.is_empty() {
            "(document)"
        } else {
            &v.pointer
        };
        writeln!(out, "  {}  {pointer}  {}", v.rule, v.message)?;
    }
    for (rule, more) in report.omitted() {
        writeln!(
            out,
            "  {rule}  … {more} more not listed ({} found; a report lists the first {} of each rule)",
            report.found(*rule),
            j43_model::LISTED_PER_RULE
        )?;
    }
    Ok(())
}

fn print_json(out: &mut impl Write, name: &str, report: &Report) -> std::io::Result<()> {
    let line = serde_json::json!({
        "file": name,
        "verdict": report.verdict(),
        "violations": report.violations(),
        "omitted": report.omitted(),
    });
    writeln!(out, "{line}")
}

/// Checks every file: exit 0 when all are authorized, 1 when any is rejected, 2 when any could
/// not be read (the others are still checked). A closed standard output stops the printing,
/// not the checking, and does not change the exit status.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let mut out = Output {
        out: std::io::BufWriter::new(std::io::stdout().lock()),
        closed: false,
    };
    let mut code = EXIT_OK;
    for path in &args.files {
        let name = path.display().to_string();
        let input = match read(path) {
            Ok(input) => input,
            Err(e) => {
                eprintln!("j43: error: {e:#}");
                code = EXIT_ERROR;
                continue;
            }
        };
        let report = report(&input);
        drop(input);
        if !report.is_authorized() && code == EXIT_OK {
            code = EXIT_FAIL;
        }
        match args.format {
            Format::Json => out.write(|o| print_json(o, &name, &report))?,
            Format::Human => out.write(|o| print_human(o, &name, &report))?,
        }
        // One file's output at a time, so a reader sees each file as it is decided.
        out.write(Write::flush)?;
    }
    Ok(code)
}
