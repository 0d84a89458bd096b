//! Targeted mutations: each breaks exactly one rule of an authorized design, at one of three
//! stages (typed design, value tree, bytes), and knows which layer reports it.
//!
//! A mutation never asks the checker. Its argument is written next to it: which rule it
//! breaks, and why it breaks no other (ids stay unique, references keep resolving, every
//! environment keeps the same composition unless the rule is INV-001, and so on).

use crate::choices::{pick, pick_str, Choices};
use crate::text::{ARTIFACT_TEXTS, CIDR_TEXTS, DIAGRAM_CIDR_TEXTS, TECHNICAL_TEXTS};
use crate::tree::{self, ObjectSite, Step};
use crate::work::{segment_id, Work};
use j43_model::json::Value;
use j43_model::{
    forbidden_rule, Access, ConfigurationPlacement, Ingress, Layer, Network, ObjectKind, Process,
    RuleId, Scaling, SecretsPlacement, Segment, SegmentKind, State, TlsTermination, Type,
    Visibility, DATABASE_FORBIDDEN, GENERAL_FORBIDDEN, SERVICE_FORBIDDEN,
};
use std::collections::BTreeSet;

/// One chosen mutation: the rule it breaks, which construction, and the layer that reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mutation {
    pub rule: RuleId,
    pub how: How,
    /// Earliest layer reporting this violation (Shape for forbidden members, Semantic for text).
    pub layer: Layer,
    /// Whether it must stay compatible with other mutations of the same document.
    pub multi: bool,
}

/// The construction used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum How {
    /// A typed edit of the design, variant `n` of the rule's list.
    Typed(usize),
    /// A forbidden member (S3.14): this name on an object of this kind.
    Forbidden(ObjectKind, &'static str),
    /// A value-tree edit, variant `n`.
    Value(usize),
    /// A byte-level construction, variant `n`.
    Bytes(usize),
}

