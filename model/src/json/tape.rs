//! The parsed form the checker reads: one 8-byte node per JSON value, in document order.
//!
//! A [`Tape`] holds the nodes of a document in preorder. A scalar's node is its kind and a
//! span of text: into the input when the text has no escapes (every number, most strings), or
//! into an arena of unescaped strings otherwise. A container's node is its kind, the index one
//! past its last descendant, and its number of elements or members; an object's members are a
//! name node followed by the value's nodes. So a document costs 8 bytes per value plus its
//! escaped strings once more, never one allocation per value, and a [`Node`] is a `Copy`
//! handle (the tape and an index).

use super::{ParseError, Value, MAX_DEPTH, MAX_SIZE};
use crate::catalog::RuleId;
use hashbrown::HashTable;

/// The JSON type of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `null`.
    Null,
    /// `false`.
    False,
    /// `true`.
    True,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Kind {
    const fn from_bits(bits: u64) -> Kind {
        match bits & 7 {
            0 => Kind::Null,
            1 => Kind::False,
            2 => Kind::True,
            3 => Kind::Number,
            4 => Kind::String,
            5 => Kind::Array,
            _ => Kind::Object,
        }
    }

    const fn bits(self) -> u64 {
        match self {
            Kind::Null => 0,
            Kind::False => 1,
            Kind::True => 2,
            Kind::Number => 3,
            Kind::String => 4,
            Kind::Array => 5,
            Kind::Object => 6,
        }
    }

    /// The name of the JSON type, as used in messages (`object`, `string`, ...).
    pub const fn type_name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::False | Kind::True => "boolean",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        }
    }
}

// Layout of a node word: bits 0-2 the kind, bit 3 set when the text is in the arena, bits 4-33
// field A (a scalar's start, a container's end index), bits 34-63 field B (a scalar's length,
// a container's element or member count).
const ARENA: u64 = 1 << 3;
const FIELD_BITS: u32 = 30;
const A_SHIFT: u32 = 4;
const B_SHIFT: u32 = A_SHIFT + FIELD_BITS;
/// The largest value of a field: offsets, lengths, indices and counts must not exceed it.
const FIELD_MAX: usize = (1 << FIELD_BITS) - 1;

const fn word(kind: Kind, arena: bool, a: usize, b: usize) -> u64 {
    let flag = if arena { ARENA } else { 0 };
    kind.bits()
        | flag
        | (((a & FIELD_MAX) as u64) << A_SHIFT)
        | (((b & FIELD_MAX) as u64) << B_SHIFT)
}

const fn field_a(w: u64) -> usize {
    ((w >> A_SHIFT) as usize) & FIELD_MAX
}

const fn field_b(w: u64) -> usize {
    ((w >> B_SHIFT) as usize) & FIELD_MAX
}

/// A parsed JSON document: its values as nodes in document order (see the module docs).
#[derive(Debug, Clone)]
pub struct Tape<'a> {
    /// The input, as text (the parser only keeps tapes of valid UTF-8).
    text: &'a str,
    /// Unescaped strings, and for a tape built from a [`Value`] every string and number.
    arena: String,
    nodes: Vec<u64>,
    /// The hash seeds of the tape's name tables, reused by the checker's indexes (random per
    /// tape, so no document can be built to make them collide).
    hasher: ahash::RandomState,
}

impl<'a> Tape<'a> {
    /// Parses a whole input as one JSON text under the limits of SPEC S2; the same errors, at
    /// the same offsets, as [`super::parse`].
    pub fn parse(input: &'a [u8]) -> Result<Tape<'a>, ParseError> {
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
            pos: 0,
            bad_utf8,
            tape: Tape {
                text,
                arena: String::new(),
                // Most documents have about one value per 8 to 16 bytes.
                nodes: Vec::with_capacity(input.len() / 16 + 16),
                hasher: ahash::RandomState::new(),
            },
        };
        parser.skip_ws();
        parser.value(1)?;
        parser.skip_ws();
        if parser.pos < parser.src.len() || parser.bad_utf8 {
            return Err(parser.syntax("trailing data after the JSON value"));
        }
        Ok(parser.tape)
    }

