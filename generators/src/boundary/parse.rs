//! S2 boundaries (layer 1): the whitespace set, the number grammar, escapes and surrogates,
//! control characters, UTF-8, the byte order mark, trailing data, empty input, depth and size
//! at the limit minus one, the limit and the limit plus one, and which problem comes first.
//!
//! Byte-level payloads go through a marker: a string of the design is set to a marker, the
//! design is written without escapes (whitespace between tokens may vary), and the marker's
//! bytes are replaced by the payload, so the payload lands inside a string.

use super::{class, set_member, string, Built, Class, Ctx, Side};
use crate::choices::Choices;
use crate::tree::{self, Render, Step};
use j43_model::json::{Value, MAX_DEPTH, MAX_SIZE};
use j43_model::{ObjectKind, RuleId};

use RuleId::*;

const MARKER: &str = "\u{e000}\u{2295}payload\u{2295}\u{e000}";

/// Object kinds with a `description` member.
const DESCRIBED: &[ObjectKind] = &[
    ObjectKind::Document,
    ObjectKind::Environment,
    ObjectKind::Network,
    ObjectKind::Segment,
    ObjectKind::Ingress,
    ObjectKind::Service,
    ObjectKind::Database,
    ObjectKind::Adapter,
    ObjectKind::Configuration,
    ObjectKind::Secrets,
];

/// A random design as a value.
fn design(ctx: &mut Ctx) -> Value {
    let w = ctx.work();
    ctx.value(w)
}

/// Written without escapes (markers stay intact), with or without whitespace between tokens.
fn plain(ctx: &mut Ctx, v: &Value) -> Vec<u8> {
    let whitespace = if ctx.flip() { ctx.c.word() | 1 } else { 0 };
    Render {
        whitespace,
        escapes: 0,
    }
    .bytes(v)
}

fn replace_marker(doc: &[u8], payload: &[u8]) -> Vec<u8> {
    let marker = MARKER.as_bytes();
    match doc.windows(marker.len()).position(|w| w == marker) {
        Some(at) => {
            let mut out = doc.get(..at).unwrap_or_default().to_vec();
            out.extend_from_slice(payload);
            out.extend_from_slice(doc.get(at + marker.len()..).unwrap_or_default());
            out
        }
        None => doc.to_vec(),
    }
}

/// A random design with `payload` inside one of its descriptions, between `x` and `y`.
fn with_payload(ctx: &mut Ctx, payload: &[u8]) -> Vec<u8> {
    let mut v = design(ctx);
    let sites: Vec<Vec<Step>> = tree::objects(&v)
        .into_iter()
        .filter(|o| DESCRIBED.contains(&o.kind))
        .map(|o| o.path)
        .collect();
    let path = ctx.pick(&sites).cloned().unwrap_or_default();
    set_member(
        ctx,
        &mut v,
        &path,
        "description",
        string(format!("x{MARKER}y")),
    );
    let doc = plain(ctx, &v);
    replace_marker(&doc, payload)
}

/// Positions right after a structural byte outside strings, and the two ends.
fn token_gaps(doc: &[u8]) -> Vec<usize> {
    let mut out = vec![0, doc.len()];
    let (mut in_string, mut escaped) = (false, false);
    for (i, &b) in doc.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
                out.push(i + 1);
            }
        } else if b == b'"' {
            in_string = true;
            out.push(i);
        } else if matches!(b, b'{' | b'}' | b'[' | b']' | b':' | b',') {
            out.push(i);
            out.push(i + 1);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Bytes cycled by case index.
fn cycle_bytes<'a>(ctx: &Ctx, items: &[&'a [u8]]) -> &'a [u8] {
    ctx.cycle(items).copied().unwrap_or_default()
}

