//! Progress of a run on standard error: a bar on a terminal, a line every few seconds otherwise
//! (so CI logs show life).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use j43_conformance::run::{CaseOutcome, CaseRecord, Observer};
use j43_conformance::Case;
use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// A bar when standard error is a terminal, lines otherwise.
    Auto,
    /// Lines on standard error, every `--progress-seconds`.
    Lines,
    /// Nothing.
    Never,
}

/// Shows progress of `total` cases.
pub struct Progress {
    bar: Option<ProgressBar>,
    lines: Option<Duration>,
    total: usize,
    started: Instant,
    last: Instant,
    failing: usize,
}

impl Progress {
    /// A progress display for `total` cases.
    pub fn new(mode: Mode, total: usize, every: Duration) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        let bar = (mode == Mode::Auto && terminal).then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(u64::try_from(total).unwrap_or(u64::MAX)),
                ProgressDrawTarget::stderr(),
            );
            if let Ok(style) =
                ProgressStyle::with_template("{bar:40} {pos}/{len} cases {per_sec} eta {eta} {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        let lines = match mode {
            Mode::Lines => Some(every),
            Mode::Auto if !terminal => Some(every),
            _ => None,
        };
        let now = Instant::now();
        Progress {
            bar,
            lines,
            total,
            started: now,
            last: now,
            failing: 0,
        }
    }

    /// A line of its own (shrinking, harness notes), on the bar or as a line.
    pub fn note(&mut self, message: &str) {
        match (&self.bar, self.lines) {
            (Some(bar), _) => bar.set_message(message.to_owned()),
            (None, Some(every)) if self.last.elapsed() >= every => {
                eprintln!("j43: {message}");
                self.last = Instant::now();
            }
            _ => {}
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Progress {
    fn case(&mut self, _: &Case, _: &CaseOutcome, failed: Option<(&CaseRecord, bool)>) {
        self.failing += usize::from(failed.is_some());
    }

    fn progress(&mut self, done: usize) {
        if let Some(bar) = &self.bar {
            bar.set_position(u64::try_from(done).unwrap_or(u64::MAX));
            return;
        }
        let Some(every) = self.lines else { return };
        if self.last.elapsed() < every {
            return;
        }
        self.last = Instant::now();
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        let rate = done as f64 / secs;
        let left = self.total.saturating_sub(done) as f64;
        let eta = if rate > 0.0 { left / rate } else { 0.0 };
        let percent = if self.total == 0 {
            100.0
        } else {
            done as f64 * 100.0 / self.total as f64
        };
        eprintln!(
            "j43: {done}/{} cases ({percent:.0}%), {rate:.0} cases/s, {} failing, eta {eta:.0} s",
            self.total, self.failing
        );
    }
}
