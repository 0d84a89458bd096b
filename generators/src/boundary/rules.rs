//! S6 layer-3 boundaries: each predicate's edge (zero, one, two of a thing; each value of an
//! enumeration; first versus later occurrence; one environment versus all).
//!
//! Every edit says why it breaks only the rules it claims: edits that change what one
//! environment *is* (its services, databases, accesses, exposure) are made in every
//! environment unless the class is about INV-001; new components get fresh ids and names.

use super::{class, Built, Class, Ctx, Side};
use crate::choices::Choices;
use crate::work::{segment_id, Work};
use j43_model::{
    Access, ConfigurationPlacement, Ingress, Network, Process, RuleId, Scaling, SecretsPlacement,
    Segment, SegmentKind, TlsTermination, Visibility,
};

use RuleId::*;

const KINDS: [SegmentKind; 3] = [
    SegmentKind::Ingress,
    SegmentKind::Runtime,
    SegmentKind::Persistence,
];

/// A proper nonempty subset of the environments, in turn over the six of them.
fn proper_subset(ctx: &mut Ctx) -> Vec<usize> {
    let mask = 1 + ctx.below(6);
    (0..3).filter(|e| mask & (1 << e) != 0).collect()
}

fn new_network(w: &mut Work, ctx: &mut Ctx, kinds: &[SegmentKind]) -> Network {
    let mut segments: Vec<Segment> = kinds
        .iter()
        .map(|&kind| Segment {
            id: w.id(),
            kind,
            description: None,
        })
        .collect();
    crate::choices::shuffle(&mut segments, ctx.c.word());
    Network {
        id: w.id(),
        description: None,
        visibility: ctx.flip().then_some(Visibility::Private),
        segments,
    }
}

/// Service `i` of environment `e` edited by `f`, after making sure there is a service.
fn with_service(ctx: &mut Ctx, w: &mut Work, f: impl FnOnce(&mut j43_model::Service)) -> usize {
    w.ensure_services(1);
    let e = ctx.below(3);
    let i = ctx.below(w.services());
    if let Some(s) = w.env(e).and_then(|env| env.services.get_mut(i)) {
        f(s);
    }
    e
}

fn with_database(ctx: &mut Ctx, w: &mut Work, f: impl FnOnce(&mut j43_model::Database)) {
    w.ensure_database();
    let e = ctx.below(3);
    let i = ctx.below(w.databases());
    if let Some(d) = w.env(e).and_then(|env| env.databases.get_mut(i)) {
        f(d);
    }
}

/// A class whose violating side sets one value and whose near-miss side sets another, on a
/// service of a random environment.
fn service_value(
    rule: RuleId,
    name: &'static str,
    violating: &'static str,
    near_miss: &'static str,
    set: fn(&mut j43_model::Service, Side, usize),
) -> Class {
    class(
        rule,
        name,
        "S6.4",
        violating,
        near_miss,
        move |ctx, side| {
            let mut w = ctx.work();
            let i = ctx.i;
            with_service(ctx, &mut w, |s| set(s, side, i));
            let rules: &[RuleId] = if side == Side::Violating {
                &[rule]
            } else {
                &[]
            };
            Built::new(ctx.authorized(w), rules, name)
        },
    )
}

fn visibility_class(name: &'static str, which: usize) -> Class {
    let violating = "`visibility: public`";
    class(
        Net002,
        name,
        "S6.3",
        violating,
        "`private` or absent",
        move |ctx, side| {
            let mut w = ctx.work();
            let vis = match side {
                Side::Violating => Some(Visibility::Public),
                Side::NearMiss => ctx
                    .cycle(&[Some(Visibility::Private), None])
                    .copied()
                    .flatten(),
            };
            match which {
                0 => {
                    let e = ctx.below(3);
                    if let Some(n) = w.env(e).and_then(|env| env.networks.first_mut()) {
                        n.visibility = vis;
                    }
                }
                1 => {
                    with_service(ctx, &mut w, |s| s.visibility = vis);
                }
                _ => with_database(ctx, &mut w, |d| d.visibility = vis),
            }
            let rules: &[RuleId] = if side == Side::Violating {
                &[Net002]
            } else {
                &[]
            };
            Built::new(ctx.authorized(w), rules, name)
        },
    )
}

