//! The authorized space: a logical application generated once, instantiated in every environment.
//!
//! A [`Plan`] is a logical application (services, databases, adapters, by logical index) plus,
//! per environment, everything that may differ between environments without changing the
//! composition (ids, descriptions, `private` visibility, `horizontal` scaling, segment order,
//! ingress targets, array order). [`Plan::instantiate`] turns it into a [`Design`] that is
//! authorized by construction:
//!
//! - INV-001: every environment gets the same services, databases, adapters and exposed
//!   services (same names, same accesses, same targets up to repetition), so the compositions
//!   are equal.
//! - CMP-004, PER-004: logical names are distinct within services and within databases.
//! - PER-003: each database has one writer service; its read-write adapters all come from it,
//!   every other adapter to it is read-only.
//! - DOC-009, ENV-002: ids come from [`IdStyle::id`] with a per-environment counter and a
//!   per-environment tag, so they are unique within and across environments.
//! - NET-001, NET-003, NET-004, ING-001: one network with one segment of each kind, each
//!   component referring to the segment of its kind; one ingress.
//! - NET-005, FBD-009: every string comes from [`crate::text`], which never writes a CIDR block,
//!   and diagrams never a port or an arrow.

use crate::choices::{shuffle, Choices, SeedChoices};
use crate::settings::Settings;
use crate::text::{self, IdStyle};
use j43_model::{
    Access, Adapter, ConfigurationBoundary, ConfigurationPlacement, Database, Design, Diagram,
    Environment, Environments, Ingress, Network, Process, Scaling, SecretsBoundary,
    SecretsPlacement, Segment, SegmentKind, Service, State, TlsTermination, Visibility,
};

/// A logical adapter: which service reaches which database, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogicalAdapter {
    pub service: usize,
    pub database: usize,
    pub access: Access,
}

/// What varies per environment for one component: authorized values only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Variant {
    pub description: Option<String>,
    /// `Some(Private)` or `None`.
    pub visibility: Option<Visibility>,
    /// `Some(Horizontal)` or `None` (services only).
    pub scaling: Option<Scaling>,
}

/// The per-environment part of a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct EnvPlan {
    pub description: Option<String>,
    pub network: Variant,
    /// Order of the segments, as kinds.
    pub segment_order: [usize; 3],
    pub segments: [Option<String>; 3],
    pub ingress: Variant,
    pub load_balancing: Option<bool>,
    /// Logical service indices the ingress targets: every exposed service at least once.
    pub targets: Vec<usize>,
    /// Per database: spell the engine `postgres` rather than `postgresql`.
    pub engines: Vec<bool>,
    pub services: Vec<Variant>,
    pub databases: Vec<Variant>,
    pub adapters: Vec<Option<String>>,
    pub configuration: Option<String>,
    pub secrets: Option<String>,
    /// Seed of the permutation of services, databases and adapters (0: logical order).
    pub shuffle: u64,
}

/// A logical application and its three instantiations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    pub name: Option<String>,
    pub description: Option<String>,
    pub diagrams: Option<Vec<(String, String)>>,
    pub ids: IdStyle,
    pub services: Vec<String>,
    pub databases: Vec<String>,
    pub adapters: Vec<LogicalAdapter>,
    pub envs: [EnvPlan; 3],
}

const SEGMENT_KINDS: [SegmentKind; 3] = [
    SegmentKind::Ingress,
    SegmentKind::Runtime,
    SegmentKind::Persistence,
];
const PERMUTATIONS: [[usize; 3]; 6] = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
];

fn variant(c: &mut dyn Choices, s: &Settings, with_scaling: bool) -> Variant {
    Variant {
        description: text::opt_prose(c, s),
        visibility: c.flip().then_some(Visibility::Private),
        scaling: (with_scaling && c.flip()).then_some(Scaling::Horizontal),
    }
}

/// `n` logical names, pairwise distinct: two services (or databases) of one name in one
/// environment are two instances (CMP-004, PER-004).
fn unique_names(c: &mut dyn Choices, s: &Settings, n: usize) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n {
        let mut name = text::name(c, s);
        while names.contains(&name) {
            name.push('\u{2032}');
        }
        names.push(name);
    }
    names
}

