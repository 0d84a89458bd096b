//! The suite: seeded, reproducible, shardable cases from the corpus, the generators and the exhaustive scope.

use crate::{Case, Error, Result, Source};
use j43_generators::{Family, Settings};
use j43_model::RuleId;

/// Which part of the cases a run takes: the cases whose index is `index - 1` modulo `count`.
/// Written `I/N` with `1 <= I <= N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based shard number.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

impl Default for Shard {
    fn default() -> Shard {
        Shard { index: 1, count: 1 }
    }
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("shard `{s}` is not `I/N`"))?;
        let index: usize = i
            .trim()
            .parse()
            .map_err(|_| format!("shard `{s}` is not `I/N`"))?;
        let count: usize = n
            .trim()
            .parse()
            .map_err(|_| format!("shard `{s}` is not `I/N`"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard `{s}` needs 1 <= I <= N"));
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// True when the case at `position` belongs to this shard.
    pub fn contains(&self, position: usize) -> bool {
        position % self.count.max(1) == self.index.saturating_sub(1)
    }
}

/// What goes into a suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuiteOptions {
    /// Generated cases in all (authorized, per-rule violating, multi-violation, arbitrary).
    pub cases: usize,
    /// Seed of every generator: the same seed gives the same cases.
    pub seed: u64,
    /// The part of the cases to run.
    pub shard: Shard,
    /// Include the static corpus.
    pub corpus: bool,
    /// Include the exhaustive scope.
    pub exhaustive: bool,
    /// The most exhaustive-scope cases taken (`usize::MAX`: the whole scope).
    pub exhaustive_cap: usize,
    /// Generator settings.
    pub settings: Settings,
}

impl Default for SuiteOptions {
    fn default() -> SuiteOptions {
        SuiteOptions {
            cases: 3000,
            seed: 0,
            shard: Shard::default(),
            corpus: true,
            exhaustive: true,
            exhaustive_cap: usize::MAX,
            settings: Settings::default(),
        }
    }
}

/// Builds the suite: corpus, then generated, then exhaustive cases, keeping this shard's.
/// Every case's oracle is the reference model.
pub fn build(options: &SuiteOptions) -> Result<Vec<Case>> {
    let mut all = Vec::new();
    if options.corpus {
        all.extend(corpus_cases()?);
    }
    all.extend(generated_cases(
        options.cases,
        options.seed,
        &options.settings,
    )?);
    if options.exhaustive {
        all.extend(boundary_cases(
            options.seed,
            &options.settings,
            options.exhaustive_cap,
        )?);
        all.extend(exhaustive_cases(options.exhaustive_cap)?);
    }
    Ok(all
        .into_iter()
        .enumerate()
        .filter(|(i, _)| options.shard.contains(*i))
        .map(|(_, c)| c)
        .collect())
}

/// The static corpus under `conformance/corpus/`, as embedded in the library.
pub fn corpus_cases() -> Result<Vec<Case>> {
    let corpus = crate::corpus::try_builtin().map_err(|e| Error::Cases(e.to_string()))?;
    Ok(corpus
        .iter()
        .map(|c| {
            Case::new(
                format!("corpus/{}", c.id),
                Source::Corpus,
                c.document_bytes(),
            )
        })
        .collect())
}

/// `count` generated cases from `seed` with `settings`: a sixth authorized, half violating one
/// rule each (every rule of the catalog at least once, DOC-004 once: its documents are 64 MiB),
/// a sixth with several violations, the rest arbitrary documents.
pub fn generated_cases(count: usize, seed: u64, settings: &Settings) -> Result<Vec<Case>> {
    Ok(generated_documents(count, seed, settings, true)
        .into_iter()
        .map(|(id, source, document)| Case::new(id, source, document))
        .collect())
}

