//! The format tables read the way layer 2 reads them: every typed string of a parsed document
//! with its position, and what a JSON pointer addresses.

use j43_model::json::Value;
use j43_model::{ObjectKind, Type, ENVIRONMENTS};

/// A string at a typed position of the document (SPEC S4.2: layer 2 examined it and found it a
/// string): what NET-005 and the provider-artifact grammars scan.
#[derive(Debug, Clone)]
pub(crate) struct Text {
    /// Its JSON pointer.
    pub pointer: String,
    /// The kind of the object that holds it (for an array element, the array's owner).
    pub kind: ObjectKind,
    /// The member that holds it (the array's member for an element).
    pub member: &'static str,
    /// Its type.
    pub ty: Type,
    /// The string.
    pub text: String,
    /// What the reference's grammars find in it, as bits of [`Found`].
    pub found: u8,
}

/// Bits of [`Text::found`].
pub(crate) struct Found;

impl Found {
    pub(crate) const CIDR: u8 = 1;
    pub(crate) const IAC: u8 = 2;
    pub(crate) const REGION: u8 = 4;
    pub(crate) const ARN: u8 = 8;
    pub(crate) const MANIFEST: u8 = 16;
    pub(crate) const PORT: u8 = 32;
    pub(crate) const ARROW: u8 = 64;
}

fn found(text: &str, diagram: bool) -> u8 {
    use j43_model::tokens::{find_arrow, find_artifacts, find_cidr, find_port, Artifact};
    let mut bits = 0;
    if find_cidr(text).is_some() {
        bits |= Found::CIDR;
    }
    for (a, _) in find_artifacts(text) {
        bits |= match a {
            Artifact::IacSyntax => Found::IAC,
            Artifact::RegionCode => Found::REGION,
            Artifact::ResourceName => Found::ARN,
            Artifact::OrchestrationManifest => Found::MANIFEST,
        };
    }
    if diagram && find_port(text).is_some() {
        bits |= Found::PORT;
    }
    if diagram && find_arrow(text).is_some() {
        bits |= Found::ARROW;
    }
    bits
}

impl Text {
    /// A diagram's title or content: what FBD-009 scans.
    pub(crate) fn in_diagram(&self) -> bool {
        self.kind == ObjectKind::Diagram
    }
}

/// Appends one RFC 6901 token.
pub(crate) fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The tokens of a pointer, unescaped.
pub(crate) fn tokens(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
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

/// The type of member `name` of an object of `kind` (an environment for `Environments`).
pub(crate) fn member_type(kind: ObjectKind, name: &str) -> Option<(Type, &'static str)> {
    if kind == ObjectKind::Environments {
        return ENVIRONMENTS
            .iter()
            .find(|e| **e == name)
            .map(|e| (Type::Object(ObjectKind::Environment), *e));
    }
    kind.member(name).map(|m| (m.ty, m.name))
}

/// Every typed string of the document, in document order.
pub(crate) fn texts(doc: &Value) -> Vec<Text> {
    let mut out = Vec::new();
    let mut pointer = String::new();
    walk(
        doc,
        Type::Object(ObjectKind::Document),
        ObjectKind::Document,
        "",
        &mut pointer,
        &mut out,
    );
    out
}

fn walk(
    v: &Value,
    ty: Type,
    owner: ObjectKind,
    member: &'static str,
    pointer: &mut String,
    out: &mut Vec<Text>,
) {
    if !accepts(ty, v) {
        return;
    }
    match (ty, v) {
        (Type::Array(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                walk(item, *inner, owner, member, pointer, out);
                pointer.truncate(len);
            }
        }
        (Type::Object(kind), Value::Object(members)) => {
            for (name, value) in members {
                if let Some((ty, known)) = member_type(kind, name) {
                    let len = pointer.len();
                    push_token(pointer, name);
                    walk(value, ty, kind, known, pointer, out);
                    pointer.truncate(len);
                }
            }
        }
        (_, Value::String(s)) => out.push(Text {
            pointer: pointer.clone(),
            kind: owner,
            member,
            ty,
            text: s.clone(),
            found: found(s, owner == ObjectKind::Diagram),
        }),
        _ => {}
    }
}

/// What a pointer addresses, read through the format: the kind of the object that holds the
/// last token (`None` above the top), and that token's type when it is a known position.
pub(crate) struct Position {
    /// The kind of the object holding the addressed member (or of the array's owner).
    pub parent: Option<ObjectKind>,
    /// The member's type when the member is known to its kind; `None` for unknown and
    /// forbidden members (and everything below them).
    pub ty: Option<Type>,
    /// The last token.
    pub name: String,
}

/// Follows `pointer` from the top through the format tables.
pub(crate) fn position(pointer: &str) -> Position {
    let mut ty = Some(Type::Object(ObjectKind::Document));
    let mut parent = None;
    let mut name = String::new();
    let mut owner = ObjectKind::Document;
    for token in tokens(pointer) {
        match ty {
            Some(Type::Object(kind)) => {
                parent = Some(kind);
                owner = kind;
                ty = member_type(kind, &token).map(|(t, _)| t);
            }
            Some(Type::Array(inner)) => {
                parent = Some(owner);
                ty = token.parse::<usize>().ok().map(|_| *inner);
            }
            _ => {
                parent = None;
                ty = None;
            }
        }
        name = token;
    }
    Position { parent, ty, name }
}

/// The value a pointer addresses.
pub(crate) fn value_at<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut v = doc;
    for token in tokens(pointer) {
        v = match v {
            Value::Object(_) => v.get(&token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

/// True when the pointer addresses a member that is neither known to its kind nor the
/// Environments object's environment: an unknown or forbidden member (layer 2 reports it
/// at its own pointer and never looks inside).
pub(crate) fn is_unknown_member(pointer: &str) -> bool {
    let p = position(pointer);
    matches!(p.parent, Some(k) if k != ObjectKind::Environments) && p.ty.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_the_strings_at_typed_positions_with_their_pointers() {
        let doc = j43_model::json::parse(
            br#"{"format":"j43/1","name":"a/b","x":"no","diagrams":[{"title":"t","content":"c"}],
               "environments":{"qa":"z","local":{"description":"d~/"}}}"#,
        )
        .unwrap();
        let got: Vec<(String, &str)> = texts(&doc)
            .into_iter()
            .map(|t| (t.pointer, t.member))
            .collect();
        assert_eq!(
            got,
            vec![
                ("/format".to_owned(), "format"),
                ("/name".to_owned(), "name"),
                ("/diagrams/0/title".to_owned(), "title"),
                ("/diagrams/0/content".to_owned(), "content"),
                ("/environments/local/description".to_owned(), "description"),
            ]
        );
        assert!(is_unknown_member("/x"));
        assert!(is_unknown_member("/environments/local/services/0/region"));
        assert!(!is_unknown_member("/environments/qa"));
        assert!(!is_unknown_member("/environments/local/services/0/name"));
        assert_eq!(
            value_at(&doc, "/environments/local/description").and_then(Value::as_str),
            Some("d~/")
        );
    }
}
