//! The reference against an external candidate over docs/PROTOCOL.md: the program in
//! `J43_CANDIDATE` (run with `sh -c`), so validators in any language can be fuzzed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    j43_fuzz::differential("external_differential", j43_fuzz::external_from_env, data);
});
