//! The run folder: where a run writes its report, its failing cases and its minimal documents.
//!
//! Every run writes into a folder of its own, created new under the output directory
//! (`j43-out/20261202T142501Z-4242/`), so no run ever deletes or overwrites another's files,
//! two runs at once never share a folder, and replaying a case of a run writes a new folder
//! beside it. Inside it, each document is written once, under its digest, however many cases
//! share it; files are created with `create_new`, so even a file that appeared in the folder
//! behind the run's back is never overwritten.

use crate::report::{case_file, minimal_file, RunReport};
use crate::run::{CaseOutcome, CaseRecord, Class, Observer};
use crate::shrink::Shrunk;
use crate::{Case, Error, Result};
use serde_json::json;
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The file in every run folder that marks it as one.
pub const MARKER: &str = ".j43-run";

/// A run's own folder.
#[derive(Debug)]
pub struct RunDir {
    path: PathBuf,
    written: BTreeSet<String>,
    bytes: u64,
    files: usize,
    failures: std::io::BufWriter<std::fs::File>,
    error: Option<Error>,
}

fn io(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::io(format!("cannot {what} `{}`", path.display()), e)
}

/// The UTC time as `YYYYMMDDTHHMMSSZ`, for folder names.
fn stamp() -> String {
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    now.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

impl RunDir {
    /// Creates a new folder for this run under `parent` (created if needed), named by the time
    /// and the process id, with a suffix if that name is taken. Never reuses a folder.
    pub fn create(parent: &Path) -> Result<RunDir> {
        std::fs::create_dir_all(parent).map_err(|e| io("create the folder", parent, e))?;
        let base = format!("{}-{}", stamp(), std::process::id());
        let mut n = 0u32;
        let path = loop {
            let name = if n == 0 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            let path = parent.join(name);
            match std::fs::create_dir(&path) {
                Ok(()) => break path,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(e) => return Err(io("create the run folder", &path, e)),
            }
        };
        for sub in ["cases", "minimal"] {
            let p = path.join(sub);
            std::fs::create_dir(&p).map_err(|e| io("create the folder", &p, e))?;
        }
        let marker = path.join(MARKER);
        std::fs::write(&marker, "j43 run folder\n").map_err(|e| io("write", &marker, e))?;
        let list = path.join("failures.jsonl");
        let failures = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&list)
            .map_err(|e| io("create", &list, e))?;
        Ok(RunDir {
            path,
            written: BTreeSet::new(),
            bytes: 0,
            files: 3,
            failures: std::io::BufWriter::new(failures),
            error: None,
        })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Digests of the case documents written.
    pub fn written(&self) -> &BTreeSet<String> {
        &self.written
    }

    /// Bytes written so far (documents, lists and reports).
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Files written so far.
    pub fn files(&self) -> usize {
        self.files
    }

    /// The first write error met while observing cases, if any (writing stops at the first).
    pub fn take_error(&mut self) -> Option<Error> {
        self.error.take()
    }

    fn create_file(&mut self, relative: &str, contents: &[u8]) -> Result<()> {
        let path = self.path.join(relative);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| io("create", &path, e))?;
        file.write_all(contents)
            .map_err(|e| io("write", &path, e))?;
        self.bytes += contents.len() as u64;
        self.files += 1;
        Ok(())
    }

    /// Writes a case document under `cases/<digest>.json` unless it is already there.
    pub fn write_case(&mut self, digest: &str, document: &[u8]) -> Result<()> {
        if self.written.contains(digest) {
            return Ok(());
        }
        self.create_file(&case_file(digest), document)?;
        self.written.insert(digest.to_owned());
        Ok(())
    }

    /// Writes the document of each class that was shrunk under `minimal/` (a class that was
    /// not shrunk has its smallest case under `cases/` already, or in `failures.jsonl`).
    pub fn write_minimal(&mut self, shrunk: &[Shrunk]) -> Result<()> {
        for s in shrunk.iter().filter(|s| s.status.shrank()) {
            self.create_file(&minimal_file(&s.class), &s.document)?;
        }
        Ok(())
    }

    /// Writes one minimal document under `minimal/<class slug>.json` (a merge copies them
    /// from its source folders).
    pub fn write_minimal_document(&mut self, class: &Class, document: &[u8]) -> Result<()> {
        self.create_file(&minimal_file(class), document)
    }

    /// Appends one line to `failures.jsonl`.
    pub fn failure_line(&mut self, line: &serde_json::Value) -> Result<()> {
        let mut text = line.to_string();
        text.push('\n');
        self.failures
            .write_all(text.as_bytes())
            .map_err(|e| io("write", &self.path.join("failures.jsonl"), e))?;
        self.bytes += text.len() as u64;
        Ok(())
    }

    /// Writes `report.json` (and flushes `failures.jsonl`).
    pub fn write_report(&mut self, report: &RunReport) -> Result<PathBuf> {
        self.failures
            .flush()
            .map_err(|e| io("write", &self.path.join("failures.jsonl"), e))?;
        let name = "report.json";
        self.create_file(name, report.to_json().as_bytes())?;
        Ok(self.path.join(name))
    }

    /// Points `parent/latest` at this folder, when `latest` is absent or already a symbolic
    /// link (a file or folder of that name that the user made is left alone). Best effort.
    pub fn link_latest(&self) {
        #[cfg(unix)]
        {
            let (Some(parent), Some(name)) = (self.path.parent(), self.path.file_name()) else {
                return;
            };
            let latest = parent.join("latest");
            let is_link = std::fs::symlink_metadata(&latest)
                .map(|m| m.file_type().is_symlink())
                .unwrap_or(true);
            if !is_link {
                return;
            }
            let temp = parent.join(format!(".latest-{}", std::process::id()));
            let _ = std::fs::remove_file(&temp);
            if std::os::unix::fs::symlink(name, &temp).is_ok()
                && std::fs::rename(&temp, &latest).is_err()
            {
                let _ = std::fs::remove_file(&temp);
            }
        }
    }
}

