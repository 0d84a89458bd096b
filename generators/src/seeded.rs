//! Random access to seeded cases: case `i` of a family is a pure function of `(seed, family, i)`.
//!
//! [`cases`](crate::cases) draws its cases from one proptest runner in sequence, so case `i` can
//! only be had by building the `i` before it. The conformance runner needs more: it generates
//! cases on several threads at once, runs one shard of a suite without building the others,
//! and rebuilds a single failing case from its id. [`case_at`] gives that: every case has its
//! own choice stream, seeded from the suite's seed, the family and the index, read through the
//! same constructions as the proptest strategies (a stream of `settings.tape_len` choices, then
//! zeros, exactly as a proptest tape of that length would be read), without proptest's value
//! trees, which cost more than the construction itself.

use crate::case::{self, GeneratedCase};
use crate::choices::{splitmix, Choices};
use crate::document;
use crate::settings::Settings;
use crate::Family;

/// A splitmix64 stream of at most `left` choices, then zeros (like a [`crate::Tape`] of that
/// length).
struct Stream {
    state: u64,
    left: usize,
}

impl Choices for Stream {
    fn below(&mut self, n: usize) -> usize {
        let v = self.word();
        if n <= 1 {
            0
        } else {
            (v % n as u64) as usize
        }
    }

    fn word(&mut self) -> u64 {
        if self.left == 0 {
            return 0;
        }
        self.left -= 1;
        splitmix(&mut self.state)
    }
}

/// The seed of case `index` of `family` under the suite seed `seed`: FNV-1a of the family's
/// name, mixed with the seed and the index through splitmix64, so that neighbouring indices and
/// seeds give unrelated streams.
pub fn case_seed(family: &Family, seed: u64, index: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in family.name().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let mut state = h ^ seed.rotate_left(17);
    let a = splitmix(&mut state);
    let mut state = a ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    splitmix(&mut state)
}

/// Case `index` of `family` for `seed` and `settings`: the same for the same arguments on every
/// machine, whatever other cases are built, in any order or on any thread. `None` only past the
/// end of a finite family: [`Family::Exhaustive`] (seed-independent; its case `index` is the
/// `index`-th design of [`crate::exhaustive`], which this builds whole: callers that need many
/// of them should take the iterator) and [`Family::Boundary`] (case `index` of
/// [`crate::boundary_cases`]).
pub fn case_at(
    family: &Family,
    settings: &Settings,
    seed: u64,
    index: u64,
) -> Option<GeneratedCase> {
    let mut c = Stream {
        state: case_seed(family, seed, index),
        left: settings.tape_len,
    };
    let mut generated = match *family {
        Family::Authorized => case::authorized(&mut c, settings, None),
        Family::Violating(rule) => case::violating(rule, &mut c, settings),
        Family::Multi => case::multi(&mut c, settings),
        Family::Arbitrary => document::document(&mut c, settings),
        Family::Exhaustive => crate::exhaustive().nth(usize::try_from(index).ok()?)?,
        Family::Boundary { per_class } => {
            let mut i = usize::try_from(index).ok()?;
            let mut found = None;
            for b in crate::boundary_catalog() {
                let n = crate::boundary_cases_per_side(&b, per_class);
                if i < n {
                    found = crate::boundary_case(&b, i, settings, seed);
                    break;
                }
                i -= n;
            }
            found?
        }
    };
    generated.family = family.name();
    Some(generated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use j43_model::RuleId;

    #[test]
    fn case_at_is_a_function_of_its_arguments_only() {
        let s = Settings::small();
        let f = Family::Violating(RuleId::Net005);
        let forward: Vec<Vec<u8>> = (0..20)
            .map(|i| case_at(&f, &s, 7, i).unwrap().document)
            .collect();
        let backward: Vec<Vec<u8>> = (0..20)
            .rev()
            .map(|i| case_at(&f, &s, 7, i).unwrap().document)
            .collect();
        let mut backward = backward;
        backward.reverse();
        assert_eq!(forward, backward);
        let distinct: std::collections::BTreeSet<&Vec<u8>> = forward.iter().collect();
        assert!(
            distinct.len() > 10,
            "only {} distinct cases",
            distinct.len()
        );
        assert_ne!(
            case_at(&f, &s, 7, 0).unwrap().document,
            case_at(&f, &s, 8, 0).unwrap().document,
            "another seed gives another case"
        );
    }

    #[test]
    fn case_seeds_differ_across_families_seeds_and_indices() {
        let a = case_seed(&Family::Authorized, 0, 0);
        assert_ne!(a, case_seed(&Family::Multi, 0, 0));
        assert_ne!(a, case_seed(&Family::Authorized, 1, 0));
        assert_ne!(a, case_seed(&Family::Authorized, 0, 1));
    }
}
