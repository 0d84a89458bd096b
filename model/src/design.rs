//! Typed design structures (serde) mirroring the format of SPEC S3, for building and reading designs.
//!
//! These types hold every *known* member of the format and nothing else, so a [`Design`]
//! serializes to a document with no unknown or forbidden member. They can express designs that
//! break layer 3 rules (two ingresses, a stateful service, a dangling reference); whether a
//! design is authorized is decided by [`crate::check`], never by these types.

use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(
                $(#[$vdoc])*
                #[serde(rename = $text)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in SPEC order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in a document.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }
    };
}

string_enum! {
    /// `visibility` of a network, service or database.
    Visibility { /// `private`
    Private = "private", /// `public` (NET-002)
    Public = "public", }
}
string_enum! {
    /// `kind` of a segment.
    SegmentKind { /// `ingress`
    Ingress = "ingress", /// `runtime`
    Runtime = "runtime", /// `persistence`
    Persistence = "persistence", }
}
string_enum! {
    /// `tls_termination` of an ingress.
    TlsTermination { /// `infrastructure`
    Infrastructure = "infrastructure", /// `runtime` (ING-002)
    Runtime = "runtime", /// `none` (ING-002)
    None = "none", }
}
string_enum! {
    /// `process` of a service.
    Process { /// `long-lived`
    LongLived = "long-lived", /// `batch` (CMP-001)
    Batch = "batch", /// `scheduled` (CMP-001)
    Scheduled = "scheduled", /// `on-demand` (CMP-001)
    OnDemand = "on-demand", }
}
string_enum! {
    /// `state` of a service.
    State { /// `stateless`
    Stateless = "stateless", /// `stateful` (CMP-002)
    Stateful = "stateful", }
}
string_enum! {
    /// `scaling` of a service.
    Scaling { /// `horizontal`
    Horizontal = "horizontal", /// `vertical` (CMP-003)
    Vertical = "vertical", /// `none` (CMP-003)
    None = "none", }
}
string_enum! {
    /// `access` of an adapter.
    Access { /// `read-write`
    ReadWrite = "read-write", /// `read-only`
    ReadOnly = "read-only", }
}
string_enum! {
    /// `placement` of the configuration boundary.
    ConfigurationPlacement { /// `dedicated`
    Dedicated = "dedicated", /// `runtime` (CFG-001)
    Runtime = "runtime", }
}
string_enum! {
    /// `placement` of the secrets boundary.
    SecretsPlacement { /// `dedicated`
    Dedicated = "dedicated", /// `configuration` (CFG-002)
    Configuration = "configuration", /// `runtime` (CFG-003)
    Runtime = "runtime", }
}

/// The top-level document (SPEC S3.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Always `j43/1` for this format.
    pub format: String,
    /// Name of the design.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The environments.
    pub environments: Environments,
    /// Conceptual diagrams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagrams: Option<Vec<Diagram>>,
}

/// The environments object (SPEC S3.3); an absent environment is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environments {
    /// `local`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<Environment>,
    /// `staging`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staging: Option<Environment>,
    /// `production`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production: Option<Environment>,
}

impl Environments {
    /// The present environments with their names, in evaluation order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Environment)> {
        [
            ("local", &self.local),
            ("staging", &self.staging),
            ("production", &self.production),
        ]
        .into_iter()
        .filter_map(|(name, env)| env.as_ref().map(|e| (name, e)))
    }

    /// The present environments, mutably, with their names.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&'static str, &mut Environment)> {
        [
            ("local", &mut self.local),
            ("staging", &mut self.staging),
            ("production", &mut self.production),
        ]
        .into_iter()
        .filter_map(|(name, env)| env.as_mut().map(|e| (name, e)))
    }

    /// The environment of this name, if present.
    pub fn get(&self, name: &str) -> Option<&Environment> {
        match name {
            "local" => self.local.as_ref(),
            "staging" => self.staging.as_ref(),
            "production" => self.production.as_ref(),
            _ => None,
        }
    }

    /// The slot of the environment of this name, if it is one of the three.
    pub fn slot_mut(&mut self, name: &str) -> Option<&mut Option<Environment>> {
        match name {
            "local" => Some(&mut self.local),
            "staging" => Some(&mut self.staging),
            "production" => Some(&mut self.production),
            _ => None,
        }
    }
}

/// One environment (SPEC S3.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// Prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Network boundaries.
    pub networks: Vec<Network>,
    /// Ingress boundaries.
    pub ingresses: Vec<Ingress>,
    /// Services.
    pub services: Vec<Service>,
    /// Databases.
    pub databases: Vec<Database>,
    /// Persistence adapters.
    pub adapters: Vec<Adapter>,
    /// The configuration boundary.
    pub configuration: ConfigurationBoundary,
    /// The secrets boundary.
    pub secrets: SecretsBoundary,
}

/// A network boundary (SPEC S3.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Id.
    pub id: String,
    /// Prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Absent means private.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// Segments.
    pub segments: Vec<Segment>,
}

