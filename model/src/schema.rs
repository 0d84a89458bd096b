//! A JSON Schema (draft 2020-12) of the document format's structure, generated from the format tables.

use crate::format::{ObjectKind, Type, ENVIRONMENTS};
use serde_json::{json, Map, Value};

fn type_schema(ty: Type) -> Value {
    match ty {
        Type::Text => json!({"type": "string"}),
        Type::Id | Type::Name => json!({"type": "string", "minLength": 1}),
        Type::Ref(kind) => json!({
            "type": "string",
            "minLength": 1,
            "description": format!("id of a {} in the same environment", kind.as_str()),
        }),
        Type::Enum(values) => json!({"type": "string", "enum": values}),
        Type::Const(value) => json!({"type": "string", "const": value}),
        Type::Bool => json!({"type": "boolean"}),
        Type::Array(inner) => json!({"type": "array", "items": type_schema(*inner)}),
        Type::Object(kind) => json!({"$ref": format!("#/$defs/{}", kind.as_str())}),
    }
}

fn object_schema(kind: ObjectKind) -> Value {
    if kind == ObjectKind::Environments {
        let props: Map<String, Value> = ENVIRONMENTS
            .iter()
            .map(|e| ((*e).to_owned(), json!({"$ref": "#/$defs/Environment"})))
            .collect();
        return json!({
            "type": "object",
            "properties": props,
            "required": ENVIRONMENTS,
            "additionalProperties": false,
        });
    }
    let props: Map<String, Value> = kind
        .members()
        .iter()
        .map(|m| (m.name.to_owned(), type_schema(m.ty)))
        .collect();
    let required: Vec<&str> = kind
        .members()
        .iter()
        .filter(|m| m.required)
        .map(|m| m.name)
        .collect();
    json!({
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

/// A JSON Schema of the format's structure (SPEC S3), for editors and completion.
///
/// It describes types, required members and enumerations only: validity against it is
/// neither necessary nor sufficient for a design to be authorized (it cannot express
/// references, counts, isolation or text rules, and it rejects forbidden members as unknown).
pub fn json_schema() -> Value {
    let defs: Map<String, Value> = ObjectKind::ALL
        .iter()
        .filter(|k| **k != ObjectKind::Document)
        .map(|k| (k.as_str().to_owned(), object_schema(*k)))
        .collect();
    let mut root = object_schema(ObjectKind::Document);
    if let Value::Object(map) = &mut root {
        map.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        map.insert("$id".into(), json!("urn:j43:design:j43/1"));
        map.insert(
            "title".into(),
            json!("j43 design document (Zenthea Phase J.4.3), structure only"),
        );
        map.insert("$defs".into(), Value::Object(defs));
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_types_map_to_their_json_schema_types() {
        assert_eq!(type_schema(Type::Bool), json!({"type": "boolean"}));
        assert_eq!(type_schema(Type::Text), json!({"type": "string"}));
        assert_eq!(
            type_schema(Type::Id),
            json!({"type": "string", "minLength": 1})
        );
    }
}
