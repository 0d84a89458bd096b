//! A strict JSON parser implementing SPEC S2: UTF-8, RFC 8259, duplicate names, depth and size limits.
//!
//! j43 parses JSON itself rather than through `serde_json` because an oracle must define
//! malformedness exactly: `serde_json` rejects valid numbers such as `1e400`, cannot say
//! whether a duplicate name or a syntax error came first, and does not bound nesting at the
//! limit the spec needs. The parser is a recursive descent bounded by [`MAX_DEPTH`], so it
//! never overflows the stack, and it never panics. It builds a [`Tape`] (8 bytes per value,
//! strings borrowed from the input), which the checker reads; [`parse`] turns the tape into
//! an owned [`Value`] for code that builds and edits documents.

mod tape;

use crate::catalog::RuleId;
pub use tape::{Items, Kind, Members, Node, Tape};

/// Deepest array or object nesting accepted (SPEC S2.5). The top-level value has depth 1.
pub const MAX_DEPTH: usize = 64;

/// Largest input accepted, in bytes (SPEC S2.1).
pub const MAX_SIZE: usize = 64 * 1024 * 1024;

/// A parsed JSON value. Objects keep their members in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its source text (never converted, so never out of range).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object: members in document order, names unique.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The name of the value's JSON type, as used in messages (`object`, `string`, ...).
    pub const fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// The member of an object with this name, if the value is an object that has it.
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if the value is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if the value is an object.
    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }
}

impl Value {
    /// Compact JSON text of the value; members in their order, strings escaped as RFC 8259
    /// requires. `parse(v.to_bytes())` gives back `v`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Value::Null => out.extend_from_slice(b"null"),
            Value::Bool(true) => out.extend_from_slice(b"true"),
            Value::Bool(false) => out.extend_from_slice(b"false"),
            Value::Number(n) => out.extend_from_slice(n.as_bytes()),
            Value::String(s) => write_string(s, out),
            Value::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write(out);
                }
                out.push(b']');
            }
            Value::Object(members) => {
                out.push(b'{');
                for (i, (name, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_string(name, out);
                    out.push(b':');
                    value.write(out);
                }
                out.push(b'}');
            }
        }
    }
}

fn write_string(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes());
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

/// Why parsing failed: the first problem met reading from left to right (SPEC S2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at byte {offset}")]
pub struct ParseError {
    /// DOC-001, DOC-002, DOC-003 or DOC-004.
    pub rule: RuleId,
    /// Byte offset where the problem was met (SPEC S2 table).
    pub offset: usize,
    /// What was wrong, lowercase.
    pub message: String,
}

