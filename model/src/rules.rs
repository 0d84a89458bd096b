//! Layer 3 (SPEC S4.5): one function per rule over a well-typed document.

use crate::catalog::RuleId;
use crate::format::ComponentKind;
use crate::report::{push_index, push_token, Collector};
use crate::tokens::{find_arrow, find_port};
use crate::view::{Document, Environment, Ingress, Loc, Resolved, Str};
use ahash::AHashSet;

type Out = Collector;

/// Runs every layer 3 rule.
pub(crate) fn evaluate(doc: &Document<'_>, out: &mut Out) {
    duplicate_ids(doc, out);
    shared_ids(doc, out);
    references(doc, out);
    for env in &doc.environments {
        one_network(env, out);
        private_by_default(env, out);
        segmented_boundary(env, out);
        compute(env, out);
        persistence(env, out);
        single_writer(env, out);
        one_instance_per_name(env, out);
        ingress(env, out);
        configuration_and_secrets(env, out);
    }
    semantic_neutrality(doc, out);
    technical_diagrams(doc, out);
}

/// Writes the pointer of member `member` of the component at `loc`.
fn member_pointer(env: &Environment<'_>, out: &mut String, loc: Loc, member: &str) {
    env.write_loc(out, loc);
    push_token(out, member);
}

/// DOC-009: an id used twice in one environment; every occurrence after the first.
fn duplicate_ids(doc: &Document<'_>, out: &mut Out) {
    for env in &doc.environments {
        for c in env
            .duplicates
            .iter()
            .filter_map(|&d| env.components.get(d as usize))
        {
            out.add(
                RuleId::Doc009,
                |p| member_pointer(env, p, c.loc, "id"),
                || {
                    format!(
                        "id `{}` is already used in environment `{}`",
                        env.text(c.id),
                        env.name
                    )
                },
            );
        }
    }
}

/// ENV-002: an id present in several environments; reported in every environment after the first.
fn shared_ids(doc: &Document<'_>, out: &mut Out) {
    for (k, env) in doc.environments.iter().enumerate() {
        let earlier = doc.environments.get(..k).unwrap_or_default();
        if earlier.is_empty() {
            continue;
        }
        for c in &env.components {
            let id = env.text(c.id);
            if let Some(owner) = earlier.iter().find(|e| e.has_id(id)) {
                out.add(
                    RuleId::Env002,
                    |p| member_pointer(env, p, c.loc, "id"),
                    || format!("id `{id}` is shared with environment `{}`", owner.name),
                );
            }
        }
    }
}

/// Where a reference sits: its component, its member, and its index in an array member.
#[derive(Debug, Clone, Copy)]
struct RefAt {
    loc: Loc,
    member: &'static str,
    index: Option<usize>,
}

impl RefAt {
    fn write(self, env: &Environment<'_>, out: &mut String) {
        member_pointer(env, out, self.loc, self.member);
        if let Some(i) = self.index {
            push_index(out, i);
        }
    }
}

/// Calls `f` on every reference of an environment: where it is, the kind it expects, the id,
/// and what it resolved to within the environment.
fn for_each_reference<'a>(
    env: &Environment<'a>,
    mut f: impl FnMut(RefAt, ComponentKind, &'a str, Option<Loc>),
) {
    let at = |loc, member| RefAt {
        loc,
        member,
        index: None,
    };
    for (i, ingress) in (0u32..).zip(&env.ingresses) {
        let loc = Loc::Ingress(i);
        f(
            at(loc, "segment"),
            ComponentKind::Segment,
            env.text(ingress.segment),
            ingress.segment_to,
        );
        for (t, target) in env.targets(ingress) {
            let id = env.text(target);
            let place = RefAt {
                loc,
                member: "targets",
                index: Some(t),
            };
            f(
                place,
                ComponentKind::Service,
                id,
                env.find(ComponentKind::Service, id),
            );
        }
    }
    for (i, service) in (0u32..).zip(&env.services) {
        f(
            at(Loc::Service(i), "segment"),
            ComponentKind::Segment,
            env.text(service.segment),
            service.segment_to,
        );
    }
    for (i, database) in (0u32..).zip(&env.databases) {
        f(
            at(Loc::Database(i), "segment"),
            ComponentKind::Segment,
            env.text(database.segment),
            database.segment_to,
        );
    }
    for (i, adapter) in (0u32..).zip(&env.adapters) {
        let loc = Loc::Adapter(i);
        f(
            at(loc, "service"),
            ComponentKind::Service,
            env.text(adapter.service),
            adapter.service_to,
        );
        f(
            at(loc, "database"),
            ComponentKind::Database,
            env.text(adapter.database),
            adapter.database_to,
        );
    }
}

