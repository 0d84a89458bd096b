//! Bounded-exhaustive enumeration: every design of a small, documented abstraction of the
//! format, each with its expected rule set by construction.
//!
//! # The scope
//!
//! The scope is a union of *slices*. A slice fixes a part of the S6.0 base design and ranges
//! over the full cartesian product of a few *dimensions*; each dimension is a field (or a small
//! structural choice) with its *equivalence classes* of values. Classes are chosen at each
//! rule's boundary: the authorized value, the nearest authorized near-miss, and each violating
//! value that a different rule reports. Each class carries the rules it breaks; within a slice
//! the dimensions are independent (no class changes what another class's rule sees), so a
//! design's expected set is the union of its classes' rules.
//!
//! | slice | dimensions (classes) | designs |
//! | --- | --- | --- |
//! | service (local `api`) | process 2, state 2, scaling 4, visibility 3, segment 5, description 3, id 3 | 2,160 |
//! | database (local `main`) | engine 3, managed 2, visibility 3, segment 5, description 3, id 3 | 810 |
//! | ingress (local) | tls 3, load balancing 3, segment 5, targets 4, description 3 | 540 |
//! | environment (local) | configuration 2, secrets 3, ingresses 3, networks 2, network visibility 3, extra segment 2, description 3 | 648 |
//! | adapter (local) | access 2, service ref 4, database ref 4, description 2 | 64 |
//! | boundaries (local) | configuration id 4, secrets id 4 | 16 |
//! | document | name 3, description 3, diagrams 7, environments 8, unknown environment 2 | 1,008 |
//! | segment (local) | which 3, kind 3, description 3 | 27 |
//! | composition | services 0–2, databases 0–2, every writer set, every read-only adapter set, every exposed set, deviation 4 | 4,548 |
//! | shape | each typed value of `local` and the top: absent, wrong type, invalid; each object kind: an unknown member and one name of every forbidden row | 415 |
//! | parse | empty, BOM, trailing data, truncation, invalid UTF-8, lone surrogate, duplicate, nesting 64 and 65 | 12 |
//!
//! 10,248 designs in all ([`exhaustive_size`]); enumerating and checking them all takes about
//! 3 seconds at `opt-level = 1` on one core. DOC-004 is outside the scope (its boundary costs 64 MiB
//! per design); the violating and near-miss generators cover it.
//!
//! Why the classes cover each rule's boundary: every layer-3 rule is decided by one field or
//! count, and each such field has its authorized class and at least one violating class here
//! (process, state, scaling, visibility, segment kinds, engine, managed, TLS, placements, ids,
//! references, writer counts 0/1/2, name twins, exposed sets); every layer-2 rule is a member
//! or a type, enumerated per object kind and per typed position in the shape slice; every
//! layer-1 rule has its violating and near-miss bytes in the parse slice.

use crate::case::{Expected, GeneratedCase};
use crate::tree::{self, Step};
use crate::violate::forbidden_pairs;
use j43_model::json::Value;
use j43_model::{
    Access, Adapter, ConfigurationPlacement, Database, Design, Diagram, Environment, Ingress,
    Network, ObjectKind, Process, RuleId, Scaling, SecretsPlacement, Segment, SegmentKind, Service,
    State, TlsTermination, Type, Visibility,
};
use std::collections::BTreeSet;

type Apply = Box<dyn Fn(&mut Design) + Send + Sync>;

/// One equivalence class of a dimension: how to set it and the rules it breaks.
struct Class {
    label: &'static str,
    rules: &'static [RuleId],
    apply: Apply,
}

struct Dim {
    name: &'static str,
    classes: Vec<Class>,
}

struct Slice {
    name: &'static str,
    dims: Vec<Dim>,
}

fn class(
    label: &'static str,
    rules: &'static [RuleId],
    apply: impl Fn(&mut Design) + Send + Sync + 'static,
) -> Class {
    Class {
        label,
        rules,
        apply: Box::new(apply),
    }
}

fn local(d: &mut Design) -> Option<&mut Environment> {
    d.environments.local.as_mut()
}

fn svc(d: &mut Design) -> Option<&mut Service> {
    local(d).and_then(|e| e.services.first_mut())
}

fn db(d: &mut Design) -> Option<&mut Database> {
    local(d).and_then(|e| e.databases.first_mut())
}

fn ing(d: &mut Design) -> Option<&mut Ingress> {
    local(d).and_then(|e| e.ingresses.first_mut())
}

fn ad(d: &mut Design) -> Option<&mut Adapter> {
    local(d).and_then(|e| e.adapters.first_mut())
}

