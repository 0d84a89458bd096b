//! Whole cases: a plan, its mutations, rendering, and the expected report by construction.

use crate::authorized::{shuffle_design, Plan};
use crate::boundary::Boundary;
use crate::choices::{pick, Choices};
use crate::nearmiss;
use crate::settings::Settings;
use crate::tree::{self, Render};
use crate::violate::{self, How, Mutation};
use crate::work::Work;
use j43_model::{Layer, RuleId, Verdict};
use serde::Serialize;
use std::collections::BTreeSet;

/// What the reference must report on a document, known by construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expected {
    /// The verdict: authorized iff `rules` is empty.
    pub verdict: Verdict,
    /// The set of violated rule ids.
    pub rules: BTreeSet<RuleId>,
}

impl Expected {
    /// The expectation of exactly these rules.
    pub fn of(rules: BTreeSet<RuleId>) -> Expected {
        Expected {
            verdict: if rules.is_empty() {
                Verdict::Authorized
            } else {
                Verdict::Rejected
            },
            rules,
        }
    }

    /// Authorized: no rule.
    pub fn authorized() -> Expected {
        Expected::of(BTreeSet::new())
    }
}

/// One generated document with what is known of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCase {
    /// The family that built it: `authorized`, `violating`, `multi`, `arbitrary`, `exhaustive`.
    pub family: String,
    /// How it was built, for people (for example `violating NET-005 (typed 0)`).
    pub description: String,
    /// The document bytes.
    pub document: Vec<u8>,
    /// The report the reference must give, when known by construction.
    pub expected: Option<Expected>,
    /// The boundary class the case sits on, for cases of [`crate::boundary_cases`]; `None`
    /// for every other family.
    pub boundary: Option<Boundary>,
}

impl GeneratedCase {
    pub(crate) fn new(
        family: &str,
        description: String,
        document: Vec<u8>,
        expected: Option<Expected>,
    ) -> GeneratedCase {
        GeneratedCase {
            family: family.to_owned(),
            description,
            document,
            expected,
            boundary: None,
        }
    }
}

fn render_style(c: &mut dyn Choices) -> Render {
    Render {
        whitespace: if c.below(4) == 3 { c.word() | 1 } else { 0 },
        escapes: if c.below(4) == 3 { c.word() | 1 } else { 0 },
    }
}

/// Rules that may be a near-miss target of a random authorized case (all but DOC-004, whose
/// near-miss is a 64 MiB document).
fn cheap_near_miss(rule: RuleId) -> bool {
    rule != RuleId::Doc004
}

/// An authorized design; with a near-miss edit of some rule (chosen) or of `rule`.
pub(crate) fn authorized(c: &mut dyn Choices, s: &Settings, rule: Option<RuleId>) -> GeneratedCase {
    let plan = Plan::choose(c, s);
    let near = match rule {
        Some(r) => Some(r),
        None if c.flip() => {
            let rules: Vec<RuleId> = RuleId::ALL
                .iter()
                .copied()
                .filter(|r| cheap_near_miss(*r))
                .collect();
            pick(c, &rules).copied()
        }
        None => None,
    };
    let mut w = Work::new(plan.instantiate(), plan.shuffles());
    if let Some(r) = near {
        nearmiss::typed(r, &mut w, c);
    }
    shuffle_design(&mut w.design, w.shuffles);
    let mut v = tree::to_value(&w.design);
    let mut style = render_style(c);
    if let Some(r) = near {
        nearmiss::value(r, &mut v);
        style = nearmiss::render(r, style, c);
    }
    let mut doc = style.bytes(&v);
    if let Some(r) = near {
        doc = nearmiss::bytes(r, doc);
    }
    let description = match near {
        Some(r) => format!("authorized, near-miss of {r}"),
        None => "authorized".to_owned(),
    };
    GeneratedCase::new("authorized", description, doc, Some(Expected::authorized()))
}

/// Applies mutations to a plan's design and renders it.
fn mutate(plan: &Plan, mutations: &[Mutation], c: &mut dyn Choices) -> Vec<u8> {
    let mut w = Work::new(plan.instantiate(), plan.shuffles());
    let mut order: Vec<&Mutation> = mutations.iter().collect();
    order.sort_by_key(|m| m.phase());
    let mut taken = BTreeSet::new();
    for m in &order {
        violate::typed(m, &mut w, c, &mut taken);
    }
    shuffle_design(&mut w.design, w.shuffles);
    let mut v = tree::to_value(&w.design);
    let mut touched = BTreeSet::new();
    // Additive edits first, then the blocking ones (which only touch scalars when several).
    for m in order.iter().filter(|m| !m.rule.is_blocking()) {
        violate::value(m, &mut v, c, &mut touched);
    }
    for m in order.iter().filter(|m| m.rule.is_blocking()) {
        violate::value(m, &mut v, c, &mut touched);
    }
    let plain = mutations
        .iter()
        .any(|m| m.rule == RuleId::Doc001 && matches!(m.how, How::Bytes(4 | 5)));
    let style = if plain {
        Render::default()
    } else {
        render_style(c)
    };
    let mut doc = style.bytes(&v);
    for m in &order {
        doc = violate::bytes(m, doc, c);
    }
    doc
}

/// A document that breaks exactly `rule`.
pub(crate) fn violating(rule: RuleId, c: &mut dyn Choices, s: &Settings) -> GeneratedCase {
    let plan = Plan::choose(c, s);
    let m = violate::choose(rule, false, c);
    let doc = mutate(&plan, std::slice::from_ref(&m), c);
    GeneratedCase::new(
        "violating",
        format!("violating {rule} ({:?})", m.how),
        doc,
        Some(Expected::of(BTreeSet::from([rule]))),
    )
}

/// The rule set a set of mutations yields (SPEC S4: a blocking violation hides layer 3).
pub(crate) fn expected_of(mutations: &[Mutation]) -> BTreeSet<RuleId> {
    let blocked = mutations.iter().any(|m| m.rule.is_blocking());
    mutations
        .iter()
        .filter(|m| !blocked || m.layer != Layer::Semantic)
        .map(|m| m.rule)
        .collect()
}

/// Several independent violations (2 to `max_violations` distinct non-parse rules).
pub(crate) fn multi(c: &mut dyn Choices, s: &Settings) -> GeneratedCase {
    let plan = Plan::choose(c, s);
    let mut pool: Vec<RuleId> = RuleId::ALL
        .iter()
        .copied()
        .filter(|r| !r.is_parse())
        .collect();
    let k = 2 + c.upto(s.max_violations.saturating_sub(2));
    let mut mutations = Vec::new();
    for _ in 0..k {
        if pool.is_empty() {
            break;
        }
        let i = c.below(pool.len());
        let rule = pool.remove(i);
        mutations.push(violate::choose(rule, true, c));
    }
    let doc = mutate(&plan, &mutations, c);
    let rules = expected_of(&mutations);
    let names: Vec<String> = mutations
        .iter()
        .map(|m| format!("{} ({:?})", m.rule, m.how))
        .collect();
    GeneratedCase::new(
        "multi",
        format!("multi: {}", names.join(", ")),
        doc,
        Some(Expected::of(rules)),
    )
}
