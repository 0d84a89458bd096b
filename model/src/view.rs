//! A compact typed view of a document that passed layer 2, with components and reference resolution (SPEC S4.3, S4.4).
//!
//! Every string of the view is a [`Str`], the 4-byte index of its node on the tape, and every
//! component is 12 bytes in the canonical list, so the view of an environment costs a few
//! dozen bytes per component whatever the lengths of its strings.

use crate::format::{same_name, ComponentKind, ENVIRONMENTS};
use crate::json::{Kind, Node, Tape};
use crate::report::{push_index, push_token};
use hashbrown::HashTable;

/// A string of the document: the index of its node on the tape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Str(u32);

impl Str {
    /// The text of an absent member (never read in a well-typed document): empty.
    const ABSENT: Str = Str(u32::MAX);

    fn of(node: Option<Node<'_>>) -> Str {
        node.filter(|n| n.kind() == Kind::String)
            .and_then(|n| u32::try_from(n.index()).ok())
            .map_or(Str::ABSENT, Str)
    }

    fn opt(node: Option<Node<'_>>) -> Option<Str> {
        node.map(|n| Str::of(Some(n)))
    }
}

/// Where a component sits inside its environment. Segments are numbered across the
/// environment's networks ([`Environment::segments`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Loc {
    Network(u32),
    Segment(u32),
    Ingress(u32),
    Service(u32),
    Database(u32),
    Adapter(u32),
    Configuration,
    Secrets,
}

impl Loc {
    pub(crate) fn kind(self) -> ComponentKind {
        match self {
            Loc::Network(_) => ComponentKind::Network,
            Loc::Segment(_) => ComponentKind::Segment,
            Loc::Ingress(_) => ComponentKind::Ingress,
            Loc::Service(_) => ComponentKind::Service,
            Loc::Database(_) => ComponentKind::Database,
            Loc::Adapter(_) => ComponentKind::Adapter,
            Loc::Configuration => ComponentKind::Configuration,
            Loc::Secrets => ComponentKind::Secrets,
        }
    }
}

#[derive(Debug)]
pub(crate) struct Network {
    pub id: Str,
    pub visibility: Option<Str>,
    /// Its segments, as indices into [`Environment::segments`].
    pub segments: std::ops::Range<u32>,
}

#[derive(Debug)]
pub(crate) struct Segment {
    pub id: Str,
    pub kind: Str,
    /// The network it belongs to, and its index in that network's `segments`.
    pub network: u32,
    pub position: u32,
}

#[derive(Debug)]
pub(crate) struct Ingress {
    pub id: Str,
    pub segment: Str,
    /// What `segment` resolves to in this environment (SPEC S4.4).
    pub segment_to: Option<Loc>,
    pub tls_termination: Str,
    /// The `targets` array (see [`Environment::targets`]).
    targets: Option<u32>,
}

#[derive(Debug)]
pub(crate) struct Service {
    pub id: Str,
    pub name: Str,
    pub segment: Str,
    pub segment_to: Option<Loc>,
    pub process: Str,
    pub state: Str,
    pub scaling: Option<Str>,
    pub visibility: Option<Str>,
}

#[derive(Debug)]
pub(crate) struct Database {
    pub id: Str,
    pub name: Str,
    pub engine: Str,
    pub managed: bool,
    pub segment: Str,
    pub segment_to: Option<Loc>,
    pub visibility: Option<Str>,
}

#[derive(Debug)]
pub(crate) struct Adapter {
    pub id: Str,
    pub service: Str,
    pub service_to: Option<Loc>,
    pub database: Str,
    pub database_to: Option<Loc>,
    pub access: Str,
}

#[derive(Debug)]
pub(crate) struct Boundary {
    pub id: Str,
    pub placement: Str,
}

/// A component in canonical order: where it is and its id.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Component {
    pub loc: Loc,
    pub id: Str,
}

/// One present environment of a well-typed document.
#[derive(Debug)]
pub(crate) struct Environment<'t> {
    pub name: &'static str,
    tape: &'t Tape<'t>,
    pub networks: Vec<Network>,
    /// The segments of every network, network after network.
    pub segments: Vec<Segment>,
    pub ingresses: Vec<Ingress>,
    pub services: Vec<Service>,
    pub databases: Vec<Database>,
    pub adapters: Vec<Adapter>,
    pub configuration: Boundary,
    pub secrets: Boundary,
    /// Every component with its id, in canonical order (SPEC S4.3).
    pub components: Vec<Component>,
    /// The positions in `components` of those after the first with the same id (DOC-009).
    pub duplicates: Vec<u32>,
    /// The first component with each id, as a position in `components`.
    by_id: HashTable<u32>,
    /// For an id whose first component is of another kind: the first component of each
    /// further kind with that id (empty unless ids are reused across kinds).
    by_kind_id: HashTable<u32>,
    hasher: ahash::RandomState,
}