/// NET-004 for the component of kind `own`: its segment reference resolves to a segment of
/// another kind (violating) or of its own kind (near-miss).
fn placement_class(name: &'static str, own: SegmentKind) -> Class {
    class(
        Net004,
        name,
        "S6.3",
        "the segment reference resolves to a segment of another kind",
        "it resolves to a segment of the component's kind",
        move |ctx, side| {
            let mut w = ctx.work();
            match own {
                SegmentKind::Runtime => w.ensure_services(1),
                SegmentKind::Persistence => w.ensure_database(),
                SegmentKind::Ingress => {}
            }
            let e = ctx.below(3);
            let others: Vec<SegmentKind> = KINDS.into_iter().filter(|k| *k != own).collect();
            let target = match side {
                Side::Violating => ctx.cycle(&others).copied().unwrap_or(own),
                Side::NearMiss => own,
            };
            let n_services = w.services();
            let n_databases = w.databases();
            let k = match own {
                SegmentKind::Runtime => ctx.below(n_services),
                SegmentKind::Persistence => ctx.below(n_databases),
                SegmentKind::Ingress => 0,
            };
            if let Some(env) = w.env(e) {
                let seg = segment_id(env, target);
                match own {
                    SegmentKind::Ingress => {
                        if let Some(i) = env.ingresses.first_mut() {
                            i.segment = seg;
                        }
                    }
                    SegmentKind::Runtime => {
                        if let Some(s) = env.services.get_mut(k) {
                            s.segment = seg;
                        }
                    }
                    SegmentKind::Persistence => {
                        if let Some(d) = env.databases.get_mut(k) {
                            d.segment = seg;
                        }
                    }
                }
                if side == Side::NearMiss {
                    if let Some(n) = env.networks.first_mut() {
                        n.segments.reverse();
                    }
                }
            }
            let rules: &[RuleId] = if side == Side::Violating {
                &[Net004]
            } else {
                &[]
            };
            Built::new(ctx.authorized(w), rules, format!("{target:?}"))
        },
    )
}

