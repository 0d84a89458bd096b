//! The document format of SPEC S3 as data: object kinds, their members, and the forbidden-member tables.

use crate::catalog::RuleId;

/// Format version string required in the `format` member.
pub const FORMAT_VERSION: &str = "j43/1";

/// The three authorized environment names, in evaluation order (SPEC S4.3).
pub const ENVIRONMENTS: [&str; 3] = ["local", "staging", "production"];

/// An object kind of the format (SPEC S3.2–S3.13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKind {
    /// The top-level value.
    Document,
    /// The `environments` object, keyed by environment name.
    Environments,
    /// One environment.
    Environment,
    /// A primary network boundary.
    Network,
    /// A segment of a network.
    Segment,
    /// An ingress boundary.
    Ingress,
    /// A long-lived runtime service.
    Service,
    /// A managed database.
    Database,
    /// A persistence adapter.
    Adapter,
    /// The configuration boundary.
    Configuration,
    /// The secrets boundary.
    Secrets,
    /// A conceptual diagram.
    Diagram,
}

/// The kind of component a reference points at (SPEC S4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ComponentKind {
    /// A network.
    Network,
    /// A segment.
    Segment,
    /// An ingress.
    Ingress,
    /// A service.
    Service,
    /// A database.
    Database,
    /// An adapter.
    Adapter,
    /// The configuration boundary.
    Configuration,
    /// The secrets boundary.
    Secrets,
}

impl ComponentKind {
    /// Lowercase name used in messages and in SPEC S4.3.
    pub const fn as_str(self) -> &'static str {
        match self {
            ComponentKind::Network => "network",
            ComponentKind::Segment => "segment",
            ComponentKind::Ingress => "ingress",
            ComponentKind::Service => "service",
            ComponentKind::Database => "database",
            ComponentKind::Adapter => "adapter",
            ComponentKind::Configuration => "configuration",
            ComponentKind::Secrets => "secrets",
        }
    }
}

/// The type of a member's value (SPEC S3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Any string (prose).
    Text,
    /// A non-empty string identifying a component.
    Id,
    /// A non-empty logical name.
    Name,
    /// A non-empty string referring to a component of this kind.
    Ref(ComponentKind),
    /// One of these strings exactly.
    Enum(&'static [&'static str]),
    /// Exactly this string.
    Const(&'static str),
    /// `true` or `false`.
    Bool,
    /// An array of values of the inner type.
    Array(&'static Type),
    /// An object of this kind.
    Object(ObjectKind),
}

/// One member of an object kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// The member name.
    pub name: &'static str,
    /// Its type.
    pub ty: Type,
    /// Whether it must be present.
    pub required: bool,
}

const fn req(name: &'static str, ty: Type) -> Member {
    Member {
        name,
        ty,
        required: true,
    }
}

const fn opt(name: &'static str, ty: Type) -> Member {
    Member {
        name,
        ty,
        required: false,
    }
}

/// `a == b`, comparing lengths and first bytes before the bytes: member names are short and
/// mostly differ at once, so most comparisons end without a call to `memcmp`.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// Engine names that mean PostgreSQL (PER-001); any other engine is unauthorized.
pub const POSTGRESQL_ENGINES: &[&str] = &["postgresql", "postgres"];

/// Values of `visibility`.
pub const VISIBILITY: &[&str] = &["private", "public"];
/// Values of a segment's `kind`.
pub const SEGMENT_KINDS: &[&str] = &["ingress", "runtime", "persistence"];
/// Values of an ingress's `tls_termination`.
pub const TLS_TERMINATION: &[&str] = &["infrastructure", "runtime", "none"];
/// Values of a service's `process`.
pub const PROCESS: &[&str] = &["long-lived", "batch", "scheduled", "on-demand"];
/// Values of a service's `state`.
pub const STATE: &[&str] = &["stateless", "stateful"];
/// Values of a service's `scaling`.
pub const SCALING: &[&str] = &["horizontal", "vertical", "none"];
/// Values of an adapter's `access`.
pub const ACCESS: &[&str] = &["read-write", "read-only"];
/// Values of the configuration boundary's `placement`.
pub const CONFIGURATION_PLACEMENT: &[&str] = &["dedicated", "runtime"];
/// Values of the secrets boundary's `placement`.
pub const SECRETS_PLACEMENT: &[&str] = &["dedicated", "configuration", "runtime"];

