//! Choice sources: every generator is a function of a stream of bounded choices, 0 being simplest.
//!
//! One construction serves three drivers: a proptest tape of `u64`s ([`Tape`], which proptest
//! shrinks toward zeros, so toward simpler designs), libFuzzer bytes through
//! [`arbitrary::Unstructured`] ([`FuzzChoices`]), and a plain seeded generator
//! ([`SeedChoices`]) for deterministic builders. Choice 0 is always the simplest option (no
//! element, absent field, first pool entry), and every source answers 0 once it runs dry, so a
//! short input still builds a complete, small design.

/// A source of bounded choices.
pub trait Choices {
    /// A number in `0..n`; always 0 when `n` is 0 or 1. Lower numbers are simpler choices.
    fn below(&mut self, n: usize) -> usize;

    /// A number in `0..=max`.
    fn upto(&mut self, max: usize) -> usize {
        self.below(max.saturating_add(1))
    }

    /// A coin flip; `false` is the simpler side.
    fn flip(&mut self) -> bool {
        self.below(2) == 1
    }

    /// A raw 64-bit value (for seeds of permutations and render styles); 0 when dry.
    fn word(&mut self) -> u64 {
        let hi = self.below(1 << 31) as u64;
        let lo = self.below(1 << 31) as u64;
        (hi << 31) | lo
    }
}

/// Picks an element of a non-empty slice; `None` only for an empty slice.
pub(crate) fn pick<'a, T>(c: &mut dyn Choices, items: &'a [T]) -> Option<&'a T> {
    items.get(c.below(items.len()))
}

/// Picks a string from a pool, or `fallback` when the pool is empty.
pub(crate) fn pick_str(c: &mut dyn Choices, items: &[&str], fallback: &str) -> String {
    pick(c, items).copied().unwrap_or(fallback).to_owned()
}

/// A tape of choices, as proptest generates and shrinks it: value `v` answers `below(n)` with
/// `v % n`; past its end the tape answers 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tape {
    values: Vec<u64>,
    pos: usize,
}

impl Tape {
    /// A tape reading these values in order.
    pub fn new(values: Vec<u64>) -> Tape {
        Tape { values, pos: 0 }
    }
}

impl Choices for Tape {
    fn below(&mut self, n: usize) -> usize {
        let v = self.values.get(self.pos).copied().unwrap_or(0);
        self.pos = self.pos.saturating_add(1);
        if n <= 1 {
            0
        } else {
            (v % n as u64) as usize
        }
    }

    fn word(&mut self) -> u64 {
        let v = self.values.get(self.pos).copied().unwrap_or(0);
        self.pos = self.pos.saturating_add(1);
        v
    }
}

/// Choices read from fuzzer bytes with [`arbitrary::Unstructured::int_in_range`]; 0 when dry.
pub struct FuzzChoices<'a, 'b> {
    u: &'b mut arbitrary::Unstructured<'a>,
}

impl<'a, 'b> FuzzChoices<'a, 'b> {
    /// Choices drawn from these fuzzer bytes.
    pub fn new(u: &'b mut arbitrary::Unstructured<'a>) -> FuzzChoices<'a, 'b> {
        FuzzChoices { u }
    }
}

impl Choices for FuzzChoices<'_, '_> {
    fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        self.u.int_in_range(0..=n - 1).unwrap_or(0)
    }

    fn word(&mut self) -> u64 {
        self.u.arbitrary::<u64>().unwrap_or(0)
    }
}

/// Choices from a splitmix64 sequence of a seed: deterministic on every machine.
#[derive(Debug, Clone)]
pub struct SeedChoices {
    state: u64,
}

impl SeedChoices {
    /// The sequence of this seed.
    pub const fn new(seed: u64) -> SeedChoices {
        SeedChoices { state: seed }
    }
}

impl Choices for SeedChoices {
    fn below(&mut self, n: usize) -> usize {
        let v = self.word();
        if n <= 1 {
            0
        } else {
            (v % n as u64) as usize
        }
    }

    fn word(&mut self) -> u64 {
        splitmix(&mut self.state)
    }
}

/// One step of splitmix64.
pub(crate) fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Shuffles a slice with a Fisher-Yates permutation drawn from `seed` (identity for seed 0).
pub(crate) fn shuffle<T>(items: &mut [T], seed: u64) {
    if seed == 0 {
        return;
    }
    let mut state = seed;
    for i in (1..items.len()).rev() {
        let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}
