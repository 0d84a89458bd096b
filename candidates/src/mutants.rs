//! Mutants: deliberately wrong checkers derived from the reference model, each one plausible mistake.
//!
//! A mutant answers at level rules. It starts from what the reference found and changes what
//! one mistake would change: it drops or rewrites violations by their rule and pointer, reads
//! the bytes or the parsed document again where the mistake is in the parser, or rewrites the
//! document so that the reference's checker on the rewritten text gives the mistaken
//! checker's answer on the original (`j43_model::check` and `check_value`). Each family says
//! below exactly what its checker does. Rewrites map equal strings to equal strings and
//! append `⊕` (U+2295, which no grammar of S5 reads) where they must make one string differ,
//! so ids, references and what the grammars find keep their relations. Mutants that drop or
//! rewrite violations rely on the report listing every violation.
//!
//! # Derived from the catalog (134)
//!
//! - **drop-R** (56): the reference's rule set without R. A document whose only violation is R
//!   is authorized.
//! - **invert-R** (56): the predicate of R turned upside down where it decides the verdict
//!   alone: a document whose rule set is exactly {R} is authorized, and an authorized document
//!   is rejected with {R}; every other document gets the reference's answer.
//! - **bounds moved by one** (12): `depth-63` (an array or object at depth 64 is DOC-003, when
//!   the document parses) and `depth-65` (a document whose only parse problem is depth 65 is
//!   checked with its depth-65 containers replaced by `0`: they sit inside unexamined values);
//!   `size-minus-1` (exactly 64 MiB is DOC-004) and `size-plus-1` (64 MiB + 1 whose first or
//!   last byte is JSON whitespace is checked without it); `R-at-most-one` and
//!   `R-at-least-one` for NET-001, ING-001, NET-003 and PER-003 (the violations for a count
//!   of zero, or of two or more, are not reported).
//! - **CIDR prefix bounds** (4): `cidr-v4-prefix-31`, `cidr-v4-prefix-33`,
//!   `cidr-v6-prefix-127`, `cidr-v6-prefix-129`: the largest prefix accepted for that address
//!   family moves by one.
//! - **port digits** (2): `port-digits-4`, `port-digits-6`: the longest digit run of port
//!   forms 1 and 3 (SPEC S5.2) is 4 or 6 instead of 5.
//! - **weakened token grammars** (4): `miss-ipv6-cidr` (IPv6 CIDR blocks are not seen),
//!   `miss-port-word` (`port 443`, form 2, is not seen), `miss-unicode-arrows` (no arrow
//!   block character is an arrow), `miss-left-arrows` (`<-` and `=>` are not arrows).
//!
//! # Realistic implementer mistakes (96)
//!
//! Each is a whole wrong checker, written the way an implementer gets it wrong; the name says
//! the mistake and [`all`] describes it.
//!
//! - **parser** (17, S2): form feed taken as whitespace; the input `str::trim`med of Unicode
//!   whitespace; a leading BOM skipped; unpaired surrogate escapes decoded as U+FFFD; `\/`
//!   missing from the escape table; upper-case hex digits rejected in `\u` escapes; raw U+007F
//!   rejected as a control character; raw tabs accepted in strings; the input decoded lossily
//!   (`from_utf8_lossy`); the whole input validated as UTF-8 before parsing; duplicate names
//!   checked after the parse (a later syntax error, invalid byte or deep nesting wins); depth
//!   checked after the parse (containers beyond 64 are skipped, a later syntax error or
//!   duplicate wins); anything after the first value ignored; leading zeros accepted
//!   (`01` read as `1`); `1.` and `.5` accepted; literals in any case; scalars counted as a
//!   level of nesting (a scalar at depth 65 is DOC-003).
//! - **format** (14, S3): `null` read as absent; empty references allowed (then they resolve
//!   nowhere: DOC-010); enumeration values compared in any ASCII case, or trimmed; `format`
//!   accepted by its prefix `j43/1`; `"true"`, `"false"`, `0` and `1` accepted as booleans;
//!   absent environment arrays, ingress targets and network segments read as `[]`; member
//!   names known to any kind accepted on every kind; forbidden names matched in any case; the
//!   values of unknown members searched for forbidden names; forbidden members with a falsy
//!   value (`null`, `false`, `0`, `""`, `[]`, `{}`) not reported; the kind-specific tables
//!   skipped (general table only); the Service table applied to every kind; environment names
//!   matched in any case.
//! - **blocking** (3, S4.2): DOC-007, forbidden members, or ENV-001 stop layer 3 like
//!   DOC-005, DOC-006 and DOC-008 do.
//! - **resolution** (5, S4.4): a reference resolves to the *last* component of its kind with
//!   its id; to the first component with its id whatever its kind (DOC-010 when that one is of
//!   another kind); another environment is looked at before the own environment's other
//!   kinds (ENV-003 instead of DOC-010); a reference to another environment's component of
//!   another kind is DOC-010, not ENV-003; ingress targets are never checked.
//! - **token grammars** (27, S5): CIDR: only the first `/` of a string; group values
//!   unbounded (`999.1.1.1/8`); leading zeros rejected; netmasks missed; prefixes of any
//!   length; A4's leading dots kept; A6's leading colon kept; Unicode digits. Ports: only the
//!   first `:`; a letter after the digits allowed; a letter before `port` allowed; `ſ` folded
//!   to `s`; spaces only between `port` and the digit; `port` in lower case only; forms 3 and
//!   4 missed; form 4 bounded to 5 digits. Arrows: dash arrows missed; `<=` not an arrow; the
//!   ranges half-open. Artifacts: region codes in any case, without the end check, without
//!   the start boundary, AWS only; `arn:aws-` missed; an HCL keyword and quoted label enough;
//!   `AWS::` enough; `apiVersion:` in any case.
//! - **scanned positions** (8, S6.3, S6.8): ids, names, references, descriptions, the
//!   design's name, or diagram titles and contents not scanned for CIDR blocks and provider
//!   artifacts; diagram titles not scanned for ports and arrows; descriptions scanned for
//!   ports and arrows as if they were diagrams.
//! - **layer-3 predicates** (22, S6): network visibility not checked; NET-003 checked for the
//!   first network only; the ingress's placement not checked; an unresolved segment reported
//!   as NET-004 too; only `batch` taken as not long-lived; an absent `scaling` reported as
//!   CMP-003; logical names compared in ASCII lower case and trimmed; a database named like a
//!   service is a second instance (PER-004); engines compared in any case, or by the prefix
//!   `postgres`; writers counted by adapter, by any access, or by the unresolved `service`
//!   string; `tls_termination: none` accepted; CFG-002 and CFG-003 swapped; INV-001 only with
//!   all three environments, or without adapters' accesses, or without exposure; duplicate
//!   ids only within one kind; ids compared in ASCII lower case (DOC-009, ENV-002); ENV-002
//!   comparing each environment with the previous one only, or within one kind only.

mod bytes;
mod format;
mod grammar;
mod model;

pub use grammar::{Arrow, Artifacts, Cidr, Port};

use format::{Found, Text};
use j43_conformance::{Answer, CaseResult, Checker, Level};
use j43_model::json::{self, Value, MAX_SIZE};
use j43_model::tokens::{find_arrow, find_cidr, find_port};
use j43_model::{
    check, check_value, ComponentKind, ObjectKind, Report, RuleId, Type, Violation,
    DATABASE_FORBIDDEN, ENVIRONMENTS, GENERAL_FORBIDDEN, SERVICE_FORBIDDEN,
};
use std::cell::OnceCell;
use std::collections::BTreeSet;

/// Which count an exactly-one rule is relaxed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relax {
    /// Zero is accepted too.
    AtMostOne,
    /// Two or more are accepted too.
    AtLeastOne,
}

/// A mistake in the parser (SPEC S2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parse {
    /// Form feed (U+000C) is whitespace between tokens.
    FormFeedWhitespace,
    /// The input is trimmed of Unicode whitespace (`str::trim`) before parsing.
    TrimsUnicodeWhitespace,
    /// A leading UTF-8 byte order mark is skipped.
    BomSkipped,
    /// Unpaired surrogate escapes are read as U+FFFD.
    LoneSurrogatesReplaced,
    /// `\/` is not an escape.
    SolidusEscapeRejected,
    /// Upper-case hex digits are rejected in `\u` escapes.
    UppercaseHexRejected,
    /// A raw U+007F in a string is a control character.
    RawDelRejected,
    /// A raw tab in a string is accepted.
    RawTabAccepted,
    /// The input is decoded with `String::from_utf8_lossy`.
    Utf8Lossy,
    /// The whole input is validated as UTF-8 before parsing.
    Utf8Upfront,
    /// Duplicate names are looked for after a complete parse.
    DuplicatesAfterParse,
    /// Depth is checked after the parse: containers beyond 64 are skipped first.
    DepthAfterParse,
    /// Whatever follows the first value is ignored.
    TrailingDataIgnored,
    /// Numbers may have leading zeros.
    LeadingZerosAccepted,
    /// `1.` and `.5` are numbers.
    LaxFractions,
    /// `True`, `NULL` and other cases of the literals are accepted.
    LiteralsAnyCase,
    /// Scalars count as a level of nesting.
    DepthCountsScalars,
}

/// A mistake in reading the format (SPEC S3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A known member whose value is `null` is absent.
    NullAsAbsent,
    /// An empty reference is no DOC-008 (and resolves nowhere).
    EmptyRefAllowed,
    /// Enumeration values are compared in any ASCII case.
    EnumAnyCase,
    /// Enumeration values are trimmed of whitespace.
    EnumTrimmed,
    /// `format` is accepted when it starts with `j43/1`.
    FormatPrefix,
    /// `"true"`, `"false"`, `0`, `1` are booleans.
    BoolTruthy,
    /// Absent environment arrays, ingress targets and network segments are `[]`.
    MissingArraysEmpty,
    /// A member name known to any kind is accepted on every kind.
    MemberNamesGlobal,
    /// Forbidden names are matched in any ASCII case.
    ForbiddenAnyCase,
    /// The values of unknown members are searched for general forbidden names.
    UnknownValuesExamined,
    /// A forbidden member with a falsy value is not reported.
    ForbiddenFalsyIgnored,
    /// Only the general forbidden table is consulted.
    GeneralTableOnly,
    /// The Service table applies to every kind.
    ServiceTableEverywhere,
    /// Environment names are matched in any ASCII case.
    EnvironmentNamesAnyCase,
}

/// A layer-2 violation that (wrongly) stops layer 3 (SPEC S4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// DOC-007.
    UnknownMember,
    /// The forbidden-member rules of S3.14.
    Forbidden,
    /// ENV-001.
    Environments,
}

/// A mistake in resolving references (SPEC S4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolve {
    /// To the last component of the kind with the id.
    LastComponent,
    /// To the first component with the id, whatever its kind.
    KindIgnored,
    /// Another environment is looked at before the own environment's other kinds.
    OtherEnvironmentFirst,
    /// Another environment's component counts only if it is of the reference's kind.
    OtherEnvironmentSameKind,
    /// Ingress targets are not checked.
    TargetsUnchecked,
}

/// A string position left out of, or added to, a grammar's scan (SPEC S6.3, S6.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Ids are not scanned for CIDR blocks and artifacts.
    Ids,
    /// Logical names (and engines) are not scanned.
    Names,
    /// References are not scanned.
    Refs,
    /// Descriptions are not scanned.
    Descriptions,
    /// The design's name is not scanned.
    DesignName,
    /// Diagram titles and contents are not scanned for CIDR blocks and artifacts.
    Diagrams,
    /// Diagram titles are not scanned for ports and arrows.
    TitlesForPorts,
    /// Descriptions are scanned for ports and arrows too.
    PortsInDescriptions,
}

/// A mistake in a layer-3 predicate (SPEC S6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predicate {
    /// NET-002 does not look at networks.
    NetworkVisibilityUnchecked,
    /// NET-003 looks at the first network only.
    SegmentsFirstNetworkOnly,
    /// NET-004 does not look at ingresses.
    IngressPlacementUnchecked,
    /// A segment reference that does not resolve is NET-004 too.
    UnresolvedSegmentMisplaced,
    /// Only `batch` is not long-lived.
    OnlyBatch,
    /// An absent `scaling` is CMP-003.
    AbsentScaling,
    /// Logical names are compared trimmed and in ASCII lower case (CMP-004, PER-004).
    NamesFolded,
    /// A database named like a service of its environment is a second instance (PER-004).
    NamesAcrossKinds,
    /// Engines are compared in any ASCII case.
    EngineAnyCase,
    /// An engine starting with `postgres` is PostgreSQL.
    EnginePrefix,
    /// Writers are counted by read-write adapter.
    WritersByAdapter,
    /// Any adapter, read-only too, makes a writer.
    WritersAnyAccess,
    /// Writers are the `service` strings of read-write adapters, resolved or not.
    WritersUnresolved,
    /// `tls_termination: none` is accepted.
    TlsNoneAllowed,
    /// CFG-002 and CFG-003 are swapped.
    SecretsRulesSwapped,
    /// INV-001 needs all three environments.
    NeutralityNeedsThree,
    /// Compositions leave out the adapters' accesses.
    NeutralityWithoutAccesses,
    /// Compositions leave out what ingresses expose.
    NeutralityWithoutExposure,
    /// DOC-009 only within one kind.
    DuplicatesWithinKind,
    /// DOC-009 and ENV-002 compare ids in ASCII lower case.
    IdsFolded,
    /// ENV-002 compares each environment with the previous present one only.
    SharedAdjacentOnly,
    /// ENV-002 only between components of one kind.
    SharedWithinKind,
}

