//! A borrowed, typed view of a document that passed layer 2, with components and reference resolution (SPEC S4.3, S4.4).

use crate::format::{ComponentKind, ENVIRONMENTS};
use crate::json::Value;
use ahash::AHashMap;

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
    /// Every component with its id, in canonical order (SPEC S4.3).
    pub components: Vec<(Loc, &'a str)>,
    /// The components after the first with the same id, in canonical order (DOC-009).
    pub duplicates: Vec<(Loc, &'a str)>,
    /// Each id's components in canonical order: the first, then any later ones.
    index: AHashMap<&'a str, Ids>,
    /// Every reference resolved in this environment, once (SPEC S4.4); `None` when it does not
    /// resolve here.
    pub resolved: Resolutions,
}

/// The references of one environment resolved within it, in the order of their arrays.
#[derive(Debug, Default)]
pub(crate) struct Resolutions {
    pub ingress_segment: Vec<Option<Loc>>,
    pub ingress_targets: Vec<Vec<Option<Loc>>>,
    pub service_segment: Vec<Option<Loc>>,
    pub database_segment: Vec<Option<Loc>>,
    pub adapter_service: Vec<Option<Loc>>,
    pub adapter_database: Vec<Option<Loc>>,
}

/// The components that carry one id: almost always just one.
#[derive(Debug)]
struct Ids {
    first: Loc,
    later: Vec<Loc>,
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
            .map(|s| {
                let mut service = Service {
                    id: "",
                    name: "",
                    segment: "",
                    process: "",
                    state: "",
                    scaling: None,
                    visibility: None,
                };
                for (key, value) in s.as_object().unwrap_or_default() {
                    let text = value.as_str();
                    match key.as_str() {
                        "id" => service.id = text.unwrap_or_default(),
                        "name" => service.name = text.unwrap_or_default(),
                        "segment" => service.segment = text.unwrap_or_default(),
                        "process" => service.process = text.unwrap_or_default(),
                        "state" => service.state = text.unwrap_or_default(),
                        "scaling" => service.scaling = text,
                        "visibility" => service.visibility = text,
                        _ => {}
                    }
                }
                service
            })
            .collect();
        let databases = items(env, "databases")
            .iter()
            .map(|d| {
                let mut database = Database {
                    id: "",
                    name: "",
                    engine: "",
                    managed: false,
                    segment: "",
                    visibility: None,
                };
                for (key, value) in d.as_object().unwrap_or_default() {
                    let text = value.as_str();
                    match key.as_str() {
                        "id" => database.id = text.unwrap_or_default(),
                        "name" => database.name = text.unwrap_or_default(),
                        "engine" => database.engine = text.unwrap_or_default(),
                        "managed" => database.managed = matches!(value, Value::Bool(true)),
                        "segment" => database.segment = text.unwrap_or_default(),
                        "visibility" => database.visibility = text,
                        _ => {}
                    }
                }
                database
            })
            .collect();
        let adapters = items(env, "adapters")
            .iter()
            .map(|a| {
                let mut adapter = Adapter {
                    id: "",
                    service: "",
                    database: "",
                    access: "",
                };
                for (key, value) in a.as_object().unwrap_or_default() {
                    let text = value.as_str().unwrap_or_default();
                    match key.as_str() {
                        "id" => adapter.id = text,
                        "service" => adapter.service = text,
                        "database" => adapter.database = text,
                        "access" => adapter.access = text,
                        _ => {}
                    }
                }
                adapter
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
            components: Vec::new(),
            duplicates: Vec::new(),
            index: AHashMap::new(),
            resolved: Resolutions::default(),
        };
        let components = environment.list_components();
        let mut index: AHashMap<&'a str, Ids> = AHashMap::with_capacity(components.len());
        let mut duplicates = Vec::new();
        for &(loc, id) in &components {
            match index.get_mut(id) {
                Some(ids) => {
                    ids.later.push(loc);
                    duplicates.push((loc, id));
                }
                None => {
                    index.insert(
                        id,
                        Ids {
                            first: loc,
                            later: Vec::new(),
                        },
                    );
                }
            }
        }
        environment.components = components;
        environment.duplicates = duplicates;
        environment.index = index;
        environment.resolved = environment.resolve_own();
        environment
    }

    /// Resolves every reference within this environment.
    fn resolve_own(&self) -> Resolutions {
        let segment = |id: &str| self.find(ComponentKind::Segment, id);
        let service = |id: &str| self.find(ComponentKind::Service, id);
        Resolutions {
            ingress_segment: self.ingresses.iter().map(|i| segment(i.segment)).collect(),
            ingress_targets: self
                .ingresses
                .iter()
                .map(|i| i.targets.iter().map(|t| service(t)).collect())
                .collect(),
            service_segment: self.services.iter().map(|s| segment(s.segment)).collect(),
            database_segment: self.databases.iter().map(|d| segment(d.segment)).collect(),
            adapter_service: self.adapters.iter().map(|a| service(a.service)).collect(),
            adapter_database: self
                .adapters
                .iter()
                .map(|a| self.find(ComponentKind::Database, a.database))
                .collect(),
        }
    }

    /// Every component with its id, in canonical order (SPEC S4.3).
    fn list_components(&self) -> Vec<(Loc, &'a str)> {
        let mut out = Vec::with_capacity(
            self.networks.len() * 4
                + self.ingresses.len()
                + self.services.len()
                + self.databases.len()
                + self.adapters.len()
                + 2,
        );
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
        self.index.contains_key(id)
    }

    /// The first component of this kind with this id, if any.
    pub(crate) fn find(&self, kind: ComponentKind, id: &str) -> Option<Loc> {
        let ids = self.index.get(id)?;
        if ids.first.kind() == kind {
            return Some(ids.first);
        }
        ids.later.iter().copied().find(|loc| loc.kind() == kind)
    }

    /// The kind of the first component with this id, if any.
    pub(crate) fn kind_of(&self, id: &str) -> Option<ComponentKind> {
        self.index.get(id).map(|ids| ids.first.kind())
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
