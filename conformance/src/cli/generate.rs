//! `j43 generate`: generated documents as JSON lines, deterministic per seed.

use super::EXIT_OK;
use anyhow::Context as _;
use j43_generators::{Family, Settings};
use j43_model::RuleId;
use std::io::Write as _;

/// Arguments of `j43 generate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which family of documents.
    #[arg(value_enum)]
    family: FamilyArg,
    /// The rule to violate (with `violating`).
    #[arg(long, required_if_eq("family", "violating"))]
    rule: Option<RuleId>,
    /// How many documents.
    #[arg(long, default_value_t = 10)]
    count: usize,
    /// Seed: the same seed gives the same documents.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Generator settings preset: small, default or large.
    #[arg(long, default_value = "default")]
    settings: String,
    /// Wrap each document as `{"document":…,"expected":{"verdict":…,"rules":[…]},"description":…}`
    /// (`document_base64` for bytes that are not UTF-8); `expected` is the reference's report.
    #[arg(long)]
    with_expected: bool,
}

/// The families of `j43 generate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FamilyArg {
    /// Authorized designs.
    Authorized,
    /// Designs violating `--rule`.
    Violating,
    /// Designs violating several rules.
    Multi,
    /// Malformed and arbitrary documents.
    Arbitrary,
    /// The bounded-exhaustive scope, in order.
    Exhaustive,
}

/// Prints `count` generated documents, one per line. Without `--with-expected`, a document
/// that cannot stand on one line as it is (not UTF-8, or a line break outside any JSON value)
/// is printed re-rendered compactly when it parses, and otherwise skipped with a note.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let settings = Settings::preset(&args.settings).with_context(|| {
        format!(
            "unknown settings preset `{}` (small, default, large)",
            args.settings
        )
    })?;
    let family = match args.family {
        FamilyArg::Authorized => Family::Authorized,
        FamilyArg::Violating => Family::Violating(args.rule.context("`violating` needs `--rule`")?),
        FamilyArg::Multi => Family::Multi,
        FamilyArg::Arbitrary => Family::Arbitrary,
        FamilyArg::Exhaustive => Family::Exhaustive,
    };
    let mut out = std::io::stdout().lock();
    let mut skipped = 0;
    // Case `i` is the suite's case `FAMILY/SEED/i` (`j43 conform --only` names it so).
    let cases: Box<dyn Iterator<Item = j43_generators::GeneratedCase>> = match family {
        Family::Exhaustive => Box::new(j43_generators::exhaustive()),
        _ => Box::new(
            (0u64..).map_while(|i| j43_generators::case_at(&family, &settings, args.seed, i)),
        ),
    };
    for case in cases.take(args.count) {
        let doc = &case.document;
        if args.with_expected {
            let report = j43_model::check(doc);
            let (key, text) = match std::str::from_utf8(doc) {
                Ok(text) => ("document", text.to_owned()),
                Err(_) => (
                    "document_base64",
                    j43_conformance::protocol::encode_base64(doc),
                ),
            };
            let mut line = serde_json::Map::new();
            line.insert(key.into(), text.into());
            line.insert(
                "expected".into(),
                serde_json::json!({"verdict": report.verdict(), "rules": report.rules()}),
            );
            line.insert("description".into(), case.description.into());
            let line = serde_json::Value::Object(line);
            writeln!(out, "{line}")?;
        } else if !doc.contains(&b'\n') && !doc.contains(&b'\r') && std::str::from_utf8(doc).is_ok()
        {
            out.write_all(doc)?;
            out.write_all(b"\n")?;
        } else if let Ok(value) = j43_model::json::parse(doc) {
            out.write_all(&value.to_bytes())?;
            out.write_all(b"\n")?;
        } else {
            skipped += 1;
        }
    }
    if skipped > 0 {
        eprintln!(
            "j43: {skipped} documents cannot stand on one line; use --with-expected to get them"
        );
    }
    Ok(EXIT_OK)
}
