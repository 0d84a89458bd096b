//! Designs by construction for j43: the authorized space, single and multiple violations,
//! malformed inputs, a bounded-exhaustive scope, and a structural minimizer.
//!
//! Generators never call [`j43_model::check`] to decide what they built: each case carries
//! the report it must get ([`Expected`]), known from how it was made. Tests compare the two.
//!
//! # Drivers
//!
//! Every generator is a function of a stream of bounded choices ([`Choices`]), 0 being the
//! simplest. The same construction is driven by
//! - proptest ([`arb_authorized_design`], [`arb_violating_design`], [`arb_multi_violation`],
//!   [`arb_document`], [`arb_near_miss`]): a flat tape of `u64`s that proptest shrinks toward 0;
//! - fuzzers ([`fuzz_case`]): [`arbitrary::Unstructured`] bytes, counts bounded with
//!   `int_in_range`;
//! - seeds ([`cases`]): proptest's ChaCha RNG seeded from a `u64`, the same on every machine.
//!
//! # API for the CLI
//!
//! `j43 generate` maps onto [`cases`]`(&Family, &Settings, seed)` (settings from
//! [`Settings::preset`]: `small`, `default`, `large`); every case is a [`GeneratedCase`]
//! `{ family, description, document, expected: Option<Expected { verdict, rules }> }`.
//! [`Family::Exhaustive`] is finite (the scope of [`exhaustive`], seed-independent); the other
//! families are infinite and the same for the same seed on every machine. Minimization is
//! [`minimize`]`(document, predicate, budget) -> Minimized { document, one_minimal,
//! predicate_calls }`. Fuzz targets use [`FuzzDocument`] (an [`arbitrary::Arbitrary`]) or
//! [`fuzz_case`]. Benchmarks use [`design_with_components`]`(n)`. The boundary classes are
//! [`boundary_catalog`] (labels), [`boundary_classes`] (with their SPEC sections and sides)
//! and [`boundary_cases`]`(settings, seed, per_class)` (also [`Family::Boundary`]).
//!
//! # Costs
//!
//! `Family::Violating(DOC-004)` and `arb_near_miss(DOC-004)` build a 64 MiB document per case
//! (an allocation and a fill, tens of milliseconds); so does the boundary class `DOC-004
//! size-limit` (below); nothing else does, and the fuzz builder never builds DOC-004.
//!
//! # Boundary classes
//!
//! For every rule, the exact edges of its predicate, each with a violating
//! side and a near-miss side, and a generator of cases on both sides in varied surroundings.
//!
//! A **boundary class** ([`Boundary`]) is a rule, a stable kebab-case name unique within the
//! rule, and a side. On the [`Side::Violating`] side the class's rule fires; on the
//! [`Side::NearMiss`] side it does not (other rules may: a near-miss of DOC-006 may well be a
//! DOC-005). [`boundary_catalog`] lists every class, both sides, in a stable order;
//! [`boundary_cases`] builds `per_class` cases on each side of each class
//! ([`BOUNDARY_PER_CLASS`] in the default suite), each with the rule set it must get, known by
//! construction, and with its label in [`GeneratedCase::boundary`].
//!
//! Each case sits in its own surroundings, drawn from the seed: a random authorized design
//! (services, databases, adapters, diagrams, id styles, descriptions), the environment and
//! component that carry the edit, the position of a string, the render style (whitespace
//! between tokens, `\uXXXX` escapes) and the text around an artifact. Within a class, the
//! variants of the boundary (the rows of an edge-case table, the values of an enumeration,
//! the members of a kind) are taken in turn, so that every variant is met by
//! `per_class / variants` cases at least.
//!
//! A label is written `RULE class side`, for example `NET-005 cidr-v4-prefix-max near-miss`
//! ([`Boundary`]'s `Display`); `side` is `violating` or `near-miss`.
//!
//! Only this family carries labels: the authorized, violating, multi, arbitrary and exhaustive
//! families leave [`GeneratedCase::boundary`] as `None`.
//!
//! Scanned positions (S6.3): ids, names, references, descriptions, the design's name, diagram
//! titles and contents each have classes for every every-string grammar. Enumeration values
//! and the `format` constant are scanned too, but no value they accept holds a CIDR block or a
//! provider artifact and any other value is DOC-008, which hides layer 3: scanning them or not
//! never changes a rule set, so they have no class.
//!
//! ## Costs
//!
//! The one class `DOC-004 size-limit` builds documents of 64 MiB (an allocation and a fill of
//! tens of milliseconds each); it is taken at most [`HUGE_PER_SIDE`] times per side, whatever
//! `per_class`, and it is the last class of the catalog, so that a prefix of the cases never
//! builds one. Every other case costs about as much as one generated design.
//!
//! ## The catalog
//!
#![doc = include_str!("../BOUNDARIES.md")]

