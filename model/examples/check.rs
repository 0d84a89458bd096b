//! Reads one document on stdin and prints `{"verdict":…,"rules":[…],"violations":[…]}`.
//!
//! A dependency-free way to ask the reference model about one document:
//! `cargo run -q -p j43-model --example check < design.json`.

use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input)?;
    let report = j43_model::check(&input);
    let out = serde_json::json!({
        "verdict": report.verdict(),
        "rules": report.rules(),
        "violations": report.violations(),
    });
    println!("{out}");
    Ok(())
}