fn net_classes() -> Vec<Class> {
    vec![
        class(Net001, "no-network", "S6.3", "an environment without a network (its segment references dangle: DOC-010)", "exactly one network", |ctx, side| {
            let mut w = ctx.work();
            let e = ctx.below(3);
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    if let Some(env) = w.env(e) {
                        env.networks.clear();
                    }
                    &[Net001, Doc010]
                }
                Side::NearMiss => {
                    if let Some(n) = w.env(e).and_then(|env| env.networks.first_mut()) {
                        n.segments.reverse();
                    }
                    &[]
                }
            };
            Built::new(ctx.authorized(w), rules, "")
        }),
        class(Net001, "two-networks", "S6.3", "a second network with its three segments", "exactly one network", |ctx, side| {
            let mut w = ctx.work();
            let e = ctx.below(3);
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    let n = new_network(&mut w, ctx, &KINDS);
                    let first = ctx.flip();
                    if let Some(env) = w.env(e) {
                        if first {
                            env.networks.insert(0, n);
                        } else {
                            env.networks.push(n);
                        }
                    }
                    &[Net001]
                }
                Side::NearMiss => &[],
            };
            Built::new(ctx.authorized(w), rules, "")
        }),
        visibility_class("public-network", 0),
        visibility_class("public-service", 1),
        visibility_class("public-database", 2),
        class(Net003, "second-of-kind", "S6.3", "a fourth segment repeating a kind", "the three kinds once each, in any order", |ctx, side| {
            let mut w = ctx.work();
            let e = ctx.below(3);
            let id = w.id();
            let kind = ctx.cycle(&KINDS).copied().unwrap_or(SegmentKind::Runtime);
            let at = ctx.below(4);
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    if let Some(n) = w.env(e).and_then(|env| env.networks.first_mut()) {
                        let at = at.min(n.segments.len());
                        n.segments.insert(at, Segment { id, kind, description: None });
                    }
                    &[Net003]
                }
                Side::NearMiss => {
                    if let Some(n) = w.env(e).and_then(|env| env.networks.first_mut()) {
                        n.segments.rotate_left(at % 3);
                    }
                    &[]
                }
            };
            Built::new(ctx.authorized(w), rules, format!("{kind:?}"))
        }),
        class(Net003, "missing-kind", "S6.3", "a network without a segment of some kind (no component refers to it)", "every kind present, even one nothing sits in", |ctx, side| {
            let mut w = ctx.work();
            let e = ctx.below(3);
            // No database anywhere, so that no component needs the persistence segment.
            for env in 0..3 {
                if let Some(env) = w.env(env) {
                    env.databases.clear();
                    env.adapters.clear();
                }
            }
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    if let Some(n) = w.env(e).and_then(|env| env.networks.first_mut()) {
                        n.segments.retain(|s| s.kind != SegmentKind::Persistence);
                    }
                    &[Net003]
                }
                Side::NearMiss => &[],
            };
            Built::new(ctx.authorized(w), rules, "")
        }),
        class(Net003, "second-network-checked", "S6.3", "a second network lacking a kind (NET-001 as well)", "a complete second network (NET-001 only)", |ctx, side| {
            let mut w = ctx.work();
            let e = ctx.below(3);
            let kinds: Vec<SegmentKind> = match side {
                Side::Violating => {
                    let drop = ctx.cycle(&KINDS).copied().unwrap_or(SegmentKind::Ingress);
                    KINDS.into_iter().filter(|k| *k != drop).collect()
                }
                Side::NearMiss => KINDS.to_vec(),
            };
            let n = new_network(&mut w, ctx, &kinds);
            if let Some(env) = w.env(e) {
                env.networks.push(n);
            }
            let rules: &[RuleId] = match side {
                Side::Violating => &[Net001, Net003],
                Side::NearMiss => &[Net001],
            };
            Built::new(ctx.authorized(w), rules, "")
        }),
        placement_class("ingress-segment-kind", SegmentKind::Ingress),
        placement_class("service-segment-kind", SegmentKind::Runtime),
        placement_class("database-segment-kind", SegmentKind::Persistence),
        class(Net004, "unresolved-is-not-net004", "S6.3", "a segment reference resolving to a segment of another kind", "a segment reference that does not resolve (DOC-010 or ENV-003 only)", |ctx, side| {
            let mut w = ctx.work();
            let e = ctx.below(3);
            let other = (e + 1 + ctx.below(2)) % 3;
            let foreign = w
                .env_ref(other)
                .map(|env| segment_id(env, SegmentKind::Ingress))
                .unwrap_or_default();
            let dangling = w.id();
            let variant = ctx.i % 2;
            let rules: &[RuleId] = match (side, variant) {
                (Side::Violating, _) => &[Net004],
                (Side::NearMiss, 0) => &[Doc010],
                (Side::NearMiss, _) => &[Env003],
            };
            if let Some(env) = w.env(e) {
                let wrong = segment_id(env, SegmentKind::Runtime);
                if let Some(i) = env.ingresses.first_mut() {
                    i.segment = match (side, variant) {
                        (Side::Violating, _) => wrong,
                        (Side::NearMiss, 0) => dangling,
                        (Side::NearMiss, _) => foreign,
                    };
                }
            }
            Built::new(ctx.authorized(w), rules, "")
        }),
        class(Net004, "first-segment-with-id", "S4.4, S7.16", "a reference resolves to the first segment with its id, of another kind (NET-001, DOC-009 as well)", "the first segment with the id is of the right kind, a later one is not (NET-001, DOC-009)", |ctx, side| {
            let mut w = ctx.work();
            w.ensure_services(1);
            w.ensure_database();
            let e = ctx.below(3);
            let kind = ctx.cycle(&KINDS).copied().unwrap_or(SegmentKind::Ingress);
            let mut n = new_network(&mut w, ctx, &KINDS);
            let Some(x) = w.env_ref(e).map(|env| segment_id(env, kind)) else {
                return Built::new(Vec::new(), &[Doc001], "no environment");
            };
            // The new network's segment of another kind takes the id.
            let other = KINDS
                .into_iter()
                .find(|k| *k != kind)
                .unwrap_or(SegmentKind::Runtime);
            for s in &mut n.segments {
                if s.kind == other {
                    s.id.clone_from(&x);
                }
            }
            if let Some(env) = w.env(e) {
                match side {
                    Side::Violating => env.networks.insert(0, n),
                    Side::NearMiss => env.networks.push(n),
                }
            }
            let rules: &[RuleId] = match side {
                Side::Violating => &[Net001, Doc009, Net004],
                Side::NearMiss => &[Net001, Doc009],
            };
            Built::new(ctx.authorized(w), rules, format!("{kind:?} taken by a {other:?}"))
        }),
    ]
}

