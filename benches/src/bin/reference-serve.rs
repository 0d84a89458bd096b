//! `j43 serve` as a bench-local binary: the reference model as a persistent-mode candidate
//! (docs/PROTOCOL.md §5), built with the benches so the protocol bench needs no other build.

fn main() -> std::process::ExitCode {
    let input = std::io::BufReader::new(std::io::stdin());
    match j43_conformance::serve::serve(input, std::io::stdout().lock()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reference-serve: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
