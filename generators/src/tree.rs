//! The JSON value tree seen through the format tables: where each object kind and typed value sits.

use crate::choices::splitmix;
use j43_model::json::Value;
use j43_model::{Design, ObjectKind, Type, ENVIRONMENTS};

/// One step of a path from the root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// A path from the root to a value.
pub(crate) type Path = Vec<Step>;

/// An object reached by layer 2 (SPEC S4.2) and its kind and depth (top level: 1).
#[derive(Debug, Clone)]
pub(crate) struct ObjectSite {
    pub path: Path,
    pub kind: ObjectKind,
    pub depth: usize,
}

/// A value at a typed position: a known member's value or an element of a typed array.
#[derive(Debug, Clone)]
pub(crate) struct TypedSite {
    pub path: Path,
    pub ty: Type,
    /// The member name when the position is a member, with its object's kind and required-ness.
    pub member: Option<(ObjectKind, bool)>,
}

/// Every object that layer 2 reads as an object of a kind, in document order.
pub(crate) fn objects(root: &Value) -> Vec<ObjectSite> {
    let mut out = Vec::new();
    walk_objects(root, ObjectKind::Document, &mut Vec::new(), 1, &mut out);
    out
}

/// [`walk`] for objects only: no typed sites (and no copies of their paths).
fn walk_objects(
    v: &Value,
    kind: ObjectKind,
    path: &mut Path,
    depth: usize,
    out: &mut Vec<ObjectSite>,
) {
    let Value::Object(members) = v else { return };
    out.push(ObjectSite {
        path: path.clone(),
        kind,
        depth,
    });
    for (name, value) in members {
        let ty = if kind == ObjectKind::Environments {
            ENVIRONMENTS
                .contains(&name.as_str())
                .then_some(Type::Object(ObjectKind::Environment))
        } else {
            kind.member(name).map(|m| m.ty)
        };
        path.push(Step::Key(name.clone()));
        match (ty, value) {
            (Some(Type::Object(k)), _) => walk_objects(value, k, path, depth + 1, out),
            (Some(Type::Array(Type::Object(k))), Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk_objects(item, *k, path, depth + 2, out);
                    path.pop();
                }
            }
            _ => {}
        }
        path.pop();
    }
}

/// Every value at a typed position that has the right JSON type (the root included).
pub(crate) fn typed_sites(root: &Value) -> Vec<TypedSite> {
    let mut objects = Vec::new();
    let mut out = Vec::new();
    walk(
        root,
        Type::Object(ObjectKind::Document),
        &mut Vec::new(),
        1,
        None,
        &mut objects,
        &mut out,
    );
    out
}