const DESCRIPTION: Member = opt("description", Type::Text);
const ID: Member = req("id", Type::Id);

const DOCUMENT_MEMBERS: &[Member] = &[
    req("format", Type::Const(FORMAT_VERSION)),
    opt("name", Type::Text),
    DESCRIPTION,
    req("environments", Type::Object(ObjectKind::Environments)),
    opt("diagrams", Type::Array(&Type::Object(ObjectKind::Diagram))),
];
const ENVIRONMENTS_MEMBERS: &[Member] = &[];
const ENVIRONMENT_MEMBERS: &[Member] = &[
    DESCRIPTION,
    req("networks", Type::Array(&Type::Object(ObjectKind::Network))),
    req("ingresses", Type::Array(&Type::Object(ObjectKind::Ingress))),
    req("services", Type::Array(&Type::Object(ObjectKind::Service))),
    req(
        "databases",
        Type::Array(&Type::Object(ObjectKind::Database)),
    ),
    req("adapters", Type::Array(&Type::Object(ObjectKind::Adapter))),
    req("configuration", Type::Object(ObjectKind::Configuration)),
    req("secrets", Type::Object(ObjectKind::Secrets)),
];
const NETWORK_MEMBERS: &[Member] = &[
    ID,
    DESCRIPTION,
    opt("visibility", Type::Enum(VISIBILITY)),
    req("segments", Type::Array(&Type::Object(ObjectKind::Segment))),
];
const SEGMENT_MEMBERS: &[Member] = &[ID, req("kind", Type::Enum(SEGMENT_KINDS)), DESCRIPTION];
const INGRESS_MEMBERS: &[Member] = &[
    ID,
    req("segment", Type::Ref(ComponentKind::Segment)),
    req("tls_termination", Type::Enum(TLS_TERMINATION)),
    opt("load_balancing", Type::Bool),
    req("targets", Type::Array(&Type::Ref(ComponentKind::Service))),
    DESCRIPTION,
];
const SERVICE_MEMBERS: &[Member] = &[
    ID,
    req("name", Type::Name),
    req("segment", Type::Ref(ComponentKind::Segment)),
    req("process", Type::Enum(PROCESS)),
    req("state", Type::Enum(STATE)),
    opt("scaling", Type::Enum(SCALING)),
    opt("visibility", Type::Enum(VISIBILITY)),
    DESCRIPTION,
];
const DATABASE_MEMBERS: &[Member] = &[
    ID,
    req("name", Type::Name),
    req("engine", Type::Name),
    req("managed", Type::Bool),
    req("segment", Type::Ref(ComponentKind::Segment)),
    opt("visibility", Type::Enum(VISIBILITY)),
    DESCRIPTION,
];
const ADAPTER_MEMBERS: &[Member] = &[
    ID,
    req("service", Type::Ref(ComponentKind::Service)),
    req("database", Type::Ref(ComponentKind::Database)),
    req("access", Type::Enum(ACCESS)),
    DESCRIPTION,
];
const CONFIGURATION_MEMBERS: &[Member] = &[
    ID,
    req("placement", Type::Enum(CONFIGURATION_PLACEMENT)),
    DESCRIPTION,
];
const SECRETS_MEMBERS: &[Member] = &[
    ID,
    req("placement", Type::Enum(SECRETS_PLACEMENT)),
    DESCRIPTION,
];
const DIAGRAM_MEMBERS: &[Member] = &[req("title", Type::Text), req("content", Type::Text)];