/// One deliberate mistake (see the module docs for each family's definition).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    /// The rule is never reported.
    Drop(RuleId),
    /// Alone, the rule's verdict is turned upside down.
    Invert(RuleId),
    /// The depth limit is this instead of 64 (63 or 65).
    Depth(usize),
    /// The size limit is 64 MiB minus one byte (`false`) or plus one byte (`true`).
    Size(bool),
    /// An exactly-one rule (NET-001, ING-001, NET-003, PER-003) counts loosely.
    Count(RuleId, Relax),
    /// The largest IPv4 (`false`) or IPv6 (`true`) CIDR prefix accepted.
    CidrPrefix(bool, u32),
    /// The longest digit run of port forms 1 and 3 (4 or 6).
    PortDigits(usize),
    /// IPv6 CIDR blocks are missed.
    MissIpv6Cidr,
    /// The word form of ports (`port 443`) is missed.
    MissPortWord,
    /// Arrows from the Unicode arrow blocks are missed.
    MissUnicodeArrows,
    /// `<-` and `=>` are missed.
    MissLeftArrows,
    /// A parser mistake.
    Parse(Parse),
    /// A format mistake.
    Shape(Shape),
    /// A layer-2 violation that stops layer 3.
    Blocks(Blocker),
    /// A resolution mistake.
    Resolve(Resolve),
    /// A mistaken CIDR grammar.
    Cidr(Cidr),
    /// A mistaken port grammar.
    Port(Port),
    /// A mistaken arrow grammar.
    Arrow(Arrow),
    /// Mistaken provider-artifact grammars.
    Artifacts(Artifacts),
    /// A string position left out of or added to a scan.
    Skip(Skip),
    /// A mistaken layer-3 predicate.
    Predicate(Predicate),
}

/// A deliberately wrong checker with a name and a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mutant {
    /// Short stable name, such as `drop-NET-005` or `depth-65`.
    pub name: String,
    /// What the mistake is, for people.
    pub description: String,
    /// The mistake.
    pub mutation: Mutation,
}

/// The 96 realistic mistakes: name, description, mutation.
fn realistic() -> Vec<(&'static str, &'static str, Mutation)> {
    use Mutation as M;
    let p = Port::default();
    let ar = Arrow::default();
    let a = Artifacts::default();
    vec![
        (
            "parse-form-feed-whitespace",
            "form feed is whitespace between tokens",
            M::Parse(Parse::FormFeedWhitespace),
        ),
        (
            "parse-trims-unicode-whitespace",
            "the input is `str::trim`med of Unicode whitespace before parsing",
            M::Parse(Parse::TrimsUnicodeWhitespace),
        ),
        (
            "parse-bom-skipped",
            "a leading byte order mark is skipped",
            M::Parse(Parse::BomSkipped),
        ),
        (
            "parse-lone-surrogates-replaced",
            "unpaired surrogate escapes are read as U+FFFD",
            M::Parse(Parse::LoneSurrogatesReplaced),
        ),
        (
            "parse-solidus-escape-rejected",
            "`\\/` is missing from the escape table",
            M::Parse(Parse::SolidusEscapeRejected),
        ),
        (
            "parse-uppercase-hex-rejected",
            "upper-case hex digits are rejected in `\\u` escapes",
            M::Parse(Parse::UppercaseHexRejected),
        ),
        (
            "parse-raw-del-rejected",
            "a raw U+007F in a string is a control character",
            M::Parse(Parse::RawDelRejected),
        ),
        (
            "parse-raw-tab-accepted",
            "a raw tab in a string is accepted",
            M::Parse(Parse::RawTabAccepted),
        ),
        (
            "parse-utf8-lossy",
            "the input is decoded with `from_utf8_lossy` (invalid bytes become U+FFFD)",
            M::Parse(Parse::Utf8Lossy),
        ),
        (
            "parse-utf8-upfront",
            "the whole input is validated as UTF-8 before parsing",
            M::Parse(Parse::Utf8Upfront),
        ),
        (
            "parse-duplicates-after-parse",
            "duplicate names are looked for after a complete parse",
            M::Parse(Parse::DuplicatesAfterParse),
        ),
        (
            "parse-depth-after-parse",
            "depth is checked after the parse (a later syntax error or duplicate wins)",
            M::Parse(Parse::DepthAfterParse),
        ),
        (
            "parse-trailing-data-ignored",
            "whatever follows the first value is ignored",
            M::Parse(Parse::TrailingDataIgnored),
        ),
        (
            "parse-leading-zeros",
            "numbers may have leading zeros (`01`)",
            M::Parse(Parse::LeadingZerosAccepted),
        ),
        (
            "parse-lax-fractions",
            "`1.` and `.5` are numbers",
            M::Parse(Parse::LaxFractions),
        ),
        (
            "parse-literals-any-case",
            "`True`, `NULL` and other cases of the literals are accepted",
            M::Parse(Parse::LiteralsAnyCase),
        ),
        (
            "parse-depth-counts-scalars",
            "scalars count as a level of nesting",
            M::Parse(Parse::DepthCountsScalars),
        ),
        (
            "shape-null-as-absent",
            "a known member whose value is `null` is absent",
            M::Shape(Shape::NullAsAbsent),
        ),
        (
            "shape-empty-ref-allowed",
            "an empty reference is not DOC-008 (it resolves nowhere)",
            M::Shape(Shape::EmptyRefAllowed),
        ),
        (
            "shape-enum-any-case",
            "enumeration values are compared in any ASCII case",
            M::Shape(Shape::EnumAnyCase),
        ),
        (
            "shape-enum-trimmed",
            "enumeration values are trimmed",
            M::Shape(Shape::EnumTrimmed),
        ),
        (
            "shape-format-prefix",
            "`format` is accepted when it starts with `j43/1`",
            M::Shape(Shape::FormatPrefix),
        ),
        (
            "shape-bool-truthy",
            "`\"true\"`, `\"false\"`, `0` and `1` are booleans",
            M::Shape(Shape::BoolTruthy),
        ),
        (
            "shape-missing-arrays-empty",
            "absent environment arrays, targets and segments are `[]`",
            M::Shape(Shape::MissingArraysEmpty),
        ),
        (
            "shape-member-names-global",
            "a member name known to any kind is accepted on every kind",
            M::Shape(Shape::MemberNamesGlobal),
        ),
        (
            "shape-forbidden-any-case",
            "forbidden names are matched in any ASCII case",
            M::Shape(Shape::ForbiddenAnyCase),
        ),
        (
            "shape-unknown-values-examined",
            "unknown members' values are searched for forbidden names",
            M::Shape(Shape::UnknownValuesExamined),
        ),
        (
            "shape-forbidden-falsy-ignored",
            "a forbidden member with a falsy value is not reported",
            M::Shape(Shape::ForbiddenFalsyIgnored),
        ),
        (
            "shape-general-table-only",
            "the kind-specific forbidden tables are not consulted",
            M::Shape(Shape::GeneralTableOnly),
        ),
        (
            "shape-service-table-everywhere",
            "the Service forbidden table applies to every kind",
            M::Shape(Shape::ServiceTableEverywhere),
        ),
        (
            "shape-environment-names-any-case",
            "environment names are matched in any ASCII case",
            M::Shape(Shape::EnvironmentNamesAnyCase),
        ),
        (
            "blocks-unknown-member",
            "DOC-007 stops layer 3",
            M::Blocks(Blocker::UnknownMember),
        ),
        (
            "blocks-forbidden-member",
            "a forbidden member stops layer 3",
            M::Blocks(Blocker::Forbidden),
        ),
        (
            "blocks-environment-names",
            "ENV-001 stops layer 3",
            M::Blocks(Blocker::Environments),
        ),
        (
            "resolve-last-component",
            "a reference resolves to the last component of its kind with its id",
            M::Resolve(Resolve::LastComponent),
        ),
        (
            "resolve-kind-ignored",
            "a reference resolves to the first component with its id, whatever its kind",
            M::Resolve(Resolve::KindIgnored),
        ),
        (
            "resolve-other-environment-first",
            "another environment is looked at before the own environment's other kinds",
            M::Resolve(Resolve::OtherEnvironmentFirst),
        ),
        (
            "resolve-other-environment-same-kind",
            "another environment's component counts only if it has the reference's kind",
            M::Resolve(Resolve::OtherEnvironmentSameKind),
        ),
        (
            "resolve-targets-unchecked",
            "ingress targets are not checked",
            M::Resolve(Resolve::TargetsUnchecked),
        ),
        (
            "cidr-first-slash-only",
            "only the first `/` of a string is looked at",
            M::Cidr(Cidr::FirstSlashOnly),
        ),
        (
            "cidr-groups-unbounded",
            "IPv4 groups of any value (`999.1.1.1/8`)",
            M::Cidr(Cidr::GroupsUnbounded),
        ),
        (
            "cidr-no-leading-zeros",
            "leading zeros rejected in IPv4 groups and prefixes",
            M::Cidr(Cidr::NoLeadingZeros),
        ),
        (
            "cidr-netmask-missed",
            "a dotted netmask is not a prefix",
            M::Cidr(Cidr::NetmaskMissed),
        ),
        (
            "cidr-prefix-any-length",
            "prefixes of any number of digits (`/0032`)",
            M::Cidr(Cidr::PrefixAnyLength),
        ),
        (
            "cidr-leading-dot-kept",
            "A4's leading dots are kept (`ip.10.0.0.0/8` missed)",
            M::Cidr(Cidr::LeadingDotKept),
        ),
        (
            "cidr-v6-leading-colon-kept",
            "A6's single leading colon is kept (`subnet:2001:db8::/32` missed)",
            M::Cidr(Cidr::V6LeadingColonKept),
        ),
        (
            "cidr-unicode-digits",
            "any Unicode decimal digit counts (`\\d`)",
            M::Cidr(Cidr::UnicodeDigits),
        ),
        (
            "port-first-colon-only",
            "form 1 looks at the first `:` only",
            M::Port(Port {
                first_colon_only: true,
                ..p
            }),
        ),
        (
            "port-letter-after",
            "form 1 allows a letter after the digits (`stroke-width:2px`)",
            M::Port(Port {
                letter_after: true,
                ..p
            }),
        ),
        (
            "port-word-after-letter",
            "form 2 allows a letter before `port` (`support 3`)",
            M::Port(Port {
                after_letter: true,
                ..p
            }),
        ),
        (
            "port-word-unicode-fold",
            "form 2 folds `ſ` to `s` (`portſ 1`)",
            M::Port(Port {
                unicode_fold: true,
                ..p
            }),
        ),
        (
            "port-word-spaces-only",
            "form 2 allows only spaces before the digit",
            M::Port(Port {
                spaces_only: true,
                ..p
            }),
        ),
        (
            "port-word-lowercase-only",
            "form 2 matches lower-case `port` only",
            M::Port(Port {
                case_sensitive: true,
                ..p
            }),
        ),
        (
            "port-protocol-forms-missed",
            "forms 3 and 4 (`443/tcp`, `tcp/443`) are missed",
            M::Port(Port {
                no_protocol: true,
                ..p
            }),
        ),
        (
            "port-tcp-number-bounded",
            "form 4 takes 1 to 5 digits only (`tcp/123456` missed)",
            M::Port(Port {
                tcp_bounded: true,
                ..p
            }),
        ),
        (
            "arrow-dashes-missed",
            "a Unicode dash with `>` is not an arrow",
            M::Arrow(Arrow {
                no_dashes: true,
                ..ar
            }),
        ),
        (
            "arrow-less-equal-excluded",
            "`<=` is not an arrow",
            M::Arrow(Arrow {
                no_less_equal: true,
                ..ar
            }),
        ),
        (
            "arrow-ranges-half-open",
            "the last character of each arrow range is not an arrow",
            M::Arrow(Arrow {
                half_open: true,
                ..ar
            }),
        ),
        (
            "region-any-case",
            "region codes in any case (`US-EAST-1`)",
            M::Artifacts(Artifacts {
                region_any_case: true,
                ..a
            }),
        ),
        (
            "region-no-end-check",
            "no check after a region code's digits (`us-east-1ab`)",
            M::Artifacts(Artifacts {
                region_no_end: true,
                ..a
            }),
        ),
        (
            "region-no-start-boundary",
            "no boundary before a region code (`bus-east-1`)",
            M::Artifacts(Artifacts {
                region_no_start: true,
                ..a
            }),
        ),
        (
            "region-aws-only",
            "GCP region codes (`europe-west1`) are missed",
            M::Artifacts(Artifacts {
                region_aws_only: true,
                ..a
            }),
        ),
        (
            "arn-aws-partition-only",
            "`arn:aws-` (other partitions) is missed",
            M::Artifacts(Artifacts {
                arn_aws_only: true,
                ..a
            }),
        ),
        (
            "hcl-label-enough",
            "a keyword, blanks and a quoted label are an HCL block header",
            M::Artifacts(Artifacts {
                hcl_label_only: true,
                ..a
            }),
        ),
        (
            "cfn-any-aws-colons",
            "`AWS::` is CloudFormation whatever follows",
            M::Artifacts(Artifacts { cfn_any: true, ..a }),
        ),
        (
            "api-version-any-case",
            "`apiVersion:` in any case",
            M::Artifacts(Artifacts {
                api_any_case: true,
                ..a
            }),
        ),
        (
            "scan-skips-ids",
            "ids are not scanned for CIDR blocks and artifacts",
            M::Skip(Skip::Ids),
        ),
        (
            "scan-skips-names",
            "logical names and engines are not scanned",
            M::Skip(Skip::Names),
        ),
        (
            "scan-skips-refs",
            "references are not scanned",
            M::Skip(Skip::Refs),
        ),
        (
            "scan-skips-descriptions",
            "descriptions are not scanned",
            M::Skip(Skip::Descriptions),
        ),
        (
            "scan-skips-design-name",
            "the design's name is not scanned",
            M::Skip(Skip::DesignName),
        ),
        (
            "scan-skips-diagrams",
            "diagram titles and contents are not scanned for CIDR blocks and artifacts",
            M::Skip(Skip::Diagrams),
        ),
        (
            "scan-titles-not-diagrams",
            "diagram titles are not scanned for ports and arrows",
            M::Skip(Skip::TitlesForPorts),
        ),
        (
            "scan-descriptions-as-diagrams",
            "descriptions are scanned for ports and arrows too",
            M::Skip(Skip::PortsInDescriptions),
        ),
        (
            "net002-networks-unchecked",
            "NET-002 does not look at networks",
            M::Predicate(Predicate::NetworkVisibilityUnchecked),
        ),
        (
            "net003-first-network-only",
            "NET-003 looks at the first network only",
            M::Predicate(Predicate::SegmentsFirstNetworkOnly),
        ),
        (
            "net004-ingress-unchecked",
            "NET-004 does not look at ingresses",
            M::Predicate(Predicate::IngressPlacementUnchecked),
        ),
        (
            "net004-unresolved-misplaced",
            "a segment reference that does not resolve is NET-004 too",
            M::Predicate(Predicate::UnresolvedSegmentMisplaced),
        ),
        (
            "cmp001-only-batch",
            "only `batch` is not long-lived",
            M::Predicate(Predicate::OnlyBatch),
        ),
        (
            "cmp003-absent-scaling",
            "an absent `scaling` is CMP-003",
            M::Predicate(Predicate::AbsentScaling),
        ),
        (
            "names-folded",
            "logical names compared trimmed and in ASCII lower case",
            M::Predicate(Predicate::NamesFolded),
        ),
        (
            "names-across-kinds",
            "a database named like a service is a second instance",
            M::Predicate(Predicate::NamesAcrossKinds),
        ),
        (
            "engine-any-case",
            "engines compared in any ASCII case",
            M::Predicate(Predicate::EngineAnyCase),
        ),
        (
            "engine-prefix",
            "an engine starting with `postgres` is PostgreSQL",
            M::Predicate(Predicate::EnginePrefix),
        ),
        (
            "writers-by-adapter",
            "writers counted by read-write adapter, not by service",
            M::Predicate(Predicate::WritersByAdapter),
        ),
        (
            "writers-any-access",
            "any adapter, read-only too, makes a writer",
            M::Predicate(Predicate::WritersAnyAccess),
        ),
        (
            "writers-unresolved",
            "writers are the `service` strings of read-write adapters, resolved or not",
            M::Predicate(Predicate::WritersUnresolved),
        ),
        (
            "tls-none-allowed",
            "`tls_termination: none` is accepted",
            M::Predicate(Predicate::TlsNoneAllowed),
        ),
        (
            "secrets-rules-swapped",
            "CFG-002 and CFG-003 swapped",
            M::Predicate(Predicate::SecretsRulesSwapped),
        ),
        (
            "inv001-needs-three",
            "INV-001 only when all three environments are present",
            M::Predicate(Predicate::NeutralityNeedsThree),
        ),
        (
            "inv001-without-accesses",
            "compositions leave out the adapters' accesses",
            M::Predicate(Predicate::NeutralityWithoutAccesses),
        ),
        (
            "inv001-without-exposure",
            "compositions leave out what the ingresses expose",
            M::Predicate(Predicate::NeutralityWithoutExposure),
        ),
        (
            "doc009-within-kind",
            "DOC-009 only between components of one kind",
            M::Predicate(Predicate::DuplicatesWithinKind),
        ),
        (
            "ids-folded",
            "DOC-009 and ENV-002 compare ids in ASCII lower case",
            M::Predicate(Predicate::IdsFolded),
        ),
        (
            "env002-adjacent-only",
            "ENV-002 compares each environment with the previous one only",
            M::Predicate(Predicate::SharedAdjacentOnly),
        ),
        (
            "env002-within-kind",
            "ENV-002 only between components of one kind",
            M::Predicate(Predicate::SharedWithinKind),
        ),
    ]
}

