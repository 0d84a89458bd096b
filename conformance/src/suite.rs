//! The suite: seeded, reproducible, shardable cases from the corpus, the generators and the exhaustive scope.

use crate::{Case, Result, Source};

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
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl Default for SuiteOptions {
    fn default() -> SuiteOptions {
        SuiteOptions {
            cases: 3000,
            seed: 0,
            shard: Shard::default(),
            corpus: true,
            exhaustive: true,
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
    all.extend(generated_cases(options.cases, options.seed)?);
    if options.exhaustive {
        all.extend(exhaustive_cases()?);
    }
    Ok(all
        .into_iter()
        .enumerate()
        .filter(|(i, _)| options.shard.contains(*i))
        .map(|(_, c)| c)
        .collect())
}

/// The static corpus under `conformance/corpus/`.
// SEAM(corpus): load through `crate::corpus` once its loader lands.
pub fn corpus_cases() -> Result<Vec<Case>> {
    Ok(Vec::new())
}

/// `count` generated cases from `seed`.
// SEAM(generators): `j43_generators::cases` once it lands; until then the base design and
// seeded arbitrary bytes.
pub fn generated_cases(count: usize, seed: u64) -> Result<Vec<Case>> {
    let mut rng = SplitMix(seed);
    let base = j43_model::Design::base().to_json();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        if i % 2 == 0 {
            out.push(Case::new(
                format!("authorized/{i}"),
                Source::Authorized,
                base.clone().into_bytes(),
            ));
        } else {
            let len = usize::try_from(rng.next() % 64).unwrap_or(0);
            let bytes = (0..len).map(|_| rng.next().to_le_bytes()[0]).collect();
            out.push(Case::new(
                format!("arbitrary/{i}"),
                Source::Arbitrary,
                bytes,
            ));
        }
    }
    Ok(out)
}

/// The exhaustive scope.
// SEAM(generators): the generators' exhaustive enumeration once it lands.
pub fn exhaustive_cases() -> Result<Vec<Case>> {
    Ok(Vec::new())
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_cases() {
        let n: Shard = "2/3".parse().unwrap();
        assert!(n.contains(1) && n.contains(4) && !n.contains(0));
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        let all = build(&SuiteOptions {
            cases: 30,
            ..SuiteOptions::default()
        })
        .unwrap();
        let parts: usize = (1..=3)
            .map(|i| {
                build(&SuiteOptions {
                    cases: 30,
                    shard: Shard { index: i, count: 3 },
                    ..SuiteOptions::default()
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
            ..SuiteOptions::default()
        })
        .unwrap();
        let b = build(&SuiteOptions {
            cases: 50,
            seed: 7,
            ..SuiteOptions::default()
        })
        .unwrap();
        assert_eq!(a, b);
    }
}
