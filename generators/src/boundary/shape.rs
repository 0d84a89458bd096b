//! S3 boundaries (layer 2): every member of every kind absent, of a wrong type (`null`
//! included), empty where a character is required, at its enumeration's neighbours; unknown
//! members of each kind; each forbidden-member row of S3.14; the environment names of S3.3.
//!
//! A blocking violation (DOC-005, DOC-006, DOC-008) hides layer 3 (S4.2), and the
//! surroundings are authorized, so a violating case's report is the class's rule alone; a
//! near-miss that sets an enumeration to another valid value gets that value's layer-3 rule.

use super::{
    class, env_path, insert_member, key, leak, remove_member, set_member, string, Built, Class,
    Ctx, Side,
};
use crate::text as pools;
use crate::tree::{self, Step};
use crate::violate::{forbidden_pairs, junk};
use crate::work::Work;
use j43_model::json::Value;
use j43_model::{forbidden_rule, Member, ObjectKind, RuleId, Type, ENVIRONMENTS};

use RuleId::*;

/// The object kinds with members, in SPEC S3 order, with the kebab-case names of classes.
const KINDS: &[(ObjectKind, &str)] = &[
    (ObjectKind::Document, "document"),
    (ObjectKind::Environment, "environment"),
    (ObjectKind::Network, "network"),
    (ObjectKind::Segment, "segment"),
    (ObjectKind::Ingress, "ingress"),
    (ObjectKind::Service, "service"),
    (ObjectKind::Database, "database"),
    (ObjectKind::Adapter, "adapter"),
    (ObjectKind::Configuration, "configuration"),
    (ObjectKind::Secrets, "secrets"),
    (ObjectKind::Diagram, "diagram"),
];

/// A random design with at least one object of `kind`, as a value, and the path of one.
fn instance(ctx: &mut Ctx, kind: ObjectKind) -> (Value, Vec<Step>) {
    let mut w = ctx.work();
    ensure(&mut w, kind);
    let v = ctx.value(w);
    let sites: Vec<Vec<Step>> = tree::objects(&v)
        .into_iter()
        .filter(|o| o.kind == kind)
        .map(|o| o.path)
        .collect();
    let path = ctx.pick(&sites).cloned().unwrap_or_default();
    (v, path)
}

fn ensure(w: &mut Work, kind: ObjectKind) {
    match kind {
        ObjectKind::Service | ObjectKind::Ingress => w.ensure_services(1),
        ObjectKind::Database => w.ensure_database(),
        ObjectKind::Adapter => w.ensure_adapter(),
        ObjectKind::Diagram => w.ensure_diagram(),
        _ => {}
    }
}

/// Values of every JSON type, for wrong types; `null` first.
fn json_values() -> [Value; 11] {
    [
        Value::Null,
        Value::Bool(true),
        Value::Number("0".to_owned()),
        Value::String("x".to_owned()),
        Value::Array(Vec::new()),
        Value::Object(Vec::new()),
        Value::Null,
        Value::Number("-1.5e3".to_owned()),
        Value::String(String::new()),
        Value::Array(vec![Value::Number("1".to_owned())]),
        Value::Object(vec![("a".to_owned(), Value::Null)]),
    ]
}

fn accepts(ty: Type, v: &Value) -> bool {
    matches!(
        (ty, v),
        (
            Type::Text | Type::Id | Type::Name | Type::Ref(_) | Type::Enum(_) | Type::Const(_),
            Value::String(_)
        ) | (Type::Bool, Value::Bool(_))
            | (Type::Array(_), Value::Array(_))
            | (Type::Object(_), Value::Object(_))
    )
}

/// The `k`-th value of a JSON type that `ty` does not accept (`null` among the first).
fn wrong_value(ty: Type, k: usize) -> Value {
    if ty == Type::Bool {
        // Mostly what truthiness would take for a boolean.
        let s = |x: &str| Value::String(x.to_owned());
        let n = |x: &str| Value::Number(x.to_owned());
        let wrong = [
            s("true"),
            n("1"),
            Value::Null,
            s("false"),
            n("0"),
            s("yes"),
            s("true"),
            Value::Array(Vec::new()),
            n("0"),
            Value::Object(Vec::new()),
        ];
        return wrong.get(k % wrong.len()).cloned().unwrap_or(Value::Null);
    }
    let wrong: Vec<Value> = json_values()
        .into_iter()
        .filter(|v| !accepts(ty, v))
        .collect();
    wrong
        .get(k % wrong.len().max(1))
        .cloned()
        .unwrap_or(Value::Null)
}

