//! `j43 rules`: the rule catalog with its sections.

use super::EXIT_OK;
use j43_model::{Layer, RuleId};
use std::io::Write as _;

/// Arguments of `j43 rules`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Output format of `j43 rules`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// One rule per line.
    Human,
    /// A JSON array of `{id, title, sections, layer, summary}`.
    Json,
}

fn layer(l: Layer) -> u8 {
    match l {
        Layer::Parse => 1,
        Layer::Shape => 2,
        Layer::Semantic => 3,
    }
}

/// Prints every rule of the catalog, in catalog order.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let rules: Vec<_> = RuleId::ALL
                .iter()
                .map(|r| {
                    let i = r.info();
                    serde_json::json!({
                        "id": i.id, "title": i.title, "sections": i.sections,
                        "layer": layer(i.layer), "summary": i.summary,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&rules)?)?;
        }
        Format::Human => {
            for r in RuleId::ALL {
                let i = r.info();
                writeln!(
                    out,
                    "{}  {:<44} §{:<9} layer {}  {}",
                    i.id,
                    i.title,
                    i.sections.join(", §"),
                    layer(i.layer),
                    i.summary
                )?;
            }
        }
    }
    Ok(EXIT_OK)
}