/// A segment (SPEC S3.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// Id.
    pub id: String,
    /// Which segment.
    pub kind: SegmentKind,
    /// Prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An ingress (SPEC S3.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ingress {
    /// Id.
    pub id: String,
    /// Segment id.
    pub segment: String,
    /// Who terminates TLS.
    pub tls_termination: TlsTermination,
    /// Load balancing as a conceptual responsibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancing: Option<bool>,
    /// Service ids.
    pub targets: Vec<String>,
    /// Prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A service (SPEC S3.8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Id.
    pub id: String,
    /// Logical name.
    pub name: String,
    /// Segment id.
    pub segment: String,
    /// Process type.
    pub process: Process,
    /// Runtime state.
    pub state: State,
    /// Scaling concept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling: Option<Scaling>,
    /// Absent means private.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// Prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A database (SPEC S3.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Database {
    /// Id.
    pub id: String,
    /// Logical name.
    pub name: String,
    /// Engine; only `postgresql` is authorized.
    pub engine: String,
    /// Managed by the infrastructure.
    pub managed: bool,
    /// Segment id.
    pub segment: String,
    /// Absent means private.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// Prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A persistence adapter (SPEC S3.10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adapter {
    /// Id.
    pub id: String,
    /// Service id.
    pub service: String,
    /// Database id.
    pub database: String,
    /// Read-write or read-only.
    pub access: Access,
    /// Prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The configuration boundary (SPEC S3.11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigurationBoundary {
    /// Id.
    pub id: String,
    /// Where it sits.
    pub placement: ConfigurationPlacement,
    /// Prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The secrets boundary (SPEC S3.12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretsBoundary {
    /// Id.
    pub id: String,
    /// Where it sits.
    pub placement: SecretsPlacement,
    /// Prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A conceptual diagram (SPEC S3.13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagram {
    /// Title.
    pub title: String,
    /// The diagram as text.
    pub content: String,
}

impl Design {
    /// The base design of SPEC S6.0: an authorized design that every example starts from.
    pub fn base() -> Design {
        let env = |e: &str| Environment {
            description: None,
            networks: vec![Network {
                id: format!("net-{e}"),
                description: None,
                visibility: None,
                segments: [
                    ("ingress", SegmentKind::Ingress),
                    ("runtime", SegmentKind::Runtime),
                    ("persistence", SegmentKind::Persistence),
                ]
                .into_iter()
                .map(|(name, kind)| Segment {
                    id: format!("seg-{e}-{name}"),
                    kind,
                    description: None,
                })
                .collect(),
            }],
            ingresses: vec![Ingress {
                id: format!("ing-{e}"),
                segment: format!("seg-{e}-ingress"),
                tls_termination: TlsTermination::Infrastructure,
                load_balancing: None,
                targets: vec![format!("svc-{e}-api")],
                description: None,
            }],
            services: vec![Service {
                id: format!("svc-{e}-api"),
                name: "api".into(),
                segment: format!("seg-{e}-runtime"),
                process: Process::LongLived,
                state: State::Stateless,
                scaling: None,
                visibility: None,
                description: None,
            }],
            databases: vec![Database {
                id: format!("db-{e}-main"),
                name: "main".into(),
                engine: "postgresql".into(),
                managed: true,
                segment: format!("seg-{e}-persistence"),
                visibility: None,
                description: None,
            }],
            adapters: vec![Adapter {
                id: format!("ad-{e}-api-main"),
                service: format!("svc-{e}-api"),
                database: format!("db-{e}-main"),
                access: Access::ReadWrite,
                description: None,
            }],
            configuration: ConfigurationBoundary {
                id: format!("cfg-{e}"),
                placement: ConfigurationPlacement::Dedicated,
                description: None,
            },
            secrets: SecretsBoundary {
                id: format!("sec-{e}"),
                placement: SecretsPlacement::Dedicated,
                description: None,
            },
        };
        Design {
            format: crate::format::FORMAT_VERSION.to_owned(),
            name: None,
            description: None,
            environments: Environments {
                local: Some(env("local")),
                staging: Some(env("staging")),
                production: Some(env("production")),
            },
            diagrams: None,
        }
    }

    /// The number of components (SPEC S4.3) over the present environments: networks,
    /// segments, ingresses, services, databases, adapters and the two boundaries.
    pub fn component_count(&self) -> usize {
        self.environments
            .iter()
            .map(|(_, e)| {
                e.networks
                    .iter()
                    .map(|n| 1 + n.segments.len())
                    .sum::<usize>()
                    + e.ingresses.len()
                    + e.services.len()
                    + e.databases.len()
                    + e.adapters.len()
                    + 2
            })
            .sum()
    }

    /// The design as a compact JSON document.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The design as a `serde_json` value, for mutation.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_and_slot_mut_find_each_environment_by_its_name_only() {
        let mut design = Design::base();
        for name in ["local", "staging", "production"] {
            let env = design.environments.get(name);
            assert_eq!(
                env.map(|e| e.configuration.id.as_str()),
                Some(format!("cfg-{name}").as_str())
            );
            let slot = design.environments.slot_mut(name);
            assert!(matches!(slot, Some(Some(e)) if e.secrets.id == format!("sec-{name}")));
        }
        for other in ["qa", "Local", ""] {
            assert!(design.environments.get(other).is_none());
            assert!(design.environments.slot_mut(other).is_none());
        }
        if let Some(slot) = design.environments.slot_mut("staging") {
            *slot = None;
        }
        assert!(design.environments.get("staging").is_none());
        let names: Vec<&str> = design.environments.iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["local", "production"]);
    }

    #[test]
    fn component_count_counts_every_kind_over_the_present_environments() {
        // Per environment of the base design: a network, its three segments, an ingress, a
        // service, a database, an adapter and the two boundaries.
        let mut design = Design::base();
        assert_eq!(design.component_count(), 30);
        if let Some(local) = design
            .environments
            .slot_mut("local")
            .and_then(Option::as_mut)
        {
            let service = local.services.first().cloned();
            local.services.extend(service);
        }
        assert_eq!(design.component_count(), 31);
        if let Some(slot) = design.environments.slot_mut("production") {
            *slot = None;
        }
        assert_eq!(design.component_count(), 21);
    }
}