impl ObjectKind {
    /// The known members of this kind, in the order SPEC S3 lists them.
    ///
    /// `Environments` has none: its members are environment names (SPEC S3.3).
    pub const fn members(self) -> &'static [Member] {
        match self {
            ObjectKind::Document => DOCUMENT_MEMBERS,
            ObjectKind::Environments => ENVIRONMENTS_MEMBERS,
            ObjectKind::Environment => ENVIRONMENT_MEMBERS,
            ObjectKind::Network => NETWORK_MEMBERS,
            ObjectKind::Segment => SEGMENT_MEMBERS,
            ObjectKind::Ingress => INGRESS_MEMBERS,
            ObjectKind::Service => SERVICE_MEMBERS,
            ObjectKind::Database => DATABASE_MEMBERS,
            ObjectKind::Adapter => ADAPTER_MEMBERS,
            ObjectKind::Configuration => CONFIGURATION_MEMBERS,
            ObjectKind::Secrets => SECRETS_MEMBERS,
            ObjectKind::Diagram => DIAGRAM_MEMBERS,
        }
    }

    /// The known member with this name, if any.
    pub fn member(self, name: &str) -> Option<&'static Member> {
        self.members().iter().find(|m| same_name(m.name, name))
    }

    /// Every object kind, in SPEC S3 order.
    pub const ALL: &'static [ObjectKind] = &[
        ObjectKind::Document,
        ObjectKind::Environments,
        ObjectKind::Environment,
        ObjectKind::Network,
        ObjectKind::Segment,
        ObjectKind::Ingress,
        ObjectKind::Service,
        ObjectKind::Database,
        ObjectKind::Adapter,
        ObjectKind::Configuration,
        ObjectKind::Secrets,
        ObjectKind::Diagram,
    ];

    /// Name used in messages and in the JSON Schema.
    pub const fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Document => "Document",
            ObjectKind::Environments => "Environments",
            ObjectKind::Environment => "Environment",
            ObjectKind::Network => "Network",
            ObjectKind::Segment => "Segment",
            ObjectKind::Ingress => "Ingress",
            ObjectKind::Service => "Service",
            ObjectKind::Database => "Database",
            ObjectKind::Adapter => "Adapter",
            ObjectKind::Configuration => "ConfigurationBoundary",
            ObjectKind::Secrets => "SecretsBoundary",
            ObjectKind::Diagram => "Diagram",
        }
    }
}

/// A row of a forbidden-member table (SPEC S3.14): these member names report this rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForbiddenMembers {
    /// The rule reported.
    pub rule: RuleId,
    /// The member names.
    pub names: &'static [&'static str],
}

const fn row(rule: RuleId, names: &'static [&'static str]) -> ForbiddenMembers {
    ForbiddenMembers { rule, names }
}

/// Forbidden members looked up on Service objects before the general table.
pub const SERVICE_FORBIDDEN: &[ForbiddenMembers] = &[
    row(
        RuleId::Phs002,
        &[
            "secrets",
            "secret",
            "secret_refs",
            "configuration",
            "config",
            "environment_variables",
            "env",
            "env_vars",
        ],
    ),
    row(
        RuleId::Per007,
        &[
            "database",
            "databases",
            "connection_string",
            "dsn",
            "database_url",
        ],
    ),
    row(
        RuleId::Cmp002,
        &[
            "volumes",
            "volume",
            "local_storage",
            "persistent_volume",
            "disk",
            "state_store",
        ],
    ),
];

/// Forbidden members looked up on Database objects before the general table.
pub const DATABASE_FORBIDDEN: &[ForbiddenMembers] =
    &[row(RuleId::Per004, &["replicas", "replica_count"])];