    /// The top-level value.
    pub fn root(&self) -> Node<'_> {
        Node {
            tape: self,
            index: 0,
        }
    }

    /// The number of values in the document (member names included).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the tape holds no value (never for a parsed document).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Hash seeds for tables keyed by the document's strings.
    pub(crate) fn hasher(&self) -> &ahash::RandomState {
        &self.hasher
    }

    /// The node at `index` (a node of this tape's numbering, see [`Node::index`]).
    pub(crate) fn node(&self, index: usize) -> Node<'_> {
        Node { tape: self, index }
    }

    /// The text of the string or number node at `index`; empty for any other node.
    pub(crate) fn text_at(&self, index: usize) -> &str {
        match Kind::from_bits(self.word(index)) {
            Kind::String | Kind::Number => self.text_of(index),
            _ => "",
        }
    }

    fn word(&self, index: usize) -> u64 {
        self.nodes.get(index).copied().unwrap_or(0)
    }

    /// The text of the scalar at `index`: a string unescaped, a number as written.
    fn text_of(&self, index: usize) -> &str {
        let w = self.word(index);
        let (start, len) = (field_a(w), field_b(w));
        let source = if w & ARENA != 0 {
            self.arena.as_str()
        } else {
            self.text
        };
        source.get(start..start + len).unwrap_or_default()
    }

    /// The index one past the last node of the value at `index`.
    fn skip(&self, index: usize) -> usize {
        let w = self.word(index);
        match Kind::from_bits(w) {
            Kind::Array | Kind::Object => field_a(w),
            _ => index + 1,
        }
    }
}

impl Tape<'static> {
    /// The tape of an already built value: every string and number is copied into the arena.
    ///
    /// Iterative, so a value of any depth is accepted. Fails with DOC-004 when the value is
    /// too large for a tape (more than about 10^9 values or bytes of text), which no document
    /// within the size limit of SPEC S2 is.
    pub(crate) fn from_value(value: &Value) -> Result<Tape<'static>, ParseError> {
        enum Frame<'v> {
            Array(usize, std::slice::Iter<'v, Value>),
            Object(usize, std::slice::Iter<'v, (String, Value)>),
        }
        fn too_large() -> ParseError {
            ParseError {
                rule: RuleId::Doc004,
                offset: 0,
                message: "document is too large to check".to_owned(),
            }
        }
        let mut tape = Tape {
            text: "",
            arena: String::new(),
            nodes: Vec::new(),
            hasher: ahash::RandomState::new(),
        };
        let text = |tape: &mut Tape<'static>, kind: Kind, s: &str| -> Result<(), ParseError> {
            let start = tape.arena.len();
            if start + s.len() > FIELD_MAX {
                return Err(too_large());
            }
            tape.arena.push_str(s);
            tape.nodes.push(word(kind, true, start, s.len()));
            Ok(())
        };
        let mut stack: Vec<Frame<'_>> = Vec::new();
        let mut next = Some(value);
        loop {
            if tape.nodes.len() >= FIELD_MAX {
                return Err(too_large());
            }
            if let Some(v) = next.take() {
                match v {
                    Value::Null => tape.nodes.push(word(Kind::Null, false, 0, 0)),
                    Value::Bool(false) => tape.nodes.push(word(Kind::False, false, 0, 0)),
                    Value::Bool(true) => tape.nodes.push(word(Kind::True, false, 0, 0)),
                    Value::Number(n) => text(&mut tape, Kind::Number, n)?,
                    Value::String(s) => text(&mut tape, Kind::String, s)?,
                    Value::Array(items) => {
                        stack.push(Frame::Array(tape.nodes.len(), items.iter()));
                        tape.nodes.push(word(Kind::Array, false, 0, items.len()));
                    }
                    Value::Object(members) => {
                        stack.push(Frame::Object(tape.nodes.len(), members.iter()));
                        tape.nodes.push(word(Kind::Object, false, 0, members.len()));
                    }
                }
            }
            let Some(frame) = stack.last_mut() else {
                return Ok(tape);
            };
            match frame {
                Frame::Array(_, items) => next = items.next(),
                Frame::Object(_, members) => {
                    if let Some((name, v)) = members.next() {
                        text(&mut tape, Kind::String, name)?;
                        next = Some(v);
                    }
                }
            }
            if next.is_none() {
                let (kind, at) = match stack.pop() {
                    Some(Frame::Array(at, _)) => (Kind::Array, at),
                    Some(Frame::Object(at, _)) => (Kind::Object, at),
                    None => return Ok(tape),
                };
                let end = tape.nodes.len();
                if let Some(w) = tape.nodes.get_mut(at) {
                    *w = word(kind, false, end, field_b(*w));
                }
            }
        }
    }
}

/// A value of a [`Tape`]: a `Copy` handle.
#[derive(Debug, Clone, Copy)]
pub struct Node<'t> {
    tape: &'t Tape<'t>,
    index: usize,
}

impl<'t> Node<'t> {
    /// The node's position on its tape, in document order.
    pub(crate) fn index(self) -> usize {
        self.index
    }

    /// The value's JSON type.
    pub fn kind(self) -> Kind {
        Kind::from_bits(self.tape.word(self.index))
    }