/// Renames an id of `local` everywhere it is referred to in `local`.
fn rename_local(d: &mut Design, from: &str, to: &str) {
    let Some(e) = local(d) else { return };
    let fix = |s: &mut String| {
        if s == from {
            *s = to.to_owned();
        }
    };
    for n in &mut e.networks {
        fix(&mut n.id);
        n.segments.iter_mut().for_each(|s| fix(&mut s.id));
    }
    for i in &mut e.ingresses {
        fix(&mut i.id);
        fix(&mut i.segment);
        i.targets.iter_mut().for_each(fix);
    }
    for s in &mut e.services {
        fix(&mut s.id);
        fix(&mut s.segment);
    }
    for x in &mut e.databases {
        fix(&mut x.id);
        fix(&mut x.segment);
    }
    for a in &mut e.adapters {
        fix(&mut a.id);
        fix(&mut a.service);
        fix(&mut a.database);
    }
    fix(&mut e.configuration.id);
    fix(&mut e.secrets.id);
}

const NEAR: &str = "no CIDR such as 999.1.1.1/8 or 1.2.3.4/33; version 1.2.3; ports and adapters";
const CIDR: &str = "runtime lives in 10.0.0.0/16";

use RuleId::*;

fn description(set: fn(&mut Design, Option<String>)) -> Dim {
    Dim {
        name: "description",
        classes: vec![
            class("absent", &[], move |d| set(d, None)),
            class("near-miss prose", &[], move |d| {
                set(d, Some(NEAR.to_owned()))
            }),
            class("cidr", &[Net005], move |d| set(d, Some(CIDR.to_owned()))),
        ],
    }
}

fn visibility(set: fn(&mut Design, Option<Visibility>)) -> Dim {
    Dim {
        name: "visibility",
        classes: vec![
            class("absent", &[], move |d| set(d, None)),
            class("private", &[], move |d| set(d, Some(Visibility::Private))),
            class("public", &[Net002], move |d| {
                set(d, Some(Visibility::Public))
            }),
        ],
    }
}

/// Segment reference classes for a component sitting in `own` kind.
fn segment(own: &'static str, set: fn(&mut Design, String)) -> Dim {
    let others: Vec<&'static str> = ["ingress", "runtime", "persistence"]
        .into_iter()
        .filter(|k| *k != own)
        .collect();
    let (a, b) = (
        others.first().copied().unwrap_or("ingress"),
        others.get(1).copied().unwrap_or("runtime"),
    );
    Dim {
        name: "segment",
        classes: vec![
            class("own kind", &[], move |d| set(d, format!("seg-local-{own}"))),
            class("other kind", &[Net004], move |d| {
                set(d, format!("seg-local-{a}"))
            }),
            class("third kind", &[Net004], move |d| {
                set(d, format!("seg-local-{b}"))
            }),
            class("dangling", &[Doc010], move |d| {
                set(d, "seg-local-nope".to_owned())
            }),
            class("other environment", &[Env003], move |d| {
                set(d, format!("seg-staging-{own}"))
            }),
        ],
    }
}

/// Id classes of an unreferenced-by-rename component: fine, a CIDR (renamed consistently), a
/// duplicate of a later component's id (the later one is reported).
fn id_dim(current: &'static str) -> Dim {
    Dim {
        name: "id",
        classes: vec![
            class("plain", &[], |_| {}),
            class("cidr", &[Net005], move |d| {
                rename_local(d, current, "id 10.0.0.0/8")
            }),
            class("duplicate of secrets", &[Doc009], move |d| {
                if let Some(e) = local(d) {
                    e.secrets.id = current.to_owned();
                }
            }),
        ],
    }
}