/// A payload class: `v` bytes inside a string break the grammar, `n` bytes do not.
fn payload_class(
    name: &'static str,
    violating: &'static str,
    near_miss: &'static str,
    v: &'static [&'static [u8]],
    n: &'static [&'static [u8]],
) -> Class {
    class(
        Doc001,
        name,
        "S2.2, S2.3",
        violating,
        near_miss,
        move |ctx, side| {
            let payload = match side {
                Side::Violating => cycle_bytes(ctx, v),
                Side::NearMiss => cycle_bytes(ctx, n),
            };
            let doc = with_payload(ctx, payload);
            let rules: &[RuleId] = if side == Side::Violating {
                &[Doc001]
            } else {
                &[]
            };
            Built::new(
                doc,
                rules,
                format!("{:?}", String::from_utf8_lossy(payload)),
            )
        },
    )
}

/// A number class: the text as the value of a new member of a random object (DOC-007 when
/// it parses; ENV-001 in the `environments` object), sometimes inside an array or object.
fn number_class(
    name: &'static str,
    violating: &'static str,
    near_miss: &'static str,
    v: &'static [&'static str],
    n: &'static [&'static str],
) -> Class {
    class(
        Doc001,
        name,
        "S2.3",
        violating,
        near_miss,
        move |ctx, side| {
            let text = match side {
                Side::Violating => ctx.cycle(v).copied().unwrap_or("01"),
                Side::NearMiss => ctx.cycle(n).copied().unwrap_or("0"),
            };
            let mut doc = design(ctx);
            let sites = tree::objects(&doc);
            let site = ctx.pick(&sites).cloned();
            let (path, kind) =
                site.map_or((Vec::new(), ObjectKind::Document), |s| (s.path, s.kind));
            let number = Value::Number(text.to_owned());
            let x = match ctx.below(3) {
                0 => number,
                1 => Value::Array(vec![Value::Null, number]),
                _ => Value::Object(vec![("a".to_owned(), number)]),
            };
            super::insert_member(ctx, &mut doc, &path, "\u{2295}n", x);
            let rules: &[RuleId] = match side {
                Side::Violating => &[Doc001],
                Side::NearMiss if kind == ObjectKind::Environments => &[Env001],
                Side::NearMiss => &[Doc007],
            };
            let bytes = ctx.render(&doc);
            Built::new(bytes, rules, format!("{text} in {kind:?}"))
        },
    )
}

/// A whitespace string of `n` characters of the JSON whitespace set.
fn json_whitespace(ctx: &mut Ctx, n: usize) -> Vec<u8> {
    (0..n)
        .map(|_| *ctx.pick(b" \t\n\r").unwrap_or(&b' '))
        .collect()
}

