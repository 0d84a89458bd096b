//! `j43 serve`: the reference model as a persistent-mode candidate (PROTOCOL.md §2, §6.1).
//!
//! Memory is bounded by the input: a request line is read in chunks up to
//! [`MAX_REQUEST_LINE`] bytes and never further; its members are borrowed from the line
//! (`serde_json`'s `RawValue`, no value tree); a `document` is unescaped in place in the line
//! (a JSON string never grows when decoded) and checked there; a `document_base64` is decoded
//! into a buffer of its own and checked after the line is freed.

use crate::protocol::{self, PROTOCOL};
use crate::{Error, Result};
use j43_model::{Report, RuleId, Verdict};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserializer as _;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, BufRead, BufWriter, Write};

/// The longest request line `j43 serve` reads, without its `\n`: 6 × (64 MiB + 1) + 64 KiB
/// = 402,718,726 bytes, the longest line the harness sends (PROTOCOL.md §2.2, §6.1): a document
/// of the size limit plus one byte with every byte escaped as `\u00XX`, and room for the rest of
/// the request.
pub const MAX_REQUEST_LINE: usize = 6 * (64 * 1024 * 1024 + 1) + 64 * 1024;

/// A line buffer larger than this is freed after its request rather than kept for the next.
const KEEP: usize = 1024 * 1024;

/// Answers PROTOCOL.md messages read from `input` on `output` with the reference model, at level
/// rules, until `bye` or the end of the input (`Ok`). Every line that is not blank gets exactly
/// one response, in order: `hello`, a `result`, or an `error` whose `id` is the request's `id`
/// member as sent (any JSON value), or `null` when the line has none or it cannot be read
/// (PROTOCOL.md §6.1). A line longer than [`MAX_REQUEST_LINE`] is answered with an `error`
/// naming its id when the id can be read from its first [`MAX_REQUEST_LINE`] bytes (and not
/// answered otherwise), nothing further is read, and the result is [`Error::LineTooLong`];
/// `Err(Error::Io)` when reading or writing fails.
pub fn serve(mut input: impl BufRead, output: impl Write) -> Result<()> {
    let mut output = BufWriter::new(output);
    let mut line = Vec::new();
    loop {
        let read = read_line(&mut input, &mut line, MAX_REQUEST_LINE)
            .map_err(|e| Error::io("reading a request", e))?;
        let too_long = match read {
            Read::EndOfInput => return Ok(()),
            Read::Line => false,
            Read::TooLong => true,
        };
        let bye = answer(&mut line, too_long, &mut output)
            .map_err(|e| Error::io("writing a response", e))?;
        if too_long {
            return Err(Error::LineTooLong {
                limit: MAX_REQUEST_LINE,
            });
        }
        if bye {
            return Ok(());
        }
        if line.capacity() > KEEP {
            line = Vec::new();
        } else {
            line.clear();
        }
    }
}

/// What [`read_line`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// A line (its `\n` not kept), or the last bytes before the end of the input.
    Line,
    /// The first `limit` bytes of a longer line; the rest is not read.
    TooLong,
    /// The end of the input, with nothing read.
    EndOfInput,
}

/// Reads the next line into `line` (empty on entry) in the reader's chunks, never holding more
/// than `limit` bytes of it.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>, limit: usize) -> io::Result<Read> {
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(if line.is_empty() {
                Read::EndOfInput
            } else {
                Read::Line
            });
        }
        let newline = memchr::memchr(b'\n', buf);
        let len = newline.unwrap_or(buf.len());
        let room = limit.saturating_sub(line.len());
        if len > room {
            line.extend_from_slice(buf.get(..room).unwrap_or_default());
            input.consume(room);
            return Ok(Read::TooLong);
        }
        line.extend_from_slice(buf.get(..len).unwrap_or_default());
        input.consume(len + usize::from(newline.is_some()));
        if newline.is_some() {
            return Ok(Read::Line);
        }
    }
}

