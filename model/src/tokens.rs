//! Token grammars of SPEC S5: CIDR blocks (every string), ports and arrows (diagrams).

/// The first CIDR block in `text` (SPEC S5.1), as the byte range of address, `/` and prefix.
pub fn find_cidr(text: &str) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(rel) = bytes.get(from..)?.iter().position(|&b| b == b'/') {
        let slash = from + rel;
        from = slash + 1;
        let prefix_len = bytes
            .get(slash + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=3).contains(&prefix_len) {
            continue;
        }
        let prefix = decimal(bytes.get(slash + 1..slash + 1 + prefix_len)?);
        let end = slash + 1 + prefix_len;
        let before = bytes.get(..slash)?;

        let v4_run = run_len(before, |b| b.is_ascii_digit() || b == b'.');
        let v4_len = v4_run.min(
            before
                .get(slash - v4_run..)?
                .iter()
                .skip_while(|&&b| b == b'.')
                .count(),
        );
        let v4 = before.get(slash - v4_len..)?;
        if prefix <= 32 && is_ipv4(v4) {
            return Some(slash - v4_len..end);
        }

        let v6_len = run_len(before, |b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        let mut v6_start = slash - v6_len;
        let mut v6 = before.get(v6_start..)?;
        if v6.first() == Some(&b':') && v6.get(1) != Some(&b':') {
            v6 = v6.get(1..)?;
            v6_start += 1;
        }
        if prefix <= 128 && is_ipv6(v6) {
            return Some(v6_start..end);
        }
    }
    None
}

/// Length of the longest run of bytes satisfying `pred` at the end of `bytes`.
fn run_len(bytes: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    bytes.iter().rev().take_while(|&&b| pred(b)).count()
}

/// Value of a run of 1 to 3 ASCII digits (callers bound the length).
fn decimal(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'))
}

/// Four groups of 1 to 3 digits, each at most 255, separated by single dots.
fn is_ipv4(s: &[u8]) -> bool {
    let mut groups = 0;
    for group in s.split(|&b| b == b'.') {
        groups += 1;
        if group.is_empty()
            || group.len() > 3
            || !group.iter().all(u8::is_ascii_digit)
            || decimal(group) > 255
        {
            return false;
        }
    }
    groups == 4
}

/// A textual IPv6 address as in RFC 4291 section 2.2 (SPEC S5.1).
fn is_ipv6(s: &[u8]) -> bool {
    if s.is_empty() {
        return false;
    }
    let compressed = s.windows(2).filter(|w| w == b"::").count();
    if s.windows(3).any(|w| w == b":::") || compressed > 1 {
        return false;
    }
    let (head, tail): (&[u8], &[u8]) = match find_sub(s, b"::") {
        Some(at) => (
            s.get(..at).unwrap_or_default(),
            s.get(at + 2..).unwrap_or_default(),
        ),
        None => (s, &[]),
    };
    let has_gap = compressed == 1;
    let mut groups = 0usize;
    let parts: [&[u8]; 2] = [head, tail];
    let last_part = if has_gap { 1 } else { 0 };
    for (p, part) in parts.iter().enumerate().take(last_part + 1) {
        if part.is_empty() {
            if has_gap {
                continue;
            }
            return false;
        }
        let fields: Vec<&[u8]> = part.split(|&b| b == b':').collect();
        let count = fields.len();
        for (i, field) in fields.into_iter().enumerate() {
            let is_last = p == last_part && i + 1 == count;
            if is_last && field.contains(&b'.') {
                if !is_ipv4(field) {
                    return false;
                }
                groups += 2;
            } else if field.is_empty()
                || field.len() > 4
                || !field.iter().all(u8::is_ascii_hexdigit)
            {
                return false;
            } else {
                groups += 1;
            }
        }
    }
    if has_gap {
        groups <= 7
    } else {
        groups == 8
    }
}

fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The first port token in `text` (SPEC S5.2), as a byte range.
pub fn find_port(text: &str) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        // Form 1: `:` followed by 1 to 5 digits, not followed by a further digit.
        if b == b':' {
            let run = digits_at(bytes, i + 1);
            if (1..=5).contains(&run) {
                return Some(i..i + 1 + run);
            }
        }
        // Form 2: the word `port` or `ports`, not after a letter, then [ \t:=#]*, then a digit.
        if (b == b'p' || b == b'P')
            && !i
                .checked_sub(1)
                .and_then(|j| bytes.get(j))
                .is_some_and(u8::is_ascii_alphabetic)
        {
            let word = bytes.get(i..i + 4).unwrap_or_default();
            if word.eq_ignore_ascii_case(b"port") {
                let mut j = i + 4;
                if bytes.get(j).is_some_and(|c| c.eq_ignore_ascii_case(&b's')) {
                    j += 1;
                }
                let k = skip_port_separators(bytes, j);
                if bytes.get(k).is_some_and(u8::is_ascii_digit) {
                    return Some(i..k + 1);
                }
            }
        }
        // Form 3: 1 to 5 digits not preceded by a digit, followed by `/tcp` or `/udp`.
        if b.is_ascii_digit()
            && !i
                .checked_sub(1)
                .and_then(|j| bytes.get(j))
                .is_some_and(u8::is_ascii_digit)
        {
            let run = digits_at(bytes, i);
            if (1..=5).contains(&run) {
                let proto = bytes.get(i + run..i + run + 4).unwrap_or_default();
                if proto.eq_ignore_ascii_case(b"/tcp") || proto.eq_ignore_ascii_case(b"/udp") {
                    return Some(i..i + run + 4);
                }
            }
        }
    }
    None
}