fn slices() -> Vec<Slice> {
    vec![
        Slice {
            name: "service",
            dims: vec![
                Dim {
                    name: "process",
                    classes: vec![
                        class("long-lived", &[], |_| {}),
                        class("batch", &[Cmp001], |d| {
                            if let Some(s) = svc(d) {
                                s.process = Process::Batch;
                            }
                        }),
                    ],
                },
                Dim {
                    name: "state",
                    classes: vec![
                        class("stateless", &[], |_| {}),
                        class("stateful", &[Cmp002], |d| {
                            if let Some(s) = svc(d) {
                                s.state = State::Stateful;
                            }
                        }),
                    ],
                },
                Dim {
                    name: "scaling",
                    classes: vec![
                        class("absent", &[], |_| {}),
                        class("horizontal", &[], |d| {
                            if let Some(s) = svc(d) {
                                s.scaling = Some(Scaling::Horizontal);
                            }
                        }),
                        class("vertical", &[Cmp003], |d| {
                            if let Some(s) = svc(d) {
                                s.scaling = Some(Scaling::Vertical);
                            }
                        }),
                        class("none", &[Cmp003], |d| {
                            if let Some(s) = svc(d) {
                                s.scaling = Some(Scaling::None);
                            }
                        }),
                    ],
                },
                visibility(|d, v| {
                    if let Some(s) = svc(d) {
                        s.visibility = v;
                    }
                }),
                segment("runtime", |d, v| {
                    if let Some(s) = svc(d) {
                        s.segment = v;
                    }
                }),
                description(|d, v| {
                    if let Some(s) = svc(d) {
                        s.description = v;
                    }
                }),
                id_dim("svc-local-api"),
            ],
        },
        Slice {
            name: "database",
            dims: vec![
                Dim {
                    name: "engine",
                    classes: vec![
                        class("postgresql", &[], |_| {}),
                        class("postgres", &[], |d| {
                            if let Some(x) = db(d) {
                                x.engine = "postgres".to_owned();
                            }
                        }),
                        class("PostgreSQL", &[Per001], |d| {
                            if let Some(x) = db(d) {
                                x.engine = "PostgreSQL".to_owned();
                            }
                        }),
                    ],
                },
                Dim {
                    name: "managed",
                    classes: vec![
                        class("true", &[], |_| {}),
                        class("false", &[Per002], |d| {
                            if let Some(x) = db(d) {
                                x.managed = false;
                            }
                        }),
                    ],
                },
                visibility(|d, v| {
                    if let Some(x) = db(d) {
                        x.visibility = v;
                    }
                }),
                segment("persistence", |d, v| {
                    if let Some(x) = db(d) {
                        x.segment = v;
                    }
                }),
                description(|d, v| {
                    if let Some(x) = db(d) {
                        x.description = v;
                    }
                }),
                id_dim("db-local-main"),
            ],
        },
        Slice {
            name: "ingress",
            dims: vec![
                Dim {
                    name: "tls",
                    classes: vec![
                        class("infrastructure", &[], |_| {}),
                        class("runtime", &[Ing002], |d| {
                            if let Some(i) = ing(d) {
                                i.tls_termination = TlsTermination::Runtime;
                            }
                        }),
                        class("none", &[Ing002], |d| {
                            if let Some(i) = ing(d) {
                                i.tls_termination = TlsTermination::None;
                            }
                        }),
                    ],
                },
                Dim {
                    name: "load balancing",
                    classes: vec![
                        class("absent", &[], |_| {}),
                        class("true", &[], |d| {
                            if let Some(i) = ing(d) {
                                i.load_balancing = Some(true);
                            }
                        }),
                        class("false", &[], |d| {
                            if let Some(i) = ing(d) {
                                i.load_balancing = Some(false);
                            }
                        }),
                    ],
                },
                segment("ingress", |d, v| {
                    if let Some(i) = ing(d) {
                        i.segment = v;
                    }
                }),
                Dim {
                    name: "targets",
                    classes: vec![
                        class("own service", &[], |_| {}),
                        class("own service twice", &[], |d| {
                            if let Some(i) = ing(d) {
                                i.targets.push("svc-local-api".to_owned());
                            }
                        }),
                        class("plus dangling", &[Doc010], |d| {
                            if let Some(i) = ing(d) {
                                i.targets.push("svc-local-nope".to_owned());
                            }
                        }),
                        class("plus other environment", &[Env003], |d| {
                            if let Some(i) = ing(d) {
                                i.targets.push("svc-staging-api".to_owned());
                            }
                        }),
                    ],
                },
                description(|d, v| {
                    if let Some(i) = ing(d) {
                        i.description = v;
                    }
                }),
            ],
        },
        Slice {
            name: "environment",
            dims: vec![
                Dim {
                    name: "configuration",
                    classes: vec![
                        class("dedicated", &[], |_| {}),
                        class("runtime", &[Cfg001], |d| {
                            if let Some(e) = local(d) {
                                e.configuration.placement = ConfigurationPlacement::Runtime;
                            }
                        }),
                    ],
                },
                Dim {
                    name: "secrets",
                    classes: vec![
                        class("dedicated", &[], |_| {}),
                        class("configuration", &[Cfg002], |d| {
                            if let Some(e) = local(d) {
                                e.secrets.placement = SecretsPlacement::Configuration;
                            }
                        }),
                        class("runtime", &[Cfg003], |d| {
                            if let Some(e) = local(d) {
                                e.secrets.placement = SecretsPlacement::Runtime;
                            }
                        }),
                    ],
                },
                Dim {
                    name: "ingresses",
                    classes: vec![
                        class("one", &[], |_| {}),
                        class("none", &[Ing001, Inv001], |d| {
                            if let Some(e) = local(d) {
                                e.ingresses.clear();
                            }
                        }),
                        class("two", &[Ing001], |d| {
                            if let Some(e) = local(d) {
                                e.ingresses.push(Ingress {
                                    id: "ing-local-2".to_owned(),
                                    segment: "seg-local-ingress".to_owned(),
                                    tls_termination: TlsTermination::Infrastructure,
                                    load_balancing: None,
                                    targets: Vec::new(),
                                    description: None,
                                });
                            }
                        }),
                    ],
                },
                Dim {
                    name: "networks",
                    classes: vec![
                        class("one", &[], |_| {}),
                        class("two", &[Net001], |d| {
                            if let Some(e) = local(d) {
                                e.networks.push(Network {
                                    id: "net-local-2".to_owned(),
                                    description: None,
                                    visibility: None,
                                    segments: ["ingress", "runtime", "persistence"]
                                        .into_iter()
                                        .zip([
                                            SegmentKind::Ingress,
                                            SegmentKind::Runtime,
                                            SegmentKind::Persistence,
                                        ])
                                        .map(|(n, kind)| Segment {
                                            id: format!("seg-local-2-{n}"),
                                            kind,
                                            description: None,
                                        })
                                        .collect(),
                                });
                            }
                        }),
                    ],
                },
                visibility(|d, v| {
                    if let Some(n) = local(d).and_then(|e| e.networks.first_mut()) {
                        n.visibility = v;
                    }
                }),
                Dim {
                    name: "extra segment",
                    classes: vec![
                        class("none", &[], |_| {}),
                        class("second runtime", &[Net003], |d| {
                            if let Some(n) = local(d).and_then(|e| e.networks.first_mut()) {
                                n.segments.push(Segment {
                                    id: "seg-local-runtime-2".to_owned(),
                                    kind: SegmentKind::Runtime,
                                    description: None,
                                });
                            }
                        }),
                    ],
                },
                description(|d, v| {
                    if let Some(e) = local(d) {
                        e.description = v;
                    }
                }),
            ],
        },
        Slice {
            name: "adapter",
            dims: vec![
                Dim {
                    name: "access",
                    classes: vec![
                        class("read-write", &[], |_| {}),
                        class("read-only", &[], |d| {
                            if let Some(a) = ad(d) {
                                a.access = Access::ReadOnly;
                            }
                        }),
                    ],
                },
                adapter_ref("service ref", "svc-local-api", "svc-staging-api", |a, v| {
                    a.service = v
                }),
                adapter_ref(
                    "database ref",
                    "db-local-main",
                    "db-staging-main",
                    |a, v| a.database = v,
                ),
                Dim {
                    name: "description",
                    classes: vec![
                        class("absent", &[], |_| {}),
                        class("near-miss prose", &[], |d| {
                            if let Some(a) = ad(d) {
                                a.description = Some(NEAR.to_owned());
                            }
                        }),
                    ],
                },
            ],
        },
        Slice {
            name: "boundaries",
            dims: vec![
                boundary_id("configuration id", true),
                boundary_id("secrets id", false),
            ],
        },
        Slice {
            name: "document",
            dims: vec![
                Dim {
                    name: "name",
                    classes: vec![
                        class("absent", &[], |_| {}),
                        class("near-miss prose", &[], |d| d.name = Some(NEAR.to_owned())),
                        class("cidr", &[Net005], |d| d.name = Some(CIDR.to_owned())),
                    ],
                },
                description(|d, v| d.description = v),
                Dim {
                    name: "diagrams",
                    classes: vec![
                        class("absent", &[], |_| {}),
                        class("empty", &[], |d| d.diagrams = Some(Vec::new())),
                        class("conceptual", &[], |d| {
                            diagram(d, "overview", "[ingress] --- [runtime] --- [persistence]")
                        }),
                        class("port", &[Fbd009], |d| diagram(d, "overview", "api :8080")),
                        class("arrow", &[Fbd009], |d| {
                            diagram(d, "ingress -> api", "ports and adapters")
                        }),
                        class("cidr", &[Net005], |d| diagram(d, "overview", "10.0.0.0/8")),
                        class("near-miss title", &[], |d| {
                            diagram(d, "the ingress port", "support 3, version 1.2.3")
                        }),
                    ],
                },
                Dim {
                    name: "environments",
                    classes: vec![
                        class("all three", &[], |_| {}),
                        class("no local", &[Env001], |d| d.environments.local = None),
                        class("no staging", &[Env001], |d| d.environments.staging = None),
                        class("no production", &[Env001], |d| {
                            d.environments.production = None
                        }),
                        class("local only", &[Env001], |d| {
                            d.environments.staging = None;
                            d.environments.production = None;
                        }),
                        class("staging only", &[Env001], |d| {
                            d.environments.local = None;
                            d.environments.production = None;
                        }),
                        class("production only", &[Env001], |d| {
                            d.environments.local = None;
                            d.environments.staging = None;
                        }),
                        class("none", &[Env001], |d| {
                            d.environments.local = None;
                            d.environments.staging = None;
                            d.environments.production = None;
                        }),
                    ],
                },
                Dim {
                    name: "unknown environment",
                    // Applied on the value tree (the typed design has no place for it).
                    classes: vec![class("no", &[], |_| {}), class("qa", &[Env001], |_| {})],
                },
            ],
        },
        Slice {
            name: "segment",
            dims: vec![
                Dim {
                    name: "which",
                    classes: vec![
                        class("ingress", &[], |_| {}),
                        class("runtime", &[], |_| {}),
                        class("persistence", &[], |_| {}),
                    ],
                },
                Dim {
                    name: "kind",
                    // Resolved per design (the class is relative to `which`): same, or one of
                    // the two others (NET-003 twice over and NET-004 for its component).
                    classes: vec![
                        class("own", &[], |_| {}),
                        class("next", &[Net003, Net004], |_| {}),
                        class("after next", &[Net003, Net004], |_| {}),
                    ],
                },
                Dim {
                    name: "description",
                    classes: vec![
                        class("absent", &[], |_| {}),
                        class("near-miss prose", &[], |_| {}),
                        class("cidr", &[Net005], |_| {}),
                    ],
                },
            ],
        },
    ]
}