/// The documents of [`generated_cases`] with their ids and sources, without the oracle's check.
/// Without `huge`, the single 64 MiB DOC-004 case is left out (arbitrary documents fill its
/// place), which is what a throughput measurement wants.
pub(crate) fn generated_documents(
    count: usize,
    seed: u64,
    settings: &Settings,
    huge: bool,
) -> Vec<(String, Source, Vec<u8>)> {
    let authorized = count / 6;
    let multi = count / 6;
    let per_rule = (count / 2 / RuleId::ALL.len()).max(1);
    let mut out = Vec::with_capacity(count + RuleId::ALL.len());
    let family = |out: &mut Vec<_>, f: Family, source: Source, n: usize, salt: u64| {
        for (i, g) in j43_generators::cases(&f, settings, seed ^ salt)
            .take(n)
            .enumerate()
        {
            out.push((format!("{}/{seed}/{i}", f.name()), source, g.document));
        }
    };
    family(
        &mut out,
        Family::Authorized,
        Source::Authorized,
        authorized,
        0x0A,
    );
    for (k, &rule) in (0u64..).zip(RuleId::ALL) {
        let n = match rule {
            RuleId::Doc004 if !huge => 0,
            RuleId::Doc004 => 1,
            _ => per_rule,
        };
        family(
            &mut out,
            Family::Violating(rule),
            Source::Violating,
            n,
            0x100 + k,
        );
    }
    family(&mut out, Family::Multi, Source::Multi, multi, 0x0B);
    let arbitrary = count.saturating_sub(out.len());
    family(
        &mut out,
        Family::Arbitrary,
        Source::Arbitrary,
        arbitrary,
        0x0C,
    );
    out
}

/// The boundary cases of the generators' catalog ([`j43_generators::boundary_catalog`]):
/// [`j43_generators::BOUNDARY_PER_CLASS`] on each side of every class, their surroundings
/// drawn from `seed` with `settings`, at most `cap` of them (the 64 MiB class is last, so a
/// cap below the whole catalog builds none of its documents). Ids are
/// `boundary/RULE/class/side/i`. Like the exhaustive scope, they are left out with it.
pub fn boundary_cases(seed: u64, settings: &Settings, cap: usize) -> Result<Vec<Case>> {
    let mut index = std::collections::BTreeMap::new();
    Ok(
        j43_generators::boundary_cases(settings, seed, j43_generators::BOUNDARY_PER_CLASS)
            .take(cap)
            .map(|g| {
                let id = match g.boundary {
                    Some(b) => {
                        let i = index.entry(b).or_insert(0usize);
                        *i += 1;
                        format!("boundary/{}/{}/{}/{}", b.rule, b.class, b.side, *i - 1)
                    }
                    None => "boundary".to_owned(),
                };
                Case::new(id, Source::Boundary, g.document)
            })
            .collect(),
    )
}

/// The exhaustive scope: every document of the generators' bounded enumeration, at most `cap`.
pub fn exhaustive_cases(cap: usize) -> Result<Vec<Case>> {
    // SEAM(generators): Family::Exhaustive is finite once the enumeration lands; until then
    // `cap` bounds it.
    Ok(
        j43_generators::cases(&Family::Exhaustive, &Settings::small(), 0)
            .take(cap)
            .enumerate()
            .map(|(i, g)| Case::new(format!("exhaustive/{i}"), Source::Exhaustive, g.document))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> SuiteOptions {
        SuiteOptions {
            corpus: false,
            exhaustive_cap: 20,
            settings: Settings::small(),
            ..SuiteOptions::default()
        }
    }

    #[test]
    fn shards_partition_the_cases() {
        let n: Shard = "2/3".parse().unwrap();
        assert!(n.contains(1) && n.contains(4) && !n.contains(0));
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        let all = build(&SuiteOptions {
            cases: 30,
            ..small()
        })
        .unwrap();
        let parts: usize = (1..=3)
            .map(|i| {
                build(&SuiteOptions {
                    cases: 30,
                    shard: Shard { index: i, count: 3 },
                    ..small()
                })
                .unwrap()
                .len()
            })
            .sum();
        assert_eq!(parts, all.len());
    }

    #[test]
    fn the_same_seed_gives_the_same_cases() {
        let a = build(&SuiteOptions {
            cases: 50,
            seed: 7,
            ..small()
        })
        .unwrap();
        let b = build(&SuiteOptions {
            cases: 50,
            seed: 7,
            ..small()
        })
        .unwrap();
        assert_eq!(a, b);
    }
}