fn walk(
    v: &Value,
    ty: Type,
    path: &mut Path,
    depth: usize,
    member: Option<(ObjectKind, bool)>,
    objects: &mut Vec<ObjectSite>,
    typed: &mut Vec<TypedSite>,
) {
    let right = matches!(
        (ty, v),
        (
            Type::Text | Type::Id | Type::Name | Type::Ref(_) | Type::Enum(_) | Type::Const(_),
            Value::String(_)
        ) | (Type::Bool, Value::Bool(_))
            | (Type::Array(_), Value::Array(_))
            | (Type::Object(_), Value::Object(_))
    );
    if !right {
        return;
    }
    typed.push(TypedSite {
        path: path.clone(),
        ty,
        member,
    });
    match (ty, v) {
        (Type::Array(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(item, *inner, path, depth + 1, None, objects, typed);
                path.pop();
            }
        }
        (Type::Object(kind), Value::Object(members)) => {
            objects.push(ObjectSite {
                path: path.clone(),
                kind,
                depth,
            });
            for (name, value) in members {
                let ty = if kind == ObjectKind::Environments {
                    ENVIRONMENTS
                        .contains(&name.as_str())
                        .then_some((Type::Object(ObjectKind::Environment), true))
                } else {
                    kind.member(name).map(|m| (m.ty, m.required))
                };
                if let Some((ty, required)) = ty {
                    path.push(Step::Key(name.clone()));
                    walk(
                        value,
                        ty,
                        path,
                        depth + 1,
                        Some((kind, required)),
                        objects,
                        typed,
                    );
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

/// The value at a path, read-only.
pub(crate) fn get<'a>(root: &'a Value, path: &[Step]) -> Option<&'a Value> {
    let mut v = root;
    for step in path {
        v = match (step, v) {
            (Step::Key(k), Value::Object(members)) => {
                members.iter().find(|(n, _)| n == k).map(|(_, v)| v)?
            }
            (Step::Index(i), Value::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

/// The value at a path.
pub(crate) fn get_mut<'a>(root: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut v = root;
    for step in path {
        v = match (step, v) {
            (Step::Key(k), Value::Object(members)) => {
                members.iter_mut().find(|(n, _)| n == k).map(|(_, v)| v)?
            }
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

/// The members of the object at a path.
pub(crate) fn members_mut<'a>(
    root: &'a mut Value,
    path: &[Step],
) -> Option<&'a mut Vec<(String, Value)>> {
    match get_mut(root, path)? {
        Value::Object(members) => Some(members),
        _ => None,
    }
}

/// A design as a value tree, members in the order of SPEC S3.
pub(crate) fn to_value(design: &Design) -> Value {
    let text = serde_json::to_string(design).unwrap_or_default();
    j43_model::json::parse(text.as_bytes()).unwrap_or(Value::Null)
}

/// How a value is written: semantics-preserving variations of RFC 8259 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Render {
    /// Insert JSON whitespace between tokens (drawn from this seed; 0: none).
    pub whitespace: u64,
    /// Write characters as `\uXXXX` escapes (drawn from this seed; 0: none).
    pub escapes: u64,
}

impl Render {
    /// Writes the value.
    pub(crate) fn bytes(self, v: &Value) -> Vec<u8> {
        if self.whitespace == 0 && self.escapes == 0 {
            return v.to_bytes();
        }
        let mut out = Vec::new();
        let mut ws = self.whitespace;
        let mut esc = self.escapes;
        self.write(v, &mut out, &mut ws, &mut esc);
        out
    }

    fn gap(self, out: &mut Vec<u8>, state: &mut u64) {
        if self.whitespace == 0 {
            return;
        }
        let r = splitmix(state);
        let n = (r % 4) as usize;
        for i in 0..n {
            let b = match (r >> (8 + 2 * i)) % 4 {
                0 => b' ',
                1 => b'\n',
                2 => b'\t',
                _ => b'\r',
            };
            out.push(b);
        }
    }

    fn write(self, v: &Value, out: &mut Vec<u8>, ws: &mut u64, esc: &mut u64) {
        match v {
            Value::String(s) => self.string(s, out, esc),
            Value::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    self.gap(out, ws);
                    self.write(item, out, ws, esc);
                    self.gap(out, ws);
                }
                out.push(b']');
            }
            Value::Object(members) => {
                out.push(b'{');
                for (i, (name, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    self.gap(out, ws);
                    self.string(name, out, esc);
                    self.gap(out, ws);
                    out.push(b':');
                    self.gap(out, ws);
                    self.write(value, out, ws, esc);
                    self.gap(out, ws);
                }
                out.push(b'}');
            }
            other => out.extend_from_slice(&other.to_bytes()),
        }
    }

    fn string(self, s: &str, out: &mut Vec<u8>, esc: &mut u64) {
        if self.escapes == 0 {
            out.extend_from_slice(&Value::String(s.to_owned()).to_bytes());
            return;
        }
        out.push(b'"');
        for ch in s.chars() {
            let escape = splitmix(esc) % 3 == 0;
            match ch {
                '"' => out.extend_from_slice(b"\\\""),
                '\\' => out.extend_from_slice(b"\\\\"),
                '/' if escape => out.extend_from_slice(b"\\/"),
                c if escape || (c as u32) < 0x20 => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        let digits: &[u8; 16] = if splitmix(esc) % 2 == 0 {
                            b"0123456789abcdef"
                        } else {
                            b"0123456789ABCDEF"
                        };
                        out.extend_from_slice(b"\\u");
                        for shift in [12, 8, 4, 0] {
                            let d = usize::from((*unit >> shift) & 0xf);
                            out.push(digits.get(d).copied().unwrap_or(b'0'));
                        }
                    }
                }
                c => {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        out.push(b'"');
    }
}