fn compute_classes() -> Vec<Class> {
    vec![
        service_value(
            Cmp001,
            "process-batch",
            "`process: batch`",
            "`long-lived`",
            |s, side, _| {
                s.process = if side == Side::Violating {
                    Process::Batch
                } else {
                    Process::LongLived
                };
            },
        ),
        service_value(
            Cmp001,
            "process-scheduled",
            "`process: scheduled`",
            "`long-lived`",
            |s, side, _| {
                s.process = if side == Side::Violating {
                    Process::Scheduled
                } else {
                    Process::LongLived
                };
            },
        ),
        service_value(
            Cmp001,
            "process-on-demand",
            "`process: on-demand`",
            "`long-lived`",
            |s, side, _| {
                s.process = if side == Side::Violating {
                    Process::OnDemand
                } else {
                    Process::LongLived
                };
            },
        ),
        service_value(
            Cmp002,
            "state-stateful",
            "`state: stateful`",
            "`stateless`",
            |s, side, _| {
                s.state = if side == Side::Violating {
                    j43_model::State::Stateful
                } else {
                    j43_model::State::Stateless
                };
            },
        ),
        service_value(
            Cmp003,
            "scaling-vertical",
            "`scaling: vertical`",
            "`horizontal`",
            |s, side, _| {
                s.scaling = Some(if side == Side::Violating {
                    Scaling::Vertical
                } else {
                    Scaling::Horizontal
                });
            },
        ),
        service_value(
            Cmp003,
            "scaling-none",
            "`scaling: none`",
            "no `scaling` at all",
            |s, side, _| {
                s.scaling = (side == Side::Violating).then_some(Scaling::None);
            },
        ),
        twin_class(Cmp004, "twin-service-names", false, false),
        twin_class(Cmp004, "service-and-database-name", false, true),
    ]
}

/// Name variants that are other names: case, normalization, invisible and trailing characters.
pub(crate) fn variant_of(name: &str, k: usize) -> String {
    match k % 5 {
        0 => {
            let upper = name.to_uppercase();
            if upper == name {
                format!("{}\u{2032}", name.to_lowercase())
            } else {
                upper
            }
        }
        1 => format!("{name} "),
        2 => format!("{name}\u{200b}"),
        3 => format!("{name}\u{301}"),
        _ => format!("\u{2c}{name}"),
    }
}

/// Twins: two services (databases) of one name in some environments (violating); near-miss:
/// a new service (database) whose name is a variant of an existing one (`across`: the name of
/// a database (service)), in every environment.
fn twin_class(rule: RuleId, name: &'static str, database: bool, across: bool) -> Class {
    let violating = if database {
        "a second database with an existing name, with its own writer, in some environments"
    } else {
        "a second service with an existing name, in some environments"
    };
    let near_miss = match (database, across) {
        (false, false) => "a new service named by a variant of an existing name (case, trailing space, invisible or combining character), everywhere",
        (true, false) => "a new database named by a variant of an existing name, everywhere",
        (false, true) => "a new service with a database's name, everywhere",
        (true, true) => "a new database with a service's name, everywhere",
    };
    class(
        rule,
        name,
        "S6.4, S6.5, S7.2",
        violating,
        near_miss,
        move |ctx, side| {
            let mut w = ctx.work();
            w.ensure_services(1);
            w.ensure_database();
            let envs = match side {
                Side::Violating => {
                    if ctx.flip() {
                        vec![0, 1, 2]
                    } else {
                        proper_subset(ctx)
                    }
                }
                Side::NearMiss => vec![0, 1, 2],
            };
            let pool_is_databases = database != (across && side == Side::NearMiss);
            let n = if pool_is_databases {
                w.databases()
            } else {
                w.services()
            };
            let k = ctx.below(n);
            let existing = w
                .env_ref(0)
                .and_then(|e| {
                    if pool_is_databases {
                        e.databases.get(k).map(|d| d.name.clone())
                    } else {
                        e.services.get(k).map(|s| s.name.clone())
                    }
                })
                .unwrap_or_default();
            let new_name = match side {
                Side::Violating => existing.clone(),
                Side::NearMiss if across => existing.clone(),
                Side::NearMiss => variant_of(&existing, ctx.i),
            };
            // A variant may by chance be a name already present in its kind; then a fresh name.
            let taken = w.env_ref(0).is_some_and(|e| {
                if database {
                    e.databases.iter().any(|d| d.name == new_name)
                } else {
                    e.services.iter().any(|s| s.name == new_name)
                }
            });
            let new_name = if side == Side::NearMiss && taken {
                w.name()
            } else {
                new_name
            };
            if database {
                let writer = if side == Side::Violating {
                    w.writer_of(k)
                } else {
                    Some(ctx.below(w.services()))
                };
                w.add_database_to(&envs, &new_name, writer.or(Some(0)));
            } else {
                w.add_service_to(&envs, &new_name);
            }
            let rules: &[RuleId] = if side == Side::Violating {
                &[rule]
            } else {
                &[]
            };
            Built::new(ctx.authorized(w), rules, format!("{new_name:?}"))
        },
    )
}