impl Plan {
    /// A plan drawn from choices; all-zero choices give the smallest authorized design (no
    /// service, no database, plain ids).
    pub(crate) fn choose(c: &mut dyn Choices, s: &Settings) -> Plan {
        let ids = if c.flip() {
            IdStyle::choose(c)
        } else {
            IdStyle::plain()
        };
        let n_services = c.upto(s.max_services);
        let n_databases = if n_services == 0 {
            0
        } else {
            c.upto(s.max_databases)
        };
        let services = unique_names(c, s, n_services);
        let databases = unique_names(c, s, n_databases);
        // The services the ingress exposes: the same set in every environment (INV-001).
        let exposed: Vec<usize> = (0..n_services).filter(|_| c.flip()).collect();
        let mut adapters = Vec::new();
        for d in 0..n_databases {
            adapters.push(LogicalAdapter {
                service: c.below(n_services),
                database: d,
                access: Access::ReadWrite,
            });
        }
        if n_databases > 0 {
            for _ in 0..c.upto(s.max_extra_adapters) {
                let database = c.below(n_databases);
                let writer = adapters.get(database).map_or(0, |a| a.service);
                // A second read-write adapter only from the writer; otherwise read-only.
                let service = c.below(n_services);
                let access = if service == writer && c.flip() {
                    Access::ReadWrite
                } else {
                    Access::ReadOnly
                };
                adapters.push(LogicalAdapter {
                    service,
                    database,
                    access,
                });
            }
        }
        let n_adapters = adapters.len();
        let envs = [0, 1, 2].map(|_| EnvPlan {
            description: text::opt_prose(c, s),
            network: variant(c, s, false),
            segment_order: PERMUTATIONS.get(c.below(6)).copied().unwrap_or([0, 1, 2]),
            segments: [0, 1, 2].map(|_| text::opt_prose(c, s)),
            ingress: variant(c, s, false),
            load_balancing: match c.below(3) {
                1 => Some(true),
                2 => Some(false),
                _ => None,
            },
            targets: {
                let mut t = exposed.clone();
                if !exposed.is_empty() {
                    for _ in 0..c.upto(s.max_targets.saturating_sub(exposed.len())) {
                        t.push(exposed.get(c.below(exposed.len())).copied().unwrap_or(0));
                    }
                }
                t
            },
            services: (0..n_services).map(|_| variant(c, s, true)).collect(),
            databases: (0..n_databases).map(|_| variant(c, s, false)).collect(),
            engines: (0..n_databases).map(|_| c.flip()).collect(),
            adapters: (0..n_adapters).map(|_| text::opt_prose(c, s)).collect(),
            configuration: text::opt_prose(c, s),
            secrets: text::opt_prose(c, s),
            shuffle: if c.flip() { c.word() } else { 0 },
        });
        let name = text::opt_prose(c, s);
        let description = text::opt_prose(c, s);
        let diagrams = c.flip().then(|| {
            (0..c.upto(s.max_diagrams))
                .map(|_| (text::diagram_text(c, s), text::diagram_text(c, s)))
                .collect()
        });
        Plan {
            name,
            description,
            diagrams,
            ids,
            services,
            databases,
            adapters,
            envs,
        }
    }

    /// The design, with services, databases and adapters in logical order (index `i` of each
    /// environment's array is logical component `i`); see [`shuffle_design`].
    pub(crate) fn instantiate(&self) -> Design {
        let envs: Vec<Environment> = self
            .envs
            .iter()
            .enumerate()
            .map(|(e, plan)| self.environment(e, plan))
            .collect();
        let mut it = envs.into_iter();
        Design {
            format: j43_model::FORMAT_VERSION.to_owned(),
            name: self.name.clone(),
            description: self.description.clone(),
            environments: Environments {
                local: it.next(),
                staging: it.next(),
                production: it.next(),
            },
            diagrams: self.diagrams.as_ref().map(|ds| {
                ds.iter()
                    .map(|(title, content)| Diagram {
                        title: title.clone(),
                        content: content.clone(),
                    })
                    .collect()
            }),
        }
    }