/// DOC-010 and ENV-003: references that do not resolve in their own environment.
fn references(doc: &Document<'_>, out: &mut Out) {
    for (e, env) in doc.environments.iter().enumerate() {
        for_each_reference(env, |place, kind, id, resolved| {
            if resolved.is_some() {
                return;
            }
            let pointer = |p: &mut String| place.write(env, p);
            match doc.resolve(e, kind, id) {
                Resolved::To(_) => {}
                Resolved::WrongKind(other) => out.add(RuleId::Doc010, pointer, || {
                    format!("`{id}` is a {}, not a {}", other.as_str(), kind.as_str())
                }),
                Resolved::OtherEnvironment(other) => out.add(RuleId::Env003, pointer, || {
                    format!(
                        "`{id}` belongs to environment `{other}`, not `{}`",
                        env.name
                    )
                }),
                Resolved::Dangling => out.add(RuleId::Doc010, pointer, || {
                    format!("no {} has id `{id}`", kind.as_str())
                }),
            }
        });
    }
}

/// NET-001: exactly one network boundary.
fn one_network(env: &Environment<'_>, out: &mut Out) {
    if env.networks.len() != 1 {
        out.add(
            RuleId::Net001,
            |p| {
                env.write_pointer(p);
                p.push_str("/networks");
            },
            || {
                format!(
                    "environment `{}` has {} network boundaries, not one",
                    env.name,
                    env.networks.len()
                )
            },
        );
    }
}

/// NET-002: nothing public.
fn private_by_default(env: &Environment<'_>, out: &mut Out) {
    let public = |v: Option<Str>| v.is_some_and(|v| env.text(v) == "public");
    let mut report = |loc: Loc, id: Str| {
        out.add(
            RuleId::Net002,
            |p| member_pointer(env, p, loc, "visibility"),
            || {
                format!(
                    "`{}` is public; only the ingress receives external traffic",
                    env.text(id)
                )
            },
        );
    };
    for (i, n) in (0u32..).zip(&env.networks) {
        if public(n.visibility) {
            report(Loc::Network(i), n.id);
        }
    }
    for (i, s) in (0u32..).zip(&env.services) {
        if public(s.visibility) {
            report(Loc::Service(i), s.id);
        }
    }
    for (i, d) in (0u32..).zip(&env.databases) {
        if public(d.visibility) {
            report(Loc::Database(i), d.id);
        }
    }
}

/// NET-003: one segment of each kind per network.
fn segmented_boundary(env: &Environment<'_>, out: &mut Out) {
    for (n, network) in (0u32..).zip(&env.networks) {
        // Which of SEGMENT_KINDS were seen (a well-typed kind is one of them).
        let mut seen = [false; crate::format::SEGMENT_KINDS.len()];
        for s in network.segments.clone() {
            let Some(segment) = env.segments.get(s as usize) else {
                continue;
            };
            let kind = env.text(segment.kind);
            let Some(slot) = crate::format::SEGMENT_KINDS
                .iter()
                .position(|k| *k == kind)
                .and_then(|i| seen.get_mut(i))
            else {
                continue;
            };
            if std::mem::replace(slot, true) {
                out.add(
                    RuleId::Net003,
                    |p| member_pointer(env, p, Loc::Segment(s), "kind"),
                    || {
                        format!(
                            "network `{}` has a second `{kind}` segment",
                            env.text(network.id)
                        )
                    },
                );
            }
        }
        let absent = crate::format::SEGMENT_KINDS
            .iter()
            .zip(seen)
            .filter(|(_, s)| !s);
        for (kind, _) in absent {
            out.add(
                RuleId::Net003,
                |p| member_pointer(env, p, Loc::Network(n), "segments"),
                || format!("network `{}` has no `{kind}` segment", env.text(network.id)),
            );
        }
    }
}