fn diagram(d: &mut Design, title: &str, content: &str) {
    d.diagrams = Some(vec![Diagram {
        title: title.to_owned(),
        content: content.to_owned(),
    }]);
}

fn adapter_ref(
    name: &'static str,
    own: &'static str,
    other: &'static str,
    set: fn(&mut Adapter, String),
) -> Dim {
    let with = move |v: &'static str| {
        move |d: &mut Design| {
            if let Some(a) = ad(d) {
                set(a, v.to_owned());
            }
        }
    };
    Dim {
        name,
        classes: vec![
            class("resolves", &[], with(own)),
            class("dangling", &[Doc010], with("nope")),
            class("wrong kind", &[Doc010], with("cfg-local")),
            class("other environment", &[Env003], with(other)),
        ],
    }
}

fn boundary_id(name: &'static str, configuration: bool) -> Dim {
    let set = move |v: &'static str| {
        move |d: &mut Design| {
            if let Some(e) = local(d) {
                if configuration {
                    e.configuration.id = v.to_owned();
                } else {
                    e.secrets.id = v.to_owned();
                }
            }
        }
    };
    Dim {
        name,
        classes: vec![
            class("plain", &[], |_| {}),
            class("duplicate of the network", &[Doc009], set("net-local")),
            class(
                "shared with staging",
                &[Env002],
                set(if configuration {
                    "cfg-staging"
                } else {
                    "sec-staging"
                }),
            ),
            class(
                "cidr",
                &[Net005],
                set(if configuration {
                    "cfg 10.0.0.0/8"
                } else {
                    "sec 10.0.0.0/8"
                }),
            ),
        ],
    }
}