fn grammar_classes() -> Vec<Class> {
    vec![
        class(Doc001, "json-whitespace", "S2.3", "a character outside the four of the whitespace set between tokens (form feed, vertical tab, no-break space, line separator, ideographic space, BOM, NUL)", "the four whitespace characters between any tokens and around the value", |ctx, side| {
            let v = design(ctx);
            let mut doc = plain(ctx, &v);
            let gaps = token_gaps(&doc);
            let at = ctx.pick(&gaps).copied().unwrap_or(0);
            // A gap right before a string's opening quote or after its closing one is outside it.
            let ws: Vec<u8> = match side {
                Side::Violating => cycle_bytes(ctx, &[b"\x0c", b"\x0b", b"\xc2\xa0", b"\xe2\x80\xa8", b"\xe3\x80\x80", b"\xef\xbb\xbf", b"\x00", b"\xc2\x85", b" \x0c ", b"\xe2\x80\x89"]).to_vec(),
                Side::NearMiss => {
                    let n = 1 + ctx.i % 6;
                    json_whitespace(ctx, n)
                }
            };
            let at = at.min(doc.len());
            doc.splice(at..at, ws.iter().copied());
            let rules: &[RuleId] = if side == Side::Violating { &[Doc001] } else { &[] };
            Built::new(doc, rules, format!("{ws:?} at {at}"))
        }),
        class(Doc001, "whitespace-around-value", "S2.3", "Unicode whitespace outside the four (form feed, vertical tab, no-break space, next line, line and paragraph separators, ideographic, thin and ogham spaces) before or after the value", "the four whitespace characters before and after the value", |ctx, side| {
            let v = design(ctx);
            let body = ctx.render(&v);
            let (before, after): (Vec<u8>, Vec<u8>) = match side {
                Side::Violating => {
                    let ws = cycle_bytes(ctx, &[b"\x0c", b"\x0b", b"\xc2\xa0", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xe3\x80\x80", b"\xe2\x80\x89", b"\xe1\x9a\x80", b"\xe2\x81\x9f"]).to_vec();
                    let n = ctx.below(3);
                    let pad = json_whitespace(ctx, n);
                    match ctx.i % 3 {
                        0 => ([ws, pad].concat(), Vec::new()),
                        1 => (Vec::new(), [pad, ws].concat()),
                        _ => (ws.clone(), ws),
                    }
                }
                Side::NearMiss => {
                    let (a, b) = (1 + ctx.i % 4, 1 + ctx.i / 4);
                    (json_whitespace(ctx, a), json_whitespace(ctx, b))
                }
            };
            let doc = [before, body, after].concat();
            let rules: &[RuleId] = if side == Side::Violating { &[Doc001] } else { &[] };
            Built::new(doc, rules, "")
        }),
        class(Doc001, "form-feed-and-vertical-tab", "S2.3", "a form feed (or vertical tab) between tokens or around the value", "a space, tab, line feed or carriage return at the same place", |ctx, side| {
            let v = design(ctx);
            let mut doc = plain(ctx, &v);
            let gaps = token_gaps(&doc);
            let at = ctx.pick(&gaps).copied().unwrap_or(0).min(doc.len());
            let ws: &[u8] = match side {
                Side::Violating if ctx.i % 4 == 3 => b"\x0b",
                Side::Violating => b"\x0c",
                Side::NearMiss => cycle_bytes(ctx, &[b" ", b"\t", b"\n", b"\r"]),
            };
            doc.splice(at..at, ws.iter().copied());
            let rules: &[RuleId] = if side == Side::Violating { &[Doc001] } else { &[] };
            Built::new(doc, rules, format!("at {at}"))
        }),
        class(Doc001, "tab-inside-and-outside-strings", "S2.3", "a raw tab inside a string (a control character there)", "a raw tab between tokens (whitespace there), or `\\t` inside a string", |ctx, side| {
            let doc = match side {
                Side::Violating => with_payload(ctx, b"\t"),
                Side::NearMiss if ctx.i % 2 == 0 => with_payload(ctx, b"\\t"),
                Side::NearMiss => {
                    let v = design(ctx);
                    let mut doc = plain(ctx, &v);
                    let gaps = token_gaps(&doc);
                    let at = ctx.pick(&gaps).copied().unwrap_or(0).min(doc.len());
                    doc.splice(at..at, *b"\t");
                    doc
                }
            };
            let rules: &[RuleId] = if side == Side::Violating { &[Doc001] } else { &[] };
            Built::new(doc, rules, "")
        }),
        number_class("number-leading-zero", "a leading zero before more digits", "zero alone, `-0`, `0.5`, `0e1`, `10`",
            &["01", "-01", "00", "00.5", "012e3", "-00"],
            &["0", "-0", "0.5", "0e1", "10", "-0.0", "100"]),
        number_class("number-fraction-exponent", "a fraction or exponent without digits, or a leading dot", "fractions and exponents with digits, of any magnitude (`1e400`)",
            &["1.", ".5", "1.e5", "-.5", "1e", "1.", ".5", "1E-", "-1.", ".0", "1.5e", "0."],
            &["1.5", "1e5", "1E+5", "1e-5", "0.0e-0", "1e400", "-1.5e-3", "1E400", "2.0E0"]),
        number_class("number-sign-and-words", "a plus sign, two minus signs, a space after the sign, NaN, Infinity, hexadecimal, underscores, fullwidth digits", "a minus sign, long and tiny numbers",
            &["+1", "--1", "- 1", "NaN", "Infinity", "-Infinity", "0x10", "1_000", "\u{ff11}"],
            &["-1", "123456789012345678901234567890", "-123e-456", "0", "-9.999e+999"]),
        number_class("literals", "literals in another case or cut or extended", "`true`, `false`, `null`",
            &["True", "FALSE", "NULL", "Null", "TrUe", "TRUE", "False", "nulll", "tRUE", "nULL", "NuLL", "undefined"],
            &["true", "false", "null"]),
        payload_class("string-escapes", "an escape outside the set (`\\x`, `\\'`, `\\a`, `\\U`, bad hex, short hex, `\\0`)", "every escape of the set, hex digits in both cases",
            &[b"\\x41", b"\\'", b"\\a", b"\\U0041", b"\\u12G4", b"\\u004", b"\\0", b"\\ ", b"\\u{41}"],
            &[b"\\\"", b"\\\\", b"\\/", b"\\b", b"\\f", b"\\n", b"\\r", b"\\t", b"\\u0041", b"\\u00E9", b"\\uabcd", b"\\uABCD", b"\\u00e9\\/\\t"]),
        payload_class("surrogate-escapes", "an unpaired surrogate escape (lone high, lone low, high before a non-low, reversed pair)", "paired surrogates, and the scalar values beside the surrogate range",
            &[b"\\ud800", b"\\udfff", b"\\udc00", b"\\ud800\\u0041", b"\\ud800\\ud800", b"\\udc00\\ud800", b"\\uD83D", b"\\ud83d\\n"],
            &[b"\\ud83d\\ude00", b"\\uD800\\uDC00", b"\\udbff\\udfff", b"\\ud7ff", b"\\ue000", b"\\uDBFF\\uDFFF", b"\\ud83d\\uDE00"]),
        payload_class("control-characters", "a raw character U+0000 to U+001F in a string", "U+007F and C1 controls raw, controls escaped",
            &[b"\x00", b"\x01", b"\x08", b"\x09", b"\x0a", b"\x0d", b"\x1b", b"\x1f"],
            &[b"\x7f", b"\xc2\x80", b"\xc2\x9f", b"\\u0000", b"\\u001f", b"\\u0009", b"\\t", b"\\u007f"]),
        payload_class("utf8-sequences", "overlong forms, encoded surrogates, code points above U+10FFFF, stray or missing continuation bytes", "the shortest forms at each length's edges (U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF)",
            &[b"\xc0\x80", b"\xc1\xbf", b"\xe0\x80\x80", b"\xe0\x9f\xbf", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf0\x80\x80\x80", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\x80", b"\xbf", b"\xe2\x82", b"\xf0\x9f\x98", b"\xfe", b"\xff"],
            &[b"\xc2\x80", b"\xdf\xbf", b"\xe0\xa0\x80", b"\xed\x9f\xbf", b"\xee\x80\x80", b"\xef\xbf\xbf", b"\xf0\x90\x80\x80", b"\xf4\x8f\xbf\xbf"]),
        class(Doc001, "byte-order-mark", "S2.2", "a UTF-8 byte order mark before the value (after whitespace, twice)", "U+FEFF inside a string, raw or escaped", |ctx, side| {
            let (doc, rules): (Vec<u8>, &[RuleId]) = match side {
                Side::Violating => {
                    let v = design(ctx);
                    let body = ctx.render(&v);
                    let mut out = match ctx.i % 6 {
                        4 => b"\n\xef\xbb\xbf".to_vec(),
                        5 => b"\xef\xbb\xbf\xef\xbb\xbf".to_vec(),
                        _ => b"\xef\xbb\xbf".to_vec(),
                    };
                    out.extend_from_slice(&body);
                    (out, &[Doc001])
                }
                Side::NearMiss => {
                    let payload: &[u8] = if ctx.i % 2 == 0 { b"\xef\xbb\xbf" } else { b"\\ufeff" };
                    (with_payload(ctx, payload), &[])
                }
            };
            Built::new(doc, rules, "")
        }),
        class(Doc001, "trailing-data", "S2.3", "anything but whitespace after the value (a letter, a comma, a second value, NUL, a BOM, a form feed)", "JSON whitespace after and before the value", |ctx, side| {
            let v = design(ctx);
            let mut doc = ctx.render(&v);
            match side {
                Side::Violating => {
                    let tail: Vec<u8> = match ctx.i % 12 {
                        11 => doc.clone(),
                        k => [&b"x"[..], b",", b"{}", b"0", b"]", b"\x00", b" {}", b"//", b"\xef\xbb\xbf", b"\n\x0c", b"null"]
                            .get(k)
                            .copied()
                            .unwrap_or(b"x")
                            .to_vec(),
                    };
                    doc.extend_from_slice(&tail);
                }
                Side::NearMiss => {
                    let n = 1 + ctx.i % 7;
                    let before = json_whitespace(ctx, ctx.i % 3);
                    let after = json_whitespace(ctx, n);
                    let mut out = before;
                    out.append(&mut doc);
                    out.extend_from_slice(&after);
                    doc = out;
                }
            }
            let rules: &[RuleId] = if side == Side::Violating { &[Doc001] } else { &[] };
            Built::new(doc, rules, "")
        }),
        class(Doc001, "empty-input", "S2.3", "no value: empty input or whitespace only", "the smallest values: `{}` (DOC-006), scalars and arrays (DOC-005)", |ctx, side| {
            let pad = json_whitespace(ctx, ctx.i);
            let (doc, rules): (Vec<u8>, &[RuleId]) = match side {
                Side::Violating => (pad, &[Doc001]),
                Side::NearMiss => {
                    let (value, rules): (&[u8], &[RuleId]) = match ctx.i % 6 {
                        0 => (b"{}", &[Doc006]),
                        1 => (b"[]", &[Doc005]),
                        2 => (b"0", &[Doc005]),
                        3 => (b"\"\"", &[Doc005]),
                        4 => (b"null", &[Doc005]),
                        _ => (b"{\"format\":\"j43/1\"}", &[Doc006]),
                    };
                    let mut out = pad;
                    out.extend_from_slice(value);
                    (out, rules)
                }
            };
            Built::new(doc, rules, "")
        }),
        class(Doc001, "truncated", "S2.3", "the document cut anywhere before its last byte", "the whole document", |ctx, side| {
            let v = design(ctx);
            let mut doc = ctx.render(&v);
            if side == Side::Violating {
                let last = doc.iter().rposition(|b| !b" \t\r\n".contains(b)).unwrap_or(0);
                let cut = ctx.below(last.max(1));
                doc.truncate(cut);
            }
            let rules: &[RuleId] = if side == Side::Violating { &[Doc001] } else { &[] };
            Built::new(doc, rules, "")
        }),
        class(Doc002, "duplicate-names", "S2.4", "a member name repeated in one object (literally or by escape)", "names that differ by case, a space, an invisible or combining character (DOC-007 or ENV-001), the same name in different objects", |ctx, side| {
            let mut v = design(ctx);
            let sites: Vec<(Vec<Step>, ObjectKind)> = tree::objects(&v)
                .into_iter()
                .filter(|o| tree::get(&v, &o.path).and_then(Value::as_object).is_some_and(|m| !m.is_empty()))
                .map(|o| (o.path, o.kind))
                .collect();
            let (path, kind) = ctx.pick(&sites).cloned().unwrap_or((Vec::new(), ObjectKind::Document));
            let Some(members) = tree::members_mut(&mut v, &path) else {
                return Built::new(Vec::new(), &[Doc001], "no object");
            };
            let k = ctx.c.below(members.len());
            let name = members.get(k).map(|(n, _)| n.clone()).unwrap_or_default();
            let at = k + 1 + ctx.c.upto(members.len() - k - 1);
            let rules: &[RuleId] = match side {
                Side::Violating => {
                    members.insert(at, (name.clone(), Value::Null));
                    &[Doc002]
                }
                Side::NearMiss => {
                    let variant = match ctx.i % 4 {
                        0 => name.to_ascii_uppercase(),
                        1 => format!("{name} "),
                        2 => format!("{name}\u{200b}"),
                        _ => format!("{name}\u{301}"),
                    };
                    let variant = if variant == name { format!("{name}\u{2032}") } else { variant };
                    members.insert(at, (variant, Value::Null));
                    if kind == ObjectKind::Environments { &[Env001] } else { &[Doc007] }
                }
            };
            // Escapes in the rendering make some duplicates equal only after unescaping.
            let doc = ctx.render(&v);
            Built::new(doc, rules, format!("`{name}` in {kind:?}"))
        }),
    ]
}

/// A problem a document can have, met at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Duplicate,
    Syntax,
    Utf8,
    Deep,
}

impl Problem {
    fn rule(self) -> RuleId {
        match self {
            Problem::Duplicate => Doc002,
            Problem::Syntax | Problem::Utf8 => Doc001,
            Problem::Deep => Doc003,
        }
    }
}

/// The members that carry a problem, at the top level (depth 2 for their values).
fn problem_members(p: Problem, tag: usize) -> Vec<(String, Value)> {
    match p {
        Problem::Duplicate => vec![
            (format!("\u{2295}dup{tag}"), Value::Number("1".to_owned())),
            (format!("\u{2295}dup{tag}"), Value::Number("2".to_owned())),
        ],
        Problem::Syntax | Problem::Utf8 => {
            vec![(format!("\u{2295}bad{tag}"), string(MARKER))]
        }
        Problem::Deep => {
            // The member's value has depth 2; 64 arrays put the innermost at depth 65.
            let mut nested = Value::Array(Vec::new());
            for _ in 1..MAX_DEPTH {
                nested = Value::Array(vec![nested]);
            }
            vec![(format!("\u{2295}deep{tag}"), nested)]
        }
    }
}

/// A design with problem `first` before problem `then` in byte order (each at one end of the
/// top-level object, the design's members between them).
fn ordered(ctx: &mut Ctx, first: Problem, then: Problem) -> Vec<u8> {
    let mut v = design(ctx);
    if let Value::Object(members) = &mut v {
        let mut all = problem_members(first, 0);
        all.append(members);
        all.extend(problem_members(then, 1));
        *members = all;
    }
    let doc = plain(ctx, &v);
    let mut payloads = Vec::new();
    for p in [first, then] {
        match p {
            Problem::Syntax => payloads.push(
                *ctx.pick(&[&b"\x01"[..], b"\\x", b"\\ud800", b"\n"])
                    .unwrap_or(&&b"\x01"[..]),
            ),
            Problem::Utf8 => payloads.push(
                *ctx.pick(&[&b"\xff"[..], b"\xc0\x80", b"\xed\xa0\x80"])
                    .unwrap_or(&&b"\xff"[..]),
            ),
            _ => {}
        }
    }
    let mut doc = doc;
    for p in payloads {
        doc = replace_marker(&doc, p);
    }
    doc
}

fn order_class(
    rule: RuleId,
    name: &'static str,
    violating: &'static str,
    near_miss: &'static str,
    v: &'static [(Problem, Problem)],
    n: &'static [(Problem, Problem)],
) -> Class {
    class(
        rule,
        name,
        "S2 (which parse violation is reported)",
        violating,
        near_miss,
        move |ctx, side| {
            let pairs = match side {
                Side::Violating => v,
                Side::NearMiss => n,
            };
            let (first, then) = ctx
                .cycle(pairs)
                .copied()
                .unwrap_or((Problem::Syntax, Problem::Deep));
            let doc = ordered(ctx, first, then);
            Built::new(doc, &[first.rule()], format!("{first:?} then {then:?}"))
        },
    )
}

fn order_classes() -> Vec<Class> {
    use Problem::*;
    vec![
        order_class(Doc002, "met-before-later-problems", "a duplicate name before a syntax error, invalid UTF-8 or nesting too deep", "the syntax error, invalid UTF-8 or deep nesting before the duplicate (DOC-001, DOC-003)",
            &[(Duplicate, Syntax), (Duplicate, Utf8), (Duplicate, Deep)],
            &[(Syntax, Duplicate), (Utf8, Duplicate), (Deep, Duplicate)]),
        order_class(Doc003, "met-before-later-problems", "nesting too deep before a syntax error, invalid UTF-8 or a duplicate", "the syntax error or invalid UTF-8 before the deep nesting (DOC-001)",
            &[(Deep, Syntax), (Deep, Utf8), (Deep, Duplicate)],
            &[(Syntax, Deep), (Utf8, Deep)]),
        order_class(Doc001, "utf8-met-in-order", "invalid UTF-8 before a duplicate name or deep nesting", "a duplicate name or deep nesting before invalid UTF-8 (DOC-002, DOC-003)",
            &[(Utf8, Duplicate), (Utf8, Deep)],
            &[(Duplicate, Utf8), (Deep, Utf8)]),
    ]
}

/// Nested containers: `levels` of them, arrays or `{"a": …}` objects, around `inner`.
fn nest(ctx: &mut Ctx, levels: usize, inner: Value) -> Value {
    let objects = ctx.below(3);
    let mut v = inner;
    for level in 0..levels {
        let object = match objects {
            0 => false,
            1 => true,
            _ => level % 2 == 1,
        };
        v = if object {
            Value::Object(vec![("a".to_owned(), v)])
        } else {
            Value::Array(vec![v])
        };
    }
    v
}

/// Containers reaching depth `deepest` as the value of a new member of a random object (or
/// around the whole design); the rules when the depth is within the limit.
fn deep_document(ctx: &mut Ctx, deepest: usize, scalar: bool) -> (Vec<u8>, Vec<RuleId>) {
    let mut v = design(ctx);
    let inner = if scalar {
        ctx.cycle(&[
            string("x"),
            Value::Number("1".to_owned()),
            Value::Null,
            Value::Bool(true),
        ])
        .cloned()
        .unwrap_or(Value::Null)
    } else {
        Value::Array(Vec::new())
    };
    // `deepest` is the depth of the innermost container; a scalar inside sits one deeper.
    if ctx.i % 4 == 3 {
        // The whole design inside arrays: the design's own depth is at most 7.
        let own = depth_of(&v);
        let levels = deepest.saturating_sub(own);
        let mut top = v;
        for _ in 0..levels {
            top = Value::Array(vec![top]);
        }
        return (ctx.render(&top), vec![Doc005]);
    }
    let sites = tree::objects(&v);
    let site = ctx.pick(&sites).cloned();
    let (path, kind, depth) = site.map_or((Vec::new(), ObjectKind::Document, 1), |s| {
        (s.path, s.kind, s.depth)
    });
    // The member's value has depth `depth + 1`; `levels` containers from there.
    let levels = (deepest + 1).saturating_sub(depth + 1);
    let container = if scalar {
        nest(ctx, levels, inner)
    } else {
        nest(ctx, levels.saturating_sub(1), inner)
    };
    super::insert_member(ctx, &mut v, &path, "\u{2295}deep", container);
    let rule = if kind == ObjectKind::Environments {
        Env001
    } else {
        Doc007
    };
    (ctx.render(&v), vec![rule])
}

fn depth_of(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
        Value::Object(m) => 1 + m.iter().map(|(_, x)| depth_of(x)).max().unwrap_or(0),
        _ => 0,
    }
}