/// One-character strings no generated id or name uses.
const ONE_CHAR: &[&str] = &[
    "\u{2296}",
    "\u{2297}",
    "\u{2298}",
    "\u{2299}",
    "\u{229a}",
    "\u{229b}",
    "Z",
    "\u{416}",
    "\u{3000}",
    "\u{1f99c}",
];

/// Strings at an enumeration's edge: case, padding, separators, truncation, other values.
fn enum_neighbours(allowed: &[&str], current: &str) -> Vec<String> {
    let mut capital = current.to_owned();
    if let Some(f) = capital.get_mut(..1) {
        f.make_ascii_uppercase();
    }
    let mut out = vec![
        capital,
        current.to_ascii_uppercase(),
        format!("{current} "),
        format!(" {current}"),
        current.replace('-', "_"),
        format!("{current}\u{0}"),
        current
            .get(..current.len().saturating_sub(1))
            .unwrap_or_default()
            .to_owned(),
        String::new(),
        current.replace('i', "\u{131}"),
        format!("{current}s"),
    ];
    for other in [
        "public",
        "runtime",
        "read-only",
        "infrastructure",
        "stateless",
        "dedicated",
        "horizontal",
        "long-lived",
        "ingress",
    ] {
        out.push(other.to_owned());
    }
    out.retain(|s| !allowed.contains(&s.as_str()));
    out.dedup();
    out
}

/// Strings close to `j43/1` (other versions, cases, spacing, look-alike slashes).
const CONST_NEIGHBOURS: &[&str] = &[
    "j43/2",
    "J43/1",
    "",
    " j43/1",
    "j43\u{2215}1",
    "j43/01",
    "j43",
    "j43/1 ",
    "j43/0",
    "j43 /1",
    "J43/1 ",
    "j43/\u{31}\u{2024}0",
];

/// Strings that start with `j43/1` and go on: what a prefix test would take for the version.
const VERSION_EXTENSIONS: &[&str] = &[
    "j43/1 ",
    "j43/10",
    "j43/1\u{0}",
    "j43/1.0",
    "j43/11",
    "j43/1/",
    "j43/1x",
    "j43/1-rc",
    "j43/1\t",
    "j43/12",
    "j43/1.1",
    "j43/1+",
];

/// The layer-3 rule a valid enumeration value triggers at this member (S6).
fn enum_value_rule(kind: ObjectKind, member: &str, value: &str) -> Option<RuleId> {
    match (kind, member, value) {
        (_, "visibility", "public") => Some(Net002),
        (ObjectKind::Ingress, "tls_termination", v) if v != "infrastructure" => Some(Ing002),
        (ObjectKind::Service, "process", v) if v != "long-lived" => Some(Cmp001),
        (ObjectKind::Service, "state", v) if v != "stateless" => Some(Cmp002),
        (ObjectKind::Service, "scaling", v) if v != "horizontal" => Some(Cmp003),
        (ObjectKind::Configuration, "placement", v) if v != "dedicated" => Some(Cfg001),
        (ObjectKind::Secrets, "placement", "configuration") => Some(Cfg002),
        (ObjectKind::Secrets, "placement", "runtime") => Some(Cfg003),
        _ => None,
    }
}

/// Renames, in the environment at `env` (a path prefix), every id and reference equal to
/// `old` to `new`.
fn rename_in_env(v: &mut Value, env: &[Step], old: &str, new: &str) {
    let sites: Vec<Vec<Step>> = tree::typed_sites(v)
        .into_iter()
        .filter(|s| s.path.starts_with(env) && matches!(s.ty, Type::Id | Type::Ref(_)))
        .map(|s| s.path)
        .collect();
    for path in sites {
        if let Some(slot @ Value::String(_)) = tree::get_mut(v, &path) {
            if slot.as_str() == Some(old) {
                *slot = string(new);
            }
        }
    }
}

/// Renames every service's (database's) logical name `old` to `new`, in every environment.
fn rename_name(v: &mut Value, kind: ObjectKind, old: &str, new: &str) {
    let sites: Vec<Vec<Step>> = tree::objects(v)
        .into_iter()
        .filter(|o| o.kind == kind)
        .map(|o| o.path)
        .collect();
    for path in sites {
        let mut p = path.clone();
        p.push(key("name"));
        if let Some(slot) = tree::get_mut(v, &p) {
            if slot.as_str() == Some(old) {
                *slot = string(new);
            }
        }
    }
}