/// Mixed-radix enumeration of a slice: every combination of one class per dimension.
fn slice_cases(slice: &Slice) -> Vec<GeneratedCase> {
    let radices: Vec<usize> = slice.dims.iter().map(|d| d.classes.len().max(1)).collect();
    let total: usize = radices.iter().product();
    let mut out = Vec::with_capacity(total);
    for n in 0..total {
        let mut rest = n;
        let mut picks = Vec::with_capacity(radices.len());
        for r in &radices {
            picks.push(rest % r);
            rest /= r;
        }
        let mut design = Design::base();
        let mut rules: BTreeSet<RuleId> = BTreeSet::new();
        let mut labels = Vec::new();
        for (dim, &p) in slice.dims.iter().zip(&picks) {
            if let Some(c) = dim.classes.get(p) {
                (c.apply)(&mut design);
                rules.extend(c.rules.iter().copied());
                labels.push(format!("{}={}", dim.name, c.label));
            }
        }
        let pick = |i: usize| picks.get(i).copied().unwrap_or(0);
        match slice.name {
            // The single adapter is the writer of `main` in `local` and its access is part of
            // the composition: unless it is read-write with both references resolving, `main`
            // has no writer there (PER-003) and `local` lacks `api` writing `main`.
            "adapter" if pick(0) != 0 || pick(1) != 0 || pick(2) != 0 => {
                rules.extend([Per003, Inv001]);
            }
            "segment" => segment_slice(&mut design, pick(0), pick(1), pick(2)),
            _ => {}
        }
        let mut value = tree::to_value(&design);
        if slice.name == "document" && pick(4) == 1 {
            if let Some(members) =
                tree::members_mut(&mut value, &[Step::Key("environments".to_owned())])
            {
                members.push(("qa".to_owned(), Value::Object(Vec::new())));
            }
        }
        out.push(case(
            format!("{}: {}", slice.name, labels.join(", ")),
            value.to_bytes(),
            rules,
        ));
    }
    out
}

fn segment_slice(design: &mut Design, which: usize, kind: usize, description: usize) {
    const KINDS: [SegmentKind; 3] = [
        SegmentKind::Ingress,
        SegmentKind::Runtime,
        SegmentKind::Persistence,
    ];
    let Some(seg) = local(design)
        .and_then(|e| e.networks.first_mut())
        .and_then(|n| n.segments.get_mut(which))
    else {
        return;
    };
    if let Some(k) = KINDS.get((which + kind) % 3) {
        seg.kind = *k;
    }
    seg.description = match description {
        0 => None,
        1 => Some(NEAR.to_owned()),
        _ => Some(CIDR.to_owned()),
    };
}

fn case(description: String, document: Vec<u8>, rules: BTreeSet<RuleId>) -> GeneratedCase {
    GeneratedCase::new(
        "exhaustive",
        description,
        document,
        Some(Expected::of(rules)),
    )
}

const SERVICE_NAMES: [&str; 2] = ["api", "worker"];
const DATABASE_NAMES: [&str; 2] = ["main", "audit"];

/// A logical application of the composition slice.
struct App {
    services: usize,
    databases: usize,
    /// Per database, the bit set of its writing services.
    writers: Vec<usize>,
    /// Bit set over (service, database) pairs of read-only adapters.
    readers: usize,
    /// Bit set of exposed services.
    exposed: usize,
}

