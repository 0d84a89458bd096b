//! `j43-rego`: the Rego candidate as a persistent-mode program (PROTOCOL.md §2).
//!
//! `j43-rego [POLICY.rego]`: the shipped policy, or the one given. Exit 0 after `bye` or end of
//! input, 2 when the policy does not load.

use std::io::{stdin, stdout, BufReader};
use std::process::ExitCode;

fn main() -> ExitCode {
    let rego = match std::env::args_os().nth(1) {
        None => j43_candidates::Rego::new(),
        Some(path) => std::fs::read_to_string(&path)
            .map_err(j43_candidates::Error::from)
            .and_then(|text| j43_candidates::Rego::with_policy(&path.to_string_lossy(), &text)),
    };
    let mut rego = match rego {
        Ok(r) => r,
        Err(e) => {
            eprintln!("j43-rego: {e}");
            return ExitCode::from(2);
        }
    };
    let input = BufReader::new(stdin().lock());
    match j43_candidates::serve(&mut rego, env!("CARGO_PKG_VERSION"), input, stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("j43-rego: {e}");
            ExitCode::from(2)
        }
    }
}
