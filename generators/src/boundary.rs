//! Boundary classes and their cases; documented in the crate documentation (`# Boundary classes`).

mod parse;
mod refs;
mod rules;
mod shape;
mod text;

use crate::authorized::{shuffle_design, Plan};
use crate::case::{Expected, GeneratedCase};
use crate::choices::{pick, splitmix, Choices, SeedChoices};
use crate::settings::Settings;
use crate::tree::{self, Render, Step};
use crate::work::Work;
use j43_model::json::Value;
use j43_model::RuleId;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Which side of a boundary a case sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The class's rule fires.
    Violating,
    /// The class's rule does not fire (other rules may).
    NearMiss,
}

impl Side {
    /// `violating` or `near-miss`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Side::Violating => "violating",
            Side::NearMiss => "near-miss",
        }
    }
}

impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One boundary class: a rule, a stable kebab-case name unique within the rule, a side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Boundary {
    /// The rule whose predicate the class sits on.
    pub rule: RuleId,
    /// The class's name, kebab-case, unique within the rule.
    pub class: &'static str,
    /// The side of the case.
    pub side: Side,
}

impl std::fmt::Display for Boundary {
    /// `RULE class side`, for example `NET-005 cidr-v4-prefix-max near-miss`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {}", self.rule, self.class, self.side)
    }
}

/// What a boundary class is, for documentation and coverage reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BoundaryClass {
    /// The rule.
    pub rule: RuleId,
    /// The class's name.
    pub class: &'static str,
    /// The section of docs/SPEC.md that defines the boundary.
    pub section: &'static str,
    /// What the violating side is.
    pub violating: &'static str,
    /// What the near-miss side is.
    pub near_miss: &'static str,
}

/// Cases per side of each class in the default suite: at least 10 distinct ones per side.
pub const BOUNDARY_PER_CLASS: usize = 12;

/// The most cases per side of the one class whose documents are 64 MiB (`DOC-004 size-limit`).
pub const HUGE_PER_SIDE: usize = 10;

/// One built case: the bytes, the rules they break by construction, and how they were made.
pub(crate) struct Built {
    pub document: Vec<u8>,
    pub rules: BTreeSet<RuleId>,
    pub note: String,
}

impl Built {
    pub(crate) fn new(document: Vec<u8>, rules: &[RuleId], note: impl Into<String>) -> Built {
        Built {
            document,
            rules: rules.iter().copied().collect(),
            note: note.into(),
        }
    }
}

type BuildFn = Box<dyn Fn(&mut Ctx, Side) -> Built + Send + Sync>;

/// A class of the catalog with its builder.
pub(crate) struct Class {
    pub info: BoundaryClass,
    pub build: BuildFn,
    /// Builds 64 MiB documents: at most [`HUGE_PER_SIDE`] per side.
    pub huge: bool,
}

/// A class from its parts.
pub(crate) fn class(
    rule: RuleId,
    name: &'static str,
    section: &'static str,
    violating: &'static str,
    near_miss: &'static str,
    build: impl Fn(&mut Ctx, Side) -> Built + Send + Sync + 'static,
) -> Class {
    Class {
        info: BoundaryClass {
            rule,
            class: name,
            section,
            violating,
            near_miss,
        },
        build: Box::new(build),
        huge: false,
    }
}

/// A name built at run time, kept for the life of the program (the catalog is built once).
pub(crate) fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn classes() -> &'static [Class] {
    static CATALOG: OnceLock<Vec<Class>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut all = Vec::new();
        all.extend(parse::classes());
        all.extend(shape::classes());
        all.extend(refs::classes());
        all.extend(text::classes());
        all.extend(rules::classes());
        // The 64 MiB class last: a prefix of the cases never builds one.
        all.push(parse::size_class());
        all
    })
}

/// Every boundary class, both sides (violating first), in a stable order.
pub fn boundary_catalog() -> Vec<Boundary> {
    classes()
        .iter()
        .flat_map(|c| {
            [Side::Violating, Side::NearMiss].map(|side| Boundary {
                rule: c.info.rule,
                class: c.info.class,
                side,
            })
        })
        .collect()
}

/// Every boundary class with its SPEC section and the description of its two sides, in the
/// order of [`boundary_catalog`].
pub fn boundary_classes() -> Vec<BoundaryClass> {
    classes().iter().map(|c| c.info).collect()
}

/// The number of cases per side that [`boundary_cases`] builds for a class with this
/// `per_class` (smaller only for the 64 MiB class).
pub fn boundary_cases_per_side(boundary: &Boundary, per_class: usize) -> usize {
    let huge = classes()
        .iter()
        .any(|c| c.huge && c.info.rule == boundary.rule && c.info.class == boundary.class);
    if huge {
        per_class.min(HUGE_PER_SIDE)
    } else {
        per_class
    }
}