/// DOC-005 for one member: a wrong JSON type (violating) or the right one (near-miss).
fn type_class(kind: ObjectKind, kind_name: &str, m: &'static Member) -> Class {
    let name = leak(format!("{kind_name}-{}-type", m.name.replace('_', "-")));
    class(
        Doc005,
        name,
        "S3, S4.2",
        "a value of a wrong JSON type (`null` included)",
        "a value of the right type (empty text, `[]`, either boolean where both are authorized)",
        move |ctx, side| {
            let (mut v, path) = instance(ctx, kind);
            let mut at = path.clone();
            at.push(key(m.name));
            let mut rules = Vec::new();
            match side {
                Side::Violating => {
                    let wrong = wrong_value(m.ty, ctx.i);
                    set_member(ctx, &mut v, &path, m.name, wrong);
                    rules.push(Doc005);
                }
                Side::NearMiss => {
                    let present = tree::get(&v, &at).is_some();
                    let right = match m.ty {
                        Type::Text if ctx.i % 2 == 0 => Some(string("")),
                        Type::Text if kind == ObjectKind::Diagram => {
                            Some(string(pools::diagram_text(&mut ctx.c, &ctx.s)))
                        }
                        Type::Text => Some(string(pools::prose(&mut ctx.c, &ctx.s))),
                        Type::Bool if m.name == "load_balancing" => {
                            Some(Value::Bool(ctx.i % 2 == 0))
                        }
                        Type::Enum(_) if !present => Some(string(if m.name == "scaling" {
                            "horizontal"
                        } else {
                            "private"
                        })),
                        Type::Array(_) if !present => Some(Value::Array(Vec::new())),
                        _ => None,
                    };
                    if let Some(right) = right {
                        set_member(ctx, &mut v, &path, m.name, right);
                    }
                }
            }
            Built::new(ctx.render(&v), &rules, format!("{at:?}"))
        },
    )
}

/// DOC-006 for one required member: absent (violating); present, `null` or of a wrong type
/// (near-miss: DOC-005 for the last two).
fn absent_class(kind: ObjectKind, kind_name: &str, m: &'static Member) -> Class {
    let name = leak(format!("{kind_name}-{}-absent", m.name.replace('_', "-")));
    class(
        Doc006,
        name,
        "S3, S4.2",
        "the required member absent",
        "present: valid, `null` (DOC-005) or of another type (DOC-005)",
        move |ctx, side| {
            let (mut v, path) = instance(ctx, kind);
            let rules: &[RuleId] = match (side, ctx.i % 3) {
                (Side::Violating, _) => {
                    remove_member(&mut v, &path, m.name);
                    &[Doc006]
                }
                (Side::NearMiss, 0) => &[],
                (Side::NearMiss, 1) => {
                    set_member(ctx, &mut v, &path, m.name, Value::Null);
                    &[Doc005]
                }
                (Side::NearMiss, _) => {
                    let wrong = wrong_value(m.ty, 1 + ctx.i / 3);
                    set_member(ctx, &mut v, &path, m.name, wrong);
                    &[Doc005]
                }
            };
            Built::new(ctx.render(&v), rules, format!("{path:?}"))
        },
    )
}

