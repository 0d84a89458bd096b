//! A strict JSON parser implementing SPEC S2: UTF-8, RFC 8259, duplicate names, depth and size limits.
//!
//! j43 parses JSON itself rather than through `serde_json` because an oracle must define
//! malformedness exactly: `serde_json` rejects valid numbers such as `1e400`, cannot say
//! whether a duplicate name or a syntax error came first, and does not bound nesting at the
//! limit the spec needs. The parser is a recursive descent bounded by [`MAX_DEPTH`], so it
//! never overflows the stack, and it never panics.

use crate::catalog::RuleId;

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

    /// The same value as a `serde_json` value. Numbers that `serde_json` cannot hold (such as
    /// `1e400`) become strings of their text; member order is kept only if `serde_json`'s
    /// `preserve_order` is on.
    pub fn to_serde(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::from_str::<serde_json::Number>(n).map_or_else(
                |_| serde_json::Value::String(n.clone()),
                serde_json::Value::Number,
            ),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_serde).collect())
            }
            Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_serde()))
                    .collect(),
            ),
        }
    }

    /// The same value from a `serde_json` value.
    pub fn from_serde(value: &serde_json::Value) -> Value {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.to_string()),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(items) => {
                Value::Array(items.iter().map(Value::from_serde).collect())
            }
            serde_json::Value::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::from_serde(v)))
                    .collect(),
            ),
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
pub fn parse(input: &[u8]) -> Result<Value, ParseError> {
    if input.len() > MAX_SIZE {
        return Err(ParseError {
            rule: RuleId::Doc004,
            offset: MAX_SIZE,
            message: format!(
                "document is {} bytes, more than the limit of {MAX_SIZE}",
                input.len()
            ),
        });
    }
    // Parse the longest valid UTF-8 prefix. Anything the parser meets before the first
    // invalid byte is reported as itself; needing that byte is a syntax error there.
    let (text, bad_utf8) = match std::str::from_utf8(input) {
        Ok(text) => (text, false),
        Err(e) => {
            let valid = input.get(..e.valid_up_to()).unwrap_or_default();
            (std::str::from_utf8(valid).unwrap_or_default(), true)
        }
    };
    let mut parser = Parser {
        src: text.as_bytes(),
        text,
        pos: 0,
        bad_utf8,
    };
    parser.skip_ws();
    let value = parser.value(1)?;
    parser.skip_ws();
    if parser.pos < parser.src.len() || parser.bad_utf8 {
        return Err(parser.syntax("trailing data after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    /// The input continues with invalid UTF-8 where `src` ends.
    bad_utf8: bool,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn syntax(&self, what: &str) -> ParseError {
        let message = if self.pos >= self.src.len() && self.bad_utf8 {
            "invalid utf-8".to_owned()
        } else if self.pos >= self.src.len() {
            format!("{what}: unexpected end of input")
        } else {
            what.to_owned()
        };
        ParseError {
            rule: RuleId::Doc001,
            offset: self.pos,
            message,
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, word: &'static str, value: Value) -> Result<Value, ParseError> {
        for &b in word.as_bytes() {
            if self.peek() != Some(b) {
                return Err(self.syntax("invalid literal"));
            }
            self.pos += 1;
        }
        Ok(value)
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.expect_literal("true", Value::Bool(true)),
            Some(b'f') => self.expect_literal("false", Value::Bool(false)),
            Some(b'n') => self.expect_literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.syntax("expected a JSON value")),
        }
    }

    fn enter(&self, depth: usize) -> Result<(), ParseError> {
        if depth > MAX_DEPTH {
            return Err(ParseError {
                rule: RuleId::Doc003,
                offset: self.pos,
                message: format!("nesting deeper than {MAX_DEPTH} levels"),
            });
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.syntax("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.enter(depth)?;
        self.pos += 1;
        let mut members: Vec<(String, Value)> = Vec::new();
        let mut index: Option<std::collections::HashSet<String>> = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("expected a member name"));
            }
            let name = self.string()?;
            let duplicate = match &mut index {
                Some(set) => !set.insert(name.clone()),
                None => members.iter().any(|(k, _)| *k == name),
            };
            if duplicate {
                return Err(ParseError {
                    rule: RuleId::Doc002,
                    offset: self.pos.saturating_sub(1),
                    message: format!("duplicate member name `{name}`"),
                });
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.syntax("expected `:`"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            if index.is_none() && members.len() >= 16 {
                index = Some(members.iter().map(|(k, _)| k.clone()).collect());
            }
            if let Some(set) = &mut index {
                set.insert(name.clone());
            }
            members.push((name, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.syntax("expected `,` or `}`")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.syntax("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.syntax("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.syntax("invalid number"));
            }
        }
        Ok(Value::Number(
            self.text
                .get(start..self.pos)
                .unwrap_or_default()
                .to_owned(),
        ))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut code = 0u32;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.syntax("invalid `\\u` escape")),
            };
            code = code * 16 + u32::from(digit);
            self.pos += 1;
        }
        Ok(code)
    }

    /// Reads a string starting at its opening quote; leaves `pos` after the closing quote.
    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1;
        let mut out = String::new();
        let mut run_start = self.pos;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.syntax("unterminated string"));
            };
            match b {
                b'"' => {
                    out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    self.escape(&mut out)?;
                    run_start = self.pos;
                }
                0x00..=0x1f => return Err(self.syntax("unescaped control character in string")),
                _ => self.pos += 1,
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let high = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    if self.peek() != Some(b'\\') {
                        return Err(self.syntax("unpaired surrogate escape"));
                    }
                    self.pos += 1;
                    if self.peek() != Some(b'u') {
                        return Err(self.syntax("unpaired surrogate escape"));
                    }
                    self.pos += 1;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        self.pos = self.pos.saturating_sub(6);
                        return Err(self.syntax("unpaired surrogate escape"));
                    }
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..0xE000).contains(&high) {
                    self.pos = self.pos.saturating_sub(6);
                    return Err(self.syntax("unpaired surrogate escape"));
                } else {
                    high
                };
                match char::from_u32(code) {
                    Some(c) => out.push(c),
                    None => return Err(self.syntax("invalid `\\u` escape")),
                }
                return Ok(());
            }
            _ => return Err(self.syntax("invalid escape")),
        };
        out.push(c);
        self.pos += 1;
        Ok(())
    }
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