/// Every mutant: 134 derived from the catalog (56 drops, 56 inversions, 12 bounds, 4 CIDR
/// prefixes, 2 port digits, 4 grammars) and 96 realistic mistakes.
pub fn all() -> Vec<Mutant> {
    let mut out = Vec::new();
    for &r in RuleId::ALL {
        out.push(Mutant::new(
            format!("drop-{r}"),
            format!("never reports {r} ({})", r.info().title),
            Mutation::Drop(r),
        ));
    }
    for &r in RuleId::ALL {
        out.push(Mutant::new(
            format!("invert-{r}"),
            format!("authorizes documents whose only violation is {r}, rejects authorized ones with {r}"),
            Mutation::Invert(r),
        ));
    }
    out.push(Mutant::new(
        "depth-63",
        "nesting limit 63 instead of 64",
        Mutation::Depth(63),
    ));
    out.push(Mutant::new(
        "depth-65",
        "nesting limit 65 instead of 64",
        Mutation::Depth(65),
    ));
    out.push(Mutant::new(
        "size-minus-1",
        "size limit 67,108,863 bytes",
        Mutation::Size(false),
    ));
    out.push(Mutant::new(
        "size-plus-1",
        "size limit 67,108,865 bytes",
        Mutation::Size(true),
    ));
    for r in [
        RuleId::Net001,
        RuleId::Ing001,
        RuleId::Net003,
        RuleId::Per003,
    ] {
        out.push(Mutant::new(
            format!("{r}-at-most-one"),
            format!("{r} counts `<= 1` instead of exactly one"),
            Mutation::Count(r, Relax::AtMostOne),
        ));
        out.push(Mutant::new(
            format!("{r}-at-least-one"),
            format!("{r} counts `>= 1` instead of exactly one"),
            Mutation::Count(r, Relax::AtLeastOne),
        ));
    }
    for (v6, bound) in [(false, 31), (false, 33), (true, 127), (true, 129)] {
        let family = if v6 { "v6" } else { "v4" };
        out.push(Mutant::new(
            format!("cidr-{family}-prefix-{bound}"),
            format!("IP{family} CIDR prefixes up to {bound}"),
            Mutation::CidrPrefix(v6, bound),
        ));
    }
    for digits in [4, 6] {
        out.push(Mutant::new(
            format!("port-digits-{digits}"),
            format!("ports of 1 to {digits} digits after `:` or before `/tcp`"),
            Mutation::PortDigits(digits),
        ));
    }
    out.push(Mutant::new(
        "miss-ipv6-cidr",
        "IPv6 CIDR blocks are not seen",
        Mutation::MissIpv6Cidr,
    ));
    out.push(Mutant::new(
        "miss-port-word",
        "`port 443` (port form 2) is not seen",
        Mutation::MissPortWord,
    ));
    out.push(Mutant::new(
        "miss-unicode-arrows",
        "arrows of the Unicode arrow blocks are not seen",
        Mutation::MissUnicodeArrows,
    ));
    out.push(Mutant::new(
        "miss-left-arrows",
        "`<-` and `=>` are not arrows",
        Mutation::MissLeftArrows,
    ));
    for (name, description, mutation) in realistic() {
        out.push(Mutant::new(name, description, mutation));
    }
    out
}

/// A document with what the reference found on it, and what mutants read from it, each read
/// at most once however many mutants ask.
pub struct Subject<'a> {
    document: &'a [u8],
    reference: &'a Report,
    rules: BTreeSet<RuleId>,
    parsed: OnceCell<Option<Value>>,
    texts: OnceCell<Vec<Text>>,
    text_violations: OnceCell<Vec<bool>>,
    utf8: OnceCell<bool>,
    problem: OnceCell<usize>,
    in_strings: OnceCell<[Option<usize>; 3]>,
    model: OnceCell<model::Model>,
}

impl<'a> Subject<'a> {
    /// A document and the reference's report on it (`j43_model::check(document)`).
    pub fn new(document: &'a [u8], reference: &'a Report) -> Subject<'a> {
        Subject {
            document,
            reference,
            rules: reference.rules(),
            parsed: OnceCell::new(),
            texts: OnceCell::new(),
            text_violations: OnceCell::new(),
            utf8: OnceCell::new(),
            problem: OnceCell::new(),
            in_strings: OnceCell::new(),
            model: OnceCell::new(),
        }
    }

    /// The reference's rule set.
    pub fn rules(&self) -> &BTreeSet<RuleId> {
        &self.rules
    }

    fn parsed(&self) -> Option<&Value> {
        self.parsed
            .get_or_init(|| {
                if self.rules.iter().any(|r| r.is_parse()) {
                    None
                } else {
                    json::parse(self.document).ok()
                }
            })
            .as_ref()
    }

    /// True when the whole document is valid UTF-8.
    fn utf8(&self) -> bool {
        *self
            .utf8
            .get_or_init(|| std::str::from_utf8(self.document).is_ok())
    }

    /// The first offset inside a string of: a `\/` escape, a `\u` escape with an upper-case
    /// hex digit, a raw U+007F (one pass over the document).
    fn in_strings(&self) -> [Option<usize>; 3] {
        *self.in_strings.get_or_init(|| {
            let mut found = [None; 3];
            bytes::first_in_strings(self.document, |r| {
                let hits = [
                    r.starts_with(b"\\/"),
                    r.starts_with(b"\\u")
                        && r.get(2..6).is_some_and(|h| {
                            h.iter().all(u8::is_ascii_hexdigit)
                                && h.iter().any(u8::is_ascii_uppercase)
                        }),
                    r.first() == Some(&0x7f),
                ];
                for (slot, hit) in found.iter_mut().zip(hits) {
                    if hit && slot.is_none() {
                        *slot = Some(self.document.len() - r.len());
                    }
                }
                found.iter().all(Option::is_some)
            });
            found
        })
    }

    /// The offset of the reference's parse problem (`usize::MAX` when it parses).
    fn problem(&self) -> usize {
        *self.problem.get_or_init(|| {
            if self.rules.iter().any(|r| r.is_parse()) {
                json::parse(self.document)
                    .err()
                    .map_or(usize::MAX, |e| e.offset)
            } else {
                usize::MAX
            }
        })
    }

    /// True when the reference ran layer 3: the document parsed and nothing blocked.
    fn layer3(&self) -> bool {
        !self.rules.iter().any(|r| r.is_parse() || r.is_blocking())
    }

    fn texts(&self) -> &[Text] {
        self.texts
            .get_or_init(|| self.parsed().map(format::texts).unwrap_or_default())
    }

    /// For each violation of the reference, whether it is at a typed string (a text finding
    /// of a grammar, not a member of layer 2).
    fn text_violations(&self) -> &[bool] {
        self.text_violations.get_or_init(|| {
            let typed: std::collections::HashSet<&str> =
                self.texts().iter().map(|t| t.pointer.as_str()).collect();
            self.violations()
                .iter()
                .map(|v| typed.contains(v.pointer.as_str()))
                .collect()
        })
    }

    fn model(&self) -> &model::Model {
        self.model.get_or_init(|| {
            if self.layer3() {
                self.parsed().map(model::Model::read).unwrap_or_default()
            } else {
                model::Model::default()
            }
        })
    }

    fn violations(&self) -> &[Violation] {
        self.reference.violations()
    }
}