/// NET-004: the segment a component sits in, when it resolves, is of the component's kind.
fn placement(
    env: &Environment<'_>,
    out: &mut Out,
    at: Loc,
    id: Str,
    segment: (Str, Option<Loc>),
    expected: &str,
) {
    let Some(Loc::Segment(s)) = segment.1 else {
        return;
    };
    let Some(found) = env.segments.get(s as usize).map(|seg| env.text(seg.kind)) else {
        return;
    };
    if found != expected {
        out.add(
            RuleId::Net004,
            |p| member_pointer(env, p, at, "segment"),
            || {
                format!(
                    "`{}` sits in `{}`, a `{found}` segment, not a `{expected}` one",
                    env.text(id),
                    env.text(segment.0)
                )
            },
        );
    }
}

/// CMP-001, CMP-002, CMP-003 and the runtime placement of NET-004.
fn compute(env: &Environment<'_>, out: &mut Out) {
    for (i, s) in (0u32..).zip(&env.services) {
        let at = Loc::Service(i);
        placement(env, out, at, s.id, (s.segment, s.segment_to), "runtime");
        let id = || env.text(s.id);
        let process = env.text(s.process);
        if process != "long-lived" {
            out.add(
                RuleId::Cmp001,
                |p| member_pointer(env, p, at, "process"),
                || format!("service `{}` is `{process}`, not long-lived", id()),
            );
        }
        let state = env.text(s.state);
        if state != "stateless" {
            out.add(
                RuleId::Cmp002,
                |p| member_pointer(env, p, at, "state"),
                || format!("service `{}` is `{state}`, not stateless", id()),
            );
        }
        if let Some(scaling) = s
            .scaling
            .map(|v| env.text(v))
            .filter(|&v| v != "horizontal")
        {
            out.add(
                RuleId::Cmp003,
                |p| member_pointer(env, p, at, "scaling"),
                || format!("service `{}` scales `{scaling}`, not horizontally", id()),
            );
        }
    }
}

/// PER-001, PER-002 and the persistence placement of NET-004.
fn persistence(env: &Environment<'_>, out: &mut Out) {
    for (i, d) in (0u32..).zip(&env.databases) {
        let at = Loc::Database(i);
        placement(env, out, at, d.id, (d.segment, d.segment_to), "persistence");
        let engine = env.text(d.engine);
        if !crate::format::POSTGRESQL_ENGINES.contains(&engine) {
            out.add(
                RuleId::Per001,
                |p| member_pointer(env, p, at, "engine"),
                || {
                    format!(
                        "database `{}` uses `{engine}`, not managed postgresql",
                        env.text(d.id)
                    )
                },
            );
        }
        if !d.managed {
            out.add(
                RuleId::Per002,
                |p| member_pointer(env, p, at, "managed"),
                || format!("database `{}` is not managed", env.text(d.id)),
            );
        }
    }
}

/// CMP-004 and PER-004: a logical service or database name used twice in one environment is
/// an instance count or a replica; reported at every `name` after the first.
fn one_instance_per_name(env: &Environment<'_>, out: &mut Out) {
    let mut seen = AHashSet::with_capacity(env.services.len());
    for (i, s) in (0u32..).zip(&env.services) {
        let name = env.text(s.name);
        if !seen.insert(name) {
            out.add(
                RuleId::Cmp004,
                |p| member_pointer(env, p, Loc::Service(i), "name"),
                || format!("a second instance of service `{name}`"),
            );
        }
    }
    let mut seen = AHashSet::with_capacity(env.databases.len());
    for (i, d) in (0u32..).zip(&env.databases) {
        let name = env.text(d.name);
        if !seen.insert(name) {
            out.add(
                RuleId::Per004,
                |p| member_pointer(env, p, Loc::Database(i), "name"),
                || format!("a second instance of database `{name}`"),
            );
        }
    }
}