/// Answers one line; true at `bye`. A blank line is not a request and gets no response.
fn answer(line: &mut Vec<u8>, too_long: bool, out: &mut impl Write) -> io::Result<bool> {
    if !too_long && line.iter().all(u8::is_ascii_whitespace) {
        return Ok(false);
    }
    let (id, document) = {
        let request = Request::read(line);
        if too_long {
            if let Some(id) = request.id {
                let message = Error::LineTooLong {
                    limit: MAX_REQUEST_LINE,
                }
                .to_string();
                write(
                    out,
                    &Response::Error {
                        id: Some(id),
                        message: &message,
                    },
                )?;
            }
            return Ok(false);
        }
        match request.plan() {
            Plan::Bye => return Ok(true),
            Plan::Hello => {
                write(out, &Response::hello())?;
                return Ok(false);
            }
            Plan::Error { id, message } => {
                write(
                    out,
                    &Response::Error {
                        id,
                        message: &message,
                    },
                )?;
                return Ok(false);
            }
            Plan::Check { id, document } => {
                let document = match document {
                    Document::Text(raw) => match string_contents(line, raw) {
                        Some(range) => Source::Text(range),
                        None => {
                            let message = "`document` is not a string";
                            write(
                                out,
                                &Response::Error {
                                    id: Some(id),
                                    message,
                                },
                            )?;
                            return Ok(false);
                        }
                    },
                    Document::Bytes(bytes) => Source::Bytes(bytes),
                };
                // The id outlives the line's borrow: the document is decoded in the line.
                (id.to_owned(), document)
            }
        }
    };
    let report = match document {
        Source::Text(range) => {
            let Some(text) = line.get_mut(range) else {
                return Ok(false);
            };
            match unescape_in_place(text) {
                Ok(len) => j43_model::check(text.get(..len).unwrap_or_default()),
                Err(why) => {
                    let message = format!(
                        "`document` is not Unicode text ({why}): such an escape stands for no UTF-8 bytes; send bytes that are not UTF-8 as `document_base64`"
                    );
                    write(
                        out,
                        &Response::Error {
                            id: Some(&id),
                            message: &message,
                        },
                    )?;
                    return Ok(false);
                }
            }
        }
        Source::Bytes(bytes) => {
            // The line is not needed while the decoded bytes are checked.
            *line = Vec::new();
            j43_model::check(&bytes)
        }
    };
    write(out, &Response::result(&id, &report))?;
    Ok(false)
}

/// Where the document to check is.
enum Source {
    /// The contents of the `document` string, escaped, at this range of the line.
    Text(std::ops::Range<usize>),
    /// Decoded from `document_base64`.
    Bytes(Vec<u8>),
}

/// The range of `line` holding the contents (between the quotes) of `raw`, a member borrowed
/// from `line`; `None` when `raw` is not a string.
fn string_contents(line: &[u8], raw: &RawValue) -> Option<std::ops::Range<usize>> {
    let text = raw.get().as_bytes();
    let start = (text.as_ptr() as usize).checked_sub(line.as_ptr() as usize)?;
    let end = start.checked_add(text.len())?;
    let inner = text.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    (end <= line.len()).then(|| start + 1..start + 1 + inner.len())
}

/// Decodes the contents of a JSON string (between its quotes, as `serde_json` validated it) in
/// place, returning the decoded length: the decoded text is `buf[..len]`. Every escape of
/// RFC 8259 §7 is decoded, a `\u` pair of surrogates to its code point; `Err` names a lone
/// surrogate or a malformed escape (which a string `serde_json` validated does not have).
/// Decoding never writes past the bytes it has read: an escape is longer than what it stands for.
fn unescape_in_place(buf: &mut [u8]) -> std::result::Result<usize, String> {
    let (mut read, mut written) = (0, 0);
    loop {
        let rest = buf.get(read..).unwrap_or_default();
        // Escape-dense text (`\n\n…`, `\u0001…`) has escape after escape: no search needed.
        if rest.first() != Some(&b'\\') {
            let run = memchr::memchr(b'\\', rest).unwrap_or(rest.len());
            buf.copy_within(read..read + run, written);
            read += run;
            written += run;
        }
        if read >= buf.len() {
            return Ok(written);
        }
        let escape = *buf.get(read + 1).ok_or("a `\\` at the end")?;
        read += 2;
        let byte = match escape {
            b'"' | b'\\' | b'/' => escape,
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let c = code_point(buf, &mut read)?;
                let mut utf8 = [0; 4];
                let encoded = c.encode_utf8(&mut utf8).as_bytes();
                buf.get_mut(written..written + encoded.len())
                    .ok_or("an escape shorter than its character")?
                    .copy_from_slice(encoded);
                written += encoded.len();
                continue;
            }
            other => return Err(format!("an unknown escape `\\{}`", char::from(other))),
        };
        *buf.get_mut(written)
            .ok_or("an escape shorter than its character")? = byte;
        written += 1;
    }
}