/// Forbidden members on every object kind except `Environments` (SPEC S3.14).
pub const GENERAL_FORBIDDEN: &[ForbiddenMembers] = &[
    row(RuleId::Env002, &["shared", "shared_with", "shared_by"]),
    row(
        RuleId::Env004,
        &[
            "promotion",
            "promotions",
            "promotion_workflow",
            "promote_to",
            "promotes_to",
        ],
    ),
    row(
        RuleId::Net005,
        &[
            "cidr",
            "cidrs",
            "cidr_block",
            "cidr_blocks",
            "ip_range",
            "ip_ranges",
            "address_space",
            "subnet",
            "subnets",
            "vpc",
            "vnet",
        ],
    ),
    row(
        RuleId::Net006,
        &[
            "routing_table",
            "routing_tables",
            "route_table",
            "route_tables",
            "routes",
        ],
    ),
    row(
        RuleId::Net007,
        &["az_count", "availability_zone_count", "zone_count"],
    ),
    row(
        RuleId::Cmp004,
        &[
            "replicas",
            "replica_count",
            "min_replicas",
            "max_replicas",
            "instances",
            "instance_count",
            "min_instances",
            "max_instances",
            "desired_count",
            "autoscaling",
            "auto_scaling",
        ],
    ),
    row(
        RuleId::Cmp005,
        &[
            "orchestration",
            "orchestrator",
            "kubernetes",
            "k8s",
            "ecs",
            "eks",
            "helm",
            "nomad",
            "cluster",
            "namespace",
            "node_pool",
            "node_group",
            "fargate",
            "task_definition",
        ],
    ),
    row(
        RuleId::Cmp006,
        &[
            "instance_type",
            "instance_size",
            "machine_type",
            "machine",
            "cpu",
            "cpus",
            "vcpu",
            "vcpus",
            "memory",
            "ram",
            "disk_size",
            "storage_size",
            "instance_class",
            "db_instance_class",
            "node_type",
            "sku",
            "allocated_storage",
            "iops",
        ],
    ),
    row(
        RuleId::Per004,
        &[
            "read_replicas",
            "read_replica",
            "replica",
            "standby",
            "failover",
            "multi_az",
        ],
    ),
    row(
        RuleId::Per005,
        &[
            "sharding",
            "shards",
            "shard_count",
            "shard_key",
            "partitioning",
        ],
    ),
    row(
        RuleId::Per006,
        &[
            "cross_region_replication",
            "global_database",
            "multi_region",
            "geo_replication",
        ],
    ),
    row(
        RuleId::Ing003,
        &[
            "load_balancer",
            "load_balancer_type",
            "lb_type",
            "alb",
            "nlb",
            "elb",
            "api_gateway",
            "gateway",
            "waf",
            "cdn",
            "ingress_controller",
            "listener",
            "listeners",
        ],
    ),
    row(
        RuleId::Cfg004,
        &[
            "secret_manager",
            "secrets_manager",
            "vault",
            "key_vault",
            "secret_store",
            "parameter_store",
            "ssm",
        ],
    ),
    row(
        RuleId::Cfg005,
        &[
            "key_hierarchy",
            "kms",
            "kms_key",
            "kms_keys",
            "master_key",
            "encryption_keys",
        ],
    ),
    row(
        RuleId::Cfg006,
        &[
            "rotation",
            "rotation_policy",
            "rotation_period",
            "key_rotation",
        ],
    ),
    row(
        RuleId::Fbd001,
        &[
            "iac",
            "infrastructure_as_code",
            "terraform",
            "opentofu",
            "tofu",
            "cdk",
            "pulumi",
            "cloudformation",
            "bicep",
            "arm_template",
        ],
    ),
    row(
        RuleId::Fbd002,
        &[
            "account",
            "accounts",
            "account_id",
            "cloud_account",
            "cloud_accounts",
            "organization",
            "organisation",
            "organizational_units",
            "landing_zone",
            "subscription",
            "project_id",
            "resource_group",
            "tenant_id",
        ],
    ),
    row(
        RuleId::Fbd003,
        &[
            "region",
            "regions",
            "availability_zone",
            "availability_zones",
            "az",
            "azs",
            "zone",
            "zones",
            "location",
        ],
    ),
    row(
        RuleId::Fbd004,
        &[
            "cost",
            "costs",
            "cost_estimate",
            "cost_model",
            "budget",
            "pricing",
            "sizing",
            "capacity",
            "resource_allocation",
            "resource_limits",
            "resource_requests",
        ],
    ),
    row(
        RuleId::Fbd005,
        &[
            "iam",
            "iam_role",
            "iam_roles",
            "iam_policy",
            "iam_policies",
            "security_group",
            "security_groups",
            "firewall",
            "firewall_rules",
            "network_acl",
            "network_acls",
            "role",
            "roles",
            "service_account",
            "allowlist",
            "ingress_rules",
            "egress_rules",
        ],
    ),
    row(
        RuleId::Fbd006,
        &[
            "pipeline",
            "pipelines",
            "ci_cd",
            "cicd",
            "ci",
            "cd",
            "build_pipeline",
            "automation",
            "workflow",
            "workflows",
            "github_actions",
        ],
    ),
    row(
        RuleId::Fbd007,
        &[
            "observability",
            "monitoring",
            "logging",
            "metrics",
            "tracing",
            "alerting",
            "dashboards",
            "apm",
            "telemetry",
            "opentelemetry",
            "logs",
            "alerts",
        ],
    ),
    row(
        RuleId::Fbd008,
        &[
            "tags",
            "tag",
            "labels",
            "naming",
            "naming_convention",
            "resource_name",
            "resource_names",
            "arn",
        ],
    ),
    row(
        RuleId::Inv002,
        &[
            "abstraction_layer",
            "cloud_abstraction",
            "multi_cloud",
            "cloud_agnostic",
        ],
    ),
    row(
        RuleId::Phs001,
        &[
            "deployment",
            "deployments",
            "deploy",
            "execution",
            "release",
            "rollout",
            "implementation",
            "image",
            "container_image",
            "dockerfile",
        ],
    ),
];

