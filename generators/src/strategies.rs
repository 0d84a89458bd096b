//! proptest strategies over the generated families, each a flat map of a choice tape.
//!
//! Every strategy is `vec(any::<u64>(), tape_len).prop_map(build)`: no `prop_flat_map`, so
//! proptest shrinks the tape element by element toward 0, and 0 means the simplest choice
//! (fewer components, absent fields, first pool entries). See [`crate::Tape`].

use crate::case::{self, GeneratedCase};
use crate::choices::Tape;
use crate::document;
use crate::settings::Settings;
use j43_model::RuleId;
use proptest::collection::vec;
use proptest::prelude::*;

/// The choice tape of these settings.
pub fn arb_tape(settings: &Settings) -> impl Strategy<Value = Tape> {
    vec(any::<u64>(), settings.tape_len).prop_map(Tape::new)
}

/// Authorized designs over the whole authorized space (half of them with a near-miss edit
/// of some rule); `expected` is always authorized.
pub fn arb_authorized_design(settings: Settings) -> impl Strategy<Value = GeneratedCase> {
    arb_tape(&settings).prop_map(move |mut t| case::authorized(&mut t, &settings, None))
}

/// Authorized near-misses of `rule`: an authorized design as close as the SPEC's near-miss
/// example of that rule. For DOC-004 each case is a 64 MiB document.
pub fn arb_near_miss(rule: RuleId, settings: Settings) -> impl Strategy<Value = GeneratedCase> {
    arb_tape(&settings).prop_map(move |mut t| case::authorized(&mut t, &settings, Some(rule)))
}

/// Documents whose report is exactly `{rule}`. For DOC-004 each case is a document of 64 MiB
/// and a few bytes (an allocation and a fill of 64 MiB per case, tens of milliseconds).
pub fn arb_violating_design(
    rule: RuleId,
    settings: Settings,
) -> impl Strategy<Value = GeneratedCase> {
    arb_tape(&settings).prop_map(move |mut t| case::violating(rule, &mut t, &settings))
}

/// Documents with 2 to `max_violations` independent violations of distinct non-parse rules;
/// the expected set honours SPEC S4 (a DOC-005, DOC-006 or DOC-008 hides layer 3).
pub fn arb_multi_violation(settings: Settings) -> impl Strategy<Value = GeneratedCase> {
    arb_tape(&settings).prop_map(move |mut t| case::multi(&mut t, &settings))
}

/// Malformed and near-miss inputs; `expected` is `Some` where known by construction.
pub fn arb_document(settings: Settings) -> impl Strategy<Value = GeneratedCase> {
    arb_tape(&settings).prop_map(move |mut t| document::document(&mut t, &settings))
}
