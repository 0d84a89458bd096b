//! Library code behind the j43 fuzz targets, which stay thin: the reference's invariants,
//! differential runs against candidates, and the disagreement files they write.

mod differential;
mod invariants;

pub use differential::{
    mismatch_of, Differential, Mismatch, BUDGET_VAR, CONTINUE_VAR, DEFAULT_MINIMIZE_BUDGET, DIR_VAR,
};
pub use invariants::well_formed;

use j43_conformance::{Checker, External, ExternalOptions, Level, Mode};
use std::cell::RefCell;
use std::collections::HashMap;

/// Environment variable holding the external candidate's command line, run with `sh -c`.
pub const CANDIDATE_VAR: &str = "J43_CANDIDATE";

/// Environment variable choosing the external candidate's mode: `persistent` (default) or
/// `one-shot`.
pub const MODE_VAR: &str = "J43_CANDIDATE_MODE";

/// Environment variable choosing the level the external candidate is compared at: `rules`
/// (default) or `verdict`.
pub const LEVEL_VAR: &str = "J43_CANDIDATE_LEVEL";

/// Environment variable naming the mutant `diff_mutant` fuzzes (such as `drop-NET-005`);
/// unset, the first input byte picks one.
pub const MUTANT_VAR: &str = "J43_MUTANT";

thread_local! {
    static STATE: RefCell<HashMap<String, Differential>> = RefCell::new(HashMap::new());
}

/// Runs one fuzz input through the differential target `target`, whose candidate `make`
/// builds on the first call (one candidate per fuzzing process and target name).
pub fn differential(target: &str, make: impl FnOnce() -> Box<dyn Checker>, data: &[u8]) {
    STATE.with_borrow_mut(|state| {
        state
            .entry(target.to_owned())
            .or_insert_with(|| Differential::new(target.to_owned(), make()))
            .run(data);
    });
}

/// Builds an in-process candidate of `j43-candidates`, aborting with a message if it cannot
/// be built (its policy or schema does not compile: nothing could be compared).
pub fn candidate<C: Checker + 'static, E: std::fmt::Display>(
    target: &str,
    made: Result<C, E>,
) -> Box<dyn Checker> {
    match made {
        Ok(c) => Box::new(c),
        Err(e) => {
            eprintln!("{target}: cannot build the candidate: {e}");
            std::process::abort();
        }
    }
}

/// `diff_mutant`: the mutant named by [`MUTANT_VAR`] on the whole input, or else the mutant
/// picked by the first byte (modulo the number of mutants) on the rest.
pub fn differential_mutant(data: &[u8]) {
    let mutants = j43_candidates::mutants::all();
    let (mutant, document) = match std::env::var(MUTANT_VAR) {
        Ok(name) => match mutants.into_iter().find(|m| m.name == name) {
            Some(m) => (m, data),
            None => {
                eprintln!(
                    "diff_mutant: no mutant named `{name}` (see j43_candidates::mutants::all)"
                );
                std::process::abort();
            }
        },
        Err(_) => {
            let Some((&first, rest)) = data.split_first() else {
                return;
            };
            let count = mutants.len().max(1);
            match mutants.into_iter().nth(usize::from(first) % count) {
                Some(m) => (m, rest),
                None => return,
            }
        }
    };
    let target = format!("diff_mutant-{}", mutant.name);
    differential(&target, move || Box::new(mutant), document);
}

/// The external candidate of [`CANDIDATE_VAR`], started once; aborts with a message when the
/// variable is unset or the candidate cannot start (nothing could be compared).
pub fn external_from_env() -> Box<dyn Checker> {
    let Ok(command) = std::env::var(CANDIDATE_VAR) else {
        eprintln!("external_differential: set {CANDIDATE_VAR} to the candidate's command line, e.g. `{CANDIDATE_VAR}='target/release/j43 serve'`");
        std::process::abort();
    };
    let mode = match std::env::var(MODE_VAR).as_deref() {
        Ok("one-shot") => Mode::OneShot,
        _ => Mode::Persistent,
    };
    let level = match std::env::var(LEVEL_VAR).as_deref() {
        Ok("verdict") => Level::Verdict,
        _ => Level::Rules,
    };
    let options = ExternalOptions {
        mode,
        level,
        ..ExternalOptions::default()
    };
    match External::start(
        vec!["sh".into(), "-c".into(), format!("exec {command}")],
        options,
    ) {
        Ok(external) => Box::new(external),
        Err(e) => {
            eprintln!("external_differential: cannot start `{command}`: {e}");
            std::process::abort();
        }
    }
}
