//! The reference never panics on any bytes, and its report is well formed
//! (`j43_fuzz::well_formed`: verdict agrees with emptiness, a parse violation is alone, ...).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = j43_model::check(data);
    if let Some(problem) = j43_fuzz::well_formed(data, &report) {
        // Abort so that libFuzzer saves the input as a crash artifact.
        eprintln!("ill-formed report: {problem}\nreport: {report:?}");
        std::process::abort();
    }
});
