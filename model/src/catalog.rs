//! The J.4.3 rule catalog as data: one enum variant per rule, with its id, title, sections and layer.

use std::fmt;

/// The evaluation layer a rule belongs to (SPEC S4).
///
/// Layer 1 is parsing; layer 2 is the shape of the document; layer 3 runs only when layer 2
/// found no blocking violation. Some rules report from two layers (a forbidden member in
/// layer 2, a text or value predicate in layer 3); they carry the earliest one here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    /// Bytes to JSON value (SPEC S2).
    Parse,
    /// Types, members, forbidden members (SPEC S4.2).
    Shape,
    /// Predicates over a well-typed design (SPEC S4.5).
    Semantic,
}

macro_rules! rules {
    ($( $variant:ident = $id:literal, $layer:ident, [$($section:literal),+], $title:literal, $summary:literal; )+) => {
        /// A rule of the catalog. Every violation names exactly one.
        ///
        /// The order of the variants is the catalog order of SPEC S6.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $(
                #[doc = $title]
                $variant,
            )+
        }

        impl RuleId {
            /// Every rule, in catalog order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),+];

            /// The number of rules in the catalog.
            pub const COUNT: usize = [$(RuleId::$variant),+].len();

            /// The stable id, such as `NET-005`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)+
                }
            }

            /// The rule's catalog entry.
            pub const fn info(self) -> &'static RuleInfo {
                match self {
                    $(RuleId::$variant => &RuleInfo {
                        id: $id,
                        title: $title,
                        sections: &[$($section),+],
                        layer: Layer::$layer,
                        summary: $summary,
                    },)+
                }
            }
        }
    };
}

/// What the catalog says of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id, such as `PER-003`.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// Sections of the phase text the rule comes from, such as `2.4`.
    pub sections: &'static [&'static str],
    /// Earliest layer that reports it.
    pub layer: Layer,
    /// One-sentence predicate; SPEC S6 is the normative text.
    pub summary: &'static str,
}

rules! {
    Doc001 = "DOC-001", Parse, ["1"], "malformed JSON", "the input is not valid UTF-8 or not exactly one JSON text";
    Doc002 = "DOC-002", Parse, ["1"], "duplicate member name", "an object has two members with the same name";
    Doc003 = "DOC-003", Parse, ["1"], "nesting too deep", "an array or object is nested deeper than 64 levels";
    Doc004 = "DOC-004", Parse, ["1"], "document too large", "the input is longer than 67,108,864 bytes";
    Doc005 = "DOC-005", Shape, ["2"], "wrong type", "a value does not have the JSON type its position requires";
    Doc006 = "DOC-006", Shape, ["2"], "missing member", "a required member is absent";
    Doc007 = "DOC-007", Shape, ["2"], "unknown member", "a member is neither part of the format nor a forbidden-artifact member";
    Doc008 = "DOC-008", Shape, ["2"], "invalid value", "a string is not in its enumeration, not its constant, or empty where a character is required";
    Doc009 = "DOC-009", Semantic, ["2"], "duplicate id", "two components of one environment have the same id";
    Doc010 = "DOC-010", Semantic, ["2"], "unresolved reference", "a reference names no component of the expected kind in its environment nor any component of another";
    Env001 = "ENV-001", Shape, ["2.1"], "exactly three environments", "the environments are not exactly local, staging and production";
    Env002 = "ENV-002", Shape, ["2.1", "4"], "shared resource", "a component id occurs in more than one environment, or a design marks something shared";
    Env003 = "ENV-003", Semantic, ["2.1", "4"], "cross-environment reference", "a reference resolves only in another environment";
    Env004 = "ENV-004", Shape, ["2.1"], "promotion mechanics", "the design describes promotion between environments";
    Net001 = "NET-001", Semantic, ["2.2", "2.1"], "one primary network boundary", "an environment does not have exactly one network boundary";
    Net002 = "NET-002", Semantic, ["2.2", "4"], "private by default", "a network, service or database is public";
    Net003 = "NET-003", Semantic, ["2.2"], "segmented boundary", "a network does not have exactly one ingress, one runtime and one persistence segment";
    Net004 = "NET-004", Semantic, ["2.2"], "component in the wrong segment", "an ingress, service or database sits in a segment of another kind";
    Net005 = "NET-005", Shape, ["2.2", "3"], "CIDR block", "the design writes a CIDR block, as a member or in any string";
    Net006 = "NET-006", Shape, ["2.2"], "routing tables", "the design writes routing tables";
    Net007 = "NET-007", Shape, ["2.2"], "availability zone counts", "the design writes availability zone counts";
    Cmp001 = "CMP-001", Semantic, ["2.3"], "long-lived processes", "a service is not a long-lived process";
    Cmp002 = "CMP-002", Shape, ["2.3", "4"], "stateless runtime", "a service is stateful or keeps local storage";
    Cmp003 = "CMP-003", Semantic, ["2.3"], "horizontal scaling concept", "a service names a scaling concept other than horizontal";
    Cmp004 = "CMP-004", Shape, ["2.3"], "scaling as a concept only", "the design writes replica counts, instance counts or autoscaling bounds, or two services share a logical name";
    Cmp005 = "CMP-005", Shape, ["2.3", "3"], "orchestration", "the design decides an orchestration platform or holds an orchestration manifest";
    Cmp006 = "CMP-006", Shape, ["2.3"], "instance sizing and machine specifications", "the design writes instance sizes or machine specifications";
    Per001 = "PER-001", Semantic, ["2.4"], "PostgreSQL only", "a database engine is not postgresql (or postgres)";
    Per002 = "PER-002", Semantic, ["2.4", "4"], "managed persistence", "a database is not managed";
    Per003 = "PER-003", Semantic, ["2.4"], "single logical writer", "a database does not have exactly one writing service";
    Per004 = "PER-004", Shape, ["2.4"], "no replicas", "the design writes database replicas, or two databases share a logical name";
    Per005 = "PER-005", Shape, ["2.4"], "no sharding", "the design writes sharding";
    Per006 = "PER-006", Shape, ["2.4"], "no cross-region replication", "the design writes cross-region replication";
    Per007 = "PER-007", Shape, ["2.4"], "access only via persistence adapters", "a service names a database directly";
    Ing001 = "ING-001", Semantic, ["2.5", "4"], "single ingress", "an environment does not have exactly one ingress";
    Ing002 = "ING-002", Semantic, ["2.5"], "TLS terminated by the infrastructure", "an ingress does not terminate TLS at the infrastructure layer";
    Ing003 = "ING-003", Shape, ["2.5"], "no load balancer or API gateway product", "the design decides a load balancer or API gateway product";
    Cfg001 = "CFG-001", Semantic, ["2.6"], "configuration distinct from the runtime", "the configuration boundary is placed in the runtime";
    Cfg002 = "CFG-002", Semantic, ["2.6"], "secrets distinct from configuration", "the secrets boundary is placed in the configuration boundary";
    Cfg003 = "CFG-003", Semantic, ["2.6", "5"], "secrets distinct from the runtime", "the secrets boundary is placed in the runtime";
    Cfg004 = "CFG-004", Shape, ["2.6"], "no secret manager", "the design selects a secret manager";
    Cfg005 = "CFG-005", Shape, ["2.6"], "no key hierarchy", "the design writes a key hierarchy";
    Cfg006 = "CFG-006", Shape, ["2.6"], "no rotation policy", "the design writes a rotation policy";
    Fbd001 = "FBD-001", Shape, ["3", "5"], "infrastructure-as-code", "the design contains infrastructure-as-code, as a member or as syntax in text";
    Fbd002 = "FBD-002", Shape, ["3"], "provider structure", "the design writes cloud accounts or organization hierarchy";
    Fbd003 = "FBD-003", Shape, ["3"], "region or availability zone selection", "the design selects a region or availability zone, as a member or a code in text";
    Fbd004 = "FBD-004", Shape, ["3"], "sizing and costing", "the design writes cost models, sizing estimates or resource allocations";
    Fbd005 = "FBD-005", Shape, ["3"], "security policies", "the design authors IAM roles, security groups or firewall rules";
    Fbd006 = "FBD-006", Shape, ["3"], "delivery pipelines", "the design defines CI/CD pipelines or automation";
    Fbd007 = "FBD-007", Shape, ["3"], "observability tooling", "the design selects observability or monitoring tooling";
    Fbd008 = "FBD-008", Shape, ["3"], "provider naming and tagging", "the design writes provider naming conventions, tags or resource names";
    Fbd009 = "FBD-009", Semantic, ["3"], "technical diagram", "a diagram contains a port or an arrow";
    Inv001 = "INV-001", Semantic, ["4"], "semantic neutrality", "an environment lacks a service, database, adapter access or ingress route another has";
    Inv002 = "INV-002", Shape, ["4"], "portability through discipline", "the design introduces an infrastructure abstraction layer";
    Phs001 = "PHS-001", Shape, ["1", "5"], "no deployment or execution", "the design describes deployment or execution";
    Phs002 = "PHS-002", Shape, ["5"], "no secrets or environment wiring", "a service is wired to configuration, secrets or environment variables";
}

