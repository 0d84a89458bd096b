//! S4.3-S4.4 boundaries: ids and references. An id in several kinds, several times in one kind,
//! in another environment, and all of them at once; duplicate ids (DOC-009), unresolved
//! references (DOC-010), shared ids (ENV-002) and cross-environment references (ENV-003).
//!
//! Components whose ids change here are ones nothing refers to (networks, ingresses,
//! adapters, the two boundaries) unless the class is about resolution; references that stop
//! resolving are an ingress's extra targets, segment references, or the references of an
//! extra read-only adapter in one environment (whose access is then in no composition).

use super::rules::variant_of;
use super::{class, Built, Class, Side};
use crate::work::{segment_id, Work};
use j43_model::{Access, Adapter, RuleId, SegmentKind};

use RuleId::*;

/// Where an id is set: a component nothing refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Network,
    Ingress,
    Adapter,
    Configuration,
    Secrets,
}

const SLOTS: [Slot; 5] = [
    Slot::Network,
    Slot::Ingress,
    Slot::Adapter,
    Slot::Configuration,
    Slot::Secrets,
];

/// Sets the id of the component in `slot` of environment `e` (the first adapter, or the last
/// when `last`). False when there is no such component.
fn set_id(w: &mut Work, e: usize, slot: Slot, id: &str, last: bool) -> bool {
    let Some(env) = w.env(e) else { return false };
    let target = match slot {
        Slot::Network => env.networks.first_mut().map(|n| &mut n.id),
        Slot::Ingress => env.ingresses.first_mut().map(|i| &mut i.id),
        Slot::Adapter => {
            if last {
                env.adapters.last_mut().map(|a| &mut a.id)
            } else {
                env.adapters.first_mut().map(|a| &mut a.id)
            }
        }
        Slot::Configuration => Some(&mut env.configuration.id),
        Slot::Secrets => Some(&mut env.secrets.id),
    };
    match target {
        Some(t) => {
            id.clone_into(t);
            true
        }
        None => false,
    }
}

/// The component kind of a slot, as the tags of [`kind_ids`].
fn slot_tag(slot: Slot) -> u8 {
    match slot {
        Slot::Network => 0,
        Slot::Ingress => 2,
        Slot::Adapter => 5,
        Slot::Configuration => 6,
        Slot::Secrets => 7,
    }
}

/// Every component id of environment `e` with a tag of its kind (0 network, 1 segment,
/// 2 ingress, 3 service, 4 database, 5 adapter, 6 configuration, 7 secrets).
fn kind_ids(w: &Work, e: usize) -> Vec<(u8, String)> {
    let Some(env) = w.env_ref(e) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for n in &env.networks {
        out.push((0, n.id.clone()));
        out.extend(n.segments.iter().map(|s| (1, s.id.clone())));
    }
    out.extend(env.ingresses.iter().map(|x| (2, x.id.clone())));
    out.extend(env.services.iter().map(|x| (3, x.id.clone())));
    out.extend(env.databases.iter().map(|x| (4, x.id.clone())));
    out.extend(env.adapters.iter().map(|x| (5, x.id.clone())));
    out.push((6, env.configuration.id.clone()));
    out.push((7, env.secrets.id.clone()));
    out
}

fn get_id(w: &Work, e: usize, slot: Slot) -> String {
    let Some(env) = w.env_ref(e) else {
        return String::new();
    };
    match slot {
        Slot::Network => env.networks.first().map(|n| n.id.clone()),
        Slot::Ingress => env.ingresses.first().map(|i| i.id.clone()),
        Slot::Adapter => env.adapters.first().map(|a| a.id.clone()),
        Slot::Configuration => Some(env.configuration.id.clone()),
        Slot::Secrets => Some(env.secrets.id.clone()),
    }
    .unwrap_or_default()
}

/// Two adapters in every environment: a database's writer adapter and a reader of it.
fn two_adapters(w: &mut Work) {
    w.ensure_services(1);
    w.ensure_database();
    let writer = w.writer_of(0).unwrap_or(0);
    w.add_adapter_to(&[0, 1, 2], writer, 0, Access::ReadOnly);
}

/// Where a reference that may stop resolving sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefSite {
    IngressSegment,
    Target,
    ServiceSegment,
    DatabaseSegment,
    AdapterService,
    AdapterDatabase,
}