/// PER-003: each database has exactly one writing service.
fn single_writer(env: &Environment<'_>, out: &mut Out) {
    /// The writers of one database: none, one (its index), or several.
    #[derive(Clone, Copy, PartialEq)]
    enum Writers {
        None,
        One(u32),
        Several,
    }
    let mut writers = vec![Writers::None; env.databases.len()];
    for adapter in &env.adapters {
        if env.text(adapter.access) != "read-write" {
            continue;
        }
        let Some(Loc::Database(d)) = adapter.database_to else {
            continue;
        };
        let Some(Loc::Service(s)) = adapter.service_to else {
            continue;
        };
        if let Some(w) = writers.get_mut(d as usize) {
            *w = match *w {
                Writers::None => Writers::One(s),
                Writers::One(t) if t == s => Writers::One(t),
                _ => Writers::Several,
            };
        }
    }
    for (i, (d, w)) in (0u32..).zip(env.databases.iter().zip(&writers)) {
        let count = match w {
            Writers::None => "no writing service",
            Writers::One(_) => continue,
            Writers::Several => "several writing services",
        };
        out.add(
            RuleId::Per003,
            |p| env.write_loc(p, Loc::Database(i)),
            || format!("database `{}` has {count}, not one", env.text(d.id)),
        );
    }
}

/// ING-001, ING-002 and the ingress placement of NET-004.
fn ingress(env: &Environment<'_>, out: &mut Out) {
    if env.ingresses.len() != 1 {
        out.add(
            RuleId::Ing001,
            |p| {
                env.write_pointer(p);
                p.push_str("/ingresses");
            },
            || {
                format!(
                    "environment `{}` has {} ingresses, not one",
                    env.name,
                    env.ingresses.len()
                )
            },
        );
    }
    for (i, ing) in (0u32..).zip(&env.ingresses) {
        let at = Loc::Ingress(i);
        placement(
            env,
            out,
            at,
            ing.id,
            (ing.segment, ing.segment_to),
            "ingress",
        );
        let tls = env.text(ing.tls_termination);
        if tls != "infrastructure" {
            out.add(
                RuleId::Ing002,
                |p| member_pointer(env, p, at, "tls_termination"),
                || {
                    format!(
                        "ingress `{}` terminates tls at `{tls}`, not the infrastructure",
                        env.text(ing.id)
                    )
                },
            );
        }
    }
}

/// CFG-001, CFG-002, CFG-003: placements of the configuration and secrets boundaries.
fn configuration_and_secrets(env: &Environment<'_>, out: &mut Out) {
    if env.text(env.configuration.placement) != "dedicated" {
        out.add(
            RuleId::Cfg001,
            |p| member_pointer(env, p, Loc::Configuration, "placement"),
            || "the configuration boundary is placed in the runtime".to_owned(),
        );
    }
    let placement = env.text(env.secrets.placement);
    let rule = match placement {
        "configuration" => Some(RuleId::Cfg002),
        "runtime" => Some(RuleId::Cfg003),
        _ => None,
    };
    if let Some(rule) = rule {
        out.add(
            rule,
            |p| member_pointer(env, p, Loc::Secrets, "placement"),
            || format!("the secrets boundary is placed in the {placement}"),
        );
    }
}

/// An environment's composition (SPEC S6.9): service names, database names, adapter accesses,
/// exposed service names.
#[derive(Debug, Default)]
struct Composition<'a> {
    services: AHashSet<&'a str>,
    databases: AHashSet<&'a str>,
    accesses: AHashSet<(&'a str, &'a str, &'a str)>,
    exposed: AHashSet<&'a str>,
}