    /// The string, unescaped, if the value is one.
    pub fn as_str(self) -> Option<&'t str> {
        (self.kind() == Kind::String).then(|| self.tape.text_of(self.index))
    }

    /// The number as written, if the value is one.
    pub fn as_number(self) -> Option<&'t str> {
        (self.kind() == Kind::Number).then(|| self.tape.text_of(self.index))
    }

    /// The number of elements of an array or members of an object; 0 for a scalar.
    pub fn len(self) -> usize {
        match self.kind() {
            Kind::Array | Kind::Object => field_b(self.tape.word(self.index)),
            _ => 0,
        }
    }

    /// True when the value is not a non-empty array or object.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The elements, if the value is an array (else none).
    pub fn items(self) -> Items<'t> {
        let remaining = if self.kind() == Kind::Array {
            self.len()
        } else {
            0
        };
        Items {
            tape: self.tape,
            next: self.index + 1,
            remaining,
        }
    }

    /// The members in document order, if the value is an object (else none).
    pub fn members(self) -> Members<'t> {
        let remaining = if self.kind() == Kind::Object {
            self.len()
        } else {
            0
        };
        Members {
            tape: self.tape,
            next: self.index + 1,
            remaining,
        }
    }

    /// The owned value.
    pub fn to_value(self) -> Value {
        match self.kind() {
            Kind::Null => Value::Null,
            Kind::False => Value::Bool(false),
            Kind::True => Value::Bool(true),
            Kind::Number => Value::Number(self.tape.text_of(self.index).to_owned()),
            Kind::String => Value::String(self.tape.text_of(self.index).to_owned()),
            Kind::Array => Value::Array(self.items().map(Node::to_value).collect()),
            Kind::Object => Value::Object(
                self.members()
                    .map(|(name, v)| (name.to_owned(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

/// The elements of an array node.
#[derive(Debug, Clone)]
pub struct Items<'t> {
    tape: &'t Tape<'t>,
    next: usize,
    remaining: usize,
}

impl<'t> Iterator for Items<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let node = Node {
            tape: self.tape,
            index: self.next,
        };
        self.next = self.tape.skip(self.next);
        Some(node)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Items<'_> {}

/// The members of an object node: each name with its value.
#[derive(Debug, Clone)]
pub struct Members<'t> {
    tape: &'t Tape<'t>,
    next: usize,
    remaining: usize,
}

impl<'t> Iterator for Members<'t> {
    type Item = (&'t str, Node<'t>);

    fn next(&mut self) -> Option<(&'t str, Node<'t>)> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let name = self.tape.text_of(self.next);
        let value = Node {
            tape: self.tape,
            index: self.next + 1,
        };
        self.next = self.tape.skip(self.next + 1);
        Some((name, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Members<'_> {}

/// A node index as stored in the name tables (tapes have fewer than 2^30 nodes).
fn node_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// Objects with more members than this detect duplicate names with a hash table of their
/// name nodes; smaller ones compare with every earlier name.
const LINEAR_MEMBERS: usize = 16;

/// Whether an object of `count` members so far gets a hash index of its names. Only a speed-up:
/// duplicates are found either way (`.cargo/mutants.toml` excludes its mutants as equivalent).
fn indexes_names(count: usize) -> bool {
    count > LINEAR_MEMBERS
}

struct Parser<'a> {
    src: &'a [u8],
    pos: usize,
    /// The input continues with invalid UTF-8 where `src` ends.
    bad_utf8: bool,
    tape: Tape<'a>,
}

impl Parser<'_> {
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

    fn push(&mut self, w: u64) {
        self.tape.nodes.push(w);
    }

    fn literal(&mut self, word: &'static str, kind: Kind) -> Result<(), ParseError> {
        for &b in word.as_bytes() {
            if self.peek() != Some(b) {
                return Err(self.syntax("invalid literal"));
            }
            self.pos += 1;
        }
        self.push(self::word(kind, false, 0, 0));
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<(), ParseError> {
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string(),
            Some(b't') => self.literal("true", Kind::True),
            Some(b'f') => self.literal("false", Kind::False),
            Some(b'n') => self.literal("null", Kind::Null),
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

    /// Sets the end and count of the container node at `at` once its last child is read.
    fn close(&mut self, at: usize, kind: Kind, count: usize) {
        let end = self.tape.nodes.len();
        if let Some(w) = self.tape.nodes.get_mut(at) {
            *w = word(kind, false, end, count);
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), ParseError> {
        self.enter(depth)?;
        self.pos += 1;
        let at = self.tape.nodes.len();
        self.push(word(Kind::Array, false, 0, 0));
        let mut count = 0;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.close(at, Kind::Array, count);
            return Ok(());
        }
        loop {
            self.skip_ws();
            self.value(depth + 1)?;
            count += 1;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.close(at, Kind::Array, count);
                    return Ok(());
                }
                _ => return Err(self.syntax("expected `,` or `]`")),
            }
        }
    }

    fn hash(&self, name: &str) -> u64 {
        self.tape.hasher.hash_one(name)
    }

    /// True when an earlier member of the object at `at` (with `count` members so far) has
    /// the name of node `name`.
    fn repeats(
        &self,
        at: usize,
        count: usize,
        name: usize,
        table: Option<&HashTable<u32>>,
    ) -> bool {
        let tape = &self.tape;
        let text = tape.text_of(name);
        match table {
            Some(table) => table
                .find(self.hash(text), |&other| {
                    tape.text_of(other as usize) == text
                })
                .is_some(),
            None => {
                let mut i = at + 1;
                for _ in 0..count {
                    // Lengths first, from the node words: most names differ in length.
                    if field_b(tape.word(i)) == text.len() && tape.text_of(i) == text {
                        return true;
                    }
                    i = tape.skip(i + 1);
                }
                false
            }
        }
    }

    fn index_names(&self, at: usize, count: usize) -> HashTable<u32> {
        let tape = &self.tape;
        let mut table = HashTable::with_capacity(count * 2);
        let mut i = at + 1;
        for _ in 0..count {
            let hash = self.hash(tape.text_of(i));
            table.insert_unique(hash, node_u32(i), |&n| self.hash(tape.text_of(n as usize)));
            i = tape.skip(i + 1);
        }
        table
    }

    fn object(&mut self, depth: usize) -> Result<(), ParseError> {
        self.enter(depth)?;
        self.pos += 1;
        let at = self.tape.nodes.len();
        self.push(word(Kind::Object, false, 0, 0));
        let mut count = 0;
        let mut table: Option<HashTable<u32>> = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.close(at, Kind::Object, count);
            return Ok(());
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("expected a member name"));
            }
            let name = self.tape.nodes.len();
            self.string()?;
            if self.repeats(at, count, name, table.as_ref()) {
                return Err(ParseError {
                    rule: RuleId::Doc002,
                    offset: self.pos.saturating_sub(1),
                    message: format!("duplicate member name `{}`", self.tape.text_of(name)),
                });
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.syntax("expected `:`"));
            }
            self.pos += 1;
            self.skip_ws();
            self.value(depth + 1)?;
            count += 1;
            match &mut table {
                Some(t) => {
                    let tape = &self.tape;
                    let hasher = &tape.hasher;
                    let hash = hasher.hash_one(tape.text_of(name));
                    t.insert_unique(hash, node_u32(name), |&n| {
                        hasher.hash_one(tape.text_of(n as usize))
                    });
                }
                None if indexes_names(count) => table = Some(self.index_names(at, count)),
                None => {}
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.close(at, Kind::Object, count);
                    return Ok(());
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

    fn number(&mut self) -> Result<(), ParseError> {
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
        self.push(word(Kind::Number, false, start, self.pos - start));
        Ok(())
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

    /// Reads a string starting at its opening quote and pushes its node; leaves `pos` after
    /// the closing quote. A string without escapes is a span of the input; the first escape
    /// moves the string into the arena.
    fn string(&mut self) -> Result<(), ParseError> {
        self.pos += 1;
        let start = self.pos;
        // Where the string starts in the arena, once an escape was met.
        let mut arena_start: Option<usize> = None;
        let mut run_start = self.pos;
        loop {
            // Jump to the next quote or backslash; a control character before it is an error
            // there.
            let rest = self.src.get(self.pos..).unwrap_or_default();
            let stop = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
            if let Some(c) = rest
                .get(..stop)
                .and_then(|r| r.iter().position(|&b| b < 0x20))
            {
                self.pos += c;
                return Err(self.syntax("unescaped control character in string"));
            }
            self.pos += stop;
            let Some(b) = self.peek() else {
                return Err(self.syntax("unterminated string"));
            };
            match b {
                b'"' => {
                    let w = match arena_start {
                        None => word(Kind::String, false, start, self.pos - start),
                        Some(from) => {
                            let text = self.tape.text;
                            let run = text.get(run_start..self.pos).unwrap_or_default();
                            self.tape.arena.push_str(run);
                            word(Kind::String, true, from, self.tape.arena.len() - from)
                        }
                    };
                    self.pos += 1;
                    self.push(w);
                    return Ok(());
                }
                b'\\' => {
                    if arena_start.is_none() {
                        arena_start = Some(self.tape.arena.len());
                    }
                    let text = self.tape.text;
                    let run = text.get(run_start..self.pos).unwrap_or_default();
                    self.tape.arena.push_str(run);
                    self.pos += 1;
                    let c = self.escape()?;
                    self.tape.arena.push(c);
                    run_start = self.pos;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Reads one escape after its backslash and returns the character it stands for.
    fn escape(&mut self) -> Result<char, ParseError> {
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
                return char::from_u32(code).ok_or_else(|| self.syntax("invalid `\\u` escape"));
            }
            _ => return Err(self.syntax("invalid escape")),
        };
        self.pos += 1;
        Ok(c)
    }
}