fn rules_of<'v>(violations: impl IntoIterator<Item = &'v Violation>) -> BTreeSet<RuleId> {
    violations.into_iter().map(|v| v.rule).collect()
}

/// The reference's violations but those `drop` selects, plus `add`.
fn filtered(s: &Subject, drop: impl Fn(&Violation) -> bool, add: &[RuleId]) -> BTreeSet<RuleId> {
    let mut out = rules_of(s.violations().iter().filter(|v| !drop(v)));
    out.extend(add.iter().copied());
    out
}

/// The reference's violations with `f` choosing each one's rule (`None`: dropped).
fn remapped(s: &Subject, f: impl Fn(&Violation) -> Option<RuleId>) -> BTreeSet<RuleId> {
    s.violations().iter().filter_map(f).collect()
}

impl Mutant {
    /// A mutant from its parts.
    pub fn new(
        name: impl Into<String>,
        description: impl Into<String>,
        mutation: Mutation,
    ) -> Mutant {
        Mutant {
            name: name.into(),
            description: description.into(),
            mutation,
        }
    }

    /// The mutant's rule set for a document (empty means authorized).
    pub fn rules(&self, document: &[u8]) -> BTreeSet<RuleId> {
        let report = check(document);
        self.judge(&Subject::new(document, &report))
    }

    /// The mutant's rule set for a document whose reference report is known.
    pub fn judge(&self, s: &Subject<'_>) -> BTreeSet<RuleId> {
        let rules = s.rules.clone();
        match self.mutation {
            Mutation::Drop(r) => rules.into_iter().filter(|x| *x != r).collect(),
            Mutation::Invert(r) => {
                if rules.is_empty() {
                    BTreeSet::from([r])
                } else if rules.len() == 1 && rules.contains(&r) {
                    BTreeSet::new()
                } else {
                    rules
                }
            }
            Mutation::Depth(limit) => depth(s, limit),
            Mutation::Size(looser) => size(s.document, looser, rules),
            Mutation::Count(rule, relax) => count(s, rule, relax),
            Mutation::CidrPrefix(..)
            | Mutation::PortDigits(_)
            | Mutation::MissIpv6Cidr
            | Mutation::MissPortWord
            | Mutation::MissUnicodeArrows
            | Mutation::MissLeftArrows => match s.parsed() {
                None => rules,
                // Only typed strings matter: with no `/` in one (CIDR) or no diagram (ports,
                // arrows), the rewrite cannot change the answer.
                Some(_) if !legacy_relevant(s, self.mutation) => rules,
                Some(value) => {
                    let mut value = value.clone();
                    if rewrite(&mut value, self.mutation) {
                        check_value(&value).rules()
                    } else {
                        rules
                    }
                }
            },
            Mutation::Parse(p) => parse_mistake(s, p),
            Mutation::Shape(m) => shape_mistake(s, m),
            Mutation::Blocks(b) => blocks(s, b),
            Mutation::Resolve(r) => resolve(s, r),
            Mutation::Cidr(c) => rescan(s, &[RuleId::Net005], |t, rule| {
                if rule == RuleId::Net005 {
                    c.finds(&t.text)
                } else {
                    reference_finds(t, rule)
                }
            }),
            Mutation::Port(p) => rescan(s, &[RuleId::Fbd009], |t, _| {
                t.in_diagram() && (t.found & Found::ARROW != 0 || p.finds(&t.text))
            }),
            Mutation::Arrow(a) => rescan(s, &[RuleId::Fbd009], |t, _| {
                t.in_diagram() && (t.found & Found::PORT != 0 || a.finds(&t.text))
            }),
            Mutation::Artifacts(a) => {
                let rule = a.rule();
                rescan(s, &[rule], |t, _| match rule {
                    RuleId::Fbd001 => a.iac(&t.text),
                    RuleId::Fbd003 => a.region(&t.text),
                    RuleId::Fbd008 => a.arn(&t.text),
                    _ => a.manifest(&t.text),
                })
            }
            Mutation::Skip(k) => skip(s, k),
            Mutation::Predicate(p) => predicate(s, p),
        }
    }
}

/// Whether the rewrite of a legacy grammar mutant changes a typed string (a string layer 2
/// examines; no other string can change the answer).
fn legacy_relevant(s: &Subject, mutation: Mutation) -> bool {
    let cidr = matches!(mutation, Mutation::CidrPrefix(..) | Mutation::MissIpv6Cidr);
    s.texts().iter().any(|t| {
        let concerned = if cidr {
            t.text.contains('/')
        } else {
            t.in_diagram()
        };
        concerned && rewrite_text(&t.text, mutation) != t.text
    })
}

impl Checker for Mutant {
    fn name(&self) -> String {
        format!("mutant {}", self.name)
    }

    fn level(&self) -> Level {
        Level::Rules
    }

    fn check(&mut self, document: &[u8]) -> j43_conformance::Result<CaseResult> {
        Ok(Ok(Answer::from(self.rules(document))))
    }
}

/// What [`judge_suite`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Judged {
    /// For each mutant, the indices of the cases whose rule set it gets wrong.
    pub disagreeing: Vec<Vec<usize>>,
    /// The cases on which a predicate decided again with the reference's knobs does not
    /// agree with the reference ([`predicates_agree`]); empty when every mutant starts from
    /// the reference's reading.
    pub mismatches: Vec<String>,
}

