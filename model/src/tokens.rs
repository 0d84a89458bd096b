//! Token grammars of SPEC S5: CIDR blocks (every string), ports and arrows (diagrams).

/// The first CIDR block in `text` (SPEC S5.1), as the byte range of address, `/` and prefix.
pub fn find_cidr(text: &str) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(rel) = bytes.get(from..)?.iter().position(|&b| b == b'/') {
        let slash = from + rel;
        from = slash + 1;
        let after = bytes.get(slash + 1..)?;
        let prefix_len = after.iter().take_while(|b| b.is_ascii_digit()).count();
        let prefix = if (1..=3).contains(&prefix_len) {
            Some(decimal(after.get(..prefix_len)?))
        } else {
            None
        };
        // A dotted netmask after the `/`: the run of digits and dots, trailing dots removed.
        let mask_run = after
            .iter()
            .take_while(|b| b.is_ascii_digit() || **b == b'.')
            .count();
        let mask_len = after
            .get(..mask_run)?
            .iter()
            .rposition(|b| *b != b'.')
            .map_or(0, |last| last + 1);
        let netmask = is_ipv4(after.get(..mask_len)?);
        if prefix.is_none() && !netmask {
            continue;
        }
        let before = bytes.get(..slash)?;

        let v4_run = run_len(before, |b| b.is_ascii_digit() || b == b'.');
        let v4_len = v4_run.min(
            before
                .get(slash - v4_run..)?
                .iter()
                .skip_while(|&&b| b == b'.')
                .count(),
        );
        if is_ipv4(before.get(slash - v4_len..)?) {
            if netmask {
                return Some(slash - v4_len..slash + 1 + mask_len);
            }
            if prefix.is_some_and(|p| p <= 32) {
                return Some(slash - v4_len..slash + 1 + prefix_len);
            }
        }

        let v6_len = run_len(before, |b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        let mut v6_start = slash - v6_len;
        let mut v6 = before.get(v6_start..)?;
        if v6.first() == Some(&b':') && v6.get(1) != Some(&b':') {
            v6 = v6.get(1..)?;
            v6_start += 1;
        }
        if prefix.is_some_and(|p| p <= 128) && is_ipv6(v6) {
            return Some(v6_start..slash + 1 + prefix_len);
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
        // Form 1: `:` then 1 to 5 digits, followed by neither a digit nor an ASCII letter.
        if b == b':' {
            let run = digits_at(bytes, i + 1);
            let next = bytes.get(i + 1 + run);
            if (1..=5).contains(&run) && !next.is_some_and(u8::is_ascii_alphabetic) {
                return Some(i..i + 1 + run);
            }
        }
        // Form 4: `tcp/` or `udp/` (any ASCII case), not after a letter, then a digit.
        if matches!(b, b't' | b'T' | b'u' | b'U') && !after_letter(bytes, i) {
            let word = bytes.get(i..i + 4).unwrap_or_default();
            let proto = word.eq_ignore_ascii_case(b"tcp/") || word.eq_ignore_ascii_case(b"udp/");
            if proto && bytes.get(i + 4).is_some_and(u8::is_ascii_digit) {
                return Some(i..i + 5);
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

/// True when the byte before `at` is an ASCII letter.
fn after_letter(bytes: &[u8], at: usize) -> bool {
    at.checked_sub(1)
        .and_then(|j| bytes.get(j))
        .is_some_and(u8::is_ascii_alphabetic)
}

/// Characters that are arrows by themselves (SPEC S5.3).
fn is_arrow_char(c: char) -> bool {
    matches!(c,
        '\u{2190}'..='\u{21FF}'     // Arrows
        | '\u{2794}'..='\u{27BF}'   // Dingbat arrows
        | '\u{27F0}'..='\u{27FF}'   // Supplemental Arrows-A
        | '\u{2900}'..='\u{297F}'   // Supplemental Arrows-B
        | '\u{2B00}'..='\u{2B11}'   // Miscellaneous Symbols and Arrows: arrows
        | '\u{2B60}'..='\u{2BB9}'   // Miscellaneous Symbols and Arrows: arrows
        | '\u{1F800}'..='\u{1F8FF}' // Supplemental Arrows-C
    )
}

/// Unicode hyphens and dashes U+2010 to U+2015, and the minus sign U+2212.
fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}')
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
        if is_arrow_char(c) {
            return Some(i..i + c.len_utf8());
        }
        let pair = text.as_bytes().get(i..i + 2).unwrap_or_default();
        if matches!(pair, b"->" | b"<-" | b"=>" | b"<=") {
            return Some(i..i + 2);
        }
        // A Unicode dash or minus with `>` after it or `<` before it: `—>`, `<–`.
        let rest = text.get(i + c.len_utf8()..).unwrap_or_default();
        if is_dash(c) && rest.starts_with('>') {
            return Some(i..i + c.len_utf8() + 1);
        }
        if let Some(d) = rest.chars().next().filter(|&d| c == '<' && is_dash(d)) {
            return Some(i..i + 1 + d.len_utf8());
        }
    }
    None
}

/// A provider artifact found in text (SPEC S5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Artifact {
    /// Infrastructure-as-code syntax: an HCL block header or a CloudFormation marker (FBD-001).
    IacSyntax,
    /// A cloud region or availability zone code (FBD-003).
    RegionCode,
    /// An AWS resource name, `arn:aws…` (FBD-008).
    ResourceName,
    /// A Kubernetes manifest's `apiVersion:` (CMP-005).
    OrchestrationManifest,
}

const AWS_AREAS: &[&str] = &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn"];
const GCP_AREAS: &[&str] = &[
    "us",
    "europe",
    "asia",
    "australia",
    "northamerica",
    "southamerica",
    "me",
    "africa",
];
const DIRECTIONS: &[&str] = &[
    "northeast",
    "southeast",
    "northwest",
    "southwest",
    "north",
    "south",
    "east",
    "west",
    "central",
];

/// Every kind of provider artifact in `text` (SPEC S5.4), each with its first occurrence.
pub fn find_artifacts(text: &str) -> Vec<(Artifact, std::ops::Range<usize>)> {
    let bytes = text.as_bytes();
    let mut found: Vec<(Artifact, std::ops::Range<usize>)> = Vec::new();
    let mut note = |kind: Artifact, range: std::ops::Range<usize>| {
        if !found.iter().any(|(k, _)| *k == kind) {
            found.push((kind, range));
        }
    };
    // Every grammar needs one of these bytes: `-` (a region code), `:` (`arn:aws`, `AWS::`,
    // `apiVersion:`), `"` (an HCL block header), `A` (`AWSTemplateFormatVersion`).
    if memchr::memchr3(b'-', b':', b'"', bytes).is_none() && memchr::memchr(b'A', bytes).is_none() {
        return found;
    }
    // A region code's area is 2, 4, 6, 9 or 12 letters, then `-`.
    let dash_after_area =
        |rest: &[u8]| [2, 4, 6, 9, 12].iter().any(|&k| rest.get(k) == Some(&b'-'));
    let mut prev_alnum = false;
    for (i, &b) in bytes.iter().enumerate() {
        let boundary_before = !prev_alnum;
        prev_alnum = b.is_ascii_alphanumeric();
        if !boundary_before {
            continue;
        }
        // Each grammar starts with one of a few letters: try only those that can match here.
        let (region, arn_or_manifest, hcl, aws) = match b {
            b'a' => (true, true, false, false),
            b'm' => (true, false, true, false),
            b'c' | b'e' | b'i' | b'n' | b's' | b'u' => (true, false, false, false),
            b'r' | b'p' | b'd' => (false, false, true, false),
            b'A' => (false, false, false, true),
            _ => continue,
        };
        let rest = bytes.get(i..).unwrap_or_default();
        if region && dash_after_area(rest) {
            if let Some(len) = region_code(rest) {
                note(Artifact::RegionCode, i..i + len);
            }
        }
        if arn_or_manifest {
            if rest.starts_with(b"arn:aws:") || rest.starts_with(b"arn:aws-") {
                note(Artifact::ResourceName, i..i + 7);
            }
            if rest.starts_with(b"apiVersion:") {
                note(Artifact::OrchestrationManifest, i..i + 11);
            }
        }
        let iac = if hcl {
            hcl_block(rest)
        } else if aws {
            cloudformation(rest)
        } else {
            None
        };
        if let Some(len) = iac {
            note(Artifact::IacSyntax, i..i + len);
        }
    }
    found.sort_by_key(|(k, _)| *k);
    found
}

/// Length of `word` at the start of `s`, if `s` starts with one of `words`.
fn one_of(s: &[u8], words: &[&str]) -> Option<usize> {
    words
        .iter()
        .find(|w| s.starts_with(w.as_bytes()))
        .map(|w| w.len())
}

/// A region or zone code at the start of `s`, followed by no ASCII letter or digit.
fn region_code(s: &[u8]) -> Option<usize> {
    let end_ok = |at: usize| !s.get(at).is_some_and(u8::is_ascii_alphanumeric);
    // AWS: area-(gov-)?direction-N[zone letter]
    if let Some(a) = one_of(s, AWS_AREAS) {
        let mut at = a;
        if s.get(at) == Some(&b'-') {
            at += 1;
            if s.get(at..).is_some_and(|r| r.starts_with(b"gov-")) {
                at += 4;
            }
            if let Some(d) = s.get(at..).and_then(|r| one_of(r, DIRECTIONS)) {
                at += d;
                if s.get(at) == Some(&b'-') {
                    let n = digits_at(s, at + 1);
                    if (1..=2).contains(&n) {
                        let end = at + 1 + n;
                        if end_ok(end) {
                            return Some(end);
                        }
                        if s.get(end).is_some_and(u8::is_ascii_lowercase) && end_ok(end + 1) {
                            return Some(end + 1);
                        }
                    }
                }
            }
        }
    }
    // GCP: area-directionN(-zone letter)?
    if let Some(a) = one_of(s, GCP_AREAS) {
        if s.get(a) == Some(&b'-') {
            if let Some(d) = s.get(a + 1..).and_then(|r| one_of(r, DIRECTIONS)) {
                let at = a + 1 + d;
                let n = digits_at(s, at);
                if (1..=2).contains(&n) {
                    let end = at + n;
                    let zone = s.get(end) == Some(&b'-')
                        && s.get(end + 1).is_some_and(u8::is_ascii_lowercase)
                        && end_ok(end + 2);
                    if zone {
                        return Some(end + 2);
                    }
                    if end_ok(end) {
                        return Some(end);
                    }
                }
            }
        }
    }
    None
}

/// `resource|module|provider|data`, blanks, a quoted string, blanks, then `{` or `"`.
fn hcl_block(s: &[u8]) -> Option<usize> {
    let k = one_of(s, &["resource", "module", "provider", "data"])?;
    let blanks = |from: usize| {
        s.get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count()
    };
    let b1 = blanks(k);
    if b1 == 0 || s.get(k + b1) != Some(&b'"') {
        return None;
    }
    let open = k + b1;
    let body = s
        .get(open + 1..)?
        .iter()
        .take_while(|b| !matches!(b, b'"' | b'\n'))
        .count();
    let close = open + 1 + body;
    if s.get(close) != Some(&b'"') {
        return None;
    }
    let after = close + 1 + blanks(close + 1);
    matches!(s.get(after), Some(b'{' | b'"')).then_some(after + 1)
}

/// `AWSTemplateFormatVersion`, or `AWS::` followed by an ASCII letter.
fn cloudformation(s: &[u8]) -> Option<usize> {
    if s.starts_with(b"AWSTemplateFormatVersion") {
        return Some(24);
    }
    (s.starts_with(b"AWS::") && s.get(5).is_some_and(u8::is_ascii_alphabetic)).then_some(6)
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
            ("10.0.0.0/255.255.0.0", Some("10.0.0.0/255.255.0.0")),
            ("10.0.0.0/255.255.0.0.", Some("10.0.0.0/255.255.0.0")),
            ("10.0.0.0/255.255.0", None),
            ("10.0.0.0/256.0.0.0", None),
            ("2001:db8::/255.0.0.0", None),
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
            ("style api stroke-width:2px", None),
            ("api:8080/health", Some(":8080")),
            ("tcp/443", Some("tcp/4")),
            ("UDP/53", Some("UDP/5")),
            ("tcp/123456", Some("tcp/1")),
            ("tcp/ip", None),
            ("xtcp/443", None),
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
            ("a \u{2794} b", Some("\u{2794}")),
            ("\u{2B05}", Some("\u{2B05}")),
            ("\u{1F812}", Some("\u{1F812}")),
            ("a \u{2014}> b", Some("\u{2014}>")),
            ("a <\u{2013} b", Some("<\u{2013}")),
            ("a \u{2014} b", None),
            ("\u{2BC0}", None),
            ("<!-- note -->", Some("->")),
        ] {
            check(find_arrow(text), text, expect);
        }
    }
    #[test]
    fn provider_artifacts_of_spec_s5_4() {
        let kinds = |text: &str| -> Vec<(Artifact, String)> {
            find_artifacts(text)
                .into_iter()
                .map(|(k, r)| (k, text.get(r).unwrap_or_default().to_owned()))
                .collect()
        };
        use Artifact::*;
        for (text, expect) in [
            ("in us-east-1", vec![(RegionCode, "us-east-1")]),
            ("zone eu-west-1a.", vec![(RegionCode, "eu-west-1a")]),
            ("us-gov-west-1", vec![(RegionCode, "us-gov-west-1")]),
            ("europe-west1", vec![(RegionCode, "europe-west1")]),
            ("us-central1-a", vec![(RegionCode, "us-central1-a")]),
            (
                "northamerica-northeast2",
                vec![(RegionCode, "northamerica-northeast2")],
            ),
            ("us-east-1ab", vec![]),
            ("bus-east-1", vec![]),
            ("us-east", vec![]),
            ("east-west-1", vec![]),
            ("US-EAST-1", vec![]),
            ("arn:aws:rds:x", vec![(ResourceName, "arn:aws")]),
            ("arn:aws-cn:s3", vec![(ResourceName, "arn:aws")]),
            ("barn:aws:x", vec![]),
            (
                "resource \"aws_db\" \"main\" {",
                vec![(IacSyntax, "resource \"aws_db\" \"")],
            ),
            ("module \"vpc\" {", vec![(IacSyntax, "module \"vpc\" {")]),
            ("the resource \"api\" is stateless", vec![]),
            ("the module owns it", vec![]),
            ("Type: AWS::RDS::DBInstance", vec![(IacSyntax, "AWS::R")]),
            (
                "AWSTemplateFormatVersion",
                vec![(IacSyntax, "AWSTemplateFormatVersion")],
            ),
            ("AWS:: alone", vec![]),
            (
                "apiVersion: v1",
                vec![(OrchestrationManifest, "apiVersion:")],
            ),
            ("myapiVersion: v1", vec![]),
            (
                "arn:aws:x in us-east-1",
                vec![(RegionCode, "us-east-1"), (ResourceName, "arn:aws")],
            ),
        ] {
            let expect: Vec<(Artifact, String)> =
                expect.into_iter().map(|(k, t)| (k, t.to_owned())).collect();
            assert_eq!(kinds(text), expect, "in {text:?}");
        }
    }
}