fn environment_of(app: &App, e: &str) -> Environment {
    let mut env = Design::base()
        .environments
        .local
        .unwrap_or_else(unreachable_env);
    let rename = |s: &str| s.replacen("local", e, 1);
    env.networks.iter_mut().for_each(|n| {
        n.id = rename(&n.id);
        n.segments.iter_mut().for_each(|s| s.id = rename(&s.id));
    });
    let service = |i: usize| format!("svc-{e}-{}", SERVICE_NAMES.get(i).copied().unwrap_or("x"));
    let database = |i: usize| format!("db-{e}-{}", DATABASE_NAMES.get(i).copied().unwrap_or("x"));
    env.services = (0..app.services)
        .map(|i| Service {
            id: service(i),
            name: SERVICE_NAMES.get(i).copied().unwrap_or("x").to_owned(),
            segment: format!("seg-{e}-runtime"),
            process: Process::LongLived,
            state: State::Stateless,
            scaling: None,
            visibility: None,
            description: None,
        })
        .collect();
    env.databases = (0..app.databases)
        .map(|i| Database {
            id: database(i),
            name: DATABASE_NAMES.get(i).copied().unwrap_or("x").to_owned(),
            engine: "postgresql".to_owned(),
            managed: true,
            segment: format!("seg-{e}-persistence"),
            visibility: None,
            description: None,
        })
        .collect();
    env.adapters = Vec::new();
    for d in 0..app.databases {
        for s in 0..app.services {
            let writes = app.writers.get(d).is_some_and(|w| w & (1 << s) != 0);
            let reads = app.readers & (1 << (d * 2 + s)) != 0;
            for (on, access) in [(writes, Access::ReadWrite), (reads, Access::ReadOnly)] {
                if on {
                    env.adapters.push(Adapter {
                        id: format!("ad-{e}-{s}-{d}-{}", access.as_str()),
                        service: service(s),
                        database: database(d),
                        access,
                        description: None,
                    });
                }
            }
        }
    }
    if let Some(i) = env.ingresses.first_mut() {
        i.id = rename(&i.id);
        i.segment = rename(&i.segment);
        i.targets = (0..app.services)
            .filter(|s| app.exposed & (1 << s) != 0)
            .map(service)
            .collect();
    }
    env.configuration.id = rename(&env.configuration.id);
    env.secrets.id = rename(&env.secrets.id);
    env
}

fn unreachable_env() -> Environment {
    Environment {
        description: None,
        networks: Vec::new(),
        ingresses: Vec::new(),
        services: Vec::new(),
        databases: Vec::new(),
        adapters: Vec::new(),
        configuration: j43_model::ConfigurationBoundary {
            id: "cfg".to_owned(),
            placement: ConfigurationPlacement::Dedicated,
            description: None,
        },
        secrets: j43_model::SecretsBoundary {
            id: "sec".to_owned(),
            placement: SecretsPlacement::Dedicated,
            description: None,
        },
    }
}

/// The composition slice: 0 to 2 services and databases with every writer set, read-only
/// adapter set and exposed set, the same in every environment, then one deviation.
fn composition_cases() -> Vec<GeneratedCase> {
    let mut out = Vec::new();
    for services in 0..=2usize {
        for databases in 0..=2usize {
            let writer_sets = 1usize << services;
            let reader_bits = services * databases;
            for writers_code in 0..writer_sets.pow(databases as u32) {
                let mut rest = writers_code;
                let writers: Vec<usize> = (0..databases)
                    .map(|_| {
                        let w = rest % writer_sets;
                        rest /= writer_sets;
                        w
                    })
                    .collect();
                for readers_mask in 0..(1usize << reader_bits) {
                    // Spread the pair bits to the (d * 2 + s) layout.
                    let mut readers = 0;
                    let mut bit = 0;
                    for d in 0..databases {
                        for s in 0..services {
                            if readers_mask & (1 << bit) != 0 {
                                readers |= 1 << (d * 2 + s);
                            }
                            bit += 1;
                        }
                    }
                    for exposed in 0..(1usize << services) {
                        let app = App {
                            services,
                            databases,
                            writers: writers.clone(),
                            readers,
                            exposed,
                        };
                        for deviation in 0..4 {
                            out.push(composition_case(&app, deviation));
                        }
                    }
                }
            }
        }
    }
    out
}

