//! A borrowed, typed view of a document that passed layer 2, with components and reference resolution (SPEC S4.3, S4.4).

use crate::format::{ComponentKind, ENVIRONMENTS};
use crate::json::Value;
use std::collections::HashMap;

/// Where a component sits inside its environment; turns into a JSON pointer on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Loc {
    Network(usize),
    Segment(usize, usize),
    Ingress(usize),
    Service(usize),
    Database(usize),
    Adapter(usize),
    Configuration,
    Secrets,
}

impl Loc {
    /// Pointer of the component object, relative to the document.
    pub(crate) fn pointer(self, env: &str) -> String {
        match self {
            Loc::Network(n) => format!("/environments/{env}/networks/{n}"),
            Loc::Segment(n, s) => format!("/environments/{env}/networks/{n}/segments/{s}"),
            Loc::Ingress(i) => format!("/environments/{env}/ingresses/{i}"),
            Loc::Service(i) => format!("/environments/{env}/services/{i}"),
            Loc::Database(i) => format!("/environments/{env}/databases/{i}"),
            Loc::Adapter(i) => format!("/environments/{env}/adapters/{i}"),
            Loc::Configuration => format!("/environments/{env}/configuration"),
            Loc::Secrets => format!("/environments/{env}/secrets"),
        }
    }

    fn kind(self) -> ComponentKind {
        match self {
            Loc::Network(_) => ComponentKind::Network,
            Loc::Segment(..) => ComponentKind::Segment,
            Loc::Ingress(_) => ComponentKind::Ingress,
            Loc::Service(_) => ComponentKind::Service,
            Loc::Database(_) => ComponentKind::Database,
            Loc::Adapter(_) => ComponentKind::Adapter,
            Loc::Configuration => ComponentKind::Configuration,
            Loc::Secrets => ComponentKind::Secrets,
        }
    }
}

fn str_of<'a>(object: &'a Value, name: &str) -> &'a str {
    object.get(name).and_then(Value::as_str).unwrap_or_default()
}

fn opt_str<'a>(object: &'a Value, name: &str) -> Option<&'a str> {
    object.get(name).and_then(Value::as_str)
}

fn items<'a>(object: &'a Value, name: &str) -> &'a [Value] {
    object
        .get(name)
        .and_then(Value::as_array)
        .unwrap_or_default()
}

#[derive(Debug)]
pub(crate) struct Segment<'a> {
    pub id: &'a str,
    pub kind: &'a str,
}

#[derive(Debug)]
pub(crate) struct Network<'a> {
    pub id: &'a str,
    pub visibility: Option<&'a str>,
    pub segments: Vec<Segment<'a>>,
}

#[derive(Debug)]
pub(crate) struct Ingress<'a> {
    pub id: &'a str,
    pub segment: &'a str,
    pub tls_termination: &'a str,
    pub targets: Vec<&'a str>,
}

#[derive(Debug)]
pub(crate) struct Service<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub segment: &'a str,
    pub process: &'a str,
    pub state: &'a str,
    pub scaling: Option<&'a str>,
    pub visibility: Option<&'a str>,
}

#[derive(Debug)]
pub(crate) struct Database<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub engine: &'a str,
    pub managed: bool,
    pub segment: &'a str,
    pub visibility: Option<&'a str>,
}

#[derive(Debug)]
pub(crate) struct Adapter<'a> {
    pub id: &'a str,
    pub service: &'a str,
    pub database: &'a str,
    pub access: &'a str,
}

#[derive(Debug)]
pub(crate) struct Boundary<'a> {
    pub id: &'a str,
    pub placement: &'a str,
}

/// One present environment of a well-typed document.
#[derive(Debug)]
pub(crate) struct Environment<'a> {
    pub name: &'static str,
    pub networks: Vec<Network<'a>>,
    pub ingresses: Vec<Ingress<'a>>,
    pub services: Vec<Service<'a>>,
    pub databases: Vec<Database<'a>>,
    pub adapters: Vec<Adapter<'a>>,
    pub configuration: Boundary<'a>,
    pub secrets: Boundary<'a>,
    /// Each id's first component (canonical order), of any kind.
    first_by_id: HashMap<&'a str, Loc>,
    /// Each (kind, id)'s first component (canonical order).
    first_by_kind: HashMap<(ComponentKind, &'a str), Loc>,
}

/// A diagram of a well-typed document.
#[derive(Debug)]
pub(crate) struct Diagram<'a> {
    pub title: &'a str,
    pub content: &'a str,
}

/// A well-typed document: its present environments in order, and its diagrams.
#[derive(Debug)]
pub(crate) struct Document<'a> {
    pub environments: Vec<Environment<'a>>,
    pub diagrams: Vec<Diagram<'a>>,
}

/// How a reference resolved (SPEC S4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// To this component of the expected kind in the reference's own environment.
    To(Loc),
    /// The id names a component of another kind in the same environment.
    WrongKind(ComponentKind),
    /// The id names a component of this other environment only.
    OtherEnvironment(&'static str),
    /// The id names nothing.
    Dangling,
}

