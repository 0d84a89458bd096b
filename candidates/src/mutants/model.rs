//! The environments of a well-typed document, read again for mutants that decide some layer-3
//! rules themselves: components in canonical order, resolution within an environment, and
//! the predicates of DOC-009, ENV-002, PER-003 and INV-001 with the knobs mistakes turn.
//!
//! With every knob at the reference's setting each predicate is the reference's (the
//! candidates' mutants test checks this on the default suite).

use j43_model::json::Value;
use j43_model::{ComponentKind, ENVIRONMENTS};
use std::collections::BTreeSet;

/// One component: its kind and id.
#[derive(Debug, Clone)]
pub(crate) struct Component {
    pub kind: ComponentKind,
    pub id: String,
}

/// A service, as layer 3 reads it.
#[derive(Debug, Clone)]
pub(crate) struct Service {
    pub id: String,
    pub name: String,
    pub scaling: Option<String>,
}

/// A database, as layer 3 reads it.
#[derive(Debug, Clone)]
pub(crate) struct Database {
    pub id: String,
    pub name: String,
}

/// An adapter's references and access.
#[derive(Debug, Clone)]
pub(crate) struct Adapter {
    pub service: String,
    pub database: String,
    pub access: String,
}

/// One present environment.
#[derive(Debug, Clone)]
pub(crate) struct Env {
    pub name: &'static str,
    /// Every component in canonical order (SPEC S4.3).
    pub components: Vec<Component>,
    pub services: Vec<Service>,
    pub databases: Vec<Database>,
    pub adapters: Vec<Adapter>,
    /// Every ingress's targets.
    pub targets: Vec<Vec<String>>,
}

/// The present environments, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Model {
    pub envs: Vec<Env>,
}

fn text(v: &Value, name: &str) -> String {
    v.get(name)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn items<'a>(v: &'a Value, name: &str) -> &'a [Value] {
    v.get(name).and_then(Value::as_array).unwrap_or_default()
}

impl Model {
    /// Reads a document that passed layer 2 without a blocking violation.
    pub(crate) fn read(doc: &Value) -> Model {
        let envs = ENVIRONMENTS
            .iter()
            .filter_map(|&name| {
                let e = doc.get("environments")?.get(name)?;
                Some(Env::read(name, e))
            })
            .collect();
        Model { envs }
    }
}

impl Env {
    fn read(name: &'static str, e: &Value) -> Env {
        let mut components = Vec::new();
        let mut push = |kind, v: &Value| {
            components.push(Component {
                kind,
                id: text(v, "id"),
            })
        };
        for n in items(e, "networks") {
            push(ComponentKind::Network, n);
            for s in items(n, "segments") {
                push(ComponentKind::Segment, s);
            }
        }
        for x in items(e, "ingresses") {
            push(ComponentKind::Ingress, x);
        }
        for x in items(e, "services") {
            push(ComponentKind::Service, x);
        }
        for x in items(e, "databases") {
            push(ComponentKind::Database, x);
        }
        for x in items(e, "adapters") {
            push(ComponentKind::Adapter, x);
        }
        let null = Value::Null;
        push(
            ComponentKind::Configuration,
            e.get("configuration").unwrap_or(&null),
        );
        push(ComponentKind::Secrets, e.get("secrets").unwrap_or(&null));
        Env {
            name,
            components,
            services: items(e, "services")
                .iter()
                .map(|s| Service {
                    id: text(s, "id"),
                    name: text(s, "name"),
                    scaling: s.get("scaling").and_then(Value::as_str).map(str::to_owned),
                })
                .collect(),
            databases: items(e, "databases")
                .iter()
                .map(|d| Database {
                    id: text(d, "id"),
                    name: text(d, "name"),
                })
                .collect(),
            adapters: items(e, "adapters")
                .iter()
                .map(|a| Adapter {
                    service: text(a, "service"),
                    database: text(a, "database"),
                    access: text(a, "access"),
                })
                .collect(),
            targets: items(e, "ingresses")
                .iter()
                .map(|i| {
                    items(i, "targets")
                        .iter()
                        .map(|t| t.as_str().unwrap_or_default().to_owned())
                        .collect()
                })
                .collect(),
        }
    }

    /// The first service with this id (SPEC S4.4: a reference resolves to the first component
    /// of its kind with its id).
    pub(crate) fn service(&self, id: &str) -> Option<usize> {
        self.services.iter().position(|s| s.id == id)
    }

    /// The first database with this id.
    pub(crate) fn database(&self, id: &str) -> Option<usize> {
        self.databases.iter().position(|d| d.id == id)
    }

    /// True when some component has this id.
    pub(crate) fn has_id(&self, id: &str) -> bool {
        self.components.iter().any(|c| c.id == id)
    }

    /// The kind of the first component with this id here, if any.
    pub(crate) fn kind_of(&self, id: &str) -> Option<ComponentKind> {
        self.components.iter().find(|c| c.id == id).map(|c| c.kind)
    }
}

