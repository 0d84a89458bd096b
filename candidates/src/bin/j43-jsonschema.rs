//! `j43-jsonschema`: the JSON Schema candidate as a persistent-mode program (PROTOCOL.md §2).
//!
//! `j43-jsonschema [SCHEMA.json]`: the shipped schema, or the one given. Exit 0 after `bye` or
//! end of input, 2 when the schema does not load.

use std::io::{stdin, stdout, BufReader};
use std::process::ExitCode;

fn main() -> ExitCode {
    let schema = match std::env::args_os().nth(1) {
        None => j43_candidates::JsonSchema::new(),
        Some(path) => std::fs::read_to_string(&path)
            .map_err(j43_candidates::Error::from)
            .and_then(|text| j43_candidates::JsonSchema::with_schema(&text)),
    };
    let mut schema = match schema {
        Ok(s) => s,
        Err(e) => {
            eprintln!("j43-jsonschema: {e}");
            return ExitCode::from(2);
        }
    };
    let input = BufReader::new(stdin().lock());
    match j43_candidates::serve(
        &mut schema,
        env!("CARGO_PKG_VERSION"),
        input,
        stdout().lock(),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("j43-jsonschema: {e}");
            ExitCode::from(2)
        }
    }
}