mod authorized;
mod boundary;
mod case;
mod choices;
mod document;
mod exhaustive;
mod fuzz;
mod minimize;
mod nearmiss;
mod seeded;
mod serialize;
mod settings;
mod strategies;
mod text;
mod tree;
mod violate;
mod work;

pub use authorized::design_with_components;
pub use boundary::{
    boundary_case, boundary_cases, boundary_cases_per_side, boundary_catalog, boundary_classes,
    Boundary, BoundaryClass, Side, BOUNDARY_PER_CLASS, HUGE_PER_SIDE,
};
pub use case::{Expected, GeneratedCase};
pub use choices::{Choices, FuzzChoices, SeedChoices, Tape};
pub use exhaustive::{exhaustive, exhaustive_classes, exhaustive_size};
pub use fuzz::{fuzz_case, FuzzDocument};
pub use minimize::{minimize, minimize_until, Minimized};
pub use seeded::{case_at, case_seed};
pub use settings::Settings;
pub use strategies::{
    arb_authorized_design, arb_document, arb_multi_violation, arb_near_miss, arb_tape,
    arb_violating_design,
};
pub use text::{
    CIDR_TEXTS, DIAGRAM_CIDR_TEXTS, DIAGRAM_NEAR_MISSES, NAMES, PROSE_NEAR_MISSES, TECHNICAL_TEXTS,
};

use j43_model::RuleId;
use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// A family of generated cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Authorized designs (half with a near-miss edit); expected: authorized.
    Authorized,
    /// Documents breaking exactly this rule; expected: `{rule}`.
    Violating(RuleId),
    /// Several independent violations; expected: their set, layered as SPEC S4.
    Multi,
    /// Malformed and near-miss inputs; expected where known.
    Arbitrary,
    /// The bounded-exhaustive scope of [`exhaustive`], in order; finite, seed-independent.
    Exhaustive,
    /// The boundary classes of [`boundary_catalog`], `per_class` cases on each side of each
    /// ([`boundary_cases`]); finite.
    Boundary {
        /// Cases per side of each class.
        per_class: usize,
    },
}

impl Family {
    /// The family's name in [`GeneratedCase::family`].
    pub fn name(&self) -> String {
        match self {
            Family::Authorized => "authorized".to_owned(),
            Family::Violating(rule) => format!("violating/{rule}"),
            Family::Multi => "multi".to_owned(),
            Family::Arbitrary => "arbitrary".to_owned(),
            Family::Exhaustive => "exhaustive".to_owned(),
            Family::Boundary { .. } => "boundary".to_owned(),
        }
    }
}

/// The strategy of a family (for [`Family::Exhaustive`] and [`Family::Boundary`], the
/// authorized strategy: those are iterators, see [`exhaustive`] and [`boundary_cases`]).
pub fn arb_case(family: &Family, settings: &Settings) -> BoxedStrategy<GeneratedCase> {
    let s = *settings;
    match *family {
        Family::Authorized | Family::Exhaustive | Family::Boundary { .. } => {
            arb_authorized_design(s).boxed()
        }
        Family::Violating(rule) => arb_violating_design(rule, s).boxed(),
        Family::Multi => arb_multi_violation(s).boxed(),
        Family::Arbitrary => arb_document(s).boxed(),
    }
}

/// A deterministic proptest runner for this seed: ChaCha seeded from the `u64`'s splitmix64
/// expansion, identical on every machine and run.
pub fn seeded_runner(seed: u64) -> TestRunner {
    let mut state = seed;
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&choices::splitmix(&mut state).to_le_bytes());
    }
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    TestRunner::new_with_rng(Config::default(), rng)
}

/// The cases of a family: infinite (except [`Family::Exhaustive`] and [`Family::Boundary`])
/// and the same for the same `(family, settings, seed)` on every machine.
pub fn cases(
    family: &Family,
    settings: &Settings,
    seed: u64,
) -> impl Iterator<Item = GeneratedCase> {
    let finite: Option<Box<dyn Iterator<Item = GeneratedCase>>> = match family {
        Family::Exhaustive => Some(Box::new(exhaustive())),
        Family::Boundary { per_class } => {
            Some(Box::new(boundary_cases(settings, seed, *per_class)))
        }
        _ => None,
    };
    let strategy = arb_case(family, settings);
    let mut runner = seeded_runner(seed);
    let name = family.name();
    let random = std::iter::from_fn(move || {
        let tree = strategy.new_tree(&mut runner).ok()?;
        let mut case = tree.current();
        case.family.clone_from(&name);
        Some(case)
    });
    match finite {
        Some(cases) => cases,
        None => Box::new(random),
    }
}