/// Every (kind, name) where a member of that name reports `rule` (SPEC S3.14).
pub(crate) fn forbidden_pairs(rule: RuleId) -> Vec<(ObjectKind, &'static str)> {
    type Pairs = Vec<(RuleId, Vec<(ObjectKind, &'static str)>)>;
    static PAIRS: std::sync::OnceLock<Pairs> = std::sync::OnceLock::new();
    let all = PAIRS.get_or_init(|| {
        RuleId::ALL
            .iter()
            .map(|&r| (r, compute_forbidden_pairs(r)))
            .collect()
    });
    all.iter()
        .find(|(r, _)| *r == rule)
        .map(|(_, pairs)| pairs.clone())
        .unwrap_or_default()
}

fn compute_forbidden_pairs(rule: RuleId) -> Vec<(ObjectKind, &'static str)> {
    let mut names: Vec<&'static str> = Vec::new();
    for row in SERVICE_FORBIDDEN
        .iter()
        .chain(DATABASE_FORBIDDEN)
        .chain(GENERAL_FORBIDDEN)
    {
        for name in row.names {
            if !names.contains(name) {
                names.push(name);
            }
        }
    }
    let mut out = Vec::new();
    for &kind in ObjectKind::ALL {
        for &name in &names {
            if kind.member(name).is_none() && forbidden_rule(kind, name) == Some(rule) {
                out.push((kind, name));
            }
        }
    }
    out
}

/// Number of typed variants of a layer-3 rule (0 for rules without typed constructions).
fn typed_variants(rule: RuleId, multi: bool) -> usize {
    use RuleId::*;
    match rule {
        Doc009 | Cmp002 | Env002 => 1,
        Doc010 => {
            if multi {
                2
            } else {
                6
            }
        }
        Env003 => {
            if multi {
                1
            } else {
                4
            }
        }
        Net003 => {
            if multi {
                1
            } else {
                2
            }
        }
        Net001 | Net002 | Cmp001 | Cmp003 | Per001 | Per002 | Ing002 | Cfg001 | Cfg002 | Cfg003
        | Fbd009 => 1,
        Net004 => 3,
        Cmp004 | Per004 | Fbd001 | Fbd003 | Fbd008 | Cmp005 => 1,
        Net005 => {
            if multi {
                1
            } else {
                4
            }
        }
        Per003 => 3,
        Ing001 => {
            if multi {
                1
            } else {
                2
            }
        }
        Inv001 => {
            if multi {
                1
            } else {
                4
            }
        }
        _ => 0,
    }
}

/// Chooses how to break `rule`. `multi`: only constructions that compose with others.
pub(crate) fn choose(rule: RuleId, multi: bool, c: &mut dyn Choices) -> Mutation {
    use RuleId::*;
    let pairs = forbidden_pairs(rule);
    let typed = typed_variants(rule, multi);
    let (how, layer) = match rule {
        Doc001 => (How::Bytes(c.below(10)), Layer::Parse),
        Doc002 => (How::Value(c.below(2)), Layer::Parse),
        Doc003 => (How::Value(c.below(3)), Layer::Parse),
        Doc004 => (How::Bytes(c.below(3)), Layer::Parse),
        Doc005 | Doc006 | Doc007 | Doc008 => (How::Value(0), Layer::Shape),
        Env001 => (How::Value(if multi { 0 } else { c.below(2) }), Layer::Shape),
        _ => {
            let use_typed = typed > 0 && (pairs.is_empty() || c.flip());
            if use_typed {
                (How::Typed(c.below(typed)), Layer::Semantic)
            } else if let Some(&(kind, name)) = pick(c, &pairs) {
                (How::Forbidden(kind, name), Layer::Shape)
            } else {
                (How::Typed(0), Layer::Semantic)
            }
        }
    };
    Mutation {
        rule,
        how,
        layer,
        multi,
    }
}

impl Mutation {
    /// Typed edits that touch every environment at once come first (phase 0), so that logical
    /// index `i` is still component `i` of every environment; INV-001 edits last (phase 2).
    pub(crate) fn phase(&self) -> u8 {
        match (self.rule, &self.how) {
            (RuleId::Inv001, _) => 2,
            (RuleId::Per003, _) | (RuleId::Net005, How::Typed(3)) => 0,
            _ => 1,
        }
    }
}

fn env_index(c: &mut dyn Choices) -> usize {
    c.below(3)
}

/// A nonempty proper subset of the three environments.
fn proper_subset(c: &mut dyn Choices) -> Vec<usize> {
    let mask = 1 + c.below(6);
    (0..3).filter(|e| mask & (1 << e) != 0).collect()
}

/// Typed-stage edits. `taken` records (environment, field) sites already changed by another
/// mutation of the same document.
pub(crate) fn typed(
    m: &Mutation,
    w: &mut Work,
    c: &mut dyn Choices,
    taken: &mut BTreeSet<(usize, &'static str)>,
) {
    use RuleId::*;
    match &m.how {
        How::Forbidden(kind, _) => match kind {
            ObjectKind::Service => w.ensure_services(1),
            ObjectKind::Database => w.ensure_database(),
            ObjectKind::Adapter => w.ensure_adapter(),
            ObjectKind::Diagram => w.ensure_diagram(),
            _ => {}
        },
        How::Typed(v) => {
            let v = *v;
            match m.rule {
                Doc009 => doc_009(w, c, m.multi),
                Doc010 => doc_010(w, c, v),
                Env002 => env_002(w, c, m.multi),
                Env003 => env_003(w, c, v),
                Net001 => net_001(w, c),
                Net002 => net_002(w, c),
                Net003 => net_003(w, c, v),
                Net004 => net_004(w, c, v),
                Net005 => net_005(w, c, v),
                Cmp001 | Cmp002 | Cmp003 => {
                    w.ensure_services(1);
                    let e = env_index(c);
                    let n = w.services();
                    let i = c.below(n);
                    if let Some(s) = w.env(e).and_then(|env| env.services.get_mut(i)) {
                        match m.rule {
                            Cmp001 => {
                                s.process = *pick(
                                    c,
                                    &[Process::Batch, Process::Scheduled, Process::OnDemand],
                                )
                                .unwrap_or(&Process::Batch);
                            }
                            Cmp002 => s.state = State::Stateful,
                            _ => {
                                s.scaling = Some(
                                    *pick(c, &[Scaling::Vertical, Scaling::None])
                                        .unwrap_or(&Scaling::None),
                                );
                            }
                        }
                    }
                }
                Per001 | Per002 => {
                    w.ensure_database();
                    let e = env_index(c);
                    let n = w.databases();
                    let i = c.below(n);
                    let engine = pick_str(
                        c,
                        &[
                            "mysql",
                            "PostgreSQL",
                            "postgres15",
                            "Postgres",
                            "aurora-postgresql",
                            "postgresql ",
                            "\u{ff50}ostgresql",
                            "postgresql\u{0}",
                            "1.2.3/4",
                        ],
                        "mysql",
                    );
                    if let Some(d) = w.env(e).and_then(|env| env.databases.get_mut(i)) {
                        if m.rule == Per001 {
                            d.engine = engine;
                        } else {
                            d.managed = false;
                        }
                    }
                }
                Per003 => per_003(w, c, v),
                Ing001 => ing_001(w, c, v),
                Ing002 => {
                    let e = env_index(c);
                    let tls = *pick(c, &[TlsTermination::Runtime, TlsTermination::None])
                        .unwrap_or(&TlsTermination::Runtime);
                    if let Some(i) = w.env(e).and_then(|env| env.ingresses.first_mut()) {
                        i.tls_termination = tls;
                    }
                }
                Cfg001 => {
                    let e = env_index(c);
                    if let Some(env) = w.env(e) {
                        env.configuration.placement = ConfigurationPlacement::Runtime;
                    }
                }
                Cfg002 | Cfg003 => {
                    let mut e = env_index(c);
                    for _ in 0..3 {
                        if taken.insert((e, "secrets.placement")) {
                            break;
                        }
                        e = (e + 1) % 3;
                    }
                    if let Some(env) = w.env(e) {
                        env.secrets.placement = if m.rule == Cfg002 {
                            SecretsPlacement::Configuration
                        } else {
                            SecretsPlacement::Runtime
                        };
                    }
                }
                Fbd009 => {
                    w.ensure_diagram();
                    let text = pick_str(c, TECHNICAL_TEXTS, "->");
                    let prefix = c.flip();
                    let title = c.flip();
                    if let Some(ds) = w.design.diagrams.as_mut() {
                        let i = c.below(ds.len());
                        if let Some(d) = ds.get_mut(i) {
                            let slot = if title { &mut d.title } else { &mut d.content };
                            *slot = if prefix {
                                format!("{slot} | {text}")
                            } else {
                                text
                            };
                        }
                    }
                }
                Inv001 => inv_001(w, c, v),
                Cmp004 => {
                    // A second service of an existing name in some environments: the same
                    // names, so the same composition.
                    w.ensure_services(1);
                    let i = c.below(w.services());
                    let envs = proper_or_all(c);
                    let name = w
                        .env_ref(0)
                        .and_then(|e| e.services.get(i))
                        .map(|x| x.name.clone())
                        .unwrap_or_default();
                    w.add_service_to(&envs, &name);
                }
                Per004 => {
                    // A second database of an existing name, written by the same service: the
                    // same names and accesses, so the same composition.
                    w.ensure_database();
                    let d = c.below(w.databases());
                    let writer = w.writer_of(d);
                    let envs = proper_or_all(c);
                    let name = w
                        .env_ref(0)
                        .and_then(|e| e.databases.get(d))
                        .map(|x| x.name.clone())
                        .unwrap_or_default();
                    w.add_database_to(&envs, &name, writer);
                }
                Fbd001 | Fbd003 | Fbd008 | Cmp005 => {
                    let texts: Vec<&str> = ARTIFACT_TEXTS
                        .iter()
                        .filter(|(r, _)| *r == m.rule)
                        .map(|(_, t)| *t)
                        .collect();
                    let t = pick_str(c, &texts, "");
                    append_to_description(w, c, &t);
                }
                _ => {}
            }
        }
        How::Value(_) | How::Bytes(_) => {}
    }
}

/// DOC-009: component B (ingress, adapter, configuration or secrets: ids nobody refers to)
/// takes the id of a component A earlier in canonical order in the same environment. Every
/// reference still resolves (to A or as before), no id is shared across environments.
fn doc_009(w: &mut Work, c: &mut dyn Choices, multi: bool) {
    let e = env_index(c);
    let Some(env) = w.env(e) else { return };
    let network = env
        .networks
        .first()
        .map(|n| n.id.clone())
        .unwrap_or_default();
    if multi {
        env.configuration.id = network;
        return;
    }
    let mut before: Vec<String> = Vec::new();
    for n in &env.networks {
        before.push(n.id.clone());
        before.extend(n.segments.iter().map(|s| s.id.clone()));
    }
    let after_ingress: Vec<String> = env
        .ingresses
        .iter()
        .map(|x| x.id.clone())
        .chain(env.services.iter().map(|x| x.id.clone()))
        .chain(env.databases.iter().map(|x| x.id.clone()))
        .collect();
    let adapters: Vec<String> = env.adapters.iter().map(|x| x.id.clone()).collect();
    let which = c.below(4);
    match which {
        0 => {
            let a = pick(c, &before).cloned().unwrap_or_default();
            if let Some(i) = env.ingresses.first_mut() {
                i.id = a;
            }
        }
        1 if !env.adapters.is_empty() => {
            let pool: Vec<String> = before.iter().chain(&after_ingress).cloned().collect();
            let a = pick(c, &pool).cloned().unwrap_or_default();
            let k = c.below(env.adapters.len());
            if let Some(ad) = env.adapters.get_mut(k) {
                ad.id = a;
            }
        }
        2 => {
            let pool: Vec<String> = before
                .iter()
                .chain(&after_ingress)
                .chain(&adapters)
                .cloned()
                .collect();
            env.configuration.id = pick(c, &pool).cloned().unwrap_or_default();
        }
        _ => {
            let pool: Vec<String> = before
                .iter()
                .chain(&after_ingress)
                .chain(&adapters)
                .chain(std::iter::once(&env.configuration.id))
                .cloned()
                .collect();
            env.secrets.id = pick(c, &pool).cloned().unwrap_or_default();
        }
    }
}

/// DOC-010: a reference to nothing, or to a component of another kind in the same
/// environment. Targets and segments are not part of the composition (INV-001) and an
/// unresolved segment is not NET-004.
fn doc_010(w: &mut Work, c: &mut dyn Choices, v: usize) {
    let e = env_index(c);
    if v == 4 {
        w.ensure_services(1);
    }
    if v == 5 {
        w.ensure_database();
    }
    let dangling = w.id();
    let n_services = w.services();
    let n_databases = w.databases();
    let Some(env) = w.env(e) else { return };
    let mut wrong: Vec<String> = vec![env.configuration.id.clone(), env.secrets.id.clone()];
    wrong.extend(env.networks.iter().map(|n| n.id.clone()));
    wrong.extend(env.ingresses.iter().map(|n| n.id.clone()));
    let mut wrong_for_targets = wrong.clone();
    wrong_for_targets.extend(env.databases.iter().map(|n| n.id.clone()));
    wrong_for_targets.extend(env.adapters.iter().map(|n| n.id.clone()));
    wrong_for_targets.extend(
        env.networks
            .iter()
            .flat_map(|n| n.segments.iter().map(|s| s.id.clone())),
    );
    let bad = |c: &mut dyn Choices, pool: &[String]| {
        if c.flip() {
            pick(c, pool).cloned().unwrap_or_else(|| dangling.clone())
        } else {
            dangling.clone()
        }
    };
    match v {
        0 | 1 => {
            let r = if v == 0 {
                dangling.clone()
            } else {
                pick(c, &wrong_for_targets).cloned().unwrap_or_default()
            };
            if let Some(i) = env.ingresses.first_mut() {
                let at = c.upto(i.targets.len());
                i.targets.insert(at, r);
            }
        }
        2 | 3 => {
            let r = if v == 2 {
                dangling.clone()
            } else {
                pick(c, &wrong).cloned().unwrap_or_default()
            };
            if let Some(i) = env.ingresses.first_mut() {
                i.segment = r;
            }
        }
        4 => {
            let r = bad(c, &wrong);
            let k = c.below(n_services);
            if let Some(s) = env.services.get_mut(k) {
                s.segment = r;
            }
        }
        _ => {
            let r = bad(c, &wrong);
            let k = c.below(n_databases);
            if let Some(d) = env.databases.get_mut(k) {
                d.segment = r;
            }
        }
    }
}

/// ENV-002 in layer 3: an unreferenced component of a later environment takes an id of an
/// earlier environment. The id was in one environment only, so it is not a DOC-009.
fn env_002(w: &mut Work, c: &mut dyn Choices, multi: bool) {
    let j = 1 + c.below(2);
    let i = c.below(j);
    if multi {
        let id = w
            .env_ref(i)
            .map(|e| e.secrets.id.clone())
            .unwrap_or_default();
        if let Some(env) = w.env(j) {
            env.secrets.id = id;
        }
        return;
    }
    let ids = w.ids(i);
    let a = pick(c, &ids).cloned().unwrap_or_default();
    let which = c.below(4);
    let Some(env) = w.env(j) else { return };
    match which {
        0 => {
            if let Some(x) = env.ingresses.first_mut() {
                x.id = a;
            }
        }
        1 if !env.adapters.is_empty() => {
            let k = c.below(env.adapters.len());
            if let Some(x) = env.adapters.get_mut(k) {
                x.id = a;
            }
        }
        2 => env.configuration.id = a,
        _ => env.secrets.id = a,
    }
}

/// ENV-003: a reference naming a component of another environment only.
fn env_003(w: &mut Work, c: &mut dyn Choices, v: usize) {
    if v == 2 {
        w.ensure_services(1);
    }
    if v == 3 {
        w.ensure_database();
    }
    let e = env_index(c);
    let other = (e + 1 + c.below(2)) % 3;
    let other_env = w.env_ref(other).cloned();
    let Some(other_env) = other_env else { return };
    let segments: Vec<String> = other_env
        .networks
        .iter()
        .flat_map(|n| n.segments.iter().map(|s| s.id.clone()))
        .collect();
    let any = crate::work::component_ids(&other_env);
    let n_services = w.services();
    let n_databases = w.databases();
    let Some(env) = w.env(e) else { return };
    match v {
        0 => {
            let pool = if c.flip() { &any } else { &segments };
            let r = pick(c, pool).cloned().unwrap_or_default();
            if let Some(i) = env.ingresses.first_mut() {
                let at = c.upto(i.targets.len());
                i.targets.insert(at, r);
            }
        }
        1 => {
            if let Some(i) = env.ingresses.first_mut() {
                i.segment = pick(c, &any).cloned().unwrap_or_default();
            }
        }
        2 => {
            let r = pick(c, &any).cloned().unwrap_or_default();
            if let Some(s) = env.services.get_mut(c.below(n_services)) {
                s.segment = r;
            }
        }
        _ => {
            let r = pick(c, &any).cloned().unwrap_or_default();
            if let Some(d) = env.databases.get_mut(c.below(n_databases)) {
                d.segment = r;
            }
        }
    }
}

fn new_network(w: &mut Work, c: &mut dyn Choices) -> Network {
    let mut segments: Vec<Segment> = [
        SegmentKind::Ingress,
        SegmentKind::Runtime,
        SegmentKind::Persistence,
    ]
    .into_iter()
    .map(|kind| Segment {
        id: w.id(),
        kind,
        description: None,
    })
    .collect();
    crate::choices::shuffle(&mut segments, c.word());
    Network {
        id: w.id(),
        description: None,
        visibility: c.flip().then_some(Visibility::Private),
        segments,
    }
}

/// NET-001: one or two more networks, each with its three segments, in some environments.
fn net_001(w: &mut Work, c: &mut dyn Choices) {
    for e in proper_or_all(c) {
        for _ in 0..1 + c.below(2) {
            let n = new_network(w, c);
            if let Some(env) = w.env(e) {
                env.networks.push(n);
            }
        }
    }
}

fn proper_or_all(c: &mut dyn Choices) -> Vec<usize> {
    if c.flip() {
        vec![0, 1, 2]
    } else {
        proper_subset(c)
    }
}

/// NET-002: a network, service or database made public.
fn net_002(w: &mut Work, c: &mut dyn Choices) {
    let e = env_index(c);
    let Some(env) = w.env(e) else { return };
    let s = env.services.len();
    let d = env.databases.len();
    let k = c.below(1 + s + d);
    if k == 0 {
        if let Some(n) = env.networks.first_mut() {
            n.visibility = Some(Visibility::Public);
        }
    } else if k <= s {
        if let Some(x) = env.services.get_mut(k - 1) {
            x.visibility = Some(Visibility::Public);
        }
    } else if let Some(x) = env.databases.get_mut(k - 1 - s) {
        x.visibility = Some(Visibility::Public);
    }
}

/// NET-003: a second segment of some kind (fresh id, nobody refers to it) (0), or (1, single
/// violation only) a network lacking a kind that no component refers to: the persistence
/// segment when there is no database, else the runtime segment when there is no service
/// (nothing else refers to segments, so no reference stops resolving; else variant 0).
fn net_003(w: &mut Work, c: &mut dyn Choices, v: usize) {
    let e = env_index(c);
    if v == 1 {
        let kind = if w.databases() == 0 {
            Some(SegmentKind::Persistence)
        } else if w.services() == 0 {
            Some(SegmentKind::Runtime)
        } else {
            None
        };
        if let Some(kind) = kind {
            if let Some(net) = w.env(e).and_then(|env| env.networks.first_mut()) {
                net.segments.retain(|s| s.kind != kind);
            }
            return;
        }
    }
    let id = w.id();
    let kind = *pick(
        c,
        &[
            SegmentKind::Ingress,
            SegmentKind::Runtime,
            SegmentKind::Persistence,
        ],
    )
    .unwrap_or(&SegmentKind::Runtime);
    let Some(net) = w.env(e).and_then(|env| env.networks.first_mut()) else {
        return;
    };
    let at = c.upto(net.segments.len());
    net.segments.insert(
        at,
        Segment {
            id,
            kind,
            description: None,
        },
    );
}

/// NET-004: an ingress, service or database referring to a segment of another kind.
fn net_004(w: &mut Work, c: &mut dyn Choices, v: usize) {
    let e = env_index(c);
    let Some(env) = w.env(e) else { return };
    let seg = |k| segment_id(env, k);
    let (ing, run, per) = (
        seg(SegmentKind::Ingress),
        seg(SegmentKind::Runtime),
        seg(SegmentKind::Persistence),
    );
    let flip = c.flip();
    match v {
        1 if !env.services.is_empty() => {
            let k = c.below(env.services.len());
            if let Some(s) = env.services.get_mut(k) {
                s.segment = if flip { ing } else { per };
            }
        }
        2 if !env.databases.is_empty() => {
            let k = c.below(env.databases.len());
            if let Some(d) = env.databases.get_mut(k) {
                d.segment = if flip { ing } else { run };
            }
        }
        _ => {
            if let Some(i) = env.ingresses.first_mut() {
                i.segment = if flip { run } else { per };
            }
        }
    }
}

/// NET-005 in text: a CIDR block in a description (0), a diagram (1), the id of a component
/// nobody refers to (2), or a logical name, the same in every environment (3).
fn net_005(w: &mut Work, c: &mut dyn Choices, v: usize) {
    match v {
        1 => {
            w.ensure_diagram();
            let t = pick_str(c, DIAGRAM_CIDR_TEXTS, "10.0.0.0/8");
            let title = c.flip();
            if let Some(d) = w.design.diagrams.as_mut().and_then(|d| d.first_mut()) {
                if title {
                    d.title = t;
                } else {
                    d.content = t;
                }
            }
        }
        2 => {
            let e = env_index(c);
            let id = format!("{} {}", w.id(), pick_str(c, CIDR_TEXTS, "10.0.0.0/8"));
            let which = c.below(3);
            if let Some(env) = w.env(e) {
                match which {
                    0 => env.configuration.id = id,
                    1 => env.secrets.id = id,
                    _ => {
                        if let Some(i) = env.ingresses.first_mut() {
                            i.id = id;
                        }
                    }
                }
            }
        }
        3 => {
            w.ensure_services(1);
            let t = pick_str(c, CIDR_TEXTS, "10.0.0.0/8");
            let database = c.flip() && w.databases() > 0;
            let n = if database {
                w.databases()
            } else {
                w.services()
            };
            let i = c.below(n);
            for e in 0..3 {
                if let Some(env) = w.env(e) {
                    if database {
                        if let Some(d) = env.databases.get_mut(i) {
                            d.name = t.clone();
                        }
                    } else if let Some(s) = env.services.get_mut(i) {
                        s.name = t.clone();
                    }
                }
            }
        }
        _ => {
            let t = pick_str(c, CIDR_TEXTS, "10.0.0.0/8");
            append_to_description(w, c, &t);
        }
    }
}

/// Appends ` text` to some prose member (a description, or the design's name). The space keeps
/// the tokens of S5 apart, so texts appended by several mutations are each found.
fn append_to_description(w: &mut Work, c: &mut dyn Choices, t: &str) {
    let e = env_index(c);
    let which = c.below(9);
    let d = &mut w.design;
    let slot: Option<&mut Option<String>> = match which {
        0 => Some(&mut d.description),
        1 => Some(&mut d.name),
        _ => {
            let env = match e {
                0 => d.environments.local.as_mut(),
                1 => d.environments.staging.as_mut(),
                _ => d.environments.production.as_mut(),
            };
            env.and_then(|env| match which {
                2 => Some(&mut env.description),
                3 => env.networks.first_mut().map(|n| &mut n.description),
                4 => env
                    .networks
                    .first_mut()
                    .and_then(|n| n.segments.first_mut())
                    .map(|s| &mut s.description),
                5 => env.ingresses.first_mut().map(|i| &mut i.description),
                6 => Some(&mut env.configuration.description),
                7 => Some(&mut env.secrets.description),
                _ => env.services.first_mut().map(|s| &mut s.description),
            })
        }
    };
    let slot = match slot {
        Some(slot) => slot,
        None => &mut d.description,
    };
    *slot = Some(match slot.take() {
        Some(before) => format!("{before} {t}"),
        None => t.to_owned(),
    });
}

/// PER-003, the same in every environment (so the compositions stay equal): no writer (every
/// read-write adapter of a database made read-only), a second writer, or a database nobody
/// reaches.
fn per_003(w: &mut Work, c: &mut dyn Choices, v: usize) {
    match v {
        0 => {
            w.ensure_database();
            let d = c.below(w.databases());
            for e in 0..3 {
                if let Some(env) = w.env(e) {
                    let Some(id) = env.databases.get(d).map(|x| x.id.clone()) else {
                        continue;
                    };
                    for a in env.adapters.iter_mut().filter(|a| a.database == id) {
                        a.access = Access::ReadOnly;
                    }
                }
            }
        }
        1 => {
            w.ensure_services(2);
            w.ensure_database();
            let d = c.below(w.databases());
            let writer = w.writer_of(d).unwrap_or(0);
            let others: Vec<usize> = (0..w.services()).filter(|&s| s != writer).collect();
            let s = pick(c, &others).copied().unwrap_or(0);
            w.add_adapter_to(&[0, 1, 2], s, d, Access::ReadWrite);
        }
        _ => {
            let name = w.name();
            w.add_database_to(&[0, 1, 2], &name, None);
        }
    }
}

/// ING-001: no ingress (in every environment), or two or three in one environment.
fn ing_001(w: &mut Work, c: &mut dyn Choices, v: usize) {
    let e = env_index(c);
    if v == 1 && !matches!(w.env_ref(e), Some(env) if !env.ingresses.is_empty()) {
        return;
    }
    if v == 1 {
        // No ingress anywhere: removing it from one environment only would also change what
        // that environment exposes (INV-001).
        for e in 0..3 {
            if let Some(env) = w.env(e) {
                env.ingresses.clear();
            }
        }
        return;
    }
    for _ in 0..1 + c.below(2) {
        let id = w.id();
        let Some(env) = w.env(e) else { return };
        let segment = segment_id(env, SegmentKind::Ingress);
        // No target, or the first ingress's: the exposed services stay the same (INV-001).
        let targets: Vec<String> = if c.flip() {
            env.ingresses
                .first()
                .map(|i| i.targets.clone())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        env.ingresses.push(Ingress {
            id,
            segment,
            tls_termination: TlsTermination::Infrastructure,
            load_balancing: None,
            targets,
            description: None,
        });
    }
}

/// INV-001: the environments' compositions differ: a service with a new name in some
/// environments (0), a service renamed in one (1), a new database with its writer in some (2),
/// a read-only access that no environment had, in some (3).
fn inv_001(w: &mut Work, c: &mut dyn Choices, v: usize) {
    let envs = proper_subset(c);
    match v {
        1 => {
            w.ensure_services(1);
            let i = c.below(w.services());
            let e = env_index(c);
            let name = w.name();
            if let Some(s) = w.env(e).and_then(|env| env.services.get_mut(i)) {
                s.name = name;
            }
        }
        2 => {
            w.ensure_services(1);
            let writer = c.below(w.services());
            let name = w.name();
            w.add_database_to(&envs, &name, Some(writer));
        }
        3 if w.databases() > 0 => {
            let env = w.env_ref(0).cloned();
            let Some(env) = env else { return };
            let mut had = BTreeSet::new();
            for a in &env.adapters {
                let s = env.services.iter().find(|s| s.id == a.service);
                let d = env.databases.iter().find(|d| d.id == a.database);
                if let (Some(s), Some(d)) = (s, d) {
                    had.insert((s.name.clone(), d.name.clone(), a.access));
                }
            }
            let mut pairs = Vec::new();
            for (si, s) in env.services.iter().enumerate() {
                for (di, d) in env.databases.iter().enumerate() {
                    if !had.contains(&(s.name.clone(), d.name.clone(), Access::ReadOnly)) {
                        pairs.push((si, di));
                    }
                }
            }
            match pick(c, &pairs).copied() {
                Some((s, d)) => w.add_adapter_to(&envs, s, d, Access::ReadOnly),
                None => {
                    let name = w.name();
                    w.add_service_to(&envs, &name);
                }
            }
        }
        _ => {
            let name = w.name();
            w.add_service_to(&envs, &name);
        }
    }
}

/// A small JSON value for the member of a forbidden or unknown name (never examined).
pub(crate) fn junk(c: &mut dyn Choices) -> Value {
    match c.below(10) {
        0 => Value::Null,
        1 => Value::Bool(false),
        2 => Value::Number("0".to_owned()),
        3 => Value::String(String::new()),
        4 => Value::Array(Vec::new()),
        5 => Value::Object(Vec::new()),
        6 => Value::String("10.0.0.0/8".to_owned()),
        7 => Value::Number("1e400".to_owned()),
        8 => Value::Object(vec![(
            "strategy".to_owned(),
            Value::Array(vec![Value::String("blue-green".to_owned()), Value::Null]),
        )]),
        _ => Value::String("kubernetes -> :443".to_owned()),
    }
}

/// Unknown member names, close to known ones; filtered per kind by the format tables.
const UNKNOWN_NAMES: &[&str] = &[
    "owner",
    "Description",
    "ID",
    "notes",
    "x-extra",
    "",
    "id ",
    "\u{540d}\u{524d}",
    "replicas_",
    "Region",
    "secretz",
    "descr\u{131}ption",
    "~1/",
];

/// Unknown environment names (ENV-001).
const UNKNOWN_ENVS: &[&str] = &[
    "qa",
    "dev",
    "Local",
    "production ",
    "",
    "prod",
    "stagging",
    "l\u{200b}ocal",
];

fn sites_of(value: &Value, kind: Option<ObjectKind>) -> Vec<ObjectSite> {
    tree::objects(value)
        .into_iter()
        .filter(|s| match kind {
            Some(k) => s.kind == k,
            None => s.kind != ObjectKind::Environments,
        })
        .collect()
}

fn insert_member(value: &mut Value, path: &[Step], name: &str, v: Value, c: &mut dyn Choices) {
    if let Some(members) = tree::members_mut(value, path) {
        let at = c.upto(members.len());
        members.insert(at, (name.to_owned(), v));
    }
}

/// Value-stage edits. `touched` holds paths that blocking edits of this document changed.
pub(crate) fn value(
    m: &Mutation,
    v: &mut Value,
    c: &mut dyn Choices,
    touched: &mut BTreeSet<Vec<Step>>,
) {
    use RuleId::*;
    match (&m.how, m.rule) {
        (How::Forbidden(kind, name), _) => {
            let sites = sites_of(v, Some(*kind));
            if let Some(site) = pick(c, &sites) {
                let j = junk(c);
                insert_member(v, &site.path.clone(), name, j, c);
            }
        }
        (How::Value(_), Doc007) => {
            let sites = sites_of(v, None);
            let Some(site) = pick(c, &sites).cloned() else {
                return;
            };
            let names: Vec<&str> = UNKNOWN_NAMES
                .iter()
                .copied()
                .filter(|n| site.kind.member(n).is_none() && forbidden_rule(site.kind, n).is_none())
                .collect();
            let name = pick_str(c, &names, "owner");
            let j = junk(c);
            insert_member(v, &site.path, &name, j, c);
        }
        (How::Value(variant), Env001) => {
            let path = vec![Step::Key("environments".to_owned())];
            if *variant == 0 {
                let name = pick_str(c, UNKNOWN_ENVS, "qa");
                let j = if c.flip() {
                    junk(c)
                } else {
                    Value::Object(Vec::new())
                };
                insert_member(v, &path, &name, j, c);
            } else if let Some(members) = tree::members_mut(v, &path) {
                let keep = c.below(members.len().max(1));
                let drop_all = c.flip();
                let mut k = 0;
                members.retain(|_| {
                    k += 1;
                    !drop_all && k - 1 != keep
                });
            }
        }
        (How::Bytes(4 | 5), Doc001) => place_marker(v, c),
        (How::Value(_), Doc005) => doc_005(v, c, m.multi, touched),
        (How::Value(_), Doc006) => doc_006(v, c, m.multi, touched),
        (How::Value(_), Doc008) => doc_008(v, c, touched),
        (How::Value(variant), Doc002) => {
            let sites: Vec<ObjectSite> = tree::objects(v)
                .into_iter()
                .filter(|s| {
                    tree::get(v, &s.path)
                        .and_then(|x| x.as_object().map(|m| !m.is_empty()))
                        .unwrap_or(false)
                })
                .collect();
            let Some(site) = pick(c, &sites).cloned() else {
                return;
            };
            let dup_value = junk(c);
            if let Some(members) = tree::members_mut(v, &site.path) {
                if *variant == 0 {
                    let k = c.below(members.len());
                    let name = members.get(k).map(|(n, _)| n.clone()).unwrap_or_default();
                    let at = k + 1 + c.upto(members.len() - k - 1);
                    members.insert(at, (name, dup_value));
                } else {
                    let at = c.upto(members.len());
                    let name = "\u{2295}twice".to_owned();
                    members.insert(at, (name.clone(), Value::Null));
                    members.insert(at + 1, (name, dup_value));
                }
            }
        }
        (How::Value(variant), Doc003) => {
            let sites = tree::objects(v);
            let Some(site) = pick(c, &sites).cloned() else {
                return;
            };
            let levels = (j43_model::json::MAX_DEPTH + 1).saturating_sub(site.depth) + c.below(3);
            let mut nested = Value::Array(Vec::new());
            for level in 0..levels.saturating_sub(1) {
                nested = if *variant == 1 && level % 2 == 0 {
                    Value::Object(vec![("a".to_owned(), nested)])
                } else {
                    Value::Array(vec![nested])
                };
            }
            if *variant == 2 {
                // The whole document nested: an array of arrays around it.
                let mut top = std::mem::replace(v, Value::Null);
                for _ in 0..j43_model::json::MAX_DEPTH {
                    top = Value::Array(vec![top]);
                }
                *v = top;
                return;
            }
            insert_member(v, &site.path, "\u{2295}deep", nested, c);
        }
        _ => {}
    }
}

/// A value of a JSON type that `ty` does not accept.
fn wrong_value(ty: Type, c: &mut dyn Choices) -> Value {
    let candidates = [
        Value::Null,
        Value::Bool(true),
        Value::Number("0".to_owned()),
        Value::Number("-1.5e3".to_owned()),
        Value::String("x".to_owned()),
        Value::String(String::new()),
        Value::Array(Vec::new()),
        Value::Array(vec![Value::Number("1".to_owned())]),
        Value::Object(Vec::new()),
        Value::Object(vec![("a".to_owned(), Value::Number("1".to_owned()))]),
    ];
    let ok: Vec<Value> = candidates
        .into_iter()
        .filter(|v| {
            !matches!(
                (ty, v),
                (
                    Type::Text
                        | Type::Id
                        | Type::Name
                        | Type::Ref(_)
                        | Type::Enum(_)
                        | Type::Const(_),
                    Value::String(_)
                ) | (Type::Bool, Value::Bool(_))
                    | (Type::Array(_), Value::Array(_))
                    | (Type::Object(_), Value::Object(_))
            )
        })
        .collect();
    pick(c, &ok).cloned().unwrap_or(Value::Null)
}

fn is_scalar(ty: Type) -> bool {
    !matches!(ty, Type::Array(_) | Type::Object(_))
}

/// DOC-005: a value of the wrong JSON type at a typed position (any position alone; scalars
/// only with other mutations, so that no member another mutation added disappears).
fn doc_005(v: &mut Value, c: &mut dyn Choices, multi: bool, touched: &mut BTreeSet<Vec<Step>>) {
    let sites: Vec<_> = tree::typed_sites(v)
        .into_iter()
        .filter(|s| (!multi || is_scalar(s.ty)) && !touched.contains(&s.path))
        .collect();
    let Some(site) = pick(c, &sites).cloned() else {
        return;
    };
    let new = wrong_value(site.ty, c);
    if let Some(slot) = tree::get_mut(v, &site.path) {
        *slot = new;
        touched.insert(site.path);
    }
}

/// DOC-006: a required member removed (scalar-valued ones only with other mutations).
fn doc_006(v: &mut Value, c: &mut dyn Choices, multi: bool, touched: &mut BTreeSet<Vec<Step>>) {
    let sites: Vec<_> = tree::typed_sites(v)
        .into_iter()
        .filter(|s| {
            matches!(s.member, Some((kind, true)) if kind != ObjectKind::Environments)
                && (!multi || is_scalar(s.ty))
                && !touched.contains(&s.path)
        })
        .collect();
    let Some(site) = pick(c, &sites).cloned() else {
        return;
    };
    let (Some(Step::Key(name)), Some(parent)) =
        (site.path.last(), site.path.get(..site.path.len() - 1))
    else {
        return;
    };
    if let Some(members) = tree::members_mut(v, parent) {
        members.retain(|(n, _)| n != name);
        touched.insert(site.path.clone());
    }
}

/// Strings outside an enumeration: case variants, spaces, near values.
const BAD_ENUM: &[&str] = &[
    "daemon",
    "Long-lived",
    "PUBLIC",
    "",
    " private",
    "ingress ",
    "stateless\u{0}",
    "read_write",
    "10.0.0.0/8",
];
const BAD_CONST: &[&str] = &["j43/2", "J43/1", "", "j43/1 ", "j43", "j43\u{2215}1"];

/// DOC-008: a string breaking its constraint: outside its enumeration, not the constant, or
/// empty where an id, name or reference needs a character.
fn doc_008(v: &mut Value, c: &mut dyn Choices, touched: &mut BTreeSet<Vec<Step>>) {
    let sites: Vec<_> = tree::typed_sites(v)
        .into_iter()
        .filter(|s| {
            matches!(
                s.ty,
                Type::Id | Type::Name | Type::Ref(_) | Type::Enum(_) | Type::Const(_)
            ) && !touched.contains(&s.path)
        })
        .collect();
    let Some(site) = pick(c, &sites).cloned() else {
        return;
    };
    let new = match site.ty {
        Type::Enum(allowed) => {
            let bad: Vec<&str> = BAD_ENUM
                .iter()
                .copied()
                .filter(|b| !allowed.contains(b))
                .collect();
            pick_str(c, &bad, "daemon")
        }
        Type::Const(_) => pick_str(c, BAD_CONST, "j43/2"),
        _ => String::new(),
    };
    if let Some(slot) = tree::get_mut(v, &site.path) {
        *slot = Value::String(new);
        touched.insert(site.path);
    }
}

/// A marker string replaced, after rendering, by bytes that break the grammar.
pub(crate) const MARKER: &str = "\u{e000}\u{2295}marker\u{2295}\u{e000}";

/// For DOC-001 constructions that need a broken string: puts [`MARKER`] in a string value.
pub(crate) fn place_marker(v: &mut Value, c: &mut dyn Choices) {
    let sites: Vec<_> = tree::typed_sites(v)
        .into_iter()
        .filter(|s| is_scalar(s.ty) && s.ty != Type::Bool)
        .collect();
    let Some(site) = pick(c, &sites).cloned() else {
        return;
    };
    if let Some(slot) = tree::get_mut(v, &site.path) {
        *slot = Value::String(MARKER.to_owned());
    }
}

/// Byte-stage edits of the rendered document (parse rules).
pub(crate) fn bytes(m: &Mutation, doc: Vec<u8>, c: &mut dyn Choices) -> Vec<u8> {
    match (&m.how, m.rule) {
        (How::Bytes(v), RuleId::Doc001) => doc_001(doc, *v, c),
        (How::Bytes(v), RuleId::Doc004) => {
            let max = j43_model::json::MAX_SIZE;
            // Whitespace padding ends exactly one byte past the limit (the boundary); the
            // non-whitespace padding goes 1 to 16 bytes past it.
            let extra = if *v < 2 { 1 } else { 1 + c.below(16) };
            let pad = (max + extra).saturating_sub(doc.len());
            match v {
                0 => {
                    let mut out = doc;
                    out.resize(out.len() + pad, b' ');
                    out
                }
                1 => {
                    let mut out = vec![b'\n'; pad];
                    out.extend_from_slice(&doc);
                    out
                }
                _ => {
                    let mut out = doc;
                    out.resize(out.len() + pad, b'x');
                    out
                }
            }
        }
        _ => doc,
    }
}

/// DOC-001 constructions. Each leaves a valid prefix and then a byte that cannot continue it.
fn doc_001(mut doc: Vec<u8>, v: usize, c: &mut dyn Choices) -> Vec<u8> {
    let last = doc
        .iter()
        .rposition(|b| !b" \t\r\n".contains(b))
        .unwrap_or(0);
    match v {
        // A proper prefix that stops before the closing brace: never a complete text.
        0 => {
            doc.truncate(c.upto(last));
            doc
        }
        // Trailing data after the value.
        1 => {
            let junk = pick(
                c,
                &[&b"x"[..], b",", b"{}", b"\0", b"0", b"]", b"\xef\xbb\xbf"],
            )
            .copied()
            .unwrap_or(b"x");
            doc.extend_from_slice(junk);
            doc
        }
        // A byte order mark.
        2 => {
            let mut out = b"\xef\xbb\xbf".to_vec();
            out.extend_from_slice(&doc);
            out
        }
        // Invalid UTF-8 anywhere (overlong, surrogate, beyond U+10FFFF, stray bytes).
        3 => {
            let bad = pick(
                c,
                &[
                    &b"\xff"[..],
                    b"\xc0\x80",
                    b"\xed\xa0\x80",
                    b"\xf4\x90\x80\x80",
                    b"\x80",
                    b"\xe2\x82",
                ],
            )
            .copied()
            .unwrap_or(b"\xff");
            let at = c.upto(doc.len());
            doc.splice(at..at, bad.iter().copied());
            doc
        }
        // A broken string: the marker replaced by a lone surrogate escape, a raw control
        // character or an invalid escape.
        4 | 5 => {
            let payloads: &[&[u8]] = if v == 4 {
                &[
                    b"\\ud800",
                    b"\\udfff",
                    b"\\ud800\\u0041",
                    b"\\ud800x",
                    b"\\udc00",
                    b"a\\uD83D",
                ]
            } else {
                &[
                    b"\x00", b"\x01", b"\x1f", b"\n", b"\t", b"\\x", b"\\u12G4", b"\\'",
                ]
            };
            let payload = pick(c, payloads).copied().unwrap_or(b"\\ud800");
            replace_marker(&doc, payload)
        }
        // Empty input or whitespace only.
        6 => pick(c, &[&b""[..], b" ", b"\n\t\r "])
            .copied()
            .unwrap_or(b"")
            .to_vec(),
        // A trailing comma before the closing brace.
        7 => {
            doc.insert(last, b',');
            doc
        }
        // Single quotes for the first member name.
        8 => {
            if let Some(q) = doc.iter().position(|&b| b == b'"') {
                if let Some(slot) = doc.get_mut(q) {
                    *slot = b'\'';
                }
            }
            doc
        }
        // Invalid literals and numbers as the value of a new member at the top.
        _ => {
            let bad = pick(
                c,
                &[
                    &b"True"[..],
                    b"nul",
                    b"01",
                    b"1.",
                    b".5",
                    b"+1",
                    b"NaN",
                    b"Infinity",
                    b"-",
                    b"1e",
                    b"0x10",
                ],
            )
            .copied()
            .unwrap_or(b"01");
            let open = doc.iter().position(|&b| b == b'{').unwrap_or(0);
            let mut insert = b"\"\xe2\x8a\x95n\":".to_vec();
            insert.extend_from_slice(bad);
            insert.push(b',');
            doc.splice(open + 1..open + 1, insert);
            doc
        }
    }
}

fn replace_marker(doc: &[u8], payload: &[u8]) -> Vec<u8> {
    let marker = MARKER.as_bytes();
    match doc.windows(marker.len()).position(|w| w == marker) {
        Some(at) => {
            let mut out = doc.get(..at).unwrap_or_default().to_vec();
            out.extend_from_slice(payload);
            out.extend_from_slice(doc.get(at + marker.len()..).unwrap_or_default());
            out
        }
        None => {
            let mut out = doc.to_vec();
            out.push(b'\x01');
            out
        }
    }
}