    fn environment(&self, e: usize, plan: &EnvPlan) -> Environment {
        let mut k = 0usize;
        let mut id = |stem: &str| {
            k += 1;
            self.ids.id(stem, e, k)
        };
        let network_id = id("net");
        let segment_ids: Vec<String> = ["seg", "seg", "seg"].iter().map(|s| id(s)).collect();
        let seg = |kind: usize| segment_ids.get(kind).cloned().unwrap_or_default();
        let segments = plan
            .segment_order
            .iter()
            .map(|&kind| Segment {
                id: seg(kind),
                kind: SEGMENT_KINDS
                    .get(kind)
                    .copied()
                    .unwrap_or(SegmentKind::Ingress),
                description: plan.segments.get(kind).cloned().flatten(),
            })
            .collect();
        let ingress_id = id("ing");
        let service_ids: Vec<String> = self.services.iter().map(|_| id("svc")).collect();
        let database_ids: Vec<String> = self.databases.iter().map(|_| id("db")).collect();
        let adapter_ids: Vec<String> = self.adapters.iter().map(|_| id("ad")).collect();
        let cfg_id = id("cfg");
        let sec_id = id("sec");
        let svc = |i: usize| service_ids.get(i).cloned().unwrap_or_default();
        let db = |i: usize| database_ids.get(i).cloned().unwrap_or_default();
        let default = Variant::default();
        Environment {
            description: plan.description.clone(),
            networks: vec![Network {
                id: network_id,
                description: plan.network.description.clone(),
                visibility: plan.network.visibility,
                segments,
            }],
            ingresses: vec![Ingress {
                id: ingress_id,
                segment: seg(0),
                tls_termination: TlsTermination::Infrastructure,
                load_balancing: plan.load_balancing,
                targets: plan.targets.iter().map(|&t| svc(t)).collect(),
                description: plan.ingress.description.clone(),
            }],
            services: self
                .services
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let v = plan.services.get(i).unwrap_or(&default);
                    Service {
                        id: svc(i),
                        name: name.clone(),
                        segment: seg(1),
                        process: Process::LongLived,
                        state: State::Stateless,
                        scaling: v.scaling,
                        visibility: v.visibility,
                        description: v.description.clone(),
                    }
                })
                .collect(),
            databases: self
                .databases
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let v = plan.databases.get(i).unwrap_or(&default);
                    Database {
                        id: db(i),
                        name: name.clone(),
                        engine: if plan.engines.get(i).copied().unwrap_or(false) {
                            "postgres".to_owned()
                        } else {
                            "postgresql".to_owned()
                        },
                        managed: true,
                        segment: seg(2),
                        visibility: v.visibility,
                        description: v.description.clone(),
                    }
                })
                .collect(),
            adapters: self
                .adapters
                .iter()
                .enumerate()
                .map(|(i, a)| Adapter {
                    id: adapter_ids.get(i).cloned().unwrap_or_default(),
                    service: svc(a.service),
                    database: db(a.database),
                    access: a.access,
                    description: plan.adapters.get(i).cloned().flatten(),
                })
                .collect(),
            configuration: ConfigurationBoundary {
                id: cfg_id,
                placement: ConfigurationPlacement::Dedicated,
                description: plan.configuration.clone(),
            },
            secrets: SecretsBoundary {
                id: sec_id,
                placement: SecretsPlacement::Dedicated,
                description: plan.secrets.clone(),
            },
        }
    }

    /// The per-environment permutation seeds, in environment order.
    pub(crate) fn shuffles(&self) -> [u64; 3] {
        self.envs.each_ref().map(|e| e.shuffle)
    }
}

/// Permutes each environment's services, databases, adapters and ingress targets. No rule's
/// verdict depends on array order, so this never changes the expected rule set.
pub(crate) fn shuffle_design(design: &mut Design, seeds: [u64; 3]) {
    for ((_, env), seed) in design.environments.iter_mut().zip(seeds) {
        shuffle(&mut env.services, seed);
        shuffle(&mut env.databases, seed.rotate_left(16));
        shuffle(&mut env.adapters, seed.rotate_left(32));
        for ingress in &mut env.ingresses {
            shuffle(&mut ingress.targets, seed.rotate_left(48));
        }
    }
}

/// A deterministic authorized design of about `n` components over the three environments
/// (at least the 21 of the fixed skeleton: per environment a network, three segments, an
/// ingress and the two boundaries). The rest is split evenly into services, databases and
/// adapters; database `i` is written by service `i mod services`. For benchmarks: the same `n`
/// always gives the same design.
pub fn design_with_components(n: usize) -> Design {
    let per_env = n.saturating_sub(21) / 3;
    let services = per_env.div_ceil(3);
    let databases = if services == 0 {
        0
    } else {
        per_env.saturating_sub(services) / 2
    };
    let adapters = per_env.saturating_sub(services + databases);
    let mut c = SeedChoices::new(n as u64);
    let s = Settings::small();
    let mut plan = Plan {
        name: Some(format!("benchmark design of {n} components")),
        description: None,
        diagrams: None,
        ids: IdStyle::plain(),
        services: (0..services).map(|i| format!("service {i}")).collect(),
        databases: (0..databases).map(|i| format!("database {i}")).collect(),
        adapters: Vec::new(),
        envs: Default::default(),
    };
    for d in 0..databases {
        plan.adapters.push(LogicalAdapter {
            service: d % services.max(1),
            database: d,
            access: Access::ReadWrite,
        });
    }
    for a in databases..adapters.max(databases) {
        if databases == 0 {
            break;
        }
        plan.adapters.push(LogicalAdapter {
            service: (a * 7 + 1) % services.max(1),
            database: a % databases,
            access: Access::ReadOnly,
        });
    }
    for env in &mut plan.envs {
        env.segment_order = [0, 1, 2];
        env.targets = (0..services.min(8)).collect();
        env.services = (0..services)
            .map(|i| Variant {
                description: (i % 4 == 0).then(|| text::prose(&mut c, &s)),
                visibility: None,
                scaling: (i % 2 == 0).then_some(Scaling::Horizontal),
            })
            .collect();
    }
    plan.instantiate()
}