/// DOC-008 for one constrained string member: empty, an enumeration's neighbour, not the
/// constant (violating); one character, another valid value, the constant (near-miss).
fn value_class(kind: ObjectKind, kind_name: &str, m: &'static Member) -> Class {
    let name = leak(format!("{kind_name}-{}-value", m.name.replace('_', "-")));
    let (violating, near_miss) = match m.ty {
        Type::Enum(_) => ("a neighbour of a valid value (case, padding, `_` for `-`, truncation, a value of another enumeration)", "each valid value (with its layer-3 rule, if any)"),
        Type::Const(_) => ("a string close to `j43/1`", "`j43/1`"),
        _ => ("the empty string", "a string of one character (renamed everywhere it is referred to)"),
    };
    class(
        Doc008,
        name,
        "S3.1, S4.2",
        violating,
        near_miss,
        move |ctx, side| {
            let (mut v, path) = instance(ctx, kind);
            let mut at = path.clone();
            at.push(key(m.name));
            if let Type::Array(_) = m.ty {
                // `targets`: an element; there is one once a target is added.
                let has = tree::get(&v, &at)
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty());
                if !has {
                    // A first target: one logical service exposed in every environment (INV-001).
                    let mut first = env_path(0);
                    first.extend([key("services"), Step::Index(0), key("name")]);
                    let logical = tree::get(&v, &first)
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                    for e in 0..3 {
                        let mut s = env_path(e);
                        s.push(key("services"));
                        let id = tree::get(&v, &s)
                            .and_then(Value::as_array)
                            .and_then(|all| {
                                all.iter().find(|x| {
                                    x.get("name").and_then(Value::as_str) == logical.as_deref()
                                })
                            })
                            .and_then(|x| x.get("id"))
                            .and_then(Value::as_str)
                            .map(str::to_owned);
                        let mut t = env_path(e);
                        t.extend([key("ingresses"), Step::Index(0), key("targets")]);
                        if let (Some(id), Some(Value::Array(items))) =
                            (id, tree::get_mut(&mut v, &t))
                        {
                            items.push(string(id));
                        }
                    }
                }
                let n = tree::get(&v, &at)
                    .and_then(Value::as_array)
                    .map_or(0, <[Value]>::len);
                at.push(Step::Index(ctx.below(n)));
            }
            let current = tree::get(&v, &at)
                .and_then(Value::as_str)
                .map(str::to_owned);
            let mut rules = Vec::new();
            let new = match (side, m.ty) {
                (Side::Violating, Type::Enum(allowed)) => {
                    let cur = current
                        .clone()
                        .unwrap_or_else(|| allowed.first().copied().unwrap_or("").to_owned());
                    ctx.cycle(&enum_neighbours(allowed, &cur))
                        .cloned()
                        .unwrap_or_default()
                }
                (Side::Violating, Type::Const(_)) => ctx
                    .cycle(CONST_NEIGHBOURS)
                    .copied()
                    .unwrap_or("")
                    .to_owned(),
                (Side::Violating, _) => String::new(),
                (Side::NearMiss, Type::Enum(allowed)) => {
                    let value = match m.name {
                        // Other kinds or accesses would move components or writers: kept.
                        "kind" | "access" => current.clone().unwrap_or_default(),
                        _ => ctx.cycle(allowed).copied().unwrap_or("").to_owned(),
                    };
                    rules.extend(enum_value_rule(kind, m.name, &value));
                    value
                }
                (Side::NearMiss, Type::Const(c)) => c.to_owned(),
                (Side::NearMiss, _) => {
                    let one = ctx.cycle(ONE_CHAR).copied().unwrap_or("Z").to_owned();
                    let old = current.clone().unwrap_or_default();
                    match (kind, m.name) {
                        (ObjectKind::Database, "engine") => {
                            if ctx.i % 2 == 0 {
                                rules.push(Per001);
                                one
                            } else {
                                "postgres".to_owned()
                            }
                        }
                        (_, "name") => {
                            rename_name(&mut v, kind, &old, &one);
                            one
                        }
                        _ => {
                            let env: Vec<Step> = at.iter().take(2).cloned().collect();
                            rename_in_env(&mut v, &env, &old, &one);
                            one
                        }
                    }
                }
            };
            if side == Side::Violating {
                rules.push(Doc008);
            }
            if let Some(slot) = tree::get_mut(&mut v, &at) {
                *slot = string(new.clone());
            } else {
                set_member(ctx, &mut v, &path, m.name, string(new.clone()));
            }
            Built::new(ctx.render(&v), &rules, format!("{new:?} at {at:?}"))
        },
    )
}

fn is_constrained(ty: Type) -> bool {
    matches!(
        ty,
        Type::Id
            | Type::Name
            | Type::Ref(_)
            | Type::Enum(_)
            | Type::Const(_)
            | Type::Array(&Type::Ref(_))
    )
}