fn depth_classes() -> Vec<Class> {
    vec![
        class(
            Doc003,
            "depth-limit",
            "S2.5",
            "a container at depth 65 (or 66, 100): under any object, or around the design",
            "containers to depth 64 or 63 exactly (DOC-007, ENV-001 or DOC-005 for the top)",
            |ctx, side| {
                let deepest = match side {
                    Side::Violating => ctx.cycle_slow(&[65, 65, 66, 100], 4).copied().unwrap_or(65),
                    Side::NearMiss => ctx
                        .cycle_slow(&[MAX_DEPTH, MAX_DEPTH, MAX_DEPTH - 1], 4)
                        .copied()
                        .unwrap_or(MAX_DEPTH),
                };
                let (doc, rules) = deep_document(ctx, deepest, false);
                let rules = if side == Side::Violating {
                    vec![Doc003]
                } else {
                    rules
                };
                Built::new(doc, &rules, format!("depth {deepest}"))
            },
        ),
        class(
            Doc003,
            "depth-scalars",
            "S2.5",
            "an empty container at depth 65",
            "a scalar at depth 65 inside a container at depth 64",
            |ctx, side| {
                let (doc, rules) = match side {
                    Side::Violating => (deep_document(ctx, MAX_DEPTH + 1, false).0, vec![Doc003]),
                    Side::NearMiss => deep_document(ctx, MAX_DEPTH, true),
                };
                Built::new(doc, &rules, "")
            },
        ),
    ]
}

