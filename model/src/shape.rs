//! Layer 2 (SPEC S4.2): types, required and unknown members, forbidden members, environment names.

use crate::catalog::RuleId;
use crate::format::{forbidden_rule, same_name, ObjectKind, Type, ENVIRONMENTS};
use crate::json::{Kind, Node};
use crate::report::{push_index, push_token, Collector};
use crate::tokens::{find_artifacts, find_cidr, Artifact};

/// A path from the root to a value, turned into a JSON pointer only when a violation needs one.
#[derive(Debug, Default)]
pub(crate) struct Path<'a> {
    tokens: Vec<Token<'a>>,
}

#[derive(Debug, Clone, Copy)]
enum Token<'a> {
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    fn push_key(&mut self, key: &'a str) {
        self.tokens.push(Token::Key(key));
    }

    fn push_index(&mut self, index: usize) {
        self.tokens.push(Token::Index(index));
    }

    fn pop(&mut self) {
        self.tokens.pop();
    }

    /// Writes the path's JSON pointer (RFC 6901) to `out`.
    pub(crate) fn write(&self, out: &mut String) {
        for token in &self.tokens {
            match *token {
                Token::Key(k) => push_token(out, k),
                Token::Index(i) => push_index(out, i),
            }
        }
    }
}

/// What layer 2 found.
#[derive(Debug, Default)]
pub(crate) struct Shape {
    /// Violations of layer 2 proper.
    pub violations: Collector,
    /// True when a DOC-005, DOC-006 or DOC-008 was found: layer 3 must not run.
    pub blocking: bool,
    /// Findings of the text grammars (CIDR blocks, provider artifacts) in well-typed strings,
    /// reported only if layer 3 runs.
    pub in_text: Collector,
}

impl Shape {
    fn report(&mut self, rule: RuleId, path: &Path<'_>, message: impl FnOnce() -> String) {
        if rule.is_blocking() {
            self.blocking = true;
        }
        self.violations.add(rule, |p| path.write(p), message);
    }
}

/// Runs layer 2 over a parsed document.
pub(crate) fn shape(document: Node<'_>) -> Shape {
    let mut shape = Shape::default();
    let mut path = Path::default();
    object(&mut shape, document, ObjectKind::Document, &mut path);
    shape
}

fn describe(ty: Type) -> String {
    match ty {
        Type::Text | Type::Id | Type::Name | Type::Ref(_) | Type::Enum(_) | Type::Const(_) => {
            "a string".to_owned()
        }
        Type::Bool => "a boolean".to_owned(),
        Type::Array(_) => "an array".to_owned(),
        Type::Object(kind) => format!("an object ({})", kind.as_str()),
    }
}

fn wrong_type(shape: &mut Shape, value: Node<'_>, ty: Type, path: &Path<'_>) {
    shape.report(RuleId::Doc005, path, || {
        format!(
            "expected {}, found {}",
            describe(ty),
            value.kind().type_name()
        )
    });
}

fn string<'a>(shape: &mut Shape, value: Node<'a>, ty: Type, path: &Path<'_>) -> Option<&'a str> {
    let Some(s) = value.as_str() else {
        wrong_type(shape, value, ty, path);
        return None;
    };
    // An enum or const string is one of its listed values, none of which holds a CIDR block
    // or a provider artifact (`format` tests this), or else DOC-008 blocks layer 3 and the
    // text findings are dropped: scanning it could never report anything.
    if matches!(ty, Type::Enum(_) | Type::Const(_)) {
        return Some(s);
    }
    if let Some(range) = find_cidr(s) {
        shape.in_text.add(
            RuleId::Net005,
            |p| path.write(p),
            || format!("CIDR block `{}` in text", s.get(range).unwrap_or_default()),
        );
    }
    for (artifact, range) in find_artifacts(s) {
        let (rule, what) = match artifact {
            Artifact::IacSyntax => (RuleId::Fbd001, "infrastructure-as-code syntax"),
            Artifact::RegionCode => (RuleId::Fbd003, "region or zone code"),
            Artifact::ResourceName => (RuleId::Fbd008, "provider resource name"),
            Artifact::OrchestrationManifest => (RuleId::Cmp005, "orchestration manifest"),
        };
        shape.in_text.add(
            rule,
            |p| path.write(p),
            || format!("{what} `{}` in text", s.get(range).unwrap_or_default()),
        );
    }
    Some(s)
}