fn member_classes() -> Vec<Class> {
    let mut out = Vec::new();
    out.push(class(
        Doc005,
        "document-type",
        "S4.2",
        "a top level that is not an object",
        "an object: a design, or `{}` (DOC-006)",
        |ctx, side| {
            let w = ctx.work();
            let v = ctx.value(w);
            let (doc, rules): (Value, &[RuleId]) = match side {
                Side::Violating => {
                    let wrapped = match ctx.i % 5 {
                        0 => Value::Array(vec![v]),
                        1 => Value::Null,
                        2 => Value::String(pools::prose(&mut ctx.c, &ctx.s)),
                        3 => Value::Number(format!("{}e400", ctx.i)),
                        _ => Value::Bool(ctx.flip()),
                    };
                    (wrapped, &[Doc005])
                }
                Side::NearMiss if ctx.i % 2 == 0 => (Value::Object(Vec::new()), &[Doc006]),
                Side::NearMiss => (v, &[]),
            };
            // Leading whitespace of the case's index keeps the small documents distinct.
            let mut bytes = vec![b' '; ctx.i];
            bytes.extend(ctx.render(&doc));
            Built::new(bytes, rules, "")
        },
    ));
    for &(kind, kind_name) in KINDS {
        for m in kind.members() {
            out.push(type_class(kind, kind_name, m));
            if m.required {
                out.push(absent_class(kind, kind_name, m));
            }
            if is_constrained(m.ty) {
                out.push(value_class(kind, kind_name, m));
            }
        }
    }
    out.push(class(
        Doc008,
        "document-format-version",
        "S3.2",
        "`j43/1` followed by more characters (another version, padding, NUL)",
        "`j43/1` exactly",
        |ctx, side| {
            let w = ctx.work();
            let mut v = ctx.value(w);
            let (format, rules): (&str, &[RuleId]) = match side {
                Side::Violating => (
                    ctx.cycle(VERSION_EXTENSIONS).copied().unwrap_or("j43/10"),
                    &[Doc008],
                ),
                Side::NearMiss => ("j43/1", &[]),
            };
            set_member(ctx, &mut v, &[], "format", string(format));
            Built::new(ctx.render(&v), rules, format!("{format:?}"))
        },
    ));
    for env in ENVIRONMENTS {
        let name = leak(format!("environments-{env}-type"));
        out.push(class(
            Doc005,
            name,
            "S3.3",
            "the environment's value not an object",
            "an object",
            move |ctx, side| {
                let w = ctx.work();
                let mut v = ctx.value(w);
                let rules: &[RuleId] = match side {
                    Side::Violating => {
                        let wrong = wrong_value(Type::Object(ObjectKind::Environment), ctx.i);
                        set_member(ctx, &mut v, &[key("environments")], env, wrong);
                        &[Doc005]
                    }
                    Side::NearMiss => &[],
                };
                Built::new(ctx.render(&v), rules, "")
            },
        ));
    }
    out
}

/// Unknown-member names for an object of `kind`: close to known names, known on other kinds,
/// forbidden on services only.
fn unknown_names(kind: ObjectKind) -> Vec<String> {
    let known = kind.members().first().map_or("id", |m| m.name);
    let mut capital = known.to_owned();
    if let Some(f) = capital.get_mut(..1) {
        f.make_ascii_uppercase();
    }
    let mut out = vec![
        "owner".to_owned(),
        capital,
        format!("{known} "),
        "engine".to_owned(),
        "placement".to_owned(),
        "targets".to_owned(),
        "secret".to_owned(),
        "volumes".to_owned(),
        "dsn".to_owned(),
        "x-extra".to_owned(),
        String::new(),
        "\u{ff49}\u{ff44}".to_owned(),
        "descr\u{131}ption".to_owned(),
        "segments".to_owned(),
    ];
    out.retain(|n| kind.member(n).is_none() && forbidden_rule(kind, n).is_none());
    out
}