const REF_SITES: [RefSite; 6] = [
    RefSite::IngressSegment,
    RefSite::Target,
    RefSite::ServiceSegment,
    RefSite::DatabaseSegment,
    RefSite::AdapterService,
    RefSite::AdapterDatabase,
];

/// Sets the reference at `site` of environment `e` to `to`. Targets and adapter references go
/// to an extra target, or an extra read-only adapter of this environment only.
fn set_ref(w: &mut Work, e: usize, site: RefSite, to: &str, at: usize) {
    w.ensure_services(1);
    w.ensure_database();
    let adapter_id = w.id();
    let Some(env) = w.env(e) else { return };
    match site {
        RefSite::IngressSegment => {
            if let Some(i) = env.ingresses.first_mut() {
                to.clone_into(&mut i.segment);
            }
        }
        RefSite::Target => {
            if let Some(i) = env.ingresses.first_mut() {
                let at = at % (i.targets.len() + 1);
                i.targets.insert(at, to.to_owned());
            }
        }
        RefSite::ServiceSegment => {
            let n = env.services.len().max(1);
            if let Some(s) = env.services.get_mut(at % n) {
                to.clone_into(&mut s.segment);
            }
        }
        RefSite::DatabaseSegment => {
            let n = env.databases.len().max(1);
            if let Some(d) = env.databases.get_mut(at % n) {
                to.clone_into(&mut d.segment);
            }
        }
        RefSite::AdapterService | RefSite::AdapterDatabase => {
            let service = env
                .services
                .first()
                .map(|s| s.id.clone())
                .unwrap_or_default();
            let database = env
                .databases
                .first()
                .map(|d| d.id.clone())
                .unwrap_or_default();
            let (service, database) = if site == RefSite::AdapterService {
                (to.to_owned(), database)
            } else {
                (service, to.to_owned())
            };
            env.adapters.push(Adapter {
                id: adapter_id,
                service,
                database,
                access: Access::ReadOnly,
                description: None,
            });
        }
    }
}

/// An id of environment `e` of a kind that `site` does not expect.
fn other_kind_id(w: &Work, e: usize, site: RefSite, k: usize) -> String {
    let Some(env) = w.env_ref(e) else {
        return String::new();
    };
    let mut pool: Vec<String> = vec![env.configuration.id.clone(), env.secrets.id.clone()];
    pool.extend(env.networks.iter().map(|n| n.id.clone()));
    pool.extend(env.ingresses.iter().map(|n| n.id.clone()));
    pool.extend(env.adapters.iter().map(|n| n.id.clone()));
    match site {
        RefSite::Target | RefSite::AdapterService => {
            pool.extend(env.databases.iter().map(|n| n.id.clone()));
            pool.push(segment_id(env, SegmentKind::Runtime));
        }
        RefSite::AdapterDatabase => {
            pool.extend(env.services.iter().map(|n| n.id.clone()));
            pool.push(segment_id(env, SegmentKind::Persistence));
        }
        _ => {
            pool.extend(env.services.iter().map(|n| n.id.clone()));
            pool.extend(env.databases.iter().map(|n| n.id.clone()));
        }
    }
    pool.get(k % pool.len().max(1)).cloned().unwrap_or_default()
}

/// An id of environment `e` of the kind `site` expects.
fn right_kind_id(w: &Work, e: usize, site: RefSite, k: usize) -> String {
    let Some(env) = w.env_ref(e) else {
        return String::new();
    };
    let pool: Vec<String> = match site {
        RefSite::Target | RefSite::AdapterService => {
            env.services.iter().map(|s| s.id.clone()).collect()
        }
        RefSite::AdapterDatabase => env.databases.iter().map(|s| s.id.clone()).collect(),
        RefSite::IngressSegment => vec![segment_id(env, SegmentKind::Ingress)],
        RefSite::ServiceSegment => vec![segment_id(env, SegmentKind::Runtime)],
        RefSite::DatabaseSegment => vec![segment_id(env, SegmentKind::Persistence)],
    };
    pool.get(k % pool.len().max(1)).cloned().unwrap_or_default()
}