fn composition_case(app: &App, deviation: usize) -> GeneratedCase {
    let mut design = Design::base();
    design.environments.local = Some(environment_of(app, "local"));
    design.environments.staging = Some(environment_of(app, "staging"));
    design.environments.production = Some(environment_of(app, "production"));
    let mut rules = BTreeSet::new();
    if app.writers.iter().any(|w| w.count_ones() != 1) {
        rules.insert(Per003);
    }
    let label = match deviation {
        1 => {
            // A service of a new name in production only.
            if let Some(e) = design.environments.production.as_mut() {
                e.services
                    .push(twin_service("svc-production-extra", "extra", "production"));
            }
            rules.insert(Inv001);
            "extra service in production"
        }
        2 => {
            // Two instances of one logical service in local; one in the others.
            for (name, env) in design.environments.iter_mut() {
                env.services
                    .push(twin_service(&format!("svc-{name}-twin-1"), "twin", name));
                if name == "local" {
                    env.services
                        .push(twin_service("svc-local-twin-2", "twin", name));
                }
            }
            rules.insert(Cmp004);
            "twin services in local"
        }
        3 => {
            // Two instances of one logical database in local, each written by `scribe`.
            for (name, env) in design.environments.iter_mut() {
                let copies = if name == "local" { 2 } else { 1 };
                env.services
                    .push(twin_service(&format!("svc-{name}-scribe"), "scribe", name));
                for k in 0..copies {
                    let id = format!("db-{name}-twin-{k}");
                    env.databases.push(Database {
                        id: id.clone(),
                        name: "twin".to_owned(),
                        engine: "postgresql".to_owned(),
                        managed: true,
                        segment: format!("seg-{name}-persistence"),
                        visibility: None,
                        description: None,
                    });
                    env.adapters.push(Adapter {
                        id: format!("ad-{name}-twin-{k}"),
                        service: format!("svc-{name}-scribe"),
                        database: id,
                        access: Access::ReadWrite,
                        description: None,
                    });
                }
            }
            rules.insert(Per004);
            "twin databases in local"
        }
        _ => "identical environments",
    };
    let exposed: Vec<&str> = (0..app.services)
        .filter(|s| app.exposed & (1 << s) != 0)
        .filter_map(|s| SERVICE_NAMES.get(s).copied())
        .collect();
    case(
        format!(
            "composition: {} services, {} databases, writers {:?}, readers {:#b}, exposed {:?}, {label}",
            app.services, app.databases, app.writers, app.readers, exposed
        ),
        tree::to_value(&design).to_bytes(),
        rules,
    )
}

fn twin_service(id: &str, name: &str, env: &str) -> Service {
    Service {
        id: id.to_owned(),
        name: name.to_owned(),
        segment: format!("seg-{env}-runtime"),
        process: Process::LongLived,
        state: State::Stateless,
        scaling: None,
        visibility: None,
        description: None,
    }
}

/// A wrong-typed value for a position of this type.
fn wrong(ty: Type) -> Value {
    match ty {
        Type::Bool | Type::Array(_) | Type::Object(_) => Value::String("x".to_owned()),
        _ => Value::Number("0".to_owned()),
    }
}

