//! Reference model of Zenthea Phase J.4.3: the design document format, the rule catalog and the checker.
//!
//! [`check`] takes any bytes and returns a [`Report`] of its [`Violation`]s, each naming its
//! [`RuleId`] and the JSON pointer of the offending value; a report lists at most
//! [`LISTED_PER_RULE`] violations of each rule and counts the rest (SPEC S9), so that memory
//! is bounded by the input, not by the number of violations. `docs/SPEC.md` is the normative
//! description of everything here. The model does no I/O and never panics on input.

mod catalog;
mod check;
mod design;
mod format;
pub mod json;
mod report;
mod rules;
mod schema;
mod shape;
pub mod tokens;
mod view;

pub use catalog::{Layer, RuleId, RuleInfo, UnknownRule};
pub use check::{check, check_value};
pub use design::{
    Access, Adapter, ConfigurationBoundary, ConfigurationPlacement, Database, Design, Diagram,
    Environment, Environments, Ingress, Network, Process, Scaling, SecretsBoundary,
    SecretsPlacement, Segment, SegmentKind, Service, State, TlsTermination, Visibility,
};
pub use format::{
    forbidden_rule, ComponentKind, ForbiddenMembers, Member, ObjectKind, Type, DATABASE_FORBIDDEN,
    ENVIRONMENTS, FORMAT_VERSION, GENERAL_FORBIDDEN, SERVICE_FORBIDDEN,
};
pub use report::{Report, Verdict, Violation, LISTED_PER_RULE};
pub use schema::json_schema;