/// The kind-specific forbidden table of an object kind (empty for most kinds).
pub const fn specific_forbidden(kind: ObjectKind) -> &'static [ForbiddenMembers] {
    match kind {
        ObjectKind::Service => SERVICE_FORBIDDEN,
        ObjectKind::Database => DATABASE_FORBIDDEN,
        _ => &[],
    }
}

/// The rule a member name reports on an object of this kind when it is not a known member
/// (SPEC S3.14), or `None` when it is simply unknown (DOC-007).
pub fn forbidden_rule(kind: ObjectKind, name: &str) -> Option<RuleId> {
    if kind == ObjectKind::Environments {
        return None;
    }
    specific_forbidden(kind)
        .iter()
        .find(|row| row.names.contains(&name))
        .map(|row| row.rule)
        .or_else(|| general_forbidden().get(name).copied())
}

/// [`GENERAL_FORBIDDEN`] by name (about 250 names, looked up for every unknown member).
fn general_forbidden() -> &'static ahash::AHashMap<&'static str, RuleId> {
    static INDEX: std::sync::OnceLock<ahash::AHashMap<&'static str, RuleId>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = ahash::AHashMap::new();
        for row in GENERAL_FORBIDDEN {
            for &name in row.names {
                index.entry(name).or_insert(row.rule);
            }
        }
        index
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_names_are_never_known_members_of_the_kind_they_apply_to() {
        for &kind in ObjectKind::ALL {
            for row in specific_forbidden(kind).iter().chain(GENERAL_FORBIDDEN) {
                for name in row.names {
                    assert!(
                        kind.member(name).is_none(),
                        "{name} is both known and forbidden on {kind:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn each_name_is_in_one_row_per_table() {
        for table in [SERVICE_FORBIDDEN, DATABASE_FORBIDDEN, GENERAL_FORBIDDEN] {
            let mut seen = std::collections::BTreeSet::new();
            for row in table {
                for name in row.names {
                    assert!(seen.insert(*name), "{name} twice");
                }
            }
        }
    }

    /// Layer 2 does not scan enum and const strings for text findings (`shape::string`).
    #[test]
    fn no_enum_or_const_value_holds_a_cidr_block_or_a_provider_artifact() {
        fn values(ty: Type) -> Vec<&'static str> {
            match ty {
                Type::Enum(allowed) => allowed.to_vec(),
                Type::Const(v) => vec![v],
                Type::Array(inner) => values(*inner),
                _ => Vec::new(),
            }
        }
        let mut checked = 0;
        for &kind in ObjectKind::ALL {
            for member in kind.members() {
                for v in values(member.ty) {
                    assert_eq!(crate::tokens::find_cidr(v), None, "{v}");
                    assert!(crate::tokens::find_artifacts(v).is_empty(), "{v}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "{checked} values");
    }

    #[test]
    fn kind_specific_rows_take_precedence() {
        assert_eq!(
            forbidden_rule(ObjectKind::Database, "replicas"),
            Some(RuleId::Per004)
        );
        assert_eq!(
            forbidden_rule(ObjectKind::Service, "replicas"),
            Some(RuleId::Cmp004)
        );
        assert_eq!(
            forbidden_rule(ObjectKind::Service, "secrets"),
            Some(RuleId::Phs002)
        );
        assert_eq!(forbidden_rule(ObjectKind::Document, "secrets"), None);
        assert_eq!(forbidden_rule(ObjectKind::Environments, "region"), None);
        assert_eq!(forbidden_rule(ObjectKind::Network, "owner"), None);
    }
}