/// The shape slice: each typed value of the top level and of `local` absent, of a wrong type
/// and (for constrained strings) invalid; each object kind with an unknown member and with one
/// name of each forbidden row that applies to it; an unknown environment.
fn shape_cases() -> Vec<GeneratedCase> {
    let mut base = Design::base();
    base.diagrams = Some(vec![Diagram {
        title: "overview".to_owned(),
        content: "[ingress] --- [runtime] --- [persistence]".to_owned(),
    }]);
    let base = tree::to_value(&base);
    let mut out = Vec::new();
    let in_scope = |path: &[Step]| match path.get(1) {
        None => true,
        Some(Step::Key(k)) => {
            k == "local" || path.first() == Some(&Step::Key("diagrams".to_owned()))
        }
        Some(Step::Index(_)) => true,
    };
    for site in tree::typed_sites(&base) {
        if !in_scope(&site.path) {
            continue;
        }
        let at = pointer(&site.path);
        // Absent.
        if let (Some((kind, required)), Some(Step::Key(name)), Some(parent)) = (
            site.member,
            site.path.last(),
            site.path.get(..site.path.len().saturating_sub(1)),
        ) {
            if kind != ObjectKind::Environments {
                let mut v = base.clone();
                if let Some(members) = tree::members_mut(&mut v, parent) {
                    members.retain(|(n, _)| n != name);
                }
                let rules = if required {
                    BTreeSet::from([RuleId::Doc006])
                } else {
                    BTreeSet::new()
                };
                out.push(case(format!("shape: {at} absent"), v.to_bytes(), rules));
            }
        }
        // Wrong type.
        let mut v = base.clone();
        if let Some(slot) = tree::get_mut(&mut v, &site.path) {
            *slot = wrong(site.ty);
        }
        out.push(case(
            format!("shape: {at} wrong type"),
            v.to_bytes(),
            BTreeSet::from([RuleId::Doc005]),
        ));
        // Invalid string.
        let invalid = match site.ty {
            Type::Id | Type::Name | Type::Ref(_) => Some(String::new()),
            Type::Enum(_) => Some("daemon".to_owned()),
            Type::Const(_) => Some("j43/2".to_owned()),
            _ => None,
        };
        if let Some(s) = invalid {
            let mut v = base.clone();
            if let Some(slot) = tree::get_mut(&mut v, &site.path) {
                *slot = Value::String(s);
            }
            out.push(case(
                format!("shape: {at} invalid"),
                v.to_bytes(),
                BTreeSet::from([RuleId::Doc008]),
            ));
        }
    }
    // Extra members, one object of each kind.
    let mut seen = BTreeSet::new();
    for site in tree::objects(&base) {
        if site.kind == ObjectKind::Environments || !seen.insert(site.kind) {
            continue;
        }
        let mut extras: Vec<(&'static str, BTreeSet<RuleId>)> =
            vec![("owner", BTreeSet::from([RuleId::Doc007]))];
        for &rule in RuleId::ALL {
            if let Some((_, name)) = forbidden_pairs(rule).iter().find(|(k, _)| *k == site.kind) {
                extras.push((name, BTreeSet::from([rule])));
            }
        }
        for (name, rules) in extras {
            let mut v = base.clone();
            if let Some(members) = tree::members_mut(&mut v, &site.path) {
                members.push((name.to_owned(), Value::Null));
            }
            out.push(case(
                format!("shape: `{name}` on {}", site.kind.as_str()),
                v.to_bytes(),
                rules,
            ));
        }
    }
    let mut v = base.clone();
    if let Some(members) = tree::members_mut(&mut v, &[Step::Key("environments".to_owned())]) {
        members.push(("qa".to_owned(), Value::Null));
    }
    out.push(case(
        "shape: unknown environment".to_owned(),
        v.to_bytes(),
        BTreeSet::from([RuleId::Env001]),
    ));
    out
}

fn pointer(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{k}"),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// The parse slice: each layer-1 rule's violating bytes and near-misses around the base design.
fn parse_cases() -> Vec<GeneratedCase> {
    let base = tree::to_value(&Design::base()).to_bytes();
    let with = |prefix: &[u8], suffix: &[u8]| {
        let mut d = prefix.to_vec();
        d.extend_from_slice(&base);
        d.extend_from_slice(suffix);
        d
    };
    let nested = |n: usize| {
        let mut d = b"{\"x\":".to_vec();
        d.extend(std::iter::repeat_n(b'[', n));
        d.extend(std::iter::repeat_n(b']', n));
        d.push(b',');
        d.extend_from_slice(base.get(1..).unwrap_or_default());
        d
    };
    let one = |r: RuleId| BTreeSet::from([r]);
    vec![
        case("parse: empty".to_owned(), Vec::new(), one(Doc001)),
        case(
            "parse: byte order mark".to_owned(),
            with(b"\xef\xbb\xbf", b""),
            one(Doc001),
        ),
        case(
            "parse: trailing data".to_owned(),
            with(b"", b"x"),
            one(Doc001),
        ),
        case(
            "parse: surrounding whitespace".to_owned(),
            with(b"\n\t \r\n", b"\n\t \r\n"),
            BTreeSet::new(),
        ),
        case(
            "parse: truncated".to_owned(),
            base.get(..base.len() / 2).unwrap_or_default().to_vec(),
            one(Doc001),
        ),
        case(
            "parse: invalid utf-8".to_owned(),
            with(b"", b"\xff"),
            one(Doc001),
        ),
        case(
            "parse: lone surrogate".to_owned(),
            b"{\"format\":\"j43/1\\ud800\"}".to_vec(),
            one(Doc001),
        ),
        case(
            "parse: duplicate name".to_owned(),
            {
                let mut d = b"{\"format\":\"j43/1\",".to_vec();
                d.extend_from_slice(base.get(1..).unwrap_or_default());
                d
            },
            one(Doc002),
        ),
        case(
            "parse: duplicate by escape".to_owned(),
            {
                let mut d = b"{\"\\u0066ormat\":\"j43/1\",".to_vec();
                d.extend_from_slice(base.get(1..).unwrap_or_default());
                d
            },
            one(Doc002),
        ),
        case("parse: nesting 64".to_owned(), nested(63), one(Doc007)),
        case("parse: nesting 65".to_owned(), nested(64), one(Doc003)),
        case(
            "parse: 65 arrays".to_owned(),
            {
                let mut d = vec![b'['; 65];
                d.extend(vec![b']'; 65]);
                d
            },
            one(Doc003),
        ),
    ]
}

/// Every design of the scope (see the module documentation), in a fixed order, each with its
/// expected report by construction. Finite: [`exhaustive_size`] designs.
pub fn exhaustive() -> impl Iterator<Item = GeneratedCase> {
    let slices = slices();
    let mut all: Vec<GeneratedCase> = parse_cases();
    all.extend(shape_cases());
    for slice in &slices {
        all.extend(slice_cases(slice));
    }
    all.extend(composition_cases());
    all.into_iter()
}

/// The number of designs of the scope.
pub fn exhaustive_size() -> usize {
    let fields: usize = slices()
        .iter()
        .map(|s| s.dims.iter().map(|d| d.classes.len()).product::<usize>())
        .sum();
    fields + parse_cases().len() + shape_cases().len() + composition_cases().len()
}

/// Every value class of the field slices, as `(slice, "dimension=class")`, as the descriptions
/// of [`exhaustive`]'s cases spell them.
pub fn exhaustive_classes() -> Vec<(String, String)> {
    slices()
        .iter()
        .flat_map(|s| {
            s.dims.iter().flat_map(move |d| {
                d.classes
                    .iter()
                    .map(move |c| (s.name.to_owned(), format!("{}={}", d.name, c.label)))
            })
        })
        .collect()
}