impl<'a> Environment<'a> {
    fn read(name: &'static str, env: &'a Value) -> Environment<'a> {
        let networks = items(env, "networks")
            .iter()
            .map(|n| Network {
                id: str_of(n, "id"),
                visibility: opt_str(n, "visibility"),
                segments: items(n, "segments")
                    .iter()
                    .map(|s| Segment {
                        id: str_of(s, "id"),
                        kind: str_of(s, "kind"),
                    })
                    .collect(),
            })
            .collect();
        let ingresses = items(env, "ingresses")
            .iter()
            .map(|i| Ingress {
                id: str_of(i, "id"),
                segment: str_of(i, "segment"),
                tls_termination: str_of(i, "tls_termination"),
                targets: items(i, "targets")
                    .iter()
                    .map(|t| t.as_str().unwrap_or_default())
                    .collect(),
            })
            .collect();
        let services = items(env, "services")
            .iter()
            .map(|s| Service {
                id: str_of(s, "id"),
                name: str_of(s, "name"),
                segment: str_of(s, "segment"),
                process: str_of(s, "process"),
                state: str_of(s, "state"),
                scaling: opt_str(s, "scaling"),
                visibility: opt_str(s, "visibility"),
            })
            .collect();
        let databases = items(env, "databases")
            .iter()
            .map(|d| Database {
                id: str_of(d, "id"),
                name: str_of(d, "name"),
                engine: str_of(d, "engine"),
                managed: matches!(d.get("managed"), Some(Value::Bool(true))),
                segment: str_of(d, "segment"),
                visibility: opt_str(d, "visibility"),
            })
            .collect();
        let adapters = items(env, "adapters")
            .iter()
            .map(|a| Adapter {
                id: str_of(a, "id"),
                service: str_of(a, "service"),
                database: str_of(a, "database"),
                access: str_of(a, "access"),
            })
            .collect();
        let boundary = |member: &str| {
            let b = env.get(member).unwrap_or(&Value::Null);
            Boundary {
                id: str_of(b, "id"),
                placement: str_of(b, "placement"),
            }
        };
        let mut environment = Environment {
            name,
            networks,
            ingresses,
            services,
            databases,
            adapters,
            configuration: boundary("configuration"),
            secrets: boundary("secrets"),
            first_by_id: HashMap::new(),
            first_by_kind: HashMap::new(),
        };
        let mut first_by_id = HashMap::new();
        let mut first_by_kind = HashMap::new();
        for (loc, id) in environment.components() {
            first_by_id.entry(id).or_insert(loc);
            first_by_kind.entry((loc.kind(), id)).or_insert(loc);
        }
        environment.first_by_id = first_by_id;
        environment.first_by_kind = first_by_kind;
        environment
    }

    /// Every component with its id, in canonical order (SPEC S4.3).
    pub(crate) fn components(&self) -> Vec<(Loc, &'a str)> {
        let mut out = Vec::new();
        for (n, network) in self.networks.iter().enumerate() {
            out.push((Loc::Network(n), network.id));
            for (s, segment) in network.segments.iter().enumerate() {
                out.push((Loc::Segment(n, s), segment.id));
            }
        }
        out.extend(
            self.ingresses
                .iter()
                .enumerate()
                .map(|(i, x)| (Loc::Ingress(i), x.id)),
        );
        out.extend(
            self.services
                .iter()
                .enumerate()
                .map(|(i, x)| (Loc::Service(i), x.id)),
        );
        out.extend(
            self.databases
                .iter()
                .enumerate()
                .map(|(i, x)| (Loc::Database(i), x.id)),
        );
        out.extend(
            self.adapters
                .iter()
                .enumerate()
                .map(|(i, x)| (Loc::Adapter(i), x.id)),
        );
        out.push((Loc::Configuration, self.configuration.id));
        out.push((Loc::Secrets, self.secrets.id));
        out
    }

    /// True when some component of this environment has this id.
    pub(crate) fn has_id(&self, id: &str) -> bool {
        self.first_by_id.contains_key(id)
    }

    /// The first component of this kind with this id, if any.
    pub(crate) fn find(&self, kind: ComponentKind, id: &str) -> Option<Loc> {
        self.first_by_kind.get(&(kind, id)).copied()
    }

    /// The kind of the first component with this id, if any.
    pub(crate) fn kind_of(&self, id: &str) -> Option<ComponentKind> {
        self.first_by_id.get(id).map(|loc| loc.kind())
    }
}

impl<'a> Document<'a> {
    /// Reads a document that passed layer 2 without a blocking violation.
    pub(crate) fn read(document: &'a Value) -> Document<'a> {
        let envs = document.get("environments");
        let environments = ENVIRONMENTS
            .iter()
            .filter_map(|&name| {
                envs.and_then(|e| e.get(name))
                    .map(|v| Environment::read(name, v))
            })
            .collect();
        let diagrams = items(document, "diagrams")
            .iter()
            .map(|d| Diagram {
                title: str_of(d, "title"),
                content: str_of(d, "content"),
            })
            .collect();
        Document {
            environments,
            diagrams,
        }
    }

    /// Resolves a reference of environment `env` (index) to a component of `kind` (SPEC S4.4).
    pub(crate) fn resolve(&self, env: usize, kind: ComponentKind, id: &str) -> Resolved {
        let Some(own) = self.environments.get(env) else {
            return Resolved::Dangling;
        };
        if let Some(loc) = own.find(kind, id) {
            return Resolved::To(loc);
        }
        if let Some(other) = own.kind_of(id) {
            return Resolved::WrongKind(other);
        }
        self.environments
            .iter()
            .enumerate()
            .find(|(i, e)| *i != env && e.has_id(id))
            .map_or(Resolved::Dangling, |(_, e)| {
                Resolved::OtherEnvironment(e.name)
            })
    }
}