fn fold(id: &str, case_insensitive: bool) -> String {
    if case_insensitive {
        id.to_ascii_lowercase()
    } else {
        id.to_owned()
    }
}

/// DOC-009: an id twice in one environment (`same_kind_only`: twice in one kind;
/// `case_insensitive`: ids compared in ASCII lowercase).
pub(crate) fn duplicate_ids(m: &Model, same_kind_only: bool, case_insensitive: bool) -> bool {
    m.envs.iter().any(|e| {
        let mut seen = BTreeSet::new();
        e.components.iter().any(|c| {
            let kind = if same_kind_only { Some(c.kind) } else { None };
            !seen.insert((kind, fold(&c.id, case_insensitive)))
        })
    })
}

/// ENV-002 in layer 3: an id in two present environments (`adjacent_only`: compared with the
/// previous present environment only; `same_kind_only`: only components of one kind;
/// `case_insensitive`).
pub(crate) fn shared_ids(
    m: &Model,
    adjacent_only: bool,
    same_kind_only: bool,
    case_insensitive: bool,
) -> bool {
    let keys: Vec<BTreeSet<(Option<ComponentKind>, String)>> = m
        .envs
        .iter()
        .map(|e| {
            e.components
                .iter()
                .map(|c| {
                    let kind = if same_kind_only { Some(c.kind) } else { None };
                    (kind, fold(&c.id, case_insensitive))
                })
                .collect()
        })
        .collect();
    for (k, later) in keys.iter().enumerate() {
        let from = if adjacent_only {
            k.saturating_sub(1)
        } else {
            0
        };
        let earlier = keys.get(from..k).unwrap_or_default();
        if earlier.iter().any(|e| !e.is_disjoint(later)) {
            return true;
        }
    }
    false
}

/// How PER-003 counts the writers of a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Writers {
    /// Distinct resolved services with a read-write adapter resolving to it (the reference).
    Services,
    /// Read-write adapters, not services: one service with two adapters is two writers.
    Adapters,
    /// Distinct resolved services with an adapter of any access.
    AnyAccess,
    /// Distinct `service` strings of read-write adapters, resolved or not.
    Unresolved,
}

/// PER-003: some database without exactly one writer.
pub(crate) fn single_writer(m: &Model, count: Writers) -> bool {
    m.envs.iter().any(|e| {
        (0..e.databases.len()).any(|d| {
            let mut services = BTreeSet::new();
            let mut adapters = 0usize;
            for a in &e.adapters {
                if e.database(&a.database) != Some(d) {
                    continue;
                }
                let rw = a.access == "read-write";
                let resolved = e.service(&a.service);
                match count {
                    Writers::Services if rw => {
                        if let Some(s) = resolved {
                            services.insert(s.to_string());
                        }
                    }
                    Writers::Adapters if rw && resolved.is_some() => adapters += 1,
                    Writers::AnyAccess => {
                        if let Some(s) = resolved {
                            services.insert(s.to_string());
                        }
                    }
                    Writers::Unresolved if rw => {
                        services.insert(a.service.clone());
                    }
                    _ => {}
                }
            }
            let n = if count == Writers::Adapters {
                adapters
            } else {
                services.len()
            };
            n != 1
        })
    })
}

type Composition = (
    BTreeSet<String>,
    BTreeSet<String>,
    BTreeSet<(String, String, String)>,
    BTreeSet<String>,
);

fn composition(e: &Env, accesses: bool, exposure: bool) -> Composition {
    let services = e.services.iter().map(|s| s.name.clone()).collect();
    let databases = e.databases.iter().map(|d| d.name.clone()).collect();
    let mut access = BTreeSet::new();
    if accesses {
        for a in &e.adapters {
            let s = e.service(&a.service).and_then(|i| e.services.get(i));
            let d = e.database(&a.database).and_then(|i| e.databases.get(i));
            if let (Some(s), Some(d)) = (s, d) {
                access.insert((s.name.clone(), d.name.clone(), a.access.clone()));
            }
        }
    }
    let mut exposed = BTreeSet::new();
    if exposure {
        for t in e.targets.iter().flatten() {
            if let Some(s) = e.service(t).and_then(|i| e.services.get(i)) {
                exposed.insert(s.name.clone());
            }
        }
    }
    (services, databases, access, exposed)
}

/// INV-001: two or more present environments (all three with `needs_three`) whose
/// compositions differ (`accesses`, `exposure`: whether those sets are part of it).
pub(crate) fn neutrality(m: &Model, accesses: bool, exposure: bool, needs_three: bool) -> bool {
    let min = if needs_three { 3 } else { 2 };
    if m.envs.len() < min {
        return false;
    }
    let all: Vec<Composition> = m
        .envs
        .iter()
        .map(|e| composition(e, accesses, exposure))
        .collect();
    all.windows(2).any(|w| match w {
        [a, b] => a != b,
        _ => false,
    })
}
