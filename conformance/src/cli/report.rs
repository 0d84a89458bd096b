//! `j43 report`: the HTML compliance page of several reports, side by side.

use super::EXIT_OK;
use anyhow::Context as _;
use j43_conformance::report::html::{self, Column, GENERATOR};
use j43_conformance::report::RunReport;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Arguments of `j43 report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The reports, one column each, in this order (`report.json` of a run or merge folder).
    #[arg(required = true, value_name = "REPORT.json")]
    reports: Vec<PathBuf>,
    /// Write the page to `DIR/index.html` (DIR is created if needed; an `index.html` that j43
    /// did not write is never replaced).
    #[arg(long, value_name = "DIR", required = true)]
    html: PathBuf,
}

/// Writes the page: exit 0 when written, 2 when a report cannot be read or the page cannot be
/// written (whatever the candidates' results: the page shows them).
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let mut reports = Vec::with_capacity(args.reports.len());
    for path in &args.reports {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        let report = RunReport::from_json(&text)
            .map_err(|e| anyhow::anyhow!("`{}` is not a j43 report: {e}", path.display()))?;
        let folder = super::merge::folder_of(path, &report).map(|f| f.display().to_string());
        reports.push((report, folder));
    }
    let columns: Vec<Column<'_>> = reports
        .iter()
        .map(|(report, folder)| Column {
            report,
            folder: folder.as_deref(),
        })
        .collect();
    let page = html::html(&columns);
    let path = write_page(&args.html, &page)?;
    let _ = writeln!(
        std::io::stdout().lock(),
        "wrote {} ({} {}, {} rules)",
        path.display(),
        columns.len(),
        if columns.len() == 1 {
            "candidate"
        } else {
            "candidates"
        },
        columns.first().map_or(0, |c| c.report.rules.len())
    );
    Ok(EXIT_OK)
}

/// Writes `dir/index.html` through a temporary file beside it, unless an `index.html` is
/// there that j43 did not write.
fn write_page(dir: &Path, page: &str) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let path = dir.join("index.html");
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
        Ok(meta) => {
            let mut head = Vec::new();
            if meta.is_file() {
                std::fs::File::open(&path)
                    .and_then(|f| f.take(4096).read_to_end(&mut head))
                    .with_context(|| format!("cannot read `{}`", path.display()))?;
            }
            if !String::from_utf8_lossy(&head).contains(GENERATOR) {
                anyhow::bail!(
                    "`{}` exists and was not written by j43 report: not replacing it (choose another --html folder)",
                    path.display()
                );
            }
        }
    }
    let temp = dir.join(format!(".index.html.{}", std::process::id()));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .with_context(|| format!("cannot create `{}`", temp.display()))?;
    let written = file
        .write_all(page.as_bytes())
        .and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| std::fs::rename(&temp, &path)) {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| format!("cannot write `{}`", path.display()));
    }
    Ok(path)
}