fn digits_at(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

fn skip_port_separators(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b':' | b'=' | b'#') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The first arrow token in `text` (SPEC S5.3), as a byte range.
pub fn find_arrow(text: &str) -> Option<std::ops::Range<usize>> {
    for (i, c) in text.char_indices() {
        if matches!(c, '\u{2190}'..='\u{21FF}' | '\u{27F0}'..='\u{27FF}' | '\u{2900}'..='\u{297F}')
        {
            return Some(i..i + c.len_utf8());
        }
        let pair = text.as_bytes().get(i..i + 2).unwrap_or_default();
        if matches!(pair, b"->" | b"<-" | b"=>" | b"<=") {
            return Some(i..i + 2);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(found: Option<std::ops::Range<usize>>, text: &str, expect: Option<&str>) {
        let got = found.and_then(|r| text.get(r));
        assert_eq!(got, expect, "in {text:?}");
    }

    #[test]
    fn cidr_edge_cases_of_spec_s5_1() {
        for (text, expect) in [
            ("10.0.0.0/8", Some("10.0.0.0/8")),
            ("the 10.0.0.0/8.", Some("10.0.0.0/8")),
            ("subnet:10.0.0.0/16", Some("10.0.0.0/16")),
            ("010.001.0.0/08", Some("010.001.0.0/08")),
            ("10.0.0.0/8a", Some("10.0.0.0/8")),
            ("999.1.1.1/8", None),
            ("1.2.3.4.5/8", None),
            ("ip.10.0.0.0/8", Some("10.0.0.0/8")),
            ("...10.0.0.0/8", Some("10.0.0.0/8")),
            ("1.2.3.4::/64", None),
            ("1:1.2.3.4::/64", None),
            ("1.2.3.4/33", None),
            ("1.2.3.4/0032", None),
            ("1.2.3.4", None),
            ("1.2.3/4", None),
            ("10.0.0.0 /8", None),
            ("2001:db8::/32", Some("2001:db8::/32")),
            ("fe80::/10", Some("fe80::/10")),
            ("::/0", Some("::/0")),
            ("::ffff:10.0.0.0/104", Some("::ffff:10.0.0.0/104")),
            ("subnet:2001:db8::/32", Some("2001:db8::/32")),
            ("1:2:3:4:5:6:7:8/64", Some("1:2:3:4:5:6:7:8/64")),
            ("1:2:3:4:5:6:7:8:9/64", None),
            ("1:2:3:4:5:6:7::/64", Some("1:2:3:4:5:6:7::/64")),
            ("1:2:3:4:5:6:7:8::/64", None),
            ("2001:db8::/129", None),
            ("2001:db8:::1/64", None),
            ("1::2::3/64", None),
            ("a/b", None),
            ("TCP/IP", None),
            ("1/2", None),
            ("\u{ff11}\u{ff10}.0.0.0/8", None),
            ("x 1.2.3.4/5 y 10.0.0.0/8", Some("1.2.3.4/5")),
            ("a/1 then 10.0.0.0/8", Some("10.0.0.0/8")),
            ("/", None),
            ("", None),
        ] {
            check(find_cidr(text), text, expect);
        }
    }

    #[test]
    fn port_forms_of_spec_s5_2() {
        for (text, expect) in [
            (":5432", Some(":5432")),
            ("host:443", Some(":443")),
            ("10.0.0.1:80", Some(":80")),
            ("x:123456", None),
            ("port 443", Some("port 4")),
            ("Port: 8080", Some("Port: 8")),
            ("ports=80", Some("ports=8")),
            ("port443", Some("port4")),
            ("PORT#9", Some("PORT#9")),
            ("443/tcp", Some("443/tcp")),
            ("53/UDP", Some("53/UDP")),
            ("123456/tcp", None),
            ("the ingress port", None),
            ("ports and adapters", None),
            ("support 3", None),
            ("1.2.3", None),
            ("passport 5", None),
            ("airport:1", Some(":1")),
            ("1port 2", Some("port 2")),
            ("_port 1", Some("port 1")),
            ("\u{e9}port 1", Some("port 1")),
            ("port\u{17f} 1", None),
            ("12:30", Some(":30")),
        ] {
            check(find_port(text), text, expect);
        }
    }

    #[test]
    fn arrow_forms_of_spec_s5_3() {
        for (text, expect) in [
            ("a -> b", Some("->")),
            ("a --> b", Some("->")),
            ("a <- b", Some("<-")),
            ("a <-> b", Some("<-")),
            ("a ==> b", Some("=>")),
            ("a <= b", Some("<=")),
            ("a → b", Some("→")),
            ("a ⇒ b", Some("⇒")),
            ("a ⟶ b", Some("⟶")),
            ("a ⤴ b", Some("⤴")),
            ("a --- b", None),
            ("a | b > c < d = e", None),
            ("a - > b", None),
            ("➔", None),
            ("<!-- note -->", Some("->")),
        ] {
            check(find_arrow(text), text, expect);
        }
    }
}