/// A diagram of a well-typed document.
#[derive(Debug)]
pub(crate) struct Diagram {
    pub title: Str,
    pub content: Str,
}

/// A well-typed document: its present environments in order, and its diagrams.
#[derive(Debug)]
pub(crate) struct Document<'t> {
    tape: &'t Tape<'t>,
    pub environments: Vec<Environment<'t>>,
    pub diagrams: Vec<Diagram>,
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

/// The first member of `object` with each of `names`, in one pass over its members.
fn fields<'t, const N: usize>(object: Node<'t>, names: [&str; N]) -> [Option<Node<'t>>; N] {
    let mut out = [None; N];
    for (name, value) in object.members() {
        if let Some(i) = names.iter().position(|n| same_name(n, name)) {
            if let Some(slot @ None) = out.get_mut(i) {
                *slot = Some(value);
            }
        }
    }
    out
}

fn items(node: Option<Node<'_>>) -> impl Iterator<Item = Node<'_>> {
    node.into_iter().flat_map(Node::items)
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl<'t> Environment<'t> {
    fn read(
        name: &'static str,
        env: Node<'t>,
        tape: &'t Tape<'t>,
        hasher: &ahash::RandomState,
    ) -> Environment<'t> {
        let [networks, ingresses, services, databases, adapters, configuration, secrets] = fields(
            env,
            [
                "networks",
                "ingresses",
                "services",
                "databases",
                "adapters",
                "configuration",
                "secrets",
            ],
        );
        let mut segments = Vec::new();
        let networks = items(networks)
            .enumerate()
            .map(|(n, network)| {
                let [id, visibility, list] = fields(network, ["id", "visibility", "segments"]);
                let first = index(segments.len());
                segments.extend(items(list).enumerate().map(|(s, segment)| {
                    let [id, kind] = fields(segment, ["id", "kind"]);
                    Segment {
                        id: Str::of(id),
                        kind: Str::of(kind),
                        network: index(n),
                        position: index(s),
                    }
                }));
                Network {
                    id: Str::of(id),
                    visibility: Str::opt(visibility),
                    segments: first..index(segments.len()),
                }
            })
            .collect();
        let ingresses = items(ingresses)
            .map(|i| {
                let [id, segment, tls, targets] =
                    fields(i, ["id", "segment", "tls_termination", "targets"]);
                Ingress {
                    id: Str::of(id),
                    segment: Str::of(segment),
                    segment_to: None,
                    tls_termination: Str::of(tls),
                    targets: targets.map(|t| index(t.index())),
                }
            })
            .collect();
        let services = items(services)
            .map(|s| {
                let [id, name, segment, process, state, scaling, visibility] = fields(
                    s,
                    [
                        "id",
                        "name",
                        "segment",
                        "process",
                        "state",
                        "scaling",
                        "visibility",
                    ],
                );
                Service {
                    id: Str::of(id),
                    name: Str::of(name),
                    segment: Str::of(segment),
                    segment_to: None,
                    process: Str::of(process),
                    state: Str::of(state),
                    scaling: Str::opt(scaling),
                    visibility: Str::opt(visibility),
                }
            })
            .collect();
        let databases = items(databases)
            .map(|d| {
                let [id, name, engine, managed, segment, visibility] = fields(
                    d,
                    ["id", "name", "engine", "managed", "segment", "visibility"],
                );
                Database {
                    id: Str::of(id),
                    name: Str::of(name),
                    engine: Str::of(engine),
                    managed: managed.is_some_and(|m| m.kind() == Kind::True),
                    segment: Str::of(segment),
                    segment_to: None,
                    visibility: Str::opt(visibility),
                }
            })
            .collect();
        let adapters = items(adapters)
            .map(|a| {
                let [id, service, database, access] =
                    fields(a, ["id", "service", "database", "access"]);
                Adapter {
                    id: Str::of(id),
                    service: Str::of(service),
                    service_to: None,
                    database: Str::of(database),
                    database_to: None,
                    access: Str::of(access),
                }
            })
            .collect();
        let boundary = |b: Option<Node<'t>>| {
            let [id, placement] = b.map_or([None, None], |b| fields(b, ["id", "placement"]));
            Boundary {
                id: Str::of(id),
                placement: Str::of(placement),
            }
        };
        let mut environment = Environment {
            name,
            tape,
            networks,
            segments,
            ingresses,
            services,
            databases,
            adapters,
            configuration: boundary(configuration),
            secrets: boundary(secrets),
            components: Vec::new(),
            duplicates: Vec::new(),
            by_id: HashTable::new(),
            by_kind_id: HashTable::new(),
            hasher: hasher.clone(),
        };
        environment.index_components();
        environment.resolve_own();
        environment
    }

    /// The text of a string of the document.
    pub(crate) fn text(&self, s: Str) -> &'t str {
        let tape = self.tape;
        tape.text_at(s.0 as usize)
    }

    /// The targets of an ingress, with their indices in its `targets` array.
    pub(crate) fn targets(&self, ingress: &Ingress) -> impl Iterator<Item = (usize, Str)> + 't {
        let tape = self.tape;
        ingress
            .targets
            .map(|t| tape.node(t as usize))
            .into_iter()
            .flat_map(Node::items)
            .map(|n| Str::of(Some(n)))
            .enumerate()
    }

    fn component(&self, position: u32) -> Option<&Component> {
        self.components.get(position as usize)
    }

    fn hash_id(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    fn hash_kind_id(&self, kind: ComponentKind, id: &str) -> u64 {
        self.hasher.hash_one((kind, id))
    }

    /// Lists the components in canonical order (SPEC S4.3) and indexes them by id.
    fn index_components(&mut self) {
        let mut components = Vec::with_capacity(
            self.networks.len()
                + self.segments.len()
                + self.ingresses.len()
                + self.services.len()
                + self.databases.len()
                + self.adapters.len()
                + 2,
        );
        for (n, network) in self.networks.iter().enumerate() {
            components.push(Component {
                loc: Loc::Network(index(n)),
                id: network.id,
            });
            for s in network.segments.clone() {
                if let Some(segment) = self.segments.get(s as usize) {
                    components.push(Component {
                        loc: Loc::Segment(s),
                        id: segment.id,
                    });
                }
            }
        }
        let others = (self.ingresses.iter().map(|x| x.id).enumerate())
            .map(|(i, id)| (Loc::Ingress(index(i)), id))
            .chain(
                (self.services.iter().map(|x| x.id).enumerate())
                    .map(|(i, id)| (Loc::Service(index(i)), id)),
            )
            .chain(
                (self.databases.iter().map(|x| x.id).enumerate())
                    .map(|(i, id)| (Loc::Database(index(i)), id)),
            )
            .chain(
                (self.adapters.iter().map(|x| x.id).enumerate())
                    .map(|(i, id)| (Loc::Adapter(index(i)), id)),
            );
        components.extend(others.map(|(loc, id)| Component { loc, id }));
        components.push(Component {
            loc: Loc::Configuration,
            id: self.configuration.id,
        });
        components.push(Component {
            loc: Loc::Secrets,
            id: self.secrets.id,
        });
        self.components = components;
        let mut by_id = HashTable::with_capacity(self.components.len());
        let mut by_kind_id = HashTable::new();
        let mut duplicates = Vec::new();
        let this = &*self;
        let id_at = |c: &u32| this.component(*c).map_or("", |c| this.text(c.id));
        let kind_at = |c: &u32| {
            this.component(*c)
                .map_or(ComponentKind::Network, |c| c.loc.kind())
        };
        for (position, component) in this.components.iter().enumerate() {
            let position = index(position);
            let id = this.text(component.id);
            let kind = component.loc.kind();
            let hash = this.hash_id(id);
            let Some(&first) = by_id.find(hash, |c| id_at(c) == id) else {
                by_id.insert_unique(hash, position, |c| this.hash_id(id_at(c)));
                continue;
            };
            duplicates.push(position);
            if kind_at(&first) == kind {
                continue;
            }
            let hash = this.hash_kind_id(kind, id);
            if by_kind_id
                .find(hash, |c| kind_at(c) == kind && id_at(c) == id)
                .is_none()
            {
                by_kind_id
                    .insert_unique(hash, position, |c| this.hash_kind_id(kind_at(c), id_at(c)));
            }
        }
        self.by_id = by_id;
        self.by_kind_id = by_kind_id;
        self.duplicates = duplicates;
    }

    /// Resolves every single-valued reference within this environment (ingress targets are
    /// resolved where they are read, [`Environment::targets`]).
    fn resolve_own(&mut self) {
        let mut ingresses = std::mem::take(&mut self.ingresses);
        for i in &mut ingresses {
            i.segment_to = self.find(ComponentKind::Segment, self.text(i.segment));
        }
        self.ingresses = ingresses;
        let mut services = std::mem::take(&mut self.services);
        for s in &mut services {
            s.segment_to = self.find(ComponentKind::Segment, self.text(s.segment));
        }
        self.services = services;
        let mut databases = std::mem::take(&mut self.databases);
        for d in &mut databases {
            d.segment_to = self.find(ComponentKind::Segment, self.text(d.segment));
        }
        self.databases = databases;
        let mut adapters = std::mem::take(&mut self.adapters);
        for a in &mut adapters {
            a.service_to = self.find(ComponentKind::Service, self.text(a.service));
            a.database_to = self.find(ComponentKind::Database, self.text(a.database));
        }
        self.adapters = adapters;
    }

    /// True when some component of this environment has this id.
    pub(crate) fn has_id(&self, id: &str) -> bool {
        self.kind_of(id).is_some()
    }

    /// The first component of this kind with this id, if any.
    pub(crate) fn find(&self, kind: ComponentKind, id: &str) -> Option<Loc> {
        let first = self.first(id)?;
        if first.loc.kind() == kind {
            return Some(first.loc);
        }
        if self.by_kind_id.is_empty() {
            return None;
        }
        self.by_kind_id
            .find(self.hash_kind_id(kind, id), |&c| {
                self.component(c)
                    .is_some_and(|c| c.loc.kind() == kind && self.text(c.id) == id)
            })
            .and_then(|&c| self.component(c))
            .map(|c| c.loc)
    }

    /// The first component with this id, if any.
    fn first(&self, id: &str) -> Option<&Component> {
        self.by_id
            .find(self.hash_id(id), |&c| {
                self.component(c).is_some_and(|c| self.text(c.id) == id)
            })
            .and_then(|&c| self.component(c))
    }

    /// The kind of the first component with this id, if any.
    pub(crate) fn kind_of(&self, id: &str) -> Option<ComponentKind> {
        self.first(id).map(|c| c.loc.kind())
    }

    /// Writes the pointer of the environment (`/environments/E`) to `out`.
    pub(crate) fn write_pointer(&self, out: &mut String) {
        out.push_str("/environments");
        push_token(out, self.name);
    }

    /// Writes the pointer of a component object to `out`.
    pub(crate) fn write_loc(&self, out: &mut String, loc: Loc) {
        self.write_pointer(out);
        let (member, i) = match loc {
            Loc::Network(n) => ("networks", n),
            Loc::Segment(s) => {
                let (n, position) = self
                    .segments
                    .get(s as usize)
                    .map_or((0, s), |seg| (seg.network, seg.position));
                out.push_str("/networks");
                push_index(out, n as usize);
                ("segments", position)
            }
            Loc::Ingress(i) => ("ingresses", i),
            Loc::Service(i) => ("services", i),
            Loc::Database(i) => ("databases", i),
            Loc::Adapter(i) => ("adapters", i),
            Loc::Configuration => {
                out.push_str("/configuration");
                return;
            }
            Loc::Secrets => {
                out.push_str("/secrets");
                return;
            }
        };
        push_token(out, member);
        push_index(out, i as usize);
    }
}

impl<'t> Document<'t> {
    /// Reads a document that passed layer 2 without a blocking violation.
    pub(crate) fn read(tape: &'t Tape<'t>) -> Document<'t> {
        let [environments, diagrams] = fields(tape.root(), ["environments", "diagrams"]);
        let hasher = tape.hasher();
        let envs = environments.map_or([None, None, None], |e| fields(e, ENVIRONMENTS));
        let environments = ENVIRONMENTS
            .iter()
            .zip(envs)
            .filter_map(|(&name, env)| env.map(|env| Environment::read(name, env, tape, hasher)))
            .collect();
        let diagrams = items(diagrams)
            .map(|d| {
                let [title, content] = fields(d, ["title", "content"]);
                Diagram {
                    title: Str::of(title),
                    content: Str::of(content),
                }
            })
            .collect();
        Document {
            tape,
            environments,
            diagrams,
        }
    }

    /// The text of a string of the document.
    pub(crate) fn text(&self, s: Str) -> &'t str {
        let tape = self.tape;
        tape.text_at(s.0 as usize)
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