fn engine_class(
    name: &'static str,
    violating: &'static str,
    values: &'static [&'static str],
) -> Class {
    class(
        Per001,
        name,
        "S6.5, S7.11",
        violating,
        "`postgresql` or `postgres`",
        move |ctx, side| {
            let mut w = ctx.work();
            let engine = match side {
                Side::Violating => ctx.cycle(values).copied().unwrap_or("mysql"),
                Side::NearMiss => ctx
                    .cycle(&["postgresql", "postgres"])
                    .copied()
                    .unwrap_or("postgres"),
            };
            with_database(ctx, &mut w, |d| d.engine = engine.to_owned());
            let rules: &[RuleId] = if side == Side::Violating {
                &[Per001]
            } else {
                &[]
            };
            Built::new(ctx.authorized(w), rules, format!("{engine:?}"))
        },
    )
}

/// Adds to every environment an adapter from service `s` to database `d`.
fn adapter_everywhere(w: &mut Work, s: usize, d: usize, access: Access) {
    w.add_adapter_to(&[0, 1, 2], s, d, access);
}

fn persistence_classes() -> Vec<Class> {
    vec![
        engine_class("engine-case", "`PostgreSQL`, `POSTGRES` and other cases", &["PostgreSQL", "POSTGRESQL", "Postgres", "POSTGRES", "postgreSQL", "PostgreSql"]),
        engine_class("engine-affix", "`postgres15`, `aurora-postgresql`, padded, truncated or other engines", &["postgres15", "postgresql-14", "aurora-postgresql", "postgresql ", " postgres", "postgres\u{0}", "postgre", "postgresq", "pg", "mysql"]),
        class(Per002, "managed-false", "S6.5", "`managed: false`", "`managed: true`", |ctx, side| {
            let mut w = ctx.work();
            with_database(ctx, &mut w, |d| d.managed = side == Side::NearMiss);
            let rules: &[RuleId] = if side == Side::Violating { &[Per002] } else { &[] };
            Built::new(ctx.authorized(w), rules, "")
        }),
        class(Per003, "no-writer", "S6.5, S7.2", "a database whose adapters are all read-only, in every environment", "one writer with two read-write adapters and a reader, in every environment", |ctx, side| {
            let mut w = ctx.work();
            w.ensure_services(2);
            w.ensure_database();
            let d = ctx.below(w.databases());
            match side {
                Side::Violating => {
                    for e in 0..3 {
                        if let Some(env) = w.env(e) {
                            let Some(id) = env.databases.get(d).map(|x| x.id.clone()) else { continue };
                            for a in env.adapters.iter_mut().filter(|a| a.database == id) {
                                a.access = Access::ReadOnly;
                            }
                        }
                    }
                }
                Side::NearMiss => {
                    let writer = w.writer_of(d).unwrap_or(0);
                    let reader = (writer + 1) % w.services().max(1);
                    adapter_everywhere(&mut w, writer, d, Access::ReadWrite);
                    adapter_everywhere(&mut w, reader, d, Access::ReadOnly);
                }
            }
            let rules: &[RuleId] = if side == Side::Violating { &[Per003] } else { &[] };
            Built::new(ctx.authorized(w), rules, "")
        }),
        class(Per003, "two-writers", "S6.5, S7.2", "a second service writing the database, in every environment", "the writer's second read-write adapter, in every environment", |ctx, side| {
            let mut w = ctx.work();
            w.ensure_services(2);
            w.ensure_database();
            let d = ctx.below(w.databases());
            let writer = w.writer_of(d).unwrap_or(0);
            let n = w.services();
            let other = (writer + 1 + ctx.below(n.saturating_sub(1).max(1))) % n.max(1);
            let s = if side == Side::Violating { other } else { writer };
            adapter_everywhere(&mut w, s, d, Access::ReadWrite);
            let rules: &[RuleId] = if side == Side::Violating { &[Per003] } else { &[] };
            Built::new(ctx.authorized(w), rules, "")
        }),
        class(Per003, "writer-unresolved", "S6.5", "the writer's adapters name a service that does not resolve (DOC-010 or ENV-003 as well)", "a reader's adapter does not resolve (DOC-010 or ENV-003 only)", |ctx, side| {
            let mut w = ctx.work();
            w.ensure_services(2);
            w.ensure_database();
            let d = ctx.below(w.databases());
            let writer = w.writer_of(d).unwrap_or(0);
            let reader = (writer + 1) % w.services().max(1);
            if side == Side::NearMiss {
                adapter_everywhere(&mut w, reader, d, Access::ReadOnly);
            }
            let foreign = ctx.i % 2 == 1;
            let mut rules = if side == Side::Violating { vec![Per003] } else { Vec::new() };
            rules.push(if foreign { Env003 } else { Doc010 });
            for e in 0..3 {
                let other_id = w
                    .env_ref((e + 1) % 3)
                    .and_then(|env| env.services.get(writer).map(|s| s.id.clone()))
                    .unwrap_or_default();
                let dangling = w.id();
                let bad = if foreign { other_id } else { dangling };
                let Some(env) = w.env(e) else { continue };
                let Some(db) = env.databases.get(d).map(|x| x.id.clone()) else { continue };
                let (Some(ws), Some(rs)) = (
                    env.services.get(writer).map(|s| s.id.clone()),
                    env.services.get(reader).map(|s| s.id.clone()),
                ) else {
                    continue;
                };
                for a in env.adapters.iter_mut().filter(|a| a.database == db) {
                    let hit = match side {
                        Side::Violating => a.service == ws && a.access == Access::ReadWrite,
                        Side::NearMiss => a.service == rs && a.access == Access::ReadOnly,
                    };
                    if hit {
                        a.service.clone_from(&bad);
                    }
                }
            }
            Built::new(ctx.authorized(w), &rules, "")
        }),
        class(Per003, "duplicate-database-id", "S4.4, S7.16", "a later database with an earlier database's id is never reached (DOC-009 as well)", "a database with an earlier service's id is still reached (DOC-009 only)", |ctx, side| {
            let mut w = ctx.work();
            // Which database comes first must be the same in every environment: no shuffle.
            w.shuffles = [0; 3];
            w.ensure_services(1);
            w.ensure_database();
            let writer = ctx.below(w.services());
            let name = w.name();
            w.add_database_to(&[0, 1, 2], &name, Some(writer));
            let k = ctx.below(w.databases().saturating_sub(1).max(1));
            for e in 0..3 {
                let Some(env) = w.env(e) else { continue };
                let taken = match side {
                    Side::Violating => env.databases.get(k).map(|x| x.id.clone()),
                    Side::NearMiss => env.services.get(writer).map(|x| x.id.clone()),
                };
                let Some(taken) = taken else { continue };
                let Some(new) = env.databases.last_mut() else { continue };
                let old = std::mem::replace(&mut new.id, taken.clone());
                for a in env.adapters.iter_mut().filter(|a| a.database == old) {
                    a.database.clone_from(&taken);
                }
            }
            let rules: &[RuleId] = match side {
                Side::Violating => &[Doc009, Per003],
                Side::NearMiss => &[Doc009],
            };
            Built::new(ctx.authorized(w), rules, "")
        }),
        twin_class(Per004, "twin-database-names", true, false),
        twin_class(Per004, "database-and-service-name", true, true),
    ]
}

