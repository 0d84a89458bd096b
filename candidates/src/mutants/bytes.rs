//! Byte-level readings of a document for the parse mistakes: strings tracked by their quotes
//! and escapes, tokens between them, the end of the first value, containers beyond a depth.
//!
//! These readers do not validate; they are only used on documents the reference already
//! judged, to build the text a mistaken parser would have read.

/// The byte at each offset, with whether it is inside a string (the quotes included).
fn in_strings(doc: &[u8]) -> Vec<bool> {
    let mut out = Vec::with_capacity(doc.len());
    let (mut inside, mut escaped) = (false, false);
    for &b in doc {
        if inside {
            out.push(true);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                inside = false;
            }
        } else {
            out.push(b == b'"');
            inside = b == b'"';
        }
    }
    out
}

/// The document with byte `from` outside strings replaced by `to`, if it has any.
pub(crate) fn replace_outside(doc: &[u8], from: u8, to: u8) -> Option<Vec<u8>> {
    let inside = in_strings(doc);
    let mut changed = false;
    let out = doc
        .iter()
        .zip(&inside)
        .map(|(&b, &i)| {
            if !i && b == from {
                changed = true;
                to
            } else {
                b
            }
        })
        .collect();
    changed.then_some(out)
}

/// The first offset inside a string (after the opening quote) where `found` holds, given the
/// bytes from there: escapes are passed whole (`\` and the escaped byte, `\u` and 4 more).
pub(crate) fn first_in_strings(doc: &[u8], mut found: impl FnMut(&[u8]) -> bool) -> Option<usize> {
    let mut i = 0;
    let mut inside = false;
    while let Some(&b) = doc.get(i) {
        if !inside {
            inside = b == b'"';
            i += 1;
            continue;
        }
        let rest = doc.get(i..).unwrap_or_default();
        if found(rest) {
            return Some(i);
        }
        match b {
            b'"' => inside = false,
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    None
}

fn hex4(b: &[u8]) -> Option<u16> {
    let s = std::str::from_utf8(b.get(..4)?).ok()?;
    u16::from_str_radix(s, 16).ok()
}

/// The document with every `\uXXXX` escape of an unpaired surrogate replaced by `\uFFFD`, if
/// it has any.
pub(crate) fn replace_lone_surrogates(doc: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(doc.len());
    let mut i = 0;
    let mut inside = false;
    let mut changed = false;
    while let Some(&b) = doc.get(i) {
        if !inside {
            inside = b == b'"';
            out.push(b);
            i += 1;
            continue;
        }
        if b == b'"' {
            inside = false;
            out.push(b);
            i += 1;
            continue;
        }
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        let escape = doc.get(i + 1).copied();
        let unit = if escape == Some(b'u') {
            hex4(doc.get(i + 2..).unwrap_or_default())
        } else {
            None
        };
        match unit {
            Some(0xD800..=0xDBFF) => {
                let low = (doc.get(i + 6..i + 8) == Some(&b"\\u"[..]))
                    .then(|| hex4(doc.get(i + 8..).unwrap_or_default()))
                    .flatten()
                    .filter(|l| (0xDC00..=0xDFFF).contains(l));
                if low.is_some() {
                    out.extend_from_slice(doc.get(i..i + 12).unwrap_or_default());
                    i += 12;
                } else {
                    out.extend_from_slice(b"\\uFFFD");
                    changed = true;
                    i += 6;
                }
            }
            Some(0xDC00..=0xDFFF) => {
                out.extend_from_slice(b"\\uFFFD");
                changed = true;
                i += 6;
            }
            _ => {
                out.extend_from_slice(doc.get(i..(i + 2).min(doc.len())).unwrap_or_default());
                i += 2;
            }
        }
    }
    changed.then_some(out)
}

/// The document with raw tabs inside strings written `\t`, if it has any.
pub(crate) fn escape_raw_tabs(doc: &[u8]) -> Option<Vec<u8>> {
    let inside = in_strings(doc);
    let mut out = Vec::with_capacity(doc.len());
    let mut changed = false;
    for (&b, &i) in doc.iter().zip(&inside) {
        if i && b == b'\t' {
            out.extend_from_slice(b"\\t");
            changed = true;
        } else {
            out.push(b);
        }
    }
    changed.then_some(out)
}

/// Rewrites each token outside strings (a maximal run of bytes that are not whitespace,
/// structural characters or quotes) with `f`; `None` when nothing changed.
pub(crate) fn rewrite_tokens(doc: &[u8], f: impl Fn(&[u8]) -> Option<Vec<u8>>) -> Option<Vec<u8>> {
    let inside = in_strings(doc);
    let delimiter = |b: u8| {
        matches!(
            b,
            b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'}' | b'[' | b']' | b':' | b',' | b'"'
        )
    };
    let mut out = Vec::with_capacity(doc.len());
    let mut changed = false;
    let mut i = 0;
    while let Some(&b) = doc.get(i) {
        if inside.get(i).copied().unwrap_or(false) || delimiter(b) {
            out.push(b);
            i += 1;
            continue;
        }
        let start = i;
        while doc
            .get(i)
            .is_some_and(|&c| !delimiter(c) && !inside.get(i).copied().unwrap_or(false))
        {
            i += 1;
        }
        let token = doc.get(start..i).unwrap_or_default();
        match f(token) {
            Some(t) => {
                changed = true;
                out.extend_from_slice(&t);
            }
            None => out.extend_from_slice(token),
        }
    }
    changed.then_some(out)
}

/// The end (exclusive) of the first JSON value after leading whitespace, read by brackets and
/// quotes; `None` when there is no value or it does not end.
pub(crate) fn value_end(doc: &[u8]) -> Option<usize> {
    let start = doc
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))?;
    let inside = in_strings(doc);
    let first = *doc.get(start)?;
    match first {
        b'{' | b'[' => {
            let mut depth = 0usize;
            for (i, (&b, &s)) in doc.iter().zip(&inside).enumerate().skip(start) {
                if s {
                    continue;
                }
                match b {
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        b'"' => (start + 1..doc.len())
            .find(|&i| inside.get(i) == Some(&true) && inside.get(i + 1) != Some(&true))
            .map(|i| i + 1),
        _ => {
            let n = doc
                .get(start..)?
                .iter()
                .take_while(|b| {
                    !matches!(
                        b,
                        b' ' | b'\t'
                            | b'\n'
                            | b'\r'
                            | b'{'
                            | b'}'
                            | b'['
                            | b']'
                            | b','
                            | b':'
                            | b'"'
                    )
                })
                .count();
            Some(start + n)
        }
    }
}

/// The document with every container deeper than `limit` (and what it holds) replaced by `0`.
pub(crate) fn flatten_beyond(doc: &[u8], limit: usize) -> Vec<u8> {
    let inside = in_strings(doc);
    let mut out = Vec::with_capacity(doc.len());
    let mut depth = 0usize;
    let mut skipping: Option<usize> = None;
    for (&b, &s) in doc.iter().zip(&inside) {
        if !s && matches!(b, b'{' | b'[') {
            depth += 1;
            if depth > limit && skipping.is_none() {
                skipping = Some(depth);
                out.push(b'0');
            }
        } else if !s && matches!(b, b'}' | b']') {
            let closing = depth;
            depth = depth.saturating_sub(1);
            if skipping == Some(closing) {
                skipping = None;
                continue;
            }
        }
        if skipping.is_none() {
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_track_strings_and_escapes() {
        assert_eq!(
            replace_outside(b"\x0c{\"\x0c\"}", 0x0c, b' '),
            Some(b" {\"\x0c\"}".to_vec())
        );
        assert_eq!(
            first_in_strings(br#"{"a\/":"\/"}"#, |r| r.starts_with(b"\\/")),
            Some(3)
        );
        assert_eq!(
            replace_lone_surrogates(br#"["\ud800","\ud83d\ude00","\\ud800"]"#),
            Some(br#"["\uFFFD","\ud83d\ude00","\\ud800"]"#.to_vec())
        );
        assert_eq!(
            escape_raw_tabs(b"[\"a\tb\"]\t"),
            Some(b"[\"a\\tb\"]\t".to_vec())
        );
        assert_eq!(value_end(b" {\"a\":\"}\"}x"), Some(10));
        assert_eq!(value_end(b"\"a\\\"b\" 1"), Some(6));
        assert_eq!(value_end(b"12 3"), Some(2));
        assert_eq!(flatten_beyond(b"[[[1]],[2]]", 2), b"[[0],[2]]".to_vec());
        assert_eq!(
            rewrite_tokens(b"{\"01\":01}", |t| (t == b"01").then(|| b"1".to_vec())),
            Some(b"{\"01\":1}".to_vec())
        );
    }
}
