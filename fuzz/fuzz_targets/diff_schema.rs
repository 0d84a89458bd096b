//! The reference against the JSON Schema candidate of `j43-candidates`, at level verdict.
//! Disagreements are written out (see fuzz/README.md); a schema cannot express every rule, so
//! they are expected.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    j43_fuzz::differential(
        "diff_schema",
        || j43_fuzz::candidate("diff_schema", j43_candidates::JsonSchema::new()),
        data,
    );
});