fn ingress_classes() -> Vec<Class> {
    vec![
        class(
            Ing001,
            "no-ingress",
            "S6.6",
            "an environment without an ingress (INV-001 as well when the others expose a service)",
            "exactly one ingress",
            |ctx, side| {
                let mut w = ctx.work();
                let e = ctx.below(3);
                let exposes = w
                    .env_ref(e)
                    .and_then(|env| env.ingresses.first())
                    .is_some_and(|i| !i.targets.is_empty());
                let rules: &[RuleId] = match side {
                    Side::Violating => {
                        if let Some(env) = w.env(e) {
                            env.ingresses.clear();
                        }
                        if exposes {
                            &[Ing001, Inv001]
                        } else {
                            &[Ing001]
                        }
                    }
                    Side::NearMiss => &[],
                };
                Built::new(ctx.authorized(w), rules, "")
            },
        ),
        class(
            Ing001,
            "two-ingresses",
            "S6.6",
            "a second ingress in the ingress segment (exposing nothing new)",
            "one ingress with repeated targets",
            |ctx, side| {
                let mut w = ctx.work();
                w.ensure_services(1);
                let e = ctx.below(3);
                let id = w.id();
                let copy = ctx.flip();
                let first = ctx.flip();
                let own = w
                    .env_ref(e)
                    .and_then(|env| env.services.first().map(|s| s.id.clone()))
                    .unwrap_or_default();
                let rules: &[RuleId] = match side {
                    Side::Violating => {
                        if let Some(env) = w.env(e) {
                            let segment = segment_id(env, SegmentKind::Ingress);
                            let targets = if copy {
                                env.ingresses
                                    .first()
                                    .map(|i| i.targets.clone())
                                    .unwrap_or_default()
                            } else {
                                Vec::new()
                            };
                            let ingress = Ingress {
                                id,
                                segment,
                                tls_termination: TlsTermination::Infrastructure,
                                load_balancing: None,
                                targets,
                                description: None,
                            };
                            if first {
                                env.ingresses.insert(0, ingress);
                            } else {
                                env.ingresses.push(ingress);
                            }
                        }
                        &[Ing001]
                    }
                    Side::NearMiss => {
                        // The first service exposed twice in every environment.
                        for env in 0..3 {
                            if let Some(env) = w.env(env) {
                                let own = env
                                    .services
                                    .first()
                                    .map(|s| s.id.clone())
                                    .unwrap_or_default();
                                if let Some(i) = env.ingresses.first_mut() {
                                    i.targets.push(own.clone());
                                    i.targets.push(own);
                                }
                            }
                        }
                        let _ = own;
                        &[]
                    }
                };
                Built::new(ctx.authorized(w), rules, "")
            },
        ),
        class(
            Ing002,
            "tls-runtime",
            "S6.6",
            "`tls_termination: runtime`",
            "`infrastructure`",
            |ctx, side| tls(ctx, side, TlsTermination::Runtime),
        ),
        class(
            Ing002,
            "tls-none",
            "S6.6",
            "`tls_termination: none`",
            "`infrastructure`",
            |ctx, side| tls(ctx, side, TlsTermination::None),
        ),
    ]
}

