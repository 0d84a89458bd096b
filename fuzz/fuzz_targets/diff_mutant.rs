//! The reference against a mutant of the reference from `j43-candidates`: the one named by
//! `J43_MUTANT`, or else the one the first input byte picks. Every mutant is wrong somewhere,
//! so disagreements are expected; the time to the first one measures the fuzzer.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| j43_fuzz::differential_mutant(data));