fn unknown_class(kind: ObjectKind, kind_name: &str) -> Class {
    let name = leak(format!("unknown-member-on-{kind_name}"));
    class(Doc007, name, "S3.14, S6.1", "a member unknown to the kind (a case variant, a member of another kind, a name forbidden on services only)", "a known optional member, the name in prose, or a forbidden name (its rule)", move |ctx, side| {
        let (mut v, path) = instance(ctx, kind);
        let rules: Vec<RuleId> = match side {
            Side::Violating => {
                let names = unknown_names(kind);
                let n = ctx.cycle(&names).cloned().unwrap_or_else(|| "owner".to_owned());
                let j = junk(&mut ctx.c);
                insert_member(ctx, &mut v, &path, &n, j);
                vec![Doc007]
            }
            Side::NearMiss => {
                let optional: Vec<&Member> = kind.members().iter().filter(|m| !m.required).collect();
                match ctx.i % 3 {
                    0 if !optional.is_empty() => {
                        let m = ctx.cycle_slow(&optional, 3).copied();
                        if let Some(m) = m {
                            let x = match m.ty {
                                Type::Enum(_) => string(if m.name == "scaling" { "horizontal" } else { "private" }),
                                Type::Bool => Value::Bool(ctx.flip()),
                                Type::Array(_) => Value::Array(Vec::new()),
                                _ => string("owned by team a"),
                            };
                            set_member(ctx, &mut v, &path, m.name, x);
                        }
                        vec![]
                    }
                    1 => {
                        let pairs: Vec<(ObjectKind, &str, RuleId)> = RuleId::ALL
                            .iter()
                            .flat_map(|&r| forbidden_pairs(r).iter().map(move |&(k, n)| (k, n, r)).collect::<Vec<_>>())
                            .filter(|(k, _, _)| *k == kind)
                            .collect();
                        match ctx.pick(&pairs).copied() {
                            Some((_, n, r)) => {
                                let j = junk(&mut ctx.c);
                                insert_member(ctx, &mut v, &path, n, j);
                                vec![r]
                            }
                            None => vec![],
                        }
                    }
                    _ => {
                        let names = unknown_names(kind);
                        let n = ctx.pick(&names).cloned().unwrap_or_default();
                        let at = if kind == ObjectKind::Diagram { vec![] } else { path.clone() };
                        set_member(ctx, &mut v, &at, "description", string(format!("no `{n}` here")));
                        vec![]
                    }
                }
            }
        };
        Built::new(ctx.render(&v), &rules, "")
    })
}

/// A forbidden-member class of one rule: a name of its rows on an object of a kind it applies
/// to, with any value (violating); the name in prose, in another case, inside an unknown
/// member's value, in the `environments` object (ENV-001), on a kind it does not apply to, or
/// inside another forbidden member's value (near-miss).
fn forbidden_class(rule: RuleId) -> Class {
    let name = leak(format!(
        "forbidden-member-{}",
        rule.as_str().to_ascii_lowercase()
    ));
    class(rule, name, "S3.14", "a forbidden name of the rule's rows present, whatever its value (`null`, `false`, `0`, `[]`, `{}` included)", "the name in prose, in another case, inside an unknown member's value, in `environments`, on a kind it does not apply to", move |ctx, side| {
        let pairs = forbidden_pairs(rule);
        let mut names: Vec<&'static str> = pairs.iter().map(|(_, n)| *n).collect();
        names.dedup();
        names.sort_unstable();
        names.dedup();
        let n = ctx.cycle(&names).copied().unwrap_or("region");
        let kinds: Vec<ObjectKind> = pairs.iter().filter(|(_, x)| *x == n).map(|(k, _)| *k).collect();
        let kind = ctx.pick(&kinds).copied().unwrap_or(ObjectKind::Document);
        let (mut v, path) = instance(ctx, kind);
        let values = json_values();
        let value = ctx.cycle_slow(&values, names.len()).cloned().unwrap_or(Value::Null);
        let rules: Vec<RuleId> = match side {
            Side::Violating => {
                insert_member(ctx, &mut v, &path, n, value);
                vec![rule]
            }
            Side::NearMiss => match ctx.i % 5 {
                0 => {
                    let at = if kind == ObjectKind::Diagram { vec![] } else { path.clone() };
                    set_member(ctx, &mut v, &at, "description", string(format!("no {n} in this phase")));
                    vec![]
                }
                1 => {
                    let mut other = n.to_owned();
                    if let Some(f) = other.get_mut(..1) {
                        f.make_ascii_uppercase();
                    }
                    insert_member(ctx, &mut v, &path, &other, value);
                    vec![Doc007]
                }
                2 => {
                    let inner = Value::Object(vec![(n.to_owned(), value)]);
                    insert_member(ctx, &mut v, &path, "owner", inner);
                    vec![Doc007]
                }
                3 => {
                    insert_member(ctx, &mut v, &[key("environments")], n, value);
                    vec![Env001]
                }
                _ => {
                    let others: Vec<ObjectKind> = KINDS
                        .iter()
                        .map(|(k, _)| *k)
                        .filter(|k| forbidden_rule(*k, n) != Some(rule) && k.member(n).is_none())
                        .collect();
                    match ctx.pick(&others).copied() {
                        Some(other) => {
                            let (mut v2, p2) = instance(ctx, other);
                            insert_member(ctx, &mut v2, &p2, n, value);
                            v = v2;
                            vec![forbidden_rule(other, n).unwrap_or(Doc007)]
                        }
                        None => {
                            // Inside the value of another rule's forbidden member.
                            let carrier = if rule == Fbd008 { "region" } else { "tags" };
                            let inner = Value::Object(vec![(n.to_owned(), value)]);
                            insert_member(ctx, &mut v, &path, carrier, inner);
                            vec![forbidden_rule(kind, carrier).unwrap_or(Doc007)]
                        }
                    }
                }
            },
        };
        Built::new(ctx.render(&v), &rules, format!("`{n}` on {kind:?}"))
    })
}