/// The character of the `\uXXXX` escape whose hex digits start at `*at` (and of the low
/// surrogate's escape after it, for a high surrogate); moves `*at` past them.
fn code_point(buf: &[u8], at: &mut usize) -> std::result::Result<char, String> {
    let hex = |at: usize| -> std::result::Result<u32, String> {
        let digits = buf
            .get(at..at + 4)
            .ok_or("a `\\u` without four hex digits")?;
        digits.iter().try_fold(0, |code, &d| {
            let nibble = char::from(d)
                .to_digit(16)
                .ok_or("a `\\u` without four hex digits")?;
            Ok(code << 4 | nibble)
        })
    };
    let first = hex(*at)?;
    *at += 4;
    let code = match first {
        0xd800..=0xdbff => {
            let second = match buf.get(*at..*at + 2) {
                Some(b"\\u") => hex(*at + 2)?,
                _ => return Err(format!("a lone surrogate escape `\\u{first:04x}`")),
            };
            if !(0xdc00..=0xdfff).contains(&second) {
                return Err(format!("a lone surrogate escape `\\u{first:04x}`"));
            }
            *at += 6;
            0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
        }
        0xdc00..=0xdfff => return Err(format!("a lone surrogate escape `\\u{first:04x}`")),
        other => other,
    };
    char::from_u32(code).ok_or_else(|| format!("`\\u{first:04x}` is not a character"))
}

fn write(out: &mut impl Write, response: &Response<'_>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, response)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// A response of PROTOCOL.md §2.
#[derive(serde::Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Response<'a> {
    Hello {
        protocol: &'static str,
        name: &'static str,
        version: &'static str,
        level: &'static str,
    },
    Result {
        id: &'a RawValue,
        verdict: Verdict,
        rules: BTreeSet<RuleId>,
    },
    Error {
        id: Option<&'a RawValue>,
        message: &'a str,
    },
}

impl<'a> Response<'a> {
    fn hello() -> Response<'static> {
        Response::Hello {
            protocol: PROTOCOL,
            name: "j43-serve",
            version: env!("CARGO_PKG_VERSION"),
            level: "rules",
        }
    }

    fn result(id: &'a RawValue, report: &Report) -> Response<'a> {
        Response::Result {
            id,
            verdict: report.verdict(),
            rules: report.rules(),
        }
    }
}

/// The members of a request line that `serve` reads, borrowed from the line as raw JSON.
/// Filled as the line is parsed, so that the `id` is known even when the line breaks later.
#[derive(Debug, Default)]
struct Request<'a> {
    kind: Option<&'a RawValue>,
    id: Option<&'a RawValue>,
    document: Option<&'a RawValue>,
    document_base64: Option<&'a RawValue>,
    duplicate: Option<&'static str>,
    /// Why the line is not one JSON object, if it is not.
    malformed: Option<String>,
}

/// What to do with one request.
enum Plan<'a> {
    Hello,
    Bye,
    Error {
        id: Option<&'a RawValue>,
        message: String,
    },
    Check {
        id: &'a RawValue,
        document: Document<'a>,
    },
}

/// The document of a `check`, not decoded yet.
enum Document<'a> {
    /// The `document` member, a JSON string.
    Text(&'a RawValue),
    /// The bytes of `document_base64`.
    Bytes(Vec<u8>),
}

