//! Designs built by the generators' `Unstructured` builder get the verdict and rule set their
//! construction says (`j43_generators::fuzz_case`), and a well-formed report.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let case = j43_generators::fuzz_case(&mut u, &j43_generators::Settings::small());
    let report = j43_model::check(&case.document);
    let problem = j43_fuzz::well_formed(&case.document, &report).or_else(|| {
        let expected = case.expected.as_ref()?;
        (report.verdict() != expected.verdict || report.rules() != expected.rules).then(|| {
            format!(
                "expected {} {:?}, the reference says {} {:?}",
                expected.verdict,
                expected.rules,
                report.verdict(),
                report.rules()
            )
        })
    });
    if let Some(problem) = problem {
        eprintln!(
            "{} ({}): {problem}\ndocument: {}",
            case.family,
            case.description,
            String::from_utf8_lossy(&case.document)
        );
        std::process::abort();
    }
});