/// Unknown environment names.
const UNKNOWN_ENVS: &[&str] = &[
    "qa",
    "dev",
    "Local",
    "STAGING",
    "production ",
    " local",
    "prod",
    "stagging",
    "l\u{200b}ocal",
    "",
    "local2",
    "\u{ff4c}ocal",
];

fn environment_classes() -> Vec<Class> {
    vec![
        class(Env001, "unknown-environment-name", "S3.3", "a fourth environment name (case variants, padding, look-alikes), its value never examined", "the three names in another member order", |ctx, side| {
            let w = ctx.work();
            let mut v = ctx.value(w);
            let envs = [key("environments")];
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    let n = ctx.cycle(UNKNOWN_ENVS).copied().unwrap_or("qa");
                    let x = match ctx.i % 3 {
                        0 => Value::Object(Vec::new()),
                        1 => junk(&mut ctx.c),
                        _ => Value::Object(vec![("region".to_owned(), Value::Number("1".to_owned())), ("networks".to_owned(), Value::Null)]),
                    };
                    insert_member(ctx, &mut v, &envs, n, x);
                    &[Env001]
                }
                Side::NearMiss => {
                    if let Some(m) = tree::members_mut(&mut v, &envs) {
                        let k = (1 + ctx.i % 2).min(m.len());
                        m.rotate_left(k);
                    }
                    &[]
                }
            };
            Built::new(ctx.render(&v), rules, "")
        }),
        class(Env001, "environment-name-case", "S3.3", "one of the three names in another case (`Local`, `STAGING`): unknown, and the name itself absent", "the three names exactly, in another member order", |ctx, side| {
            let w = ctx.work();
            let mut v = ctx.value(w);
            let envs = [key("environments")];
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    let name = ENVIRONMENTS.get(ctx.i % 3).copied().unwrap_or("local");
                    let variant = match (ctx.i / 3) % 4 {
                        0 => name.to_ascii_uppercase(),
                        1 => {
                            let mut c = name.to_owned();
                            if let Some(f) = c.get_mut(..1) {
                                f.make_ascii_uppercase();
                            }
                            c
                        }
                        2 => name.replacen('o', "O", 1).replacen('a', "A", 1),
                        _ => {
                            let (head, last) = name.split_at(name.len() - 1);
                            format!("{head}{}", last.to_ascii_uppercase())
                        }
                    };
                    if let Some(m) = tree::members_mut(&mut v, &envs) {
                        for (k, _) in m.iter_mut().filter(|(k, _)| k == name) {
                            k.clone_from(&variant);
                        }
                    }
                    &[Env001]
                }
                Side::NearMiss => {
                    if let Some(m) = tree::members_mut(&mut v, &envs) {
                        m.reverse();
                        let k = (ctx.i % 3).min(m.len());
                        m.rotate_left(k);
                    }
                    &[]
                }
            };
            Built::new(ctx.render(&v), rules, "")
        }),
        class(Env001, "known-environment-absent", "S3.3", "one or two of the three names absent (or in another case)", "all three present", |ctx, side| {
            let w = ctx.work();
            let mut v = ctx.value(w);
            let envs = [key("environments")];
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    let gone = ctx.below(3);
                    let name = ENVIRONMENTS.get(gone).copied().unwrap_or("local");
                    let rename = ctx.i % 3 == 2;
                    if let Some(m) = tree::members_mut(&mut v, &envs) {
                        if rename {
                            for (k, _) in m.iter_mut().filter(|(k, _)| k == name) {
                                k.make_ascii_uppercase();
                            }
                        } else {
                            m.retain(|(k, _)| k != name);
                            if ctx.i % 3 == 1 {
                                let keep = m.len().saturating_sub(1);
                                m.truncate(keep.max(1));
                            }
                        }
                    }
                    &[Env001]
                }
                Side::NearMiss => &[],
            };
            Built::new(ctx.render(&v), rules, "")
        }),
    ]
}

