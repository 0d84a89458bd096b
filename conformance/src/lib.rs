//! j43 conformance: the candidate checkers, the runner, the corpus and the protocol.
//!
//! Every candidate implements [`Checker`]: the reference model ([`Reference`]), any Rust
//! function ([`from_fn`]) and any program speaking `docs/PROTOCOL.md` ([`External`]). The
//! [`suite`] plans seeded cases and builds them on worker threads, [`run()`] compares a
//! candidate's answers with the reference model's, [`shrink`] minimizes each class of failure,
//! [`report`] renders the results, [`output`] writes a run's own folder and
//! [`measure_external`] times a candidate.
//! Only this crate spawns processes.

mod bench;
mod checker;
pub mod corpus;
mod error;
pub mod expect;
mod external;
pub mod output;
pub mod protocol;
pub mod report;
pub mod run;
pub mod serve;
pub mod shrink;
pub mod suite;
pub mod testing;

pub use bench::{bench_documents, measure_external, ExternalStats};
pub use checker::{
    from_fn, Answer, CaseError, CaseErrorKind, CaseResult, Checker, FnChecker, Level, Reference,
};
pub use error::{Error, Result};
pub use external::{External, ExternalOptions, Mode};
pub use run::{
    compare, run, run_stream, Case, CaseOutcome, CaseRecord, Class, Disagreement, Failure, Kind,
    Observer, RuleStats, RunOptions, RunResult, Source,
};