impl RuleId {
    /// The rule with this stable id (`"NET-005"`), if any. Case-sensitive.
    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.as_str() == id)
    }

    /// The rule's position in [`RuleId::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// True for the parse-layer rules DOC-001 to DOC-004, whose violation is a whole report.
    pub const fn is_parse(self) -> bool {
        matches!(self.info().layer, Layer::Parse)
    }

    /// True for the rules whose violation stops layer 3 (SPEC S4.2): DOC-005, DOC-006, DOC-008.
    pub const fn is_blocking(self) -> bool {
        matches!(self, RuleId::Doc005 | RuleId::Doc006 | RuleId::Doc008)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RuleId {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::from_id(s).ok_or_else(|| UnknownRule(s.to_owned()))
    }
}

/// A string that names no rule of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule id `{0}`")]
pub struct UnknownRule(pub String);

impl serde::Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        RuleId::from_id(&s).ok_or_else(|| serde::de::Error::custom(UnknownRule(s.into_owned())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for &rule in RuleId::ALL {
            assert!(seen.insert(rule.as_str()), "{rule} twice");
            assert_eq!(RuleId::from_id(rule.as_str()), Some(rule));
            assert_eq!(rule.info().id, rule.as_str());
            assert_eq!(RuleId::ALL.get(rule.index()), Some(&rule));
        }
        assert_eq!(RuleId::ALL.len(), RuleId::COUNT);
        assert_eq!(RuleId::from_id("net-005"), None);
    }

    #[test]
    fn every_numbered_phase_section_is_covered() {
        for section in [
            "1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3", "4", "5",
        ] {
            assert!(
                RuleId::ALL
                    .iter()
                    .any(|r| r.info().sections.contains(&section)),
                "no rule cites section {section}"
            );
        }
    }

    #[test]
    fn only_doc_001_to_004_are_parse_rules() {
        let parse: Vec<_> = RuleId::ALL.iter().filter(|r| r.is_parse()).collect();
        assert_eq!(
            parse,
            [
                &RuleId::Doc001,
                &RuleId::Doc002,
                &RuleId::Doc003,
                &RuleId::Doc004
            ]
        );
    }
}