fn tls(ctx: &mut Ctx, side: Side, bad: TlsTermination) -> Built {
    let mut w = ctx.work();
    let e = ctx.below(3);
    if let Some(i) = w.env(e).and_then(|env| env.ingresses.first_mut()) {
        i.tls_termination = if side == Side::Violating {
            bad
        } else {
            TlsTermination::Infrastructure
        };
    }
    let rules: &[RuleId] = if side == Side::Violating {
        &[Ing002]
    } else {
        &[]
    };
    Built::new(ctx.authorized(w), rules, "")
}

fn boundary_classes() -> Vec<Class> {
    vec![
        class(
            Cfg001,
            "configuration-runtime",
            "S6.7",
            "`placement: runtime`",
            "`dedicated`",
            |ctx, side| {
                let mut w = ctx.work();
                let e = ctx.below(3);
                if let Some(env) = w.env(e) {
                    env.configuration.placement = if side == Side::Violating {
                        ConfigurationPlacement::Runtime
                    } else {
                        ConfigurationPlacement::Dedicated
                    };
                }
                let rules: &[RuleId] = if side == Side::Violating {
                    &[Cfg001]
                } else {
                    &[]
                };
                Built::new(ctx.authorized(w), rules, "")
            },
        ),
        class(
            Cfg002,
            "secrets-in-configuration",
            "S6.7",
            "`secrets.placement: configuration`",
            "`dedicated`, or `runtime` (CFG-003)",
            |ctx, side| secrets(ctx, side, SecretsPlacement::Configuration, Cfg002, Cfg003),
        ),
        class(
            Cfg003,
            "secrets-in-runtime",
            "S6.7, S7.6",
            "`secrets.placement: runtime`",
            "`dedicated`, or `configuration` (CFG-002)",
            |ctx, side| secrets(ctx, side, SecretsPlacement::Runtime, Cfg003, Cfg002),
        ),
    ]
}

fn secrets(ctx: &mut Ctx, side: Side, bad: SecretsPlacement, rule: RuleId, other: RuleId) -> Built {
    let mut w = ctx.work();
    let e = ctx.below(3);
    let alt = if bad == SecretsPlacement::Runtime {
        SecretsPlacement::Configuration
    } else {
        SecretsPlacement::Runtime
    };
    let (placement, rules): (SecretsPlacement, &[RuleId]) = match side {
        Side::Violating => (bad, &[rule]),
        Side::NearMiss if ctx.i % 2 == 1 => (alt, &[other]),
        Side::NearMiss => (SecretsPlacement::Dedicated, &[]),
    };
    let rules = rules.to_vec();
    if let Some(env) = w.env(e) {
        env.secrets.placement = placement;
    }
    Built::new(ctx.authorized(w), &rules, format!("{placement:?}"))
}