fn doc_009_classes() -> Vec<Class> {
    vec![
        class(Doc009, "same-kind-ids", "S6.1", "two adapters of one environment with one id", "the second adapter's id a variant of the first's (case, space, invisible or combining character)", |ctx, side| {
            let mut w = ctx.work();
            two_adapters(&mut w);
            let e = ctx.below(3);
            let first = get_id(&w, e, Slot::Adapter);
            let id = match side {
                Side::Violating => first,
                Side::NearMiss => variant_of(&first, ctx.i),
            };
            set_id(&mut w, e, Slot::Adapter, &id, true);
            let rules: &[RuleId] = if side == Side::Violating { &[Doc009] } else { &[] };
            Built::new(ctx.authorized(w), rules, format!("{id:?}"))
        }),
        class(Doc009, "cross-kind-ids", "S6.1", "an unreferenced component taking the id of a component of another kind, earlier or later", "a variant of that id", |ctx, side| {
            let mut w = ctx.work();
            w.ensure_database();
            let e = ctx.below(3);
            let ids = w.ids(e);
            let source = ctx.pick(&ids).cloned().unwrap_or_default();
            let slot = ctx.cycle(&SLOTS).copied().unwrap_or(Slot::Secrets);
            // The slot's own id is not a duplicate of itself: another slot then.
            let slot = if get_id(&w, e, slot) == source {
                if slot == Slot::Secrets { Slot::Configuration } else { Slot::Secrets }
            } else {
                slot
            };
            let id = match side {
                Side::Violating => source.clone(),
                Side::NearMiss => variant_of(&source, ctx.i),
            };
            set_id(&mut w, e, slot, &id, false);
            let rules: &[RuleId] = if side == Side::Violating { &[Doc009] } else { &[] };
            Built::new(ctx.authorized(w), rules, format!("{slot:?} takes {id:?}"))
        }),
        class(Doc009, "same-id-other-environment", "S6.1, S6.2", "an id repeated within one environment", "an id repeated in another environment (ENV-002 instead)", |ctx, side| {
            let mut w = ctx.work();
            let i = ctx.below(3);
            let j = match side {
                Side::Violating => i,
                Side::NearMiss => (i + 1 + ctx.below(2)) % 3,
            };
            let source = get_id(&w, i, Slot::Configuration);
            let slot = ctx.cycle(&[Slot::Secrets, Slot::Ingress, Slot::Network]).copied().unwrap_or(Slot::Secrets);
            set_id(&mut w, j, slot, &source, false);
            let rules: &[RuleId] = if side == Side::Violating { &[Doc009] } else { &[Env002] };
            Built::new(ctx.authorized(w), rules, format!("{slot:?} of {j} takes {source:?}"))
        }),
    ]
}