/// Every mutant of `mutants` on every case: the reference's answer is each case's oracle
/// (`Case::expected`), computed once, and each document is read once for all mutants. Work
/// is split over `threads` threads.
pub fn judge_suite(mutants: &[Mutant], cases: &[j43_conformance::Case], threads: usize) -> Judged {
    let threads = threads.max(1);
    let chunk = cases.len().div_ceil(threads).max(1);
    let parts: Vec<Judged> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(chunk)
            .enumerate()
            .map(|(k, part)| {
                scope.spawn(move || {
                    let mut out = Judged {
                        disagreeing: vec![Vec::new(); mutants.len()],
                        mismatches: Vec::new(),
                    };
                    for (i, case) in part.iter().enumerate() {
                        let subject = Subject::new(&case.document, &case.expected);
                        for (m, mutant) in mutants.iter().enumerate() {
                            if mutant.judge(&subject) != subject.rules {
                                if let Some(f) = out.disagreeing.get_mut(m) {
                                    f.push(k * chunk + i);
                                }
                            }
                        }
                        if let Err(e) = agree(&subject) {
                            out.mismatches.push(format!("{}: {e}", case.id));
                        }
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut all = Judged {
        disagreeing: vec![Vec::new(); mutants.len()],
        mismatches: Vec::new(),
    };
    for part in parts {
        for (m, found) in part.disagreeing.into_iter().enumerate() {
            if let Some(o) = all.disagreeing.get_mut(m) {
                o.extend(found);
            }
        }
        all.mismatches.extend(part.mismatches);
    }
    all
}

/// The number of cases, in suite order, that `checker` needs before its first disagreement with
/// the reference (or error) at `level`: the 1-based position of that case, or `None` when it
/// agrees on every case. Runs the conformance runner on growing chunks and stops at the first.
pub fn cases_to_first_disagreement(
    checker: &mut dyn Checker,
    cases: &[j43_conformance::Case],
    level: Level,
) -> j43_conformance::Result<Option<usize>> {
    let options = j43_conformance::RunOptions {
        level,
        batch: 64,
        keep: 1,
    };
    let mut start = 0;
    let mut chunk = 64;
    while start < cases.len() {
        let end = (start + chunk).min(cases.len());
        let slice = cases.get(start..end).unwrap_or_default();
        let result = j43_conformance::run(checker, slice, &options, &mut |_| {})?;
        let first = result
            .disagreements
            .iter()
            .map(|d| d.case)
            .chain(result.errors.iter().map(|f| f.case))
            .min();
        if let Some(i) = first {
            return Ok(Some(start + i + 1));
        }
        start = end;
        chunk = chunk.saturating_mul(2);
    }
    Ok(None)
}

/// One row of [`table`]: a mutant and the cases of the suite it disagrees on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The mutant's name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// The number of cases on which it disagrees with the reference.
    pub disagreeing: usize,
    /// Of those, the boundary cases.
    pub boundary: usize,
    /// The 1-based position of the first, if any.
    pub first: Option<usize>,
}

/// The rows of `mutants` on the suite `cases`, from what [`judge_suite`] found.
pub fn rows(mutants: &[Mutant], cases: &[j43_conformance::Case], judged: &Judged) -> Vec<Row> {
    mutants
        .iter()
        .zip(judged.disagreeing.iter().cloned())
        .map(|(m, idx)| Row {
            name: m.name.clone(),
            description: m.description.clone(),
            disagreeing: idx.len(),
            boundary: idx
                .iter()
                .filter(|&&i| {
                    cases
                        .get(i)
                        .is_some_and(|c| c.source == j43_conformance::Source::Boundary)
                })
                .count(),
            first: idx.iter().min().map(|i| i + 1),
        })
        .collect()
}

/// A Markdown table of the rows, for `candidates/MUTANTS.md`
/// (`cargo run -q --release -p j43-candidates --bin j43-mutants`).
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| mutant | what is wrong | disagreeing cases | of which boundary cases | first disagreement |\n| --- | --- | ---: | ---: | ---: |\n",
    );
    for r in rows {
        let first = r
            .first
            .map_or_else(|| "**survives**".to_owned(), |n| n.to_string());
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.name,
            r.description.replace('|', "\\|"),
            r.disagreeing,
            r.boundary,
            first
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Parser mistakes.

fn parse_mistake(s: &Subject, p: Parse) -> BTreeSet<RuleId> {
    let rules = s.rules.clone();
    let doc = s.document;
    if doc.len() > MAX_SIZE {
        return rules;
    }
    let malformed = rules == BTreeSet::from([RuleId::Doc001]);
    // Mistakes that meet something before the reference's parse problem.
    let earlier = |at: Option<usize>| -> BTreeSet<RuleId> {
        match at {
            Some(at) if at < s.problem() => BTreeSet::from([RuleId::Doc001]),
            _ => rules.clone(),
        }
    };
    let recheck = |d: Option<Vec<u8>>| d.map_or_else(|| rules.clone(), |d| check(&d).rules());
    match p {
        Parse::FormFeedWhitespace if malformed => recheck(bytes::replace_outside(doc, 0x0c, b' ')),
        Parse::TrimsUnicodeWhitespace => {
            // Only whitespace outside the four JSON ones at an end can change the answer.
            let json_ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
            let inner = doc.iter().position(|b| !json_ws(b)).map(|a| {
                let z = doc.iter().rposition(|b| !json_ws(b)).unwrap_or(a);
                (doc.get(a).copied(), doc.get(z).copied())
            });
            let plain =
                |b: Option<u8>| b.is_some_and(|b| b.is_ascii() && !matches!(b, 0x0b | 0x0c));
            match (inner, std::str::from_utf8(doc)) {
                (Some((a, z)), _) if plain(a) && plain(z) => rules,
                (_, Ok(text))
                    if text.trim().len()
                        != text
                            .trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
                            .len() =>
                {
                    check(text.trim().as_bytes()).rules()
                }
                _ => rules,
            }
        }
        Parse::BomSkipped => match doc.strip_prefix(b"\xef\xbb\xbf") {
            Some(rest) => check(rest).rules(),
            None => rules,
        },
        Parse::LoneSurrogatesReplaced if malformed => recheck(bytes::replace_lone_surrogates(doc)),
        Parse::SolidusEscapeRejected => earlier(s.in_strings()[0]),
        Parse::UppercaseHexRejected => earlier(s.in_strings()[1]),
        Parse::RawDelRejected => earlier(s.in_strings()[2]),
        Parse::RawTabAccepted if malformed => recheck(bytes::escape_raw_tabs(doc)),
        Parse::Utf8Lossy => match s.utf8() {
            true => rules,
            false => {
                let lossy = String::from_utf8_lossy(doc);
                if lossy.len() > MAX_SIZE {
                    rules
                } else {
                    check(lossy.as_bytes()).rules()
                }
            }
        },
        Parse::Utf8Upfront if !s.utf8() => BTreeSet::from([RuleId::Doc001]),
        Parse::DuplicatesAfterParse if rules == BTreeSet::from([RuleId::Doc002]) => {
            duplicates_after_parse(doc)
        }
        Parse::DepthAfterParse if rules == BTreeSet::from([RuleId::Doc003]) => {
            match json::parse(&bytes::flatten_beyond(doc, json::MAX_DEPTH)) {
                Ok(_) => rules,
                Err(e) => BTreeSet::from([e.rule]),
            }
        }
        Parse::TrailingDataIgnored if malformed => match bytes::value_end(doc) {
            Some(end) if end < doc.len() => check(doc.get(..end).unwrap_or_default()).rules(),
            _ => rules,
        },
        Parse::LeadingZerosAccepted if malformed => {
            recheck(bytes::rewrite_tokens(doc, leading_zeros))
        }
        Parse::LaxFractions if malformed => recheck(bytes::rewrite_tokens(doc, lax_fraction)),
        Parse::LiteralsAnyCase if malformed => recheck(bytes::rewrite_tokens(doc, |t| {
            ["true", "false", "null"]
                .iter()
                .find(|l| t.eq_ignore_ascii_case(l.as_bytes()) && t != l.as_bytes())
                .map(|l| l.as_bytes().to_vec())
        })),
        Parse::DepthCountsScalars => match s.parsed() {
            Some(v) if scalar_depth(v, 1) > json::MAX_DEPTH => BTreeSet::from([RuleId::Doc003]),
            _ => rules,
        },
        _ => rules,
    }
}

/// A parser that finds duplicate names only after a complete parse: the second occurrence of
/// each duplicate is renamed (an `⊕` before its closing quote) until the document parses or
/// fails for another reason, which is then the answer.
fn duplicates_after_parse(doc: &[u8]) -> BTreeSet<RuleId> {
    let mut d = doc.to_vec();
    for n in 0..1000usize {
        match json::parse(&d) {
            Ok(_) => return BTreeSet::from([RuleId::Doc002]),
            Err(e) if e.rule == RuleId::Doc002 => {
                let tag = format!("\u{2295}{n}");
                let at = e.offset.min(d.len());
                d.splice(at..at, tag.bytes());
            }
            Err(e) => return BTreeSet::from([e.rule]),
        }
    }
    BTreeSet::from([RuleId::Doc002])
}

/// `-?0\d+…` with its leading zeros removed.
fn leading_zeros(t: &[u8]) -> Option<Vec<u8>> {
    let (sign, digits) = match t.strip_prefix(b"-") {
        Some(rest) => (&b"-"[..], rest),
        None => (&b""[..], t),
    };
    let int = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    if int < 2 || digits.first() != Some(&b'0') {
        return None;
    }
    let zeros = digits
        .iter()
        .take_while(|b| **b == b'0')
        .count()
        .min(int - 1);
    let mut out = sign.to_vec();
    out.extend_from_slice(digits.get(zeros..).unwrap_or_default());
    Some(out)
}

/// `1.` as `1.0`, `.5` as `0.5`, `1.e5` as `1.0e5`.
fn lax_fraction(t: &[u8]) -> Option<Vec<u8>> {
    let (sign, body) = match t.strip_prefix(b"-") {
        Some(rest) => (&b"-"[..], rest),
        None => (&b""[..], t),
    };
    let mut out = sign.to_vec();
    let mut changed = false;
    if body.first() == Some(&b'.') {
        out.push(b'0');
        changed = true;
    }
    for (i, &b) in body.iter().enumerate() {
        out.push(b);
        let next = body.get(i + 1);
        if b == b'.' && !next.is_some_and(u8::is_ascii_digit) {
            out.push(b'0');
            changed = true;
        }
    }
    (changed
        && body
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')))
    .then_some(out)
}

/// The depth of the deepest value, scalars counting as a level.
fn scalar_depth(v: &Value, depth: usize) -> usize {
    match v {
        Value::Array(items) => items
            .iter()
            .map(|x| scalar_depth(x, depth + 1))
            .max()
            .unwrap_or(depth),
        Value::Object(members) => members
            .iter()
            .map(|(_, x)| scalar_depth(x, depth + 1))
            .max()
            .unwrap_or(depth),
        _ => depth,
    }
}

// ---------------------------------------------------------------------------------------
// Format mistakes.

/// An edit of an object's members, given its kind; true when it changed something.
type ObjectEdit<'f> = dyn FnMut(&mut Vec<(String, Value)>, ObjectKind) -> bool + 'f;

/// Applies `f` to every object of the document with its kind (`Environments` included),
/// through the typed positions layer 2 descends into.
fn each_object(v: &mut Value, kind: ObjectKind, f: &mut ObjectEdit<'_>) -> bool {
    let Value::Object(members) = v else {
        return false;
    };
    let mut changed = f(members, kind);
    for (name, value) in members.iter_mut() {
        match format::member_type(kind, name).map(|(t, _)| t) {
            Some(Type::Object(k)) => changed |= each_object(value, k, f),
            Some(Type::Array(Type::Object(k))) => {
                if let Value::Array(items) = value {
                    for item in items {
                        changed |= each_object(item, *k, f);
                    }
                }
            }
            _ => {}
        }
    }
    changed
}

/// Applies `f` to every value at a typed position that is not an object (with its type, the
/// kind holding it and the member's name), returning whether any changed.
fn each_typed(
    v: &mut Value,
    kind: ObjectKind,
    f: &mut dyn FnMut(&mut Value, Type, ObjectKind, &str) -> bool,
) -> bool {
    let Value::Object(members) = v else {
        return false;
    };
    let mut changed = false;
    for (name, value) in members.iter_mut() {
        let Some((ty, _)) = format::member_type(kind, name) else {
            continue;
        };
        match (ty, &mut *value) {
            (Type::Object(k), Value::Object(_)) => changed |= each_typed(value, k, f),
            (Type::Array(inner), Value::Array(items)) => {
                for item in items.iter_mut() {
                    match inner {
                        Type::Object(k) => changed |= each_typed(item, *k, f),
                        t => changed |= f(item, *t, kind, name),
                    }
                }
            }
            (t, _) => changed |= f(value, t, kind, name),
        }
    }
    changed
}

fn shape_mistake(s: &Subject, m: Shape) -> BTreeSet<RuleId> {
    let rules = s.rules.clone();
    let Some(parsed) = s.parsed() else {
        return rules;
    };
    let unknown_name = |v: &Violation| format::position(&v.pointer).name;
    // Each mistake changes only documents the reference rejects for one reason.
    let needs = match m {
        Shape::NullAsAbsent | Shape::BoolTruthy => Some(RuleId::Doc005),
        Shape::EmptyRefAllowed | Shape::EnumAnyCase | Shape::EnumTrimmed | Shape::FormatPrefix => {
            Some(RuleId::Doc008)
        }
        Shape::MissingArraysEmpty => Some(RuleId::Doc006),
        Shape::EnvironmentNamesAnyCase => Some(RuleId::Env001),
        Shape::MemberNamesGlobal
        | Shape::ForbiddenAnyCase
        | Shape::UnknownValuesExamined
        | Shape::ServiceTableEverywhere => Some(RuleId::Doc007),
        Shape::ForbiddenFalsyIgnored | Shape::GeneralTableOnly => None,
    };
    if needs.is_some_and(|r| !rules.contains(&r)) {
        return rules;
    }
    match m {
        Shape::NullAsAbsent => rewritten(s, parsed, |v| {
            each_object(v, ObjectKind::Document, &mut |members, kind| {
                let before = members.len();
                members.retain(|(n, x)| {
                    !(matches!(x, Value::Null) && format::member_type(kind, n).is_some())
                });
                members.len() != before
            })
        }),
        Shape::EmptyRefAllowed => rewritten(s, parsed, |v| {
            each_typed(v, ObjectKind::Document, &mut |x, ty, _, _| {
                if matches!(ty, Type::Ref(_)) && x.as_str() == Some("") {
                    *x = Value::String("\u{2295}".to_owned());
                    true
                } else {
                    false
                }
            })
        }),
        Shape::EnumAnyCase | Shape::EnumTrimmed => rewritten(s, parsed, |v| {
            each_typed(v, ObjectKind::Document, &mut |x, ty, _, _| {
                let (Type::Enum(allowed), Some(text)) = (ty, x.as_str()) else {
                    return false;
                };
                if allowed.contains(&text) {
                    return false;
                }
                let hit = allowed.iter().find(|a| match m {
                    Shape::EnumAnyCase => a.eq_ignore_ascii_case(text),
                    _ => **a == text.trim(),
                });
                match hit {
                    Some(a) => {
                        *x = Value::String((*a).to_owned());
                        true
                    }
                    None => false,
                }
            })
        }),
        Shape::FormatPrefix => rewritten(s, parsed, |v| {
            let Value::Object(members) = v else {
                return false;
            };
            let mut changed = false;
            for (n, x) in members.iter_mut() {
                if n == "format"
                    && x.as_str()
                        .is_some_and(|f| f != "j43/1" && f.starts_with("j43/1"))
                {
                    *x = Value::String("j43/1".to_owned());
                    changed = true;
                }
            }
            changed
        }),
        Shape::BoolTruthy => rewritten(s, parsed, |v| {
            each_typed(v, ObjectKind::Document, &mut |x, ty, _, _| {
                if ty != Type::Bool {
                    return false;
                }
                let b = match x {
                    Value::String(t) if t == "true" => Some(true),
                    Value::String(t) if t == "false" => Some(false),
                    Value::Number(n) if n == "1" => Some(true),
                    Value::Number(n) if n == "0" => Some(false),
                    _ => None,
                };
                match b {
                    Some(b) => {
                        *x = Value::Bool(b);
                        true
                    }
                    None => false,
                }
            })
        }),
        Shape::MissingArraysEmpty => rewritten(s, parsed, |v| {
            each_object(v, ObjectKind::Document, &mut |members, kind| {
                let names: &[&str] = match kind {
                    ObjectKind::Environment => {
                        &["networks", "ingresses", "services", "databases", "adapters"]
                    }
                    ObjectKind::Ingress => &["targets"],
                    ObjectKind::Network => &["segments"],
                    _ => &[],
                };
                let mut changed = false;
                for n in names {
                    if !members.iter().any(|(k, _)| k == n) {
                        members.push(((*n).to_owned(), Value::Array(Vec::new())));
                        changed = true;
                    }
                }
                changed
            })
        }),
        Shape::MemberNamesGlobal => filtered(
            s,
            |v| {
                v.rule == RuleId::Doc007
                    && ObjectKind::ALL
                        .iter()
                        .any(|k| k.member(&unknown_name(v)).is_some())
            },
            &[],
        ),
        Shape::ForbiddenAnyCase => remapped(s, |v| {
            if v.rule != RuleId::Doc007 {
                return Some(v.rule);
            }
            let p = format::position(&v.pointer);
            let kind = p.parent?;
            Some(j43_model::forbidden_rule(kind, &p.name.to_ascii_lowercase()).unwrap_or(v.rule))
        }),
        Shape::UnknownValuesExamined => {
            let mut out = rules;
            for v in s.violations().iter().filter(|v| v.rule == RuleId::Doc007) {
                if let Some(x) = format::value_at(parsed, &v.pointer) {
                    forbidden_inside(x, &mut out);
                }
            }
            out
        }
        Shape::ForbiddenFalsyIgnored => filtered(
            s,
            |v| {
                v.rule != RuleId::Doc007
                    && format::is_unknown_member(&v.pointer)
                    && format::value_at(parsed, &v.pointer).is_some_and(falsy)
            },
            &[],
        ),
        Shape::GeneralTableOnly => remapped(s, |v| {
            let p = format::position(&v.pointer);
            let specific = match p.parent {
                Some(ObjectKind::Service) => SERVICE_FORBIDDEN,
                Some(ObjectKind::Database) => DATABASE_FORBIDDEN,
                _ => &[],
            };
            if format::is_unknown_member(&v.pointer)
                && specific
                    .iter()
                    .any(|row| row.names.contains(&p.name.as_str()))
            {
                Some(
                    GENERAL_FORBIDDEN
                        .iter()
                        .find(|row| row.names.contains(&p.name.as_str()))
                        .map_or(RuleId::Doc007, |row| row.rule),
                )
            } else {
                Some(v.rule)
            }
        }),
        Shape::ServiceTableEverywhere => remapped(s, |v| {
            if v.rule != RuleId::Doc007 {
                return Some(v.rule);
            }
            let name = unknown_name(v);
            Some(
                SERVICE_FORBIDDEN
                    .iter()
                    .find(|row| row.names.contains(&name.as_str()))
                    .map_or(v.rule, |row| row.rule),
            )
        }),
        Shape::EnvironmentNamesAnyCase => rewritten(s, parsed, |v| {
            let Some(Value::Object(envs)) = (match v {
                Value::Object(m) => m
                    .iter_mut()
                    .find(|(k, _)| k == "environments")
                    .map(|(_, x)| x),
                _ => None,
            }) else {
                return false;
            };
            let present: Vec<String> = envs.iter().map(|(k, _)| k.clone()).collect();
            let mut changed = false;
            for (k, _) in envs.iter_mut() {
                let lower = k.to_ascii_lowercase();
                if *k != lower
                    && ENVIRONMENTS.contains(&lower.as_str())
                    && !present.contains(&lower)
                {
                    *k = lower;
                    changed = true;
                }
            }
            changed
        }),
    }
}

/// The reference's checker on the parsed document rewritten by `f` (the reference's answer
/// when `f` changes nothing).
fn rewritten(s: &Subject, parsed: &Value, f: impl FnOnce(&mut Value) -> bool) -> BTreeSet<RuleId> {
    let mut v = parsed.clone();
    if f(&mut v) {
        check_value(&v).rules()
    } else {
        s.rules.clone()
    }
}

fn falsy(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::Number(n) => n
            .trim_start_matches('-')
            .bytes()
            .all(|b| matches!(b, b'0' | b'.' | b'e' | b'E' | b'+' | b'-')),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        Value::Bool(true) => false,
    }
}

/// The general forbidden names among the members of objects inside `v`.
fn forbidden_inside(v: &Value, out: &mut BTreeSet<RuleId>) {
    match v {
        Value::Object(members) => {
            for (name, x) in members {
                if let Some(row) = GENERAL_FORBIDDEN
                    .iter()
                    .find(|r| r.names.contains(&name.as_str()))
                {
                    out.insert(row.rule);
                }
                forbidden_inside(x, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| forbidden_inside(x, out)),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------
// Blocking.

fn blocks(s: &Subject, b: Blocker) -> BTreeSet<RuleId> {
    let rules = s.rules.clone();
    if !s.layer3() {
        return rules;
    }
    let blocker = s.violations().iter().any(|v| match b {
        Blocker::UnknownMember => v.rule == RuleId::Doc007,
        Blocker::Environments => v.rule == RuleId::Env001,
        Blocker::Forbidden => v.rule != RuleId::Doc007 && format::is_unknown_member(&v.pointer),
    });
    let Some(parsed) = s.parsed() else {
        return rules;
    };
    if !blocker {
        return rules;
    }
    // Layer 2 alone: the document with a wrong-typed `name` (a DOC-005 of ours, removed).
    let mut v = parsed.clone();
    if let Value::Object(members) = &mut v {
        members.retain(|(k, _)| k != "name");
        members.push(("name".to_owned(), Value::Number("0".to_owned())));
    }
    let report = check_value(&v);
    rules_of(
        report
            .violations()
            .iter()
            .filter(|x| !(x.rule == RuleId::Doc005 && x.pointer == "/name")),
    )
}

// ---------------------------------------------------------------------------------------
// Resolution.

/// The kind of component a reference member expects.
fn ref_kind(ty: Type) -> Option<ComponentKind> {
    match ty {
        Type::Ref(k) => Some(k),
        _ => None,
    }
}

fn resolve(s: &Subject, r: Resolve) -> BTreeSet<RuleId> {
    let rules = s.rules.clone();
    if !s.layer3() {
        return rules;
    }
    let Some(parsed) = s.parsed() else {
        return rules;
    };
    let m = s.model();
    let env_of = |pointer: &str| -> Option<&model::Env> {
        let t = format::tokens(pointer);
        let name = t.get(1)?;
        m.envs.iter().find(|e| e.name == name)
    };
    match r {
        Resolve::LastComponent | Resolve::KindIgnored if !rules.contains(&RuleId::Doc009) => rules,
        Resolve::LastComponent => {
            let mut v = parsed.clone();
            let mut changed = false;
            for e in &m.envs {
                let Some(env) = v.get_mut_env(e.name) else {
                    continue;
                };
                changed |= rename_all_but_last(env);
            }
            if !changed {
                return rules;
            }
            let mut out = check_value(&v).rules();
            out.remove(&RuleId::Doc009);
            if rules.contains(&RuleId::Doc009) {
                out.insert(RuleId::Doc009);
            }
            out
        }
        Resolve::KindIgnored => {
            let mut v = parsed.clone();
            let mut changed = false;
            for e in &m.envs {
                let Some(env) = v.get_mut_env(e.name) else {
                    continue;
                };
                changed |= each_typed(env, ObjectKind::Environment, &mut |x, ty, _, _| {
                    let (Some(kind), Some(id)) = (ref_kind(ty), x.as_str()) else {
                        return false;
                    };
                    let first = e.kind_of(id);
                    let resolves = e.components.iter().any(|c| c.kind == kind && c.id == id);
                    if resolves && first != Some(kind) {
                        *x = Value::String(format!("{id}\u{2295}"));
                        true
                    } else {
                        false
                    }
                });
            }
            if changed {
                check_value(&v).rules()
            } else {
                rules
            }
        }
        Resolve::OtherEnvironmentFirst => remapped(s, |v| {
            if v.rule != RuleId::Doc010 {
                return Some(v.rule);
            }
            let id = format::value_at(parsed, &v.pointer).and_then(Value::as_str)?;
            let own = env_of(&v.pointer)?;
            let elsewhere = m.envs.iter().any(|e| e.name != own.name && e.has_id(id));
            Some(if own.has_id(id) && elsewhere {
                RuleId::Env003
            } else {
                v.rule
            })
        }),
        Resolve::OtherEnvironmentSameKind => remapped(s, |v| {
            if v.rule != RuleId::Env003 {
                return Some(v.rule);
            }
            let id = format::value_at(parsed, &v.pointer).and_then(Value::as_str)?;
            let own = env_of(&v.pointer)?;
            let kind = format::position(&v.pointer).ty.and_then(ref_kind);
            let other = m
                .envs
                .iter()
                .find(|e| e.name != own.name && e.has_id(id))
                .and_then(|e| e.kind_of(id));
            Some(if other.is_some() && other != kind {
                RuleId::Doc010
            } else {
                v.rule
            })
        }),
        Resolve::TargetsUnchecked => filtered(
            s,
            |v| {
                matches!(v.rule, RuleId::Doc010 | RuleId::Env003)
                    && format::tokens(&v.pointer)
                        .iter()
                        .rev()
                        .nth(1)
                        .is_some_and(|t| t == "targets")
            },
            &[],
        ),
    }
}

trait EnvMut {
    fn get_mut_env(&mut self, name: &str) -> Option<&mut Value>;
}

impl EnvMut for Value {
    fn get_mut_env(&mut self, name: &str) -> Option<&mut Value> {
        let Value::Object(top) = self else {
            return None;
        };
        let (_, envs) = top.iter_mut().find(|(k, _)| k == "environments")?;
        let Value::Object(envs) = envs else {
            return None;
        };
        envs.iter_mut().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

/// Renames every component whose id a later component of the same kind has (`⊕` and a
/// counter appended), so that references resolve to the last one.
fn rename_all_but_last(env: &mut Value) -> bool {
    let mut ids: Vec<(ComponentKind, String)> = Vec::new();
    let mut slots: Vec<&mut Value> = Vec::new();
    let Value::Object(members) = env else {
        return false;
    };
    for (name, value) in members.iter_mut() {
        let kind = match name.as_str() {
            "networks" => Some(ComponentKind::Network),
            "ingresses" => Some(ComponentKind::Ingress),
            "services" => Some(ComponentKind::Service),
            "databases" => Some(ComponentKind::Database),
            "adapters" => Some(ComponentKind::Adapter),
            _ => None,
        };
        let Some(kind) = kind else { continue };
        let Value::Array(items) = value else { continue };
        for item in items.iter_mut() {
            let Value::Object(fields) = item else {
                continue;
            };
            for (field, x) in fields.iter_mut() {
                if field == "id" {
                    ids.push((kind, x.as_str().unwrap_or_default().to_owned()));
                    slots.push(x);
                } else if field == "segments" && kind == ComponentKind::Network {
                    if let Value::Array(segments) = x {
                        for seg in segments.iter_mut() {
                            if let Value::Object(sf) = seg {
                                for (f, y) in sf.iter_mut() {
                                    if f == "id" {
                                        ids.push((
                                            ComponentKind::Segment,
                                            y.as_str().unwrap_or_default().to_owned(),
                                        ));
                                        slots.push(y);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let mut changed = false;
    for (k, slot) in slots.into_iter().enumerate() {
        let Some((kind, id)) = ids.get(k) else {
            continue;
        };
        let later = ids
            .iter()
            .skip(k + 1)
            .any(|(kk, ii)| kk == kind && ii == id);
        if later {
            *slot = Value::String(format!("{id}\u{2295}{k}"));
            changed = true;
        }
    }
    changed
}

// ---------------------------------------------------------------------------------------
// Token grammars and scanned positions.

/// The reference's grammar of `rule` on one typed string (FBD-009: ports and arrows in a
/// diagram), as found when the document was read.
fn reference_finds(t: &Text, rule: RuleId) -> bool {
    let bits = match rule {
        RuleId::Net005 => Found::CIDR,
        RuleId::Fbd001 => Found::IAC,
        RuleId::Fbd003 => Found::REGION,
        RuleId::Fbd008 => Found::ARN,
        RuleId::Cmp005 => Found::MANIFEST,
        RuleId::Fbd009 => Found::PORT | Found::ARROW,
        _ => 0,
    };
    t.found & bits != 0
}

/// The reference's answer with the text findings of `rules` decided again by `finds` over
/// every typed string (only when layer 3 runs: the grammars' findings are layer 3's).
fn rescan(
    s: &Subject,
    rules: &[RuleId],
    finds: impl Fn(&Text, RuleId) -> bool,
) -> BTreeSet<RuleId> {
    if !s.layer3() || s.parsed().is_none() {
        return s.rules.clone();
    }
    let texts = s.texts();
    let flags = s.text_violations();
    let mut out: BTreeSet<RuleId> = s
        .violations()
        .iter()
        .zip(flags)
        .filter(|(v, text)| !(**text && rules.contains(&v.rule)))
        .map(|(v, _)| v.rule)
        .collect();
    for &rule in rules {
        if texts.iter().any(|t| finds(t, rule)) {
            out.insert(rule);
        }
    }
    out
}

const STRING_RULES: [RuleId; 5] = [
    RuleId::Net005,
    RuleId::Fbd001,
    RuleId::Fbd003,
    RuleId::Fbd008,
    RuleId::Cmp005,
];

fn skip(s: &Subject, k: Skip) -> BTreeSet<RuleId> {
    match k {
        Skip::TitlesForPorts => rescan(s, &[RuleId::Fbd009], |t, rule| {
            t.member != "title" && reference_finds(t, rule)
        }),
        Skip::PortsInDescriptions => rescan(s, &[RuleId::Fbd009], |t, rule| {
            reference_finds(t, rule)
                || (t.member == "description"
                    && (find_port(&t.text).is_some() || find_arrow(&t.text).is_some()))
        }),
        _ => rescan(s, &STRING_RULES, |t, rule| {
            let skipped = match k {
                Skip::Ids => t.ty == Type::Id,
                Skip::Names => t.ty == Type::Name,
                Skip::Refs => matches!(t.ty, Type::Ref(_)),
                Skip::Descriptions => t.member == "description",
                Skip::DesignName => t.kind == ObjectKind::Document && t.member == "name",
                Skip::Diagrams => t.in_diagram(),
                Skip::TitlesForPorts | Skip::PortsInDescriptions => false,
            };
            !skipped && reference_finds(t, rule)
        }),
    }
}

// ---------------------------------------------------------------------------------------
// Layer-3 predicates.

fn string_at<'v>(parsed: &'v Value, pointer: &str) -> Option<&'v str> {
    format::value_at(parsed, pointer).and_then(Value::as_str)
}

/// Whether a violation sits at `…/<collection>/<i>/<member>`.
fn at_member(v: &Violation, collection: &str, member: &str) -> bool {
    let t = format::tokens(&v.pointer);
    let n = t.len();
    n >= 3
        && t.get(n - 1).is_some_and(|x| x == member)
        && t.get(n - 3).is_some_and(|x| x == collection)
}

fn predicate(s: &Subject, p: Predicate) -> BTreeSet<RuleId> {
    let rules = s.rules.clone();
    if !s.layer3() {
        return rules;
    }
    let Some(parsed) = s.parsed() else {
        return rules;
    };
    let m = s.model();
    let replace = |rule: RuleId, fires: bool| -> BTreeSet<RuleId> {
        let mut out = rules.clone();
        out.remove(&rule);
        if fires {
            out.insert(rule);
        }
        out
    };
    match p {
        Predicate::NetworkVisibilityUnchecked => filtered(
            s,
            |v| v.rule == RuleId::Net002 && at_member(v, "networks", "visibility"),
            &[],
        ),
        Predicate::SegmentsFirstNetworkOnly => filtered(
            s,
            |v| {
                v.rule == RuleId::Net003
                    && format::tokens(&v.pointer)
                        .get(3)
                        .and_then(|n| n.parse::<usize>().ok())
                        .is_some_and(|n| n > 0)
            },
            &[],
        ),
        Predicate::IngressPlacementUnchecked => filtered(
            s,
            |v| v.rule == RuleId::Net004 && at_member(v, "ingresses", "segment"),
            &[],
        ),
        Predicate::UnresolvedSegmentMisplaced => {
            let misplaced = s.violations().iter().any(|v| {
                matches!(v.rule, RuleId::Doc010 | RuleId::Env003)
                    && format::tokens(&v.pointer)
                        .last()
                        .is_some_and(|t| t == "segment")
            });
            filtered(
                s,
                |_| false,
                if misplaced { &[RuleId::Net004] } else { &[] },
            )
        }
        Predicate::OnlyBatch => filtered(
            s,
            |v| v.rule == RuleId::Cmp001 && string_at(parsed, &v.pointer) != Some("batch"),
            &[],
        ),
        Predicate::AbsentScaling => {
            let absent = m
                .envs
                .iter()
                .any(|e| e.services.iter().any(|x| x.scaling.is_none()));
            filtered(s, |_| false, if absent { &[RuleId::Cmp003] } else { &[] })
        }
        Predicate::NamesFolded => {
            let fold = |n: &str| n.trim().to_ascii_lowercase();
            let twins = |names: Vec<String>| {
                let mut seen = BTreeSet::new();
                names.into_iter().any(|n| !seen.insert(n))
            };
            let mut out = rules;
            if m.envs
                .iter()
                .any(|e| twins(e.services.iter().map(|x| fold(&x.name)).collect()))
            {
                out.insert(RuleId::Cmp004);
            }
            if m.envs
                .iter()
                .any(|e| twins(e.databases.iter().map(|x| fold(&x.name)).collect()))
            {
                out.insert(RuleId::Per004);
            }
            out
        }
        Predicate::NamesAcrossKinds => {
            let shared = m.envs.iter().any(|e| {
                e.databases
                    .iter()
                    .any(|d| e.services.iter().any(|x| x.name == d.name))
            });
            filtered(s, |_| false, if shared { &[RuleId::Per004] } else { &[] })
        }
        Predicate::EngineAnyCase => filtered(
            s,
            |v| {
                v.rule == RuleId::Per001
                    && string_at(parsed, &v.pointer).is_some_and(|e| {
                        e.eq_ignore_ascii_case("postgresql") || e.eq_ignore_ascii_case("postgres")
                    })
            },
            &[],
        ),
        Predicate::EnginePrefix => filtered(
            s,
            |v| {
                v.rule == RuleId::Per001
                    && string_at(parsed, &v.pointer).is_some_and(|e| e.starts_with("postgres"))
            },
            &[],
        ),
        Predicate::WritersByAdapter => replace(
            RuleId::Per003,
            model::single_writer(m, model::Writers::Adapters),
        ),
        Predicate::WritersAnyAccess => replace(
            RuleId::Per003,
            model::single_writer(m, model::Writers::AnyAccess),
        ),
        Predicate::WritersUnresolved => replace(
            RuleId::Per003,
            model::single_writer(m, model::Writers::Unresolved),
        ),
        Predicate::TlsNoneAllowed => filtered(
            s,
            |v| v.rule == RuleId::Ing002 && string_at(parsed, &v.pointer) == Some("none"),
            &[],
        ),
        Predicate::SecretsRulesSwapped => remapped(s, |v| {
            Some(match v.rule {
                RuleId::Cfg002 => RuleId::Cfg003,
                RuleId::Cfg003 => RuleId::Cfg002,
                r => r,
            })
        }),
        Predicate::NeutralityNeedsThree => {
            replace(RuleId::Inv001, model::neutrality(m, true, true, true))
        }
        Predicate::NeutralityWithoutAccesses => {
            replace(RuleId::Inv001, model::neutrality(m, false, true, false))
        }
        Predicate::NeutralityWithoutExposure => {
            replace(RuleId::Inv001, model::neutrality(m, true, false, false))
        }
        Predicate::DuplicatesWithinKind => {
            replace(RuleId::Doc009, model::duplicate_ids(m, true, false))
        }
        Predicate::IdsFolded => {
            let mut out = rules;
            if model::duplicate_ids(m, false, true) {
                out.insert(RuleId::Doc009);
            }
            if model::shared_ids(m, false, false, true) {
                out.insert(RuleId::Env002);
            }
            out
        }
        Predicate::SharedAdjacentOnly | Predicate::SharedWithinKind => {
            let adjacent = p == Predicate::SharedAdjacentOnly;
            let fires = model::shared_ids(m, adjacent, !adjacent, false);
            // ENV-002 of layer 2 (the `shared` members) stays.
            let mut out = filtered(
                s,
                |v| {
                    v.rule == RuleId::Env002
                        && format::tokens(&v.pointer).last().is_some_and(|t| t == "id")
                },
                &[],
            );
            if fires {
                out.insert(RuleId::Env002);
            }
            out
        }
    }
}

/// Each layer-3 predicate that the mutants decide again, with the reference's knobs, and
/// whether the reference's report says the rule fires in layer 3: the two must agree on every
/// document (the candidates' mutants test checks the default suite).
pub fn predicates_agree(document: &[u8], reference: &Report) -> Result<(), String> {
    agree(&Subject::new(document, reference))
}

fn agree(s: &Subject) -> Result<(), String> {
    if !s.layer3() || s.parsed().is_none() {
        return Ok(());
    }
    let m = s.model();
    let layer3_env002 = s.violations().iter().any(|v| {
        v.rule == RuleId::Env002 && format::tokens(&v.pointer).last().is_some_and(|t| t == "id")
    });
    let checks = [
        (
            "DOC-009",
            model::duplicate_ids(m, false, false),
            s.rules.contains(&RuleId::Doc009),
        ),
        (
            "ENV-002",
            model::shared_ids(m, false, false, false),
            layer3_env002,
        ),
        (
            "PER-003",
            model::single_writer(m, model::Writers::Services),
            s.rules.contains(&RuleId::Per003),
        ),
        (
            "INV-001",
            model::neutrality(m, true, true, false),
            s.rules.contains(&RuleId::Inv001),
        ),
    ];
    for (rule, mine, reference) in checks {
        if mine != reference {
            return Err(format!("{rule}: recomputed {mine}, reference {reference}"));
        }
    }
    let flags = s.text_violations();
    for rule in STRING_RULES.iter().chain(&[RuleId::Fbd009]) {
        let reference = s
            .violations()
            .iter()
            .zip(flags)
            .any(|(v, text)| *text && v.rule == *rule);
        let mine = s.texts().iter().any(|t| reference_finds(t, *rule));
        if mine != reference {
            return Err(format!(
                "{rule} in text: rescanned {mine}, reference {reference}"
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Bounds.

fn depth(s: &Subject, limit: usize) -> BTreeSet<RuleId> {
    let rules = s.rules.clone();
    if limit < json::MAX_DEPTH {
        if rules.iter().any(|r| r.is_parse()) {
            return rules;
        }
        return match s.parsed() {
            Some(value) if value_depth(value) > limit => BTreeSet::from([RuleId::Doc003]),
            _ => rules,
        };
    }
    if rules != BTreeSet::from([RuleId::Doc003]) {
        return rules;
    }
    match cut_at_depth(s.document, limit) {
        Some(cut) => check(&cut).rules(),
        None => rules,
    }
}

fn value_depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(value_depth).max().unwrap_or(0),
        Value::Object(members) => {
            1 + members
                .iter()
                .map(|(_, v)| value_depth(v))
                .max()
                .unwrap_or(0)
        }
        _ => 0,
    }
}

/// The document with every container at depth `limit` replaced by `0`, or `None` when some
/// container is deeper than `limit` (then the mutant's limit is exceeded too).
fn cut_at_depth(document: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(document.len());
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut skipping_from: Option<usize> = None;
    for &b in document {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'[' || b == b'{' {
            depth += 1;
            if depth > limit {
                return None;
            }
            if depth == limit && skipping_from.is_none() {
                skipping_from = Some(depth);
                out.push(b'0');
            }
        } else if b == b']' || b == b'}' {
            if skipping_from == Some(depth) {
                skipping_from = None;
                depth = depth.saturating_sub(1);
                continue;
            }
            depth = depth.saturating_sub(1);
        }
        if skipping_from.is_none() {
            out.push(b);
        }
    }
    Some(out)
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn size(document: &[u8], looser: bool, rules: BTreeSet<RuleId>) -> BTreeSet<RuleId> {
    if !looser {
        return if document.len() == MAX_SIZE {
            BTreeSet::from([RuleId::Doc004])
        } else {
            rules
        };
    }
    if document.len() != MAX_SIZE + 1 {
        return rules;
    }
    match (document.first(), document.last()) {
        (_, Some(&b)) if is_ws(b) => check(document.get(..MAX_SIZE).unwrap_or_default()).rules(),
        (Some(&b), _) if is_ws(b) => check(document.get(1..).unwrap_or_default()).rules(),
        _ => rules,
    }
}

// ---------------------------------------------------------------------------------------
// Exactly-one counts.

fn count(s: &Subject, rule: RuleId, relax: Relax) -> BTreeSet<RuleId> {
    if !s.rules.contains(&rule) {
        return s.rules.clone();
    }
    let Some(doc) = s.parsed() else {
        return s.rules.clone();
    };
    let report = s.reference;
    let keep = |pointer: &str| -> bool {
        let n = match rule {
            RuleId::Net001 | RuleId::Ing001 => pointer_get(doc, pointer)
                .and_then(Value::as_array)
                .map_or(1, <[Value]>::len),
            // `…/segments` is an absent kind (0); `…/segments/<i>/kind` an extra one (2+).
            RuleId::Net003 => {
                if pointer.ends_with("/segments") {
                    0
                } else {
                    2
                }
            }
            RuleId::Per003 => writers(doc, pointer),
            _ => 1,
        };
        match relax {
            Relax::AtMostOne => n != 0,
            Relax::AtLeastOne => n < 2,
        }
    };
    report
        .violations()
        .iter()
        .filter(|v| v.rule != rule || keep(&v.pointer))
        .map(|v| v.rule)
        .collect()
}

/// The number of distinct services writing the database at `pointer`
/// (`/environments/E/databases/<i>`), as SPEC PER-003 counts them.
fn writers(doc: &Value, pointer: &str) -> usize {
    let mut parts = pointer.split('/').skip(2);
    let (Some(env), Some(_), Some(index)) = (parts.next(), parts.next(), parts.next()) else {
        return 1;
    };
    let Some(env) = doc.get("environments").and_then(|e| e.get(env)) else {
        return 1;
    };
    let list = |m: &str| env.get(m).and_then(Value::as_array).unwrap_or_default();
    let id_of = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_owned);
    let databases = list("databases");
    let Some(position) = index.parse::<usize>().ok() else {
        return 1;
    };
    let Some(db_id) = databases.get(position).and_then(id_of) else {
        return 1;
    };
    // References resolve to the first database with the id: a later copy has no writer.
    if databases
        .iter()
        .position(|d| id_of(d).as_deref() == Some(&db_id))
        != Some(position)
    {
        return 0;
    }
    let services: BTreeSet<String> = list("services").iter().filter_map(id_of).collect();
    list("adapters")
        .iter()
        .filter(|a| a.get("access").and_then(Value::as_str) == Some("read-write"))
        .filter(|a| a.get("database").and_then(Value::as_str) == Some(db_id.as_str()))
        .filter_map(|a| a.get("service").and_then(Value::as_str))
        .filter(|s| services.contains(*s))
        .collect::<BTreeSet<_>>()
        .len()
}

fn pointer_get<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    pointer
        .split('/')
        .skip(1)
        .try_fold(doc, |v, token| match v {
            Value::Object(_) => v.get(token),
            Value::Array(items) => items.get(token.parse::<usize>().ok()?),
            _ => None,
        })
}

// ---------------------------------------------------------------------------------------
// Token grammars, by rewriting strings.

/// Rewrites every string of the document that the mutation concerns: all strings for CIDR
/// mutations, the `title` and `content` of the top-level `diagrams` for port and arrow ones.
/// True when some string changed.
fn rewrite(document: &mut Value, mutation: Mutation) -> bool {
    let Value::Object(members) = document else {
        return false;
    };
    let mut changed = false;
    for (name, value) in members.iter_mut() {
        match value {
            Value::Array(diagrams) if name == "diagrams" => {
                for diagram in diagrams.iter_mut() {
                    if let Value::Object(fields) = diagram {
                        for (field, text) in fields.iter_mut() {
                            let diagram_text = field == "title" || field == "content";
                            changed |= rewrite_strings(text, mutation, diagram_text);
                        }
                    }
                }
            }
            _ => changed |= rewrite_strings(value, mutation, false),
        }
    }
    changed
}

fn rewrite_strings(value: &mut Value, mutation: Mutation, in_diagram: bool) -> bool {
    let cidr = matches!(mutation, Mutation::CidrPrefix(..) | Mutation::MissIpv6Cidr);
    match value {
        Value::String(s) if cidr || in_diagram => {
            let new = rewrite_text(s, mutation);
            let changed = new != *s;
            *s = new;
            changed
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |c, v| rewrite_strings(v, mutation, false) | c),
        Value::Object(members) => members
            .iter_mut()
            .fold(false, |c, (_, v)| rewrite_strings(v, mutation, false) | c),
        _ => false,
    }
}

fn rewrite_text(s: &str, mutation: Mutation) -> String {
    match mutation {
        Mutation::CidrPrefix(v6, bound) => rewrite_cidrs(s, |slash| prefix_bound(slash, v6, bound)),
        Mutation::MissIpv6Cidr => rewrite_cidrs(s, |slash| {
            (slash.reference && slash.v6 && !(slash.v4 && slash.prefix <= 32)).then_some(Edit::Break)
        }),
        Mutation::PortDigits(digits) => port_digits(s, digits),
        Mutation::MissPortWord => miss_port_word(s),
        Mutation::MissUnicodeArrows => s
            .chars()
            .map(|c| {
                if matches!(c, '\u{2190}'..='\u{21FF}' | '\u{27F0}'..='\u{27FF}' | '\u{2900}'..='\u{297F}') {
                    ' '
                } else {
                    c
                }
            })
            .collect(),
        Mutation::MissLeftArrows => s.replace("<-", "< -").replace("=>", "= >"),
        _ => s.to_owned(),
    }
}

/// What SPEC S5.1 sees at one `/` of a string.
struct Slash {
    /// The reference finds a CIDR block at this `/`.
    reference: bool,
    /// The address before it is a valid IPv4 address (A4).
    v4: bool,
    /// The address before it is a valid IPv6 address (A6).
    v6: bool,
    /// The prefix's value (1 to 3 digits), or `u32::MAX` without one.
    prefix: u32,
}

/// How a mutant changes one `/`.
enum Edit {
    /// Not a CIDR block for the mutant: the `/` becomes a space.
    Break,
    /// A CIDR block for the mutant: the prefix becomes this one.
    Prefix(&'static str),
}

fn prefix_bound(slash: &Slash, v6: bool, bound: u32) -> Option<Edit> {
    let (limit, address, other) = if v6 {
        (128, slash.v6, slash.v4 && slash.prefix <= 32)
    } else {
        (32, slash.v4, slash.v6 && slash.prefix <= 128)
    };
    if bound < limit {
        (slash.reference && address && slash.prefix > bound && slash.prefix <= limit && !other)
            .then_some(Edit::Break)
    } else {
        let to = if v6 { "128" } else { "32" };
        (!slash.reference && address && slash.prefix > limit && slash.prefix <= bound)
            .then_some(Edit::Prefix(to))
    }
}

fn rewrite_cidrs(s: &str, decide: impl Fn(&Slash) -> Option<Edit>) -> String {
    let mut out = s.to_owned();
    let slashes: Vec<usize> = s.match_indices('/').map(|(i, _)| i).rev().collect();
    for at in slashes {
        let before = s.get(..at).unwrap_or_default();
        let after = s.get(at + 1..).unwrap_or_default();
        let run6 = tail_run(before, |c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        let run4 = tail_run(before, |c| c.is_ascii_digit() || c == '.');
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let tail: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let prefix = if (1..=3).contains(&digits.len()) {
            digits.parse().unwrap_or(u32::MAX)
        } else {
            u32::MAX
        };
        let slash = Slash {
            reference: find_cidr(&format!("{run6}/{tail}")).is_some(),
            v4: find_cidr(&format!("{run4}/1")).is_some(),
            v6: find_cidr(&format!("{run6}/100")).is_some(),
            prefix,
        };
        let edit = decide(&slash);
        let end = at + 1 + digits.len();
        match edit {
            Some(Edit::Break) => out.replace_range(at..=at, " "),
            Some(Edit::Prefix(p)) => out.replace_range(at + 1..end, p),
            None => {}
        }
    }
    out
}

/// The longest suffix of `s` whose characters satisfy `f`.
fn tail_run(s: &str, f: impl Fn(char) -> bool) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| f(*c))
        .last()
        .map_or(s.len(), |(i, _)| i);
    s.get(start..).unwrap_or_default()
}

/// Port forms 1 and 3 with digit runs of at most `digits` (4 or 6) instead of 5.
fn port_digits(s: &str, digits: usize) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let run = bytes
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if b == b':' && digits < 5 && run == 5 {
            out.push(' ');
            i += 1;
            continue;
        }
        if b == b':' && digits > 5 && run == 6 {
            out.push(':');
            out.push_str(s.get(i + 2..i + 1 + run).unwrap_or_default());
            i += 1 + run;
            continue;
        }
        let preceded = i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() && !preceded {
            let run = bytes
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let proto = bytes.get(i + run..i + run + 4).unwrap_or_default();
            if proto.eq_ignore_ascii_case(b"/tcp") || proto.eq_ignore_ascii_case(b"/udp") {
                let digits_text = s.get(i..i + run).unwrap_or_default();
                if digits < 5 && run == 5 {
                    out.push_str(digits_text);
                    out.push(' ');
                    i += run + 1;
                    continue;
                }
                if digits > 5 && run == 6 {
                    out.push_str(digits_text.get(1..).unwrap_or_default());
                    i += run;
                    continue;
                }
            }
        }
        let ch_len = s
            .get(i..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
        out.push_str(s.get(i..i + ch_len).unwrap_or_default());
        i += ch_len;
    }
    out
}

/// `port`/`ports` (any ASCII case, not after an ASCII letter) followed by `[ \t:=#]*` and a
/// digit gets its `o` replaced by `0`, so port form 2 no longer matches.
fn miss_port_word(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = bytes.to_vec();
    for i in 0..bytes.len() {
        let word = bytes.get(i..i + 4).unwrap_or_default();
        if !word.eq_ignore_ascii_case(b"port") {
            continue;
        }
        if i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut j = i + 4;
        if bytes.get(j).is_some_and(|b| b.eq_ignore_ascii_case(&b's')) {
            j += 1;
        }
        while bytes
            .get(j)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b':' | b'=' | b'#'))
        {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            if let Some(o) = out.get_mut(i + 1) {
                *o = b'0';
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use j43_model::tokens::{find_arrow, find_port};

    #[test]
    fn there_are_230_mutants_with_distinct_names() {
        let all = all();
        let names: BTreeSet<&str> = all.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(all.len(), 230);
        assert_eq!(names.len(), all.len());
    }

    #[test]
    fn cidr_rewrites_follow_the_moved_bound() {
        let v4_31 =
            |s: &str| find_cidr(&rewrite_text(s, Mutation::CidrPrefix(false, 31))).is_some();
        let v4_33 =
            |s: &str| find_cidr(&rewrite_text(s, Mutation::CidrPrefix(false, 33))).is_some();
        let v6_127 =
            |s: &str| find_cidr(&rewrite_text(s, Mutation::CidrPrefix(true, 127))).is_some();
        let v6_129 =
            |s: &str| find_cidr(&rewrite_text(s, Mutation::CidrPrefix(true, 129))).is_some();
        let miss6 = |s: &str| find_cidr(&rewrite_text(s, Mutation::MissIpv6Cidr)).is_some();
        assert!(!v4_31("net 10.0.0.1/32"));
        assert!(v4_31("net 10.0.0.0/31"));
        assert!(v4_33("net 10.0.0.0/33."));
        assert!(!v4_33("net 10.0.0.0/34"));
        assert!(!v6_127("2001:db8::1/128"));
        assert!(v6_127("2001:db8::/127"));
        assert!(v6_129("2001:db8::/129"));
        assert!(!miss6("2001:db8::/32 and fe80::/10"));
        assert!(miss6("2001:db8::/32 and 10.0.0.0/8"));
    }

    #[test]
    fn port_and_arrow_rewrites_follow_the_weakened_grammar() {
        let port = |s: &str, m| find_port(&rewrite_text(s, m)).is_some();
        assert!(!port("api :12345", Mutation::PortDigits(4)));
        assert!(port("api :1234", Mutation::PortDigits(4)));
        assert!(!port("12345/tcp", Mutation::PortDigits(4)));
        assert!(port("api :123456", Mutation::PortDigits(6)));
        assert!(port("123456/udp", Mutation::PortDigits(6)));
        assert!(!port("Port: 8080", Mutation::MissPortWord));
        assert!(port("port:8080", Mutation::MissPortWord));
        let arrow = |s: &str, m| find_arrow(&rewrite_text(s, m)).is_some();
        assert!(!arrow("a → b ⟶ c", Mutation::MissUnicodeArrows));
        assert!(!arrow("a <- b => c", Mutation::MissLeftArrows));
        assert!(arrow("a <-> b", Mutation::MissLeftArrows));
        assert!(arrow("a <=> b", Mutation::MissLeftArrows));
    }

    #[test]
    fn duplicates_after_parse_lets_a_later_problem_win() {
        let one = |r: RuleId| BTreeSet::from([r]);
        assert_eq!(
            duplicates_after_parse(br#"{"a":1,"a":2}"#),
            one(RuleId::Doc002)
        );
        assert_eq!(
            duplicates_after_parse(br#"{"a":1,"a":2,}"#),
            one(RuleId::Doc001)
        );
        assert_eq!(
            duplicates_after_parse(b"{\"a\":1,\"a\":\"\xff\"}"),
            one(RuleId::Doc001)
        );
        let deep = format!(
            r#"{{"a":1,"a":2,"b":{}{}}}"#,
            "[".repeat(64),
            "]".repeat(64)
        );
        assert_eq!(duplicates_after_parse(deep.as_bytes()), one(RuleId::Doc003));
    }

    #[test]
    fn number_rewrites_read_what_a_lax_parser_reads() {
        assert_eq!(leading_zeros(b"01"), Some(b"1".to_vec()));
        assert_eq!(leading_zeros(b"-00"), Some(b"-0".to_vec()));
        assert_eq!(leading_zeros(b"012e3"), Some(b"12e3".to_vec()));
        assert_eq!(leading_zeros(b"0.5"), None);
        assert_eq!(lax_fraction(b"1."), Some(b"1.0".to_vec()));
        assert_eq!(lax_fraction(b".5"), Some(b"0.5".to_vec()));
        assert_eq!(lax_fraction(b"-1.e5"), Some(b"-1.0e5".to_vec()));
        assert_eq!(lax_fraction(b"1.5"), None);
        assert_eq!(lax_fraction(b"True"), None);
    }

    #[test]
    fn blocking_mutants_keep_layer_2_and_drop_layer_3() {
        let mut doc = j43_model::Design::base();
        doc.description = Some("runs in 10.0.0.0/8".to_owned());
        let mut v = j43_model::json::parse(doc.to_json().as_bytes()).unwrap();
        if let Value::Object(m) = &mut v {
            m.push(("owner".to_owned(), Value::Null));
        }
        let bytes = v.to_bytes();
        let reference = check(&bytes).rules();
        assert_eq!(reference, BTreeSet::from([RuleId::Doc007, RuleId::Net005]));
        let m = Mutant::new("b", "", Mutation::Blocks(Blocker::UnknownMember));
        assert_eq!(m.rules(&bytes), BTreeSet::from([RuleId::Doc007]));
        let m = Mutant::new("b", "", Mutation::Blocks(Blocker::Forbidden));
        assert_eq!(m.rules(&bytes), reference);
    }

    #[test]
    fn depth_65_cuts_only_the_65th_level() {
        let doc = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n)).into_bytes();
        assert_eq!(
            cut_at_depth(&doc(65), 65).map(|d| d.len()),
            Some(64 * 2 + 1)
        );
        assert_eq!(cut_at_depth(&doc(66), 65), None);
        let m = Mutant::new("d", "", Mutation::Depth(65));
        assert_eq!(m.rules(&doc(65)), BTreeSet::from([RuleId::Doc005]));
        let m = Mutant::new("d", "", Mutation::Depth(63));
        assert_eq!(m.rules(&doc(64)), BTreeSet::from([RuleId::Doc003]));
    }
}