/// FNV-1a of a class label, so that a class's cases do not change when others are added.
fn label_hash(rule: RuleId, class: &str, side: Side) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in rule
        .as_str()
        .bytes()
        .chain(class.bytes())
        .chain(side.as_str().bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `per_class` cases on each side of every class of [`boundary_catalog`], in catalog order
/// (class by class, violating side first), each with its expected report by construction
/// and its label. The same for the same `(settings, seed, per_class)` on every machine.
pub fn boundary_cases(
    settings: &Settings,
    seed: u64,
    per_class: usize,
) -> impl Iterator<Item = GeneratedCase> {
    let settings = *settings;
    classes().iter().flat_map(move |class| {
        [Side::Violating, Side::NearMiss]
            .into_iter()
            .flat_map(move |side| {
                let n = if class.huge {
                    per_class.min(HUGE_PER_SIDE)
                } else {
                    per_class
                };
                (0..n).map(move |i| build_case(class, side, i, &settings, seed))
            })
    })
}

/// Case `i` of one side of a class, exactly as [`boundary_cases`] builds it (random access:
/// the conformance runner builds cases on several threads); `None` for a class that is not in
/// the catalog.
pub fn boundary_case(
    boundary: &Boundary,
    i: usize,
    settings: &Settings,
    seed: u64,
) -> Option<GeneratedCase> {
    let class = classes()
        .iter()
        .find(|c| c.info.rule == boundary.rule && c.info.class == boundary.class)?;
    Some(build_case(class, boundary.side, i, settings, seed))
}

fn build_case(class: &Class, side: Side, i: usize, s: &Settings, seed: u64) -> GeneratedCase {
    let mut state = seed ^ label_hash(class.info.rule, class.info.class, side);
    state ^= splitmix(&mut state).wrapping_add(i as u64);
    let mut ctx = Ctx {
        c: SeedChoices::new(splitmix(&mut state)),
        s: *s,
        i,
    };
    let built = (class.build)(&mut ctx, side);
    let boundary = Boundary {
        rule: class.info.rule,
        class: class.info.class,
        side,
    };
    let mut case = GeneratedCase::new(
        "boundary",
        format!("boundary {boundary}: {}", built.note),
        built.document,
        Some(Expected::of(built.rules)),
    );
    case.boundary = Some(boundary);
    case
}

/// What a builder draws from: the seeded choices, the settings, and the case's index within
/// its side (variants of the boundary are taken in turn by index).
pub(crate) struct Ctx {
    pub c: SeedChoices,
    pub s: Settings,
    pub i: usize,
}

impl Ctx {
    /// The variant of this case: the `i`-th of `items`, in turn.
    pub(crate) fn cycle<'a, T>(&self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            return None;
        }
        items.get(self.i % items.len())
    }

    /// The variant of this case for a second dimension of `items`: changes every
    /// `every` cases, so that two cycled dimensions meet in every combination.
    pub(crate) fn cycle_slow<'a, T>(&self, items: &'a [T], every: usize) -> Option<&'a T> {
        if items.is_empty() {
            return None;
        }
        items.get((self.i / every.max(1)) % items.len())
    }

    /// A random element of `items`.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        pick(&mut self.c, items)
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.c.below(n)
    }

    /// A coin flip.
    pub(crate) fn flip(&mut self) -> bool {
        self.c.flip()
    }

    /// A random authorized design under construction.
    pub(crate) fn work(&mut self) -> Work {
        let plan = Plan::choose(&mut self.c, &self.s);
        Work::new(plan.instantiate(), plan.shuffles())
    }

    /// The design permuted and as a value tree.
    pub(crate) fn value(&mut self, mut w: Work) -> Value {
        shuffle_design(&mut w.design, w.shuffles);
        tree::to_value(&w.design)
    }

    /// A random render style: compact, with whitespace between tokens, with escapes, or both.
    pub(crate) fn style(&mut self) -> Render {
        let mut r = Render::default();
        if self.c.below(3) == 2 {
            r.whitespace = self.c.word() | 1;
        }
        if self.c.below(3) == 2 {
            r.escapes = self.c.word() | 1;
        }
        r
    }

    /// The value written in a random style.
    pub(crate) fn render(&mut self, v: &Value) -> Vec<u8> {
        self.style().bytes(v)
    }

    /// A random design, permuted, written in a random style.
    pub(crate) fn authorized(&mut self, w: Work) -> Vec<u8> {
        let v = self.value(w);
        self.render(&v)
    }
}

/// The path of an environment (0 local, 1 staging, 2 production).
pub(crate) fn env_path(e: usize) -> Vec<Step> {
    vec![
        Step::Key("environments".to_owned()),
        Step::Key(
            j43_model::ENVIRONMENTS
                .get(e)
                .copied()
                .unwrap_or("local")
                .to_owned(),
        ),
    ]
}

/// The path with more steps.
pub(crate) fn join(path: &[Step], more: &[Step]) -> Vec<Step> {
    let mut p = path.to_vec();
    p.extend_from_slice(more);
    p
}

/// A key step.
pub(crate) fn key(k: &str) -> Step {
    Step::Key(k.to_owned())
}

/// Sets member `name` of the object at `path` (replacing it where present, else inserting it
/// at a random position). False when there is no object there.
pub(crate) fn set_member(
    ctx: &mut Ctx,
    v: &mut Value,
    path: &[Step],
    name: &str,
    x: Value,
) -> bool {
    let Some(members) = tree::members_mut(v, path) else {
        return false;
    };
    if let Some(slot) = members.iter_mut().find(|(n, _)| n == name) {
        slot.1 = x;
    } else {
        let at = ctx.c.upto(members.len());
        members.insert(at, (name.to_owned(), x));
    }
    true
}

/// Inserts member `name` at a random position of the object at `path` (no check of names).
pub(crate) fn insert_member(ctx: &mut Ctx, v: &mut Value, path: &[Step], name: &str, x: Value) {
    if let Some(members) = tree::members_mut(v, path) {
        let at = ctx.c.upto(members.len());
        members.insert(at, (name.to_owned(), x));
    }
}

/// Removes member `name` of the object at `path`.
pub(crate) fn remove_member(v: &mut Value, path: &[Step], name: &str) {
    if let Some(members) = tree::members_mut(v, path) {
        members.retain(|(n, _)| n != name);
    }
}

/// A string value.
pub(crate) fn string(s: impl Into<String>) -> Value {
    Value::String(s.into())
}