fn doc_010_classes() -> Vec<Class> {
    vec![
        class(Doc010, "dangling-ref", "S4.4, S6.1", "a reference naming nothing, at each reference position", "the reference resolving", |ctx, side| {
            let mut w = ctx.work();
            let e = ctx.below(3);
            let site = ctx.cycle(&REF_SITES).copied().unwrap_or(RefSite::Target);
            let at = ctx.below(8);
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    let id = w.id();
                    set_ref(&mut w, e, site, &id, at);
                    &[Doc010]
                }
                Side::NearMiss => {
                    w.ensure_services(1);
                    w.ensure_database();
                    // The same reference resolving, in every environment (an extra target or
                    // adapter is then part of every composition).
                    for env in 0..3 {
                        let to = right_kind_id(&w, env, site, 0);
                        set_ref(&mut w, env, site, &to, at);
                    }
                    &[]
                }
            };
            Built::new(ctx.authorized(w), rules, format!("{site:?}"))
        }),
        class(Doc010, "wrong-kind-ref", "S4.4, S6.1", "a reference naming a component of another kind of its environment", "a reference resolving although an earlier component of another kind has its id (DOC-009)", |ctx, side| {
            let mut w = ctx.work();
            w.ensure_services(1);
            w.ensure_database();
            let e = ctx.below(3);
            let k = ctx.below(16);
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    let site = ctx.cycle(&REF_SITES).copied().unwrap_or(RefSite::Target);
                    let to = other_kind_id(&w, e, site, k);
                    set_ref(&mut w, e, site, &to, k);
                    &[Doc010]
                }
                Side::NearMiss => {
                    // The network or the ingress (earlier in canonical order) takes the id of
                    // a referenced segment, service or database.
                    let writer = w.writer_of(0).unwrap_or(0);
                    let Some(env) = w.env_ref(e) else { return Built::new(Vec::new(), &[Doc001], "") };
                    let pool = [
                        segment_id(env, SegmentKind::Ingress),
                        env.services.get(writer).map(|s| s.id.clone()).unwrap_or_default(),
                        env.databases.first().map(|d| d.id.clone()).unwrap_or_default(),
                    ];
                    let taken = ctx.cycle(&pool).cloned().unwrap_or_default();
                    // The network precedes everything it could take; the ingress precedes
                    // services and databases only.
                    let slot = if ctx.i % 3 == 0 || (ctx.i / 3) % 2 == 0 { Slot::Network } else { Slot::Ingress };
                    set_id(&mut w, e, slot, &taken, false);
                    &[Doc009]
                }
            };
            Built::new(ctx.authorized(w), rules, "")
        }),
        class(Doc010, "wrong-kind-and-other-environment", "S4.4", "a reference naming another kind here and its own kind in another environment (ENV-002 for the shared id)", "a reference naming its kind in another environment only (ENV-003)", |ctx, side| {
            let mut w = ctx.work();
            w.ensure_services(1);
            let e = ctx.below(3);
            let f = (e + 1 + ctx.below(2)) % 3;
            let x = right_kind_id(&w, f, RefSite::Target, ctx.i);
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    let slot = ctx.cycle(&SLOTS).copied().unwrap_or(Slot::Secrets);
                    let slot = if slot == Slot::Adapter && !set_id(&mut w, e, slot, &x, false) { Slot::Secrets } else { slot };
                    set_id(&mut w, e, slot, &x, false);
                    &[Doc010, Env002]
                }
                Side::NearMiss => &[Env003],
            };
            set_ref(&mut w, e, RefSite::Target, &x, ctx.i);
            Built::new(ctx.authorized(w), rules, "")
        }),
        class(Doc010, "all-at-once", "S4.4", "a target's id is a network, every adapter and the configuration boundary here (DOC-009) and a service elsewhere (ENV-002)", "the same, and a later service here has the id: it resolves", |ctx, side| {
            let mut w = ctx.work();
            w.ensure_services(1);
            let e = ctx.below(3);
            let f = (e + 1 + ctx.below(2)) % 3;
            two_adapters(&mut w);
            let x = right_kind_id(&w, f, RefSite::Target, ctx.i);
            // Here: the network, both adapters and the configuration boundary have the id.
            set_id(&mut w, e, Slot::Configuration, &x, false);
            set_id(&mut w, e, Slot::Network, &x, false);
            if let Some(env) = w.env(e) {
                for a in &mut env.adapters {
                    a.id.clone_from(&x);
                }
            }
            if side == Side::NearMiss {
                // A later service here takes the id; the same logical service is exposed in
                // every other environment too (INV-001).
                let k = ctx.i % w.services().max(1);
                if let Some(s) = w.env(e).and_then(|env| env.services.get_mut(k)) {
                    let old = std::mem::replace(&mut s.id, x.clone());
                    rename_refs(&mut w, e, &old, &x);
                }
                for g in (0..3).filter(|g| *g != e) {
                    if let Some(env) = w.env(g) {
                        let id = env.services.get(k).map(|s| s.id.clone()).unwrap_or_default();
                        if let Some(i) = env.ingresses.first_mut() {
                            i.targets.push(id);
                        }
                    }
                }
            }
            set_ref(&mut w, e, RefSite::Target, &x, ctx.i);
            let rules: &[RuleId] = match side {
                Side::Violating => &[Doc010, Doc009, Env002],
                Side::NearMiss => &[Doc009, Env002],
            };
            Built::new(ctx.authorized(w), rules, "")
        }),
    ]
}

/// Renames the references (not the ids) from `old` to `new` in environment `e`.
fn rename_refs(w: &mut Work, e: usize, old: &str, new: &str) {
    let Some(env) = w.env(e) else { return };
    let fix = |s: &mut String| {
        if s == old {
            new.clone_into(s);
        }
    };
    for i in &mut env.ingresses {
        fix(&mut i.segment);
        i.targets.iter_mut().for_each(fix);
    }
    for s in &mut env.services {
        fix(&mut s.segment);
    }
    for d in &mut env.databases {
        fix(&mut d.segment);
    }
    for a in &mut env.adapters {
        fix(&mut a.service);
        fix(&mut a.database);
    }
}