impl<'a> Composition<'a> {
    fn of(env: &Environment<'a>) -> Composition<'a> {
        let service_name = |loc: Option<Loc>| match loc {
            Some(Loc::Service(i)) => env.services.get(i as usize).map(|s| env.text(s.name)),
            _ => None,
        };
        let mut c = Composition {
            services: env.services.iter().map(|s| env.text(s.name)).collect(),
            databases: env.databases.iter().map(|d| env.text(d.name)).collect(),
            accesses: AHashSet::with_capacity(env.adapters.len()),
            exposed: AHashSet::new(),
        };
        for ingress in &env.ingresses {
            c.exposed
                .extend(exposed(env, ingress).filter_map(service_name));
        }
        for a in &env.adapters {
            let database = match a.database_to {
                Some(Loc::Database(d)) => env.databases.get(d as usize).map(|d| env.text(d.name)),
                _ => None,
            };
            if let (Some(s), Some(d)) = (service_name(a.service_to), database) {
                c.accesses.insert((s, d, env.text(a.access)));
            }
        }
        c
    }

    fn absorb(&mut self, other: &Composition<'a>) {
        self.services.extend(&other.services);
        self.databases.extend(&other.databases);
        self.accesses.extend(&other.accesses);
        self.exposed.extend(&other.exposed);
    }

    /// Sizes of the four sets. An environment's sets are subsets of the union's, so they are
    /// equal exactly when the sizes are.
    fn sizes(&self) -> [usize; 4] {
        [
            self.services.len(),
            self.databases.len(),
            self.accesses.len(),
            self.exposed.len(),
        ]
    }

    /// True when every set of `self` is a subset of `other`'s.
    fn is_subset(&self, other: &Composition<'a>) -> bool {
        self.services.is_subset(&other.services)
            && self.databases.is_subset(&other.databases)
            && self.accesses.is_subset(&other.accesses)
            && self.exposed.is_subset(&other.exposed)
    }

    /// What `self` (the union) has that `env` lacks, for the message: the first
    /// [`MISSING_LISTED`] in sorted order, and how many more there are.
    fn missing_from(&self, env: &Composition<'a>) -> String {
        let mut first: Vec<String> = Vec::with_capacity(MISSING_LISTED + 1);
        let mut total = 0usize;
        let mut note = |part: String| {
            total += 1;
            if first.len() == MISSING_LISTED && first.last().is_some_and(|last| part >= *last) {
                return;
            }
            let at = first.partition_point(|p| *p < part);
            first.insert(at, part);
            first.truncate(MISSING_LISTED);
        };
        for s in self.services.iter().filter(|s| !env.services.contains(*s)) {
            note(format!("service `{s}`"));
        }
        for d in self
            .databases
            .iter()
            .filter(|d| !env.databases.contains(*d))
        {
            note(format!("database `{d}`"));
        }
        for (s, d, a) in self.accesses.iter().filter(|a| !env.accesses.contains(*a)) {
            note(format!("`{s}` {a} `{d}`"));
        }
        for s in self.exposed.iter().filter(|s| !env.exposed.contains(*s)) {
            note(format!("ingress to `{s}`"));
        }
        let mut message = first.join(", ");
        if total > first.len() {
            message.push_str(&format!(" and {} more", total - first.len()));
        }
        message
    }
}

/// How many of the things an environment lacks an INV-001 message names.
const MISSING_LISTED: usize = 10;

/// What each target of an ingress resolves to in its environment.
fn exposed<'e>(
    env: &'e Environment<'_>,
    ingress: &Ingress,
) -> impl Iterator<Item = Option<Loc>> + 'e {
    env.targets(ingress)
        .map(move |(_, t)| env.find(ComponentKind::Service, env.text(t)))
}

/// INV-001: every present environment has the same composition.
fn semantic_neutrality(doc: &Document<'_>, out: &mut Out) {
    if doc.environments.len() < 2 {
        return;
    }
    let compositions: Vec<_> = doc.environments.iter().map(Composition::of).collect();
    // Fast path: equal sizes and the first a subset of every other means all are equal.
    if let Some((first, rest)) = compositions.split_first() {
        if rest
            .iter()
            .all(|c| c.sizes() == first.sizes() && first.is_subset(c))
        {
            return;
        }
    }
    let mut union = Composition::default();
    for c in &compositions {
        union.absorb(c);
    }
    for (env, c) in doc.environments.iter().zip(&compositions) {
        if c.sizes() != union.sizes() {
            out.add(
                RuleId::Inv001,
                |p| env.write_pointer(p),
                || {
                    format!(
                        "environment `{}` lacks what another has: {}",
                        env.name,
                        union.missing_from(c)
                    )
                },
            );
        }
    }
}

/// FBD-009: ports or arrows in a diagram's title or content.
fn technical_diagrams(doc: &Document<'_>, out: &mut Out) {
    for (i, d) in doc.diagrams.iter().enumerate() {
        for (member, text) in [
            ("title", doc.text(d.title)),
            ("content", doc.text(d.content)),
        ] {
            let found = find_port(text)
                .map(|r| ("port", r))
                .or_else(|| find_arrow(text).map(|r| ("arrow", r)));
            if let Some((what, range)) = found {
                out.add(
                    RuleId::Fbd009,
                    |p| {
                        p.push_str("/diagrams");
                        push_index(p, i);
                        push_token(p, member);
                    },
                    || {
                        format!(
                            "diagram has a {what} `{}`",
                            text.get(range).unwrap_or_default()
                        )
                    },
                );
            }
        }
    }
}
