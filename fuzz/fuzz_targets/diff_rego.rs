//! The reference against the Rego policy of `j43-candidates` on regorus, at level rules.
//! Disagreements are written out (see fuzz/README.md); expected for a non-conforming policy.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    j43_fuzz::differential(
        "diff_rego",
        || j43_fuzz::candidate("diff_rego", j43_candidates::Rego::new()),
        data,
    );
});
