//! A serde serializer into the model's JSON tree: a design becomes a `json::Value` directly, in
//! its fields' order, without printing JSON text and parsing it back (a third of a generated
//! case's cost when done through text).

use j43_model::json::Value;
use serde::ser::{self, Serialize};

/// Why a value could not be serialized: only non-string map keys, which designs never have.
#[derive(Debug)]
pub(crate) struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Unsupported {
        Unsupported(msg.to_string())
    }
}

/// `value` as a JSON tree: structs as objects in field order (skipped fields absent), `None`
/// as `null`, unit enum variants as their names, numbers as their shortest text. The same tree
/// as parsing `serde_json::to_string(value)`.
pub(crate) fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    value.serialize(Serializer).unwrap_or(Value::Null)
}

struct Serializer;

type R = Result<Value, Unsupported>;

fn number(n: impl std::fmt::Display) -> R {
    Ok(Value::Number(n.to_string()))
}

impl ser::Serializer for Serializer {
    type Ok = Value;
    type Error = Unsupported;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Variant<Seq>;
    type SerializeMap = Map;
    type SerializeStruct = Map;
    type SerializeStructVariant = Variant<Map>;

    fn serialize_bool(self, v: bool) -> R {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> R {
        number(v)
    }
    fn serialize_i16(self, v: i16) -> R {
        number(v)
    }
    fn serialize_i32(self, v: i32) -> R {
        number(v)
    }
    fn serialize_i64(self, v: i64) -> R {
        number(v)
    }
    fn serialize_u8(self, v: u8) -> R {
        number(v)
    }
    fn serialize_u16(self, v: u16) -> R {
        number(v)
    }
    fn serialize_u32(self, v: u32) -> R {
        number(v)
    }
    fn serialize_u64(self, v: u64) -> R {
        number(v)
    }
    fn serialize_f32(self, v: f32) -> R {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> R {
        match serde_json::Number::from_f64(v) {
            Some(n) => Ok(Value::Number(n.to_string())),
            None => Ok(Value::Null),
        }
    }
    fn serialize_char(self, v: char) -> R {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> R {
        Ok(Value::String(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        Ok(Value::Array(
            v.iter().map(|b| Value::Number(b.to_string())).collect(),
        ))
    }
    fn serialize_none(self) -> R {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        Ok(Value::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        Ok(Value::Object(vec![(
            variant.to_owned(),
            value.serialize(self)?,
        )]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, Unsupported> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Variant<Seq>, Unsupported> {
        Ok(Variant(variant, Seq(Vec::with_capacity(len))))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Map, Unsupported> {
        Ok(Map(Vec::with_capacity(len.unwrap_or(0)), None))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Map, Unsupported> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Variant<Map>, Unsupported> {
        Ok(Variant(variant, Map(Vec::with_capacity(len), None)))
    }
}

struct Seq(Vec<Value>);

impl ser::SerializeSeq for Seq {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.0.push(value.serialize(Serializer)?);
        Ok(())
    }
    fn end(self) -> R {
        Ok(Value::Array(self.0))
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> R {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> R {
        ser::SerializeSeq::end(self)
    }
}

/// An object's members so far, and a key waiting for its value.
struct Map(Vec<(String, Value)>, Option<String>);

impl ser::SerializeMap for Map {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        match key.serialize(Serializer)? {
            Value::String(k) => {
                self.1 = Some(k);
                Ok(())
            }
            other => Err(Unsupported(format!(
                "a map key must be a string, not {}",
                other.type_name()
            ))),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        let key = self.1.take().unwrap_or_default();
        self.0.push((key, value.serialize(Serializer)?));
        Ok(())
    }
    fn end(self) -> R {
        Ok(Value::Object(self.0))
    }
}

impl ser::SerializeStruct for Map {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.0.push((key.to_owned(), value.serialize(Serializer)?));
        Ok(())
    }
    fn end(self) -> R {
        Ok(Value::Object(self.0))
    }
}

/// A tuple or struct variant: `{"Variant": …}`.
struct Variant<T>(&'static str, T);

impl ser::SerializeTupleVariant for Variant<Seq> {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(&mut self.1, value)
    }
    fn end(self) -> R {
        Ok(Value::Object(vec![(
            self.0.to_owned(),
            ser::SerializeSeq::end(self.1)?,
        )]))
    }
}

impl ser::SerializeStructVariant for Variant<Map> {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        ser::SerializeStruct::serialize_field(&mut self.1, key, value)
    }
    fn end(self) -> R {
        Ok(Value::Object(vec![(
            self.0.to_owned(),
            ser::SerializeStruct::end(self.1)?,
        )]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_design_serializes_to_the_tree_of_its_json_text() {
        for design in [j43_model::Design::base(), crate::design_with_components(40)] {
            let text = serde_json::to_string(&design).unwrap();
            let parsed = j43_model::json::parse(text.as_bytes()).unwrap();
            assert_eq!(to_value(&design), parsed);
        }
    }
}