/// S2's classes but the 64 MiB one ([`size_class`]).
pub(crate) fn classes() -> Vec<Class> {
    let mut out = grammar_classes();
    out.extend(order_classes());
    out.extend(depth_classes());
    out
}

/// DOC-004: exactly one byte over the limit (whitespace before or after, padding inside a
/// string, padding after a syntax error) against exactly the limit or one byte under it.
pub(crate) fn size_class() -> Class {
    let mut c = class(Doc004, "size-limit", "S2.1", "67,108,865 bytes: whitespace padding after, before, or around the value, inside a string, or after a syntax error", "67,108,864 bytes (67,108,863 for one case): the same paddings (DOC-001 after the syntax error)", |ctx, side| {
        /// How a document is padded to its size.
        #[derive(Debug, Clone, Copy)]
        enum Pad {
            After,
            Before,
            Around,
            InString,
            AfterSyntaxError,
        }
        use Pad::*;
        // Whitespace at an end most often: that is where a checker that trims goes wrong.
        let order = [After, Around, InString, After, AfterSyntaxError, Before, After, Around, Before, After];
        let pad = ctx.cycle(&order).copied().unwrap_or(After);
        let target = match side {
            Side::Violating => MAX_SIZE + 1,
            Side::NearMiss if ctx.i + 1 == HUGE => MAX_SIZE - 1,
            Side::NearMiss => MAX_SIZE,
        };
        ctx.s = crate::settings::Settings::small();
        let mut v = design(ctx);
        // Spaces mostly: a line feed, tab or carriage return is escaped as two bytes on the
        // protocol, doubling what a candidate is sent.
        let fill = |ctx: &mut Ctx, n: usize| -> Vec<u8> {
            let b = if ctx.i % 4 == 3 {
                *ctx.pick(b"\n\t\r").unwrap_or(&b'\n')
            } else {
                b' '
            };
            vec![b; n]
        };
        let (doc, rules): (Vec<u8>, Vec<RuleId>) = match pad {
            InString => {
                set_member(ctx, &mut v, &[], "description", string(MARKER));
                let doc = plain(ctx, &v);
                let n = (target + MARKER.len()).saturating_sub(doc.len());
                (replace_marker(&doc, &vec![b'a'; n]), Vec::new())
            }
            AfterSyntaxError => {
                let mut doc = plain(ctx, &v);
                doc.push(b'x');
                doc.resize(target, b' ');
                (doc, vec![Doc001])
            }
            After | Before | Around => {
                let doc = plain(ctx, &v);
                let n = target.saturating_sub(doc.len());
                let before = match pad {
                    After => 0,
                    Before => n,
                    _ => n / 2,
                };
                let mut out = fill(ctx, before);
                out.extend_from_slice(&doc);
                let tail = fill(ctx, n - before);
                out.extend_from_slice(&tail);
                (out, Vec::new())
            }
        };
        let rules = if side == Side::Violating { vec![Doc004] } else { rules };
        Built::new(doc, &rules, format!("{target} bytes, {pad:?}"))
    });
    c.huge = true;
    c
}

/// Cases per side of the 64 MiB class.
const HUGE: usize = super::HUGE_PER_SIDE;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_gaps_stay_outside_strings() {
        let doc = br#"{"a:b":[1,"{,}"]}"#;
        let gaps = token_gaps(doc);
        for g in gaps {
            let before = doc.get(..g).unwrap_or_default();
            let quotes = before.iter().filter(|&&b| b == b'"').count();
            assert_eq!(quotes % 2, 0, "gap {g} inside a string");
        }
    }

    #[test]
    fn the_marker_is_replaced_once() {
        let doc = format!("[\"{MARKER}\"]");
        assert_eq!(replace_marker(doc.as_bytes(), b"z"), b"[\"z\"]".to_vec());
    }
}
