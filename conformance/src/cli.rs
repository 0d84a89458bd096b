//! Argument parsing and dispatch of the `j43` subcommands, with the exit codes they share.

mod bench;
mod check;
mod conform;
mod generate;
mod merge;
mod progress;
mod report;
mod rules;
mod schema;
mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status: success (all authorized, the candidate conforms).
pub const EXIT_OK: u8 = 0;
/// Exit status: a document was rejected, or the candidate does not conform.
pub const EXIT_FAIL: u8 = 1;
/// Exit status: usage error, I/O error or harness error.
pub const EXIT_ERROR: u8 = 2;

const EXIT_CODES: &str = "Exit codes:
  0  success: every document authorized (check), the candidate conforms (conform, merge), measured (bench)
  1  a document was rejected (check), the candidate does not conform (conform, merge)
  2  usage error, I/O error, or harness error (the candidate cannot be run); reports that do not merge";

/// j43: check Zenthea Phase J.4.3 design documents and test other checkers against the reference.
#[derive(Debug, Parser)]
#[command(name = "j43", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check design documents and print their violations.
    Check(check::Args),
    /// Print the rule catalog.
    Rules(rules::Args),
    /// Print the JSON Schema of the document format.
    Schema(schema::Args),
    /// Answer the candidate protocol on stdin/stdout with the reference model.
    Serve(serve::Args),
    /// Test a candidate checker against the reference model.
    Conform(Box<conform::Args>),
    /// Print generated documents as JSON lines.
    Generate(generate::Args),
    /// Merge the reports of a suite's shards into one report and run folder.
    Merge(merge::Args),
    /// Write the HTML page comparing candidates' reports side by side.
    Report(report::Args),
    /// Measure a candidate program's throughput and latency.
    Bench(bench::Args),
}

/// Parses the arguments, runs the subcommand and maps errors to exit code 2. A closed standard
/// output (`j43 rules | head`) ends a subcommand quietly with exit 0 only where 0 is its true
/// status whatever it printed ([`closed_stdout_status`]); elsewhere it is an error like any other.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let on_closed_stdout = closed_stdout_status(&cli.command);
    let result = match cli.command {
        Command::Check(a) => check::run(&a),
        Command::Rules(a) => rules::run(&a),
        Command::Schema(a) => schema::run(&a),
        Command::Serve(a) => serve::run(&a),
        Command::Conform(a) => conform::run(&a),
        Command::Generate(a) => generate::run(&a),
        Command::Merge(a) => merge::run(&a),
        Command::Report(a) => report::run(&a),
        Command::Bench(a) => bench::run(&a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => match on_closed_stdout {
            Some(code) if is_broken_pipe(&e) => ExitCode::from(code),
            _ => {
                eprintln!("j43: error: {e:#}");
                ExitCode::from(EXIT_ERROR)
            }
        },
    }
}

/// The exit status of a subcommand whose standard output was closed under it, when that status
/// does not depend on the output: `rules`, `schema`, `generate` and `report` only print (0), and `bench`
/// prints after its measurement succeeded (0; a harness error returns 2 before printing). `None`
/// for `serve`, whose closed output leaves requests unanswered (exit 2), and for `check` and
/// `conform`, which keep deciding and return their own status when their output is closed
/// (a closed pipe that still reaches here is an error).
fn closed_stdout_status(command: &Command) -> Option<u8> {
    match command {
        Command::Rules(_) | Command::Schema(_) | Command::Generate(_) | Command::Bench(_) => {
            Some(EXIT_OK)
        }
        Command::Report(_) => Some(EXIT_OK),
        Command::Serve(_) | Command::Check(_) | Command::Conform(_) | Command::Merge(_) => None,
    }
}

/// True when the error is a closed standard output: not worth a message.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