/// Parses a whole input as one JSON text under the limits of SPEC S2.
///
/// The same parser as [`Tape::parse`], whose tape is then turned into an owned value.
pub fn parse(input: &[u8]) -> Result<Value, ParseError> {
    Tape::parse(input).map(|tape| tape.root().to_value())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fails(input: &[u8], rule: RuleId) {
        match parse(input) {
            Ok(v) => panic!("{:?} parsed as {v:?}", String::from_utf8_lossy(input)),
            Err(e) => assert_eq!(e.rule, rule, "{:?}: {e}", String::from_utf8_lossy(input)),
        }
    }

    fn nested(depth: usize) -> Vec<u8> {
        let mut s = "[".repeat(depth);
        s.push_str(&"]".repeat(depth));
        s.into_bytes()
    }

    #[test]
    fn accepts_rfc8259_values() {
        for ok in [
            "{}",
            " [1, -0, 0.5, 1e400, -1E-7, 1.5e+3] ",
            r#""\u00e9\ud83d\ude00\/\b\f\n\r\t""#,
            "true",
            "null",
            "\"é\"",
        ] {
            assert!(parse(ok.as_bytes()).is_ok(), "{ok}");
        }
        assert_eq!(
            parse(br#""\u0061\ud83d\ude00""#),
            Ok(Value::String("a\u{1F600}".into()))
        );
    }

    #[test]
    fn syntax_errors_are_doc_001() {
        for bad in [
            "",
            " ",
            "{",
            "{\"a\" 1}",
            "[1,]",
            "01",
            "1.",
            "-",
            ".5",
            "+1",
            "tru",
            "\"a",
            "\"\t\"",
            "{} {}",
            "{}x",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\u{feff}{}",
            "NaN",
        ] {
            fails(bad.as_bytes(), RuleId::Doc001);
        }
        fails(b"\"\xff\"", RuleId::Doc001);
        fails(b"{}\xff", RuleId::Doc001);
        fails(b"\"\xed\xa0\x80\"", RuleId::Doc001);
    }

    #[test]
    fn duplicate_names_are_doc_002_after_unescaping() {
        fails(br#"{"a":1,"a":2}"#, RuleId::Doc002);
        fails(br#"{"a":1,"\u0061":2}"#, RuleId::Doc002);
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\":0")).collect();
        let doc = format!("{{{},\"k7\":1}}", many.join(","));
        fails(doc.as_bytes(), RuleId::Doc002);
        assert!(parse(br#"{"a":{"a":1},"b":{"a":2}}"#).is_ok());
    }

    #[test]
    fn first_problem_in_reading_order_wins() {
        // Duplicate complete before the input ends.
        fails(br#"{"a":1,"a""#, RuleId::Doc002);
        // Duplicate before invalid UTF-8 and before deep nesting.
        fails(b"{\"a\":1,\"a\":\"\xff\"}", RuleId::Doc002);
        let mut deep = br#"{"a":1,"a":"#.to_vec();
        deep.extend(nested(100));
        fails(&deep, RuleId::Doc002);
        // Deep nesting before a duplicate.
        let mut doc = br#"{"x":"#.to_vec();
        doc.extend(nested(70));
        doc.extend(br#","x":1}"#);
        fails(&doc, RuleId::Doc003);
        // Invalid UTF-8 before a duplicate.
        fails(b"{\"\xff\":1,\"a\":1,\"a\":2}", RuleId::Doc001);
    }

    #[test]
    fn depth_limit_is_64_containers() {
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        fails(&nested(MAX_DEPTH + 1), RuleId::Doc003);
        fails(&nested(100_000), RuleId::Doc003);
        fails("[".repeat(100_000).as_bytes(), RuleId::Doc003);
    }

    #[test]
    fn to_bytes_round_trips() {
        let text = r#"{"a":[1,-0.5e400,true,false,null],"b\"\\\n\u0001é":{"":"x\ty"}}"#;
        let v = parse(text.as_bytes()).unwrap();
        assert_eq!(parse(&v.to_bytes()).unwrap(), v);
    }

    #[test]
    fn tape_borrows_plain_text_and_unescapes_the_rest() {
        let input =
            br#"{"plain":"abc","esc":"a\u00e9\n","n":-1.5e3,"list":[true,false,null,[],{}]}"#;
        let tape = Tape::parse(input).unwrap();
        let root = tape.root();
        assert_eq!(root.kind(), Kind::Object);
        assert_eq!(root.len(), 4);
        let members: Vec<(&str, Kind)> = root.members().map(|(k, v)| (k, v.kind())).collect();
        assert_eq!(
            members,
            [
                ("plain", Kind::String),
                ("esc", Kind::String),
                ("n", Kind::Number),
                ("list", Kind::Array)
            ]
        );
        let get = |name: &str| root.members().find(|(k, _)| *k == name).unwrap().1;
        assert_eq!(get("plain").as_str(), Some("abc"));
        assert_eq!(get("esc").as_str(), Some("a\u{e9}\n"));
        assert_eq!(get("n").as_number(), Some("-1.5e3"));
        assert_eq!(get("n").as_str(), None);
        let kinds: Vec<Kind> = get("list").items().map(Node::kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::True,
                Kind::False,
                Kind::Null,
                Kind::Array,
                Kind::Object
            ]
        );
        // One node per value and per member name: 1 + 4 names + 4 values + 5 elements.
        assert_eq!(tape.len(), 14);
        assert_eq!(root.to_value(), parse(input).unwrap());
    }

    #[test]
    fn tape_skips_nested_subtrees_between_siblings() {
        let tape = Tape::parse(br#"[[1,[2,3]],{"a":{"b":[4]}},5]"#).unwrap();
        let items: Vec<Node<'_>> = tape.root().items().collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].items().count(), 2);
        assert_eq!(items[1].members().next().map(|(k, _)| k), Some("a"));
        assert_eq!(items[2].as_number(), Some("5"));
        assert!(items[2].items().next().is_none());
        assert!(items[2].members().next().is_none());
    }

    #[test]
    fn tape_of_a_value_gives_the_value_back() {
        let v = parse(br#"{"a":[1,"x\"y",{"":null}],"b":true,"c":1e400}"#).unwrap();
        let tape = Tape::from_value(&v).unwrap();
        assert_eq!(tape.root().to_value(), v);
        // Far deeper than the parser allows: built without recursion.
        let mut deep = Value::Null;
        for _ in 0..100_000 {
            deep = Value::Array(vec![deep]);
        }
        let tape = Tape::from_value(&deep).unwrap();
        assert_eq!(tape.len(), 100_001);
        assert_eq!(tape.root().len(), 1);
        // Dropping a `Value` recurses: take this one apart from the top.
        while let Value::Array(mut items) = deep {
            deep = items.pop().unwrap_or(Value::Null);
        }
    }

    #[test]
    fn items_and_members_know_their_exact_length_and_tapes_their_emptiness() {
        let tape = Tape::parse(br#"{"a":[1,[2,3],{}],"b":{"c":null},"d":[]}"#).unwrap();
        assert!(!tape.is_empty());
        assert!(Tape::from_value(&Value::Null).is_ok_and(|t| !t.is_empty()));
        let root = tape.root();
        let mut members = root.members();
        assert_eq!((members.len(), members.size_hint()), (3, (3, Some(3))));
        let (_, a) = members.next().unwrap();
        assert_eq!(members.size_hint(), (2, Some(2)));
        let mut items = a.items();
        assert_eq!((items.len(), items.size_hint()), (3, (3, Some(3))));
        items.next();
        assert_eq!(items.size_hint(), (2, Some(2)));
        let empties: Vec<bool> = root.members().map(|(_, v)| v.is_empty()).collect();
        assert_eq!(empties, [false, false, true]);
        assert_eq!(root.members().last().map(|(_, v)| v.items().len()), Some(0));
    }

    #[test]
    fn a_syntax_error_before_an_invalid_byte_is_reported_as_itself() {
        let e = Tape::parse(b"[1,,2]\xff").unwrap_err();
        assert_eq!((e.rule, e.offset), (RuleId::Doc001, 3));
        assert!(!e.message.contains("utf-8"), "{}", e.message);
        let e = Tape::parse(b"[1,2]\xff").unwrap_err();
        assert_eq!(
            (e.rule, e.message.as_str()),
            (RuleId::Doc001, "invalid utf-8")
        );
        let e = Tape::parse(b"[1,2").unwrap_err();
        assert!(
            e.message.ends_with("unexpected end of input"),
            "{}",
            e.message
        );
    }

    #[test]
    fn duplicate_names_in_large_objects_are_found_by_the_hash_index() {
        let names: Vec<String> = (0..50_000).map(|i| format!("\"k{i}\":0")).collect();
        let ok = format!("{{{}}}", names.join(","));
        assert_eq!(Tape::parse(ok.as_bytes()).unwrap().root().len(), 50_000);
        // `\u006b` is `k`: the duplicate of the first member, after unescaping.
        let doc = format!("{{{},\"\\u006b0\":1}}", names.join(","));
        let e = parse(doc.as_bytes()).unwrap_err();
        assert_eq!(e.rule, RuleId::Doc002);
        assert_eq!(
            e.offset,
            doc.len() - 4,
            "the closing quote of the second name"
        );
        // In reading order, the duplicate comes before the deep nesting after it.
        let mut deep = format!("{{{},\"k7\":", names.join(",")).into_bytes();
        deep.extend(nested(100));
        fails(&deep, RuleId::Doc002);
    }

    #[test]
    fn size_limit_is_checked_before_parsing() {
        let mut big = vec![b' '; MAX_SIZE + 1];
        if let Some(first) = big.first_mut() {
            *first = b'0';
        }
        fails(&big, RuleId::Doc004);
        big.pop();
        assert!(parse(&big).is_ok());
    }
}