/// The members `serve` reads; any other member is ignored.
#[derive(serde::Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    Type,
    Id,
    Document,
    DocumentBase64,
    #[serde(other)]
    Other,
}

impl<'a> Request<'a> {
    fn read(line: &'a [u8]) -> Request<'a> {
        let mut request = Request::default();
        let mut de = serde_json::Deserializer::from_slice(line);
        if let Err(e) = (&mut request).deserialize(&mut de).and_then(|()| de.end()) {
            request.malformed = Some(e.to_string());
        }
        request
    }

    fn plan(self) -> Plan<'a> {
        let id = self.id;
        let error = |message: String| Plan::Error { id, message };
        if let Some(why) = self.malformed {
            return error(format!("the line is not one JSON object: {why}"));
        }
        if let Some(name) = self.duplicate {
            return error(format!("the request has member `{name}` twice"));
        }
        let Some(Ok(kind)) = self.kind.map(string) else {
            return error("the request has no string `type`".into());
        };
        match &*kind {
            "hello" => Plan::Hello,
            "bye" => Plan::Bye,
            "check" => {
                let Some(id) = id.filter(|id| id.get().starts_with('"')) else {
                    return error("a `check` request needs a string `id`".into());
                };
                match document(self.document, self.document_base64) {
                    Ok(document) => Plan::Check { id, document },
                    Err(message) => error(message),
                }
            }
            other => error(format!(
                "unknown request type `{}`",
                protocol::preview(other.as_bytes())
            )),
        }
    }
}

/// The document to check, from exactly one of `document` (a string) and `document_base64`.
fn document<'a>(
    text: Option<&'a RawValue>,
    base64: Option<&'a RawValue>,
) -> std::result::Result<Document<'a>, String> {
    match (text, base64) {
        (Some(text), None) if text.get().starts_with('"') => Ok(Document::Text(text)),
        (Some(_), None) => Err("`document` is not a string".into()),
        (None, Some(base64)) => string(base64)
            .ok()
            .and_then(|text| protocol::decode_base64(&text))
            .map(Document::Bytes)
            .ok_or_else(|| "`document_base64` is not a string of base64 with padding".into()),
        _ => Err("exactly one of `document` and `document_base64` is required".into()),
    }
}

/// A raw JSON string's text: borrowed when it has no escapes.
fn string(raw: &RawValue) -> serde_json::Result<Cow<'_, str>> {
    struct Text;
    impl<'de> Visitor<'de> for Text {
        type Value = Cow<'de, str>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Cow<'de, str>, E> {
            Ok(Cow::Borrowed(v))
        }
        fn visit_str<E>(self, v: &str) -> std::result::Result<Cow<'de, str>, E> {
            Ok(Cow::Owned(v.to_owned()))
        }
    }
    serde_json::Deserializer::from_str(raw.get()).deserialize_str(Text)
}