/// Every S3 class.
pub(crate) fn classes() -> Vec<Class> {
    let mut out = member_classes();
    for &(kind, kind_name) in KINDS {
        out.push(unknown_class(kind, kind_name));
    }
    for &rule in RuleId::ALL {
        if !forbidden_pairs(rule).is_empty() {
            out.push(forbidden_class(rule));
        }
    }
    out.extend(environment_classes());
    for (rule, name) in [
        (Doc005, "hides-layer-3"),
        (Doc006, "hides-layer-3"),
        (Doc008, "hides-layer-3"),
    ] {
        out.push(blocking_class(rule, name));
    }
    out
}

/// A layer-3 violation made at the typed stage, with its rule.
fn layer_3_violation(ctx: &mut Ctx, w: &mut Work) -> RuleId {
    let e = ctx.below(3);
    match ctx.i % 6 {
        0 => {
            w.ensure_services(1);
            let n = w.services();
            let k = ctx.below(n);
            if let Some(s) = w.env(e).and_then(|env| env.services.get_mut(k)) {
                s.process = j43_model::Process::Batch;
            }
            Cmp001
        }
        1 => {
            if let Some(env) = w.env(e) {
                env.description = Some("runs in 10.0.0.0/16".to_owned());
            }
            Net005
        }
        2 => {
            w.ensure_database();
            if let Some(d) = w.env(e).and_then(|env| env.databases.first_mut()) {
                d.managed = false;
            }
            Per002
        }
        3 => {
            if let Some(i) = w.env(e).and_then(|env| env.ingresses.first_mut()) {
                i.tls_termination = j43_model::TlsTermination::Runtime;
            }
            Ing002
        }
        4 => {
            if let Some(env) = w.env(e) {
                env.configuration.placement = j43_model::ConfigurationPlacement::Runtime;
            }
            Cfg001
        }
        _ => {
            let name = w.name();
            w.add_service_to(&[e], &name);
            Inv001
        }
    }
}

/// S4.2 blocking: a blocking violation of `rule` hides a layer-3 violation (violating: only
/// `rule` reported); an unknown member, a forbidden member or an unknown environment does not
/// (near-miss: both reported).
fn blocking_class(rule: RuleId, name: &'static str) -> Class {
    let violating = match rule {
        Doc005 => "a wrong type beside a layer-3 violation: DOC-005 alone",
        Doc006 => "a missing member beside a layer-3 violation: DOC-006 alone",
        _ => "an invalid value beside a layer-3 violation: DOC-008 alone",
    };
    class(
        rule,
        name,
        "S4.2",
        violating,
        "an unknown member, a forbidden member or an unknown environment beside it: both reported",
        move |ctx, side| {
            let mut w = ctx.work();
            w.ensure_diagram();
            let x = layer_3_violation(ctx, &mut w);
            let mut v = ctx.value(w);
            let rules = match side {
                Side::Violating => {
                    let k = ctx.i / 6;
                    match rule {
                        Doc005 => {
                            let (member, wrong) = match k % 2 {
                                0 => ("name", Value::Number("0".to_owned())),
                                _ => ("diagrams", string("none")),
                            };
                            set_member(ctx, &mut v, &[], member, wrong);
                        }
                        Doc006 => {
                            let e = ctx.below(3);
                            let mut path = env_path(e);
                            path.push(key(if k % 2 == 0 {
                                "secrets"
                            } else {
                                "configuration"
                            }));
                            remove_member(&mut v, &path, "id");
                        }
                        _ => {
                            let e = ctx.below(3);
                            let mut path = env_path(e);
                            path.push(key("secrets"));
                            let bad = if k % 2 == 0 { "" } else { "Dedicated" };
                            let member = if k % 2 == 0 { "id" } else { "placement" };
                            set_member(ctx, &mut v, &path, member, string(bad));
                        }
                    }
                    vec![rule]
                }
                Side::NearMiss => {
                    let other = match ctx.i % 3 {
                        0 => {
                            insert_member(ctx, &mut v, &[], "owner", string("team a"));
                            Doc007
                        }
                        1 => {
                            insert_member(ctx, &mut v, &[], "region", string("somewhere"));
                            Fbd003
                        }
                        _ => {
                            insert_member(
                                ctx,
                                &mut v,
                                &[key("environments")],
                                "qa",
                                Value::Object(Vec::new()),
                            );
                            Env001
                        }
                    };
                    vec![other, x]
                }
            };
            Built::new(ctx.render(&v), &rules, format!("{x} hidden or not"))
        },
    )
}