fn neutrality_classes() -> Vec<Class> {
    vec![
        class(Inv001, "missing-service", "S6.9, S7.3", "a service of a new name in some environments only", "the new service in every environment (other ids, descriptions)", |ctx, side| {
            let mut w = ctx.work();
            let envs = if side == Side::Violating { proper_subset(ctx) } else { vec![0, 1, 2] };
            let name = w.name();
            w.add_service_to(&envs, &name);
            let rules: &[RuleId] = if side == Side::Violating { &[Inv001] } else { &[] };
            Built::new(ctx.authorized(w), rules, format!("{envs:?}"))
        }),
        class(Inv001, "missing-database", "S6.9, S7.3", "a database of a new name, with its writer, in some environments only", "the new database in every environment", |ctx, side| {
            let mut w = ctx.work();
            w.ensure_services(1);
            let envs = if side == Side::Violating { proper_subset(ctx) } else { vec![0, 1, 2] };
            let writer = ctx.below(w.services());
            let name = w.name();
            w.add_database_to(&envs, &name, Some(writer));
            let rules: &[RuleId] = if side == Side::Violating { &[Inv001] } else { &[] };
            Built::new(ctx.authorized(w), rules, format!("{envs:?}"))
        }),
        class(Inv001, "access-differs", "S6.9, S7.3", "a read-only access of a new service to a database in some environments only (same names everywhere)", "the access in every environment", |ctx, side| {
            let mut w = ctx.work();
            w.ensure_database();
            let name = w.name();
            w.add_service_to(&[0, 1, 2], &name);
            let s = w.services() - 1;
            let d = ctx.below(w.databases());
            let envs = if side == Side::Violating { proper_subset(ctx) } else { vec![0, 1, 2] };
            w.add_adapter_to(&envs, s, d, Access::ReadOnly);
            let rules: &[RuleId] = if side == Side::Violating { &[Inv001] } else { &[] };
            Built::new(ctx.authorized(w), rules, format!("{envs:?}"))
        }),
        class(Inv001, "exposed-differs", "S6.9, S7.3", "an ingress exposing a service (present everywhere) in some environments only", "the service exposed in every environment", |ctx, side| {
            let mut w = ctx.work();
            let name = w.name();
            w.add_service_to(&[0, 1, 2], &name);
            let s = w.services() - 1;
            let envs = if side == Side::Violating { proper_subset(ctx) } else { vec![0, 1, 2] };
            let twice = ctx.flip();
            for e in envs.iter().copied() {
                if let Some(env) = w.env(e) {
                    let id = env.services.get(s).map(|x| x.id.clone()).unwrap_or_default();
                    if let Some(i) = env.ingresses.first_mut() {
                        i.targets.push(id.clone());
                        if twice {
                            i.targets.push(id);
                        }
                    }
                }
            }
            let rules: &[RuleId] = if side == Side::Violating { &[Inv001] } else { &[] };
            Built::new(ctx.authorized(w), rules, format!("{envs:?}"))
        }),
        class(Inv001, "two-present-environments", "S6.9", "one environment absent (ENV-001) and the two others differ", "one environment absent and the two others equal (ENV-001 only)", |ctx, side| {
            let mut w = ctx.work();
            let gone = ctx.below(3);
            let present: Vec<usize> = (0..3).filter(|e| *e != gone).collect();
            if side == Side::Violating {
                let only = present.get(ctx.below(2)).copied().unwrap_or(0);
                let name = w.name();
                w.add_service_to(&[only], &name);
            }
            let slot = match gone {
                0 => &mut w.design.environments.local,
                1 => &mut w.design.environments.staging,
                _ => &mut w.design.environments.production,
            };
            *slot = None;
            let rules: &[RuleId] = match side {
                Side::Violating => &[Env001, Inv001],
                Side::NearMiss => &[Env001],
            };
            Built::new(ctx.authorized(w), rules, format!("without {gone}"))
        }),
        class(Inv001, "unresolved-target", "S6.1 DOC-010, S6.9", "every target of one ingress replaced by references that do not resolve (DOC-010 as well)", "a target that does not resolve beside one that does (DOC-010 only)", |ctx, side| {
            let mut w = ctx.work();
            let name = w.name();
            w.add_service_to(&[0, 1, 2], &name);
            let s = w.services() - 1;
            for e in 0..3 {
                if let Some(env) = w.env(e) {
                    let id = env.services.get(s).map(|x| x.id.clone()).unwrap_or_default();
                    if let Some(i) = env.ingresses.first_mut() {
                        i.targets.push(id);
                    }
                }
            }
            let e = ctx.below(3);
            let dangling = w.id();
            if let Some(i) = w.env(e).and_then(|env| env.ingresses.first_mut()) {
                match side {
                    Side::Violating => i.targets = vec![dangling],
                    Side::NearMiss => i.targets.push(dangling),
                }
            }
            let rules: &[RuleId] = match side {
                Side::Violating => &[Doc010, Inv001],
                Side::NearMiss => &[Doc010],
            };
            Built::new(ctx.authorized(w), rules, "")
        }),
    ]
}

/// Every S6 layer-3 class of this module (DOC-009, DOC-010, ENV-002 and ENV-003 are in
/// [`super::refs`]).
pub(crate) fn classes() -> Vec<Class> {
    let mut out = net_classes();
    out.extend(compute_classes());
    out.extend(persistence_classes());
    out.extend(ingress_classes());
    out.extend(boundary_classes());
    out.extend(neutrality_classes());
    out
}
