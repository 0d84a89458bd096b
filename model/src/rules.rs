//! Layer 3 (SPEC S4.5): one function per rule over a well-typed document.

use crate::catalog::RuleId;
use crate::format::ComponentKind;
use crate::report::Violation;
use crate::tokens::{find_arrow, find_port};
use crate::view::{Document, Environment, Loc, Resolved};
use ahash::AHashSet;
use std::collections::BTreeSet;

type Out = Vec<Violation>;

fn push(out: &mut Out, rule: RuleId, pointer: String, message: String) {
    out.push(Violation {
        pointer,
        rule,
        message,
    });
}

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

/// DOC-009: an id used twice in one environment; every occurrence after the first.
fn duplicate_ids(doc: &Document<'_>, out: &mut Out) {
    for env in &doc.environments {
        for &(loc, id) in &env.duplicates {
            push(
                out,
                RuleId::Doc009,
                format!("{}/id", loc.pointer(env.name)),
                format!("id `{id}` is already used in environment `{}`", env.name),
            );
        }
    }
}

/// ENV-002: an id present in several environments; reported in every environment after the first.
fn shared_ids(doc: &Document<'_>, out: &mut Out) {
    for (k, env) in doc.environments.iter().enumerate() {
        let earlier = doc.environments.get(..k).unwrap_or_default();
        for &(loc, id) in &env.components {
            if let Some(owner) = earlier.iter().find(|e| e.has_id(id)) {
                push(
                    out,
                    RuleId::Env002,
                    format!("{}/id", loc.pointer(env.name)),
                    format!("id `{id}` is shared with environment `{}`", owner.name),
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
    fn pointer(self, env: &str) -> String {
        let base = self.loc.pointer(env);
        match self.index {
            Some(i) => format!("{base}/{}/{i}", self.member),
            None => format!("{base}/{}", self.member),
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
    let r = &env.resolved;
    let get = |v: &[Option<Loc>], i: usize| v.get(i).copied().flatten();
    for (i, ingress) in env.ingresses.iter().enumerate() {
        let loc = Loc::Ingress(i);
        f(
            at(loc, "segment"),
            ComponentKind::Segment,
            ingress.segment,
            get(&r.ingress_segment, i),
        );
        let targets = r
            .ingress_targets
            .get(i)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (t, target) in ingress.targets.iter().enumerate() {
            let place = RefAt {
                loc,
                member: "targets",
                index: Some(t),
            };
            f(place, ComponentKind::Service, target, get(targets, t));
        }
    }
    for (i, service) in env.services.iter().enumerate() {
        let to = get(&r.service_segment, i);
        f(
            at(Loc::Service(i), "segment"),
            ComponentKind::Segment,
            service.segment,
            to,
        );
    }
    for (i, database) in env.databases.iter().enumerate() {
        let to = get(&r.database_segment, i);
        f(
            at(Loc::Database(i), "segment"),
            ComponentKind::Segment,
            database.segment,
            to,
        );
    }
    for (i, adapter) in env.adapters.iter().enumerate() {
        let loc = Loc::Adapter(i);
        let to = get(&r.adapter_service, i);
        f(
            at(loc, "service"),
            ComponentKind::Service,
            adapter.service,
            to,
        );
        let to = get(&r.adapter_database, i);
        f(
            at(loc, "database"),
            ComponentKind::Database,
            adapter.database,
            to,
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
            let pointer = || place.pointer(env.name);
            match doc.resolve(e, kind, id) {
                Resolved::To(_) => {}
                Resolved::WrongKind(other) => push(
                    out,
                    RuleId::Doc010,
                    pointer(),
                    format!("`{id}` is a {}, not a {}", other.as_str(), kind.as_str()),
                ),
                Resolved::OtherEnvironment(other) => push(
                    out,
                    RuleId::Env003,
                    pointer(),
                    format!(
                        "`{id}` belongs to environment `{other}`, not `{}`",
                        env.name
                    ),
                ),
                Resolved::Dangling => push(
                    out,
                    RuleId::Doc010,
                    pointer(),
                    format!("no {} has id `{id}`", kind.as_str()),
                ),
            }
        });
    }
}

/// NET-001: exactly one network boundary.
fn one_network(env: &Environment<'_>, out: &mut Out) {
    if env.networks.len() != 1 {
        push(
            out,
            RuleId::Net001,
            format!("/environments/{}/networks", env.name),
            format!(
                "environment `{}` has {} network boundaries, not one",
                env.name,
                env.networks.len()
            ),
        );
    }
}

/// NET-002: nothing public.
fn private_by_default(env: &Environment<'_>, out: &mut Out) {
    let public = |v: Option<&str>| v == Some("public");
    let mut report = |loc: Loc, id: &str| {
        push(
            out,
            RuleId::Net002,
            format!("{}/visibility", loc.pointer(env.name)),
            format!("`{id}` is public; only the ingress receives external traffic"),
        );
    };
    for (i, n) in env.networks.iter().enumerate() {
        if public(n.visibility) {
            report(Loc::Network(i), n.id);
        }
    }
    for (i, s) in env.services.iter().enumerate() {
        if public(s.visibility) {
            report(Loc::Service(i), s.id);
        }
    }
    for (i, d) in env.databases.iter().enumerate() {
        if public(d.visibility) {
            report(Loc::Database(i), d.id);
        }
    }
}

/// NET-003: one segment of each kind per network.
fn segmented_boundary(env: &Environment<'_>, out: &mut Out) {
    for (n, network) in env.networks.iter().enumerate() {
        let at = Loc::Network(n).pointer(env.name);
        let mut seen = BTreeSet::new();
        for (s, segment) in network.segments.iter().enumerate() {
            if !seen.insert(segment.kind) {
                push(
                    out,
                    RuleId::Net003,
                    format!("{at}/segments/{s}/kind"),
                    format!(
                        "network `{}` has a second `{}` segment",
                        network.id, segment.kind
                    ),
                );
            }
        }
        for kind in crate::format::SEGMENT_KINDS {
            if !seen.contains(kind) {
                push(
                    out,
                    RuleId::Net003,
                    format!("{at}/segments"),
                    format!("network `{}` has no `{kind}` segment", network.id),
                );
            }
        }
    }
}

/// NET-004: the segment a component sits in, when it resolves, is of the component's kind.
fn placement(
    env: &Environment<'_>,
    out: &mut Out,
    at: Loc,
    id: &str,
    segment: (&str, Option<Loc>),
    expected: &str,
) {
    let Some(Loc::Segment(n, s)) = segment.1 else {
        return;
    };
    let Some(found) = env
        .networks
        .get(n)
        .and_then(|net| net.segments.get(s))
        .map(|seg| seg.kind)
    else {
        return;
    };
    if found != expected {
        push(
            out,
            RuleId::Net004,
            format!("{}/segment", at.pointer(env.name)),
            format!(
                "`{id}` sits in `{}`, a `{found}` segment, not a `{expected}` one",
                segment.0
            ),
        );
    }
}

/// CMP-001, CMP-002, CMP-003 and the runtime placement of NET-004.
fn compute(env: &Environment<'_>, out: &mut Out) {
    for (i, s) in env.services.iter().enumerate() {
        let at = Loc::Service(i).pointer(env.name);
        let seg = (
            s.segment,
            env.resolved.service_segment.get(i).copied().flatten(),
        );
        placement(env, out, Loc::Service(i), s.id, seg, "runtime");
        if s.process != "long-lived" {
            push(
                out,
                RuleId::Cmp001,
                format!("{at}/process"),
                format!("service `{}` is `{}`, not long-lived", s.id, s.process),
            );
        }
        if s.state != "stateless" {
            push(
                out,
                RuleId::Cmp002,
                format!("{at}/state"),
                format!("service `{}` is `{}`, not stateless", s.id, s.state),
            );
        }
        if let Some(scaling) = s.scaling.filter(|&v| v != "horizontal") {
            push(
                out,
                RuleId::Cmp003,
                format!("{at}/scaling"),
                format!("service `{}` scales `{scaling}`, not horizontally", s.id),
            );
        }
    }
}

/// PER-001, PER-002 and the persistence placement of NET-004.
fn persistence(env: &Environment<'_>, out: &mut Out) {
    for (i, d) in env.databases.iter().enumerate() {
        let at = Loc::Database(i).pointer(env.name);
        let seg = (
            d.segment,
            env.resolved.database_segment.get(i).copied().flatten(),
        );
        placement(env, out, Loc::Database(i), d.id, seg, "persistence");
        if !crate::format::POSTGRESQL_ENGINES.contains(&d.engine) {
            push(
                out,
                RuleId::Per001,
                format!("{at}/engine"),
                format!(
                    "database `{}` uses `{}`, not managed postgresql",
                    d.id, d.engine
                ),
            );
        }
        if !d.managed {
            push(
                out,
                RuleId::Per002,
                format!("{at}/managed"),
                format!("database `{}` is not managed", d.id),
            );
        }
    }
}

/// CMP-004 and PER-004: a logical service or database name used twice in one environment is
/// an instance count or a replica; reported at every `name` after the first.
fn one_instance_per_name(env: &Environment<'_>, out: &mut Out) {
    let mut seen = AHashSet::with_capacity(env.services.len());
    for (i, s) in env.services.iter().enumerate() {
        if !seen.insert(s.name) {
            push(
                out,
                RuleId::Cmp004,
                format!("{}/name", Loc::Service(i).pointer(env.name)),
                format!("a second instance of service `{}`", s.name),
            );
        }
    }
    let mut seen = AHashSet::with_capacity(env.databases.len());
    for (i, d) in env.databases.iter().enumerate() {
        if !seen.insert(d.name) {
            push(
                out,
                RuleId::Per004,
                format!("{}/name", Loc::Database(i).pointer(env.name)),
                format!("a second instance of database `{}`", d.name),
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
        One(usize),
        Several,
    }
    let mut writers = vec![Writers::None; env.databases.len()];
    let r = &env.resolved;
    for (a, adapter) in env.adapters.iter().enumerate() {
        if adapter.access != "read-write" {
            continue;
        }
        let Some(Loc::Database(d)) = r.adapter_database.get(a).copied().flatten() else {
            continue;
        };
        let Some(Loc::Service(s)) = r.adapter_service.get(a).copied().flatten() else {
            continue;
        };
        if let Some(w) = writers.get_mut(d) {
            *w = match *w {
                Writers::None => Writers::One(s),
                Writers::One(t) if t == s => Writers::One(t),
                _ => Writers::Several,
            };
        }
    }
    for (i, (d, w)) in env.databases.iter().zip(&writers).enumerate() {
        let count = match w {
            Writers::None => "no writing service",
            Writers::One(_) => continue,
            Writers::Several => "several writing services",
        };
        push(
            out,
            RuleId::Per003,
            Loc::Database(i).pointer(env.name),
            format!("database `{}` has {count}, not one", d.id),
        );
    }
}

/// ING-001, ING-002 and the ingress placement of NET-004.
fn ingress(env: &Environment<'_>, out: &mut Out) {
    if env.ingresses.len() != 1 {
        push(
            out,
            RuleId::Ing001,
            format!("/environments/{}/ingresses", env.name),
            format!(
                "environment `{}` has {} ingresses, not one",
                env.name,
                env.ingresses.len()
            ),
        );
    }
    for (i, ing) in env.ingresses.iter().enumerate() {
        let seg = (
            ing.segment,
            env.resolved.ingress_segment.get(i).copied().flatten(),
        );
        placement(env, out, Loc::Ingress(i), ing.id, seg, "ingress");
        if ing.tls_termination != "infrastructure" {
            push(
                out,
                RuleId::Ing002,
                format!("{}/tls_termination", Loc::Ingress(i).pointer(env.name)),
                format!(
                    "ingress `{}` terminates tls at `{}`, not the infrastructure",
                    ing.id, ing.tls_termination
                ),
            );
        }
    }
}

/// CFG-001, CFG-002, CFG-003: placements of the configuration and secrets boundaries.
fn configuration_and_secrets(env: &Environment<'_>, out: &mut Out) {
    if env.configuration.placement != "dedicated" {
        push(
            out,
            RuleId::Cfg001,
            format!("/environments/{}/configuration/placement", env.name),
            "the configuration boundary is placed in the runtime".to_owned(),
        );
    }
    let rule = match env.secrets.placement {
        "configuration" => Some(RuleId::Cfg002),
        "runtime" => Some(RuleId::Cfg003),
        _ => None,
    };
    if let Some(rule) = rule {
        push(
            out,
            rule,
            format!("/environments/{}/secrets/placement", env.name),
            format!(
                "the secrets boundary is placed in the {}",
                env.secrets.placement
            ),
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
        let r = &env.resolved;
        let service = |loc: Option<&Option<Loc>>| match loc.copied().flatten() {
            Some(Loc::Service(i)) => env.services.get(i),
            _ => None,
        };
        let mut c = Composition {
            services: env.services.iter().map(|s| s.name).collect(),
            databases: env.databases.iter().map(|d| d.name).collect(),
            accesses: AHashSet::with_capacity(env.adapters.len()),
            exposed: AHashSet::new(),
        };
        for targets in &r.ingress_targets {
            c.exposed.extend(
                targets
                    .iter()
                    .filter_map(|t| service(Some(t)))
                    .map(|s| s.name),
            );
        }
        for (i, a) in env.adapters.iter().enumerate() {
            let database = match r.adapter_database.get(i).copied().flatten() {
                Some(Loc::Database(d)) => env.databases.get(d),
                _ => None,
            };
            if let (Some(s), Some(d)) = (service(r.adapter_service.get(i)), database) {
                c.accesses.insert((s.name, d.name, a.access));
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

    /// What `self` (the union) has that `env` lacks, sorted, for the message.
    fn missing_from(&self, env: &Composition<'a>) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(
            self.services
                .iter()
                .filter(|s| !env.services.contains(*s))
                .map(|s| format!("service `{s}`")),
        );
        parts.extend(
            self.databases
                .iter()
                .filter(|d| !env.databases.contains(*d))
                .map(|d| format!("database `{d}`")),
        );
        parts.extend(
            self.accesses
                .iter()
                .filter(|a| !env.accesses.contains(*a))
                .map(|(s, d, a)| format!("`{s}` {a} `{d}`")),
        );
        parts.extend(
            self.exposed
                .iter()
                .filter(|s| !env.exposed.contains(*s))
                .map(|s| format!("ingress to `{s}`")),
        );
        parts.sort();
        parts.join(", ")
    }
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
            push(
                out,
                RuleId::Inv001,
                format!("/environments/{}", env.name),
                format!(
                    "environment `{}` lacks what another has: {}",
                    env.name,
                    union.missing_from(c)
                ),
            );
        }
    }
}

/// FBD-009: ports or arrows in a diagram's title or content.
fn technical_diagrams(doc: &Document<'_>, out: &mut Out) {
    for (i, d) in doc.diagrams.iter().enumerate() {
        for (member, text) in [("title", d.title), ("content", d.content)] {
            let found = find_port(text)
                .map(|r| ("port", r))
                .or_else(|| find_arrow(text).map(|r| ("arrow", r)));
            if let Some((what, range)) = found {
                push(
                    out,
                    RuleId::Fbd009,
                    format!("/diagrams/{i}/{member}"),
                    format!(
                        "diagram has a {what} `{}`",
                        text.get(range).unwrap_or_default()
                    ),
                );
            }
        }
    }
}