/// The line of `failures.jsonl` for a failing case.
pub fn failure_json(
    record: &CaseRecord,
    outcome: &CaseOutcome,
    file: Option<&str>,
) -> serde_json::Value {
    let mut line = json!({
        "index": record.index, "id": record.id, "source": record.source,
        "boundary": record.boundary, "bytes": record.bytes, "digest": record.digest,
        "file": file, "expected": record.expected,
    });
    let detail = match outcome {
        CaseOutcome::Agree => json!({}),
        CaseOutcome::Disagree {
            kind,
            rules,
            actual,
        } => json!({"kind": kind, "rules": rules, "actual": actual}),
        CaseOutcome::Error(e) => json!({"kind": "error", "error": e}),
    };
    if let (serde_json::Value::Object(l), serde_json::Value::Object(d)) = (&mut line, detail) {
        l.extend(d);
    }
    line
}

/// Documents larger than this are written at most once per class of failure.
pub const BIG: usize = 1 << 20;

/// Writes the failing cases of a run into its folder as they are decided: a line of
/// `failures.jsonl` for every one, and the document of each case listed in the report (the
/// first cases of each class) under `cases/`, except that of documents over [`BIG`] bytes only
/// the first of each class is written (the others are rebuilt by `j43 conform --only ID`).
pub struct Writer<'a> {
    dir: &'a mut RunDir,
    inner: &'a mut dyn Observer,
    big: BTreeSet<Class>,
}

impl<'a> Writer<'a> {
    /// Writes into `dir`, and tells `inner` of every case too.
    pub fn new(dir: &'a mut RunDir, inner: &'a mut dyn Observer) -> Writer<'a> {
        Writer {
            dir,
            inner,
            big: BTreeSet::new(),
        }
    }
}

impl Observer for Writer<'_> {
    fn case(&mut self, case: &Case, outcome: &CaseOutcome, failed: Option<(&CaseRecord, bool)>) {
        self.inner.case(case, outcome, failed);
        let Some((record, listed)) = failed else {
            return;
        };
        if self.dir.error.is_some() {
            return;
        }
        let mut file = None;
        let big = case.document.len() > BIG;
        let classes = Class::of(outcome);
        let write = listed && (!big || classes.iter().any(|c| !self.big.contains(c)));
        if write && big {
            self.big.extend(classes);
        }
        if write {
            match self.dir.write_case(&record.digest, &case.document) {
                Ok(()) => file = Some(case_file(&record.digest)),
                Err(e) => {
                    self.dir.error = Some(e);
                    return;
                }
            }
        }
        if let Err(e) = self
            .dir
            .failure_line(&failure_json(record, outcome, file.as_deref()))
        {
            self.dir.error = Some(e);
        }
    }

    fn progress(&mut self, done: usize) {
        self.inner.progress(done);
    }
}