fn env_classes() -> Vec<Class> {
    vec![
        shared_class("shared-id-same-kind", true, None),
        shared_class("shared-id-other-kind", false, None),
        shared_class("shared-local-production", true, Some((0, 2))),
        class(
            Env003,
            "other-environment-ref",
            "S4.4, S6.2",
            "a reference naming a component of its kind in another environment only",
            "the reference naming its own environment's component",
            |ctx, side| {
                let mut w = ctx.work();
                w.ensure_services(1);
                w.ensure_database();
                let e = ctx.below(3);
                let f = (e + 1 + ctx.below(2)) % 3;
                let site = ctx.cycle(&REF_SITES).copied().unwrap_or(RefSite::Target);
                let rules: &[RuleId] = match side {
                    Side::Violating => {
                        let to = right_kind_id(&w, f, site, ctx.i);
                        set_ref(&mut w, e, site, &to, ctx.i);
                        &[Env003]
                    }
                    Side::NearMiss => {
                        for env in 0..3 {
                            let to = right_kind_id(&w, env, site, 0);
                            set_ref(&mut w, env, site, &to, ctx.i);
                        }
                        &[]
                    }
                };
                Built::new(ctx.authorized(w), rules, format!("{site:?} to {f}"))
            },
        ),
        class(
            Env003,
            "other-environment-any-kind",
            "S4.4, S6.1",
            "a reference naming a component of another kind in another environment only",
            "a reference naming a component of another kind in its own environment (DOC-010)",
            |ctx, side| {
                let mut w = ctx.work();
                w.ensure_services(1);
                w.ensure_database();
                let e = ctx.below(3);
                let f = match side {
                    Side::Violating => (e + 1 + ctx.below(2)) % 3,
                    Side::NearMiss => e,
                };
                let site = ctx.cycle(&REF_SITES).copied().unwrap_or(RefSite::Target);
                let to = other_kind_id(&w, f, site, ctx.below(16));
                set_ref(&mut w, e, site, &to, ctx.i);
                let rules: &[RuleId] = if side == Side::Violating {
                    &[Env003]
                } else {
                    &[Doc010]
                };
                Built::new(ctx.authorized(w), rules, format!("{site:?} to {f}"))
            },
        ),
    ]
}

/// ENV-002: a component nothing refers to, in environment `j`, takes the id of a component of
/// environment `i` (of the same kind, or of another kind); near-miss: a variant of that id.
fn shared_class(name: &'static str, same_kind: bool, pair: Option<(usize, usize)>) -> Class {
    let violating = match (same_kind, pair) {
        (_, Some(_)) => "an id of `local` taken by a component of `production`",
        (true, None) => "an id of one environment taken by the same kind of component in another",
        (false, None) => "an id of one environment taken by another kind of component in another",
    };
    class(
        Env002,
        name,
        "S6.2, S7.1",
        violating,
        "a variant of the id (case, space, invisible or combining character)",
        move |ctx, side| {
            let mut w = ctx.work();
            two_adapters(&mut w);
            let (i, j) = pair.unwrap_or_else(|| {
                let i = ctx.below(3);
                (i, (i + 1 + ctx.below(2)) % 3)
            });
            let (i, j) = if pair.is_some() && ctx.flip() {
                (j, i)
            } else {
                (i, j)
            };
            let slot = ctx.cycle(&SLOTS).copied().unwrap_or(Slot::Secrets);
            let source = if same_kind {
                get_id(&w, i, slot)
            } else {
                let ids: Vec<String> = kind_ids(&w, i)
                    .into_iter()
                    .filter(|(tag, _)| *tag != slot_tag(slot))
                    .map(|(_, id)| id)
                    .collect();
                ctx.pick(&ids).cloned().unwrap_or_default()
            };
            let id = match side {
                Side::Violating => source,
                Side::NearMiss => variant_of(&source, ctx.i),
            };
            set_id(&mut w, j, slot, &id, false);
            let rules: &[RuleId] = if side == Side::Violating {
                &[Env002]
            } else {
                &[]
            };
            Built::new(
                ctx.authorized(w),
                rules,
                format!("{slot:?} of {j} takes {id:?} of {i}"),
            )
        },
    )
}

/// Every class of S4 and the rules on ids and references.
pub(crate) fn classes() -> Vec<Class> {
    let mut out = doc_009_classes();
    out.extend(doc_010_classes());
    out.extend(env_classes());
    out
}