impl<'de> DeserializeSeed<'de> for &mut Request<'de> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut Request<'de> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key>()? {
            let (slot, name) = match key {
                Key::Type => (&mut self.kind, "type"),
                Key::Id => (&mut self.id, "id"),
                Key::Document => (&mut self.document, "document"),
                Key::DocumentBase64 => (&mut self.document_base64, "document_base64"),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            let value: &'de RawValue = map.next_value()?;
            if slot.is_some() {
                self.duplicate.get_or_insert(name);
            } else {
                *slot = Some(value);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn session(input: &[u8]) -> (Vec<Value>, Result<()>) {
        let mut out = Vec::new();
        let ended = serve(input, &mut out);
        let lines = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (lines, ended)
    }

    /// The one response to one request line.
    fn one(line: &str) -> Value {
        let (out, _) = session(format!("{line}\n").as_bytes());
        assert_eq!(out.len(), 1, "{line}: {out:?}");
        out.into_iter().next().unwrap()
    }

    #[test]
    fn serve_answers_hello_checks_and_stops_at_bye() {
        let input = format!(
            "{}\n{}\n{}\n{}\n{}\n",
            protocol::hello_request(),
            protocol::check_request("a", b"[]"),
            protocol::check_request("b", b"\xff"),
            protocol::bye_request(),
            protocol::check_request("c", b"{}"),
        );
        let (out, ended) = session(input.as_bytes());
        assert!(ended.is_ok());
        assert_eq!(out.len(), 3);
        assert_eq!(out[0]["level"], "rules");
        assert_eq!(out[0]["protocol"], PROTOCOL);
        assert_eq!(
            out[1],
            json!({"type": "result", "id": "a", "verdict": "rejected", "rules": ["DOC-005"]})
        );
        assert_eq!(out[2]["rules"], json!(["DOC-001"]));
    }

    #[test]
    fn a_document_with_escapes_is_checked_as_its_decoded_text() {
        let doc = j43_model::Design::base().to_json();
        let pretty =
            serde_json::to_string_pretty(&serde_json::from_str::<Value>(&doc).unwrap()).unwrap();
        let r = one(&protocol::check_request("p", pretty.as_bytes()));
        assert_eq!(r["verdict"], "authorized", "{r}");
        let escaped = one(r#"{"type":"check","id":"e","document":"\u005b]"}"#);
        assert_eq!(escaped["rules"], json!(["DOC-005"]));
        assert_eq!(
            unescaped(r#"a\/b\"c\\d\b\f\n\r\t\u00e9\ud83d\ude00"#).unwrap(),
            "a/b\"c\\d\u{8}\u{c}\n\r\té😀".as_bytes()
        );
        assert!(unescaped(r#"\x"#).is_err() && unescaped(r#"\u12"#).is_err());
        assert!(unescaped(r#"\u+123"#).is_err() && unescaped("\\").is_err());
    }

    #[test]
    fn every_unreadable_request_gets_an_error_naming_its_id_as_sent_or_null() {
        let cases = [
            (r#"{"type":"check","id":"x"}"#, json!("x")),
            (r#"{"type":"check","id":17,"document":"{}"}"#, json!(17)),
            (r#"{"type":"check","id":null,"document":"{}"}"#, Value::Null),
            (r#"{"type":"check","document":"{}"}"#, Value::Null),
            (
                r#"{"type":"check","id":"t","document":"{}"} trailing"#,
                json!("t"),
            ),
            (r#"{"type":"check","id":"g", garbage"#, json!("g")),
            (r#"{"id":"u","type":"unknown"}"#, json!("u")),
            (r#"{"id":"n","type":7}"#, json!("n")),
            (
                r#"{"type":"check","id":"d","id":"d2","document":"{}"}"#,
                json!("d"),
            ),
            (
                r#"{"type":"check","id":"b","document":"{}","document_base64":"e30="}"#,
                json!("b"),
            ),
            (
                r#"{"type":"check","id":"s","document":"\ud800"}"#,
                json!("s"),
            ),
            (
                r#"{"document":"\udc00x","id":"s2","type":"check"}"#,
                json!("s2"),
            ),
            (r#"{"type":"check","id":"n2","document":5}"#, json!("n2")),
            (
                r#"{"type":"check","id":"64","document_base64":"not base64!"}"#,
                json!("64"),
            ),
            ("not json", Value::Null),
            ("[1,2]", Value::Null),
            ("\"check\"", Value::Null),
        ];
        for (line, id) in cases {
            let r = one(line);
            assert_eq!(r["type"], "error", "{line}: {r}");
            assert_eq!(r["id"], id, "{line}: {r}");
            assert!(
                r["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{line}: {r}"
            );
        }
        let (out, _) = session(b"{\"type\":\"check\",\"id\":\"v\",\"document\":\"\xff\"}\n");
        assert_eq!(
            (&out[0]["type"], &out[0]["id"]),
            (&json!("error"), &json!("v")),
            "{out:?}"
        );
    }

    #[test]
    fn a_lone_surrogate_error_says_the_document_is_not_unicode_text() {
        let r = one(r#"{"type":"check","id":"s","document":"{\"a\":\"\ud800\"}"}"#);
        let message = r["message"].as_str().unwrap();
        assert!(message.contains("not Unicode text"), "{message}");
        // The same code point as a pair is fine.
        let r = one(r#"{"type":"check","id":"p","document":"\ud83d\ude00"}"#);
        assert_eq!(r["type"], "result", "{r}");
    }

    /// `s` as the contents of a JSON string with every character escaped as `\uXXXX` (a pair of
    /// them beyond the Basic Multilingual Plane), in upper or lower case hex.
    fn all_escaped(s: &str, upper: bool) -> String {
        s.encode_utf16()
            .map(|u| {
                if upper {
                    format!("\\u{u:04X}")
                } else {
                    format!("\\u{u:04x}")
                }
            })
            .collect()
    }

    fn unescaped(contents: &str) -> std::result::Result<Vec<u8>, String> {
        let mut buf = contents.as_bytes().to_vec();
        let len = unescape_in_place(&mut buf)?;
        buf.truncate(len);
        Ok(buf)
    }

    proptest::proptest! {
        #[test]
        fn property_unescape_in_place_decodes_every_string_as_serde_json_encodes_it(
            s in proptest::prelude::any::<String>(),
            upper in proptest::prelude::any::<bool>(),
        ) {
            let json = serde_json::to_string(&s).unwrap();
            let contents = &json[1..json.len() - 1];
            proptest::prop_assert_eq!(unescaped(contents).unwrap(), s.as_bytes());
            proptest::prop_assert_eq!(unescaped(&all_escaped(&s, upper)).unwrap(), s.as_bytes());
        }

        #[test]
        fn property_unescape_in_place_accepts_exactly_the_surrogate_escapes_serde_json_accepts(
            units in proptest::collection::vec(0xd7f0u32..0xe010, 1..5),
            tail in "[a\\\\]?",
        ) {
            let contents: String = units.iter().map(|u| format!("\\u{u:04x}")).collect::<String>() + &tail;
            let serde = serde_json::from_str::<String>(&format!("\"{contents}\""));
            let mine = unescaped(&contents);
            match (serde, mine) {
                (Ok(a), Ok(b)) => proptest::prop_assert_eq!(a.as_bytes(), &b[..]),
                (Err(_), Err(_)) => {}
                (a, b) => proptest::prop_assert!(false, "{contents}: serde_json {a:?}, mine {b:?}"),
            }
        }
    }

    #[test]
    fn blank_lines_get_no_response_and_a_last_line_without_newline_is_answered() {
        let input = format!("\n  \r\n{}", protocol::check_request("z", b"[]"));
        let (out, ended) = session(input.as_bytes());
        assert!(ended.is_ok());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["id"], "z");
    }

    #[test]
    fn read_line_never_holds_more_than_its_limit() {
        let mut line = Vec::new();
        let mut input = io::BufReader::with_capacity(3, &b"abcdefgh\nxy\n"[..]);
        assert_eq!(read_line(&mut input, &mut line, 5).unwrap(), Read::TooLong);
        assert_eq!(line, b"abcde");
        line.clear();
        let mut input = io::BufReader::with_capacity(3, &b"abcde\nxy"[..]);
        assert_eq!(read_line(&mut input, &mut line, 5).unwrap(), Read::Line);
        assert_eq!(line, b"abcde");
        line.clear();
        assert_eq!(read_line(&mut input, &mut line, 5).unwrap(), Read::Line);
        assert_eq!(line, b"xy");
        line.clear();
        assert_eq!(
            read_line(&mut input, &mut line, 5).unwrap(),
            Read::EndOfInput
        );
    }

    #[test]
    fn the_line_limit_covers_the_longest_request_the_harness_sends() {
        // The largest document is the size limit plus one byte; the worst escaping is `\u00XX`.
        let doc = 64 * 1024 * 1024 + 1;
        let envelope = protocol::check_request("c18446744073709551615", b"").len();
        assert!(6 * doc + envelope <= MAX_REQUEST_LINE);
        assert!(protocol::check_request("c1", &[0x01; 1000]).len() <= 6 * 1000 + envelope);
    }
}
