//! A design under construction: helpers that keep it authorized while components are added.

use crate::text::{fresh_id, fresh_name};
use j43_model::{
    Access, Adapter, Database, Design, Diagram, Environment, Process, SegmentKind, Service, State,
};

/// A design being built, with its counter of fresh ids and names.
#[derive(Debug, Clone)]
pub(crate) struct Work {
    pub design: Design,
    pub shuffles: [u64; 3],
    fresh: usize,
}

impl Work {
    /// Work on this design, permuted with these seeds once typed edits are done.
    pub(crate) fn new(design: Design, shuffles: [u64; 3]) -> Work {
        Work {
            design,
            shuffles,
            fresh: 0,
        }
    }

    /// An id that occurs nowhere in the design.
    pub(crate) fn id(&mut self) -> String {
        self.fresh += 1;
        fresh_id(self.fresh)
    }

    /// A logical name that no component has.
    pub(crate) fn name(&mut self) -> String {
        self.fresh += 1;
        fresh_name(self.fresh)
    }

    /// Environment 0 (local), 1 (staging) or 2 (production).
    pub(crate) fn env(&mut self, e: usize) -> Option<&mut Environment> {
        match e {
            0 => self.design.environments.local.as_mut(),
            1 => self.design.environments.staging.as_mut(),
            _ => self.design.environments.production.as_mut(),
        }
    }

    /// Environment `e`, read-only.
    pub(crate) fn env_ref(&self, e: usize) -> Option<&Environment> {
        match e {
            0 => self.design.environments.local.as_ref(),
            1 => self.design.environments.staging.as_ref(),
            _ => self.design.environments.production.as_ref(),
        }
    }

    /// Number of services of environment 0 (the same in all before single-environment edits).
    pub(crate) fn services(&self) -> usize {
        self.env_ref(0).map_or(0, |e| e.services.len())
    }

    /// Number of databases of environment 0.
    pub(crate) fn databases(&self) -> usize {
        self.env_ref(0).map_or(0, |e| e.databases.len())
    }

    /// Adds a service (one logical service, every environment) if there are fewer than `n`.
    pub(crate) fn ensure_services(&mut self, n: usize) {
        while self.services() < n {
            let name = self.name();
            self.add_service_to(&[0, 1, 2], &name);
        }
    }

    /// Adds a service of this name to these environments, in the runtime segment.
    pub(crate) fn add_service_to(&mut self, envs: &[usize], name: &str) {
        for &e in envs {
            let id = self.id();
            if let Some(env) = self.env(e) {
                let segment = segment_id(env, SegmentKind::Runtime);
                env.services.push(Service {
                    id,
                    name: name.to_owned(),
                    segment,
                    process: Process::LongLived,
                    state: State::Stateless,
                    scaling: None,
                    visibility: None,
                    description: None,
                });
            }
        }
    }

    /// Adds a database of this name to these environments, written by service `writer` (an
    /// index valid in each of them), unless `writer` is `None`.
    pub(crate) fn add_database_to(&mut self, envs: &[usize], name: &str, writer: Option<usize>) {
        for &e in envs {
            let id = self.id();
            let adapter_id = self.id();
            if let Some(env) = self.env(e) {
                let segment = segment_id(env, SegmentKind::Persistence);
                env.databases.push(Database {
                    id: id.clone(),
                    name: name.to_owned(),
                    engine: "postgresql".to_owned(),
                    managed: true,
                    segment,
                    visibility: None,
                    description: None,
                });
                if let Some(service) = writer.and_then(|w| env.services.get(w)) {
                    let service = service.id.clone();
                    env.adapters.push(Adapter {
                        id: adapter_id,
                        service,
                        database: id,
                        access: Access::ReadWrite,
                        description: None,
                    });
                }
            }
        }
    }

    /// Ensures a database (and so a service and an adapter) in every environment.
    pub(crate) fn ensure_database(&mut self) {
        self.ensure_services(1);
        if self.databases() == 0 {
            let name = self.name();
            self.add_database_to(&[0, 1, 2], &name, Some(0));
        }
    }

    /// Ensures an adapter in every environment: if there is none, a new database with its
    /// writer adapter (a new database cannot change another database's writers).
    pub(crate) fn ensure_adapter(&mut self) {
        self.ensure_services(1);
        if self.env_ref(0).is_some_and(|e| e.adapters.is_empty()) {
            let name = self.name();
            self.add_database_to(&[0, 1, 2], &name, Some(0));
        }
    }

    /// Adds an adapter from service `s` to database `d` (indices) in these environments.
    pub(crate) fn add_adapter_to(&mut self, envs: &[usize], s: usize, d: usize, access: Access) {
        for &e in envs {
            let id = self.id();
            if let Some(env) = self.env(e) {
                let (Some(service), Some(database)) = (env.services.get(s), env.databases.get(d))
                else {
                    continue;
                };
                let adapter = Adapter {
                    id,
                    service: service.id.clone(),
                    database: database.id.clone(),
                    access,
                    description: None,
                };
                env.adapters.push(adapter);
            }
        }
    }

    /// Ensures at least one diagram.
    pub(crate) fn ensure_diagram(&mut self) {
        let diagrams = self.design.diagrams.get_or_insert_with(Vec::new);
        if diagrams.is_empty() {
            diagrams.push(Diagram {
                title: "overview".to_owned(),
                content: "[ingress] --- [runtime] --- [persistence]".to_owned(),
            });
        }
    }

    /// The writer service index of database `d` in environment 0: the service of its first
    /// read-write adapter.
    pub(crate) fn writer_of(&self, d: usize) -> Option<usize> {
        let env = self.env_ref(0)?;
        let db = env.databases.get(d)?;
        let adapter = env
            .adapters
            .iter()
            .find(|a| a.database == db.id && a.access == Access::ReadWrite)?;
        env.services.iter().position(|s| s.id == adapter.service)
    }

    /// Every component id of environment `e`, in canonical order (SPEC S4.3).
    pub(crate) fn ids(&self, e: usize) -> Vec<String> {
        let Some(env) = self.env_ref(e) else {
            return Vec::new();
        };
        component_ids(env)
    }
}

/// The id of the first segment of this kind of the first network ("" if none).
pub(crate) fn segment_id(env: &Environment, kind: SegmentKind) -> String {
    env.networks
        .first()
        .and_then(|n| n.segments.iter().find(|s| s.kind == kind))
        .map(|s| s.id.clone())
        .unwrap_or_default()
}

/// Every component id of an environment, in canonical order (SPEC S4.3).
pub(crate) fn component_ids(env: &Environment) -> Vec<String> {
    let mut out = Vec::new();
    for n in &env.networks {
        out.push(n.id.clone());
        out.extend(n.segments.iter().map(|s| s.id.clone()));
    }
    out.extend(env.ingresses.iter().map(|x| x.id.clone()));
    out.extend(env.services.iter().map(|x| x.id.clone()));
    out.extend(env.databases.iter().map(|x| x.id.clone()));
    out.extend(env.adapters.iter().map(|x| x.id.clone()));
    out.push(env.configuration.id.clone());
    out.push(env.secrets.id.clone());
    out
}
