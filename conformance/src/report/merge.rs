//! Merging reports: the shard reports of a suite (run on one machine or several) into the
//! report of the whole suite, as one run of it would have written.

use crate::suite::Shard;
use std::collections::BTreeSet;

/// The part of a suite a report covers: one shard (`2/3`, what `j43 conform --shard` runs) or
/// several shards of one count (`1,3/4`, what `j43 merge --allow-partial` gives when shards are
/// missing). Written `I/N` or `I,J,…/N`, the shard numbers in increasing order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Shards {
    count: usize,
    indices: BTreeSet<usize>,
}

impl Shards {
    /// Shards `indices` (1-based) of `count`; `Err` when there is none or one is out of
    /// `1..=count`.
    pub fn new(count: usize, indices: impl IntoIterator<Item = usize>) -> Result<Shards, String> {
        let indices: BTreeSet<usize> = indices.into_iter().collect();
        if indices.is_empty() {
            return Err("no shard".into());
        }
        if let Some(bad) = indices.iter().find(|&&i| i == 0 || i > count) {
            return Err(format!("shard {bad} of {count} needs 1 <= I <= N"));
        }
        Ok(Shards { count, indices })
    }

    /// The number of shards of the suite (`N`).
    pub fn count(&self) -> usize {
        self.count
    }

    /// The shard numbers covered, in increasing order.
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.indices.iter().copied()
    }

    /// The shard numbers not covered, in increasing order.
    pub fn missing(&self) -> Vec<usize> {
        (1..=self.count)
            .filter(|i| !self.indices.contains(i))
            .collect()
    }

    /// True when every shard is covered: the whole suite.
    pub fn is_whole(&self) -> bool {
        self.missing().is_empty()
    }

    /// True when the case at suite index `index` is in one of the shards.
    pub fn contains(&self, index: usize) -> bool {
        self.indices().any(|i| {
            Shard {
                index: i,
                count: self.count,
            }
            .contains(index)
        })
    }
}

impl From<Shard> for Shards {
    fn from(shard: Shard) -> Shards {
        Shards {
            count: shard.count,
            indices: BTreeSet::from([shard.index]),
        }
    }
}

impl std::fmt::Display for Shards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let indices: Vec<String> = self.indices().map(|i| i.to_string()).collect();
        write!(f, "{}/{}", indices.join(","), self.count)
    }
}

impl std::str::FromStr for Shards {
    type Err = String;
    fn from_str(s: &str) -> Result<Shards, String> {
        let bad = || format!("shards `{s}` are not `I/N` or `I,J,…/N`");
        let (list, n) = s.split_once('/').ok_or_else(bad)?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        let mut indices = BTreeSet::new();
        for i in list.split(',') {
            let i: usize = i.trim().parse().map_err(|_| bad())?;
            if !indices.insert(i) {
                return Err(format!("shards `{s}` name shard {i} twice"));
            }
        }
        Shards::new(count, indices).map_err(|e| format!("shards `{s}`: {e}"))
    }
}

impl serde::Serialize for Shards {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Shards {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Shards, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_read_back_what_they_write() {
        for text in ["2/3", "1,3/4", "1/1"] {
            let shards: Shards = text.parse().unwrap();
            assert_eq!(shards.to_string(), text);
        }
        let shards: Shards = "3, 1/4".parse().unwrap();
        assert_eq!(shards.to_string(), "1,3/4");
        assert_eq!(shards.missing(), vec![2, 4]);
        assert!(shards.contains(0) && shards.contains(2) && !shards.contains(1));
        for bad in ["0/3", "4/3", "1,1/3", "/3", "1/", "x/2", "1;2/3"] {
            assert!(bad.parse::<Shards>().is_err(), "{bad}");
        }
    }
}