fn value<'a>(shape: &mut Shape, v: Node<'a>, ty: Type, path: &mut Path<'a>) {
    match ty {
        Type::Text => {
            string(shape, v, ty, path);
        }
        Type::Id | Type::Name | Type::Ref(_) => {
            if string(shape, v, ty, path) == Some("") {
                let what = match ty {
                    Type::Id => "an id",
                    Type::Name => "a name",
                    _ => "a reference",
                };
                shape.report(RuleId::Doc008, path, || format!("{what} must not be empty"));
            }
        }
        Type::Enum(allowed) => {
            if let Some(s) = string(shape, v, ty, path) {
                if !allowed.contains(&s) {
                    shape.report(RuleId::Doc008, path, || {
                        let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
                        format!("`{s}` is not one of {}", list.join(", "))
                    });
                }
            }
        }
        Type::Const(expected) => {
            if let Some(s) = string(shape, v, ty, path) {
                if s != expected {
                    shape.report(RuleId::Doc008, path, || {
                        format!("`{s}` is not `{expected}`")
                    });
                }
            }
        }
        Type::Bool => {
            if !matches!(v.kind(), Kind::True | Kind::False) {
                wrong_type(shape, v, ty, path);
            }
        }
        Type::Array(inner) => {
            if v.kind() == Kind::Array {
                for (i, item) in v.items().enumerate() {
                    path.push_index(i);
                    value(shape, item, *inner, path);
                    path.pop();
                }
            } else {
                wrong_type(shape, v, ty, path);
            }
        }
        Type::Object(kind) => object(shape, v, kind, path),
    }
}

fn object<'a>(shape: &mut Shape, v: Node<'a>, kind: ObjectKind, path: &mut Path<'a>) {
    if v.kind() != Kind::Object {
        wrong_type(shape, v, Type::Object(kind), path);
        return;
    }
    if kind == ObjectKind::Environments {
        environments(shape, v, path);
        return;
    }
    let known = kind.members();
    // Which known members are present, by index (no kind has more than 64 members).
    let mut present = 0u64;
    for (name, member_value) in v.members() {
        path.push_key(name);
        if let Some(index) = known.iter().position(|m| same_name(m.name, name)) {
            present |= 1 << index;
            if let Some(member) = known.get(index) {
                value(shape, member_value, member.ty, path);
            }
        } else if let Some(rule) = forbidden_rule(kind, name) {
            shape.report(rule, path, || {
                format!("`{name}` is forbidden: {}", rule.info().title)
            });
        } else {
            shape.report(RuleId::Doc007, path, || {
                format!("`{name}` is not a member of {}", kind.as_str())
            });
        }
        path.pop();
    }
    for (index, member) in known.iter().enumerate().filter(|(_, m)| m.required) {
        if present & (1 << index) == 0 {
            shape.report(RuleId::Doc006, path, || {
                format!("missing required member `{}`", member.name)
            });
        }
    }
}

fn environments<'a>(shape: &mut Shape, v: Node<'a>, path: &mut Path<'a>) {
    let mut present = [false; ENVIRONMENTS.len()];
    for (name, env) in v.members() {
        path.push_key(name);
        if let Some(i) = ENVIRONMENTS.iter().position(|e| *e == name) {
            if let Some(seen) = present.get_mut(i) {
                *seen = true;
            }
            object(shape, env, ObjectKind::Environment, path);
        } else {
            shape.report(RuleId::Env001, path, || {
                format!("`{name}` is not an authorized environment (local, staging, production)")
            });
        }
        path.pop();
    }
    for (env, seen) in ENVIRONMENTS.iter().zip(present) {
        if !seen {
            shape.report(RuleId::Env001, path, || {
                format!("missing environment `{env}`")
            });
        }
    }
}
